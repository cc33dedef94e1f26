//! The certificates pallet's storage records, as the runtime stores them. What apps read (ids,
//! kinds, keys, states, versions, verdicts) is defined in `healthnet_primitives::certificates`
//! and re-exported here.

use frame_system::pallet_prelude::BlockNumberFor;
use sp_core::H256;

pub use healthnet_primitives::{certificates::*, supply::LotId};

/// An issuer key as the runtime stores it.
pub type IssuerKeyOf<T> = IssuerKey<BlockNumberFor<T>>;
/// A certificate as the runtime stores it.
pub type CertificateOf<T> = Certificate<BlockNumberFor<T>>;
/// A version of a certificate as the runtime stores it.
pub type VersionOf<T> = Version<BlockNumberFor<T>>;
/// What the chain says of a certificate version.
pub type VerdictOf<T> = Verdict<BlockNumberFor<T>>;

/// What an issuer signed, as an issue or an update gives it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Signed {
	/// The key that signed the payload.
	pub key: KeyId,
	/// The hash of the signed payload.
	pub payload_hash: H256,
	/// The first second (Unix time) it is valid.
	pub valid_from: u64,
	/// The second (Unix time) from which it is no longer valid.
	pub valid_until: u64,
}

/// A change to an issuer key's standing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeyChange {
	/// Suspend it.
	Suspend,
	/// Lift its suspension.
	Reinstate,
	/// Remove it for good.
	Remove,
}

/// A change to a certificate's state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StateChange {
	/// Revoke it for good.
	Revoke(RevocationReason),
	/// Suspend it.
	Suspend,
	/// Lift its suspension.
	Reinstate,
}
