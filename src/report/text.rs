//! The terminal report: the document of [`super::doc::build`], the one
//! Markdown and HTML render, laid out for 80 columns. Styling is ANSI; the
//! caller writes through `anstream`, which drops it when stdout is not a
//! terminal or `NO_COLOR` is set.
//!
//! Charts are left out: the terminal cannot show them, and `assess` says
//! once, on stderr, where they were written (report.html shows them
//! inline).

mod table;

use anstyle::{AnsiColor, Style};

use super::doc::{self, Block};
use super::{RenderError, Report, Results};
use crate::text::{clean, wrap, wrap_item};
use crate::units::Policy;

pub struct Text;

const WIDTH: usize = 80;
const HEAD: Style = Style::new().bold();
const BEST: Style = Style::new()
    .bold()
    .fg_color(Some(anstyle::Color::Ansi(AnsiColor::Green)));
const WARN: Style = Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Yellow)));
const DIM: Style = Style::new().dimmed();

/// `text` wrapped under a two-space indent, in `style`.
fn styled(out: &mut String, text: &str, style: Style) {
    let lines = wrap(&clean(text), WIDTH, "  ");
    out.push_str(&format!("{style}{}{style:#}\n", lines.trim_end()));
}

/// A list, each item under its bullet, in `style`.
fn list(out: &mut String, items: &[String], style: Style) {
    for item in items {
        let lines = wrap_item(&clean(item), WIDTH, "  - ");
        out.push_str(&format!("{style}{}{style:#}\n", lines.trim_end()));
    }
}

/// "STRATEGIES  (expected pay over 4 years)": a section heading upper-cased
/// up to its parenthesis, as the terminal report has always shown them.
fn heading(text: &str) -> String {
    let text = clean(text);
    match text.split_once(" (") {
        Some((name, rest)) => format!("{}  ({rest}", name.to_uppercase()),
        None => text.to_uppercase(),
    }
}

impl Report for Text {
    fn render(&self, res: &Results, policy: &Policy) -> Result<String, RenderError> {
        let mut out = String::new();
        // A blank line between blocks, none under a title or a heading.
        let mut tight = true;
        for block in doc::build(res, policy, false) {
            if !tight {
                out.push('\n');
            }
            tight = matches!(block, Block::Title(_) | Block::Heading(_));
            match block {
                Block::Title(t) => {
                    let lines = wrap(&clean(&t), WIDTH, "");
                    out.push_str(&format!("{HEAD}{}{HEAD:#}\n", lines.trim_end()));
                }
                Block::Heading(t) => out.push_str(&format!("{HEAD}{}{HEAD:#}\n", heading(&t))),
                Block::Para(t) => styled(&mut out, &t, Style::new()),
                Block::Strong(t) => styled(&mut out, &t, BEST),
                Block::Caution(t) => styled(&mut out, &t, WARN),
                Block::Note(t) => styled(&mut out, &t, DIM),
                Block::List(items) => list(&mut out, &items, Style::new()),
                Block::Warnings(items) => list(&mut out, &items, WARN),
                Block::Table { head, rows } => out.push_str(&table::render(&head, &rows, WIDTH)),
                // Built without charts (see the module's note).
                Block::Chart(_) => tight = true,
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::redact;
    use crate::rubric::{EXAMPLE_NAME, EXAMPLE_RUBRIC, parse_str};

    /// The output without its styling.
    fn unstyled(text: &str) -> String {
        let mut out = String::new();
        let mut chars = text.chars();
        while let Some(c) = chars.next() {
            if c == '\u{1b}' {
                chars.by_ref().find(|c| *c == 'm');
            } else {
                out.push(c);
            }
        }
        out
    }

    /// The output without its styling, its whitespace runs made one space.
    fn plain(text: &str) -> String {
        let out = unstyled(text);
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    fn words(text: &str) -> Vec<String> {
        clean(text)
            .split_whitespace()
            .map(|w| w.trim_end_matches(':').to_string())
            .collect()
    }

    /// Every sentence of the document is in the terminal report whole, and
    /// every word of its tables' headings and cells as often as the
    /// document has it: the terminal shows the one document, not sections
    /// of its own.
    fn shows_the_whole_document(rubric: &str, redacted: bool) -> String {
        let mut rubric = parse_str(EXAMPLE_NAME, rubric).unwrap();
        rubric.model.samples = 2000;
        let res = crate::assessment::evaluate_on(EXAMPLE_NAME, "example", rubric, 1);
        let policy = redact::policy(redacted);
        let text = Text.render(&res, &policy).unwrap();
        let shown = plain(&text);
        let mut left: Vec<String> = words(&shown);
        let mut cells = 0;
        for block in doc::build(&res, &policy, false) {
            match block {
                Block::Title(t)
                | Block::Para(t)
                | Block::Strong(t)
                | Block::Caution(t)
                | Block::Note(t) => {
                    assert!(shown.contains(&plain(&clean(&t))), "{t:?} not in\n{text}")
                }
                Block::List(items) | Block::Warnings(items) => {
                    for item in items {
                        let item = plain(&clean(&item));
                        assert!(shown.contains(&item), "{item:?} not in\n{text}");
                    }
                }
                Block::Heading(t) => {
                    assert!(
                        shown.to_lowercase().contains(&plain(&t).to_lowercase()),
                        "{t:?} not in\n{text}"
                    )
                }
                Block::Table { head, rows } => {
                    // The heading of the rows' names may go where the table
                    // is shown row by row.
                    for cell in head.iter().skip(1).chain(rows.iter().flatten()) {
                        cells += 1;
                        for word in words(cell) {
                            let Some(k) = left.iter().position(|w| *w == word) else {
                                panic!("{word:?} of {cell:?} not in\n{text}");
                            };
                            left.swap_remove(k);
                        }
                    }
                }
                Block::Chart(_) => panic!("the terminal's document has no charts"),
            }
        }
        assert!(cells > 50, "{cells} cells");
        shown
    }

    #[test]
    fn the_terminal_shows_the_example_document() {
        let shown = shows_the_whole_document(EXAMPLE_RUBRIC, false);
        assert!(shown.contains("WHAT THE NUMBERS ASSUME"), "{shown}");
    }

    #[test]
    fn the_terminal_shows_the_redacted_document() {
        let shown = shows_the_whole_document(EXAMPLE_RUBRIC, true);
        assert!(shown.contains("Redacted for sharing"), "{shown}");
        assert!(!shown.contains("719,191"), "{shown}");
    }

    #[test]
    fn the_terminal_shows_a_close_call_document() {
        let close = EXAMPLE_RUBRIC.replace(
            "premium = { min = 0.10, mode = 0.20, max = 0.20 }",
            "premium = { min = 0.0, mode = 0.0, max = 0.06 }",
        );
        assert_ne!(close, EXAMPLE_RUBRIC);
        let shown = shows_the_whole_document(&close, false);
        assert!(shown.contains("Too close to call"), "{shown}");
    }

    #[test]
    fn every_line_fits_80_columns() {
        use unicode_width::UnicodeWidthStr;
        let res = crate::assessment::evaluate_on(
            EXAMPLE_NAME,
            "example",
            parse_str(EXAMPLE_NAME, EXAMPLE_RUBRIC).unwrap(),
            1,
        );
        let text = Text.render(&res, &redact::policy(false)).unwrap();
        for line in text.lines() {
            let line = unstyled(line);
            assert!(line.width() <= WIDTH, "{line:?}");
        }
    }
}
