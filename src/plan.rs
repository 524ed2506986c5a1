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
use crate::units::{Money, Points, Probability, best_with_ties, tolerance};

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

/// Evaluates a rubric at given scores.
struct Evaluator<'a> {
    model: &'a Model<'a>,
    premiums: Vec<f64>,
    core: Core,
    levels: Vec<f64>,
}

impl Evaluator<'_> {
    fn at(&mut self, scores: &[Points]) -> Snapshot {
        let r = self.model.rubric;
        self.levels.clear();
        self.levels.extend(
            scores
                .iter()
                .map(|s| level(*s, r.model.self_bias, r.scale.min, r.scale.max)),
        );
        self.model
            .eval(&self.levels, &self.premiums, &mut self.core);
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
    let mut eval = Evaluator {
        model,
        premiums: model.point_premiums(),
        core: Core::default(),
        levels: Vec::new(),
    };
    let entered: Vec<Points> = rubric
        .competencies
        .iter()
        .map(|c| c.score.unwrap_or(rubric.scale.min))
        .collect();
    let now = eval.at(&entered);

    let mut scores = entered.clone();
    let marginal = (0..scores.len())
        .filter(|&i| entered[i] < rubric.scale.max)
        .map(|i| {
            scores[i] = stepped(rubric, entered[i]);
            let after = eval.at(&scores);
            scores[i] = entered[i];
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
            let was = scores[i];
            scores[i] = stepped(rubric, was);
            let after = eval.at(&scores);
            scores[i] = was;
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
            let mut eval = Evaluator {
                model: &other_model,
                premiums: other_model.point_premiums(),
                core: Core::default(),
                levels: Vec::new(),
            };
            RouteOutcome {
                route,
                outcome: eval.at(&entered),
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
