//! `funnel.svg`: for each role and stage, the chance of reaching the stage
//! (light bar) and of getting through it (dark bar); then the offer, and,
//! set apart (hollow, past a dashed line: it is another measure, not a
//! further stage), the offer once the application is picked (`I_r`, past
//! the screening). When the bars would be too thin for their numbers or
//! the stage names too long for their columns (#23.14: 3 roles × 12 stages
//! overlapped, 20 × 100 was a solid band), small multiples instead: a
//! panel per role with its chance of reaching each stage, the offer and the
//! offer once picked written above it, and the stages named in a key.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{
    Area, DrawError, FONT, GREY, GRID, HEIGHT, INK, NOTE_SIZE, Svg, TICK_SIZE, WIDTH, anchored,
    canvas, category_chart, font, legend, legend_bottom, role_color, subtitle, title,
};
use crate::assessment::Results;
use crate::text::{clean, percent};
use crate::units::Policy;

/// Stage names, with the number of sessions where there are several.
fn stage_names(res: &Results) -> Vec<String> {
    res.rubric
        .stages
        .iter()
        .map(|s| {
            if s.count > 1 {
                format!("{} (×{})", clean(&s.name), s.count)
            } else {
                clean(&s.name)
            }
        })
        .collect()
}

/// The size of the percentages over the bars.
fn number_size(n_roles: usize) -> f64 {
    if n_roles > 2 {
        NOTE_SIZE - 2.0
    } else {
        NOTE_SIZE
    }
}

/// Whether the bar layout keeps every number and stage name whole: a bar
/// as wide as ">99%", each name within two lines of its column.
fn bars_fit(res: &Results, categories: &[String]) -> bool {
    let n_roles = res.rubric.roles.len();
    // The plot is the canvas less the value axis and the margins.
    let column = f64::from(WIDTH - 100) / categories.len() as f64;
    let slot = column * 0.8 / n_roles as f64;
    let number = font::width(">99%", number_size(n_roles), false);
    slot >= number + 2.0
        && categories.iter().all(|c| {
            font::wrap(c, column - 6.0, TICK_SIZE, false, 2)
                .iter()
                .all(|l| !l.ends_with('…'))
        })
}

pub(crate) fn draw(res: &Results, _: &Policy) -> Svg {
    let mut categories = stage_names(res);
    categories.push("Offer".into());
    let picked = res.rubric.stages.len() > 1;
    if picked {
        categories.push("Offer if picked".into());
    }
    if bars_fit(res, &categories) {
        bars(res, &categories, picked)
    } else {
        panels(res, picked)
    }
}

fn bars(res: &Results, categories: &[String], picked: bool) -> Svg {
    let rubric = &res.rubric;
    let a = &res.assessment;
    let n_roles = rubric.roles.len();
    canvas((WIDTH, HEIGHT), &title(res, "hiring funnel"), |root| {
        subtitle(
            root,
            if picked {
                "Light: chance to reach a stage. Dark: to get through it. Then the offer. Hollow, set apart: the offer once past the screening."
            } else {
                "Light: chance to reach a stage. Dark: to get through it. Then the offer."
            },
        )?;
        let mut items: Vec<_> = rubric
            .roles
            .iter()
            .enumerate()
            .flat_map(|(r, role)| {
                [
                    (
                        format!("{} — reach", role.title),
                        role_color(r).mix(0.35).filled(),
                    ),
                    (format!("{} — through", role.title), role_color(r).filled()),
                ]
            })
            .collect();
        // The voted stages' key, as a legend line of its own (it wraps).
        if let Some(key) = inclined_key(res) {
            items.push((key, role_color(0).mix(0.0).filled()));
        }
        let below = legend(root, &items)?;
        let mut chart = category_chart(root, below, categories, (1.08, 1.0), "Chance (%)", &|v| {
            format!("{:.0}%", v * 100.0)
        })?;
        let slot = 0.8 / n_roles as f64;
        let last = categories.len() - 1;
        for c in 0..categories.len() {
            for (r, role) in a.roles.iter().enumerate() {
                let x0 = c as f64 + 0.1 + slot * r as f64;
                let x1 = x0 + slot * 0.9;
                let stages = role.stages.len();
                let (reach, through) = match role.stages.get(c) {
                    Some(st) => (Some(st.reach), st.reach * st.pass),
                    None if c == stages => (None, role.offer),
                    None => (None, role.interviewed),
                };
                if let Some(reach) = reach {
                    chart.draw_series([Rectangle::new(
                        [(x0, 0.0), (x1, reach)],
                        role_color(r).mix(0.35).filled(),
                    )])?;
                }
                let style = if picked && c == last {
                    role_color(r).stroke_width(2)
                } else {
                    role_color(r).filled()
                };
                chart.draw_series([Rectangle::new([(x0, 0.0), (x1, through)], style)])?;
                chart.draw_series([Text::new(
                    percent(through),
                    ((x0 + x1) / 2.0, through + 0.012),
                    anchored(number_size(n_roles), HPos::Center, VPos::Bottom),
                )])?;
            }
        }
        if picked {
            // Set apart: a dashed line between the offer and the offer once
            // picked, which is a share of fewer people, not a later stage.
            let x = last as f64;
            let dashes = (0..18).filter(|k| k % 2 == 0).map(|k| {
                let y0 = 1.08 * f64::from(k) / 18.0;
                PathElement::new(vec![(x, y0), (x, y0 + 1.08 / 18.0)], GREY.stroke_width(1))
            });
            chart.draw_series(dashes)?;
        }
        Ok(())
    })
}

/// The height of one role's panel, in pixels.
const PANEL: u32 = 190;
/// Panels side by side.
const ACROSS: usize = 3;
/// A row of the stage key.
const KEY_ROW: i32 = 17;

/// The stage key's entries laid out left to right in columns of equal
/// width, each entry on as many lines as it needs: `(lines, x, y)`.
fn key_layout(names: &[String]) -> (Vec<(Vec<String>, i32, i32)>, i32) {
    let widest = names
        .iter()
        .enumerate()
        .map(|(s, n)| font::width(&format!("{} {n}", s + 1), NOTE_SIZE, false))
        .fold(0.0, f64::max);
    let usable = f64::from(WIDTH - 40);
    let columns = ((usable / (widest + 16.0)).floor() as usize).clamp(1, 6);
    let column = usable / columns as f64;
    let mut out = Vec::new();
    let mut y = 0;
    for row in names.chunks(columns).enumerate() {
        let (r, chunk) = row;
        let mut tallest = 1;
        for (k, name) in chunk.iter().enumerate() {
            let s = r * columns + k;
            let lines = super::wrap_all(
                &format!("{} {name}", s + 1),
                column - 12.0,
                NOTE_SIZE,
                false,
            );
            tallest = tallest.max(lines.len() as i32);
            out.push((lines, 20 + (column * k as f64) as i32, y));
        }
        y += KEY_ROW * tallest;
    }
    (out, y)
}

fn panels(res: &Results, picked: bool) -> Svg {
    let rubric = &res.rubric;
    let names = stage_names(res);
    let n_roles = rubric.roles.len();
    let across = n_roles.min(ACROSS);
    let rows = n_roles.div_ceil(across);
    let (key, key_height) = key_layout(&names);
    let items = vec![(
        "Chance to reach each stage, then the offer (the last point)".to_string(),
        GREY.mix(0.5).filled(),
    )];
    let top = legend_bottom(&items) + 4;
    let height = top as u32 + PANEL * rows as u32 + 34 + key_height.max(0) as u32 + 16;
    canvas((WIDTH, height), &title(res, "hiring funnel"), |root| {
        subtitle(
            root,
            "One panel per role: the chance to reach each stage (numbered; names below), then the offer.",
        )?;
        legend(root, &items)?;
        let body = root.margin(top as u32, 0, 10, 10);
        let (grid, rest) = body.split_vertically(PANEL * rows as u32);
        let cells = grid.split_evenly((rows, across));
        for (r, cell) in cells.iter().enumerate().take(n_roles) {
            panel(cell, res, r, picked)?;
        }
        rest.draw(&Text::new(
            "Stages",
            (10, 8),
            (FONT, NOTE_SIZE)
                .into_font()
                .style(FontStyle::Bold)
                .color(&INK)
                .pos(Pos::new(HPos::Left, VPos::Top)),
        ))?;
        for (lines, x, y) in key {
            for (k, line) in lines.into_iter().enumerate() {
                rest.draw(&Text::new(
                    line,
                    (x - 10, 30 + y + KEY_ROW * k as i32),
                    anchored(NOTE_SIZE, HPos::Left, VPos::Top),
                ))?;
            }
        }
        Ok(())
    })
}

/// The subtitle where some stage is voted: the chance one vote of each
/// voted stage is inclined, per role (the funnel's key, DESIGN.md v3).
fn inclined_key(res: &Results) -> Option<String> {
    let rubric = &res.rubric;
    if !rubric.voted() {
        return None;
    }
    let roles: Vec<&str> = rubric.roles.iter().map(|r| r.id.as_str()).collect();
    let stages: Vec<String> = rubric
        .stages
        .iter()
        .enumerate()
        .filter(|(_, s)| s.vote.is_some())
        .map(|(k, s)| {
            let chances: Vec<String> = res
                .assessment
                .roles
                .iter()
                .map(|o| format!("{:.0}%", o.stages[k].score))
                .collect();
            format!("{} {}", s.name, chances.join(" / "))
        })
        .collect();
    Some(format!(
        "The chance a vote is inclined ({}): {}.",
        roles.join(" / "),
        stages.join(" · ")
    ))
}

/// One role's panel: its title and figures on top, the chance to reach
/// stage 1 … n and the offer below.
fn panel(area: &Area, res: &Results, r: usize, picked: bool) -> Result<(), DrawError> {
    let role = &res.assessment.roles[r];
    let (w, _) = area.dim_in_pixel();
    let color = role_color(r);
    let mut head = super::wrap_all(
        &clean(&res.rubric.roles[r].title),
        f64::from(w) - 16.0,
        NOTE_SIZE,
        true,
    );
    head.truncate(2);
    let figures = if picked {
        format!(
            "offer {} · once picked {}",
            percent(role.offer),
            percent(role.interviewed)
        )
    } else {
        format!("offer {}", percent(role.offer))
    };
    let mut lines: Vec<(String, bool)> = head.into_iter().map(|l| (l, true)).collect();
    lines.push((figures, false));
    for (k, (line, bold)) in lines.iter().enumerate() {
        let style = if *bold {
            (FONT, NOTE_SIZE)
                .into_font()
                .style(FontStyle::Bold)
                .color(&INK)
        } else {
            (FONT, NOTE_SIZE).into_font().color(&INK)
        };
        area.draw(&Text::new(
            line.clone(),
            (8, 4 + 16 * k as i32),
            style.pos(Pos::new(HPos::Left, VPos::Top)),
        ))?;
    }
    let n = role.stages.len();
    let head_room = 8 + 16 * lines.len() as u32;
    let mut chart = ChartBuilder::on(area)
        .margin_top(head_room)
        .margin_left(6)
        .margin_right(14)
        .margin_bottom(6)
        .x_label_area_size(22)
        .y_label_area_size(40)
        .build_cartesian_2d(super::axis(0.5, n as f64 + 1.5), super::axis(0.0, 1.05))?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels((n + 1).min(8))
        .y_labels(3)
        .label_style(font_of(TICK_SIZE - 3.0))
        .light_line_style(WHITE.mix(0.0))
        .bold_line_style(GRID)
        .x_label_formatter(&|v| {
            let s = v.round();
            if (v - s).abs() > 1e-6 || s < 1.0 || s > n as f64 {
                String::new()
            } else {
                format!("{s:.0}")
            }
        })
        .y_label_formatter(&|v| format!("{:.0}%", v * 100.0))
        .draw()?;
    let mut points: Vec<(f64, f64)> = role
        .stages
        .iter()
        .enumerate()
        .map(|(s, st)| ((s + 1) as f64, st.reach))
        .collect();
    points.push(((n + 1) as f64, role.offer));
    let mut shape = points.clone();
    shape.push(((n + 1) as f64, 0.0));
    shape.push((1.0, 0.0));
    chart.draw_series([Polygon::new(shape, color.mix(0.3).filled())])?;
    chart.draw_series(LineSeries::new(points.clone(), color.stroke_width(2)))?;
    if let Some(&(x, y)) = points.last() {
        chart.draw_series([Circle::new((x, y), 4, color.filled())])?;
    }
    Ok(())
}

fn font_of(size: f64) -> TextStyle<'static> {
    super::font(size)
}
