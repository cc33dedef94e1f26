//! A test runtime with system and instruments, the stand-in registry of a laboratory, a
//! clinic, a hospital that may not report cases and three authorities, and a clock the tests
//! set. Instruments sign with `TestSignature`: account `n` signs as `UintAuthorityId(n)`.

use frame_support::{derive_impl, parameter_types};
use healthnet_primitives::{
	surveillance::{Period, PERIOD_MILLIS},
	Capabilities, Capability, OrgId, Role, Roles,
};
use healthnet_testing::{self as testing, TestOrg, TestRegistry};
use sp_runtime::{
	testing::{TestSignature, UintAuthorityId},
	BuildStorage,
};

use crate::{self as pallet_instruments};

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
	pub type Instruments = pallet_instruments;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

parameter_types! {
	pub const MaxTextLength: u32 = 16;
	pub const MaxInstrumentsPerHolder: u32 = 3;
	pub const MaxResultsPerBatch: u32 = 8;
	pub const MaxDiseaseCodeLength: u32 = 8;
	pub const MaxLineageLength: u32 = 12;
	pub const MaxResultAge: u32 = 30;
	pub const MaxLineagesPerDay: u32 = 3;
	pub const RegionLimits: (u32, u32) = (16, 4);
}

impl pallet_instruments::Config for Test {
	type Registry = TestRegistry<RegionLimits>;
	type UnixTime = testing::Clock;
	type InstrumentSignature = TestSignature;
	type InstrumentSigner = UintAuthorityId;
	type MaxTextLength = MaxTextLength;
	type MaxInstrumentsPerHolder = MaxInstrumentsPerHolder;
	type MaxResultsPerBatch = MaxResultsPerBatch;
	type MaxDiseaseCodeLength = MaxDiseaseCodeLength;
	type MaxLineageLength = MaxLineageLength;
	type MaxResultAge = MaxResultAge;
	type MaxLineagesPerDay = MaxLineagesPerDay;
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
/// A laboratory in Bengaluru that reports cases.
pub const LAB: OrgId = 3;
/// A clinic in Bengaluru that reports cases.
pub const CLINIC: OrgId = 4;
/// A hospital in Bengaluru that may not report cases.
pub const HOSPITAL: OrgId = 5;
/// Kerala's authority.
pub const KERALA: OrgId = 6;

/// The member account of an organisation above, holding every role.
pub fn account(org: OrgId) -> u64 {
	10 * (u64::from(org) + 1)
}

/// The laboratory's reporter, who holds no other role.
pub const LAB_REPORTER: u64 = 41;

/// The tests' day: 2026-11-24.
pub const TODAY: Period = 20_781;

/// Sets the clock to noon of `day`.
pub fn set_today(day: Period) {
	testing::set_now(u64::from(day) * PERIOD_MILLIS + PERIOD_MILLIS / 2);
}

/// The chain above, the clock at noon of [`TODAY`], block 1.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let org = |region: &str, capabilities: &[Capability], authority| TestOrg {
		region: region.as_bytes().to_vec(),
		cluster: None,
		capabilities: Capabilities::of(capabilities),
		authority,
		active: true,
	};
	testing::reset(
		[
			(account(INDIA), org("IN", &[], true)),
			(account(KARNATAKA), org("IN-KA", &[], true)),
			(account(BENGALURU), org("IN-KA-BLR", &[], true)),
			(account(LAB), org("IN-KA-BLR", &[Capability::ReportCases], false)),
			(account(CLINIC), org("IN-KA-BLR", &[Capability::ReportCases], false)),
			(account(HOSPITAL), org("IN-KA-BLR", &[Capability::HoldStock], false)),
			(account(KERALA), org("IN-KL", &[], true)),
		],
		[],
	);
	testing::add_with_roles(LAB_REPORTER, LAB, Roles::of(&[Role::Reporter]));
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
	fn accounts() -> (u64, u64, u64, u64) {
		(account(LAB), LAB_REPORTER, account(BENGALURU), account(KARNATAKA))
	}

	fn instrument() -> u64 {
		900
	}

	fn sign(message: &[u8]) -> TestSignature {
		TestSignature(900, message.to_vec())
	}
}
