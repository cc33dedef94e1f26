//! Guidance: what authorities published, newest first, with the facilities addressed that
//! acknowledged it (and when) and those that have not.

use std::collections::BTreeMap;

use healthnet_client::api::{
	self,
	runtime_types::pallet_surveillance::types::{GuidanceTarget, Severity},
};
use healthnet_primitives::OrgId;

use crate::{
	html::{esc, notice},
	node::{Problem, View},
};

/// How many pieces of guidance the page shows, newest first.
pub const SHOWN: u32 = 20;

/// The guidance page's content: the newest [`SHOWN`] pieces of guidance, each read by its id,
/// with its acknowledgements and the facilities that have not acknowledged it; for a signed-in
/// member of organisation `org`, a button to acknowledge what addresses it.
pub async fn render(view: &View, org: Option<OrgId>) -> Result<String, Problem> {
	let registry = view.registry().await?;
	let at = view.client.subxt().at_block(view.block).await.map_err(Problem::unreadable)?;
	let next: u32 = match at
		.storage()
		.try_fetch(api::storage().surveillance().next_guidance_id(), ())
		.await
		.map_err(Problem::unreadable)?
	{
		Some(value) => value.decode().map_err(Problem::unreadable)?,
		None => 0,
	};
	if next == 0 {
		return Ok(notice("info", "No authority has published guidance on this chain yet."));
	}
	let mut published = Vec::new();
	for id in (next.saturating_sub(SHOWN)..next).rev() {
		let stored = at
			.storage()
			.try_fetch(api::storage().surveillance().guidances(), (id,))
			.await
			.map_err(Problem::unreadable)?;
		if let Some(value) = stored {
			published.push((id, value.decode().map_err(Problem::unreadable)?));
		}
	}
	let mut acknowledged: BTreeMap<u32, Vec<(OrgId, u32)>> = BTreeMap::new();
	for (id, _) in &published {
		// One guidance's acknowledgements: at most the facilities it addresses.
		let mut entries = at
			.storage()
			.iter(api::storage().surveillance().acknowledgements(), (*id,))
			.await
			.map_err(Problem::unreadable)?;
		while let Some(entry) = entries.next().await {
			let entry = entry.map_err(Problem::unreadable)?;
			let (_, org) = entry.key().and_then(|key| key.decode()).map_err(Problem::unreadable)?;
			let block = entry.value().decode().map_err(Problem::unreadable)?;
			acknowledged.entry(*id).or_default().push((org, block));
		}
	}
	let name = |org: &OrgId| match registry.organisations.get(org) {
		Some((name, _)) => esc(name),
		None => format!("organisation {org}"),
	};
	let mut html = format!(
		"<p class=\"lead\">{} published, as finalized at block #{}{}.</p>",
		if next == 1 {
			"One piece of guidance".to_string()
		} else {
			format!("{next} pieces of guidance")
		},
		view.number,
		if next > SHOWN { format!("; the newest {SHOWN} are shown") } else { String::new() }
	);
	for (id, guidance) in published {
		let (pending, more) =
			view.pages::<OrgId>("healthnet_unacknowledgedGuidance", &[id.into()]).await?;
		let more = if more { " and more" } else { "" };
		let done = acknowledged.remove(&id).unwrap_or_default();
		let (severity, class) = match guidance.severity {
			Severity::Information => ("Information", "info"),
			Severity::Advisory => ("Advisory", "advisory"),
			Severity::Warning => ("Warning", "warning"),
			Severity::Emergency => ("Emergency", "emergency"),
		};
		let target = match &guidance.target {
			GuidanceTarget::Region(code) => {
				let code = String::from_utf8_lossy(&code.0).into_owned();
				format!("facilities in {}", esc(&super::region_name(&registry, &code)))
			},
			GuidanceTarget::Cluster(cluster) => match registry.clusters.get(cluster) {
				Some((name, _)) => format!("cluster {}", esc(name)),
				None => format!("cluster {cluster}"),
			},
		};
		let disease = guidance
			.disease
			.as_ref()
			.map(|d| format!(" on {}", esc(&String::from_utf8_lossy(&d.0))))
			.unwrap_or_default();
		let uri = String::from_utf8_lossy(&guidance.uri.0).into_owned();
		let done_items: String = done
			.iter()
			.map(|(org, block)| format!("<li>{} <small>(block #{block})</small></li>", name(org)))
			.collect();
		let pending_items: String =
			pending.iter().map(|org| format!("<li>{}</li>", name(org))).collect();
		let acknowledge = match org {
			Some(own) if pending.contains(&own) => format!(
				"<p><button type=\"button\" data-acknowledge=\"{id}\">Acknowledge for {}</button></p>",
				name(&own)
			),
			_ => String::new(),
		};
		html.push_str(&format!(
			"<article class=\"guidance {class}\" data-guidance=\"{id}\" aria-labelledby=\"g{id}\">\
			 <h2 id=\"g{id}\"><span class=\"badge {class}\">{severity}</span> Guidance {id}{disease}</h2>\
			 <p>From {} to {target}, published at block #{}. Document: <code>{}</code>, hash \
			 <code class=\"hash\">{:?}</code>.</p>\
			 <div class=\"columns\"><section><h3>Acknowledged ({})</h3>{}</section>\
			 <section><h3>Not yet acknowledged ({}{more})</h3>{}</section></div>{acknowledge}</article>",
			name(&guidance.author),
			guidance.published_at,
			esc(&uri),
			guidance.content_hash,
			done.len(),
			if done.is_empty() {
				"<p>None yet.</p>".into()
			} else {
				format!("<ul class=\"acked\">{done_items}</ul>")
			},
			pending.len(),
			if pending.is_empty() {
				"<p>Every facility addressed has acknowledged it.</p>".into()
			} else {
				format!("<ul class=\"pending\">{pending_items}</ul>")
			},
		));
	}
	Ok(html)
}

/// The form an authority's reviewer publishes guidance with: the document (hashed here; it
/// stays where its address says), whom it addresses, the disease and the severity.
pub fn publish_form() -> String {
	"<details class=\"publish\"><summary>Publish guidance</summary>\
	 <form id=\"publish-guidance\" class=\"work\">\
	 <div class=\"field\"><label for=\"g-document\">The document</label>\
	 <input id=\"g-document\" name=\"document\" type=\"file\" required></div>\
	 <div class=\"field\"><label for=\"g-uri\">Where it is published (its address)</label>\
	 <input id=\"g-uri\" name=\"uri\" type=\"url\" maxlength=\"256\" required></div>\
	 <div class=\"field\"><label for=\"g-region\">For the facilities of a region (code)</label>\
	 <input id=\"g-region\" name=\"region\" maxlength=\"32\" placeholder=\"IN-KA\"></div>\
	 <div class=\"field\"><label for=\"g-cluster\">or of a cluster (number)</label>\
	 <input id=\"g-cluster\" name=\"cluster\" inputmode=\"numeric\"></div>\
	 <div class=\"field\"><label for=\"g-disease\">On a disease (code, optional)</label>\
	 <input id=\"g-disease\" name=\"disease\" maxlength=\"16\"></div>\
	 <div class=\"field\"><label for=\"g-severity\">Severity</label>\
	 <select id=\"g-severity\" name=\"severity\"><option value=\"information\">Information</option>\
	 <option value=\"advisory\">Advisory</option><option value=\"warning\">Warning</option>\
	 <option value=\"emergency\">Emergency</option></select></div>\
	 <button type=\"submit\">Sign and publish</button></form></details>\
	 <ol id=\"write-status\" aria-live=\"polite\"></ol><script src=\"/static/work.js\"></script>"
		.into()
}

/// The largest guidance document the dashboard hashes.
pub const MAX_DOCUMENT: usize = 8 * 1024 * 1024;

/// `POST /guidance`: publishing (a multipart form: the token, the document and what
/// [`publish_form`] asks) or, as JSON `{csrf, acknowledge}`, an acknowledgement; prepared for
/// the wallet.
pub async fn write(
	axum::extract::State(app): axum::extract::State<std::sync::Arc<crate::App>>,
	headers: axum::http::HeaderMap,
	request: axum::extract::Request,
) -> axum::response::Response {
	use axum::{extract::FromRequest, http::StatusCode};
	use healthnet_client::surveillance;
	let refused = crate::refused;
	// Only a session's request is read at all.
	if app.sessions.of(&headers).is_none() {
		return refused(
			StatusCode::FORBIDDEN,
			"You are not signed in, or your session ended: sign in again.",
		);
	}
	let json = headers
		.get(axum::http::header::CONTENT_TYPE)
		.and_then(|v| v.to_str().ok())
		.is_some_and(|v| v.starts_with("application/json"));
	let mut fields: BTreeMap<String, String> = BTreeMap::new();
	let mut document = None;
	if json {
		let Ok(axum::Json(body)) =
			axum::Json::<serde_json::Value>::from_request(request, &()).await
		else {
			return refused(StatusCode::BAD_REQUEST, "The request is not JSON.");
		};
		fields.insert("csrf".into(), body["csrf"].as_str().unwrap_or_default().into());
		fields.insert("acknowledge".into(), body["acknowledge"].to_string());
	} else {
		let Ok(mut multipart) = axum::extract::Multipart::from_request(request, &()).await else {
			return refused(StatusCode::BAD_REQUEST, "The request is not a form.");
		};
		while let Ok(Some(field)) = multipart.next_field().await {
			let name = field.name().unwrap_or_default().to_string();
			let Ok(bytes) = field.bytes().await else {
				return refused(
					StatusCode::PAYLOAD_TOO_LARGE,
					"The document is larger than the dashboard takes (8 MiB).",
				);
			};
			if name == "document" {
				document = Some(bytes);
			} else if bytes.len() <= 512 {
				fields.insert(name, String::from_utf8_lossy(&bytes).trim().to_string());
			}
		}
	}
	let field = |name: &str| fields.get(name).map(String::as_str).unwrap_or_default();
	let (session_id, session, view, standing) =
		match crate::writes::member(&app, &headers, field("csrf"), None).await {
			Ok(member) => member,
			Err(refusal) => return refusal,
		};
	let prepared = if json {
		let Ok(guidance) = field("acknowledge").parse::<u32>() else {
			return refused(
				StatusCode::BAD_REQUEST,
				"Name the guidance to acknowledge by its number.",
			);
		};
		if let Err(sentence) =
			crate::writes::may(&standing, "acknowledge guidance", "reporter", Some("report-cases"))
		{
			return refused(StatusCode::FORBIDDEN, &sentence);
		}
		let call = surveillance::acknowledge_guidance(guidance);
		view.client
			.unsigned(&call, &session.account)
			.await
			.map(|unsigned| (format!("Acknowledge guidance {guidance}"), unsigned))
	} else {
		if let Err(sentence) = crate::writes::may(&standing, "publish guidance", "reviewer", None) {
			return refused(StatusCode::FORBIDDEN, &sentence);
		}
		let Some(document) = document.filter(|d| !d.is_empty()) else {
			return refused(
				StatusCode::UNPROCESSABLE_ENTITY,
				"Choose the guidance's document: its hash is what the chain keeps.",
			);
		};
		let uri = field("uri");
		if uri.is_empty() || uri.len() > 256 {
			return refused(
				StatusCode::UNPROCESSABLE_ENTITY,
				"Give the address where the document is published, of at most 256 characters.",
			);
		}
		let cluster = match field("cluster") {
			"" => None,
			text => match text.parse() {
				Ok(cluster) => Some(cluster),
				Err(_) => {
					return refused(
						StatusCode::UNPROCESSABLE_ENTITY,
						&format!("{text} is not a cluster's number."),
					)
				},
			},
		};
		let region = Some(field("region")).filter(|r| !r.is_empty());
		let target = match surveillance::target(region, cluster) {
			Ok(target) => target,
			Err(e) => {
				return refused(
					StatusCode::UNPROCESSABLE_ENTITY,
					&crate::writes::capitalised(&e.to_string()),
				)
			},
		};
		let severity = match surveillance::severity(field("severity")) {
			Ok(severity) => severity,
			Err(e) => {
				return refused(
					StatusCode::UNPROCESSABLE_ENTITY,
					&crate::writes::capitalised(&e.to_string()),
				)
			},
		};
		let disease = Some(field("disease")).filter(|d| !d.is_empty());
		let hash = subxt::utils::H256(sp_crypto_hashing::blake2_256(&document));
		let call = surveillance::publish_guidance(hash, uri, target, disease, severity);
		let whom = region.map_or_else(|| format!("cluster {}", field("cluster")), str::to_string);
		view.client
			.unsigned(&call, &session.account)
			.await
			.map(|unsigned| (format!("Publish guidance to {whom}"), unsigned))
	};
	let prepared = match prepared {
		Ok(prepared) => prepared,
		Err(e) => {
			return refused(
				StatusCode::UNPROCESSABLE_ENTITY,
				&crate::writes::capitalised(&e.to_string()),
			)
		},
	};
	crate::writes::answer(&app, &session_id, &view.client, vec![prepared]).await
}
