//! The story bank section: the loop plan as a sentence and a table —
//! each Leadership Principle, the story planned for it and the other
//! stories that name it — and `stories.svg`.

use super::Block;
use crate::chart::ChartId;
use crate::report::Results;

/// One principle of the loop plan as the reports show it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PlanRow {
    pub principle: String,
    /// The planned story's title; `None` when it gets none of its own.
    pub story: Option<String>,
    /// The other stories that name the principle.
    pub also: Vec<String>,
    /// Without a story of its own: the story it shares and the principle
    /// the plan tells it for.
    pub shares: Option<(String, String)>,
}

/// The loop plan's rows, principles in rubric order.
pub(crate) fn rows(res: &Results) -> Vec<PlanRow> {
    let rubric = &res.rubric;
    let plan = &res.stories;
    let shared = plan.shared();
    plan.plan
        .iter()
        .zip(&plan.named_by)
        .map(|((p, own), named)| PlanRow {
            shares: shared.iter().find(|(_, _, list)| list.contains(p)).map(
                |(holder, story, _)| {
                    (
                        rubric.stories[*story].title.clone(),
                        rubric.competencies[*holder].name.clone(),
                    )
                },
            ),
            principle: rubric.competencies[*p].name.clone(),
            story: own.map(|s| rubric.stories[s].title.clone()),
            // Neither the planned story nor the one it shares.
            also: named
                .iter()
                .filter(|s| {
                    Some(**s) != *own
                        && !shared
                            .iter()
                            .any(|(_, story, list)| story == *s && list.contains(p))
                })
                .map(|&s| rubric.stories[s].title.clone())
                .collect(),
        })
        .collect()
}

/// Why a rubric with stories has no loop plan.
pub(crate) const NO_PRINCIPLES: &str = "This rubric has no `leadership` group, so its stories have no principles to back and there is no loop plan.";

/// What the cell of a principle without a story of its own says.
pub(crate) fn none_cell(row: &PlanRow) -> String {
    match &row.shares {
        Some((story, holder)) => format!("none of its own: “{story}” is told for {holder}"),
        None => "none: write one".to_string(),
    }
}

/// The opening sentence: how many stories, then the loop plan's summary.
pub(crate) fn opening(res: &Results) -> String {
    let plan = &res.stories;
    let drafts = res
        .rubric
        .stories
        .iter()
        .filter(|s| s.principles.is_empty())
        .count();
    let bank = match (plan.count, drafts) {
        (1, 0) => "The story bank has 1 story.".to_string(),
        (n, 0) => format!("The story bank has {n} stories."),
        (n, d) => format!(
            "The story bank has {n} {} ({d} {} without principles yet, left out of the plan).",
            if n == 1 { "story" } else { "stories" },
            if d == 1 { "draft" } else { "drafts" }
        ),
    };
    format!(
        "{bank} A loop asks about {} principles or so, and the interviewers compare notes, so tell each story once. {}",
        res.rubric.model.loop_principles,
        res.stories.summary(&res.rubric)
    )
}

/// The section, when the rubric has stories.
pub(super) fn section(res: &Results, charts: bool) -> Vec<Block> {
    if res.rubric.stories.is_empty() {
        return Vec::new();
    }
    if res.stories.plan.is_empty() {
        return vec![
            Block::Heading("Story bank and loop plan".into()),
            Block::Para(NO_PRINCIPLES.into()),
        ];
    }
    let mut out = vec![
        Block::Heading("Story bank and loop plan".into()),
        Block::Para(opening(res)),
    ];
    out.push(Block::Table {
        head: ["Principle", "Planned story", "Other stories that name it"]
            .map(String::from)
            .to_vec(),
        rows: rows(res)
            .iter()
            .map(|row| {
                vec![
                    row.principle.clone(),
                    row.story.clone().unwrap_or_else(|| none_cell(row)),
                    row.also
                        .iter()
                        .map(|t| format!("“{t}”"))
                        .collect::<Vec<_>>()
                        .join(", "),
                ]
            })
            .collect(),
    });
    if charts {
        out.push(Block::Chart(ChartId::Stories));
    }
    out
}
