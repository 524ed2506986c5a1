//! Formatting numbers, money and percentages, wrapping and padding by
//! display width, and making rubric text safe for a terminal: what every
//! report, chart and message shares. Uses only `units` (money is shown as
//! the [`Policy`] passed in says).

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::units::{Money, Policy, Shown};

/// Money as `policy` lets it be shown: whole units with thousands
/// separators (`1,234,567`), or a dash where it is withheld (a table cell
/// keeps its place; sentences ask [`amount`] and say less instead).
pub fn money(policy: &Policy, m: impl Into<Money>) -> String {
    amount(policy, m).unwrap_or_else(|| "—".into())
}

/// Money as `policy` lets it be shown; None where it is withheld.
pub(crate) fn amount(policy: &Policy, m: impl Into<Money>) -> Option<String> {
    match policy.show(m.into()) {
        Shown::Amount(v) => Some(thousands(v)),
        Shown::Withheld => None,
    }
}

/// `x` (1 = 100%) as a percentage, one decimal below 10%.
pub(crate) fn share(x: f64) -> String {
    if !x.is_finite() {
        return x.to_string();
    }
    let pct = 100.0 * x;
    if pct.abs() < 9.95 && (10.0 * pct).round() != 0.0 {
        format!("{pct:.1}%")
    } else {
        format!("{:.0}%", pct.round() + 0.0)
    }
}

/// A number rounded to a whole with thousands separators: `1,234,567`.
pub fn thousands(v: f64) -> String {
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
        rate(p)
    }
}

/// `x` (1 = 100%) as a whole percentage, sign and all: `-15%`, `0%`, never
/// `-0%` (#23.10: a figure that rounds to zero, or a −0.0 summed over
/// nothing, has no sign).
pub(crate) fn rate(x: f64) -> String {
    format!("{}%", whole(100.0 * x))
}

/// `v` rounded to a whole number as text, never `-0`.
fn whole(v: f64) -> String {
    let s = format!("{v:.0}");
    if s == "-0" { "0".into() } else { s }
}

/// A fit or stage score (0–100) to whole points.
pub(crate) fn points(v: f64) -> String {
    whole(v)
}

/// How many times something is multiplied, written so a reader can take
/// it in: `3.3`, `1,808`, or past a million a power of ten, `5.2 × 10^21`
/// (#23.11: the odds at a steep slope printed 22 digits).
pub(crate) fn times(x: f64) -> String {
    if !x.is_finite() {
        return "more than 10^300".into();
    }
    if x.abs() < 1e6 {
        return if x.abs() < 100.0 {
            format!("{x:.1}")
        } else {
            thousands(x)
        };
    }
    let exp = x.abs().log10().floor();
    let mantissa = x / 10f64.powf(exp);
    // 9.96 × 10^6 rounds to 10.0: carry it.
    let (mantissa, exp) = if format!("{:.1}", mantissa.abs()) == "10.0" {
        (mantissa / 10.0, exp + 1.0)
    } else {
        (mantissa, exp)
    };
    format!("{mantissa:.1} × 10^{exp:.0}")
}

/// Whether `c` must not reach a terminal or a document: control
/// characters (C0 and C1, so ESC and CSI start no escape sequence, and `\r`,
/// `\b`, NUL rewrite nothing), the bidirectional embeddings, overrides,
/// isolates and marks (which let text read otherwise than it is stored),
/// the line and paragraph separators, and U+FFFE/U+FFFF (not XML).
pub fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{FFFE}'
                | '\u{FFFF}'
        )
}

/// Text from a rubric made safe for a terminal, a report and an SVG: the
/// one sanitiser every output path uses. Each [`is_unsafe`] character
/// becomes a space.
pub fn clean(s: &str) -> String {
    if !s.chars().any(is_unsafe) {
        return s.to_string();
    }
    s.chars()
        .map(|c| if is_unsafe(c) { ' ' } else { c })
        .collect()
}

/// A file name as a message shows it: every [`is_unsafe`] character escaped
/// (`\n`, `\u{1b}`), so a name holding a newline cannot start a line of
/// the message that looks like rolefit's own.
pub(crate) fn shown_name(name: &str) -> String {
    if !name.chars().any(is_unsafe) {
        return name.to_string();
    }
    name.chars()
        .map(|c| {
            if is_unsafe(c) {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// What an invisible character is called, for a diagnostic that points at
/// one: `U+001B (ESC)`.
pub(crate) fn char_name(c: char) -> String {
    const C0: [&str; 32] = [
        "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "TAB", "LF", "VT", "FF",
        "CR", "SO", "SI", "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM",
        "SUB", "ESC", "FS", "GS", "RS", "US",
    ];
    let name = match c {
        '\u{0}'..='\u{1f}' => C0.get(c as usize).copied(),
        '\u{7f}' => Some("DEL"),
        '\u{80}'..='\u{9f}' => Some("a C1 control"),
        '\u{200e}' | '\u{200f}' | '\u{61c}' => Some("a direction mark"),
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => Some("a bidirectional control"),
        '\u{2028}' => Some("LINE SEPARATOR"),
        '\u{2029}' => Some("PARAGRAPH SEPARATOR"),
        '\u{feff}' => Some("BYTE ORDER MARK"),
        _ => None,
    };
    match name {
        Some(n) => format!("U+{:04X} ({n})", c as u32),
        None => format!("U+{:04X}", c as u32),
    }
}

/// [`clean`] line by line: a message of several lines keeps its line
/// breaks (`\n`), every other unsafe character becomes a space.
pub(crate) fn clean_lines(s: &str) -> String {
    s.split('\n').map(clean).collect::<Vec<_>>().join("\n")
}

/// Greedy word wrap to `width` terminal columns (display width, so wide
/// characters count double), each line prefixed with `indent`; runs of
/// whitespace become one space. A word longer than the line stays whole.
pub(crate) fn wrap(text: &str, width: usize, indent: &str) -> String {
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if words.is_empty() {
        return String::new();
    }
    let room = width.saturating_sub(indent.width()).max(20);
    let mut out = String::new();
    for line in wrap_lines(&words, room) {
        out.push_str(indent);
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// [`wrap`]'s lines, without indent or newlines and with no narrowest
/// width: a table cell wrapped within its column.
pub(crate) fn wrap_lines(text: &str, width: usize) -> Vec<String> {
    let options = textwrap::Options::new(width.max(1))
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        .break_words(false);
    textwrap::wrap(text, options)
        .into_iter()
        .map(|line| line.into_owned())
        .collect()
}

/// [`wrap`] as a list item: `bullet` ("  - ") before the first line, as
/// many spaces before the others, so a wrapped item reads as one item.
pub(crate) fn wrap_item(text: &str, width: usize, bullet: &str) -> String {
    let hang = " ".repeat(bullet.width());
    wrap(text, width, &hang).replacen(&hang, bullet, 1)
}

/// Cuts `s` to at most `width` terminal columns, ending in `…` when cut.
pub(crate) fn fit_width(s: &str, width: usize) -> String {
    if s.width() <= width {
        return s.to_string();
    }
    let room = width.saturating_sub(1);
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w > room {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// `s` cut to `width` columns ([`fit_width`]) and padded with spaces to
/// exactly that width: a table column that lines up whatever the script.
pub(crate) fn pad(s: &str, width: usize) -> String {
    let mut out = fit_width(s, width);
    let used = out.width();
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
    out
}

/// `4`, `3.75`, `-0.5`: a scale value without trailing zeros.
pub fn trim_number(v: f64) -> String {
    let s = format!("{v:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" { "0".into() } else { s.into() }
}

/// `−0.25`, `+0.5`: a number with its sign (a true minus sign).
pub(crate) fn signed(v: f64) -> String {
    if v < 0.0 {
        format!("−{}", trim_number(-v))
    } else {
        format!("+{}", trim_number(v))
    }
}

/// `1 hour`, `4 hours`, `2.5 hours`.
pub(crate) fn hours(h: f64) -> String {
    if h == 1.0 {
        "1 hour".into()
    } else {
        format!("{} hours", trim_number(h))
    }
}

/// A change of probability in percentage points: `+1.1`, `−0.3`, `+<0.1`.
pub(crate) fn points_change(d: f64) -> String {
    let pts = 100.0 * d;
    if d == 0.0 {
        "±0".into()
    } else if pts.abs() < 0.05 {
        if d > 0.0 {
            "+<0.1".into()
        } else {
            "−<0.1".into()
        }
    } else if pts < 0.0 {
        format!("−{:.1}", -pts)
    } else {
        format!("+{pts:.1}")
    }
}

/// A change of money with its sign: `+6,653`, `−1,200`.
pub(crate) fn money_change(policy: &Policy, d: impl Into<Money>) -> String {
    if policy.withholds() {
        return "—".into();
    }
    signed_with(d.into(), |m| money(policy, m))
}

/// A change of a share (1 = 100%) with its sign: `+23%`, `−2.0%`.
pub(crate) fn share_change(d: f64) -> String {
    signed_with(Money::new(d), |m| share(m.ratio(Money::new(1.0))))
}

fn signed_with(d: Money, show: impl Fn(Money) -> String) -> String {
    let zero = |s: &str| s.chars().all(|c| matches!(c, '0' | '.' | '%'));
    if d.is_negative() && !zero(&show(-d)) {
        format!("−{}", show(-d))
    } else {
        format!("+{}", show(d.max(Money::new(0.0))))
    }
}

/// `going …` → `Going …`.
pub(crate) fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// `Applying …` → `applying …`.
pub(crate) fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
}

/// A horizon in years: `1 year`, `4 years`, `4.5 years`; with `spell_one`,
/// `one year` for 1.
pub(crate) fn years(h: f64, spell_one: bool) -> String {
    match h {
        1.0 if spell_one => "one year".into(),
        1.0 => "1 year".into(),
        h if h < 1.0 => span(h),
        _ => format!("{} years", trim_number(h)),
    }
}

/// A time shorter than a year in the unit it reads best in (#23.11: a
/// horizon of 0.001 printed "0 years"): `6 months`, `1.5 months`, `4 days`,
/// `9 hours`, `less than an hour`.
fn span(h: f64) -> String {
    let unit = |n: f64, one: &str, many: &str| {
        let n = trim_number((n * 10.0).round() / 10.0);
        if n == "1" {
            format!("1 {one}")
        } else {
            format!("{n} {many}")
        }
    };
    let (months, days, hours) = (h * 12.0, h * 365.0, h * 8760.0);
    if months >= 0.95 {
        unit(months, "month", "months")
    } else if days >= 0.95 {
        unit(days, "day", "days")
    } else if hours >= 0.95 {
        unit(hours.round(), "hour", "hours")
    } else {
        "less than an hour".into()
    }
}

/// "Year 3", or "Year 5 (6 months)" for a fractional horizon's last year.
pub(crate) fn year_label(y: usize, horizon: f64) -> String {
    let part = horizon - (y - 1) as f64;
    if part < 1.0 {
        format!("Year {y} ({})", span(part))
    } else {
        format!("Year {y}")
    }
}

/// How a figure's spread over the Monte Carlo draws is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Spread {
    /// `64 (58–70)`: short figures.
    Tight,
    /// `160,000 (150,000 – 170,000)`: money.
    Spaced,
}

/// `point` alone when the draws do not spread (`p05 == p95`), else with its
/// 5th–95th percentile range, each number written by `show`.
pub(crate) fn ranged(
    point: f64,
    p05: f64,
    p95: f64,
    show: impl Fn(f64) -> String,
    spread: Spread,
) -> String {
    if p05 == p95 {
        return show(point);
    }
    let (point, lo, hi) = (show(point), show(p05), show(p95));
    match spread {
        Spread::Tight => format!("{point} ({lo}–{hi})"),
        Spread::Spaced => format!("{point} ({lo} – {hi})"),
    }
}

#[cfg(test)]
mod tests {

    /// A wrapped list item keeps its "- " on the first line only (#24
    /// point 10: every continuation line used to start with "- ").
    #[test]
    fn a_wrapped_item_hangs_under_its_bullet() {
        let ids = (1..=30)
            .map(|i| format!("competency-{i}"))
            .collect::<Vec<_>>()
            .join(", ");
        let text = wrap_item(
            &format!("30 of 30 competencies have no score yet: {ids}"),
            60,
            "  - ",
        );
        let lines: Vec<&str> = text.lines().collect();
        assert!(lines.len() > 3, "{text}");
        assert!(lines[0].starts_with("  - 30 of 30"));
        for line in &lines[1..] {
            assert!(
                line.starts_with("    ") && !line.trim_start().starts_with("- "),
                "{line}"
            );
        }
    }
    use super::*;

    const AMOUNTS: Policy = Policy::Amounts;

    #[test]
    fn money_has_thousands_separators() {
        assert_eq!(money(&AMOUNTS, 0.0), "0");
        assert_eq!(money(&AMOUNTS, 999.4), "999");
        assert_eq!(money(&AMOUNTS, 1000.0), "1,000");
        assert_eq!(money(&AMOUNTS, 1234567.5), "1,234,568");
        assert_eq!(money(&AMOUNTS, -45000.0), "-45,000");
    }

    #[test]
    fn withheld_money_is_never_shown() {
        let p = Policy::Withheld;
        assert_eq!(money(&p, 160_500.0), "—");
        assert_eq!(amount(&p, 160_500.0), None);
        assert_eq!(money_change(&p, -3_000.0), "—");
        assert_eq!(money(&AMOUNTS, 150_000.0), "150,000");
        assert_eq!(money_change(&AMOUNTS, -3_000.0), "−3,000");
        assert_eq!(share_change(0.23), "+23%");
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
    fn clean_removes_bidi_controls_separators_and_xml_noncharacters() {
        for c in [
            '\r', '\u{8}', '\0', '\u{9b}', '\u{7}', '\u{202A}', '\u{202E}', '\u{2066}', '\u{2069}',
            '\u{2028}', '\u{2029}', '\u{FFFE}', '\u{FFFF}', '\u{200F}',
        ] {
            assert_eq!(clean(&format!("a{c}b")), "a b", "{:?}", c);
        }
        assert_eq!(clean("Zoë 製品 عربي"), "Zoë 製品 عربي");
        assert_eq!(clean_lines("a\u{1b}]0;x\u{7}\nb\rc"), "a ]0;x \nb c");
    }

    #[test]
    fn wide_characters_count_double() {
        // Eight CJK characters are 16 columns: cut to 9 columns (4 + …).
        assert_eq!(fit_width("製品管理者技術担当", 9), "製品管理…");
        assert_eq!(pad("製品", 6), "製品  ");
        assert_eq!(pad("abc", 2), "a…");
        let title = "プロダクトマネージャー テクニカル 担当 製品 管理 技術 職種 名前 ".repeat(3);
        for line in wrap(&title, 40, "  ").lines() {
            assert!(line.width() <= 40, "{line} is {} columns", line.width());
        }
    }

    #[test]
    fn numbers_years_and_ranges() {
        assert_eq!(trim_number(3.75), "3.75");
        assert_eq!(trim_number(-0.0), "0");
        assert_eq!(trim_number(4.0), "4");
        assert_eq!(years(1.0, true), "one year");
        assert_eq!(years(1.0, false), "1 year");
        assert_eq!(years(4.5, true), "4.5 years");
        assert_eq!(
            ranged(64.2, 58.0, 70.4, points, Spread::Tight),
            "64 (58–70)"
        );
        assert_eq!(
            ranged(0.5, 0.4, 0.6, percent, Spread::Tight),
            "50% (40%–60%)"
        );
        assert_eq!(
            ranged(2e3, 1e3, 3e3, |v| money(&AMOUNTS, v), Spread::Spaced),
            "2,000 (1,000 – 3,000)"
        );
        assert_eq!(ranged(7.0, 7.0, 7.0, points, Spread::Tight), "7");
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
