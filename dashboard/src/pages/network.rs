//! Network: the chain, its best and finalized blocks, the node's peers, the validators, the
//! council and its open motions, and whether the network is closed to listed nodes.

use crate::{
	html::{esc, notice, number, table},
	node::{Problem, View},
};

/// The network page's content.
pub async fn render(view: &View) -> Result<String, Problem> {
	let client = &view.client;
	let info = client.chain_info().await?;
	let health: serde_json::Value =
		client.request("system_health", subxt_rpcs::rpc_params![]).await.map_err(Problem::from)?;
	let validators = client.validators().await?;
	let council = client.council_members().await?;
	let motions = client.motions().await?;
	let allowed = client.allowed_nodes().await?;
	let peers = health["peers"].as_u64().unwrap_or(0);
	let syncing = health["isSyncing"].as_bool().unwrap_or(false);
	let mut html = format!(
		"<dl id=\"blocks\" class=\"cards\">\
		 <div><dt>Best block</dt><dd data-name=\"best\" data-value=\"{b}\">#{}</dd></div>\
		 <div><dt>Finalized block</dt><dd data-name=\"finalized\" data-value=\"{f}\">#{}</dd></div>\
		 <div><dt>Behind finality</dt><dd data-name=\"gap\">{}</dd></div>\
		 <div><dt>Peers</dt><dd data-name=\"peers\">{}</dd></div></dl>\
		 <p class=\"lead\">Chain {}, runtime version {}, genesis <code class=\"hash\">{:?}</code>. \
		 The node {}.</p>",
		number(info.best),
		number(info.finalized),
		number(info.best.saturating_sub(info.finalized)),
		number(peers),
		esc(&info.chain),
		info.spec_version,
		info.genesis,
		if syncing { "is catching up with the network" } else { "is in step with the network" },
		b = info.best,
		f = info.finalized,
	);
	html.push_str(&accounts("validators", "Validators", &validators));
	html.push_str(&accounts("council", "Council members", &council));
	if motions.is_empty() {
		html.push_str(&notice("info", "The council has no open motion."));
	} else {
		let rows: Vec<String> = motions
			.iter()
			.map(|m| {
				let ends = if m.end > view.number {
					format!("in {} blocks (block #{})", number(m.end - view.number), m.end)
				} else {
					format!("may be closed now (block #{})", m.end)
				};
				format!(
					"<tr><td class=\"n\">{}</td><td><code class=\"hash\">{:?}</code></td><td class=\"n\">{} of {}</td>\
					 <td class=\"n\">{}</td><td>{ends}</td></tr>",
					m.index,
					m.hash,
					m.ayes.len(),
					m.threshold,
					m.nays.len(),
				)
			})
			.collect();
		html.push_str(&table(
			"motions",
			"Open council motions",
			&["Motion", "Hash", "Ayes of needed", "Nays", "Voting ends"],
			&rows,
		));
	}
	html.push_str(&if allowed.is_empty() {
		notice("info", "The network is open: the council has listed no node keys.")
	} else {
		notice(
			"info",
			&format!(
				"The network is closed: {} node keys are listed by the council.",
				allowed.len()
			),
		)
	});
	Ok(html)
}

/// A numbered table of accounts.
fn accounts(id: &str, caption: &str, list: &[subxt::utils::AccountId32]) -> String {
	let rows: Vec<String> = list
		.iter()
		.enumerate()
		.map(|(i, a)| format!("<tr><td class=\"n\">{}</td><td><code>{a}</code></td></tr>", i + 1))
		.collect();
	table(id, &format!("{caption} ({})", list.len()), &["", "Account"], &rows)
}
