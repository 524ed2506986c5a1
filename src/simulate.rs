//! Uncertainty and sensitivity (DESIGN.md "Uncertainty", "Sensitivity"):
//! pure functions that re-run [`Model::eval`] on other inputs.

use serde::Serialize;

use crate::model::{Core, Model, StrategyKind, formula};

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
    pub fn exact(point: f64) -> Self {
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
    pub ev: Vec<Stat>,
    /// Share of draws in which each strategy has the highest EV.
    pub best_share: Vec<f64>,
}

/// Point values only (`samples = 0`): every field the point value, and
/// `best_share` 1 for the recommendation.
pub fn point_only(core: &Core, recommendation: usize, seed: u64) -> Distributions {
    let stats = |v: &[f64]| v.iter().copied().map(Stat::exact).collect();
    let mut best_share = vec![0.0; core.ev.len()];
    best_share[recommendation] = 1.0;
    Distributions {
        samples: 0,
        seed,
        fit: stats(&core.fit),
        offer: stats(&core.offer),
        ev: stats(&core.ev),
        best_share,
    }
}

/// The shift grid: −2 … +2 scale points in steps of 0.25 (17 points).
pub fn shift_grid() -> Vec<f64> {
    (0..=16).map(|i| f64::from(i) / 4.0 - 2.0).collect()
}

/// The premium grid: 0 … 0.40 in steps of 0.02 (21 points).
pub fn premium_grid() -> Vec<f64> {
    (0..=20).map(|i| f64::from(i) / 50.0).collect()
}

/// Point EV of every strategy along a grid.
#[derive(Debug, Clone, PartialEq)]
pub struct Sweep {
    pub x: Vec<f64>,
    /// `ev[j][i]`: EV of strategy i at grid value j.
    pub ev: Vec<Vec<f64>>,
    /// The smallest grid value at which `max(EV apply:r, EV apply:f+upgrade:r)
    /// > EV apply:f`, for the first role r with a fallback f.
    pub break_even: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Sensitivity {
    /// Every competency of the sensitivity group shifted by x scale points.
    pub shift: Sweep,
    /// Every premium replaced by x.
    pub premium: Sweep,
}

pub fn sensitivity(model: &Model) -> Sensitivity {
    let group = model.rubric.model.sensitivity_group;
    let point_premiums = model.point_premiums();
    let mut core = Core::default();
    let shift = sweep(
        model,
        shift_grid(),
        |delta| {
            (
                model.shifted_levels(Some(group), delta),
                point_premiums.clone(),
            )
        },
        &mut core,
    );
    let levels = model.point_levels();
    let premium = sweep(
        model,
        premium_grid(),
        |p| (levels.clone(), vec![p; model.rubric.roles.len()]),
        &mut core,
    );
    Sensitivity { shift, premium }
}

fn sweep(
    model: &Model,
    x: Vec<f64>,
    inputs: impl Fn(f64) -> (Vec<f64>, Vec<f64>),
    core: &mut Core,
) -> Sweep {
    let ev: Vec<Vec<f64>> = x
        .iter()
        .map(|&x| {
            let (levels, premiums) = inputs(x);
            model.eval(&levels, &premiums, core);
            core.ev.clone()
        })
        .collect();
    let break_even = break_even_pair(model).and_then(|(apply_r, upgrade_r, apply_f)| {
        x.iter()
            .zip(&ev)
            .find(|(_, ev)| ev[apply_r].max(ev[upgrade_r]) > ev[apply_f])
            .map(|(x, _)| *x)
    });
    Sweep { x, ev, break_even }
}

/// Strategy indices (`apply:r`, `apply:f+upgrade:r`, `apply:f`) for the first
/// role r in rubric order that has a fallback f.
pub fn break_even_pair(model: &Model) -> Option<(usize, usize, usize)> {
    let find = |kind: StrategyKind| model.strategies.iter().position(|s| s.kind == kind);
    let (r, f) = model
        .rubric
        .roles
        .iter()
        .enumerate()
        .find_map(|(r, role)| role.fallback.as_ref().map(|f| (r, f.role)))?;
    Some((
        find(StrategyKind::Apply { role: r })?,
        find(StrategyKind::Upgrade {
            role: r,
            fallback: f,
        })?,
        find(StrategyKind::Apply { role: f })?,
    ))
}

/// Recommendation: the strategy with the highest point EV (ties: the first).
pub fn recommend(core: &Core) -> usize {
    formula::argmax_first(&core.ev)
}
