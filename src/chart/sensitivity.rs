//! `sensitivity.svg`: every strategy's expected value as the sensitivity
//! group's levels shift (left) and as the premium changes (right). Above
//! each panel, DESIGN.md's break-even sentence for the dashed line; where
//! the break-even is null, a note that applying directly wins (or never
//! wins) across the whole range, and no line.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{
    Area, DrawError, FONT, GRID, HEIGHT, INK, LABEL_SIZE, NOTE_SIZE, Svg, TICK_SIZE, WIDTH, canvas,
    cut, font, legend, strategy_color, subtitle, title,
};
use crate::assessment::Results;
use crate::simulate::Sweep;
use crate::text::{clean, money};
use crate::units::Policy;

pub fn draw(res: &Results, policy: &Policy) -> Svg {
    let rubric = &res.rubric;
    let group = &rubric.groups[rubric.model.sensitivity_group].title;
    canvas(
        (WIDTH, HEIGHT + VERDICT),
        &title(res, "what would change the answer"),
        |root| {
            subtitle(
                root,
                if policy.withholds() {
                    "Each strategy's rank (the top line wins); dashed: the break-even, where applying directly starts or stops winning."
                } else {
                    "Expected value of each strategy; dashed: the break-even, where applying directly starts or stops winning."
                },
            )?;
            let items: Vec<_> = res
                .strategies
                .iter()
                .enumerate()
                .map(|(i, s)| (cut(&s.label, 70), strategy_color(i).filled()))
                .collect();
            let below = legend(root, &items)?;
            let body = root.margin((below + 4) as u32, 0, 0, 0);
            let (left, right) = body.split_horizontally(WIDTH / 2);
            let group_lower = crate::text::lower_first(&clean(group));
            let by = |x: f64| {
                format!(
                    "if your {group_lower} levels were {} scale point{} {}",
                    crate::text::trim_number(x.abs()),
                    if x.abs() == 1.0 { "" } else { "s" },
                    if x < 0.0 { "lower" } else { "higher" }
                )
            };
            let pct = |x: f64| format!("at a {:.0}% premium", x * 100.0);
            panel(
                &left,
                res,
                policy,
                &res.sensitivity.shift,
                &format!("Shift of {} levels (scale points)", cut(group, 24)),
                &|x| crate::text::trim_number(x),
                &verdict(
                    res.sensitivity.wins_now,
                    res.sensitivity.shift.break_even,
                    &by,
                ),
            )?;
            panel(
                &right,
                res,
                policy,
                &res.sensitivity.premium,
                "Pay premium (%)",
                &|x| format!("{:.0}%", x * 100.0),
                &verdict(
                    res.sensitivity.wins_now,
                    res.sensitivity.premium.break_even,
                    &pct,
                ),
            )?;
            Ok(())
        },
    )
}

/// What a panel says about its break-even (DESIGN.md "Sensitivity"): the
/// sentence for the dashed line, or a note where there is no line.
fn verdict(wins_now: Option<bool>, break_even: Option<f64>, at: &dyn Fn(f64) -> String) -> String {
    match (wins_now, break_even) {
        (None, _) => "No role has a fallback: no break-even to show.".into(),
        (Some(true), Some(x)) => format!(
            "Dashed: applying directly wins now and would stop winning {}.",
            at(x)
        ),
        (Some(false), Some(x)) => {
            format!("Dashed: applying directly would start winning {}.", at(x))
        }
        (Some(true), None) => "Applying directly wins across the whole range.".into(),
        (Some(false), None) => "Applying directly never wins on this range.".into(),
    }
}

/// Height of the band above a panel for its verdict (three lines).
const VERDICT: u32 = 46;

fn panel(
    area: &Area,
    res: &Results,
    policy: &Policy,
    sweep: &Sweep,
    x_desc: &str,
    fmt_x: &dyn Fn(f64) -> String,
    verdict: &str,
) -> Result<(), DrawError> {
    let (w, _) = area.dim_in_pixel();
    for (k, line) in super::font::wrap(verdict, f64::from(w) - 40.0, NOTE_SIZE, false, 3)
        .iter()
        .enumerate()
    {
        area.draw(&Text::new(
            line.clone(),
            (24, 2 + 15 * k as i32),
            (FONT, NOTE_SIZE)
                .into_font()
                .color(&INK)
                .pos(Pos::new(HPos::Left, VPos::Top)),
        ))?;
    }
    let area = area.margin(VERDICT, 0, 0, 0);
    let (x_lo, x_hi) = (
        sweep.x.first().copied().unwrap_or(0.0),
        sweep.x.last().copied().unwrap_or(1.0),
    );
    // Under --redact the values are withheld and each strategy's rank at
    // each point is drawn instead (the top line wins there): where the
    // winner changes stays.
    let withheld = policy.withholds();
    let n = res.strategies.len();
    let plotted = |ev: &[f64], i: usize| {
        if withheld {
            (n - ev.iter().filter(|v| **v > ev[i]).count()) as f64
        } else {
            ev[i]
        }
    };
    let (lo, hi) = if withheld {
        (1.0, n as f64)
    } else {
        sweep
            .ev
            .iter()
            .flatten()
            .fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(*v), hi.max(*v)))
    };
    let pad = if withheld {
        0.4
    } else {
        ((hi - lo) * 0.08).max(1.0)
    };
    let mut chart = ChartBuilder::on(&area)
        .margin(12)
        .x_label_area_size(46)
        .y_label_area_size(92)
        .build_cartesian_2d(super::axis(x_lo, x_hi), super::axis(lo - pad, hi + pad))?;
    chart
        .configure_mesh()
        .x_labels(5)
        .y_labels(6)
        .x_desc(x_desc)
        .y_desc(if withheld {
            "Rank (values withheld)"
        } else {
            "Expected value"
        })
        .axis_desc_style(font(LABEL_SIZE - 2.0))
        .label_style(font(TICK_SIZE - 1.0))
        .light_line_style(WHITE.mix(0.0))
        .bold_line_style(GRID)
        .x_label_formatter(&|v| fmt_x(*v))
        .y_label_formatter(&|v| {
            if !withheld {
                money(policy, *v)
            } else if v.fract() == 0.0 && (1.0..=n as f64).contains(v) {
                format!("#{}", n + 1 - *v as usize)
            } else {
                String::new()
            }
        })
        .draw()?;
    for (i, _) in res.strategies.iter().enumerate() {
        let points: Vec<(f64, f64)> = sweep
            .x
            .iter()
            .zip(&sweep.ev)
            .map(|(x, ev)| (*x, plotted(ev, i)))
            .collect();
        chart.draw_series(LineSeries::new(points, strategy_color(i).stroke_width(3)))?;
    }
    if let Some(x) = sweep.break_even {
        let dashes: Vec<PathElement<(f64, f64)>> = (0..20)
            .filter(|k| k % 2 == 0)
            .map(|k| {
                let y0 = lo - pad + (hi - lo + 2.0 * pad) * k as f64 / 20.0;
                let y1 = lo - pad + (hi - lo + 2.0 * pad) * (k + 1) as f64 / 20.0;
                PathElement::new(vec![(x, y0), (x, y1)], INK.stroke_width(2))
            })
            .collect();
        chart.draw_series(dashes)?;
    }
    Ok(())
}
