//! Signals for epidemiologists on the chain's own figures: a region's or a cluster's daily
//! confirmed cases of a disease, read at one finalized block (named with every result, so
//! anyone can read the same series again and get the same figures), put through
//! `healthnet-analysis`: EARS C1, C2 and C3, Rt by Cori et al., the growth rate.
//!
//! A day without any report counts zero cases, as a day without cases would: the chain cannot
//! tell the two apart, and `healthnet_completeness` says which facilities did not report. The
//! series holds each report's latest accepted version, so an amendment changes the figures of
//! the blocks after it, never those of the block they name.

use healthnet_analysis::{ears, growth, lineage, rt};
use healthnet_primitives::{
	registry::ClusterId,
	surveillance::{LineagePeriod, Period, PeriodTotals},
};
use subxt::utils::H256;
use subxt_rpcs::rpc_params;

use crate::{Client, Error};

/// The most days one `healthnet_*Series` call answers.
const SERIES_DAYS: u32 = 366;

/// Whose cases.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
	/// A region by code; the empty code is the world.
	Region(String),
	/// A cluster of facilities.
	Cluster(ClusterId),
}

impl core::fmt::Display for Place {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		match self {
			Place::Region(code) if code.is_empty() => f.write_str("the world"),
			Place::Region(code) => f.write_str(code),
			Place::Cluster(id) => write!(f, "cluster {id}"),
		}
	}
}

/// Daily confirmed cases as the chain held them at one finalized block.
#[derive(Clone, Debug, PartialEq)]
pub struct Series {
	/// The block the series was read at.
	pub block: H256,
	/// Its number.
	pub number: u32,
	/// The first day.
	pub first: Period,
	/// Confirmed cases of each day from `first` on; zero where nobody reported.
	pub confirmed: Vec<f64>,
}

impl Series {
	/// The day of index `index`.
	pub fn day(&self, index: usize) -> Period {
		self.first + index as Period
	}
}

impl Client {
	/// Every day `method` (the region's or the cluster's of the pair) answers for `place` from
	/// `from` to `to` at `block`, in calls of at most a year.
	async fn read_range<T: serde::de::DeserializeOwned>(
		&self,
		place: &Place,
		disease: &str,
		from: Period,
		to: Period,
		block: H256,
		(region_method, cluster_method): (&str, &str),
	) -> Result<Vec<T>, Error> {
		if to < from {
			return Err(Error::BadInput(format!(
				"the range ends ({to}) before it starts ({from}): give --from before --to"
			)));
		}
		let mut all = Vec::new();
		let mut start = from;
		while start <= to {
			let end = to.min(start + SERIES_DAYS - 1);
			let part: Vec<T> = match place {
				Place::Region(code) => {
					self.request(region_method, rpc_params![code, disease, start, end, block])
						.await?
				},
				Place::Cluster(id) => {
					self.request(cluster_method, rpc_params![id, disease, start, end, block])
						.await?
				},
			};
			all.extend(part);
			start = end + 1;
		}
		Ok(all)
	}

	/// `place`'s daily confirmed cases of `disease` from `from` to `to`, at the finalized head.
	pub async fn daily_confirmed(
		&self,
		place: &Place,
		disease: &str,
		from: Period,
		to: Period,
	) -> Result<Series, Error> {
		let (block, number) = self.finalized_head().await?;
		self.daily_confirmed_at(place, disease, from, to, block, number).await
	}

	/// As [`Client::daily_confirmed`], at block `block` (number `number`).
	pub async fn daily_confirmed_at(
		&self,
		place: &Place,
		disease: &str,
		from: Period,
		to: Period,
		block: H256,
		number: u32,
	) -> Result<Series, Error> {
		let days: Vec<PeriodTotals> = self
			.read_range(
				place,
				disease,
				from,
				to,
				block,
				("healthnet_regionSeries", "healthnet_clusterSeries"),
			)
			.await?;
		let mut confirmed = vec![0.0; (to - from + 1) as usize];
		for day in days {
			if let Some(slot) = confirmed.get_mut((day.period - from) as usize) {
				*slot = day.totals.confirmed as f64;
			}
		}
		Ok(Series { block, number, first: from, confirmed })
	}
}

/// Daily confirmed cases per lineage, as the chain held them at one finalized block.
#[derive(Clone, Debug, PartialEq)]
pub struct Lineages {
	/// The block read.
	pub block: H256,
	/// Its number.
	pub number: u32,
	/// The first day.
	pub first: Period,
	/// Each lineage's cases per day from `first` on.
	pub lineages: std::collections::BTreeMap<String, Vec<f64>>,
	/// Every lineage-attributed case per day (the lineages beyond the chain's per-day list
	/// included).
	pub totals: Vec<f64>,
}

/// A lineage's share over the range and its growth advantage over the rest.
#[derive(Clone, Debug, PartialEq)]
pub struct LineageSignal {
	/// The lineage.
	pub lineage: String,
	/// Its share of the attributed cases over the first and the last week of the range.
	pub shares: (f64, f64),
	/// Its advantage over the whole range, if it can be estimated.
	pub advantage: Result<lineage::Advantage, String>,
	/// Whether its advantage stays above the threshold (see [`lineage::flagged`]).
	pub flagged: bool,
}

impl Client {
	/// `place`'s daily confirmed cases of `disease` per lineage from `from` to `to`, at the
	/// finalized head.
	pub async fn daily_lineages(
		&self,
		place: &Place,
		disease: &str,
		from: Period,
		to: Period,
	) -> Result<Lineages, Error> {
		let (block, number) = self.finalized_head().await?;
		let periods: Vec<LineagePeriod> = self
			.read_range(
				place,
				disease,
				from,
				to,
				block,
				("healthnet_regionLineages", "healthnet_clusterLineages"),
			)
			.await?;
		let days = (to - from + 1) as usize;
		let mut lineages = std::collections::BTreeMap::<String, Vec<f64>>::new();
		let mut totals = vec![0.0; days];
		for day in periods {
			let Some(index) = day.period.checked_sub(from).map(|d| d as usize) else { continue };
			if index >= days {
				continue;
			}
			totals[index] += day.others as f64;
			for cases in day.lineages {
				totals[index] += cases.confirmed as f64;
				lineages.entry(cases.lineage).or_insert_with(|| vec![0.0; days])[index] +=
					cases.confirmed as f64;
			}
		}
		Ok(Lineages { block, number, first: from, lineages, totals })
	}
}

/// Each lineage's shares, advantage and flag over `series`; a range too short to flag is
/// refused with the days it needs.
pub fn lineages(
	series: &Lineages,
	flagging: &lineage::Flagging,
) -> Result<Vec<LineageSignal>, Error> {
	let needs = flagging.window + flagging.persistence - 1;
	if series.totals.len() < needs {
		return Err(analysis_error(healthnet_analysis::Error::TooShort {
			method: "the lineage flag",
			needs,
			has: series.totals.len(),
		}));
	}
	let week = |values: &[f64], last: bool| {
		let n = values.len().min(7);
		if last {
			values[values.len() - n..].iter().sum::<f64>()
		} else {
			values[..n].iter().sum()
		}
	};
	Ok(series
		.lineages
		.iter()
		.map(|(name, cases)| {
			let share = |last| {
				let total = week(&series.totals, last);
				if total > 0.0 {
					week(cases, last) / total
				} else {
					0.0
				}
			};
			LineageSignal {
				lineage: name.clone(),
				shares: (share(false), share(true)),
				advantage: lineage::advantage(cases, &series.totals, 0.95)
					.map_err(|e| e.to_string()),
				flagged: lineage::flagged(cases, &series.totals, flagging).unwrap_or(false),
			}
		})
		.collect())
}

/// A method's sentence as the client's error.
pub fn analysis_error(error: healthnet_analysis::Error) -> Error {
	Error::BadInput(error.to_string())
}

/// EARS `method` over `series`, with the reference package's defaults.
pub fn ears(series: &Series, method: ears::Method) -> Result<Vec<ears::Point>, Error> {
	ears::evaluate(&series.confirmed, method, ears::Options::default()).map_err(analysis_error)
}

/// Rt over `series` with the serial interval `serial` and windows of `window` days.
pub fn rt(
	series: &Series,
	serial: &rt::SerialInterval,
	window: usize,
) -> Result<Vec<rt::Estimate>, Error> {
	let options = rt::Options { window, ..rt::Options::default() };
	rt::cori(&series.confirmed, serial, &options).map_err(analysis_error)
}

/// The growth rate over the whole of `series`, with its 95 % interval.
pub fn growth(series: &Series) -> Result<growth::Growth, Error> {
	growth::growth(&series.confirmed, 0.95).map_err(analysis_error)
}
