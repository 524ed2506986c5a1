//! `principles.svg`: the Leadership Principles — your level against each
//! role's bar, and how many stories of the bank back each one. For a rubric
//! without a `leadership` group, its first group.

use super::Svg;
use super::profile::rows_chart;
use crate::assessment::Results;
use crate::units::Policy;

pub(crate) fn draw(res: &Results, _: &Policy) -> Svg {
    let rubric = &res.rubric;
    let group = rubric.group_index("leadership").unwrap_or(0);
    let which: Vec<usize> = (0..rubric.competencies.len())
        .filter(|&i| rubric.competencies[i].group == group)
        .collect();
    let title = format!("{}: level, bar and stories", rubric.groups[group].title);
    rows_chart(res, &which, &title, true)
}
