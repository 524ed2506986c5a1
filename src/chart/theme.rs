//! The theme's helpers beyond the palette and sizes: text wrapped without
//! ever being cut, compact money ticks, and the marks that tell apart
//! colours that repeat (#23.14, #24.7).

use plotters::prelude::*;

use super::{Area, DrawError, INK, font};
use crate::text::money;
use crate::units::Policy;

/// `text` wrapped into as many lines as it needs, each at most `max`
/// pixels wide; a single word wider than a line is split between
/// characters rather than cut, so nothing is ever lost.
pub(super) fn wrap_all(text: &str, max: f64, size: f64, bold: bool) -> Vec<String> {
    let words = text.split_whitespace().count().max(1);
    let mut lines = font::wrap(text, max, size, bold, words);
    if lines.iter().all(|l| !l.ends_with('…')) {
        return lines;
    }
    // A word too long for a line: break it by characters.
    lines.clear();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let joined = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if font::width(&joined, size, bold) <= max {
            line = joined;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        for c in word.chars() {
            line.push(c);
            if font::width(&line, size, bold) > max && line.chars().count() > 1 {
                line.pop();
                lines.push(std::mem::take(&mut line));
                line.push(c);
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// The currency words for an axis (a withheld axis shows no money: the
/// charts draw something else under --redact).
fn axis_unit(policy: &Policy) -> &'static str {
    if policy.withholds() {
        "withheld"
    } else {
        "the rubric's currency"
    }
}

/// How a money axis writes its ticks (#23.14): compact (`1.2M`, `3.4B`)
/// once amounts reach ten million, whole amounts with separators below; the
/// axis title names the unit. With `--redact` money is a share of staying
/// and the ticks are percentages.
#[derive(Debug, Clone, Copy)]
pub(super) struct MoneyScale<'p> {
    div: f64,
    suffix: &'static str,
    word: &'static str,
    policy: &'p Policy,
}

impl<'p> MoneyScale<'p> {
    /// The scale for an axis whose largest amount (in money) is `max`,
    /// shown as `policy` lets money be shown.
    pub(super) fn for_max(max: f64, policy: &'p Policy) -> Self {
        let max = max.abs();
        let (div, suffix, word) = if policy.withholds() || max < 1e7 {
            (1.0, "", "")
        } else if max < 1e9 {
            (1e6, "M", "M = million")
        } else if max < 1e12 {
            (1e9, "B", "B = billion")
        } else {
            (1e12, "T", "T = trillion")
        };
        MoneyScale {
            div,
            suffix,
            word,
            policy,
        }
    }

    /// A tick label for `v` (in money): `1.2M`, `850k` never mixed in.
    pub(super) fn tick(&self, v: f64) -> String {
        if self.suffix.is_empty() {
            return money(self.policy, v);
        }
        let x = v / self.div;
        let digits = if x.abs() >= 100.0 || x == x.round() {
            0
        } else if x.abs() >= 10.0 {
            1
        } else {
            2
        };
        let text = format!("{:.*}", digits, x + 0.0);
        let text = if text.contains('.') {
            text.trim_end_matches('0').trim_end_matches('.').to_string()
        } else {
            text
        };
        format!("{text}{}", self.suffix)
    }

    /// A short axis title (a panel's upright axis): the compact unit
    /// only, "Best value (M = million)".
    pub(super) fn desc_short(&self, what: &str) -> String {
        if self.word.is_empty() {
            what.to_string()
        } else {
            format!("{what} ({})", self.word)
        }
    }

    /// The axis title with its unit: "Expected pay (the rubric's
    /// currency; M = million)".
    pub(super) fn desc(&self, what: &str) -> String {
        let unit = axis_unit(self.policy);
        if self.word.is_empty() {
            format!("{what} ({unit})")
        } else {
            format!("{what} ({unit}; {})", self.word)
        }
    }
}

/// The second encoding of a colour that repeats (#23.14: colours repeated
/// after six roles): none while the palette lasts, then a ring, a triangle
/// and a cross the second, third and fourth time round, on the bar, dot or
/// line and on the legend's swatch.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Mark {
    Ring,
    Triangle,
    Cross,
}

fn mark_for(k: usize, palette: usize) -> Option<Mark> {
    match k / palette {
        0 => None,
        1 => Some(Mark::Ring),
        2 => Some(Mark::Triangle),
        _ => Some(Mark::Cross),
    }
}

/// Role r's mark, beyond the six colours of [`role_color`].
pub(super) fn role_mark(r: usize) -> Option<Mark> {
    mark_for(r, 6)
}

/// Strategy i's mark, beyond the seven colours of [`strategy_color`].
pub(super) fn strategy_mark(i: usize) -> Option<Mark> {
    if i == 0 { None } else { mark_for(i - 1, 7) }
}

/// Draws `mark` centred at pixel `(x, y)` of `area`, in ink on white.
pub(super) fn draw_mark(area: &Area, at: (i32, i32), mark: Mark) -> Result<(), DrawError> {
    draw_mark_sized(area, at, mark, 5)
}

/// [`draw_mark`] `2 × r` pixels across (a thin bar takes a small one).
pub(super) fn draw_mark_sized(
    area: &Area,
    (x, y): (i32, i32),
    mark: Mark,
    r: i32,
) -> Result<(), DrawError> {
    let line = if r >= 4 { 2 } else { 1 };
    match mark {
        Mark::Ring => {
            area.draw(&Circle::new((x, y), r, WHITE.filled()))?;
            area.draw(&Circle::new((x, y), r, INK.stroke_width(line)))
        }
        Mark::Triangle => {
            let (h, w) = (r + 1, r + 1);
            area.draw(&Polygon::new(
                vec![(x, y - h - 1), (x - w - 1, y + h), (x + w + 1, y + h)],
                WHITE.filled(),
            ))?;
            area.draw(&PathElement::new(
                vec![
                    (x, y - h),
                    (x - w, y + h - 1),
                    (x + w, y + h - 1),
                    (x, y - h),
                ],
                INK.stroke_width(line),
            ))
        }
        Mark::Cross => {
            let d = (r - 1).max(1);
            area.draw(&Circle::new((x, y), r + 1, WHITE.filled()))?;
            area.draw(&PathElement::new(
                vec![(x - d, y - d), (x + d, y + d)],
                INK.stroke_width(line),
            ))?;
            area.draw(&PathElement::new(
                vec![(x - d, y + d), (x + d, y - d)],
                INK.stroke_width(line),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{MoneyScale, wrap_all};
    use crate::units::Policy;

    #[test]
    fn money_ticks_are_compact_from_ten_million_with_the_unit_named() {
        let policy = Policy::Amounts;
        let small = MoneyScale::for_max(900_000.0, &policy);
        assert_eq!(small.tick(750_000.0), "750,000");
        let millions = MoneyScale::for_max(2.5e7, &policy);
        assert_eq!(millions.tick(1.25e7), "12.5M");
        assert_eq!(millions.tick(2e7), "20M");
        assert_eq!(millions.tick(0.0), "0M");
        assert!(millions.desc("Pay").ends_with("M = million)"));
        let billions = MoneyScale::for_max(4.4e9, &policy);
        assert_eq!(billions.tick(1.234e9), "1.23B");
        let trillions = MoneyScale::for_max(2.6e12, &policy);
        assert_eq!(trillions.tick(2.2e12), "2.2T");
        assert_eq!(trillions.tick(-0.0), "0T");
    }

    #[test]
    fn a_word_longer_than_a_line_is_split_not_cut() {
        let word = "Featherstonehaugh-Montgomery-Whitfield";
        let lines = wrap_all(word, 80.0, 14.0, false);
        assert!(lines.len() > 1, "{lines:?}");
        assert_eq!(lines.concat(), word);
        assert!(lines.iter().all(|l| !l.ends_with('…')));
    }
}
