//! The gatekeeper's HTTP requests: authentication by signed challenge, and the rules of upload,
//! key sharing and release, each refusal a status and a sentence.

use std::{convert::Infallible, sync::Arc};

use axum::{
	body::Bytes,
	extract::{DefaultBodyLimit, Path, Query, State as Shared},
	http::{HeaderMap, Method, StatusCode, Uri},
	response::{IntoResponse, Response},
	routing::{post, put},
	Router,
};
use healthnet_client::{documents, Client};
use healthnet_primitives::{
	records::{AccessDecision, Purpose},
	OrgId,
};
use serde::Deserialize;
use subxt::utils::{AccountId32, H256};

use crate::{channels, store::Refused, State};

/// The gatekeeper's requests over `state`.
pub fn router(state: Arc<State>) -> Router {
	Router::new()
		.route("/challenges", post(challenge))
		.route("/keys/{account}", put(publish_key).get(encryption_key))
		.route("/documents/{hash}", put(upload).get(download))
		.route("/documents/{hash}/keys/{account}", put(share))
		.route(
			"/channels/{channel}/documents/{index}",
			put(channels::upload)
				.layer::<_, Infallible>(DefaultBodyLimit::max(channels::MAX_DOCUMENT))
				.layer::<_, Infallible>(tower::limit::ConcurrencyLimitLayer::new(
					channels::UPLOADS_AT_ONCE,
				))
				.layer::<_, Infallible>(axum::middleware::from_fn_with_state(
					state.clone(),
					channels::known_caller,
				))
				.get(channels::download),
		)
		.route("/channels/{channel}/documents/{index}/keys/{account}", put(channels::share))
		.with_state(state)
}

/// A refused request: its status and the sentence that says why.
#[derive(Debug)]
pub struct Refusal(pub(crate) StatusCode, pub(crate) String);

impl IntoResponse for Refusal {
	fn into_response(self) -> Response {
		(self.0, format!("{}\n", self.1)).into_response()
	}
}

pub(crate) fn refuse(status: StatusCode, sentence: impl Into<String>) -> Refusal {
	Refusal(status, sentence.into())
}

pub(crate) fn unavailable(what: &str, error: impl std::fmt::Display) -> Refusal {
	refuse(StatusCode::SERVICE_UNAVAILABLE, format!("could not {what}: {error}; try again"))
}

pub(crate) fn broken_store(error: anyhow::Error) -> Refusal {
	refuse(StatusCode::INTERNAL_SERVER_ERROR, format!("the gatekeeper's store failed: {error}"))
}

#[derive(Deserialize)]
struct ChallengeQuery {
	account: Option<String>,
}

/// A challenge for the account the query names, if the chain knows it (a member of an
/// organisation, or a patient's key) and fewer than its limit are waiting for it: one account
/// asking again and again uses up its own challenges, never another's.
async fn challenge(
	Shared(state): Shared<Arc<State>>,
	Query(query): Query<ChallengeQuery>,
) -> Result<String, Refusal> {
	let account = query.account.ok_or_else(|| {
		refuse(StatusCode::BAD_REQUEST, "name the account the challenge is for: ?account=SS58")
	})?;
	let account = parse_account(&account)?;
	let member = state
		.chain
		.organisation_of(&account)
		.await
		.map_err(|e| unavailable("read the registry", e))?
		.is_some();
	let patient = member
		|| state
			.chain
			.record_of_key(&account)
			.await
			.map_err(|e| unavailable("read the records", e))?
			.is_some();
	if !member && !patient {
		return Err(refuse(
			StatusCode::FORBIDDEN,
			format!("the chain knows {account} neither as a member nor as a patient's key"),
		));
	}
	let challenge = state.issue_challenge(&account.0).ok_or_else(|| {
		refuse(
			StatusCode::TOO_MANY_REQUESTS,
			format!(
				"{} challenges are waiting for {account} already; use them or wait a minute",
				state.config.challenges_per_account
			),
		)
	})?;
	Ok(format!("0x{}", hex::encode(challenge)))
}

/// The account that signed this request over a challenge the gatekeeper issued.
pub(crate) fn authenticate(
	state: &State,
	method: &Method,
	uri: &Uri,
	headers: &HeaderMap,
	body: &[u8],
) -> Result<AccountId32, Refusal> {
	let header = headers.get("authorization").and_then(|h| h.to_str().ok()).ok_or_else(|| {
		refuse(StatusCode::UNAUTHORIZED, "sign the request: it has no Authorization header")
	})?;
	let (account, challenge, signature) =
		documents::parse_authorization(header).ok_or_else(|| {
			refuse(
			StatusCode::UNAUTHORIZED,
			"the Authorization header must read `Healthnet account=SS58,challenge=0x..,signature=0x..`",
		)
		})?;
	let path = uri.path_and_query().map(|p| p.as_str()).unwrap_or("/");
	let message = documents::request_message(&challenge, method.as_str(), path, body);
	if !documents::verify(&account, &message, &signature) {
		return Err(refuse(
			StatusCode::UNAUTHORIZED,
			format!("the signature is not {account}'s over this request and challenge"),
		));
	}
	if !state.take_challenge(&account.0, &challenge) {
		return Err(refuse(
			StatusCode::UNAUTHORIZED,
			format!("the challenge was not issued here to {account}, was used already or has expired; ask for a new one"),
		));
	}
	Ok(account)
}

pub(crate) fn parse_account(text: &str) -> Result<AccountId32, Refusal> {
	text.parse()
		.map_err(|_| refuse(StatusCode::BAD_REQUEST, format!("{text} is not an SS58 account")))
}

pub(crate) fn parse_hash(text: &str) -> Result<H256, Refusal> {
	hex::decode(text.trim_start_matches("0x"))
		.ok()
		.and_then(|b| <[u8; 32]>::try_from(b).ok())
		.map(H256)
		.ok_or_else(|| {
			refuse(StatusCode::BAD_REQUEST, format!("{text} is not a 32-byte hash in hex"))
		})
}

async fn publish_key(
	Shared(state): Shared<Arc<State>>,
	Path(account): Path<String>,
	method: Method,
	uri: Uri,
	headers: HeaderMap,
	body: Bytes,
) -> Result<StatusCode, Refusal> {
	let signer = authenticate(&state, &method, &uri, &headers, &body)?;
	if parse_account(&account)? != signer {
		return Err(refuse(StatusCode::FORBIDDEN, "an account publishes its own key only"));
	}
	if documents::verified_key(&signer, &body).is_none() {
		return Err(refuse(
			StatusCode::BAD_REQUEST,
			"publish the 32-byte X25519 key followed by the account's signature of it (96 bytes): readers refuse a key its account did not sign",
		));
	}
	let signed: [u8; 96] = body.as_ref().try_into().expect("checked as 96 bytes");
	state.store.put_encryption_key(&signer.0, &signed).map_err(broken_store)?;
	Ok(StatusCode::CREATED)
}

async fn encryption_key(
	Shared(state): Shared<Arc<State>>,
	Path(account): Path<String>,
) -> Result<String, Refusal> {
	let account = parse_account(&account)?;
	match state.store.encryption_key(&account.0).map_err(broken_store)? {
		Some(signed) => Ok(format!("0x{}", hex::encode(signed))),
		None => {
			Err(refuse(StatusCode::NOT_FOUND, format!("{account} has published no encryption key")))
		},
	}
}

#[derive(Deserialize)]
struct UploadQuery {
	record: String,
	entry: u32,
}

/// The active organisation `account` is a member of, at the finalized head.
pub(crate) async fn organisation_of(
	chain: &Client,
	account: &AccountId32,
) -> Result<OrgId, Refusal> {
	match chain.organisation_of(account).await.map_err(|e| unavailable("read the registry", e))? {
		Some((org, _, organisation))
			if matches!(
				organisation.status,
				healthnet_client::api::runtime_types::pallet_registry::types::OrgStatus::Active
			) =>
		{
			Ok(org)
		},
		Some((org, ..)) => Err(refuse(
			StatusCode::FORBIDDEN,
			format!("{account}'s organisation {org} is suspended"),
		)),
		None => {
			Err(refuse(StatusCode::FORBIDDEN, format!("{account} is a member of no organisation")))
		},
	}
}

/// Refuses `account` unless its organisation wrote `record`'s entry `entry` at the finalized
/// head and that entry names `hash`: only an entry's author stores its document and shares
/// its key.
async fn ensure_author(
	state: &State,
	account: &AccountId32,
	record: H256,
	entry: u32,
	hash: H256,
) -> Result<(), Refusal> {
	let (finalized, _) =
		state.chain.finalized_head().await.map_err(|e| unavailable("read the chain", e))?;
	let view = state
		.chain
		.record_entry(record, entry, Some(finalized))
		.await
		.map_err(|e| unavailable("read the record", e))?
		.ok_or_else(|| {
			refuse(
				StatusCode::NOT_FOUND,
				format!("record {record:?} has no entry {entry} at the finalized block; add the entry first and wait until it is finalized"),
			)
		})?;
	if view.content_hash.0 != hash.0 {
		return Err(refuse(
			StatusCode::CONFLICT,
			format!("entry {entry} names the document {:?}, not {hash:?}", view.content_hash),
		));
	}
	let org = organisation_of(&state.chain, account).await?;
	if org != view.author {
		return Err(refuse(
			StatusCode::FORBIDDEN,
			format!(
				"entry {entry} was written by organisation {}, not by {account}'s ({org}): only its author stores its document and shares its key",
				view.author
			),
		));
	}
	Ok(())
}

pub(crate) fn refused_write(refused: Refused, what: String, quota: u64) -> Refusal {
	match refused {
		Refused::Exists => refuse(StatusCode::CONFLICT, what),
		Refused::OverQuota { used } => refuse(
			StatusCode::PAYLOAD_TOO_LARGE,
			format!("the account has stored {used} bytes of its quota of {quota}; nothing more is stored for it"),
		),
	}
}

async fn upload(
	Shared(state): Shared<Arc<State>>,
	Path(hash): Path<String>,
	Query(query): Query<UploadQuery>,
	method: Method,
	uri: Uri,
	headers: HeaderMap,
	body: Bytes,
) -> Result<StatusCode, Refusal> {
	let account = authenticate(&state, &method, &uri, &headers, &body)?;
	let hash = parse_hash(&hash)?;
	let record = parse_hash(&query.record)?;
	if documents::hash_of(&body) != hash {
		return Err(refuse(
			StatusCode::UNPROCESSABLE_ENTITY,
			format!("the document's hash is {:?}, not {hash:?}", documents::hash_of(&body)),
		));
	}
	ensure_author(&state, &account, record, query.entry, hash).await?;
	let quota = state.config.storage_quota;
	state
		.store
		.put_document(&hash.0, &body, &record.0, query.entry, &account.0, quota)
		.map_err(broken_store)?
		.map_err(|refused| {
			refused_write(
				refused,
				format!("the document {hash:?} is stored already, for its first entry for good"),
				quota,
			)
		})?;
	Ok(StatusCode::CREATED)
}

async fn share(
	Shared(state): Shared<Arc<State>>,
	Path((hash, reader)): Path<(String, String)>,
	method: Method,
	uri: Uri,
	headers: HeaderMap,
	body: Bytes,
) -> Result<StatusCode, Refusal> {
	let account = authenticate(&state, &method, &uri, &headers, &body)?;
	let hash = parse_hash(&hash)?;
	let reader = parse_account(&reader)?;
	let (record, entry) =
		state.store.document_entry(&hash.0).map_err(broken_store)?.ok_or_else(|| {
			refuse(StatusCode::NOT_FOUND, format!("the gatekeeper has no document {hash:?}"))
		})?;
	ensure_author(&state, &account, H256(record), entry, hash).await?;
	let quota = state.config.storage_quota;
	state
		.store
		.put_wrapped_key(&hash.0, &reader.0, &body, &account.0, quota)
		.map_err(broken_store)?
		.map_err(|refused| {
			refused_write(
				refused,
				format!("a key of {hash:?} is wrapped for {reader} already; it is never replaced"),
				quota,
			)
		})?;
	Ok(StatusCode::CREATED)
}

#[derive(Deserialize)]
struct DownloadQuery {
	record: String,
	entry: u32,
	purpose: Option<String>,
}

fn purpose_of(word: Option<&str>) -> Result<Purpose, Refusal> {
	match word.unwrap_or("treatment") {
		"treatment" => Ok(Purpose::Treatment),
		"emergency-treatment" => Ok(Purpose::EmergencyTreatment),
		"public-health" => Ok(Purpose::PublicHealth),
		"research" => Ok(Purpose::Research),
		other => Err(refuse(
			StatusCode::BAD_REQUEST,
			format!("{other} is not a purpose: treatment, emergency-treatment, public-health or research"),
		)),
	}
}

async fn download(
	Shared(state): Shared<Arc<State>>,
	Path(hash): Path<String>,
	Query(query): Query<DownloadQuery>,
	method: Method,
	uri: Uri,
	headers: HeaderMap,
) -> Result<Response, Refusal> {
	let reader = authenticate(&state, &method, &uri, &headers, &[])?;
	let hash = parse_hash(&hash)?;
	let record = parse_hash(&query.record)?;
	let purpose = purpose_of(query.purpose.as_deref())?;
	let (finalized, number) =
		state.chain.finalized_head().await.map_err(|e| unavailable("read the chain", e))?;
	let entry = state
		.chain
		.record_entry(record, query.entry, Some(finalized))
		.await
		.map_err(|e| unavailable("read the record", e))?
		.ok_or_else(|| {
			refuse(
				StatusCode::NOT_FOUND,
				format!("record {record:?} has no entry {} at the finalized block", query.entry),
			)
		})?;
	if entry.content_hash.0 != hash.0 {
		return Err(refuse(
			StatusCode::CONFLICT,
			format!(
				"entry {} names the document {:?}, not {hash:?}",
				query.entry, entry.content_hash
			),
		));
	}
	if let AccessDecision::Refused(refusal) = state
		.chain
		.can_access(&reader, record, entry.resource_type, purpose, Some(finalized))
		.await
		.map_err(|e| unavailable("ask the chain", e))?
	{
		return Err(refuse(
			StatusCode::FORBIDDEN,
			format!("the chain refuses {reader} this entry: {refusal:?}"),
		));
	}
	let since = number.saturating_sub(state.config.audit_window);
	let audited = state
		.chain
		.audited_access(record, &reader, query.entry, purpose, Some(finalized))
		.await
		.map_err(|e| unavailable("read the audit trail", e))?
		.is_some_and(|mark| mark.last >= since);
	if !audited {
		return Err(refuse(
			StatusCode::FORBIDDEN,
			format!(
				"record your access to entry {} for this purpose first (`healthnet records access`) and wait until it is finalized; the audit trail holds none by {reader} in the last {} blocks",
				query.entry, state.config.audit_window
			),
		));
	}
	// The stored document must be this entry's: the same sealed bytes bound to a channel's
	// document (or another record's entry) are never released through this entry.
	match state.store.document_entry(&hash.0).map_err(broken_store)? {
		Some(bound) if bound == (record.0, query.entry) => {},
		Some(_) => {
			return Err(refuse(
				StatusCode::CONFLICT,
				format!("the document {hash:?} is stored for another record's entry or a channel, not for entry {}", query.entry),
			))
		},
		None => {
			return Err(refuse(
				StatusCode::NOT_FOUND,
				format!("the gatekeeper holds no document {hash:?}"),
			))
		},
	}
	let sealed = state.store.document(&hash.0).map_err(broken_store)?.ok_or_else(|| {
		refuse(StatusCode::NOT_FOUND, format!("the gatekeeper holds no document {hash:?}"))
	})?;
	let wrapped = state.store.wrapped_key(&hash.0, &reader.0).map_err(broken_store)?.ok_or_else(|| {
		refuse(
			StatusCode::NOT_FOUND,
			format!("no key of this document is wrapped for {reader}; its author shares it with `healthnet records share`"),
		)
	})?;
	Ok(([("x-healthnet-wrapped-key", format!("0x{}", hex::encode(wrapped)))], sealed)
		.into_response())
}
