//! `rolefit fill RUBRIC`: a questionnaire in the terminal. It first asks
//! how the application reaches the team (`[candidate] route`, unless
//! `--group` narrows the questions to one group); then for each
//! competency it shows the group, the question and what each level looks
//! like, then asks for the score, the confidence and an evidence story.
//! Every answer is written back to the file at once (atomically, keeping
//! comments, order and layout), so quitting at any point loses nothing
//! already answered; `<` goes back one question, and a rerun resumes at
//! the first competency without a score. Input is read line by line, so
//! it can be scripted.

use std::io::{BufRead, Write};

use super::prompt::{Answer, Filling, KEYS, Session};
use crate::cli::FillOptions;
use crate::error::{Error, Exit};
use crate::model::Model;
use crate::questions::{self, Accepts, Key, Question};
use crate::rubric::Rubric;
use crate::saving;
use crate::text::{clean, wrap, wrap_item};

/// Runs the questionnaire on stdin and stdout. Ctrl-C stops it as `q`
/// does, once any save under way is done, and says how to resume.
pub(crate) fn run(opts: &FillOptions, stdout: &mut impl Write, stderr: &mut impl Write) -> Exit {
    let path = opts.rubric.display().to_string();
    let line = match opts.stories {
        true => wrap(
            &format!(
                "Stopped: every answer given is saved; go on with `rolefit fill {path} --stories`."
            ),
            80,
            "",
        ),
        false => stopped(&path),
    };
    // Only the first handler of a process counts; `fill` runs once.
    let _ = ctrlc::set_handler(move || {
        let _saving = saving::wait_for_save();
        let mut out = std::io::stdout();
        let _ = write!(out, "\n{line}");
        let _ = out.flush();
        // 128 + SIGINT, as a shell reports a process Ctrl-C stopped.
        std::process::exit(130);
    });
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    match fill(opts, &mut input, stdout) {
        Ok(_) => Exit::Ok,
        Err(e) => e.report(stderr),
    }
}

/// What `q` and Ctrl-C say.
fn stopped(path: &str) -> String {
    wrap(
        &format!(
            "Stopped: every answer given is saved; resume with `rolefit fill {path} --only-blank`."
        ),
        80,
        "",
    )
}

/// The question with `key`, after writing what leads up to it (the
/// route's choices; a competency's header, question and levels); `None`
/// when it is skipped: the follow-ups of a score left blank. `todo` lists
/// the competencies asked, for the `[n/N]` header; `back`: arrived at by
/// going back, so a follow-up names its competency again.
fn lead_up(
    out: &mut dyn Write,
    rubric: &Rubric,
    todo: &[usize],
    key: Key,
    back: bool,
) -> Option<Question> {
    let q = questions::for_rubric(rubric)
        .into_iter()
        .find(|q| q.key == key)?;
    match key {
        Key::Candidate("name") => {
            let _ = writeln!(out);
        }
        Key::Candidate("route") => {
            let _ = write!(out, "\n{}", wrap(&q.help, 80, ""));
            if let Accepts::OneOf(choices) = &q.accepts {
                for (n, c) in choices.iter().enumerate() {
                    let _ = writeln!(out, "  {} {} — {}", n + 1, c.id, c.label);
                }
            }
        }
        Key::Competency(i, part) => {
            let c = &rubric.competencies[i];
            let first = part == "score";
            if !first && c.score.is_none() {
                return None;
            }
            let header = format!(
                "[{}/{}] {} — {}",
                todo.iter().position(|&t| t == i).map_or(0, |n| n + 1),
                todo.len(),
                clean(&rubric.groups[c.group].title),
                clean(&c.name)
            );
            if first {
                let _ = writeln!(out, "\n{header}");
                if !q.help.is_empty() {
                    let _ = write!(out, "{}", wrap(&clean(&q.help), 80, "  "));
                }
                if let Accepts::Score { levels, .. } = &q.accepts {
                    for level in levels {
                        let _ = write!(out, "{}", wrap(&clean(&level.label), 80, "    "));
                    }
                }
            } else if back {
                let _ = writeln!(out, "\n{header}");
            }
        }
        _ => {}
    }
    Some(q)
}

/// Runs the questionnaire; returns how many competencies are still blank.
pub fn fill(
    opts: &FillOptions,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) -> Result<usize, Error> {
    let mut filling = Filling::open(&opts.rubric)?;
    let display = filling.file.display.clone();
    let rubric = &filling.rubric;
    let group = match &opts.group {
        Some(id) => Some(rubric.group_index(id).ok_or_else(|| {
            Error::UnknownGroup {
                group: id.clone(),
                known: rubric
                    .groups
                    .iter()
                    .map(|g| g.id.clone())
                    .collect::<Vec<_>>()
                    .join(", "),
            }
        })?),
        None => None,
    };
    let todo: Vec<usize> = (0..rubric.competencies.len())
        .filter(|&i| {
            let c = &rubric.competencies[i];
            group.is_none_or(|g| c.group == g) && !(opts.only_blank && c.score.is_some())
        })
        .collect();
    let mut session = Session { input, out };
    if opts.stories {
        super::fill_stories::bank(&mut session, &mut filling)?;
        let blank = filling.rubric.blank().len();
        filling.file.finish();
        return Ok(blank);
    }
    // The questions `fill` asks, in the rubric's order: the name and the
    // pay only when missing, the route unless `--group` narrows it down.
    let steps: Vec<Key> = questions::for_rubric(rubric)
        .iter()
        .map(|q| q.key)
        .filter(|key| match *key {
            Key::Candidate("name") => group.is_none() && rubric.candidate.name.is_empty(),
            Key::Candidate("current_salary") => {
                group.is_none() && rubric.candidate.current_salary.is_none()
            }
            Key::Candidate(_) => group.is_none(),
            Key::Competency(i, _) => todo.contains(&i),
            Key::Story(..) => false,
        })
        .collect();
    // A rerun resumes where the last one stopped: at the first competency
    // without a score, once some have one (`<` still goes back).
    let scored = rubric.competencies.iter().any(|c| c.score.is_some());
    let resume = todo
        .iter()
        .position(|&i| rubric.competencies[i].score.is_none())
        .filter(|_| scored)
        .and_then(|n| {
            let first = Key::Competency(todo[n], "score");
            steps.iter().position(|k| *k == first).map(|at| (n, at))
        })
        .filter(|&(_, at)| at > 0);
    banner(
        &mut session,
        &filling,
        &display,
        todo.len(),
        resume.map(|(n, _)| n),
    );
    let mut at = resume.map_or(0, |(_, at)| at);
    let mut back = false;
    let mut quit = false;
    while at < steps.len() {
        let Some(q) = lead_up(session.out, &filling.rubric, &todo, steps[at], back) else {
            // A skipped step: keep going the same way.
            // (Only follow-ups are skipped, never the first step.)
            at = if back { at.saturating_sub(1) } else { at + 1 };
            continue;
        };
        let indent = if matches!(
            steps[at],
            Key::Candidate("name") | Key::Candidate("current_salary")
        ) {
            ""
        } else {
            "  "
        };
        match session.question(&mut filling, &q, indent)? {
            Answer::Quit => {
                quit = true;
                break;
            }
            Answer::Back if at == 0 => {
                let _ = writeln!(session.out, "  This is the first question.");
                back = false;
            }
            Answer::Back => {
                at -= 1;
                back = true;
            }
            Answer::Value(()) | Answer::Keep => {
                at += 1;
                back = false;
            }
        }
    }
    let blank = filling.rubric.blank().len();
    summary(&filling.rubric, blank, &display, quit, session.out);
    filling.file.finish();
    Ok(blank)
}

/// What the session asks, what the keys do, and what the backup is.
fn banner(
    session: &mut Session<'_>,
    filling: &Filling,
    display: &str,
    competencies: usize,
    resume: Option<usize>,
) {
    let resuming = match resume {
        Some(n) => format!(
            " Resuming at [{}/{competencies}], the first without a score.",
            n + 1
        ),
        None => String::new(),
    };
    let text = format!(
        "Filling out {display}: {competencies} competencies.{resuming} {KEYS}. {}",
        filling.file.backup_note()
    );
    let _ = write!(session.out, "{}", wrap(&text, 80, ""));
}

fn summary(rubric: &Rubric, blank: usize, path: &str, quit: bool, out: &mut dyn Write) {
    let missing = rubric.missing();
    if !missing.is_empty() {
        let _ = writeln!(out, "\nStill to fill before `rolefit assess {path}`:");
        for m in &missing {
            let _ = write!(out, "{}", wrap_item(&clean(m), 80, "  - "));
        }
        if quit {
            let _ = write!(out, "{}", stopped(path));
        } else if blank > 0 {
            let _ = writeln!(
                out,
                "Run `rolefit fill {path} --only-blank` to score the rest."
            );
        }
        return;
    }
    let a = Model::new(rubric).assess();
    let fits: Vec<String> = rubric
        .roles
        .iter()
        .zip(&a.roles)
        .map(|(role, o)| format!("{} {:.0}", clean(&role.title), o.fit))
        .collect();
    let _ = writeln!(
        out,
        "\nFit (0–100): {}. Run `rolefit assess {path}` for the full report.",
        fits.join(", ")
    );
}
