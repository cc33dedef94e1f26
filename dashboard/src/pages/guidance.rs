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
/// with its acknowledgements and the facilities that have not acknowledged it.
pub async fn render(view: &View) -> Result<String, Problem> {
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
		html.push_str(&format!(
			"<article class=\"guidance {class}\" data-guidance=\"{id}\" aria-labelledby=\"g{id}\">\
			 <h2 id=\"g{id}\"><span class=\"badge {class}\">{severity}</span> Guidance {id}{disease}</h2>\
			 <p>From {} to {target}, published at block #{}. Document: <code>{}</code>, hash \
			 <code class=\"hash\">{:?}</code>.</p>\
			 <div class=\"columns\"><section><h3>Acknowledged ({})</h3>{}</section>\
			 <section><h3>Not yet acknowledged ({}{more})</h3>{}</section></div></article>",
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
