//! `rolefit init [PATH]`: write a rubric to fill out — the bundled blank
//! one, or a copy of `--from` — with `--name`, `--salary` and `--route` set
//! and every comment kept.

use std::io::Write;

use crate::cli::InitOptions;
use crate::error::{Error, Exit};
use crate::output;
use crate::rubric::edit::{self, Editor};
use crate::rubric::{self, Rubric};

pub(crate) fn run(opts: &InitOptions, stderr: &mut impl Write) -> Exit {
    match init(opts) {
        Ok(rubric) => {
            let _ = writeln!(
                stderr,
                "{}",
                next_step(&opts.path.display().to_string(), &rubric)
            );
            Exit::Ok
        }
        Err(e) => e.report(stderr),
    }
}

/// What is left to fill in the rubric just written, and how.
fn next_step(path: &str, rubric: &Rubric) -> String {
    let blank = rubric.blank().len();
    let mut left = Vec::new();
    if rubric.candidate.name.is_empty() {
        left.push("your name".to_string());
    }
    if rubric.candidate.current_salary.is_none() {
        left.push("current_salary".to_string());
    }
    match blank {
        0 => {}
        n if n == rubric.competencies.len() => left.push("every `score`".into()),
        1 => left.push("the 1 blank `score`".into()),
        n => left.push(format!("the {n} blank `score`s")),
    }
    let Some((last, rest)) = left.split_last() else {
        return format!(
            "wrote {path} — every answer is in: `rolefit fill {path}` changes one, \
             `rolefit assess {path}` assesses it"
        );
    };
    let list = match rest {
        [] => last.clone(),
        _ => format!("{} and {last}", rest.join(", ")),
    };
    format!(
        "wrote {path} — fill in {list} (`rolefit fill {path}` asks for each), then run `rolefit validate {path}`"
    )
}

/// Writes the rubric and returns it. The result must validate (blank
/// scores allowed) before anything is written, and an existing file needs
/// `--force`.
pub(crate) fn init(opts: &InitOptions) -> Result<Rubric, Error> {
    let path = &opts.path;
    if path.exists() && !opts.force {
        return Err(Error::Exists(path.to_path_buf()));
    }
    let (source, mut text) = match &opts.from {
        Some(from) => {
            // Read like any rubric: at most 1 MiB, UTF-8, errors naming SRC.
            (from.display().to_string(), rubric::read_capped(from)?)
        }
        None => (
            "the bundled rubric".to_string(),
            rubric::DEFAULT_RUBRIC.to_string(),
        ),
    };
    if opts.salary.is_some() {
        text = edit::uncomment_placeholder(&text, "current_salary");
    }
    if opts.name.is_some() || opts.salary.is_some() || opts.route.is_some() {
        let mut editor = Editor::parse(&source, &text)?;
        if let Some(name) = &opts.name {
            editor.set("candidate", "name", name.as_str())?;
        }
        if let Some(salary) = opts.salary {
            editor.set("candidate", "current_salary", rubric::edit::number(salary))?;
        }
        if let Some(route) = opts.route {
            editor.set("candidate", "route", route.id())?;
        }
        text = editor.text();
    }
    // Errors in a copy point at the rubric copied, where they are to fix.
    let named = match &opts.from {
        Some(_) => source,
        None => path.display().to_string(),
    };
    let rubric = rubric::parse_str(&named, &text)?;
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        output::create_dir(parent)?;
    }
    output::write_atomic(path, text.as_bytes())?;
    Ok(rubric)
}
