//! The sensitivity sweeps and the break-even (DESIGN.md "Sensitivity").

use crate::model::{Core, Model, StrategyKind};

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
    /// The smallest grid value at which applying for r directly beats going
    /// through its fallback f, `EV apply:r > max(EV apply:f, EV
    /// apply:f+upgrade:r)`, for the first role r with a fallback f.
    ///
    /// DESIGN.md writes `max(EV apply:r, EV apply:f+upgrade:r) > EV apply:f`,
    /// but `apply:f+upgrade:r` beats `apply:f` whenever r pays more and has
    /// any chance (it adds a chance of r's pay to the same odds of f), so
    /// that test holds at the first grid value for every realistic rubric
    /// and tells nothing. See README "Where DESIGN.md was … ambiguous".
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
            .find(|(_, ev)| ev[apply_r] > ev[apply_f].max(ev[upgrade_r]))
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
