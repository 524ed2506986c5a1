//! Rubric diagnostics: a message tied to a span of the source, rendered with
//! the file name, line, column, the offending line and a caret under it.

use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::files::SimpleFile;
use codespan_reporting::term::{self, Config};

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

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Prefixes the message with where in the rubric it happened.
    pub fn context(mut self, what: &str) -> Self {
        self.message = format!("{what}: {}", self.message);
        self
    }

    pub fn from_toml(error: &toml::de::Error) -> Self {
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

    /// 1-based line and column of the start of the span.
    pub fn line_col(&self, src: &str) -> (usize, usize) {
        let start = self.span.start.min(src.len());
        let before = &src[..floor_char_boundary(src, start)];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (line, col)
    }

    /// Renders as `error: …` with `--> file:line:col`, the source line and a caret.
    pub fn render(&self, file: &str, src: &str) -> String {
        let files = SimpleFile::new(file, src);
        let start = floor_char_boundary(src, self.span.start.min(src.len()));
        let end = floor_char_boundary(src, self.span.end.clamp(start, src.len()));
        // A multi-line span (a whole table) would print the whole table; point
        // at its first line instead.
        let end = src[start..end].find('\n').map_or(end, |n| start + n);
        let mut label = Label::primary((), start..end);
        if let Some(text) = &self.label {
            label = label.with_message(text);
        }
        let mut diagnostic = Diagnostic::error()
            .with_message(&self.message)
            .with_label(label);
        if let Some(help) = &self.help {
            diagnostic = diagnostic.with_note(format!("help: {help}"));
        }
        term::emit_into_string(&Config::default(), &files, &diagnostic).unwrap_or_else(|_| {
            let (line, col) = self.line_col(src);
            format!("error: {}\n  --> {file}:{line}:{col}\n", self.message)
        })
    }
}

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
