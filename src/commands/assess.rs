//! `rolefit assess [RUBRIC]...`: assess each rubric, write its results under
//! `OUT/<slug>/` and print its report. Several rubrics share both cores
//! (see [`super::batch`]); each gets its own folder, reports come out in the
//! order given, and the exit code is the worst of them.

use std::collections::HashSet;
use std::io::Write;

use super::batch;
use super::print;
use crate::cli::AssessOptions;
use crate::date;
use crate::error::{Error, Exit};
use crate::folder;
use crate::inputs::{self, Input};
use crate::output;
use crate::report::json::Json;
use crate::report::{self, Format, RenderError, Results, redact};
use crate::rubric::{LoadError, Rubric};
use crate::simulate;
use crate::units::Policy;

/// Where one rubric's results go.
#[derive(Default)]
struct Folder {
    slug: String,
    /// The folder it would have gone to, which holds another rubric's
    /// results.
    moved: Option<String>,
}

/// What a worker hands back for one rubric, rendered already.
enum Done {
    Assessed {
        /// What to print (None with --quiet).
        printed: Option<Printed>,
        /// The result folder.
        wrote: String,
        /// The folder another rubric's results kept (see [`Folder`]).
        moved: Option<String>,
        /// The rubric, named in a batch's lines (None with --redact).
        rubric: Option<String>,
        /// How many charts went into it.
        charts: usize,
    },
    Failed(Error),
}

enum Printed {
    Text(String),
    /// One JSON document of several, printed together as one array.
    Document(serde_json::Value),
}

/// `assess` over every rubric named (none: the bundled example).
pub(crate) fn run(opts: &AssessOptions, stdout: &mut impl Write, stderr: &mut impl Write) -> Exit {
    let inputs = inputs::expand(&opts.rubrics);
    let n = inputs.len();
    let many = n > 1;
    // JSON for a folder, a glob or several paths is an array, whatever
    // number of rubrics it holds or fail; one file gives an object.
    let array = opts.format == Format::Json && inputs::names_several(&opts.rubrics);
    let threads = simulate::threads();
    // Rubrics share the cores; one rubric alone gets both for its Monte Carlo.
    let (workers, mc_threads) = if many {
        (threads.min(n), 1)
    } else {
        (1, threads)
    };
    let progress = batch::progress(n, many && !opts.quiet);
    // Per-rubric lines only for a handful; a batch ends with a count.
    let chatty = !opts.quiet && n <= 20;
    let jobs = with_folders(inputs, opts);
    let mut exit = Exit::Ok;
    let mut documents = Vec::new();
    let mut failed = 0;
    let mut closed = false;
    let made = date::today();
    batch::in_order(
        jobs,
        workers,
        |(input, loaded, folder)| {
            let moved = folder.moved;
            loaded
                .map_err(Error::from)
                .and_then(|r| assess_one(&input, r, opts, mc_threads, folder.slug, &made))
                .and_then(|(results, policy, charts)| {
                    let printed = if opts.quiet {
                        None
                    } else {
                        Some(match opts.format {
                            Format::Json if array => {
                                Printed::Document(Json::document(&results, &policy)?)
                            }
                            format => Printed::Text(format.reporter().render(&results, &policy)?),
                        })
                    };
                    Ok(Done::Assessed {
                        printed,
                        wrote: opts.out.join(&results.slug).display().to_string(),
                        moved,
                        rubric: (many && !opts.redact).then(|| input.name.clone()),
                        charts,
                    })
                })
                .unwrap_or_else(Done::Failed)
        },
        |done| {
            progress.inc(1);
            match done {
                Done::Assessed {
                    printed,
                    wrote,
                    moved,
                    rubric,
                    charts,
                } => {
                    if let Some(held) = moved.filter(|_| !opts.quiet) {
                        progress.suspend(|| {
                            let _ = writeln!(
                                stderr,
                                "{held} holds another rubric's results; these go to {wrote}"
                            );
                        });
                    }
                    if chatty {
                        let from = rubric.map_or_else(String::new, |r| format!(" (from {r})"));
                        let line = format!(
                            "wrote {wrote}{from}: report.html, report.md, summary.json{}",
                            match (charts, opts.png) {
                                (0, _) => String::new(),
                                (n, false) => format!(" and {n} charts"),
                                (n, true) => format!(" and {n} charts (SVG and PNG)"),
                            }
                        );
                        progress.suspend(|| {
                            let _ = writeln!(stderr, "{line}");
                        });
                    }
                    match printed {
                        Some(Printed::Document(doc)) => documents.push(doc),
                        Some(Printed::Text(mut text)) => {
                            if many && opts.format == Format::Text {
                                text.push('\n');
                            }
                            match progress.suspend(|| print(stdout, &text)) {
                                Ok(printed) => closed = !printed,
                                Err(e) => {
                                    // Stdout takes nothing more: stop, exit 74.
                                    exit = exit.worst(progress.suspend(|| e.report(stderr)));
                                    closed = true;
                                }
                            }
                        }
                        None => {}
                    }
                }
                Done::Failed(e) => {
                    failed += 1;
                    exit = exit.worst(progress.suspend(|| e.report(stderr)));
                }
            }
            !closed
        },
    );
    progress.finish_and_clear();
    if closed {
        return exit;
    }
    if array && !opts.quiet {
        let printed = serde_json::to_string_pretty(&documents)
            .map_err(|e| Error::from(RenderError(e)))
            .and_then(|text| print(stdout, &(text + "\n")));
        if let Err(e) = printed {
            exit = exit.worst(e.report(stderr));
        }
    }
    if many && !opts.quiet {
        let _ = writeln!(
            stderr,
            "assessed {} of {n} rubrics into {}{}",
            n - failed,
            opts.out.display(),
            if failed > 0 {
                format!("; {failed} failed")
            } else {
                String::new()
            }
        );
    }
    exit
}

/// Reads every rubric, in order, and gives each its result folder's name:
/// two rubrics for the same candidate get `name` and `name-2`, whatever
/// order the workers finish in. The command line is merged over each rubric
/// here ([`AssessOptions::settle`]), so the folder and every report carry
/// `--name`.
fn with_folders(
    inputs: Vec<Input>,
    opts: &AssessOptions,
) -> Vec<(Input, Result<Rubric, LoadError>, Folder)> {
    let mut taken = HashSet::new();
    inputs
        .into_iter()
        .map(|input| {
            let loaded = input.load().map(|mut r| {
                opts.settle(&mut r);
                r
            });
            // A rubric that will fail — it does not load, or is a template
            // not ready to assess — writes nothing: it takes no folder name.
            let Some(rubric) = loaded.as_ref().ok().filter(|r| r.missing().is_empty()) else {
                return (input, loaded, Folder::default());
            };
            let base = output::slug(&rubric.candidate.name, &input.stem);
            // Another rubric's results are never overwritten (DESIGN.md
            // "Command line"); two rubrics of one batch get `<slug>` and
            // `<slug>-2`.
            let mark = output::rubric_mark(input.path.as_deref(), &input.name);
            let chosen = folder::choose(&opts.out, &base, &input.stem, &mark, opts.redact, |s| {
                taken.insert(s.to_string())
            });
            let slug = chosen.slug;
            let moved = chosen.moved.map(|held| held.display().to_string());
            (input, loaded, Folder { slug, moved })
        })
        .collect()
}

/// Assesses one rubric and writes its results under `OUT/<slug>/`: the
/// charts first, then the reports that show them, each file atomically.
/// Returns the results, the policy they are shown with and how many charts
/// were drawn.
pub(crate) fn assess_one(
    input: &Input,
    rubric: Rubric,
    opts: &AssessOptions,
    threads: usize,
    slug: String,
    made: &str,
) -> Result<(Results, Policy, usize), Error> {
    require_ready(&input.name, &rubric)?;
    let mut results = report::evaluate_on(&input.name, &input.stem, rubric, threads);
    let policy = redact::policy(opts.redact);
    results.slug = slug;
    results.made = Some(made.to_string());
    // Which rubric made the folder (a hash of its path, never the path).
    let mark = output::rubric_mark(input.path.as_deref(), &input.name);
    let drawn = folder::write(
        &opts.out,
        &mut results,
        &policy,
        &mark,
        folder::Files {
            charts: !opts.no_charts,
            png: opts.png,
            threads,
        },
    )?;
    Ok((results, policy, drawn))
}

/// A blank template (no name, no current salary, competencies without
/// scores) cannot be assessed.
pub(crate) fn require_ready(path: &str, rubric: &Rubric) -> Result<(), Error> {
    let missing = rubric.missing();
    if missing.is_empty() {
        return Ok(());
    }
    Err(Error::Blank {
        path: path.to_string(),
        missing,
    })
}
