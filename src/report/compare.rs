//! `rolefit compare RUBRIC RUBRIC...`: several rubrics side by side — fit
//! per role, offer chances, the best strategy and its expected value, the
//! biggest gaps — as a table (text, JSON or Markdown) and `compare.svg`.
//! Several candidates, or one candidate at several dates, read naturally.

use indexmap::IndexMap;
use serde::Serialize;

use crate::date::find_date;
use crate::report::Results;
use crate::text::{clean, fit_width, money, pad, percent, points};

/// One rubric's line in the comparison.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub rubric: String,
    /// The name, with the date when there is one.
    pub label: String,
    pub name: String,
    /// `[candidate] date`, else a `YYYY-MM-DD` in the file name.
    pub date: Option<String>,
    pub fit: IndexMap<String, f64>,
    pub offer_probability: IndexMap<String, f64>,
    pub best: Best,
    /// The three largest weighted gaps across roles, by competency name.
    pub gaps: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Best {
    pub id: String,
    pub label: String,
    pub expected_value: f64,
}

/// The comparison's row for one assessed rubric.
pub fn row(res: &Results) -> Row {
    let rubric = &res.rubric;
    let date = rubric
        .candidate
        .date
        .clone()
        .or_else(|| find_date(&res.path));
    let name = if rubric.candidate.name.trim().is_empty() {
        res.slug.clone()
    } else {
        rubric.candidate.name.clone()
    };
    let label = match &date {
        Some(d) => format!("{name} ({d})"),
        None => name.clone(),
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
    Row {
        rubric: res.path.clone(),
        label,
        name,
        date,
        fit: ids
            .clone()
            .zip(res.dist.fit.iter().map(|s| s.point))
            .collect(),
        offer_probability: ids.zip(res.dist.offer.iter().map(|s| s.point)).collect(),
        best: Best {
            id: res.strategies[best].id.clone(),
            label: res.strategies[best].label.clone(),
            expected_value: res.dist.ev[best].point,
        },
        gaps: names,
    }
}

/// Role ids over all rows, in first-seen order.
pub fn role_ids(rows: &[Row]) -> Vec<String> {
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

fn per_role(
    values: &IndexMap<String, f64>,
    ids: &[String],
    show: impl Fn(f64) -> String,
) -> String {
    ids.iter()
        .map(|id| values.get(id).map_or("—".to_string(), |v| show(*v)))
        .collect::<Vec<_>>()
        .join(" / ")
}

/// The table for a terminal: 80 columns for two roles.
pub fn text(rows: &[Row]) -> String {
    let ids = role_ids(rows);
    let roles = ids.join("/");
    let mut out = format!(
        "{:<24} {:>10} {:>12} {:<20} {:>10}\n",
        "rubric",
        format!("fit {roles}"),
        format!("offer {roles}"),
        "best strategy",
        "EV"
    );
    for r in rows {
        out.push_str(&format!(
            "{} {:>10} {:>12} {} {:>10}\n",
            pad(&clean(&r.label), 24),
            per_role(&r.fit, &ids, points),
            per_role(&r.offer_probability, &ids, percent),
            pad(&clean(&r.best.id), 20),
            money(r.best.expected_value)
        ));
        if !r.gaps.is_empty() {
            let gaps = r
                .gaps
                .iter()
                .map(|g| clean(g))
                .collect::<Vec<_>>()
                .join(", ");
            out.push_str(&format!("  {}\n", fit_width(&format!("gaps: {gaps}"), 78)));
        }
    }
    out
}

/// The table in Markdown, rubric text escaped.
pub fn markdown(rows: &[Row]) -> String {
    use crate::report::markdown::escape;
    let ids = role_ids(rows);
    let mut out = String::from("| Rubric |");
    for id in &ids {
        out.push_str(&format!(" Fit {} |", escape(id)));
    }
    for id in &ids {
        out.push_str(&format!(" Offer {} |", escape(id)));
    }
    out.push_str(" Best strategy | Expected value | Biggest gaps |\n|");
    out.push_str(&"---|".repeat(2 * ids.len() + 4));
    out.push('\n');
    for r in rows {
        out.push_str(&format!("| {} |", escape(&r.label)));
        for id in &ids {
            out.push_str(&format!(
                " {} |",
                r.fit.get(id).map_or("—".into(), |v| points(*v))
            ));
        }
        for id in &ids {
            out.push_str(&format!(
                " {} |",
                r.offer_probability
                    .get(id)
                    .map_or("—".into(), |v| percent(*v))
            ));
        }
        out.push_str(&format!(
            " {} | {} | {} |\n",
            escape(&r.best.label),
            money(r.best.expected_value),
            escape(&r.gaps.join(", "))
        ));
    }
    out
}

/// The comparison as JSON.
#[derive(Debug, Serialize)]
pub struct Document<'a> {
    pub schema: u32,
    pub rubrics: &'a [Row],
    pub outputs: Vec<String>,
}
