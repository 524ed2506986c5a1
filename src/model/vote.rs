//! Voted stages (DESIGN.md v3 "voted stage"): each of a stage's `n` votes is
//! about one competency, inclined or not; the debrief tolerates `m` "not
//! inclined" ones. The inclined chances depend on the role and the
//! competency only, not on the stage, so a draw works them out once per
//! role and competency and every voted stage mixes them with its emphasis.

use super::exp::exp;
use crate::rubric::Rubric;
use crate::units::{Level, Points, Probability};

/// The chance one vote about competency i is inclined:
/// `v_ri = ε/2 + (1 − ε)·σ(ln(a/(1 − a)) + k_v·(u_i − β_ri))` with
/// `u_i = min + x_i·(max − min) − d_i` (x_i the clamped level, u_i not
/// clamped again), `a` = `inclined_at_bar`, `k_v` = `vote_steepness`,
/// `ε` = `vote_noise`, `β_ri` the bar (the scale's midpoint without one).
pub fn inclined(rubric: &Rubric, x: Level, penalty: Points, bar: Option<Points>) -> Probability {
    let v = Votes::new(rubric);
    1.0 - v.miss(v.offset(penalty, bar), x)
}

/// `C(n, j)` for j = 0 … m, exact: every coefficient up to `C(50, 25)` ≈
/// 1.3e14 is a whole number below 2^53, and each product below is one.
pub(crate) fn choose(n: u32, m: u32) -> Vec<f64> {
    let mut out = Vec::with_capacity(m as usize + 1);
    let mut c = 1.0;
    for j in 0..=m {
        out.push(c);
        // C(n, j+1) = C(n, j)·(n − j)/(j + 1), exact in this order.
        c = c * f64::from(n - j.min(n)) / f64::from(j + 1);
    }
    out
}

/// Stage pass of a voted stage:
/// `p = (Σ_{j=0}^{m} C(n, j)·q^j·(1 − q)^(n − j))^count`, q the chance one
/// vote is "not inclined"; `choose` = [`choose`]`(n, m)`.
pub(crate) fn pass(q: Probability, n: u32, choose: &[f64], count: u32) -> Probability {
    pass_lanes([q], n, choose, count)[0]
}

/// [`pass`] for `B` draws at once, each lane with the arithmetic of one call.
#[inline(always)]
pub(crate) fn pass_lanes<const B: usize>(
    q: [Probability; B],
    n: u32,
    choose: &[f64],
    count: u32,
) -> [Probability; B] {
    // Lanes innermost, so the compiler can work several at once; each
    // lane gets exactly the arithmetic of one draw.
    let q = q.map(|q| q.clamp(0.0, 1.0));
    let r = q.map(|q| 1.0 - q);
    // (1 − q)^k for k = 0 … n (n ≤ 50): multiplied out, no libm.
    let mut rpow = [[1.0; B]; 51];
    let n = (n as usize).min(50);
    for k in 1..=n {
        let (done, next) = rpow.split_at_mut(k);
        for ((p, prev), r) in next[0].iter_mut().zip(&done[k - 1]).zip(&r) {
            *p = prev * r;
        }
    }
    let mut sum = [0.0; B];
    let mut qj = [1.0; B];
    for (j, c) in choose.iter().enumerate().take(n + 1) {
        for (((s, qj), p), q) in sum.iter_mut().zip(&mut qj).zip(&rpow[n - j]).zip(&q) {
            *s += c * *qj * p;
            *qj *= q;
        }
    }
    let once = sum.map(|s| s.min(1.0));
    let mut out = once;
    for _ in 1..count {
        for (o, once) in out.iter_mut().zip(&once) {
            *o *= once;
        }
    }
    out
}

/// The vote settings of a rubric, compiled.
#[derive(Debug, Clone)]
pub(crate) struct Votes {
    /// Some stage is voted: only then are the inclined chances worked out.
    pub any: bool,
    /// `k_v·(max − min)`: the log-odds per unit of level x.
    pub slope: f64,
    /// `ln(a/(1 − a)) + k_v·min`, the part of every offset that does not
    /// depend on the competency.
    base: f64,
    k_v: f64,
    /// `ε/2` and `1 − ε`.
    half_noise: f64,
    keep: f64,
    /// The scale's midpoint, the bar where a role has none.
    midpoint: Points,
    /// `e^z = e^offset · e^(slope·x)`: the kernel then takes one
    /// exponential per competency and draw instead of one per role,
    /// competency and draw (measured: `eval_eight_draws` of the bundled
    /// example 2.2 µs → see README "Performance"). Only where neither factor
    /// can overflow or underflow: `slope` ≤ 700 and every offset ≥ −700.
    pub factored: bool,
}

impl Votes {
    pub fn new(rubric: &Rubric) -> Self {
        let m = &rubric.model;
        let a = m.inclined_at_bar;
        Votes {
            any: rubric.voted(),
            slope: m.vote_steepness * (rubric.scale.max - rubric.scale.min),
            base: (a / (1.0 - a)).ln() + m.vote_steepness * rubric.scale.min,
            k_v: m.vote_steepness,
            half_noise: m.vote_noise / 2.0,
            keep: 1.0 - m.vote_noise,
            midpoint: (rubric.scale.min + rubric.scale.max) / 2.0,
            factored: false,
        }
        .with_factoring(rubric)
    }

    /// Decides [`Votes::factored`]: every offset, at the largest penalty,
    /// must stay far from `exp`'s range limits, and so must the slope.
    fn with_factoring(mut self, rubric: &Rubric) -> Self {
        let d = rubric.model.unprepared_penalty;
        let lowest = rubric
            .competencies
            .iter()
            .flat_map(|c| c.bar.iter().map(|b| self.offset(d, *b)))
            .chain([self.offset(d, None)])
            .fold(f64::INFINITY, f64::min);
        self.factored = self.slope <= 700.0 && lowest >= -700.0 && self.base.abs() <= 700.0;
        self
    }

    /// What the kernel keeps per role and competency: `e^offset` when
    /// [`Votes::factored`], else the offset itself.
    pub(crate) fn factor(&self, offset: f64) -> f64 {
        if self.factored { exp(offset) } else { offset }
    }

    /// `e^(slope·x)`, the per-competency factor of a factored `e^z`.
    #[inline(always)]
    pub(crate) fn lift(&self, x: Level) -> f64 {
        exp(self.slope * x)
    }

    /// `1 − v_ri` from a [`Votes::factor`] and, when factored, the
    /// competency's [`Votes::lift`] (else its level x):
    /// `ε/2 + (1 − ε)/(1 + e^z)`.
    #[inline(always)]
    pub(crate) fn miss_from(&self, factor: f64, lift_or_x: f64) -> Probability {
        if self.factored {
            self.miss_factored(factor, lift_or_x)
        } else {
            self.half_noise + self.keep / (1.0 + exp(factor + self.slope * lift_or_x))
        }
    }

    /// [`Votes::miss_from`] when factored, without the branch, so the
    /// kernel's loop over lanes vectorises.
    #[inline(always)]
    pub(crate) fn miss_factored(&self, factor: f64, lift: f64) -> Probability {
        self.half_noise + self.keep / (1.0 + factor * lift)
    }

    /// The log-odds of "inclined" at level 0: `ln(a/(1 − a)) + k_v·(min −
    /// d_i − β_ri)`; at level x it is this plus `slope·x`.
    pub(crate) fn offset(&self, penalty: Points, bar: Option<Points>) -> f64 {
        self.base - self.k_v * (penalty + bar.unwrap_or(self.midpoint))
    }

    /// `1 − v_ri` at level x from its [`Votes::offset`]: `ε/2 + (1 − ε)·σ(−z)`,
    /// with the kernel's arithmetic.
    pub(crate) fn miss(&self, offset: f64, x: Level) -> Probability {
        let arg = if self.factored { self.lift(x) } else { x };
        self.miss_from(self.factor(offset), arg)
    }
}

/// Each competency's unprepared penalty `d_i` (DESIGN.md v3): the rubric's
/// `unprepared_penalty` for a leadership competency unprepared as entered,
/// else 0.
pub(crate) fn penalties(rubric: &Rubric) -> Vec<Points> {
    let mut d = vec![0.0; rubric.competencies.len()];
    for i in rubric.unprepared() {
        d[i] = rubric.model.unprepared_penalty;
    }
    d
}

#[cfg(test)]
mod tests {
    use super::{choose, pass};

    fn close(a: f64, b: f64) {
        assert!((a - b).abs() < 1e-12, "{a} != {b}");
    }

    #[test]
    fn binomial_coefficients_are_exact() {
        assert_eq!(choose(10, 2), vec![1.0, 10.0, 45.0]);
        assert_eq!(choose(4, 3), vec![1.0, 4.0, 6.0, 4.0]);
        let c = choose(50, 49);
        assert_eq!(c[25], 126_410_606_437_752.0);
        assert_eq!(c[49], 50.0);
    }

    #[test]
    fn pass_is_the_binomial_tail() {
        // n = 2, m = 0: (1 − q)^2; q = 0.25 → 0.5625; two sessions → 0.31640625.
        close(pass(0.25, 2, &choose(2, 0), 1), 0.5625);
        close(pass(0.25, 2, &choose(2, 0), 2), 0.316_406_25);
        // n = 2, m = 1: 1 − q^2 = 0.9375.
        close(pass(0.25, 2, &choose(2, 1), 1), 0.9375);
        // n = 3, m = 1, q = 0.5: (1 + 3)/8 = 0.5.
        close(pass(0.5, 3, &choose(3, 1), 1), 0.5);
        // No "not inclined" chance: passes surely; every vote "not inclined": fails.
        close(pass(0.0, 10, &choose(10, 2), 1), 1.0);
        close(pass(1.0, 10, &choose(10, 2), 1), 0.0);
    }
}
