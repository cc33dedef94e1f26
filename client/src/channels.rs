//! Secured channels: the calls that create a channel, change its members, share a sealed
//! document's hash and record a read; the words people type for purposes and kinds; the reads
//! of channels, their documents and their audit; and the accounts a document's key is wrapped
//! for (every account that may read the channel at the finalized head).

use healthnet_primitives::{
	channels::{
		ChannelId, ChannelPurpose, ChannelView, DocumentIndex, DocumentKind, DocumentView,
		ReadLine, ReadMark, READING_ROLES,
	},
	BlockNumber, OrgId, Roles,
};
use subxt::utils::{AccountId32, H256};
use subxt_rpcs::rpc_params;

use crate::{
	api::{self, runtime_types::bounded_collections::bounded_vec::BoundedVec},
	words::{choose, same},
	Client, Error,
};

/// The namespace a channel's documents are bound to in the gatekeeper's store, apart from
/// any record's: BLAKE2b-256 of this tag and the channel's number.
pub fn store_namespace(channel: ChannelId) -> [u8; 32] {
	sp_crypto_hashing::blake2_256(&[&b"healthnet/channel/v1"[..], &channel.to_le_bytes()].concat())
}

/// Reads a channel's purpose as people type it.
pub fn purpose(word: &str) -> Result<ChannelPurpose, Error> {
	choose(
		"channel purpose",
		word,
		&[
			("outbreak-investigation", ChannelPurpose::OutbreakInvestigation),
			("genomic-surveillance", ChannelPurpose::GenomicSurveillance),
			("research-agreement", ChannelPurpose::ResearchAgreement),
		],
	)
}

/// Reads a document kind as people type it.
pub fn document_kind(word: &str) -> Result<DocumentKind, Error> {
	choose(
		"kind of document",
		word,
		&[
			("line-list", DocumentKind::LineList),
			("fhir-bundle", DocumentKind::FhirBundle),
			("sequences", DocumentKind::Sequences),
			("report", DocumentKind::Report),
		],
	)
}

/// An administrator of an authority creates a channel named `name` for `purpose`, ending at
/// `expires` (milliseconds since 1970-01-01).
pub fn create_channel(
	name: &str,
	purpose: ChannelPurpose,
	expires: u64,
) -> Result<impl subxt::tx::Payload, Error> {
	Ok(api::tx().channels().create_channel(
		BoundedVec(name.as_bytes().to_vec()),
		same(&purpose)?,
		expires,
	))
}

/// The creator's administrator adds organisation `org`.
pub fn add_member(channel: ChannelId, org: OrgId) -> impl subxt::tx::Payload {
	api::tx().channels().add_member(channel, org)
}

/// The creator's administrator removes `org`, or `org`'s administrator leaves.
pub fn remove_member(channel: ChannelId, org: OrgId) -> impl subxt::tx::Payload {
	api::tx().channels().remove_member(channel, org)
}

/// The creator's administrator closes the channel.
pub fn close_channel(channel: ChannelId) -> impl subxt::tx::Payload {
	api::tx().channels().close_channel(channel)
}

/// A member shares the sealed document whose hash is `hash`.
pub fn share_document(
	channel: ChannelId,
	kind: DocumentKind,
	hash: H256,
) -> Result<impl subxt::tx::Payload, Error> {
	Ok(api::tx().channels().share_document(channel, same(&kind)?, hash.0))
}

/// The number of the document a finalized `share_document` registered, from its event.
pub fn shared_index(included: &crate::Included) -> Result<DocumentIndex, Error> {
	use codec::Decode;
	included
		.event("Channels", "DocumentShared")
		.and_then(|e| <(ChannelId, DocumentIndex)>::decode(&mut &e.bytes[..]).ok())
		.map(|(_, index)| index)
		.ok_or_else(|| {
			Error::Node("the transaction emitted no Channels.DocumentShared event".into())
		})
}

/// A reader records its read of document `index`, before the gatekeeper releases it.
pub fn record_read(channel: ChannelId, index: DocumentIndex) -> impl subxt::tx::Payload {
	api::tx().channels().record_read(channel, index)
}

impl Client {
	/// `healthnet_channel`: a channel with its members, at `at` (the best block when `None`).
	pub async fn channel(
		&self,
		id: ChannelId,
		at: Option<H256>,
	) -> Result<Option<ChannelView>, Error> {
		self.request("healthnet_channel", rpc_params![id, at]).await
	}

	/// Every channel `org` is a member of, at the finalized block.
	pub async fn channels_of(&self, org: OrgId) -> Result<Vec<ChannelId>, Error> {
		self.every_page("healthnet_channelsOf", &[org.into()]).await
	}

	/// Every document of `channel`, at the finalized block.
	pub async fn channel_documents(
		&self,
		channel: ChannelId,
	) -> Result<Vec<DocumentView<AccountId32, BlockNumber>>, Error> {
		self.every_page("healthnet_channelDocuments", &[channel.into()]).await
	}

	/// Document `index` of `channel` at `at`.
	pub async fn channel_document(
		&self,
		channel: ChannelId,
		index: DocumentIndex,
		at: Option<H256>,
	) -> Result<Option<DocumentView<AccountId32, BlockNumber>>, Error> {
		let page: healthnet_primitives::Page<DocumentView<AccountId32, BlockNumber>, u32> =
			self.request("healthnet_channelDocuments", rpc_params![channel, index, 1, at]).await?;
		Ok(page.items.into_iter().next().filter(|document| document.index == index))
	}

	/// `healthnet_mayReadChannel` at `at`.
	pub async fn may_read_channel(
		&self,
		channel: ChannelId,
		account: &AccountId32,
		at: Option<H256>,
	) -> Result<bool, Error> {
		self.request("healthnet_mayReadChannel", rpc_params![channel, account.to_string(), at])
			.await
	}

	/// `healthnet_channelReadMark` at `at`.
	pub async fn channel_read_mark(
		&self,
		channel: ChannelId,
		index: DocumentIndex,
		account: &AccountId32,
		at: Option<H256>,
	) -> Result<Option<ReadMark<BlockNumber>>, Error> {
		let params = rpc_params![channel, index, account.to_string(), at];
		self.request("healthnet_channelReadMark", params).await
	}

	/// The audit of document `index`: every account's reads, at the finalized block.
	pub async fn channel_reads(
		&self,
		channel: ChannelId,
		index: DocumentIndex,
	) -> Result<Vec<ReadLine<AccountId32, BlockNumber>>, Error> {
		self.every_page("healthnet_channelReads", &[channel.into(), index.into()]).await
	}

	/// Every account that may read `channel` at the finalized block: the member accounts of
	/// its member organisations that hold a reading role, of those organisations the chain says
	/// may read (asked once per organisation, of its first such account). A document's key is
	/// wrapped for these, and for no one else.
	pub async fn channel_readers(&self, channel: ChannelId) -> Result<Vec<AccountId32>, Error> {
		let (hash, _) = self.finalized_head().await?;
		let view = self
			.channel(channel, Some(hash))
			.await?
			.ok_or_else(|| Error::NotFound(format!("there is no channel {channel}")))?;
		let at = self
			.subxt()
			.at_block(hash)
			.await
			.map_err(|e| Error::node("could not read the chain at the finalized block", e))?;
		fn failed(error: impl std::fmt::Display) -> Error {
			Error::node("could not read the registry", error)
		}
		let mut readers = Vec::new();
		for org in view.members {
			let mut entries = at
				.storage()
				.iter(api::storage().registry().organisation_members(), (org,))
				.await
				.map_err(failed)?;
			let mut own = Vec::new();
			while let Some(entry) = entries.next().await {
				let entry = entry.map_err(failed)?;
				let (_, account): (OrgId, AccountId32) =
					entry.key().and_then(|key| key.decode()).map_err(failed)?;
				let roles: Roles = same(&entry.value().decode().map_err(failed)?)?;
				if READING_ROLES.iter().any(|role| roles.has(*role)) {
					own.push(account);
				}
			}
			// The organisation's activity and the channel's state are the same for all of
			// its accounts: one question of the chain.
			if let Some(first) = own.first() {
				if self.may_read_channel(channel, first, Some(hash)).await? {
					readers.extend(own);
				}
			}
		}
		Ok(readers)
	}
}
