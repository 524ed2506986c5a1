//! `profile.svg`: every competency's level (after self-bias) against each
//! role's bar, grouped by group; a red line marks the gap to a bar above you.
//! `principles.svg` reuses it for the leadership group, with the stories.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{
    Drawn, FONT, GREEN, GRID, INK, LABEL_SIZE, NOTE_SIZE, TICK_SIZE, VERMILLION, WIDTH, anchored,
    canvas, cut, font, legend, role_color, subtitle, title,
};
use crate::report::Results;

/// Height of one competency row and one group heading, in pixels.
const ROW: u32 = 22;
const HEADING: u32 = 26;
/// Space below the rows for the x axis (60) and a margin.
const AXIS: u32 = 70;

pub fn draw(res: &Results) -> Drawn {
    let all: Vec<usize> = (0..res.rubric.competencies.len()).collect();
    rows_chart(res, &all, "competencies against each role's bar", false)
}

/// A row per competency in `which` (grouped by group, in rubric order).
/// With `stories`, a column at the right says whether each has evidence.
pub(super) fn rows_chart(res: &Results, which: &[usize], what: &str, stories: bool) -> Drawn {
    let rubric = &res.rubric;
    let bias = rubric.model.self_bias;
    // Rows top to bottom: group headings and competencies.
    enum Row {
        Heading(String),
        Competency(usize),
    }
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
        rows.extend(members.into_iter().map(Row::Competency));
    }
    let headings = rows.iter().filter(|r| matches!(r, Row::Heading(_))).count() as u32;
    // One y unit is one pixel: the plot is exactly as tall as its rows.
    let units = ROW * (rows.len() as u32 - headings) + HEADING * headings;
    let mut items: Vec<(String, ShapeStyle)> = vec![("Your level".into(), INK.filled())];
    items.extend(rubric.roles.iter().enumerate().map(|(r, role)| {
        (
            format!("{} bar", cut(&role.title, 30)),
            role_color(r).filled(),
        )
    }));
    items.push(("Gap".into(), VERMILLION.filled()));
    if stories {
        items.push(("Has a story".into(), GREEN.filled()));
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
        legend(root, &items)?;
        let label_width = 300;
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
        let x_desc = match (labels.first(), labels.last()) {
            (Some(lo), Some(hi)) => format!(
                "Level ({} {} … {} {})",
                crate::text::trim_number(min),
                cut(lo, 16),
                crate::text::trim_number(max),
                cut(hi, 16)
            ),
            _ => "Level on the rubric's scale".to_string(),
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
        let mut top = total;
        for row in &rows {
            match row {
                Row::Heading(text) => {
                    let y = top - HEADING as f64 / 2.0 - 2.0;
                    let (_, py) = chart.backend_coord(&(min, y));
                    root.draw(&Text::new(
                        cut(text, 40),
                        (12, py),
                        (FONT, LABEL_SIZE)
                            .into_font()
                            .style(FontStyle::Bold)
                            .color(&INK)
                            .pos(Pos::new(HPos::Left, VPos::Center)),
                    ))?;
                    top -= HEADING as f64;
                }
                Row::Competency(i) => {
                    let c = &rubric.competencies[*i];
                    let y = top - ROW as f64 / 2.0;
                    let (_, py) = chart.backend_coord(&(min, y));
                    root.draw(&Text::new(
                        cut(&c.name, 40),
                        (label_width - 10, py),
                        anchored(TICK_SIZE, HPos::Right, VPos::Center),
                    ))?;
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
                    for (r, bar) in c.bar.iter().enumerate() {
                        if let Some(bar) = bar.filter(|_| c.weight[r] > 0.0) {
                            // Roles with the same bar are drawn side by side.
                            let dx =
                                span * 0.006 * (r as f64 - (rubric.roles.len() as f64 - 1.0) / 2.0);
                            chart.draw_series([PathElement::new(
                                vec![(bar + dx, y - half), (bar + dx, y + half)],
                                role_color(r).stroke_width(4),
                            )])?;
                        }
                    }
                    chart.draw_series([Circle::new((shown, y), 6, INK.filled())])?;
                    if stories {
                        let (px, _) = chart.backend_coord(&(max + span * 0.04, y));
                        let has = c.evidence.is_some();
                        let style = if has {
                            GREEN.filled()
                        } else {
                            VERMILLION.stroke_width(2)
                        };
                        root.draw(&Circle::new((px + 26, py), 6, style))?;
                        root.draw(&Text::new(
                            if has { "story" } else { "none" }.to_string(),
                            (px + 38, py),
                            anchored(NOTE_SIZE, HPos::Left, VPos::Center),
                        ))?;
                    }
                    top -= ROW as f64;
                }
            }
        }
        Ok(())
    })
}
