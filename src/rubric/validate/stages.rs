//! `[[stage]]`: count, days, emphasis and pass marks.

use toml::Spanned;

use super::{Checker, list, number_map, spread};
use crate::rubric::limits::{MAX_COUNT, MAX_DAYS, MAX_STEEPNESS};
use crate::rubric::raw::RawStage;
use crate::rubric::{Competency, Route, Stage, Vote};

/// The most votes a voted stage makes (DESIGN.md v3 ranges).
const MAX_VOTES: i64 = 50;

/// One stage of the hiring process.
pub(super) fn stage(
    c: &mut Checker,
    s: &Spanned<RawStage>,
    role_ids: &[String],
    group_ids: &[String],
    competencies: &[Competency],
    partial: bool,
    default_steepness: f64,
) -> Stage {
    let raw = s.get_ref();
    let name = raw.name.get_ref().clone();
    let owner = format!("stage `{name}`");
    let count = match &raw.count {
        Some(n) if !(1..=MAX_COUNT).contains(n.get_ref()) => {
            c.err(
                n.span(),
                format!("{owner}: `count` = {} is out of range", n.get_ref()),
            )
            .label = Some(format!("must be a whole number within 1–{MAX_COUNT}"));
            1
        }
        Some(n) => *n.get_ref() as u32,
        None => 1,
    };
    let days = c.opt_number(
        &raw.days,
        "days",
        0.0,
        |v| (0.0..=MAX_DAYS).contains(&v),
        "within 0–3650 (days)",
    );
    let emphasis: Vec<f64> = match &raw.emphasis {
        Some(map) => number_map(c, map, "emphasis", &owner, group_ids, "group")
            .into_iter()
            .map(|e| match e {
                Some((v, span)) => c
                    .number(
                        &Spanned::new(span, v),
                        "emphasis",
                        |v| v >= 0.0,
                        "0 or more",
                    )
                    .unwrap_or(0.0),
                None => 0.0,
            })
            .collect(),
        None => {
            c.err(s.span(), format!("{owner} has no `emphasis`")).help =
                Some("add e.g. `emphasis = { leadership = 2, technical = 1 }`".into());
            vec![0.0; group_ids.len()]
        }
    };
    let vote = vote(c, raw, &owner);
    let pass_at: Vec<f64> = match &raw.pass_at {
        _ if vote.is_some() => vec![50.0; role_ids.len()],
        Some(map) => {
            let values = number_map(c, map, "pass_at", &owner, role_ids, "role");
            let missing: Vec<&String> = role_ids
                .iter()
                .zip(&values)
                .filter_map(|(id, v)| v.is_none().then_some(id))
                .collect();
            if !missing.is_empty() {
                c.err(
                    map.span(),
                    format!("{owner}: `pass_at` has no value for {}", list(&missing)),
                )
                .help = Some(
                    "give every role the stage score (0–100) at which it passes half the time"
                        .into(),
                );
            }
            values
                .into_iter()
                .map(|v| match v {
                    Some((v, span)) => c
                        .number(
                            &Spanned::new(span, v),
                            "pass_at",
                            |v| (0.0..=100.0).contains(&v),
                            "within 0–100",
                        )
                        .unwrap_or(50.0),
                    None => 50.0,
                })
                .collect()
        }
        None => {
            c.err(s.span(), format!("{owner} has no `pass_at`")).help =
                Some("add e.g. `pass_at = { pm = 50, pmt = 55 }`".into());
            vec![50.0; role_ids.len()]
        }
    };
    if let Some((lo, hi)) = spread(emphasis.iter().copied()) {
        let span = raw.emphasis.as_ref().map_or(s.span(), |e| e.span());
        c.err(
            span,
            format!("{owner}: `emphasis` spans from {lo:e} to {hi:e}"),
        )
        .help = Some("keep every non-zero emphasis within a factor of 1e150 of the largest".into());
    }
    // A role whose weighted emphasis is 0 everywhere has an undefined stage score.
    if raw.emphasis.is_some() && !competencies.is_empty() && !partial {
        for (r, role) in role_ids.iter().enumerate() {
            // Scaled as the model does, so tiny weights × tiny emphasis do
            // not underflow to a false "no weight".
            let w_scale = crate::units::pow2_scale(
                &competencies.iter().map(|k| k.weight[r]).collect::<Vec<_>>(),
            );
            let e_scale = crate::units::pow2_scale(&emphasis);
            let total: f64 = competencies
                .iter()
                .map(|k| {
                    (k.weight[r] * w_scale)
                        * (emphasis.get(k.group).copied().unwrap_or(0.0) * e_scale)
                })
                .sum();
            if total == 0.0 && competencies.iter().any(|k| k.weight[r] > 0.0) {
                let span = raw.emphasis.as_ref().map_or(s.span(), |e| e.span());
                c.err(
                    span,
                    format!("{owner}: `emphasis` gives role `{role}` no weight at all"),
                )
                .help = Some(format!(
                    "emphasise a group in which `{role}` weighs some competency, so its stage score is defined"
                ));
            }
        }
    }
    let steepness = c.opt_number(
        &raw.steepness,
        &format!("{name}.steepness"),
        default_steepness,
        |v| v > 0.0 && v <= MAX_STEEPNESS,
        "greater than 0 and at most 5",
    );
    let route_ids: Vec<String> = Route::ALL.iter().map(|r| r.id().to_string()).collect();
    let mut route_odds = [1.0; 3];
    if let Some(map) = &raw.route_odds {
        for (at, value) in number_map(c, map, "route_odds", &owner, &route_ids, "route")
            .into_iter()
            .enumerate()
        {
            if let Some((v, span)) = value {
                route_odds[at] = c
                    .number(
                        &Spanned::new(span, v),
                        &format!("{name}.route_odds"),
                        |v| (0.01..=100.0).contains(&v),
                        "an odds multiplier within 0.01–100",
                    )
                    .unwrap_or(1.0);
            }
        }
    }
    Stage {
        name,
        count,
        days,
        emphasis,
        pass_at,
        steepness,
        route_odds,
        vote,
    }
}

/// A voted stage's `votes` (1–50) and `max_no` (0 … votes − 1, default 0),
/// and the keys that only a scored stage takes; `None` for a scored stage
/// (a `max_no` on one is an error).
fn vote(c: &mut Checker, raw: &RawStage, owner: &str) -> Option<Vote> {
    let Some(votes) = &raw.votes else {
        if let Some(m) = &raw.max_no {
            c.err(m.span(), format!("{owner}: `max_no` without `votes`"))
                .help = Some(
                "`max_no` is for a voted stage: add `votes = N` (and drop `pass_at`), or remove `max_no`"
                    .into(),
            );
        }
        return None;
    };
    for (key, span) in [
        ("pass_at", raw.pass_at.as_ref().map(|v| v.span())),
        ("steepness", raw.steepness.as_ref().map(|v| v.span())),
        ("route_odds", raw.route_odds.as_ref().map(|v| v.span())),
    ] {
        if let Some(span) = span {
            c.err(
                span,
                format!("{owner} is voted (`votes`) and cannot have `{key}`"),
            )
            .help = Some(format!(
                "a voted stage passes on its votes; remove `{key}`, or remove `votes` and `max_no` to score the stage"
            ));
        }
    }
    let n = *votes.get_ref();
    if !(1..=MAX_VOTES).contains(&n) {
        c.err(
            votes.span(),
            format!("{owner}: `votes` = {n} is out of range"),
        )
        .label = Some(format!("must be a whole number within 1–{MAX_VOTES}"));
        return Some(Vote {
            votes: 1,
            max_no: 0,
        });
    }
    let max_no = match &raw.max_no {
        Some(m) if !(0..n).contains(m.get_ref()) => {
            c.err(
                m.span(),
                format!("{owner}: `max_no` = {} is out of range", m.get_ref()),
            )
            .label = Some(format!(
                "must be a whole number within 0–{} (fewer than `votes`)",
                n - 1
            ));
            0
        }
        Some(m) => *m.get_ref() as u32,
        None => 0,
    };
    Some(Vote {
        votes: n as u32,
        max_no,
    })
}
