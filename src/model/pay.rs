//! Pay over the horizon (DESIGN.md v2 "Pay" and "Value of each strategy"):
//! staying, joining a role at the time its offer comes, and declining an
//! offer worth less than staying.
//!
//! Every year's pay is counted as earned evenly through that year, so a
//! value is an integral of a step function: `stay(⌈t⌉)` before joining,
//! `pay(⌈t − T⌉)` after joining at `T`. [`integral`] works one out exactly
//! for any interval (the point values, `by_year`); [`PayModel`] compiles
//! the same integrals into per-job-year weights once, so that a Monte Carlo
//! draw costs a multiply-add per role and join time.

use crate::rubric::{Package, Pay, Rubric};
use crate::units::{Amount as Money, tolerance};

/// `∫_a^b f(t) dt` with `f(t) = stay(⌈t⌉)` for `t < join` and
/// `pay(⌈t − join⌉)` from `join` on (years and job years count from 1).
/// Exact: `f` is constant between calendar-year boundaries, job-year
/// boundaries and `join`, so each piece is its value times its length.
pub fn integral(
    a: f64,
    b: f64,
    join: f64,
    stay: &dyn Fn(usize) -> Money,
    pay: &dyn Fn(usize) -> Money,
) -> Money {
    if b <= a {
        return 0.0;
    }
    let mut cuts = vec![a, b];
    if join > a && join < b {
        cuts.push(join);
    }
    let mut k = a.floor() + 1.0;
    while k < b {
        cuts.push(k);
        k += 1.0;
    }
    if join.is_finite() {
        let mut k = join + ((a - join).max(0.0)).floor() + 1.0;
        while k < b {
            if k > a {
                cuts.push(k);
            }
            k += 1.0;
        }
    }
    cuts.sort_by(f64::total_cmp);
    cuts.dedup();
    cuts.windows(2)
        .map(|w| {
            let mid = 0.5 * (w[0] + w[1]);
            let value = if mid < join {
                stay(mid.ceil().max(1.0) as usize)
            } else {
                pay((mid - join).ceil().max(1.0) as usize)
            };
            value * (w[1] - w[0])
        })
        .sum()
}

/// The pay side of a rubric compiled for repeated evaluation.
#[derive(Debug, Clone)]
pub struct PayModel {
    /// H, in years.
    pub horizon: f64,
    /// `Stay = ∫_0^H stay(⌈t⌉) dt`.
    pub stay: Money,
    /// Join times in years: `times[0] = T0` (every stage), then `T0 + U_r`
    /// for each role with a fallback, in `upgrade_time` order.
    pub times: Vec<f64>,
    /// Per role: the index into `times` of its upgrade route, if it has one.
    pub upgrade_time: Vec<Option<usize>>,
    /// Take an offer worth less than staying.
    pub accept_lower: bool,
    /// `S(T) = ∫_0^{min(T,H)} stay(⌈t⌉) dt` per join time.
    stay_before: Vec<Money>,
    /// Per join time t and role r (`t·R + r`): the job-year-weighted cash of
    /// r's root package, `Σ_y w_y(T)·(base + sign_on[y])`, and its RSU terms
    /// `rsu·w_y(T)·vesting[y]` by job year (index y − 1).
    cash: Vec<Money>,
    rsu: Vec<Vec<Money>>,
    /// Per role: the root package it is a premium over (itself when it has
    /// a package), and the order in which to multiply premiums along chains.
    root: Vec<usize>,
    chain: Vec<(usize, Option<usize>)>,
    /// Per root role: its package (for job-year-1 pay).
    packages: Vec<Package>,
}

impl PayModel {
    pub fn new(rubric: &Rubric) -> Self {
        let h = rubric.model.horizon_years;
        let n = rubric.roles.len();
        let stay_year = |y: usize| rubric.stay_year(y);
        let stay = integral(0.0, h, f64::INFINITY, &stay_year, &|_| 0.0);
        let t0 = rubric.days_to_offer() / 365.0;
        let mut times = vec![t0];
        let upgrade_time = rubric
            .roles
            .iter()
            .map(|role| {
                role.fallback.as_ref().map(|f| {
                    times.push(t0 + f.upgrade_days / 365.0);
                    times.len() - 1
                })
            })
            .collect();
        let stay_before = times
            .iter()
            .map(|&t| integral(0.0, t.min(h), f64::INFINITY, &stay_year, &|_| 0.0))
            .collect();
        // Roots and the order of premium chains (acyclic: validated).
        let mut root = vec![usize::MAX; n];
        let mut chain = Vec::with_capacity(n);
        for _ in 0..=n {
            for (r, role) in rubric.roles.iter().enumerate() {
                if root[r] != usize::MAX {
                    continue;
                }
                match &role.pay {
                    Pay::Package(_) => {
                        root[r] = r;
                        chain.push((r, None));
                    }
                    Pay::PremiumOver { role: q, .. } if root[*q] != usize::MAX => {
                        root[r] = root[*q];
                        chain.push((r, Some(*q)));
                    }
                    Pay::PremiumOver { .. } => {}
                }
            }
        }
        for (r, root) in root.iter_mut().enumerate() {
            if *root == usize::MAX {
                // Only a cycle (refused by validation) leaves a role here.
                *root = r;
                chain.push((r, None));
            }
        }
        let packages: Vec<Package> = rubric
            .roles
            .iter()
            .map(|role| match &role.pay {
                Pay::Package(p) => p.clone(),
                Pay::PremiumOver { .. } => Package::default(),
            })
            .collect();
        // Job-year weights: the part of job year y inside [T, H].
        let mut cash = Vec::with_capacity(times.len() * n);
        let mut rsu = Vec::with_capacity(times.len() * n);
        for &t in &times {
            let years = ((h - t).max(0.0)).ceil() as usize;
            let weight = |y: usize| (h - (t + y as f64 - 1.0)).clamp(0.0, 1.0);
            for r in 0..n {
                let p = &packages[root[r]];
                let at = |list: &[f64], y: usize| list.get(y - 1).copied().unwrap_or(0.0);
                cash.push(
                    (1..=years)
                        .map(|y| weight(y) * (p.base + at(&p.sign_on, y)))
                        .sum(),
                );
                rsu.push(
                    (1..=years.min(p.vesting.len()))
                        .map(|y| p.rsu * weight(y) * at(&p.vesting, y))
                        .collect(),
                );
            }
        }
        PayModel {
            horizon: h,
            stay,
            times,
            upgrade_time,
            accept_lower: rubric.candidate.accept_lower_pay,
            stay_before,
            cash,
            rsu,
            root,
            chain,
            packages,
        }
    }

    /// `1 + p` multiplied along each role's premium chain, per lane.
    pub(crate) fn multipliers<const B: usize>(&self, premiums: &[[f64; B]], out: &mut [[f64; B]]) {
        for &(r, over) in &self.chain {
            out[r] = match over {
                None => [1.0; B],
                Some(q) => {
                    let mut m = out[q];
                    for (m, p) in m.iter_mut().zip(&premiums[r]) {
                        *m *= 1.0 + p;
                    }
                    m
                }
            };
        }
    }

    /// `V_r(T_t)` per lane: `S(T) + m_r · (cash + Σ_y rsu_y·(1 + g)^y)`.
    /// `growth_powers[y − 1][b]` is `(1 + g_b)^y`.
    pub(crate) fn value<const B: usize>(
        &self,
        t: usize,
        r: usize,
        mult: &[f64; B],
        growth_powers: &[[f64; B]],
    ) -> [Money; B] {
        let n = self.root.len();
        let cash = self.cash[t * n + r];
        let mut out = [cash; B];
        for (terms, powers) in self.rsu[t * n + r].iter().zip(growth_powers) {
            for (o, p) in out.iter_mut().zip(powers) {
                *o += terms * p;
            }
        }
        for (o, m) in out.iter_mut().zip(mult) {
            *o = self.stay_before[t] + m * *o;
        }
        out
    }

    /// `A_r(T)`: the value if the offer is taken — staying's when it is
    /// worth less than staying beyond the tie tolerance (declined), unless
    /// `accept_lower_pay`.
    #[inline(always)]
    pub(crate) fn taken<const B: usize>(&self, v: [Money; B]) -> [Money; B] {
        v.map(|v| if self.takes(v) { v } else { self.stay })
    }

    /// Whether an offer worth `v` over the horizon is taken.
    pub(crate) fn takes(&self, v: Money) -> bool {
        self.accept_lower || v >= self.stay - tolerance(self.stay)
    }

    /// The most job years any value needs: `(1 + g)^y` for y up to this.
    pub(crate) fn growth_years(&self) -> usize {
        self.rsu.iter().map(Vec::len).max().unwrap_or(0)
    }

    /// Role r's package with its premium multiplier `mult` (every part of
    /// the root package it is a premium over, scaled).
    pub(crate) fn package(&self, r: usize, mult: f64) -> Package {
        self.packages[self.root[r]].scaled(mult)
    }

    /// Role r's pay in job year 1 (`salary` in the JSON): its root
    /// package's first year times its premium multiplier `mult`.
    pub(crate) fn first_year(&self, r: usize, mult: f64, growth: f64) -> Money {
        mult * self.packages[self.root[r]].year(1, growth)
    }
}
