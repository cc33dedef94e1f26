//! The channels' records: a channel as the chain keeps it, a shared document, and a day's
//! count of shares.

use codec::{Decode, Encode, MaxEncodedLen};
use frame_support::{
	traits::Get, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use frame_system::pallet_prelude::BlockNumberFor;
use healthnet_primitives::{
	channels::{ChannelPurpose, DocumentKind},
	OrgId,
};
use scale_info::TypeInfo;

/// A channel.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, MaxEncodedLen, TypeInfo,
)]
#[scale_info(skip_type_params(MaxName))]
pub struct Channel<MaxName: Get<u32>> {
	/// Its name.
	pub name: BoundedVec<u8, MaxName>,
	/// What it is for.
	pub purpose: ChannelPurpose,
	/// The authority that created it.
	pub creator: OrgId,
	/// When it ends, in milliseconds since 1970-01-01.
	pub expires: u64,
	/// Whether its creator closed it.
	pub closed: bool,
	/// How many member organisations it has now.
	pub members: u32,
	/// How many documents were shared in it: the next one's number.
	pub documents: u32,
}

/// A channel as this runtime stores it.
pub type ChannelOf<T> = Channel<<T as crate::Config>::MaxNameLength>;

/// A channel's name as a call gives it.
pub type NameOf<T> = BoundedVec<u8, <T as crate::Config>::MaxNameLength>;

/// A document shared in a channel: its hash and kind, never its content.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, MaxEncodedLen, TypeInfo)]
pub struct Document<AccountId, BlockNumber> {
	/// The BLAKE2b-256 hash of the sealed document.
	pub hash: [u8; 32],
	/// What it is.
	pub kind: DocumentKind,
	/// The member organisation that shared it.
	pub author: OrgId,
	/// The account that shared it.
	pub shared_by: AccountId,
	/// The block it was shared in.
	pub block: BlockNumber,
}

/// A document as this runtime stores it.
pub type DocumentOf<T> = Document<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;

/// How many of something an organisation did on one day, shared by the pallets that bound a
/// day's work.
pub use healthnet_primitives::DayCount;
