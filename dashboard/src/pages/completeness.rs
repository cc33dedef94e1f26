//! Completeness: for every cluster in a region and every day shown, how many of its reporting
//! facilities reported the disease and how many in time, as a heat map; and the facilities
//! that did not report and those that reported late, by name. The chain counts a cluster's
//! current members, and a rejected or voided report as none.

use healthnet_primitives::{registry::region_contains, surveillance::CompletenessReport, OrgId};

use super::{known_disease, known_region, region_name, Choice};
use crate::{
	html::{date, esc, notice, percent, table, time},
	node::{Problem, View},
};

/// Days the page shows when none are chosen.
pub const DEFAULT_DAYS: u32 = 7;

/// The most days it shows: one request per cluster and day.
pub const MAX_DAYS: u32 = 31;

/// The completeness page's content.
pub async fn render(view: &View, choice: &Choice) -> Result<String, Problem> {
	let disease = choice.disease();
	let (from, to) = choice.range(DEFAULT_DAYS)?;
	if to - from >= MAX_DAYS {
		return Err(Problem::bad_input(format!(
			"The completeness page shows at most {MAX_DAYS} days at a time: choose fewer days."
		)));
	}
	let registry = view.registry().await?;
	let region = choice.region_in(&registry);
	known_region(&registry, &region)?;
	known_disease(view, &disease).await?;
	let mut clusters: Vec<_> = registry
		.clusters
		.iter()
		.filter(|(_, (_, own))| region_contains(region.as_bytes(), own.as_bytes()))
		.collect();
	// A cluster's own dashboard lists its cluster first.
	clusters.sort_by_key(|(id, _)| !choice.is_home(**id));
	let mut html = format!(
		"<p class=\"lead\">Reporting of {} in {} from {} to {}, as finalized at block #{}. Each \
		 cell counts the cluster's facilities that reported, of those expected to; the colour is \
		 the share that reported in time.</p>",
		esc(&disease),
		esc(&region_name(&registry, &region)),
		time(from),
		time(to),
		view.number,
	);
	if clusters.is_empty() {
		html.push_str(&notice("info", "No cluster of facilities is registered in this region."));
		return Ok(html);
	}
	let days: Vec<u32> = (from..=to).collect();
	let mut head: Vec<String> = vec!["Cluster".into()];
	head.extend(days.iter().map(|d| time(*d)));
	let mut rows = Vec::new();
	let mut missing = Vec::new();
	let mut late = Vec::new();
	for (id, (name, _)) in &clusters {
		let mut cells = String::new();
		for day in &days {
			let report: CompletenessReport = view
				.rpc(
					"healthnet_completeness",
					vec![(**id).into(), disease.as_str().into(), (*day).into()],
				)
				.await?;
			let shade = match report.expected {
				0 => "none".to_string(),
				e => format!("q{}", report.on_time * 4 / e),
			};
			cells.push_str(&format!(
				"<td class=\"heat {shade}\" data-period=\"{day}\" data-expected=\"{}\" data-reported=\"{}\" \
				 data-on-time=\"{}\" title=\"{}: {} of {} reported, {} in time\">{}/{}<small>{} in time</small></td>",
				report.expected,
				report.reported,
				report.on_time,
				date(*day),
				report.reported,
				report.expected,
				report.on_time,
				report.reported,
				report.expected,
				percent(report.on_time, report.expected),
			));
			let names = |orgs: &[OrgId]| -> String {
				let names: Vec<String> = orgs
					.iter()
					.map(|org| match registry.organisations.get(org) {
						Some((name, _)) => esc(name),
						None => format!("organisation {org}"),
					})
					.collect();
				names.join(", ")
			};
			for (orgs, class, list) in
				[(&report.missing, "missing", &mut missing), (&report.late, "late", &mut late)]
			{
				if !orgs.is_empty() {
					list.push(format!(
						"<tr><th scope=\"row\">{}</th><td>{}</td><td class=\"{class}\">{}</td></tr>",
						time(*day),
						esc(name),
						names(orgs)
					));
				}
			}
		}
		let (class, mark) =
			if choice.is_home(**id) { (" class=\"home\"", " (this cluster)") } else { ("", "") };
		rows.push(format!(
			"<tr data-cluster=\"{id}\"{class}><th scope=\"row\">{}{mark}</th>{cells}</tr>",
			esc(name)
		));
	}
	let head: Vec<&str> = head.iter().map(String::as_str).collect();
	html.push_str(&table("heatmap", "Facilities that reported, per cluster and day", &head, &rows));
	html.push_str(
		"<p class=\"legend\" aria-hidden=\"true\">In time: <span class=\"heat q0\">0–24 %</span>\
		 <span class=\"heat q1\">25–49 %</span><span class=\"heat q2\">50–74 %</span>\
		 <span class=\"heat q3\">75–99 %</span><span class=\"heat q4\">100 %</span></p>",
	);
	if missing.is_empty() {
		html.push_str(&notice(
			"ok",
			"Every facility expected to report did so on every day shown.",
		));
	} else {
		missing.reverse();
		html.push_str(&table(
			"missing",
			"Facilities that did not report",
			&["Day", "Cluster", "Missing facilities"],
			&missing,
		));
	}
	if !late.is_empty() {
		late.reverse();
		html.push_str(&table(
			"late",
			"Facilities that reported late",
			&["Day", "Cluster", "Late facilities"],
			&late,
		));
	}
	Ok(html)
}
