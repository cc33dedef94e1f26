//! A test runtime with system and surveillance, a registry of a few organisations standing in
//! for the registry pallet, and a clock the tests set.

use core::cell::RefCell;
use std::collections::BTreeMap;

use frame_support::{derive_impl, parameter_types, traits::UnixTime};
use healthnet_primitives::{
	registry::{region_contains, Membership},
	Capabilities, Capability, ClusterId, OrgId, OrgRegistry,
};
use sp_runtime::BuildStorage;

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
}

/// An organisation of the stand-in registry.
#[derive(Clone)]
pub struct MockOrg {
	pub region: Vec<u8>,
	pub cluster: Option<ClusterId>,
	pub capabilities: Capabilities,
	pub authority: bool,
	pub active: bool,
}

thread_local! {
	static ORGS: RefCell<BTreeMap<OrgId, MockOrg>> = RefCell::new(BTreeMap::new());
	static ACCOUNTS: RefCell<BTreeMap<u64, OrgId>> = RefCell::new(BTreeMap::new());
	static CLUSTERS: RefCell<BTreeMap<ClusterId, Vec<u8>>> = RefCell::new(BTreeMap::new());
	static NOW_MILLIS: RefCell<u64> = const { RefCell::new(0) };
}

/// The stand-in registry.
pub struct Registry;

fn org(id: OrgId) -> Option<MockOrg> {
	ORGS.with(|orgs| orgs.borrow().get(&id).cloned())
}

impl OrgRegistry<u64> for Registry {
	fn membership_of(who: &u64) -> Option<Membership> {
		let id = Self::org_of(who)?;
		let o = org(id)?;
		Some(Membership {
			org: id,
			active: o.active,
			capabilities: o.capabilities,
			region: o.region,
			cluster: o.cluster,
		})
	}
	fn region_limits() -> (u32, u32) {
		(MaxRegionCodeLength::get(), MaxRegionDepth::get())
	}
	fn active_org_of(who: &u64) -> Option<OrgId> {
		Self::org_of(who).filter(|id| org(*id).is_some_and(|o| o.active))
	}
	fn has_capability(who: &u64, capability: Capability) -> bool {
		Self::active_org_of(who).is_some_and(|id| Self::org_has_capability(id, capability))
	}
	fn is_authority_over(who: &u64, region: &[u8]) -> bool {
		Self::active_org_of(who)
			.and_then(org)
			.is_some_and(|o| o.authority && region_contains(&o.region, region))
	}
	fn region_of(id: OrgId) -> Option<Vec<u8>> {
		org(id).map(|o| o.region)
	}
	fn cluster_of(id: OrgId) -> Option<ClusterId> {
		org(id).and_then(|o| o.cluster)
	}
	fn org_of(who: &u64) -> Option<OrgId> {
		ACCOUNTS.with(|accounts| accounts.borrow().get(who).copied())
	}
	fn org_has_capability(id: OrgId, capability: Capability) -> bool {
		org(id).is_some_and(|o| o.active && o.capabilities.has(capability))
	}
	fn cluster_region(cluster: ClusterId) -> Option<Vec<u8>> {
		CLUSTERS.with(|clusters| clusters.borrow().get(&cluster).cloned())
	}
	fn cluster_members(cluster: ClusterId) -> Vec<OrgId> {
		ORGS.with(|orgs| {
			orgs.borrow()
				.iter()
				.filter(|(_, o)| o.cluster == Some(cluster))
				.map(|(id, _)| *id)
				.collect()
		})
	}
	fn organisations_within(region: &[u8]) -> Vec<OrgId> {
		ORGS.with(|orgs| {
			orgs.borrow()
				.iter()
				.filter(|(_, o)| region_contains(region, &o.region))
				.map(|(id, _)| *id)
				.collect()
		})
	}
}

/// The chain's clock, which the tests set.
pub struct Clock;
impl UnixTime for Clock {
	fn now() -> core::time::Duration {
		core::time::Duration::from_millis(NOW_MILLIS.with(|now| *now.borrow()))
	}
}

/// Sets the clock to `millis` after the period `day` began.
pub fn set_now(day: u32, millis: u64) {
	NOW_MILLIS.with(|now| *now.borrow_mut() = u64::from(day) * crate::PERIOD_MILLIS + millis);
}

parameter_types! {
	pub const MaxDiseaseCodeLength: u32 = 8;
	pub const MaxLineageLength: u32 = 12;
	pub const MaxVariantsPerReport: u32 = 3;
	pub const MaxVersionsPerReport: u32 = 4;
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
}

impl pallet_surveillance::Config for Test {
	type Registry = Registry;
	type UnixTime = Clock;
	type MaxDiseaseCodeLength = MaxDiseaseCodeLength;
	type MaxLineageLength = MaxLineageLength;
	type MaxVariantsPerReport = MaxVariantsPerReport;
	type MaxVersionsPerReport = MaxVersionsPerReport;
	type MaxRegionCodeLength = MaxRegionCodeLength;
	type MaxRegionDepth = MaxRegionDepth;
	type MaxUriLength = MaxUriLength;
	type MaxReportAge = MaxReportAge;
	type AlertWindow = AlertWindow;
	type MaxAlertExpiriesPerBlock = MaxAlertExpiriesPerBlock;
	type ReportingDeadline = ReportingDeadline;
	type MillisecsPerBlock = MillisecsPerBlock;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = Hierarchy;
}

/// The mock hierarchy's first facility and Karnataka's authority, for the benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub struct Hierarchy;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64> for Hierarchy {
	fn reporting_facility() -> (u64, u64) {
		(FACILITY, 20)
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
	ORGS.with(|orgs| orgs.borrow_mut().clear());
	ACCOUNTS.with(|accounts| accounts.borrow_mut().clear());
	for (id, (account, region, cluster, capabilities, authority)) in table.into_iter().enumerate() {
		let record = MockOrg {
			region: region.as_bytes().to_vec(),
			cluster,
			capabilities,
			authority,
			active: true,
		};
		ORGS.with(|orgs| orgs.borrow_mut().insert(id as OrgId, record));
		ACCOUNTS.with(|accounts| accounts.borrow_mut().insert(account, id as OrgId));
	}
	CLUSTERS.with(|clusters| *clusters.borrow_mut() = [(CLUSTER, b"IN-KA-BLR".to_vec())].into());
	set_now(TODAY, 12 * 3_600_000);
	let storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Moves an organisation of the stand-in registry into `cluster`, or out of any.
pub fn set_cluster(id: OrgId, cluster: Option<ClusterId>) {
	ORGS.with(|orgs| orgs.borrow_mut().get_mut(&id).unwrap().cluster = cluster);
}

/// Gives an organisation of the stand-in registry other capabilities.
pub fn set_capabilities(id: OrgId, capabilities: Capabilities) {
	ORGS.with(|orgs| orgs.borrow_mut().get_mut(&id).unwrap().capabilities = capabilities);
}

/// Suspends or reinstates an organisation of the stand-in registry.
pub fn set_active(id: OrgId, active: bool) {
	ORGS.with(|orgs| orgs.borrow_mut().get_mut(&id).unwrap().active = active);
}
