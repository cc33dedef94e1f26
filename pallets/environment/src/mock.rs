//! A test runtime with system and environment; the stand-in registry of a clinic and a
//! laboratory in Bengaluru's cluster, a clinic in Mysuru outside any cluster, and authorities
//! for India, Karnataka, Bengaluru and Kerala; stand-in instruments the tests register; and a
//! clock the tests set. Monitors sign with `TestSignature`: account `n` as
//! `UintAuthorityId(n)`.

use std::{cell::RefCell, collections::BTreeMap};

use frame_support::{derive_impl, parameter_types};
use healthnet_primitives::{
	instruments::{InstrumentInfo, InstrumentKind, InstrumentLookup},
	surveillance::{Period, PERIOD_MILLIS},
	Capabilities, Capability, OrgId, Role, Roles,
};
use healthnet_testing::{self as testing, TestOrg, TestRegistry};
use sp_runtime::{
	testing::{TestSignature, UintAuthorityId},
	BuildStorage,
};

use crate::{self as pallet_environment};

type Block = frame_system::mocking::MockBlock<Test>;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Test;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Environment = pallet_environment;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

parameter_types! {
	pub const MaxReadingsPerBatch: u32 = 8;
	pub const MaxReadingAge: u32 = 30;
	pub const AlertLookback: u32 = 7;
	pub const MinHoursPerDay: u8 = 18;
	pub const MaxRegionCodeLength: u32 = 16;
	pub const RegionLimits: (u32, u32) = (16, 4);
}

thread_local! {
	static INSTRUMENTS: RefCell<BTreeMap<u64, InstrumentInfo>> = const { RefCell::new(BTreeMap::new()) };
}

/// The stand-in instruments pallet.
pub struct Instruments;
impl InstrumentLookup<u64> for Instruments {
	fn instrument_info(account: &u64) -> Option<InstrumentInfo> {
		INSTRUMENTS.with(|i| i.borrow().get(account).copied())
	}
}

/// Registers `monitor` of `kind` for `holder`, active and counting from the epoch.
pub fn register(monitor: u64, holder: OrgId, kind: InstrumentKind) {
	let info = InstrumentInfo { holder, kind, active: true, counts_from: 0 };
	INSTRUMENTS.with(|i| i.borrow_mut().insert(monitor, info));
}

/// Changes a registered instrument as the instruments pallet would (a suspension, a
/// reinstatement).
pub fn update_instrument(monitor: u64, change: impl FnOnce(&mut InstrumentInfo)) {
	INSTRUMENTS.with(|i| change(i.borrow_mut().get_mut(&monitor).expect("registered")));
}

impl pallet_environment::Config for Test {
	type Registry = TestRegistry<RegionLimits>;
	type Instruments = Instruments;
	type UnixTime = testing::Clock;
	type MonitorSignature = TestSignature;
	type MonitorSigner = UintAuthorityId;
	type MaxReadingsPerBatch = MaxReadingsPerBatch;
	type MaxReadingAge = MaxReadingAge;
	type MinHoursPerDay = MinHoursPerDay;
	type AlertLookback = AlertLookback;
	type MaxRegionCodeLength = MaxRegionCodeLength;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = Chain;
}

/// India's national authority.
pub const INDIA: OrgId = 0;
/// Karnataka's authority.
pub const KARNATAKA: OrgId = 1;
/// Bengaluru's district authority.
pub const BENGALURU: OrgId = 2;
/// A clinic in Bengaluru's cluster.
pub const CLINIC: OrgId = 3;
/// A laboratory in Bengaluru's cluster.
pub const LAB: OrgId = 4;
/// A clinic in Mysuru, in no cluster.
pub const MYSURU_CLINIC: OrgId = 5;
/// Kerala's authority.
pub const KERALA: OrgId = 6;
/// The world health authority, over every region.
pub const WORLD: OrgId = 7;
/// Bengaluru's cluster.
pub const CLUSTER: u32 = 7;

/// The member account of an organisation above, holding every role.
pub fn account(org: OrgId) -> u64 {
	10 * (u64::from(org) + 1)
}

/// The clinic's reporter, who holds no other role.
pub const CLINIC_REPORTER: u64 = 41;
/// Karnataka's key officer, who is not a reviewer.
pub const KARNATAKA_OFFICER: u64 = 21;
/// The clinic's gamma dose-rate probe.
pub const PROBE: u64 = 900;
/// The laboratory's gamma dose-rate probe.
pub const LAB_PROBE: u64 = 901;
/// The clinic's PM2.5 monitor.
pub const AIR: u64 = 902;
/// The Mysuru clinic's gamma probe.
pub const MYSURU_PROBE: u64 = 903;
/// The clinic's PCR analyser, a diagnostic instrument.
pub const ANALYSER: u64 = 904;

/// The tests' day: 2026-11-24.
pub const TODAY: Period = 20_781;

/// Sets the clock to noon of `day`.
pub fn set_today(day: Period) {
	testing::set_now(u64::from(day) * PERIOD_MILLIS + PERIOD_MILLIS / 2);
}

/// The chain above with its instruments, the clock at noon of [`TODAY`], block 1.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let org = |region: &str, cluster, capabilities: &[Capability], authority| TestOrg {
		region: region.as_bytes().to_vec(),
		cluster,
		capabilities: Capabilities::of(capabilities),
		authority,
		active: true,
	};
	let reports = &[Capability::ReportCases];
	testing::reset(
		[
			(account(INDIA), org("IN", None, &[], true)),
			(account(KARNATAKA), org("IN-KA", None, &[], true)),
			(account(BENGALURU), org("IN-KA-BLR", None, &[], true)),
			(account(CLINIC), org("IN-KA-BLR", Some(CLUSTER), reports, false)),
			(account(LAB), org("IN-KA-BLR", Some(CLUSTER), reports, false)),
			(account(MYSURU_CLINIC), org("IN-KA-MYS", None, reports, false)),
			(account(KERALA), org("IN-KL", None, &[], true)),
			(account(WORLD), org("", None, &[], true)),
		],
		[(CLUSTER, b"IN-KA-BLR".to_vec())],
	);
	testing::add_with_roles(CLINIC_REPORTER, CLINIC, Roles::of(&[Role::Reporter]));
	testing::add_with_roles(KARNATAKA_OFFICER, KARNATAKA, Roles::of(&[Role::KeyOfficer]));
	INSTRUMENTS.with(|i| i.borrow_mut().clear());
	register(PROBE, CLINIC, InstrumentKind::GammaDoseRateMonitor);
	register(LAB_PROBE, LAB, InstrumentKind::GammaDoseRateMonitor);
	register(AIR, CLINIC, InstrumentKind::AirQualityMonitor);
	register(MYSURU_PROBE, MYSURU_CLINIC, InstrumentKind::GammaDoseRateMonitor);
	register(ANALYSER, CLINIC, InstrumentKind::PcrAnalyser);
	set_today(TODAY);
	let storage = RuntimeGenesisConfig::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// The benchmarks' organisations in the mock.
#[cfg(feature = "runtime-benchmarks")]
pub struct Chain;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64, TestSignature> for Chain {
	fn accounts() -> (u64, u64) {
		(account(CLINIC), account(BENGALURU))
	}

	fn monitor(kind: InstrumentKind) -> u64 {
		register(950, CLINIC, kind);
		950
	}

	fn sign(message: &[u8]) -> TestSignature {
		TestSignature(950, message.to_vec())
	}
}
