//! Reports: one module per format behind [`Report`]. Each turns the same
//! [`Results`] into text; adding a format touches one file.

pub mod compare;
pub mod doc;
pub mod html;
pub mod json;
pub mod markdown;
pub mod redact;
pub mod text;

use crate::advice::{self, Warning};
use crate::model::{Assessment, Model, Strategy};
use crate::rubric::Rubric;
use crate::simulate::{self, Distributions, Sensitivity};

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
    /// The recommendation is too close to call (DESIGN.md "close call").
    pub close_call: bool,
    /// The recommendation and its runner-up, side by side.
    pub contenders: Vec<advice::Contender>,
    /// What to work on first (the preparation planner).
    pub prep: crate::plan::Prep,
    /// Which story to tell for which Leadership Principle.
    pub stories: crate::stories::LoopPlan,
    /// Files written for this rubric.
    pub outputs: Vec<String>,
    /// When the report was made (a UTC date), shown in report.md and
    /// report.html; set by the command that writes them.
    pub made: Option<String>,
    /// `--redact`: the unit every money amount is shown relative to.
    pub redaction: Option<redact::Redaction>,
}

impl Results {
    /// Runs `make` with money written as this report needs it: amounts, or
    /// with `--redact` percentages of the unit (see [`redact`]).
    pub fn money_scope<T>(&self, make: impl FnOnce() -> T) -> T {
        crate::text::money_as_share(self.redaction.map(|r| r.amount), make)
    }
}

/// Computes every figure for a validated, fully scored rubric, with the
/// Monte Carlo on both cores. Pure: the same rubric gives the same results.
pub fn evaluate(path: &str, stem: &str, rubric: Rubric) -> Results {
    evaluate_on(path, stem, rubric, simulate::threads())
}

/// [`evaluate`] with the Monte Carlo on `threads` threads (the numbers are
/// the same for any count).
pub fn evaluate_on(path: &str, stem: &str, rubric: Rubric, threads: usize) -> Results {
    evaluate_with(path, stem, rubric, threads, false)
}

/// [`evaluate_on`], with `redact` the `--redact` reading: the sentences
/// made here (reason, what would change it, warnings) give money as
/// percentages of the unit, as the reports will.
pub fn evaluate_with(
    path: &str,
    stem: &str,
    rubric: Rubric,
    threads: usize,
    redact: bool,
) -> Results {
    let model = Model::new(&rubric);
    let assessment = model.assess();
    let redaction = redact.then(|| redact::Redaction::of(&assessment));
    let dist = simulate::monte_carlo(&model, rubric.model.samples, rubric.model.seed, threads);
    let sensitivity = simulate::sensitivity(&model);
    let stories = crate::stories::loop_plan(&rubric);
    let mut warnings = advice::warnings(&rubric, &assessment, &stories);
    let close_call = advice::close_call(&assessment, &dist);
    let contenders = advice::contenders(&model, &assessment);
    let over = format!(
        "over {}",
        crate::text::years(rubric.model.horizon_years, true)
    );
    let share = (dist.samples > 0).then(|| dist.best_share[assessment.recommendation]);
    let (reason, what_if) = crate::text::money_as_share(redaction.map(|r| r.amount), || {
        let reason = if close_call {
            warnings.push(advice::close_call_warning(&contenders, &over, share));
            advice::close_call_reason(&contenders, assessment.strategies[0].ev, &over, share)
        } else {
            advice::reason(&model, &assessment)
        };
        (reason, advice::break_even(&rubric, &sensitivity))
    });
    let prep = crate::plan::plan(&model, rubric.model.prep_hours);
    let strategies = model.strategies.clone();
    Results {
        path: path.to_string(),
        slug: crate::output::slug(&rubric.candidate.name, stem),
        strategies,
        assessment,
        dist,
        sensitivity,
        warnings,
        reason,
        what_if,
        close_call,
        contenders,
        prep,
        stories,
        outputs: Vec::new(),
        made: None,
        redaction,
        rubric,
    }
}

/// A report format.
pub trait Report {
    /// Renders the results as the bytes of one document (the terminal
    /// report carries ANSI styling, which `anstream` drops off a terminal).
    fn render(&self, results: &Results) -> String;
}

/// The formats `--format` offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
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
