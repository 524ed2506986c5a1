//! `rolefit compare RUBRIC RUBRIC...`: several rubrics side by side — fit
//! per role, offer chances, the best strategy and its expected value, the
//! biggest gaps — as a table (text, JSON or Markdown) and `compare.svg`.
//! Several candidates, or one candidate at several dates, read naturally.

use indexmap::IndexMap;
use serde::Serialize;

use crate::date::find_date_or_month;
use crate::report::Results;
use crate::report::redact::{MoneyUnit, Redaction};
use crate::text::{clean, fit_width, money_as_share, money_change, pad, percent, points};

/// One rubric's line in the comparison.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
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
    pub stay_value: f64,
    pub best: Best,
    /// The three largest weighted gaps across roles, by competency name.
    pub gaps: Vec<String>,
    /// With `--redact`: what this row's money is divided by.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub money_unit: Option<MoneyUnit>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Best {
    pub id: String,
    pub label: String,
    pub expected_value: f64,
    /// `expected_value − stay_value`: what the best strategy adds to
    /// staying, so people with different pay compare fairly.
    pub gain: f64,
    /// `gain` as a share of this person's money unit (staying's value; the
    /// recommended value when staying pays 0).
    pub gain_share: f64,
}

/// The comparison's row for one assessed rubric; with `redact`, its money
/// divided by its own unit (DESIGN.md "`--redact`").
pub fn row(res: &Results, redact: bool) -> Row {
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
    let tag = date.clone().unwrap_or_else(|| clean(&stem));
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
    let unit = Redaction::from_values(stay, ev);
    // Redacted: every amount in units of this person's own `unit`.
    let k = if redact { unit.amount } else { 1.0 };
    Row {
        rubric: res.path.clone(),
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
        stay_value: stay / k,
        best: Best {
            id: res.strategies[best].id.clone(),
            label: res.strategies[best].label.clone(),
            expected_value: ev / k,
            gain: (ev - stay) / k,
            gain_share: (ev - stay) / unit.amount,
        },
        gaps: names,
        money_unit: redact.then_some(unit.unit),
    }
}

/// Two rows that would still read the same (same name, same date) get
/// their file stems too, so no two rows share a label.
pub fn distinguish(rows: &mut [Row]) {
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

/// The gain over staying as the reports write it: `+137,000 (+23%)`, or
/// redacted `+23%` (of this person's staying).
pub fn gain_text(row: &Row, redacted: bool) -> String {
    let share = money_as_share(Some(1.0), || money_change(row.best.gain_share));
    if redacted {
        share
    } else {
        format!("{} ({share})", money_change(row.best.gain))
    }
}

/// A row's label cut to `width` columns at most, cutting the name and never
/// the tag that tells rows apart.
fn label_cell(row: &Row, width: usize) -> String {
    use unicode_width::UnicodeWidthStr;
    if row.label.width() <= width {
        return pad(&row.label, width);
    }
    let tag = format!(" ({})", row.tag);
    let room = width.saturating_sub(tag.width()).max(4);
    pad(
        &format!("{}{tag}", fit_width(&row.name, room)),
        width.max(room + tag.width()),
    )
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

/// The table for a terminal: 80 columns for two roles. Under each rubric,
/// its best strategy (by label) and its biggest gaps.
pub fn text(rows: &[Row], redacted: bool) -> String {
    use unicode_width::UnicodeWidthStr;
    let ids = role_ids(rows);
    let roles = ids.join("/");
    let gain_width = if redacted { 17 } else { 20 };
    let fixed = 1 + 10 + 1 + 12 + 1 + gain_width;
    let longest = rows.iter().map(|r| r.label.width()).max().unwrap_or(0);
    let width = longest.clamp(16, 80usize.saturating_sub(fixed));
    let mut out = format!(
        "{} {:>10} {:>12} {:>gain_width$}\n",
        pad("rubric", width),
        format!("fit {roles}"),
        format!("offer {roles}"),
        "gain over staying",
    );
    for r in rows {
        out.push_str(&format!(
            "{} {:>10} {:>12} {:>gain_width$}\n",
            label_cell(r, width),
            per_role(&r.fit, &ids, points),
            per_role(&r.offer_probability, &ids, percent),
            gain_text(r, redacted),
        ));
        out.push_str(&format!(
            "  {}\n",
            fit_width(&format!("best: {}", clean(&r.best.label)), 78)
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
    if redacted {
        out.push_str("(redacted: gains are percentages of each person's own staying value)\n");
    }
    out
}

/// The table in Markdown, rubric text escaped.
pub fn markdown(rows: &[Row], redacted: bool) -> String {
    use crate::report::markdown::escape;
    let ids = role_ids(rows);
    let mut out = String::from("| Rubric |");
    for id in &ids {
        out.push_str(&format!(" Fit {} |", escape(id)));
    }
    for id in &ids {
        out.push_str(&format!(" Offer {} |", escape(id)));
    }
    out.push_str(" Best strategy | Gain over staying | Biggest gaps |\n|");
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
            escape(&gain_text(r, redacted)),
            escape(&r.gaps.join(", "))
        ));
    }
    out
}

/// The comparison as JSON.
#[derive(Debug, Serialize)]
pub struct Document<'a> {
    pub schema: u32,
    /// `--redact`: each row's money divided by its own unit (`money_unit`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub redacted: bool,
    pub rubrics: &'a [Row],
    pub outputs: Vec<String>,
}
