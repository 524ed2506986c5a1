//! `report.md`: the report in Markdown, linking the chart files beside it,
//! for a wiki or a pull request. Rubric text is escaped so it is never
//! live Markdown or HTML.

use super::doc::{self, Block};
use super::{RenderError, Report, Results};
use crate::units::Policy;

pub struct Markdown {
    /// Whether the chart files were written beside the report.
    pub charts: bool,
}

/// Escapes text so Markdown shows it literally, with a backslash only
/// where Markdown (CommonMark with GitHub's tables, strikethrough and
/// autolinks) would read something: emphasis, code, links and images
/// (`[`), table cells (`|`), headings' `#`, and a block marker at the start
/// (`- `, `+ `, `1. `, a line of only `-` or `=`; not `+172,899`). `<`, `>` and `&` become entities so no HTML is
/// ever live, and `://` and `www.` are broken so no URL becomes a link;
/// line breaks become spaces. Dates and versions (2026-11-26, 0.1.0) stay
/// as they are.
pub(crate) fn escape(text: &str) -> String {
    let text = crate::text::clean(text);
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    // Where a leading run of digits ends (an ordered list's `1.` or `1)`).
    let digits = chars.iter().take_while(|c| c.is_ascii_digit()).count();
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        let escaped = match c {
            '<' => {
                out.push_str("&lt;");
                continue;
            }
            '>' => {
                out.push_str("&gt;");
                continue;
            }
            '&' => {
                out.push_str("&amp;");
                continue;
            }
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '#' => true,
            '-' | '+' | '=' => {
                i == 0
                    && (next.is_none_or(|n| n == ' ') || chars.iter().all(|&x| x == c || x == ' '))
            }
            // `](`: belt and braces after an escaped `]`.
            '(' => i > 0 && chars[i - 1] == ']',
            '.' | ')' => i == digits && digits > 0 && next.is_none_or(|n| n == ' '),
            // `https://…`: GitHub would link it.
            ':' => next == Some('/') && chars.get(i + 2) == Some(&'/'),
            _ => false,
        };
        // `www.…`: so would it.
        let www =
            c == '.' && i >= 3 && chars[i - 3..i].iter().all(|w| w.eq_ignore_ascii_case(&'w'));
        if escaped || www {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

impl Report for Markdown {
    fn render(&self, res: &Results, policy: &Policy) -> Result<String, RenderError> {
        let mut out = String::new();
        for block in doc::build(res, policy, self.charts) {
            match block {
                Block::Title(t) => out.push_str(&format!("# {}\n\n", escape(&t))),
                Block::Heading(t) => out.push_str(&format!("## {}\n\n", escape(&t))),
                Block::Para(t) | Block::Caution(t) => out.push_str(&format!("{}\n\n", escape(&t))),
                Block::Strong(t) => out.push_str(&format!("**{}**\n\n", escape(&t))),
                Block::Note(t) => out.push_str(&format!("_{}_\n\n", escape(&t))),
                Block::List(items) | Block::Warnings(items) => {
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
                Block::Chart(id) => {
                    let chart = crate::chart::chart(id);
                    out.push_str(&format!("![{}]({})\n\n", escape(chart.caption), chart.file));
                }
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn nothing_from_the_rubric_is_live_markdown_or_html() {
        assert_eq!(escape("<script>"), "&lt;script&gt;");
        assert_eq!(escape("**bold** [x](y)"), "\\*\\*bold\\*\\* \\[x\\]\\(y)");
        assert_eq!(escape("a | b"), "a \\| b");
        assert_eq!(escape("line\nbreak"), "line break");
        assert_eq!(escape("Tom & Jerry"), "Tom &amp; Jerry");
        assert_eq!(escape("see https://x.io"), "see https\\://x.io");
        assert_eq!(escape("www.x.io"), "www\\.x.io");
        assert_eq!(escape("- not a list"), "\\- not a list");
        assert_eq!(escape("+ not a list"), "\\+ not a list");
        assert_eq!(escape("---"), "\\---");
        assert_eq!(escape("=="), "\\==");
        assert_eq!(escape("1. not a list"), "1\\. not a list");
        assert_eq!(escape("3.75"), "3.75");
        assert_eq!(escape("# not a heading #"), "\\# not a heading \\#");
    }

    /// Only where Markdown needs it: dates, versions, hyphens and
    /// punctuation in prose stay as written.
    #[test]
    fn dates_versions_and_prose_are_not_escaped() {
        assert_eq!(escape("2026-11-26"), "2026-11-26");
        // A signed amount in a compare table is no list marker (#24 point 10).
        assert_eq!(escape("+172,899"), "+172,899");
        assert_eq!(escape("-5%"), "-5%");
        assert_eq!(escape("rolefit 0.1.0"), "rolefit 0.1.0");
        assert_eq!(
            escape("Product Manager – Technical (PMT): 20% more, isn't it?"),
            "Product Manager – Technical (PMT): 20% more, isn't it?"
        );
        assert_eq!(
            escape("Jean-Luc's plan! {x} = y."),
            "Jean-Luc's plan! {x} = y."
        );
    }
}
