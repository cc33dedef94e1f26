//! Lineage growth advantage (the founding design's "harmful mutation control"): each
//! lineage's share of the lineage-attributed cases per day, and its growth advantage over all
//! the others together — the slope of a binomial logistic regression of its daily cases
//! against the rest's on the day, log(p/(1 − p)) = α + s·t, fitted as R's
//! `glm(cbind(k, n − k) ~ t, family = binomial)` fits it, with the Wald interval s ± z·se. s is
//! the difference between the lineage's daily growth rate and the rest's; e^{7s} is how much
//! its odds against the rest grow in a week. This is the one-lineage-against-the-rest form of
//! the multinomial logistic regression genomic dashboards fit: with two groups the two are the
//! same model.
//!
//! A lineage is flagged when its advantage stays above a threshold: the lower end of its
//! interval is above `threshold` in every window of `window` days that ends in the last
//! `persistence` days of the range.

use statrs::distribution::{ContinuousCDF, Normal};

use crate::Error;

/// A lineage's growth advantage over one stretch of days.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Advantage {
	/// The slope s: log-odds against the rest per day.
	pub slope: f64,
	/// Its standard error.
	pub se: f64,
	/// The interval's lower end.
	pub lower: f64,
	/// Its upper end.
	pub upper: f64,
}

/// The slope of `cases` (the lineage's, per day) against `totals` (every attributed case
/// that day) at `confidence`. Days without any attributed case carry no weight.
pub fn advantage(cases: &[f64], totals: &[f64], confidence: f64) -> Result<Advantage, Error> {
	if cases.len() != totals.len() {
		return Err(Error::BadParameter(
			"a lineage's cases and the totals cover different days".into(),
		));
	}
	if cases.iter().zip(totals).any(|(k, n)| *k < 0.0 || k > n || !n.is_finite()) {
		return Err(Error::BadParameter(
			"a lineage's cases are between 0 and the day's total".into(),
		));
	}
	let days: Vec<(f64, f64, f64)> = (1..=cases.len())
		.zip(cases.iter().zip(totals))
		.filter(|(_, (_, n))| **n > 0.0)
		.map(|(t, (k, n))| (t as f64, *k, *n))
		.collect();
	if days.len() < 3 {
		return Err(Error::TooShort { method: "the lineage advantage", needs: 3, has: days.len() });
	}
	if days.iter().all(|(_, k, _)| *k == 0.0) || days.iter().all(|(_, k, n)| k == n) {
		return Err(Error::BadParameter(
			"a lineage that is all or none of the cases every day has no advantage to estimate"
				.into(),
		));
	}
	// glm's start for binomial with counts: μ = (n·y + 0.5)/(n + 1), y = k/n.
	let mut mu: Vec<f64> = days.iter().map(|(_, k, n)| (k + 0.5) / (n + 1.0)).collect();
	let mut slope = 0.0;
	let mut deviance = f64::INFINITY;
	let mut weights = vec![0.0; days.len()];
	for _ in 0..100 {
		let (mut s0, mut s1, mut s2, mut z0, mut z1) = (0.0, 0.0, 0.0, 0.0, 0.0);
		for (((t, k, n), m), w) in days.iter().zip(&mu).zip(weights.iter_mut()) {
			let y = k / n;
			let variance = m * (1.0 - m);
			let z = (m / (1.0 - m)).ln() + (y - m) / variance;
			*w = n * variance;
			s0 += *w;
			s1 += *w * t;
			s2 += *w * t * t;
			z0 += *w * z;
			z1 += *w * t * z;
		}
		let det = s0 * s2 - s1 * s1;
		if det <= 0.0 {
			return Err(Error::BadParameter("the lineage's shares give no slope to fit".into()));
		}
		let intercept = (s2 * z0 - s1 * z1) / det;
		slope = (s0 * z1 - s1 * z0) / det;
		mu = days.iter().map(|(t, _, _)| 1.0 / (1.0 + (-(intercept + slope * t)).exp())).collect();
		let new_deviance: f64 = days
			.iter()
			.zip(&mu)
			.map(|((_, k, n), m)| {
				let part = |observed: f64, expected: f64| {
					if observed > 0.0 {
						observed * (observed / expected).ln()
					} else {
						0.0
					}
				};
				2.0 * (part(*k, n * m) + part(n - k, n * (1.0 - m)))
			})
			.sum();
		let converged = (new_deviance - deviance).abs() / (new_deviance.abs() + 0.1) < 1e-8;
		deviance = new_deviance;
		if converged {
			break;
		}
	}
	let (mut i00, mut i01, mut i11) = (0.0, 0.0, 0.0);
	for ((t, _, n), m) in days.iter().zip(&mu) {
		let w = n * m * (1.0 - m);
		i00 += w;
		i01 += w * t;
		i11 += w * t * t;
	}
	let se = (i00 / (i00 * i11 - i01 * i01)).sqrt();
	let z = Normal::standard().inverse_cdf(0.5 + confidence / 2.0);
	Ok(Advantage { slope, se, lower: slope - z * se, upper: slope + z * se })
}

/// When a lineage's advantage counts as a signal.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Flagging {
	/// The days of each window (default 14).
	pub window: usize,
	/// The last days whose windows must all be above the threshold (default 7).
	pub persistence: usize,
	/// The slope the interval's lower end must exceed (default 0: any advantage).
	pub threshold: f64,
}

impl Default for Flagging {
	fn default() -> Self {
		Flagging { window: 14, persistence: 7, threshold: 0.0 }
	}
}

/// Whether `cases` against `totals` stays above the threshold in every window ending in the
/// last `persistence` days.
pub fn flagged(cases: &[f64], totals: &[f64], flagging: &Flagging) -> Result<bool, Error> {
	let Flagging { window, persistence, threshold } = *flagging;
	let needs = window + persistence - 1;
	if cases.len() < needs {
		return Err(Error::TooShort { method: "the lineage flag", needs, has: cases.len() });
	}
	for end in cases.len() - persistence..cases.len() {
		let start = end + 1 - window;
		match advantage(&cases[start..=end], &totals[start..=end], 0.95) {
			Ok(a) if a.lower > threshold => {},
			_ => return Ok(false),
		}
	}
	Ok(true)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn a_lineage_taking_over_is_flagged_and_a_steady_one_is_not() {
		let totals = vec![40.0; 21];
		let rising: Vec<f64> =
			(0..21).map(|t| (40.0 / (1.0 + (3.0 - 0.25 * t as f64).exp())).round()).collect();
		let steady: Vec<f64> = (0..21).map(|t| 10.0 + (t % 3) as f64).collect();
		let flagging = Flagging::default();
		assert!(flagged(&rising, &totals, &flagging).unwrap());
		assert!(!flagged(&steady, &totals, &flagging).unwrap());
		let short = flagged(&rising[..10], &totals[..10], &flagging).unwrap_err();
		assert_eq!(short, Error::TooShort { method: "the lineage flag", needs: 20, has: 10 });
	}
}
