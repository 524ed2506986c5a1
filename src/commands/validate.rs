//! `rolefit validate RUBRIC...`: check rubrics without assessing them; a
//! template is valid but lists the competencies still to score.

use std::io::Write;
use std::path::PathBuf;

use super::print;
use crate::advice;
use crate::error::{Error, Exit};
use crate::inputs;
use crate::text;

pub(crate) fn run(paths: &[PathBuf], stdout: &mut impl Write, stderr: &mut impl Write) -> Exit {
    let mut exit = Exit::Ok;
    for input in inputs::expand(paths) {
        match input.load() {
            Ok(r) => {
                let missing = r.missing();
                let line = match advice::blank_warning(&r) {
                    Some(w) => format!(
                        "{}: valid template, not ready to assess\n  [{}] what is still to fill:\n{}",
                        input.name,
                        w.code,
                        missing
                            .iter()
                            .map(|m| format!("    - {}\n", text::clean(m)))
                            .collect::<String>()
                    ),
                    None => format!(
                        "{}: valid — {} competencies, {} roles, {} stages{}; ready to assess\n",
                        input.name,
                        r.competencies.len(),
                        r.roles.len(),
                        r.stages.len(),
                        match r.stories.len() {
                            0 => String::new(),
                            1 => ", 1 story".to_string(),
                            n => format!(", {n} stories"),
                        }
                    ),
                };
                // The story bank can be checked before any score is given.
                let line = advice::story_warnings(&r).iter().fold(line, |line, w| {
                    line + &text::wrap(
                        &format!("[{}] {}", w.code, text::clean(&w.message)),
                        80,
                        "  ",
                    )
                });
                match print(stdout, &line) {
                    Ok(true) => {}
                    Ok(false) => return exit,
                    Err(e) => return exit.worst(e.report(stderr)),
                }
            }
            Err(e) => exit = exit.worst(Error::from(e).report(stderr)),
        }
    }
    exit
}
