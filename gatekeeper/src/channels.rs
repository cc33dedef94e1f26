//! A secured channel's documents: stored for the member that shared them, their keys wrapped
//! only for accounts that may read the channel, released only to such an account whose read
//! is on chain. Every rule is checked at the chain's finalized head; a channel's documents are
//! bound in the store to the channel's own namespace, apart from any record's.

use std::sync::Arc;

use axum::{
	body::Bytes,
	extract::{Path, State as Shared},
	http::{HeaderMap, Method, StatusCode, Uri},
	response::{IntoResponse, Response},
};
use healthnet_client::{channels::store_namespace, documents};
use healthnet_primitives::{channels::DocumentView, BlockNumber};
use subxt::utils::{AccountId32, H256};

use crate::{
	routes::{
		authenticate, broken_store, organisation_of, parse_account, refuse, refused_write,
		unavailable, Refusal,
	},
	State,
};

/// The largest document a channel's member uploads: a day's sequencing run as FASTA or a
/// report's PDF (axum refuses bodies over 2 MiB unless told otherwise).
pub(crate) const MAX_DOCUMENT: usize = 32 << 20;

/// How many channel documents are received at once: each is held in memory whole.
pub(crate) const UPLOADS_AT_ONCE: usize = 4;

/// Lets a request through to the body only if its `Authorization` header names a challenge
/// the gatekeeper issued to that account and has not yet used: nobody unknown to the chain
/// makes the gatekeeper hold a large body. The handler then checks the signature over it.
pub(crate) async fn known_caller(
	Shared(state): Shared<Arc<State>>,
	request: axum::extract::Request,
	next: axum::middleware::Next,
) -> Result<Response, Refusal> {
	let header = request.headers().get("authorization").and_then(|h| h.to_str().ok());
	let issued = header
		.and_then(documents::parse_authorization)
		.is_some_and(|(account, challenge, _)| state.challenge_waiting(&account.0, &challenge));
	if !issued {
		return Err(refuse(
			StatusCode::UNAUTHORIZED,
			"sign the request over a challenge this gatekeeper issued to your account",
		));
	}
	Ok(next.run(request).await)
}

/// Document `index` of `channel` at the finalized head, and that head's hash and number.
async fn document(
	state: &State,
	channel: u32,
	index: u32,
) -> Result<(DocumentView<AccountId32, BlockNumber>, H256, u32), Refusal> {
	let (finalized, number) =
		state.chain.finalized_head().await.map_err(|e| unavailable("read the chain", e))?;
	let document = state
		.chain
		.channel_document(channel, index, Some(finalized))
		.await
		.map_err(|e| unavailable("read the channel", e))?
		.ok_or_else(|| {
			refuse(
				StatusCode::NOT_FOUND,
				format!("channel {channel} has no document {index} at the finalized block; share it first and wait until it is finalized"),
			)
		})?;
	Ok((document, finalized, number))
}

/// Refuses `account` unless it may read the channel at `at` and at the best block: a reading
/// role in an active, current member of an open, unexpired channel. The best block too, so
/// that a removal takes effect as soon as it is in a block, not only once finalized.
async fn ensure_reader(
	state: &State,
	channel: u32,
	account: &AccountId32,
	at: H256,
) -> Result<(), Refusal> {
	let ask = |at| state.chain.may_read_channel(channel, account, at);
	let may = ask(Some(at)).await.map_err(|e| unavailable("ask the chain", e))?
		&& ask(None).await.map_err(|e| unavailable("ask the chain", e))?;
	if !may {
		return Err(refuse(
			StatusCode::FORBIDDEN,
			format!("{account} may not read channel {channel}: it is no reader (admin, reporter or reviewer) of a current member, or the channel has ended"),
		));
	}
	Ok(())
}

/// Refuses `account` unless it is the account that shared the document and may still read
/// the channel: only it stores the document and wraps its key (not another account of its
/// organisation, which could take a reader's one slot with a key that opens nothing).
async fn ensure_author(
	state: &State,
	channel: u32,
	document: &DocumentView<AccountId32, BlockNumber>,
	account: &AccountId32,
	at: H256,
) -> Result<(), Refusal> {
	organisation_of(&state.chain, account).await?;
	if *account != document.shared_by {
		return Err(refuse(
			StatusCode::FORBIDDEN,
			format!(
				"document {} of channel {channel} was shared by {}, not by {account}: only the account that shared it stores it and wraps its key",
				document.index, document.shared_by
			),
		));
	}
	ensure_reader(state, channel, account, at).await
}

/// Refuses unless the store holds `hash` bound to document `index` of `channel`.
fn ensure_bound(state: &State, channel: u32, index: u32, hash: [u8; 32]) -> Result<(), Refusal> {
	match state.store.document_entry(&hash).map_err(broken_store)? {
		Some((namespace, entry)) if namespace == store_namespace(channel) && entry == index => {
			Ok(())
		},
		Some(_) => Err(refuse(
			StatusCode::CONFLICT,
			format!("the document {} is stored for another record or channel", H256(hash)),
		)),
		None => Err(refuse(
			StatusCode::NOT_FOUND,
			format!("the gatekeeper holds no document {index} of channel {channel}; its author uploads it"),
		)),
	}
}

pub(crate) async fn upload(
	Shared(state): Shared<Arc<State>>,
	Path((channel, index)): Path<(u32, u32)>,
	method: Method,
	uri: Uri,
	headers: HeaderMap,
	body: Bytes,
) -> Result<StatusCode, Refusal> {
	let account = authenticate(&state, &method, &uri, &headers, &body)?;
	let (document, finalized, _) = document(&state, channel, index).await?;
	let hash = documents::hash_of(&body);
	if hash.0 != document.hash {
		return Err(refuse(
			StatusCode::UNPROCESSABLE_ENTITY,
			format!(
				"the document's hash is {hash:?}, not {:?}, which document {index} of channel {channel} names",
				H256(document.hash)
			),
		));
	}
	ensure_author(&state, channel, &document, &account, finalized).await?;
	let quota = state.config.storage_quota;
	state
		.store
		.put_document(&hash.0, &body, &store_namespace(channel), index, &account.0, quota)
		.map_err(broken_store)?
		.map_err(|refused| {
			refused_write(
				refused,
				format!("the document {hash:?} is stored already, for good"),
				quota,
			)
		})?;
	Ok(StatusCode::CREATED)
}

pub(crate) async fn share(
	Shared(state): Shared<Arc<State>>,
	Path((channel, index, reader)): Path<(u32, u32, String)>,
	method: Method,
	uri: Uri,
	headers: HeaderMap,
	body: Bytes,
) -> Result<StatusCode, Refusal> {
	let account = authenticate(&state, &method, &uri, &headers, &body)?;
	let reader = parse_account(&reader)?;
	let (document, finalized, _) = document(&state, channel, index).await?;
	ensure_author(&state, channel, &document, &account, finalized).await?;
	// A key goes only to an account that may read the channel now: never to a removed member.
	ensure_reader(&state, channel, &reader, finalized).await?;
	ensure_bound(&state, channel, index, document.hash)?;
	let quota = state.config.storage_quota;
	state
		.store
		.put_wrapped_key(&document.hash, &reader.0, &body, &account.0, quota)
		.map_err(broken_store)?
		.map_err(|refused| {
			refused_write(
				refused,
				format!("a key of document {index} is wrapped for {reader} already; it is never replaced"),
				quota,
			)
		})?;
	Ok(StatusCode::CREATED)
}

pub(crate) async fn download(
	Shared(state): Shared<Arc<State>>,
	Path((channel, index)): Path<(u32, u32)>,
	method: Method,
	uri: Uri,
	headers: HeaderMap,
) -> Result<Response, Refusal> {
	let reader = authenticate(&state, &method, &uri, &headers, &[])?;
	let (document, finalized, number) = document(&state, channel, index).await?;
	ensure_reader(&state, channel, &reader, finalized).await?;
	let since = number.saturating_sub(state.config.audit_window);
	let audited = state
		.chain
		.channel_read_mark(channel, index, &reader, Some(finalized))
		.await
		.map_err(|e| unavailable("read the channel's audit", e))?
		.is_some_and(|mark| mark.last >= since);
	if !audited {
		return Err(refuse(
			StatusCode::FORBIDDEN,
			format!(
				"record your read of document {index} first (`healthnet channel fetch` does) and wait until it is finalized; the channel's audit holds none by {reader} in the last {} blocks",
				state.config.audit_window
			),
		));
	}
	ensure_bound(&state, channel, index, document.hash)?;
	let sealed = state.store.document(&document.hash).map_err(broken_store)?.ok_or_else(|| {
		refuse(
			StatusCode::NOT_FOUND,
			format!("the gatekeeper holds no document {index} of channel {channel}"),
		)
	})?;
	let wrapped =
		state.store.wrapped_key(&document.hash, &reader.0).map_err(broken_store)?.ok_or_else(|| {
			refuse(
				StatusCode::NOT_FOUND,
				format!("no key of document {index} is wrapped for {reader}: its author wraps keys for the channel's readers when it shares"),
			)
		})?;
	Ok(([("x-healthnet-wrapped-key", format!("0x{}", hex::encode(wrapped)))], sealed)
		.into_response())
}
