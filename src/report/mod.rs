//! Reports: one module per format behind [`Report`]. Each turns the same
//! [`Results`] into text; adding a format touches one file.

pub mod doc;
pub mod fmt;
pub mod html;
pub mod json;
pub mod markdown;
pub mod text;

use crate::advice::Warning;
use crate::model::{Assessment, Strategy};
use crate::rubric::Rubric;
use crate::simulate::{Distributions, Sensitivity};

/// Everything known about one assessed rubric.
#[derive(Debug, Clone)]
pub struct Results {
    /// The rubric's path as the user gave it (or the bundled example's name).
    pub path: String,
    pub slug: String,
    pub rubric: Rubric,
    pub strategies: Vec<Strategy>,
    pub assessment: Assessment,
    pub dist: Distributions,
    pub sensitivity: Sensitivity,
    pub warnings: Vec<Warning>,
    /// One sentence on why the recommendation comes first.
    pub reason: String,
    /// What would change the answer (break-even shift and premium).
    pub what_if: Vec<String>,
    /// Files written for this rubric.
    pub outputs: Vec<String>,
    /// When the report was made (a UTC date), shown in report.md and
    /// report.html.
    pub made: String,
}

/// A report format.
pub trait Report {
    /// Renders the results. `color` asks for ANSI styling (terminal only).
    fn render(&self, results: &Results) -> String;
}

/// The formats `--format` offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    Markdown,
}

impl Format {
    pub fn reporter(self) -> Box<dyn Report> {
        match self {
            Format::Text => Box::new(text::Text),
            Format::Json => Box::new(json::Json),
            Format::Markdown => Box::new(markdown::Markdown { charts: false }),
        }
    }
}
