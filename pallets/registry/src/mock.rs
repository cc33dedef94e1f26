//! A test runtime with system and the registry, Root standing in for the council, and a small
//! demonstration hierarchy built through the pallet's own calls.

use frame_support::{derive_impl, parameter_types, traits::Contains};
use healthnet_primitives::{Capabilities, Capability, OrgId};
use sp_runtime::BuildStorage;

use crate::{self as pallet_registry, OrgKind};

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
	pub type Registry = pallet_registry;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type BaseCallFilter = NoHeapPages;
}

/// The mock runtime's call filter: it refuses `set_heap_pages`, and nothing else.
pub struct NoHeapPages;
impl frame_support::traits::Contains<RuntimeCall> for NoHeapPages {
	fn contains(call: &RuntimeCall) -> bool {
		!matches!(call, RuntimeCall::System(frame_system::Call::set_heap_pages { .. }))
	}
}

parameter_types! {
	pub const MaxRegionCodeLength: u32 = 16;
	pub const MaxRegionDepth: u32 = 4;
	pub const MaxNameLength: u32 = 32;
	pub const MaxMembersPerOrganisation: u32 = 4;
	pub const MaxClusterSize: u32 = 3;
}

/// The account the membership gate admits without an organisation, standing in for a council
/// member or a validator.
pub const COUNCILLOR: u64 = 1;

/// The accounts the gate admits without an organisation: [`COUNCILLOR`].
pub struct KnownAccounts;
impl Contains<u64> for KnownAccounts {
	fn contains(who: &u64) -> bool {
		*who == COUNCILLOR
	}
}

parameter_types! {
	/// What asking [`KnownAccounts`] stands for: the runtime's reads of the council's and the
	/// validators' lists, which the gate gives back to the transactions it admits before.
	pub const KnownAccountsReads: frame_support::weights::Weight =
		frame_support::weights::Weight::from_parts(1_000, 0);
}

/// The calls anyone may sign, standing in for the runtime's bootstrap steps: a remark with an
/// event.
pub struct OpenCalls;
impl Contains<RuntimeCall> for OpenCalls {
	fn contains(call: &RuntimeCall) -> bool {
		matches!(call, RuntimeCall::System(frame_system::Call::remark_with_event { .. }))
	}
}

impl pallet_registry::Config for Test {
	type CouncilOrigin = frame_system::EnsureRoot<u64>;
	type MaxRegionCodeLength = MaxRegionCodeLength;
	type MaxRegionDepth = MaxRegionDepth;
	type MaxNameLength = MaxNameLength;
	type MaxMembersPerOrganisation = MaxMembersPerOrganisation;
	type MaxClusterSize = MaxClusterSize;
	type KnownAccounts = KnownAccounts;
	type KnownAccountsReads = KnownAccountsReads;
	type RefusedCalls = frame_support::traits::Nothing;
	type DeviceCalls = Device;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
	type OpenCalls = OpenCalls;
	type WeightInfo = ();
}

/// The national authority of India, registered by the council; admin account 10.
pub const INDIA: OrgId = 0;
/// The regional authority of Karnataka, registered by India; admin account 20.
pub const KARNATAKA: OrgId = 1;
/// The regional authority of Kerala, registered by India; admin account 30.
pub const KERALA: OrgId = 2;
/// A hospital in Bengaluru that reports cases, registered by Karnataka; admin account 40.
pub const HOSPITAL: OrgId = 3;

/// An empty registry at block 1.
pub fn new_test_ext() -> sp_io::TestExternalities {
	with_genesis(Default::default())
}

/// A registry that starts from `genesis`, at block 1.
pub fn with_genesis(genesis: pallet_registry::GenesisConfig<Test>) -> sp_io::TestExternalities {
	let storage = RuntimeGenesisConfig { system: Default::default(), registry: genesis }
		.build_storage()
		.unwrap();
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// The mock's one device, account 77: the gate admits it for declining invitations of
/// organisation 3 and nothing else.
pub struct Device;
impl frame_support::traits::ContainsPair<u64, RuntimeCall> for Device {
	fn contains(who: &u64, call: &RuntimeCall) -> bool {
		*who == 77
			&& matches!(call, RuntimeCall::Registry(crate::Call::decline_invitation { org: 3 }))
	}
}

/// India, Karnataka, Kerala and a Bengaluru hospital, registered through the calls.
pub fn with_hierarchy() -> sp_io::TestExternalities {
	let mut ext = new_test_ext();
	ext.execute_with(|| {
		Registry::register_authority(
			RuntimeOrigin::root(),
			OrgKind::NationalAuthority,
			b"India".to_vec().try_into().unwrap(),
			b"IN".to_vec().try_into().unwrap(),
			10,
		)
		.unwrap();
		Registry::accept_membership(RuntimeOrigin::signed(10), 0).unwrap();
		register(10, OrgKind::RegionalAuthority, "IN-KA", 20).unwrap();
		register(10, OrgKind::RegionalAuthority, "IN-KL", 30).unwrap();
		register(20, OrgKind::Hospital, "IN-KA-BLR", 40).unwrap();
	});
	ext
}

/// `caller` registers an organisation of `kind` in `region` with admin `admin`, able to
/// report cases, named for all three; `admin` accepts the invitation.
pub fn register(
	caller: u64,
	kind: OrgKind,
	region: &str,
	admin: u64,
) -> frame_support::dispatch::DispatchResult {
	let org = crate::NextOrgId::<Test>::get();
	Registry::register_organisation(
		RuntimeOrigin::signed(caller),
		kind,
		format!("{kind:?} {region} {admin}").into_bytes().try_into().unwrap(),
		region.as_bytes().to_vec().try_into().unwrap(),
		Capabilities::of(&[Capability::ReportCases]),
		admin,
		None,
	)?;
	Registry::accept_membership(RuntimeOrigin::signed(admin), org)
}

/// `admin` invites `account` into its organisation with `roles`, and `account` accepts.
pub fn join(
	admin: u64,
	account: u64,
	roles: crate::Roles,
) -> frame_support::dispatch::DispatchResult {
	Registry::invite_member(RuntimeOrigin::signed(admin), account, roles)?;
	let org = crate::Members::<Test>::get(admin).expect("the admin is a member").0;
	Registry::accept_membership(RuntimeOrigin::signed(account), org)
}

/// A genesis organisation of `kind` in `region` under `parent`, reporting cases, with the
/// member accounts `members` (the first an admin).
pub fn genesis_organisation(
	kind: OrgKind,
	region: &str,
	parent: Option<OrgId>,
	cluster: Option<u32>,
	members: &[(u64, crate::Roles)],
) -> crate::GenesisOrganisation<u64> {
	crate::GenesisOrganisation {
		kind,
		name: format!("{kind:?} {region}"),
		region: region.into(),
		parent,
		capabilities: vec![Capability::ReportCases],
		cluster,
		members: members.to_vec(),
	}
}
