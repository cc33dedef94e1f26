//! Environment: a region's or cluster's daily levels of one measure (ambient gamma dose rate or
//! PM2.5) as its monitors signed them — the mean of the monitors' daily means, the highest
//! daily mean and the highest hour, with the organisation whose monitor measured each — the
//! region's threshold and the days it raised an alert, as a chart and a table.

use healthnet_client::environment::{measure_word, statistic_word, value_text};
use healthnet_primitives::environment::{LevelDay, LevelThreshold, Measure};
use serde::Deserialize;

use super::signals::{figure, seconds};
use crate::{
	html::{esc, notice, num_cell, table, time},
	node::{Problem, View},
};

/// How many days the page shows when the visitor chose none.
pub const DEFAULT_DAYS: u32 = 30;

/// What the page shows: a region (or a cluster), a measure and how many days up to today.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct EnvironmentChoice {
	/// The region code; empty for the world.
	pub region: String,
	/// A cluster id instead of a region.
	pub cluster: String,
	/// `gamma` or `pm25`.
	pub measure: String,
	/// How many days, up to and including today.
	pub days: Option<String>,
}

impl EnvironmentChoice {
	fn measure(&self) -> Result<Measure, Problem> {
		match self.measure.trim() {
			"" => Ok(Measure::GammaDoseRate),
			word => healthnet_client::environment::measure(word).map_err(|_| {
				Problem::bad_input(format!("\"{word}\" is not a measure: choose gamma or pm25."))
			}),
		}
	}

	/// The form that chooses area, measure and days.
	pub fn controls(&self) -> String {
		let selected = |m: Measure| {
			if self.measure().ok() == Some(m) {
				" selected"
			} else {
				""
			}
		};
		format!(
			"<form class=\"choice\" method=\"get\" action=\"/environment\">\
			 <label>Region <input name=\"region\" value=\"{}\" placeholder=\"world\" autocomplete=\"off\" size=\"12\"></label>\
			 <label>or cluster <input name=\"cluster\" value=\"{}\" inputmode=\"numeric\" size=\"4\" autocomplete=\"off\"></label>\
			 <label>Measure <select name=\"measure\"><option value=\"gamma\"{}>Gamma dose rate (µSv/h)</option>\
			 <option value=\"pm25\"{}>PM2.5 (µg/m³)</option></select></label>\
			 <label>Days <input name=\"days\" type=\"number\" min=\"1\" max=\"{}\" value=\"{}\" placeholder=\"{DEFAULT_DAYS}\" size=\"4\"></label>\
			 <button type=\"submit\">Show</button></form>",
			esc(self.region.trim()),
			esc(self.cluster.trim()),
			selected(Measure::GammaDoseRate),
			selected(Measure::Pm25),
			super::MAX_DAYS,
			esc(self.days.as_deref().unwrap_or("")),
		)
	}
}

/// The page's content.
pub async fn render(view: &View, choice: &EnvironmentChoice) -> Result<String, Problem> {
	let measure = choice.measure()?;
	let range = super::Choice { days: choice.days.clone(), ..Default::default() };
	let (from, to) = range.range(DEFAULT_DAYS)?;
	let region = choice.region.trim().to_uppercase();
	let registry = view.registry().await?;
	let name = |org: u32| match registry.organisations.get(&org) {
		Some((name, _)) => esc(name),
		None => format!("organisation {org}"),
	};
	let (place, days, threshold) = match choice.cluster.trim() {
		"" => {
			let days: Vec<LevelDay> = view
				.rpc(
					"healthnet_regionLevels",
					vec![region.clone().into(), serde_json::json!(measure), from.into(), to.into()],
				)
				.await?;
			let thresholds: Vec<(Measure, LevelThreshold)> =
				view.rpc("healthnet_levelThresholds", vec![region.clone().into()]).await?;
			let threshold = thresholds.into_iter().find(|(m, _)| *m == measure).map(|(_, t)| t);
			let place = if region.is_empty() {
				"the world".to_string()
			} else {
				format!("region {region}")
			};
			(place, days, threshold)
		},
		text => {
			let cluster: u32 = text.parse().map_err(|_| {
				Problem::bad_input(format!(
					"\"{text}\" is not a cluster number: give one such as 0."
				))
			})?;
			let days: Vec<LevelDay> = view
				.rpc(
					"healthnet_clusterLevels",
					vec![cluster.into(), serde_json::json!(measure), from.into(), to.into()],
				)
				.await?;
			let place = match registry.clusters.get(&cluster) {
				Some((cluster_name, _)) => format!("cluster {cluster_name}"),
				None => format!("cluster {cluster}"),
			};
			(place, days, None)
		},
	};
	let unit = measure.unit();
	let mut html = match &threshold {
		Some(t) => notice(
			"info",
			&format!(
				"Threshold of {}: a monitor's daily {} of {} {unit}, set by {}.",
				place,
				statistic_word(t.statistic),
				value_text(t.level),
				registry.organisations.get(&t.set_by).map(|(n, _)| n.clone()).unwrap_or_else(|| format!("organisation {}", t.set_by))
			),
		),
		None if choice.cluster.trim().is_empty() => notice(
			"info",
			&format!(
				"{} has no {} threshold: a reviewer of an authority over it sets one with `healthnet environment threshold`.",
				place,
				measure_word(measure)
			),
		),
		None => String::new(),
	};
	if days.is_empty() {
		html.push_str(&notice(
			"info",
			&format!(
				"No monitor in {} read {} in these days: a facility registers one with `healthnet instrument register --kind {}` and relays its signed days with `healthnet environment relay`.",
				place,
				measure_word(measure),
				match measure { Measure::GammaDoseRate => "gamma-dose-rate-monitor", Measure::Pm25 => "air-quality-monitor" }
			),
		));
		return Ok(html);
	}
	let value = |v: u32| serde_json::Value::from(f64::from(v) / 1000.0);
	let all: Vec<u32> = (from..=to).collect();
	let by_day: std::collections::BTreeMap<u32, &LevelDay> =
		days.iter().map(|d| (d.day, d)).collect();
	let at = |day: u32| by_day.get(&day).copied();
	let series = |f: &dyn Fn(&LevelDay) -> Option<u32>| -> Vec<serde_json::Value> {
		all.iter()
			.map(|day| at(*day).and_then(f).map(value).unwrap_or(serde_json::Value::Null))
			.collect()
	};
	let mut lines = vec![
		serde_json::json!({ "label": "Mean of monitors", "values": series(&|d| d.level.mean()) }),
		serde_json::json!({ "label": "Highest daily mean", "values": series(&|d| Some(d.level.highest_mean)) }),
		serde_json::json!({ "label": "Highest hour", "values": series(&|d| Some(d.level.highest_max)) }),
	];
	if let Some(t) = &threshold {
		lines.push(serde_json::json!({ "label": "Threshold", "values": all.iter().map(|_| value(t.level)).collect::<Vec<_>>() }));
	}
	lines.push(serde_json::json!({ "label": "Alert", "values": series(&|d| d.alert.map(|a| a.value)), "points": true }));
	let data = serde_json::json!({
		"target": "environment-chart",
		"x": all.iter().map(|d| seconds(*d)).collect::<Vec<_>>(),
		"series": lines,
	});
	html.push_str(&figure(
		"environment-chart",
		&format!("Daily {} in {} ({unit}): the monitors' mean, the highest daily mean and hour, the threshold and the alerts", measure_word(measure), place),
		&format!("{} per day in {unit}", measure_word(measure)),
		data,
	));
	let rows: Vec<String> = days
		.iter()
		.rev()
		.map(|d| {
			let l = &d.level;
			let alert = match &d.alert {
				Some(a) => format!("<td class=\"alert\">{} reached {} (at {})</td>", value_text(a.value), value_text(a.threshold.level), name(a.holder)),
				None => "<td></td>".to_string(),
			};
			format!(
				"<tr data-period=\"{}\" data-monitors=\"{}\" data-highest-max=\"{}\" data-alert=\"{}\"><th scope=\"row\">{}</th>{}<td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td><td class=\"n\">{}</td><td>{}</td>{alert}</tr>",
				d.day,
				l.monitors,
				l.highest_max,
				d.alert.is_some(),
				time(d.day),
				num_cell(l.monitors),
				l.mean().map(value_text).unwrap_or_default(),
				value_text(l.highest_mean),
				name(l.highest_mean_at),
				value_text(l.highest_max),
				name(l.highest_max_at),
			)
		})
		.collect();
	html.push_str(&table(
		"levels",
		&format!("Daily levels ({unit})"),
		&["Day", "Monitors", "Mean", "Highest mean", "at", "Highest hour", "at", "Alert"],
		&rows,
	));
	Ok(html)
}
