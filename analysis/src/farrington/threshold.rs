//! The upper bound from the baseline's prediction: Farrington's by the delta method on a
//! power of the count (`algo.farrington.threshold.farrington`), or Noufaily's negative
//! binomial quantile (`algo.farrington.threshold.noufaily`), with each one's p-value and score.

use statrs::distribution::{ContinuousCDF, DiscreteCDF, NegativeBinomial, Normal, Poisson};

use super::{PowerTransform, ThresholdMethod};

/// An upper bound, with the probability of a count at least as high and the score
/// (y − prediction) / (bound − prediction). Not a number where R gives NA.
pub(super) struct Bound {
	pub upper: f64,
	pub p_value: f64,
	pub score: f64,
}

/// Farrington's bound for a count `y` from the predicted mean `mu0` (response scale), its
/// standard error `se` and the dispersion `phi`: the count to the power `transform` is taken as
/// normal, with variance φ·μ₀ + se² carried to that scale by the delta method; the bound is
/// the 1 − α quantile carried back.
pub(super) fn delta(
	mu0: f64,
	se: f64,
	phi: f64,
	transform: PowerTransform,
	z: f64,
	y: f64,
) -> Bound {
	let tau = phi + se * se / mu0;
	let (sd, exponent) = match transform {
		PowerTransform::None => ((mu0 * tau).sqrt(), 1.0),
		PowerTransform::Half => ((0.25 * tau).sqrt(), 0.5),
		PowerTransform::TwoThirds => ((4.0 / 9.0 * mu0.powf(1.0 / 3.0) * tau).sqrt(), 2.0 / 3.0),
	};
	let centre = mu0.powf(exponent);
	let ends = [(centre - z * sd).powf(1.0 / exponent), (centre + z * sd).powf(1.0 / exponent)];
	// R sorts the two ends with a missing one first and takes the second: the larger, or the
	// one that is a number (a negative base to the power 3/2 is not).
	let upper = match ends {
		[a, b] if a.is_nan() => b,
		[a, b] if b.is_nan() => a,
		[a, b] => a.max(b),
	};
	let p_value = Normal::standard().sf((y.powf(exponent) - centre) / sd);
	Bound { upper, p_value, score: score(y, mu0, upper) }
}

/// Noufaily's bound from the linear predictor `eta0` and its standard error `se`: the 1 − α
/// quantile of a negative binomial distribution of mean μ and variance φ·μ (Poisson when
/// φ = 1), μ being e^η₀ (`NbPlugin`) or the 1 − α quantile of η₀'s normal distribution carried
/// to the count scale (`Muan`).
pub(super) fn noufaily(
	eta0: f64,
	se: f64,
	phi: f64,
	method: ThresholdMethod,
	alpha: f64,
	z: f64,
	y: f64,
) -> Bound {
	let mu = match method {
		ThresholdMethod::Muan => (eta0 + se * z).exp(),
		_ => eta0.exp(),
	};
	if mu == f64::INFINITY {
		return Bound { upper: f64::NAN, p_value: f64::NAN, score: f64::NAN };
	}
	// R's qnbinom(…, size = μ/(φ − 1), prob = 1/φ) and pnbinom of y − 1 above; a mean of 0
	// (e^η₀ below the smallest double) is a point mass at 0.
	let (upper, p_value) = if mu == 0.0 {
		(0.0, if y > 0.0 { 0.0 } else { 1.0 })
	} else if phi > 1.0 {
		match NegativeBinomial::new(mu / (phi - 1.0), 1.0 / phi) {
			Ok(nb) => (quantile(|x| nb.cdf(x), 1.0 - alpha), at_least(y, |x| nb.sf(x))),
			Err(_) => (f64::NAN, f64::NAN),
		}
	} else {
		match Poisson::new(mu) {
			Ok(poisson) => {
				(quantile(|x| poisson.cdf(x), 1.0 - alpha), at_least(y, |x| poisson.sf(x)))
			},
			Err(_) => (f64::NAN, f64::NAN),
		}
	};
	// R's score divides by the distance from the linear predictor, not from the mean.
	Bound { upper, p_value, score: score(y, eta0, upper) }
}

/// (y − centre) / (upper − centre), not a number when the bound is not.
fn score(y: f64, centre: f64, upper: f64) -> f64 {
	if upper.is_nan() {
		f64::NAN
	} else {
		(y - centre) / (upper - centre)
	}
}

/// The smallest count whose distribution function reaches `p`, as R's discrete quantiles.
fn quantile(cdf: impl Fn(u64) -> f64, p: f64) -> f64 {
	let mut high = 1u64;
	while cdf(high) < p {
		if high > u64::MAX / 4 {
			return f64::INFINITY;
		}
		high *= 2;
	}
	let mut low = 0u64;
	if cdf(low) >= p {
		return 0.0;
	}
	// cdf(low) < p ≤ cdf(high).
	while high - low > 1 {
		let middle = low + (high - low) / 2;
		if cdf(middle) >= p {
			high = middle;
		} else {
			low = middle;
		}
	}
	high as f64
}

/// P(Y ≥ y) from the survival function P(Y > x), as R's upper tail at y − 1.
fn at_least(y: f64, sf: impl Fn(u64) -> f64) -> f64 {
	// R rounds a count within 1e-7 of an integer to it.
	let below = (y - 1.0 + 1e-7).floor();
	if below < 0.0 {
		1.0
	} else {
		sf(below as u64)
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn discrete_quantiles_are_the_smallest_count_reaching_the_probability() {
		let poisson = Poisson::new(2.0).unwrap();
		// P(Y ≤ 4) = 0.947, P(Y ≤ 5) = 0.983 for a mean of 2: R's qpois(0.95, 2) is 5.
		assert_eq!(quantile(|x| poisson.cdf(x), 0.95), 5.0);
		assert_eq!(quantile(|x| poisson.cdf(x), 0.1), 0.0);
		assert_eq!(at_least(0.0, |x| poisson.sf(x)), 1.0);
		assert!((at_least(1.0, |x| poisson.sf(x)) - (1.0 - (-2f64).exp())).abs() < 1e-12);
	}
}
