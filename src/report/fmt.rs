//! Number and text formatting shared by every report.

/// Money rounded to whole units with thousands separators: `1,234,567`.
pub fn money(v: f64) -> String {
    if !v.is_finite() {
        return v.to_string();
    }
    let rounded = v.round();
    let digits = format!("{:.0}", rounded.abs());
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if rounded < 0.0 {
        out.push('-');
    }
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// A probability as a whole percentage; `<1%` and `>99%` rather than a
/// misleading 0% or 100% for values that are not exactly 0 or 1.
pub fn percent(p: f64) -> String {
    let pct = 100.0 * p;
    if p > 0.0 && pct < 0.5 {
        "<1%".into()
    } else if p < 1.0 && pct >= 99.5 {
        ">99%".into()
    } else {
        format!("{pct:.0}%")
    }
}

/// A fit or stage score (0–100) to whole points.
pub fn points(v: f64) -> String {
    format!("{v:.0}")
}

/// Text from a rubric made safe for a terminal: control characters (and so
/// ANSI escape sequences, which start with ESC) become spaces.
pub fn clean(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Greedy word wrap to `width` columns (counted in chars), each line
/// prefixed with `indent`.
pub fn wrap(text: &str, width: usize, indent: &str) -> String {
    let mut out = String::new();
    let mut line = String::new();
    let room = width.saturating_sub(indent.chars().count()).max(20);
    for word in text.split_whitespace() {
        let len = line.chars().count();
        if len > 0 && len + 1 + word.chars().count() > room {
            out.push_str(indent);
            out.push_str(&line);
            out.push('\n');
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        out.push_str(indent);
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// Cuts `s` to at most `width` chars, ending in `…` when cut.
pub fn fit_width(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        s.to_string()
    } else {
        let mut out: String = s.chars().take(width.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_has_thousands_separators() {
        assert_eq!(money(0.0), "0");
        assert_eq!(money(999.4), "999");
        assert_eq!(money(1000.0), "1,000");
        assert_eq!(money(1234567.5), "1,234,568");
        assert_eq!(money(-45000.0), "-45,000");
    }

    #[test]
    fn percent_never_rounds_a_chance_to_certainty() {
        assert_eq!(percent(0.0), "0%");
        assert_eq!(percent(0.001), "<1%");
        assert_eq!(percent(0.314), "31%");
        assert_eq!(percent(0.999), ">99%");
        assert_eq!(percent(1.0), "100%");
    }

    #[test]
    fn clean_removes_escape_sequences_start() {
        assert_eq!(clean("a\u{1b}[31mb\n"), "a [31mb ");
    }

    #[test]
    fn wrap_keeps_lines_within_width() {
        let text = "one two three four five six seven eight nine ten eleven twelve";
        for line in wrap(text, 24, "  ").lines() {
            assert!(line.chars().count() <= 24, "{line}");
            assert!(line.starts_with("  "));
        }
    }
}
