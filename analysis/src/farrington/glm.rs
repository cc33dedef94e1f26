//! The quasi-Poisson regression with a log link that Farrington's baseline is, fitted as R's
//! `glm.fit` fits it, step for step: the start μ = y + 0.1, iteratively reweighted least
//! squares solved by a Householder QR decomposition with R's limited column pivoting
//! (`dqrdc2`: a column whose norm falls below 1e-11 of its own is aliased and moved to the
//! right), at most 25 iterations, and the convergence test |dev − dev_old| / (|dev| + 0.1) <
//! 1e-8. The fit keeps what `glm` keeps: the coefficients and the QR decomposition of the last
//! iteration (so its working weights are those of the μ before the last update) and the μ of
//! the last coefficients. The figures that `summary.glm`, `predict.glm` and `hatvalues` derive
//! from a fit are its methods.

/// The smallest μ and dμ/dη: R's Poisson link clamps e^η there.
const EPSILON: f64 = f64::EPSILON;
/// `glm.control()`'s most iterations.
const MAX_ITERATIONS: usize = 25;
/// `glm.control()`'s ε: the relative change of the deviance that ends the iterations.
const CONVERGENCE: f64 = 1e-8;
/// `glm.fit`'s tolerance for an aliased column: min(1e-7, ε / 1000).
const ALIASED: f64 = 1e-11;

/// A design matrix, by column.
pub(super) type Design = Vec<Vec<f64>>;

/// A fitted quasi-Poisson regression.
pub(super) struct Fit {
	/// The coefficients, by column of the design; an aliased column's is 0.
	pub coefficients: Vec<f64>,
	/// The fitted means of the last coefficients.
	pub mu: Vec<f64>,
	/// Whether the deviance settled within 25 iterations.
	pub converged: bool,
	/// The last iteration's working weights (prior weight × μ).
	working_weights: Vec<f64>,
	/// The last iteration's R factor over the first `rank` pivoted columns, by row.
	r: Vec<Vec<f64>>,
	/// The design's columns in the order of R's columns.
	pivot: Vec<usize>,
	/// How many columns are not aliased.
	rank: usize,
}

/// The Householder QR decomposition of `columns` with R's limited pivoting.
struct Qr {
	/// The reflections' vectors v (rows l.. of column l), I − v·vᵀ / v_l each.
	reflections: Vec<Vec<f64>>,
	/// R, by row, over the first `rank` pivoted columns.
	r: Vec<Vec<f64>>,
	/// The columns' order after the aliased ones moved right.
	pivot: Vec<usize>,
	/// How many columns are not aliased.
	rank: usize,
}

fn norm(values: &[f64]) -> f64 {
	values.iter().map(|v| v * v).sum::<f64>().sqrt()
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
	a.iter().zip(b).map(|(x, y)| x * y).sum()
}

impl Qr {
	fn new(mut columns: Vec<Vec<f64>>) -> Qr {
		let (n, p) = (columns.first().map_or(0, Vec::len), columns.len());
		let original: Vec<f64> =
			columns.iter().map(|c| norm(c)).map(|v| if v == 0.0 { 1.0 } else { v }).collect();
		let mut original_of: Vec<(usize, f64)> = original.into_iter().enumerate().collect();
		let mut reflections = Vec::new();
		let mut rank = p;
		for l in 0..p.min(n) {
			// A column that has lost all but 1e-11 of its norm is aliased: to the right.
			while l < rank && norm(&columns[l][l..]) < original_of[l].1 * ALIASED {
				let column = columns.remove(l);
				columns.push(column);
				let moved = original_of.remove(l);
				original_of.push(moved);
				rank -= 1;
			}
			if l >= rank {
				break;
			}
			let mut reflection = columns[l][l..].to_vec();
			let mut length = norm(&reflection);
			if length == 0.0 || l + 1 == n {
				reflections.push(Vec::new());
				continue;
			}
			if reflection[0] != 0.0 {
				length = length.copysign(reflection[0]);
			}
			reflection.iter_mut().for_each(|v| *v /= length);
			reflection[0] += 1.0;
			for column in &mut columns[l + 1..] {
				let t = -dot(&reflection, &column[l..]) / reflection[0];
				column[l..].iter_mut().zip(&reflection).for_each(|(c, v)| *c += t * v);
			}
			columns[l][l] = -length;
			reflections.push(reflection);
		}
		let rank = rank.min(n);
		let r = (0..rank).map(|i| (0..rank).map(|j| columns[j][i]).collect()).collect();
		let pivot = original_of.into_iter().map(|(j, _)| j).collect();
		Qr { reflections, r, pivot, rank }
	}

	/// Qᵀ·y.
	fn qt(&self, y: &mut [f64]) {
		for (l, reflection) in self.reflections.iter().enumerate().take(self.rank) {
			if reflection.is_empty() {
				continue;
			}
			let t = -dot(reflection, &y[l..]) / reflection[0];
			y[l..].iter_mut().zip(reflection).for_each(|(y, v)| *y += t * v);
		}
	}
}

/// x solving R·x = b (R upper triangular).
fn back_substitute(r: &[Vec<f64>], b: &[f64]) -> Vec<f64> {
	let mut x = b.to_vec();
	for i in (0..x.len()).rev() {
		let known: f64 = (i + 1..x.len()).map(|j| r[i][j] * x[j]).sum();
		x[i] = (x[i] - known) / r[i][i];
	}
	x
}

/// v solving Rᵀ·v = b.
fn forward_substitute(r: &[Vec<f64>], b: &[f64]) -> Vec<f64> {
	let mut v = b.to_vec();
	for i in 0..v.len() {
		let known: f64 = (0..i).map(|j| r[j][i] * v[j]).sum();
		v[i] = (v[i] - known) / r[i][i];
	}
	v
}

/// R's Poisson inverse link, e^η clamped at ε.
fn inverse_link(eta: f64) -> f64 {
	eta.exp().max(EPSILON)
}

/// The Poisson deviance of `mu` for `y` with prior weights.
fn deviance(y: &[f64], mu: &[f64], prior: &[f64]) -> f64 {
	let unit = |(y, mu): (&f64, &f64)| if *y > 0.0 { y * (y / mu).ln() - (y - mu) } else { *mu };
	y.iter().zip(mu).zip(prior).map(|(ym, w)| 2.0 * w * unit(ym)).sum()
}

fn linear_predictor(design: &Design, coefficients: &[f64]) -> Vec<f64> {
	let n = design[0].len();
	(0..n).map(|i| design.iter().zip(coefficients).map(|(c, b)| c[i] * b).sum()).collect()
}

impl Fit {
	/// The regression of `y` on `design` (columns of equal length, the first the intercept)
	/// with prior weights `prior`.
	pub fn new(design: &Design, y: &[f64], prior: &[f64]) -> Fit {
		let p = design.len();
		let mut eta: Vec<f64> = y.iter().map(|y| (y + 0.1).ln()).collect();
		let mut mu: Vec<f64> = eta.iter().map(|e| inverse_link(*e)).collect();
		let mut deviance_old = deviance(y, &mu, prior);
		let mut coefficients = vec![0.0; p];
		let mut previous: Option<Vec<f64>> = None;
		let mut converged = false;
		let mut last = None;
		for _ in 0..MAX_ITERATIONS {
			let mu_eta: Vec<f64> = eta.iter().map(|e| inverse_link(*e)).collect();
			let weights: Vec<f64> =
				(0..y.len()).map(|i| (prior[i] * mu_eta[i] * mu_eta[i] / mu[i]).sqrt()).collect();
			let mut z: Vec<f64> =
				(0..y.len()).map(|i| (eta[i] + (y[i] - mu[i]) / mu_eta[i]) * weights[i]).collect();
			let columns = design
				.iter()
				.map(|c| c.iter().zip(&weights).map(|(x, w)| x * w).collect())
				.collect();
			let qr = Qr::new(columns);
			qr.qt(&mut z);
			let solved = back_substitute(&qr.r, &z[..qr.rank]);
			if solved.iter().any(|b| !b.is_finite()) {
				// R stops with a warning and keeps the previous coefficients: no convergence.
				last = Some((qr, weights));
				break;
			}
			let mut next = vec![0.0; p];
			for (b, j) in solved.iter().zip(&qr.pivot) {
				next[*j] = *b;
			}
			eta = linear_predictor(design, &next);
			mu = eta.iter().map(|e| inverse_link(*e)).collect();
			let mut dev = deviance(y, &mu, prior);
			// R halves the step towards the previous coefficients while the deviance is
			// infinite; on the first iteration it gives up (an error, here no convergence).
			if !dev.is_finite() {
				let Some(old) = &previous else {
					last = Some((qr, weights));
					break;
				};
				for _ in 0..MAX_ITERATIONS {
					next.iter_mut().zip(old).for_each(|(b, o)| *b = (*b + o) / 2.0);
					eta = linear_predictor(design, &next);
					mu = eta.iter().map(|e| inverse_link(*e)).collect();
					dev = deviance(y, &mu, prior);
					if dev.is_finite() {
						break;
					}
				}
			}
			coefficients = next;
			last = Some((qr, weights));
			if (dev - deviance_old).abs() / (dev.abs() + 0.1) < CONVERGENCE {
				converged = dev.is_finite();
				break;
			}
			deviance_old = dev;
			previous = Some(coefficients.clone());
		}
		let (qr, weights) = last.expect("at least one iteration");
		Fit {
			coefficients,
			mu,
			converged,
			working_weights: weights.iter().map(|w| w * w).collect(),
			r: qr.r,
			pivot: qr.pivot,
			rank: qr.rank,
		}
	}

	/// The residual degrees of freedom: observations less the columns not aliased.
	fn df_residual(&self) -> f64 {
		self.mu.len() as f64 - self.rank as f64
	}

	/// `summary.glm`'s dispersion: Pearson's χ² over the residual degrees of freedom, with
	/// the last iteration's working weights as R computes it, or with `weights` in their place
	/// (`summary.glm` reads whatever the fit's `weights` hold).
	pub fn dispersion(&self, y: &[f64], weights: Option<&[f64]>) -> f64 {
		let weights = weights.unwrap_or(&self.working_weights);
		let chi2: f64 =
			(0..y.len()).map(|i| weights[i] * ((y[i] - self.mu[i]) / self.mu[i]).powi(2)).sum();
		let df = self.df_residual();
		if df > 0.0 {
			chi2 / df
		} else {
			f64::NAN
		}
	}

	/// `x` (a row of the design) in the order of R's columns, the aliased ones left out.
	fn pivoted(&self, x: &[f64]) -> Vec<f64> {
		self.pivot[..self.rank].iter().map(|j| x[*j]).collect()
	}

	/// The linear predictor at `x` and its standard error for a dispersion of 1:
	/// √(xᵀ (XᵀWX)⁻¹ x).
	pub fn predict(&self, x: &[f64]) -> (f64, f64) {
		let eta = x.iter().zip(&self.coefficients).map(|(x, b)| x * b).sum();
		(eta, norm(&forward_substitute(&self.r, &self.pivoted(x))))
	}

	/// The two-sided p-value of coefficient `j` by `summary.glm`'s t test with the estimated
	/// `dispersion`, as R's `pt` computes it: from the regularised incomplete beta function on
	/// whichever side keeps its precision, so that a coefficient that is zero but for rounding
	/// has a p-value a hair below 1, as in R.
	pub fn p_value(&self, j: usize, dispersion: f64) -> f64 {
		use statrs::function::beta::beta_reg;
		let Some(position) = self.pivot[..self.rank].iter().position(|c| *c == j) else {
			return f64::NAN;
		};
		let mut unit = vec![0.0; self.rank];
		unit[position] = 1.0;
		let se = (dispersion * norm(&forward_substitute(&self.r, &unit)).powi(2)).sqrt();
		let (t, df) = (self.coefficients[j] / se, self.df_residual());
		if !t.is_finite() || df <= 0.0 {
			return f64::NAN;
		}
		// P(|T| ≥ |t|) = 1 − I_x(1/2, df/2) = I_{1−x}(df/2, 1/2), x = t² / (df + t²).
		let inside = beta_reg(0.5, df / 2.0, t * t / (df + t * t));
		if inside < 0.5 {
			1.0 - inside
		} else {
			beta_reg(df / 2.0, 0.5, df / (df + t * t))
		}
	}

	/// The leverages (`hatvalues`): the diagonal of W^½X (XᵀWX)⁻¹ XᵀW^½, 1 within 10ε of 1.
	pub fn hat_values(&self, design: &Design) -> Vec<f64> {
		(0..self.mu.len())
			.map(|i| {
				let row: Vec<f64> =
					design.iter().map(|c| c[i] * self.working_weights[i].sqrt()).collect();
				let h = norm(&forward_substitute(&self.r, &self.pivoted(&row))).powi(2);
				if h >= 1.0 - 10.0 * f64::EPSILON {
					1.0
				} else {
					h
				}
			})
			.collect()
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn a_constant_mean_is_the_average_and_its_dispersion_pearsons() {
		let y = [2.0, 4.0, 3.0, 7.0];
		let fit = Fit::new(&vec![vec![1.0; 4]], &y, &[1.0; 4]);
		assert!(fit.converged);
		assert!((fit.coefficients[0] - 4f64.ln()).abs() < 1e-10);
		// Σ (y − 4)² / 4 over 3 degrees of freedom, but with the working weights of the μ
		// before the last step, as R's summary(glm(c(2, 4, 3, 7) ~ 1, quasipoisson)) gives it.
		assert!((fit.dispersion(&y, None) - 1.1666800324700486).abs() < 1e-14);
		assert!((fit.dispersion(&y, Some(&[4.0; 4])) - 14.0 / 4.0 / 3.0).abs() < 1e-8);
		let (eta, se) = fit.predict(&[1.0]);
		assert!((eta - 4f64.ln()).abs() < 1e-10);
		// Var(log ȳ) = 1 / Σμ for a dispersion of 1, μ again a step before: R's se.fit over
		// its residual.scale.
		assert!((se - 0.249998567945536).abs() < 1e-14);
	}

	#[test]
	fn a_column_repeating_another_is_aliased() {
		let x = vec![1.0, 2.0, 3.0, 4.0, 5.0];
		let fit =
			Fit::new(&vec![vec![1.0; 5], x.clone(), x], &[1.0, 2.0, 2.0, 4.0, 5.0], &[1.0; 5]);
		assert!(fit.converged);
		assert_eq!(fit.rank, 2);
		assert_eq!(fit.pivot, [0, 1, 2]);
		assert_eq!(fit.coefficients[2], 0.0);
	}
}
