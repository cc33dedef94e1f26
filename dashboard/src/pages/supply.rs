//! Supply: each product's stock across a region, the recalled lots and quarantined holdings,
//! one lot's trace as a timeline, and the facilities whose test kits used and tests reported
//! disagree (the under-reporting list).

use std::collections::{BTreeMap, BTreeSet};

use healthnet_client::{api, export::Registry, period};
use healthnet_primitives::{
	registry::region_contains,
	supply::{LotId, LotView, ReportingGap, Site, StockFigures, StockLine, TraceEntry, TraceStep},
	BlockNumber, OrgId,
};
use serde::Deserialize;

use crate::{
	html::{capital, esc, notice, num_cell, number, table, time, words},
	node::{Problem, View},
};

/// The share by which tests used may exceed tests reported before a facility is listed.
pub const DEFAULT_TOLERANCE: u8 = 10;

/// What the supply page shows.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct SupplyChoice {
	/// The region; empty for the world.
	pub region: String,
	/// A lot whose trace to show.
	pub lot: String,
	/// The disease of the under-reporting list.
	pub disease: String,
}

impl SupplyChoice {
	/// The form that chooses region, lot and disease.
	pub fn controls(&self, default_disease: &str) -> String {
		let disease =
			if self.disease.trim().is_empty() { default_disease } else { self.disease.trim() };
		format!(
			"<form class=\"choice\" method=\"get\" action=\"/supply\">\
			 <label>Region <input name=\"region\" value=\"{}\" placeholder=\"world\" size=\"12\" autocomplete=\"off\"></label>\
			 <label>Lot to trace <input name=\"lot\" value=\"{}\" inputmode=\"numeric\" size=\"6\" autocomplete=\"off\"></label>\
			 <label>Tests for <input name=\"disease\" value=\"{}\" size=\"8\" autocomplete=\"off\"></label>\
			 <button type=\"submit\">Show</button></form>",
			esc(self.region.trim()),
			esc(self.lot.trim()),
			esc(disease),
		)
	}
}

/// The supply page's content.
pub async fn render(
	view: &View,
	choice: &SupplyChoice,
	default_disease: &str,
) -> Result<String, Problem> {
	let region = choice.region.trim().to_uppercase();
	let disease = match choice.disease.trim() {
		"" => default_disease.to_string(),
		d => d.to_uppercase(),
	};
	let registry = view.registry().await?;
	super::known_region(&registry, &region)?;
	let name = |org: &OrgId| match registry.organisations.get(org) {
		Some((name, _)) => esc(name),
		None => format!("organisation {org}"),
	};
	let mut html = format!(
		"<p class=\"lead\">Supplies in {}, as finalized at block #{}.</p>",
		esc(&super::region_name(&registry, &region)),
		view.number
	);
	if !choice.lot.trim().is_empty() {
		html.push_str(&trace(view, &registry, choice.lot.trim()).await?);
	}
	html.push_str(&stock(view, &registry, &region).await?);

	let (recalled, more_recalled) = view.pages::<LotId>("healthnet_recalledLots", &[]).await?;
	let (quarantined, more_quarantined) =
		view.pages::<(OrgId, LotId, u32)>("healthnet_quarantinedStock", &[]).await?;
	let mut rows = Vec::new();
	for lot in &recalled {
		if let Some(found) =
			view.rpc::<Option<LotView<BlockNumber>>>("healthnet_lot", vec![(*lot).into()]).await?
		{
			let (at, reason) = found.recalled.map(|(at, r)| (at, words(r))).unwrap_or_default();
			rows.push(format!(
				"<tr class=\"recalled\"><th scope=\"row\"><a href=\"/supply?lot={lot}\">Lot {lot}</a> ({})</th>\
				 <td>Recalled at block #{at}: {}</td>{}</tr>",
				esc(&String::from_utf8_lossy(&found.number)),
				esc(&reason),
				num_cell(found.totals.held + found.totals.in_transit),
			));
		}
	}
	for (holder, lot, units) in &quarantined {
		let inside = registry
			.organisations
			.get(holder)
			.is_some_and(|(_, own)| region_contains(region.as_bytes(), own.as_bytes()));
		if inside {
			rows.push(format!(
				"<tr class=\"quarantined\"><th scope=\"row\"><a href=\"/supply?lot={lot}\">Lot {lot}</a></th>\
				 <td>Quarantined at {}</td>{}</tr>",
				name(holder),
				num_cell(*units),
			));
		}
	}
	if rows.is_empty() {
		html.push_str(&notice("ok", "No lot is recalled and no stock is quarantined here."));
	} else {
		html.push_str(&table(
			"withheld",
			"Recalled and quarantined lots",
			&["Lot", "State", "Units"],
			&rows,
		));
	}
	if more_recalled || more_quarantined {
		html.push_str(&notice(
			"info",
			&format!(
				"Only the first {} recalled lots and quarantined holdings of the chain are read \
				 here; the command line lists them all (healthnet supply stock --withheld).",
				crate::node::MAX_PAGES * healthnet_primitives::MAX_PAGE as usize
			),
		));
	}

	let today = period::today();
	let leading =
		[region.as_str().into(), disease.as_str().into(), today.into(), DEFAULT_TOLERANCE.into()];
	let (gaps, _) = view.pages::<ReportingGap>("healthnet_reportingGaps", &leading).await?;
	if gaps.is_empty() {
		html.push_str(&notice(
			"ok",
			&format!(
				"Every facility's {disease} report of today agrees with the test kits it used and \
				 is not below what its instruments attested (within {DEFAULT_TOLERANCE} %)."
			),
		));
	} else {
		let rows: Vec<String> = gaps
			.iter()
			.map(|g| {
				format!(
					"<tr data-org=\"{}\" data-attested-positives=\"{}\"><th scope=\"row\">{}</th>{}<td class=\"n\">{}</td><td class=\"n\">{}</td>{}{}<td>{}</td></tr>",
					g.org,
					g.found.attested_positives,
					name(&g.org),
					num_cell(g.tests_used),
					g.tests_reported.map(number).unwrap_or_else(|| "no report".into()),
					g.positives_reported.map(number).unwrap_or_else(|| "no report".into()),
					num_cell(g.tests_attested),
					num_cell(g.positives_attested),
					reading(g),
				)
			})
			.collect();
		html.push_str(&table(
			"gaps",
			&format!(
				"{disease} reports of {} against test kits used and what instruments attested: the facilities that differ by more than {DEFAULT_TOLERANCE} %",
				crate::html::date(today)
			),
			&[
				"Facility",
				"Test kits used",
				"Tests reported",
				"Positives reported",
				"Tests its instruments attested",
				"Positives they attested",
				"Reading",
			],
			&rows,
		));
	}
	Ok(html)
}

/// Every product's stock in the region: holders, and units available (usable), quarantined,
/// recalled and expired.
async fn stock(view: &View, registry: &Registry, region: &str) -> Result<String, Problem> {
	let at = view.client.subxt().at_block(view.block).await.map_err(Problem::unreadable)?;
	let mut products = BTreeMap::new();
	let mut entries = at
		.storage()
		.iter(api::storage().supply().products(), ())
		.await
		.map_err(Problem::unreadable)?;
	while let Some(entry) = entries.next().await {
		let entry = entry.map_err(Problem::unreadable)?;
		let (id,) = entry.key().and_then(|key| key.decode()).map_err(Problem::unreadable)?;
		products.insert(id, entry.value().decode().map_err(Problem::unreadable)?);
	}
	if products.is_empty() {
		return Ok(notice("info", "No product is registered on this chain yet."));
	}
	// One pass over the region's holdings, summed per product.
	let (lines, more) = view
		.pages::<StockLine>("healthnet_regionStock", &[serde_json::Value::Null, region.into()])
		.await?;
	let mut per_product = BTreeMap::<u32, (BTreeSet<OrgId>, StockFigures)>::new();
	for line in &lines {
		let (holders, figures) = per_product.entry(line.product).or_default();
		holders.insert(line.holder);
		figures.add(&line.figures);
	}
	let mut rows = Vec::new();
	for (id, product) in products {
		let (holders, f) = per_product.remove(&id).unwrap_or_default();
		let maker = registry
			.organisations
			.get(&product.manufacturer)
			.map(|(n, _)| n.as_str())
			.unwrap_or("");
		let disease = product
			.disease
			.as_ref()
			.map(|d| format!(" for {}", String::from_utf8_lossy(&d.0)))
			.unwrap_or_default();
		rows.push(format!(
			"<tr data-product=\"{id}\" data-available=\"{}\" data-quarantined=\"{}\" \
			 data-recalled=\"{}\" data-expired=\"{}\"><th scope=\"row\">{}{} <small>GTIN {} · {}</small></th>\
			 <td class=\"n\">{}</td>{}{}{}{}</tr>",
			f.available,
			f.quarantined,
			f.recalled,
			f.expired,
			capital(&words(&product.kind)),
			esc(&disease),
			esc(&String::from_utf8_lossy(&product.gtin)),
			esc(maker),
			number(holders.len() as u64),
			num_cell(f.available),
			num_cell(f.quarantined),
			num_cell(f.recalled),
			num_cell(f.expired),
		));
	}
	let mut html = table(
		"stock",
		"Stock per product: only available units may be shipped or used",
		&["Product", "Holders", "Available", "Quarantined", "Recalled", "Expired"],
		&rows,
	);
	if more {
		html.push_str(&notice(
			"info",
			"This region holds more lots than one page of the dashboard reads: the figures count \
			 the first 1,000 holdings; the command line sums them all (healthnet supply stock --region).",
		));
	}
	Ok(html)
}

/// A lot's trace as a timeline, each step with its block and the day it was made.
async fn trace(view: &View, registry: &Registry, lot: &str) -> Result<String, Problem> {
	let lot: u32 = lot.parse().map_err(|_| {
		Problem::bad_input(format!(
			"A lot is given by its number on the chain, such as 3, not \"{lot}\"."
		))
	})?;
	let Some(found) =
		view.rpc::<Option<LotView<BlockNumber>>>("healthnet_lot", vec![lot.into()]).await?
	else {
		return Err(Problem::nothing(format!(
			"There is no lot {lot} on this chain: a manufacturer makes lots with `healthnet \
			 supply lot`."
		)));
	};
	let entries: Vec<TraceEntry<BlockNumber>> =
		view.rpc("healthnet_lotTrace", vec![lot.into()]).await?;
	let name = |org: &OrgId| match registry.organisations.get(org) {
		Some((name, _)) => esc(name),
		None => format!("organisation {org}"),
	};
	let mut items = String::new();
	for entry in &entries {
		let what = match &entry.step {
			TraceStep::Made { by, quantity } => {
				format!("Made: {} units by {}", number(*quantity), name(by))
			},
			TraceStep::Shipped { shipment, from, to, quantity } => format!(
				"Shipped: {} units from {} to {} (shipment {shipment})",
				number(*quantity),
				name(from),
				name(to)
			),
			TraceStep::Received { shipment, accepted, short } => {
				format!(
					"Received: {} units accepted, {} short (shipment {shipment})",
					number(*accepted),
					number(*short)
				)
			},
			TraceStep::Returned { shipment, quantity } => {
				format!("Returned: {} units (shipment {shipment})", number(*quantity))
			},
			TraceStep::Excursion { site, minutes, quarantined } => {
				let place = match site {
					Site::Holder(org) => format!("at {}", name(org)),
					Site::Shipment(s) => format!("in transit (shipment {s})"),
				};
				format!("Temperature excursion {place}: {minutes} minutes out of range, {} units quarantined", number(*quarantined))
			},
			TraceStep::Released { holder, quantity } => {
				format!("Released from quarantine: {} units at {}", number(*quantity), name(holder))
			},
			TraceStep::Condemned { holder, quantity } => {
				format!("Condemned: {} units at {}", number(*quantity), name(holder))
			},
			TraceStep::Counted { holder, counted, difference } => format!(
				"Counted at {}: {} units, {} against the record",
				name(holder),
				number(*counted),
				if *difference > 0 {
					format!("{} found", number(difference.unsigned_abs()))
				} else {
					format!("{} lost", number(difference.unsigned_abs()))
				}
			),
			TraceStep::Recalled { by, reason } => {
				format!("Recalled by {}: {}", name(by), words(reason))
			},
		};
		let when = match view.block_time(entry.block).await {
			Some(seconds) => format!(
				"<time datetime=\"{}\">{}</time> · ",
				period::moment(seconds).replace(' ', "T"),
				esc(&period::moment(seconds))
			),
			None => String::new(),
		};
		let class = if matches!(entry.step, TraceStep::Recalled { .. }) {
			" class=\"recalled\""
		} else {
			""
		};
		items.push_str(&format!(
			"<li{class}><p class=\"when\">{when}block #{}</p><p>{what}</p></li>",
			entry.block
		));
	}
	let totals = &found.totals;
	Ok(format!(
		"<section id=\"trace\" aria-labelledby=\"trace-title\"><h2 id=\"trace-title\">Lot {lot} ({}), \
		 used by {}</h2><p>Produced {}: held {}, in transit {}, used {}, wasted {}.</p>\
		 <ol class=\"timeline\">{items}</ol></section>",
		esc(&String::from_utf8_lossy(&found.number)),
		time(found.expiry),
		number(totals.produced),
		number(totals.held),
		number(totals.in_transit),
		number(totals.used),
		number(totals.wasted),
	))
}

/// What a gap reads as, in a sentence: each disagreement and what it suggests.
fn reading(gap: &ReportingGap) -> String {
	let reported = gap.tests_reported.unwrap_or(0);
	let mut readings = Vec::new();
	if gap.found.kits {
		readings.push(match gap.tests_reported {
			None => "used kits but sent no report",
			Some(_) if gap.tests_used > reported => "used more kits than it reported tests",
			Some(_) => "reported more tests than kits it recorded as used: its stock records lag",
		});
	}
	if gap.found.attested_tests {
		readings.push("reported fewer tests than its instruments attested");
	}
	if gap.found.attested_positives {
		readings.push("reported fewer positives than its instruments attested");
	}
	let under = gap.found.attested_tests
		|| gap.found.attested_positives
		|| (gap.found.kits && gap.tests_used > reported);
	let mut sentence = readings.join("; ");
	if under {
		sentence.push_str(": possible under-reporting");
	}
	sentence
}
