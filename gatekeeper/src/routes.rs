//! The gatekeeper's HTTP requests: authentication by signed challenge, and the rules of upload
//! and release, each refusal a status and a sentence.

use std::sync::Arc;

use axum::{
	body::Bytes,
	extract::{Path, Query, State as Shared},
	http::{HeaderMap, Method, StatusCode, Uri},
	response::{IntoResponse, Response},
	routing::{post, put},
	Router,
};
use healthnet_client::documents;
use healthnet_primitives::records::{AccessDecision, AuditAction, Purpose, ResourceType};
use serde::Deserialize;
use subxt::utils::{AccountId32, H256};

use crate::State;

/// The gatekeeper's requests over `state`.
pub fn router(state: Arc<State>) -> Router {
	Router::new()
		.route("/challenges", post(challenge))
		.route("/keys/{account}", put(publish_key).get(encryption_key))
		.route("/documents/{hash}", put(upload).get(download))
		.route("/documents/{hash}/keys/{account}", put(share))
		.with_state(state)
}

/// A refused request: its status and the sentence that says why.
#[derive(Debug)]
pub struct Refusal(StatusCode, String);

impl IntoResponse for Refusal {
	fn into_response(self) -> Response {
		(self.0, format!("{}\n", self.1)).into_response()
	}
}

fn refuse(status: StatusCode, sentence: impl Into<String>) -> Refusal {
	Refusal(status, sentence.into())
}

fn unavailable(what: &str, error: impl std::fmt::Display) -> Refusal {
	refuse(StatusCode::SERVICE_UNAVAILABLE, format!("could not {what}: {error}; try again"))
}

fn broken_store(error: anyhow::Error) -> Refusal {
	refuse(StatusCode::INTERNAL_SERVER_ERROR, format!("the gatekeeper's store failed: {error}"))
}

async fn challenge(Shared(state): Shared<Arc<State>>) -> Result<String, Refusal> {
	let challenge = state.issue_challenge().ok_or_else(|| {
		refuse(
			StatusCode::SERVICE_UNAVAILABLE,
			"too many challenges are waiting; try again in a minute",
		)
	})?;
	Ok(format!("0x{}", hex::encode(challenge)))
}

/// The account that signed this request over a challenge the gatekeeper issued.
fn authenticate(
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
	if !state.take_challenge(&challenge) {
		return Err(refuse(
			StatusCode::UNAUTHORIZED,
			"the challenge was not issued here, was used already or has expired; ask for a new one",
		));
	}
	Ok(account)
}

fn parse_account(text: &str) -> Result<AccountId32, Refusal> {
	text.parse()
		.map_err(|_| refuse(StatusCode::BAD_REQUEST, format!("{text} is not an SS58 account")))
}

fn parse_hash(text: &str) -> Result<H256, Refusal> {
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
	let key: [u8; 32] = body
		.as_ref()
		.try_into()
		.map_err(|_| refuse(StatusCode::BAD_REQUEST, "an X25519 public key is 32 bytes"))?;
	state.store.put_encryption_key(&signer.0, &key).map_err(broken_store)?;
	Ok(StatusCode::CREATED)
}

async fn encryption_key(
	Shared(state): Shared<Arc<State>>,
	Path(account): Path<String>,
) -> Result<String, Refusal> {
	let account = parse_account(&account)?;
	match state.store.encryption_key(&account.0).map_err(broken_store)? {
		Some(key) => Ok(format!("0x{}", hex::encode(key))),
		None => {
			Err(refuse(StatusCode::NOT_FOUND, format!("{account} has published no encryption key")))
		},
	}
}

#[derive(Deserialize)]
struct UploadQuery {
	record: String,
	#[serde(rename = "type")]
	resource_type: String,
}

/// Refuses `account` unless the chain, at its finalized head, lets it read `resource_type`
/// entries of `record` for treatment: only the record's care providers store documents in it.
async fn ensure_provider(
	state: &State,
	account: &AccountId32,
	record: H256,
	resource_type: ResourceType,
) -> Result<(), Refusal> {
	let (finalized, _) =
		state.chain.finalized_head().await.map_err(|e| unavailable("read the chain", e))?;
	match state
		.chain
		.can_access(account, record, resource_type, Purpose::Treatment, Some(finalized))
		.await
		.map_err(|e| unavailable("ask the chain", e))?
	{
		AccessDecision::Allowed(_) => Ok(()),
		AccessDecision::Refused(refusal) => Err(refuse(
			StatusCode::FORBIDDEN,
			format!(
				"the chain does not let {account} treat from this record's {} entries: {refusal:?}",
				resource_type.name()
			),
		)),
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
	let resource_type = ResourceType::from_name(&query.resource_type).ok_or_else(|| {
		refuse(
			StatusCode::BAD_REQUEST,
			format!("{} is not a FHIR resource type", query.resource_type),
		)
	})?;
	if documents::hash_of(&body) != hash {
		return Err(refuse(
			StatusCode::UNPROCESSABLE_ENTITY,
			format!("the document's hash is {:?}, not {hash:?}", documents::hash_of(&body)),
		));
	}
	ensure_provider(&state, &account, record, resource_type).await?;
	state
		.store
		.put_document(&hash.0, &body, &record.0, resource_type as u8)
		.map_err(broken_store)?;
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
	let (record, resource_type) =
		state.store.document_record(&hash.0).map_err(broken_store)?.ok_or_else(|| {
			refuse(StatusCode::NOT_FOUND, format!("the gatekeeper has no document {hash:?}"))
		})?;
	let resource_type = ResourceType::ALL[usize::from(resource_type)];
	ensure_provider(&state, &account, H256(record), resource_type).await?;
	state.store.put_wrapped_key(&hash.0, &reader.0, &body).map_err(broken_store)?;
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
		.recent_audit(record, Some(finalized))
		.await
		.map_err(|e| unavailable("read the audit trail", e))?
		.into_iter()
		.any(|line| {
			line.account == reader
				&& line.purpose == purpose
				&& line.block >= since
				&& matches!(line.action, AuditAction::ReadEntry(e) if e == query.entry)
		});
	if !audited {
		return Err(refuse(
			StatusCode::FORBIDDEN,
			format!(
				"record your access to entry {} for this purpose first (`healthnet records access`) and wait until it is finalized; none by {reader} is in the last {} blocks of the audit trail",
				query.entry, state.config.audit_window
			),
		));
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
