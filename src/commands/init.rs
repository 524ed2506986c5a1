//! `rolefit init [PATH]`: write a rubric to fill out — the bundled blank
//! one, or a copy of `--from` — with `--name`, `--salary` and `--route` set
//! and every comment kept.

use std::io::Write;

use crate::cli::InitOptions;
use crate::error::{Error, Exit};
use crate::output;
use crate::rubric;
use crate::rubric::edit::{self, Editor};

pub fn run(opts: &InitOptions, stderr: &mut impl Write) -> Exit {
    match init(opts) {
        Ok(()) => {
            let path = opts.path.display();
            let _ = writeln!(
                stderr,
                "wrote {path} — fill in your name, current_salary and every `score` (`rolefit fill {path}` asks for each), then run `rolefit validate {path}`"
            );
            Exit::Ok
        }
        Err(e) => e.report(stderr),
    }
}

/// Writes the rubric. The result must validate (blank scores allowed)
/// before anything is written, and an existing file needs `--force`.
pub fn init(opts: &InitOptions) -> Result<(), Error> {
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
    rubric::parse_str(&named, &text)?;
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        output::create_dir(parent)?;
    }
    output::write_atomic(path, text.as_bytes())?;
    Ok(())
}
