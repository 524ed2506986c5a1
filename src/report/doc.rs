//! The content of the reports, as format-free blocks: the terminal,
//! Markdown and HTML render the same document, each laying out and
//! escaping text for where it lands.

mod figures;
mod pay;
mod prep;
mod stories;

use pay::declined_sentences;

use super::Results;
use crate::advice::{CloseCall, words};
pub use crate::chart::ChartId;
use crate::rubric::{Estimate, Pay};
use crate::simulate::Stat;
use crate::text::{Spread, money, percent, ranged, rate, signed, thousands, trim_number, years};
use crate::units::Policy;

/// A piece of a report. Strings are plain text, escaped by the renderer.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Block {
    Title(String),
    Heading(String),
    Para(String),
    /// A paragraph to stand out (the recommendation).
    Strong(String),
    /// A paragraph to heed (an offer you would decline): a paragraph in
    /// the shareable reports, set apart (yellow) in the terminal.
    Caution(String),
    List(Vec<String>),
    /// The warnings, each ending with its code: a list in the shareable
    /// reports, set apart (yellow) in the terminal.
    Warnings(Vec<String>),
    Table {
        head: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    /// A chart beside the report (its file and caption: [`ChartId`]).
    Chart(ChartId),
    /// Small print.
    Note(String),
}

fn ranged_percent(s: &Stat) -> String {
    ranged(s.point, s.p05, s.p95, percent, Spread::Tight)
}

/// The report as blocks, every amount shown as `policy` says. `charts`
/// says whether the chart files exist.
pub(crate) fn build(res: &Results, policy: &Policy, charts: bool) -> Vec<Block> {
    let sections: [&dyn Fn() -> Vec<Block>; 11] = [
        &|| opening(res, policy),
        &|| recommendation(res, policy),
        &|| fit(res, policy, charts),
        &|| funnel(res, charts),
        &|| strategies(res, policy, charts),
        &|| pay::section(res, policy, charts),
        &|| prep::section(res, policy, charts),
        &|| gaps(res),
        &|| principles(charts),
        &|| stories::section(res, charts),
        &|| closing(res, policy),
    ];
    sections.iter().flat_map(|section| section()).collect()
}

/// The title, where the figures come from, and what `--redact` hides.
fn opening(res: &Results, policy: &Policy) -> Vec<Block> {
    let name = if res.rubric.candidate.name.trim().is_empty() {
        "(no name)".to_string()
    } else {
        res.rubric.candidate.name.clone()
    };
    let mut doc = vec![Block::Title(format!("rolefit report — {name}"))];
    // Without a simulation no figure has a range: nothing to explain.
    let draws = if res.dist.samples == 0 {
        "point estimates only (no simulation).".to_string()
    } else {
        format!(
            "{} simulated self-assessments (seed {}). Ranges in brackets hold the middle 90% of the simulations (p05–p95).",
            thousands(res.dist.samples as f64),
            res.dist.seed
        )
    };
    let made = res
        .made
        .as_ref()
        .map_or_else(String::new, |date| format!(" {date}"));
    doc.push(Block::Note(format!(
        "Made{made} by rolefit {} from {}, with {draws}",
        env!("CARGO_PKG_VERSION"),
        super::redact::source(res, policy)
    )));
    doc.extend(super::redact::note(policy).map(Block::Note));
    doc
}

/// The close call's table: the two strategies and what separates them.
fn close_call_rows(c: &CloseCall, policy: &Policy, horizon: f64) -> Vec<Vec<String>> {
    let (x, y) = (&c.a, &c.b);
    let over = years(horizon, true);
    if policy.withholds() {
        return vec![
            vec![
                "Chance of a new role".into(),
                percent(x.new_role),
                percent(y.new_role),
            ],
            vec![
                "Days to an offer, if one comes".into(),
                words::days(x),
                words::days(y),
            ],
        ];
    }
    vec![
        vec![
            "Expected value".into(),
            money(policy, x.ev),
            money(policy, y.ev),
        ],
        vec![
            "Chance of a new role".into(),
            percent(x.new_role),
            percent(y.new_role),
        ],
        vec![
            format!("Pay over {over} if it works"),
            words::if_it_works(x, policy),
            words::if_it_works(y, policy),
        ],
        vec![
            "Days to an offer, if one comes".into(),
            words::days(x),
            words::days(y),
        ],
    ]
}

/// How often the recommendation comes first over the draws ("It comes
/// first in 84% of the simulations."); None without draws or in a close
/// call, whose reason says it.
fn comes_first(res: &Results) -> Option<String> {
    if res.dist.samples == 0 || res.close_call {
        return None;
    }
    let share = percent(res.dist.best_share[res.assessment.recommendation]);
    Some(format!("It comes first in {share} of the simulations."))
}

fn recommendation(res: &Results, policy: &Policy) -> Vec<Block> {
    let a = &res.assessment;
    let mut doc = vec![Block::Heading("Recommendation".into())];
    match res.close() {
        Some(c) => {
            doc.push(Block::Strong(format!(
                "Too close to call: {} or {}",
                c.a.label, c.b.label
            )));
            doc.push(Block::Table {
                head: vec![String::new(), c.a.label.clone(), c.b.label.clone()],
                rows: close_call_rows(c, policy, res.rubric.model.horizon_years),
            });
        }
        None => doc.push(Block::Strong(
            res.strategies[a.recommendation].label.clone(),
        )),
    }
    doc.push(Block::Para(super::reason(res, policy)));
    doc.extend(comes_first(res).map(Block::Para));
    if let Some(what_if) = &res.what_if {
        doc.push(Block::List(words::what_if(
            what_if,
            res.rubric.model.horizon_years,
        )));
    }
    doc
}

fn fit(res: &Results, policy: &Policy, charts: bool) -> Vec<Block> {
    let rows = figures::fit_rows(res, policy, Spread::Tight);
    let mut head = vec!["Group".to_string()];
    head.extend(rows.iter().map(|r| r.title.clone()));
    let groups = res
        .rubric
        .groups
        .iter()
        .enumerate()
        .map(|(g, group)| {
            let mut row = vec![group.title.clone()];
            row.extend(
                rows.iter()
                    .map(|r| r.groups[g].1.clone().unwrap_or_else(|| "—".into())),
            );
            row
        })
        .collect();
    let shown = |cells: [Option<String>; 5]| cells.into_iter().flatten().collect();
    let pay_head = (!policy.withholds()).then(|| "Pay in job year 1".to_string());
    let mut doc = vec![
        Block::Heading("Fit by role".into()),
        Block::Table {
            head: shown([
                Some("Role".into()),
                pay_head,
                Some("Fit (0–100)".into()),
                Some("Bars met".into()),
                Some("Offer chance".into()),
            ]),
            rows: rows
                .into_iter()
                .map(|r| {
                    shown([
                        Some(r.title),
                        r.pay,
                        Some(r.fit),
                        Some(r.bars_met),
                        Some(r.offer),
                    ])
                })
                .collect(),
        },
        Block::Table { head, rows: groups },
    ];
    if charts {
        doc.push(Block::Chart(ChartId::Fit));
        doc.push(Block::Chart(ChartId::Profile));
    }
    doc
}

fn funnel(res: &Results, charts: bool) -> Vec<Block> {
    let rubric = &res.rubric;
    let a = &res.assessment;
    let mut doc = vec![Block::Heading("Hiring funnel".into())];
    let mut head = vec!["Stage".to_string()];
    head.extend(
        rubric
            .roles
            .iter()
            .map(|r| format!("{}: score · pass · reach", r.title)),
    );
    let mut rows: Vec<Vec<String>> = figures::stage_rows(res)
        .into_iter()
        .map(|(label, cells)| {
            let mut row = vec![label];
            row.extend(cells.into_iter().map(|c| c.join(" · ")));
            row
        })
        .collect();
    let mut offer = vec![format!("Offer ({} route)", rubric.candidate.route.id())];
    offer.extend(a.roles.iter().map(|o| percent(o.offer)));
    rows.push(offer);
    if rubric.stages.len() > 1 {
        let mut picked = vec![format!(
            "Offer if your application is picked (past the {})",
            rubric.stages[0].name.to_lowercase()
        )];
        picked.extend((0..a.roles.len()).map(|r| ranged_percent(&res.dist.interviewed[r])));
        rows.push(picked);
    }
    doc.push(Block::Table { head, rows });
    if let Some(key) = figures::voted_key(res) {
        doc.push(Block::Note(key.into()));
    }
    if charts {
        doc.push(Block::Chart(ChartId::Funnel));
    }
    doc
}

fn strategies(res: &Results, policy: &Policy, charts: bool) -> Vec<Block> {
    let rubric = &res.rubric;
    let mut doc = vec![Block::Heading(if policy.withholds() {
        "Strategies".to_string()
    } else {
        format!(
            "Strategies (expected pay over {})",
            years(rubric.model.horizon_years, false)
        )
    })];
    let rows = figures::strategy_rows(res, policy, Spread::Spaced)
        .into_iter()
        .map(|row| {
            let mut ends: Vec<String> = row
                .ends_in
                .iter()
                .map(|(r, p)| format!("{} {p}", rubric.roles[*r].title))
                .collect();
            ends.push(format!("no offer {}", row.no_offer));
            [
                Some(format!(
                    "{}{}",
                    if row.recommended { "▸ " } else { "" },
                    row.label
                )),
                row.ev,
                Some(row.best_in.unwrap_or_else(|| "—".into())),
                Some(ends.join(", ")),
                Some(row.days),
            ]
            .into_iter()
            .flatten()
            .collect()
        })
        .collect();
    let value = (!policy.withholds()).then_some("Expected value");
    doc.push(Block::Table {
        head: [
            Some("Strategy"),
            value,
            Some("Best in"),
            Some("Ends with"),
            Some("Days until the process ends (expected)"),
        ]
        .into_iter()
        .flatten()
        .map(String::from)
        .collect(),
        rows,
    });
    doc.extend(
        declined_sentences(res, policy)
            .into_iter()
            .map(Block::Caution),
    );
    if charts {
        doc.push(Block::Chart(ChartId::Value));
        doc.push(Block::Chart(ChartId::Sensitivity));
    }
    doc
}

fn gaps(res: &Results) -> Vec<Block> {
    let rows: Vec<Vec<String>> = figures::gap_rows(res, 5)
        .into_iter()
        .map(|(r, cells)| {
            let mut row = vec![res.rubric.roles[r].title.clone()];
            row.extend(cells);
            row
        })
        .collect();
    if rows.is_empty() {
        return Vec::new();
    }
    vec![
        Block::Heading("Biggest gaps".into()),
        Block::Table {
            head: [
                "Role",
                "Competency",
                "You entered",
                "After self-bias",
                "Bar",
                "Shortfall × weight",
                "Offer chance at the bar (points)",
            ]
            .map(String::from)
            .to_vec(),
            rows,
        },
    ]
}

fn principles(charts: bool) -> Vec<Block> {
    if !charts {
        return Vec::new();
    }
    vec![
        Block::Heading("Leadership Principles".into()),
        Block::Chart(ChartId::Principles),
    ]
}

/// The warnings, then what the numbers assume.
fn closing(res: &Results, policy: &Policy) -> Vec<Block> {
    let mut doc = Vec::new();
    let warnings = super::warnings(res, policy);
    if !warnings.is_empty() {
        doc.push(Block::Heading("Warnings".into()));
        doc.push(Block::Warnings(
            warnings
                .into_iter()
                .map(|(code, message)| format!("{message} ({code})"))
                .collect(),
        ));
    }
    doc.push(Block::Heading("What the numbers assume".into()));
    doc.push(Block::List(assumptions(res, policy)));
    doc
}

/// The self-bias, first of the assumptions: every comparison with a bar
/// uses it.
fn self_bias_assumption(rubric: &crate::rubric::Rubric) -> String {
    let bias = rubric.model.self_bias;
    let (min, max) = (rubric.scale.min, rubric.scale.max);
    let scale = format!(
        "Scores are on a {}–{} scale",
        trim_number(min),
        trim_number(max)
    );
    if bias == 0.0 {
        return format!("{scale} and are used as you entered them (no self-bias).");
    }
    let example = ((min + max) / 2.0).round();
    format!(
        "Every score is read {} point{} {} than you entered it (self-bias {}){}: an entered {} counts as {}. {scale}.",
        trim_number(bias.abs()),
        if bias.abs() == 1.0 { "" } else { "s" },
        if bias < 0.0 { "lower" } else { "higher" },
        signed(bias),
        if bias < 0.0 {
            ", because self-ratings run high"
        } else {
            ""
        },
        trim_number(example),
        trim_number(example + bias)
    )
}

/// "base 175,000, sign-on 75,000 / 60,000 in job years 1–2, RSUs 280,000
/// vesting 5% / 15% / 40% / 40%".
fn package_words(p: &crate::rubric::Package, policy: &Policy) -> String {
    let mut parts = vec![format!("base {}", money(policy, p.base))];
    if !p.sign_on.is_empty() {
        parts.push(format!(
            "sign-on {} in job year{} 1{}",
            p.sign_on
                .iter()
                .map(|v| money(policy, *v))
                .collect::<Vec<_>>()
                .join(" / "),
            if p.sign_on.len() > 1 { "s" } else { "" },
            if p.sign_on.len() > 1 {
                format!("–{}", p.sign_on.len())
            } else {
                String::new()
            }
        ));
    }
    if p.rsu > 0.0 {
        parts.push(format!(
            "RSUs {} vesting {}",
            money(policy, p.rsu),
            p.vesting
                .iter()
                .map(|v| format!("{}%", trim_number(100.0 * v)))
                .collect::<Vec<_>>()
                .join(" / ")
        ));
    }
    parts.join(", ")
}

/// What staying is worth, and the equity leaving forfeits.
fn stay_assumption(res: &Results, policy: &Policy) -> String {
    let c = &res.rubric.candidate;
    if policy.withholds() {
        return format!(
            "What staying pays over {} is the value every strategy is compared with; it is withheld here, as is every offer's pay.",
            years(res.rubric.model.horizon_years, false)
        );
    }
    let equity = if c.current_equity.iter().any(|e| *e > 0.0) {
        format!(
            " plus equity vesting {} in the coming years (forfeited if you leave)",
            c.current_equity
                .iter()
                .map(|v| money(policy, *v))
                .collect::<Vec<_>>()
                .join(" / ")
        )
    } else {
        String::new()
    };
    format!(
        "Staying pays {} a year{equity}: {} over {}, the value every strategy is compared with.",
        money(policy, c.stay_pay()),
        money(policy, res.assessment.stay_value),
        years(res.rubric.model.horizon_years, false)
    )
}

/// The route, and what it changes in which stages.
fn route_assumption(rubric: &crate::rubric::Rubric) -> String {
    let route = rubric.candidate.route;
    let changed: Vec<String> = rubric
        .stages
        .iter()
        .filter(|s| s.odds(route) != 1.0)
        .map(|s| format!("{} (odds × {})", s.name, trim_number(s.odds(route))))
        .collect();
    if changed.is_empty() {
        format!(
            "Your route: {} ([candidate] route = \"{}\"); no stage changes its odds for it.",
            route.describe(),
            route.id()
        )
    } else {
        format!(
            "Your route: {} ([candidate] route = \"{}\"), which changes {}.",
            route.describe(),
            route.id(),
            changed.join(", ")
        )
    }
}

fn assumptions(res: &Results, policy: &Policy) -> Vec<String> {
    let rubric = &res.rubric;
    let m = &rubric.model;
    let mut out = vec![
        self_bias_assumption(rubric),
        format!(
            "A stage is passed half the time at its pass mark; each 10 points above it multiplies the odds by {} (steepness {}{}).",
            crate::text::times((10.0 * m.steepness).exp()),
            trim_number(m.steepness),
            if rubric.stages.iter().any(|s| s.steepness != m.steepness) {
                "; some stages set their own"
            } else {
                ""
            }
        ),
        route_assumption(rubric),
        stay_assumption(res, policy),
        format!(
            "An offer comes after {:.0} days (every stage's days); you join then, and until then you are paid as now.",
            res.rubric.days_to_offer()
        ),
    ];
    let growth = match &m.stock_growth {
        Estimate::Fixed(g) => format!("{} a year", rate(*g)),
        Estimate::Triangular { min, mode, max } => format!(
            "a yearly rate between {} and {}, most likely {}",
            rate(*min),
            rate(*max),
            rate(*mode)
        ),
    };
    out.push(format!(
        "RSUs are valued at the grant's price changed by {growth}, compounded to each vest; every year's pay and vest counts as earned evenly through the year."
    ));
    out.push(if rubric.candidate.accept_lower_pay {
        "You would take an offer worth less than staying (accept_lower_pay = true).".into()
    } else {
        "An offer worth less than staying over the horizon is declined (set accept_lower_pay = true if you would take it anyway).".into()
    });
    for role in &rubric.roles {
        match &role.pay {
            Pay::Package(_) if policy.withholds() => {}
            Pay::Package(p) => {
                out.push(format!("{} pays {}.", role.title, package_words(p, policy)))
            }
            Pay::PremiumOver { role: q, premium } => {
                let over = &rubric.roles[*q].title;
                out.push(match premium {
                    Estimate::Fixed(p) => format!(
                        "{} pays {:.0}% more than {over}, every part of the package.",
                        role.title,
                        100.0 * p
                    ),
                    Estimate::Triangular { min, mode, max } => format!(
                        "{} pays {:.0}% more than {over} (between {:.0}% and {:.0}%), every part of the package.",
                        role.title,
                        100.0 * mode,
                        100.0 * min,
                        100.0 * max
                    ),
                });
            }
        }
        if let Some(f) = &role.fallback {
            let fallback = &rubric.roles[f.role].title;
            out.push(format!(
                "A {} candidate who clears the {fallback} bar but not the {} one is offered {fallback} {:.0}% of the time; a {fallback} offer holder may try for {} {:.0}% of the time, which takes {} more days.",
                role.title,
                role.title,
                100.0 * f.downlevel_rate,
                role.title,
                100.0 * f.upgrade_green_light,
                trim_number(f.upgrade_days)
            ));
        }
    }
    out.push(
        "Weights, bars, stages and pass marks come from the rubric: every one is an assumption you can change there."
            .into(),
    );
    out
}
