//! `fit.svg`: each role's fit with its p05–p95 range, and the group
//! sub-scores, bars side by side per role.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::{
    HEIGHT, INK, Svg, TICK_SIZE, WIDTH, anchored, canvas, category_chart, role_color, subtitle,
    title,
};
use crate::assessment::Results;
use crate::units::Policy;

pub(crate) fn draw(res: &Results, _: &Policy) -> Svg {
    let rubric = &res.rubric;
    let a = &res.assessment;
    let n_roles = rubric.roles.len();
    // Categories: the overall fit, then each group.
    let mut categories = vec!["Overall fit".to_string()];
    categories.extend(rubric.groups.iter().map(|g| g.title.clone()));
    canvas(
        (WIDTH, HEIGHT),
        &title(res, "fit by role (0–100)"),
        |root| {
            subtitle(
                root,
                "Bars: your fit. Black whiskers: the middle 90% of simulated self-assessments.",
            )?;
            let items: Vec<_> = rubric
                .roles
                .iter()
                .enumerate()
                .map(|(r, role)| (role.title.clone(), role_color(r).filled()))
                .collect();
            let marks: Vec<_> = (0..n_roles).map(super::role_mark).collect();
            let below = super::legend_marked(root, &items, &marks)?;
            let mut chart = category_chart(
                root,
                below,
                &categories,
                (106.0, 100.0),
                "Fit (0–100)",
                &|v| format!("{v:.0}"),
            )?;
            let slot = 0.76 / n_roles as f64;
            for c in 0..categories.len() {
                for r in 0..n_roles {
                    let value = if c == 0 {
                        Some(res.dist.fit[r].point)
                    } else {
                        a.roles[r].groups[c - 1]
                    };
                    let Some(value) = value else { continue };
                    let x0 = c as f64 + 0.12 + slot * r as f64;
                    let x1 = x0 + slot * 0.9;
                    chart.draw_series([Rectangle::new(
                        [(x0, 0.0), (x1, value)],
                        role_color(r).filled(),
                    )])?;
                    let mid = (x0 + x1) / 2.0;
                    let mut top = value;
                    if c == 0 {
                        let s = res.dist.fit[r];
                        if s.p95 > s.p05 {
                            let whisker = [(mid, s.p05), (mid, s.p95)];
                            let cap = slot * 0.2;
                            chart.draw_series([
                                PathElement::new(whisker.to_vec(), INK.stroke_width(2)),
                                PathElement::new(
                                    vec![(mid - cap, s.p05), (mid + cap, s.p05)],
                                    INK.stroke_width(2),
                                ),
                                PathElement::new(
                                    vec![(mid - cap, s.p95), (mid + cap, s.p95)],
                                    INK.stroke_width(2),
                                ),
                            ])?;
                            top = top.max(s.p95);
                        }
                    }
                    if let Some(mark) = super::role_mark(r) {
                        let (px, py) = super::local(root, chart.backend_coord(&(mid, value)));
                        let (l, _) = chart.backend_coord(&(x0, 0.0));
                        let (rt, _) = chart.backend_coord(&(x1, 0.0));
                        let r = ((rt - l) / 2 - 1).clamp(2, 5);
                        super::draw_mark_sized(root, (px, py + r + 3), mark, r)?;
                    }
                    // The number over the bar, where the bar is as wide as it.
                    let text = format!("{value:.0}");
                    let (left, _) = chart.backend_coord(&(x0, 0.0));
                    let (right, _) = chart.backend_coord(&(x0 + slot, 0.0));
                    if f64::from(right - left) >= super::font::width(&text, TICK_SIZE, false) + 2.0
                    {
                        chart.draw_series([Text::new(
                            text,
                            (mid, top + 1.5),
                            anchored(TICK_SIZE, HPos::Center, VPos::Bottom),
                        )])?;
                    }
                }
            }
            Ok(())
        },
    )
}
