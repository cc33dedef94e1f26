//! Certificates: a verifier pastes a certificate's text or uploads a picture of its QR code and
//! sees what it certifies and the chain's verdict. Nothing is stored: the certificate is read,
//! checked against the chain's trust list and asked about, then forgotten.

use std::sync::Arc;

use axum::extract::Multipart;
use healthnet_client::{
	certificates::{verdict_sentence, verify_online, Verification},
	period, portable, Error,
};

use healthnet_primitives::{
	certificates::{KeyStatus, ListedKey, TrustList},
	BlockNumber, OrgId,
};
use tokio::sync::Semaphore;

use crate::{
	html::{esc, notice, table, words},
	node::{Problem, View},
};

/// The largest picture read: a photo of a QR code, within the client's limits on its size
/// and pixels ([`portable::ImageLimits::DEFAULT`]).
pub const MAX_UPLOAD: usize = portable::ImageLimits::DEFAULT.max_bytes;

/// The form: the text box (holding `text`, when a verification is shown) and the file chooser.
pub fn form(text: &str) -> String {
	format!(
		"<form class=\"verify\" method=\"post\" action=\"/certificates\" enctype=\"multipart/form-data\">\
		 <label for=\"cert-text\">Certificate text (it starts with <code>{prefix}</code>)</label>\
		 <textarea id=\"cert-text\" name=\"text\" rows=\"4\" spellcheck=\"false\" autocomplete=\"off\">{}</textarea>\
		 <label for=\"cert-image\">or a picture of its QR code (PNG or JPEG)</label>\
		 <input id=\"cert-image\" name=\"image\" type=\"file\" accept=\"image/png,image/jpeg\">\
		 <button type=\"submit\">Verify</button></form>",
		esc(text),
		prefix = esc(portable::PREFIX),
	)
}

/// The certificate's text from the upload: the text box, or else the QR code in the picture,
/// decoded off the async runtime while one of the `decodes` permits is free.
pub async fn read_upload(
	mut upload: Multipart,
	decodes: &Arc<Semaphore>,
) -> Result<String, Problem> {
	let (mut text, mut image, mut name) = (String::new(), Vec::new(), String::new());
	let unreadable = |e: axum::extract::multipart::MultipartError| {
		if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
			return Problem {
				status: 413,
				sentence: format!(
					"The upload is larger than the {} MiB a picture may be: choose a smaller one.",
					MAX_UPLOAD / (1024 * 1024)
				),
			};
		}
		Problem::bad_input(format!("The upload could not be read: {}.", e.body_text()))
	};
	while let Some(field) = upload.next_field().await.map_err(unreadable)? {
		match field.name() {
			Some("text") => text = field.text().await.map_err(unreadable)?,
			Some("image") => {
				name = field.file_name().unwrap_or_default().to_string();
				image = field.bytes().await.map_err(unreadable)?.to_vec();
			},
			_ => {},
		}
	}
	let text = text.trim().to_string();
	if !text.is_empty() {
		return Ok(text);
	}
	if image.is_empty() {
		return Err(Problem::bad_input(
			"Paste the certificate's text or choose a picture of its QR code, then press Verify.",
		));
	}
	// The permit goes with the decode: it stays taken until the decode ends, even when the
	// visitor leaves first.
	let permit = decodes.clone().try_acquire_owned().map_err(|_| Problem {
		status: 503,
		sentence: "The dashboard is reading other pictures: try again in a moment.".into(),
	})?;
	if name.trim().is_empty() {
		name = "uploaded".into();
	}
	let decoded = tokio::task::spawn_blocking(move || {
		let _permit = permit;
		portable::read_qr(&image, &name)
	})
	.await
	.map_err(|_| Problem {
		status: 500,
		sentence: "The picture could not be read: its decoder stopped. Try another picture.".into(),
	})?;
	decoded.map_err(|e| Problem::bad_input(sentence(&e.to_string())))
}

/// `text` verified at the chain's finalized head; a certificate that cannot be read or whose
/// signature fails is a sentence.
async fn verified(view: &View, text: &str) -> Result<Verification, Problem> {
	match verify_online(&view.client, text, None).await {
		Ok(verification) => Ok(verification),
		Err(Error::Certificate(error)) => Err(Problem::bad_input(format!(
			"This certificate does not hold: {}",
			sentence(&error.to_string())
		))),
		Err(other) => Err(other.into()),
	}
}

/// The verification of `text` at the chain's finalized head.
pub async fn verify(view: &View, text: &str) -> Result<String, Problem> {
	let verification = verified(view, text).await?;
	let registry = view.registry().await?;
	let issuer = match registry.organisations.get(&verification.claims.issuer) {
		Some((name, region)) => format!("{name} ({region})"),
		None => format!("organisation {}", verification.claims.issuer),
	};
	Ok(result(&verification, &issuer, text))
}

/// `POST /certificates/card`: a valid certificate (`text=HN1:…`) as a printable card, an
/// ID-1 page in PDF with its QR code; a certificate that does not hold, or no longer does, is
/// not printed.
pub async fn card(
	axum::extract::State(app): axum::extract::State<Arc<crate::App>>,
	headers: axum::http::HeaderMap,
	axum::Form(form): axum::Form<CardForm>,
) -> axum::response::Response {
	use axum::{http::header, response::IntoResponse};
	let printed = app.read(async |view| printable(view, form.text.trim()).await).await;
	match printed {
		Ok((name, pdf)) => (
			[
				(header::CONTENT_TYPE, "application/pdf".to_string()),
				(header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
				(header::CACHE_CONTROL, "no-store".to_string()),
			],
			pdf,
		)
			.into_response(),
		Err(problem) => app.respond(
			&headers,
			crate::html::Tab::Certificates,
			"Print a certificate",
			self::form(form.text.trim()),
			Err(problem),
			false,
		),
	}
}

/// The card form's one field.
#[derive(serde::Deserialize)]
pub struct CardForm {
	text: String,
}

/// The card of `text` and its file's name, if it is valid now.
async fn printable(view: &View, text: &str) -> Result<(String, Vec<u8>), Problem> {
	let verification = verified(view, text).await?;
	if !verification.valid {
		let verdict = verification.verdict.as_ref().map(verdict_sentence).unwrap_or_default();
		return Err(Problem::bad_input(format!(
			"Only a valid certificate is printed as a card, and the chain says: {verdict}."
		)));
	}
	let registry = view.registry().await?;
	let claims = &verification.claims;
	let issuer = registry
		.organisations
		.get(&claims.issuer)
		.map_or_else(|| format!("organisation {}", claims.issuer), |(name, _)| name.clone());
	let id = hex(&claims.id);
	let grouped: Vec<&str> =
		id.as_bytes().chunks(4).map(|c| std::str::from_utf8(c).unwrap_or("")).collect();
	let kind = crate::html::capital(portable::kind_word(claims.statement.kind()));
	let (valid_from, valid_until) =
		(period::moment(claims.valid_from), period::moment(claims.valid_until));
	let pdf = crate::card::card_pdf(&crate::card::Card {
		text,
		kind: &kind,
		holder: &claims.holder.name,
		birth_date: &claims.holder.birth_date,
		valid_from: &valid_from,
		valid_until: &valid_until,
		issuer: &issuer,
		issuer_org: claims.issuer,
		certificate: &grouped.join(" "),
		version: claims.version,
	})
	.map_err(|e| Problem::bad_input(sentence(&e.to_string())))?;
	Ok((format!("certificate-{}-v{}.pdf", &id[..8.min(id.len())], claims.version), pdf))
}

fn result(v: &Verification, issuer: &str, text: &str) -> String {
	let verdict = v.verdict.as_ref().map(verdict_sentence).unwrap_or_else(|| "not asked".into());
	let (class, headline) = if v.valid { ("ok", "Valid") } else { ("error", "Not valid") };
	let claims = &v.claims;
	let what =
		match &claims.statement {
			portable::Statement::TestResult { disease, result, sampled } => {
				format!("Test for {disease}: {result}, sampled on {sampled}")
			},
			portable::Statement::Vaccination { disease, lot, dose, of, date } => {
				format!("Vaccination against {disease}: dose {dose} of {of}, lot {lot}, given on {date}")
			},
			portable::Statement::Recovery { disease, first_positive } => {
				format!("Recovery from {disease}, first positive on {first_positive}")
			},
			portable::Statement::Infectivity { percent, result_date } => {
				format!("Infectivity {percent} %, from the result of {result_date}")
			},
		};
	format!(
		"<section id=\"verdict\" class=\"verdict {class}\" aria-live=\"polite\"><h2>{headline}</h2>\
		 <p class=\"sentence\">The chain says: {}.</p><dl>\
		 <dt>Certifies</dt><dd>{}</dd><dt>Holder</dt><dd>{}, born {}</dd>\
		 <dt>Certificate</dt><dd><code>{}</code>, version {}</dd><dt>Issuer</dt><dd>{}</dd>\
		 <dt>Valid</dt><dd>from {} until {}</dd></dl>\
		 <p class=\"hint\">Compare the holder's name and birth date with an identity document.</p>{}</section>",
		esc(&verdict),
		esc(&what),
		esc(&claims.holder.name),
		esc(&claims.holder.birth_date),
		hex(&claims.id),
		claims.version,
		esc(issuer),
		esc(&period::moment(claims.valid_from)),
		esc(&period::moment(claims.valid_until)),
		if v.valid {
			format!(
				"<form method=\"post\" action=\"/certificates/card\">\
				 <input type=\"hidden\" name=\"text\" value=\"{}\">\
				 <button type=\"submit\">Print it as a card (PDF)</button></form>",
				esc(text)
			)
		} else {
			String::new()
		},
	)
}

fn hex(bytes: &[u8]) -> String {
	bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A message as a sentence: capital first letter, full stop at the end.
fn sentence(text: &str) -> String {
	let mut chars = text.trim().chars();
	let mut out: String = match chars.next() {
		Some(first) => first.to_uppercase().chain(chars).collect(),
		None => return String::new(),
	};
	if !out.ends_with('.') {
		out.push('.');
	}
	out
}

#[cfg(test)]
mod tests {
	#[test]
	fn errors_read_as_sentences() {
		assert_eq!(super::sentence("the text is not base45"), "The text is not base45.");
	}
}

/// Shown under the form before anything is verified: that nothing is kept, and the trust
/// list verifiers check signatures against.
pub async fn trust_list(view: &View) -> Result<String, Problem> {
	let mut html = notice(
		"info",
		"Nothing is stored: a certificate is checked against the chain and forgotten.",
	);
	let (mut keys, _) = view.pages::<ListedKey<BlockNumber>>("healthnet_issuerKeys", &[]).await?;
	keys.sort_by_key(|listed| (listed.key.org, listed.key.added_at, listed.id));
	let (suspended_issuers, _) =
		view.pages::<(OrgId, BlockNumber)>("healthnet_suspendedIssuers", &[]).await?;
	let list = TrustList { keys, suspended_issuers };
	if list.keys.is_empty() {
		html.push_str(&notice("info", "No issuer has registered a signing key yet."));
		return Ok(html);
	}
	let registry = view.registry().await?;
	let suspended: std::collections::BTreeMap<_, _> =
		list.suspended_issuers.iter().copied().collect();
	let rows: Vec<String> = list
		.keys
		.iter()
		.map(|listed| {
			let key = &listed.key;
			let issuer = registry
				.organisations
				.get(&key.org)
				.map(|(name, _)| esc(name))
				.unwrap_or_else(|| format!("organisation {}", key.org));
			let kinds: Vec<String> = key.kinds.kinds().iter().map(|k| words(k)).collect();
			let status = match (suspended.get(&key.org), &key.status) {
				(Some(at), _) => format!("issuer suspended at block #{at}"),
				(None, KeyStatus::Active) => "active".into(),
				(None, KeyStatus::Suspended { at, .. }) => format!("suspended at block #{at}"),
				(None, KeyStatus::Removed { at }) => format!("removed at block #{at}"),
			};
			format!(
				"<tr><th scope=\"row\">{issuer}</th><td><code>{}</code></td><td>{}</td><td>{} to {}</td><td>{status}</td></tr>",
				hex(&listed.id),
				esc(&kinds.join(", ")),
				esc(&period::moment(key.valid_from)),
				esc(&period::moment(key.valid_until)),
			)
		})
		.collect();
	html.push_str(&table(
		"trust-list",
		"The trust list: issuers' signing keys",
		&["Issuer", "Key", "Certifies", "Signs from", "State"],
		&rows,
	));
	Ok(html)
}
