//! The "What to work on first" section (the preparation planner): a route
//! worth more than the whole plan first, then the plan's first steps, what
//! the whole plan does and where it changes the recommendation.

use super::Block;
use crate::advice::Reason;
use crate::chart::ChartId;
use crate::model::StrategyKind;
use crate::plan::{Marginal, Prep, Snapshot, StepKind};
use crate::report::Results;
use crate::text::{
    amount, capitalised, hours, money, money_change, percent, points_change, trim_number, years,
};
use crate::units::{Money, Policy};

/// How many steps the reports list one by one; the rest are summed up.
pub(crate) const SHOWN: usize = 5;

/// One step of the plan as the reports show it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct StepRow {
    /// 1-based.
    pub number: usize,
    pub competency: usize,
    /// A story written (v3) rather than a score raised.
    pub story: bool,
    /// The score before and after the step.
    pub from: f64,
    pub to: f64,
    pub hours: f64,
    /// Hours spent so far, this step included.
    pub hours_total: f64,
    /// Each role's offer chance after the step minus before it.
    pub offer: Vec<f64>,
    /// The best strategy's value after the step minus before it.
    pub value: Money,
    /// The strategy this step makes the best one, when it changes.
    pub new_best: Option<usize>,
}

/// Where the plan ends (now, when it is empty).
fn end(prep: &Prep) -> &Snapshot {
    prep.plan.last().map_or(&prep.now, |s| &s.after)
}

/// Every step of the plan with its score change and what it adds.
pub(crate) fn steps(res: &Results) -> Vec<StepRow> {
    let rubric = &res.rubric;
    let mut scores: Vec<f64> = rubric
        .competencies
        .iter()
        .map(|c| c.score.unwrap_or(rubric.scale.min))
        .collect();
    let mut before = &res.prep.now;
    let mut spent = 0.0;
    res.prep
        .plan
        .iter()
        .enumerate()
        .map(|(k, step)| {
            let row = StepRow {
                number: k + 1,
                competency: step.competency,
                story: step.kind == StepKind::Story,
                from: scores[step.competency],
                to: step.score,
                hours: step.hours_total - spent,
                hours_total: step.hours_total,
                offer: step
                    .after
                    .offer
                    .iter()
                    .zip(&before.offer)
                    .map(|(a, b)| a - b)
                    .collect(),
                value: Money::new(step.after.value - before.value),
                new_best: (step.after.best != before.best).then_some(step.after.best),
            };
            scores[step.competency] = step.score;
            spent = step.hours_total;
            before = &step.after;
            row
        })
        .collect()
}

/// The role a sentence on offer chances is about: the one the best
/// strategy applies for first, else the one whose chance changes most.
fn focus_role(res: &Results, offer: &[f64]) -> usize {
    let now = &res.prep.now;
    match res.strategies[now.best].kind {
        StrategyKind::Apply { role } => role,
        StrategyKind::Upgrade { fallback, .. } => fallback,
        StrategyKind::Stay => (0..offer.len())
            .fold(None, |best: Option<usize>, r| match best {
                Some(b) if (offer[b] - now.offer[b]).abs() >= (offer[r] - now.offer[r]).abs() => {
                    Some(b)
                }
                _ => Some(r),
            })
            .unwrap_or(0),
    }
}

/// The other routes worth more than the whole plan, best first, each in
/// two sentences: "A referral would raise your Product Manager offer chance
/// from 24% to 58%; 40 hours of preparation, to 35%. …".
pub(crate) fn route_sentences(res: &Results, policy: &Policy) -> Vec<String> {
    let prep = &res.prep;
    let after = end(prep);
    let mut better: Vec<_> = prep
        .routes
        .iter()
        .filter(|r| r.outcome.value > after.value)
        .collect();
    better.sort_by(|a, b| b.outcome.value.total_cmp(&a.outcome.value));
    let over = years(res.rubric.model.horizon_years, false);
    better
        .into_iter()
        .map(|r| {
            let o = &r.outcome;
            let role = focus_role(res, &o.offer);
            let title = &res.rubric.roles[role].title;
            let verb = if o.offer[role] > prep.now.offer[role] {
                "raise"
            } else {
                "change"
            };
            let plan = match prep.plan.last() {
                Some(s) => format!(
                    "; {} of preparation, to {}",
                    hours(s.hours_total),
                    percent(s.after.offer[role])
                ),
                None => String::new(),
            };
            let compared = if prep.plan.is_empty() {
                format!("{} now", money(policy, prep.now.value))
            } else {
                format!(
                    "{} after the preparation ({} now)",
                    money(policy, after.value),
                    money(policy, prep.now.value)
                )
            };
            let best = if o.best == prep.now.best {
                "the best strategy is worth".to_string()
            } else {
                format!(
                    "the best strategy would be {}, worth",
                    res.strategies[o.best].label
                )
            };
            let chance = format!(
                "{} would {verb} your {title} offer chance from {} to {}{plan}.",
                r.route.subject(),
                percent(prep.now.offer[role]),
                percent(o.offer[role]),
            );
            match amount(policy, o.value) {
                Some(value) => format!(
                    "{chance} {} {best} {value} over {over}, against {compared}.",
                    capitalised(r.route.clause()),
                ),
                // Withheld: only a change of the best strategy stays.
                None if o.best != prep.now.best => format!(
                    "{chance} {} the best strategy would be {}.",
                    capitalised(r.route.clause()),
                    res.strategies[o.best].label
                ),
                None => chance,
            }
        })
        .collect()
}

/// One table column per role: its offer chance's change in points.
fn offer_columns(res: &Results) -> impl Iterator<Item = String> + '_ {
    res.rubric
        .roles
        .iter()
        .map(|r| format!("{} offer (points)", r.title))
}

/// "Customer Obsession 4 → 4.5", or "Write a story for Think Big".
pub(crate) fn step_name(res: &Results, row: &StepRow) -> String {
    let name = &res.rubric.competencies[row.competency].name;
    if row.story {
        format!("Write a story for {name}")
    } else {
        format!("{name} {} → {}", trim_number(row.from), trim_number(row.to))
    }
}

/// The steps after the first [`SHOWN`], in one sentence: "Then 5 more
/// steps, 20 hours: Earn Trust ×2, Dive Deep ×2, Deliver Results."
pub(crate) fn rest_sentence(res: &Results, rows: &[StepRow]) -> Option<String> {
    let rest = rows.get(SHOWN..).filter(|r| !r.is_empty())?;
    let mut runs: Vec<(usize, usize, bool)> = Vec::new();
    for row in rest {
        match runs.last_mut() {
            Some((c, n, story)) if *c == row.competency && *story == row.story => *n += 1,
            _ => runs.push((row.competency, 1, row.story)),
        }
    }
    // At most eight runs by name; the others counted.
    const NAMED: usize = 8;
    let mut names: Vec<String> = runs
        .iter()
        .take(NAMED)
        .map(|(c, n, story)| {
            let name = &res.rubric.competencies[*c].name;
            if *story {
                format!("a story for {name}")
            } else if *n > 1 {
                format!("{name} ×{n}")
            } else {
                name.clone()
            }
        })
        .collect();
    if runs.len() > NAMED {
        let others: usize = runs[NAMED..].iter().map(|(_, n, _)| n).sum();
        names.push(format!(
            "and {others} step{} on other competencies",
            if others == 1 { "" } else { "s" }
        ));
    }
    let h: f64 = rest.iter().map(|r| r.hours).sum();
    Some(format!(
        "Then {} more step{}, {}: {}.",
        rest.len(),
        if rest.len() == 1 { "" } else { "s" },
        hours(h),
        names.join(", ")
    ))
}

/// What the whole plan does: "10 steps, 40 hours: Product Manager offer
/// 24% → 35%, …; the best strategy's value 756,906 → 818,805 over 4 years
/// (+61,898). The best strategy stays Apply as …". None for an empty plan.
pub(crate) fn cumulative(res: &Results, policy: &Policy) -> Option<String> {
    let prep = &res.prep;
    let last = prep.plan.last()?;
    let n = prep.plan.len();
    let spent = if last.hours_total + 1e-9 < prep.hours {
        format!(
            "{} of the {}",
            trim_number(last.hours_total),
            hours(prep.hours)
        )
    } else {
        hours(last.hours_total)
    };
    let offers: Vec<String> = res
        .rubric
        .roles
        .iter()
        .enumerate()
        .map(|(r, role)| {
            format!(
                "{} offer {} → {}",
                role.title,
                percent(prep.now.offer[r]),
                percent(last.after.offer[r])
            )
        })
        .collect();
    let value = match (
        amount(policy, prep.now.value),
        amount(policy, last.after.value),
    ) {
        (Some(now), Some(then)) => format!(
            "; the best strategy's value {now} → {then} over {} ({})",
            years(res.rubric.model.horizon_years, false),
            money_change(policy, last.after.value - prep.now.value)
        ),
        _ => String::new(),
    };
    let mut text = format!(
        "The whole plan, {n} step{}, {spent}: {}{value}.",
        if n == 1 { "" } else { "s" },
        offers.join(", "),
    );
    text.push(' ');
    text.push_str(&changes(res));
    Some(text)
}

/// Where the plan changes the recommendation: "The best strategy stays X."
/// or "Step 3 (12 hours) makes X the best strategy; step 7 (28 hours), Y."
pub(crate) fn changes(res: &Results) -> String {
    let prep = &res.prep;
    let mut best = prep.now.best;
    let mut found = Vec::new();
    for (k, s) in prep.plan.iter().enumerate() {
        if s.after.best != best {
            best = s.after.best;
            found.push((k + 1, s.hours_total, best));
        }
    }
    match found.as_slice() {
        [] => format!(
            "The best strategy stays {}.",
            res.strategies[prep.now.best].label
        ),
        [(k, h, s), rest @ ..] => {
            let mut text = format!(
                "Step {k} ({} in all) makes {} the best strategy",
                hours(*h),
                res.strategies[*s].label
            );
            for (k, h, s) in rest {
                text.push_str(&format!(
                    "; step {k} ({} in all), {}",
                    hours(*h),
                    res.strategies[*s].label
                ));
            }
            text.push_str(&format!(" (now: {}).", res.strategies[prep.now.best].label));
            text
        }
    }
}

/// Why the plan is empty, or None when it is not.
pub(crate) fn empty_reason(res: &Results, policy: &Policy) -> Option<String> {
    let prep = &res.prep;
    if !prep.plan.is_empty() {
        return None;
    }
    let quickest = prep
        .marginal
        .iter()
        .map(|m| m.hours)
        .fold(None, |q: Option<f64>, h| Some(q.map_or(h, |q| q.min(h))));
    Some(match quickest {
        None => "Every competency is at the top of the scale: there is no step of preparation left to take.".into(),
        Some(q) if q > prep.hours => format!(
            "No step of preparation fits in the budget of {}: the quickest takes {} (set prep_hours in [model], or --hours).",
            hours(prep.hours),
            hours(q)
        ),
        // Every strategy ties with staying (#23.9): better odds change
        // nothing, and the reason is not the steps.
        Some(_) if let Reason::Tied { tie, .. } = res.reason => format!(
            "No step of preparation can raise the best strategy's value ({} over {}): {}.",
            money(policy, prep.now.value),
            years(res.rubric.model.horizon_years, false),
            crate::advice::words::tie_words(tie, res.rubric.model.horizon_years)
        ),
        Some(_) => format!(
            "No step of preparation raises the best strategy's value{}: the steps that fit in {} do not change its offer chances enough to count.",
            amount(policy, prep.now.value).map_or_else(String::new, |now| format!(
                " ({now} over {})",
                years(res.rubric.model.horizon_years, false)
            )),
            hours(prep.hours)
        ),
    })
}

/// The section: the routes first, the steps, the whole plan, the chart and
/// every competency's one step from now.
pub(super) fn section(res: &Results, policy: &Policy, charts: bool) -> Vec<Block> {
    let prep = &res.prep;
    let rubric = &res.rubric;
    let over = years(rubric.model.horizon_years, false);
    let mut out = vec![Block::Heading("What to work on first".into())];
    out.extend(route_sentences(res, policy).into_iter().map(Block::Para));
    out.push(Block::Para(format!(
        "A step of preparation raises one competency's score by {} (not past the top of the scale). The plan takes, again and again, the step that adds most to the best strategy's value per hour, within {}. Offer chances change in percentage points; value is the best strategy's expected pay over {over}.",
        trim_number(prep.step),
        hours(prep.hours)
    )));
    if !prep.stories.is_empty() {
        out.push(Block::Para(story_sentence(res)));
    }
    if let Some(why) = empty_reason(res, policy) {
        out.push(Block::Para(why));
    }
    let rows = steps(res);
    if !rows.is_empty() {
        let mut head = vec![
            "Step".to_string(),
            "Competency".into(),
            "Hours (in all)".into(),
        ];
        head.extend(offer_columns(res));
        let withheld = policy.withholds();
        if !withheld {
            head.push(format!("Value over {over}"));
        }
        let table = rows
            .iter()
            .take(SHOWN)
            .map(|row| {
                let mut cells = vec![
                    row.number.to_string(),
                    step_name(res, row),
                    format!(
                        "{} ({})",
                        trim_number(row.hours),
                        trim_number(row.hours_total)
                    ),
                ];
                cells.extend(row.offer.iter().map(|d| points_change(*d)));
                if !withheld {
                    cells.push(match row.new_best {
                        Some(b) => format!(
                            "{} (makes {} the best strategy)",
                            money_change(policy, row.value),
                            res.strategies[b].label
                        ),
                        None => money_change(policy, row.value),
                    });
                }
                cells
            })
            .collect();
        out.push(Block::Table { head, rows: table });
        out.extend(rest_sentence(res, &rows).map(Block::Para));
        out.extend(cumulative(res, policy).map(Block::Para));
    }
    if charts {
        out.push(Block::Chart(ChartId::Plan));
    }
    if !prep.marginal.is_empty() {
        out.push(Block::Para(
            "One step of each competency from where you are now, the most value per hour first:"
                .into(),
        ));
        // Story steps (v3) beside the score steps, each named for what it is.
        let mut marginal: Vec<(String, &Marginal)> = prep
            .stories
            .iter()
            .map(|m| {
                let name = &rubric.competencies[m.competency].name;
                (format!("Write a story for {name}"), m)
            })
            .chain(
                prep.marginal
                    .iter()
                    .map(|m| (rubric.competencies[m.competency].name.clone(), m)),
            )
            .collect();
        // Stable: ties stay in rubric order, a story before a score step.
        marginal.sort_by(|(_, a), (_, b)| (b.gain / b.hours).total_cmp(&(a.gain / a.hours)));
        let mut head = vec!["Competency".to_string(), "Hours".into()];
        head.extend(offer_columns(res));
        if !policy.withholds() {
            head.push(format!("Value over {over}"));
            head.push("Value per hour".into());
        }
        let table = marginal
            .iter()
            .map(|(name, m)| {
                let mut cells = vec![name.clone(), trim_number(m.hours)];
                cells.extend(m.offer_gain.iter().map(|d| points_change(*d)));
                if !policy.withholds() {
                    cells.push(money_change(policy, m.gain));
                    cells.push(money_change(policy, m.gain / m.hours));
                }
                cells
            })
            .collect();
        out.push(Block::Table { head, rows: table });
    }
    out
}

/// Where some stage is voted and a principle has no story: "Writing a story
/// for a Leadership Principle that has none (Success and Scale …) takes 2
/// hours and is a step too: …".
pub(crate) fn story_sentence(res: &Results) -> String {
    let rubric = &res.rubric;
    let names: Vec<&str> = res
        .prep
        .stories
        .iter()
        .map(|m| rubric.competencies[m.competency].name.as_str())
        .collect();
    format!(
        "Writing a story for a principle that has none ({}) takes {} and is a step too: interviewers read a principle with no story {} lower.",
        names.join(", "),
        hours(rubric.model.story_hours),
        trim_number(rubric.model.unprepared_penalty)
    )
}
