//! What the point assessment reports: per role, per stage, per strategy.

use super::formula;
use crate::rubric::Package;
use crate::units::{Amount as Money, Fit, Level, Probability};

/// The point assessment of one rubric.
#[derive(Debug, Clone)]
pub struct Assessment {
    /// `x_i` per competency.
    pub levels: Vec<Level>,
    pub roles: Vec<RoleResult>,
    pub strategies: Vec<StrategyResult>,
    /// Index into `strategies`: the highest point EV, ties (within
    /// rounding) to the one listed first.
    pub recommendation: usize,
    /// `Stay`: the value of staying over the horizon.
    pub stay_value: Money,
    /// Per role: `V_r(T0)`, the value over the horizon of joining when the
    /// offer comes (before any decline).
    pub offer_value: Vec<Money>,
    /// Per role: its offer at `T0` is worth less than staying and would be
    /// declined (never with `accept_lower_pay`).
    pub declined: Vec<bool>,
    /// The next highest, on the same rule; `None` with one strategy.
    pub runner_up: Option<usize>,
    /// Leadership competencies unprepared as entered (DESIGN.md v3), in
    /// rubric order, whether or not a stage is voted.
    pub unprepared: Vec<usize>,
}

/// The recommendation and the runner-up among strategy values
/// (DESIGN.md: ties within `1e-9·max(1, |v|)` go to the one listed first).
pub fn ranked(ev: &[Money]) -> (usize, Option<usize>) {
    let all = ev.iter().copied().enumerate();
    let best = crate::units::best_with_ties(all.clone()).unwrap_or(0);
    let runner_up = crate::units::best_with_ties(all.filter(move |(i, _)| *i != best));
    (best, runner_up)
}

#[derive(Debug, Clone)]
pub struct RoleResult {
    pub fit: Fit,
    /// `G_rg` per group; `None` where the role weighs nothing in the group.
    pub groups: Vec<Option<Fit>>,
    /// Share (0–1) of the role's weight on competencies at or above the bar.
    pub coverage: f64,
    pub gaps: Vec<formula::Gap>,
    pub stages: Vec<StageResult>,
    pub offer: Probability,
    /// `I_r = Π_{s≥2} p_sr`: the offer chance once the application is
    /// picked (1 with a single stage).
    pub interviewed: Probability,
    /// Pay in job year 1.
    pub salary: Money,
    /// The role's package at the point premium (every part scaled).
    pub package: Package,
    /// Pay in job years 1 … ⌈H⌉, full yearly amounts.
    pub pay_by_year: Vec<Money>,
}

#[derive(Debug, Clone, Copy)]
pub struct StageResult {
    /// A scored stage's score `S_sr`; a voted stage's chance one vote is
    /// inclined, × 100.
    pub score: Fit,
    pub pass: Probability,
    /// Probability of reaching the stage (passing every earlier one).
    pub reach: Probability,
    /// A voted stage (DESIGN.md v3), else scored.
    pub voted: bool,
}

#[derive(Debug, Clone)]
pub struct StrategyResult {
    pub ev: Money,
    /// Expected pay per calendar year, 1 … ⌈H⌉; adds up to `ev`.
    pub by_year: Vec<Money>,
    /// Probability of ending with each role's offer, in role order.
    pub outcomes: Outcomes,
    /// Expected days until the process ends.
    pub days: f64,
    /// Days until an offer comes, when it does.
    pub days_to_offer: f64,
}

/// Where a strategy ends: an offer for one of the roles, or none.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcomes {
    pub roles: Vec<Probability>,
    pub none: Probability,
}
