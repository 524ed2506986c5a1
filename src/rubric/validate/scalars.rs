//! `[candidate]`, `[scale]` and `[model]`.

use std::ops::Range;

use toml::Spanned;

use super::{Checker, levels_on, list, short};
use crate::rubric::limits::{MAX_HORIZON, MAX_SAMPLES, MAX_SCALE, MAX_STEEPNESS};
use crate::rubric::raw::{RawCandidate, RawModel, RawRubric, RawScale};
use crate::rubric::{Candidate, Estimate, ModelParams, Route, Scale};

/// `[candidate]`: the name (trimmed; empty when blank), the pay of staying
/// (`None` when missing), the route, the date. `src` gives the lines a
/// template's missing entries point at.
pub(super) fn candidate(c: &mut Checker, raw_c: RawCandidate, src: &str) -> Candidate {
    let line_of = |offset: usize| src[..offset.min(src.len())].matches('\n').count() + 1;
    let table_line = src
        .match_indices("[candidate]")
        .find(|(at, _)| {
            src[..*at]
                .rsplit('\n')
                .next()
                .is_some_and(|before| before.trim().is_empty())
        })
        .map(|(at, _)| line_of(at));
    let name_line = raw_c.name.as_ref().map(|n| line_of(n.span().start));
    let route = match &raw_c.route {
        None => Route::default(),
        Some(r) => Route::from_id(r.get_ref()).unwrap_or_else(|| {
            c.err(r.span(), format!("unknown `route` \"{}\"", r.get_ref()))
                .label = Some(format!(
                "must be one of {}",
                list(Route::ALL.iter().map(|r| r.id()))
            ));
            Route::default()
        }),
    };
    Candidate {
        name: raw_c
            .name
            .map(|n| n.into_inner().trim().to_string())
            .unwrap_or_default(),
        current_salary: raw_c
            .current_salary
            .as_ref()
            .map(|s| c.money(s, "current_salary")),
        current_equity: raw_c
            .current_equity
            .as_ref()
            .map_or_else(Vec::new, |l| c.money_list(l, "current_equity")),
        accept_lower_pay: raw_c
            .accept_lower_pay
            .as_ref()
            .is_some_and(|b| *b.get_ref()),
        route,
        name_line,
        table_line,
        date: raw_c.date.as_ref().and_then(|d| {
            let text = match d.get_ref() {
                toml::Value::Datetime(dt) => dt.to_string(),
                toml::Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            let parsed = crate::date::find_date(&text).filter(|found| found == &text);
            if parsed.is_none() {
                c.err(d.span(), format!("`date` = {} is not a date", d.get_ref()))
                    .label = Some("write it as 2026-06-01".into());
            }
            parsed
        }),
    }
}

/// `[scale]`: whole-number bounds, one label per level.
pub(super) fn scale(c: &mut Checker, raw: RawScale) -> Scale {
    let whole = |v: f64| v.fract() == 0.0 && v.abs() <= MAX_SCALE;
    let valid = "a whole number within −1000…1000";
    let min = c.opt_number(&raw.min, "min", 1.0, whole, valid);
    let max = c.opt_number(&raw.max, "max", 5.0, whole, valid);
    if min >= max {
        let span = raw
            .max
            .as_ref()
            .or(raw.min.as_ref())
            .map_or(0..0, |v| v.span());
        c.err(span, format!("the scale {min}–{max} is empty")).label =
            Some("`min` must be less than `max`".into());
    }
    let levels = levels_on(min, max);
    let labels = match raw.labels {
        Some(labels) => {
            if labels.get_ref().len() != levels {
                c.err(
                    labels.span(),
                    format!(
                        "`labels` has {} entries but the scale {min}–{max} has {levels} levels",
                        labels.get_ref().len()
                    ),
                )
                .label = Some("give one label per whole level, lowest first".into());
            }
            labels.into_inner()
        }
        None => Vec::new(),
    };
    Scale { min, max, labels }
}

/// `[model]`: every key optional, each within its range.
pub(super) fn model(
    c: &mut Checker,
    raw: &RawRubric,
    width: f64,
    group_ids: &[String],
    top: Range<usize>,
) -> ModelParams {
    let m = raw.model.as_ref();
    let get = |f: fn(&RawModel) -> &Option<Spanned<f64>>| m.and_then(|m| f(m).clone());
    let self_bias = c.opt_number(
        &get(|m| &m.self_bias),
        "self_bias",
        0.0,
        |v| v.abs() <= width,
        &format!("within ± the scale's width ({})", short(width)),
    );
    let steepness = c.opt_number(
        &get(|m| &m.steepness),
        "steepness",
        0.1,
        |v| v > 0.0 && v <= MAX_STEEPNESS,
        "greater than 0 and at most 5",
    );
    let horizon_years = c.opt_number(
        &get(|m| &m.horizon_years),
        "horizon_years",
        1.0,
        |v| v > 0.0 && v <= MAX_HORIZON,
        "more than 0 and at most 50 (years)",
    );
    let stock_growth = m
        .and_then(|m| m.stock_growth.as_ref())
        .and_then(|g| {
            c.estimate(
                g,
                "stock_growth",
                |v| v > -1.0 && v <= 1.0,
                "e.g. 0.05, or { min = -0.2, mode = 0.05, max = 0.3 }; each within (−1, 1]",
            )
        })
        .unwrap_or(Estimate::Fixed(0.0));
    let overfocus_gap = c.opt_number(
        &get(|m| &m.overfocus_gap),
        "overfocus_gap",
        15.0,
        |v| (0.0..=100.0).contains(&v),
        "within 0–100",
    );
    let prep_hours = c.opt_number(
        &get(|m| &m.prep_hours),
        "prep_hours",
        40.0,
        |v| (0.0..=10_000.0).contains(&v),
        "within 0–10,000 hours",
    );
    let prep_step = c.opt_number(
        &get(|m| &m.prep_step),
        "prep_step",
        0.5_f64.clamp(0.01 * width, width.max(0.01 * width)),
        |v| v >= 0.01 * width && v <= width,
        &format!(
            "from 1% of the scale's width to the whole width ({}–{width})",
            0.01 * width
        ),
    );
    let within_width = format!("within 0 … the scale's width ({})", short(width));
    let self_bias_sd = c.opt_number(
        &get(|m| &m.self_bias_sd),
        "self_bias_sd",
        0.0,
        |v| (0.0..=width).contains(&v),
        &within_width,
    );
    let vote_steepness = c.opt_number(
        &get(|m| &m.vote_steepness),
        "vote_steepness",
        1.0,
        |v| v > 0.0 && v <= 10.0,
        "more than 0 and at most 10",
    );
    let inclined_at_bar = c.opt_number(
        &get(|m| &m.inclined_at_bar),
        "inclined_at_bar",
        0.8,
        |v| v > 0.0 && v < 1.0,
        "a probability strictly between 0 and 1",
    );
    let vote_noise = c.opt_number(
        &get(|m| &m.vote_noise),
        "vote_noise",
        0.1,
        |v| (0.0..1.0).contains(&v),
        "a share from 0 up to (not including) 1",
    );
    let unprepared_penalty = c.opt_number(
        &get(|m| &m.unprepared_penalty),
        "unprepared_penalty",
        0.5_f64.min(width),
        |v| (0.0..=width).contains(&v),
        &within_width,
    );
    let story_hours = c.opt_number(
        &get(|m| &m.story_hours),
        "story_hours",
        2.0,
        |v| v > 0.0 && v <= 10_000.0,
        "more than 0 and at most 10,000 hours",
    );
    let samples = match m.and_then(|m| m.samples.as_ref()) {
        Some(s) if !(0..=MAX_SAMPLES).contains(s.get_ref()) => {
            c.err(
                s.span(),
                format!("`samples` = {} is out of range", s.get_ref()),
            )
            .label = Some(format!("must be within 0–{MAX_SAMPLES}"));
            0
        }
        Some(s) => *s.get_ref() as u64,
        None => 20_000,
    };
    let seed = match m.and_then(|m| m.seed.as_ref()) {
        Some(s) if *s.get_ref() < 0 => {
            c.err(
                s.span(),
                format!("`seed` = {} is out of range", s.get_ref()),
            )
            .label = Some("must be 0 or more".into());
            0
        }
        Some(s) => *s.get_ref() as u64,
        None => 42,
    };
    let loop_principles = match m.and_then(|m| m.loop_principles.as_ref()) {
        Some(n) if !(1..=100).contains(n.get_ref()) => {
            c.err(
                n.span(),
                format!("`loop_principles` = {} is out of range", n.get_ref()),
            )
            .label = Some("must be within 1–100 (a loop asks about ten or so)".into());
            DEFAULT_LOOP_PRINCIPLES
        }
        Some(n) => *n.get_ref() as usize,
        None => DEFAULT_LOOP_PRINCIPLES,
    };
    let sensitivity_group = match m.and_then(|m| m.sensitivity_group.as_ref()) {
        Some(g) => group_ids
            .iter()
            .position(|id| id == g.get_ref())
            .unwrap_or_else(|| {
                c.err(
                    g.span(),
                    format!("`sensitivity_group` names unknown group `{}`", g.get_ref()),
                )
                .help = Some(format!("known groups: {}", list(group_ids)));
                0
            }),
        None => group_ids
            .iter()
            .position(|id| id == "technical")
            .unwrap_or_else(|| {
                if !group_ids.is_empty() {
                    c.err(top, "no `technical` group for the sensitivity sweep")
                        .help = Some(format!(
                        "set `[model] sensitivity_group` to one of {}",
                        list(group_ids)
                    ));
                }
                0
            }),
    };
    ModelParams {
        self_bias,
        steepness,
        samples,
        seed,
        horizon_years,
        stock_growth,
        sensitivity_group,
        overfocus_gap,
        prep_hours,
        prep_step,
        loop_principles,
        self_bias_sd,
        vote_steepness,
        inclined_at_bar,
        vote_noise,
        unprepared_penalty,
        story_hours,
    }
}

/// Principles a loop asks about: about five interviewers with one or two each.
const DEFAULT_LOOP_PRINCIPLES: usize = 10;
