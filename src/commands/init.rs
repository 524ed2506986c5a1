//! `rolefit init [PATH]`: write a rubric to fill out — the bundled blank
//! one, or a copy of `--from` — with `--name`, `--salary` and `--route` set
//! and every comment kept.

use std::io::Write;

use crate::cli::InitOptions;
use crate::error::{Error, Exit};
use crate::output;
use crate::rubric::edit::Editor;
use crate::rubric::{self, LoadError};

pub fn run(opts: &InitOptions, stderr: &mut impl Write) -> Exit {
    match init(opts) {
        Ok(()) => {
            let path = opts.path.display();
            let _ = writeln!(
                stderr,
                "wrote {path} — fill in every `score`, then run `rolefit validate {path}`"
            );
            Exit::Ok
        }
        Err(e) => e.report(stderr),
    }
}

/// The template leaves `current_salary` for the person to fill, as a
/// commented-out example line (`# current_salary = 150000  # required: …`):
/// turned back into a key, so `--salary` sets it in place with its comment.
fn uncomment_placeholder(text: &str, key: &str) -> String {
    let mut done = false;
    text.split_inclusive('\n')
        .map(|line| {
            let rest = line.trim_start().strip_prefix('#').map(str::trim_start);
            match rest {
                Some(rest)
                    if !done
                        && rest.starts_with(key)
                        && rest[key.len()..].trim_start().starts_with('=') =>
                {
                    done = true;
                    rest.to_string()
                }
                _ => line.to_string(),
            }
        })
        .collect()
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
            let name = from.display().to_string();
            let text = std::fs::read_to_string(from).map_err(|source| LoadError::Unreadable {
                path: name.clone(),
                source,
            })?;
            (name, text)
        }
        None => (
            "the bundled rubric".to_string(),
            rubric::DEFAULT_RUBRIC.to_string(),
        ),
    };
    if opts.salary.is_some() {
        text = uncomment_placeholder(&text, "current_salary");
    }
    if opts.name.is_some() || opts.salary.is_some() || opts.route.is_some() {
        let mut editor = Editor::parse(&source, &text)?;
        if let Some(name) = &opts.name {
            editor.set("candidate", "name", name.as_str());
        }
        if let Some(salary) = opts.salary {
            editor.set("candidate", "current_salary", rubric::edit::number(salary));
        }
        if let Some(route) = opts.route {
            editor.set("candidate", "route", route.id());
        }
        text = editor.text();
    }
    rubric::parse_str(&path.display().to_string(), &text)?;
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        output::create_dir(parent)?;
    }
    output::write_atomic(path, text.as_bytes())?;
    Ok(())
}
