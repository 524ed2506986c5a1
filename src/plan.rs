//! The preparation planner (DESIGN.md v2 "Preparation planner"): which
//! competency to work on first, what each step of preparation is worth,
//! and the greedy plan within the budget. Point values only.
//!
//! A step raises one competency's score by `prep_step` (not past the
//! scale's top) and costs its `hours_per_step`. `B` is the recommended
//! strategy's value. Every figure comes from re-running the model with the
//! changed scores, so the planner agrees with the assessment by
//! construction.

use crate::model::formula::level;
use crate::model::{Core, Model, ranked};
use crate::rubric::{Route, Rubric};
use crate::units::{Amount as Money, Points, Probability, best_with_ties, tolerance};

/// The most steps a plan takes.
pub const MAX_STEPS: usize = 1_000;

/// What the planner reports.
#[derive(Debug, Clone, PartialEq)]
pub struct Prep {
    /// `prep_step`, scale points.
    pub step: Points,
    /// The budget, hours.
    pub hours: f64,
    /// Every competency below the top of the scale, in rubric order: one
    /// step from the scores as entered.
    pub marginal: Vec<Marginal>,
    /// The greedy plan, step by step.
    pub plan: Vec<PlanStep>,
    /// For every route other than the candidate's, with the scores as entered.
    pub routes: Vec<RouteOutcome>,
    /// `B` and every role's offer chance now, before any step.
    pub now: Snapshot,
}

/// The best strategy's value and every role's offer chance at some scores.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    /// Index of the recommended strategy.
    pub best: usize,
    /// `B`: its value over the horizon.
    pub value: Money,
    pub offer: Vec<Probability>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Marginal {
    pub competency: usize,
    pub hours: f64,
    /// `B` after one step minus `B` now.
    pub gain: Money,
    /// Each role's offer chance after the step minus now.
    pub offer_gain: Vec<Probability>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlanStep {
    pub competency: usize,
    /// The score after this step.
    pub score: Points,
    /// Hours spent so far, this step included.
    pub hours_total: f64,
    pub after: Snapshot,
}

#[derive(Debug, Clone, PartialEq)]
pub struct RouteOutcome {
    pub route: Route,
    pub outcome: Snapshot,
}

/// Evaluates a rubric at given scores. A step changes one competency, so
/// its effect is worked out from the group sums `T_rg` of the scores before
/// it (one multiply-add per role) rather than by summing every competency
/// again: each step of the plan costs competencies × roles, not
/// competencies².
struct Evaluator<'a> {
    model: &'a Model<'a>,
    premiums: Vec<f64>,
    core: Core,
    /// The group sums at `base`'s scores, and a scratch copy.
    sums: Vec<f64>,
    trial: Vec<f64>,
}

impl Evaluator<'_> {
    fn new<'a>(model: &'a Model<'a>) -> Evaluator<'a> {
        Evaluator {
            model,
            premiums: model.point_premiums(),
            core: Core::default(),
            sums: Vec::new(),
            trial: Vec::new(),
        }
    }

    fn level(&self, score: Points) -> f64 {
        let r = self.model.rubric;
        level(score, r.model.self_bias, r.scale.min, r.scale.max)
    }

    /// Takes `scores` as the base for [`Evaluator::with`] and evaluates it.
    fn base(&mut self, scores: &[Points]) -> Snapshot {
        let levels: Vec<f64> = scores.iter().map(|s| self.level(*s)).collect();
        self.sums = self.model.sums(&levels);
        self.trial.clone_from(&self.sums);
        self.model
            .eval_sums(&self.trial, &self.premiums, &mut self.core);
        self.snapshot()
    }

    /// The base scores with competency i moved from `from` to `to`.
    fn with(&mut self, i: usize, from: Points, to: Points) -> Snapshot {
        let model = self.model;
        let n_groups = model.rubric.groups.len();
        let g = model.rubric.competencies[i].group;
        let delta = self.level(to) - self.level(from);
        self.trial.clone_from(&self.sums);
        for r in 0..model.rubric.roles.len() {
            self.trial[r * n_groups + g] += model.sum_weight(r, i) * delta;
        }
        model.eval_sums(&self.trial, &self.premiums, &mut self.core);
        self.snapshot()
    }

    fn snapshot(&self) -> Snapshot {
        let (best, _) = ranked(&self.core.ev);
        Snapshot {
            best,
            value: self.core.ev[best],
            offer: self.core.offer.clone(),
        }
    }
}

/// The score one step raises `score` to.
fn stepped(rubric: &Rubric, score: Points) -> Points {
    (score + rubric.model.prep_step).min(rubric.scale.max)
}

/// The planner for `model`'s rubric with a budget of `hours`.
pub fn plan(model: &Model, hours: f64) -> Prep {
    let rubric = model.rubric;
    let mut eval = Evaluator::new(model);
    let entered: Vec<Points> = rubric
        .competencies
        .iter()
        .map(|c| c.score.unwrap_or(rubric.scale.min))
        .collect();
    let now = eval.base(&entered);

    let mut scores = entered.clone();
    let marginal = (0..scores.len())
        .filter(|&i| entered[i] < rubric.scale.max)
        .map(|i| {
            let after = eval.with(i, entered[i], stepped(rubric, entered[i]));
            Marginal {
                competency: i,
                hours: rubric.competencies[i].hours_per_step,
                gain: after.value - now.value,
                offer_gain: after
                    .offer
                    .iter()
                    .zip(&now.offer)
                    .map(|(a, b)| a - b)
                    .collect(),
            }
        })
        .collect();

    let mut steps = Vec::new();
    let mut spent = 0.0;
    let mut current = now.clone();
    while steps.len() < MAX_STEPS {
        // Every step that fits: its gain per hour and where it leads.
        let mut candidates: Vec<(usize, f64, Snapshot)> = Vec::new();
        for (i, c) in rubric.competencies.iter().enumerate() {
            if scores[i] >= rubric.scale.max || spent + c.hours_per_step > hours + tolerance(hours)
            {
                continue;
            }
            let after = eval.with(i, scores[i], stepped(rubric, scores[i]));
            candidates.push((i, (after.value - current.value) / c.hours_per_step, after));
        }
        let Some(pick) = best_with_ties(candidates.iter().map(|(_, ratio, _)| *ratio).enumerate())
        else {
            break;
        };
        let (i, _, after) = candidates.swap_remove(pick);
        if after.value - current.value <= tolerance(current.value) {
            break;
        }
        scores[i] = stepped(rubric, scores[i]);
        // The new base, summed afresh so no rounding accumulates.
        eval.base(&scores);
        spent += rubric.competencies[i].hours_per_step;
        steps.push(PlanStep {
            competency: i,
            score: scores[i],
            hours_total: spent,
            after: after.clone(),
        });
        current = after;
    }

    let routes = Route::ALL
        .into_iter()
        .filter(|r| *r != rubric.candidate.route)
        .map(|route| {
            let mut other = rubric.clone();
            other.candidate.route = route;
            let other_model = Model::new(&other);
            RouteOutcome {
                route,
                outcome: Evaluator::new(&other_model).base(&entered),
            }
        })
        .collect();

    Prep {
        step: rubric.model.prep_step,
        hours,
        marginal,
        plan: steps,
        routes,
        now,
    }
}
