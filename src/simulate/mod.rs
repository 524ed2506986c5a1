//! Uncertainty and sensitivity (DESIGN.md "Uncertainty", "Sensitivity"):
//! seeded, pure functions that re-run the model on other inputs.
//!
//! `monte_carlo` draws self-assessments, `quantile` summarises each figure's
//! draws, `parallel` spreads the work over threads, `sensitivity` sweeps one
//! input at a time; `streaming` summarises more draws than memory holds.

mod monte_carlo;
mod parallel;
mod quantile;
mod sensitivity;
mod streaming;

use serde::Serialize;

pub use monte_carlo::{monte_carlo, monte_carlo_unless};
pub use parallel::threads;
pub use sensitivity::{Sensitivity, Sweep, sensitivity};

/// A figure with its uncertainty: the point value (no noise) and the mean and
/// 5th/50th/95th percentiles over the Monte Carlo draws.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Stat {
    pub point: f64,
    pub mean: f64,
    pub p05: f64,
    pub p50: f64,
    pub p95: f64,
}

impl Stat {
    /// A figure without uncertainty: the point value in all five fields.
    pub(crate) fn exact(point: f64) -> Self {
        Stat {
            point,
            mean: point,
            p05: point,
            p50: point,
            p95: point,
        }
    }
}

/// The distributions of the figures [`Model::eval`] recomputes per draw.
#[derive(Debug, Clone, PartialEq)]
pub struct Distributions {
    pub samples: u64,
    pub seed: u64,
    pub fit: Vec<Stat>,
    pub offer: Vec<Stat>,
    /// `I_r`, the offer chance once the application is picked.
    pub interviewed: Vec<Stat>,
    pub ev: Vec<Stat>,
    /// Share of draws in which each strategy has the highest EV.
    pub best_share: Vec<f64>,
    /// Draws in which the recommendation is worth less than the runner-up
    /// beyond the tie tolerance (0 without draws or a runner-up).
    pub behind: u64,
}

impl Distributions {
    /// The recommendation *dominates* the runner-up (DESIGN.md v3 "close
    /// call"): with draws, it is worth at least as much in every one (and at
    /// the point values, where it is the best by definition).
    pub fn dominates(&self) -> bool {
        self.samples > 0 && self.behind == 0
    }
}
