//! A test runtime with system and channels, the stand-in registry of three authorities, a
//! laboratory, a research institute, a clinic and a suspended hospital, and a clock the tests
//! set.

use frame_support::{derive_impl, parameter_types};
use healthnet_primitives::{
	surveillance::PERIOD_MILLIS, Capabilities, Capability, OrgId, Role, Roles,
};
use healthnet_testing::{self as testing, TestOrg, TestRegistry};
use sp_runtime::BuildStorage;

use crate::{self as pallet_channels};

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
	pub type Channels = pallet_channels;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

parameter_types! {
	pub const RegionLimits: (u32, u32) = (16, 4);
	pub const MaxNameLength: u32 = 24;
	pub const MaxMembers: u32 = 4;
	pub const MaxOpenChannels: u32 = 2;
	pub const MaxLifetime: u64 = 30 * PERIOD_MILLIS;
	pub const MaxSharesPerDay: u32 = 3;
}

impl pallet_channels::Config for Test {
	type Registry = TestRegistry<RegionLimits>;
	type UnixTime = testing::Clock;
	type MaxNameLength = MaxNameLength;
	type MaxMembers = MaxMembers;
	type MaxOpenChannels = MaxOpenChannels;
	type MaxLifetime = MaxLifetime;
	type MaxSharesPerDay = MaxSharesPerDay;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = Chain;
}

/// India's national authority.
pub const INDIA: OrgId = 0;
/// Karnataka's authority.
pub const KARNATAKA: OrgId = 1;
/// Kerala's authority.
pub const KERALA: OrgId = 2;
/// A laboratory in Bengaluru.
pub const LAB: OrgId = 3;
/// A research institute, which may read research data.
pub const INSTITUTE: OrgId = 4;
/// A clinic in Bengaluru.
pub const CLINIC: OrgId = 5;
/// A hospital, suspended.
pub const HOSPITAL: OrgId = 6;
/// Organisations 7 and up, for filling channels.
pub const MORE: OrgId = 7;

/// The member account of an organisation above, holding every role.
pub fn account(org: OrgId) -> u64 {
	10 * (u64::from(org) + 1)
}

/// The laboratory's stock keeper, who holds no other role.
pub const LAB_STOCK_KEEPER: u64 = 41;
/// The laboratory's reviewer, who holds no other role.
pub const LAB_REVIEWER: u64 = 42;

/// The tests' start: noon of 2026-11-24, in milliseconds.
pub const NOW: u64 = 20_781 * PERIOD_MILLIS + PERIOD_MILLIS / 2;

/// The chain above, the clock at [`NOW`], block 1.
pub fn new_test_ext() -> sp_io::TestExternalities {
	let org = |region: &str, capabilities: &[Capability], authority, active| TestOrg {
		region: region.as_bytes().to_vec(),
		cluster: None,
		capabilities: Capabilities::of(capabilities),
		authority,
		active,
	};
	let mut orgs = vec![
		(account(INDIA), org("IN", &[], true, true)),
		(account(KARNATAKA), org("IN-KA", &[], true, true)),
		(account(KERALA), org("IN-KL", &[], true, true)),
		(account(LAB), org("IN-KA-BLR", &[Capability::ReportCases], false, true)),
		(account(INSTITUTE), org("IN-KA", &[Capability::ReadResearchData], false, true)),
		(account(CLINIC), org("IN-KA-BLR", &[Capability::ReportCases], false, true)),
		(account(HOSPITAL), org("IN-KA-BLR", &[Capability::ReportCases], false, false)),
	];
	for more in MORE..MORE + 8 {
		orgs.push((account(more), org("IN-KA", &[Capability::ReadResearchData], false, true)));
	}
	testing::reset(orgs, []);
	testing::add_with_roles(LAB_STOCK_KEEPER, LAB, Roles::of(&[Role::StockKeeper]));
	testing::add_with_roles(LAB_REVIEWER, LAB, Roles::of(&[Role::Reviewer]));
	testing::set_now(NOW);
	let storage = RuntimeGenesisConfig::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// The benchmarks' organisations in the mock.
#[cfg(feature = "runtime-benchmarks")]
pub struct Chain;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<u64> for Chain {
	fn organisations(n: u32) -> (u64, Vec<(OrgId, u64)>) {
		let others = (MORE..MORE + n.min(8)).map(|org| (org, account(org))).collect();
		(account(KARNATAKA), others)
	}
}
