//! The Healthnet domain pallets: who is who (the registry), and later surveillance, records,
//! supply and certificates.

use frame_support::{parameter_types, traits::Contains};

use crate::{
	configs::{CouncilCollective, TwoThirdsOfCouncil},
	AccountId, Runtime, RuntimeCall, RuntimeEvent,
};

parameter_types! {
	/// Room for a country, a subdivision and three local levels (`IN-KA-BLR-...`).
	pub const MaxRegionCodeLength: u32 = 32;
	/// A country, a subdivision and up to three local levels.
	pub const MaxRegionDepth: u32 = 5;
	/// Enough for the official name of any organisation.
	pub const MaxNameLength: u32 = 128;
	/// A large hospital's staff accounts that sign reports and records.
	pub const MaxMembersPerOrganisation: u32 = 1_000;
	/// The facilities of one locality's cluster.
	pub const MaxClusterSize: u32 = 200;
}

/// The accounts the membership gate admits without an organisation: the council members and
/// the validators the council has decided on.
pub struct CouncilAndValidators;
impl Contains<AccountId> for CouncilAndValidators {
	fn contains(who: &AccountId) -> bool {
		pallet_collective::Pallet::<Runtime, CouncilCollective>::is_member(who)
			|| pallet_validators::Validators::<Runtime>::get().contains(who)
	}
}

/// The calls any account may sign, known to the chain or not: the whole list of the membership
/// gate's exceptions. A new validator's operator registers (or withdraws) its session keys
/// from the validator account before the council admits it.
pub struct BootstrapCalls;
impl Contains<RuntimeCall> for BootstrapCalls {
	fn contains(call: &RuntimeCall) -> bool {
		matches!(
			call,
			RuntimeCall::Session(
				pallet_session::Call::set_keys { .. } | pallet_session::Call::purge_keys {}
			)
		)
	}
}

impl pallet_registry::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type CouncilOrigin = TwoThirdsOfCouncil;
	type MaxRegionCodeLength = MaxRegionCodeLength;
	type MaxRegionDepth = MaxRegionDepth;
	type MaxNameLength = MaxNameLength;
	type MaxMembersPerOrganisation = MaxMembersPerOrganisation;
	type MaxClusterSize = MaxClusterSize;
	type KnownAccounts = CouncilAndValidators;
	type OpenCalls = BootstrapCalls;
	type WeightInfo = pallet_registry::weights::SubstrateWeight<Runtime>;
}
