//! Overview: a region's cases of a disease per day as a chart (confirmed, suspected, tests
//! positive), its totals over the days shown, the regions one level inside it with theirs,
//! and the open alerts in it, highlighted.

use healthnet_primitives::surveillance::{AlertView, Period, PeriodTotals, Totals};

use super::{known_disease, known_region, region_name, Choice};
use crate::{
	html::{esc, notice, num_cell, number, table, time},
	node::{Problem, View},
};

/// Days the overview shows when none are chosen.
pub const DEFAULT_DAYS: u32 = 30;

/// The overview's content.
pub async fn render(view: &View, choice: &Choice) -> Result<String, Problem> {
	let disease = choice.disease();
	let (from, to) = choice.range(DEFAULT_DAYS)?;
	let registry = view.registry().await?;
	let region = choice.region_in(&registry);
	known_region(&registry, &region)?;
	known_disease(view, &disease).await?;
	let own = series(view, &region, &disease, from, to).await?;
	let mut html = breadcrumbs(&region, &disease);
	html.push_str(&format!(
		"<p class=\"lead\" data-block=\"{:?}\">{} of {} from {} to {}, as finalized at block #{}.</p>",
		view.block,
		esc(&disease),
		esc(&region_name(&registry, &region)),
		time(from),
		time(to),
		view.number,
	));

	let (alerts, _) =
		view.pages::<AlertView>("healthnet_openAlerts", &[region.as_str().into()]).await?;
	html.push_str(&alerts_section(&alerts, &disease));

	let total = sum(&own);
	html.push_str(&format!(
		"<dl id=\"totals\" class=\"cards\">{}{}{}{}</dl>",
		card("Confirmed", total.confirmed),
		card("Suspected", total.suspected),
		card("Tests positive", total.tests_positive),
		card("Deaths", total.deaths),
	));
	if own.is_empty() {
		html.push_str(&notice(
			"info",
			&format!("No facility in this region reported {disease} in these days: every day below is zero."),
		));
	}
	html.push_str(&chart(&own, from, to, &disease));

	let mut rows = Vec::new();
	for child in registry.children(&region) {
		let totals = sum(&series(view, &child, &disease, from, to).await?);
		rows.push(format!(
			"<tr data-region=\"{c}\"><th scope=\"row\"><a href=\"/?region={c}&amp;disease={d}&amp;days={n}\">{}</a></th>{}{}{}{}{}</tr>",
			esc(&region_name(&registry, &child)),
			num_cell(totals.confirmed),
			num_cell(totals.suspected),
			num_cell(totals.tests_positive),
			num_cell(totals.deaths),
			num_cell(totals.reports),
			c = esc(&child),
			d = esc(&disease),
			n = to - from + 1,
		));
	}
	if rows.is_empty() {
		html.push_str(&notice(
			"info",
			"No region inside this one holds an organisation: its clusters are on the Completeness page.",
		));
	} else {
		let head = ["Region", "Confirmed", "Suspected", "Tests positive", "Deaths", "Reports"];
		html.push_str(&table("children", "Regions inside, over these days", &head, &rows));
	}
	Ok(html)
}

/// A region's totals of `disease` per day from `from` to `to`; days without reports left out.
pub async fn series(
	view: &View,
	region: &str,
	disease: &str,
	from: Period,
	to: Period,
) -> Result<Vec<PeriodTotals>, Problem> {
	view.rpc("healthnet_regionSeries", vec![region.into(), disease.into(), from.into(), to.into()])
		.await
}

/// Links up the region's levels: World › IN › IN-KA.
fn breadcrumbs(region: &str, disease: &str) -> String {
	let mut levels: Vec<String> =
		healthnet_primitives::registry::region_and_ancestors(region.as_bytes())
			.map(|l| String::from_utf8_lossy(l).into_owned())
			.collect();
	levels.reverse();
	let links: Vec<String> = levels
		.iter()
		.map(|code| {
			let name = if code.is_empty() { "World".to_string() } else { code.clone() };
			if code == region {
				format!("<li aria-current=\"location\">{}</li>", esc(&name))
			} else {
				format!(
					"<li><a href=\"/?region={}&amp;disease={}\">{}</a></li>",
					esc(code),
					esc(disease),
					esc(&name)
				)
			}
		})
		.collect();
	format!("<nav aria-label=\"Region\" class=\"crumbs\"><ol>{}</ol></nav>", links.concat())
}

fn alerts_section(alerts: &[AlertView], disease: &str) -> String {
	if alerts.is_empty() {
		return notice("ok", "No outbreak alert is open in this region.");
	}
	let mut alerts = alerts.to_vec();
	alerts.sort_by_key(|a| (a.disease != disease, std::cmp::Reverse(a.period)));
	let items: String = alerts
		.iter()
		.map(|a| {
			let what = match &a.lineage {
				Some(lineage) => format!("{} ({})", a.disease, lineage),
				None => a.disease.clone(),
			};
			let place =
				if a.region.is_empty() { "the world".to_string() } else { a.region.clone() };
			format!(
				"<li><strong>{}</strong> in {} on {}: {} confirmed, above the threshold of {}.</li>",
				esc(&what),
				esc(&place),
				time(a.period),
				number(a.confirmed),
				number(a.threshold),
			)
		})
		.collect();
	format!(
		"<section id=\"alerts\" class=\"alerts\" aria-labelledby=\"alerts-title\">\
		 <h2 id=\"alerts-title\">Open alerts ({})</h2><ul>{items}</ul></section>",
		alerts.len()
	)
}

fn card(label: &str, value: u64) -> String {
	format!(
		"<div><dt>{label}</dt><dd data-value=\"{value}\" data-name=\"{}\">{}</dd></div>",
		label.to_lowercase().replace(' ', "-"),
		number(value)
	)
}

/// The sum of a series' totals.
pub fn sum(series: &[PeriodTotals]) -> Totals {
	series.iter().fold(Totals::default(), |mut all, p| {
		all.suspected += p.totals.suspected;
		all.confirmed += p.totals.confirmed;
		all.deaths += p.totals.deaths;
		all.recovered += p.totals.recovered;
		all.hospitalised += p.totals.hospitalised;
		all.tests_performed += p.totals.tests_performed;
		all.tests_positive += p.totals.tests_positive;
		all.reports += p.totals.reports;
		all
	})
}

/// The chart's data for the browser (every day, zeros included) and, for readers who do not
/// see the chart, the same figures as a table.
fn chart(series: &[PeriodTotals], from: Period, to: Period, disease: &str) -> String {
	let day =
		|d: Period| series.iter().find(|p| p.period == d).map(|p| p.totals).unwrap_or_default();
	let days: Vec<Period> = (from..=to).collect();
	let data = serde_json::json!({
		"target": "cases-chart",
		"x": days.iter().map(|d| u64::from(*d) * 86_400).collect::<Vec<_>>(),
		"series": [
			{ "label": "Confirmed", "values": days.iter().map(|d| day(*d).confirmed).collect::<Vec<_>>() },
			{ "label": "Suspected", "values": days.iter().map(|d| day(*d).suspected).collect::<Vec<_>>() },
			{ "label": "Tests positive", "values": days.iter().map(|d| day(*d).tests_positive).collect::<Vec<_>>() },
		],
	});
	let rows: Vec<String> = days
		.iter()
		.rev()
		.map(|d| {
			let t = day(*d);
			format!(
				"<tr data-period=\"{d}\"><th scope=\"row\">{}</th>{}{}{}</tr>",
				time(*d),
				num_cell(t.confirmed),
				num_cell(t.suspected),
				num_cell(t.tests_positive)
			)
		})
		.collect();
	format!(
		"<figure class=\"chart\"><div id=\"cases-chart\" role=\"img\" aria-label=\"{d} cases per day: \
		 confirmed, suspected and tests positive\"></div><figcaption>Cases of {d} per day</figcaption></figure>\
		 <script type=\"application/json\" class=\"chart-data\">{}</script>\
		 <details><summary>The figures per day</summary>{}</details>",
		data.to_string().replace("</", "<\\/"),
		table("days", "Cases per day", &["Day", "Confirmed", "Suspected", "Tests positive"], &rows),
		d = esc(disease),
	)
}
