//! # Channels
//!
//! Secured channels between chosen organisations: a state authority, a laboratory and the
//! institutes it names share an outbreak investigation's line list or a batch of sequences
//! with one another, and with nobody else.
//!
//! ## Calls
//!
//! - [`Pallet::create_channel`]: an administrator of an active authority names a channel, its
//!   purpose and its expiry (at most [`Config::MaxLifetime`] ahead); the authority is its first
//!   member, and has at most [`Config::MaxOpenChannels`] open.
//! - [`Pallet::add_member`], [`Pallet::remove_member`]: the creator's administrator adds an
//!   active organisation (to a research agreement, only one with the `ReadResearchData`
//!   capability), at most [`Config::MaxMembers`], or removes one; a member's own administrator
//!   may leave. A removed member reads nothing from then on, old documents included.
//! - [`Pallet::close_channel`]: the creator's administrator ends it; its members go.
//! - [`Pallet::share_document`]: an account holding a sharing role in an active member
//!   registers a sealed document's hash and kind, at most [`Config::MaxSharesPerDay`] a day for
//!   its organisation in the channel: the gatekeeper then stores the document for that
//!   organisation, and its key wrapped for accounts that may read the channel.
//! - [`Pallet::record_read`]: an account that may read (a reading role in an active member of
//!   an open, unexpired channel) records its read of a document before the gatekeeper releases
//!   it; repeated reads of a document by an account are one line with a count.
//!
//! `docs/ARCHITECTURE.md` lists who may do what and every storage bound.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
mod rules;
#[cfg(test)]
mod tests;
pub mod types;
mod views;
pub mod weights;

pub use types::*;
pub use weights::WeightInfo;

use frame_support::{
	dispatch::DispatchResult,
	ensure,
	traits::{Get, UnixTime},
};
use healthnet_primitives::{
	channels::{ChannelId, ChannelPurpose, DocumentIndex, DocumentKind, ReadMark},
	OrgId, OrgRegistry,
};

/// What the benchmarks need from the runtime: an authority, and organisations to add.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// An administrator of an active authority that holds every role, and `n` further active
	/// organisations with the `ReadResearchData` capability, each with one account holding
	/// every role: (the authority's account, [(organisation, account)]).
	fn organisations(n: u32) -> (AccountId, alloc::vec::Vec<(OrgId, AccountId)>);
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// Who is who: organisations, their roles, capabilities and authorities.
		type Registry: OrgRegistry<Self::AccountId>;

		/// The clock channels expire by.
		type UnixTime: UnixTime;

		/// The longest channel name, in bytes.
		#[pallet::constant]
		type MaxNameLength: Get<u32>;

		/// The most member organisations of a channel, its creator among them.
		#[pallet::constant]
		type MaxMembers: Get<u32>;

		/// The most channels one authority has open.
		#[pallet::constant]
		type MaxOpenChannels: Get<u32>;

		/// The longest a channel lasts, in milliseconds from its creation.
		#[pallet::constant]
		type MaxLifetime: Get<u64>;

		/// The most documents one member organisation shares in a channel in a day.
		#[pallet::constant]
		type MaxSharesPerDay: Get<u32>;

		/// The weights of the calls.
		type WeightInfo: WeightInfo;

		/// Sets up what the benchmarks need outside this pallet.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// The number the next channel gets.
	#[pallet::storage]
	pub type NextChannelId<T: Config> = StorageValue<_, ChannelId, ValueQuery>;

	/// The channels, closed ones included.
	#[pallet::storage]
	pub type Channels<T: Config> = StorageMap<_, Twox64Concat, ChannelId, ChannelOf<T>>;

	/// Each channel's member organisations now, with the block each was added in: at most
	/// [`Config::MaxMembers`] per channel; a closed channel has none.
	#[pallet::storage]
	pub type Members<T: Config> =
		StorageDoubleMap<_, Twox64Concat, ChannelId, Twox64Concat, OrgId, BlockNumberFor<T>>;

	/// The channels each organisation is a member of now, for listing them.
	#[pallet::storage]
	pub type OrgChannels<T: Config> =
		StorageDoubleMap<_, Twox64Concat, OrgId, Twox64Concat, ChannelId, ()>;

	/// How many channels each authority has open: at most [`Config::MaxOpenChannels`].
	#[pallet::storage]
	pub type OpenChannels<T: Config> = StorageMap<_, Twox64Concat, OrgId, u32, ValueQuery>;

	/// The documents shared in each channel, by number.
	#[pallet::storage]
	pub type Documents<T: Config> =
		StorageDoubleMap<_, Twox64Concat, ChannelId, Twox64Concat, DocumentIndex, DocumentOf<T>>;

	/// The number of each document's hash in its channel: a hash is shared once per channel.
	#[pallet::storage]
	pub type DocumentHashes<T: Config> =
		StorageDoubleMap<_, Twox64Concat, ChannelId, Identity, [u8; 32], DocumentIndex>;

	/// How many documents each member shared in a channel on its last day of sharing.
	#[pallet::storage]
	pub type Shares<T: Config> =
		StorageDoubleMap<_, Twox64Concat, ChannelId, Twox64Concat, OrgId, DayCount, ValueQuery>;

	/// The audit: each account's reads of each document, one line per (document, account).
	#[pallet::storage]
	pub type Reads<T: Config> = StorageNMap<
		_,
		(
			NMapKey<Twox64Concat, ChannelId>,
			NMapKey<Twox64Concat, DocumentIndex>,
			NMapKey<Blake2_128Concat, T::AccountId>,
		),
		ReadMark<BlockNumberFor<T>>,
	>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// An authority created a channel.
		ChannelCreated { channel: ChannelId, creator: OrgId, purpose: ChannelPurpose, expires: u64 },
		/// An organisation became a member.
		MemberAdded { channel: ChannelId, org: OrgId },
		/// An organisation stopped being a member: removed by the creator (`by`) or left.
		MemberRemoved { channel: ChannelId, org: OrgId, by: OrgId },
		/// The creator closed the channel.
		ChannelClosed { channel: ChannelId },
		/// A member shared a document.
		DocumentShared {
			channel: ChannelId,
			index: DocumentIndex,
			kind: DocumentKind,
			author: OrgId,
			hash: [u8; 32],
		},
		/// An account of a member read a document.
		DocumentRead { channel: ChannelId, index: DocumentIndex, org: OrgId, reader: T::AccountId },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The caller is not a member account of any organisation.
		NotAMember,
		/// The caller's organisation is suspended.
		OrganisationNotActive,
		/// The caller is not an administrator of its organisation.
		NotAnAdmin,
		/// The caller's organisation is not an authority.
		NotAnAuthority,
		/// A channel's name is 1 to `MaxNameLength` bytes of text.
		BadName,
		/// The expiry is in the past, or further than `MaxLifetime` ahead.
		BadExpiry,
		/// The authority has the most channels open that it may.
		TooManyOpenChannels,
		/// There is no channel of this number.
		UnknownChannel,
		/// The channel is closed or expired.
		ChannelEnded,
		/// Only an administrator of the channel's creator does this.
		NotTheCreator,
		/// The organisation does not exist or is suspended.
		OrganisationUnavailable,
		/// A research agreement admits only organisations that may read research data.
		CannotReadResearchData,
		/// The organisation is a member already.
		AlreadyAMember,
		/// The channel has the most members it may.
		TooManyMembers,
		/// The organisation is not a member of the channel.
		NotAChannelMember,
		/// The creator stays a member; it closes the channel instead.
		CreatorStays,
		/// The caller holds none of the roles that share documents (admin, reporter).
		CannotShare,
		/// The caller holds none of the roles that read documents (admin, reporter, reviewer).
		CannotRead,
		/// The document was shared in this channel already.
		DuplicateDocument,
		/// The member has shared the most documents in this channel today.
		TooManySharesToday,
		/// The channel has no document of this number.
		UnknownDocument,
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Creates a channel of `purpose` named `name` until `expires` (milliseconds since
		/// 1970-01-01). Caller: an administrator of an active authority.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::create_channel())]
		pub fn create_channel(
			origin: OriginFor<T>,
			name: NameOf<T>,
			purpose: ChannelPurpose,
			expires: u64,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let (channel, creator) = Self::create(&who, name, purpose, expires)?;
			Self::deposit_event(Event::ChannelCreated { channel, creator, purpose, expires });
			Ok(())
		}

		/// Adds organisation `org` to a channel. Caller: an administrator of its creator.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::add_member())]
		pub fn add_member(origin: OriginFor<T>, channel: ChannelId, org: OrgId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::add(&who, channel, org)?;
			Self::deposit_event(Event::MemberAdded { channel, org });
			Ok(())
		}

		/// Removes organisation `org` from a channel. Caller: an administrator of the creator,
		/// or of `org` itself (leaving).
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::remove_member())]
		pub fn remove_member(
			origin: OriginFor<T>,
			channel: ChannelId,
			org: OrgId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let by = Self::remove(&who, channel, org)?;
			Self::deposit_event(Event::MemberRemoved { channel, org, by });
			Ok(())
		}

		/// Closes a channel: its members go, nothing is shared or read in it again. Caller: an
		/// administrator of its creator.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::close_channel(T::MaxMembers::get()))]
		pub fn close_channel(origin: OriginFor<T>, channel: ChannelId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			Self::close(&who, channel)?;
			Self::deposit_event(Event::ChannelClosed { channel });
			Ok(())
		}

		/// Registers a sealed document of `kind` whose BLAKE2b-256 hash is `hash` in a
		/// channel. Caller: an account holding a sharing role in an active member.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::share_document())]
		pub fn share_document(
			origin: OriginFor<T>,
			channel: ChannelId,
			kind: DocumentKind,
			hash: [u8; 32],
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let (index, author) = Self::share(&who, channel, kind, hash)?;
			Self::deposit_event(Event::DocumentShared { channel, index, kind, author, hash });
			Ok(())
		}

		/// Records the caller's read of document `index`, which the gatekeeper requires before
		/// it releases the document. Caller: an account that may read the channel.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::record_read())]
		pub fn record_read(
			origin: OriginFor<T>,
			channel: ChannelId,
			index: DocumentIndex,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let org = Self::read(&who, channel, index)?;
			Self::deposit_event(Event::DocumentRead { channel, index, org, reader: who });
			Ok(())
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxMembers::get() >= 2, "a channel holds its creator and another");
			assert!(T::MaxLifetime::get() > 0 && T::MaxSharesPerDay::get() > 0);
		}
	}
}
