//! Issuing certificates, for a laboratory's certificate officer: a new certificate, or the next
//! version of one the organisation issued. Two keys sign, both in the browser: the issuer key
//! (the Ed25519 key file `healthnet cert issuer add-key` made, opened in the page and never
//! sent) signs the certificate, and the officer's wallet signs the transaction that registers
//! it. The dashboard fixes the claims, checks the key against the chain's trust list, checks
//! the key's signature before anything is sent, and forgets the claims once the write ends.

use std::sync::Arc;

use axum::{
	extract::{Path, State},
	http::{HeaderMap, StatusCode},
	response::{IntoResponse, Response},
};
use healthnet_client::{
	certificates::{self, holder, issue_signed, update_signed, validity, StatementWords},
	period,
	portable::{self, kind_word, Claims, Unsealed},
};
use healthnet_primitives::{
	certificates::{key_id, CertificateState, IssuerPublic, KeyId, KeyStatus, ListedKey},
	BlockNumber,
};

use crate::{
	html::{esc, notice, table, Tab},
	node::{Problem, View},
	refused,
	writes::{self, Seal, Standing},
	App,
};

/// What issuing takes of a member.
const RULE: writes::Rule<'static> = writes::Rule {
	act: "issue certificates",
	role: "certificate-officer",
	capability: Some("issue-certificates"),
};

/// The kinds, as the form offers them.
const KINDS: [(&str, &str); 4] = [
	("test-result", "Test result"),
	("vaccination", "Vaccination"),
	("recovery", "Recovery"),
	("infectivity", "Infectivity"),
];

/// The issuing page, for a signed-in certificate officer.
pub async fn page(State(app): State<Arc<App>>, headers: HeaderMap) -> Response {
	let content = match app.sessions.of(&headers) {
		None => Ok(notice(
			"info",
			"Sign in with your laboratory's account to issue certificates: Sign in, at the top \
			 of the page. To verify a certificate, no sign-in is needed: see Certificates.",
		)),
		Some((_, session)) => {
			app.read(async |view| {
				let standing =
					writes::standing(&view.client, &session).await.map_err(Problem::forbidden)?;
				writes::may(&standing, RULE.act, RULE.role, RULE.capability)
					.map_err(Problem::forbidden)?;
				render(view, &standing).await
			})
			.await
		},
	};
	app.respond(&headers, Tab::Issue, "Issue certificates", String::new(), content, false)
}

/// The fields of what a certificate states, their ids starting with `prefix`.
fn statement_fields(prefix: &str) -> String {
	let field = |name: &str, label: &str, input: &str| {
		format!(
			"<label for=\"{prefix}-{name}\">{label}</label>\
			 <input id=\"{prefix}-{name}\" name=\"{name}\" {input}>"
		)
	};
	let today = period::date(period::today());
	[
		field("disease", "Disease code (not for infectivity), such as RA01", "type=\"text\" autocomplete=\"off\" maxlength=\"16\""),
		format!(
			"<label for=\"{prefix}-result\">Test result</label><select id=\"{prefix}-result\" name=\"result\">\
			 <option value=\"negative\">negative</option><option value=\"positive\">positive</option>\
			 <option value=\"inconclusive\">inconclusive</option></select>"
		),
		field("date", "Day of the sample, dose, result or first positive test", &format!("type=\"date\" value=\"{today}\" max=\"{today}\"")),
		field("lot", "Vaccination: the lot given (its number on the chain)", "type=\"number\" min=\"0\" inputmode=\"numeric\""),
		field("dose", "Vaccination: which dose", "type=\"number\" min=\"1\" max=\"255\" value=\"1\" inputmode=\"numeric\""),
		field("of", "Vaccination: of how many doses", "type=\"number\" min=\"1\" max=\"255\" value=\"1\" inputmode=\"numeric\""),
		field("percent", "Infectivity: percentage, 0 to 100", "type=\"number\" min=\"0\" max=\"100\" inputmode=\"numeric\""),
		field("valid-days", "Valid for (days from now)", &format!("type=\"number\" min=\"1\" max=\"{}\" value=\"7\" required inputmode=\"numeric\"", certificates::MAX_VALID_DAYS)),
	]
	.concat()
}

/// The key file field of a form, its id starting with `prefix`.
fn key_field(prefix: &str) -> String {
	format!(
		"<label for=\"{prefix}-key\">Your issuer key file (64 hex digits, as <code>healthnet cert \
		 issuer add-key</code> wrote it). It is read in this browser and never sent.</label>\
		 <input id=\"{prefix}-key\" name=\"key\" type=\"file\" required>"
	)
}

async fn render(view: &View, standing: &Standing) -> Result<String, Problem> {
	let (keys, more) = view.pages::<ListedKey<BlockNumber>>("healthnet_issuerKeys", &[]).await?;
	let rows: Vec<String> = keys
		.iter()
		.filter(|listed| listed.key.org == standing.org)
		.map(|listed| {
			let key = &listed.key;
			let kinds: Vec<&str> = key.kinds.kinds().iter().map(|k| kind_word(*k)).collect();
			let status = match key.status {
				KeyStatus::Active => "active".to_string(),
				KeyStatus::Suspended { at, .. } => format!("suspended at block #{at}"),
				KeyStatus::Removed { at } => format!("removed at block #{at}"),
			};
			format!(
				"<tr><th scope=\"row\"><code>{}</code></th><td>{}</td><td>{} to {}</td><td>{status}</td></tr>",
				hex::encode(listed.id),
				esc(&kinds.join(", ")),
				esc(&period::moment(key.valid_from)),
				esc(&period::moment(key.valid_until)),
			)
		})
		.collect();
	let keys = match (rows.is_empty(), more) {
		(false, _) => table(
			"issuer-keys",
			&format!("{}'s signing keys", standing.name),
			&["Key", "Certifies", "Signs from", "State"],
			&rows,
		),
		(true, false) => notice(
			"info",
			&format!(
				"{} has no signing key on the chain's trust list: its key officer adds one with \
				 healthnet cert issuer add-key, then certificates can be issued here.",
				standing.name
			),
		),
		(true, true) => notice(
			"info",
			&format!(
				"{}'s signing keys are not among the part of the trust list this page reads; \
				 the form checks the key file you open against the whole list.",
				standing.name
			),
		),
	};
	let kinds: String = KINDS
		.iter()
		.map(|(word, label)| format!("<option value=\"{word}\">{label}</option>"))
		.collect();
	Ok(format!(
		"{keys}<form id=\"issue-form\" class=\"certificate\" data-mode=\"issue\"><h2>A new certificate</h2>{key}\
		 <label for=\"issue-kind\">Kind</label><select id=\"issue-kind\" name=\"kind\">{kinds}</select>\
		 <label for=\"issue-name\">Holder's name, as on their identity document (it stays in the \
		 certificate, never on the chain)</label>\
		 <input id=\"issue-name\" name=\"name\" type=\"text\" autocomplete=\"off\" maxlength=\"100\" required>\
		 <label for=\"issue-birth-date\">Holder's birth date</label>\
		 <input id=\"issue-birth-date\" name=\"birth-date\" type=\"date\" required>{statement}\
		 <button type=\"submit\">Issue</button></form>\
		 <form id=\"update-form\" class=\"certificate\" data-mode=\"update\"><h2>The next version of a certificate</h2>\
		 <p class=\"hint\">Same holder and kind; the current version is superseded once the new one is final.</p>{update_key}\
		 <label for=\"update-certificate\">The current certificate's text (it starts with <code>{prefix}</code>)</label>\
		 <textarea id=\"update-certificate\" name=\"certificate\" rows=\"4\" spellcheck=\"false\" autocomplete=\"off\" required></textarea>\
		 {update_statement}<button type=\"submit\">Write the new version</button></form>\
		 <section id=\"issued\" hidden aria-labelledby=\"issued-title\"><h2 id=\"issued-title\">Issued</h2>\
		 <p>Give the holder this certificate: its text, its QR code, or the printed card.</p>\
		 <label for=\"issued-text\">The certificate</label><textarea id=\"issued-text\" rows=\"4\" readonly></textarea>\
		 <img id=\"issued-qr\" alt=\"The certificate's QR code\" width=\"240\" height=\"240\">\
		 <form method=\"post\" action=\"/certificates/card\"><input type=\"hidden\" name=\"text\">\
		 <button type=\"submit\">Print it as a card (PDF)</button></form></section>\
		 <ol id=\"write-status\" aria-live=\"polite\"></ol>\
		 <script src=\"/static/work.js\"></script><script src=\"/static/issue.js\"></script>",
		key = key_field("issue"),
		statement = statement_fields("issue"),
		update_key = key_field("update"),
		update_statement = statement_fields("update"),
		prefix = esc(portable::PREFIX),
	))
}

/// A certificate asked for, as the page sends it: a new one (kind, holder) or the next version
/// of `certificate`, with what it states and the public half of the key the page opened.
#[derive(serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Draft {
	csrf: String,
	public_key: String,
	#[serde(default)]
	certificate: Option<String>,
	#[serde(default)]
	kind: Option<String>,
	#[serde(default)]
	name: String,
	#[serde(default)]
	birth_date: String,
	#[serde(flatten)]
	words: StatementWords,
	valid_days: u64,
}

/// `POST /certificates/issue`: fixes the claims of the certificate asked for, checks the key
/// against the trust list, and prepares the registering transaction; the answer carries what
/// the issuer key signs (`toSign`) beside the wallet's payload.
pub async fn draft(
	State(app): State<Arc<App>>,
	headers: HeaderMap,
	axum::Json(draft): axum::Json<Draft>,
) -> Response {
	let (session_id, session, view, standing) =
		match writes::member(&app, &headers, &draft.csrf, Some(RULE)).await {
			Ok(member) => member,
			Err(refusal) => return refusal,
		};
	let fixed = async {
		let public = public_key(&draft.public_key)?;
		let (claims, first) = claims_of(&view, &standing, &draft).await?;
		let key = signing_key(&view, &standing, &public, &claims).await?;
		let unsealed =
			Unsealed::new(&claims, key).map_err(|e| writes::capitalised(&e.to_string()))?;
		let hash = unsealed.payload_hash();
		let kind = kind_word(claims.statement.kind());
		let id = hex::encode(claims.id);
		let (what, unsigned) = if first {
			let call = issue_signed(&claims, key, hash).map_err(|e| e.to_string())?;
			(
				format!("Issue {kind} certificate {id}"),
				view.client.unsigned(&call, &session.account).await,
			)
		} else {
			let call = update_signed(&claims, key, hash);
			let what = format!("Version {} of {kind} certificate {id}", claims.version);
			(what, view.client.unsigned(&call, &session.account).await)
		};
		let unsigned = unsigned.map_err(|e| writes::capitalised(&e.to_string()))?;
		Ok::<_, String>((what, unsigned, unsealed, public))
	};
	let (what, unsigned, unsealed, public) = match fixed.await {
		Ok(fixed) => fixed,
		Err(sentence) => return refused(StatusCode::UNPROCESSABLE_ENTITY, &sentence),
	};
	let to_sign = hex::encode(unsealed.to_be_signed());
	let seal = Seal::new(unsealed, public);
	match writes::prepare_sealed(&app, &session_id, &view.client, what, unsigned, seal).await {
		Ok(prepared) => axum::Json(serde_json::json!({ "writes": [prepared], "toSign": to_sign }))
			.into_response(),
		Err(sentence) => refused(StatusCode::SERVICE_UNAVAILABLE, &sentence),
	}
}

/// The public key the page sent: 64 hex digits.
fn public_key(text: &str) -> Result<IssuerPublic, String> {
	hex::decode(text.trim().trim_start_matches("0x"))
		.ok()
		.and_then(|bytes| bytes.try_into().ok())
		.ok_or_else(|| {
			"The key file's public key did not reach the dashboard: open the key file again.".into()
		})
}

/// The claims of the certificate `draft` asks for, and whether it is a new one.
async fn claims_of(
	view: &View,
	standing: &Standing,
	draft: &Draft,
) -> Result<(Claims, bool), String> {
	let text = |e: healthnet_client::Error| writes::capitalised(&e.to_string());
	let (valid_from, valid_until) = validity(draft.valid_days).map_err(text)?;
	let Some(current) = draft.certificate.as_deref().map(str::trim).filter(|t| !t.is_empty())
	else {
		let kind = draft.kind.as_deref().unwrap_or_default();
		let claims = Claims {
			id: certificates::random_16(),
			version: 1,
			genesis: view.client.subxt().genesis_hash(),
			issuer: standing.org,
			issued_at: valid_from,
			valid_from,
			valid_until,
			holder: holder(&draft.name, &draft.birth_date).map_err(text)?,
			statement: draft.words.statement(kind).map_err(text)?,
		};
		return Ok((claims, true));
	};
	let sealed = portable::open(current).map_err(|e| {
		format!("The current certificate cannot be read: {}", writes::capitalised(&e.to_string()))
	})?;
	let claims = sealed.claims.clone();
	if claims.genesis != view.client.subxt().genesis_hash() {
		return Err("This certificate was issued on another chain.".into());
	}
	if claims.issuer != standing.org {
		return Err(format!(
			"This certificate was issued by another organisation, not {}: only its issuer writes its next version.",
			standing.name
		));
	}
	let chain = view.client.certificate(&claims.id).await.map_err(text)?.ok_or_else(|| {
		"The chain has no certificate with this id: issue a new one instead.".to_string()
	})?;
	if !matches!(chain.certificate.state, CertificateState::Active) {
		return Err("This certificate is suspended or revoked: a new version cannot be written \
		            until its issuer reinstates it."
			.into());
	}
	let newest = chain.versions.last().map(|v| v.payload_hash);
	if chain.certificate.version != claims.version || newest != Some(sealed.payload_hash()) {
		return Err(format!(
			"This is version {} of the certificate, but the chain's current one is version {}: \
			 start from the current certificate.",
			claims.version, chain.certificate.version
		));
	}
	let statement = draft.words.statement(kind_word(claims.statement.kind())).map_err(text)?;
	if statement.lot() != chain.certificate.lot {
		return Err(format!(
			"A new version keeps the lot the certificate was issued for ({}): a dose from \
			 another lot is a new certificate.",
			chain.certificate.lot.map_or("none".into(), |lot| format!("lot {lot}"))
		));
	}
	let next = Claims {
		version: claims.version + 1,
		issued_at: valid_from,
		valid_from,
		valid_until,
		statement,
		..claims
	};
	Ok((next, false))
}

/// The id of `public`, if it is a key of the member's organisation that may sign `claims` now.
async fn signing_key(
	view: &View,
	standing: &Standing,
	public: &IssuerPublic,
	claims: &Claims,
) -> Result<KeyId, String> {
	let id = key_id(public);
	let shown = hex::encode(id);
	let (key, suspended) = view
		.client
		.issuer_key(id, view.block)
		.await
		.map_err(|e| writes::capitalised(&e.to_string()))?
		.ok_or_else(|| {
			format!(
				"The key file holds key {shown}, which is not on the chain's trust list: open \
				 your organisation's registered key file."
			)
		})?;
	if key.org != standing.org {
		return Err(format!("Key {shown} belongs to another organisation, not {}.", standing.name));
	}
	if suspended {
		return Err(format!(
			"{} is suspended as an issuer: it can issue nothing until its authority reinstates it.",
			standing.name
		));
	}
	if !matches!(key.status, KeyStatus::Active) {
		return Err(format!("Key {shown} is suspended or removed: it signs nothing now."));
	}
	let now = period::now_seconds();
	if now < key.valid_from || now >= key.valid_until {
		return Err(format!(
			"Key {shown} signs from {} to {}, not now.",
			period::moment(key.valid_from),
			period::moment(key.valid_until)
		));
	}
	let kind = claims.statement.kind();
	if !key.kinds.has(kind) {
		return Err(format!("Key {shown} is not trusted for {} certificates.", kind_word(kind)));
	}
	Ok(id)
}

/// `POST /certificates/seal/{id}`: the issuer key's signature over write `id`'s certificate,
/// checked against the registered key; the certificate's text and QR code (SVG).
pub async fn seal(
	State(app): State<Arc<App>>,
	Path(id): Path<String>,
	headers: HeaderMap,
	axum::Json(signed): axum::Json<writes::Signed>,
) -> Response {
	let (session_id, _) = match app.sessions.acting(&headers, &signed.csrf) {
		Ok(acting) => acting,
		Err(refusal) => return refused(StatusCode::FORBIDDEN, &refusal.0),
	};
	let signature: [u8; 64] = match hex::decode(signed.signature.trim().trim_start_matches("0x"))
		.ok()
		.and_then(|bytes| bytes.try_into().ok())
	{
		Some(signature) => signature,
		None => {
			return refused(StatusCode::BAD_REQUEST, "The key's signature is not 64 bytes in hex.")
		},
	};
	let text = match app.writes.seal(&session_id, &id, &signature) {
		Ok(text) => text,
		Err(sentence) => return refused(StatusCode::FORBIDDEN, &sentence),
	};
	let qr = portable::qr_svg(&text).unwrap_or_default();
	axum::Json(serde_json::json!({ "text": text, "qr": qr })).into_response()
}
