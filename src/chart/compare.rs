//! `compare.svg`: fit per role (top) and what each rubric's best strategy
//! adds to that person's own staying, in percent (bottom), for each rubric
//! in the order given — a progress chart when the rubrics are one person at
//! several dates. Value labels sit outside the cluster of dots at each
//! rubric, so none covers a dot; the legend names roles by title.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::{
    ChartError, DrawError, GRID, HEIGHT, INK, LABEL_SIZE, NOTE_SIZE, TICK_SIZE, WIDTH, anchored,
    canvas, cut, font, legend, role_color, subtitle,
};
use crate::assessment::compare::{Row, role_ids};
use crate::text::share_change;

/// The comparison chart's file, beside the folder's results.
pub(crate) const FILE: &str = "compare.svg";

/// The chart shows no money amount, redacted or not: gains are shares of
/// each person's own staying.
pub(crate) fn draw(rows: &[Row]) -> Result<String, ChartError> {
    render(rows).map_err(|source| ChartError {
        chart: FILE,
        source,
    })
}

/// `+23%`: a gain as a share of staying.
fn share(x: f64) -> String {
    share_change(x)
}

/// The chart's order (#24.8): each person's rubrics together, in the order
/// people first appear, and in date order within a person (undated ones
/// after, as given), so a line can join one person's rubrics left to right.
fn chart_order(rows: &[Row]) -> Vec<usize> {
    let mut people: Vec<&str> = Vec::new();
    for r in rows {
        if !people.contains(&r.name.as_str()) {
            people.push(&r.name);
        }
    }
    let mut order: Vec<usize> = (0..rows.len()).collect();
    order.sort_by_key(|&i| {
        let person = people.iter().position(|p| *p == rows[i].name);
        (person, rows[i].date.is_none(), rows[i].date.clone(), i)
    });
    order
}

/// Whether the dots of sorted rows `i` and `i + 1` are joined: the same
/// person's, so the line reads as their progress; a cohort is dots.
fn joined(rows: &[&Row], i: usize) -> bool {
    rows.get(i + 1)
        .is_some_and(|next| next.name == rows[i].name)
}

fn render(all: &[Row]) -> Result<String, DrawError> {
    let ids = role_ids(all);
    let rows: Vec<&Row> = chart_order(all).into_iter().map(|i| &all[i]).collect();
    let n = rows.len().max(1);
    let same_person = rows.windows(2).all(|w| w[0].name == w[1].name);
    let heading = match rows.first() {
        Some(first) if same_person => format!("{} — progress", cut(&first.name, 40)),
        _ => "Rubrics compared".to_string(),
    };
    let title_of = |id: &str| {
        rows.iter()
            .find_map(|r| r.titles.get(id))
            .cloned()
            .unwrap_or_else(|| id.to_string())
    };
    canvas((WIDTH, HEIGHT + 100), &heading, |root| {
        let withheld = rows.iter().all(|r| r.best.gain_share.is_none());
        subtitle(
            root,
            if withheld {
                "Fit per role (0–100). What the best strategy adds to staying is withheld (--redact)."
            } else {
                "Top: fit per role (0–100). Bottom: what the best strategy adds to staying, as % of each person's own value of staying."
            },
        )?;
        let items: Vec<_> = ids
            .iter()
            .enumerate()
            .map(|(r, id)| {
                (
                    format!("Fit as {}", cut(&title_of(id), 40)),
                    role_color(r).filled(),
                )
            })
            .chain([(
                "Best strategy's gain over staying".to_string(),
                INK.filled(),
            )])
            .collect();
        let below = legend(root, &items)?;
        let body = root.margin((below + 6) as u32, 0, 0, 0);
        let (top, bottom) = body.split_vertically((HEIGHT as i32 + 100 - below - 6) / 2 - 10);
        // Fit lines.
        let mut chart = ChartBuilder::on(&top)
            .margin_left(10)
            .margin_right(20)
            .margin_top(6)
            .x_label_area_size(10)
            .y_label_area_size(90)
            .build_cartesian_2d(super::axis(0.0, n as f64), 0.0..100.0)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(0)
            .y_labels(6)
            .y_desc("Fit (0–100)")
            .axis_desc_style(font(LABEL_SIZE))
            .label_style(font(TICK_SIZE))
            .light_line_style(WHITE.mix(0.0))
            .bold_line_style(GRID)
            .y_label_formatter(&|v| format!("{v:.0}"))
            .draw()?;
        let mut dots: Vec<Vec<(usize, f64)>> = vec![Vec::new(); rows.len()];
        for (r, id) in ids.iter().enumerate() {
            let at = |i: usize| {
                rows.get(i)
                    .and_then(|row| row.fit.get(id))
                    .map(|v| (i as f64 + 0.5, *v))
            };
            for i in 0..rows.len() {
                if let (true, Some(a), Some(b)) = (joined(&rows, i), at(i), at(i + 1)) {
                    chart.draw_series(LineSeries::new([a, b], role_color(r).stroke_width(3)))?;
                }
            }
            chart.draw_series(
                (0..rows.len())
                    .filter_map(at)
                    .map(|p| Circle::new(p, 5, role_color(r).filled())),
            )?;
            for (i, row) in rows.iter().enumerate() {
                if let Some(v) = row.fit.get(id) {
                    dots[i].push((r, *v));
                }
            }
        }
        // At each rubric, the highest role's label goes above its dot, the
        // lowest's below, any between to the right: never on a dot.
        for (i, at) in dots.iter_mut().enumerate() {
            at.sort_by(|a, b| b.1.total_cmp(&a.1));
            let x = i as f64 + 0.5;
            for (k, &(r, v)) in at.iter().enumerate() {
                let (px, py) = super::local(root, chart.backend_coord(&(x, v)));
                let color = role_color(r);
                let (pos, h, v_pos) = if k == 0 {
                    ((px, py - 8), HPos::Center, VPos::Bottom)
                } else if k + 1 == at.len() {
                    ((px, py + 8), HPos::Center, VPos::Top)
                } else {
                    ((px + 9, py), HPos::Left, VPos::Center)
                };
                root.draw(&Text::new(
                    format!("{v:.0}"),
                    pos,
                    anchored(NOTE_SIZE, h, v_pos).color(&color),
                ))?;
            }
        }
        // Gains over staying, as a share of each person's own staying;
        // none where staying is worth 0 (#23.7: a share of nothing).
        let gains: Vec<Option<f64>> = rows.iter().map(|r| r.best.gain_share).collect();
        let (lo, hi) = gains
            .iter()
            .flatten()
            .fold((0.0f64, 0.0f64), |(lo, hi), g| (lo.min(*g), hi.max(*g)));
        let pad = ((hi - lo) * 0.2).max(0.02);
        let mut chart = ChartBuilder::on(&bottom)
            .margin_left(10)
            .margin_right(20)
            .margin_top(10)
            .margin_bottom(6)
            .x_label_area_size(44)
            .y_label_area_size(90)
            .build_cartesian_2d(
                super::axis(0.0, n as f64),
                super::axis(lo - pad * 0.5, hi + pad),
            )?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(0)
            .y_labels(5)
            .y_desc("Gain (% of staying)")
            .axis_desc_style(font(LABEL_SIZE))
            .label_style(font(TICK_SIZE))
            .light_line_style(WHITE.mix(0.0))
            .bold_line_style(GRID)
            .y_label_formatter(&|v| {
                if withheld {
                    String::new()
                } else {
                    crate::text::share(*v)
                }
            })
            .draw()?;
        let evs: Vec<(f64, Option<f64>)> = gains
            .iter()
            .enumerate()
            .map(|(i, g)| (i as f64 + 0.5, *g))
            .collect();
        for i in 0..rows.len() {
            if let (true, (x0, Some(a)), Some((x1, Some(b)))) =
                (joined(&rows, i), evs[i], evs.get(i + 1).copied())
            {
                chart.draw_series(LineSeries::new([(x0, a), (x1, b)], INK.stroke_width(2)))?;
            }
        }
        let (left, _) = chart.backend_coord(&(0.0, lo));
        let (right, _) = chart.backend_coord(&(1.0, lo));
        let column = f64::from(right - left) - 6.0;
        for (i, row) in rows.iter().enumerate() {
            let (x, gain) = evs[i];
            match gain {
                Some(gain) => {
                    chart.draw_series([Circle::new((x, gain), 5, INK.filled())])?;
                    let (px, py) = super::local(root, chart.backend_coord(&(x, gain)));
                    root.draw(&Text::new(
                        share(gain),
                        (px, py - 9),
                        anchored(NOTE_SIZE, HPos::Center, VPos::Bottom),
                    ))?;
                }
                None => {
                    // Off the share axis, with a note where its dot would be.
                    let (px, py) = super::local(root, chart.backend_coord(&(x, lo - pad * 0.5)));
                    root.draw(&Text::new(
                        "— staying is worth 0",
                        (px, py - 8),
                        anchored(NOTE_SIZE, HPos::Center, VPos::Bottom),
                    ))?;
                }
            }
            // Under each point: the name (unless every rubric is the same
            // person's) and, on its own line and never cut, what tells the
            // rubrics apart.
            let (px, py) = super::local(root, chart.backend_coord(&(x, lo - pad * 0.5)));
            let mut lines = Vec::new();
            if !same_person {
                lines.push(super::font::cut(&row.name, column, TICK_SIZE, false));
            }
            lines.push(row.tag.clone());
            for (k, line) in lines.iter().enumerate() {
                root.draw(&Text::new(
                    line.clone(),
                    (px, py + 8 + 18 * k as i32),
                    anchored(TICK_SIZE, HPos::Center, VPos::Top),
                ))?;
            }
        }
        Ok(())
    })
}
