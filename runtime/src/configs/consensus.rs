//! Block authoring (Aura), finality (GRANDPA), the sessions at whose boundaries their
//! authority sets change, and the clock they share.

use frame_support::traits::{ConstBool, ConstU128, ConstU32, ConstU64};
use sp_consensus_aura::sr25519::AuthorityId as AuraId;
use sp_runtime::traits::{ConvertInto, OpaqueKeys};

use crate::{
	AccountId, Aura, Balances, BlockNumber, Runtime, RuntimeEvent, SessionKeys, Validators,
};

/// Blocks per session: an hour. A session rotation is charged a whole block by the session
/// pallet (its `on_initialize` returns the block's maximum), so at ten-block sessions one block
/// in ten carried no transaction; at an hour, one in 1,200. A changed validator set takes effect
/// at most two sessions (two hours) after the council decides it; a test network's genesis may
/// choose shorter sessions (`validators.sessionLength`).
pub const SESSION_LENGTH: BlockNumber = crate::HOURS;

/// Sessions of the chain's length ([`SESSION_LENGTH`] unless genesis chose fewer blocks),
/// counted from genesis.
type Sessions =
	pallet_session::PeriodicSessions<pallet_validators::SessionLengthOf<Runtime>, ConstU32<0>>;

impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type ValidatorId = AccountId;
	type ValidatorIdOf = ConvertInto;
	type ShouldEndSession = Sessions;
	type NextSessionRotation = Sessions;
	type SessionManager = Validators;
	type SessionHandler = <SessionKeys as OpaqueKeys>::KeyTypeIdProviders;
	type Keys = SessionKeys;
	/// Misbehaving validators are removed by the council, not disabled automatically.
	type DisablingStrategy = ();
	type WeightInfo = pallet_session::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	/// Only council-approved validators matter, so setting keys needs no deposit.
	type KeyDeposit = ConstU128<0>;
}

/// The most validators the chain can have; Aura and GRANDPA keep their lists bounded by it.
pub const MAX_AUTHORITIES: u32 = 100;

impl pallet_timestamp::Config for Runtime {
	type Moment = u64;
	type OnTimestampSet = Aura;
	/// Blocks are a slot apart, so two timestamps are at least half a slot apart. The slot is
	/// [`crate::SLOT_DURATION`] unless a test network's genesis chose a shorter one (the validators
	/// pallet keeps it).
	type MinimumPeriod = pallet_validators::HalfSlotDurationOf<Runtime>;
	type WeightInfo = crate::weights::pallet_timestamp::WeightInfo<Runtime>;
}

impl pallet_aura::Config for Runtime {
	type AuthorityId = AuraId;
	type DisabledValidators = ();
	type MaxAuthorities = ConstU32<MAX_AUTHORITIES>;
	type AllowMultipleBlocksPerSlot = ConstBool<false>;
	type SlotDuration = pallet_validators::SlotDurationOf<Runtime>;
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type MaxAuthorities = ConstU32<MAX_AUTHORITIES>;
	/// Validators are chosen by the council, not by stake: nobody nominates.
	type MaxNominators = ConstU32<0>;
	type MaxSetIdSessionEntries = ConstU64<0>;
	type KeyOwnerProof = sp_core::Void;
	type EquivocationReportSystem = ();
}
