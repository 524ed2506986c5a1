//! `value.svg`: the expected value of every strategy, a dot at the point
//! estimate with its p05–p95 range, against the "stay" baseline.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::{
    GREY, GRID, HEIGHT, LABEL_SIZE, MoneyScale, NOTE_SIZE, Svg, TICK_SIZE, WIDTH, anchored, canvas,
    font, strategy_color, subtitle, title,
};
use crate::text::{clean, percent};

/// Width of the strategy labels' column, in pixels.
const LABELS: u32 = 280;
use crate::assessment::Results;
use crate::simulate::Stat;
use crate::units::Policy;

pub(crate) fn draw(res: &Results, policy: &Policy) -> Svg {
    let n = res.strategies.len();
    let years = res.rubric.model.horizon_years;
    // Under --redact the values are withheld: what stays is the ranking and
    // how often each strategy comes first over the draws (`best_share`).
    let withheld = policy.withholds();
    let evs: Vec<Stat> = if withheld {
        res.dist
            .best_share
            .iter()
            .map(|s| Stat::exact(*s))
            .collect()
    } else {
        res.dist.ev.clone()
    };
    let stay = evs[0].point;
    let (lo, hi) = if withheld {
        (0.0, 1.0)
    } else {
        evs.iter().fold((f64::MAX, f64::MIN), |(lo, hi), s| {
            (lo.min(s.p05.min(s.point)), hi.max(s.p95.max(s.point)))
        })
    };
    // Pad the axis by 8% of the range each side so dots and labels fit.
    let pad = if withheld {
        0.08
    } else {
        ((hi - lo) * 0.08).max(hi.abs() * 0.01).max(1.0)
    };
    let (lo, hi) = (lo - pad, hi + pad * 2.5);
    // The rank of each strategy by expected value (1: the highest).
    let rank = |i: usize| {
        1 + res
            .dist
            .ev
            .iter()
            .filter(|s| s.point > res.dist.ev[i].point)
            .count()
    };
    let heading = if withheld {
        "the strategies ranked (values withheld)".to_string()
    } else {
        format!(
            "expected value of each strategy ({} of pay)",
            crate::text::years(years, true)
        )
    };
    let scale = MoneyScale::for_max(lo.abs().max(hi.abs()), policy);
    let tick = |v: f64| {
        if !withheld {
            scale.tick(v)
        } else if (0.0..=1.0).contains(&v) {
            percent(v)
        } else {
            String::new()
        }
    };
    // Each value is written right of its range: the plot leaves room for
    // the widest (#24.7: "736,742 · too close to cal" was cut).
    let value_text = |i: usize, ev: &Stat| {
        let contender = res
            .close()
            .is_some_and(|c| c.a.index == i || c.b.index == i);
        let amount = if withheld {
            format!("#{} · first in {}", rank(i), percent(ev.point))
        } else {
            scale.tick(ev.point)
        };
        if contender {
            format!("{amount} · too close to call")
        } else {
            amount
        }
    };
    let right = evs
        .iter()
        .enumerate()
        .map(|(i, ev)| super::font::width(&value_text(i, ev), NOTE_SIZE, false))
        .fold(0.0, f64::max)
        .ceil() as u32
        + 24;
    // Each strategy's label wraps in its column, as many lines as it needs;
    // the rows grow to hold the tallest.
    let labels: Vec<Vec<String>> = res
        .strategies
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let contender = res
                .close()
                .is_some_and(|c| c.a.index == i || c.b.index == i);
            let best = i == res.assessment.recommendation || contender;
            let mark = match (i == res.assessment.recommendation, contender) {
                (true, _) => "▸ ",
                (false, true) => "≈ ",
                _ => "",
            };
            super::wrap_all(
                &format!("{mark}{}", clean(&s.label)),
                f64::from(LABELS) - 14.0,
                TICK_SIZE,
                best,
            )
        })
        .collect();
    let tallest = labels.iter().map(Vec::len).max().unwrap_or(1) as u32;
    let row = 18 * tallest + 8;
    let height = HEIGHT.max(70 + 60 + row * n as u32);
    canvas((WIDTH, height), &title(res, &heading), |root| {
        subtitle(
            root,
            match (withheld, res.close_call) {
                (true, _) => {
                    "Dot: the share of simulations in which the strategy comes first. ▸ recommended. Values withheld (--redact)."
                }
                (false, true) => {
                    "Dot: expected value. Line: the middle 90% of simulations. ▸ first, ≈ too close to call with it. Grey: stay."
                }
                (false, false) => {
                    "Dot: expected value. Line: the middle 90% of simulated self-assessments. ▸ recommended. Grey: stay."
                }
            },
        )?;
        let mut chart = ChartBuilder::on(root)
            .margin_top(70)
            .margin_left(10)
            .margin_right(right.max(30))
            .margin_bottom(10)
            .x_label_area_size(50)
            .y_label_area_size(LABELS)
            .build_cartesian_2d(super::axis(lo, hi), super::axis(0.0, n as f64))?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(0)
            .x_labels(6)
            .x_desc(if withheld {
                "Share of simulations in which it comes first".to_string()
            } else {
                scale.desc(&format!(
                    "Expected pay over {}",
                    crate::text::years(years, false)
                ))
            })
            .axis_desc_style(font(LABEL_SIZE))
            .label_style(font(TICK_SIZE))
            .light_line_style(WHITE.mix(0.0))
            .bold_line_style(GRID)
            .x_label_formatter(&|v| tick(*v))
            .draw()?;
        if !withheld {
            // The stay baseline.
            chart.draw_series([PathElement::new(
                vec![(stay, 0.0), (stay, n as f64)],
                GREY.stroke_width(2),
            )])?;
        }
        for (i, ev) in evs.iter().enumerate() {
            // Row i from the top.
            let y = n as f64 - i as f64 - 0.5;
            let color = strategy_color(i);
            // The recommendation is marked ▸ (in the labels above); in a
            // close call the runner-up too (≈), and both say so beside
            // their value. Both are bold.
            let contender = res
                .close()
                .is_some_and(|c| c.a.index == i || c.b.index == i);
            let best = i == res.assessment.recommendation || contender;
            let (_, py) = super::local(root, chart.backend_coord(&(lo, y)));
            let lines = &labels[i];
            let first = py - 9 * (lines.len() as i32 - 1);
            for (k, line) in lines.iter().enumerate() {
                let style = if best {
                    (super::FONT, TICK_SIZE)
                        .into_font()
                        .style(FontStyle::Bold)
                        .color(&super::INK)
                } else {
                    font(TICK_SIZE)
                };
                root.draw(&Text::new(
                    line.clone(),
                    (LABELS as i32, first + 18 * k as i32),
                    style.pos(plotters::style::text_anchor::Pos::new(
                        HPos::Right,
                        VPos::Center,
                    )),
                ))?;
            }
            if ev.p95 > ev.p05 {
                chart.draw_series([PathElement::new(
                    vec![(ev.p05, y), (ev.p95, y)],
                    color.stroke_width(3),
                )])?;
            }
            chart.draw_series([Circle::new((ev.point, y), 7, color.filled())])?;
            if let Some(mark) = super::strategy_mark(i) {
                let at = super::local(root, chart.backend_coord(&(ev.point, y)));
                super::draw_mark(root, at, mark)?;
            }
            let (px, py) = super::local(root, chart.backend_coord(&(ev.p95.max(ev.point), y)));
            root.draw(&Text::new(
                value_text(i, ev),
                (px + 12, py),
                anchored(NOTE_SIZE, HPos::Left, VPos::Center),
            ))?;
        }
        Ok(())
    })
}
