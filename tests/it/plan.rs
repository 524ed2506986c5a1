//! The preparation planner (DESIGN.md v2 "Preparation planner") on
//! hand-built rubrics where the right step is known, and against re-running
//! the assessment.

use proptest::prelude::*;
use rolefit::testing::model::Model;
use rolefit::testing::plan::{Prep, plan};
use rolefit::testing::rubric::{EXAMPLE_NAME, EXAMPLE_RUBRIC, Rubric, parse_str};

/// Two roles. `lead` (group people) is at the top of the scale; `tech`
/// (group tech) at 3 is level 0.5. One stage weighing both groups, a slope
/// of 1000: a stage passes surely above its mark, never below.
/// S_pm = 100 (pm weighs only `lead`), S_pmt = 100·(1 + x_tech)/2 = 75 now:
/// below pmt's mark of 80, so P_pmt = 0; one step (+0.5, x = 0.625) makes
/// S_pmt = 81.25 and P_pmt = 1. Pay: staying 50, pm 100, pmt 150; no stage
/// takes a day, one year: values are a year's pay.
const FLIP: &str = r#"
schema = 1
[candidate]
name = "F"
current_salary = 50
[model]
steepness = 1000
samples = 0
sensitivity_group = "tech"
[roles.pm]
salary = 100
[roles.pmt]
premium_over = "pm"
premium = 0.5
[groups.people]
[groups.tech]
[[competency]]
id = "lead"
group = "people"
weight = { pm = 1, pmt = 1 }
score = 5
[[competency]]
id = "tech"
group = "tech"
weight = { pmt = 1 }
score = 3
[[stage]]
name = "only"
days = 0
emphasis = { people = 1, tech = 1 }
pass_at = { pm = 50, pmt = 80 }
"#;

fn rubric(text: &str, edits: &[(&str, &str)]) -> Rubric {
    let mut text = text.to_string();
    for (from, to) in edits {
        assert!(text.contains(from), "{from} not in the rubric");
        text = text.replacen(from, to, 1);
    }
    crate::common::parse_fixture("plan.toml", &text)
}

fn planned(r: &Rubric) -> Prep {
    plan(&Model::new(r), r.model.prep_hours)
}

fn ids<'a>(r: &'a Rubric, prep: &Prep) -> Vec<&'a str> {
    prep.plan
        .iter()
        .map(|s| r.competencies[s.competency].id.as_str())
        .collect()
}

#[test]
fn a_step_that_flips_the_recommendation() {
    let r = rubric(FLIP, &[]);
    let prep = planned(&r);
    let strategies = Model::new(&r).strategies;
    // Now: stay 50, apply:pm 100, apply:pmt 50 (no PMT offer).
    assert_eq!(strategies[prep.now.best].id, "apply:pm");
    assert_eq!(prep.now.value, 100.0);
    // One step of `tech` (10 hours by default): apply:pmt 150. The next
    // step gains nothing (P_pmt is 1 already): the plan stops.
    assert_eq!(ids(&r, &prep), ["tech"]);
    let step = &prep.plan[0];
    assert_eq!(step.hours_total, 10.0);
    assert_eq!(step.score, 3.5);
    assert_eq!(strategies[step.after.best].id, "apply:pmt");
    assert_eq!(step.after.value, 150.0);
    assert_eq!(step.after.offer, [1.0, 1.0]);
    // The marginal view: only `tech` is below the top; +50, PMT +100 points.
    assert_eq!(prep.marginal.len(), 1);
    assert_eq!(prep.marginal[0].competency, 1);
    assert_eq!(prep.marginal[0].gain, 50.0);
    assert_eq!(prep.marginal[0].offer_gain, [0.0, 1.0]);
}

#[test]
fn a_competency_at_the_top_is_never_chosen() {
    // `lead` is at 5 of 5: not in `marginal`, never in the plan, even with
    // every hour in the world.
    let r = rubric(FLIP, &[("samples = 0", "samples = 0\nprep_hours = 10000")]);
    let prep = planned(&r);
    assert!(prep.marginal.iter().all(|m| m.competency != 0));
    assert!(!ids(&r, &prep).contains(&"lead"));
}

#[test]
fn a_budget_smaller_than_any_step_plans_nothing() {
    let r = rubric(FLIP, &[("samples = 0", "samples = 0\nprep_hours = 5")]);
    let prep = planned(&r);
    assert!(prep.plan.is_empty());
    // The marginal gains are still there: they do not depend on the budget.
    assert_eq!(prep.marginal.len(), 1);
    assert_eq!(prep.marginal[0].gain, 50.0);
}

/// A smooth slope, one role, two competencies: `wide` has the largest gap
/// (weight 3 × shortfall 3 = 9 against `narrow`'s 1 × 1 = 1) and the
/// larger gain per step, but its group costs 100 hours a step; `narrow`'s
/// 2 hours. Per hour, `narrow` comes first, and `wide` never fits 40 hours.
const GAPS: &str = r#"
schema = 1
[candidate]
name = "G"
current_salary = 50
[model]
steepness = 0.1
samples = 0
sensitivity_group = "slow"
[roles.pm]
salary = 100
[groups.slow]
hours_per_step = 100
[groups.fast]
hours_per_step = 2
[[competency]]
id = "wide"
group = "slow"
weight = { pm = 3 }
bar = { pm = 5 }
score = 2
[[competency]]
id = "narrow"
group = "fast"
weight = { pm = 1 }
bar = { pm = 4 }
score = 3
[[stage]]
name = "only"
days = 0
emphasis = { slow = 1, fast = 1 }
pass_at = { pm = 60 }
"#;

#[test]
fn the_largest_gap_is_not_the_best_step_when_its_hours_cost_more() {
    let r = rubric(GAPS, &[]);
    let a = Model::new(&r).assess();
    assert_eq!(
        a.roles[0].gaps[0].competency, 0,
        "`wide` is the largest gap"
    );
    let prep = planned(&r);
    let gain = |i: usize| {
        prep.marginal
            .iter()
            .find(|m| m.competency == i)
            .unwrap()
            .gain
    };
    assert!(
        gain(0) > gain(1),
        "a step of `wide` is worth more on its own"
    );
    assert_eq!(prep.marginal[0].hours, 100.0);
    assert_eq!(prep.marginal[1].hours, 2.0);
    // Per hour `narrow` wins, and `wide` (100 h) never fits in 40: the plan
    // steps `narrow` up to the top of the scale (3 → 5: four steps of 0.5).
    assert_eq!(ids(&r, &prep), ["narrow"; 4]);
    assert_eq!(prep.plan.last().unwrap().hours_total, 8.0);
    assert_eq!(prep.plan.last().unwrap().score, 5.0);
    // With the hours for it, `wide` comes in once `narrow` is at the top.
    let r = rubric(GAPS, &[("samples = 0", "samples = 0\nprep_hours = 200")]);
    let prep = planned(&r);
    assert_eq!(
        ids(&r, &prep)[..5],
        ["narrow", "narrow", "narrow", "narrow", "wide"]
    );
}

#[test]
fn a_competency_may_be_stepped_again_and_ties_go_in_rubric_order() {
    // Two identical competencies: every step ties; the first in rubric
    // order is taken, again and again while it gains.
    let text = GAPS
        .replace(
            "group = \"slow\"\nweight = { pm = 3 }\nbar = { pm = 5 }\nscore = 2",
            "group = \"fast\"\nweight = { pm = 1 }\nbar = { pm = 4 }\nscore = 3",
        )
        .replace("id = \"wide\"", "id = \"first\"")
        .replace("id = \"narrow\"", "id = \"second\"");
    let r = rubric(&text, &[]);
    let prep = planned(&r);
    assert_eq!(prep.marginal[0].gain, prep.marginal[1].gain);
    assert_eq!(ids(&r, &prep)[0], "first");
    assert_eq!(ids(&r, &prep)[..4], ["first", "first", "first", "first"]);
    assert_eq!(ids(&r, &prep)[4], "second");
}

#[test]
fn the_other_routes_are_reported_with_the_scores_as_entered() {
    let r = parse_str(EXAMPLE_NAME, EXAMPLE_RUBRIC).unwrap();
    let prep = planned(&r);
    let routes: Vec<&str> = prep.routes.iter().map(|r| r.route.id()).collect();
    assert_eq!(
        routes,
        ["referral", "recruiter"],
        "every route but careers-site"
    );
    // A referral multiplies the screening odds by 8: a better chance of
    // every offer than applying cold.
    let referral = &prep.routes[0].outcome;
    for (with, without) in referral.offer.iter().zip(&prep.now.offer) {
        assert!(with > without);
    }
    // The same as assessing the rubric on that route.
    let mut other = r.clone();
    other.candidate.route = rolefit::testing::rubric::Route::Referral;
    let a = Model::new(&other).assess();
    assert_eq!(referral.value, a.strategies[a.recommendation].ev);
}

/// B after setting one competency's score, by assessing the rubric anew.
fn best_value(r: &Rubric, i: usize, score: f64) -> (f64, Vec<f64>) {
    let mut changed = r.clone();
    changed.competencies[i].score = Some(score);
    let a = Model::new(&changed).assess();
    (
        a.strategies[a.recommendation].ev,
        a.roles.iter().map(|o| o.offer).collect(),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Every marginal gain is what re-running the assessment with that one
    /// score changed gives, within 1e-9 relative.
    #[test]
    fn gains_agree_with_assessing_the_changed_rubric(
        halves in prop::collection::vec(2u8..=10, 28),
    ) {
        let mut r = parse_str(EXAMPLE_NAME, EXAMPLE_RUBRIC).unwrap();
        for (c, h) in r.competencies.iter_mut().zip(&halves) {
            c.score = Some(f64::from(*h) / 2.0);
        }
        let prep = planned(&r);
        let (now, offer_now) = best_value(&r, 0, r.competencies[0].score.unwrap());
        prop_assert!((prep.now.value - now).abs() <= 1e-9 * now.abs().max(1.0));
        for m in &prep.marginal {
            let score = r.competencies[m.competency].score.unwrap();
            let (after, offer_after) =
                best_value(&r, m.competency, (score + r.model.prep_step).min(r.scale.max));
            let want = after - now;
            prop_assert!((m.gain - want).abs() <= 1e-9 * after.abs().max(1.0), "{} vs {want}", m.gain);
            for ((g, a), b) in m.offer_gain.iter().zip(&offer_after).zip(&offer_now) {
                prop_assert!((g - (a - b)).abs() <= 1e-12);
            }
        }
        // The plan spends within the budget and never loses value.
        let mut last = prep.now.value;
        for step in &prep.plan {
            prop_assert!(step.hours_total <= prep.hours + 1e-9);
            prop_assert!(step.after.value > last);
            last = step.after.value;
        }
    }
}

// ─── DESIGN.md v3: story steps ─────────────────────────────────────────────

use rolefit::testing::plan::StepKind;

/// The bundled example's plan reads as a mentor's would: the first step
/// is not a score step on a competency already at or above its bars, and
/// every principle with no story gets a story step before any polishing of
/// a strength.
#[test]
fn the_bundled_plan_fixes_gaps_and_missing_stories_first() {
    let r = parse_str(EXAMPLE_NAME, EXAMPLE_RUBRIC).unwrap();
    let prep = planned(&r);
    let unprepared = r.unprepared();
    let success = r
        .competencies
        .iter()
        .position(|c| c.id == "success-and-scale-bring-broad-responsibility")
        .unwrap();
    assert_eq!(
        unprepared,
        [success],
        "the example's one principle without a story"
    );
    let first = &prep.plan[0];
    let c = &r.competencies[first.competency];
    let above_every_bar = c
        .bar
        .iter()
        .flatten()
        .all(|bar| c.score.unwrap() + r.model.self_bias >= *bar);
    assert!(
        first.kind == StepKind::Story || !above_every_bar,
        "first step polishes {}",
        c.id
    );
    // The story step for the unprepared principle is in the plan, once.
    let stories: Vec<_> = prep
        .plan
        .iter()
        .filter(|s| s.kind == StepKind::Story)
        .collect();
    assert_eq!(stories.len(), 1);
    assert_eq!(stories[0].competency, success);
    assert_eq!(stories[0].score, r.competencies[success].score.unwrap());
    // It costs story_hours (2): the first step here.
    assert_eq!(first.kind, StepKind::Story);
    assert_eq!(first.hours_total, r.model.story_hours);
}

/// `prep.stories`: every unprepared principle's story step from the scores
/// as entered, worth what assessing the rubric with that principle
/// prepared gives.
#[test]
fn story_gains_agree_with_assessing_the_prepared_rubric() {
    let mut r = parse_str(EXAMPLE_NAME, EXAMPLE_RUBRIC).unwrap();
    // Two more principles without evidence or story.
    for id in ["frugality", "think-big"] {
        let i = r.competencies.iter().position(|c| c.id == id).unwrap();
        r.competencies[i].evidence = None;
        for s in &mut r.stories {
            s.principles.retain(|p| *p != i);
        }
    }
    let unprepared = r.unprepared();
    assert_eq!(unprepared.len(), 3);
    let prep = planned(&r);
    let listed: Vec<usize> = prep.stories.iter().map(|m| m.competency).collect();
    assert_eq!(listed, unprepared, "every one, in rubric order");
    let a = Model::new(&r).assess();
    let now = a.strategies[a.recommendation].ev;
    for m in &prep.stories {
        assert_eq!(m.hours, r.model.story_hours);
        let mut prepared = r.clone();
        prepared.competencies[m.competency].evidence = Some("Written.".into());
        let b = Model::new(&prepared).assess();
        let after = b.strategies[b.recommendation].ev;
        assert!(m.gain > 0.0, "a story is worth something here");
        assert!((m.gain - (after - now)).abs() <= 1e-9 * after.abs());
        for ((g, o_after), o_now) in m.offer_gain.iter().zip(&b.roles).zip(&a.roles) {
            assert!((g - (o_after.offer - o_now.offer)).abs() <= 1e-12);
        }
    }
}

#[test]
fn no_story_steps_without_a_voted_stage() {
    // GAPS has only scored stages and no leadership group: nothing listed.
    let r = rubric(GAPS, &[]);
    let prep = planned(&r);
    assert!(prep.stories.is_empty());
    assert!(prep.plan.iter().all(|s| s.kind == StepKind::Score));
    // The bundled example with its stages scored: unprepared stays listed
    // by the assessment, but the planner writes no story.
    let text = EXAMPLE_RUBRIC
        .replace(
            "votes = 2                    # each screen",
            "pass_at = { pm = 39, pmt = 44 } #",
        )
        .replace("max_no = 1 ", "# ")
        .replace("votes = 10 ", "pass_at = { pm = 46, pmt = 53 } #")
        .replace("max_no = 2 ", "# ")
        .replace(
            "votes = 2                    # the bar raiser",
            "pass_at = { pm = 48, pmt = 51 } #",
        )
        .replace("max_no = 0 ", "# ");
    let scored = parse_str("scored.toml", &text).unwrap();
    assert!(!scored.voted());
    let prep = planned(&scored);
    assert!(prep.stories.is_empty());
    assert!(prep.plan.iter().all(|s| s.kind == StepKind::Score));
}
