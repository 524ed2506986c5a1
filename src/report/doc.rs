//! The content of the shareable reports, as format-free blocks: Markdown
//! and HTML render the same document, each escaping text for where it lands.

mod pay;
pub mod prep;
pub mod stories;

pub use pay::{declined_sentences, year_label};

use super::Results;
use crate::rubric::{Estimate, Pay};
use crate::simulate::Stat;
use crate::text::{Spread, money, percent, points, ranged, signed, thousands, trim_number, years};

/// A piece of a report. Strings are plain text, escaped by the renderer.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Title(String),
    Heading(String),
    Para(String),
    /// A paragraph to stand out (the recommendation).
    Strong(String),
    List(Vec<String>),
    Table {
        head: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    /// A chart file beside the report, with what it shows.
    Chart {
        file: &'static str,
        alt: String,
    },
    /// Small print.
    Note(String),
}

fn ranged_points(s: &Stat) -> String {
    ranged(s.point, s.p05, s.p95, points, Spread::Tight)
}

fn ranged_percent(s: &Stat) -> String {
    ranged(s.point, s.p05, s.p95, percent, Spread::Tight)
}

fn ranged_money(s: &Stat) -> String {
    ranged(s.point, s.p05, s.p95, money, Spread::Spaced)
}

/// The report as blocks. `charts` says whether the chart files exist.
pub fn build(res: &Results, charts: bool) -> Vec<Block> {
    let rubric = &res.rubric;
    let a = &res.assessment;
    let name = if rubric.candidate.name.trim().is_empty() {
        "(no name)".to_string()
    } else {
        rubric.candidate.name.clone()
    };
    let mut doc = vec![Block::Title(format!("rolefit report — {name}"))];
    let draws = if res.dist.samples == 0 {
        "point estimates only (no simulation)".to_string()
    } else {
        format!(
            "{} simulated self-assessments (seed {})",
            thousands(res.dist.samples as f64),
            res.dist.seed
        )
    };
    let made = res
        .made
        .as_ref()
        .map_or_else(String::new, |date| format!(" {date}"));
    doc.push(Block::Note(format!(
        "Made{made} by rolefit {} from {}, with {draws}. Ranges in brackets hold the middle 90% of the simulations (p05–p95).",
        env!("CARGO_PKG_VERSION"),
        res.path
    )));
    doc.extend(super::redact::note(res).map(Block::Note));

    doc.push(Block::Heading("Recommendation".into()));
    match res.contenders.as_slice() {
        [x, y] if res.close_call => {
            doc.push(Block::Strong(format!(
                "Too close to call: {} or {}",
                x.label, y.label
            )));
            let over = years(rubric.model.horizon_years, true);
            let rows = vec![
                vec!["Expected value".into(), money(x.ev), money(y.ev)],
                vec![
                    "Chance of a new role".into(),
                    percent(x.new_role),
                    percent(y.new_role),
                ],
                vec![
                    format!("Pay over {over} if it works"),
                    x.if_it_works(),
                    y.if_it_works(),
                ],
                vec!["Days to an offer".into(), x.days(), y.days()],
            ];
            doc.push(Block::Table {
                head: vec![String::new(), x.label.clone(), y.label.clone()],
                rows,
            });
        }
        _ => doc.push(Block::Strong(
            res.strategies[a.recommendation].label.clone(),
        )),
    }
    doc.push(Block::Para(res.reason.clone()));
    if res.dist.samples > 0 && !res.close_call {
        doc.push(Block::Para(format!(
            "It comes first in {} of the simulations.",
            percent(res.dist.best_share[a.recommendation])
        )));
    }
    if !res.what_if.is_empty() {
        doc.push(Block::List(res.what_if.clone()));
    }

    doc.push(Block::Heading("Fit by role".into()));
    let rows = rubric
        .roles
        .iter()
        .zip(&a.roles)
        .enumerate()
        .map(|(r, (role, o))| {
            vec![
                role.title.clone(),
                money(o.salary),
                ranged_points(&res.dist.fit[r]),
                percent(o.coverage),
                ranged_percent(&res.dist.offer[r]),
            ]
        })
        .collect();
    doc.push(Block::Table {
        head: [
            "Role",
            "Pay in job year 1",
            "Fit (0–100)",
            "Bars met",
            "Offer chance",
        ]
        .map(String::from)
        .to_vec(),
        rows,
    });
    let mut head = vec!["Group".to_string()];
    head.extend(rubric.roles.iter().map(|r| r.title.clone()));
    let rows = rubric
        .groups
        .iter()
        .enumerate()
        .map(|(g, group)| {
            let mut row = vec![group.title.clone()];
            row.extend(
                a.roles
                    .iter()
                    .map(|o| o.groups[g].map_or_else(|| "—".to_string(), points)),
            );
            row
        })
        .collect();
    doc.push(Block::Table { head, rows });
    if charts {
        doc.push(Block::Chart {
            file: "fit.svg",
            alt: "Fit by role with 90% ranges, and group sub-scores".into(),
        });
        doc.push(Block::Chart {
            file: "profile.svg",
            alt: "Every competency's level against each role's bar".into(),
        });
    }

    doc.push(Block::Heading("Hiring funnel".into()));
    let mut head = vec!["Stage".to_string()];
    head.extend(
        rubric
            .roles
            .iter()
            .map(|r| format!("{}: score · pass · reach", r.title)),
    );
    let mut rows: Vec<Vec<String>> = rubric
        .stages
        .iter()
        .enumerate()
        .map(|(s, stage)| {
            let mut row = vec![if stage.count > 1 {
                format!("{} (×{})", stage.name, stage.count)
            } else {
                stage.name.clone()
            }];
            row.extend(a.roles.iter().map(|o| {
                let st = &o.stages[s];
                format!(
                    "{} · {} · {}",
                    points(st.score),
                    percent(st.pass),
                    percent(st.reach)
                )
            }));
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
    if charts {
        doc.push(Block::Chart {
            file: "funnel.svg",
            alt: "Chance to reach and get through each hiring stage".into(),
        });
    }

    doc.push(Block::Heading(format!(
        "Strategies (expected pay over {})",
        years(rubric.model.horizon_years, false)
    )));
    let rows = res
        .strategies
        .iter()
        .zip(&a.strategies)
        .enumerate()
        .map(|(i, (s, o))| {
            let mut outcome: Vec<String> = rubric
                .roles
                .iter()
                .zip(&o.outcomes.roles)
                .filter(|(_, p)| **p > 0.0)
                .map(|(role, p)| format!("{} {}", role.title, percent(*p)))
                .collect();
            outcome.push(format!("no offer {}", percent(o.outcomes.none)));
            vec![
                format!(
                    "{}{}",
                    if i == a.recommendation { "▸ " } else { "" },
                    s.label
                ),
                ranged_money(&res.dist.ev[i]),
                if res.dist.samples > 0 {
                    percent(res.dist.best_share[i])
                } else {
                    "—".into()
                },
                outcome.join(", "),
                format!("{:.0}", o.days),
            ]
        })
        .collect();
    doc.push(Block::Table {
        head: ["Strategy", "Expected value", "Best in", "Ends with", "Days"]
            .map(String::from)
            .to_vec(),
        rows,
    });
    doc.extend(declined_sentences(res).into_iter().map(Block::Para));
    if charts {
        doc.push(Block::Chart {
            file: "value.svg",
            alt: "Expected value of each strategy with its range".into(),
        });
        doc.push(Block::Chart {
            file: "sensitivity.svg",
            alt: "Expected values as technical levels and the premium change".into(),
        });
    }

    doc.extend(pay::section(res, charts));
    doc.extend(prep::section(res, charts));

    let bias = rubric.model.self_bias;
    if a.roles.iter().any(|o| !o.gaps.is_empty()) {
        doc.push(Block::Heading("Biggest gaps".into()));
        let rows = rubric
            .roles
            .iter()
            .zip(&a.roles)
            .enumerate()
            .flat_map(|(r, (role, o))| {
                o.gaps.iter().take(5).map(move |g| {
                    let c = &rubric.competencies[g.competency];
                    let score = c.score.unwrap_or(rubric.scale.min);
                    vec![
                        role.title.clone(),
                        c.name.clone(),
                        trim_number(score),
                        trim_number(score + bias),
                        c.bar[r].map_or_else(String::new, trim_number),
                        trim_number(g.shortfall),
                    ]
                })
            })
            .collect();
        doc.push(Block::Table {
            head: [
                "Role",
                "Competency",
                "You entered",
                "After self-bias",
                "Bar",
                "Shortfall × weight",
            ]
            .map(String::from)
            .to_vec(),
            rows,
        });
    }
    if charts {
        doc.push(Block::Heading("Leadership Principles".into()));
        doc.push(Block::Chart {
            file: "principles.svg",
            alt: "Each Leadership Principle's level, bar and how many stories back it".into(),
        });
    }
    doc.extend(stories::section(res, charts));

    if !res.warnings.is_empty() {
        doc.push(Block::Heading("Warnings".into()));
        doc.push(Block::List(
            res.warnings
                .iter()
                .map(|w| format!("{} ({})", w.message, w.code))
                .collect(),
        ));
    }

    doc.push(Block::Heading("What the numbers assume".into()));
    doc.push(Block::List(assumptions(res)));
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
fn package_words(p: &crate::rubric::Package) -> String {
    let mut parts = vec![format!("base {}", money(p.base))];
    if !p.sign_on.is_empty() {
        parts.push(format!(
            "sign-on {} in job year{} 1{}",
            p.sign_on
                .iter()
                .map(|v| money(*v))
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
            money(p.rsu),
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
fn stay_assumption(res: &Results) -> String {
    let c = &res.rubric.candidate;
    let equity = if c.current_equity.iter().any(|e| *e > 0.0) {
        format!(
            " plus equity vesting {} in the coming years (forfeited if you leave)",
            c.current_equity
                .iter()
                .map(|v| money(*v))
                .collect::<Vec<_>>()
                .join(" / ")
        )
    } else {
        String::new()
    };
    format!(
        "Staying pays {} a year{equity}: {} over {}, the value every strategy is compared with.",
        money(c.stay_pay()),
        money(res.assessment.stay_value),
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

fn assumptions(res: &Results) -> Vec<String> {
    let rubric = &res.rubric;
    let m = &rubric.model;
    let mut out = vec![
        self_bias_assumption(rubric),
        format!(
            "A stage is passed half the time at its pass mark; each 10 points above it multiplies the odds by {:.1} (steepness {}{}).",
            (10.0 * m.steepness).exp(),
            trim_number(m.steepness),
            if rubric.stages.iter().any(|s| s.steepness != m.steepness) {
                "; some stages set their own"
            } else {
                ""
            }
        ),
        route_assumption(rubric),
        stay_assumption(res),
        format!(
            "An offer comes after {:.0} days (every stage's days); you join then, and until then you are paid as now.",
            res.rubric.days_to_offer()
        ),
    ];
    let growth = match &m.stock_growth {
        Estimate::Fixed(g) => format!("{:.0}% a year", 100.0 * g),
        Estimate::Triangular { min, mode, max } => format!(
            "{:.0}% a year most likely (between {:.0}% and {:.0}%)",
            100.0 * mode,
            100.0 * min,
            100.0 * max
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
            Pay::Package(p) => out.push(format!("{} pays {}.", role.title, package_words(p))),
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
