//! Rubric diagnostics: a message tied to a span of the source, rendered with
//! the file name, line, column, the offending line and a caret under it.

use std::borrow::Cow;
use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, Config};

use crate::text::{char_name, is_unsafe, shown_name};

/// One problem in a rubric.
#[derive(Debug, Clone, PartialEq)]
pub struct Diag {
    pub span: Range<usize>,
    pub message: String,
    pub label: Option<String>,
    pub help: Option<String>,
}

impl Diag {
    pub fn new(span: Range<usize>, message: impl Into<String>) -> Self {
        Diag {
            span,
            message: message.into(),
            label: None,
            help: None,
        }
    }

    pub(crate) fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub(crate) fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Prefixes the message with where in the rubric it happened.
    pub(crate) fn context(mut self, what: &str) -> Self {
        self.message = format!("{what}: {}", self.message);
        self
    }

    pub(crate) fn from_toml(error: &toml::de::Error) -> Self {
        // serde speaks of Rust types; a rubric's author thinks in TOML values.
        let message = error
            .message()
            .trim()
            .replace("expected f64", "expected a number")
            .replace("expected i64", "expected a whole number")
            .replace("expected a sequence", "expected an array [ … ]")
            .replace("invalid type: sequence", "invalid type: an array")
            .replace("invalid type: map", "invalid type: a table")
            .replace("unknown field", "unknown key");
        // `expected struct RawCandidate` → `expected a table`
        let message = match message.find("expected struct Raw") {
            Some(at) => format!("{}expected a table", &message[..at]),
            None => message,
        };
        let (message, help) = match message.split_once(", expected one of ") {
            Some((head, valid)) => (head.to_string(), Some(format!("valid keys: {valid}"))),
            None => (message, None),
        };
        let help = help.or_else(|| {
            (message == "duplicate key").then(|| {
                "this key or table is defined twice; several entries are written \
                 `[[competency]]` or `[[stage]]`, with double brackets"
                    .to_string()
            })
        });
        Diag {
            span: error.span().unwrap_or(0..0),
            message,
            label: None,
            help,
        }
    }

    /// A syntax error's help made specific with the source: a key given
    /// twice in one table is not a table defined twice.
    pub(crate) fn in_source(mut self, src: &str) -> Self {
        if self.message != "duplicate key" {
            return self;
        }
        let start = floor_char_boundary(src, self.span.start.min(src.len()));
        let line_start = src[..start].rfind('\n').map_or(0, |n| n + 1);
        let line = src[line_start..].lines().next().unwrap_or("").trim_start();
        if !line.starts_with('[') {
            let key: String = line
                .split(['=', ' ', '\t'])
                .next()
                .unwrap_or("")
                .chars()
                .take(64)
                .collect();
            self.help = Some(format!(
                "`{key}` is set twice in the same table; keep one of the two lines"
            ));
        }
        self
    }

    /// 1-based line and column of the start of the span.
    pub(crate) fn line_col(&self, src: &str) -> (usize, usize) {
        let start = self.span.start.min(src.len());
        let before = &src[..floor_char_boundary(src, start)];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (line, col)
    }

    /// Renders as `error: …` with `--> file:line:col`, the source line and a caret.
    /// A source line longer than [`LONG_LINE`] bytes is cut around the caret.
    pub fn render(&self, file: &str, src: &str) -> String {
        let file = shown_name(file);
        let start = floor_char_boundary(src, self.span.start.min(src.len()));
        let end = floor_char_boundary(src, self.span.end.clamp(start, src.len()));
        let named = self.naming_invisible(src, start..end);
        let this = named.as_ref().unwrap_or(self);
        let (src, span) = visible(src, start..end);
        let (start, end) = (span.start, span.end);
        // A multi-line span (a whole table) would print the whole table; point
        // at its first line instead.
        let end = src[start..end].find('\n').map_or(end, |n| start + n);
        let line_start = src[..start].rfind('\n').map_or(0, |n| n + 1);
        let line_end = src[start..].find('\n').map_or(src.len(), |n| start + n);
        if line_end - line_start > LONG_LINE {
            return this.render_cut(&file, &src, start..end, line_start..line_end);
        }
        let files = SimpleFile::new(&*file, &*src);
        let mut label = Label::primary((), start..end);
        if let Some(text) = &this.label {
            label = label.with_message(text);
        }
        let mut diagnostic = Diagnostic::error()
            .with_message(&this.message)
            .with_label(label);
        if let Some(help) = &this.help {
            diagnostic = diagnostic.with_note(format!("help: {help}"));
        }
        term::emit_into_string(&Config::default(), &files, &diagnostic).unwrap_or_else(|_| {
            let (line, col) = this.line_col(&src);
            format!("error: {}\n  --> {file}:{line}:{col}\n", this.message)
        })
    }

    /// When the span holds an invisible character (or, empty, sits on
    /// one), a copy whose label names it: the reader cannot see what the
    /// caret points at.
    fn naming_invisible(&self, src: &str, span: Range<usize>) -> Option<Diag> {
        let within = if span.is_empty() {
            src[span.start..].chars().take(1).collect::<Vec<_>>()
        } else {
            src[span].chars().collect()
        };
        let mut names: Vec<String> = Vec::new();
        for c in within.into_iter().filter(|&c| invisible(c)) {
            let name = char_name(c);
            if !names.contains(&name) {
                names.push(name);
            }
        }
        if names.is_empty() {
            return None;
        }
        let names = names.into_iter().take(3).collect::<Vec<_>>().join(", ");
        let what = format!("here: {names}, an invisible character; delete it or retype this part");
        let mut named = self.clone();
        named.label = Some(match &self.label {
            Some(l) => format!("{l} ({what})"),
            None => what,
        });
        Some(named)
    }

    /// [`Diag::render`] for a very long source line: the line is shown
    /// from [`CONTEXT`] bytes before the caret to as many after it, with
    /// `…` where it was cut, so each error costs a few hundred bytes
    /// however long the line.
    fn render_cut(&self, file: &str, src: &str, span: Range<usize>, line: Range<usize>) -> String {
        let (number, col) = self.line_col(src);
        let from = floor_char_boundary(src, span.start.saturating_sub(CONTEXT).max(line.start));
        let span_end = span.end.min(span.start + CONTEXT);
        let to = floor_char_boundary(src, (span_end + CONTEXT).min(line.end));
        let span_end = floor_char_boundary(src, span_end).max(span.start);
        let before = if from > line.start { "…" } else { "" };
        let after = if to < line.end { "…" } else { "" };
        let gutter = " ".repeat(number.to_string().len());
        let pad = " ".repeat(before.chars().count() + src[from..span.start].chars().count());
        let carets = "^".repeat(src[span.start..span_end].chars().count().max(1));
        let label = self
            .label
            .as_deref()
            .map_or(String::new(), |l| format!(" {l}"));
        let mut out = format!(
            "error: {}\n{gutter}┌─ {file}:{number}:{col}\n{gutter}│\n{number} │ {before}{}{after}\n{gutter}│ {pad}{carets}{label}\n",
            self.message,
            &src[from..to],
        );
        if let Some(help) = &self.help {
            out.push_str(&format!("{gutter}│\n{gutter}= help: {help}\n"));
        }
        out.push('\n');
        out
    }
}

/// A character a terminal would not show (or would act on) in a source
/// line: [`is_unsafe`] but for a tab and a line break, which the renderer
/// lays out itself.
fn invisible(c: char) -> bool {
    is_unsafe(c) && c != '\t' && c != '\n' && c != '\r' || c == '\u{feff}'
}

/// The source as a diagnostic shows it, and `span` moved to match: each
/// [`invisible`] character replaced by a visible stand-in — a C0 control
/// by its Control Pictures symbol (ESC → ␛, NUL → ␀), any other by U+FFFD.
/// The renderer gives an invisible character no width, so the caret under
/// one was missing exactly where it was needed. A lone `\r` (not before
/// `\n`) is shown as ␍ too.
fn visible(src: &str, span: Range<usize>) -> (Cow<'_, str>, Range<usize>) {
    let lone_cr = |at: usize| src.as_bytes().get(at + 1) != Some(&b'\n');
    let stand_in = |at: usize, c: char| -> Option<char> {
        if invisible(c) || (c == '\r' && lone_cr(at)) {
            Some(match c {
                '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'),
                '\u{7f}' => '\u{2421}',
                _ => '\u{fffd}',
            })
        } else {
            None
        }
    };
    if !src.char_indices().any(|(at, c)| stand_in(at, c).is_some()) {
        return (Cow::Borrowed(src), span);
    }
    let mut shown = String::with_capacity(src.len() + 64);
    let (mut start, mut end) = (span.start, span.end);
    for (at, c) in src.char_indices() {
        if at == span.start {
            start = shown.len();
        }
        if at == span.end {
            end = shown.len();
        }
        shown.push(stand_in(at, c).unwrap_or(c));
    }
    if span.start >= src.len() {
        start = shown.len();
    }
    if span.end >= src.len() {
        end = shown.len();
    }
    (Cow::Owned(shown), start..end.max(start))
}

/// Source lines longer than this many bytes are cut around the caret.
pub(crate) const LONG_LINE: usize = 240;
/// Bytes of a long line shown on each side of the caret.
const CONTEXT: usize = 60;

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::Diag;

    #[test]
    fn line_and_column_are_one_based() {
        let src = "a = 1\nbb = 2\n";
        let d = Diag::new(7..8, "x");
        assert_eq!(d.line_col(src), (2, 2));
    }

    #[test]
    fn render_names_file_line_and_column_and_shows_a_caret() {
        let src = "a = 1\nscore = 9\n";
        let d = Diag::new(14..15, "score 9 is outside the scale").label("here");
        let out = d.render("r.toml", src);
        assert!(out.contains("r.toml:2:9"), "{out}");
        assert!(out.contains("score = 9"), "{out}");
        assert!(out.contains('^'), "{out}");
    }
}
