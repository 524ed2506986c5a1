//! `rolefit compare RUBRIC RUBRIC...`: several rubrics side by side — fit
//! per role, offer chances, the best strategy and its expected value, the
//! biggest gaps — as a table (text, JSON or Markdown) and `compare.svg`.
//! Several candidates, or one candidate at several dates, read naturally.

use indexmap::IndexMap;
use serde::Serialize;

pub(crate) use crate::assessment::compare::{Row, distinguish, role_ids, row};
use crate::text::{clean, fit_width, money_change, pad, percent, points, share_change, wrap};
use crate::units::Policy;

/// The gain over staying as the reports write it: `+137,000 (+23%)`, or
/// `+137,000 (—)` where staying is worth 0 (a share of nothing is
/// undefined), or a dash where it is withheld (`--redact`).
pub(crate) fn gain_text(row: &Row) -> String {
    let share = row.best.gain_share.map_or_else(|| "—".into(), share_change);
    match row.best.gain.value() {
        Some(gain) => format!("{} ({share})", money_change(&Policy::Amounts, gain)),
        None => "—".into(),
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
            gain_text(r),
        ));
        // Wrapped, never cut (#24.8: gap lists read "Produ…").
        out.push_str(&wrap(&format!("best: {}", clean(&r.best.label)), 80, "  "));
        if !r.gaps.is_empty() {
            let gaps = r
                .gaps
                .iter()
                .map(|g| clean(g))
                .collect::<Vec<_>>()
                .join(", ");
            out.push_str(&wrap(&format!("gaps: {gaps}"), 80, "  "));
        }
    }
    if redacted {
        out.push_str(
            "(redacted: every amount of money, and every figure computed from one, is withheld)\n",
        );
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
            escape(&gain_text(r)),
            escape(&r.gaps.join(", "))
        ));
    }
    out
}

/// The comparison as JSON.
#[derive(Debug, Serialize)]
pub(crate) struct Document<'a> {
    pub schema: u32,
    /// `--redact`: each row's money divided by its own unit (`money_unit`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub redacted: bool,
    pub rubrics: &'a [Row],
    pub outputs: Vec<String>,
}
