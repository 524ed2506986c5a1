//! The formulas of DESIGN.md "The model", one function each, with the formula
//! in its doc comment. Unit tests work each out by hand on a small case.

use crate::units::{Fit, Level, Points, Probability};

/// `x_i = clamp((score_i + self_bias − min) / (max − min), 0, 1)`.
pub(crate) fn level(score: Points, self_bias: Points, min: Points, max: Points) -> Level {
    ((score + self_bias - min) / (max - min)).clamp(0.0, 1.0)
}

/// `100 · Σ_i w_i·x_i / Σ_i w_i`; `None` when `Σ w_i = 0`.
///
/// This is the fit `F_r` (w = the role's weights), the group sub-score `G_rg`
/// (w = the role's weights inside group g, 0 elsewhere) and the stage score
/// `S_sr` (w = `w_ri · e_s,g(i)`).
pub(crate) fn weighted_percent(w: &[f64], x: &[Level]) -> Option<Fit> {
    let mut num = 0.0;
    let mut den = 0.0;
    for (w, x) in w.iter().zip(x) {
        num += w * x;
        den += w;
    }
    // Rounding can carry Σ w·1 / Σ w a hair past 1.
    (den > 0.0).then(|| (100.0 * num / den).clamp(0.0, 100.0))
}

/// `σ(z) = 1 / (1 + e^(−z))`.
#[inline(always)]
pub(crate) fn sigmoid(z: f64) -> f64 {
    1.0 / (1.0 + super::exp::exp(-z))
}

/// Stage pass: `p_sr = σ(k_s·(S_sr − pass_at_sr) + ln m_s)^count_s`, with
/// `ln_odds` = `ln m_s`, the log of the route's odds multiplier (0 for 1).
pub(crate) fn stage_pass(
    score: Fit,
    pass_at: Fit,
    k: f64,
    ln_odds: f64,
    count: u32,
) -> Probability {
    stage_pass_lanes([score], pass_at, k, ln_odds, count)[0]
}

/// [`stage_pass`] for `B` scores at once. Every lane gets exactly the
/// arithmetic of a single call; written lane by lane, without branches, so
/// the compiler can use vector instructions.
#[inline(always)]
pub(crate) fn stage_pass_lanes<const B: usize>(
    score: [Fit; B],
    pass_at: Fit,
    k: f64,
    ln_odds: f64,
    count: u32,
) -> [Probability; B] {
    let p = score.map(|s| sigmoid(k * (s - pass_at) + ln_odds));
    // Sessions are few (count ≤ 100): multiply rather than call `powi`.
    let mut out = p;
    for _ in 1..count {
        for (out, p) in out.iter_mut().zip(p) {
            *out *= p;
        }
    }
    out
}

/// Coverage: the share of role weight on competencies with
/// `score + self_bias ≥ bar` (no bar: covered). `selfs[i]` is `score + self_bias`.
pub(crate) fn coverage(w: &[f64], bars: &[Option<Points>], selfs: &[Option<Points>]) -> f64 {
    let total: f64 = w.iter().sum();
    if total <= 0.0 {
        return 0.0;
    }
    let covered: f64 = w
        .iter()
        .zip(bars.iter().zip(selfs))
        .filter(|(_, (bar, own))| match (bar, own) {
            (Some(bar), Some(own)) => own >= bar,
            (Some(_), None) => false,
            (None, _) => true,
        })
        .map(|(w, _)| w)
        .sum();
    covered / total
}

/// One competency short of a role's bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Gap {
    /// Index of the competency.
    pub competency: usize,
    /// `w_ri · max(0, bar_ir − (score_i + self_bias))`: weighted scale points.
    pub shortfall: f64,
}

/// Gaps: `w_ri · max(0, bar_ir − (score_i + self_bias))`, largest first
/// (ties in rubric order), zero gaps left out.
pub(crate) fn gaps(w: &[f64], bars: &[Option<Points>], selfs: &[Option<Points>]) -> Vec<Gap> {
    let mut gaps: Vec<Gap> = w
        .iter()
        .zip(bars.iter().zip(selfs))
        .enumerate()
        .filter_map(|(i, (w, (bar, own)))| {
            let shortfall = w * (bar.as_ref()? - own.as_ref()?).max(0.0);
            (shortfall > 0.0).then_some(Gap {
                competency: i,
                shortfall,
            })
        })
        .collect();
    gaps.sort_by(|a, b| b.shortfall.total_cmp(&a.shortfall));
    gaps
}

/// Down-level: `D_r = downlevel_rate_r · max(0, P_f − P_r)`.
pub(crate) fn downlevel(
    rate: Probability,
    p_fallback: Probability,
    p_role: Probability,
) -> Probability {
    rate * (p_fallback - p_role).max(0.0)
}

/// Upgrade: `u_r = green_light_r · min(1, P_r / P_f)` (0 when `P_f = 0`).
#[inline(always)]
pub(crate) fn upgrade(
    green_light: Probability,
    p_role: Probability,
    p_fallback: Probability,
) -> Probability {
    // Divide first and choose after, without a branch, so that several
    // draws can be worked out together; the quotient is unused when P_f = 0.
    let u = green_light * (p_role / p_fallback).min(1.0);
    if p_fallback > 0.0 { u } else { 0.0 }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) {
        assert!((a - b).abs() < 1e-12, "{a} != {b}");
    }

    #[test]
    fn level_maps_the_scale_onto_0_1_and_clamps() {
        // (4 − 0.25 − 1) / (5 − 1) = 2.75 / 4 = 0.6875
        close(level(4.0, -0.25, 1.0, 5.0), 0.6875);
        // 5 + 1 is past the top: clamped to 1; 1 − 1 below the bottom: 0.
        close(level(5.0, 1.0, 1.0, 5.0), 1.0);
        close(level(1.0, -1.0, 1.0, 5.0), 0.0);
        // 0–10 scale: (7 − 0) / 10 = 0.7
        close(level(7.0, 0.0, 0.0, 10.0), 0.7);
    }

    #[test]
    fn weighted_percent_is_the_weighted_mean_times_100() {
        // w = (3, 1), x = (0.5, 1): 100 · (1.5 + 1) / 4 = 62.5
        close(weighted_percent(&[3.0, 1.0], &[0.5, 1.0]).unwrap(), 62.5);
        // zero weights give no figure (a group a role ignores)
        assert_eq!(weighted_percent(&[0.0, 0.0], &[0.5, 1.0]), None);
    }

    #[test]
    fn stage_pass_is_a_logistic_raised_to_count() {
        // score at the bar: σ(0) = 0.5; two sessions: 0.25
        close(stage_pass(55.0, 55.0, 0.1, 0.0, 1), 0.5);
        close(stage_pass(55.0, 55.0, 0.1, 0.0, 2), 0.25);
        // 10 points above with k = 0.1: σ(1) = 1/(1+e^−1) = 0.7310585786300049
        close(stage_pass(65.0, 55.0, 0.1, 0.0, 1), 0.7310585786300049);
        // Odds × 3 at the mark: σ(ln 3) = 3/(1+3) = 0.75; two sessions 0.5625.
        close(stage_pass(55.0, 55.0, 0.1, 3f64.ln(), 1), 0.75);
        close(stage_pass(55.0, 55.0, 0.1, 3f64.ln(), 2), 0.5625);
    }

    #[test]
    fn coverage_counts_weight_at_or_above_the_bar() {
        // weights 2, 1, 1; bars 3, 4, none; own 3, 3.5, 1
        // covered: first (3 ≥ 3) and third (no bar): (2 + 1) / 4 = 0.75
        let c = coverage(
            &[2.0, 1.0, 1.0],
            &[Some(3.0), Some(4.0), None],
            &[Some(3.0), Some(3.5), Some(1.0)],
        );
        close(c, 0.75);
    }

    #[test]
    fn gaps_are_weighted_shortfalls_largest_first() {
        // w 1, 3, 2; bars 4, 4, 3; own 3, 3.5, 3.
        // shortfalls: 1·1 = 1, 3·0.5 = 1.5, 2·0 = 0 (left out) → [1 (1.5), 0 (1)]
        let g = gaps(
            &[1.0, 3.0, 2.0],
            &[Some(4.0), Some(4.0), Some(3.0)],
            &[Some(3.0), Some(3.5), Some(3.0)],
        );
        assert_eq!(g.len(), 2);
        assert_eq!(g[0].competency, 1);
        close(g[0].shortfall, 1.5);
        assert_eq!(g[1].competency, 0);
        close(g[1].shortfall, 1.0);
    }

    #[test]
    fn downlevel_and_upgrade() {
        // D = 0.6 · max(0, 0.5 − 0.2) = 0.18; never negative
        close(downlevel(0.6, 0.5, 0.2), 0.18);
        close(downlevel(0.6, 0.2, 0.5), 0.0);
        // u = 0.8 · min(1, 0.2 / 0.5) = 0.32; capped at the green light; 0 when P_f = 0
        close(upgrade(0.8, 0.2, 0.5), 0.32);
        close(upgrade(0.8, 0.9, 0.5), 0.8);
        close(upgrade(0.8, 0.2, 0.0), 0.0);
    }
}
