//! `compare.svg`: fit per role (top) and the best strategy's expected value
//! (bottom) for each rubric, in the order given — a progress chart when the
//! rubrics are one person at several dates.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::{
    ChartError, DrawError, GRID, HEIGHT, INK, LABEL_SIZE, NOTE_SIZE, TICK_SIZE, WIDTH, anchored,
    canvas, cut, font, legend, role_color, subtitle, two_lines,
};
use crate::report::compare::{Row, role_ids};
use crate::text::money;

pub fn draw(rows: &[Row]) -> Result<String, ChartError> {
    render(rows).map_err(|source| ChartError {
        chart: "compare.svg",
        source,
    })
}

fn render(rows: &[Row]) -> Result<String, DrawError> {
    let ids = role_ids(rows);
    let n = rows.len().max(1);
    let same_person = rows.windows(2).all(|w| w[0].name == w[1].name);
    let heading = match rows.first() {
        Some(first) if same_person => format!("{} — progress", cut(&first.name, 40)),
        _ => "Rubrics compared".to_string(),
    };
    canvas((WIDTH, HEIGHT + 100), &heading, |root| {
        subtitle(
            root,
            "Top: fit per role (0–100). Bottom: expected value of each rubric's best strategy.",
        )?;
        let items: Vec<_> = ids
            .iter()
            .enumerate()
            .map(|(r, id)| (format!("fit {}", cut(id, 30)), role_color(r).filled()))
            .chain([("best strategy's EV".to_string(), INK.filled())])
            .collect();
        let below = legend(root, &items)?;
        let body = root.margin((below + 6) as u32, 0, 0, 0);
        let (top, bottom) = body.split_vertically((HEIGHT as i32 + 100 - below - 6) / 2 - 10);
        // Fit lines.
        let mut chart = ChartBuilder::on(&top)
            .margin_left(10)
            .margin_right(20)
            .margin_top(6)
            .x_label_area_size(10)
            .y_label_area_size(90)
            .build_cartesian_2d(super::axis(0.0, n as f64), 0.0..100.0)?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(0)
            .y_labels(6)
            .y_desc("Fit (0–100)")
            .axis_desc_style(font(LABEL_SIZE))
            .label_style(font(TICK_SIZE))
            .light_line_style(WHITE.mix(0.0))
            .bold_line_style(GRID)
            .y_label_formatter(&|v| format!("{v:.0}"))
            .draw()?;
        for (r, id) in ids.iter().enumerate() {
            let points: Vec<(f64, f64)> = rows
                .iter()
                .enumerate()
                .filter_map(|(i, row)| row.fit.get(id).map(|v| (i as f64 + 0.5, *v)))
                .collect();
            chart.draw_series(LineSeries::new(
                points.clone(),
                role_color(r).stroke_width(3),
            ))?;
            chart.draw_series(
                points
                    .iter()
                    .map(|p| Circle::new(*p, 5, role_color(r).filled())),
            )?;
            // Alternate roles' labels above and below their dots so close
            // values stay readable.
            let (dy, v) = if r % 2 == 0 {
                (4.0, VPos::Bottom)
            } else {
                (-4.0, VPos::Top)
            };
            let color = role_color(r);
            chart.draw_series(points.iter().map(|&(x, y)| {
                let style = anchored(NOTE_SIZE, HPos::Center, v).color(&color);
                Text::new(format!("{y:.0}"), (x, y + dy), style)
            }))?;
        }
        // Best EV bars.
        let (lo, hi) = rows.iter().fold((f64::MAX, f64::MIN), |(lo, hi), r| {
            (lo.min(r.best.expected_value), hi.max(r.best.expected_value))
        });
        let pad = ((hi - lo) * 0.15).max(hi.abs() * 0.02).max(1.0);
        let floor = (lo - pad).max(0.0);
        let mut chart = ChartBuilder::on(&bottom)
            .margin_left(10)
            .margin_right(20)
            .margin_top(10)
            .margin_bottom(6)
            .x_label_area_size(44)
            .y_label_area_size(90)
            .build_cartesian_2d(super::axis(0.0, n as f64), super::axis(floor, hi + pad))?;
        chart
            .configure_mesh()
            .disable_x_mesh()
            .x_labels(0)
            .y_labels(5)
            .y_desc("Best EV")
            .axis_desc_style(font(LABEL_SIZE))
            .label_style(font(TICK_SIZE))
            .light_line_style(WHITE.mix(0.0))
            .bold_line_style(GRID)
            .y_label_formatter(&|v| money(*v))
            .draw()?;
        // Dots, not bars: the axis does not start at 0.
        let evs: Vec<(f64, f64)> = rows
            .iter()
            .enumerate()
            .map(|(i, row)| (i as f64 + 0.5, row.best.expected_value))
            .collect();
        chart.draw_series(LineSeries::new(evs.clone(), INK.stroke_width(2)))?;
        for (i, row) in rows.iter().enumerate() {
            let (x, ev) = evs[i];
            chart.draw_series([Circle::new((x, ev), 5, INK.filled())])?;
            chart.draw_series([Text::new(
                money(ev),
                (x, ev + pad * 0.15),
                anchored(NOTE_SIZE, HPos::Center, VPos::Bottom),
            )])?;
            let (px, py) = chart.backend_coord(&(i as f64 + 0.5, floor));
            let chars = (700.0 / n as f64 / (TICK_SIZE * 0.55)) as usize;
            for (k, line) in two_lines(&row.label, chars.max(8)).iter().enumerate() {
                root.draw(&Text::new(
                    line.clone(),
                    (px, py + 8 + 18 * k as i32),
                    anchored(TICK_SIZE, HPos::Center, VPos::Top),
                ))?;
            }
        }
        Ok(())
    })
}
