//! The ways to apply and their expected value (DESIGN.md "strategies").
//!
//! Order: `stay`, then `apply:r` for the roles in rubric order, then
//! `apply:f+upgrade:r` for each role r with a fallback f, in rubric order.

use super::Outcomes;
use super::formula;
use super::pay::PayModel;
use crate::rubric::Rubric;
use crate::units::{Amount as Money, Probability};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StrategyKind {
    Stay,
    Apply {
        role: usize,
    },
    /// Apply for `fallback`, then, holding its offer, try for `role`.
    Upgrade {
        role: usize,
        fallback: usize,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Strategy {
    pub id: String,
    pub label: String,
    pub kind: StrategyKind,
}

pub(crate) fn list(rubric: &Rubric) -> Vec<Strategy> {
    let mut out = vec![Strategy {
        id: "stay".into(),
        label: "Stay where you are".into(),
        kind: StrategyKind::Stay,
    }];
    for (r, role) in rubric.roles.iter().enumerate() {
        out.push(Strategy {
            id: format!("apply:{}", role.id),
            label: format!("Apply as {}", role.title),
            kind: StrategyKind::Apply { role: r },
        });
    }
    for (r, role) in rubric.roles.iter().enumerate() {
        if let Some(f) = &role.fallback {
            let fallback = &rubric.roles[f.role];
            out.push(Strategy {
                id: format!("apply:{}+upgrade:{}", fallback.id, role.id),
                label: format!("Apply as {}, then try for {}", fallback.title, role.title),
                kind: StrategyKind::Upgrade {
                    role: r,
                    fallback: f.role,
                },
            });
        }
    }
    out
}

impl Strategy {
    /// `D_r` of `apply:r` and the fallback it lands on, if the role has one.
    fn downlevel(
        rubric: &Rubric,
        role: usize,
        offer: &[Probability],
    ) -> Option<(usize, Probability)> {
        rubric.roles[role].fallback.as_ref().map(|f| {
            (
                f.role,
                formula::downlevel(f.downlevel_rate, offer[f.role], offer[role]),
            )
        })
    }

    /// Where the strategy can end, as `(chance, role, join time)`: an
    /// offer of `role` taken at `pay.times[join time]` (DESIGN.md "Value of
    /// each strategy"); the rest of the chance is staying.
    /// - `apply:r`: `(P_r, r, T0)` and `(Dn_r, f, T0)`
    /// - `apply:f+upgrade:r`: `(P_f·gl·q, r, T0+U)`, `(P_f·gl·(1 − q), f, T0+U)`
    ///   and `(P_f·(1 − gl), f, T0)`
    pub(crate) fn mixture(
        &self,
        rubric: &Rubric,
        pay: &PayModel,
        offer: &[Probability],
    ) -> Vec<(Probability, usize, usize)> {
        match self.kind {
            StrategyKind::Stay => Vec::new(),
            StrategyKind::Apply { role } => {
                let mut out = vec![(offer[role], role, 0)];
                if let Some((f, d)) = Self::downlevel(rubric, role, offer) {
                    out.push((d, f, 0));
                }
                out
            }
            StrategyKind::Upgrade { role, fallback } => {
                let light = rubric.roles[role]
                    .fallback
                    .as_ref()
                    .map_or(0.0, |f| f.upgrade_green_light);
                let q = formula::upgrade(1.0, offer[role], offer[fallback]);
                let t = pay.upgrade_time[role].unwrap_or(0);
                let p_f = offer[fallback];
                vec![
                    (p_f * light * q, role, t),
                    (p_f * light * (1.0 - q), fallback, t),
                    (p_f * (1.0 - light), fallback, 0),
                ]
            }
        }
    }

    /// Probability of ending in each role — an offer received and taken —
    /// or in none (no offer, or every offer declined). `value[t·R + r]` is
    /// `V_r(T_t)`.
    pub(crate) fn outcomes(
        &self,
        rubric: &Rubric,
        pay: &PayModel,
        offer: &[Probability],
        value: &[f64],
    ) -> Outcomes {
        let n = rubric.roles.len();
        let mut roles = vec![0.0; n];
        for (p, role, t) in self.mixture(rubric, pay, offer) {
            if pay.takes(value[t * n + role]) {
                roles[role] += p;
            }
        }
        let none = (1.0 - roles.iter().sum::<f64>()).max(0.0);
        Outcomes { roles, none }
    }

    /// Expected value over the horizon, for `B` draws at once (lane b is
    /// draw b), written as `Stay + Σ chance·(A − Stay)` so that a declined
    /// offer adds exactly nothing (DESIGN.md "Readings fixed"):
    /// - `stay`: `Stay`
    /// - `apply:r`: `Stay + P_r·(A_r(T0) − Stay) + Dn_r·(A_f(T0) − Stay)`
    /// - `apply:f+upgrade:r`: `Stay + P_f·[gl·(q·(A_r(T0+U) − Stay) +
    ///   (1 − q)·(A_f(T0+U) − Stay)) + (1 − gl)·(A_f(T0) − Stay)]`
    ///
    /// `taken[t·R + r]` is `A_r(T_t)`; `(downlevel, green_light)` hold each
    /// role's down-level rate and green light per lane.
    pub(crate) fn expected_value<const B: usize>(
        &self,
        rubric: &Rubric,
        pay: &PayModel,
        offer: &[[Probability; B]],
        taken: &[[Money; B]],
        (downlevel, green_light): (&[[Probability; B]], &[[Probability; B]]),
    ) -> [Money; B] {
        let stay = pay.stay;
        let n = rubric.roles.len();
        let mut out = [stay; B];
        match self.kind {
            StrategyKind::Stay => {}
            StrategyKind::Apply { role } => {
                // Whole lanes taken out first, so the loops below index
                // fixed-size arrays and vectorise.
                let (p, a) = (&offer[role], &taken[role]);
                for ((ev, p), a) in out.iter_mut().zip(p).zip(a) {
                    *ev = stay + p * (a - stay);
                }
                if let Some(f) = &rubric.roles[role].fallback {
                    let (rate, p_f, a_f) = (&downlevel[role], &offer[f.role], &taken[f.role]);
                    let terms = out.iter_mut().zip(p).zip(p_f).zip(a_f).zip(rate);
                    for ((((ev, p), p_f), a_f), rate) in terms {
                        *ev += formula::downlevel(*rate, *p_f, *p) * (a_f - stay);
                    }
                }
            }
            StrategyKind::Upgrade { role, fallback } => {
                let light = &green_light[role];
                let t = pay.upgrade_time[role].unwrap_or(0) * n;
                let (p_r, p_f) = (&offer[role], &offer[fallback]);
                let (a_r, a_f) = (&taken[t + role], &taken[t + fallback]);
                let a_now = &taken[fallback];
                for b in 0..B {
                    let q = formula::upgrade(1.0, p_r[b], p_f[b]);
                    let later = q * (a_r[b] - stay) + (1.0 - q) * (a_f[b] - stay);
                    let now = a_now[b] - stay;
                    out[b] = stay + p_f[b] * (light[b] * later + (1.0 - light[b]) * now);
                }
            }
        }
        out
    }

    /// Days until an offer comes, when it does: `T0 = Σ_s days_s` (an
    /// offer needs every stage), plus `upgrade_days` on the upgrade route;
    /// 0 for staying.
    pub(crate) fn days_to_offer(&self, rubric: &Rubric) -> f64 {
        let t0 = rubric.days_to_offer();
        match self.kind {
            StrategyKind::Stay => 0.0,
            StrategyKind::Apply { .. } => t0,
            StrategyKind::Upgrade { role, .. } => {
                t0 + rubric.roles[role]
                    .fallback
                    .as_ref()
                    .map_or(0.0, |f| f.upgrade_days)
            }
        }
    }

    /// Expected calendar days: `apply:r`: `Σ_s days_s · reach_sr`;
    /// `apply:f+upgrade:r`: that of `apply:f` plus `P_f · green_light_r · upgrade_days_r`;
    /// `stay`: 0. `reach[r][s]` is `reach_sr`.
    pub(crate) fn expected_days(
        &self,
        rubric: &Rubric,
        reach: &[Vec<Probability>],
        offer: &[Probability],
    ) -> f64 {
        let apply = |r: usize| -> f64 {
            rubric
                .stages
                .iter()
                .zip(&reach[r])
                .map(|(s, reach)| s.days * reach)
                .sum()
        };
        match self.kind {
            StrategyKind::Stay => 0.0,
            StrategyKind::Apply { role } => apply(role),
            StrategyKind::Upgrade { role, fallback } => {
                let extra = rubric.roles[role]
                    .fallback
                    .as_ref()
                    .map_or(0.0, |f| f.upgrade_green_light * f.upgrade_days);
                apply(fallback) + offer[fallback] * extra
            }
        }
    }
}
