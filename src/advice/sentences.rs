//! The recommendation's reason and the what-if sentences.

use crate::model::{Assessment, Model, StrategyKind};
use crate::rubric::{Pay, Rubric};
use crate::units::{Money, Probability, tolerance};

/// Why the recommended strategy comes first, to be worded by
/// [`super::words::reason`].
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    /// The recommendation leads: its value, and how far ahead of the
    /// runner-up (labelled) it is.
    Leads {
        winner: Winner,
        ev: Money,
        margin: Option<(Money, String)>,
        /// It dominates the runner-up: worth at least as much in every
        /// simulation (DESIGN.md v3), so the lead, however small, is sure.
        never_worse: bool,
    },
    /// Too close to call (DESIGN.md "close call").
    Close(super::CloseCall),
    /// Every strategy is worth what staying is (#23.9): staying comes first
    /// only as the one listed first.
    Tied { ev: Money, tie: Tie },
}

/// Why every strategy ties with staying.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Tie {
    /// Every offer would pay less than staying over the horizon, so each
    /// is declined (DESIGN.md v2 "Declines").
    Pay,
    /// The stages take the whole horizon or more: no offer starts within it.
    Timing { days: f64 },
    /// No application has any chance of an offer.
    NoOffer,
}

/// Whether every strategy's point value ties with staying's (DESIGN.md
/// v2 "Ties"), and why.
pub fn tie(rubric: &Rubric, assessment: &Assessment) -> Option<Tie> {
    let stay = assessment.strategies.first()?.ev;
    let all = assessment
        .strategies
        .iter()
        .all(|s| (s.ev - stay).abs() <= tolerance(stay));
    if !all {
        return None;
    }
    let days = rubric.days_to_offer();
    Some(if days / 365.0 >= rubric.model.horizon_years {
        Tie::Timing { days }
    } else if assessment.roles.iter().all(|r| r.offer <= 0.0) {
        Tie::NoOffer
    } else {
        Tie::Pay
    })
}

/// What the leading strategy does.
#[derive(Debug, Clone, PartialEq)]
pub enum Winner {
    Stay,
    /// Applying as `role`, with this chance of an offer paying `salary` in
    /// its first year.
    Apply {
        role: String,
        offer: Probability,
        salary: Money,
    },
    /// Applying as `fallback` (this chance of an offer), then trying for `role`.
    Upgrade {
        role: String,
        fallback: String,
        offer: Probability,
    },
}

/// Why the recommended strategy comes first; `never_worse` when it
/// dominates the runner-up ([`crate::simulate::Distributions::dominates`]).
pub fn reason(model: &Model, assessment: &Assessment, never_worse: bool) -> Reason {
    let rubric = model.rubric;
    let best = assessment.recommendation;
    let ev = |i: usize| Money::new(assessment.strategies[i].ev);
    if let Some(tie) = tie(rubric, assessment) {
        return Reason::Tied { ev: ev(best), tie };
    }
    let margin = assessment
        .runner_up
        .map(|i| (ev(best) - ev(i), model.strategies[i].label.clone()));
    let title = |r: usize| rubric.roles[r].title.clone();
    let roles = &assessment.roles;
    let winner = match model.strategies[best].kind {
        StrategyKind::Stay => Winner::Stay,
        StrategyKind::Apply { role: r } => Winner::Apply {
            role: title(r),
            offer: roles[r].offer,
            salary: Money::new(roles[r].salary),
        },
        StrategyKind::Upgrade {
            role: r,
            fallback: f,
        } => Winner::Upgrade {
            role: title(r),
            fallback: title(f),
            offer: roles[f].offer,
        },
    };
    Reason::Leads {
        winner,
        ev: ev(best),
        never_worse: never_worse && margin.is_some(),
        margin,
    }
}

/// What would change the answer (DESIGN.md v2 "Sensitivity"), for the
/// first role with a fallback: whether applying for it directly wins now,
/// and the nearest shift of the sensitivity group's levels and the
/// nearest pay premium at which that would change (None: nowhere on the
/// swept range, given as `shifts` and `premiums`). Worded by
/// [`super::words::what_if`].
#[derive(Debug, Clone, PartialEq)]
pub struct WhatIf {
    /// The role applied for directly, and the one gone through.
    pub role: String,
    pub fallback: String,
    /// The sensitivity group's title.
    pub group: String,
    pub direct_wins: bool,
    pub shift: Option<f64>,
    pub shifts: (f64, f64),
    /// The premium now (0 for a role with its own package).
    pub premium_now: f64,
    pub premium: Option<f64>,
    pub premiums: (f64, f64),
    /// Every strategy ties with staying at every swept point, and why: no
    /// one "wins" anywhere (#23.9).
    pub tie: Option<Tie>,
}

/// What would change the answer; None when no role has a fallback or
/// nothing was swept.
pub fn what_if(
    rubric: &Rubric,
    assessment: &Assessment,
    sensitivity: &crate::simulate::Sensitivity,
) -> Option<WhatIf> {
    let direct_wins = sensitivity.wins_now?;
    let flat = |sweep: &crate::simulate::Sweep| {
        sweep.ev.iter().all(|ev| {
            let first = ev.first().copied().unwrap_or(0.0);
            ev.iter().all(|v| (v - first).abs() <= tolerance(first))
        })
    };
    let tie =
        tie(rubric, assessment).filter(|_| flat(&sensitivity.shift) && flat(&sensitivity.premium));
    let (r, f) = rubric
        .roles
        .iter()
        .enumerate()
        .find_map(|(r, role)| role.fallback.as_ref().map(|f| (r, f.role)))?;
    let ends = |x: &[f64]| {
        (
            x.first().copied().unwrap_or(0.0),
            x.last().copied().unwrap_or(0.0),
        )
    };
    Some(WhatIf {
        role: rubric.roles[r].title.clone(),
        fallback: rubric.roles[f].title.clone(),
        group: rubric.groups[rubric.model.sensitivity_group].title.clone(),
        direct_wins,
        shift: sensitivity.shift.break_even,
        shifts: ends(&sensitivity.shift.x),
        premium_now: match &rubric.roles[r].pay {
            Pay::PremiumOver { premium, .. } => premium.point(),
            Pay::Package(_) => 0.0,
        },
        premium: sensitivity.premium.break_even,
        premiums: ends(&sensitivity.premium.x),
        tie,
    })
}
