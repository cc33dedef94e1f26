//! Governance: the council of health authorities, its membership, and what its motions may
//! do here — change the validator set and authorize runtime upgrades.

use frame_support::{
	parameter_types,
	traits::{ConstU32, ConstU64, EitherOfDiverse},
	weights::Weight,
};
use frame_system::EnsureRoot;

use crate::{
	configs::RuntimeBlockWeights, AccountId, BlockNumber, Council, Runtime, RuntimeCall,
	RuntimeEvent, RuntimeOrigin, DAYS,
};

/// The council's collective: its members propose and vote on motions.
pub type CouncilCollective = pallet_collective::Instance1;

/// A motion of at least two thirds of the council. The root origin is accepted too so that a
/// chain with `Root` (a test or a try-runtime run) can exercise the same calls; no preset
/// gives anyone the root origin.
pub type TwoThirdsOfCouncil = EitherOfDiverse<
	EnsureRoot<AccountId>,
	pallet_collective::EnsureProportionAtLeast<AccountId, CouncilCollective, 2, 3>,
>;

/// The most health authorities on the council.
pub const MAX_COUNCIL_MEMBERS: u32 = 100;

parameter_types! {
	/// A motion that has not gathered its votes within a week can be closed as failed.
	pub const CouncilMotionDuration: BlockNumber = 7 * DAYS;
	/// A motion may use at most half a block, so that reports keep flowing while it executes.
	pub MaxProposalWeight: Weight =
		RuntimeBlockWeights::get().max_block * sp_runtime::Perbill::from_percent(50);
}

impl pallet_collective::Config<CouncilCollective> for Runtime {
	type RuntimeOrigin = RuntimeOrigin;
	type Proposal = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type MotionDuration = CouncilMotionDuration;
	type MaxProposals = ConstU32<100>;
	type MaxMembers = ConstU32<MAX_COUNCIL_MEMBERS>;
	/// A member who does not vote is not counted as agreeing.
	type DefaultVote = SilenceIsNotConsent;
	type WeightInfo = pallet_collective::weights::SubstrateWeight<Runtime>;
	/// Members change only through the membership pallet below, never directly.
	type SetMembersOrigin = EnsureRoot<AccountId>;
	type MaxProposalWeight = MaxProposalWeight;
	type DisapproveOrigin = TwoThirdsOfCouncil;
	type KillOrigin = TwoThirdsOfCouncil;
	/// Proposing costs no deposit: only council members can propose at all.
	type Consideration = ();
}

/// How the council counts a member who did not vote when a motion is closed after its
/// duration: never as aye, whatever the others or the prime voted, so that a motion passes only
/// with the ayes it asked for. (The collective's own `MoreThanMajorityThenPrimeDefaultVote`
/// counts every silent member as aye once more than half voted aye: 3 ayes of 5 would pass a
/// two-thirds motion.)
pub struct SilenceIsNotConsent;

impl pallet_collective::DefaultVote for SilenceIsNotConsent {
	fn default_vote(
		_prime_vote: Option<bool>,
		_yes_votes: pallet_collective::MemberCount,
		_no_votes: pallet_collective::MemberCount,
		_len: pallet_collective::MemberCount,
	) -> bool {
		false
	}
}

/// The council's membership, kept in one place and pushed into the collective on change.
pub type CouncilMembershipInstance = pallet_membership::Instance1;

impl pallet_membership::Config<CouncilMembershipInstance> for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type AddOrigin = TwoThirdsOfCouncil;
	type RemoveOrigin = TwoThirdsOfCouncil;
	type SwapOrigin = TwoThirdsOfCouncil;
	type ResetOrigin = TwoThirdsOfCouncil;
	type PrimeOrigin = TwoThirdsOfCouncil;
	type MembershipInitialized = Council;
	type MembershipChanged = Council;
	type MaxMembers = ConstU32<MAX_COUNCIL_MEMBERS>;
	type WeightInfo = pallet_membership::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	/// GRANDPA needs more than two thirds of the validators online; one validator alone is
	/// enough to keep a development chain going.
	pub const MinValidators: u32 = 1;
}

impl pallet_validators::Config for Runtime {
	type GovernanceOrigin = TwoThirdsOfCouncil;
	type MinValidators = MinValidators;
	type MaxValidators = ConstU32<{ crate::configs::MAX_AUTHORITIES }>;
	// A node per validator and, for each member organisation, a few full nodes.
	type MaxAllowedNodes = ConstU32<128>;
	type SlotDuration = ConstU64<{ crate::SLOT_DURATION }>;
	/// A test network's slot may be as short as a second: a debug node on a busy two-core
	/// machine still authors and imports a block in that time.
	type MinSlotDuration = ConstU64<1_000>;
	type SessionLength = ConstU32<{ crate::configs::SESSION_LENGTH }>;
	type FinalityRecovery = GrandpaStall;
	type WeightInfo = pallet_validators::weights::SubstrateWeight<Runtime>;
}

/// The council's recovery of a stalled finality reaches GRANDPA here: its `note_stalled`
/// call, which needs a Root origin that no transaction on this chain has; the council's
/// motion (through the validators pallet) stands for it.
pub struct GrandpaStall;
impl pallet_validators::NoteStalled<crate::BlockNumber> for GrandpaStall {
	fn note_stalled(delay: crate::BlockNumber, best_finalized: crate::BlockNumber) {
		let noted = crate::Grandpa::note_stalled(
			frame_system::RawOrigin::Root.into(),
			delay,
			best_finalized,
		);
		// The call checks only its origin, which is Root here.
		debug_assert!(noted.is_ok());
	}
}
