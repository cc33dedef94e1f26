//! Signals for epidemiologists on the chain's own figures: a region's or a cluster's daily
//! confirmed cases of a disease, read at one finalized block (named with every result, so
//! anyone can read the same series again and get the same figures), put through
//! `healthnet-analysis`: EARS C1, C2 and C3, Farrington flexible on the days summed into weeks,
//! Rt by Cori et al., the growth rate, each lineage's advantage; `compare` puts places side by
//! side per 100,000 people.
//!
//! A day without any report counts zero cases, as a day without cases would: the chain cannot
//! tell the two apart, and `healthnet_completeness` says which facilities did not report. The
//! series holds each report's latest accepted version, so an amendment changes the figures of
//! the blocks after it, never those of the block they name.

use healthnet_analysis::{ears, farrington, growth, lineage, rt};
use healthnet_primitives::{
	registry::ClusterId,
	surveillance::{LineagePeriod, Period, PeriodTotals},
};
use subxt::utils::H256;
use subxt_rpcs::rpc_params;

use crate::{Client, Error};

pub mod compare;

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

impl core::str::FromStr for Place {
	type Err = Error;

	/// A region code, `cluster:ID`, or `world`.
	fn from_str(word: &str) -> Result<Place, Error> {
		let word = word.trim();
		if word == "world" {
			return Ok(Place::Region(String::new()));
		}
		match word.strip_prefix("cluster:") {
			Some(id) => id.trim().parse().map(Place::Cluster).map_err(|_| {
				Error::BadInput(format!(
					"`{word}` names no cluster: write cluster:ID, such as cluster:0"
				))
			}),
			None => Ok(Place::Region(word.to_string())),
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

impl Lineages {
	/// `lineage`'s own daily confirmed cases as a series, read at the same block; `None`
	/// when no case of it was reported in the range.
	pub fn series_of(&self, lineage: &str) -> Option<Series> {
		self.lineages.get(lineage).map(|confirmed| Series {
			block: self.block,
			number: self.number,
			first: self.first,
			confirmed: confirmed.clone(),
		})
	}
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
		self.daily_lineages_at(place, disease, from, to, block, number).await
	}

	/// As [`Client::daily_lineages`], at block `block` (number `number`).
	pub async fn daily_lineages_at(
		&self,
		place: &Place,
		disease: &str,
		from: Period,
		to: Period,
		block: H256,
		number: u32,
	) -> Result<Lineages, Error> {
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

/// Weekly counts of `series`: sums of 7 days, the last week ending on the series' last day,
/// a first week of fewer than 7 days left out.
#[derive(Clone, Debug, PartialEq)]
pub struct Weeks {
	/// The last day of the first week.
	pub first_end: Period,
	/// Each week's confirmed cases.
	pub counts: Vec<f64>,
}

impl Weeks {
	/// The last day of week `index`.
	pub fn end(&self, index: usize) -> Period {
		self.first_end + 7 * index as Period
	}
}

/// `series` in weeks ending on its last day.
pub fn weeks(series: &Series) -> Weeks {
	let days = &series.confirmed;
	let skip = days.len() % 7;
	let counts = days[skip..].chunks(7).map(|week| week.iter().sum()).collect();
	Weeks { first_end: series.first + skip as Period + 6, counts }
}

/// Whether the days `from` to `to` hold enough whole weeks for `options`' history and one
/// week to evaluate; else the sentence saying how many it needs.
pub fn farrington_range(
	from: Period,
	to: Period,
	options: &farrington::Options,
) -> Result<(), Error> {
	let history = options.history();
	let weeks = (to.saturating_sub(from) as usize + 1) / 7;
	if to < from || weeks <= history {
		return Err(Error::BadInput(format!(
			"Farrington flexible needs {history} weeks of history before the first week it \
			 evaluates ({} years and {} weeks, {} days in all with that week) and the range \
			 holds {weeks} whole weeks: choose a longer range",
			options.b,
			options.w,
			history.saturating_add(1).saturating_mul(7),
		)));
	}
	Ok(())
}

/// The Farrington flexible algorithm (Noufaily et al.'s settings unless `options` say
/// otherwise) over `series` in weeks: every week with enough years of history before it.
pub fn farrington(
	series: &Series,
	options: &farrington::Options,
) -> Result<(Weeks, Vec<farrington::Point>), Error> {
	let last = (series.first + series.confirmed.len() as Period).saturating_sub(1);
	farrington_range(series.first, last, options)?;
	let weeks = weeks(series);
	let history = options.history();
	let points = farrington::evaluate(&weeks.counts, history..weeks.counts.len(), options)
		.map_err(analysis_error)?;
	Ok((weeks, points))
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

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn weeks_end_on_the_last_day() {
		let series = Series {
			block: H256::zero(),
			number: 1,
			first: 100,
			confirmed: (1..=16).map(f64::from).collect(),
		};
		let weeks = weeks(&series);
		// 16 days: the first 2 left out, then days 3..=9 and 10..=16.
		assert_eq!(weeks.counts, vec![(3..=9).sum::<u32>() as f64, (10..=16).sum::<u32>() as f64]);
		assert_eq!((weeks.end(0), weeks.end(1)), (108, 115));
		let refused = farrington(&series, &farrington::Options::noufaily()).unwrap_err();
		assert!(refused.to_string().contains("needs 263 weeks of history"), "{refused}");
	}

	#[test]
	fn places_are_read_as_written() {
		assert_eq!("IN-KA".parse::<Place>().unwrap(), Place::Region("IN-KA".into()));
		assert_eq!("world".parse::<Place>().unwrap(), Place::Region(String::new()));
		assert_eq!(" cluster:3".parse::<Place>().unwrap(), Place::Cluster(3));
		assert_eq!(
			"cluster:x".parse::<Place>().unwrap_err().to_string(),
			"`cluster:x` names no cluster: write cluster:ID, such as cluster:0"
		);
	}
}
