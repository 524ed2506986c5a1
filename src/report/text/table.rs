//! A table of the document laid out for a terminal: columns as wide as
//! their widest cell, numbers right-aligned, headings and text wrapped
//! within their column when the table would pass the width. A heading too
//! long for its column is keyed (A, B, …) and spelled out above the table;
//! a table that still does not fit is shown row by row, each figure after
//! its heading.

use anstyle::Style;
use unicode_width::UnicodeWidthStr;

use crate::text::{clean, pad, wrap, wrap_lines};

const INDENT: &str = "  ";
const GAP: &str = "  ";
/// A column of text is not wrapped narrower than this (or its longest word).
const NARROWEST: usize = 12;
/// A heading that would take more lines than this is keyed.
const HEAD_LINES: usize = 2;
/// A heading this long that takes [`HEAD_LINES`] is keyed too when another
/// heading of its table is.
const LONG_HEAD: usize = 20;
const HEAD: Style = Style::new().bold();

/// The table, `width` columns wide at most (a word longer than its column
/// excepted), every line ending in a newline: as columns, or as columns
/// with rows and columns swapped where that takes fewer lines (a few long
/// rows: the strategies' pay by year); row by row, a figure a line, when
/// neither fits.
pub(super) fn render(head: &[String], rows: &[Vec<String>], width: usize) -> String {
    let n = head.len().max(rows.iter().map(Vec::len).max().unwrap_or(0));
    let tidy = |cells: &[String]| -> Vec<String> {
        (0..n)
            .map(|c| {
                cells.get(c).map_or_else(String::new, |s| {
                    clean(s).split_whitespace().collect::<Vec<_>>().join(" ")
                })
            })
            .collect()
    };
    let head = tidy(head);
    let rows: Vec<Vec<String>> = rows.iter().map(|r| tidy(r)).collect();
    let mut candidates: Vec<String> = laid_out(&head, &rows, width).into_iter().collect();
    if n > rows.len() + 1 {
        let swapped = |k: usize| -> Vec<String> {
            std::iter::once(head[k].clone())
                .chain(rows.iter().map(|r| r[k].clone()))
                .collect()
        };
        let rows: Vec<Vec<String>> = (1..n).map(swapped).collect();
        candidates.extend(laid_out(&swapped(0), &rows, width));
    }
    // Fewest lines; on a tie the table as the document has it.
    candidates
        .into_iter()
        .rev()
        .min_by_key(|text| text.lines().count())
        .unwrap_or_else(|| records(&head, &rows, width))
}

/// The table as columns, or None when it cannot fit `width`. Headings too
/// long for their column become letters, spelled out above the table.
fn laid_out(head: &[String], rows: &[Vec<String>], width: usize) -> Option<String> {
    let n = head.len();
    let numeric: Vec<bool> = (0..n)
        .map(|c| is_number_column(rows.iter().map(|r| r[c].as_str())))
        .collect();
    let room = width.saturating_sub(INDENT.width());
    let first = widths(head, rows, &numeric, room)?;
    // Once one heading needs a letter, so does every long heading that
    // takes as many lines as allowed, so that the letters read as one key
    // (the strategies of the pay by year).
    let lines: Vec<usize> = (0..n)
        .map(|c| wrap_lines(&head[c], first[c]).len())
        .collect();
    let any = lines.iter().any(|l| *l > HEAD_LINES);
    let keyed: Vec<bool> = (0..n)
        .map(|c| {
            lines[c] > HEAD_LINES
                || (any && c > 0 && lines[c] == HEAD_LINES && head[c].width() >= LONG_HEAD)
        })
        .collect();
    let mut keys = String::new();
    let mut shown = head.to_vec();
    let mut letter = b'A';
    for c in 0..n {
        if keyed[c] {
            let key = char::from(letter).to_string();
            letter = letter.saturating_add(1);
            let lines = wrap(&head[c], width, &" ".repeat(INDENT.width() + 3));
            keys.push_str(INDENT);
            keys.push_str(&format!("{key}:"));
            keys.push_str(lines.get(INDENT.width() + 2..).unwrap_or("\n"));
            shown[c] = key;
        }
    }
    if keys.is_empty() {
        return Some(columns(&shown, rows, &numeric, &first));
    }
    let widths = widths(&shown, rows, &numeric, room)?;
    Some(keys + &columns(&shown, rows, &numeric, &widths))
}

/// Whether a column holds figures (right-aligned): every cell but a dash
/// starts with a digit or a sign, and one cell at least is a figure.
fn is_number_column<'a>(cells: impl Iterator<Item = &'a str>) -> bool {
    let mut any = false;
    for cell in cells {
        if cell.is_empty() || cell == "—" {
            continue;
        }
        let first = cell.chars().next().unwrap_or(' ');
        if !(first.is_ascii_digit() || matches!(first, '+' | '-' | '−' | '~' | '<' | '>')) {
            return false;
        }
        any = true;
    }
    any
}

fn longest_word(s: &str) -> usize {
    s.split_whitespace().map(|w| w.width()).max().unwrap_or(0)
}

/// Each column's width: as wide as its widest cell and heading when the
/// table fits `room`; else the headings wrap, then the widest column
/// narrows, a column at a time, figures never wrapping and text never
/// narrower than [`NARROWEST`] or its longest word. None when even that
/// does not fit.
fn widths(
    head: &[String],
    rows: &[Vec<String>],
    numeric: &[bool],
    room: usize,
) -> Option<Vec<usize>> {
    let n = head.len();
    let natural: Vec<usize> = (0..n)
        .map(|c| rows.iter().map(|r| r[c].width()).max().unwrap_or(0))
        .collect();
    let floor: Vec<usize> = (0..n)
        .map(|c| {
            let word = rows
                .iter()
                .map(|r| longest_word(&r[c]))
                .max()
                .unwrap_or(0)
                .max(longest_word(&head[c]));
            if numeric[c] {
                natural[c].max(word)
            } else {
                natural[c].min(NARROWEST).max(word)
            }
        })
        .collect();
    let total = |w: &[usize]| w.iter().sum::<usize>() + GAP.width() * n.saturating_sub(1);
    let mut w: Vec<usize> = (0..n).map(|c| natural[c].max(head[c].width())).collect();
    if total(&w) <= room {
        return Some(w);
    }
    // First the headings wrap (to two lines at most), then the widest
    // column of text, a column at a time.
    let headed: Vec<usize> = (0..n)
        .map(|c| {
            let fits = (longest_word(&head[c])..head[c].width())
                .find(|w| wrap_lines(&head[c], *w).len() <= HEAD_LINES)
                .unwrap_or(head[c].width());
            natural[c].max(fits)
        })
        .collect();
    // A column wider than its figures for its heading's sake counts
    // double: its heading is keyed sooner than text wraps.
    let cost = |w: &[usize], c: usize| if w[c] > natural[c] { 2 * w[c] } else { w[c] };
    for floor in [&headed, &floor] {
        while total(&w) > room {
            let Some(widest) = (0..n)
                .filter(|&c| w[c] > floor[c])
                .max_by_key(|&c| (cost(&w, c), std::cmp::Reverse(c)))
            else {
                break;
            };
            w[widest] -= 1;
        }
    }
    if total(&w) > room {
        return None;
    }
    Some(w)
}

/// The table as aligned columns, the headings bold.
fn columns(head: &[String], rows: &[Vec<String>], numeric: &[bool], widths: &[usize]) -> String {
    let mut out = String::new();
    let line = |cells: &[String], style: Style, out: &mut String| {
        let wrapped: Vec<Vec<String>> = cells
            .iter()
            .zip(widths)
            .map(|(cell, w)| wrap_lines(cell, *w))
            .collect();
        let height = wrapped.iter().map(Vec::len).max().unwrap_or(0);
        for k in 0..height {
            let text: Vec<String> = wrapped
                .iter()
                .zip(widths)
                .zip(numeric)
                .map(|((lines, w), number)| {
                    let cell = lines.get(k).map_or("", String::as_str);
                    if *number {
                        format!("{}{cell}", " ".repeat(w.saturating_sub(cell.width())))
                    } else {
                        pad(cell, *w)
                    }
                })
                .collect();
            let text = text.join(GAP);
            out.push_str(&format!("{INDENT}{style}{}{style:#}\n", text.trim_end()));
        }
    };
    if head.iter().any(|h| !h.is_empty()) {
        line(head, HEAD, &mut out);
    }
    // A first cell that repeats the one above it is left blank: the rows
    // read as a group (the gaps of one role).
    let mut above: Option<&String> = None;
    for row in rows {
        let first = row.first();
        if first.is_some_and(|f| !f.is_empty()) && first == above {
            let mut row = row.clone();
            row[0] = String::new();
            line(&row, Style::new(), &mut out);
        } else {
            line(row, Style::new(), &mut out);
        }
        above = first;
    }
    out
}

/// The table row by row, for a table too wide for the terminal: the first
/// cell, then each other figure on a line of its own after its heading,
/// the headings' column as wide as the longest (up to 3/5 of the width).
fn records(head: &[String], rows: &[Vec<String>], width: usize) -> String {
    const HANG: &str = "    ";
    let label = head
        .iter()
        .skip(1)
        .map(|h| h.width())
        .max()
        .unwrap_or(0)
        .min(width * 3 / 5);
    let room = width.saturating_sub(HANG.width() + label + GAP.width());
    let mut out = String::new();
    for row in rows {
        let Some((first, rest)) = row.split_first() else {
            continue;
        };
        let title = wrap(first, width, INDENT);
        out.push_str(&format!("{HEAD}{}{HEAD:#}\n", title.trim_end()));
        for (h, cell) in head.iter().skip(1).zip(rest) {
            if cell.is_empty() {
                continue;
            }
            let names = wrap_lines(h, label);
            let figures = wrap_lines(cell, room);
            for k in 0..names.len().max(figures.len()) {
                let name = names.get(k).map_or("", String::as_str);
                let figure = figures.get(k).map_or("", String::as_str);
                let line = format!("{HANG}{}{GAP}{figure}", pad(name, label));
                out.push_str(line.trim_end());
                out.push('\n');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(cells: &[&str]) -> Vec<String> {
        cells.iter().map(|s| s.to_string()).collect()
    }

    fn plain(s: &str) -> String {
        s.replace("\u{1b}[1m", "").replace("\u{1b}[0m", "")
    }

    #[test]
    fn figures_are_right_aligned_and_text_left() {
        let out = plain(&render(
            &strings(&["Role", "Offer"]),
            &[strings(&["PM", "18%"]), strings(&["PM – Technical", "9%"])],
            80,
        ));
        assert_eq!(
            out,
            "  Role            Offer\n  PM                18%\n  PM – Technical     9%\n"
        );
    }

    #[test]
    fn a_wide_table_wraps_its_text_within_the_width() {
        let long = "a rather long competency name ".repeat(4);
        let out = plain(&render(
            &strings(&["Competency", "Hours", "Value"]),
            &[strings(&[&long, "4", "+3,783"])],
            40,
        ));
        assert!(out.lines().count() > 2, "{out}");
        for line in out.lines() {
            assert!(line.width() <= 40, "{line:?}");
        }
        assert!(out.contains("+3,783"), "{out}");
    }

    #[test]
    fn a_heading_too_long_for_its_column_is_keyed_above_the_table() {
        let a = "Apply as Product Manager, then try for Product Manager – Technical";
        let out = plain(&render(
            &strings(&["", a, "Stay"]),
            &[strings(&["Expected value", "719,191", "620,000"])],
            40,
        ));
        assert!(out.starts_with("  A: Apply as"), "{out}");
        assert!(out.contains("Expected value"), "{out}");
        for line in out.lines() {
            assert!(line.width() <= 40, "{line:?}");
        }
    }

    #[test]
    fn a_table_that_cannot_fit_is_shown_row_by_row() {
        let head = strings(&["Strategy", "Y1", "Y2", "Y3", "Y4", "Y5", "Y6", "Total"]);
        let row = strings(&[
            "Stay", "160,000", "160,000", "150,000", "150,000", "150,000", "150,000", "920,000",
        ]);
        let out = plain(&render(&head, &vec![row; 8], 40));
        assert!(out.starts_with("  Stay\n"), "{out}");
        assert!(
            out.contains("\n    Y1     160,000\n    Y2     160,000\n"),
            "{out}"
        );
        assert!(out.contains("\n    Total  920,000\n"), "{out}");
    }
}
