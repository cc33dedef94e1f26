//! Surveillance exports for research and for authorities: a region's and every region's and
//! cluster's inside it totals, reports, completeness and timeliness of one disease per day,
//! read at one finalized block (named in the export, so that anyone can check the figures
//! against the chain) and written as CSV ([`Export::to_csv`]) or as FHIR R4 `MeasureReport`
//! resources in a `Bundle` ([`Export::to_fhir`], in `fhir.rs`).
//!
//! The chain serves every figure here to any member node; an export reads only what the
//! `healthnet_*` RPC methods and the registry's storage give at that block.

use std::collections::{BTreeMap, BTreeSet};

use healthnet_primitives::{
	registry::{region_and_ancestors, region_contains},
	surveillance::{CompletenessReport, Period, PeriodTotals, Totals},
	ClusterId, OrgId,
};
use subxt::utils::H256;
use subxt_rpcs::rpc_params;

use crate::{api, period, Client, Error};

/// The most days one export covers: the RPC's longest series.
pub const MAX_DAYS: u32 = 366;

/// The columns of [`Export::to_csv`], in order. Documented in docs/EXPORTS.md; a change here
/// is a change of the format.
pub const CSV_COLUMNS: [&str; 20] = [
	"block",
	"level",
	"code",
	"name",
	"disease",
	"period",
	"date",
	"suspected",
	"confirmed",
	"deaths",
	"recovered",
	"hospitalised",
	"tests_performed",
	"tests_positive",
	"reports",
	"expected_reporters",
	"reported",
	"on_time",
	"completeness",
	"timeliness",
];

/// What a row counts: a region (the empty code: the world) or a cluster of facilities.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Unit {
	/// A region and everything inside it.
	Region(String),
	/// A cluster, with its region.
	Cluster(ClusterId, String),
}

/// One unit's figures for one day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
	/// What it counts.
	pub unit: Unit,
	/// The region's authority's name, or the cluster's name.
	pub name: String,
	/// The authority that answers for the figures: the region's, or the nearest above it.
	pub reporter: Option<(OrgId, String)>,
	/// The day.
	pub period: Period,
	/// The totals of the counted reports.
	pub totals: Totals,
	/// Reporting facilities expected (the clusters' inside the unit), how many reported and
	/// how many on time.
	pub expected: u32,
	/// How many of them reported.
	pub reported: u32,
	/// How many of them reported in time.
	pub on_time: u32,
}

impl Row {
	/// Reported over expected, when any report is expected.
	pub fn completeness(&self) -> Option<f64> {
		(self.expected > 0).then(|| f64::from(self.reported) / f64::from(self.expected))
	}

	/// Reported in time over expected, when any report is expected.
	pub fn timeliness(&self) -> Option<f64> {
		(self.expected > 0).then(|| f64::from(self.on_time) / f64::from(self.expected))
	}
}

/// An export: the rows of every unit inside a region, for a disease and a range of days, as
/// the chain had them at one finalized block.
#[derive(Clone, Debug, PartialEq)]
pub struct Export {
	/// The finalized block read.
	pub block: H256,
	/// Its number.
	pub block_number: u32,
	/// The region asked for.
	pub region: String,
	/// The disease.
	pub disease: String,
	/// The first day.
	pub from: Period,
	/// The last day.
	pub to: Period,
	/// The rows: regions by code, then clusters by id; days in order within each.
	pub rows: Vec<Row>,
}

impl Export {
	/// The export as CSV: a header of [`CSV_COLUMNS`], then one line per row.
	pub fn to_csv(&self) -> String {
		let mut csv = CSV_COLUMNS.join(",");
		csv.push('\n');
		for row in &self.rows {
			let (level, code) = match &row.unit {
				Unit::Region(code) if code.is_empty() => ("world", String::new()),
				Unit::Region(code) => ("region", code.clone()),
				Unit::Cluster(cluster, _) => ("cluster", cluster.to_string()),
			};
			let ratio = |value: Option<f64>| value.map(|v| format!("{v:.4}")).unwrap_or_default();
			let t = &row.totals;
			let fields = [
				format!("{:?}", self.block),
				level.to_string(),
				code,
				csv_field(&row.name),
				csv_field(&self.disease),
				row.period.to_string(),
				period::date(row.period),
				t.suspected.to_string(),
				t.confirmed.to_string(),
				t.deaths.to_string(),
				t.recovered.to_string(),
				t.hospitalised.to_string(),
				t.tests_performed.to_string(),
				t.tests_positive.to_string(),
				t.reports.to_string(),
				row.expected.to_string(),
				row.reported.to_string(),
				row.on_time.to_string(),
				ratio(row.completeness()),
				ratio(row.timeliness()),
			];
			csv.push_str(&fields.join(","));
			csv.push('\n');
		}
		csv
	}
}

/// `text` as one CSV field: quoted when it holds a comma, a quote or a line break.
fn csv_field(text: &str) -> String {
	if text.contains([',', '"', '\n', '\r']) {
		format!("\"{}\"", text.replace('"', "\"\""))
	} else {
		text.to_string()
	}
}

/// What the registry says at one block: organisations' regions and names, the authorities of
/// regions, and the clusters.
#[derive(Clone, Debug, Default)]
pub struct Registry {
	/// Each organisation's name and region code.
	pub organisations: BTreeMap<OrgId, (String, String)>,
	/// The authority of each region that has one.
	pub authorities: BTreeMap<String, OrgId>,
	/// Each cluster's name and region code.
	pub clusters: BTreeMap<ClusterId, (String, String)>,
}

impl Registry {
	/// Whether `region` is the world, has an authority, or holds an organisation.
	pub fn knows(&self, region: &str) -> bool {
		region.is_empty()
			|| self.authorities.contains_key(region)
			|| self
				.organisations
				.values()
				.any(|(_, own)| region_contains(region.as_bytes(), own.as_bytes()))
	}

	/// The regions one level inside `region` that hold an organisation, in code order.
	pub fn children(&self, region: &str) -> Vec<String> {
		let mut children = BTreeSet::new();
		for (_, own) in self.organisations.values() {
			if let Some(child) = region_and_ancestors(own.as_bytes())
				.map(|level| String::from_utf8_lossy(level).into_owned())
				.filter(|code| {
					code != region && region_contains(region.as_bytes(), code.as_bytes())
				})
				.min_by_key(|code| code.len())
			{
				children.insert(child);
			}
		}
		children.into_iter().collect()
	}

	/// The authority over `region`: its own, or the nearest above it.
	pub fn reporter(&self, region: &str) -> Option<(OrgId, String)> {
		region_and_ancestors(region.as_bytes()).find_map(|level| {
			let code = String::from_utf8_lossy(level).into_owned();
			let org = *self.authorities.get(&code)?;
			Some((org, self.organisations.get(&org).map(|(name, _)| name.clone())?))
		})
	}
}

impl Client {
	/// Reads the export of `disease` from `from` to `to` for `region` (the empty code: the
	/// world) and every region and cluster inside it, at the finalized head.
	pub async fn export(
		&self,
		region: &str,
		disease: &str,
		from: Period,
		to: Period,
	) -> Result<Export, Error> {
		if to < from || to - from >= MAX_DAYS {
			return Err(Error::BadInput(format!(
				"an export covers 1 to {MAX_DAYS} days: from {} to {} is not such a range",
				period::date(from),
				period::date(to)
			)));
		}
		let (block, block_number) = self.finalized_head().await?;
		let registry = self.registry_at(block).await?;
		let inside = |code: &str| region_contains(region.as_bytes(), code.as_bytes());
		if !registry.knows(region) {
			return Err(Error::NotFound(format!(
				"no authority or organisation is registered in region {region:?}: give a region \
				 code the registry knows, such as IN or IN-KA (\"\" is the world)"
			)));
		}
		// The region, and every level between it and each organisation's region inside it.
		let mut regions = BTreeSet::from([region.to_string()]);
		for (_, own) in registry.organisations.values().filter(|(_, own)| inside(own)) {
			for level in region_and_ancestors(own.as_bytes()) {
				let code = String::from_utf8_lossy(level).into_owned();
				if inside(&code) {
					regions.insert(code);
				}
			}
		}
		let clusters: Vec<(ClusterId, String, String)> = registry
			.clusters
			.iter()
			.filter(|(_, (_, own))| inside(own))
			.map(|(id, (name, own))| (*id, name.clone(), own.clone()))
			.collect();
		// Per cluster and day: expected, reported, on time.
		let mut reporting: BTreeMap<(ClusterId, Period), CompletenessReport> = BTreeMap::new();
		for (cluster, ..) in &clusters {
			for day in from..=to {
				let report: CompletenessReport = self
					.request("healthnet_completeness", rpc_params![cluster, disease, day, block])
					.await?;
				reporting.insert((*cluster, day), report);
			}
		}
		let mut rows = Vec::new();
		for code in &regions {
			let series: Vec<PeriodTotals> = self
				.request("healthnet_regionSeries", rpc_params![code, disease, from, to, block])
				.await?;
			let reporter = registry.reporter(code);
			let name = match registry.authorities.get(code) {
				Some(org) => registry.organisations.get(org).map(|(name, _)| name.clone()),
				None => None,
			};
			let within: Vec<ClusterId> = clusters
				.iter()
				.filter(|(_, _, own)| region_contains(code.as_bytes(), own.as_bytes()))
				.map(|(id, ..)| *id)
				.collect();
			for day in from..=to {
				let (expected, reported, on_time) = within
					.iter()
					.filter_map(|cluster| reporting.get(&(*cluster, day)))
					.fold((0, 0, 0), |(e, r, o), c| {
						(e + c.expected, r + c.reported, o + c.on_time)
					});
				rows.push(Row {
					unit: Unit::Region(code.clone()),
					name: name.clone().unwrap_or_default(),
					reporter: reporter.clone(),
					period: day,
					totals: totals_of(&series, day),
					expected,
					reported,
					on_time,
				});
			}
		}
		for (cluster, name, own) in &clusters {
			let series: Vec<PeriodTotals> = self
				.request("healthnet_clusterSeries", rpc_params![cluster, disease, from, to, block])
				.await?;
			for day in from..=to {
				let completeness = reporting.get(&(*cluster, day)).cloned().unwrap_or_default();
				rows.push(Row {
					unit: Unit::Cluster(*cluster, own.clone()),
					name: name.clone(),
					reporter: registry.reporter(own),
					period: day,
					totals: totals_of(&series, day),
					expected: completeness.expected,
					reported: completeness.reported,
					on_time: completeness.on_time,
				});
			}
		}
		Ok(Export {
			block,
			block_number,
			region: region.to_string(),
			disease: disease.to_string(),
			from,
			to,
			rows,
		})
	}

	/// The registry's organisations, authorities and clusters at `block`.
	pub async fn registry_at(&self, block: H256) -> Result<Registry, Error> {
		let at = self
			.subxt()
			.at_block(block)
			.await
			.map_err(|e| Error::node("could not read the chain at the finalized block", e))?;
		fn failed(error: impl std::fmt::Display) -> Error {
			Error::node("could not read the registry", error)
		}
		let text = |bytes: Vec<u8>| String::from_utf8_lossy(&bytes).into_owned();
		let mut organisations = BTreeMap::new();
		let mut entries = at
			.storage()
			.iter(api::storage().registry().organisations(), ())
			.await
			.map_err(failed)?;
		while let Some(entry) = entries.next().await {
			let entry = entry.map_err(failed)?;
			let (org,) = entry.key().and_then(|key| key.decode()).map_err(failed)?;
			let record = entry.value().decode().map_err(failed)?;
			organisations.insert(org, (text(record.name.0), text(record.region.0)));
		}
		let mut authorities = BTreeMap::new();
		let mut entries = at
			.storage()
			.iter(api::storage().registry().authority_of_region(), ())
			.await
			.map_err(failed)?;
		while let Some(entry) = entries.next().await {
			let entry = entry.map_err(failed)?;
			let org = entry.value().decode().map_err(failed)?;
			if let Some((_, region)) = organisations.get(&org) {
				authorities.insert(region.clone(), org);
			}
		}
		let mut clusters = BTreeMap::new();
		let mut entries =
			at.storage().iter(api::storage().registry().clusters(), ()).await.map_err(failed)?;
		while let Some(entry) = entries.next().await {
			let entry = entry.map_err(failed)?;
			let (cluster,) = entry.key().and_then(|key| key.decode()).map_err(failed)?;
			let record = entry.value().decode().map_err(failed)?;
			clusters.insert(cluster, (text(record.name.0), text(record.region.0)));
		}
		Ok(Registry { organisations, authorities, clusters })
	}
}

/// The totals of `day` in `series`; none reported is all zeros.
fn totals_of(series: &[PeriodTotals], day: Period) -> Totals {
	series.iter().find(|p| p.period == day).map(|p| p.totals).unwrap_or_default()
}

#[cfg(test)]
pub(crate) mod tests {
	use super::*;

	/// An export of two regions and a cluster over two days, as the chain could give it.
	pub(crate) fn sample() -> Export {
		let totals = Totals {
			confirmed: 7,
			suspected: 2,
			tests_performed: 20,
			tests_positive: 7,
			reports: 2,
			..Default::default()
		};
		let karnataka = Some((2, "Karnataka, Department of Health".to_string()));
		let row = |unit: Unit, name: &str, period, totals, (expected, reported, on_time)| Row {
			unit,
			name: name.to_string(),
			reporter: karnataka.clone(),
			period,
			totals,
			expected,
			reported,
			on_time,
		};
		Export {
			block: H256::repeat_byte(0xab),
			block_number: 42,
			region: "IN-KA".into(),
			disease: "RA01".into(),
			from: 20_000,
			to: 20_001,
			rows: vec![
				row(
					Unit::Region("IN-KA".into()),
					"Karnataka, Department of Health",
					20_000,
					totals,
					(2, 2, 1),
				),
				row(
					Unit::Region("IN-KA".into()),
					"Karnataka, Department of Health",
					20_001,
					Totals::default(),
					(2, 0, 0),
				),
				row(
					Unit::Cluster(0, "IN-KA-BLR".into()),
					"Bengaluru \"south\"",
					20_000,
					totals,
					(2, 2, 1),
				),
			],
		}
	}

	#[test]
	fn the_csv_has_the_documented_columns_and_one_line_per_row() {
		let csv = sample().to_csv();
		let lines: Vec<&str> = csv.lines().collect();
		assert_eq!(lines[0], CSV_COLUMNS.join(","));
		assert_eq!(lines.len(), 4);
		assert!(lines[1].starts_with(&format!("{:?},region,IN-KA,", H256::repeat_byte(0xab))));
		assert!(lines[1].contains(",RA01,20000,2024-10-04,2,7,0,0,0,20,7,2,2,2,1,1.0000,0.5000"));
		// Two facilities expected, none reported.
		assert!(lines[2].ends_with(",0,0,0,0,0,0,0,0,2,0,0,0.0000,0.0000"));
		assert!(lines[3].contains(",cluster,0,\"Bengaluru \"\"south\"\"\",RA01,"));
	}

	#[test]
	fn the_registry_knows_regions_with_an_authority_or_an_organisation_and_their_children() {
		let registry = Registry {
			organisations: BTreeMap::from([
				(1, ("India".to_string(), "IN".to_string())),
				(2, ("Karnataka".to_string(), "IN-KA".to_string())),
				(4, ("Hospital".to_string(), "IN-KA-BLR".to_string())),
				(8, ("Maker".to_string(), "IN-MH-PNQ".to_string())),
			]),
			authorities: BTreeMap::from([("IN".to_string(), 1), ("IN-KA".to_string(), 2)]),
			clusters: BTreeMap::new(),
		};
		assert!(registry.knows("") && registry.knows("IN-KA") && registry.knows("IN-MH"));
		assert!(!registry.knows("IN-TN") && !registry.knows("IN-KA-BLR-X"));
		assert_eq!(registry.children(""), vec!["IN"]);
		assert_eq!(registry.children("IN"), vec!["IN-KA", "IN-MH"]);
		assert_eq!(registry.children("IN-KA"), vec!["IN-KA-BLR"]);
		assert!(registry.children("IN-KA-BLR").is_empty());
		assert_eq!(registry.reporter("IN-KA-BLR"), Some((2, "Karnataka".to_string())));
	}

	#[test]
	fn ratios_are_left_out_when_no_report_is_expected() {
		let mut row = sample().rows[0].clone();
		row.expected = 0;
		assert_eq!((row.completeness(), row.timeliness()), (None, None));
	}
}
