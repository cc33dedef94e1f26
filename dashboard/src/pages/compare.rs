//! Places side by side and lineages, the Signals page's other two views: a region with the
//! regions and clusters chosen beside it on the same figures (population and its source,
//! confirmed cases, incidence per 100,000 with its interval, Rt, growth, completeness), and a
//! disease's lineages (each one's share per day, its advantage over the others and its flag),
//! every figure read at the page's finalized block.

use healthnet_analysis::{lineage, rt};
use healthnet_client::signals::{self, compare::Figures, Place};

use crate::{
	html::{esc, notice, number, table, time},
	node::{Problem, View},
};

use super::signals::{figure, seconds};

/// The most lineages the page draws and estimates one by one: the chart's colours.
const SHOWN_LINEAGES: usize = 8;

/// The places side by side: `places` on `disease` from `from` to `to`; Rt with `serial`.
pub async fn side_by_side(
	view: &View,
	places: &[Place],
	disease: &str,
	(from, to): (u32, u32),
	serial: Option<rt::SerialInterval>,
) -> Result<String, Problem> {
	let comparison = view
		.client
		.compare_at(
			places,
			disease,
			(from, to),
			serial.as_ref(),
			rt::Options::default().window,
			(view.block, view.number),
		)
		.await?;
	let rows: Vec<String> = comparison.places.iter().map(|f| row(f, serial.is_some())).collect();
	let mut columns =
		vec!["Place", "Population", "Confirmed", "Per 100,000 (95 %)", "Growth a day (95 %)"];
	if serial.is_some() {
		columns.push("Latest Rt (95 %)");
	}
	columns.push("Completeness on the last day");
	let mut html = table("compare", "Places side by side", &columns, &rows);
	if serial.is_none() {
		html.push_str(&notice(
			"info",
			"Give the serial interval's mean and sd to compare the places' Rt too.",
		));
	}
	html.push_str(&format!(
		"<p class=\"note\">Completeness is of {}, the range's last complete day: facilities \
		 expected to report in the place's clusters, and how many did.</p>",
		time(comparison.completeness_day)
	));
	Ok(html)
}

fn row(f: &Figures, with_rt: bool) -> String {
	let unavailable = |why: &str| format!("<td class=\"unavailable\">{}</td>", esc(why));
	let population = match &f.population {
		Some(p) => format!(
			"<td class=\"n\" data-people=\"{}\">{} <small>({}, {})</small></td>",
			p.people,
			number(p.people),
			p.year,
			esc(&p.source)
		),
		None => unavailable("No population on chain."),
	};
	let rate = match &f.rate {
		Ok(r) => format!(
			"<td class=\"n\" data-rate=\"{:.4}\">{:.2} <small>({:.2} to {:.2})</small></td>",
			r.rate, r.rate, r.lower, r.upper
		),
		Err(_) if f.population.is_none() => unavailable("No rate without a population."),
		Err(why) => unavailable(why),
	};
	let growth = match &f.growth {
		Ok(g) => format!(
			"<td class=\"n\">{:+.3} <small>({:+.3} to {:+.3})</small></td>",
			g.rate, g.lower, g.upper
		),
		Err(why) => unavailable(why),
	};
	let rt = match (&f.rt, with_rt) {
		(Some(Ok(e)), _) => format!(
			"<td class=\"n\">{:.2} <small>({:.2} to {:.2})</small></td>",
			e.mean, e.quantiles[0], e.quantiles[6]
		),
		(Some(Err(why)), _) => unavailable(why),
		(None, true) => unavailable("No serial interval."),
		(None, false) => String::new(),
	};
	let completeness = match &f.completeness {
		Ok(k) => format!(
			"<td class=\"n\" data-reported=\"{}\" data-expected=\"{}\">{} of {} <small>({} on time)</small></td>",
			k.reported, k.expected, k.reported, k.expected, k.on_time
		),
		Err(why) => unavailable(why),
	};
	format!(
		"<tr data-place=\"{}\"><th scope=\"row\">{}</th>{population}<td class=\"n\" data-cases=\"{}\">{}</td>{rate}{growth}{rt}{completeness}</tr>",
		esc(&f.place.to_string()),
		esc(&f.place.to_string()),
		f.cases,
		f.cases
	)
}

/// A disease's lineages in `place`: each one's daily share as a chart, and its advantage
/// and flag as a table.
pub async fn lineages(
	view: &View,
	place: &Place,
	disease: &str,
	(from, to): (u32, u32),
) -> Result<String, Problem> {
	let series =
		view.client.daily_lineages_at(place, disease, from, to, view.block, view.number).await?;
	// The lineages with the most cases, one colour each; the others as one: one facility
	// could name thousands over a year.
	let mut by_cases: Vec<(&String, f64)> =
		series.lineages.iter().map(|(name, cases)| (name, cases.iter().sum::<f64>())).collect();
	by_cases.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
	let shown: std::collections::BTreeMap<String, Vec<f64>> = by_cases
		.iter()
		.take(SHOWN_LINEAGES)
		.map(|(name, _)| ((*name).clone(), series.lineages[*name].clone()))
		.collect();
	let hidden = by_cases.len().saturating_sub(SHOWN_LINEAGES);
	let mut others = vec![0.0; series.totals.len()];
	for (name, _) in by_cases.iter().skip(SHOWN_LINEAGES) {
		for (sum, cases) in others.iter_mut().zip(&series.lineages[*name]) {
			*sum += cases;
		}
	}
	let top = signals::Lineages {
		block: series.block,
		number: series.number,
		first: series.first,
		lineages: shown,
		totals: series.totals.clone(),
	};
	let found = signals::lineages(&top, &lineage::Flagging::default())
		.map_err(|e| Problem::bad_input(e.to_string()))?;
	if found.is_empty() {
		return Ok(notice("info", "No lineage of this disease was reported in this range."));
	}
	let share = |cases: &Vec<f64>| -> Vec<serde_json::Value> {
		cases
			.iter()
			.zip(&series.totals)
			.map(|(c, t)| if *t > 0.0 { (c / t).into() } else { serde_json::Value::Null })
			.collect()
	};
	let mut lines: Vec<serde_json::Value> = top
		.lineages
		.iter()
		.map(|(name, cases)| serde_json::json!({ "label": name, "values": share(cases) }))
		.collect();
	if hidden > 0 {
		lines.push(serde_json::json!({ "label": "Other lineages", "values": share(&others) }));
	}
	let data = serde_json::json!({
		"target": "lineage-chart",
		"x": (0..series.totals.len()).map(|i| seconds(from + i as u32)).collect::<Vec<_>>(),
		"series": lines,
	});
	let rows: Vec<String> = found
		.iter()
		.map(|l| {
			let advantage = match &l.advantage {
				Ok(a) => format!(
					"<td class=\"n\">{:+.3} <small>({:+.3} to {:+.3})</small></td>",
					a.slope, a.lower, a.upper
				),
				Err(why) => format!("<td class=\"unavailable\">{}</td>", esc(why)),
			};
			format!(
				"<tr data-lineage=\"{}\" data-flagged=\"{}\"><th scope=\"row\">{}</th><td class=\"n\">{:.0} %</td><td class=\"n\">{:.0} %</td>{advantage}<td>{}</td></tr>",
				esc(&l.lineage),
				l.flagged,
				esc(&l.lineage),
				l.shares.0 * 100.0,
				l.shares.1 * 100.0,
				if l.flagged { "Flagged" } else { "" }
			)
		})
		.collect();
	let mut html = figure(
		"lineage-chart",
		"Each lineage's share of the attributed cases per day",
		"Each lineage's share of the attributed cases per day",
		data,
	);
	html.push_str(&table(
		"lineages",
		"Lineages",
		&["Lineage", "Share, first week", "Share, last week", "Advantage a day (95 %)", "Flag"],
		&rows,
	));
	if hidden > 0 {
		html.push_str(&notice(
			"info",
			&format!(
				"{hidden} more lineages with fewer cases are drawn together as \"Other lineages\" \
				 and not estimated here; `healthnet signals --method lineages` lists every one."
			),
		));
	}
	html.push_str(&format!(
		"<p class=\"note\">A lineage is flagged when the lower end of its advantage stays above \
		 zero in every 14-day window ending in the last week of the range ({} to {}).</p>",
		time(from),
		time(to)
	));
	Ok(html)
}
