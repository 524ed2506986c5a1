//! `report.md`: the report in Markdown, linking the chart files beside it,
//! for a wiki or a pull request. Rubric text is escaped so it is never
//! live Markdown or HTML.

use super::doc::{self, Block};
use super::{Report, Results};

pub struct Markdown {
    /// Whether the chart files were written beside the report.
    pub charts: bool,
}

/// Escapes text so Markdown shows it literally: punctuation that Markdown
/// gives meaning gets a backslash; `<`, `>` and `&` become entities so no
/// HTML is ever live; line breaks become spaces.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in crate::text::clean(text).chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '{' | '}' | '[' | ']' | '(' | ')' | '#' | '+' | '-' | '.'
            | '!' | '|' | '~' | '"' | '\'' | '=' | ':' => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

impl Report for Markdown {
    fn render(&self, res: &Results) -> String {
        let mut out = String::new();
        for block in doc::build(res, self.charts) {
            match block {
                Block::Title(t) => out.push_str(&format!("# {}\n\n", escape(&t))),
                Block::Heading(t) => out.push_str(&format!("## {}\n\n", escape(&t))),
                Block::Para(t) => out.push_str(&format!("{}\n\n", escape(&t))),
                Block::Strong(t) => out.push_str(&format!("**{}**\n\n", escape(&t))),
                Block::Note(t) => out.push_str(&format!("_{}_\n\n", escape(&t))),
                Block::List(items) => {
                    for item in items {
                        out.push_str(&format!("- {}\n", escape(&item)));
                    }
                    out.push('\n');
                }
                Block::Table { head, rows } => {
                    let line = |cells: &[String]| {
                        format!(
                            "| {} |\n",
                            cells
                                .iter()
                                .map(|c| escape(c))
                                .collect::<Vec<_>>()
                                .join(" | ")
                        )
                    };
                    out.push_str(&line(&head));
                    out.push_str(&format!("|{}\n", "---|".repeat(head.len())));
                    for row in rows {
                        out.push_str(&line(&row));
                    }
                    out.push('\n');
                }
                Block::Chart { file, alt } => {
                    out.push_str(&format!("![{}]({file})\n\n", escape(&alt)));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn nothing_from_the_rubric_is_live_markdown_or_html() {
        assert_eq!(escape("<script>"), "&lt;script&gt;");
        assert_eq!(escape("**bold** [x](y)"), "\\*\\*bold\\*\\* \\[x\\]\\(y\\)");
        assert_eq!(escape("a | b"), "a \\| b");
        assert_eq!(escape("line\nbreak"), "line break");
        assert_eq!(escape("Tom & Jerry"), "Tom &amp; Jerry");
    }
}
