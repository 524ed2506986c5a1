//! Warnings (DESIGN.md "Warnings", each with a stable code) and the
//! recommendation's one-sentence reason.

use serde::Serialize;

use crate::model::{Assessment, Model, StrategyKind};
use crate::rubric::Rubric;
use crate::text::{money, percent, trim_number, years};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Warning {
    pub code: &'static str,
    pub message: String,
}

/// The unweighted mean level (0–100) of a group's scored competencies.
fn group_mean(rubric: &Rubric, levels: &[f64], group: &str) -> Option<f64> {
    let g = rubric.group_index(group)?;
    let in_group: Vec<f64> = rubric
        .competencies
        .iter()
        .zip(levels)
        .filter(|(c, _)| c.group == g && c.score.is_some())
        .map(|(_, x)| 100.0 * x)
        .collect();
    (!in_group.is_empty()).then(|| in_group.iter().sum::<f64>() / in_group.len() as f64)
}

/// `technical-overfocus`, `missing-evidence` and `below-bar`, in that order.
pub fn warnings(rubric: &Rubric, assessment: &Assessment) -> Vec<Warning> {
    let mut out = Vec::new();
    let levels = &assessment.levels;
    if let (Some(tech), Some(lead)) = (
        group_mean(rubric, levels, "technical"),
        group_mean(rubric, levels, "leadership"),
    ) && tech - lead >= rubric.model.overfocus_gap
    {
        out.push(Warning {
            code: "technical-overfocus",
            message: format!(
                "Your technical levels average {tech:.0} but your leadership levels only {lead:.0} \
                 (out of 100). Hiring turns mostly on leadership: prepare stories for the \
                 Leadership Principles before more technical practice."
            ),
        });
    }
    if let Some(lead) = rubric.group_index("leadership") {
        let missing: Vec<&str> = rubric
            .competencies
            .iter()
            .filter(|c| c.group == lead && c.evidence.is_none())
            .map(|c| c.name.as_str())
            .collect();
        if !missing.is_empty() {
            out.push(Warning {
                code: "missing-evidence",
                message: format!(
                    "{} of {} {} have no evidence story; the bar raiser will ask for one: {}.",
                    missing.len(),
                    rubric
                        .competencies
                        .iter()
                        .filter(|c| c.group == lead)
                        .count(),
                    rubric.groups[lead].title,
                    missing.join(", ")
                ),
            });
        }
    }
    let bias = rubric.model.self_bias;
    for c in &rubric.competencies {
        let Some(score) = c.score else { continue };
        // The role that weighs the competency most (ties: the first).
        let top = crate::units::argmax_first(&c.weight);
        if c.weight.get(top).is_none_or(|w| *w <= 0.0) {
            continue;
        }
        if let Some(bar) = c.bar[top]
            && score + bias < bar
        {
            out.push(Warning {
                code: "below-bar",
                message: format!(
                    "{}: your level {} is below the {} bar of {}.",
                    c.name,
                    trim_number(score + bias),
                    rubric.roles[top].title,
                    trim_number(bar)
                ),
            });
        }
    }
    out
}

/// The `blank` warning of `validate`: competencies without scores.
pub fn blank_warning(rubric: &Rubric) -> Option<Warning> {
    let blank = rubric.blank();
    (!blank.is_empty()).then(|| Warning {
        code: "blank",
        message: format!(
            "{} of {} competencies have no score yet: {}",
            blank.len(),
            rubric.competencies.len(),
            blank
                .iter()
                .map(|c| c.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    })
}

/// One sentence: why the recommended strategy comes first.
pub fn reason(model: &Model, assessment: &Assessment) -> String {
    let rubric = model.rubric;
    let best = assessment.recommendation;
    let ev = |i: usize| assessment.strategies[i].ev;
    let over = format!("over {}", years(rubric.model.horizon_years, true));
    let runner_up = (0..assessment.strategies.len())
        .filter(|&i| i != best)
        .max_by(|&a, &b| ev(a).total_cmp(&ev(b)).then(b.cmp(&a)));
    let margin = runner_up.map_or(String::new(), |i| {
        format!(
            ", {} more than \"{}\"",
            money(ev(best) - ev(i)),
            model.strategies[i].label
        )
    });
    let role = |r: usize| &rubric.roles[r];
    let roles = &assessment.roles;
    match model.strategies[best].kind {
        StrategyKind::Stay => format!(
            "Staying has the highest expected value ({} {over}{margin}): no application's \
             odds of an offer make up for the chance of getting none.",
            money(ev(best))
        ),
        StrategyKind::Apply { role: r } => format!(
            "Applying as {} has the highest expected value ({} {over}{margin}), \
             with a {} chance of an offer at {} a year.",
            role(r).title,
            money(ev(best)),
            percent(roles[r].offer),
            money(roles[r].salary)
        ),
        StrategyKind::Upgrade {
            role: r,
            fallback: f,
        } => format!(
            "Applying as {} and then trying for {} has the highest expected value \
             ({} {over}{margin}): a {} chance of the {} offer, which you keep if the {} \
             attempt fails.",
            role(f).title,
            role(r).title,
            money(ev(best)),
            percent(roles[f].offer),
            role(f).title,
            role(r).title
        ),
    }
}

/// Sentences on what would change the answer: the break-even shift and
/// premium for the first role with a fallback (DESIGN.md "Sensitivity").
pub fn break_even(rubric: &Rubric, sensitivity: &crate::simulate::Sensitivity) -> Vec<String> {
    let Some((r, f)) = rubric
        .roles
        .iter()
        .enumerate()
        .find_map(|(r, role)| role.fallback.as_ref().map(|f| (r, f.role)))
    else {
        return Vec::new();
    };
    // "r beats f" here means: applying for r directly beats both ways
    // through f (f alone, or f and then the upgrade).
    let role = &rubric.roles[r].title;
    let fallback = &rubric.roles[f].title;
    let group = &rubric.groups[rubric.model.sensitivity_group].title;
    let grid_end = |x: &[f64]| x.last().copied().unwrap_or(0.0);
    let grid_step = |x: &[f64]| x.get(1).zip(x.first()).map_or(0.0, |(b, a)| b - a);
    let shift = match sensitivity.shift.break_even {
        Some(x) if x > 0.0 => format!(
            "Applying as {role} overtakes going through {fallback} once your {group} levels rise by {} scale points.",
            trim_number(x)
        ),
        Some(x) if x == sensitivity.shift.x.first().copied().unwrap_or(x) => format!(
            "Applying as {role} beats going through {fallback} even if your {group} levels were {} scale points lower.",
            trim_number(-x)
        ),
        Some(0.0) => format!(
            "Applying as {role} beats going through {fallback} at your {group} levels, \
             but would not with them {} scale points lower.",
            trim_number(grid_step(&sensitivity.shift.x))
        ),
        Some(x) => format!(
            "Applying as {role} beats going through {fallback} at your {group} levels, \
             and would with them up to {} scale points lower.",
            trim_number(-x)
        ),
        None => format!(
            "Applying as {role} does not overtake going through {fallback} even with your {group} levels {} scale points higher.",
            trim_number(grid_end(&sensitivity.shift.x))
        ),
    };
    let premium = match sensitivity.premium.break_even {
        Some(0.0) => format!(
            "Applying as {role} beats going through {fallback} whatever its pay premium, even at none."
        ),
        Some(x) => format!(
            "Applying as {role} beats going through {fallback} once its pay premium is at least {:.0}%.",
            100.0 * x
        ),
        None => format!(
            "Applying as {role} does not beat going through {fallback} even at a {:.0}% pay premium.",
            100.0 * grid_end(&sensitivity.premium.x)
        ),
    };
    vec![shift, premium]
}
