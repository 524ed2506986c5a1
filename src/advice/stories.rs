//! The story bank's warnings (DESIGN.md "Warnings"): `story-stretched`,
//! `incomplete-story`, `unquantified-result`, `story-bank-size` and
//! `shared-story`, in that order.

use super::{Code, Warning};
use crate::rubric::Rubric;
use crate::stories::{LoopPlan, and_list};

/// A story may name at most this many principles before it is stretched.
const MOST_PRINCIPLES: usize = 4;
/// A bank of this many stories covers a loop without stretching any.
const BANK: std::ops::RangeInclusive<usize> = 8..=20;

/// "“Title” (id)": how a story is named in a warning.
fn named(rubric: &Rubric, s: usize) -> String {
    let story = &rubric.stories[s];
    if story.title == story.id {
        format!("`{}`", story.id)
    } else {
        format!("“{}”", story.title)
    }
}

pub(super) fn warnings(rubric: &Rubric, plan: &LoopPlan) -> Vec<Warning> {
    let mut out = Vec::new();
    let stories = &rubric.stories;
    let stretched: Vec<String> = (0..stories.len())
        .filter(|&s| stories[s].principles.len() > MOST_PRINCIPLES)
        .map(|s| {
            format!(
                "{} names {} principles",
                named(rubric, s),
                stories[s].principles.len()
            )
        })
        .collect();
    if !stretched.is_empty() {
        out.push(Warning {
            code: Code::StoryStretched,
            message: format!(
                "{}. A story backs two to four principles well; past that an interviewer \
                 hears a stretch. Keep its strongest principles and write another story for the rest.",
                and_list(stretched.iter().map(String::as_str))
            ),
        });
    }
    let incomplete: Vec<String> = (0..stories.len())
        .filter_map(|s| {
            // Without a `leadership` group there is nothing to name.
            let lacks = stories[s].lacks(!plan.plan.is_empty());
            (!lacks.is_empty()).then(|| format!("{} lacks {}", named(rubric, s), and_list(lacks)))
        })
        .collect();
    if !incomplete.is_empty() {
        out.push(Warning {
            code: Code::IncompleteStory,
            message: format!(
                "{}. Interviewers ask for the situation, your task, what you did and the result; \
                 a story without principles is a draft and is left out of the loop plan.",
                and_list(incomplete.iter().map(String::as_str))
            ),
        });
    }
    let unquantified: Vec<String> = (0..stories.len())
        .filter(|&s| {
            stories[s]
                .result
                .as_ref()
                .is_some_and(|r| !r.chars().any(|c| c.is_ascii_digit()))
        })
        .map(|s| named(rubric, s))
        .collect();
    if !unquantified.is_empty() {
        out.push(Warning {
            code: Code::UnquantifiedResult,
            message: format!(
                "The {} of {} {} no number in {}. Amazon's interviewers ask \"how did you \
                 measure that?\": give the metric, before and after.",
                if unquantified.len() == 1 {
                    "result"
                } else {
                    "results"
                },
                and_list(unquantified.iter().map(String::as_str)),
                if unquantified.len() == 1 {
                    "has"
                } else {
                    "have"
                },
                if unquantified.len() == 1 {
                    "it"
                } else {
                    "them"
                },
            ),
        });
    }
    let n = stories.len();
    if n > 0 && !BANK.contains(&n) {
        out.push(Warning {
            code: Code::StoryBankSize,
            message: if n < *BANK.start() {
                format!(
                    "The story bank has {n} {}; 8–20 cover a loop of about {} principles \
                     without telling one twice.",
                    if n == 1 { "story" } else { "stories" },
                    rubric.model.loop_principles
                )
            } else {
                format!(
                    "The story bank has {n} stories; 8–20 are as many as you can tell well. \
                     Keep the strongest and the ones with numbers."
                )
            },
        });
    }
    let aim = rubric.model.loop_principles.min(plan.covered);
    if n > 0 && plan.own_story < aim {
        let name = |i: usize| rubric.competencies[i].name.as_str();
        let shared: Vec<String> = plan
            .shared()
            .iter()
            .map(|(holder, story, list)| {
                format!(
                    "{} {} {} with {}",
                    and_list(list.iter().map(|&p| name(p))),
                    if list.len() == 1 { "shares" } else { "share" },
                    named(rubric, *story),
                    name(*holder)
                )
            })
            .collect();
        out.push(Warning {
            code: Code::SharedStory,
            message: format!(
                "Only {} of the {} principles your stories name {}, and a \
                 loop asks about {}. {}. Interviewers compare notes, so a story told twice \
                 counts once; write another story for these.",
                plan.own_story,
                plan.covered,
                if plan.own_story == 1 {
                    "gets a story of its own"
                } else {
                    "get a story of their own"
                },
                rubric.model.loop_principles,
                shared.join(". ")
            ),
        });
    }
    out
}
