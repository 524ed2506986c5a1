//! Close calls (DESIGN.md "close call"): when the recommendation and its
//! runner-up are too near to crown one, and what separates them.

use super::Warning;
use crate::model::{Assessment, Model};
use crate::simulate::Distributions;
use crate::text::{money, percent};

/// DESIGN.md "close call": `EV_rec − EV_runner_up < 0.1 · (EV_rec − Stay)`,
/// or, with samples > 0, the recommendation comes first in fewer than 60%
/// of the draws. Staying is the first strategy.
pub fn close_call(assessment: &Assessment, dist: &Distributions) -> bool {
    let Some(ru) = assessment.runner_up else {
        return false;
    };
    let rec = assessment.recommendation;
    let ev = |i: usize| assessment.strategies[i].ev;
    let stay = ev(0);
    ev(rec) - ev(ru) < 0.1 * (ev(rec) - stay) || (dist.samples > 0 && dist.best_share[rec] < 0.6)
}

/// What sets a strategy apart when the choice is close (DESIGN.md "close
/// call").
#[derive(Debug, Clone, PartialEq)]
pub struct Contender {
    pub index: usize,
    pub label: String,
    pub ev: f64,
    /// `1 − outcomes.none`: the chance of ending in a new role.
    pub new_role: f64,
    /// `(EV − none · Stay) / (1 − none)`; `None` when it never works.
    pub value_if_it_works: Option<f64>,
    pub days_to_offer: f64,
}

impl Contender {
    /// "Pay if it works", or a dash for staying (nothing to work).
    pub fn if_it_works(&self) -> String {
        match self.value_if_it_works {
            _ if self.index == 0 => "—".into(),
            Some(v) => money(v),
            None => "never".into(),
        }
    }

    /// Days to an offer, or a dash for staying.
    pub fn days(&self) -> String {
        if self.index == 0 {
            "—".into()
        } else {
            format!("{:.0}", self.days_to_offer)
        }
    }
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
                ev: s.ev,
                new_role: works,
                value_if_it_works: (works > 1e-12).then(|| (s.ev - none * stay) / works),
                days_to_offer: s.days_to_offer,
            }
        })
        .collect()
}

/// The `close-call` warning: the two strategies and what separates them.
pub fn close_call_warning(contenders: &[Contender], over: &str, share: Option<f64>) -> Warning {
    let [a, b] = contenders else {
        return Warning {
            code: "close-call",
            message: "The recommendation is too close to call.".into(),
        };
    };
    let share = share.filter(|s| *s < 0.6).map_or_else(String::new, |s| {
        format!(
            ", and \"{}\" comes first in only {} of the simulations",
            a.label,
            percent(s)
        )
    });
    Warning {
        code: "close-call",
        message: format!(
            "Too close to call: \"{}\" ({} {over}) and \"{}\" ({}) differ by {}{share}. \
             What separates them: a new role {} vs {} of the time; {} vs {} {over} if it works; \
             an offer after {} vs {} days.",
            a.label,
            money(a.ev),
            b.label,
            money(b.ev),
            money(a.ev - b.ev),
            percent(a.new_role),
            percent(b.new_role),
            a.if_it_works(),
            b.if_it_works(),
            a.days(),
            b.days()
        ),
    }
}

/// The reason when it is a close call: no winner crowned.
pub fn close_call_reason(
    contenders: &[Contender],
    stay: f64,
    over: &str,
    share: Option<f64>,
) -> String {
    let [a, b] = contenders else {
        return String::new();
    };
    let share = share.map_or_else(String::new, |s| {
        format!(" and comes first in {} of the simulations", percent(s))
    });
    if b.index == 0 || a.index == 0 {
        // One of the two is staying: the question is whether to apply at all.
        let (apply, _) = if a.index == 0 { (b, a) } else { (a, b) };
        return format!(
            "Too close to call: \"{}\" is worth only {} {over} more or less than staying{share}. \
             Applying is worth it for what the model does not count — the role itself, the \
             experience of the loop — not for the money.",
            apply.label,
            money((a.ev - b.ev).abs())
        );
    }
    format!(
        "The two are too close to call: \"{}\" is ahead of \"{}\" by only {} {over} (it adds {} \
         over staying){share}. Choose on what differs — how likely a new role is, what it pays, \
         how long it takes — and on what you want.",
        a.label,
        b.label,
        money(a.ev - b.ev),
        money(a.ev - stay)
    )
}
