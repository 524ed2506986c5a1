//! The whole assessment of one rubric, assembled once: the model, the Monte
//! Carlo, the sensitivity sweeps, the preparation plan, the loop plan and
//! the advice. Structured, with no knowledge of formats or of `--redact`:
//! every report, chart and command reads the same [`Results`] and shows it
//! with the policy it is handed.

use crate::advice::{self, CloseCall, Reason, Warning, WhatIf};
use crate::cancel::{Cancel, Cancelled};
use crate::model::{Assessment, Model, Strategy};
use crate::rubric::Rubric;
use crate::simulate::{self, Distributions, Sensitivity};
use crate::units::Money;

pub(crate) mod compare;

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
    /// The warnings that carry no money (the close call's is in `reason`).
    pub warnings: Vec<Warning>,
    /// Why the recommendation comes first, or that it is too close to call.
    pub reason: Reason,
    /// What would change the answer (break-even shift and premium).
    pub what_if: Option<WhatIf>,
    /// The recommendation is too close to call (DESIGN.md "close call").
    pub close_call: bool,
    /// What to work on first (the preparation planner).
    pub prep: crate::plan::Prep,
    /// Which story to tell for which Leadership Principle.
    pub stories: crate::stories::LoopPlan,
    /// `bar_costs[r][i]`: what raising competency i to role r's bar would
    /// add to an offer chance, where it is below (DESIGN.md v3).
    pub bar_costs: Vec<Vec<Option<crate::units::Probability>>>,
    /// Files written for this rubric.
    pub outputs: Vec<String>,
    /// When the report was made (a UTC date), shown in report.md and
    /// report.html; set by the command that writes them.
    pub made: Option<String>,
}

impl Results {
    /// The close call, when the recommendation is too close to call.
    pub(crate) fn close(&self) -> Option<&CloseCall> {
        match &self.reason {
            Reason::Close(c) => Some(c),
            Reason::Leads { .. } | Reason::Tied { .. } => None,
        }
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
    match evaluate_unless(path, stem, rubric, threads, &Cancel::never()) {
        Ok(results) => results,
        Err(Cancelled) => unreachable!("Cancel::never() stopped an assessment"),
    }
}

/// [`evaluate_on`], stopped by `cancel`: asked between the steps and
/// inside the two long ones (the Monte Carlo before every chunk of draws,
/// the planner before every step). `Err(Cancelled)` then, no results.
pub fn evaluate_unless(
    path: &str,
    stem: &str,
    rubric: Rubric,
    threads: usize,
    cancel: &Cancel,
) -> Result<Results, Cancelled> {
    cancel.check()?;
    let model = Model::new(&rubric);
    let assessment = model.assess();
    let (samples, seed) = (rubric.model.samples, rubric.model.seed);
    let dist = simulate::monte_carlo_unless(&model, samples, seed, threads, cancel)?;
    cancel.check()?;
    let sensitivity = simulate::sensitivity(&model);
    cancel.check()?;
    let stories = crate::stories::loop_plan(&rubric);
    let bar_costs = advice::bar_costs(&model, &assessment);
    cancel.check()?;
    let warnings = advice::warnings(&rubric, &assessment, &stories, &bar_costs);
    let close_call = advice::close_call(&assessment, &dist);
    let reason = match advice::contenders(&model, &assessment).as_slice() {
        [a, b] if close_call => Reason::Close(CloseCall {
            a: a.clone(),
            b: b.clone(),
            stay: Money::new(assessment.strategies[0].ev),
            share: (dist.samples > 0).then(|| dist.best_share[assessment.recommendation]),
        }),
        _ => advice::reason(&model, &assessment, dist.dominates()),
    };
    let what_if = advice::what_if(&rubric, &assessment, &sensitivity);
    let prep = crate::plan::plan_unless(&model, rubric.model.prep_hours, cancel)?;
    let strategies = model.strategies.clone();
    Ok(Results {
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
        prep,
        stories,
        bar_costs,
        outputs: Vec::new(),
        made: None,
        rubric,
    })
}
