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

/// `−0.25`, `+0.5`: a self-bias with its sign.
fn signed(v: f64) -> String {
    if v < 0.0 {
        format!("−{}", trim_number(-v))
    } else {
        format!("+{}", trim_number(v))
    }
}

/// `no-current-pay`, `technical-overfocus`, `missing-evidence` and
/// `below-bar`, in that order.
pub fn warnings(rubric: &Rubric, assessment: &Assessment) -> Vec<Warning> {
    let mut out = Vec::new();
    if rubric.candidate.current_salary == Some(0.0) {
        out.push(Warning {
            code: "no-current-pay",
            message: "Your current_salary is 0, so staying pays nothing and any offer beats it: \
                      the values compare each route with having no job. Enter your current \
                      annual pay if you have one."
                .into(),
        });
    }
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
            let read = if bias == 0.0 {
                format!("you entered {}", trim_number(score))
            } else {
                format!(
                    "you entered {}; read as {} after the {} self-bias",
                    trim_number(score),
                    trim_number(score + bias),
                    signed(bias)
                )
            };
            out.push(Warning {
                code: "below-bar",
                message: format!(
                    "{}: {read}; the {} bar is {}.",
                    c.name,
                    rubric.roles[top].title,
                    trim_number(bar)
                ),
            });
        }
    }
    out
}

/// The `blank` warning of `validate`: what a template still lacks (a
/// blank name, no current salary, competencies without scores).
pub fn blank_warning(rubric: &Rubric) -> Option<Warning> {
    let missing = rubric.missing();
    (!missing.is_empty()).then(|| Warning {
        code: "blank",
        message: missing.join("; "),
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

#[cfg(test)]
mod tests {
    //! Every sentence worked out by hand on a one-competency rubric. With
    //! steepness 1000 a stage is passed for sure above its `pass_at`, half
    //! the time at it and never below, so the chances are exact.

    use super::{break_even, reason};
    use crate::model::{Assessment, Model};
    use crate::rubric::{Rubric, parse_str};
    use crate::simulate::{Sensitivity, sensitivity};

    /// Scale 1–5, no self_bias: score 3 is level (3 − 1) / 4 = 0.5, so every
    /// stage score is S = 50 (and 50 + 25·δ with the levels shifted by δ).
    /// pm: σ(0) · σ(1000·50) = 0.5 · 1 = 0.5. pmt: σ(0) · σ(0) = 0.25.
    /// Pay: pm 100,000; pmt 100,000 · 1.2 = 120,000; staying 80,000.
    const BASE: &str = r#"
schema = 1
[candidate]
current_salary = 80000
[model]
steepness = 1000
sensitivity_group = "all"
[roles.pm]
title = "PM"
salary = 100000
[roles.pmt]
title = "PMT"
premium_over = "pm"
premium = 0.2
fallback = "pm"
downlevel_rate = 0.6
upgrade_green_light = 0.8
upgrade_days = 20
[groups.all]
title = "product"
[[competency]]
id = "only"
group = "all"
weight = { pm = 1, pmt = 1 }
score = 3
[[stage]]
name = "first"
days = 10
emphasis = { all = 1 }
pass_at = { pm = 50, pmt = 50 }
[[stage]]
name = "second"
days = 5
emphasis = { all = 1 }
pass_at = { pm = 0, pmt = 50 }
"#;

    /// BASE with each `(from, to)` replaced (each `from` must be there).
    fn rubric(edits: &[(&str, &str)]) -> Rubric {
        let mut text = BASE.to_string();
        for (from, to) in edits {
            assert!(text.contains(from), "{from} not in BASE");
            text = text.replacen(from, to, 1);
        }
        parse_str("advice.toml", &text).expect("valid rubric")
    }

    fn assessed(rubric: &Rubric) -> (Model<'_>, Assessment) {
        let model = Model::new(rubric);
        let a = model.assess();
        (model, a)
    }

    fn recommended<'m>(model: &'m Model, a: &Assessment) -> &'m str {
        &model.strategies[a.recommendation].id
    }

    fn swept(rubric: &Rubric) -> Sensitivity {
        sensitivity(&Model::new(rubric))
    }

    #[test]
    fn reason_when_staying_wins() {
        // Staying pays 150,000 a year, over 2 years:
        //   stay      2 · 150,000                                        = 300,000
        //   apply:pm  2 · (0.5·100,000 + 0.5·150,000)                    = 250,000
        //   apply:pmt D = 0.6 · (0.5 − 0.25) = 0.15;
        //             2 · (0.25·120,000 + 0.15·100,000 + 0.6·150,000)    = 270,000
        //   upgrade   u = 0.8 · 0.25/0.5 = 0.4;
        //             2 · (0.5·(0.4·120,000 + 0.6·100,000) + 0.5·150,000) = 258,000
        // Runner-up apply:pmt, 30,000 behind.
        let r = rubric(&[
            ("current_salary = 80000", "current_salary = 150000"),
            ("steepness", "horizon_years = 2\nsteepness"),
        ]);
        let (model, a) = assessed(&r);
        assert_eq!(recommended(&model, &a), "stay");
        assert_eq!(
            reason(&model, &a),
            "Staying has the highest expected value (300,000 over 2 years, 30,000 more \
             than \"Apply as PMT\"): no application's odds of an offer make up for the \
             chance of getting none."
        );
    }

    #[test]
    fn reason_when_applying_directly_wins() {
        // A green light of 0.2 makes the upgrade route weak:
        //   stay      80,000
        //   apply:pm  0.5·100,000 + 0.5·80,000                        = 90,000
        //   apply:pmt 0.25·120,000 + 0.15·100,000 + 0.6·80,000        = 93,000
        //   upgrade   u = 0.2 · 0.25/0.5 = 0.1;
        //             0.5·(0.1·120,000 + 0.9·100,000) + 0.5·80,000    = 91,000
        // apply:pmt first, 2,000 ahead of the upgrade route.
        let r = rubric(&[("upgrade_green_light = 0.8", "upgrade_green_light = 0.2")]);
        let (model, a) = assessed(&r);
        assert_eq!(recommended(&model, &a), "apply:pmt");
        assert_eq!(
            reason(&model, &a),
            "Applying as PMT has the highest expected value (93,000 over one year, 2,000 \
             more than \"Apply as PM, then try for PMT\"), with a 25% chance of an offer \
             at 120,000 a year."
        );
    }

    #[test]
    fn reason_when_the_upgrade_route_wins() {
        // BASE as it is:
        //   stay 80,000; apply:pm 90,000; apply:pmt 93,000 (as above);
        //   upgrade   u = 0.8 · 0.25/0.5 = 0.4;
        //             0.5·(0.4·120,000 + 0.6·100,000) + 0.5·80,000    = 94,000
        // The upgrade route first, 1,000 ahead of apply:pmt; pm's offer 50%.
        let r = rubric(&[]);
        let (model, a) = assessed(&r);
        assert_eq!(recommended(&model, &a), "apply:pm+upgrade:pmt");
        assert_eq!(
            reason(&model, &a),
            "Applying as PM and then trying for PMT has the highest expected value \
             (94,000 over one year, 1,000 more than \"Apply as PMT\"): a 50% chance of \
             the PM offer, which you keep if the PMT attempt fails."
        );
    }

    #[test]
    fn break_even_when_higher_levels_would_make_applying_directly_win() {
        // Staying pays s = 84,500. "Direct wins" means
        // EV apply:pmt > max(EV apply:pm, EV upgrade).
        //
        // Shift δ (S = 50 + 25·δ):
        //   δ < 0: S < 50, no offer anywhere; every strategy is s: no win.
        //   δ = 0: apply:pmt 0.25·120,000 + 0.15·100,000 + 0.6·84,500 = 95,700;
        //          upgrade 0.5·(0.4·120,000 + 0.6·100,000) + 0.5·84,500 = 96,250: no win.
        //   δ = 0.25: S > 50, both offers certain: apply:pmt 120,000;
        //          upgrade 0.8·120,000 + 0.2·100,000 = 116,000; apply:pm 100,000: win.
        // Break-even +0.25.
        //
        // Premium p (levels as they are): pmt pays 100,000·(1 + p);
        //   apply:pmt = 25,000·(1 + p) + 15,000 + 0.6·s = 40,000 + 25,000·p + 0.6·s
        //   upgrade   = 0.5·(40,000·(1 + p) + 60,000) + 0.5·s = 50,000 + 20,000·p + 0.5·s
        // apply:pmt wins once 5,000·p > 10,000 − 0.1·s, p > 2 − 1.69 = 0.31
        // (and it beats apply:pm = 50,000 + 0.5·s = 92,250 well before):
        // the first grid value past 0.31 is 0.32 (at 0.30: 98,200 < 98,250).
        let r = rubric(&[("current_salary = 80000", "current_salary = 84500")]);
        let s = swept(&r);
        assert_eq!(s.shift.break_even, Some(0.25));
        let premium = s.premium.break_even.expect("a premium break-even");
        assert!((premium - 0.32).abs() < 1e-12, "{premium}");
        assert_eq!(
            break_even(&r, &s),
            [
                "Applying as PMT overtakes going through PM once your product levels rise \
                 by 0.25 scale points.",
                "Applying as PMT beats going through PM once its pay premium is at least 32%.",
            ]
        );
    }

    #[test]
    fn break_even_when_applying_directly_never_wins() {
        // Score 2: level (2 − 1)/4 = 0.25, S = 25 + 25·δ, at most 75 at δ = +2.
        // pmt's second stage needs 90: pmt's offer is 0 all along the sweep.
        // Then apply:pmt = D·100,000 + (1 − D)·s with D = 0.6·P_pm, never more
        // than apply:pm = P_pm·100,000 + (1 − P_pm)·s (equal when P_pm = 0):
        // no break-even on either sweep (the premium sweep, at S = 25, has
        // no offer at all).
        let r = rubric(&[
            ("score = 3", "score = 2"),
            (
                "pass_at = { pm = 0, pmt = 50 }",
                "pass_at = { pm = 0, pmt = 90 }",
            ),
        ]);
        let s = swept(&r);
        assert_eq!(s.shift.break_even, None);
        assert_eq!(s.premium.break_even, None);
        assert_eq!(
            break_even(&r, &s),
            [
                "Applying as PMT does not overtake going through PM even with your product \
                 levels 2 scale points higher.",
                "Applying as PMT does not beat going through PM even at a 40% pay premium.",
            ]
        );
    }
}
