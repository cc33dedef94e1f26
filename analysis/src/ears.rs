//! EARS C1, C2 and C3 (Hutwagner et al. 2003; CDC's Early Aberration Reporting System), as
//! R's `surveillance::earsC` computes them.
//!
//! For each point t, a baseline of `baseline` points (7 by default) gives a mean μ and a
//! sample standard deviation σ (at least `min_sigma`):
//!
//! - C1: the baseline is the points just before t; the upper bound is μ + z·σ;
//! - C2: the baseline ends two points before t (a guard band of two);
//! - C3: the upper bound is y_t + σ·(z − Σ), where Σ adds max(0, C2 − 1) of the two points
//!   before t, C2 being (y − μ)/σ over C2's baseline; it alarms when the last three C2
//!   statistics together exceed z.
//!
//! A point alarms when its count exceeds its upper bound. z is the standard normal quantile
//! of 1 − α, α being 0.001 for C1 and C2 and 0.025 for C3 unless given. With σ = 0 (a flat
//! baseline) and `min_sigma` 0, the bound is μ for C1 and C2, and C3's statistic is not a
//! number: R gives NA, and this gives a bound that is not a number and no alarm.

use statrs::distribution::{ContinuousCDF, Normal};

use crate::Error;

/// Which of the three.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
	/// The baseline just before the point.
	C1,
	/// The baseline two points before.
	C2,
	/// C2's statistic cumulated over three points.
	C3,
}

impl Method {
	/// Its name, as the reference package writes it.
	pub fn name(self) -> &'static str {
		match self {
			Method::C1 => "EARS C1",
			Method::C2 => "EARS C2",
			Method::C3 => "EARS C3",
		}
	}

	/// The α the reference package uses when none is given.
	pub fn default_alpha(self) -> f64 {
		match self {
			Method::C1 | Method::C2 => 0.001,
			Method::C3 => 0.025,
		}
	}

	/// How many points before the first one evaluated the method reads.
	fn lag(self, baseline: usize) -> usize {
		match self {
			Method::C1 => baseline,
			Method::C2 => baseline + 2,
			Method::C3 => baseline + 4,
		}
	}
}

/// The parameters, as `earsC`'s `control` names them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Options {
	/// Points in the baseline; at least 3 (default 7).
	pub baseline: usize,
	/// The false alarm probability; the method's default when `None`.
	pub alpha: Option<f64>,
	/// The smallest standard deviation used (default 0).
	pub min_sigma: f64,
}

impl Default for Options {
	fn default() -> Self {
		Options { baseline: 7, alpha: None, min_sigma: 0.0 }
	}
}

/// One evaluated point.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
	/// Its index in the series.
	pub index: usize,
	/// Its count.
	pub observed: f64,
	/// The count its baseline expects: the baseline's mean (C2's for C3). R's `earsC` keeps
	/// no such figure; the bound is built on it.
	pub expected: f64,
	/// The largest count that raises no alarm.
	pub upperbound: f64,
	/// Whether the count exceeds the upper bound.
	pub alarm: bool,
}

/// The points of `series` that have a full baseline, evaluated by `method`.
pub fn evaluate(series: &[f64], method: Method, options: Options) -> Result<Vec<Point>, Error> {
	let Options { baseline, alpha, min_sigma } = options;
	if baseline < 3 {
		return Err(Error::BadParameter(format!(
			"an EARS baseline has at least 3 points, not {baseline}"
		)));
	}
	if min_sigma < 0.0 || min_sigma.is_nan() {
		return Err(Error::BadParameter("the minimum sigma cannot be negative".into()));
	}
	let alpha = alpha.unwrap_or(method.default_alpha());
	if !(alpha > 0.0 && alpha < 1.0) {
		return Err(Error::BadParameter(format!(
			"α is a probability above 0 and below 1, not {alpha}"
		)));
	}
	let first = method.lag(baseline);
	if series.len() <= first {
		return Err(Error::TooShort { method: method.name(), needs: first + 1, has: series.len() });
	}
	let z = Normal::standard().inverse_cdf(1.0 - alpha);
	// The baseline of C2 (and C3) for point t: the `baseline` points ending at t - 3.
	let c2_reference = |t: usize| mean_and_sd(&series[t + 1 - baseline - 3..t - 2], min_sigma);
	let c2 = |t: usize| {
		let (mean, sd) = c2_reference(t);
		(series[t] - mean) / sd
	};
	let points = (first..series.len())
		.map(|t| {
			let (expected, upperbound) = match method {
				Method::C1 => {
					let (mean, sd) = mean_and_sd(&series[t - baseline..t], min_sigma);
					(mean, mean + z * sd)
				},
				Method::C2 => {
					let (mean, sd) = c2_reference(t);
					(mean, mean + z * sd)
				},
				Method::C3 => {
					let earlier = (c2(t - 2) - 1.0).max(0.0) + (c2(t - 1) - 1.0).max(0.0);
					let (mean, sd) = c2_reference(t);
					(mean, (series[t] + sd * (z - earlier)).max(0.0))
				},
			};
			Point {
				index: t,
				observed: series[t],
				expected,
				upperbound,
				alarm: series[t] > upperbound,
			}
		})
		.collect();
	Ok(points)
}

/// The mean and the sample standard deviation (n − 1), at least `min_sigma`.
fn mean_and_sd(values: &[f64], min_sigma: f64) -> (f64, f64) {
	let n = values.len() as f64;
	let mean = values.iter().sum::<f64>() / n;
	let variance = values.iter().map(|v| (v - mean).powi(2)).sum::<f64>() / (n - 1.0);
	(mean, variance.sqrt().max(min_sigma))
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn a_series_too_short_for_the_baseline_says_how_long_it_must_be() {
		let short = [1.0; 9];
		let error = evaluate(&short, Method::C2, Options::default()).unwrap_err();
		assert_eq!(error, Error::TooShort { method: "EARS C2", needs: 10, has: 9 });
		assert!(error.to_string().contains("needs at least 10 points"), "{error}");
		assert_eq!(evaluate(&short, Method::C1, Options::default()).unwrap().len(), 2);
	}

	#[test]
	fn a_jump_after_a_quiet_week_alarms_and_the_week_does_not() {
		let mut series = vec![2.0, 3.0, 2.0, 4.0, 3.0, 2.0, 3.0, 2.0, 3.0, 2.0];
		series.push(30.0);
		let points = evaluate(&series, Method::C1, Options::default()).unwrap();
		let alarms: Vec<usize> = points.iter().filter(|p| p.alarm).map(|p| p.index).collect();
		assert_eq!(alarms, [10]);
		// The last point's baseline is the seven counts before it.
		let last = points.last().unwrap();
		assert_eq!(last.expected, series[3..10].iter().sum::<f64>() / 7.0);
		let c2 = evaluate(&series, Method::C2, Options::default()).unwrap();
		assert_eq!(c2.last().unwrap().expected, series[1..8].iter().sum::<f64>() / 7.0);
	}
}
