//! `sensitivity.svg`: every strategy's expected value as the sensitivity
//! group's levels shift (left) and as the premium changes (right). Above
//! each panel, DESIGN.md's break-even sentence for the dashed line; where
//! the break-even is null, a note that applying directly wins (or never
//! wins) across the whole range, and no line.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{
    Area, DrawError, FONT, GREY, GRID, HEIGHT, INK, LABEL_SIZE, MoneyScale, NOTE_SIZE, Svg,
    TICK_SIZE, WIDTH, canvas, font, strategy_color, subtitle, title,
};
use crate::assessment::Results;
use crate::rubric::Pay;
use crate::simulate::Sweep;
use crate::text::clean;
use crate::units::Policy;

/// The premium the sweep's break-even is measured from: that of the first
/// role with a fallback (DESIGN.md "Sensitivity"), 0 when it has none.
fn current_premium(res: &Results) -> f64 {
    let roles = &res.rubric.roles;
    roles
        .iter()
        .find(|r| r.fallback.is_some())
        .map_or(0.0, |r| match &r.pay {
            Pay::PremiumOver { premium, .. } => premium.point(),
            Pay::Package(_) => 0.0,
        })
}

pub(crate) fn draw(res: &Results, policy: &Policy) -> Svg {
    let rubric = &res.rubric;
    let group = &rubric.groups[rubric.model.sensitivity_group].title;
    let items: Vec<_> = res
        .strategies
        .iter()
        .enumerate()
        .map(|(i, s)| (s.label.clone(), strategy_color(i).filled()))
        .collect();
    // A legend past two rows (many strategies) makes the canvas taller, so
    // the panels keep their height.
    let more = (super::legend_bottom(&items) - super::LEGEND_TOP - super::LEGEND_ROW - 14).max(0);
    canvas(
        (WIDTH, HEIGHT + VERDICT + more as u32),
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
            let marks: Vec<_> = (0..items.len()).map(super::strategy_mark).collect();
            let below = super::legend_marked(root, &items, &marks)?;
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
            let shift_desc = format!("Shift of {} levels (scale points)", clean(group));
            let shift_desc = if super::font::width(&shift_desc, LABEL_SIZE - 2.0, false)
                > f64::from(WIDTH / 2) - 80.0
            {
                "Shift of the group's levels (scale points)".to_string()
            } else {
                shift_desc
            };
            panel(
                &left,
                res,
                policy,
                &res.sensitivity.shift,
                (&shift_desc, 0.0),
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
                ("Pay premium (%)", current_premium(res)),
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
    (x_desc, here): (&str, f64),
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
    let scale = MoneyScale::for_max(lo.abs().max(hi.abs()), policy);
    let tick = |v: f64| {
        if !withheld {
            scale.tick(v)
        } else if v.fract() == 0.0 && (1.0..=n as f64).contains(&v) {
            format!("#{}", n + 1 - v as usize)
        } else {
            String::new()
        }
    };
    let ticks = super::font::width(&tick(hi), TICK_SIZE - 1.0, false).ceil() as u32;
    let mut chart = ChartBuilder::on(&area)
        .margin(12)
        .x_label_area_size(46)
        .y_label_area_size((ticks + 40).max(70))
        .build_cartesian_2d(super::axis(x_lo, x_hi), super::axis(lo - pad, hi + pad))?;
    chart
        .configure_mesh()
        .x_labels(5)
        .y_labels(6)
        .x_desc(x_desc)
        .y_desc(if withheld {
            "Rank (values withheld)".to_string()
        } else {
            scale.desc_short("Expected value")
        })
        .axis_desc_style(font(LABEL_SIZE - 2.0))
        .label_style(font(TICK_SIZE - 1.0))
        .light_line_style(WHITE.mix(0.0))
        .bold_line_style(GRID)
        .x_label_formatter(&|v| fmt_x(*v))
        .y_label_formatter(&|v| tick(*v))
        .draw()?;
    for (i, _) in res.strategies.iter().enumerate() {
        let points: Vec<(f64, f64)> = sweep
            .x
            .iter()
            .zip(&sweep.ev)
            .map(|(x, ev)| (*x, plotted(ev, i)))
            .collect();
        chart.draw_series(LineSeries::new(
            points.clone(),
            strategy_color(i).stroke_width(3),
        ))?;
        if let Some(mark) = super::strategy_mark(i) {
            // Every fourth point, staggered by strategy so marks on lines
            // that coincide do not hide each other.
            for p in points.iter().skip(i % 4).step_by(4) {
                let at = super::local(&area, chart.backend_coord(p));
                super::draw_mark(&area, at, mark)?;
            }
        }
    }
    // "You are here" (#24.11): the current levels (a shift of 0) and the
    // current premium, a thin grey line with its words at the top.
    let (y_lo, y_hi) = (lo - pad, hi + pad);
    chart.draw_series([PathElement::new(
        vec![(here, y_lo), (here, y_hi)],
        GREY.stroke_width(1),
    )])?;
    let (px, py) = super::local(&area, chart.backend_coord(&(here, y_hi)));
    let (x_right, _) = super::local(&area, chart.backend_coord(&(x_hi, y_hi)));
    let words = "you are here";
    let room = super::font::width(words, NOTE_SIZE, false);
    let (at, anchor) = if f64::from(x_right - px) > room + 8.0 {
        (px + 4, HPos::Left)
    } else {
        (px - 4, HPos::Right)
    };
    area.draw(&Text::new(
        words,
        (at, py + 2),
        (FONT, NOTE_SIZE)
            .into_font()
            .color(&GREY)
            .pos(Pos::new(anchor, VPos::Top)),
    ))?;
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
