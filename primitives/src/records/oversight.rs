//! What the records pallet keeps to oversee access without reading a record: where the audit
//! trail holds a reader's latest access, emergency declarations with their reviews and each
//! organisation's tally, and a key recovery waiting for its delay.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};

use super::{AuditIndex, EmergencyReason, RecordId};
use crate::OrgId;

/// Where the audit trail holds an account's latest access to one target of a record for one
/// purpose: what the gatekeeper asks before it releases a document, in one look-up whatever
/// the trail's length.
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
pub struct AccessMark<BlockNumber> {
	/// The audit line that counts it.
	pub line: AuditIndex,
	/// The line's first block: repeated reads join the line until the coalescing period from
	/// it has passed.
	pub opened: BlockNumber,
	/// The block of the latest access.
	pub last: BlockNumber,
}

/// Numbers every emergency declaration on the chain, from 0.
pub type DeclarationId = u64;

/// What an authority over the declaring organisation decided of an emergency declaration.
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
pub enum Verdict {
	/// The emergency was real.
	Justified,
	/// The glass was broken without an emergency; it counts against the organisation.
	Abusive,
}

/// One emergency (break-glass) declaration, kept for its review.
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
pub struct EmergencyDeclaration<BlockNumber> {
	/// The record.
	pub record: RecordId,
	/// The organisation that broke the glass.
	pub org: OrgId,
	/// Why.
	pub reason: EmergencyReason,
	/// The block of the declaration.
	pub declared_at: BlockNumber,
	/// The last block of the access it opened.
	pub until: BlockNumber,
	/// The authority's review, once made.
	pub verdict: Option<Verdict>,
}

/// An organisation's emergency declarations, as its authority and the public see them.
#[derive(
	Clone,
	Copy,
	Debug,
	Default,
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
pub struct EmergencyTally {
	/// How many times it broke the glass.
	pub declared: u32,
	/// How many of those its authority found justified.
	pub justified: u32,
	/// How many its authority found abusive.
	pub abusive: u32,
}

/// A key recovery waiting for its delay and an authority's approval, as the patient's app and
/// the authority see it.
#[derive(
	Clone,
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
pub struct RecoveryView<Key, BlockNumber> {
	/// The key the record would move to.
	pub new_key: Key,
	/// The block of the request.
	pub requested_at: BlockNumber,
	/// The first block at which an authority may approve it; until then the patient's current
	/// key may refuse it.
	pub due: BlockNumber,
}
