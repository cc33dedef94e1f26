//! The exponential growth rate of a series over a window and its doubling time: a Poisson
//! regression of the counts on the day, log(E[y_t]) = α + r·t, fitted by iteratively
//! reweighted least squares as R's `glm(y ~ t, family = poisson)` does, with the Wald interval
//! r ± z·se at the given confidence. The doubling time is ln 2 / r; its interval is ln 2 over
//! the rate's interval, and exists only when the whole interval is above zero (a rate that may
//! be zero or negative has no doubling time to state).

use statrs::distribution::{ContinuousCDF, Normal};

use crate::Error;

/// The growth over a window.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Growth {
	/// The daily growth rate r.
	pub rate: f64,
	/// Its standard error.
	pub se: f64,
	/// The interval's lower end.
	pub lower: f64,
	/// Its upper end.
	pub upper: f64,
	/// The doubling time in days and its interval, when the rate's interval is above zero.
	pub doubling: Option<(f64, f64, f64)>,
}

/// The growth of `counts` (one per day, the window only) at `confidence` (such as 0.95).
pub fn growth(counts: &[f64], confidence: f64) -> Result<Growth, Error> {
	if counts.len() < 3 {
		return Err(Error::TooShort { method: "the growth rate", needs: 3, has: counts.len() });
	}
	if !(confidence > 0.0 && confidence < 1.0) {
		return Err(Error::BadParameter(format!(
			"the confidence is above 0 and below 1, not {confidence}"
		)));
	}
	if counts.iter().any(|c| *c < 0.0 || !c.is_finite()) {
		return Err(Error::BadParameter("counts are finite and not negative".into()));
	}
	if counts.iter().all(|c| *c == 0.0) {
		return Err(Error::BadParameter(
			"a window without a single case has no growth rate".into(),
		));
	}
	// The day as R numbers it, from 1.
	let days: Vec<f64> = (1..=counts.len()).map(|t| t as f64).collect();
	// glm's start: μ = y + 0.1, η = log μ.
	let mut mu: Vec<f64> = counts.iter().map(|y| y + 0.1).collect();
	let mut rate = 0.0;
	let mut deviance = f64::INFINITY;
	let mut information = [[0.0; 2]; 2];
	for _ in 0..100 {
		// Weighted least squares of z = η + (y − μ)/μ on (1, t), with weights μ.
		let (mut s0, mut s1, mut s2, mut z0, mut z1) = (0.0, 0.0, 0.0, 0.0, 0.0);
		for ((t, y), m) in days.iter().zip(counts).zip(&mu) {
			let z = m.ln() + (y - m) / m;
			s0 += m;
			s1 += m * t;
			s2 += m * t * t;
			z0 += m * z;
			z1 += m * t * z;
		}
		let det = s0 * s2 - s1 * s1;
		if det <= 0.0 {
			return Err(Error::BadParameter("the counts give no slope to fit".into()));
		}
		let alpha = (s2 * z0 - s1 * z1) / det;
		rate = (s0 * z1 - s1 * z0) / det;
		mu = days.iter().map(|t| (alpha + rate * t).exp()).collect();
		let new_deviance: f64 = counts
			.iter()
			.zip(&mu)
			.map(|(y, m)| 2.0 * (if *y > 0.0 { y * (y / m).ln() } else { 0.0 } - (y - m)))
			.sum();
		// R's convergence test: |dev − dev_old| / (|dev| + 0.1) < 1e-8.
		let converged = (new_deviance - deviance).abs() / (new_deviance.abs() + 0.1) < 1e-8;
		deviance = new_deviance;
		if converged {
			break;
		}
	}
	for (t, m) in days.iter().zip(&mu) {
		information[0][0] += m;
		information[0][1] += m * t;
		information[1][1] += m * t * t;
	}
	let det = information[0][0] * information[1][1] - information[0][1].powi(2);
	let se = (information[0][0] / det).sqrt();
	let z = Normal::standard().inverse_cdf(0.5 + confidence / 2.0);
	let (lower, upper) = (rate - z * se, rate + z * se);
	let ln2 = std::f64::consts::LN_2;
	let doubling = (lower > 0.0).then(|| (ln2 / rate, ln2 / upper, ln2 / lower));
	Ok(Growth { rate, se, lower, upper, doubling })
}
