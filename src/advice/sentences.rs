//! The recommendation's reason and the what-if sentences.

use crate::model::{Assessment, Model, StrategyKind};
use crate::rubric::{Pay, Rubric};
use crate::text::{capitalised, lower_first, trim_number};
use crate::units::{Money, Probability};

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
    },
    /// Too close to call (DESIGN.md "close call").
    Close(super::CloseCall),
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

/// Why the recommended strategy comes first.
pub fn reason(model: &Model, assessment: &Assessment) -> Reason {
    let rubric = model.rubric;
    let best = assessment.recommendation;
    let ev = |i: usize| Money::new(assessment.strategies[i].ev);
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
        margin,
    }
}

/// Sentences on what would change the answer (DESIGN.md v2
/// "Sensitivity"): for the first role r with a fallback f, whether applying
/// for r directly wins now, and the nearest shift of the sensitivity group
/// and the nearest premium at which that would change. Sweeps need not be
/// monotone, so each sentence says exactly that, never "whatever" unless
/// nothing changes on the whole grid.
pub fn break_even(rubric: &Rubric, sensitivity: &crate::simulate::Sensitivity) -> Vec<String> {
    let Some(wins_now) = sensitivity.wins_now else {
        return Vec::new();
    };
    let Some((r, f)) = rubric
        .roles
        .iter()
        .enumerate()
        .find_map(|(r, role)| role.fallback.as_ref().map(|f| (r, f.role)))
    else {
        return Vec::new();
    };
    let role = &rubric.roles[r].title;
    let fallback = &rubric.roles[f].title;
    let group = &rubric.groups[rubric.model.sensitivity_group].title;
    let direct = format!("Applying as {role} directly");
    let through = format!("going through {fallback} (alone, or then trying for {role})");
    let ends = |x: &[f64]| {
        (
            x.first().copied().unwrap_or(0.0),
            x.last().copied().unwrap_or(0.0),
        )
    };
    let (lo, hi) = ends(&sensitivity.shift.x);
    let by = |x: f64| {
        format!(
            "{} scale point{} {}",
            trim_number(x.abs()),
            if x.abs() == 1.0 { "" } else { "s" },
            if x < 0.0 { "lower" } else { "higher" }
        )
    };
    let whole_shift = format!(
        "whatever your {group} levels, from {} to {}",
        by(lo),
        by(hi)
    );
    let shift = match (wins_now, sensitivity.shift.break_even) {
        (true, Some(x)) => format!(
            "{direct} wins now over {through}, and would stop winning if your {group} levels were {}.",
            by(x)
        ),
        (true, None) => format!("{direct} wins over {through} {whole_shift}."),
        (false, Some(x)) => format!(
            "{} wins now; {} would start winning if your {group} levels were {}.",
            capitalised(&through),
            lower_first(&direct),
            by(x)
        ),
        (false, None) => format!(
            "{} wins over applying as {role} directly {whole_shift}.",
            capitalised(&through)
        ),
    };
    let current = match &rubric.roles[r].pay {
        Pay::PremiumOver { premium, .. } => premium.point(),
        Pay::Package(_) => 0.0,
    };
    let pct = |p: f64| format!("{:.0}%", 100.0 * p);
    let (plo, phi) = ends(&sensitivity.premium.x);
    let premium = match (wins_now, sensitivity.premium.break_even) {
        (true, Some(p)) => format!(
            "{direct} wins now at a {} pay premium, and would stop winning at {}.",
            pct(current),
            pct(p)
        ),
        (true, None) => format!(
            "{direct} wins at any pay premium from {} to {}.",
            pct(plo),
            pct(phi)
        ),
        (false, Some(p)) => format!(
            "{} wins now at a {} pay premium; {} would start winning at {}.",
            capitalised(&through),
            pct(current),
            lower_first(&direct),
            pct(p)
        ),
        (false, None) => format!(
            "{} wins at any pay premium from {} to {}.",
            capitalised(&through),
            pct(plo),
            pct(phi)
        ),
    };
    vec![shift, premium]
}
