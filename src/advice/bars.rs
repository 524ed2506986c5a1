//! What gaps and missing stories cost in offer chances (DESIGN.md v3
//! "Warnings"): the `below-bar` warning, one per rubric, ordered by each
//! competency's offer-chance cost, the cost beside each gap, and what
//! writing the missing stories would do.

use super::{Code, Warning};
use crate::model::{Assessment, Model};
use crate::rubric::Rubric;
use crate::text::{signed, trim_number};
use crate::units::{Probability, argmax_first};

/// `cost[r][i]`: where competency i is below role r's bar, the largest
/// gain in any role's offer chance if it were raised to that bar (point
/// values); `None` where there is no gap.
pub(crate) fn bar_costs(model: &Model, assessment: &Assessment) -> Vec<Vec<Option<Probability>>> {
    let rubric = model.rubric;
    let bias = rubric.model.self_bias;
    let now: Vec<Probability> = assessment.roles.iter().map(|o| o.offer).collect();
    (0..rubric.roles.len())
        .map(|r| {
            rubric
                .competencies
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let (bar, score) = (c.bar[r]?, c.score?);
                    (score + bias < bar).then(|| {
                        model
                            .offers_with(i, bar)
                            .iter()
                            .zip(&now)
                            .map(|(after, now)| after - now)
                            .fold(f64::NEG_INFINITY, f64::max)
                    })
                })
                .collect()
        })
        .collect()
}

/// The one `below-bar` warning (DESIGN.md v3): every competency below the
/// bar of the role that weighs it most, costliest first (ties in rubric
/// order), each with the score as entered, the level after self-bias, the
/// bar and what reaching it would add to an offer chance.
pub(crate) fn below_bar(rubric: &Rubric, costs: &[Vec<Option<Probability>>]) -> Option<Warning> {
    let bias = rubric.model.self_bias;
    let mut below: Vec<(usize, usize, f64, f64, Probability)> = Vec::new();
    for (i, c) in rubric.competencies.iter().enumerate() {
        let Some(score) = c.score else { continue };
        let top = argmax_first(&c.weight);
        if c.weight.get(top).is_none_or(|w| *w <= 0.0) {
            continue;
        }
        if let Some(bar) = c.bar[top]
            && score + bias < bar
        {
            let cost = costs.get(top).and_then(|c| c.get(i)).copied().flatten();
            below.push((i, top, score, bar, cost.unwrap_or(0.0)));
        }
    }
    if below.is_empty() {
        return None;
    }
    // Costs equal to rounding (1e-9 of a probability) tie and keep rubric
    // order (a stable sort): the same gap on two competencies of a group
    // differs only in the last bits.
    below.sort_by_key(|b| std::cmp::Reverse((b.4 * 1e9).round() as i64));
    let items: Vec<String> = below
        .iter()
        .map(|&(i, r, score, bar, cost)| {
            let read = if bias == 0.0 {
                format!("you entered {}", trim_number(score))
            } else {
                format!(
                    "you entered {}, read as {} after the {} self-bias",
                    trim_number(score),
                    trim_number(score + bias),
                    signed(bias)
                )
            };
            format!(
                "{} ({read}; the {} bar is {}; reaching it adds up to {:.1} points to an offer chance)",
                rubric.competencies[i].name,
                rubric.roles[r].title,
                trim_number(bar),
                100.0 * cost.max(0.0),
            )
        })
        .collect();
    let n = below.len();
    Some(Warning {
        code: Code::BelowBar,
        message: format!(
            "{n} {} below the bar of the role that weighs {} most, costliest first: {}.",
            if n == 1 {
                "competency is"
            } else {
                "competencies are"
            },
            if n == 1 { "it" } else { "them" },
            items.join("; ")
        ),
    })
}

/// Every role's point offer chance with every unprepared principle
/// prepared (a story written for each); `None` where no stage is voted or
/// nothing is unprepared.
pub(crate) fn offers_with_stories(rubric: &Rubric) -> Option<Vec<Probability>> {
    let unprepared = rubric.unprepared();
    if !rubric.voted() || unprepared.is_empty() {
        return None;
    }
    let mut prepared = rubric.clone();
    for i in unprepared {
        prepared.competencies[i].evidence = Some("A story.".into());
    }
    let a = Model::new(&prepared).assess();
    Some(a.roles.iter().map(|o| o.offer).collect())
}

/// "Writing it would raise your Product Manager offer chance from 17.6% to
/// 18.3% and your …": the offer chances now and with every story written,
/// to a tenth of a point (a story moves them by a point or two).
pub(crate) fn stories_sentence(
    rubric: &Rubric,
    now: &[Probability],
    with: &[Probability],
) -> String {
    let parts: Vec<String> = rubric
        .roles
        .iter()
        .zip(now.iter().zip(with))
        .map(|(role, (now, with))| {
            format!(
                "your {} offer chance from {:.1}% to {:.1}%",
                role.title,
                100.0 * now,
                100.0 * with
            )
        })
        .collect();
    let what = if rubric.unprepared().len() == 1 {
        "Writing it"
    } else {
        "Writing a story for each"
    };
    format!("{what} would raise {}.", parts.join(" and "))
}
