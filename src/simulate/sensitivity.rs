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
pub(crate) fn direct_wins(
    ev: &[f64],
    (apply_r, upgrade_r, apply_f): (usize, usize, usize),
) -> bool {
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
        // Distances rounded to 1e-9: 0.04 and 0.06 are equally far from
        // 0.05, though not in binary floating point.
        .min_by_key(|x| (((x - now).abs() * 1e9).round() as i64, order_key(*x)))
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
        if let StrategyKind::Apply { role: r } = model.strategies[pair.0].kind {
            premium.break_even = flips(&premium, point_premiums[r], false);
        }
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

/// Orders floats as integers (for a sort key): the lower value first.
fn order_key(x: f64) -> i64 {
    let bits = x.to_bits() as i64;
    if bits < 0 { bits ^ i64::MAX } else { bits }
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

#[cfg(test)]
mod tests {
    use super::{nearest_flip, premium_grid};

    #[test]
    fn equal_distance_goes_to_the_lower_grid_value() {
        // 0.04 and 0.06 are equally far from 0.05 on paper, not in binary.
        let x = premium_grid();
        let wins: Vec<bool> = x.iter().map(|p| (*p - 0.05).abs() > 0.005).collect();
        assert_eq!(nearest_flip(&x, &wins, 0.05, false, false), Some(0.04));
        // The shift grid leaves out where you are (x = 0).
        let x = super::shift_grid();
        let wins: Vec<bool> = x.iter().map(|d| *d != 0.0).collect();
        assert_eq!(nearest_flip(&x, &wins, 0.0, true, true), None);
        assert_eq!(nearest_flip(&x, &wins, 0.0, false, true), Some(-0.25));
    }
}
