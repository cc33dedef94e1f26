//! One module per page. Each reads the chain through a [`View`](crate::node::View) (every
//! figure at the same finalized block) and writes its content as HTML; a region, disease or
//! lot the chain does not know is answered with a sentence, never with an empty chart.

pub mod certificates;
pub mod channels;
pub mod compare;
pub mod completeness;
pub mod environment;
pub mod guidance;
pub mod issue;
pub mod network;
pub mod overview;
pub mod records;
pub mod report;
pub mod review;
pub mod sign_in;
pub mod signals;
pub mod stock;
pub mod supply;

use healthnet_client::{export::Registry, period};
use healthnet_primitives::{
	registry::ClusterId,
	surveillance::{Period, PeriodTotals},
};
use serde::Deserialize;

use crate::{
	html::esc,
	node::{Problem, View},
};

/// The most days a page shows: the RPC's longest series.
pub const MAX_DAYS: u32 = 366;

/// What a surveillance page shows: a region (the empty code: the world), a disease and how
/// many days up to today.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct Choice {
	/// The region code, such as `IN-KA`; empty for the world; absent when the visitor chose
	/// none (then the dashboard's home cluster's region, or the world).
	pub region: Option<String>,
	/// The cluster a cluster's own dashboard opens on (`--cluster`), set by the dashboard.
	#[serde(skip)]
	pub home: Option<ClusterId>,
	/// The disease code, such as `RA01`.
	pub disease: String,
	/// How many days, up to and including today.
	pub days: Option<String>,
}

impl Choice {
	/// The region the visitor chose, as the chain writes it; empty when none.
	pub fn region(&self) -> String {
		self.region.as_deref().unwrap_or_default().trim().to_uppercase()
	}

	/// The region shown: the visitor's, or else the home cluster's region in `registry`, or
	/// else the world.
	pub fn region_in(&self, registry: &Registry) -> String {
		match (&self.region, self.home) {
			(None, Some(home)) => {
				registry.clusters.get(&home).map(|(_, region)| region.clone()).unwrap_or_default()
			},
			_ => self.region(),
		}
	}

	/// Whether `cluster` is the dashboard's home cluster.
	pub fn is_home(&self, cluster: ClusterId) -> bool {
		self.home == Some(cluster)
	}

	/// The disease as the chain writes it.
	pub fn disease(&self) -> String {
		self.disease.trim().to_uppercase()
	}

	/// The days shown: from the first to today.
	pub fn range(&self, default: u32) -> Result<(Period, Period), Problem> {
		let days = match self.days.as_deref().map(str::trim) {
			None | Some("") => default,
			Some(text) => {
				text.parse::<u32>().ok().filter(|d| (1..=MAX_DAYS).contains(d)).ok_or_else(
					|| {
						Problem::bad_input(format!(
							"Days must be a whole number from 1 to {MAX_DAYS}, not \"{text}\"."
						))
					},
				)?
			},
		};
		let today = period::today();
		Ok((today.saturating_sub(days - 1), today))
	}

	/// The form that chooses region, disease and days (`default_days` when left empty), sent
	/// to `path`.
	pub fn controls(&self, path: &str, default_days: u32) -> String {
		format!(
			"<form class=\"choice\" method=\"get\" action=\"{path}\">\
			 <label>Region <input name=\"region\" value=\"{}\" placeholder=\"{}\" \
			 autocomplete=\"off\" size=\"12\"></label>\
			 <label>Disease <input name=\"disease\" value=\"{}\" autocomplete=\"off\" size=\"8\" \
			 required></label>\
			 <label>Days <input name=\"days\" type=\"number\" min=\"1\" max=\"{MAX_DAYS}\" \
			 value=\"{}\" placeholder=\"{default_days}\" size=\"4\"></label>\
			 <button type=\"submit\">Show</button></form>",
			esc(&self.region()),
			if self.home.is_some() { "this cluster's region" } else { "world" },
			esc(&self.disease()),
			esc(self.days.as_deref().unwrap_or("")),
		)
	}
}

/// A form that chooses only a region, sent to `path`.
pub fn region_form(path: &str, region: &str) -> String {
	format!(
		"<form class=\"choice\" method=\"get\" action=\"{path}\">\
		 <label>Region <input name=\"region\" value=\"{}\" placeholder=\"world\" \
		 autocomplete=\"off\" size=\"12\"></label><button type=\"submit\">Show</button></form>",
		esc(region)
	)
}

/// A region's name: its authority's, or its code; the empty code is the world.
pub fn region_name(registry: &Registry, code: &str) -> String {
	if code.is_empty() {
		return "World".into();
	}
	match registry.authorities.get(code).and_then(|org| registry.organisations.get(org)) {
		Some((name, _)) => format!("{code} · {name}"),
		None => code.to_string(),
	}
}

/// Refuses a region the registry does not know, with a sentence.
pub fn known_region(registry: &Registry, code: &str) -> Result<(), Problem> {
	if registry.knows(code) {
		Ok(())
	} else {
		Err(Problem::nothing(format!(
			"No authority or organisation is registered in region \"{code}\": give a region code \
			 the registry knows, such as IN or IN-KA, or leave it empty for the world. On a new \
			 chain, the council registers the first authorities (`healthnet council propose \
			 register-authority`)."
		)))
	}
}

/// Refuses a disease no facility anywhere has reported in the last year, with a sentence.
pub async fn known_disease(view: &View, disease: &str) -> Result<(), Problem> {
	if disease.is_empty() {
		return Err(Problem::bad_input("Give a disease code, such as RA01 for COVID-19."));
	}
	let today = period::today();
	let world: Vec<PeriodTotals> = view
		.rpc(
			"healthnet_regionSeries",
			vec!["".into(), disease.into(), (today - (MAX_DAYS - 1)).into(), today.into()],
		)
		.await?;
	if world.is_empty() {
		Err(Problem::nothing(format!(
			"No facility on this chain has reported disease \"{disease}\" in the last {MAX_DAYS} \
			 days: check the code (RA01 is COVID-19 in ICD-11), or, when facilities start \
			 reporting, their reporters submit with `healthnet report submit`."
		)))
	} else {
		Ok(())
	}
}
