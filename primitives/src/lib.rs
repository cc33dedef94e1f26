//! # Healthnet primitives
//!
//! Types that more than one Healthnet crate needs: the runtime, the node, the pallets and the
//! client all agree on what an account, a balance and a block number are by importing them
//! from here.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use sp_runtime::{
	traits::{IdentifyAccount, Verify},
	MultiSignature,
};

/// The signature scheme of the chain: sr25519, ed25519 or ecdsa, chosen by the signer.
pub type Signature = MultiSignature;

/// An account on the chain: the public key behind a [`Signature`].
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;

/// An amount of the chain's fee token.
pub type Balance = u128;

/// The number of a block; at 3 seconds a block it lasts for more than 400 years.
pub type BlockNumber = u32;

/// How many transactions an account has sent.
pub type Nonce = u32;

/// The hash of a block or of any other data on the chain.
pub type Hash = sp_core::H256;

/// The target time between two blocks, in milliseconds. Aura slots are this long.
pub const MILLISECS_PER_BLOCK: u64 = 3_000;

/// Declares a field-less enum that the runtime stores (SCALE, bounded) and apps read as JSON.
macro_rules! shared_enum {
	($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident),* $(,)? }) => {
		$(#[$meta])*
		#[derive(
			Clone, Copy, Debug, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking,
			MaxEncodedLen, TypeInfo, Serialize, Deserialize,
		)]
		pub enum $name { $($(#[$vmeta])* $variant),* }
	};
}

/// How many of something an organisation did on one day (days since 1970-01-01).
#[derive(
	Clone,
	Copy,
	Debug,
	Default,
	PartialEq,
	Eq,
	codec::Encode,
	codec::Decode,
	codec::MaxEncodedLen,
	scale_info::TypeInfo,
)]
pub struct DayCount {
	/// The day.
	pub day: u32,
	/// How many that day.
	pub count: u32,
}

impl DayCount {
	/// The count on `day` after one more, if it stays within `most`.
	pub fn one_more(self, day: u32, most: u32) -> Option<DayCount> {
		let count = if self.day == day { self.count } else { 0 };
		(count < most).then_some(DayCount { day, count: count + 1 })
	}
}

/// The most items one page of a listing runtime API answers; a larger `limit` is cut to it.
pub const MAX_PAGE: u32 = 100;

/// One page of a listing: its items and, when more may follow, the cursor to ask from next
/// (the listing answers what comes after it). Apps read every page at the same block.
#[derive(
	Clone,
	Debug,
	PartialEq,
	Eq,
	codec::Encode,
	codec::Decode,
	scale_info::TypeInfo,
	serde::Serialize,
	serde::Deserialize,
)]
pub struct Page<T, C> {
	/// The items, in the listing's order.
	pub items: alloc::vec::Vec<T>,
	/// Where the next page starts: `None` when this page is the last.
	pub next: Option<C>,
}

pub mod bench;
pub mod certificates;
pub mod channels;
pub mod environment;
pub mod instruments;
pub mod network;
pub mod records;
pub mod registry;
pub mod supply;
pub mod surveillance;
pub use registry::{
	Capabilities, Capability, ClusterId, OrgId, OrgRegistry, Role, Roles, UNKNOWN_SIGNER,
};
