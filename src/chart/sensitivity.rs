//! `sensitivity.svg`: every strategy's expected value as the sensitivity
//! group's levels shift (left) and as the premium changes (right), with the
//! break-even points marked.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{
    Area, DrawError, Drawn, FONT, GREY, GRID, HEIGHT, INK, LABEL_SIZE, NOTE_SIZE, TICK_SIZE, WIDTH,
    canvas, cut, font, legend, strategy_color, subtitle, title,
};
use crate::report::Results;
use crate::simulate::Sweep;
use crate::text::money;

pub fn draw(res: &Results) -> Drawn {
    let rubric = &res.rubric;
    let group = &rubric.groups[rubric.model.sensitivity_group].title;
    canvas(
        (WIDTH, HEIGHT),
        &title(res, "what would change the answer"),
        |root| {
            subtitle(
                root,
                "Expected value of each strategy; dashed: where applying directly overtakes the fallback route.",
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
            panel(
                &left,
                res,
                &res.sensitivity.shift,
                &format!("Shift of {} levels (scale points)", cut(group, 24)),
                &|x| crate::text::trim_number(x),
            )?;
            panel(
                &right,
                res,
                &res.sensitivity.premium,
                "Pay premium (%)",
                &|x| format!("{:.0}%", x * 100.0),
            )?;
            Ok(())
        },
    )
}

fn panel(
    area: &Area,
    res: &Results,
    sweep: &Sweep,
    x_desc: &str,
    fmt_x: &dyn Fn(f64) -> String,
) -> Result<(), DrawError> {
    let (x_lo, x_hi) = (
        sweep.x.first().copied().unwrap_or(0.0),
        sweep.x.last().copied().unwrap_or(1.0),
    );
    let (lo, hi) = sweep
        .ev
        .iter()
        .flatten()
        .fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(*v), hi.max(*v)));
    let pad = ((hi - lo) * 0.08).max(1.0);
    let mut chart = ChartBuilder::on(area)
        .margin(12)
        .x_label_area_size(46)
        .y_label_area_size(92)
        .build_cartesian_2d(super::axis(x_lo, x_hi), super::axis(lo - pad, hi + pad))?;
    chart
        .configure_mesh()
        .x_labels(5)
        .y_labels(6)
        .x_desc(x_desc)
        .y_desc("Expected value")
        .axis_desc_style(font(LABEL_SIZE - 2.0))
        .label_style(font(TICK_SIZE - 1.0))
        .light_line_style(WHITE.mix(0.0))
        .bold_line_style(GRID)
        .x_label_formatter(&|v| fmt_x(*v))
        .y_label_formatter(&|v| money(*v))
        .draw()?;
    for (i, _) in res.strategies.iter().enumerate() {
        let points: Vec<(f64, f64)> = sweep
            .x
            .iter()
            .zip(&sweep.ev)
            .map(|(x, ev)| (*x, ev[i]))
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
        let (anchor, dx) = if x > (x_lo + x_hi) / 2.0 {
            (HPos::Right, -(x_hi - x_lo) * 0.015)
        } else {
            (HPos::Left, (x_hi - x_lo) * 0.015)
        };
        chart.draw_series([Text::new(
            format!("break-even {}", fmt_x(x)),
            (x + dx, hi + pad * 0.5),
            (FONT, NOTE_SIZE)
                .into_font()
                .color(&INK)
                .pos(Pos::new(anchor, VPos::Center)),
        )])?;
    } else {
        chart.draw_series([Text::new(
            "no break-even in this range".to_string(),
            (x_lo + (x_hi - x_lo) * 0.02, hi + pad * 0.5),
            (FONT, NOTE_SIZE)
                .into_font()
                .color(&GREY)
                .pos(Pos::new(HPos::Left, VPos::Center)),
        )])?;
    }
    Ok(())
}
