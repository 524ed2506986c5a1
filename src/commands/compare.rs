//! `rolefit compare INPUT...`: several rubrics side by side — several
//! people, or one person at several dates — as a table on stdout and
//! `OUT/compare.svg`. Nothing is written per rubric.

use std::io::Write;

use super::assess::require_ready;
use super::print;
use crate::chart;
use crate::cli::CompareOptions;
use crate::error::{Error, Exit};
use crate::inputs;
use crate::output;
use crate::report::compare::{self, Document};
use crate::report::{self, Format, RenderError};

pub(crate) fn run(opts: &CompareOptions, stdout: &mut impl Write, stderr: &mut impl Write) -> Exit {
    let inputs = inputs::expand(&opts.rubrics);
    let found = inputs.iter().filter(|i| i.found()).count();
    if found < 2 {
        let e = Error::Usage(format!(
            "compare needs at least two rubrics; {} named {} (give two files, or a folder or glob holding two or more)",
            opts.rubrics
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join(" "),
            match found {
                0 => "none".to_string(),
                n => format!("only {n}"),
            }
        ));
        return e.report(stderr);
    }
    let mut exit = Exit::Ok;
    let mut rows = Vec::new();
    let n = inputs.len();
    for input in inputs {
        let results = input.load().map_err(Error::from).and_then(|mut r| {
            require_ready(&input.name, &r)?;
            // The comparison shows point values only: no Monte Carlo.
            r.model.samples = 0;
            Ok(report::evaluate(&input.name, &input.stem, r))
        });
        match results {
            Ok(res) => rows.push(compare::row(&res, &report::redact::policy(opts.redact))),
            Err(e) => exit = exit.worst(e.report(stderr)),
        }
    }
    // Every input is checked before anything is written (#23.16): fewer
    // than two usable rubrics are no comparison, so nothing is drawn or
    // printed; with two or more, the others are compared and the failures
    // reported (DESIGN.md "Several rubrics": the exit code is the worst).
    if rows.len() < 2 {
        let _ = writeln!(
            stderr,
            "nothing compared or written: {} of {n} rubrics could not be used (above), \
             and a comparison needs two",
            n - rows.len()
        );
        return exit;
    }
    compare::distinguish(&mut rows);
    let svg_path = opts.out.join(chart::compare::FILE);
    let png_path = svg_path.with_extension("png");
    let written = chart::compare::draw(&rows)
        .map_err(Error::from)
        .and_then(|svg| {
            let png = if opts.png {
                Some(chart::png::render(chart::compare::FILE, &svg)?)
            } else {
                None
            };
            output::create_dir(&opts.out)?;
            output::write_atomic(&svg_path, svg.as_bytes())?;
            if let Some(png) = png {
                output::write_atomic(&png_path, &png)?;
            }
            Ok(())
        });
    let outputs = match written {
        Ok(()) => {
            let mut outputs = vec![svg_path.display().to_string()];
            if opts.png {
                outputs.push(png_path.display().to_string());
            }
            let _ = writeln!(stderr, "wrote {}", outputs.join(" and "));
            outputs
        }
        Err(e) => {
            exit = exit.worst(e.report(stderr));
            Vec::new()
        }
    };
    let text = match opts.format {
        Format::Text => compare::text(&rows, opts.redact),
        Format::Markdown => compare::markdown(&rows),
        Format::Json => {
            let doc = Document {
                schema: 1,
                redacted: opts.redact,
                rubrics: &rows,
                outputs,
            };
            match serde_json::to_string_pretty(&doc) {
                Ok(text) => text + "\n",
                Err(e) => return exit.worst(Error::from(RenderError(e)).report(stderr)),
            }
        }
    };
    match print(stdout, &text) {
        Ok(_) => exit,
        Err(e) => exit.worst(e.report(stderr)),
    }
}
