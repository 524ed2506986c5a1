//! The results folder of one assessed rubric, `OUT/<slug>/`: what
//! `assess` writes, and what `serve`'s Share writes — one function, so the
//! two folders are the same.

use std::path::Path;

use crate::chart;
use crate::error::Error;
use crate::output;
use crate::report::json::Json;
use crate::report::markdown::Markdown;
use crate::report::{Report, Results, html::Html};
use crate::units::Policy;

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

/// Writes `results` into `dir`: the charts first, then the reports that
/// show them, each file atomically; `results.outputs` lists them. Returns
/// how many charts were drawn.
pub(crate) fn write(
    dir: &Path,
    results: &mut Results,
    policy: &Policy,
    files: Files,
) -> Result<usize, Error> {
    output::create_dir(dir)?;
    output::remove_stale_temporaries(dir);
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
    // A chart an earlier run left here and this one does not write would
    // show old numbers beside the new report.
    let drawn: Vec<&str> = charts
        .iter()
        .map(|(chart, _)| chart.file)
        .chain(pngs.iter().map(|(name, _)| name.as_str()))
        .collect();
    output::remove_stale_charts(dir, &drawn);
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
        output::write_atomic(&dir.join(chart.file), svg.as_bytes())?;
    }
    for (name, png) in &pngs {
        output::write_atomic(&dir.join(name), png)?;
    }
    let drawn = charts.len();
    let html = Html { charts }.render(results, policy)?;
    for (name, text) in [
        ("report.md", markdown),
        ("report.html", html),
        ("summary.json", summary),
    ] {
        output::write_atomic(&dir.join(name), text.as_bytes())?;
    }
    Ok(drawn)
}
