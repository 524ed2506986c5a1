//! The sensitivity sweeps and the break-even (DESIGN.md "Sensitivity").

use crate::model::{Core, Model, StrategyKind};
use crate::units::tolerance;

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
    /// The grid value nearest to the current one (0 for the shift, r's
    /// point premium for the premium) at which the winner differs from
    /// `wins_now` (DESIGN.md v2 "Sensitivity"): where applying for r directly
    /// would stop winning, or start to. Equal distance: the lower value.
    /// `None` where it differs nowhere on the grid (or no role has a
    /// fallback).
    pub break_even: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Sensitivity {
    /// Every competency of the sensitivity group shifted by x scale points.
    pub shift: Sweep,
    /// Every premium replaced by x.
    pub premium: Sweep,
    /// Whether applying for r directly wins at the current point values
    /// (`None` when no role has a fallback).
    pub wins_now: Option<bool>,
}

/// Applying for r directly *wins* when `EV apply:r > M + 1e-9·max(1, |M|)`
/// with `M = max(EV apply:f, EV apply:f+upgrade:r)`: a tie within rounding
/// is no win. `pair` is [`break_even_pair`]'s.
pub fn direct_wins(ev: &[f64], (apply_r, upgrade_r, apply_f): (usize, usize, usize)) -> bool {
    let m = ev[apply_f].max(ev[upgrade_r]);
    ev[apply_r] > m + tolerance(m)
}

/// The grid value nearest to `now` at which `wins` differs from `wins_now`
/// (`now` itself left out when `skip_now`); equal distance: the lower value.
fn nearest_flip(x: &[f64], wins: &[bool], now: f64, wins_now: bool, skip_now: bool) -> Option<f64> {
    x.iter()
        .zip(wins)
        .filter(|(x, w)| **w != wins_now && !(skip_now && **x == now))
        .map(|(x, _)| *x)
        .min_by(|a, b| {
            (a - now)
                .abs()
                .total_cmp(&(b - now).abs())
                .then(a.total_cmp(b))
        })
}

pub fn sensitivity(model: &Model) -> Sensitivity {
    let group = model.rubric.model.sensitivity_group;
    let point_premiums = model.point_premiums();
    let mut core = Core::default();
    let mut shift = sweep(
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
    let mut premium = sweep(
        model,
        premium_grid(),
        |p| (levels.clone(), vec![p; model.rubric.roles.len()]),
        &mut core,
    );
    let wins_now = break_even_pair(model).map(|pair| {
        model.eval(&levels, &point_premiums, &mut core);
        let now = direct_wins(&core.ev, pair);
        let flips = |sweep: &Sweep, at: f64, skip_now: bool| {
            let wins: Vec<bool> = sweep.ev.iter().map(|ev| direct_wins(ev, pair)).collect();
            nearest_flip(&sweep.x, &wins, at, now, skip_now)
        };
        // The shift's x = 0 is the current point itself.
        shift.break_even = flips(&shift, 0.0, true);
        // The premium sweep gives every role the same premium, so even at
        // r's own premium the winner can differ (another role's premium
        // changed): that counts, at distance 0.
        let r = match model.strategies[pair.0].kind {
            StrategyKind::Apply { role } => role,
            _ => 0,
        };
        premium.break_even = flips(&premium, point_premiums[r], false);
        now
    });
    Sensitivity {
        shift,
        premium,
        wins_now,
    }
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
    Sweep {
        x,
        ev,
        break_even: None,
    }
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
