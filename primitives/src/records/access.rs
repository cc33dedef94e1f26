//! The answer to "may this account access this record?": what lets a reader in, why one is
//! refused, and what a read names.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};

use super::{ConsentId, EntryIndex, ResourceType};

/// What lets a reader in: one of the record's consents, or the reader's organisation's
/// emergency access.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub enum Grant<BlockNumber> {
	/// A consent of the patient.
	Consent(ConsentId),
	/// Break-glass access, declared by the reader's organisation, that lasts until a block.
	Emergency {
		/// The last block it covers.
		until: BlockNumber,
	},
}

/// Why an access is refused. The pallet fails the call with the error of the same name.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	PartialOrd,
	Ord,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub enum Refusal {
	/// The reader is not a member of an active organisation.
	NotAMember,
	/// The record does not exist.
	UnknownRecord,
	/// The patient has granted the reader's organisation nothing, and it has no emergency
	/// access.
	NoConsent,
	/// The organisation's consents are for other purposes.
	PurposeNotConsented,
	/// The organisation's consents for this purpose do not cover this resource type.
	ScopeDoesNotCover,
	/// The organisation may read, not write.
	ConsentReadOnly,
	/// The consent that would allow it was revoked.
	ConsentWasRevoked,
	/// The consent that would allow it has expired.
	ConsentExpired,
	/// Only an emergency access allows it, and an emergency access reads: what the team
	/// writes needs a consent.
	EmergencyReadOnly,
	/// The reader's organisation may, but the reader does not hold the clinician role there.
	NotAClinician,
}

/// The answer to "may this account access this record?".
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub enum AccessDecision<BlockNumber> {
	/// Allowed, by this grant.
	Allowed(Grant<BlockNumber>),
	/// Refused, for this reason.
	Refused(Refusal),
}

/// What a reader asks to read: one entry, or every entry of one resource type.
#[derive(
	Clone,
	Copy,
	Debug,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	MaxEncodedLen,
	TypeInfo,
	Serialize,
	Deserialize,
)]
pub enum AccessTarget {
	/// One entry.
	Entry(EntryIndex),
	/// The entries of one resource type.
	Type(ResourceType),
}
