//! `rolefit fill RUBRIC --stories`: the story bank in the terminal. It
//! lists the stories, then adds a new one or edits one picked by number:
//! the title, the four STAR parts (situation, task, action, result), then
//! the principles it shows, picked by number from the list of leadership
//! competencies. Like `fill`, every answer is saved at once (atomically,
//! keeping comments), so stopping half-way through a story keeps what was
//! typed: a story without principles is a draft, valid in the rubric.

use std::io::Write;

use super::prompt::{Answer, Filling, KEYS, Session};
use crate::error::Error;
use crate::questions::{self, Key};
use crate::rubric::Rubric;
use crate::rubric::edit::Editor;
use crate::rubric::limits::MAX_STORIES;
use crate::stories::loop_plan;
use crate::text::{clean, fit_width, wrap};

/// Runs the story bank questionnaire until the person stops.
pub(super) fn bank(session: &mut Session<'_>, filling: &mut Filling) -> Result<(), Error> {
    let display = filling.file.display.clone();
    if Editor::parse(&display, filling.file.text())?
        .tables_in("story")
        .is_none()
    {
        return Err(Error::CannotEdit {
            path: display,
            why: "its stories are written as an inline array (`story = [ … ]`), which \
                  `fill --stories` cannot edit; write each as a `[[story]]` table"
                .into(),
        });
    }
    if principles(&filling.rubric).is_empty() {
        let _ = writeln!(
            session.out,
            "{display} has no `leadership` group: stories back its competencies, so there is \
             nothing to plan. Add `[groups.leadership]` first."
        );
        return Ok(());
    }
    let text = format!(
        "The story bank of {display}. {KEYS}. {}",
        filling.file.backup_note()
    );
    let _ = write!(session.out, "{}", wrap(&text, 80, ""));
    loop {
        list(session.out, &filling.rubric);
        let n = filling.rubric.stories.len();
        let prompt = if n == 0 {
            "\nEnter to write a story, q to stop: ".to_string()
        } else {
            format!("\nStory to edit (1–{n}), Enter for a new one, q to stop: ")
        };
        let pick = session.ask(&prompt, "", |s| match s.parse::<usize>() {
            Ok(k) if (1..=n).contains(&k) => Ok(k - 1),
            _ => Err(format!("a number from 1 to {n}, Enter or q, please")),
        });
        let (at, fresh) = match pick {
            Answer::Quit => return Ok(()),
            Answer::Back => continue,
            Answer::Value(k) => (k, false),
            Answer::Keep if n >= MAX_STORIES => {
                let _ = writeln!(
                    session.out,
                    "  The bank holds {MAX_STORIES} stories, the most a rubric may have."
                );
                continue;
            }
            Answer::Keep => match new_story(session, filling)? {
                true => (n, true),
                false => return Ok(()),
            },
        };
        if !edit_story(session, filling, at, fresh)? {
            return Ok(());
        }
        let plan = loop_plan(&filling.rubric);
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

/// Asks for a new story's title and adds the story with it; false when
/// the person stops instead.
fn new_story(session: &mut Session<'_>, filling: &mut Filling) -> Result<bool, Error> {
    let at = filling.rubric.stories.len();
    let stories = filling.rubric.stories.clone();
    let title = questions::story_title(&filling.rubric, at);
    let answer = session.save_answer(
        filling,
        "\nTitle of the new story, a few words (Enter or q to stop): ",
        &title.help,
        |line| {
            let id = questions::story_id(line, &stories);
            Ok(vec![
                (Key::Story(at, "id"), id.as_str().into()),
                (title.key, title.parse(line)?),
            ])
        },
    )?;
    Ok(matches!(answer, Answer::Value(())))
}

/// Asks every part of story `at` (the title too unless it is `fresh`, just
/// given), then its principles, saving each answer. False when the person
/// stops.
fn edit_story(
    session: &mut Session<'_>,
    filling: &mut Filling,
    at: usize,
    fresh: bool,
) -> Result<bool, Error> {
    let _ = writeln!(
        session.out,
        "\nStory {}: {}",
        at + 1,
        clean(&filling.rubric.stories[at].title)
    );
    // The title of an existing story may change too; a new one's was
    // just given.
    let first = usize::from(fresh);
    let mut step = first;
    // Title, the four STAR parts, the principles: `for_story`'s order.
    while step < 6 {
        let rubric = &filling.rubric;
        let q = questions::for_story(rubric, at).swap_remove(step);
        match step {
            0 => {}
            1..=4 => {
                let _ = write!(session.out, "{}", wrap(&q.help, 80, "  "));
            }
            _ => {
                let _ = writeln!(session.out, "  {}", q.help);
                list_principles(session.out, rubric, at);
            }
        }
        match session.question(filling, &q, "  ")? {
            Answer::Quit => return Ok(false),
            Answer::Back if step == first => {
                let _ = writeln!(session.out, "  This is the story's first question.");
            }
            Answer::Back => step -= 1,
            Answer::Value(()) | Answer::Keep => step += 1,
        }
    }
    Ok(true)
}

/// The leadership principles by number, `*` on those story `at` names,
/// with how many other stories name each.
fn list_principles(out: &mut dyn Write, rubric: &Rubric, at: usize) {
    for (n, (i, _, name)) in principles(rubric).iter().enumerate() {
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
            out,
            "   {mark}{:>2} {}{others}",
            n + 1,
            fit_width(&clean(name), 50)
        );
    }
}
