//! `profile.svg`: every competency's level (after self-bias) against each
//! role's bar, grouped by group; a red line marks the gap to a bar above you.
//! `principles.svg` reuses it for the leadership group, with the stories.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{
    FONT, GREEN, GRID, INK, LABEL_SIZE, NOTE_SIZE, Svg, TICK_SIZE, VERMILLION, WIDTH, anchored,
    canvas, font, role_color, subtitle, title,
};
use crate::assessment::Results;
use crate::text::clean;
use crate::units::Policy;

/// Height of one competency row (one whose label takes two lines), and of
/// one group heading, in pixels.
const ROW: u32 = 22;
const ROW2: u32 = 36;
/// Width of a bar's tick, in pixels.
const TICK: f64 = 4.0;
/// Width of the competency labels' column, in pixels.
const LABELS: i32 = 300;
const HEADING: u32 = 26;
/// Space below the rows for the x axis (60) and a margin.
const AXIS: u32 = 70;

pub(crate) fn draw(res: &Results, _: &Policy) -> Svg {
    let all: Vec<usize> = (0..res.rubric.competencies.len()).collect();
    rows_chart(res, &all, "competencies against each role's bar", false)
}

/// A row per competency in `which` (grouped by group, in rubric order).
/// With `stories`, a column at the right counts the stories that back each
/// (or says it has only its `evidence` line, or nothing).
pub(super) fn rows_chart(res: &Results, which: &[usize], what: &str, stories: bool) -> Svg {
    let rubric = &res.rubric;
    let bias = rubric.model.self_bias;
    // Rows top to bottom: group headings and competencies.
    enum Row {
        Heading(String),
        /// A competency and its label's lines.
        Competency(usize, Vec<String>),
    }
    let label = |i: usize| {
        super::two_lines(
            &rubric.competencies[i].name,
            f64::from(LABELS - 22),
            TICK_SIZE,
            false,
        )
    };
    let mut rows = Vec::new();
    for (g, group) in rubric.groups.iter().enumerate() {
        let members: Vec<usize> = which
            .iter()
            .copied()
            .filter(|&i| rubric.competencies[i].group == g)
            .collect();
        if members.is_empty() {
            continue;
        }
        if !stories {
            rows.push(Row::Heading(group.title.clone()));
        }
        rows.extend(members.into_iter().map(|i| Row::Competency(i, label(i))));
    }
    let height_of = |row: &Row| match row {
        Row::Heading(_) => HEADING,
        Row::Competency(_, lines) if lines.len() > 1 => ROW2,
        Row::Competency(..) => ROW,
    };
    // One y unit is one pixel: the plot is exactly as tall as its rows.
    let units: u32 = rows.iter().map(height_of).sum();
    let mut items: Vec<(String, ShapeStyle)> = vec![("Your level".into(), INK.filled())];
    items.extend(
        rubric
            .roles
            .iter()
            .enumerate()
            .map(|(r, role)| (format!("{} bar", role.title), role_color(r).filled())),
    );
    items.push(("Gap".into(), VERMILLION.filled()));
    if stories {
        items.push(("Stories that back it".into(), GREEN.filled()));
    }
    let top = super::legend_bottom(&items) as u32 + 14;
    let height = top + units + AXIS;
    let (min, max) = (rubric.scale.min, rubric.scale.max);
    let span = max - min;
    canvas((WIDTH, height), &title(res, what), |root| {
        subtitle(
            root,
            "Dot: your level after self-bias. Ticks: the bar each role expects. Red: a gap to a bar.",
        )?;
        let marks: Vec<_> = std::iter::once(None)
            .chain((0..rubric.roles.len()).map(super::role_mark))
            .collect();
        super::legend_marked(root, &items, &marks)?;
        let label_width = LABELS;
        let story_width = if stories { 90 } else { 0 };
        let total = units as f64;
        let mut chart = ChartBuilder::on(root)
            .margin_top(top)
            .margin_bottom(AXIS - 60)
            .margin_left(label_width)
            .margin_right(20 + story_width)
            .x_label_area_size(60)
            .build_cartesian_2d(
                super::axis(min - span * 0.04, max + span * 0.04),
                super::axis(0.0, total),
            )?;
        let labels = &rubric.scale.labels;
        // The scale's end labels in the axis title when they fit whole.
        let x_desc = match (labels.first(), labels.last()) {
            (Some(lo), Some(hi)) => format!(
                "Level ({} {} … {} {})",
                crate::text::trim_number(min),
                clean(lo),
                crate::text::trim_number(max),
                clean(hi)
            ),
            _ => String::new(),
        };
        let x_desc = if x_desc.is_empty()
            || font::width(&x_desc, LABEL_SIZE, false)
                > f64::from(WIDTH) - f64::from(label_width) - 40.0
        {
            "Level on the rubric's scale".to_string()
        } else {
            x_desc
        };
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(0)
            .x_labels((span as usize + 1).min(11))
            .x_desc(x_desc)
            .axis_desc_style(font(LABEL_SIZE))
            .label_style(font(TICK_SIZE))
            .light_line_style(WHITE.mix(0.0))
            .bold_line_style(GRID)
            .x_label_formatter(&|v| crate::text::trim_number(*v))
            .draw()?;
        // Scale units per pixel, to set ticks side by side.
        let unit = {
            let (a, _) = chart.backend_coord(&(min, 0.0));
            let (b, _) = chart.backend_coord(&(max, 0.0));
            if b > a { span / f64::from(b - a) } else { 0.0 }
        };
        let mut top = total;
        for row in &rows {
            match row {
                Row::Heading(text) => {
                    let y = top - HEADING as f64 / 2.0 - 2.0;
                    let (_, py) = super::local(root, chart.backend_coord(&(min, y)));
                    root.draw(&Text::new(
                        font::cut(&clean(text), f64::from(WIDTH) - 24.0, LABEL_SIZE, true),
                        (12, py),
                        (FONT, LABEL_SIZE)
                            .into_font()
                            .style(FontStyle::Bold)
                            .color(&INK)
                            .pos(Pos::new(HPos::Left, VPos::Center)),
                    ))?;
                    top -= HEADING as f64;
                }
                Row::Competency(i, lines) => {
                    let c = &rubric.competencies[*i];
                    let row_height = height_of(row) as f64;
                    let y = top - row_height / 2.0;
                    let (_, py) = super::local(root, chart.backend_coord(&(min, y)));
                    let first = py - 7 * (lines.len() as i32 - 1);
                    for (k, line) in lines.iter().enumerate() {
                        root.draw(&Text::new(
                            line.clone(),
                            (label_width - 10, first + 14 * k as i32),
                            anchored(TICK_SIZE, HPos::Right, VPos::Center),
                        ))?;
                    }
                    let own = c.score.map(|s| s + bias).unwrap_or(min);
                    let shown = own.clamp(min, max);
                    let half = ROW as f64 * 0.36;
                    // Gaps first, under the markers.
                    let highest = c
                        .bar
                        .iter()
                        .zip(&c.weight)
                        .filter(|(_, w)| **w > 0.0)
                        .filter_map(|(b, _)| *b)
                        .fold(f64::MIN, f64::max);
                    if highest > own {
                        chart.draw_series([PathElement::new(
                            vec![(shown, y), (highest, y)],
                            VERMILLION.stroke_width(4),
                        )])?;
                    }
                    // Each role's tick at its bar; roles whose bars coincide
                    // stand side by side around it, a tick's width apart, so
                    // every colour shows.
                    let bars: Vec<(usize, f64)> = c
                        .bar
                        .iter()
                        .enumerate()
                        .filter(|(r, _)| c.weight[*r] > 0.0)
                        .filter_map(|(r, b)| b.map(|b| (r, b)))
                        .collect();
                    for &(r, bar) in &bars {
                        let same: Vec<usize> = bars
                            .iter()
                            .filter(|(_, b)| (b - bar).abs() < 1e-9)
                            .map(|(q, _)| *q)
                            .collect();
                        let k = same.iter().position(|q| *q == r).unwrap_or(0) as f64;
                        let dx = TICK * unit * (k - (same.len() as f64 - 1.0) / 2.0);
                        chart.draw_series([PathElement::new(
                            vec![(bar + dx, y - half), (bar + dx, y + half)],
                            role_color(r).stroke_width(TICK as u32),
                        )])?;
                        if let Some(mark) = super::role_mark(r) {
                            let at = super::local(root, chart.backend_coord(&(bar + dx, y)));
                            super::draw_mark(root, at, mark)?;
                        }
                    }
                    chart.draw_series([Circle::new((shown, y), 6, INK.filled())])?;
                    if stories {
                        let (px, _) =
                            super::local(root, chart.backend_coord(&(max + span * 0.04, y)));
                        // Stories in the bank that name it; else its
                        // one-line evidence; else nothing to tell.
                        let told = res.stories.named(*i).len();
                        let (style, text) = match told {
                            0 if c.evidence.is_some() => {
                                (GREEN.stroke_width(2), "evidence only".to_string())
                            }
                            0 => (VERMILLION.stroke_width(2), "none".to_string()),
                            1 => (GREEN.filled(), "1 story".to_string()),
                            n => (GREEN.filled(), format!("{n} stories")),
                        };
                        root.draw(&Circle::new((px + 16, py), 6, style))?;
                        root.draw(&Text::new(
                            text,
                            (px + 28, py),
                            anchored(NOTE_SIZE, HPos::Left, VPos::Center),
                        ))?;
                    }
                    top -= row_height;
                }
            }
        }
        Ok(())
    })
}
