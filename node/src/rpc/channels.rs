//! The `healthnet_*` methods that read secured channels: a channel with its members, the
//! channels of an organisation, a channel's documents (hashes, never contents), whether an
//! account may read, and the audit of reads. The gatekeeper asks the same at the finalized
//! head before it stores or releases a channel's document.

use healthnet_primitives::{
	channels::{
		ChannelId, ChannelView, ChannelsApi, DocumentIndex, DocumentView, ReadLine, ReadMark,
	},
	OrgId, Page,
};
use healthnet_runtime::{opaque::Block, AccountId, BlockNumber};
use jsonrpsee::{core::RpcResult, proc_macros::rpc};
use sp_api::ProvideRuntimeApi;
use sp_blockchain::HeaderBackend;
use sp_runtime::traits::Block as BlockT;

use super::{supply::page_limit, Healthnet};

/// What apps read of channels, served from the runtime's [`ChannelsApi`] at the best block
/// (or at `at`).
#[rpc(client, server, namespace = "healthnet")]
pub trait ChannelsRpc<BlockHash> {
	/// A channel: name, purpose, creator, expiry, whether closed, its members and how many
	/// documents were shared; `null` when there is none of this number.
	#[method(name = "channel")]
	fn channel(&self, id: ChannelId, at: Option<BlockHash>) -> RpcResult<Option<ChannelView>>;

	/// The channels an organisation is a member of, after `after`.
	#[method(name = "channelsOf")]
	fn channels_of(
		&self,
		org: OrgId,
		after: Option<ChannelId>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Page<ChannelId, ChannelId>>;

	/// A channel's documents from number `from` (0 when not given): hash, kind, author, the
	/// account that shared it and its block.
	#[method(name = "channelDocuments")]
	fn channel_documents(
		&self,
		channel: ChannelId,
		from: Option<DocumentIndex>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Page<DocumentView<AccountId, BlockNumber>, DocumentIndex>>;

	/// Whether an account may read a channel's documents now.
	#[method(name = "mayReadChannel")]
	fn may_read_channel(
		&self,
		channel: ChannelId,
		account: AccountId,
		at: Option<BlockHash>,
	) -> RpcResult<bool>;

	/// An account's reads of a channel's document: first, last, how many; `null` when none.
	#[method(name = "channelReadMark")]
	fn channel_read_mark(
		&self,
		channel: ChannelId,
		index: DocumentIndex,
		account: AccountId,
		at: Option<BlockHash>,
	) -> RpcResult<Option<ReadMark<BlockNumber>>>;

	/// The audit of a channel's document: each account's reads, after `after`.
	#[method(name = "channelReads")]
	fn channel_reads(
		&self,
		channel: ChannelId,
		index: DocumentIndex,
		after: Option<AccountId>,
		limit: Option<u32>,
		at: Option<BlockHash>,
	) -> RpcResult<Page<ReadLine<AccountId, BlockNumber>, AccountId>>;
}

impl<C> ChannelsRpcServer<<Block as BlockT>::Hash> for Healthnet<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync + 'static,
	C::Api: ChannelsApi<Block, AccountId, BlockNumber>,
{
	fn channel(
		&self,
		id: ChannelId,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Option<ChannelView>> {
		self.ask(at, |api, at| api.channel(at, id))
	}

	fn channels_of(
		&self,
		org: OrgId,
		after: Option<ChannelId>,
		limit: Option<u32>,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Page<ChannelId, ChannelId>> {
		self.ask(at, |api, at| api.channels_of(at, org, after, page_limit(limit)))
	}

	fn channel_documents(
		&self,
		channel: ChannelId,
		from: Option<DocumentIndex>,
		limit: Option<u32>,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Page<DocumentView<AccountId, BlockNumber>, DocumentIndex>> {
		self.ask(at, |api, at| api.documents(at, channel, from.unwrap_or(0), page_limit(limit)))
	}

	fn may_read_channel(
		&self,
		channel: ChannelId,
		account: AccountId,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<bool> {
		self.ask(at, |api, at| api.may_read(at, channel, account))
	}

	fn channel_read_mark(
		&self,
		channel: ChannelId,
		index: DocumentIndex,
		account: AccountId,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Option<ReadMark<BlockNumber>>> {
		self.ask(at, |api, at| api.read_mark(at, channel, index, account))
	}

	fn channel_reads(
		&self,
		channel: ChannelId,
		index: DocumentIndex,
		after: Option<AccountId>,
		limit: Option<u32>,
		at: Option<<Block as BlockT>::Hash>,
	) -> RpcResult<Page<ReadLine<AccountId, BlockNumber>, AccountId>> {
		self.ask(at, |api, at| api.reads(at, channel, index, after, page_limit(limit)))
	}
}
