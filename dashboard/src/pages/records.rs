//! Records: oversight of medical records access without a record in sight. For each
//! organisation in a region, how many times it declared emergency ("break-glass") access, how
//! many of those its authority reviewed as justified or as abusive, and how many accesses are
//! still open. No record id, patient, entry or document is shown: patients read their own audit
//! trails; authorities watch how often the glass breaks and whether it should have.

use std::collections::BTreeMap;

use healthnet_client::api;
use healthnet_primitives::{records::EmergencyTally, registry::region_contains, OrgId};

use crate::{
	html::{esc, notice, num_cell, number, table},
	node::{Problem, View},
};

/// The records page's content for `region` (empty: the world).
pub async fn render(view: &View, region: &str) -> Result<String, Problem> {
	let region = region.trim().to_uppercase();
	let registry = view.registry().await?;
	super::known_region(&registry, &region)?;
	let at = view.client.subxt().at_block(view.block).await.map_err(Problem::unreadable)?;
	let mut open: BTreeMap<OrgId, u32> = BTreeMap::new();
	let mut entries = at
		.storage()
		.iter(api::storage().records().emergencies(), ())
		.await
		.map_err(Problem::unreadable)?;
	while let Some(entry) = entries.next().await {
		let entry = entry.map_err(Problem::unreadable)?;
		let (_, org) = entry.key().and_then(|key| key.decode()).map_err(Problem::unreadable)?;
		let access = entry.value().decode().map_err(Problem::unreadable)?;
		if access.until >= view.number {
			*open.entry(org).or_default() += 1;
		}
	}
	let mut rows = Vec::new();
	for (org, (name, own)) in &registry.organisations {
		if !region_contains(region.as_bytes(), own.as_bytes()) {
			continue;
		}
		let tally: EmergencyTally =
			view.rpc("healthnet_emergencyAccesses", vec![(*org).into()]).await?;
		if tally.declared == 0 {
			continue;
		}
		// Abusive declarations stand out: they count against the organisation.
		let abusive = format!(
			"<td class=\"n{}\" data-value=\"{n}\" data-abusive=\"{n}\">{}</td>",
			if tally.abusive > 0 { " abusive" } else { "" },
			number(u64::from(tally.abusive)),
			n = tally.abusive,
		);
		rows.push(format!(
			"<tr data-org=\"{org}\"><th scope=\"row\">{}</th><td>{}</td>{}{}{}{}{}</tr>",
			esc(name),
			esc(own),
			num_cell(tally.declared),
			num_cell(tally.justified),
			abusive,
			num_cell(tally.declared - tally.justified - tally.abusive),
			num_cell(open.get(org).copied().unwrap_or(0)),
		));
	}
	let mut html = format!(
		"<p class=\"lead\">Emergency access to medical records in {}, as finalized at block #{}. \
		 Each one is in the patient's audit trail; this page shows only how often, and what \
		 the authority over each organisation found when it reviewed them.</p>",
		esc(&super::region_name(&registry, &region)),
		view.number,
	);
	if rows.is_empty() {
		html.push_str(&notice(
			"ok",
			"No organisation in this region has declared emergency access.",
		));
	} else {
		html.push_str(&table(
			"emergencies",
			"Emergency access per organisation",
			&[
				"Organisation",
				"Region",
				"Declared",
				"Justified",
				"Abusive",
				"Not reviewed",
				"Open now",
			],
			&rows,
		));
	}
	Ok(html)
}
