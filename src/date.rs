//! Dates: the day a report is made, and dates found in rubrics and file
//! names (through `jiff`, so that 2026-02-31 is no date).

use jiff::civil::Date;
use jiff::tz::TimeZone;

/// Today's date in UTC as `YYYY-MM-DD`, or the date of `SOURCE_DATE_EPOCH`
/// (seconds since 1970) when set, so a report can be made reproducible.
pub(crate) fn today() -> String {
    let from_env = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|s| jiff::Timestamp::from_second(s).ok());
    let now = from_env.unwrap_or_else(jiff::Timestamp::now);
    now.to_zoned(TimeZone::UTC).date().to_string()
}

/// The first `YYYY-MM-DD` in `text` that is a real calendar date.
pub(crate) fn find_date(text: &str) -> Option<String> {
    let b = text.as_bytes();
    (0..b.len().saturating_sub(9)).find_map(|i| {
        let s = &b[i..i + 10];
        let digits = |r: std::ops::Range<usize>| s[r].iter().all(u8::is_ascii_digit);
        if !(digits(0..4) && s[4] == b'-' && digits(5..7) && s[7] == b'-' && digits(8..10)) {
            return None;
        }
        let number =
            |r: std::ops::Range<usize>| s[r].iter().fold(0i16, |n, d| n * 10 + i16::from(d - b'0'));
        let (year, month, day) = (number(0..4), number(5..7), number(8..10));
        let date = Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()?;
        Some(date.to_string())
    })
}

/// A date in a file name, to label `compare`'s rows: the first real
/// `YYYY-MM-DD`, else the first `YYYY-MM` with a real month that no other
/// digit touches (`sam-2026-03.toml`).
pub(crate) fn find_date_or_month(text: &str) -> Option<String> {
    find_date(text).or_else(|| {
        let b = text.as_bytes();
        (0..b.len().saturating_sub(6)).find_map(|i| {
            let s = &b[i..i + 7];
            let digit_at = |k: usize| b.get(k).is_some_and(u8::is_ascii_digit);
            let shape = s[..4].iter().all(u8::is_ascii_digit)
                && s[4] == b'-'
                && s[5..7].iter().all(u8::is_ascii_digit);
            if !shape || (i > 0 && digit_at(i - 1)) || digit_at(i + 7) {
                return None;
            }
            let month = (s[5] - b'0') * 10 + (s[6] - b'0');
            (1..=12)
                .contains(&month)
                .then(|| String::from_utf8_lossy(s).into_owned())
        })
    })
}

#[cfg(test)]
mod tests {
    use super::{find_date, find_date_or_month};

    #[test]
    fn file_names_with_a_month_are_dated_too() {
        assert_eq!(
            find_date_or_month("sam-2026-01.toml").as_deref(),
            Some("2026-01")
        );
        assert_eq!(
            find_date_or_month("sam-2026-03-01.toml").as_deref(),
            Some("2026-03-01")
        );
        assert_eq!(find_date_or_month("v12026-01.toml"), None);
        assert_eq!(find_date_or_month("2026-13.toml"), None);
        assert_eq!(find_date_or_month("sam.toml"), None);
    }

    #[test]
    fn finds_real_calendar_dates_only() {
        assert_eq!(
            find_date("sam-2026-03-01.toml").as_deref(),
            Some("2026-03-01")
        );
        assert_eq!(find_date("2024-02-29"), Some("2024-02-29".into()));
        assert_eq!(find_date("2026-02-31"), None);
        assert_eq!(find_date("2025-02-29"), None);
        assert_eq!(find_date("2026-13-01"), None);
        // The first real date wins over an impossible one before it.
        assert_eq!(
            find_date("2026-02-30 then 2026-04-30").as_deref(),
            Some("2026-04-30")
        );
        assert_eq!(find_date("no date"), None);
    }
}
