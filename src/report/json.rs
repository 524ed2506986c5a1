//! The JSON report (DESIGN.md "JSON", schema 3), also written as
//! `summary.json`. Built from documented structs with `#[derive(Serialize)]`;
//! every amount is a [`Shown`], made by the policy handed in where the
//! struct is filled, so redaction happens where money is serialised.

use indexmap::IndexMap;
use serde::Serialize;

use super::{RenderError, Report, Results};
use crate::advice::Code;
use crate::simulate::{Stat, Sweep};
use crate::units::{Money, Policy, Shown};

pub struct Json;

impl Json {
    /// The document as a JSON value, for printing several as one array.
    pub(crate) fn document(
        results: &Results,
        policy: &Policy,
    ) -> Result<serde_json::Value, RenderError> {
        let mut doc = serde_json::to_value(Summary::new(results, policy))?;
        unsigned_zeros(&mut doc);
        Ok(doc)
    }
}

impl Report for Json {
    fn render(&self, results: &Results, policy: &Policy) -> Result<String, RenderError> {
        let mut out = serde_json::to_string_pretty(&Json::document(results, policy)?)?;
        out.push('\n');
        Ok(out)
    }
}

/// Every −0.0 in the document made 0 (#23.10: a coverage summed over no
/// competency is −0.0, and serde writes `-0.0`); a reader's zero has no sign.
fn unsigned_zeros(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Number(n)
            if n.as_f64().is_some_and(|x| x == 0.0 && x.is_sign_negative()) =>
        {
            *v = serde_json::Value::from(0.0);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(unsigned_zeros),
        serde_json::Value::Object(map) => map.values_mut().for_each(unsigned_zeros),
        _ => {}
    }
}

/// A figure over the draws, in money as the policy shows it.
#[derive(Debug, Serialize)]
pub(crate) struct MoneyStat {
    pub point: Shown,
    pub mean: Shown,
    pub p05: Shown,
    pub p50: Shown,
    pub p95: Shown,
}

impl MoneyStat {
    fn new(s: &Stat, policy: &Policy) -> MoneyStat {
        let show = |v: f64| policy.show(Money::new(v));
        MoneyStat {
            point: show(s.point),
            mean: show(s.mean),
            p05: show(s.p05),
            p50: show(s.p50),
            p95: show(s.p95),
        }
    }
}

fn shown_all(values: &[f64], policy: &Policy) -> Vec<Shown> {
    values.iter().map(|v| policy.show(Money::new(*v))).collect()
}

/// A warning in words.
#[derive(Debug, Serialize)]
pub(crate) struct WarningOut {
    pub code: Code,
    pub message: String,
}

/// The whole JSON document.
#[derive(Debug, Serialize)]
pub(crate) struct Summary<'a> {
    pub schema: u32,
    pub rubric: &'a str,
    pub candidate: CandidateOut<'a>,
    pub samples: u64,
    pub seed: u64,
    /// H: the years over which pay is counted.
    pub horizon_years: f64,
    /// `Stay`: staying's value over the horizon.
    pub stay_value: Shown,
    /// `--redact`: every figure computed from money is `null`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub redacted: Option<bool>,
    pub roles: IndexMap<&'a str, RoleOut<'a>>,
    pub strategies: Vec<StrategyOut<'a>>,
    /// Id of the strategy with the highest point EV.
    pub recommendation: &'a str,
    /// The next highest; null with one strategy.
    pub runner_up: Option<&'a str>,
    /// The recommendation is too close to call (DESIGN.md "close call").
    pub close_call: bool,
    pub prep: PrepOut<'a>,
    pub stories: StoriesOut<'a>,
    /// Leadership competencies with no evidence and no story, as entered
    /// (DESIGN.md v3), whether or not a stage is voted.
    pub unprepared: Vec<&'a str>,
    pub sensitivity: SensitivityOut<'a>,
    pub warnings: Vec<WarningOut>,
    pub outputs: &'a [String],
}

#[derive(Debug, Serialize)]
pub(crate) struct CandidateOut<'a> {
    pub name: &'a str,
    pub slug: &'a str,
    /// careers-site | referral | recruiter.
    pub route: &'static str,
}

#[derive(Debug, Serialize)]
pub(crate) struct RoleOut<'a> {
    pub title: &'a str,
    /// Pay in job year 1, point value.
    pub salary: Shown,
    pub pay: PayOut<'a>,
    /// `F_r`, 0–100.
    pub fit: Stat,
    /// `G_rg` for the groups the role weighs.
    pub groups: IndexMap<&'a str, f64>,
    /// Share of the role's weight at or above the bar, 0–1.
    pub coverage: f64,
    pub gaps: Vec<GapOut<'a>>,
    pub stages: Vec<StageOut<'a>>,
    /// `P_r`.
    pub offer_probability: Stat,
    /// `I_r = Π_{s≥2} p_sr`: the offer chance once the application is picked.
    pub offer_if_interviewed: Stat,
}

/// A role's package at the point premium (every part scaled), and its pay
/// in job years 1 … ⌈H⌉ at full yearly amounts.
#[derive(Debug, Serialize)]
pub(crate) struct PayOut<'a> {
    pub base: Shown,
    pub sign_on: Vec<Shown>,
    pub rsu: Shown,
    pub vesting: &'a [f64],
    pub by_year: Vec<Shown>,
}

#[derive(Debug, Serialize)]
pub(crate) struct GapOut<'a> {
    pub id: &'a str,
    pub name: &'a str,
    /// `w_ri · (bar − (score + self_bias))`.
    pub shortfall: f64,
}

#[derive(Debug, Serialize)]
pub(crate) struct StageOut<'a> {
    pub name: &'a str,
    /// `scored` (`pass_at`) or `voted` (DESIGN.md v3).
    pub kind: &'static str,
    /// A scored stage's score; a voted stage's chance one vote is
    /// inclined, × 100.
    pub score: f64,
    pub pass: f64,
    pub reach: f64,
}

#[derive(Debug, Serialize)]
pub(crate) struct StrategyOut<'a> {
    pub id: &'a str,
    pub label: &'a str,
    pub expected_value: MoneyStat,
    pub best_share: f64,
    /// Expected pay per calendar year (point); adds up to the point EV.
    pub by_year: Vec<Shown>,
    /// Probability of ending in each role (an offer received and taken),
    /// and in none.
    pub outcomes: IndexMap<&'a str, f64>,
    pub expected_days: f64,
    /// Days until an offer comes, when it does (`T0`, plus the upgrade).
    pub days_to_offer: f64,
}

/// The story bank and its loop plan (DESIGN.md "Loop plan").
#[derive(Debug, Serialize)]
pub(crate) struct StoriesOut<'a> {
    /// Stories in the bank, drafts included.
    pub count: usize,
    /// Every leadership competency in rubric order, with its planned story.
    pub plan: Vec<PlannedStory<'a>>,
    /// Principles named by at least one story.
    pub covered: usize,
    /// Principles the plan gives a story of their own.
    pub own_story: usize,
}

#[derive(Debug, Serialize)]
pub(crate) struct PlannedStory<'a> {
    /// The competency's id.
    pub principle: &'a str,
    /// The story's id; null when the principle gets none of its own.
    pub story: Option<&'a str>,
}

fn stories_out(res: &Results) -> StoriesOut<'_> {
    let rubric = &res.rubric;
    let plan = &res.stories;
    StoriesOut {
        count: plan.count,
        plan: plan
            .plan
            .iter()
            .map(|(p, s)| PlannedStory {
                principle: &rubric.competencies[*p].id,
                story: s.map(|s| rubric.stories[s].id.as_str()),
            })
            .collect(),
        covered: plan.covered,
        own_story: plan.own_story,
    }
}

/// The preparation planner (DESIGN.md "Preparation planner"), point values.
#[derive(Debug, Serialize)]
pub(crate) struct PrepOut<'a> {
    /// `prep_step`, scale points.
    pub step: f64,
    /// The budget, hours.
    pub hours: f64,
    pub marginal: Vec<MarginalOut<'a>>,
    /// Every possible story step from the scores as entered (v3; empty
    /// where no stage is voted).
    pub stories: Vec<MarginalOut<'a>>,
    pub plan: Vec<PlanStepOut<'a>>,
    pub routes: IndexMap<&'static str, RouteOut<'a>>,
}

#[derive(Debug, Serialize)]
pub(crate) struct MarginalOut<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub hours: f64,
    /// The best strategy's value after one step minus now.
    pub gain: Shown,
    pub offer_gain: IndexMap<&'a str, f64>,
}

#[derive(Debug, Serialize)]
pub(crate) struct PlanStepOut<'a> {
    /// `score` (a step of `prep_step`) or `story` (a story written, v3).
    pub kind: &'static str,
    /// The competency stepped.
    pub id: &'a str,
    pub hours_total: f64,
    /// The recommended strategy after the step, and its value.
    pub best: &'a str,
    pub value: Shown,
    pub offer: IndexMap<&'a str, f64>,
}

#[derive(Debug, Serialize)]
pub(crate) struct RouteOut<'a> {
    pub best: &'a str,
    pub value: Shown,
    pub offer: IndexMap<&'a str, f64>,
}

#[derive(Debug, Serialize)]
pub(crate) struct SensitivityOut<'a> {
    pub shift: Vec<SweepRow<'a>>,
    pub premium: Vec<SweepRow<'a>>,
    pub break_even: BreakEven,
}

#[derive(Debug, Serialize)]
pub(crate) struct BreakEven {
    pub shift: Option<f64>,
    pub premium: Option<f64>,
    /// Whether applying directly wins at the current point values.
    pub wins_now: Option<bool>,
}

/// One point of a sweep: `x`, then every strategy's value by id.
#[derive(Debug, Serialize)]
pub(crate) struct SweepRow<'a> {
    pub x: f64,
    #[serde(flatten)]
    pub values: IndexMap<&'a str, Shown>,
}

fn sweep_rows<'a>(sweep: &Sweep, results: &'a Results, policy: &Policy) -> Vec<SweepRow<'a>> {
    sweep
        .x
        .iter()
        .zip(&sweep.ev)
        .map(|(x, ev)| SweepRow {
            x: *x,
            values: results
                .strategies
                .iter()
                .zip(ev)
                .map(|(s, v)| (s.id.as_str(), policy.show(Money::new(*v))))
                .collect(),
        })
        .collect()
}

fn prep_out<'a>(res: &'a Results, policy: &Policy) -> PrepOut<'a> {
    let show = |v: f64| policy.show(Money::new(v));
    let rubric = &res.rubric;
    let per_role = |values: &[f64]| -> IndexMap<&str, f64> {
        rubric
            .roles
            .iter()
            .zip(values)
            .map(|(r, v)| (r.id.as_str(), *v))
            .collect()
    };
    let p = &res.prep;
    let marginal = |m: &crate::plan::Marginal| {
        let c = &rubric.competencies[m.competency];
        MarginalOut {
            id: &c.id,
            name: &c.name,
            hours: m.hours,
            gain: show(m.gain),
            offer_gain: per_role(&m.offer_gain),
        }
    };
    PrepOut {
        step: p.step,
        hours: p.hours,
        marginal: p.marginal.iter().map(&marginal).collect(),
        stories: p.stories.iter().map(&marginal).collect(),
        plan: p
            .plan
            .iter()
            .map(|s| PlanStepOut {
                kind: s.kind.id(),
                id: &rubric.competencies[s.competency].id,
                hours_total: s.hours_total,
                best: &res.strategies[s.after.best].id,
                value: show(s.after.value),
                offer: per_role(&s.after.offer),
            })
            .collect(),
        routes: p
            .routes
            .iter()
            .map(|r| {
                (
                    r.route.id(),
                    RouteOut {
                        best: &res.strategies[r.outcome.best].id,
                        value: show(r.outcome.value),
                        offer: per_role(&r.outcome.offer),
                    },
                )
            })
            .collect(),
    }
}

impl<'a> Summary<'a> {
    /// The document, every amount shown as `policy` says.
    pub fn new(res: &'a Results, policy: &Policy) -> Self {
        let show = |v: f64| policy.show(Money::new(v));
        let rubric = &res.rubric;
        let a = &res.assessment;
        let roles = rubric
            .roles
            .iter()
            .zip(&a.roles)
            .enumerate()
            .map(|(r, (role, out))| {
                let groups = rubric
                    .groups
                    .iter()
                    .zip(&out.groups)
                    .filter_map(|(g, v)| v.map(|v| (g.id.as_str(), v)))
                    .collect();
                let gaps = out
                    .gaps
                    .iter()
                    .map(|g| {
                        let c = &rubric.competencies[g.competency];
                        GapOut {
                            id: &c.id,
                            name: &c.name,
                            shortfall: g.shortfall,
                        }
                    })
                    .collect();
                let stages = rubric
                    .stages
                    .iter()
                    .zip(&out.stages)
                    .map(|(s, o)| StageOut {
                        name: &s.name,
                        kind: if o.voted { "voted" } else { "scored" },
                        score: o.score,
                        pass: o.pass,
                        reach: o.reach,
                    })
                    .collect();
                (
                    role.id.as_str(),
                    RoleOut {
                        title: &role.title,
                        salary: show(out.salary),
                        pay: PayOut {
                            base: show(out.package.base),
                            sign_on: shown_all(&out.package.sign_on, policy),
                            rsu: show(out.package.rsu),
                            vesting: &out.package.vesting,
                            by_year: shown_all(&out.pay_by_year, policy),
                        },
                        fit: res.dist.fit[r],
                        groups,
                        coverage: out.coverage,
                        gaps,
                        stages,
                        offer_probability: res.dist.offer[r],
                        offer_if_interviewed: res.dist.interviewed[r],
                    },
                )
            })
            .collect();
        let strategies = res
            .strategies
            .iter()
            .zip(&a.strategies)
            .enumerate()
            .map(|(i, (s, out))| {
                let mut outcomes: IndexMap<&str, f64> = rubric
                    .roles
                    .iter()
                    .zip(&out.outcomes.roles)
                    .map(|(role, p)| (role.id.as_str(), *p))
                    .collect();
                outcomes.insert("none", out.outcomes.none);
                StrategyOut {
                    id: &s.id,
                    label: &s.label,
                    expected_value: MoneyStat::new(&res.dist.ev[i], policy),
                    best_share: res.dist.best_share[i],
                    by_year: shown_all(&out.by_year, policy),
                    outcomes,
                    expected_days: out.days,
                    days_to_offer: out.days_to_offer,
                }
            })
            .collect();
        Summary {
            schema: 3,
            rubric: super::redact::source(res, policy),
            candidate: CandidateOut {
                name: &rubric.candidate.name,
                slug: &res.slug,
                route: rubric.candidate.route.id(),
            },
            samples: res.dist.samples,
            seed: res.dist.seed,
            horizon_years: rubric.model.horizon_years,
            stay_value: show(a.stay_value),
            redacted: policy.withholds().then_some(true),
            roles,
            strategies,
            recommendation: &res.strategies[a.recommendation].id,
            runner_up: a.runner_up.map(|i| res.strategies[i].id.as_str()),
            close_call: res.close_call,
            prep: prep_out(res, policy),
            stories: stories_out(res),
            unprepared: a
                .unprepared
                .iter()
                .map(|&i| rubric.competencies[i].id.as_str())
                .collect(),
            sensitivity: SensitivityOut {
                shift: sweep_rows(&res.sensitivity.shift, res, policy),
                premium: sweep_rows(&res.sensitivity.premium, res, policy),
                break_even: BreakEven {
                    shift: res.sensitivity.shift.break_even,
                    premium: res.sensitivity.premium.break_even,
                    wins_now: res.sensitivity.wins_now,
                },
            },
            warnings: super::warnings(res, policy)
                .into_iter()
                .map(|(code, message)| WarningOut { code, message })
                .collect(),
            outputs: &res.outputs,
        }
    }
}
