//! Writes signed in the browser, never here: a page asks for a write (a form, an approval);
//! the dashboard checks the session, its token and the member's standing at the finalized
//! head, prepares the transaction ([`healthnet_client::wallet::Unsigned`]) and hands the
//! wallet its signer payload; the wallet signs; the dashboard checks that signature over
//! exactly what it prepared, submits it, and the page follows it to finality. The dashboard
//! holds no key. What one account can keep waiting is bounded ([`PER_ACCOUNT`], over its sessions), as is the
//! whole ([`MAX_WRITES`]).

use std::{
	collections::HashMap,
	sync::{Arc, Mutex},
	time::{Duration, Instant},
};

use axum::{
	extract::{Path, State},
	http::{HeaderMap, StatusCode},
	response::{IntoResponse, Response},
};
use healthnet_client::{
	portable::{self, Unsealed},
	wallet::{self, Unsigned},
	Client, Progress,
};
use healthnet_primitives::certificates::IssuerPublic;
use serde::Serialize;
use subxt::utils::AccountId32;

use crate::{node::View, refused, session::Session, App};

/// Writes one account keeps at once over its sessions, prepared or on their way: enough for a
/// form and its amendments; the oldest finished or unsigned one makes room first.
pub const PER_ACCOUNT: usize = 16;
/// Writes kept at once over every session.
pub const MAX_WRITES: usize = 8192;
/// How long a prepared write waits for its signature: its transaction's lifetime, about
/// [`wallet::MORTALITY`] blocks.
pub const SIGNING_TIME: Duration = Duration::from_secs(6 * 60);
/// How long a finished write's outcome stays readable.
pub const KEPT: Duration = Duration::from_secs(15 * 60);

/// Where a write is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "state", rename_all = "kebab-case")]
pub enum Step {
	/// Waiting for the wallet's signature.
	Prepared,
	/// Signed and handed to the node.
	Submitted,
	/// In a block of the best chain, not final yet.
	InBlock {
		/// The block's hash.
		block: String,
	},
	/// In a finalized block: done.
	Finalized {
		/// The block's number.
		number: u64,
		/// What it did, one sentence per event.
		events: Vec<String>,
	},
	/// Refused or lost, in a sentence; nothing was written.
	Failed {
		/// Why.
		sentence: String,
	},
}

impl Step {
	fn finished(&self) -> bool {
		matches!(self, Step::Finalized { .. } | Step::Failed { .. })
	}
}

struct Write {
	session: String,
	account: AccountId32,
	what: String,
	unsigned: Unsigned,
	seal: Option<Seal>,
	step: Step,
	since: Instant,
}

/// A certificate whose transaction waits for the issuer key's signature as well as the
/// wallet's: the page signs [`Unsealed::to_be_signed`] with the key file the officer opened
/// there, and the transaction is sent only once that signature holds.
pub struct Seal {
	/// The claims, fixed when the write was prepared.
	pub unsealed: Unsealed,
	/// The registered key the page says it holds.
	pub public: IssuerPublic,
	/// The certificate's text, once sealed.
	text: Option<String>,
}

impl Seal {
	/// `unsealed`, to be signed by the key `public`.
	pub fn new(unsealed: Unsealed, public: IssuerPublic) -> Seal {
		Seal { unsealed, public, text: None }
	}
}

/// The writes under way.
#[derive(Default)]
pub struct Writes {
	open: Mutex<HashMap<String, Write>>,
}

/// A write prepared for the wallet: its id, what it does in a sentence, and the signer payload.
#[derive(Serialize)]
pub struct Prepared {
	/// The write's id, for its signature and its progress.
	pub id: String,
	/// What it does.
	pub what: String,
	/// What the wallet's `signPayload` takes.
	pub payload: serde_json::Value,
}

impl Writes {
	/// Keeps `unsigned` for session `session` until it is signed; `Err` with a sentence when
	/// its account or the dashboard keeps as many as it may.
	fn keep(
		&self,
		session: &str,
		what: String,
		unsigned: Unsigned,
		seal: Option<Seal>,
	) -> Result<String, String> {
		let now = Instant::now();
		let mut open = self.open.lock().expect("no thread panics holding it");
		open.retain(|_, w| match w.step {
			Step::Prepared => now.duration_since(w.since) < SIGNING_TIME,
			ref step if step.finished() => now.duration_since(w.since) < KEPT,
			_ => true,
		});
		// Counted per account, not per session: sessions come and go, their writes stay.
		let mut own: Vec<(String, Instant, bool)> = open
			.iter()
			.filter(|(_, w)| w.account == unsigned.account)
			.map(|(id, w)| (id.clone(), w.since, w.step.finished() || w.step == Step::Prepared))
			.collect();
		if own.len() >= PER_ACCOUNT {
			// Room from the oldest finished or unsigned write; never from one on its way.
			own.sort_by_key(|(_, since, _)| *since);
			match own.iter().find(|(_, _, idle)| *idle) {
				Some((id, _, _)) => {
					open.remove(id);
				},
				None => {
					return Err(format!(
						"{PER_ACCOUNT} of your transactions are on their way: wait until one is \
						 final, then try again."
					))
				},
			}
		}
		if open.len() >= MAX_WRITES {
			return Err("The dashboard is following as many transactions as it can: try again \
			            in a minute."
				.into());
		}
		let mut bytes = [0u8; 16];
		getrandom::getrandom(&mut bytes).expect("the operating system gives random bytes");
		let id = hex::encode(bytes);
		open.insert(
			id.clone(),
			Write {
				session: session.into(),
				account: unsigned.account,
				what,
				unsigned,
				seal,
				step: Step::Prepared,
				since: now,
			},
		);
		Ok(id)
	}

	/// Takes write `id` of session `session` for submission, once.
	fn take(&self, session: &str, id: &str) -> Result<Unsigned, String> {
		let mut open = self.open.lock().expect("no thread panics holding it");
		let write = open
			.get_mut(id)
			.filter(|w| w.session == session)
			.ok_or("There is no such transaction of your session: prepare it again.")?;
		if write.step != Step::Prepared {
			return Err("This transaction was already signed and sent.".into());
		}
		if write.seal.as_ref().is_some_and(|seal| seal.text.is_none()) {
			return Err("The certificate is not signed with the issuer's key yet: nothing was \
			            sent. Open the key file and issue it again."
				.into());
		}
		if write.since.elapsed() >= SIGNING_TIME {
			return Err("This transaction waited too long for its signature and is no longer \
			            valid: prepare it again."
				.into());
		}
		write.step = Step::Submitted;
		write.since = Instant::now();
		// The certificate went to the page when it was sealed: its holder is not kept here.
		write.seal = None;
		Ok(write.unsigned.clone())
	}

	/// Seals the certificate of write `id` of session `session` with the issuer key's
	/// `signature`, once, if it holds; its text.
	pub fn seal(&self, session: &str, id: &str, signature: &[u8; 64]) -> Result<String, String> {
		let (unsealed, public) = {
			let open = self.open.lock().expect("no thread panics holding it");
			let write =
				open.get(id).filter(|w| w.session == session && w.step == Step::Prepared).ok_or(
					"There is no such certificate waiting in your session: prepare it again.",
				)?;
			match &write.seal {
				Some(seal) if seal.text.is_none() => (seal.unsealed.clone(), seal.public),
				Some(_) => return Err("This certificate is already signed.".into()),
				None => return Err("This transaction carries no certificate to sign.".into()),
			}
		};
		let refused = |e: portable::CertificateError| capitalised(&e.to_string());
		let text = unsealed.seal(signature).map_err(refused)?;
		if portable::open(&text).and_then(|sealed| sealed.check_signature(&public)).is_err() {
			self.forget(id);
			return Err("The key file's signature is not the registered key's over this \
			            certificate: nothing was kept. Open the right key file and issue it again."
				.into());
		}
		let mut open = self.open.lock().expect("no thread panics holding it");
		let seal = open
			.get_mut(id)
			.and_then(|w| w.seal.as_mut())
			.ok_or("It is gone: prepare it again.")?;
		seal.text = Some(text.clone());
		Ok(text)
	}

	/// Forgets write `id`: its signature was refused before anything was sent.
	fn forget(&self, id: &str) {
		self.open.lock().expect("no thread panics holding it").remove(id);
	}

	fn set(&self, id: &str, step: Step) {
		if let Some(write) = self.open.lock().expect("no thread panics holding it").get_mut(id) {
			write.step = step;
			write.since = Instant::now();
		}
	}

	/// What write `id` of session `session` does, and where it is.
	pub fn step(&self, session: &str, id: &str) -> Option<(String, Step)> {
		let open = self.open.lock().expect("no thread panics holding it");
		open.get(id).filter(|w| w.session == session).map(|w| (w.what.clone(), w.step.clone()))
	}
}

/// Prepares `calls` (what each does, and the call for `session`'s account, from
/// [`Client::unsigned`]) for the wallet; several at once take consecutive nonces, in order.
pub async fn prepare(
	app: &App,
	session_id: &str,
	client: &Client,
	calls: Vec<(String, Unsigned)>,
) -> Result<Vec<Prepared>, String> {
	let extensions = client.transaction_extensions().await.map_err(|e| e.to_string())?;
	let mut prepared = Vec::new();
	for (offset, (what, mut unsigned)) in calls.into_iter().enumerate() {
		unsigned.nonce += offset as u64;
		let payload = unsigned.signer_payload_json(&extensions);
		let id = app.writes.keep(session_id, what.clone(), unsigned, None)?;
		prepared.push(Prepared { id, what, payload });
	}
	Ok(prepared)
}

/// Prepares `unsigned` (what it does: `what`) for the wallet, to be sent only once `seal` is
/// signed by the issuer's key ([`Writes::seal`]).
pub async fn prepare_sealed(
	app: &App,
	session_id: &str,
	client: &Client,
	what: String,
	unsigned: Unsigned,
	seal: Seal,
) -> Result<Prepared, String> {
	let extensions = client.transaction_extensions().await.map_err(|e| e.to_string())?;
	let payload = unsigned.signer_payload_json(&extensions);
	let id = app.writes.keep(session_id, what.clone(), unsigned, Some(seal))?;
	Ok(Prepared { id, what, payload })
}

/// A prepared write's signature (the wallet's, or an issuer key's over a certificate), as the
/// page sends it with the session's token.
#[derive(serde::Deserialize)]
pub struct Signed {
	pub(crate) csrf: String,
	pub(crate) signature: String,
}

/// `POST /writes/{id}`: the wallet's signature of write `id`; the dashboard checks it and sends
/// the transaction, then follows it in the background.
pub async fn sign(
	State(app): State<Arc<App>>,
	Path(id): Path<String>,
	headers: HeaderMap,
	axum::Json(signed): axum::Json<Signed>,
) -> Response {
	let (session_id, _) = match app.sessions.acting(&headers, &signed.csrf) {
		Ok(acting) => acting,
		Err(refusal) => return refused(StatusCode::FORBIDDEN, &refusal.0),
	};
	let signature = match wallet::parse_signature(&signed.signature) {
		Ok(signature) => signature,
		Err(e) => return refused(StatusCode::BAD_REQUEST, &capitalised(&e.to_string())),
	};
	let view = match View::of(&app.node) {
		Ok(view) => view,
		Err(problem) => return refused(StatusCode::SERVICE_UNAVAILABLE, &problem.sentence),
	};
	let unsigned = match app.writes.take(&session_id, &id) {
		Ok(unsigned) => unsigned,
		Err(sentence) => return refused(StatusCode::CONFLICT, &sentence),
	};
	// The signature is checked before anything is sent, so that a wrong one is told at once.
	match view.client.signer_payload(&unsigned).await {
		Ok(payload) if wallet::signed_by(&unsigned.account, &payload, &signature) => {},
		Ok(_) => {
			app.writes.forget(&id);
			let sentence = format!(
				"The wallet's signature is not {}'s over this transaction: nothing was sent. \
				 Prepare it again.",
				unsigned.account
			);
			return refused(StatusCode::FORBIDDEN, &sentence);
		},
		Err(e) => {
			app.writes.forget(&id);
			return refused(StatusCode::BAD_GATEWAY, &capitalised(&e.to_string()));
		},
	}
	// Another transaction of the account (another tab's) took this one's nonce: say so now,
	// not after the pool refuses it.
	let next: Result<u64, _> = view
		.client
		.request("system_accountNextIndex", subxt_rpcs::rpc_params![unsigned.account.to_string()])
		.await;
	if next.is_ok_and(|next| next > unsigned.nonce) {
		app.writes.forget(&id);
		return refused(
			StatusCode::CONFLICT,
			"Another transaction of your account (in another tab or program) was sent in the \
			 meantime and took this one's place: nothing was sent. Prepare it again.",
		);
	}
	let follower = app.clone();
	let write = id.clone();
	tokio::spawn(async move {
		let writes = &follower.writes;
		let outcome = view
			.client
			.submit_signed(&unsigned, &signature, |progress| {
				if let Progress::InBlock { block } = progress {
					writes.set(&write, Step::InBlock { block: format!("{block:?}") });
				}
			})
			.await;
		let step = match outcome {
			Ok(included) => Step::Finalized {
				number: included.block_number,
				events: included
					.events
					.iter()
					.filter(|e| !matches!(e.pallet.as_str(), "System" | "TransactionPayment"))
					.map(|e| format!("{}.{} {}", e.pallet, e.name, e.fields))
					.collect(),
			},
			Err(e) => Step::Failed { sentence: capitalised(&e.to_string()) },
		};
		writes.set(&write, step);
	});
	axum::Json(serde_json::json!({ "state": "submitted" })).into_response()
}

/// `GET /writes/{id}`: where write `id` of the visitor's session is.
pub async fn progress(
	State(app): State<Arc<App>>,
	Path(id): Path<String>,
	headers: HeaderMap,
) -> Response {
	let Some((session_id, _)) = app.sessions.of(&headers) else {
		return refused(
			StatusCode::FORBIDDEN,
			"You are not signed in, or your session ended: sign in again.",
		);
	};
	match app.writes.step(&session_id, &id) {
		Some((what, step)) => {
			let mut body = serde_json::to_value(&step).unwrap_or_default();
			body["what"] = what.into();
			axum::Json(body).into_response()
		},
		None => refused(StatusCode::NOT_FOUND, "There is no such transaction of your session."),
	}
}

/// `text` with its first letter in capitals, ending in a full stop.
pub fn capitalised(text: &str) -> String {
	let mut chars = text.chars();
	let mut out: String = match chars.next() {
		Some(first) => first.to_uppercase().chain(chars).collect(),
		None => String::new(),
	};
	if !out.ends_with(['.', '!', '?']) {
		out.push('.');
	}
	out
}

/// A member's standing at the finalized head, read again for every write: a role taken away
/// or an organisation suspended since sign-in counts at once.
pub struct Standing {
	/// The organisation.
	pub org: u32,
	/// Its name.
	pub name: String,
	/// Its region code.
	pub region: String,
	/// The account's roles there.
	pub roles: Vec<&'static str>,
	/// What the organisation may do.
	pub capabilities: Vec<&'static str>,
}

/// `session`'s standing now, or why it may not write at all (no longer a member, another
/// organisation than at sign-in, suspended).
pub async fn standing(client: &Client, session: &Session) -> Result<Standing, String> {
	use healthnet_client::{
		api::runtime_types::pallet_registry::types::OrgStatus,
		registry::{capability_names, role_names},
	};
	let membership = client
		.organisation_of(&session.account)
		.await
		.map_err(|e| format!("The node could not say who you are ({e}): try again."))?;
	let Some((org, roles, organisation)) = membership else {
		return Err(format!(
			"{} is no longer a member of any organisation on this chain: nothing can be signed \
			 for it. Sign out.",
			session.account
		));
	};
	if org != session.org {
		return Err(
			"Your account moved to another organisation since you signed in: sign in again.".into(),
		);
	}
	let name = String::from_utf8_lossy(&organisation.name.0).into_owned();
	if !matches!(organisation.status, OrgStatus::Active) {
		return Err(format!(
			"{name} is suspended: its members can sign nothing until its authority reinstates it."
		));
	}
	Ok(Standing {
		org,
		name,
		region: String::from_utf8_lossy(&organisation.region.0).into_owned(),
		roles: role_names(&roles),
		capabilities: capability_names(&organisation.capabilities),
	})
}

/// `Err` with a sentence naming what `standing` lacks to `act` (such as "report cases"): the
/// `role` and the organisation's `capability` (if the action needs one).
pub fn may(
	standing: &Standing,
	act: &str,
	role: &str,
	capability: Option<&str>,
) -> Result<(), String> {
	if let Some(capability) = capability {
		if !standing.capabilities.contains(&capability) {
			return Err(format!(
				"{} may not {act}: an organisation needs the {capability} capability for it, \
				 which its authority grants.",
				standing.name
			));
		}
	}
	if !standing.roles.contains(&role) {
		let yours =
			if standing.roles.is_empty() { "none".into() } else { standing.roles.join(", ") };
		return Err(format!(
			"Your roles at {} ({yours}) do not include {role}, which it takes to {act}: ask your \
			 organisation's administrator for it.",
			standing.name
		));
	}
	Ok(())
}

/// What a write needs of the member asking for it: the act in words, the role and the
/// organisation's capability (if any).
pub struct Rule<'a> {
	/// The act, as a refusal names it: "report cases".
	pub act: &'a str,
	/// The role it takes.
	pub role: &'a str,
	/// The capability the organisation needs for it, if any.
	pub capability: Option<&'a str>,
}

/// A write request's member: its session (the request must carry the session's token), the
/// chain at the finalized head, and the member's standing there, which must allow `rule` when
/// given; or the refusal, as the response to send.
pub async fn member(
	app: &App,
	headers: &HeaderMap,
	csrf: &str,
	rule: Option<Rule<'_>>,
) -> Result<(String, Session, View, Standing), Response> {
	let (session_id, session) = app
		.sessions
		.acting(headers, csrf)
		.map_err(|refusal| refused(StatusCode::FORBIDDEN, &refusal.0))?;
	let view = View::of(&app.node)
		.map_err(|problem| refused(StatusCode::SERVICE_UNAVAILABLE, &problem.sentence))?;
	let standing = standing(&view.client, &session)
		.await
		.map_err(|sentence| refused(StatusCode::FORBIDDEN, &sentence))?;
	if let Some(rule) = rule {
		may(&standing, rule.act, rule.role, rule.capability)
			.map_err(|sentence| refused(StatusCode::FORBIDDEN, &sentence))?;
	}
	Ok((session_id, session, view, standing))
}

/// The page's answer to a write request: `calls` prepared for the wallet, as JSON.
pub async fn answer(
	app: &App,
	session_id: &str,
	client: &Client,
	calls: Vec<(String, Unsigned)>,
) -> Response {
	match prepare(app, session_id, client, calls).await {
		Ok(prepared) => axum::Json(serde_json::json!({ "writes": prepared })).into_response(),
		Err(sentence) => refused(StatusCode::SERVICE_UNAVAILABLE, &sentence),
	}
}
