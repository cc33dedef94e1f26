//! # Validators
//!
//! Who runs the Healthnet chain and what code it runs: the permissioned validator set, which
//! only the council changes, runtime upgrades, which only the council authorizes, and the allow
//! list of a closed network's nodes, which only the council keeps.
//!
//! ## Overview
//!
//! The pallet keeps the set of validators the council has decided on. A change takes effect at
//! a session boundary: the pallet is the runtime's [`pallet_session::SessionManager`], so the
//! set decided during session `n` is queued when session `n + 1` starts and becomes the active
//! Aura and GRANDPA authority set when session `n + 2` starts. The shape follows Rococo's
//! `validator_manager`.
//!
//! ## Calls
//!
//! Every call needs [`Config::GovernanceOrigin`], in Healthnet a motion of at least two thirds
//! of the council:
//!
//! - [`Pallet::add_validator`]: adds an account that has already set its session keys, so that
//!   no validator enters the set without keys and silently fails to author.
//! - [`Pallet::remove_validator`]: removes a validator, never below
//!   [`Config::MinValidators`].
//!
//! - [`Pallet::recover_finality`]: when finality has stalled because too many validators are
//!   gone for good (GRANDPA needs more than two thirds of them), removes them and, once the
//!   set without them is the active one, notes the stall
//!   ([`Config::FinalityRecovery`], GRANDPA's `note_stalled` in Healthnet), so that the
//!   remaining validators take over finality `delay` blocks later.
//!
//! - [`Pallet::authorize_upgrade`]: authorizes the runtime code with a given hash. Anyone may
//!   then enact it with `System::apply_authorized_upgrade(code)`, so the motion itself stays
//!   small however large the code is; the code must carry a higher `spec_version` than the
//!   running runtime and the same `spec_name`.
//!
//! - [`Pallet::allow_nodes`]: lists nodes, by network key, as allowed to connect and sync.
//!   The first listing closes the network: every node reads [`AllowedNodes`] at its finalized
//!   block (the node's `closed_network` task) and from then on talks the chain's protocols only
//!   to the nodes listed. [`Pallet::disallow_nodes`] takes nodes off the list, never the last
//!   one, since an empty list would open the network again.
//!
//! Every change emits an event, and so does every new set handed to the session pallet.
//!
//! ## Block time
//!
//! The pallet also holds the chain's slot length, which Aura and the timestamp pallet read
//! through [`SlotDurationOf`]. It is [`Config::SlotDuration`], the production block time, unless
//! the genesis of a test network chose a shorter one ([`GenesisConfig::slot_duration`], never
//! below [`Config::MinSlotDuration`]): the end-to-end tests run their networks that way, so
//! that the node under test is the shipped one. No call changes it after genesis.
//!
//! The same holds for the session length ([`SessionLengthOf`]): [`Config::SessionLength`]
//! blocks (an hour in Healthnet, so that a session rotation, which the session pallet charges
//! a whole block, costs one block in 1,200), unless a test network's genesis chose fewer
//! ([`GenesisConfig::session_length`]) so that its validator changes take effect in seconds.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod weights;
pub use weights::WeightInfo;

use alloc::vec::Vec;
use healthnet_primitives::network::NodeKey;
use sp_runtime::traits::Zero;

/// The chain's slot length in milliseconds: what genesis chose, or else
/// [`Config::SlotDuration`]. Aura's `SlotDuration` and, halved, the timestamp pallet's
/// `MinimumPeriod`.
pub struct SlotDurationOf<T>(core::marker::PhantomData<T>);
impl<T: Config> frame_support::traits::Get<u64> for SlotDurationOf<T> {
	fn get() -> u64 {
		GenesisSlotDuration::<T>::get().unwrap_or_else(T::SlotDuration::get)
	}
}

/// The chain's session length in blocks: what genesis chose, or else [`Config::SessionLength`].
/// The session pallet's `PeriodicSessions` period.
pub struct SessionLengthOf<T>(core::marker::PhantomData<T>);
impl<T: Config> frame_support::traits::Get<frame_system::pallet_prelude::BlockNumberFor<T>>
	for SessionLengthOf<T>
{
	fn get() -> frame_system::pallet_prelude::BlockNumberFor<T> {
		GenesisSessionLength::<T>::get().unwrap_or_else(T::SessionLength::get)
	}
}

/// Half of [`SlotDurationOf`]: the least time between two blocks' timestamps.
pub struct HalfSlotDurationOf<T>(core::marker::PhantomData<T>);
impl<T: Config> frame_support::traits::Get<u64> for HalfSlotDurationOf<T> {
	fn get() -> u64 {
		SlotDurationOf::<T>::get() / 2
	}
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config + pallet_session::Config {
		/// Who may change the validator set and authorize runtime upgrades: in Healthnet, two
		/// thirds of the council.
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The fewest validators the network may have; removals below it are refused.
		#[pallet::constant]
		type MinValidators: Get<u32>;

		/// The most validators the network may have.
		#[pallet::constant]
		type MaxValidators: Get<u32>;

		/// The most nodes the allow list of a closed network holds.
		#[pallet::constant]
		type MaxAllowedNodes: Get<u32>;

		/// The slot length in milliseconds, one block per slot, unless genesis chose another.
		#[pallet::constant]
		type SlotDuration: Get<u64>;

		/// The shortest slot a test network's genesis may choose, in milliseconds.
		#[pallet::constant]
		type MinSlotDuration: Get<u64>;

		/// Blocks per session, unless genesis chose fewer: a changed validator set takes effect
		/// at the second session boundary after the council decides it.
		#[pallet::constant]
		type SessionLength: Get<BlockNumberFor<Self>>;

		/// What is told when finality has stalled: GRANDPA's `note_stalled` in Healthnet.
		type FinalityRecovery: NoteStalled<BlockNumberFor<Self>>;

		/// Weights of the calls, generated by `scripts/bench`.
		type WeightInfo: WeightInfo;
	}

	/// The validators the council has decided on, in the order they were added. This is the
	/// set the next session change hands to the session pallet; the active set may lag it by
	/// up to two sessions.
	#[pallet::storage]
	pub type Validators<T: Config> =
		StorageValue<_, BoundedVec<T::ValidatorId, T::MaxValidators>, ValueQuery>;

	/// Whether [`Validators`] changed since it was last handed to the session pallet.
	#[pallet::storage]
	pub type SetChanged<T: Config> = StorageValue<_, bool, ValueQuery>;

	/// A finality recovery the council decided: the session at whose start the stall is noted
	/// (the first whose active set is the one without the removed validators), the delay and
	/// the last block finalized before the stall.
	#[pallet::storage]
	pub type PendingRecovery<T: Config> =
		StorageValue<_, (u32, BlockNumberFor<T>, BlockNumberFor<T>)>;

	/// The nodes allowed to connect and sync, by network key, with the block that listed each.
	/// While it is empty the network is open (see `healthnet_primitives::network`).
	#[pallet::storage]
	pub type AllowedNodes<T: Config> =
		CountedStorageMap<_, Blake2_128Concat, NodeKey, BlockNumberFor<T>>;

	/// The slot length in milliseconds that a test network's genesis chose. Absent on every
	/// production network, whose slot is [`Config::SlotDuration`]; see [`SlotDurationOf`].
	#[pallet::storage]
	pub type GenesisSlotDuration<T: Config> = StorageValue<_, u64>;

	/// The session length in blocks that a test network's genesis chose. Absent on every
	/// production network, whose sessions are [`Config::SessionLength`]; see
	/// [`SessionLengthOf`].
	#[pallet::storage]
	pub type GenesisSessionLength<T: Config> = StorageValue<_, BlockNumberFor<T>>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The validators of the first sessions; their keys go in the session pallet's genesis.
		pub validators: Vec<T::ValidatorId>,
		/// A slot shorter than [`Config::SlotDuration`], in milliseconds, for a test network
		/// that should run faster; `None` (the default) keeps the production block time.
		#[serde(default, skip_serializing_if = "Option::is_none")]
		pub slot_duration: Option<u64>,
		/// Sessions shorter than [`Config::SessionLength`], in blocks, for a test network whose
		/// validator changes should take effect sooner; `None` (the default) keeps the
		/// production length.
		#[serde(default, skip_serializing_if = "Option::is_none")]
		pub session_length: Option<BlockNumberFor<T>>,
		/// The network keys of the nodes a network that starts closed allows from its first
		/// block, each named once; empty (the default) starts it open.
		#[serde(default, skip_serializing_if = "Vec::is_empty")]
		pub allowed_nodes: Vec<NodeKey>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			// An empty list leaves the first sessions to the session pallet's genesis keys.
			let count = self.validators.len() as u32;
			assert!(
				count == 0 || count >= T::MinValidators::get(),
				"genesis has fewer than MinValidators"
			);
			assert!(count <= T::MaxValidators::get(), "genesis has more than MaxValidators");
			Validators::<T>::put(BoundedVec::truncate_from(self.validators.clone()));
			if let Some(slot) = self.slot_duration {
				assert!(
					slot >= T::MinSlotDuration::get() && slot <= T::SlotDuration::get(),
					"genesis slot_duration must lie between MinSlotDuration and SlotDuration"
				);
				// Timestamps must be able to advance by exactly half a slot.
				assert!(slot % 2 == 0, "genesis slot_duration must be an even number of ms");
				GenesisSlotDuration::<T>::put(slot);
			}
			if let Some(length) = self.session_length {
				assert!(
					!length.is_zero() && length <= T::SessionLength::get(),
					"genesis session_length must lie between 1 and SessionLength"
				);
				GenesisSessionLength::<T>::put(length);
			}
			assert!(
				self.allowed_nodes.len() as u32 <= T::MaxAllowedNodes::get(),
				"genesis allows more nodes than MaxAllowedNodes"
			);
			for node in &self.allowed_nodes {
				assert!(!AllowedNodes::<T>::contains_key(node), "genesis allows a node twice");
				AllowedNodes::<T>::insert(node, BlockNumberFor::<T>::zero());
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// The council added a validator; it authors from the second session boundary on.
		ValidatorAdded { validator: T::ValidatorId },
		/// The council removed a validator; it stops authoring at the second session boundary.
		ValidatorRemoved { validator: T::ValidatorId },
		/// A changed validator set was handed to the session pallet for session `session`.
		ValidatorSetQueued { session: u32, validators: u32 },
		/// The council decided a finality recovery: `removed` validators leave, and the stall
		/// is noted when session `session` starts.
		FinalityRecoveryScheduled { session: u32, removed: u32 },
		/// The stall was noted: the active validators take over finality `delay` blocks after
		/// this session's change.
		FinalityStallNoted { session: u32, delay: BlockNumberFor<T> },
		/// The council allowed the node with network key `node` to connect and sync.
		NodeAllowed { node: NodeKey },
		/// The council took the node with network key `node` off the allow list.
		NodeDisallowed { node: NodeKey },
		/// The first nodes were listed: from the block that finalizes this, only the `nodes`
		/// listed may connect and sync.
		NetworkClosed { nodes: u32 },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account is already a validator.
		AlreadyValidator,
		/// The account is not a validator.
		NotValidator,
		/// The account has not set its session keys with `session.set_keys`, so it could not
		/// author or vote.
		NoSessionKeys,
		/// The removal would leave fewer validators than the configured minimum.
		TooFewValidators,
		/// The set already has the configured maximum of validators.
		TooManyValidators,
		/// A finality recovery is already under way.
		RecoveryPending,
		/// A validator is named twice.
		DuplicateValidator,
		/// The last finalized block cannot be after the current one.
		FinalizedInFuture,
		/// The delay before the recovered set takes over must be at least one block.
		ZeroDelay,
		/// No node is named.
		NoNodes,
		/// A node is named twice.
		DuplicateNode,
		/// The node is already on the allow list.
		NodeAlreadyAllowed,
		/// The node is not on the allow list.
		NodeNotAllowed,
		/// The allow list would hold more than the configured maximum of nodes.
		TooManyNodes,
		/// The allow list would be empty, which opens the network to every node; a closed
		/// network keeps at least one node listed.
		WouldOpenNetwork,
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Adds `validator` to the set from the second session boundary on. The account must
		/// already have set its session keys.
		#[pallet::call_index(0)]
		#[pallet::weight(<T as Config>::WeightInfo::add_validator(T::MaxValidators::get()))]
		pub fn add_validator(origin: OriginFor<T>, validator: T::ValidatorId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			ensure!(
				pallet_session::NextKeys::<T>::contains_key(&validator),
				Error::<T>::NoSessionKeys
			);
			Validators::<T>::try_mutate(|validators| -> DispatchResult {
				ensure!(!validators.contains(&validator), Error::<T>::AlreadyValidator);
				validators
					.try_push(validator.clone())
					.map_err(|_| Error::<T>::TooManyValidators)?;
				Ok(())
			})?;
			SetChanged::<T>::put(true);
			Self::deposit_event(Event::ValidatorAdded { validator });
			Ok(())
		}

		/// Removes `validator` from the set from the second session boundary on.
		#[pallet::call_index(1)]
		#[pallet::weight(<T as Config>::WeightInfo::remove_validator(T::MaxValidators::get()))]
		pub fn remove_validator(origin: OriginFor<T>, validator: T::ValidatorId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Validators::<T>::try_mutate(|validators| -> DispatchResult {
				let position = validators
					.iter()
					.position(|v| v == &validator)
					.ok_or(Error::<T>::NotValidator)?;
				ensure!(
					validators.len() as u32 > T::MinValidators::get(),
					Error::<T>::TooFewValidators
				);
				validators.remove(position);
				Ok(())
			})?;
			SetChanged::<T>::put(true);
			Self::deposit_event(Event::ValidatorRemoved { validator });
			Ok(())
		}

		/// Recovers a stalled finality: removes `remove` (the validators gone for good) and, when
		/// the set without them becomes the active one (the second session boundary; the next
		/// one when nobody is removed), notes that finality stalled after block
		/// `best_finalized`, so that the active validators take over finality `delay` blocks
		/// after that boundary. Caller: [`Config::GovernanceOrigin`].
		#[pallet::call_index(3)]
		#[pallet::weight(<T as Config>::WeightInfo::recover_finality(remove.len() as u32))]
		pub fn recover_finality(
			origin: OriginFor<T>,
			remove: BoundedVec<T::ValidatorId, T::MaxValidators>,
			delay: BlockNumberFor<T>,
			best_finalized: BlockNumberFor<T>,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			ensure!(!PendingRecovery::<T>::exists(), Error::<T>::RecoveryPending);
			ensure!(!delay.is_zero(), Error::<T>::ZeroDelay);
			ensure!(
				best_finalized <= frame_system::Pallet::<T>::block_number(),
				Error::<T>::FinalizedInFuture
			);
			Validators::<T>::try_mutate(|validators| -> DispatchResult {
				for (i, validator) in remove.iter().enumerate() {
					ensure!(!remove[..i].contains(validator), Error::<T>::DuplicateValidator);
					let position = validators
						.iter()
						.position(|v| v == validator)
						.ok_or(Error::<T>::NotValidator)?;
					validators.remove(position);
				}
				ensure!(
					validators.len() as u32 >= T::MinValidators::get(),
					Error::<T>::TooFewValidators
				);
				Ok(())
			})?;
			let current = pallet_session::Pallet::<T>::current_index();
			let session = if remove.is_empty() {
				current + 1
			} else {
				SetChanged::<T>::put(true);
				current + 2
			};
			PendingRecovery::<T>::put((session, delay, best_finalized));
			for validator in &remove {
				Self::deposit_event(Event::ValidatorRemoved { validator: validator.clone() });
			}
			Self::deposit_event(Event::FinalityRecoveryScheduled {
				session,
				removed: remove.len() as u32,
			});
			Ok(())
		}

		/// Allows the nodes whose network keys are `nodes` to connect and sync. The first listing
		/// closes the network: from the block that finalizes it, every node talks only to the
		/// nodes listed, so the motion that closes a network lists every node that is to stay
		/// in it, the validators' first. Caller: [`Config::GovernanceOrigin`].
		#[pallet::call_index(4)]
		#[pallet::weight(<T as Config>::WeightInfo::allow_nodes(nodes.len() as u32))]
		pub fn allow_nodes(
			origin: OriginFor<T>,
			nodes: BoundedVec<NodeKey, T::MaxAllowedNodes>,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::ensure_named_once(&nodes)?;
			for node in &nodes {
				ensure!(!AllowedNodes::<T>::contains_key(node), Error::<T>::NodeAlreadyAllowed);
			}
			let listed = AllowedNodes::<T>::count();
			ensure!(
				listed + nodes.len() as u32 <= T::MaxAllowedNodes::get(),
				Error::<T>::TooManyNodes
			);
			let now = frame_system::Pallet::<T>::block_number();
			for node in nodes {
				AllowedNodes::<T>::insert(node, now);
				Self::deposit_event(Event::NodeAllowed { node });
			}
			if listed == 0 {
				Self::deposit_event(Event::NetworkClosed { nodes: AllowedNodes::<T>::count() });
			}
			Ok(())
		}

		/// Takes the nodes whose network keys are `nodes` off the allow list; the other nodes
		/// drop them from the block that finalizes this. At least one node stays listed.
		/// Caller: [`Config::GovernanceOrigin`].
		#[pallet::call_index(5)]
		#[pallet::weight(<T as Config>::WeightInfo::disallow_nodes(nodes.len() as u32))]
		pub fn disallow_nodes(
			origin: OriginFor<T>,
			nodes: BoundedVec<NodeKey, T::MaxAllowedNodes>,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::ensure_named_once(&nodes)?;
			for node in &nodes {
				ensure!(AllowedNodes::<T>::contains_key(node), Error::<T>::NodeNotAllowed);
			}
			ensure!(AllowedNodes::<T>::count() > nodes.len() as u32, Error::<T>::WouldOpenNetwork);
			for node in nodes {
				AllowedNodes::<T>::remove(node);
				Self::deposit_event(Event::NodeDisallowed { node });
			}
			Ok(())
		}

		/// Authorizes the runtime code whose hash is `code_hash`; anyone may then enact it with
		/// `System::apply_authorized_upgrade`. The system pallet emits `UpgradeAuthorized`, and
		/// checks at enactment that the code's `spec_version` is higher than the running one.
		#[pallet::call_index(2)]
		#[pallet::weight(<T as Config>::WeightInfo::authorize_upgrade())]
		pub fn authorize_upgrade(origin: OriginFor<T>, code_hash: T::Hash) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			frame_system::Pallet::<T>::do_authorize_upgrade(code_hash, true);
			Ok(())
		}
	}
}

impl<T: Config> Pallet<T> {
	/// The nodes allowed to connect and sync; empty while the network is open.
	pub fn allowed_nodes() -> Vec<NodeKey> {
		AllowedNodes::<T>::iter_keys().collect()
	}

	/// `nodes` name at least one node and none twice.
	fn ensure_named_once(nodes: &[NodeKey]) -> Result<(), Error<T>> {
		frame_support::ensure!(!nodes.is_empty(), Error::<T>::NoNodes);
		for (i, node) in nodes.iter().enumerate() {
			frame_support::ensure!(!nodes[..i].contains(node), Error::<T>::DuplicateNode);
		}
		Ok(())
	}
}

impl<T: Config> pallet_session::SessionManager<T::ValidatorId> for Pallet<T> {
	fn new_session(new_index: u32) -> Option<Vec<T::ValidatorId>> {
		if !SetChanged::<T>::take() {
			return None;
		}
		let validators = Validators::<T>::get().into_inner();
		Self::deposit_event(Event::ValidatorSetQueued {
			session: new_index,
			validators: validators.len() as u32,
		});
		Some(validators)
	}

	fn new_session_genesis(_new_index: u32) -> Option<Vec<T::ValidatorId>> {
		let validators = Validators::<T>::get();
		(!validators.is_empty()).then(|| validators.into_inner())
	}

	fn end_session(_end_index: u32) {}

	fn start_session(start_index: u32) {
		// The session pallet calls this before it hands the new active set to GRANDPA, which
		// then schedules the forced change to that set.
		if let Some((session, delay, best_finalized)) = PendingRecovery::<T>::get() {
			if session == start_index {
				PendingRecovery::<T>::kill();
				T::FinalityRecovery::note_stalled(delay, best_finalized);
				Self::deposit_event(Event::FinalityStallNoted { session, delay });
			}
		}
	}
}

/// What the validators pallet tells the finality gadget when the council recovers a stalled
/// finality.
pub trait NoteStalled<BlockNumber> {
	/// Finality stalled after block `best_finalized`: the authority set the next session
	/// change hands over is to take over `delay` blocks after that change, finalized or not.
	fn note_stalled(delay: BlockNumber, best_finalized: BlockNumber);
}
