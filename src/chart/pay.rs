//! `pay.svg`: every strategy's expected pay in each calendar year from
//! today, as bars grouped by year (one colour per strategy, staying grey,
//! the reference), with the total over the horizon in the legend.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{
    HEIGHT, MoneyScale, Svg, WIDTH, canvas, category_chart, legend_bottom, strategy_color,
    subtitle, title,
};
use crate::assessment::Results;
use crate::text::year_label;
use crate::text::{money, years};
use crate::units::Policy;

/// The size of the amounts written up the bars.
const BAR_TEXT: f64 = 12.0;

/// Text that reads on a bar of `color`: white on the dark colours, ink on
/// the light ones.
fn on(color: RGBColor) -> RGBColor {
    let RGBColor(r, g, b) = color;
    let luma = 0.299 * f64::from(r) + 0.587 * f64::from(g) + 0.114 * f64::from(b);
    if luma > 140.0 { super::INK } else { WHITE }
}

pub(crate) fn draw(res: &Results, policy: &Policy) -> Svg {
    let a = &res.assessment;
    let horizon = res.rubric.model.horizon_years;
    let n_years = a.strategies[0].by_year.len();
    let n = a.strategies.len();
    // With many years, label every k-th group (always the first), and by
    // its number alone once "Year 12" would not fit its columns (#23.14: a
    // horizon of 28 years turned every label into "…"); the axis title
    // then says what the numbers are.
    let every = n_years.div_ceil(12).max(1);
    let numbered = n_years > 8;
    let labels: Vec<String> = (1..=n_years)
        .map(|y| {
            if (y - 1) % every != 0 {
                String::new()
            } else if numbered {
                y.to_string()
            } else {
                year_label(y, horizon)
            }
        })
        .collect();
    let items: Vec<_> = res
        .strategies
        .iter()
        .zip(&a.strategies)
        .enumerate()
        .map(|(i, (s, o))| {
            let mark = if i == a.recommendation { "▸ " } else { "" };
            (
                format!("{mark}{} · {}", s.label, money(policy, o.ev)),
                strategy_color(i).filled(),
            )
        })
        .collect();
    // One more legend row than the standard chart's leaves the same room
    // for the bars.
    let height = HEIGHT + (legend_bottom(&items) - super::LEGEND_TOP - 14).max(0) as u32;
    let y_max = a
        .strategies
        .iter()
        .flat_map(|s| s.by_year.iter().copied())
        .fold(0.0_f64, f64::max)
        .max(1.0)
        * 1.08;
    canvas(
        (WIDTH, height),
        &title(res, "expected pay per year"),
        |root| {
            subtitle(
                root,
                &format!(
                    "Each year from today, weighted by the chance of each outcome. Grey: stay. {} Legend: total over {}.",
                    if res.close_call {
                        "▸ first (too close to call)."
                    } else {
                        "▸ recommended."
                    },
                    years(horizon, false)
                ),
            )?;
            let marks: Vec<_> = (0..n).map(super::strategy_mark).collect();
            let below = super::legend_marked(root, &items, &marks)?;
            let scale = MoneyScale::for_max(y_max, policy);
            let mut chart = category_chart(
                root,
                below,
                &labels,
                (y_max, y_max),
                &scale.desc("Expected pay in the year"),
                &|v| scale.tick(v),
            )?;
            if numbered {
                let (_, bottom) = super::local(root, chart.backend_coord(&(0.0, 0.0)));
                root.draw(&Text::new(
                    format!("Year from today (1 to {n_years})"),
                    (WIDTH as i32 / 2 + 30, bottom + 30),
                    super::anchored(super::NOTE_SIZE, HPos::Center, VPos::Top),
                ))?;
            }
            let slot = 0.8 / n as f64;
            for y in 0..n_years {
                for (i, s) in a.strategies.iter().enumerate() {
                    let x0 = y as f64 + 0.1 + slot * i as f64;
                    let x1 = x0 + slot * 0.85;
                    let value = s.by_year[y];
                    let color = strategy_color(i);
                    chart
                        .draw_series([Rectangle::new([(x0, 0.0), (x1, value)], color.filled())])?;
                    // The amount up the bar, where the bar has room for it.
                    let (left, top) = super::local(root, chart.backend_coord(&(x0, value)));
                    let (right, bottom) = super::local(root, chart.backend_coord(&(x1, 0.0)));
                    if let Some(mark) = super::strategy_mark(i) {
                        let r = ((right - left) / 2).clamp(2, 5);
                        super::draw_mark_sized(root, ((left + right) / 2, top - r - 3), mark, r)?;
                    }
                    let text = scale.tick(value);
                    let long = super::font::width(&text, BAR_TEXT, false).ceil() as i32;
                    if right - left >= 16 && bottom - top >= long + 12 {
                        root.draw(&Text::new(
                            text,
                            ((left + right) / 2, top + 6),
                            (super::FONT, BAR_TEXT)
                                .into_font()
                                .transform(FontTransform::Rotate270)
                                .color(&on(color))
                                .pos(Pos::new(HPos::Right, VPos::Center)),
                        ))?;
                    }
                }
            }
            Ok(())
        },
    )
}
