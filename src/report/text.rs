//! The terminal report: readable in 80 columns. Styling is ANSI; the caller
//! writes through `anstream`, which drops it when stdout is not a terminal
//! or `NO_COLOR` is set.

use std::fmt::Write as _;

use anstyle::{AnsiColor, Style};

use super::doc::figures;
use super::{RenderError, Report, Results};
use crate::advice::CloseCall;
use crate::text::{Spread, clean, fit_width, pad, percent, signed, trim_number, wrap, years};
use crate::units::Policy;

pub struct Text;

const WIDTH: usize = 80;
const HEAD: Style = Style::new().bold();
const BEST: Style = Style::new()
    .bold()
    .fg_color(Some(anstyle::Color::Ansi(AnsiColor::Green)));
const WARN: Style = Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Yellow)));
const DIM: Style = Style::new().dimmed();

fn heading(out: &mut String, text: &str) {
    let _ = writeln!(out, "\n{HEAD}{text}{HEAD:#}");
}

impl Report for Text {
    fn render(&self, res: &Results, policy: &Policy) -> Result<String, RenderError> {
        let mut out = String::new();
        let name = if res.rubric.candidate.name.is_empty() {
            "(no name)".to_string()
        } else {
            clean(&res.rubric.candidate.name)
        };
        let _ = writeln!(out, "{HEAD}rolefit — {}{HEAD:#}", fit_width(&name, 60));
        let source = super::redact::source(res, policy);
        let _ = writeln!(out, "{DIM}{}{DIM:#}", fit_width(&clean(source), WIDTH));
        if let Some(note) = super::redact::note(policy) {
            out.push_str(&wrap(&note, WIDTH, ""));
        }
        fit(&mut out, res, policy);
        funnel(&mut out, res);
        strategies(&mut out, res, policy);
        if !policy.withholds() {
            pay_by_year(&mut out, res, policy);
        }
        heading(&mut out, "RECOMMENDATION");
        if let Some(c) = res.close() {
            close_call(&mut out, c, res, policy);
        } else {
            let best = &res.strategies[res.assessment.recommendation];
            let _ = writeln!(out, "  {BEST}{}{BEST:#}", clean(&best.label));
        }
        out.push_str(&wrap(&clean(&super::reason(res, policy)), WIDTH, "  "));
        if let Some(first) = super::doc::comes_first(res, true) {
            out.push_str(&wrap(&first, WIDTH, "  "));
        }
        if let Some(what_if) = &res.what_if {
            heading(&mut out, "WHAT WOULD CHANGE THE ANSWER");
            for line in &crate::advice::words::what_if(what_if, res.rubric.model.horizon_years) {
                out.push_str(&wrap(&clean(line), WIDTH, "  "));
            }
        }
        prep(&mut out, res, policy);
        gaps(&mut out, res);
        loop_plan(&mut out, res);
        let warnings = super::warnings(res, policy);
        if !warnings.is_empty() {
            heading(&mut out, "WARNINGS");
            for (code, message) in warnings {
                let text = wrap(&format!("[{code}] {}", clean(&message)), WIDTH, "  ");
                let _ = write!(out, "{WARN}{text}{WARN:#}");
            }
        }
        Ok(out)
    }
}

/// A close call: the two strategies side by side, no winner crowned.
fn close_call(out: &mut String, c: &CloseCall, res: &Results, policy: &Policy) {
    let _ = writeln!(
        out,
        "  {BEST}Too close to call{BEST:#} between two strategies; what separates them:"
    );
    for (key, c) in [("A", &c.a), ("B", &c.b)] {
        out.push_str(&wrap(&format!("{key}: {}", clean(&c.label)), WIDTH, "    "));
    }
    let rows = super::doc::close_call_rows(c, policy, res.rubric.model.horizon_years);
    let _ = writeln!(out, "    {} {:>10} {:>10}", pad("", 36), "A", "B");
    for row in rows {
        if let [what, x, y] = row.as_slice() {
            let _ = writeln!(out, "    {} {x:>10} {y:>10}", pad(what, 36));
        }
    }
}

fn fit(out: &mut String, res: &Results, policy: &Policy) {
    heading(
        out,
        "FIT BY ROLE  (0–100 · share of weight at or above the bar · offer)",
    );
    for row in figures::fit_rows(res, policy, Spread::Labelled) {
        let pays = row
            .pay
            .map_or_else(String::new, |pay| format!(" — pays {pay} in job year 1"));
        let _ = writeln!(
            out,
            "  {HEAD}{}{HEAD:#}{pays}",
            fit_width(&clean(&row.title), 50),
        );
        let _ = writeln!(
            out,
            "    fit {} · bars met {} · offer {}",
            row.fit, row.bars_met, row.offer
        );
        let groups: Vec<String> = row
            .groups
            .iter()
            .filter_map(|(g, v)| v.as_ref().map(|v| format!("{} {v}", clean(g))))
            .collect();
        out.push_str(&wrap(&groups.join(" · "), WIDTH, "    "));
    }
}

fn funnel(out: &mut String, res: &Results) {
    let rubric = &res.rubric;
    heading(
        out,
        "HIRING FUNNEL  (stage score 0–100 · chance to pass · chance to reach it)",
    );
    let route = rubric.candidate.route;
    let line = format!(
        "Route: {} ([candidate] route = \"{}\").",
        route.describe(),
        route.id()
    );
    let _ = write!(out, "{DIM}{}{DIM:#}", wrap(&line, WIDTH, "  "));
    if let Some(key) = figures::voted_key(res) {
        let _ = write!(out, "{DIM}{}{DIM:#}", wrap(key, WIDTH, "  "));
    }
    let stages = figures::stage_rows(res);
    for (r, (role, o)) in rubric.roles.iter().zip(&res.assessment.roles).enumerate() {
        let _ = writeln!(
            out,
            "  {} {:>5} {:>6} {:>6}",
            pad(&clean(&role.title), 54),
            "score",
            "pass",
            "reach"
        );
        for (label, cells) in &stages {
            let [score, pass, reach] = &cells[r];
            let _ = writeln!(
                out,
                "    {} {score:>5} {pass:>6} {reach:>6}",
                pad(&clean(label), 52),
            );
        }
        let _ = writeln!(
            out,
            "    {:<52} {:>5} {:>6} {:>6}",
            "Offer",
            "",
            "",
            percent(o.offer)
        );
        if rubric.stages.len() > 1 {
            let _ = writeln!(
                out,
                "    {} {:>5} {:>6} {:>6}",
                pad("Offer if your application is picked", 52),
                "",
                "",
                percent(o.interviewed)
            );
        }
    }
}

fn strategies(out: &mut String, res: &Results, policy: &Policy) {
    let rubric = &res.rubric;
    heading(
        out,
        &format!(
            "STRATEGIES  (expected value over {})",
            years(rubric.model.horizon_years, false)
        ),
    );
    for row in figures::strategy_rows(res, policy, Spread::Labelled) {
        let (style, mark) = if row.recommended {
            (BEST, "▸")
        } else {
            (Style::new(), " ")
        };
        let _ = writeln!(out, "{style}{mark} {}{style:#}", clean(&row.label));
        let mut parts: Vec<String> = row.ev.iter().map(|ev| format!("EV {ev}")).collect();
        parts.push(format!("process ends in ~{} days", row.days));
        parts.extend(
            row.ends_in
                .iter()
                .map(|(r, p)| format!("{} offer {p}", clean(&rubric.roles[*r].id))),
        );
        parts.push(format!("no offer {}", row.no_offer));
        if let Some(share) = row.best_in {
            parts.push(format!("best in {share} of draws"));
        }
        out.push_str(&wrap(&parts.join(" · "), WIDTH, "    "));
    }
    for line in super::doc::declined_sentences(res, policy) {
        let _ = write!(out, "{WARN}{}{WARN:#}", wrap(&clean(&line), WIDTH, "  "));
    }
}

/// Expected pay per calendar year for staying, the recommendation and its
/// runner-up, side by side (the two keyed A and B as in a close call).
fn pay_by_year(out: &mut String, res: &Results, policy: &Policy) {
    let a = &res.assessment;
    let horizon = res.rubric.model.horizon_years;
    heading(out, "PAY BY YEAR  (expected pay in each year from today)");
    let keyed: Vec<(&str, usize)> = ["A", "B"]
        .into_iter()
        .zip(std::iter::once(a.recommendation).chain(a.runner_up))
        .collect();
    for (key, i) in &keyed {
        let role = if *i == a.recommendation {
            "recommended"
        } else {
            "runner-up"
        };
        // A hanging indent: the key, then the label's lines under each other.
        let label = format!("{} ({role})", clean(&res.strategies[*i].label));
        let lines = wrap(&label, WIDTH, "     ");
        out.push_str("  ");
        out.push_str(key);
        out.push(':');
        out.push_str(lines.get(4..).unwrap_or("\n"));
    }
    // Staying first, as the reference, then A and B (staying once).
    let mut columns = vec![("Stay", 0)];
    columns.extend(keyed.iter().filter(|(_, i)| *i != 0).copied());
    // Years that pay the same in every column share a row ("Years 6–30").
    let mut rows: Vec<(String, Vec<String>)> = Vec::new();
    let mut run_start = 0;
    let n = a.strategies[0].by_year.len();
    let pay = figures::pay_rows(res, policy);
    for y in 0..n {
        let cells: Vec<String> = columns
            .iter()
            .map(|(_, i)| pay[*i].years[y].clone())
            .collect();
        let last_full = y + 1 < n || horizon == n as f64;
        let same = rows.last().is_some_and(|(_, prev)| *prev == cells);
        if same && last_full {
            let (label, _) = rows.last_mut().expect("a previous row");
            *label = format!("Years {}–{}, each", run_start + 1, y + 1);
        } else {
            run_start = y;
            rows.push((crate::text::year_label(y + 1, horizon), cells));
        }
    }
    let column = |cell: fn(&figures::PayRow) -> &String| -> Vec<String> {
        columns
            .iter()
            .map(|(_, i)| cell(&pay[*i]).clone())
            .collect()
    };
    rows.push((
        format!("Total over {}", years(horizon, false)),
        column(|p| &p.total),
    ));
    rows.push(("Chance of a new role".into(), column(|p| &p.new_role)));
    rows.push((
        "Days to an offer, if one comes".into(),
        column(|p| &p.days_to_offer),
    ));
    // Columns as wide as their widest figure; the labels take the rest.
    let cell = rows
        .iter()
        .flat_map(|(_, cells)| cells.iter().map(|c| c.chars().count()))
        .max()
        .unwrap_or(0)
        .max(9)
        + 2;
    let label = WIDTH.saturating_sub(4 + cell * columns.len()).clamp(18, 30);
    let _ = write!(out, "    {}", pad("", label));
    for (head, _) in &columns {
        let _ = write!(out, "{head:>cell$}");
    }
    out.push('\n');
    for (what, cells) in rows {
        let _ = write!(out, "    {}", pad(&what, label));
        for c in cells {
            let _ = write!(out, "{c:>cell$}");
        }
        out.push('\n');
    }
}

/// What to work on first: a route worth more than the whole plan, the
/// plan's first steps, what the whole plan does, or why it is empty. After
/// the recommendation, whose value the plan raises, and before the gaps,
/// which it puts in order of what closing them is worth.
fn prep(out: &mut String, res: &Results, policy: &Policy) {
    use super::doc::prep::{
        SHOWN, cumulative, empty_reason, rest_sentence, route_sentences, step_name, steps,
    };
    use crate::text::{hours, money_change, points_change};
    let p = &res.prep;
    heading(
        out,
        &format!(
            "WHAT TO WORK ON FIRST  ({} · a step adds {} to a score)",
            hours(p.hours),
            trim_number(p.step)
        ),
    );
    for line in route_sentences(res, policy) {
        out.push_str(&wrap(&clean(&line), WIDTH, "  "));
    }
    if let Some(why) = empty_reason(res, policy) {
        out.push_str(&wrap(&clean(&why), WIDTH, "  "));
        return;
    }
    let over = years(res.rubric.model.horizon_years, false);
    let rows = steps(res);
    for row in rows.iter().take(SHOWN) {
        let first = format!(
            "{}. {} · {}",
            row.number,
            step_name(res, row),
            hours(row.hours)
        );
        // A hanging indent under the step's name.
        let lines = wrap(&clean(&first), WIDTH, "     ");
        out.push_str("  ");
        out.push_str(lines.get(5..).unwrap_or("\n"));
        let offers: Vec<String> = res
            .rubric
            .roles
            .iter()
            .zip(&row.offer)
            .map(|(role, d)| format!("{} {} pts", clean(&role.id), points_change(*d)))
            .collect();
        let mut second = format!("offer {}", offers.join(", "));
        if !policy.withholds() {
            second.push_str(&format!(
                " · value {} over {over}",
                money_change(policy, row.value)
            ));
        }
        if let Some(b) = row.new_best {
            second.push_str(&format!(
                " · makes {} the best strategy",
                clean(&res.strategies[b].label)
            ));
        }
        let _ = write!(out, "{DIM}{}{DIM:#}", wrap(&second, WIDTH, "     "));
    }
    if let Some(rest) = rest_sentence(res, &rows) {
        out.push_str(&wrap(&clean(&rest), WIDTH, "  "));
    }
    if let Some(all) = cumulative(res, policy) {
        out.push_str(&wrap(&clean(&all), WIDTH, "  "));
    }
}

fn gaps(out: &mut String, res: &Results) {
    let rows = figures::gap_rows(res, 3);
    if rows.is_empty() {
        return;
    }
    heading(
        out,
        &format!(
            "TOP GAPS  (entered → after {} self-bias vs bar → gap × weight · offer pts)",
            signed(res.rubric.model.self_bias)
        ),
    );
    for (k, (r, [name, entered, after, bar, shortfall, cost])) in rows.iter().enumerate() {
        if k == 0 || rows[k - 1].0 != *r {
            let title = &res.rubric.roles[*r].title;
            let _ = writeln!(out, "  {}", fit_width(&clean(title), 76));
        }
        let _ = writeln!(
            out,
            "    {} {entered:>4} → {after:<4} vs {bar:<4} → {shortfall:<4} · {cost}",
            pad(&clean(name), 40),
        );
    }
}

/// The loop plan: which story to tell for which principle, when the rubric
/// has a story bank.
fn loop_plan(out: &mut String, res: &Results) {
    use super::doc::stories::{NO_PRINCIPLES, none_cell, opening, rows};
    if res.rubric.stories.is_empty() {
        return;
    }
    heading(out, "LOOP PLAN  (one story of its own per principle)");
    if res.stories.plan.is_empty() {
        out.push_str(&wrap(NO_PRINCIPLES, WIDTH, "  "));
        return;
    }
    out.push_str(&wrap(&clean(&opening(res)), WIDTH, "  "));
    // Two columns, each wrapped on its own: nothing is cut. The other
    // stories that name a principle follow, dimmed.
    const LEFT: usize = 32;
    for row in rows(res) {
        let (story, style) = match &row.story {
            Some(title) => (format!("“{}”", clean(title)), anstyle::Style::new()),
            None => (clean(&none_cell(&row)), WARN),
        };
        let left: Vec<String> = wrap(&clean(&row.principle), LEFT, "")
            .lines()
            .map(String::from)
            .collect();
        let mut right: Vec<(String, anstyle::Style)> = wrap(&story, WIDTH - LEFT - 6, "")
            .lines()
            .map(|l| (l.to_string(), style))
            .collect();
        if !row.also.is_empty() {
            let also: Vec<String> = row.also.iter().map(|t| format!("“{}”", clean(t))).collect();
            right.extend(
                wrap(&format!("also: {}", also.join(", ")), WIDTH - LEFT - 6, "")
                    .lines()
                    .map(|l| (l.to_string(), DIM)),
            );
        }
        for k in 0..left.len().max(right.len()) {
            let l = left.get(k).map_or("", String::as_str);
            let line = format!("    {}  ", pad(l, LEFT));
            match right.get(k) {
                Some((r, style)) => {
                    let _ = writeln!(out, "{line}{style}{r}{style:#}");
                }
                None => {
                    let _ = writeln!(out, "{}", line.trim_end());
                }
            }
        }
    }
}
