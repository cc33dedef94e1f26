//! The time-varying reproduction number Rt by Cori et al. 2013 ("A new framework and software
//! to estimate time-varying reproduction numbers during epidemics", Am J Epidemiol 178:1505),
//! as R's `EpiEstim::estimate_R` computes it.
//!
//! With incidence I_t and a serial interval distribution w_s (s = 0, 1, ...), the total
//! infectiousness is Λ_t = Σ_{s=0}^{t−1} w_s·I_{t−s}. Over a window [a, b], with a gamma prior
//! of mean 5 and standard deviation 5 (shape 1, scale 5 by default), Rt's posterior is a gamma
//! distribution of shape 1 + Σ_{t=a}^{b} I_t and scale 1/(1/5 + Σ_{t=a}^{b} Λ_t). Windows slide
//! by one day, a week long, from the second day; a window that ends before the serial
//! interval's mean gets no estimate. As EpiEstim does with a plain series, the first day's
//! cases count as imported: they infect, they were not infected in the series.
//!
//! A parametric serial interval is EpiEstim's `discr_si`: a gamma distribution of the given
//! mean and standard deviation shifted by one day, discretised.

use statrs::distribution::{ContinuousCDF, Gamma};

use crate::{quantile::gamma_quantile, Error};

/// The serial interval: the days from a case's onset to that of the case it infects.
#[derive(Clone, Debug, PartialEq)]
pub enum SerialInterval {
	/// A gamma distribution shifted by a day, by its mean (above 1) and standard deviation.
	Parametric {
		/// Its mean in days.
		mean: f64,
		/// Its standard deviation in days.
		sd: f64,
	},
	/// The probability of each interval from 0 days on; w_0 must be 0, and they sum to 1.
	Discrete(Vec<f64>),
}

impl SerialInterval {
	/// The probabilities w_0, ..., w_{days−1}.
	pub fn distribution(&self, days: usize) -> Result<Vec<f64>, Error> {
		match self {
			SerialInterval::Parametric { mean, sd } => {
				if !(*mean > 1.0 && *mean <= MAX_SERIAL_MEAN) || !(*sd > 0.0) {
					return Err(Error::BadParameter(format!(
						"a parametric serial interval has a mean above 1 day and at most \
						 {MAX_SERIAL_MEAN}, and a positive standard deviation, not mean {mean} \
						 and sd {sd}"
					)));
				}
				// The discretised gamma's shape is ((mean − 1)/sd)²: past a million the
				// incomplete gamma function's series stops converging in any useful time.
				let narrowest = (*mean - 1.0) / MAX_SERIAL_SHAPE.sqrt();
				if *sd < narrowest {
					return Err(Error::BadParameter(format!(
						"a serial interval of mean {mean} days has a standard deviation of at \
						 least {narrowest:.4} days, not {sd}"
					)));
				}
				(0..days).map(|k| discretised_gamma(k as f64, *mean, *sd)).collect()
			},
			SerialInterval::Discrete(w) => {
				let sum: f64 = w.iter().sum();
				if w.first().copied().unwrap_or(1.0) != 0.0
					|| w.iter().any(|p| *p < 0.0)
					|| (sum - 1.0).abs() > 1e-6
				{
					return Err(Error::BadParameter(
						"a discrete serial interval starts with 0 for day 0, has no negative \
						 probability and sums to 1"
							.into(),
					));
				}
				Ok((0..days).map(|k| w.get(k).copied().unwrap_or(0.0)).collect())
			},
		}
	}
}

/// The longest mean serial interval taken, in days: longer than any infectious disease's.
pub const MAX_SERIAL_MEAN: f64 = 100.0;

/// The largest shape ((mean − 1)/sd)² of a parametric serial interval's gamma distribution.
const MAX_SERIAL_SHAPE: f64 = 1e6;

/// EpiEstim's `discr_si(k, mu, sigma)`.
fn discretised_gamma(k: f64, mean: f64, sd: f64) -> Result<f64, Error> {
	let shape = ((mean - 1.0) / sd).powi(2);
	let scale = sd * sd / (mean - 1.0);
	let gamma = |shape: f64| {
		Gamma::new(shape, 1.0 / scale)
			.map_err(|e| Error::BadParameter(format!("the serial interval's gamma: {e}")))
	};
	let (g, g1) = (gamma(shape)?, gamma(shape + 1.0)?);
	let cdf = |g: &Gamma, x: f64| if x <= 0.0 { 0.0 } else { g.cdf(x) };
	let value = k * cdf(&g, k) + (k - 2.0) * cdf(&g, k - 2.0) - 2.0 * (k - 1.0) * cdf(&g, k - 1.0)
		+ shape * scale * (2.0 * cdf(&g1, k - 1.0) - cdf(&g1, k - 2.0) - cdf(&g1, k));
	Ok(value.max(0.0))
}

/// The parameters, as `make_config` names them.
#[derive(Clone, Debug, PartialEq)]
pub struct Options {
	/// Days in each window (default 7).
	pub window: usize,
	/// The prior's mean (default 5).
	pub mean_prior: f64,
	/// The prior's standard deviation (default 5).
	pub std_prior: f64,
}

impl Default for Options {
	fn default() -> Self {
		Options { window: 7, mean_prior: 5.0, std_prior: 5.0 }
	}
}

/// Rt over one window.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Estimate {
	/// The window's first day, as an index into the series.
	pub start: usize,
	/// Its last day.
	pub end: usize,
	/// The posterior's mean.
	pub mean: f64,
	/// Its standard deviation.
	pub sd: f64,
	/// Its quantiles 0.025, 0.05, 0.25, 0.5, 0.75, 0.95 and 0.975.
	pub quantiles: [f64; 7],
}

/// The quantiles that [`Estimate::quantiles`] holds, as EpiEstim reports them.
pub const QUANTILES: [f64; 7] = [0.025, 0.05, 0.25, 0.5, 0.75, 0.95, 0.975];

/// Rt over every window of `incidence` (daily cases) that ends after the serial interval's
/// mean.
pub fn cori(
	incidence: &[f64],
	serial: &SerialInterval,
	options: &Options,
) -> Result<Vec<Estimate>, Error> {
	let Options { window, mean_prior, std_prior } = *options;
	if window < 2 || !(mean_prior > 0.0) || !(std_prior > 0.0) {
		return Err(Error::BadParameter(
			"Rt needs windows of at least 2 days and a prior with a positive mean and sd".into(),
		));
	}
	let days = incidence.len();
	// `days <= window`, not `days < window + 1`: a window as large as usize is refused, not
	// an overflow.
	if days <= window {
		return Err(Error::TooShort {
			method: "Rt (Cori)",
			needs: window.saturating_add(1),
			has: days,
		});
	}
	if incidence.iter().any(|i| *i < 0.0 || !i.is_finite()) {
		return Err(Error::BadParameter("incidence counts are finite and not negative".into()));
	}
	let w = serial.distribution(days + 1)?;
	let serial_mean: f64 = w.iter().enumerate().map(|(s, p)| s as f64 * p).sum();
	// Λ_t for t ≥ 1 (day 0 has none).
	let lambda: Vec<f64> = (0..days)
		.map(|t| if t == 0 { 0.0 } else { (0..=t).map(|s| w[s] * incidence[t - s]).sum() })
		.collect();
	let (shape_prior, scale_prior) =
		((mean_prior / std_prior).powi(2), std_prior * std_prior / mean_prior);
	let mut estimates = Vec::new();
	for start in 1..=days - window {
		let end = start + window - 1;
		// EpiEstim's t_end is 1-based: a window ends after the mean when end + 1 > mean.
		if (end + 1) as f64 <= serial_mean {
			continue;
		}
		let shape = shape_prior + incidence[start..=end].iter().sum::<f64>();
		let scale = 1.0 / (1.0 / scale_prior + lambda[start..=end].iter().sum::<f64>());
		let quantiles = QUANTILES.map(|q| gamma_quantile(shape, q) * scale);
		estimates.push(Estimate {
			start,
			end,
			mean: shape * scale,
			sd: shape.sqrt() * scale,
			quantiles,
		});
	}
	Ok(estimates)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn a_serial_interval_too_narrow_or_too_long_is_refused_at_once() {
		// A standard deviation of 1e-8 days made the incomplete gamma function loop for
		// about 1e15 iterations: a dashboard visitor's way to stall the server.
		let (sender, receiver) = std::sync::mpsc::channel();
		std::thread::spawn(move || {
			let narrow = SerialInterval::Parametric { mean: 10.0, sd: 1e-8 };
			let long = SerialInterval::Parametric { mean: 1e9, sd: 3.0 };
			let answers = [narrow, long].map(|s| cori(&[1.0; 60], &s, &Options::default()));
			sender.send(answers).unwrap();
		});
		let answers = receiver.recv_timeout(std::time::Duration::from_secs(5)).expect("in time");
		for answer in answers {
			assert!(matches!(answer, Err(Error::BadParameter(_))), "{answer:?}");
		}
		// The narrowest allowed still answers.
		let narrowest = SerialInterval::Parametric { mean: 10.0, sd: 0.009 };
		assert!(narrowest.distribution(30).is_ok());
	}

	#[test]
	fn quantiles_stay_finite_for_a_countrys_week() {
		let serial = SerialInterval::Parametric { mean: 4.7, sd: 2.9 };
		let estimates = cori(&[300_000.0; 30], &serial, &Options::default()).unwrap();
		let last = estimates.last().unwrap();
		assert!(last.quantiles.iter().all(|q| q.is_finite()), "{last:?}");
		assert!(last.quantiles[0] < last.mean && last.mean < last.quantiles[6], "{last:?}");
	}

	#[test]
	fn a_window_longer_than_the_series_is_refused_whatever_its_size() {
		let serial = SerialInterval::Parametric { mean: 4.7, sd: 2.9 };
		for window in [30, usize::MAX] {
			let options = Options { window, ..Options::default() };
			let error = cori(&[1.0; 30], &serial, &options).unwrap_err();
			assert!(matches!(error, Error::TooShort { has: 30, .. }), "{error:?}");
		}
	}
}
