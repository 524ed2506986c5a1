//! The preparation planner (DESIGN.md "Preparation planner"): which
//! competency to work on first, what each step of preparation is worth,
//! and the greedy plan within the budget. Point values only.
//!
//! A score step raises one competency's score by `prep_step` (not past the
//! scale's top) and costs its `hours_per_step`; where some stage is voted,
//! a story step (v3) writes a story for a principle unprepared as entered,
//! costs `story_hours` and lifts its penalty. `B` is the recommended
//! strategy's value. Every figure comes from re-running the model with the
//! changed scores, so the planner agrees with the assessment by
//! construction.

use crate::cancel::{Cancel, Cancelled};
use crate::model::formula::level;
use crate::model::{Core, Model, ranked};
use crate::rubric::{Route, Rubric};
use crate::units::{Amount as Money, Points, Probability, best_with_ties, tolerance};

/// The most steps a plan takes.
pub(crate) const MAX_STEPS: usize = 1_000;

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
    /// Every possible story step from the scores as entered, in rubric
    /// order (empty where no stage is voted).
    pub stories: Vec<Marginal>,
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

/// What a step of the plan does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepKind {
    /// Raise the score by `prep_step`.
    Score,
    /// Write a story for an unprepared principle.
    Story,
}

impl StepKind {
    /// The id the JSON uses.
    pub fn id(self) -> &'static str {
        match self {
            StepKind::Score => "score",
            StepKind::Story => "story",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlanStep {
    pub kind: StepKind,
    pub competency: usize,
    /// The score after this step (unchanged by a story step).
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

/// Evaluates a rubric at given scores and penalties. A step changes one
/// competency, so its effect is worked out from the group sums `T_rg`
/// (and `M_rg`, the "not inclined" sums of voted stages) of the scores
/// before it — a multiply-add per role — rather than by summing every
/// competency again: each step of the plan costs competencies × roles,
/// not competencies².
struct Evaluator<'a> {
    model: &'a Model<'a>,
    premiums: Vec<f64>,
    core: Core,
    /// The group sums at `base`'s scores, and scratch copies.
    sums: Vec<f64>,
    misses: Vec<f64>,
    trial: Vec<f64>,
    trial_misses: Vec<f64>,
}

/// A change to one competency: its score and its penalty, before and after.
struct Change {
    i: usize,
    from: Points,
    to: Points,
    penalty_from: Points,
    penalty_to: Points,
}

impl Evaluator<'_> {
    fn new<'a>(model: &'a Model<'a>) -> Evaluator<'a> {
        Evaluator {
            model,
            premiums: model.point_premiums(),
            core: Core::default(),
            sums: Vec::new(),
            misses: Vec::new(),
            trial: Vec::new(),
            trial_misses: Vec::new(),
        }
    }

    fn level(&self, score: Points) -> f64 {
        let r = self.model.rubric;
        level(score, r.model.self_bias, r.scale.min, r.scale.max)
    }

    /// Takes `scores` and `penalty` as the base for [`Evaluator::with`]
    /// and evaluates it.
    fn base(&mut self, scores: &[Points], penalty: &[Points]) -> Snapshot {
        let levels: Vec<f64> = scores.iter().map(|s| self.level(*s)).collect();
        self.sums = self.model.sums(&levels);
        self.misses = self.model.misses(&levels, penalty);
        self.model
            .eval_sums(&self.sums, &self.misses, &self.premiums, &mut self.core);
        self.snapshot()
    }

    /// The base with one competency changed.
    fn with(&mut self, c: &Change) -> Snapshot {
        let model = self.model;
        let n_groups = model.rubric.groups.len();
        let g = model.rubric.competencies[c.i].group;
        let (x_from, x_to) = (self.level(c.from), self.level(c.to));
        self.trial.clone_from(&self.sums);
        self.trial_misses.clone_from(&self.misses);
        for r in 0..model.rubric.roles.len() {
            self.trial[r * n_groups + g] += model.sum_weight(r, c.i) * (x_to - x_from);
            if let Some(m) = self.trial_misses.get_mut(r * n_groups + g) {
                *m += model.miss_term(r, c.i, x_to, c.penalty_to)
                    - model.miss_term(r, c.i, x_from, c.penalty_from);
            }
        }
        model.eval_sums(
            &self.trial,
            &self.trial_misses,
            &self.premiums,
            &mut self.core,
        );
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

/// What one step from `now` to `after` is worth.
fn worth(competency: usize, hours: f64, now: &Snapshot, after: &Snapshot) -> Marginal {
    Marginal {
        competency,
        hours,
        gain: after.value - now.value,
        offer_gain: after
            .offer
            .iter()
            .zip(&now.offer)
            .map(|(a, b)| a - b)
            .collect(),
    }
}

/// The planner for `model`'s rubric with a budget of `hours`.
pub fn plan(model: &Model, hours: f64) -> Prep {
    match plan_unless(model, hours, &Cancel::never()) {
        Ok(prep) => prep,
        Err(Cancelled) => unreachable!("Cancel::never() stopped the planner"),
    }
}

/// [`plan`], stopped by `cancel` (asked before every step: each weighs
/// every competency).
pub(crate) fn plan_unless(model: &Model, hours: f64, cancel: &Cancel) -> Result<Prep, Cancelled> {
    let rubric = model.rubric;
    let mut eval = Evaluator::new(model);
    let entered: Vec<Points> = rubric
        .competencies
        .iter()
        .map(|c| c.score.unwrap_or(rubric.scale.min))
        .collect();
    let entered_penalty = model.penalty.clone();
    let now = eval.base(&entered, &entered_penalty);
    let story_hours = rubric.model.story_hours;
    // Story steps only where some stage is voted, for the principles
    // unprepared as entered (DESIGN.md v3 "Readings fixed").
    let mut unwritten = vec![false; entered.len()];
    if rubric.voted() {
        for i in rubric.unprepared() {
            unwritten[i] = true;
        }
    }

    let marginal = (0..entered.len())
        .filter(|&i| entered[i] < rubric.scale.max)
        .map(|i| {
            let after = eval.with(&Change {
                i,
                from: entered[i],
                to: stepped(rubric, entered[i]),
                penalty_from: entered_penalty[i],
                penalty_to: entered_penalty[i],
            });
            worth(i, rubric.competencies[i].hours_per_step, &now, &after)
        })
        .collect();
    let stories = (0..entered.len())
        .filter(|&i| unwritten[i])
        .map(|i| {
            let after = eval.with(&Change {
                i,
                from: entered[i],
                to: entered[i],
                penalty_from: entered_penalty[i],
                penalty_to: 0.0,
            });
            worth(i, story_hours, &now, &after)
        })
        .collect();

    let mut scores = entered.clone();
    let mut penalty = entered_penalty.clone();
    let mut steps = Vec::new();
    let mut spent = 0.0;
    let mut current = now.clone();
    let fits = |spent: f64, cost: f64| spent + cost <= hours + tolerance(hours);
    while steps.len() < MAX_STEPS {
        cancel.check()?;
        // Every step that fits: its gain per hour and where it leads; a
        // story step before a score step of the same competency (ties).
        let mut candidates: Vec<(StepKind, usize, f64, Snapshot)> = Vec::new();
        for (i, c) in rubric.competencies.iter().enumerate() {
            if unwritten[i] && fits(spent, story_hours) {
                let after = eval.with(&Change {
                    i,
                    from: scores[i],
                    to: scores[i],
                    penalty_from: penalty[i],
                    penalty_to: 0.0,
                });
                let ratio = (after.value - current.value) / story_hours;
                candidates.push((StepKind::Story, i, ratio, after));
            }
            if scores[i] < rubric.scale.max && fits(spent, c.hours_per_step) {
                let after = eval.with(&Change {
                    i,
                    from: scores[i],
                    to: stepped(rubric, scores[i]),
                    penalty_from: penalty[i],
                    penalty_to: penalty[i],
                });
                let ratio = (after.value - current.value) / c.hours_per_step;
                candidates.push((StepKind::Score, i, ratio, after));
            }
        }
        let ratios = candidates.iter().map(|(_, _, ratio, _)| *ratio).enumerate();
        let Some(pick) = best_with_ties(ratios) else {
            break;
        };
        let (kind, i, _, after) = candidates.swap_remove(pick);
        if after.value - current.value <= tolerance(current.value) {
            break;
        }
        let cost = match kind {
            StepKind::Score => {
                scores[i] = stepped(rubric, scores[i]);
                rubric.competencies[i].hours_per_step
            }
            StepKind::Story => {
                unwritten[i] = false;
                penalty[i] = 0.0;
                story_hours
            }
        };
        // The new base, summed afresh so no rounding accumulates.
        eval.base(&scores, &penalty);
        spent += cost;
        steps.push(PlanStep {
            kind,
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
                outcome: Evaluator::new(&other_model).base(&entered, &entered_penalty),
            }
        })
        .collect();

    Ok(Prep {
        step: rubric.model.prep_step,
        hours,
        marginal,
        stories,
        plan: steps,
        routes,
        now,
    })
}
