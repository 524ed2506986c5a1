//! Close calls (DESIGN.md "close call"): when the recommendation and its
//! runner-up are too near to crown one, and what separates them.

use crate::model::{Assessment, Model};
use crate::simulate::Distributions;
use crate::units::{Money, Probability};

/// DESIGN.md v3 "close call": `EV_rec − EV_runner_up < 0.1 · (EV_rec −
/// Stay)` unless, with samples > 0, the draws agree on the recommendation
/// (it comes first in at least 95% of them: a clear, small lead); or, with
/// samples > 0, it comes first in fewer than 60% of the draws. Never when
/// the recommendation dominates the runner-up (it is worth at least as
/// much in every draw). With samples = 0 the gap alone decides. Staying is
/// the first strategy.
pub fn close_call(assessment: &Assessment, dist: &Distributions) -> bool {
    let Some(ru) = assessment.runner_up else {
        return false;
    };
    if dist.dominates() {
        return false;
    }
    let rec = assessment.recommendation;
    let ev = |i: usize| assessment.strategies[i].ev;
    let stay = ev(0);
    let draws = dist.samples > 0;
    let share = dist.best_share[rec];
    let small = ev(rec) - ev(ru) < 0.1 * (ev(rec) - stay);
    (small && !(draws && share >= 0.95)) || (draws && share < 0.6)
}

/// What sets a strategy apart when the choice is close (DESIGN.md "close
/// call").
#[derive(Debug, Clone, PartialEq)]
pub struct Contender {
    pub index: usize,
    pub label: String,
    pub ev: Money,
    /// `1 − outcomes.none`: the chance of ending in a new role.
    pub new_role: Probability,
    /// `(EV − none · Stay) / (1 − none)`; `None` when it never works.
    pub value_if_it_works: Option<Money>,
    pub days_to_offer: f64,
}

/// A close call: the recommendation `a` and its runner-up `b`, staying's
/// value, and the share of draws the recommendation comes first in (None
/// without draws).
#[derive(Debug, Clone, PartialEq)]
pub struct CloseCall {
    pub a: Contender,
    pub b: Contender,
    pub stay: Money,
    pub share: Option<Probability>,
}

/// The recommendation and its runner-up side by side.
pub fn contenders(model: &Model, assessment: &Assessment) -> Vec<Contender> {
    let stay = assessment.strategies[0].ev;
    std::iter::once(assessment.recommendation)
        .chain(assessment.runner_up)
        .map(|i| {
            let s = &assessment.strategies[i];
            let none = s.outcomes.none;
            let works = 1.0 - none;
            Contender {
                index: i,
                label: model.strategies[i].label.clone(),
                ev: Money::new(s.ev),
                new_role: works,
                value_if_it_works: (works > 1e-12)
                    .then(|| Money::new((s.ev - none * stay) / works)),
                days_to_offer: s.days_to_offer,
            }
        })
        .collect()
}
