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
