//! The results folder of one assessed rubric, `OUT/<slug>/`: what
//! `assess` writes, and what `serve`'s Share writes — one function, so the
//! two folders are the same.

use std::path::{Path, PathBuf};

use crate::chart;
use crate::error::Error;
use crate::output;
use crate::report::json::Json;
use crate::report::markdown::Markdown;
use crate::report::{Report, Results, html::Html};
use crate::units::Policy;

/// Where one rubric's results go under `out`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Chosen {
    /// The folder's name.
    pub slug: String,
    /// The folder the results would have gone to, which holds another
    /// rubric's: it is left as it is.
    pub moved: Option<PathBuf>,
}

/// The folder under `out` for the results of the rubric `mark` names
/// ([`output::rubric_mark`]), whose slug is `base` and file stem `stem`
/// (DESIGN.md "Command line"): `base`, unless it holds another rubric's
/// results; then `<base>-<stem>`, or with `redact` `<base>-2` (so no file
/// name appears), then `-2`, `-3`, … past any folder another rubric holds.
/// `claim` is asked for each name that is free on disk and may refuse it
/// (a batch gives two rubrics of one person `base` and `base-2`). `assess`
/// and `serve`'s Share both choose here.
pub(crate) fn choose(
    out: &Path,
    base: &str,
    stem: &str,
    mark: &str,
    redact: bool,
    mut claim: impl FnMut(&str) -> bool,
) -> Chosen {
    let held = |s: &str| output::held_by_another(&out.join(s), mark);
    let moved = held(base);
    let first = if moved && !redact {
        output::slug("", &format!("{base}-{stem}"))
    } else {
        base.to_string()
    };
    let slug = (1..)
        .map(|k| {
            if k == 1 {
                first.clone()
            } else {
                output::numbered(&first, k)
            }
        })
        .find(|s| !held(s) && claim(s))
        .unwrap_or(first);
    Chosen {
        slug,
        moved: moved.then(|| out.join(base)),
    }
}

/// Which files to write besides the reports.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Files {
    /// The SVG charts (`--no-charts` leaves them out).
    pub charts: bool,
    /// A PNG of each chart too (`--png`).
    pub png: bool,
    /// Threads for the PNGs.
    pub threads: usize,
}

/// Writes `results` into `out/<slug>/`: into a staging folder swapped in
/// at the end, so a run that fails midway leaves the old results whole;
/// `results.outputs` lists the files; `mark` ([`output::rubric_mark`])
/// records which rubric made the folder. Returns how many charts were drawn.
pub(crate) fn write(
    out: &Path,
    results: &mut Results,
    policy: &Policy,
    mark: &str,
    files: Files,
) -> Result<usize, Error> {
    let dir = out.join(&results.slug);
    output::create_dir(out)?;
    output::remove_stale_staging(out);
    // Everything is written into a staging folder and swapped in at the
    // end (#23.6): a run that fails midway leaves the old results whole.
    let staging = output::Staging::new(&dir)?;
    staging.write(output::MARKER, mark.as_bytes())?;
    let charts = if files.charts {
        chart::render_all(results, policy)?
    } else {
        Vec::new()
    };
    let pngs = if files.png {
        chart::png::render_all(&charts, files.threads)?
    } else {
        Vec::new()
    };
    // A chart an earlier run left and this one does not draw is not carried
    // into the new folder (Staging::swap_in), so no old numbers stay beside
    // the new report.
    // summary.json lists every file written, itself included.
    let names = ["summary.json", "report.md", "report.html"]
        .into_iter()
        .chain(charts.iter().map(|(chart, _)| chart.file))
        .chain(pngs.iter().map(|(name, _)| name.as_str()));
    results.outputs = names.map(|n| dir.join(n).display().to_string()).collect();
    let markdown = Markdown {
        charts: !charts.is_empty(),
    }
    .render(results, policy)?;
    let summary = Json.render(results, policy)?;
    for (chart, svg) in &charts {
        staging.write(chart.file, svg.as_bytes())?;
    }
    for (name, png) in &pngs {
        staging.write(name, png)?;
    }
    let drawn = charts.len();
    let html = Html { charts }.render(results, policy)?;
    for (name, text) in [
        ("report.md", markdown),
        ("report.html", html),
        ("summary.json", summary),
    ] {
        staging.write(name, text.as_bytes())?;
    }
    // Every file a run may write here, so none of an earlier run's is
    // carried over as if it were the person's.
    let ours: Vec<String> = ["summary.json", "report.md", "report.html", output::MARKER]
        .into_iter()
        .map(String::from)
        .chain(
            chart::CHARTS
                .iter()
                .flat_map(|c| [c.file.to_string(), chart::png::file(c)]),
        )
        .collect();
    staging.swap_in(&ours)?;
    Ok(drawn)
}
