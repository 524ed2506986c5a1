//! Reports: one module per format behind [`Report`]. Each turns the same
//! [`Results`] into text, showing money as the [`Policy`] it is handed
//! says; adding a format touches one file.

pub(crate) mod compare;
pub(crate) mod doc;
pub mod html;
pub mod json;
pub mod markdown;
pub mod redact;
pub mod text;

pub use crate::assessment::{Results, evaluate, evaluate_on};

use crate::advice::{Code, words};
use crate::units::Policy;

/// Every warning in words, in order: the assessment's, then the close
/// call's (its amounts shown as `policy` says).
pub(crate) fn warnings(res: &Results, policy: &Policy) -> Vec<(Code, String)> {
    let mut out: Vec<(Code, String)> = res
        .warnings
        .iter()
        .map(|w| (w.code, w.message.clone()))
        .collect();
    if let Some(c) = res.close() {
        out.push((
            Code::CloseCall,
            words::close_call_warning(c, policy, res.rubric.model.horizon_years),
        ));
    }
    out
}

/// The reason the recommendation comes first, in words.
pub fn reason(res: &Results, policy: &Policy) -> String {
    words::reason(&res.reason, policy, res.rubric.model.horizon_years)
}

/// A report format.
pub trait Report {
    /// Renders the results as the bytes of one document (the terminal
    /// report carries ANSI styling, which `anstream` drops off a terminal),
    /// every amount shown as `policy` says.
    fn render(&self, results: &Results, policy: &Policy) -> Result<String, RenderError>;
}

/// A report that could not be made (a bug: every input is validated).
#[derive(Debug, thiserror::Error)]
#[error("cannot write the JSON report: {0}")]
pub struct RenderError(#[from] pub serde_json::Error);

/// The formats `--format` offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    Json,
    Markdown,
}

impl Format {
    pub(crate) fn reporter(self) -> Box<dyn Report> {
        match self {
            Format::Text => Box::new(text::Text),
            Format::Json => Box::new(json::Json),
            Format::Markdown => Box::new(markdown::Markdown { charts: false }),
        }
    }
}
