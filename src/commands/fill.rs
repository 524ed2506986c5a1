//! `rolefit fill RUBRIC`: a questionnaire in the terminal. It first asks
//! how the application reaches the team (`[candidate] route`, unless
//! `--group` narrows the questions to one group); then for each
//! competency it shows the group, the question and what each level looks
//! like, then asks for the score, the confidence and an evidence story.
//! Every answer is written back to the file at once (atomically, keeping
//! comments, order and layout), so quitting at any point loses nothing
//! already answered. Input is read line by line, so it can be scripted.

use std::io::{BufRead, Write};

use super::saving::RubricFile;
use crate::cli::FillOptions;
use crate::error::{Error, Exit};
use crate::model::Model;
use crate::rubric::edit::{self, Editor};
use crate::rubric::limits::MAX_BYTES;
use crate::rubric::{self, Route, Rubric};
use crate::text::{clean, fit_width, trim_number, wrap};

/// Runs the questionnaire on stdin and stdout.
pub fn run(opts: &FillOptions, stdout: &mut impl Write, stderr: &mut impl Write) -> Exit {
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    match fill(opts, &mut input, stdout) {
        Ok(_) => Exit::Ok,
        Err(e) => e.report(stderr),
    }
}

/// One answer read from the input: a value, Enter (keep), or the end.
pub(super) enum Answer<T> {
    Value(T),
    Keep,
    Quit,
}

pub(super) struct Session<'a> {
    pub(super) input: &'a mut dyn BufRead,
    pub(super) out: &'a mut dyn Write,
}

impl Session<'_> {
    /// Asks until `parse` accepts the line; Enter keeps, `q` or the end of
    /// the input quits.
    pub(super) fn ask<T>(
        &mut self,
        prompt: &str,
        parse: impl Fn(&str) -> Result<T, String>,
    ) -> Answer<T> {
        loop {
            let _ = write!(self.out, "{prompt}");
            let _ = self.out.flush();
            let mut line = Vec::new();
            // At most a rubric's size of one line: a longer one is skipped.
            match std::io::Read::take(&mut *self.input, MAX_BYTES as u64 + 1)
                .read_until(b'\n', &mut line)
            {
                Ok(0) | Err(_) => {
                    let _ = writeln!(self.out);
                    return Answer::Quit;
                }
                Ok(_) => {}
            }
            if line.len() > MAX_BYTES {
                let _ = self.input.skip_until(b'\n');
                let _ = writeln!(
                    self.out,
                    "  that answer is longer than a whole rubric may be (1 MiB); not saved"
                );
                continue;
            }
            let line = String::from_utf8_lossy(&line);
            let line = line.trim();
            if line.is_empty() {
                return Answer::Keep;
            }
            if line.eq_ignore_ascii_case("q") {
                return Answer::Quit;
            }
            match parse(line) {
                Ok(v) => return Answer::Value(v),
                Err(e) => {
                    let _ = writeln!(self.out, "  {e}");
                }
            }
        }
    }
}

/// One line on what each route means, for the route question.
fn route_hint(route: Route) -> &'static str {
    match route {
        Route::CareersSite => "you apply cold through amazon.jobs",
        Route::Referral => "an Amazon employee refers you",
        Route::Recruiter => "a recruiter approached you",
    }
}

/// A route by its number in the list (1-based) or its id, any case.
fn parse_route(s: &str) -> Result<Route, String> {
    let by_number = s
        .parse::<usize>()
        .ok()
        .and_then(|n| n.checked_sub(1))
        .and_then(|i| Route::ALL.get(i).copied());
    by_number
        .or_else(|| Route::from_id(&s.to_ascii_lowercase()))
        .ok_or_else(|| {
            let ids: Vec<&str> = Route::ALL.iter().map(|r| r.id()).collect();
            format!(
                "a number from 1 to {} or one of {}, please",
                Route::ALL.len(),
                ids.join(", ")
            )
        })
}

/// Asks for the name when it is blank and the current pay when it is
/// missing (a template lacks both), saving each answer at once. False when
/// the person quits.
fn ask_candidate(
    session: &mut Session<'_>,
    rubric: &mut Rubric,
    editor: &mut Editor,
    writer: &mut RubricFile,
) -> Result<bool, Error> {
    if rubric.candidate.name.is_empty() {
        match session.ask(
            "\nYour name (it names the results folder and the charts): ",
            |s| Ok::<_, String>(s.trim().to_string()),
        ) {
            Answer::Value(name) => {
                editor.set("candidate", "name", name.as_str())?;
                writer.save(&editor.text())?;
                rubric.candidate.name = name;
            }
            Answer::Keep => {}
            Answer::Quit => return Ok(false),
        }
    }
    if rubric.candidate.current_salary.is_none() {
        match session.ask(
            "Your current annual pay, the \"stay where you are\" baseline (0 if none): ",
            |s| match s.replace(',', "").parse::<f64>() {
                Ok(v) if v.is_finite() && (0.0..=1e12).contains(&v) => Ok(v),
                _ => Err("an amount such as 150000, 0 or more".into()),
            },
        ) {
            Answer::Value(pay) => {
                // The template's commented-out example line becomes the key.
                let text = edit::uncomment_placeholder(&editor.text(), "current_salary");
                *editor = Editor::parse(&writer.display, &text)?;
                editor.set("candidate", "current_salary", edit::number(pay))?;
                writer.save(&editor.text())?;
                rubric.candidate.current_salary = Some(pay);
            }
            Answer::Keep => {}
            Answer::Quit => return Ok(false),
        }
    }
    Ok(true)
}

/// Asks for `[candidate] route` and saves a new answer at once. False when
/// the person quit.
fn ask_route(
    session: &mut Session<'_>,
    rubric: &mut Rubric,
    editor: &mut Editor,
    writer: &mut RubricFile,
) -> Result<bool, Error> {
    let _ = write!(
        session.out,
        "\n{}",
        wrap(
            "How does your application reach the team? A referral or a recruiter \
             raises the odds of being picked.",
            80,
            ""
        )
    );
    for (n, route) in Route::ALL.into_iter().enumerate() {
        let _ = writeln!(
            session.out,
            "  {} {} — {}",
            n + 1,
            route.id(),
            route_hint(route)
        );
    }
    let prompt = format!(
        "  Route, 1–{} or its name [{}]: ",
        Route::ALL.len(),
        rubric.candidate.route.id()
    );
    match session.ask(&prompt, parse_route) {
        Answer::Value(route) => {
            editor.set("candidate", "route", route.id())?;
            writer.save(&editor.text())?;
            rubric.candidate.route = route;
            Ok(true)
        }
        Answer::Keep => Ok(true),
        Answer::Quit => Ok(false),
    }
}

/// Runs the questionnaire; returns how many competencies are still blank.
pub fn fill(
    opts: &FillOptions,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) -> Result<usize, Error> {
    let mut writer = RubricFile::open(&opts.rubric)?;
    let display = writer.display.clone();
    let mut rubric = rubric::parse_str(&display, &writer.original)?;
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
    let mut editor = Editor::parse(&display, &writer.original)?;
    let todo: Vec<usize> = (0..rubric.competencies.len())
        .filter(|&i| {
            let c = &rubric.competencies[i];
            group.is_none_or(|g| c.group == g) && !(opts.only_blank && c.score.is_some())
        })
        .collect();
    let mut session = Session { input, out };
    if opts.stories {
        super::fill_stories::bank(&mut session, &mut rubric, &mut editor, &mut writer)?;
        writer.finish();
        return Ok(rubric.blank().len());
    }
    let _ = writeln!(
        session.out,
        "Filling out {display}: {} competencies. Enter keeps an answer, q stops; \
         every answer is saved at once ({} holds the original until the end).",
        todo.len(),
        writer.backup.display()
    );
    if let Some(note) = writer.old_backup_note() {
        let _ = writeln!(session.out, "{note}");
    }
    // Quitting at the route question skips the competencies too.
    let go_on = group.is_some()
        || (ask_candidate(&mut session, &mut rubric, &mut editor, &mut writer)?
            && ask_route(&mut session, &mut rubric, &mut editor, &mut writer)?);
    let todo = if go_on { todo } else { Vec::new() };
    let (min, max) = (rubric.scale.min, rubric.scale.max);
    'competencies: for (n, &i) in todo.iter().enumerate() {
        let c = rubric.competencies[i].clone();
        let group_title = &rubric.groups[c.group].title;
        let _ = writeln!(
            session.out,
            "\n[{}/{}] {} — {}",
            n + 1,
            todo.len(),
            clean(group_title),
            clean(&c.name)
        );
        if let Some(q) = &c.question {
            let _ = write!(session.out, "{}", wrap(&clean(q), 80, "  "));
        }
        for (k, level) in c.levels.iter().enumerate() {
            let value = min + k as f64;
            let label = rubric
                .scale
                .labels
                .get(k)
                .map_or(String::new(), |l| format!(" {}", clean(l)));
            let _ = write!(
                session.out,
                "{}",
                wrap(
                    &format!("{}{label}: {}", trim_number(value), clean(level)),
                    80,
                    "    "
                )
            );
        }
        let current = c.score.map_or("blank".to_string(), trim_number);
        let prompt = format!(
            "  Score {}–{} [{current}]: ",
            trim_number(min),
            trim_number(max)
        );
        match session.ask(&prompt, |s| match s.parse::<f64>() {
            Ok(v) if v.is_finite() && (min..=max).contains(&v) => Ok(v),
            _ => Err(format!(
                "a number from {} to {}, please",
                trim_number(min),
                trim_number(max)
            )),
        }) {
            Answer::Value(v) => {
                editor.set_in("competency", i, "score", edit::number(v))?;
                writer.save(&editor.text())?;
                rubric.competencies[i].score = Some(v);
            }
            Answer::Keep => {}
            Answer::Quit => break 'competencies,
        }
        match session.ask("  Confidence low/medium/high [keep]: ", |s| {
            let s = s.to_ascii_lowercase();
            if ["low", "medium", "high"].contains(&s.as_str()) {
                Ok(s)
            } else {
                Err("low, medium or high, please".into())
            }
        }) {
            Answer::Value(v) => {
                editor.set_in("competency", i, "confidence", v)?;
                writer.save(&editor.text())?;
            }
            Answer::Keep => {}
            Answer::Quit => break 'competencies,
        }
        let evidence = c
            .evidence
            .as_deref()
            .map_or("none".to_string(), |e| fit_width(&clean(e), 40));
        // Room left under the 1 MiB limit (escapes may double a character).
        let room = MAX_BYTES.saturating_sub(editor.text().len() + 64) / 2;
        match session.ask(
            &format!("  Evidence, a one-line story [{evidence}]: "),
            |s| {
                if s.len() > room {
                    Err(format!(
                        "that is too long to save: the rubric would grow past 1 MiB (at most {room} bytes here)"
                    ))
                } else {
                    Ok(s.to_string())
                }
            },
        ) {
            Answer::Value(v) => {
                editor.set_in("competency", i, "evidence", v)?;
                writer.save(&editor.text())?;
            }
            Answer::Keep => {}
            Answer::Quit => break 'competencies,
        }
    }
    writer.finish();
    let blank = rubric.blank().len();
    summary(&rubric, blank, &display, session.out);
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
