//! The ways to apply and their expected value (DESIGN.md "strategies").
//!
//! Order: `stay`, then `apply:r` for the roles in rubric order, then
//! `apply:f+upgrade:r` for each role r with a fallback f, in rubric order.

use super::Outcomes;
use super::formula;
use crate::rubric::Rubric;
use crate::units::{Money, Probability};

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

pub fn list(rubric: &Rubric) -> Vec<Strategy> {
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

    fn upgrade(
        rubric: &Rubric,
        role: usize,
        fallback: usize,
        offer: &[Probability],
    ) -> Probability {
        let light = rubric.roles[role]
            .fallback
            .as_ref()
            .map_or(0.0, |f| f.upgrade_green_light);
        formula::upgrade(light, offer[role], offer[fallback])
    }

    /// Probability of ending with each role's offer, or none.
    pub fn outcomes(&self, rubric: &Rubric, offer: &[Probability]) -> Outcomes {
        let mut roles = vec![0.0; rubric.roles.len()];
        match self.kind {
            StrategyKind::Stay => {}
            StrategyKind::Apply { role } => {
                roles[role] = offer[role];
                if let Some((f, d)) = Self::downlevel(rubric, role, offer) {
                    roles[f] += d;
                }
            }
            StrategyKind::Upgrade { role, fallback } => {
                let u = Self::upgrade(rubric, role, fallback, offer);
                roles[role] = offer[fallback] * u;
                roles[fallback] = offer[fallback] * (1.0 - u);
            }
        }
        let none = (1.0 - roles.iter().sum::<f64>()).max(0.0);
        Outcomes { roles, none }
    }

    /// `EV = H · E[annual pay]`, for `B` draws at once (lane b is draw b):
    /// - `stay`: `H · Stay`
    /// - `apply:r`: `H · (P_r·Sal_r + D_r·Sal_f + (1 − P_r − D_r)·Stay)`
    /// - `apply:f+upgrade:r`: `H · (P_f·(u_r·Sal_r + (1 − u_r)·Sal_f) + (1 − P_f)·Stay)`
    pub fn expected_value<const B: usize>(
        &self,
        rubric: &Rubric,
        offer: &[[Probability; B]],
        salary: &[[Money; B]],
        stay: Money,
        horizon: f64,
    ) -> [Money; B] {
        let mut out = [horizon * stay; B];
        match self.kind {
            StrategyKind::Stay => {}
            StrategyKind::Apply { role } => {
                let fallback = rubric.roles[role]
                    .fallback
                    .as_ref()
                    .map(|f| (f.role, f.downlevel_rate));
                for (b, ev) in out.iter_mut().enumerate() {
                    let p = offer[role][b];
                    let (fallback_pay, d) = fallback.map_or((0.0, 0.0), |(f, rate)| {
                        (salary[f][b], formula::downlevel(rate, offer[f][b], p))
                    });
                    *ev = horizon * (p * salary[role][b] + d * fallback_pay + (1.0 - p - d) * stay);
                }
            }
            StrategyKind::Upgrade { role, fallback } => {
                let light = rubric.roles[role]
                    .fallback
                    .as_ref()
                    .map_or(0.0, |f| f.upgrade_green_light);
                for (b, ev) in out.iter_mut().enumerate() {
                    let p_f = offer[fallback][b];
                    let u = formula::upgrade(light, offer[role][b], p_f);
                    *ev = horizon
                        * (p_f * (u * salary[role][b] + (1.0 - u) * salary[fallback][b])
                            + (1.0 - p_f) * stay);
                }
            }
        }
        out
    }

    /// Days until an offer comes, when it does: `T0 = Σ_s days_s` (an
    /// offer needs every stage), plus `upgrade_days` on the upgrade route;
    /// 0 for staying.
    pub fn days_to_offer(&self, rubric: &Rubric) -> f64 {
        let t0: f64 = rubric.stages.iter().map(|s| s.days).sum();
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
    pub fn expected_days(
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
