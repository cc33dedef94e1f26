//! Signals: a region's daily confirmed cases of a disease put through EARS C1, C2 or C3 (the
//! series, the expected count, the upper bound and the flagged days) or Rt by Cori et al. (the
//! estimate and its 95 % interval per weekly window), as charts and tables; or, from
//! `compare.rs`, the region beside other places and its lineages; every figure read at the
//! page's finalized block (docs/SIGNALS.md).

use healthnet_analysis::{ears, rt};
use healthnet_client::signals::{self, Place, Series};
use serde::Deserialize;

use super::{compare, known_disease, known_region, region_name, Choice};
use crate::{
	html::{esc, table, time},
	node::{Problem, View},
};

/// Days the page shows when none are chosen.
pub const DEFAULT_DAYS: u32 = 60;

/// What the Signals page shows: the surveillance choice, a method and, for Rt, the serial
/// interval.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct SignalsChoice {
	/// Region, disease and days.
	#[serde(flatten)]
	pub choice: Choice,
	/// `c1`, `c2`, `c3` or `rt` (default `c2`).
	pub method: Option<String>,
	/// Rt: the serial interval's mean in days.
	pub si_mean: Option<String>,
	/// Rt: its standard deviation in days.
	pub si_sd: Option<String>,
	/// Side by side: the places beside the region, comma-separated (region codes,
	/// `cluster:ID`, `world`).
	pub places: Option<String>,
}

enum Method {
	Ears(ears::Method),
	Rt,
	Lineages,
	Compare,
}

impl SignalsChoice {
	fn method(&self) -> Result<Method, Problem> {
		Ok(match self.method.as_deref().map(str::trim).unwrap_or("c2") {
			"" | "c2" => Method::Ears(ears::Method::C2),
			"c1" => Method::Ears(ears::Method::C1),
			"c3" => Method::Ears(ears::Method::C3),
			"rt" => Method::Rt,
			"lineages" => Method::Lineages,
			"compare" => Method::Compare,
			other => {
				return Err(Problem::bad_input(format!(
					"The method is c1, c2, c3, rt, lineages or compare, not \"{other}\"."
				)))
			},
		})
	}

	fn serial_interval(&self) -> Result<rt::SerialInterval, Problem> {
		let number = |text: &Option<String>, what: &str| {
			text.as_deref().map(str::trim).filter(|t| !t.is_empty()).map_or_else(
				|| {
					Err(Problem::bad_input(format!(
						"Rt needs the disease's serial interval: give its {what} in days."
					)))
				},
				|t| {
					t.parse::<f64>().map_err(|_| {
						Problem::bad_input(format!(
							"The serial interval's {what} is a number of days, not \"{t}\"."
						))
					})
				},
			)
		};
		Ok(rt::SerialInterval::Parametric {
			mean: number(&self.si_mean, "mean")?,
			sd: number(&self.si_sd, "standard deviation")?,
		})
	}

	/// The form that chooses region, disease, days, method and serial interval.
	pub fn controls(&self) -> String {
		let method = self.method.as_deref().unwrap_or("c2");
		let options: String = [
			("c1", "EARS C1"),
			("c2", "EARS C2"),
			("c3", "EARS C3"),
			("rt", "Rt (Cori)"),
			("lineages", "Lineages"),
			("compare", "Places side by side"),
		]
		.iter()
		.map(|(value, label)| {
			let selected = if *value == method { " selected" } else { "" };
			format!("<option value=\"{value}\"{selected}>{label}</option>")
		})
		.collect();
		let field = |value: &Option<String>| esc(value.as_deref().unwrap_or_default());
		format!(
			"<form class=\"choice\" method=\"get\" action=\"/signals\">\
			 <label>Region <input name=\"region\" value=\"{}\" placeholder=\"{}\" autocomplete=\"off\" size=\"12\"></label>\
			 <label>Disease <input name=\"disease\" value=\"{}\" autocomplete=\"off\" size=\"8\" required></label>\
			 <label>Days <input name=\"days\" type=\"number\" min=\"1\" max=\"{max}\" value=\"{}\" placeholder=\"{DEFAULT_DAYS}\" size=\"4\"></label>\
			 <label>Method <select name=\"method\">{options}</select></label>\
			 <label>Serial interval, mean <input name=\"si_mean\" value=\"{}\" inputmode=\"decimal\" size=\"4\"></label>\
			 <label>sd <input name=\"si_sd\" value=\"{}\" inputmode=\"decimal\" size=\"4\"></label>\
			 <label>Beside it <input name=\"places\" value=\"{}\" placeholder=\"IN-TN, cluster:0\" autocomplete=\"off\" size=\"16\"></label>\
			 <button type=\"submit\">Show</button></form>",
			esc(&self.choice.region()),
			if self.choice.home.is_some() { "this cluster's region" } else { "world" },
			esc(&self.choice.disease()),
			esc(self.choice.days.as_deref().unwrap_or("")),
			field(&self.si_mean),
			field(&self.si_sd),
			field(&self.places),
			max = super::MAX_DAYS,
		)
	}
}

/// The Signals page's content.
pub async fn render(view: &View, choice: &SignalsChoice) -> Result<String, Problem> {
	let method = choice.method()?;
	let disease = choice.choice.disease();
	let (from, to) = choice.choice.range(DEFAULT_DAYS)?;
	let registry = view.registry().await?;
	let region = choice.choice.region_in(&registry);
	known_region(&registry, &region)?;
	known_disease(view, &disease).await?;
	let lead = |what: &str| {
		format!(
			"<p class=\"lead\">{} of {} in {}, from {} to {}, as finalized at block #{} ({:?}); a day \
			 without reports counts zero.</p>",
			esc(what),
			esc(&disease),
			esc(&region_name(&registry, &region)),
			time(from),
			time(to),
			view.number,
			view.block,
		)
	};
	let place = Place::Region(region.clone());
	match method {
		Method::Lineages => {
			let figures = compare::lineages(view, &place, &disease, (from, to)).await?;
			Ok(lead("Lineages") + &figures)
		},
		Method::Compare => {
			let mut places = vec![place];
			for word in choice.places.as_deref().unwrap_or_default().split(',') {
				if word.trim().is_empty() {
					continue;
				}
				let other: Place = word
					.parse()
					.map_err(|e: healthnet_client::Error| Problem::bad_input(e.to_string()))?;
				if let Place::Region(code) = &other {
					known_region(&registry, code)?;
				}
				places.push(other);
			}
			let serial = match (choice.si_mean.as_deref(), choice.si_sd.as_deref()) {
				(None | Some(""), None | Some("")) => None,
				_ => Some(choice.serial_interval()?),
			};
			let figures =
				compare::side_by_side(view, &places, &disease, (from, to), serial).await?;
			Ok(lead("Places side by side") + &figures)
		},
		Method::Ears(m) => {
			let series = view
				.client
				.daily_confirmed_at(&place, &disease, from, to, view.block, view.number)
				.await?;
			Ok(lead(m.name()) + &ears_figures(&series, m)?)
		},
		Method::Rt => {
			let serial = choice.serial_interval()?;
			let series = view
				.client
				.daily_confirmed_at(&place, &disease, from, to, view.block, view.number)
				.await?;
			Ok(lead("Rt (Cori et al.)") + &rt_figures(&series, &serial)?)
		},
	}
}

pub(crate) fn seconds(day: u32) -> u64 {
	u64::from(day) * 86_400
}

/// A chart of `data` (the browser draws it) in a figure.
pub(crate) fn figure(id: &str, label: &str, caption: &str, data: serde_json::Value) -> String {
	format!(
		"<figure class=\"chart\"><div id=\"{id}\" role=\"img\" aria-label=\"{}\"></div>\
		 <figcaption>{}</figcaption></figure>\
		 <script type=\"application/json\" class=\"chart-data\">{}</script>",
		esc(label),
		esc(caption),
		data.to_string().replace("</", "<\\/"),
	)
}

fn ears_figures(series: &Series, method: ears::Method) -> Result<String, Problem> {
	let points = signals::ears(series, method).map_err(|e| Problem::bad_input(e.to_string()))?;
	let days = series.confirmed.len();
	let mut bound = vec![serde_json::Value::Null; days];
	let mut expected = vec![serde_json::Value::Null; days];
	let mut flagged = vec![serde_json::Value::Null; days];
	for p in &points {
		bound[p.index] = p.upperbound.into();
		expected[p.index] = p.expected.into();
		if p.alarm {
			flagged[p.index] = p.observed.into();
		}
	}
	let data = serde_json::json!({
		"target": "signal-chart",
		"x": (0..days).map(|i| seconds(series.day(i))).collect::<Vec<_>>(),
		"series": [
			{ "label": "Confirmed", "values": series.confirmed },
			{ "label": "Expected", "values": expected },
			{ "label": "Upper bound", "values": bound },
			{ "label": "Flagged", "values": flagged, "points": true },
		],
	});
	let rows: Vec<String> = points
		.iter()
		.filter(|p| p.alarm)
		.rev()
		.map(|p| {
			format!(
				"<tr data-period=\"{}\"><th scope=\"row\">{}</th><td class=\"n\">{}</td><td class=\"n\">{:.1}</td><td class=\"n\">{:.1}</td></tr>",
				series.day(p.index),
				time(series.day(p.index)),
				p.observed,
				p.expected,
				p.upperbound
			)
		})
		.collect();
	let mut html = figure(
		"signal-chart",
		&format!(
			"Confirmed cases per day, the count {}'s baseline expects, its upper bound and the \
			 flagged days",
			method.name()
		),
		&format!("Confirmed cases per day, the expected count and {}'s upper bound", method.name()),
		data,
	);
	html.push_str(&if rows.is_empty() {
		crate::html::notice("ok", &format!("{} flags no day in this range.", method.name()))
	} else {
		table("flagged", "Flagged days", &["Day", "Confirmed", "Expected", "Upper bound"], &rows)
	});
	Ok(html)
}

fn rt_figures(series: &Series, serial: &rt::SerialInterval) -> Result<String, Problem> {
	let estimates = signals::rt(series, serial, rt::Options::default().window)
		.map_err(|e| Problem::bad_input(e.to_string()))?;
	let data = serde_json::json!({
		"target": "rt-chart",
		"x": estimates.iter().map(|e| seconds(series.day(e.end))).collect::<Vec<_>>(),
		"series": [
			{ "label": "Rt", "values": estimates.iter().map(|e| e.mean).collect::<Vec<_>>() },
			{ "label": "2.5 %", "values": estimates.iter().map(|e| e.quantiles[0]).collect::<Vec<_>>() },
			{ "label": "97.5 %", "values": estimates.iter().map(|e| e.quantiles[6]).collect::<Vec<_>>() },
		],
	});
	let rows: Vec<String> = estimates
		.iter()
		.rev()
		.map(|e| {
			format!(
				"<tr data-period=\"{}\" data-mean=\"{:.4}\" data-lower=\"{:.4}\"><th scope=\"row\">{} to {}</th><td class=\"n\">{:.2}</td><td class=\"n\">{:.2} to {:.2}</td></tr>",
				series.day(e.end),
				e.mean,
				e.quantiles[0],
				time(series.day(e.start)),
				time(series.day(e.end)),
				e.mean,
				e.quantiles[0],
				e.quantiles[6]
			)
		})
		.collect();
	let mut html = figure(
		"rt-chart",
		"Rt per weekly window with its 95 % interval",
		"Rt at the end of each week-long window, with its 95 % credible interval",
		data,
	);
	html.push_str(&table("rt", "Rt per window", &["Window", "Rt", "95 % interval"], &rows));
	Ok(html)
}
