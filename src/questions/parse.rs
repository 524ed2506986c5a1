//! An answer as typed, turned into the TOML value it stands for: its shape
//! is checked here (a number where a number belongs, a choice by its
//! number, money written one unambiguous way), its range by the validator.

use toml_edit::Value;

use super::{Accepts, Choice, Question};
use crate::rubric::edit;
use crate::text::trim_number;

impl Question {
    /// The answer typed, as the value to write: its shape is checked here
    /// (a number where a number belongs, a choice by its number), its range
    /// by the validator in [`apply`].
    pub(crate) fn parse(&self, answer: &str) -> Result<Value, String> {
        let answer = answer.trim();
        match &self.accepts {
            Accepts::Text { .. } => Ok(answer.into()),
            Accepts::Money { .. } => parse_money(answer).map(edit::number),
            Accepts::Score { min, max, .. } => match answer.parse::<f64>() {
                Ok(v) => Ok(edit::number(v)),
                Err(_) => Err(format!(
                    "a number from {} to {}, please",
                    trim_number(*min),
                    trim_number(*max)
                )),
            },
            // Anything else goes to the validator, which says what is valid:
            // a number as a number (`confidence` also takes a standard
            // deviation), other text as it is.
            Accepts::Word { words } => match (
                one_word(words.iter().copied(), answer),
                answer.parse::<f64>(),
            ) {
                (Some(word), _) => Ok(word.into()),
                (None, Ok(v)) => Ok(edit::number(v)),
                (None, Err(_)) => Ok(answer.into()),
            },
            Accepts::OneOf(choices) => match answer.parse::<usize>() {
                Ok(n) => n
                    .checked_sub(1)
                    .and_then(|k| choices.get(k))
                    .map(|c| c.id.as_str().into())
                    .ok_or_else(|| {
                        format!(
                            "a number from 1 to {} or one of {}, please",
                            choices.len(),
                            ids(choices)
                        )
                    }),
                Err(_) => Ok(one_word(choices.iter().map(|c| c.id.as_str()), answer)
                    .unwrap_or(answer)
                    .into()),
            },
            Accepts::SomeOf(choices) => {
                let picked = numbers(answer, choices.len())?;
                Ok(edit::strings(
                    picked.iter().map(|&k| choices[k].id.as_str()),
                ))
            }
        }
    }
}

/// An amount as people type it: `150000`, `150,000` or `150_000` (commas
/// and underscores only between groups of three digits), a fraction after
/// a dot (`150000.50`), and `k` or `m` for thousands and millions (`150k`,
/// `1.5m`). Whatever could be read two ways is refused with an example:
/// `150.000` (150, or 150,000 written the European way?) and `150000,50`.
/// The sign is kept: the range is the validator's (or the caller's) to check.
pub(crate) fn parse_money(s: &str) -> Result<f64, String> {
    let example = "an amount such as 150000, 150,000 or 150k, please";
    let s = s.trim();
    let (s, sign) = match s.strip_prefix('-') {
        Some(rest) => (rest, -1.0),
        None => (s, 1.0),
    };
    let (body, times) = match s.char_indices().last() {
        Some((at, 'k' | 'K')) => (&s[..at], 1e3),
        Some((at, 'm' | 'M')) => (&s[..at], 1e6),
        _ => (s, 1.0),
    };
    let (whole, fraction) = match body.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (body, None),
    };
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    if fraction.is_some_and(|f| !digits(f)) || whole.is_empty() {
        return Err(example.into());
    }
    let grouped = whole.contains([',', '_']);
    if grouped {
        let mut groups = whole.split([',', '_']);
        let first = groups.next().unwrap_or_default();
        let three = groups.all(|g| g.len() == 3 && digits(g));
        if !(digits(first) && first.len() <= 3 && three) {
            return Err(format!(
                "`{s}`: a comma or _ separates thousands, in groups of three (150,000); \
                 a fraction takes a dot (150000.50)"
            ));
        }
    } else if !digits(whole) {
        return Err(example.into());
    }
    if !grouped && times == 1.0 && fraction.is_some_and(|f| f.len() == 3) {
        return Err(format!(
            "`{s}` could be read two ways: write {whole}{f} or {whole},{f} for thousands, \
             {whole}.{f0} for a fraction",
            f = fraction.unwrap_or_default(),
            f0 = &fraction.unwrap_or_default()[..2],
        ));
    }
    let plain: String = whole.chars().filter(char::is_ascii_digit).collect();
    let number = match fraction {
        Some(f) => format!("{plain}.{f}"),
        None => plain,
    };
    let v: f64 = number.parse().map_err(|_| example.to_string())?;
    // Whole cents: `1.1k` is 1100, not 1100.0000000000002.
    Ok(sign * (v * times * 100.0).round() / 100.0)
}

fn ids(choices: &[Choice]) -> String {
    choices
        .iter()
        .map(|c| c.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// The word `answer` names, any case: the word itself, or the only one it
/// begins.
fn one_word<'a>(words: impl Iterator<Item = &'a str> + Clone, answer: &str) -> Option<&'a str> {
    let answer = answer.to_lowercase();
    if answer.is_empty() {
        return None;
    }
    if let Some(w) = words.clone().find(|w| **w == answer) {
        return Some(w);
    }
    let mut starting = words.filter(|w| w.starts_with(&answer));
    match (starting.next(), starting.next()) {
        (Some(w), None) => Some(w),
        _ => None,
    }
}

/// "1 3 12" or "1, 3, 12": distinct numbers from 1 to `n`, 0-based and in
/// the order given.
pub(super) fn numbers(s: &str, n: usize) -> Result<Vec<usize>, String> {
    let mut out = Vec::new();
    for word in s.split(|c: char| c == ',' || c.is_whitespace()) {
        if word.is_empty() {
            continue;
        }
        match word.parse::<usize>() {
            Ok(k) if (1..=n).contains(&k) => {
                if !out.contains(&(k - 1)) {
                    out.push(k - 1);
                }
            }
            _ => {
                return Err(format!(
                    "numbers from 1 to {n}, please (`{word}` is not one)"
                ));
            }
        }
    }
    if out.is_empty() {
        Err(format!("at least one number from 1 to {n}, please"))
    } else {
        Ok(out)
    }
}
