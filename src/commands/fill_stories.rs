//! `rolefit fill RUBRIC --stories`: the story bank in the terminal. It
//! lists the stories, then adds a new one or edits one picked by number:
//! the title, the four STAR parts (situation, task, action, result), then
//! the principles it shows, picked by number from the list of leadership
//! competencies. Like `fill`, every answer is saved at once (atomically,
//! keeping comments), so stopping half-way through a story keeps what was
//! typed: a story without principles is a draft, valid in the rubric.

use std::io::Write;

use super::fill::{Answer, Session};
use super::saving::RubricFile;
use crate::error::Error;
use crate::rubric::edit::{self, Editor};
use crate::rubric::limits::{MAX_STORIES, MAX_STORY_TEXT};
use crate::rubric::{self, Part, Rubric, Story};
use crate::stories::loop_plan;
use crate::text::{clean, fit_width, wrap};

/// The question for each STAR part, in the order they are asked.
fn question(part: Part) -> &'static str {
    match part {
        Part::Situation => "Situation: where you were and what was at stake, in a sentence or two",
        Part::Task => "Task: what you had to achieve",
        Part::Action => "Action: what you did (say \"I\", not \"we\")",
        Part::Result => "Result: what changed, with a number (a metric before and after)",
    }
}

/// Runs the story bank questionnaire until the person stops.
pub(super) fn bank(
    session: &mut Session<'_>,
    rubric: &mut Rubric,
    editor: &mut Editor,
    writer: &mut RubricFile,
) -> Result<(), Error> {
    let display = writer.display.clone();
    if editor.tables_in("story").is_none() {
        return Err(Error::CannotEdit {
            path: display,
            why: "its stories are written as an inline array (`story = [ … ]`), which \
                  `fill --stories` cannot edit; write each as a `[[story]]` table"
                .into(),
        });
    }
    let principles = principles(rubric);
    if principles.is_empty() {
        let _ = writeln!(
            session.out,
            "{display} has no `leadership` group: stories back its competencies, so there is \
             nothing to plan. Add `[groups.leadership]` first."
        );
        return Ok(());
    }
    let _ = writeln!(
        session.out,
        "The story bank of {display}. Enter keeps an answer, q stops; every answer is saved \
         at once ({} holds the original until the end).",
        writer.backup.display()
    );
    if let Some(note) = writer.old_backup_note() {
        let _ = writeln!(session.out, "{note}");
    }
    loop {
        list(session.out, rubric);
        let n = rubric.stories.len();
        let prompt = if n == 0 {
            "\nEnter to write a story, q to stop: ".to_string()
        } else {
            format!("\nStory to edit (1–{n}), Enter for a new one, q to stop: ")
        };
        let pick = session.ask(&prompt, |s| match s.parse::<usize>() {
            Ok(k) if (1..=n).contains(&k) => Ok(k - 1),
            _ => Err(format!("a number from 1 to {n}, Enter or q, please")),
        });
        let (at, fresh) = match pick {
            Answer::Quit => return Ok(()),
            Answer::Value(k) => (k, false),
            Answer::Keep if n >= MAX_STORIES => {
                let _ = writeln!(
                    session.out,
                    "  The bank holds {MAX_STORIES} stories, the most a rubric may have."
                );
                continue;
            }
            Answer::Keep => match new_story(session, rubric, editor, writer)? {
                Some(at) => (at, true),
                None => return Ok(()),
            },
        };
        if !edit_story(session, rubric, editor, writer, at, fresh, &principles)? {
            return Ok(());
        }
        let plan = loop_plan(rubric);
        let _ = writeln!(
            session.out,
            "\nLoop plan: {}; your stories name {} of them.",
            plan.headline(),
            plan.covered
        );
    }
}

/// The leadership competencies, `(index, id, name)`, in rubric order.
fn principles(rubric: &Rubric) -> Vec<(usize, String, String)> {
    let Some(lead) = rubric.group_index("leadership") else {
        return Vec::new();
    };
    rubric
        .competencies
        .iter()
        .enumerate()
        .filter(|(_, c)| c.group == lead)
        .map(|(i, c)| (i, c.id.clone(), c.name.clone()))
        .collect()
}

/// The stories so far, one line each, with what is still missing.
fn list(out: &mut dyn Write, rubric: &Rubric) {
    if rubric.stories.is_empty() {
        let _ = writeln!(out, "\nNo stories yet.");
        return;
    }
    let _ = writeln!(out, "\nStories:");
    for (k, s) in rubric.stories.iter().enumerate() {
        let lacks = s.lacks(true);
        let state = if lacks.is_empty() {
            match s.principles.len() {
                1 => "1 principle".to_string(),
                n => format!("{n} principles"),
            }
        } else {
            format!("lacks {}", lacks.join(", "))
        };
        let _ = writeln!(
            out,
            "  {:>2}. {} ({state})",
            k + 1,
            fit_width(&clean(&s.title), 52)
        );
    }
}

/// Asks for a new story's title and adds the story with it; `None` when
/// the person stops instead.
fn new_story(
    session: &mut Session<'_>,
    rubric: &mut Rubric,
    editor: &mut Editor,
    writer: &mut RubricFile,
) -> Result<Option<usize>, Error> {
    let title = match session.ask(
        "\nTitle of the new story, a few words (Enter or q to stop): ",
        text_answer,
    ) {
        Answer::Value(t) => t,
        Answer::Keep | Answer::Quit => return Ok(None),
    };
    let id = unique_id(&title, &rubric.stories);
    let Some(at) = editor.push_table("story") else {
        return Ok(None); // checked before the first question
    };
    editor.set_in("story", at, "id", id.as_str())?;
    editor.set_in("story", at, "title", title.as_str())?;
    writer.save(&editor.text())?;
    rubric.stories.push(Story {
        id,
        title,
        ..Story::default()
    });
    Ok(Some(at))
}

/// An id from the title (`onboarding-rebuild`), made unique with `-2`, `-3`…
fn unique_id(title: &str, stories: &[Story]) -> String {
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

/// A line of text for a story part: at most the rubric's limit.
fn text_answer(s: &str) -> Result<String, String> {
    let n = s.chars().count();
    if n > MAX_STORY_TEXT {
        Err(format!(
            "that is {n} characters; at most {MAX_STORY_TEXT} (a story is told in two minutes)"
        ))
    } else {
        Ok(s.to_string())
    }
}

/// Asks every part of story `at` (the title too unless it is `fresh`, just
/// given), then its principles, saving each answer. False when the person
/// stops.
fn edit_story(
    session: &mut Session<'_>,
    rubric: &mut Rubric,
    editor: &mut Editor,
    writer: &mut RubricFile,
    at: usize,
    fresh: bool,
    principles: &[(usize, String, String)],
) -> Result<bool, Error> {
    let _ = writeln!(
        session.out,
        "\nStory {}: {}",
        at + 1,
        clean(&rubric.stories[at].title)
    );
    // The title of an existing story may change too.
    let title = rubric.stories[at].title.clone();
    if !fresh {
        match session.ask(
            &format!("  Title [{}]: ", fit_width(&clean(&title), 50)),
            text_answer,
        ) {
            Answer::Value(t) => {
                set(editor, writer, at, "title", &t)?;
                rubric.stories[at].title = t;
            }
            Answer::Keep => {}
            Answer::Quit => return Ok(false),
        }
    }
    for part in Part::ALL {
        let current = rubric.stories[at]
            .part(part)
            .map_or("blank".to_string(), |v| fit_width(&clean(v), 40));
        let _ = write!(session.out, "{}", wrap(question(part), 80, "  "));
        match session.ask(&format!("  [{current}]: "), text_answer) {
            Answer::Value(v) => {
                set(editor, writer, at, part.key(), &v)?;
                *rubric.stories[at].part_mut(part) = Some(v);
            }
            Answer::Keep => {}
            Answer::Quit => return Ok(false),
        }
    }
    let _ = writeln!(
        session.out,
        "  The principles this story shows (two to four is right):"
    );
    for (n, (i, _, name)) in principles.iter().enumerate() {
        let told = rubric
            .stories
            .iter()
            .enumerate()
            .filter(|(k, s)| *k != at && s.principles.contains(i))
            .count();
        let mark = if rubric.stories[at].principles.contains(i) {
            "*"
        } else {
            " "
        };
        let others = match told {
            0 => String::new(),
            1 => "  (1 other story)".to_string(),
            t => format!("  ({t} other stories)"),
        };
        let _ = writeln!(
            session.out,
            "   {mark}{:>2} {}{others}",
            n + 1,
            fit_width(&clean(name), 50)
        );
    }
    let current: Vec<String> = rubric.stories[at]
        .principles
        .iter()
        .filter_map(|i| principles.iter().position(|(p, _, _)| p == i))
        .map(|n| (n + 1).to_string())
        .collect();
    let prompt = format!(
        "  Numbers, separated by spaces or commas [{}]: ",
        if current.is_empty() {
            "none".to_string()
        } else {
            current.join(" ")
        }
    );
    match session.ask(&prompt, |s| parse_principles(s, principles.len())) {
        Answer::Value(picked) => {
            let ids: Vec<&str> = picked.iter().map(|&n| principles[n].1.as_str()).collect();
            editor.set_in("story", at, "principles", edit::strings(ids))?;
            writer.save(&editor.text())?;
            rubric.stories[at].principles = picked.iter().map(|&n| principles[n].0).collect();
        }
        Answer::Keep => {}
        Answer::Quit => return Ok(false),
    }
    // What the file now says, so the loop plan and the list are its own.
    *rubric = rubric::parse_str(&writer.display, &editor.text())?;
    Ok(true)
}

/// Sets a story's text key and saves.
fn set(
    editor: &mut Editor,
    writer: &mut RubricFile,
    at: usize,
    key: &str,
    value: &str,
) -> Result<(), Error> {
    editor.set_in("story", at, key, value)?;
    writer.save(&editor.text())
}

/// "1 3 12" or "1, 3, 12": distinct numbers from 1 to `n`, 0-based and in
/// the order given.
fn parse_principles(s: &str, n: usize) -> Result<Vec<usize>, String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn principles_by_number_in_the_order_given() {
        assert_eq!(parse_principles("3 1, 12", 16), Ok(vec![2, 0, 11]));
        assert_eq!(parse_principles("2 2", 16), Ok(vec![1]));
        assert!(parse_principles("17", 16).is_err());
        assert!(parse_principles("x", 16).is_err());
        assert!(parse_principles(" , ", 16).is_err());
    }

    #[test]
    fn ids_come_from_titles_and_never_repeat() {
        let taken = vec![Story {
            id: "cut-costs".into(),
            ..Story::default()
        }];
        assert_eq!(unique_id("Cut costs!", &[]), "cut-costs");
        assert_eq!(unique_id("Cut costs!", &taken), "cut-costs-2");
        assert_eq!(unique_id("!!!", &[]), "story");
        assert_eq!(unique_id("None", &[]), "none-story");
    }
}
