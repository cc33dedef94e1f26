//! Incidence per head of population, with the exact Poisson confidence interval (Garwood 1936;
//! R's `poisson.test(cases)$conf.int`), so that places of different sizes compare on the same
//! figure.
//!
//! With x cases in a population of N, the rate per `per` people is x·per/N, and the interval
//! of the expected count is [χ²(α/2; 2x)/2, χ²(1 − α/2; 2x + 2)/2], the lower end 0 when
//! x = 0, scaled the same way. A place without a population has no rate: the caller says so
//! instead of dividing by nothing.

use crate::{quantile::gamma_quantile, Error};

/// The usual base: rates per 100,000 people.
pub const PER_100_000: f64 = 100_000.0;

/// A rate and its confidence interval.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rate {
	/// The cases counted.
	pub cases: u64,
	/// The people they were counted among.
	pub population: u64,
	/// The rate per [`Rate::per`] people.
	pub rate: f64,
	/// The interval's lower end, per [`Rate::per`] people.
	pub lower: f64,
	/// Its upper end.
	pub upper: f64,
	/// How many people the rate is per.
	pub per: f64,
	/// The interval's confidence level, such as 0.95.
	pub confidence: f64,
}

/// `cases` among `population` people, per `per` people, with a `confidence` interval.
pub fn incidence(cases: u64, population: u64, per: f64, confidence: f64) -> Result<Rate, Error> {
	if population == 0 {
		return Err(Error::BadParameter("a rate needs a population of at least one person".into()));
	}
	if !(confidence > 0.0 && confidence < 1.0) {
		return Err(Error::BadParameter(format!(
			"the confidence level must lie between 0 and 1, not {confidence}"
		)));
	}
	if !(per.is_finite() && per > 0.0) {
		return Err(Error::BadParameter(format!(
			"a rate is per a positive number of people, not {per}"
		)));
	}
	let alpha = 1.0 - confidence;
	let x = cases as f64;
	// χ²(q; 2k)/2 is the q quantile of a gamma distribution of shape k and rate 1.
	let lower = if cases == 0 { 0.0 } else { gamma_quantile(x, alpha / 2.0) };
	let upper = gamma_quantile(x + 1.0, 1.0 - alpha / 2.0);
	let scale = per / population as f64;
	Ok(Rate {
		cases,
		population,
		rate: x * scale,
		lower: lower * scale,
		upper: upper * scale,
		per,
		confidence,
	})
}

#[cfg(test)]
mod tests {
	use super::*;

	/// R 4.2.2's `poisson.test(x)$conf.int` for these counts, printed with 12 digits: up to a
	/// country's year of cases, where statrs' own inverse distribution function fails.
	const R: [(u64, f64, f64); 9] = [
		(0, 0.0, 3.68887945411),
		(1, 0.0253178079843, 5.57164339094),
		(7, 2.81436305152, 14.4226753617),
		(250, 219.967995631, 282.987705042),
		(12345, 12128.1809079, 12564.7222069),
		(1_000_000, 998040.98334, 1001961.91195),
		(2_000_000, 1997229.13963, 2002773.75537),
		(5_000_000, 4995618.33453, 5004384.56022),
		(20_000_000, 19991235.7218, 20008767.1727),
	];

	#[test]
	fn the_interval_is_r_poisson_tests() {
		for (cases, lower, upper) in R {
			let rate = incidence(cases, 1, 1.0, 0.95).unwrap();
			assert_eq!(rate.rate, cases as f64);
			for (ours, theirs) in [(rate.lower, lower), (rate.upper, upper)] {
				assert!(
					(ours - theirs).abs() <= 1e-9 * theirs.max(1.0),
					"{cases}: {ours} vs {theirs}"
				);
			}
		}
	}

	#[test]
	fn rates_are_per_the_base_given() {
		let rate = incidence(250, 2_000_000, PER_100_000, 0.95).unwrap();
		assert!((rate.rate - 12.5).abs() < 1e-12);
		assert!((rate.lower - 219.967995631 / 20.0).abs() < 1e-8);
		assert!(rate.lower < rate.rate && rate.rate < rate.upper);
	}

	#[test]
	fn nothing_is_divided_by_nobody() {
		let refused = incidence(5, 0, PER_100_000, 0.95).unwrap_err();
		assert_eq!(refused.to_string(), "a rate needs a population of at least one person");
		assert!(incidence(5, 10, PER_100_000, 1.0).is_err());
		assert!(incidence(5, 10, 0.0, 0.95).is_err());
	}
}
