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

mod parse;
#[cfg(test)]
mod tests;

pub(crate) use parse::parse_money;

use crate::rubric::edit::{self, EditError, Editor};
use crate::rubric::limits::{MAX_BYTES, MAX_MONEY, MAX_STORY_TEXT};
use crate::rubric::validate::CONFIDENCE_SD;
use crate::rubric::{self, LoadError, Part, Route, Rubric, Story};
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

/// Every question about the candidate and the competencies, in the order
/// `fill` asks them: what a form shows.
pub(crate) fn for_rubric(rubric: &Rubric) -> Vec<Question> {
    let mut all = vec![name(rubric), salary(rubric), route(rubric)];
    for i in 0..rubric.competencies.len() {
        all.extend(competency(rubric, i));
    }
    all
}

/// Every question about story `at` (one past the last: a new story).
pub(crate) fn for_story(rubric: &Rubric, at: usize) -> Vec<Question> {
    let mut all = vec![story_title(rubric, at)];
    all.extend(Part::ALL.map(|p| story_part(rubric, at, p)));
    all.push(story_principles(rubric, at));
    all
}

/// An id from the title (`onboarding-rebuild`), made unique with `-2`, `-3`…
pub(crate) fn story_id(title: &str, stories: &[Story]) -> String {
    let base = match crate::output::slug(title, "story") {
        // `none` names the no-offer outcome: reserved.
        id if id == "none" => "none-story".to_string(),
        id => id,
    };
    let taken = |id: &str| stories.iter().any(|s| s.id == id);
    if !taken(&base) {
        return base;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .unwrap_or(base)
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

impl Accepts {
    /// The answers accepted, in words: "a number from 1 to 5".
    pub(crate) fn describe(&self) -> String {
        let names = |choices: &[Choice]| {
            choices
                .iter()
                .enumerate()
                .map(|(n, c)| format!("{} {}", n + 1, c.id))
                .collect::<Vec<_>>()
                .join(", ")
        };
        match self {
            Accepts::Text { max_chars: None } => "a line of text".into(),
            Accepts::Text { max_chars: Some(n) } => {
                format!("a line of text, at most {n} characters")
            }
            Accepts::Money { max } => format!(
                "an amount from 0 to {}, such as 150000, 150,000 or 150k",
                trim_number(*max)
            ),
            Accepts::Score { min, max, .. } => format!(
                "a number from {} to {} (halves too, such as 3.5)",
                trim_number(*min),
                trim_number(*max)
            ),
            Accepts::Word { words } => format!("{}, or the start of one", words.join(", ")),
            Accepts::OneOf(choices) => format!("a number or a name: {}", names(choices)),
            Accepts::SomeOf(choices) => format!(
                "numbers from 1 to {}, separated by spaces or commas",
                choices.len()
            ),
        }
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
    validated(path, editor.text())
}

/// `text` without story `at` (from 0), and the rubric the result validates
/// to; refused as [`apply`] refuses.
pub(crate) fn delete_story(path: &str, text: &str, at: usize) -> Result<(String, Rubric), Refused> {
    let mut editor = Editor::parse(path, text).map_err(Refused::Edit)?;
    if editor.remove_table("story", at).is_none() {
        return Err(Refused::Invalid(format!("there is no story {}", at + 1)));
    }
    validated(path, editor.text())
}

/// `new` and the rubric it validates to, or the validator's message.
fn validated(path: &str, new: String) -> Result<(String, Rubric), Refused> {
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
