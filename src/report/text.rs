//! The terminal report: readable in 80 columns. Styling is ANSI; the caller
//! writes through `anstream`, which drops it when stdout is not a terminal
//! or `NO_COLOR` is set.

use std::fmt::Write as _;

use anstyle::{AnsiColor, Style};

use super::fmt::{clean, fit_width, money, percent, points, wrap};
use super::{Report, Results};
use crate::advice::trim_number;
use crate::simulate::Stat;

pub struct Text;

const WIDTH: usize = 80;
const HEAD: Style = Style::new().bold();
const BEST: Style = Style::new()
    .bold()
    .fg_color(Some(anstyle::Color::Ansi(AnsiColor::Green)));
const WARN: Style = Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Yellow)));
const DIM: Style = Style::new().dimmed();

fn heading(out: &mut String, text: &str) {
    let _ = writeln!(out, "\n{HEAD}{text}{HEAD:#}");
}

/// `64` or `64 (p05 58 – p95 70)` when the draws spread.
fn stat_points(s: &Stat) -> String {
    if s.p05 == s.p95 {
        points(s.point)
    } else {
        format!(
            "{} (p05 {} – p95 {})",
            points(s.point),
            points(s.p05),
            points(s.p95)
        )
    }
}

fn stat_percent(s: &Stat) -> String {
    if s.p05 == s.p95 {
        percent(s.point)
    } else {
        format!(
            "{} (p05 {} – p95 {})",
            percent(s.point),
            percent(s.p05),
            percent(s.p95)
        )
    }
}

impl Report for Text {
    fn render(&self, res: &Results) -> String {
        let rubric = &res.rubric;
        let a = &res.assessment;
        let mut out = String::new();
        let name = if rubric.candidate.name.is_empty() {
            "(no name)".to_string()
        } else {
            clean(&rubric.candidate.name)
        };
        let _ = writeln!(out, "{HEAD}rolefit — {}{HEAD:#}", fit_width(&name, 60));
        let _ = writeln!(out, "{DIM}{}{DIM:#}", fit_width(&clean(&res.path), WIDTH));

        heading(&mut out, "FIT BY ROLE");
        for (r, (role, o)) in rubric.roles.iter().zip(&a.roles).enumerate() {
            let _ = writeln!(
                out,
                "  {HEAD}{}{HEAD:#} — pay {}",
                fit_width(&clean(&role.title), 50),
                money(o.salary)
            );
            let _ = writeln!(
                out,
                "    fit {} · bars met {} · offer {}",
                stat_points(&res.dist.fit[r]),
                percent(o.coverage),
                stat_percent(&res.dist.offer[r])
            );
            let groups: Vec<String> = rubric
                .groups
                .iter()
                .zip(&o.groups)
                .filter_map(|(g, v)| v.map(|v| format!("{} {}", clean(&g.title), points(v))))
                .collect();
            out.push_str(&wrap(&groups.join(" · "), WIDTH, "    "));
        }

        heading(
            &mut out,
            "HIRING FUNNEL  (stage score 0–100 · chance to pass · to reach)",
        );
        let _ = write!(out, "  {:<32}", "");
        for role in &rubric.roles {
            let _ = write!(out, " {:>14}", fit_width(&clean(&role.id), 14));
        }
        out.push('\n');
        for (s, stage) in rubric.stages.iter().enumerate() {
            let label = if stage.count > 1 {
                format!("{} ×{}", clean(&stage.name), stage.count)
            } else {
                clean(&stage.name)
            };
            let _ = write!(out, "  {:<32}", fit_width(&label, 32));
            for o in &a.roles {
                let st = &o.stages[s];
                let cell = format!(
                    "{} {} {}",
                    points(st.score),
                    percent(st.pass),
                    percent(st.reach)
                );
                let _ = write!(out, " {cell:>14}");
            }
            out.push('\n');
        }
        let _ = write!(out, "  {:<32}", "Offer");
        for o in &a.roles {
            let _ = write!(out, " {:>14}", percent(o.offer));
        }
        out.push('\n');

        let years = rubric.model.horizon_years;
        heading(
            &mut out,
            &format!(
                "STRATEGIES  (expected value over {} year{})",
                trim_number(years),
                if years == 1.0 { "" } else { "s" }
            ),
        );
        for (i, (s, o)) in res.strategies.iter().zip(&a.strategies).enumerate() {
            let best = i == a.recommendation;
            let (style, mark) = if best {
                (BEST, "▸")
            } else {
                (Style::new(), " ")
            };
            let ev = &res.dist.ev[i];
            let ev_text = if ev.p05 == ev.p95 {
                money(ev.point)
            } else {
                format!(
                    "{} ({} – {})",
                    money(ev.point),
                    money(ev.p05),
                    money(ev.p95)
                )
            };
            let _ = writeln!(
                out,
                "{style}{mark} {:<44} {:>14}{style:#}  ~{:.0} days",
                fit_width(&clean(&s.label), 44),
                ev_text,
                o.days
            );
            let mut parts: Vec<String> = rubric
                .roles
                .iter()
                .zip(&o.outcomes.roles)
                .filter(|(_, p)| **p > 0.0)
                .map(|(role, p)| format!("{} {}", clean(&role.id), percent(*p)))
                .collect();
            parts.push(format!("no offer {}", percent(o.outcomes.none)));
            if res.dist.samples > 0 {
                parts.push(format!(
                    "best in {} of draws",
                    percent(res.dist.best_share[i])
                ));
            }
            out.push_str(&wrap(&parts.join(" · "), WIDTH, "    "));
        }

        heading(&mut out, "RECOMMENDATION");
        let best = &res.strategies[a.recommendation];
        let _ = writeln!(out, "  {BEST}{}{BEST:#}", clean(&best.label));
        out.push_str(&wrap(&clean(&res.reason), WIDTH, "  "));

        let any_gaps = a.roles.iter().any(|o| !o.gaps.is_empty());
        if any_gaps {
            heading(&mut out, "TOP GAPS  (weight × scale points below the bar)");
            for (role, o) in rubric.roles.iter().zip(&a.roles) {
                if o.gaps.is_empty() {
                    continue;
                }
                let items: Vec<String> = o
                    .gaps
                    .iter()
                    .take(3)
                    .map(|g| {
                        format!(
                            "{} {}",
                            clean(&rubric.competencies[g.competency].name),
                            trim_number(g.shortfall)
                        )
                    })
                    .collect();
                out.push_str(&wrap(
                    &format!("{}: {}", clean(&role.title), items.join(" · ")),
                    WIDTH,
                    "  ",
                ));
            }
        }

        if !res.warnings.is_empty() {
            heading(&mut out, "WARNINGS");
            for w in &res.warnings {
                let text = wrap(&format!("[{}] {}", w.code, clean(&w.message)), WIDTH, "  ");
                let _ = write!(out, "{WARN}{text}{WARN:#}");
            }
        }
        out
    }
}
