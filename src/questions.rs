//! Every question `fill` and `fill --stories` ask, as data a terminal or a
//! form can go through: what is asked, a line of help, the answers it
//! accepts (with the validator's own ranges and words) and the rubric key
//! an answer sets.
//!
//! An answer is only turned into a TOML value here; [`apply`] writes it
//! into the rubric's text and validates the whole text again. So the text
//! is the one state, the rubric is always what that text validates to, and
//! an answer the validator refuses is refused with the validator's own
//! message.

use toml_edit::Value;

use crate::rubric::edit::{self, EditError, Editor};
use crate::rubric::limits::{MAX_BYTES, MAX_MONEY, MAX_STORY_TEXT};
use crate::rubric::validate::CONFIDENCE_SD;
use crate::rubric::{self, LoadError, Part, Route, Rubric};
use crate::text::{clean, trim_number};

/// Where an answer goes in the rubric.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Key {
    /// `[candidate] KEY`.
    Candidate(&'static str),
    /// `KEY` of the `n`-th `[[competency]]` (from 0).
    Competency(usize, &'static str),
    /// `KEY` of the `n`-th `[[story]]` (from 0); one past the last adds a
    /// story.
    Story(usize, &'static str),
}

/// An answer offered by number: the value it stands for and what it means.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Choice {
    pub id: String,
    pub label: String,
}

/// The answers a question accepts.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Accepts {
    /// A line of text, at most `max_chars` characters where the rubric
    /// limits it (a story's parts).
    Text { max_chars: Option<usize> },
    /// An amount of money from 0 to `max`.
    Money { max: f64 },
    /// A number on the rubric's scale; `levels` says what each whole one
    /// means (its id is the number, its label "3 Solid: …").
    Score {
        min: f64,
        max: f64,
        levels: Vec<Choice>,
    },
    /// One of `words`, any case, or the beginning of just one of them;
    /// a number where the key also takes one (`confidence`: a standard
    /// deviation greater than 0).
    Word { words: Vec<&'static str> },
    /// One of the choices, by its number (from 1) or its id.
    OneOf(Vec<Choice>),
    /// At least one of the choices, by number, separated by spaces or
    /// commas.
    SomeOf(Vec<Choice>),
}

/// One question.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Question {
    pub key: Key,
    /// What is asked, short: "Confidence low/medium/high".
    pub prompt: String,
    /// What the answer means, a sentence or two ("" when the prompt says it all).
    pub help: String,
    pub accepts: Accepts,
    /// The value in effect, as shown beside the prompt; `None` when blank.
    pub current: Option<String>,
    /// What to show for a blank value ("" shows nothing).
    pub blank: &'static str,
}

/// Why an answer was not written.
#[derive(Debug)]
pub(crate) enum Refused {
    /// The answer is not one the rubric accepts: say why, ask again.
    Invalid(String),
    /// The file cannot take the answer where it belongs (a key written in
    /// a shape `toml_edit` cannot edit): stop.
    Edit(EditError),
}

/// `[candidate] name`.
pub(crate) fn name(rubric: &Rubric) -> Question {
    let name = &rubric.candidate.name;
    Question {
        key: Key::Candidate("name"),
        prompt: "Your name (it names the results folder and the charts)".into(),
        help: String::new(),
        accepts: Accepts::Text { max_chars: None },
        current: (!name.is_empty()).then(|| name.clone()),
        blank: "",
    }
}

/// `[candidate] current_salary`.
pub(crate) fn salary(rubric: &Rubric) -> Question {
    Question {
        key: Key::Candidate("current_salary"),
        prompt: "Your current annual pay, the \"stay where you are\" baseline (0 if none)".into(),
        help: String::new(),
        accepts: Accepts::Money { max: MAX_MONEY },
        current: rubric.candidate.current_salary.map(trim_number),
        blank: "",
    }
}

/// `[candidate] route`.
pub(crate) fn route(rubric: &Rubric) -> Question {
    Question {
        key: Key::Candidate("route"),
        prompt: format!("Route, 1–{} or its name", Route::ALL.len()),
        help: "How does your application reach the team? A referral or a recruiter \
               raises the odds of being picked."
            .into(),
        accepts: Accepts::OneOf(
            Route::ALL
                .iter()
                .map(|r| Choice {
                    id: r.id().into(),
                    label: r.hint().into(),
                })
                .collect(),
        ),
        current: Some(rubric.candidate.route.id().into()),
        blank: "",
    }
}

/// The three questions of competency `i`: its score, the confidence in it
/// and a line of evidence.
pub(crate) fn competency(rubric: &Rubric, i: usize) -> [Question; 3] {
    let c = &rubric.competencies[i];
    let (min, max) = (rubric.scale.min, rubric.scale.max);
    let levels = c
        .levels
        .iter()
        .enumerate()
        .map(|(k, level)| {
            let id = trim_number(min + k as f64);
            let label = match rubric.scale.labels.get(k) {
                Some(l) => format!("{id} {l}: {level}"),
                None => format!("{id}: {level}"),
            };
            Choice { id, label }
        })
        .collect();
    let confidence = CONFIDENCE_SD
        .iter()
        .find(|(_, sd)| *sd == c.sd)
        .map_or_else(|| trim_number(c.sd), |(w, _)| w.to_string());
    [
        Question {
            key: Key::Competency(i, "score"),
            prompt: format!("Score {}–{}", trim_number(min), trim_number(max)),
            help: c.question.clone().unwrap_or_default(),
            accepts: Accepts::Score { min, max, levels },
            current: c.score.map(trim_number),
            blank: "blank",
        },
        Question {
            key: Key::Competency(i, "confidence"),
            prompt: format!("Confidence {}", CONFIDENCE_SD.map(|(w, _)| w).join("/")),
            help: "How sure you are of the score: low spreads the Monte Carlo widest.".into(),
            accepts: Accepts::Word {
                words: CONFIDENCE_SD.map(|(w, _)| w).to_vec(),
            },
            current: Some(confidence),
            blank: "",
        },
        Question {
            key: Key::Competency(i, "evidence"),
            prompt: "Evidence, a one-line story".into(),
            help: String::new(),
            accepts: Accepts::Text { max_chars: None },
            current: c.evidence.clone(),
            blank: "none",
        },
    ]
}

/// The title of story `at` (`at` one past the last: a new story).
pub(crate) fn story_title(rubric: &Rubric, at: usize) -> Question {
    Question {
        key: Key::Story(at, "title"),
        prompt: "Title".into(),
        help: "A few words to recognise the story by.".into(),
        accepts: Accepts::Text {
            max_chars: Some(MAX_STORY_TEXT),
        },
        current: rubric.stories.get(at).map(|s| s.title.clone()),
        blank: "blank",
    }
}

/// A STAR part of story `at`.
pub(crate) fn story_part(rubric: &Rubric, at: usize, part: Part) -> Question {
    let help = match part {
        Part::Situation => "Situation: where you were and what was at stake, in a sentence or two",
        Part::Task => "Task: what you had to achieve",
        Part::Action => "Action: what you did (say \"I\", not \"we\")",
        Part::Result => "Result: what changed, with a number (a metric before and after)",
    };
    Question {
        key: Key::Story(at, part.key()),
        prompt: String::new(),
        help: help.into(),
        accepts: Accepts::Text {
            max_chars: Some(MAX_STORY_TEXT),
        },
        current: rubric.stories.get(at).and_then(|s| s.part(part).cloned()),
        blank: "blank",
    }
}

/// The principles story `at` shows: the `leadership` competencies, by
/// number.
pub(crate) fn story_principles(rubric: &Rubric, at: usize) -> Question {
    let lead = rubric.group_index("leadership");
    let principles: Vec<usize> = (0..rubric.competencies.len())
        .filter(|&i| Some(rubric.competencies[i].group) == lead)
        .collect();
    let named: Vec<String> = rubric
        .stories
        .get(at)
        .map(|s| s.principles.as_slice())
        .unwrap_or_default()
        .iter()
        .filter_map(|i| principles.iter().position(|p| p == i))
        .map(|n| (n + 1).to_string())
        .collect();
    Question {
        key: Key::Story(at, "principles"),
        prompt: "Numbers, separated by spaces or commas".into(),
        help: "The principles this story shows (two to four is right):".into(),
        accepts: Accepts::SomeOf(
            principles
                .iter()
                .map(|&i| Choice {
                    id: rubric.competencies[i].id.clone(),
                    label: rubric.competencies[i].name.clone(),
                })
                .collect(),
        ),
        current: (!named.is_empty()).then(|| named.join(" ")),
        blank: "none",
    }
}

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
fn numbers(s: &str, n: usize) -> Result<Vec<usize>, String> {
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

/// `answers` written into `text`, and the rubric the result validates to;
/// refused when the validator refuses it (with its message) or when the
/// rubric would outgrow [`MAX_BYTES`]. `path` names the file in errors.
pub(crate) fn apply(
    path: &str,
    text: &str,
    answers: &[(Key, Value)],
) -> Result<(String, Rubric), Refused> {
    let mut editor = Editor::parse(path, text).map_err(Refused::Edit)?;
    for (key, value) in answers {
        let done = match *key {
            Key::Candidate(k) => {
                if !editor.has("candidate", k) {
                    // A template's commented-out example line becomes the key,
                    // keeping its comment.
                    let uncommented = edit::uncomment_placeholder(&editor.text(), k);
                    editor = Editor::parse(path, &uncommented).map_err(Refused::Edit)?;
                }
                editor.set("candidate", k, value.clone())
            }
            Key::Competency(i, k) => editor.set_in("competency", i, k, value.clone()),
            Key::Story(i, k) => {
                if editor.tables_in("story") == Some(i) {
                    editor.push_table("story");
                }
                editor.set_in("story", i, k, value.clone())
            }
        };
        done.map_err(Refused::Edit)?;
    }
    let new = editor.text();
    if new.len() > MAX_BYTES {
        return Err(Refused::Invalid(format!(
            "that answer is too long to save: the rubric would grow {} bytes past the 1 MiB it may hold",
            new.len() - MAX_BYTES
        )));
    }
    match rubric::parse_str(path, &new) {
        Ok(rubric) => Ok((new, rubric)),
        Err(LoadError::Invalid { diags, .. }) => {
            let said: Vec<String> = diags
                .iter()
                .map(|d| {
                    let mut line = d.message.clone();
                    for more in [&d.label, &d.help].into_iter().flatten() {
                        line.push_str("; ");
                        line.push_str(more);
                    }
                    clean(&line)
                })
                .collect();
            Err(Refused::Invalid(said.join("\n  ")))
        }
        Err(other) => Err(Refused::Invalid(clean(&other.to_string()))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn template() -> (String, Rubric) {
        let text = rubric::DEFAULT_RUBRIC.to_string();
        let r = rubric::parse_str("r.toml", &text).unwrap();
        (text, r)
    }

    fn refusal(r: Result<(String, Rubric), Refused>) -> String {
        match r {
            Err(Refused::Invalid(why)) => why,
            Err(Refused::Edit(e)) => panic!("an edit error: {e}"),
            Ok(_) => panic!("accepted"),
        }
    }

    #[test]
    fn an_answer_reaches_the_rubric_through_the_text() {
        let (text, r) = template();
        let [score, confidence, evidence] = competency(&r, 0);
        let answers = [
            (score.key, score.parse("4").unwrap()),
            (confidence.key, confidence.parse("HI").unwrap()),
            (evidence.key, evidence.parse("Ran 40 calls.").unwrap()),
        ];
        let (new, r) = apply("r.toml", &text, &answers).unwrap();
        assert_eq!(r.competencies[0].score, Some(4.0));
        assert_eq!(r.competencies[0].sd, 0.3, "high confidence");
        assert_eq!(r.competencies[0].evidence.as_deref(), Some("Ran 40 calls."));
        assert!(new.contains("confidence = \"high\""), "{new}");
        assert_eq!(competency(&r, 0)[1].current.as_deref(), Some("high"));
    }

    #[test]
    fn the_validator_refuses_with_its_own_words() {
        let (text, r) = template();
        let [score, confidence, _] = competency(&r, 0);
        let id = &r.competencies[0].id;
        let why = refusal(apply(
            "r.toml",
            &text,
            &[(score.key, score.parse("9").unwrap())],
        ));
        assert_eq!(
            why,
            format!("`{id}.score` = 9 is out of range; must be on the scale 1–5")
        );
        let why = refusal(apply(
            "r.toml",
            &text,
            &[(confidence.key, confidence.parse("maybe").unwrap())],
        ));
        assert!(
            why.contains("use low, medium, high, or a standard deviation greater than 0"),
            "{why}"
        );
        let pay = salary(&r);
        let why = refusal(apply(
            "r.toml",
            &text,
            &[(pay.key, pay.parse("2,000,000,000,000").unwrap())],
        ));
        assert!(why.contains("must be an amount within 0–1e12"), "{why}");
        let route = route(&r);
        let why = refusal(apply(
            "r.toml",
            &text,
            &[(route.key, route.parse("headhunter").unwrap())],
        ));
        assert!(
            why.contains("must be one of `careers-site`, `referral`, `recruiter`"),
            "{why}"
        );
    }

    #[test]
    fn choices_by_number_id_or_the_start_of_one() {
        let (_, r) = template();
        let q = route(&r);
        assert_eq!(q.parse("2").unwrap().as_str(), Some("referral"));
        assert_eq!(q.parse("RECRUITER").unwrap().as_str(), Some("recruiter"));
        assert_eq!(q.parse("ref").unwrap().as_str(), Some("referral"));
        assert!(q.parse("7").unwrap_err().contains("a number from 1 to 3"));
        let [_, confidence, _] = competency(&r, 0);
        assert_eq!(confidence.parse("med").unwrap().as_str(), Some("medium"));
        assert_eq!(confidence.parse("Low").unwrap().as_str(), Some("low"));
    }

    #[test]
    fn money_as_people_type_it_and_nothing_ambiguous() {
        for (typed, amount) in [
            ("150000", 150_000.0),
            ("150,000", 150_000.0),
            ("1,250,000", 1_250_000.0),
            ("150_000", 150_000.0),
            ("150000.50", 150_000.5),
            ("150,000.5", 150_000.5),
            ("150k", 150_000.0),
            ("1.1k", 1_100.0),
            ("1.5M", 1_500_000.0),
            ("0", 0.0),
            ("-5", -5.0),
        ] {
            assert_eq!(parse_money(typed), Ok(amount), "{typed}");
        }
        for typed in [
            "150000,50",
            "1,50,000",
            "15,0000",
            ",150",
            "150.000",
            "1.500",
        ] {
            let why = parse_money(typed).unwrap_err();
            assert!(why.contains(typed), "{typed}: {why}");
        }
        for typed in [
            "lots", "", "1e6", "inf", "NaN", "12.", "1..2", "k", "150 000",
        ] {
            assert!(parse_money(typed).is_err(), "{typed}");
        }
    }

    #[test]
    fn principles_by_number_in_the_order_given() {
        assert_eq!(numbers("3 1, 12", 16), Ok(vec![2, 0, 11]));
        assert_eq!(numbers("2 2", 16), Ok(vec![1]));
        assert!(numbers("17", 16).is_err());
        assert!(numbers("x", 16).is_err());
        assert!(numbers(" , ", 16).is_err());
    }

    #[test]
    fn a_new_story_is_added_one_past_the_last() {
        let (text, r) = template();
        let n = r.stories.len();
        let (_, r) = apply(
            "r.toml",
            &text,
            &[
                (Key::Story(n, "id"), "cut-costs".into()),
                (Key::Story(n, "title"), "Cut costs".into()),
            ],
        )
        .unwrap();
        assert_eq!(r.stories.len(), n + 1);
        assert_eq!(r.stories[n].title, "Cut costs");
        let why = refusal(apply(
            "r.toml",
            &text,
            &[(Key::Story(n, "id"), "Not An Id".into())],
        ));
        assert!(why.contains("Not An Id"), "{why}");
    }

    #[test]
    fn an_answer_that_would_outgrow_the_file_is_refused() {
        let (text, r) = template();
        let [_, _, evidence] = competency(&r, 0);
        // Each control character is escaped as six bytes (\u0001).
        let long = "\u{1}".repeat(MAX_BYTES / 4);
        let why = refusal(apply(
            "r.toml",
            &text,
            &[(evidence.key, evidence.parse(&long).unwrap())],
        ));
        assert!(why.contains("too long to save"), "{why}");
    }
}
