//! `report.html`: one self-contained file — charts inline, styles inline,
//! no script, nothing fetched — that prints well. Rubric text is escaped.

use super::doc::{self, Block};
use super::{RenderError, Report, Results};
use crate::units::Policy;

pub struct Html {
    /// The charts to inline (empty with `--no-charts`).
    pub charts: Vec<crate::chart::Drawn>,
}

/// Escapes text for HTML element content and attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in crate::text::clean(text).chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "
body { font-family: Helvetica, Arial, sans-serif; color: #222; max-width: 860px;
       margin: 2em auto; padding: 0 1em; line-height: 1.45; }
h1 { font-size: 1.7em; margin-bottom: 0.2em; }
h2 { font-size: 1.25em; margin-top: 1.6em; border-bottom: 1px solid #ddd; padding-bottom: 0.2em; }
.note { color: #666; font-size: 0.9em; }
.recommendation { font-size: 1.2em; font-weight: bold; color: #00704a; }
table { border-collapse: collapse; margin: 0.8em 0; font-size: 0.92em; width: 100%; }
th, td { border: 1px solid #ddd; padding: 0.3em 0.5em; text-align: left; vertical-align: top; }
th { background: #f4f4f4; }
figure { margin: 1em 0; break-inside: avoid; page-break-inside: avoid; }
figure svg { max-width: 100%; height: auto; display: block; }
figcaption { color: #666; font-size: 0.85em; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  h2 { break-after: avoid; page-break-after: avoid; }
  table, figure { break-inside: avoid; page-break-inside: avoid; }
}
";

impl Report for Html {
    fn render(&self, res: &Results, policy: &Policy) -> Result<String, RenderError> {
        let blocks = doc::build(res, policy, !self.charts.is_empty());
        let title = blocks
            .iter()
            .find_map(|b| match b {
                Block::Title(t) => Some(t.clone()),
                _ => None,
            })
            .unwrap_or_else(|| "rolefit report".into());
        let mut out = format!(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
             <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n\
             <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
            escape(&title)
        );
        for block in blocks {
            match block {
                Block::Title(t) => out.push_str(&format!("<h1>{}</h1>\n", escape(&t))),
                Block::Heading(t) => out.push_str(&format!("<h2>{}</h2>\n", escape(&t))),
                Block::Para(t) | Block::Caution(t) => {
                    out.push_str(&format!("<p>{}</p>\n", escape(&t)))
                }
                Block::Strong(t) => out.push_str(&format!(
                    "<p class=\"recommendation\" id=\"recommendation\">{}</p>\n",
                    escape(&t)
                )),
                Block::Note(t) => out.push_str(&format!("<p class=\"note\">{}</p>\n", escape(&t))),
                Block::List(items) | Block::Warnings(items) => {
                    out.push_str("<ul>\n");
                    for item in items {
                        out.push_str(&format!("<li>{}</li>\n", escape(&item)));
                    }
                    out.push_str("</ul>\n");
                }
                Block::Table { head, rows } => {
                    out.push_str("<table>\n<thead><tr>");
                    for h in head {
                        out.push_str(&format!("<th>{}</th>", escape(&h)));
                    }
                    out.push_str("</tr></thead>\n<tbody>\n");
                    for row in rows {
                        out.push_str("<tr>");
                        for cell in row {
                            out.push_str(&format!("<td>{}</td>", escape(&cell)));
                        }
                        out.push_str("</tr>\n");
                    }
                    out.push_str("</tbody>\n</table>\n");
                }
                Block::Chart(id) => {
                    if let Some((chart, svg)) = self.charts.iter().find(|(c, _)| c.id == id) {
                        let alt = chart.caption;
                        // The SVG is rolefit's own output, its text already
                        // escaped for XML; it goes in as markup.
                        out.push_str(&format!(
                            "<figure id=\"{}\" role=\"img\" aria-label=\"{}\">\n{}\n<figcaption>{}</figcaption>\n</figure>\n",
                            chart.file.trim_end_matches(".svg"),
                            escape(alt),
                            svg.trim(),
                            escape(alt)
                        ));
                    }
                }
            }
        }
        out.push_str("</body>\n</html>\n");
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn rubric_text_is_never_markup() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
    }
}
