//! Advice: warnings (DESIGN.md "Warnings", each with a stable code) here;
//! close calls in `close_call`; the recommendation's reason and the what-if
//! sentences in `sentences`. What carries money stays structured (amounts
//! as [`Money`](crate::units::Money)) until a renderer words it with its
//! policy through [`words`].

mod bars;
mod close_call;
mod sentences;
mod stories;
#[cfg(test)]
mod tests;
pub(crate) mod words;

use serde::Serialize;

pub(crate) use bars::bar_costs;
pub use close_call::{CloseCall, Contender, close_call, contenders};
pub use sentences::{Reason, Tie, WhatIf, Winner, reason, what_if};

use crate::model::Assessment;
use crate::rubric::Rubric;
use crate::stories::LoopPlan;

/// A warning's stable code (DESIGN.md "Warnings"): what a script matches
/// on, written by `Display` and in the JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Code {
    NoCurrentPay,
    TechnicalOverfocus,
    MissingEvidence,
    StoryStretched,
    IncompleteStory,
    UnquantifiedResult,
    StoryBankSize,
    SharedStory,
    BelowBar,
    CloseCall,
    /// `validate`: a template not filled in yet.
    Blank,
}

impl Code {
    pub(crate) const fn as_str(self) -> &'static str {
        match self {
            Code::NoCurrentPay => "no-current-pay",
            Code::TechnicalOverfocus => "technical-overfocus",
            Code::MissingEvidence => "missing-evidence",
            Code::StoryStretched => "story-stretched",
            Code::IncompleteStory => "incomplete-story",
            Code::UnquantifiedResult => "unquantified-result",
            Code::StoryBankSize => "story-bank-size",
            Code::SharedStory => "shared-story",
            Code::BelowBar => "below-bar",
            Code::CloseCall => "close-call",
            Code::Blank => "blank",
        }
    }
}

#[cfg(test)]
#[test]
fn warning_codes_read_as_designed() {
    let codes = [
        (Code::NoCurrentPay, "no-current-pay"),
        (Code::TechnicalOverfocus, "technical-overfocus"),
        (Code::MissingEvidence, "missing-evidence"),
        (Code::StoryStretched, "story-stretched"),
        (Code::IncompleteStory, "incomplete-story"),
        (Code::UnquantifiedResult, "unquantified-result"),
        (Code::StoryBankSize, "story-bank-size"),
        (Code::SharedStory, "shared-story"),
        (Code::BelowBar, "below-bar"),
        (Code::CloseCall, "close-call"),
        (Code::Blank, "blank"),
    ];
    for (code, text) in codes {
        assert_eq!(code.to_string(), text);
        assert_eq!(serde_json::to_value(code).unwrap(), text);
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// A warning that carries no money: its words are final.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Warning {
    pub code: Code,
    pub message: String,
}

/// The unweighted mean level (0–100) of a group's scored competencies.
fn group_mean(rubric: &Rubric, levels: &[f64], group: &str) -> Option<f64> {
    let g = rubric.group_index(group)?;
    let in_group: Vec<f64> = rubric
        .competencies
        .iter()
        .zip(levels)
        .filter(|(c, _)| c.group == g && c.score.is_some())
        .map(|(_, x)| 100.0 * x)
        .collect();
    (!in_group.is_empty()).then(|| in_group.iter().sum::<f64>() / in_group.len() as f64)
}

/// `no-current-pay`, `technical-overfocus`, `missing-evidence`, the story
/// bank's (`story-stretched`, `incomplete-story`, `unquantified-result`,
/// `story-bank-size`, `shared-story`) and `below-bar`, in that order.
/// `costs` are [`bar_costs`].
pub(crate) fn warnings(
    rubric: &Rubric,
    assessment: &Assessment,
    plan: &LoopPlan,
    costs: &[Vec<Option<crate::units::Probability>>],
) -> Vec<Warning> {
    let mut out = Vec::new();
    if rubric.candidate.current_salary == Some(0.0) {
        out.push(Warning {
            code: Code::NoCurrentPay,
            message: "Your current_salary is 0, so staying pays nothing and any offer beats it: \
                      the values compare each route with having no job. Enter your current \
                      annual pay if you have one."
                .into(),
        });
    }
    let levels = &assessment.levels;
    if let (Some(tech), Some(lead)) = (
        group_mean(rubric, levels, "technical"),
        group_mean(rubric, levels, "leadership"),
    ) && tech - lead >= rubric.model.overfocus_gap
    {
        out.push(Warning {
            code: Code::TechnicalOverfocus,
            message: format!(
                "Your technical levels average {tech:.0} but your leadership levels only {lead:.0} \
                 (out of 100). Hiring turns mostly on leadership: prepare stories for the \
                 Leadership Principles before more technical practice."
            ),
        });
    }
    if let Some(lead) = rubric.group_index("leadership") {
        // A story naming the principle is evidence too.
        let missing: Vec<&str> = rubric
            .competencies
            .iter()
            .enumerate()
            .filter(|(i, c)| c.group == lead && c.evidence.is_none() && plan.named(*i).is_empty())
            .map(|(_, c)| c.name.as_str())
            .collect();
        if !missing.is_empty() {
            out.push(Warning {
                code: Code::MissingEvidence,
                message: format!(
                    "{} of {} {} {} no evidence and no story in the bank; the bar raiser will ask for one: {}.",
                    missing.len(),
                    rubric
                        .competencies
                        .iter()
                        .filter(|c| c.group == lead)
                        .count(),
                    rubric.groups[lead].title,
                    if missing.len() == 1 { "has" } else { "have" },
                    missing.join(", ")
                ) + &bars::offers_with_stories(rubric).map_or_else(String::new, |with| {
                    let now: Vec<f64> = assessment.roles.iter().map(|o| o.offer).collect();
                    format!(" {}", bars::stories_sentence(rubric, &now, &with))
                }),
            });
        }
    }
    out.extend(stories::warnings(rubric, plan));
    out.extend(bars::below_bar(rubric, costs));
    out
}

/// The story bank's warnings alone (no model needed): what `validate`
/// shows beside a valid rubric.
pub(crate) fn story_warnings(rubric: &Rubric) -> Vec<Warning> {
    stories::warnings(rubric, &crate::stories::loop_plan(rubric))
}

/// The `blank` warning of `validate`: what a template still lacks (a
/// blank name, no current salary, competencies without scores).
pub(crate) fn blank_warning(rubric: &Rubric) -> Option<Warning> {
    let missing = rubric.missing();
    (!missing.is_empty()).then(|| Warning {
        code: Code::Blank,
        message: missing.join("; "),
    })
}
