//! `funnel.svg`: for each role and stage, the chance of reaching the stage
//! (light bar) and of getting through it (dark bar); then the offer, and
//! the offer once the application is picked (`I_r`, past the screening).

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::{
    HEIGHT, NOTE_SIZE, Svg, WIDTH, anchored, canvas, category_chart, cut, legend, role_color,
    subtitle, title,
};
use crate::assessment::Results;
use crate::text::percent;
use crate::units::Policy;

pub fn draw(res: &Results, _: &Policy) -> Svg {
    let rubric = &res.rubric;
    let a = &res.assessment;
    let n_roles = rubric.roles.len();
    let mut categories: Vec<String> = rubric
        .stages
        .iter()
        .map(|s| {
            if s.count > 1 {
                format!("{} (×{})", s.name, s.count)
            } else {
                s.name.clone()
            }
        })
        .collect();
    categories.push("Offer".into());
    let picked = rubric.stages.len() > 1;
    if picked {
        categories.push("Offer if picked".into());
    }
    canvas((WIDTH, HEIGHT), &title(res, "hiring funnel"), |root| {
        subtitle(
            root,
            &inclined_key(res).unwrap_or_else(|| {
                "Light: chance to reach a stage. Dark: to get through it. Then the offer, and the offer once past the screening.".into()
            }),
        )?;
        let items: Vec<_> = rubric
            .roles
            .iter()
            .enumerate()
            .flat_map(|(r, role)| {
                [
                    (
                        format!("{} — reach", cut(&role.title, 36)),
                        role_color(r).mix(0.35).filled(),
                    ),
                    (
                        format!("{} — through", cut(&role.title, 36)),
                        role_color(r).filled(),
                    ),
                ]
            })
            .collect();
        let below = legend(root, &items)?;
        let mut chart =
            category_chart(root, below, &categories, (1.08, 1.0), "Chance (%)", &|v| {
                format!("{:.0}%", v * 100.0)
            })?;
        let slot = 0.8 / n_roles as f64;
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
                chart.draw_series([Rectangle::new(
                    [(x0, 0.0), (x1, through)],
                    role_color(r).filled(),
                )])?;
                // The label belongs to the dark bar; on the light one it stays readable.
                let top = through;
                chart.draw_series([Text::new(
                    percent(through),
                    ((x0 + x1) / 2.0, top + 0.012),
                    anchored(
                        if n_roles > 2 {
                            NOTE_SIZE - 2.0
                        } else {
                            NOTE_SIZE
                        },
                        HPos::Center,
                        VPos::Bottom,
                    ),
                )])?;
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
        "Chance a vote is inclined ({}): {}.",
        roles.join(" / "),
        stages.join(" · ")
    ))
}
