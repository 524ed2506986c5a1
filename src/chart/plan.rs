//! `plan.svg`: the preparation plan as its hours are spent — each role's
//! offer chance (left panel, role colours) and the best strategy's value
//! (right panel, a point per step in the colour of the strategy that is
//! best after it), from now (hollow points) to the end of the plan. The
//! value points carry their step's number; the key below the panels names
//! the competency of each step (runs of the same one share an entry).

use crate::plan::StepKind;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::font::width as font_width;
use super::{
    Area, GREY, GRID, INK, LABEL_SIZE, MoneyScale, NOTE_SIZE, Svg, TICK_SIZE, WIDTH, anchored,
    canvas, font, legend_bottom, role_color, strategy_color, subtitle, title,
};
use crate::assessment::Results;
use crate::text::{amount, clean, hours, percent, trim_number, years};
use crate::units::Policy;

/// The height of the two panels, axes included.
const PANELS: u32 = 330;
/// The size of the step numbers over the value points.
const NUMBER_SIZE: f64 = 11.0;
/// The radius of a value point (the offer points are smaller).
pub(crate) const VALUE_POINT: u32 = 5;
const OFFER_POINT: u32 = 3;
/// A row of the key below the panels.
const KEY_ROW: i32 = 18;
/// The most rows the key takes; further runs are counted, not named.
const KEY_ROWS: usize = 10;

/// The key's entries: "1 Customer Obsession → 5", "2–3 Ownership → 5",
/// "4 story: Think Big" (a story written, v3), one per run of steps of the
/// same kind on the same competency.
fn key_entries(res: &Results) -> Vec<String> {
    let plan = &res.prep.plan;
    let mut out = Vec::new();
    let mut k = 0;
    while k < plan.len() {
        let (c, kind) = (plan[k].competency, plan[k].kind);
        let mut j = k;
        while j + 1 < plan.len() && plan[j + 1].competency == c && plan[j + 1].kind == kind {
            j += 1;
        }
        let steps = if j > k {
            format!("{}–{}", k + 1, j + 1)
        } else {
            (k + 1).to_string()
        };
        let name = clean(&res.rubric.competencies[c].name);
        out.push(match kind {
            StepKind::Story => format!("{steps} story: {name}"),
            StepKind::Score => format!("{steps} {name} → {}", trim_number(plan[j].score)),
        });
        k = j + 1;
    }
    out
}

/// Where each key entry goes, left to right from x = 20, a new row when
/// the next would pass the right edge; entries past [`KEY_ROWS`] rows are
/// left out (the last shown is replaced by a count).
fn key_layout(entries: &[String]) -> Vec<(String, i32, i32)> {
    let (mut x, mut row) = (20, 0);
    let entries: Vec<String> = std::iter::once("Steps:".to_string())
        .chain(entries.iter().cloned())
        .collect();
    let mut out: Vec<(String, i32, i32)> = Vec::new();
    for (n, entry) in entries.iter().enumerate() {
        let width = font_width(entry, NOTE_SIZE, false).ceil() as i32 + 20;
        if x > 20 && x + width > WIDTH as i32 - 10 {
            x = 20;
            row += 1;
        }
        if row >= KEY_ROWS as i32 {
            if let Some(last) = out.last_mut() {
                last.0 = format!("… and {} more", entries.len() - n + 1);
            }
            break;
        }
        out.push((entry.clone(), x, row));
        x += width;
    }
    out
}

pub(crate) fn draw(res: &Results, policy: &Policy) -> Svg {
    let prep = &res.prep;
    let n_roles = res.rubric.roles.len();
    let over = years(res.rubric.model.horizon_years, false);
    // Now, then after each step.
    let points: Vec<(f64, &crate::plan::Snapshot)> = std::iter::once((0.0, &prep.now))
        .chain(prep.plan.iter().map(|s| (s.hours_total, &s.after)))
        .collect();
    let last = points.last().map_or(&prep.now, |(_, s)| *s);

    let mut items: Vec<(String, ShapeStyle)> = (0..n_roles)
        .map(|r| {
            (
                format!(
                    "{} offer {} → {}",
                    res.rubric.roles[r].title,
                    percent(prep.now.offer[r]),
                    percent(last.offer[r])
                ),
                role_color(r).filled(),
            )
        })
        .collect();
    let mut bests: Vec<usize> = Vec::new();
    for (_, s) in &points {
        if !bests.contains(&s.best) {
            bests.push(s.best);
        }
    }
    // Under --redact the values are withheld: the offer chances stay.
    let withheld = policy.withholds();
    if withheld {
        bests.clear();
    }
    for &b in &bests {
        items.push((
            format!("Value while best: {}", res.strategies[b].label),
            strategy_color(b).filled(),
        ));
    }
    let keys = key_layout(&key_entries(res));
    let key_rows = keys.last().map_or(1, |(_, _, row)| row + 1);
    let top = legend_bottom(&items) + 6;
    let height = top as u32 + PANELS + 14 + (key_rows * KEY_ROW) as u32 + 10;

    // A little room right of the budget for the last point.
    let x_max = prep.hours.max(1.0) * 1.03;
    let offer_max = points
        .iter()
        .flat_map(|(_, s)| s.offer.iter().copied())
        .fold(0.0_f64, f64::max)
        .max(0.05)
        * 1.15;
    let (lo, hi) = points
        .iter()
        .fold((f64::MAX, f64::MIN), |(lo, hi), (_, s)| {
            (lo.min(s.value), hi.max(s.value))
        });
    let pad = ((hi - lo) * 0.12).max(hi.abs() * 0.005).max(1.0);
    // The value axis starts at staying's value (#24.11: starting near the
    // plan's first value made a rise of 2% look like a doubling).
    let stay = res.dist.ev[0].point;
    let (v_lo, v_hi) = (stay.min(lo - pad), hi + pad * 1.8);

    canvas(
        (WIDTH, height),
        &title(res, "what to work on first"),
        |root| {
            let what = match (amount(policy, prep.now.value), amount(policy, last.value)) {
                (Some(now), Some(then)) => {
                    format!("the best strategy's value {now} → {then} over {over}")
                }
                _ => "the offer chances as the hours are spent (values withheld)".into(),
            };
            subtitle(
                root,
                &format!(
                    "The plan within {}, steps of {}: {what}. Hollow: now.",
                    hours(prep.hours),
                    trim_number(prep.step),
                ),
            )?;
            let marks: Vec<_> = (0..n_roles)
                .map(super::role_mark)
                .chain(bests.iter().map(|&b| super::strategy_mark(b)))
                .collect();
            super::legend_marked(root, &items, &marks)?;
            let (_, rest) = root.split_vertically(top);
            let (panels, _) = rest.split_vertically(PANELS);
            if withheld {
                offer_panel(root, &panels, &points, (x_max, offer_max), n_roles)?;
            } else {
                let (left, right) = panels.split_horizontally(WIDTH / 2 - 10);
                offer_panel(root, &left, &points, (x_max, offer_max), n_roles)?;
                value_panel(
                    root,
                    &right,
                    res,
                    policy,
                    &points,
                    (x_max, v_lo, v_hi, stay),
                    &over,
                )?;
            }

            // The key: what each step works on, or why there is none.
            let key_top = top + PANELS as i32 + 14;
            if prep.plan.is_empty() {
                let why = if prep.marginal.is_empty() {
                    "No step: every competency is at the top of the scale.".to_string()
                } else if let Some(q) = prep
                    .marginal
                    .iter()
                    .map(|m| m.hours)
                    .reduce(f64::min)
                    .filter(|q| *q > prep.hours)
                {
                    format!(
                        "No step fits the budget of {} (the quickest takes {}).",
                        hours(prep.hours),
                        hours(q)
                    )
                } else {
                    "No step raises the best strategy's value.".to_string()
                };
                root.draw(&Text::new(
                    why,
                    (20, key_top),
                    anchored(LABEL_SIZE, HPos::Left, VPos::Top),
                ))?;
            } else {
                for (entry, x, row) in keys {
                    root.draw(&Text::new(
                        entry,
                        (x, key_top + row * KEY_ROW),
                        anchored(NOTE_SIZE, HPos::Left, VPos::Top),
                    ))?;
                }
            }
            Ok(())
        },
    )
}

/// Each role's offer chance against the hours spent.
fn offer_panel(
    root: &Area,
    area: &Area,
    points: &[(f64, &crate::plan::Snapshot)],
    (x_max, y_max): (f64, f64),
    n_roles: usize,
) -> Result<(), super::DrawError> {
    let mut chart = ChartBuilder::on(area)
        .margin_top(6)
        .margin_left(10)
        .margin_right(14)
        .margin_bottom(4)
        .x_label_area_size(46)
        .y_label_area_size(62)
        .build_cartesian_2d(super::axis(0.0, x_max), super::axis(0.0, y_max))?;
    chart
        .configure_mesh()
        .x_labels(6)
        .y_labels(6)
        .x_desc("Hours of preparation")
        .y_desc("Offer chance")
        .axis_desc_style(font(LABEL_SIZE))
        .label_style(font(TICK_SIZE))
        .light_line_style(WHITE.mix(0.0))
        .bold_line_style(GRID)
        .x_label_formatter(&|v| trim_number(*v))
        .y_label_formatter(&|v| format!("{:.0}%", 100.0 * v))
        .draw()?;
    for r in 0..n_roles {
        let color = role_color(r);
        chart.draw_series(LineSeries::new(
            points.iter().map(|(h, s)| (*h, s.offer[r])),
            color.stroke_width(2),
        ))?;
        let (h0, s0) = points[0];
        chart.draw_series([Circle::new(
            (h0, s0.offer[r]),
            OFFER_POINT + 1,
            color.stroke_width(2),
        )])?;
        chart.draw_series(
            points[1..]
                .iter()
                .map(|(h, s)| Circle::new((*h, s.offer[r]), OFFER_POINT, color.filled())),
        )?;
        if let Some(mark) = super::role_mark(r) {
            for (h, s) in points {
                let at = super::local(root, chart.backend_coord(&(*h, s.offer[r])));
                super::draw_mark(root, at, mark)?;
            }
        }
    }
    Ok(())
}

/// The best strategy's value against the hours spent, each step's point
/// numbered.
fn value_panel(
    root: &Area,
    area: &Area,
    res: &Results,
    policy: &Policy,
    points: &[(f64, &crate::plan::Snapshot)],
    (x_max, lo, hi, stay): (f64, f64, f64, f64),
    over: &str,
) -> Result<(), super::DrawError> {
    let scale = MoneyScale::for_max(hi.abs().max(lo.abs()), policy);
    let ticks = font_width(&scale.tick(hi), TICK_SIZE, false).ceil() as u32;
    let mut chart = ChartBuilder::on(area)
        .margin_top(6)
        .margin_left(10)
        .margin_right(20)
        .margin_bottom(4)
        .x_label_area_size(46)
        .y_label_area_size((ticks + 44).max(70))
        .build_cartesian_2d(super::axis(0.0, x_max), super::axis(lo, hi))?;
    chart
        .configure_mesh()
        .x_labels(6)
        .y_labels(6)
        .x_desc("Hours of preparation")
        .y_desc(scale.desc_short(&format!("Best value over {over}")))
        .axis_desc_style(font(LABEL_SIZE))
        .label_style(font(TICK_SIZE))
        .light_line_style(WHITE.mix(0.0))
        .bold_line_style(GRID)
        .x_label_formatter(&|v| trim_number(*v))
        .y_label_formatter(&|v| scale.tick(*v))
        .draw()?;
    // The axis starts at staying's value: say so at its foot.
    let (sx, sy) = super::local(root, chart.backend_coord(&(0.0, stay)));
    root.draw(&Text::new(
        format!("axis starts at staying: {}", scale.tick(stay)),
        (sx + 6, sy - 4),
        (super::FONT, NUMBER_SIZE).into_font().color(&GREY).pos(
            plotters::style::text_anchor::Pos::new(HPos::Left, VPos::Bottom),
        ),
    ))?;
    chart.draw_series(LineSeries::new(
        points.iter().map(|(h, s)| (*h, s.value)),
        GREY.stroke_width(2),
    ))?;
    let (h0, s0) = points[0];
    chart.draw_series([Circle::new(
        (h0, s0.value),
        VALUE_POINT,
        strategy_color(s0.best).stroke_width(2),
    )])?;
    // The step numbers: over every point when they have room, else over
    // the first of each run of steps on one competency; never closer than
    // a number's width to the previous one.
    let plan = &res.prep.plan;
    let mut last_x: Option<i32> = None;
    for (k, (h, s)) in points[1..].iter().enumerate() {
        chart.draw_series([Circle::new(
            (*h, s.value),
            VALUE_POINT,
            strategy_color(s.best).filled(),
        )])?;
        if let Some(mark) = super::strategy_mark(s.best) {
            let at = super::local(root, chart.backend_coord(&(*h, s.value)));
            super::draw_mark(root, at, mark)?;
        }
        let (px, py) = super::local(root, chart.backend_coord(&(*h, s.value)));
        let label = (k + 1).to_string();
        let room = (label.chars().count() as f64 * NUMBER_SIZE * 0.6) as i32 + 4;
        let run_start = k == 0 || plan[k - 1].competency != plan[k].competency;
        let spacing = points.get(k + 2).map_or(i32::MAX, |(h2, s2)| {
            super::local(root, chart.backend_coord(&(*h2, s2.value))).0 - px
        });
        if last_x.is_none_or(|x| px - x >= room) && (run_start || spacing >= room) {
            root.draw(&Text::new(
                label,
                (px, py - VALUE_POINT as i32 - 3),
                (super::FONT, NUMBER_SIZE).into_font().color(&INK).pos(
                    plotters::style::text_anchor::Pos::new(HPos::Center, VPos::Bottom),
                ),
            ))?;
            last_x = Some(px);
        }
    }
    Ok(())
}
