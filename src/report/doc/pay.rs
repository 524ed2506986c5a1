//! The "Pay by year" section of the reports, and the sentences
//! on offers that pay less than staying (beside the strategies).

use super::Block;
use crate::chart::ChartId;
use crate::report::Results;
use crate::text::{amount, year_label, years};
use crate::units::Policy;

/// The section: what the figures are, the table and the chart.
pub(super) fn section(res: &Results, policy: &Policy, charts: bool) -> Vec<Block> {
    if policy.withholds() {
        return Vec::new();
    }
    let mut out = Vec::new();
    out.push(Block::Heading("Pay by year".into()));
    out.push(Block::Para(format!(
        "What each strategy is expected to pay in each year from today: your current pay until an offer comes (days to an offer), then the new role's, weighted by the chance of each outcome. Staying is the reference; each strategy's years add up to its expected value over {}.",
        years(res.rubric.model.horizon_years, false)
    )));
    out.push(table(res, policy));
    if charts {
        out.push(Block::Chart(ChartId::Pay));
    }
    out
}

/// Every strategy's expected pay per calendar year and its total: a row
/// per strategy (staying first), or a row per year when the years would
/// not fit across a page.
fn table(res: &Results, policy: &Policy) -> Block {
    let a = &res.assessment;
    let horizon = res.rubric.model.horizon_years;
    let n = a.strategies[0].by_year.len();
    let label = |i: usize| {
        let s = &res.strategies[i].label;
        match i {
            0 => format!("{s} (reference)"),
            i if i == a.recommendation => format!("▸ {s}"),
            _ => s.clone(),
        }
    };
    let mut head = vec!["Strategy".to_string()];
    head.extend((1..=n).map(|y| year_label(y, horizon)));
    head.push(format!("Total over {}", years(horizon, false)));
    head.push("Days to an offer, if one comes".into());
    let rows: Vec<Vec<String>> = super::figures::pay_rows(res, policy)
        .into_iter()
        .enumerate()
        .map(|(i, p)| {
            let mut row = vec![label(i)];
            row.extend(p.years);
            row.push(p.total);
            row.push(p.days_to_offer);
            row
        })
        .collect();
    if n <= 6 {
        return Block::Table { head, rows };
    }
    // Transposed: a row per year, a column per strategy.
    let mut t_head = vec![String::new()];
    t_head.extend(rows.iter().map(|r| r[0].clone()));
    let t_rows = (1..head.len())
        .map(|k| {
            let mut row = vec![head[k].clone()];
            row.extend(rows.iter().map(|r| r[k].clone()));
            row
        })
        .collect();
    Block::Table {
        head: t_head,
        rows: t_rows,
    }
}

/// One sentence per role whose offer pays less than staying over the
/// horizon: declined, or taken anyway with `accept_lower_pay`.
pub(crate) fn declined_sentences(res: &Results, policy: &Policy) -> Vec<String> {
    let a = &res.assessment;
    let over = years(res.rubric.model.horizon_years, false);
    let stay = a.stay_value;
    res.rubric
        .roles
        .iter()
        .enumerate()
        .filter_map(|(r, role)| {
            let value = a.offer_value[r];
            let figures = match (amount(policy, value), amount(policy, stay)) {
                (Some(value), Some(stay)) => format!(" ({value} vs {stay})"),
                _ => String::new(),
            };
            if a.declined[r] {
                Some(format!(
                    "{} pays less than staying over {over}{figures}; you would decline its offer (set accept_lower_pay = true to take it anyway).",
                    role.title
                ))
            } else if res.rubric.candidate.accept_lower_pay && value < stay - 1e-9 * stay.abs().max(1.0) {
                Some(format!(
                    "{} pays less than staying over {over}{figures}; you would take its offer anyway (accept_lower_pay = true).",
                    role.title
                ))
            } else {
                None
            }
        })
        .collect()
}
