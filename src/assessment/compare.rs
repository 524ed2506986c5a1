//! The comparison's row for one assessed rubric (`rolefit compare`): what
//! the tables and `compare.svg` show side by side.

use indexmap::IndexMap;
use serde::Serialize;

use super::Results;
use crate::date::find_date_or_month;
use crate::text::clean;
use crate::units::{Money, Policy, Shown};

/// One rubric's line in the comparison.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Row {
    pub rubric: String,
    /// `name (tag)`: what the tables and the chart call this rubric.
    pub label: String,
    pub name: String,
    /// `[candidate] date`, else a `YYYY-MM-DD` or `YYYY-MM` in the file name.
    pub date: Option<String>,
    /// What tells rows apart: the date, else the file stem (DESIGN.md
    /// "`compare` labels"); never cut.
    pub tag: String,
    pub fit: IndexMap<String, f64>,
    /// Role titles by id (for the chart's legend).
    #[serde(skip)]
    pub titles: IndexMap<String, String>,
    pub offer_probability: IndexMap<String, f64>,
    /// `Stay`: this person's value of staying (1 when redacted with unit `stay`).
    pub stay_value: Shown,
    pub best: Best,
    /// The three largest weighted gaps across roles, by competency name.
    pub gaps: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub(crate) struct Best {
    pub id: String,
    pub label: String,
    pub expected_value: Shown,
    /// `expected_value − stay_value`: what the best strategy adds to
    /// staying, so people with different pay compare fairly.
    pub gain: Shown,
    /// `gain` as a share of this person's value of staying; none (`null`)
    /// when staying is worth 0, since a share of nothing is undefined
    /// (#23.7: it was divided by the recommended value and read "+100%"),
    /// and under `--redact`.
    pub gain_share: Option<f64>,
}

/// The comparison's row for one assessed rubric, money shown as `policy`
/// says; under `--redact` no file name either (DESIGN.md "`--redact`").
pub(crate) fn row(res: &Results, policy: &Policy) -> Row {
    let rubric = &res.rubric;
    let file = std::path::Path::new(&res.path);
    let file_name = file
        .file_name()
        .map_or_else(|| res.path.clone(), |f| f.to_string_lossy().into_owned());
    let stem = file
        .file_stem()
        .map_or_else(|| res.slug.clone(), |f| f.to_string_lossy().into_owned());
    let date = rubric
        .candidate
        .date
        .clone()
        .or_else(|| find_date_or_month(&file_name));
    let name = if rubric.candidate.name.trim().is_empty() {
        res.slug.clone()
    } else {
        clean(&rubric.candidate.name)
    };
    let tag = match &date {
        Some(date) => date.clone(),
        None if policy.withholds() => res.slug.clone(),
        None => clean(&stem),
    };
    let ids = rubric.roles.iter().map(|r| r.id.clone());
    let mut gaps: Vec<(f64, &str)> = res
        .assessment
        .roles
        .iter()
        .flat_map(|o| o.gaps.iter())
        .map(|g| (g.shortfall, rubric.competencies[g.competency].name.as_str()))
        .collect();
    gaps.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut names: Vec<String> = Vec::new();
    for (_, n) in gaps {
        if !names.iter().any(|m| m == n) && names.len() < 3 {
            names.push(n.to_string());
        }
    }
    let best = res.assessment.recommendation;
    let stay = res.assessment.stay_value;
    let ev = res.dist.ev[best].point;
    let show = |v: f64| policy.show(Money::new(v));
    Row {
        rubric: if policy.withholds() {
            res.slug.clone()
        } else {
            res.path.clone()
        },
        label: format!("{name} ({tag})"),
        name,
        date,
        tag,
        fit: ids
            .clone()
            .zip(res.dist.fit.iter().map(|s| s.point))
            .collect(),
        titles: rubric
            .roles
            .iter()
            .map(|r| (r.id.clone(), clean(&r.title)))
            .collect(),
        offer_probability: ids.zip(res.dist.offer.iter().map(|s| s.point)).collect(),
        stay_value: show(stay),
        best: Best {
            id: res.strategies[best].id.clone(),
            label: res.strategies[best].label.clone(),
            expected_value: show(ev),
            gain: show(ev - stay),
            // A share of staying; undefined (none) when staying is worth
            // nothing, and withheld under --redact.
            gain_share: (!policy.withholds() && stay > 0.0).then(|| (ev - stay) / stay),
        },
        gaps: names,
    }
}

/// Two rows that would still read the same (same name, same date) get
/// their file stems too, so no two rows share a label.
pub(crate) fn distinguish(rows: &mut [Row]) {
    let labels: Vec<String> = rows.iter().map(|r| r.label.clone()).collect();
    for (i, row) in rows.iter_mut().enumerate() {
        let twins = labels.iter().filter(|l| **l == labels[i]).count();
        if twins > 1 {
            let stem = std::path::Path::new(&row.rubric)
                .file_stem()
                .map_or_else(|| (i + 1).to_string(), |s| clean(&s.to_string_lossy()));
            if stem != row.tag {
                row.tag = format!("{}, {stem}", row.tag);
            } else {
                row.tag = format!("{stem}, #{}", i + 1);
            }
            row.label = format!("{} ({})", row.name, row.tag);
        }
    }
}

/// Role ids over all rows, in first-seen order.
pub(crate) fn role_ids(rows: &[Row]) -> Vec<String> {
    let mut ids: Vec<String> = Vec::new();
    for row in rows {
        for id in row.fit.keys() {
            if !ids.contains(id) {
                ids.push(id.clone());
            }
        }
    }
    ids
}
