//! Places side by side and lineages, the Signals page's other two views: a region with the
//! regions and clusters chosen beside it on the same figures (population and its source,
//! confirmed cases, incidence per 100,000 with its interval, Rt, growth, completeness), and a
//! disease's lineages (each one's share per day, its advantage over the others and its flag),
//! every figure read at the page's finalized block.

use healthnet_analysis::{lineage, rt};
use healthnet_client::signals::{self, compare::Figures, Place};

use crate::{
	html::{esc, notice, table, time},
	node::{Problem, View},
};

use super::signals::{figure, seconds};

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
		"<p class=\"note\">Completeness is of {}: facilities expected to report in the place's \
		 clusters, and how many did.</p>",
		time(to)
	));
	Ok(html)
}

fn row(f: &Figures, with_rt: bool) -> String {
	let unavailable = |why: &str| format!("<td class=\"unavailable\">{}</td>", esc(why));
	let population = match &f.population {
		Some(p) => format!(
			"<td class=\"n\" data-people=\"{}\">{} <small>({}, {})</small></td>",
			p.people,
			thousands(p.people),
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

/// `n` with a comma between each group of three digits.
fn thousands(n: u64) -> String {
	let digits = n.to_string();
	let mut out = String::new();
	for (i, digit) in digits.chars().enumerate() {
		if i > 0 && (digits.len() - i) % 3 == 0 {
			out.push(',');
		}
		out.push(digit);
	}
	out
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
	let found = signals::lineages(&series, &lineage::Flagging::default())
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
	let data = serde_json::json!({
		"target": "lineage-chart",
		"x": (0..series.totals.len()).map(|i| seconds(from + i as u32)).collect::<Vec<_>>(),
		"series": series.lineages.iter().map(|(name, cases)| {
			serde_json::json!({ "label": name, "values": share(cases) })
		}).collect::<Vec<_>>(),
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
	html.push_str(&format!(
		"<p class=\"note\">A lineage is flagged when the lower end of its advantage stays above \
		 zero in every 14-day window ending in the last week of the range ({} to {}).</p>",
		time(from),
		time(to)
	));
	Ok(html)
}

#[cfg(test)]
mod tests {
	#[test]
	fn thousands_are_separated() {
		assert_eq!(super::thousands(61_095_297), "61,095,297");
		assert_eq!(super::thousands(999), "999");
		assert_eq!(super::thousands(1_000), "1,000");
	}
}
