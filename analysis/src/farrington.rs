//! The Farrington flexible aberration detection of weekly counts (Farrington et al. 1996,
//! improved by Noufaily et al. 2013, "An improved algorithm for outbreak detection in multiple
//! surveillance systems", Stat Med 32:1206), as R's `surveillance::farringtonFlexible`
//! computes it on a series of 52 weeks a year without dates.
//!
//! For each week t evaluated, the baseline is the weeks around t in each of the `b` years
//! before it: the window t − 52·i − w ..= t − 52·i + w for i = 1..=b, and with `no_periods`
//! above 1 every week between those windows too, cut into `no_periods` − 1 blocks a year
//! (as even as they go, the longer first), each block a level of a seasonal factor and the
//! windows another. The weeks from t − `past_weeks_not_included` to t are left out. On the
//! baseline a quasi-Poisson regression with a log link, log μ = α + β·week (+ the seasonal
//! factor), is fitted as R's `glm` fits it (iteratively reweighted least squares, its start,
//! its convergence test and its 25 iterations), with the overdispersion φ = max(1, Pearson's
//! χ² / (n − p)). With `reweight`, the weeks whose Anscombe residual (scaled by √(φ(1 − h)),
//! h the leverage) exceeds `weights_threshold` are down-weighted by s⁻² (the weights
//! normalised to sum to n) and the regression fitted again once. The time trend β is kept when
//! it is significant at `p_threshold_trend` (the quasi-Poisson t test), there are at least 3
//! years of history, and the week's prediction does not exceed every count of the baseline;
//! otherwise the regression is fitted again without it.
//!
//! The prediction for week t (its window's level of the factor) gives the upper bound:
//!
//! - [`ThresholdMethod::Delta`] (Farrington): the count to the power 2/3 (or 1/2, or 1) is
//!   taken as normal; its variance φ·μ₀ + Var(μ̂₀) is carried to that scale by the delta
//!   method and the bound is the 1 − α quantile carried back;
//! - [`ThresholdMethod::NbPlugin`] (Noufaily): the 1 − α quantile of a negative binomial
//!   distribution of mean μ₀ and variance φ·μ₀ (Poisson when φ = 1);
//! - [`ThresholdMethod::Muan`]: the same with μ₀ raised to the 1 − α quantile of its own
//!   estimate's distribution.
//!
//! The week alarms when its count is above 0, its score (y − μ₀) / (bound − μ₀) is above 1
//! (above the bound), and the last `limit54.1` weeks (4) have at least `limit54.0` cases (5);
//! with fewer cases the week has no bound and no expected count (R's NA), only its score and
//! p-value. The p-value is the probability of a count at least as high under the model.
//!
//! [`Options::default`] are `farringtonFlexible`'s defaults: b = 5 years, w = 3 weeks,
//! reweighting above 2.58, α = 0.05, the trend tested at 0.05, limit54 = 5 cases in 4 weeks,
//! the power 2/3, one period (no seasonal factor), the past w weeks left out, the delta method.
//! [`Options::noufaily`] is Noufaily's algorithm (10 periods, the past 26 weeks left out,
//! the negative binomial bound); [`Options::farrington`] the original one (reweighting above
//! 1). The population offset is not offered: counts only.
//!
//! Where R gives NA, this gives a number that is not a number and no alarm:
//!
//! - a week with too few recent cases has no bound and no expected count;
//! - a week whose regression converges neither with nor without the trend has no figure at
//!   all and [`Point::converged`] false (R leaves its expected count at 0, which is not
//!   copied). A baseline of zeros converges, with one period, to a mean of about 1e-12, so
//!   that any count alarms once the recent weeks hold enough cases, as in R; with a seasonal
//!   factor it does not converge, in R neither.
//!
//! Other behaviours of R kept deliberately: the prediction's standard error and the trend's
//! test use Pearson's χ² / (n − p) itself, not φ; after reweighting R's fit holds the weights
//! in place of its working weights, so that χ² is then computed with the weights; with
//! Noufaily's bounds the score divides by the distance from the linear predictor η₀, not from
//! μ₀ (the alarm is still a count above the bound whenever the bound is above η₀). Refused
//! where R builds overlapping blocks or stops: more periods than the 52 − 2w − 1 weeks between
//! windows hold, leaving out so many past weeks that the oldest window goes, a limit over no
//! weeks.

use std::ops::Range;

use statrs::distribution::{ContinuousCDF, Normal};

use crate::Error;

mod glm;
mod threshold;

use glm::{Design, Fit};

/// Weeks a year: the series' frequency.
pub const WEEKS_A_YEAR: usize = 52;

/// How the upper bound comes from the prediction (`thresholdMethod`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ThresholdMethod {
	/// Farrington's: the delta method on a power of the count.
	Delta,
	/// Noufaily's: the negative binomial quantile around the prediction.
	NbPlugin,
	/// The negative binomial quantile around the upper 1 − α quantile of the prediction.
	Muan,
}

/// The power that makes counts nearly normal for the delta method (`powertrans`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PowerTransform {
	/// The count itself ("none").
	None,
	/// Its square root ("1/2").
	Half,
	/// Its power 2/3 ("2/3"), which removes the skewness of a Poisson count.
	TwoThirds,
}

/// The parameters, as `farringtonFlexible`'s `control` names them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Options {
	/// Years of history in the baseline, at least 1 (`b`, default 5).
	pub b: usize,
	/// Weeks either side of the week in each year's window (`w`, default 3).
	pub w: usize,
	/// Whether outlying baseline weeks are down-weighted (`reweight`, default true).
	pub reweight: bool,
	/// The Anscombe residual above which a week is down-weighted (default 2.58).
	pub weights_threshold: f64,
	/// The false alarm probability, above 0 and below 1 (default 0.05).
	pub alpha: f64,
	/// Whether a time trend is tried (default true).
	pub trend: bool,
	/// The significance level at which the trend is kept (default 0.05).
	pub p_threshold_trend: f64,
	/// No alarm unless the last `.1` weeks hold at least `.0` cases (default 5 in 4).
	pub limit54: (f64, usize),
	/// The power for the delta method (default 2/3).
	pub powertrans: PowerTransform,
	/// Levels of the seasonal factor; 1 fits none (`noPeriods`, default 1).
	pub no_periods: usize,
	/// Recent weeks left out of the baseline; `None` is `w` (default).
	pub past_weeks_not_included: Option<usize>,
	/// How the bound is computed (default the delta method).
	pub threshold_method: ThresholdMethod,
}

impl Default for Options {
	fn default() -> Self {
		Options {
			b: 5,
			w: 3,
			reweight: true,
			weights_threshold: 2.58,
			alpha: 0.05,
			trend: true,
			p_threshold_trend: 0.05,
			limit54: (5.0, 4),
			powertrans: PowerTransform::TwoThirds,
			no_periods: 1,
			past_weeks_not_included: None,
			threshold_method: ThresholdMethod::Delta,
		}
	}
}

impl Options {
	/// Noufaily et al.'s algorithm: a seasonal factor of 10 levels, the past 26 weeks left
	/// out, reweighting above 2.58 and the negative binomial bound.
	pub fn noufaily() -> Self {
		Options {
			no_periods: 10,
			past_weeks_not_included: Some(26),
			weights_threshold: 2.58,
			threshold_method: ThresholdMethod::NbPlugin,
			..Options::default()
		}
	}

	/// Farrington et al.'s original algorithm: no seasonal factor, the past w weeks left out,
	/// reweighting above 1 and the delta method on the power 2/3.
	pub fn farrington() -> Self {
		Options { weights_threshold: 1.0, ..Options::default() }
	}

	/// The weeks of the series before the first week that can be evaluated.
	pub fn history(&self) -> usize {
		WEEKS_A_YEAR
			.saturating_mul(self.b)
			.saturating_add(self.w)
			.max(self.limit54.1.saturating_sub(1))
	}

	fn past_weeks_not_included(&self) -> usize {
		self.past_weeks_not_included.unwrap_or(self.w)
	}

	fn check(&self) -> Result<(), Error> {
		let bad = |sentence: String| Err(Error::BadParameter(sentence));
		if self.b == 0 {
			return bad("Farrington's baseline covers at least 1 year (b), not 0".into());
		}
		if 2 * self.w.min(WEEKS_A_YEAR) + 1 > WEEKS_A_YEAR {
			return bad(format!(
				"a window of ±{} weeks is longer than a year: w is at most {}",
				self.w,
				(WEEKS_A_YEAR - 1) / 2
			));
		}
		if !(self.alpha > 0.0 && self.alpha < 1.0) {
			return bad(format!("α is a probability above 0 and below 1, not {}", self.alpha));
		}
		if !(0.0..=1.0).contains(&self.p_threshold_trend) {
			return bad(format!(
				"the trend's significance level is between 0 and 1, not {}",
				self.p_threshold_trend
			));
		}
		if self.weights_threshold.is_nan() {
			return bad("the reweighting threshold is a number".into());
		}
		let (cases, weeks) = self.limit54;
		if cases.is_nan() || cases < 0.0 || weeks == 0 {
			return bad(format!(
				"limit54 is at least 0 cases in at least 1 week, not {cases} in {weeks}"
			));
		}
		if self.no_periods == 0 {
			return bad("the seasonal factor has at least 1 period (1 for none), not 0".into());
		}
		let between = WEEKS_A_YEAR.saturating_sub(self.w.saturating_mul(2).saturating_add(1));
		if self.no_periods > 1 && between < self.no_periods - 1 {
			return bad(format!(
				"{} periods need {} blocks of at least a week between windows of {} weeks, \
				 and a year has {between} such weeks",
				self.no_periods,
				self.no_periods - 1,
				2 * self.w + 1
			));
		}
		let oldest = (WEEKS_A_YEAR.saturating_mul(self.b)).saturating_sub(self.w);
		if self.past_weeks_not_included() >= oldest {
			return bad(format!(
				"leaving out the past {} weeks leaves none of the baseline's windows; fewer than \
				 {oldest} keep the oldest",
				self.past_weeks_not_included()
			));
		}
		Ok(())
	}
}

/// One evaluated week.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Point {
	/// Its index in the series.
	pub index: usize,
	/// Its count.
	pub observed: f64,
	/// The count the baseline predicts; not a number without enough recent cases.
	pub expected: f64,
	/// The largest count that raises no alarm; not a number without enough recent cases.
	pub upperbound: f64,
	/// Whether the count is above 0 and above the upper bound, with enough recent cases.
	pub alarm: bool,
	/// Whether the time trend was kept.
	pub trend: bool,
	/// (y − μ₀) / (upper bound − μ₀), above 1 above the bound; with Noufaily's bounds the
	/// linear predictor η₀ stands for μ₀, as in R.
	pub score: f64,
	/// The probability of a count at least as high under the baseline's model.
	pub p_value: f64,
	/// The overdispersion φ (at least 1).
	pub dispersion: f64,
	/// Whether the baseline's regression converged; when not, every figure is not a number.
	pub converged: bool,
}

/// The weeks `range` (indices into `series`, weekly counts, 52 weeks a year), each evaluated
/// against the years before it. The range starts at least [`Options::history`] weeks into the
/// series.
pub fn evaluate(
	series: &[f64],
	range: Range<usize>,
	options: &Options,
) -> Result<Vec<Point>, Error> {
	options.check()?;
	if series.iter().any(|c| *c < 0.0 || !c.is_finite()) {
		return Err(Error::BadParameter("counts are finite and not negative".into()));
	}
	if range.start > range.end || range.end > series.len() {
		return Err(Error::BadParameter(format!(
			"the weeks to evaluate, {}..{}, lie within the series' {} weeks",
			range.start,
			range.end,
			series.len()
		)));
	}
	let history = options.history();
	if range.start < history {
		return Err(Error::TooShort {
			method: "Farrington flexible",
			needs: history.saturating_add(range.len()),
			has: range.end,
		});
	}
	let z = Normal::standard().inverse_cdf(1.0 - options.alpha);
	Ok(range.map(|t| week(series, t, options, z)).collect())
}

/// Week `t` evaluated.
fn week(series: &[f64], t: usize, options: &Options, z: f64) -> Point {
	let observed = series[t];
	let baseline = Baseline::new(series, t, options);
	let Some(model) = baseline.model(options) else {
		return Point {
			index: t,
			observed,
			expected: f64::NAN,
			upperbound: f64::NAN,
			alarm: false,
			trend: false,
			score: f64::NAN,
			p_value: f64::NAN,
			dispersion: f64::NAN,
			converged: false,
		};
	};
	let (eta0, se) = model.fit.predict(&baseline.now(model.trend));
	let se = se * model.dispersion.sqrt();
	let bound = match options.threshold_method {
		ThresholdMethod::Delta => {
			let mu0 = eta0.exp().max(f64::EPSILON);
			threshold::delta(mu0, se * mu0, model.phi, options.powertrans, z, observed)
		},
		method => threshold::noufaily(eta0, se, model.phi, method, options.alpha, z, observed),
	};
	let (cases, weeks) = options.limit54;
	let enough = series[t + 1 - weeks..=t].iter().sum::<f64>() >= cases;
	let expected = match options.threshold_method {
		ThresholdMethod::Delta => eta0.exp().max(f64::EPSILON),
		_ => eta0.exp(),
	};
	let shown = enough && !bound.upper.is_nan();
	Point {
		index: t,
		observed,
		expected: if shown { expected } else { f64::NAN },
		upperbound: if enough { bound.upper } else { f64::NAN },
		alarm: enough && bound.score > 1.0 && observed != 0.0,
		trend: model.trend,
		score: bound.score,
		p_value: bound.p_value,
		dispersion: model.phi,
		converged: true,
	}
}

/// Week t's baseline: the weeks, their counts, their times and their seasonal levels.
struct Baseline {
	/// The counts.
	y: Vec<f64>,
	/// The times, as R numbers weeks (from 1).
	time: Vec<f64>,
	/// Each week's level among `levels` (an index), when there is a seasonal factor.
	level: Vec<usize>,
	/// The levels present, in order; the first is the reference.
	levels: Vec<usize>,
	/// Week t's time and level.
	now: (f64, usize),
}

/// The regression kept for a week.
struct Model {
	fit: Fit,
	/// Whether it has the time trend.
	trend: bool,
	/// φ, at least 1.
	phi: f64,
	/// The dispersion `summary.glm` gives for the fit R returns, which the trend's test and
	/// the prediction's standard error use: Pearson's χ² / (n − p) itself, with the prior
	/// weights in place of the working ones after reweighting.
	dispersion: f64,
}

impl Baseline {
	/// The weeks of `blocks` in `farringtonFlexible`, for week `t`.
	fn new(series: &[f64], t: usize, options: &Options) -> Baseline {
		let (b, w, periods) = (options.b, options.w, options.no_periods);
		let first = t - WEEKS_A_YEAR * b - w;
		// The level of each week from `first` to t, as R labels them: later labels win.
		let mut labels: Vec<Option<usize>> = vec![None; t + 1 - first];
		let mut label = |from: usize, to: usize, level: usize| {
			labels[from - first..=to - first].iter_mut().for_each(|l| *l = Some(level));
		};
		label(t - w, t, periods);
		for i in 1..=b {
			let reference = t - WEEKS_A_YEAR * i;
			label(reference - w, reference + w, periods);
			if periods > 1 {
				let between = WEEKS_A_YEAR - 2 * w - 1;
				let (length, rest) = (between / (periods - 1), between % (periods - 1));
				let mut start = reference + w + 1;
				for j in 1..periods {
					let weeks = length + usize::from(j <= rest);
					label(start, start + weeks - 1, j);
					start += weeks;
				}
			}
		}
		let excluded = t.saturating_sub(options.past_weeks_not_included());
		let weeks: Vec<(usize, usize)> = (first..excluded)
			.filter_map(|week| labels[week - first].map(|level| (week, level)))
			.collect();
		let mut levels: Vec<usize> = weeks.iter().map(|(_, level)| *level).collect();
		levels.sort_unstable();
		levels.dedup();
		let index_of = |level: usize| levels.iter().position(|l| *l == level).unwrap_or(0);
		Baseline {
			y: weeks.iter().map(|(week, _)| series[*week]).collect(),
			time: weeks.iter().map(|(week, _)| (*week + 1) as f64).collect(),
			level: weeks.iter().map(|(_, level)| index_of(*level)).collect(),
			now: ((t + 1) as f64, index_of(periods)),
			levels,
		}
	}

	/// The design: the intercept, the time when `trend`, and an indicator of each level
	/// but the first.
	fn design(&self, trend: bool) -> Design {
		let mut design = vec![vec![1.0; self.y.len()]];
		if trend {
			design.push(self.time.clone());
		}
		for l in 1..self.levels.len() {
			design.push(self.level.iter().map(|level| f64::from(u8::from(*level == l))).collect());
		}
		design
	}

	/// Week t's row of the design.
	fn now(&self, trend: bool) -> Vec<f64> {
		let mut row = vec![1.0];
		if trend {
			row.push(self.now.0);
		}
		row.extend((1..self.levels.len()).map(|l| f64::from(u8::from(self.now.1 == l))));
		row
	}

	/// `algo.farrington.fitGLM.flexible`: the regression, without the trend when it does not
	/// converge with it, then reweighted once. None when it converges neither way.
	fn fit(&self, trend: bool, options: &Options) -> Option<Model> {
		let ones = vec![1.0; self.y.len()];
		let mut trend = trend;
		let mut design = self.design(trend);
		let mut fit = Fit::new(&design, &self.y, &ones);
		if !fit.converged && trend {
			trend = false;
			design = self.design(false);
			fit = Fit::new(&design, &self.y, &ones);
		}
		if !fit.converged {
			return None;
		}
		let mut dispersion = fit.dispersion(&self.y, None);
		let mut phi = at_least_one(dispersion);
		if options.reweight {
			let hat = fit.hat_values(&design);
			let residuals: Vec<f64> = (0..self.y.len())
				.map(|i| {
					let (y, mu) = (self.y[i], fit.mu[i]);
					let a = 1.5 * (y.powf(2.0 / 3.0) * mu.powf(-1.0 / 6.0) - mu.powf(0.5));
					a / (phi * (1.0 - hat[i])).sqrt()
				})
				.collect();
			let weights = weights(&residuals, options.weights_threshold);
			// R does not ask whether the reweighted regression converged.
			fit = Fit::new(&design, &self.y, &weights);
			phi = at_least_one(fit.dispersion(&self.y, None));
			// R then stores the weights in the fit's working weights, so that the trend's test
			// and the prediction's standard error read a dispersion with them.
			dispersion = fit.dispersion(&self.y, Some(&weights));
		}
		Some(Model { fit, trend, phi, dispersion })
	}

	/// `algo.farrington.glm`: the regression with the trend kept only when it is
	/// significant, there are 3 years of history, and it does not predict above every count.
	fn model(&self, options: &Options) -> Option<Model> {
		let model = self.fit(options.trend, options)?;
		if !model.trend {
			return Some(model);
		}
		let (eta0, _) = model.fit.predict(&self.now(true));
		let significant = model.fit.p_value(1, model.dispersion) < options.p_threshold_trend;
		let highest = self.y.iter().copied().fold(f64::NEG_INFINITY, f64::max);
		let within = eta0.exp().max(f64::EPSILON) <= highest;
		if options.b >= 3 && significant && within {
			Some(model)
		} else {
			self.fit(false, options)
		}
	}
}

/// φ from a dispersion: at least 1, and not a number when the baseline has no residual
/// degree of freedom (R's max(NaN, 1)).
fn at_least_one(dispersion: f64) -> f64 {
	if dispersion.is_nan() {
		dispersion
	} else {
		dispersion.max(1.0)
	}
}

/// `algo.farrington.assign.weights`: s⁻² above the threshold, 1 below, scaled to sum to n.
fn weights(residuals: &[f64], threshold: f64) -> Vec<f64> {
	let raw: Vec<f64> =
		residuals.iter().map(|s| if *s > threshold { s.powf(-2.0) } else { 1.0 }).collect();
	let gamma = raw.len() as f64 / raw.iter().sum::<f64>();
	raw.iter().map(|r| gamma * r).collect()
}

#[cfg(test)]
mod tests;
