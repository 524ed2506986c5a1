//! The SVG charts (DESIGN.md "outputs"), one module each, drawn with
//! plotters' SVG backend and sharing one theme: the Okabe–Ito palette
//! (distinguishable with every common colour-vision deficiency), one font
//! stack, one set of sizes. Text from the rubric is stripped of control
//! characters here; plotters escapes it for XML.

pub(crate) mod compare;
mod fit;
pub mod font;
mod funnel;
mod pay;
mod plan;
pub mod png;
mod principles;
mod profile;
mod sensitivity;
mod stories;
mod theme;
mod value;

use plotters::coord::Shift;
use plotters::coord::types::RangedCoordf64;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::assessment::Results;
use crate::text::clean;
use crate::units::Policy;
use theme::{Mark, MoneyScale, draw_mark, draw_mark_sized, role_mark, strategy_mark, wrap_all};

/// What plotters reports when drawing into an SVG string fails.
pub(crate) type DrawError = DrawingAreaErrorKind<std::io::Error>;

/// Why a chart could not be drawn (a bug: every input is validated).
#[derive(Debug, thiserror::Error)]
#[error("cannot draw {chart}: {source}")]
pub struct ChartError {
    pub chart: &'static str,
    #[source]
    pub source: DrawError,
}

/// Which chart: what a report block names to show one (see [`CHARTS`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartId {
    Profile,
    Fit,
    Funnel,
    Value,
    Pay,
    Sensitivity,
    Principles,
    Plan,
    Stories,
}

/// One chart, declared once: its file, what it shows (the reports'
/// caption), when it is drawn and how.
pub struct Chart {
    pub id: ChartId,
    pub file: &'static str,
    pub caption: &'static str,
    /// Whether these results have this chart, shown with this policy.
    pub drawn_for: fn(&Results, &Policy) -> bool,
    draw: Draw,
}

fn always(_: &Results, _: &Policy) -> bool {
    true
}

/// Every chart, in DESIGN.md's order: the list the results folder, the
/// reports' figures and `--png` all read.
pub(crate) const CHARTS: [Chart; 9] = [
    Chart {
        id: ChartId::Profile,
        file: "profile.svg",
        caption: "Every competency's level against each role's bar",
        drawn_for: always,
        draw: profile::draw,
    },
    Chart {
        id: ChartId::Fit,
        file: "fit.svg",
        caption: "Fit by role with 90% ranges, and group sub-scores",
        drawn_for: always,
        draw: fit::draw,
    },
    Chart {
        id: ChartId::Funnel,
        file: "funnel.svg",
        caption: "Chance to reach and get through each hiring stage",
        drawn_for: always,
        draw: funnel::draw,
    },
    Chart {
        id: ChartId::Value,
        file: "value.svg",
        caption: "Expected value of each strategy with its range",
        drawn_for: always,
        draw: value::draw,
    },
    Chart {
        id: ChartId::Pay,
        file: "pay.svg",
        caption: "Expected pay in each year for every strategy, staying in grey",
        // Nothing of it stays under --redact: it is not written.
        drawn_for: |_, policy| !policy.withholds(),
        draw: pay::draw,
    },
    Chart {
        id: ChartId::Sensitivity,
        file: "sensitivity.svg",
        caption: "Expected values as technical levels and the premium change",
        drawn_for: always,
        draw: sensitivity::draw,
    },
    Chart {
        id: ChartId::Principles,
        file: "principles.svg",
        caption: "Each Leadership Principle's level, bar and how many stories back it",
        drawn_for: always,
        draw: principles::draw,
    },
    Chart {
        id: ChartId::Plan,
        file: "plan.svg",
        caption: "Offer chances and the best strategy's value as the plan's hours are spent",
        drawn_for: always,
        draw: plan::draw,
    },
    Chart {
        id: ChartId::Stories,
        file: "stories.svg",
        caption: "Which story covers which Leadership Principle, the planned ones marked",
        drawn_for: |res, _| !res.rubric.stories.is_empty(),
        draw: stories::draw,
    },
];

/// The declaration of chart `id`.
pub(crate) fn chart(id: ChartId) -> &'static Chart {
    // Every id is declared once in CHARTS (a test checks).
    CHARTS.iter().find(|c| c.id == id).unwrap_or(&CHARTS[0])
}

/// A drawn chart: its declaration and its SVG text.
pub(crate) type Drawn = (&'static Chart, String);

/// The charts these results have, drawn, in [`CHARTS`]' order; money
/// shown as `policy` says.
pub fn render_all(res: &Results, policy: &Policy) -> Result<Vec<Drawn>, ChartError> {
    CHARTS
        .iter()
        .filter(|c| (c.drawn_for)(res, policy))
        .map(|c| {
            (c.draw)(res, policy)
                .map(|svg| (c, svg))
                .map_err(|source| ChartError {
                    chart: c.file,
                    source,
                })
        })
        .collect()
}

/// An axis range plotters can always lay ticks on: finite, and wider than
/// rounding at its magnitude. Validated rubrics keep every figure far from
/// the limits, but a range of 1e304 or of width 0 made plotters' tick
/// search loop forever; this is the guard.
pub(crate) fn axis(lo: f64, hi: f64) -> std::ops::Range<f64> {
    const HUGE: f64 = 1e30;
    let lo = if lo.is_finite() {
        lo.clamp(-HUGE, HUGE)
    } else {
        0.0
    };
    let hi = if hi.is_finite() {
        hi.clamp(-HUGE, HUGE)
    } else {
        lo + 1.0
    };
    let (lo, hi) = if hi < lo { (hi, lo) } else { (lo, hi) };
    let least = lo.abs().max(hi.abs()) * 1e-9;
    if hi - lo > least {
        lo..hi
    } else {
        let half = least.max(0.5);
        (lo - half)..(hi + half)
    }
}

/// What a chart module returns: the SVG text, or what went wrong.
type Svg = Result<String, DrawError>;

/// A chart module's entry point.
type Draw = fn(&Results, &Policy) -> Svg;

/// The standard chart size; taller charts (one row per competency) grow.
pub(crate) const WIDTH: u32 = 800;
pub(crate) const HEIGHT: u32 = 500;
/// The embedded font, then a generic family (see [`font`]).
const FONT: &str = font::FAMILY;
const TITLE_SIZE: f64 = 22.0;
const LABEL_SIZE: f64 = 16.0;
const TICK_SIZE: f64 = 14.0;
const NOTE_SIZE: f64 = 13.0;

/// Okabe–Ito.
const BLUE: RGBColor = RGBColor(0x00, 0x72, 0xB2);
const ORANGE: RGBColor = RGBColor(0xE6, 0x9F, 0x00);
const GREEN: RGBColor = RGBColor(0x00, 0x9E, 0x73);
const PURPLE: RGBColor = RGBColor(0xCC, 0x79, 0xA7);
const VERMILLION: RGBColor = RGBColor(0xD5, 0x5E, 0x00);
const SKY: RGBColor = RGBColor(0x56, 0xB4, 0xE9);
const YELLOW: RGBColor = RGBColor(0xF0, 0xE4, 0x42);
const INK: RGBColor = RGBColor(0x22, 0x22, 0x22);
const GREY: RGBColor = RGBColor(0x77, 0x77, 0x77);
const GRID: RGBColor = RGBColor(0xE4, 0xE4, 0xE4);

/// The colour of role r (the same in every chart).
fn role_color(r: usize) -> RGBColor {
    [BLUE, ORANGE, GREEN, PURPLE, SKY, YELLOW][r % 6]
}

/// The colour of strategy i: grey for staying, then the role palette.
fn strategy_color(i: usize) -> RGBColor {
    if i == 0 {
        GREY
    } else {
        [BLUE, ORANGE, GREEN, PURPLE, VERMILLION, SKY, YELLOW][(i - 1) % 7]
    }
}

fn font(size: f64) -> TextStyle<'static> {
    (FONT, size).into_font().color(&INK)
}

fn anchored(size: f64, h: HPos, v: VPos) -> TextStyle<'static> {
    font(size).pos(Pos::new(h, v))
}

/// "Sam Rivera — what" (or just "what" without a name).
fn title(res: &Results, what: &str) -> String {
    let name = clean(&res.rubric.candidate.name);
    if name.trim().is_empty() {
        what.to_string()
    } else {
        format!("{name} — {what}")
    }
}

/// Rubric text for a label: control characters removed, at most `max` chars.
fn cut(s: &str, max: usize) -> String {
    crate::text::fit_width(&clean(s), max)
}

/// Splits a label into at most two lines, each at most `max` pixels wide
/// in the embedded font at `size` (see [`font::wrap`]).
fn two_lines(s: &str, max: f64, size: f64, bold: bool) -> Vec<String> {
    font::wrap(&clean(s), max, size, bold, 2)
}

type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;

/// A white canvas of `size` with the title at the top; calls `body` to draw
/// the rest and returns the SVG.
fn canvas(
    size: (u32, u32),
    heading: &str,
    body: impl FnOnce(&Area) -> Result<(), DrawError>,
) -> Svg {
    // The title wraps (never cut, #24.7); each line past the first makes
    // the canvas taller and moves the body down, so the body keeps its room.
    let lines = title_lines(heading, size.0);
    let extra = TITLE_LINE * (lines.len() as u32 - 1);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (size.0, size.1 + extra)).into_drawing_area();
        root.fill(&WHITE)?;
        for (k, line) in lines.into_iter().enumerate() {
            root.draw(&Text::new(
                line,
                (20, 16 + (TITLE_LINE * k as u32) as i32),
                (FONT, TITLE_SIZE)
                    .into_font()
                    .style(FontStyle::Bold)
                    .color(&INK)
                    .pos(Pos::new(HPos::Left, VPos::Top)),
            ))?;
        }
        body(&root.margin(extra, 0, 0, 0))?;
        root.present()?;
    }
    Ok(svg)
}

/// A chart's backend coordinate made local to `area`: charts write their
/// labels on the canvas area, which a wrapped title moves down, while
/// `backend_coord` counts from the top of the whole image.
fn local(area: &Area, (x, y): (i32, i32)) -> (i32, i32) {
    let (bx, by) = area.get_base_pixel();
    (x - bx, y - by)
}

/// The height of a title line, in pixels.
const TITLE_LINE: u32 = 28;

/// A chart title as drawn on a canvas `width` wide: bold, wrapped between
/// words, as many lines as it needs (a name of 80 characters takes two).
fn title_lines(heading: &str, width: u32) -> Vec<String> {
    wrap_all(heading, f64::from(width) - 40.0, TITLE_SIZE, true)
}

/// A one-line explanation under the title.
fn subtitle(area: &Area, text: &str) -> Result<(), DrawError> {
    area.draw(&Text::new(
        text.to_string(),
        (20, 46),
        (FONT, NOTE_SIZE)
            .into_font()
            .color(&GREY)
            .pos(Pos::new(HPos::Left, VPos::Top)),
    ))
}

/// The first legend row's y; each further row is `LEGEND_ROW` lower.
const LEGEND_TOP: i32 = 70;
const LEGEND_ROW: i32 = 20;
/// The widest a legend label may be before it wraps, in pixels.
const LEGEND_TEXT: f64 = (WIDTH - 70) as f64;

/// Where each legend item goes: `(x, y)` of its swatch and its label's
/// lines, left to right from x = 20 and onto a new row when the next item
/// would pass the right edge. A label too long for a row wraps (#24.7:
/// legend text is never cut); the rows below it move down.
fn legend_layout(items: &[(String, ShapeStyle)]) -> Vec<((i32, i32), Vec<String>)> {
    let (mut x, mut y) = (20, LEGEND_TOP);
    let mut row_lines = 1;
    items
        .iter()
        .map(|(label, _)| {
            let lines = wrap_all(&clean(label), LEGEND_TEXT, NOTE_SIZE, false);
            let text = lines
                .iter()
                .map(|l| font::width(l, NOTE_SIZE, false))
                .fold(0.0, f64::max);
            let width = 20 + text.ceil() as i32 + 16;
            if x > 20 && x + width > WIDTH as i32 - 10 {
                x = 20;
                y += LEGEND_ROW * row_lines;
                row_lines = 1;
            }
            let at = (x, y);
            row_lines = row_lines.max(lines.len() as i32);
            x += width;
            (at, lines)
        })
        .collect()
}

/// The y just below a legend of these items.
fn legend_bottom(items: &[(String, ShapeStyle)]) -> i32 {
    legend_layout(items)
        .last()
        .map_or(LEGEND_TOP, |((_, y), _)| {
            let tallest = legend_layout(items)
                .iter()
                .filter(|((_, row), _)| row == y)
                .map(|(_, lines)| lines.len() as i32)
                .max()
                .unwrap_or(1);
            *y + LEGEND_ROW * (tallest - 1)
        })
        + 14
}

/// Draws a legend: coloured swatches with their labels, wrapping onto more
/// rows as needed; returns the y just below it.
fn legend(area: &Area, items: &[(String, ShapeStyle)]) -> Result<i32, DrawError> {
    legend_marked(area, items, &[])
}

/// [`legend`] with each item's [`Mark`] on its swatch (`marks[k]` for item
/// k; missing entries have none).
fn legend_marked(
    area: &Area,
    items: &[(String, ShapeStyle)],
    marks: &[Option<Mark>],
) -> Result<i32, DrawError> {
    for (k, ((_, style), ((x, y), lines))) in items.iter().zip(legend_layout(items)).enumerate() {
        area.draw(&Rectangle::new([(x, y - 6), (x + 14, y + 6)], *style))?;
        if let Some(Some(mark)) = marks.get(k) {
            draw_mark(area, (x + 7, y), *mark)?;
        }
        for (k, line) in lines.into_iter().enumerate() {
            area.draw(&Text::new(
                line,
                (x + 20, y + LEGEND_ROW * k as i32),
                anchored(NOTE_SIZE, HPos::Left, VPos::Center),
            ))?;
        }
    }
    Ok(legend_bottom(items))
}

type Chart2d<'a, 'b> =
    ChartContext<'a, SVGBackend<'b>, Cartesian2d<RangedCoordf64, RangedCoordf64>>;

/// A chart with one category per label along x (each label under its
/// column, on at most two lines) and values from 0 to `y_max` up the y axis,
/// below a legend ending at `top`. Tick labels above `y_label_max` are left
/// out (the room above is for the values printed on the bars).
fn category_chart<'a, 'b>(
    root: &'a Area<'b>,
    top: i32,
    labels: &[String],
    (y_max, y_label_max): (f64, f64),
    y_desc: &str,
    y_format: &dyn Fn(f64) -> String,
) -> Result<Chart2d<'a, 'b>, DrawError> {
    let n = labels.len();
    // Room for the widest tick label and, left of it, the axis title.
    let ticks = font::width(&y_format(y_label_max), TICK_SIZE, false);
    let mut chart = ChartBuilder::on(root)
        .margin_top((top + 8) as u32)
        .margin_left(10)
        .margin_right(20)
        .margin_bottom(10)
        .x_label_area_size(52)
        .y_label_area_size((ticks.ceil() as u32 + 42).max(70))
        .build_cartesian_2d(axis(0.0, n as f64), axis(0.0, y_max))?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(0)
        .y_labels(6)
        .y_desc(y_desc)
        .axis_desc_style(font(LABEL_SIZE))
        .label_style(font(TICK_SIZE))
        .light_line_style(WHITE.mix(0.0))
        .bold_line_style(GRID)
        .y_label_formatter(&|v| {
            if *v <= y_label_max {
                y_format(*v)
            } else {
                String::new()
            }
        })
        .draw()?;
    // Each label within its column, less a little space between columns.
    let (left, _) = chart.backend_coord(&(0.0, 0.0));
    let (right, _) = chart.backend_coord(&(1.0, 0.0));
    let column = f64::from(right - left);
    // A label between empty ones may spread over them, as far on each
    // side (the first: as far as on its right).
    let empty_run =
        |from: &mut dyn Iterator<Item = &String>| from.take_while(|l| l.is_empty()).count();
    for (c, label) in labels.iter().enumerate() {
        let after = empty_run(&mut labels[c + 1..].iter());
        let before = if c == 0 {
            after
        } else {
            empty_run(&mut labels[..c].iter().rev())
        };
        let room = column * (1 + 2 * before.min(after)) as f64 - 6.0;
        let (px, py) = local(root, chart.backend_coord(&(c as f64 + 0.5, 0.0)));
        for (k, line) in two_lines(label, room, TICK_SIZE, false).iter().enumerate() {
            root.draw(&Text::new(
                line.clone(),
                (px, py + 8 + 18 * k as i32),
                anchored(TICK_SIZE, HPos::Center, VPos::Top),
            ))?;
        }
    }
    Ok(chart)
}

#[cfg(test)]
mod tests {
    use super::{CHARTS, axis, chart};

    #[test]
    fn every_chart_is_declared_once() {
        for c in &CHARTS {
            assert_eq!(CHARTS.iter().filter(|d| d.id == c.id).count(), 1);
            assert_eq!(CHARTS.iter().filter(|d| d.file == c.file).count(), 1);
            assert_eq!(chart(c.id).file, c.file);
        }
    }

    /// Whatever the figures, an axis is finite and has some width (#15: a
    /// range of 1e304 or of width 0 hung plotters' tick search).
    #[test]
    fn every_axis_is_finite_and_has_width() {
        let cases = [
            (0.0, 1.0),
            (5.0, 5.0),
            (1e304, 1e304),
            (-1e308, 1e308),
            (f64::NAN, 3.0),
            (f64::NEG_INFINITY, f64::INFINITY),
            (2.0, 1.0),
            (1e12, 1e12 + 1e-6),
        ];
        for (lo, hi) in cases {
            let r = axis(lo, hi);
            assert!(
                r.start.is_finite() && r.end.is_finite(),
                "{lo}..{hi}: {r:?}"
            );
            assert!(
                r.end - r.start > r.start.abs().max(r.end.abs()) * 1e-10,
                "{lo}..{hi}: {r:?}"
            );
        }
        assert_eq!(axis(0.0, 100.0), 0.0..100.0);
    }
}
