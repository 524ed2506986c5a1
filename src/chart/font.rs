//! The embedded font: DejaVu Sans, regular and bold (`assets/fonts/`, with
//! its licence). The SVGs name it first so browsers that have it match the
//! PNGs; the PNGs draw with these bytes and nothing else; and labels are
//! measured with its advance widths, so a label wraps at the same word on
//! every machine.

use std::sync::OnceLock;

use ttf_parser::Face;

/// The font family written into every SVG: the embedded font, then a
/// generic family for a viewer that lacks it.
pub(crate) const FAMILY: &str = "DejaVu Sans, sans-serif";
/// The family name inside the font files.
pub(crate) const NAME: &str = "DejaVu Sans";

pub(crate) static REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
pub(crate) static BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

/// plotters' SVG backend writes `font-size` as the style's size / 1.24.
const PLOTTERS_SCALE: f64 = 1.24;

/// Characters below this code point have their advance looked up once, when
/// the face is parsed (Latin, Greek, Cyrillic, Hebrew, Arabic, punctuation,
/// arrows and box drawing: every character of a typical label); the rest
/// are looked up in the font each time.
const TABLED: u32 = 0x3000;

/// A parsed face's advance widths in ems, for the characters it has.
struct Metrics {
    face: Option<Face<'static>>,
    /// The advance of every character below [`TABLED`], in ems.
    table: Vec<f64>,
    /// The advance of a character the font lacks: that of `?`.
    fallback: f64,
}

impl Metrics {
    fn parse(bytes: &'static [u8]) -> Self {
        let face = Face::parse(bytes, 0).ok();
        let Some(f) = &face else {
            // The font is compiled in; a parse failure is a bug. Fall back
            // to the old estimate rather than fail a chart.
            return Metrics {
                face,
                table: Vec::new(),
                fallback: 0.6,
            };
        };
        let per_em = f64::from(f.units_per_em());
        let lookup = |c: char| {
            f.glyph_index(c)
                .and_then(|g| f.glyph_hor_advance(g))
                .map(|a| f64::from(a) / per_em)
        };
        let fallback = lookup('?').unwrap_or(0.6);
        let table = (0..TABLED)
            .map(|c| char::from_u32(c).and_then(lookup).unwrap_or(fallback))
            .collect();
        Metrics {
            face,
            table,
            fallback,
        }
    }

    /// The advance of `c` in ems.
    fn advance(&self, c: char) -> f64 {
        if let Some(&a) = self.table.get(c as usize) {
            return a;
        }
        let Some(face) = &self.face else {
            return self.fallback;
        };
        let per_em = f64::from(face.units_per_em());
        face.glyph_index(c)
            .and_then(|g| face.glyph_hor_advance(g))
            .map_or(self.fallback, |a| f64::from(a) / per_em)
    }

    /// Width of `text` in ems (no kerning: DejaVu's kerning moves a label
    /// by a fraction of a pixel, and [`wrap`] keeps a margin for it).
    fn ems(&self, text: &str) -> f64 {
        text.chars().map(|c| self.advance(c)).sum()
    }
}

fn metrics(bold: bool) -> &'static Metrics {
    static REGULAR_METRICS: OnceLock<Metrics> = OnceLock::new();
    static BOLD_METRICS: OnceLock<Metrics> = OnceLock::new();
    if bold {
        BOLD_METRICS.get_or_init(|| Metrics::parse(BOLD))
    } else {
        REGULAR_METRICS.get_or_init(|| Metrics::parse(REGULAR))
    }
}

/// Width in pixels of `text` drawn at plotters size `size` (the chart
/// constants such as `TICK_SIZE`), bold or not.
pub fn width(text: &str, size: f64, bold: bool) -> f64 {
    metrics(bold).ems(text) * size / PLOTTERS_SCALE
}

/// Splits `text` into at most `lines` lines, each at most `max` pixels wide
/// at plotters size `size`, breaking between words. Only when the words do
/// not fit in that many lines is the last line cut, ending in `…`; a single
/// word wider than a line is cut the same way.
pub(crate) fn wrap(text: &str, max: f64, size: f64, bold: bool, lines: usize) -> Vec<String> {
    let fits = |s: &str| width(s, size, bold) <= max;
    let mut out: Vec<String> = Vec::new();
    let mut words = text.split_whitespace();
    while let Some(word) = words.next() {
        let room = out.len() < lines;
        match out.last_mut() {
            Some(line) if fits(&format!("{line} {word}")) => {
                line.push(' ');
                line.push_str(word);
            }
            Some(line) if !room => {
                // No line left: the rest goes on the last one, cut below.
                line.push(' ');
                line.push_str(word);
                for rest in words.by_ref() {
                    line.push(' ');
                    line.push_str(rest);
                }
            }
            _ => out.push(word.to_string()),
        }
    }
    for line in &mut out {
        if !fits(line) {
            *line = cut(line, max, size, bold);
        }
    }
    if out.is_empty() {
        out.push(String::new());
    }
    out
}

/// `text` cut to at most `max` pixels, ending in `…` when cut.
pub(crate) fn cut(text: &str, max: f64, size: f64, bold: bool) -> String {
    if width(text, size, bold) <= max {
        return text.to_string();
    }
    // The widest prefix that fits with `…` after it. Its width is summed
    // as it grows, character by character in order: the same sum, to the
    // last bit, as measuring each prefix and `…` whole, in one pass
    // instead of one per character.
    let metrics = metrics(bold);
    let ellipsis = metrics.advance('…');
    let mut prefix = 0.0;
    let mut end = 0;
    for (i, c) in text.char_indices() {
        let grown = prefix + metrics.advance(c);
        if (grown + ellipsis) * size / PLOTTERS_SCALE > max {
            break;
        }
        prefix = grown;
        end = i + c.len_utf8();
    }
    format!("{}…", text[..end].trim_end())
}

#[cfg(test)]
mod tests {
    use super::{cut, width, wrap};

    #[test]
    fn widths_come_from_the_font() {
        // DejaVu Sans: "i" is narrow, "W" wide; bold is wider than regular.
        assert!(width("iiii", 14.0, false) < width("WWWW", 14.0, false) / 2.0);
        assert!(width("Customer Obsession", 14.0, true) > width("Customer Obsession", 14.0, false));
        // 1 em of "M" at plotters size 12.4 is about 10 px × its advance.
        let m = width("M", 12.4, false);
        assert!((8.0..11.0).contains(&m), "{m}");
    }

    #[test]
    fn long_labels_wrap_between_words_without_cutting() {
        let label = "Success and Scale Bring Broad Responsibility";
        let lines = wrap(label, 180.0, 14.0, false, 2);
        assert_eq!(lines.len(), 2);
        assert_eq!(lines.join(" "), label);
        assert!(lines.iter().all(|l| width(l, 14.0, false) <= 180.0));
        // Bold is measured as bold: it may need the second line where regular does not.
        let title = "▸ Apply for Product Manager – Technical";
        let regular = width(title, 14.0, false);
        let lines = wrap(title, regular + 1.0, 14.0, true, 2);
        assert_eq!(lines.len(), 2, "{lines:?}");
    }

    /// `cut` sums as it goes; it must keep exactly the prefix that
    /// measuring each prefix and `…` whole keeps (the old `cut`, over
    /// `width`). And the table must give the font's own advances (`?`'s
    /// for a character it lacks): checked for every character in the
    /// table and a few beyond it.
    #[test]
    fn cutting_in_one_pass_keeps_what_measuring_each_prefix_keeps() {
        fn measured(text: &str, max: f64, size: f64, bold: bool) -> String {
            if width(text, size, bold) <= max {
                return text.to_string();
            }
            let mut out = String::new();
            for c in text.chars() {
                out.push(c);
                if width(&format!("{out}…"), size, bold) > max {
                    out.pop();
                    break;
                }
            }
            format!("{}…", out.trim_end())
        }
        let texts = [
            "Customer Obsession and Invent and Simplify",
            "שלום עולם מנהל מוצר",
            "🚀👩‍💻 Product 🧠 with emoji beyond the table",
            "漢字のラベルは表の外にある文字です",
            "a\u{202E}b\u{0301}c  d\te",
            "iiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiiii",
            "",
            "…",
        ];
        for text in texts {
            for bold in [false, true] {
                for max in [-1.0, 0.0, 5.0, 23.5, 60.0, 150.0, 1000.0] {
                    for size in [10.0, 14.0] {
                        assert_eq!(
                            cut(text, max, size, bold),
                            measured(text, max, size, bold),
                            "{text:?} at {max} px"
                        );
                    }
                }
            }
        }
        for (bytes, bold) in [(super::REGULAR, false), (super::BOLD, true)] {
            let face = ttf_parser::Face::parse(bytes, 0).unwrap();
            let per_em = f64::from(face.units_per_em());
            let own = |c: char| {
                face.glyph_index(c)
                    .and_then(|g| face.glyph_hor_advance(g))
                    .map(|a| f64::from(a) / per_em)
            };
            let question = own('?').unwrap();
            let beyond = ['漢', 'ﬁ', '\u{FFFD}', '🚀', '\u{10FFFF}'];
            let chars = (0..super::TABLED).filter_map(char::from_u32).chain(beyond);
            for c in chars {
                let table = super::metrics(bold).advance(c);
                assert_eq!(table, own(c).unwrap_or(question), "{c:?}");
            }
        }
    }

    #[test]
    fn only_what_cannot_fit_in_the_lines_is_cut() {
        let lines = wrap("one two three four five six", 40.0, 14.0, false, 2);
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with('…'), "{lines:?}");
        assert_eq!(cut("short", 200.0, 14.0, false), "short");
        assert!(cut(&"x".repeat(100), 50.0, 14.0, false).ends_with('…'));
        assert_eq!(wrap("", 100.0, 14.0, false, 2), vec![String::new()]);
    }
}
