//! What the channels pallet, the gatekeeper and the client share: a channel's purpose, the
//! kinds of document shared in one, what apps read of channels and documents, and the mark
//! a read leaves in the channel's audit.
//!
//! A channel is a named set of organisations an authority gathers for a purpose, until an
//! expiry; its documents stay sealed off chain with the gatekeeper, known on chain only by
//! hash, kind, author and channel.

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;
use serde::{Deserialize, Serialize};

use crate::{OrgId, Page, Role};

/// A channel's number, from 0 in the order channels were created.
pub type ChannelId = u32;

/// A document's number in its channel, from 0.
pub type DocumentIndex = u32;

/// The roles of a member organisation's accounts that read a channel's documents: what a
/// line list or a batch of sequences is shared for (reporting, review, administration), not
/// stock keeping, care or certificates.
pub const READING_ROLES: [Role; 3] = [Role::Admin, Role::Reporter, Role::Reviewer];

/// The roles that share documents in a channel.
pub const SHARING_ROLES: [Role; 2] = [Role::Admin, Role::Reporter];

shared_enum! {
	/// What a channel is for.
	pub enum ChannelPurpose {
		/// An outbreak investigation: line lists, exposures, laboratory results.
		OutbreakInvestigation,
		/// Genomic surveillance: sequences and lineage reports.
		GenomicSurveillance,
		/// A research data agreement: every member other than its creator may read research
		/// data (the registry's `ReadResearchData` capability).
		ResearchAgreement,
	}
}

shared_enum! {
	/// What a shared document is.
	pub enum DocumentKind {
		/// A line list, as CSV.
		LineList,
		/// A FHIR bundle, as JSON.
		FhirBundle,
		/// Sequences, as FASTA.
		Sequences,
		/// A report, as PDF.
		Report,
	}
}

/// A channel as apps read it.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo, Serialize, Deserialize)]
pub struct ChannelView {
	/// Its number.
	pub id: ChannelId,
	/// Its name.
	pub name: Vec<u8>,
	/// What it is for.
	pub purpose: ChannelPurpose,
	/// The authority that created it, which adds and removes members.
	pub creator: OrgId,
	/// When it ends, in milliseconds since 1970-01-01: nothing is shared or read after.
	pub expires: u64,
	/// Whether its creator closed it: it has no members left.
	pub closed: bool,
	/// Its member organisations, the creator among them.
	pub members: Vec<OrgId>,
	/// How many documents were shared in it.
	pub documents: u32,
}

/// A document shared in a channel, as apps read it: never its content.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo, Serialize, Deserialize)]
pub struct DocumentView<AccountId, BlockNumber> {
	/// Its number in the channel.
	pub index: DocumentIndex,
	/// The BLAKE2b-256 hash of the sealed document the gatekeeper keeps.
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

/// The reads of one document by one account: the first and the last, and how many.
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
pub struct ReadMark<BlockNumber> {
	/// The block of the first read.
	pub first: BlockNumber,
	/// The block of the last read.
	pub last: BlockNumber,
	/// How many reads.
	pub count: u32,
}

/// A read of a channel's document, as the audit lists it.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode, TypeInfo, Serialize, Deserialize)]
pub struct ReadLine<AccountId, BlockNumber> {
	/// The document.
	pub index: DocumentIndex,
	/// The account that read it.
	pub reader: AccountId,
	/// Its reads.
	pub mark: ReadMark<BlockNumber>,
}

sp_api::decl_runtime_apis! {
	/// What apps and the gatekeeper read of channels.
	pub trait ChannelsApi<AccountId, BlockNumber> where AccountId: codec::Codec, BlockNumber: codec::Codec {
		/// A channel; `None` when there is none of this number.
		fn channel(id: ChannelId) -> Option<ChannelView>;
		/// The channels organisation `org` is a member of now, after `after`.
		fn channels_of(org: OrgId, after: Option<ChannelId>, limit: u32) -> Page<ChannelId, ChannelId>;
		/// A channel's documents from `from`.
		fn documents(channel: ChannelId, from: DocumentIndex, limit: u32) -> Page<DocumentView<AccountId, BlockNumber>, DocumentIndex>;
		/// Whether `account` may read the channel's documents now: a member account holding a
		/// reading role in an active member organisation of an open, unexpired channel.
		fn may_read(channel: ChannelId, account: AccountId) -> bool;
		/// `account`'s reads of a document, if any.
		fn read_mark(channel: ChannelId, index: DocumentIndex, account: AccountId) -> Option<ReadMark<BlockNumber>>;
		/// The reads of a channel's document `index`, by every account, after `after`.
		fn reads(channel: ChannelId, index: DocumentIndex, after: Option<AccountId>, limit: u32) -> Page<ReadLine<AccountId, BlockNumber>, AccountId>;
	}
}
