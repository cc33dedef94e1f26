//! A test runtime with system and surveillance, a registry of a few organisations standing in
//! for the registry pallet, and a clock the tests set.

use frame_support::{
	derive_impl, parameter_types, traits::Hooks, weights::constants::ParityDbWeight,
};
use healthnet_primitives::{Capabilities, Capability, ClusterId, OrgId};
use healthnet_testing::{self as testing, TestOrg, TestRegistry};
use sp_runtime::{
	testing::{TestSignature, UintAuthorityId},
	BuildStorage,
};

use crate as pallet_surveillance;

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
	pub type Surveillance = pallet_surveillance;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	/// The database weights the `()` weights are generated with, so that what a call is charged
	/// for reading thresholds and writing alerts shows in the weights the tests check.
	type DbWeight = ParityDbWeight;
}

/// Ends the block (its hooks: the roll-up of the block's report changes) and starts the next,
/// with its hooks; the clock stays where [`set_now`] put it. Keeps the events, so that a test
/// counts them across blocks.
pub fn next_block() {
	let n = System::block_number();
	Surveillance::on_finalize(n);
	System::set_block_number(n + 1);
	Surveillance::on_initialize(n + 1);
}

/// Sets the clock to `millis` after the period `day` began.
pub fn set_now(day: u32, millis: u64) {
	testing::set_now(u64::from(day) * crate::PERIOD_MILLIS + millis);
}

parameter_types! {
	pub const MaxDiseaseCodeLength: u32 = 8;
	pub const MaxLineageLength: u32 = 12;
	pub const MaxVariantsPerReport: u32 = 3;
	pub const MaxVersionsPerReport: u32 = 4;
	pub const MaxDiseasesPerForm: u32 = 4;
	pub const MaxLineagesPerForm: u32 = 5;
	pub const MaxRegionCodeLength: u32 = 16;
	pub const MaxRegionDepth: u32 = 3;
	pub const MaxUriLength: u32 = 32;
	/// A year of days.
	pub const MaxReportAge: u32 = 366;
	pub const AlertWindow: u32 = 28;
	pub const MaxAlertExpiriesPerBlock: u32 = 4;
	/// A day's worth of 6-second blocks.
	pub const ReportingDeadline: u32 = 14_400;
	pub const MillisecsPerBlock: u64 = 6_000;
	/// A week, in milliseconds.
	pub const MaxOfflineValidity: u64 = 7 * 86_400_000;
	/// The stand-in registry's region limits: surveillance's own, as its integrity test wants.
	pub RegionLimits: (u32, u32) = (MaxRegionCodeLength::get(), MaxRegionDepth::get());
}

impl pallet_surveillance::Config for Test {
	type Registry = TestRegistry<RegionLimits>;
	type UnixTime = testing::Clock;
	type MaxDiseaseCodeLength = MaxDiseaseCodeLength;
	type MaxLineageLength = MaxLineageLength;
	type MaxVariantsPerReport = MaxVariantsPerReport;
	type MaxVersionsPerReport = MaxVersionsPerReport;
	type MaxDiseasesPerForm = MaxDiseasesPerForm;
	type MaxLineagesPerForm = MaxLineagesPerForm;
	type MaxRegionCodeLength = MaxRegionCodeLength;
	type MaxRegionDepth = MaxRegionDepth;
	type MaxUriLength = MaxUriLength;
	type MaxReportAge = MaxReportAge;
	type AlertWindow = AlertWindow;
	type MaxAlertExpiriesPerBlock = MaxAlertExpiriesPerBlock;
	type ReportingDeadline = ReportingDeadline;
	type MillisecsPerBlock = MillisecsPerBlock;
	type OfflineSignature = TestSignature;
	type OfflineSigner = UintAuthorityId;
	type MaxOfflineValidity = MaxOfflineValidity;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = Hierarchy;
}

/// The mock hierarchy's first facility and Karnataka's authority, for the benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub struct Hierarchy;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64, TestSignature> for Hierarchy {
	fn reporting_facility() -> (u64, u64) {
		(FACILITY, 20)
	}

	fn offline_signer(facility: &u64) -> u64 {
		*facility
	}

	fn sign(signer: &u64, message: &[u8]) -> TestSignature {
		TestSignature(*signer, message.to_vec())
	}
}

// Organisation 0 is India's national authority (admin account 10), 2 Kerala's regional
// authority (account 30), 7 a manufacturer in Karnataka that does not report (account 80).

/// Karnataka's regional authority; admin account 20.
pub const KARNATAKA: OrgId = 1;
/// Three reporting facilities of cluster 0 in Bengaluru (`IN-KA-BLR`); accounts 40, 50, 60.
pub const FACILITIES: [OrgId; 3] = [3, 4, 5];
/// A reporting facility in Mysuru (`IN-KA-MYS`) in no cluster; account 70.
pub const MYSURU: OrgId = 6;
/// The Bengaluru cluster.
pub const CLUSTER: ClusterId = 0;
/// The day the tests' clock is in: 2026-11-24.
pub const TODAY: u32 = 20_781;

/// The account of the first facility.
pub const FACILITY: u64 = 40;

/// The hierarchy of the constants above, the clock at noon of [`TODAY`], block 1.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let report = Capabilities::of(&[Capability::ReportCases]);
	let table = [
		(10, "IN", None, Capabilities::default(), true),
		(20, "IN-KA", None, Capabilities::default(), true),
		(30, "IN-KL", None, Capabilities::default(), true),
		(40, "IN-KA-BLR", Some(CLUSTER), report, false),
		(50, "IN-KA-BLR", Some(CLUSTER), report, false),
		(60, "IN-KA-BLR", Some(CLUSTER), report, false),
		(70, "IN-KA-MYS", None, report, false),
		(80, "IN-KA", None, Capabilities::of(&[Capability::Manufacture]), false),
	];
	testing::reset(
		table.into_iter().map(|(account, region, cluster, capabilities, authority)| {
			let org = TestOrg {
				region: region.as_bytes().to_vec(),
				cluster,
				capabilities,
				authority,
				active: true,
			};
			(account, org)
		}),
		[(CLUSTER, b"IN-KA-BLR".to_vec())],
	);
	set_now(TODAY, 12 * 3_600_000);
	let storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Moves an organisation of the stand-in registry into `cluster`, or out of any.
pub fn set_cluster(id: OrgId, cluster: Option<ClusterId>) {
	testing::update(id, |o| o.cluster = cluster);
}

/// Gives an organisation of the stand-in registry other capabilities.
pub fn set_capabilities(id: OrgId, capabilities: Capabilities) {
	testing::update(id, |o| o.capabilities = capabilities);
}

/// Suspends or reinstates an organisation of the stand-in registry.
pub fn set_active(id: OrgId, active: bool) {
	testing::update(id, |o| o.active = active);
}
