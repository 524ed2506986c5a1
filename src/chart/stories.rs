//! `stories.svg`: the story bank as a matrix — a row per Leadership
//! Principle, a column per story. A dot where a story names a principle; a
//! green square where the loop plan tells that story for that principle;
//! principles no story names are flagged in red. Drawn only when the
//! rubric has stories.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::{
    GREEN, GREY, GRID, INK, NOTE_SIZE, Svg, TICK_SIZE, VERMILLION, WIDTH, anchored, canvas, legend,
    legend_bottom, subtitle, title, two_lines,
};
use crate::assessment::Results;
use crate::units::Policy;

/// A story's column and a principle's row, in pixels.
const COL: i32 = 38;
const ROW: i32 = 22;
/// Room for the principles' names, left of the matrix.
const LABEL: i32 = 340;
/// Room for the flag right of the matrix ("none", "shares one").
const FLAG: i32 = 110;
/// Story titles above their columns run on two lines of at most this many
/// pixels (a longer one is cut on the second line), measured with the
/// embedded font.
const TITLE_WIDTH: f64 = 250.0;
/// Rotated lines of a column title, this far apart.
const LINE: i32 = 16;

pub(crate) fn draw(res: &Results, _: &Policy) -> Svg {
    let rubric = &res.rubric;
    let plan = &res.stories;
    let stories = &rubric.stories;
    let heads: Vec<Vec<String>> = stories
        .iter()
        .map(|s| {
            let title = if s.principles.is_empty() {
                format!("{} (draft)", s.title)
            } else {
                s.title.clone()
            };
            two_lines(&title, TITLE_WIDTH, TICK_SIZE, false)
        })
        .collect();
    let longest = heads
        .iter()
        .flatten()
        .map(|h| super::font::width(h, TICK_SIZE, false))
        .fold(0.0, f64::max);
    let header = longest.ceil() as i32 + 16;
    let items: Vec<(String, ShapeStyle)> = vec![
        ("Planned: tell it for this principle".into(), GREEN.filled()),
        ("Dot: names it too".into(), GREY.filled()),
        ("No story names it".into(), VERMILLION.filled()),
    ];
    let top = legend_bottom(&items) + 10;
    let grid_top = top + header;
    let rows = plan.plan.len().max(1) as i32;
    let width = (LABEL + COL * stories.len() as i32 + FLAG).max(WIDTH as i32);
    let height = grid_top + ROW * rows + 50;
    canvas(
        (width as u32, height as u32),
        &title(res, "story bank and loop plan"),
        |root| {
            subtitle(
                root,
                "A row per principle, a column per story. Interviewers compare notes: tell each story once.",
            )?;
            legend(root, &items)?;
            let left = LABEL;
            let right = LABEL + COL * stories.len() as i32;
            // Story titles, read bottom to top above their columns.
            for (s, head) in heads.iter().enumerate() {
                let centre = left + COL * s as i32 + COL / 2;
                let color = if stories[s].principles.is_empty() {
                    GREY
                } else {
                    INK
                };
                // Two lines side by side, the first on the left.
                let first = centre - (head.len() as i32 - 1) * LINE / 2;
                for (k, line) in head.iter().enumerate() {
                    root.draw(&Text::new(
                        line.clone(),
                        (first + LINE * k as i32, grid_top - 6),
                        anchored(TICK_SIZE, HPos::Left, VPos::Center)
                            .transform(FontTransform::Rotate270)
                            .color(&color),
                    ))?;
                }
            }
            if plan.plan.is_empty() {
                root.draw(&Text::new(
                    "No `leadership` group: there are no principles to plan for.".to_string(),
                    (20, grid_top + ROW / 2),
                    anchored(TICK_SIZE, HPos::Left, VPos::Center),
                ))?;
                return Ok(());
            }
            for (row, (((p, own), named), y0)) in plan
                .plan
                .iter()
                .zip(&plan.named_by)
                .zip((0..).map(|r| grid_top + ROW * r))
                .enumerate()
            {
                let y = y0 + ROW / 2;
                if row % 2 == 0 {
                    root.draw(&Rectangle::new(
                        [(20, y0), (right + FLAG - 10, y0 + ROW)],
                        GRID.mix(0.5).filled(),
                    ))?;
                }
                let uncovered = named.is_empty();
                // A principle with no story but an evidence line reads as
                // principles.svg reads it (#24.11: one said "none", the
                // other "evidence").
                let evidence = rubric.competencies[*p]
                    .evidence
                    .as_deref()
                    .is_some_and(|e| !e.trim().is_empty());
                let bare = uncovered && !evidence;
                root.draw(&Text::new(
                    super::font::cut(
                        &rubric.competencies[*p].name,
                        (LABEL - 30) as f64,
                        TICK_SIZE,
                        false,
                    ),
                    (left - 10, y),
                    anchored(TICK_SIZE, HPos::Right, VPos::Center).color(if bare {
                        &VERMILLION
                    } else {
                        &INK
                    }),
                ))?;
                for &s in named {
                    let x = left + COL * s as i32 + COL / 2;
                    if *own == Some(s) {
                        root.draw(&Rectangle::new(
                            [(x - 7, y - 7), (x + 7, y + 7)],
                            GREEN.filled(),
                        ))?;
                    } else {
                        root.draw(&Circle::new((x, y), 4, GREY.filled()))?;
                    }
                }
                let flag = match (own, uncovered, evidence) {
                    (Some(_), _, _) => None,
                    (None, true, true) => Some(("evidence only", GREEN)),
                    (None, true, false) => Some(("none", VERMILLION)),
                    (None, false, _) => Some(("shares one", GREY)),
                };
                if let Some((text, color)) = flag {
                    root.draw(&Text::new(
                        text.to_string(),
                        (right + 12, y),
                        anchored(NOTE_SIZE, HPos::Left, VPos::Center).color(&color),
                    ))?;
                }
            }
            // Column rules, so a dot reads against its story.
            for s in 0..=stories.len() as i32 {
                let x = left + COL * s;
                root.draw(&PathElement::new(
                    vec![(x, grid_top), (x, grid_top + ROW * rows)],
                    GRID.stroke_width(1),
                ))?;
            }
            root.draw(&Text::new(
                format!(
                    "{} of {} principles get a story of their own; a loop asks about {} or so.",
                    plan.own_story,
                    plan.plan.len(),
                    rubric.model.loop_principles
                ),
                (20, grid_top + ROW * rows + 24),
                anchored(TICK_SIZE, HPos::Left, VPos::Center),
            ))?;
            Ok(())
        },
    )
}
