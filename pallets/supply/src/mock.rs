//! A test runtime with system and supply, the stand-in registry of a small supply chain, a
//! clock the tests set, and the tests facilities "reported" to surveillance.

use core::cell::RefCell;
use std::collections::BTreeMap;

use frame_support::{derive_impl, parameter_types};
use healthnet_primitives::{
	instruments::{AttestedCounts, TestsAttested},
	supply::ReportedTests,
	surveillance::{Period, PERIOD_MILLIS},
	Capabilities, Capability, OrgId,
};
use healthnet_testing::{self as testing, TestOrg, TestRegistry};
use sp_runtime::{
	testing::{TestSignature, UintAuthorityId},
	BuildStorage,
};

use crate::{self as pallet_supply, *};

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
	pub type Supply = pallet_supply;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

thread_local! {
	static REPORTED: RefCell<BTreeMap<(OrgId, Vec<u8>, Period), ReportedTests>> = const { RefCell::new(BTreeMap::new()) };
	static ATTESTED: RefCell<BTreeMap<(OrgId, Vec<u8>, Period), AttestedCounts>> = const { RefCell::new(BTreeMap::new()) };
}

/// Sets the clock to noon of `day`.
pub fn set_today(day: Period) {
	testing::set_now(u64::from(day) * PERIOD_MILLIS + PERIOD_MILLIS / 2);
}

/// The tests facilities reported to surveillance, which the tests set.
pub struct Reported;
impl TestsReported for Reported {
	fn tests_reported(org: OrgId, disease: &[u8], period: Period) -> Option<ReportedTests> {
		REPORTED.with(|r| r.borrow().get(&(org, disease.to_vec(), period)).copied())
	}
}

/// Records that `org` reported `tests` tests of `disease` on `period`, none positive.
pub fn set_reported(org: OrgId, disease: &str, period: Period, tests: u32) {
	set_report(org, disease, period, tests, 0);
}

/// Records that `org` reported `tests` tests of `disease` on `period`, `positive` positive.
pub fn set_report(org: OrgId, disease: &str, period: Period, tests: u32, positive: u32) {
	let reported = ReportedTests { performed: tests, positive };
	REPORTED.with(|r| r.borrow_mut().insert((org, disease.as_bytes().to_vec(), period), reported));
}

/// What the tests say instruments attested.
pub struct Attested;
impl TestsAttested for Attested {
	fn attested(org: OrgId, disease: &[u8], period: Period) -> AttestedCounts {
		ATTESTED
			.with(|a| a.borrow().get(&(org, disease.to_vec(), period)).copied())
			.unwrap_or_default()
	}
}

/// Records that `org`'s instruments attested `tests` tests of `disease` on `period`,
/// `positives` positive.
pub fn set_attested(org: OrgId, disease: &str, period: Period, tests: u32, positives: u32) {
	let counts = AttestedCounts { tests, positives, ..Default::default() };
	ATTESTED.with(|a| a.borrow_mut().insert((org, disease.as_bytes().to_vec(), period), counts));
}

parameter_types! {
	pub const MaxLotNumberLength: u32 = 20;
	pub const MaxDiseaseCodeLength: u32 = 8;
	pub const MaxItemsPerShipment: u32 = 3;
	pub const MaxTraceLength: u32 = 40;
	pub const MaxSensorsPerHolder: u32 = 2;
	pub const MaxPrefixesPerManufacturer: u32 = 4;
	pub const MaxUseAge: u32 = 30;
	pub const MaxOpenRequisitions: u32 = 3;
	pub const RegionLimits: (u32, u32) = (16, 3);
}

impl pallet_supply::Config for Test {
	type Registry = TestRegistry<RegionLimits>;
	type UnixTime = testing::Clock;
	type TestsReported = Reported;
	type TestsAttested = Attested;
	type MaxLotNumberLength = MaxLotNumberLength;
	type MaxDiseaseCodeLength = MaxDiseaseCodeLength;
	type MaxItemsPerShipment = MaxItemsPerShipment;
	type MaxTraceLength = MaxTraceLength;
	type SensorSignature = TestSignature;
	type SensorSigner = UintAuthorityId;
	type MaxSensorsPerHolder = MaxSensorsPerHolder;
	type MaxPrefixesPerManufacturer = MaxPrefixesPerManufacturer;
	type MaxUseAge = MaxUseAge;
	type MaxOpenRequisitions = MaxOpenRequisitions;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = Chain;
}

/// India's national authority.
pub const INDIA: OrgId = 0;
/// Karnataka's authority.
pub const KARNATAKA: OrgId = 1;
/// A vaccine manufacturer in Pune.
pub const MAKER: OrgId = 2;
/// A distributor in Karnataka.
pub const DISTRIBUTOR: OrgId = 3;
/// A clinic in Bengaluru.
pub const CLINIC: OrgId = 4;
/// Another clinic in Bengaluru.
pub const OTHER_CLINIC: OrgId = 5;
/// A laboratory that holds no stock.
pub const LAB: OrgId = 6;
/// Another manufacturer.
pub const OTHER_MAKER: OrgId = 7;
/// Maharashtra's authority.
pub const MAHARASHTRA: OrgId = 8;
/// The organisations above, in order.
pub const ORGS: [OrgId; 9] =
	[INDIA, KARNATAKA, MAKER, DISTRIBUTOR, CLINIC, OTHER_CLINIC, LAB, OTHER_MAKER, MAHARASHTRA];

/// The member account of an organisation above.
pub fn account(org: OrgId) -> u64 {
	10 * (u64::from(org) + 1)
}

/// The tests' day: 2026-11-24.
pub const TODAY: Period = 20_781;

/// The chain above, the clock at noon of [`TODAY`], block 1.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let caps = |c: &[Capability]| Capabilities::of(c);
	let org = |region: &str, capabilities, authority| TestOrg {
		region: region.as_bytes().to_vec(),
		cluster: None,
		capabilities,
		authority,
		active: true,
	};
	let stock = caps(&[Capability::HoldStock]);
	let care = caps(&[Capability::HoldStock, Capability::ProvideCare]);
	testing::reset(
		[
			(account(INDIA), org("IN", Capabilities::default(), true)),
			(account(KARNATAKA), org("IN-KA", Capabilities::default(), true)),
			(account(MAKER), org("IN-MH-PUN", caps(&[Capability::Manufacture]), false)),
			(account(DISTRIBUTOR), org("IN-KA", stock, false)),
			(
				account(CLINIC),
				org(
					"IN-KA-BLR",
					caps(&[
						Capability::HoldStock,
						Capability::ReportCases,
						Capability::ProvideCare,
					]),
					false,
				),
			),
			(account(OTHER_CLINIC), org("IN-KA-BLR", care, false)),
			(account(LAB), org("IN-KA", caps(&[Capability::ReportCases]), false)),
			(account(OTHER_MAKER), org("IN-KA", caps(&[Capability::Manufacture]), false)),
			(account(MAHARASHTRA), org("IN-MH", Capabilities::default(), true)),
		],
		[],
	);
	REPORTED.with(|r| r.borrow_mut().clear());
	set_today(TODAY);
	// The manufacturer holds the GS1 prefixes of the tests' GTINs.
	let storage = RuntimeGenesisConfig {
		system: Default::default(),
		supply: pallet_supply::GenesisConfig {
			company_prefixes: vec![("890123".into(), MAKER), ("890987".into(), MAKER)],
			_config: Default::default(),
		},
	}
	.build_storage()
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// The benchmarks' organisations in the mock.
#[cfg(feature = "runtime-benchmarks")]
pub struct Chain;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64, TestSignature> for Chain {
	fn organisations() -> (u64, u64, u64, u64) {
		let prefix = b"000000000001".to_vec().try_into().expect("12 digits");
		assert!(Supply::assign_company_prefix(
			RuntimeOrigin::signed(account(INDIA)),
			MAKER,
			prefix
		)
		.is_ok());
		(account(MAKER), account(DISTRIBUTOR), account(CLINIC), account(INDIA))
	}

	fn sensor() -> u64 {
		999
	}

	fn sign(signer: &u64, message: &[u8]) -> TestSignature {
		TestSignature(*signer, message.to_vec())
	}
}

/// Logger `sensor`'s consent to report for `holder` on this chain.
pub fn sensor_proof(sensor: u64, holder: OrgId) -> TestSignature {
	let genesis = System::block_hash(0);
	TestSignature(sensor, healthnet_primitives::supply::sensor_proof_message(&genesis, holder))
}
