//! The figures a section's tables show, built once: what the figures are
//! is decided here, how a range over the draws is written ([`Spread`]) by
//! the section.

use crate::report::Results;
use crate::rubric::Stage;
use crate::simulate::Stat;
use crate::text::{Spread, amount, money, percent, points, points_change, ranged, trim_number};
use crate::units::Policy;

/// One role's fit: its title, pay in job year 1, fit, the share of its
/// weight at or above the bar, the offer chance, and each group's score
/// (None for a group the role does not weigh).
pub(crate) struct FitRow {
    pub title: String,
    /// None where money is withheld.
    pub pay: Option<String>,
    pub fit: String,
    pub bars_met: String,
    pub offer: String,
    pub groups: Vec<(String, Option<String>)>,
}

pub(crate) fn fit_rows(res: &Results, policy: &Policy, spread: Spread) -> Vec<FitRow> {
    let rubric = &res.rubric;
    let range = |s: &Stat, show: fn(f64) -> String| ranged(s.point, s.p05, s.p95, show, spread);
    rubric
        .roles
        .iter()
        .zip(&res.assessment.roles)
        .enumerate()
        .map(|(r, (role, o))| FitRow {
            title: role.title.clone(),
            pay: amount(policy, o.salary),
            fit: range(&res.dist.fit[r], points),
            bars_met: percent(o.coverage),
            offer: range(&res.dist.offer[r], percent),
            groups: rubric
                .groups
                .iter()
                .zip(&o.groups)
                .map(|(g, v)| (g.title.clone(), v.map(points)))
                .collect(),
        })
        .collect()
}

/// "Phone screen", or "Loop interview (×5)" for a stage of several.
pub(crate) fn stage_label(stage: &Stage) -> String {
    let votes = stage.vote.map_or_else(String::new, |v| {
        format!(
            ", {} {}, {} “no” allowed",
            v.votes,
            if v.votes == 1 { "vote" } else { "votes" },
            v.max_no
        )
    });
    if stage.count > 1 {
        format!("{} (×{}{votes})", stage.name, stage.count)
    } else if votes.is_empty() {
        stage.name.clone()
    } else {
        format!("{} ({})", stage.name, &votes[2..])
    }
}

/// The funnel's one-line key where some stage is voted (DESIGN.md v3).
pub(crate) fn voted_key(res: &Results) -> Option<&'static str> {
    res.rubric.voted().then_some(
        "A voted stage shows the chance one vote is inclined (%) where a scored stage shows its score (0–100); it passes when no more votes than allowed say “no”.",
    )
}

/// Each stage's label and, per role, its score, chance to pass and chance
/// to reach it.
pub(crate) fn stage_rows(res: &Results) -> Vec<(String, Vec<[String; 3]>)> {
    res.rubric
        .stages
        .iter()
        .enumerate()
        .map(|(s, stage)| {
            let cells = res
                .assessment
                .roles
                .iter()
                .map(|o| {
                    let st = &o.stages[s];
                    let score = if st.voted {
                        format!("{}%", points(st.score))
                    } else {
                        points(st.score)
                    };
                    [score, percent(st.pass), percent(st.reach)]
                })
                .collect();
            (stage_label(stage), cells)
        })
        .collect()
}

/// The biggest `per_role` gaps of each role: the role's index, then the
/// competency, the score entered, after the self-bias, the bar, the
/// shortfall × weight and what reaching the bar adds to an offer chance
/// (points, DESIGN.md v3). Gaps keep the model's order (largest shortfall
/// first).
pub(crate) fn gap_rows(res: &Results, per_role: usize) -> Vec<(usize, [String; 6])> {
    let rubric = &res.rubric;
    let bias = rubric.model.self_bias;
    res.assessment
        .roles
        .iter()
        .enumerate()
        .flat_map(|(r, o)| {
            o.gaps.iter().take(per_role).map(move |g| {
                let c = &rubric.competencies[g.competency];
                let score = c.score.unwrap_or(rubric.scale.min);
                let cost = res
                    .bar_costs
                    .get(r)
                    .and_then(|costs| costs.get(g.competency))
                    .copied()
                    .flatten();
                (
                    r,
                    [
                        c.name.clone(),
                        trim_number(score),
                        trim_number(score + bias),
                        c.bar[r].map_or_else(String::new, trim_number),
                        trim_number(g.shortfall),
                        cost.map_or_else(String::new, points_change),
                    ],
                )
            })
        })
        .collect()
}

/// One strategy's figures: its label, whether it is recommended, its
/// expected value, the share of draws it comes first in (None without
/// draws), each role it may end in with the chance (roles it cannot end
/// in left out), the chance of no offer and the expected days.
pub(crate) struct StrategyRow {
    pub label: String,
    pub recommended: bool,
    /// None where money is withheld.
    pub ev: Option<String>,
    pub best_in: Option<String>,
    pub ends_in: Vec<(usize, String)>,
    pub no_offer: String,
    pub days: String,
}

pub(crate) fn strategy_rows(res: &Results, policy: &Policy, spread: Spread) -> Vec<StrategyRow> {
    let a = &res.assessment;
    res.strategies
        .iter()
        .zip(&a.strategies)
        .enumerate()
        .map(|(i, (s, o))| {
            let ev = &res.dist.ev[i];
            StrategyRow {
                label: s.label.clone(),
                recommended: i == a.recommendation,
                ev: (!policy.withholds())
                    .then(|| ranged(ev.point, ev.p05, ev.p95, |v| money(policy, v), spread)),
                best_in: (res.dist.samples > 0).then(|| percent(res.dist.best_share[i])),
                ends_in: o
                    .outcomes
                    .roles
                    .iter()
                    .enumerate()
                    .filter(|(_, p)| **p > 0.0)
                    .map(|(r, p)| (r, percent(*p)))
                    .collect(),
                no_offer: percent(o.outcomes.none),
                days: format!("{:.0}", o.days),
            }
        })
        .collect()
}

/// One strategy's expected pay: each calendar year's, the total over the
/// horizon and the days to an offer (a dash for staying).
pub(crate) struct PayRow {
    pub years: Vec<String>,
    pub total: String,
    pub days_to_offer: String,
}

pub(crate) fn pay_rows(res: &Results, policy: &Policy) -> Vec<PayRow> {
    res.assessment
        .strategies
        .iter()
        .enumerate()
        .map(|(i, s)| PayRow {
            years: s.by_year.iter().map(|v| money(policy, *v)).collect(),
            total: money(policy, s.ev),
            days_to_offer: match i {
                0 => "—".into(),
                _ => format!("{:.0}", s.days_to_offer),
            },
        })
        .collect()
}
