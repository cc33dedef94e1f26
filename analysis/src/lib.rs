//! # Healthnet's signals
//!
//! What surveillance teams compute over a daily or weekly series of case counts, as the
//! reference implementations compute it, so that a figure from Healthnet and one from R agree:
//!
//! - [`ears`]: CDC's EARS C1, C2 and C3 aberration detection (R's `surveillance::earsC`);
//! - [`farrington`]: the Farrington flexible aberration detection of weekly counts against
//!   the same weeks of past years, by Noufaily et al. 2013 or the original 1996 algorithm
//!   (R's `surveillance::farringtonFlexible`);
//! - [`rt`]: the time-varying reproduction number by Cori et al. 2013 (R's
//!   `EpiEstim::estimate_R`), from a parametric or a discrete serial interval;
//! - [`growth`]: the exponential growth rate over a window (a Poisson regression of the
//!   counts on time, R's `glm(family = poisson)`) and the doubling time;
//! - [`lineage`]: a lineage's growth advantage over the others (a binomial regression of its
//!   share on time, R's `glm(family = binomial)`), flagged when it stays above a threshold;
//! - [`rate`]: incidence per 100,000 people with its exact Poisson interval (R's
//!   `poisson.test`), for comparing places of different sizes.
//!
//! The maths only: a series goes in as numbers, figures come out. The client reads the series
//! at a named finalized block and says which; nothing here touches a network. A series too
//! short for a method is an [`Error`] saying how much it needs, never a number.
//! `tests/reference.rs` compares every point with the outputs of R that
//! `scripts/signals-reference` wrote; docs/SIGNALS.md describes each method.

pub mod ears;
pub mod farrington;
pub mod growth;
pub mod lineage;
mod quantile;
pub mod rate;
pub mod rt;

/// Why a method gives no figure.
#[derive(Clone, Debug, PartialEq)]
pub enum Error {
	/// The series is shorter than the method's baseline needs.
	TooShort {
		/// The method.
		method: &'static str,
		/// The points it needs at least.
		needs: usize,
		/// The points the series has.
		has: usize,
	},
	/// A parameter outside what the method accepts.
	BadParameter(String),
}

impl core::fmt::Display for Error {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		match self {
			Error::TooShort { method, needs, has } => write!(
				f,
				"{method} needs at least {needs} points of history and the series has {has}: \
				 choose a longer range"
			),
			Error::BadParameter(sentence) => f.write_str(sentence),
		}
	}
}

impl std::error::Error for Error {}
