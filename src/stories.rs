//! The loop plan (DESIGN.md "Story bank", "Loop plan"): which story to tell
//! for which Leadership Principle so that no story is told twice.
//!
//! Interviewers in a loop each probe one or two principles and compare notes
//! afterwards, so each principle wants a story of its own. The plan is a
//! maximum matching between the `leadership` competencies and the stories
//! that name them, found by Kuhn's augmenting paths: principles in rubric
//! order, each trying the stories that name it in rubric order. The same
//! rubric always gives the same plan.

use crate::rubric::Rubric;

/// The loop plan for one rubric.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LoopPlan {
    /// Every `leadership` competency in rubric order, with the story the
    /// plan gives it (indices into `rubric.competencies` and
    /// `rubric.stories`).
    pub plan: Vec<(usize, Option<usize>)>,
    /// For each entry of `plan`: every story that names the principle, in
    /// rubric order (drafts name none).
    pub named_by: Vec<Vec<usize>>,
    /// Stories in the bank, drafts included.
    pub count: usize,
    /// Principles named by at least one story.
    pub covered: usize,
    /// Principles the plan gives a story of their own.
    pub own_story: usize,
}

/// The loop plan of `rubric`; empty without a `leadership` group.
pub(crate) fn loop_plan(rubric: &Rubric) -> LoopPlan {
    let Some(lead) = rubric.group_index("leadership") else {
        return LoopPlan {
            count: rubric.stories.len(),
            ..LoopPlan::default()
        };
    };
    let principles: Vec<usize> = (0..rubric.competencies.len())
        .filter(|&i| rubric.competencies[i].group == lead)
        .collect();
    // Each principle's row in the plan, to file the stories' edges under
    // in one pass (stories in rubric order, so every list is too).
    let mut row = vec![None; rubric.competencies.len()];
    for (k, &p) in principles.iter().enumerate() {
        row[p] = Some(k);
    }
    let mut named_by: Vec<Vec<usize>> = vec![Vec::new(); principles.len()];
    for (s, story) in rubric.stories.iter().enumerate() {
        for &p in &story.principles {
            if let Some(k) = row[p] {
                named_by[k].push(s);
            }
        }
    }
    let owner = matching(&named_by, rubric.stories.len());
    let mut given = vec![None; principles.len()];
    for (s, p) in owner.iter().enumerate() {
        if let Some(p) = p {
            given[*p] = Some(s);
        }
    }
    LoopPlan {
        plan: principles.iter().copied().zip(given).collect(),
        covered: named_by.iter().filter(|s| !s.is_empty()).count(),
        own_story: owner.iter().filter(|o| o.is_some()).count(),
        count: rubric.stories.len(),
        named_by,
    }
}

/// Kuhn's algorithm: `edges[p]` lists the stories principle `p` may take, in
/// the order to try them. Returns, per story, the principle it is given.
fn matching(edges: &[Vec<usize>], stories: usize) -> Vec<Option<usize>> {
    let mut owner: Vec<Option<usize>> = vec![None; stories];
    let usable = {
        let mut named = vec![false; stories];
        edges.iter().flatten().for_each(|&s| named[s] = true);
        named.iter().filter(|n| **n).count()
    };
    let mut matched = 0;
    for p in 0..edges.len() {
        if matched == usable {
            break; // every story is told once already: no path can augment
        }
        let mut visited = vec![false; stories];
        if augment(p, edges, &mut owner, &mut visited) {
            matched += 1;
        }
    }
    owner
}

/// Finds a story for `p`, moving the stories' current principles to others
/// of theirs where needed (a depth-first augmenting path).
fn augment(
    p: usize,
    edges: &[Vec<usize>],
    owner: &mut [Option<usize>],
    visited: &mut [bool],
) -> bool {
    for &s in &edges[p] {
        if visited[s] {
            continue;
        }
        visited[s] = true;
        let free = match owner[s] {
            None => true,
            Some(q) => augment(q, edges, owner, visited),
        };
        if free {
            owner[s] = Some(p);
            return true;
        }
    }
    false
}

impl LoopPlan {
    /// Principles a story names that the plan leaves without one of their
    /// own, grouped by the principle holding the first story that names
    /// them: `(holder, story, [shared principles])`, competency and story
    /// indices, in rubric order of the first shared principle.
    pub(crate) fn shared(&self) -> Vec<(usize, usize, Vec<usize>)> {
        let mut out: Vec<(usize, usize, Vec<usize>)> = Vec::new();
        for ((p, own), named) in self.plan.iter().zip(&self.named_by) {
            if own.is_some() {
                continue;
            }
            let Some(&story) = named.first() else {
                continue;
            };
            // In a maximum matching every story naming an unplanned
            // principle is given to another one.
            let Some(holder) = self
                .plan
                .iter()
                .find(|(_, s)| *s == Some(story))
                .map(|(q, _)| *q)
            else {
                continue;
            };
            match out.iter_mut().find(|(h, s, _)| *h == holder && *s == story) {
                Some((_, _, list)) => list.push(*p),
                None => out.push((holder, story, vec![*p])),
            }
        }
        out
    }

    /// The stories that name competency `c`, in rubric order (none when
    /// it is not a principle).
    pub(crate) fn named(&self, c: usize) -> &[usize] {
        self.plan
            .binary_search_by_key(&c, |(p, _)| *p)
            .map_or(&[], |k| &self.named_by[k])
    }

    /// Principles no story names, in rubric order.
    pub(crate) fn uncovered(&self) -> Vec<usize> {
        self.plan
            .iter()
            .zip(&self.named_by)
            .filter(|(_, named)| named.is_empty())
            .map(|((p, _), _)| *p)
            .collect()
    }

    /// "13 of 16 principles get a story of their own".
    pub(crate) fn headline(&self) -> String {
        let total = self.plan.len();
        if self.own_story == 1 {
            format!("1 of {total} principles gets a story of its own")
        } else if total == 1 {
            "0 of 1 principle gets a story of its own".to_string()
        } else {
            format!(
                "{} of {total} principles get a story of their own",
                self.own_story
            )
        }
    }

    /// "13 of 16 principles get a story of their own. Frugality and Think
    /// Big share one with Invent and Simplify (“Cut cloud costs”). Hire and
    /// Develop the Best has none." Empty without a `leadership` group.
    pub(crate) fn summary(&self, rubric: &Rubric) -> String {
        if self.plan.is_empty() {
            return String::new();
        }
        let name = |i: usize| rubric.competencies[i].name.as_str();
        let total = self.plan.len();
        let mut parts = vec![self.headline()];
        for (holder, story, shared) in self.shared() {
            parts.push(format!(
                "{} {} one with {} (“{}”)",
                and_list(shared.iter().map(|&p| name(p))),
                if shared.len() == 1 { "shares" } else { "share" },
                name(holder),
                rubric.stories[story].title
            ));
        }
        let none = self.uncovered();
        if !none.is_empty() {
            let all = none.len() == total;
            parts.push(if all && total > 1 {
                "None has a story yet".to_string()
            } else {
                format!(
                    "{} {} none",
                    and_list(none.iter().map(|&p| name(p))),
                    if none.len() == 1 { "has" } else { "have" }
                )
            });
        }
        // Sentences, not a semicolon list: principle names hold commas and
        // semicolons of their own ("Have Backbone; Disagree and Commit").
        format!("{}.", parts.join(". "))
    }
}

/// "A", "A and B", "A, B and C".
pub(crate) fn and_list<'a>(items: impl IntoIterator<Item = &'a str>) -> String {
    let items: Vec<&str> = items.into_iter().collect();
    match items.as_slice() {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kuhn_moves_an_earlier_choice_to_cover_more() {
        // Principle 0 may take story 0 or 1, principle 1 only story 0.
        // Greedy in rubric order gives story 0 to principle 0 and leaves
        // principle 1 without; the augmenting path moves principle 0 to
        // story 1.
        let owner = matching(&[vec![0, 1], vec![0]], 2);
        assert_eq!(owner, vec![Some(1), Some(0)]);
    }

    #[test]
    fn a_story_is_told_once() {
        let owner = matching(&[vec![0], vec![0], vec![0]], 1);
        assert_eq!(owner, vec![Some(0)]);
    }

    #[test]
    fn and_list_reads_as_english() {
        assert_eq!(and_list([]), "");
        assert_eq!(and_list(["A"]), "A");
        assert_eq!(and_list(["A", "B"]), "A and B");
        assert_eq!(and_list(["A", "B", "C"]), "A, B and C");
    }
}
