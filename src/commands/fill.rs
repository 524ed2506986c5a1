//! `rolefit fill RUBRIC`: a questionnaire in the terminal. It first asks
//! how the application reaches the team (`[candidate] route`, unless
//! `--group` narrows the questions to one group); then for each
//! competency it shows the group, the question and what each level looks
//! like, then asks for the score, the confidence and an evidence story.
//! Every answer is written back to the file at once (atomically, keeping
//! comments, order and layout), so quitting at any point loses nothing
//! already answered. Input is read line by line, so it can be scripted.

use std::io::{BufRead, Write};

use super::prompt::{Answer, Filling, Session};
use crate::cli::FillOptions;
use crate::error::{Error, Exit};
use crate::model::Model;
use crate::questions::{self, Accepts};
use crate::rubric::Rubric;
use crate::text::{clean, wrap};

/// Runs the questionnaire on stdin and stdout.
pub fn run(opts: &FillOptions, stdout: &mut impl Write, stderr: &mut impl Write) -> Exit {
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    match fill(opts, &mut input, stdout) {
        Ok(_) => Exit::Ok,
        Err(e) => e.report(stderr),
    }
}

/// Asks for the name when it is blank and the current pay when it is
/// missing (a template lacks both), then the route, saving each answer at
/// once. False when the person quits.
fn ask_candidate(session: &mut Session<'_>, filling: &mut Filling) -> Result<bool, Error> {
    if filling.rubric.candidate.name.is_empty() {
        let _ = writeln!(session.out);
        let q = questions::name(&filling.rubric);
        if let Answer::Quit = session.question(filling, &q, "")? {
            return Ok(false);
        }
    }
    if filling.rubric.candidate.current_salary.is_none() {
        let q = questions::salary(&filling.rubric);
        if let Answer::Quit = session.question(filling, &q, "")? {
            return Ok(false);
        }
    }
    let q = questions::route(&filling.rubric);
    let _ = write!(session.out, "\n{}", wrap(&q.help, 80, ""));
    if let Accepts::OneOf(choices) = &q.accepts {
        for (n, c) in choices.iter().enumerate() {
            let _ = writeln!(session.out, "  {} {} — {}", n + 1, c.id, c.label);
        }
    }
    Ok(!matches!(
        session.question(filling, &q, "  ")?,
        Answer::Quit
    ))
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
    let _ = writeln!(
        session.out,
        "Filling out {display}: {} competencies. Enter keeps an answer, q stops; \
         every answer is saved at once ({} holds the original until the end).",
        todo.len(),
        filling.file.backup.display()
    );
    if let Some(note) = filling.file.old_backup_note() {
        let _ = writeln!(session.out, "{note}");
    }
    // Quitting at the route question skips the competencies too.
    let go_on = group.is_some() || ask_candidate(&mut session, &mut filling)?;
    let todo = if go_on { todo } else { Vec::new() };
    'competencies: for (n, &i) in todo.iter().enumerate() {
        let rubric = &filling.rubric;
        let c = &rubric.competencies[i];
        let _ = writeln!(
            session.out,
            "\n[{}/{}] {} — {}",
            n + 1,
            todo.len(),
            clean(&rubric.groups[c.group].title),
            clean(&c.name)
        );
        for q in questions::competency(rubric, i) {
            if !q.help.is_empty() && matches!(q.accepts, Accepts::Score { .. }) {
                let _ = write!(session.out, "{}", wrap(&clean(&q.help), 80, "  "));
            }
            if let Accepts::Score { levels, .. } = &q.accepts {
                for level in levels {
                    let _ = write!(session.out, "{}", wrap(&clean(&level.label), 80, "    "));
                }
            }
            if let Answer::Quit = session.question(&mut filling, &q, "  ")? {
                break 'competencies;
            }
        }
    }
    let blank = filling.rubric.blank().len();
    summary(&filling.rubric, blank, &display, session.out);
    filling.file.finish();
    Ok(blank)
}

fn summary(rubric: &Rubric, blank: usize, path: &str, out: &mut dyn Write) {
    let missing = rubric.missing();
    if !missing.is_empty() {
        let _ = writeln!(out, "\nStill to fill before `rolefit assess {path}`:");
        for m in &missing {
            let _ = write!(out, "{}", wrap(&clean(m), 80, "  - "));
        }
        if blank > 0 {
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
