//! Every sentence worked out by hand on a one-competency rubric. With
//! steepness 1000 a stage is passed for sure above its `pass_at`, half
//! the time at it and never below, so the chances are exact.

use super::{close_call, reason, words};
use crate::model::{Assessment, Model};
use crate::rubric::{Rubric, parse_step_fixture as parse_str};
use crate::simulate::{Sensitivity, sensitivity};

/// Scale 1–5, no self_bias: score 3 is level (3 − 1) / 4 = 0.5, so every
/// stage score is S = 50 (and 50 + 25·δ with the levels shifted by δ).
/// pm: σ(0) · σ(1000·50) = 0.5 · 1 = 0.5. pmt: σ(0) · σ(0) = 0.25.
/// Pay: pm 100,000; pmt 100,000 · 1.2 = 120,000; staying 80,000.
const BASE: &str = r#"
schema = 1
[candidate]
current_salary = 80000
[model]
steepness = 1000
sensitivity_group = "all"
[roles.pm]
title = "PM"
salary = 100000
[roles.pmt]
title = "PMT"
premium_over = "pm"
premium = 0.2
fallback = "pm"
downlevel_rate = 0.6
upgrade_green_light = 0.8
upgrade_days = 0
[groups.all]
title = "product"
[[competency]]
id = "only"
group = "all"
weight = { pm = 1, pmt = 1 }
score = 3
[[stage]]
name = "first"
days = 0
emphasis = { all = 1 }
pass_at = { pm = 50, pmt = 50 }
[[stage]]
name = "second"
days = 0
emphasis = { all = 1 }
pass_at = { pm = 0, pmt = 50 }
"#;

/// BASE with each `(from, to)` replaced (each `from` must be there).
fn rubric(edits: &[(&str, &str)]) -> Rubric {
    let mut text = BASE.to_string();
    for (from, to) in edits {
        assert!(text.contains(from), "{from} not in BASE");
        text = text.replacen(from, to, 1);
    }
    parse_str("advice.toml", &text).expect("valid rubric")
}

fn assessed(rubric: &Rubric) -> (Model<'_>, Assessment) {
    let model = Model::new(rubric);
    let a = model.assess();
    (model, a)
}

/// What would change the answer, in words (none: nothing).
fn break_even(rubric: &Rubric, s: &Sensitivity) -> Vec<String> {
    let a = Model::new(rubric).assess();
    super::what_if(rubric, &a, s)
        .map_or_else(Vec::new, |w| words::what_if(&w, rubric.model.horizon_years))
}

/// The reason, worded with amounts shown.
fn said(model: &Model, a: &Assessment) -> String {
    let horizon = model.rubric.model.horizon_years;
    words::reason(
        &reason(model, a, false),
        &crate::units::Policy::Amounts,
        horizon,
    )
}

fn recommended<'m>(model: &'m Model, a: &Assessment) -> &'m str {
    &model.strategies[a.recommendation].id
}

fn swept(rubric: &Rubric) -> Sensitivity {
    sensitivity(&Model::new(rubric))
}

#[test]
fn reason_when_staying_wins() {
    // Staying pays 150,000 a year, over 2 years:
    //   stay      2 · 150,000                                        = 300,000
    //   apply:pm  2 · (0.5·100,000 + 0.5·150,000)                    = 250,000
    //   apply:pmt D = 0.6 · (0.5 − 0.25) = 0.15;
    //             2 · (0.25·120,000 + 0.15·100,000 + 0.6·150,000)    = 270,000
    //   upgrade   u = 0.8 · 0.25/0.5 = 0.4;
    //             2 · (0.5·(0.4·120,000 + 0.6·100,000) + 0.5·150,000) = 258,000
    // Runner-up apply:pmt, 30,000 behind. Both offers pay less than
    // staying: they are taken anyway here (declined, every strategy would
    // be worth exactly staying's).
    let r = rubric(&[
        (
            "current_salary = 80000",
            "current_salary = 150000\naccept_lower_pay = true",
        ),
        ("steepness", "horizon_years = 2\nsteepness"),
    ]);
    let (model, a) = assessed(&r);
    assert_eq!(recommended(&model, &a), "stay");
    assert_eq!(
        said(&model, &a),
        "Staying has the highest expected value (300,000 over 2 years, 30,000 more \
         than \"Apply as PMT\"): no application's odds of an offer make up for the \
         chance of getting none."
    );
}

#[test]
fn reason_when_applying_directly_wins() {
    // A green light of 0.2 makes the upgrade route weak:
    //   stay      80,000
    //   apply:pm  0.5·100,000 + 0.5·80,000                        = 90,000
    //   apply:pmt 0.25·120,000 + 0.15·100,000 + 0.6·80,000        = 93,000
    //   upgrade   u = 0.2 · 0.25/0.5 = 0.1;
    //             0.5·(0.1·120,000 + 0.9·100,000) + 0.5·80,000    = 91,000
    // apply:pmt first, 2,000 ahead of the upgrade route.
    let r = rubric(&[("upgrade_green_light = 0.8", "upgrade_green_light = 0.2")]);
    let (model, a) = assessed(&r);
    assert_eq!(recommended(&model, &a), "apply:pmt");
    assert_eq!(
        said(&model, &a),
        "Applying as PMT has the highest expected value (93,000 over one year, 2,000 \
         more than \"Apply as PM, then try for PMT\"), with a 25% chance of an offer \
         paying 120,000 in its first year."
    );
}

#[test]
fn reason_when_the_upgrade_route_wins() {
    // BASE as it is:
    //   stay 80,000; apply:pm 90,000; apply:pmt 93,000 (as above);
    //   upgrade   u = 0.8 · 0.25/0.5 = 0.4;
    //             0.5·(0.4·120,000 + 0.6·100,000) + 0.5·80,000    = 94,000
    // The upgrade route first, 1,000 ahead of apply:pmt; pm's offer 50%.
    let r = rubric(&[]);
    let (model, a) = assessed(&r);
    assert_eq!(recommended(&model, &a), "apply:pm+upgrade:pmt");
    assert_eq!(
        said(&model, &a),
        "Applying as PM and then trying for PMT has the highest expected value \
         (94,000 over one year, 1,000 more than \"Apply as PMT\"): a 50% chance of \
         the PM offer, which you keep if the PMT attempt fails."
    );
}

#[test]
fn break_even_when_higher_levels_would_make_applying_directly_win() {
    // Staying pays s = 84,500. "Direct wins" means
    // EV apply:pmt > max(EV apply:pm, EV upgrade) beyond rounding.
    //
    // Shift δ (S = 50 + 25·δ):
    //   δ < 0: S < 50, no offer anywhere; every strategy is s: no win.
    //   δ = 0: apply:pmt 0.25·120,000 + 0.15·100,000 + 0.6·84,500 = 95,700;
    //          upgrade 0.5·(0.4·120,000 + 0.6·100,000) + 0.5·84,500 = 96,250: no win.
    //   δ ≥ 0.25: S > 50, both offers certain: apply:pmt 120,000;
    //          upgrade 0.8·120,000 + 0.2·100,000 = 116,000; apply:pm 100,000: win.
    // Not winning now; the nearest flip is +0.25.
    //
    // Premium p (levels as they are): pmt pays 100,000·(1 + p);
    //   apply:pmt = 25,000·(1 + p) + 15,000 + 0.6·s = 40,000 + 25,000·p + 0.6·s
    //   upgrade   = 0.5·(40,000·(1 + p) + 60,000) + 0.5·s = 50,000 + 20,000·p + 0.5·s
    // apply:pmt wins once 5,000·p > 10,000 − 0.1·s, p > 0.31: the grid
    // value nearest the current 20% at which it wins is 32%.
    let r = rubric(&[("current_salary = 80000", "current_salary = 84500")]);
    let s = swept(&r);
    assert_eq!(s.wins_now, Some(false));
    assert_eq!(s.shift.break_even, Some(0.25));
    let premium = s.premium.break_even.expect("a premium break-even");
    assert!((premium - 0.32).abs() < 1e-12, "{premium}");
    assert_eq!(
        break_even(&r, &s),
        [
            "Going through PM (alone, or then trying for PMT) wins now; applying as PMT \
             directly would start winning if your product levels were 0.25 scale points \
             higher.",
            "Going through PM (alone, or then trying for PMT) wins now at a 20% pay \
             premium; applying as PMT directly would start winning at 32%.",
        ]
    );
}

#[test]
fn break_even_when_applying_directly_never_wins() {
    // Score 2: level (2 − 1)/4 = 0.25, S = 25 + 25·δ, at most 75 at δ = +2.
    // pmt's second stage needs 90: pmt's offer is 0 all along the sweep.
    // Then apply:pmt = D·100,000 + (1 − D)·s with D = 0.6·P_pm, never more
    // than apply:pm = P_pm·100,000 + (1 − P_pm)·s (equal when P_pm = 0,
    // which is a tie, not a win): no break-even on either sweep.
    let r = rubric(&[
        ("score = 3", "score = 2"),
        (
            "pass_at = { pm = 0, pmt = 50 }",
            "pass_at = { pm = 0, pmt = 90 }",
        ),
    ]);
    let s = swept(&r);
    assert_eq!(s.wins_now, Some(false));
    assert_eq!(s.shift.break_even, None);
    assert_eq!(s.premium.break_even, None);
    assert_eq!(
        break_even(&r, &s),
        [
            "Going through PM (alone, or then trying for PMT) wins over applying as PMT \
             directly whatever your product levels, from 2 scale points lower to 2 scale \
             points higher.",
            "Going through PM (alone, or then trying for PMT) wins at any pay premium \
             from 0% to 40%.",
        ]
    );
}

/// The sweep is not monotone and the upgrade route is recommended: the
/// sentence must read the flip nearest the current levels, not the
/// first one along the grid (which said "even if your levels were 2
/// lower" while recommending the upgrade).
#[test]
fn break_even_reads_the_nearest_flip_of_a_non_monotone_sweep() {
    // Two competencies at score 3 (level 0.5): `shifted` (group all)
    // weighs for pm only, `fixed` (group other) for pmt only. One stage
    // weighing both groups: S_pm = 50 + 25·δ, S_pmt = 50 whatever δ.
    // pass_at pm 25, pmt 50: P_pm = 1 for δ > −1, 0.5 at δ = −1, 0
    // below; P_pmt = 0.5 always. Pay pm 100,000, pmt 120,000, stay 80,000.
    //   δ = 0: apply:pm 100,000; apply:pmt D = 0.6·0.5 = 0.3:
    //          0.5·120,000 + 0.3·100,000 + 0.2·80,000 = 106,000;
    //          upgrade u = 0.8·0.5 = 0.4: 0.4·120,000 + 0.6·100,000 = 108,000.
    //          The upgrade route is recommended; direct does not win.
    //   δ = −1: apply:pm 90,000; apply:pmt (D = 0) 100,000;
    //          upgrade 0.5·(0.8·120,000 + 0.2·100,000) + 0.5·80,000 = 98,000: win.
    //   δ < −1: P_pm = 0: apply:pmt 100,000 against 80,000: win.
    // Wins at δ ≤ −1 only: the nearest flip is −1 (the first along the
    // grid would be −2).
    // Premium p at δ = 0: apply:pmt 96,000 + 50,000·p, upgrade
    // 100,000 + 40,000·p: equal at p = 0.4, a tie: never a win.
    let text = BASE
        .replace(
            "weight = { pm = 1, pmt = 1 }\nscore = 3",
            "weight = { pm = 1 }\nscore = 3\n[[competency]]\nid = \"fixed\"\ngroup = \"other\"\nweight = { pmt = 1 }\nscore = 3",
        )
        .replace("[groups.all]", "[groups.other]\n[groups.all]")
        .replace(
            "[[stage]]\nname = \"second\"\ndays = 0\nemphasis = { all = 1 }\npass_at = { pm = 0, pmt = 50 }\n",
            "",
        )
        .replace(
            "emphasis = { all = 1 }\npass_at = { pm = 50, pmt = 50 }",
            "emphasis = { all = 1, other = 1 }\npass_at = { pm = 25, pmt = 50 }",
        );
    let r = parse_str("nonmonotone.toml", &text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    let (model, a) = assessed(&r);
    assert_eq!(recommended(&model, &a), "apply:pm+upgrade:pmt");
    let s = swept(&r);
    assert_eq!(s.wins_now, Some(false));
    assert_eq!(s.shift.break_even, Some(-1.0));
    assert_eq!(s.premium.break_even, None, "a tie at 40% is no win");
    assert_eq!(
        break_even(&r, &s)[0],
        "Going through PM (alone, or then trying for PMT) wins now; applying as PMT \
         directly would start winning if your product levels were 1 scale point lower."
    );
}

#[test]
fn break_even_when_applying_directly_wins_now() {
    // Green light 0.2 (see reason_when_applying_directly_wins): apply:pmt
    // 93,000 beats the upgrade 91,000 and apply:pm 90,000 now.
    // δ = −0.25: S < 50, no offer: all 80,000, a tie: no win — the
    // nearest flip below. δ > 0: apply:pmt 120,000; upgrade
    // 0.2·120,000 + 0.8·100,000 = 104,000: still wins.
    // Premium p: apply:pmt = 40,000 + 25,000·p + 48,000, upgrade with
    // u = 0.1: 0.5·(10,000·(1 + p) + 90,000) + 40,000 = 90,000 + 5,000·p;
    // apply:pm 90,000. Wins while 88,000 + 25,000·p > 90,000 + 5,000·p,
    // p > 0.1: nearest grid value to 0.2 where it stops: 0.10 (a tie).
    let r = rubric(&[("upgrade_green_light = 0.8", "upgrade_green_light = 0.2")]);
    let s = swept(&r);
    assert_eq!(s.wins_now, Some(true));
    assert_eq!(s.shift.break_even, Some(-0.25));
    let premium = s.premium.break_even.expect("a premium break-even");
    assert!((premium - 0.1).abs() < 1e-12, "{premium}");
    assert_eq!(
        break_even(&r, &s),
        [
            "Applying as PMT directly wins now over going through PM (alone, or then \
             trying for PMT), and would stop winning if your product levels were 0.25 \
             scale points lower.",
            "Applying as PMT directly wins now at a 20% pay premium, and would stop \
             winning at 10%.",
        ]
    );
}

/// DESIGN.md: EV_rec − EV_runner_up < 0.1 · (EV_rec − Stay). With staying
/// at s: upgrade 54,000 + 0.5·s leads apply:pmt 45,000 + 0.6·s by
/// 9,000 − 0.1·s, against a tenth of its gain, 5,400 − 0.05·s: a close
/// call once s > 72,000.
#[test]
fn close_call_on_either_side_of_its_boundary() {
    for (salary, close) in [(71_000, false), (73_000, true)] {
        let r = rubric(&[(
            "current_salary = 80000",
            &format!("current_salary = {salary}"),
        )]);
        let model = Model::new(&r);
        let a = model.assess();
        assert_eq!(recommended(&model, &a), "apply:pm+upgrade:pmt");
        assert_eq!(model.strategies[a.runner_up.unwrap()].id, "apply:pmt");
        let point = crate::simulate::monte_carlo(&model, 0, 1, 1);
        assert_eq!(close_call(&a, &point), close, "salary {salary}");
    }
}

#[test]
fn a_close_call_by_simulation_share_alone() {
    // Far apart in value (94,000 vs 93,000 against a gain of 14,000 is
    // close by value; green light 0.2 gives 93,000 vs 91,000 against
    // 13,000: not close by value), but a share below 60% makes it one.
    let r = rubric(&[("upgrade_green_light = 0.8", "upgrade_green_light = 0.2")]);
    let model = Model::new(&r);
    let a = model.assess();
    let mut dist = crate::simulate::monte_carlo(&model, 0, 1, 1);
    assert!(!close_call(&a, &dist));
    dist.samples = 1000;
    // Behind the runner-up in some draw: it does not dominate.
    dist.behind = 1;
    dist.best_share[a.recommendation] = 0.59;
    assert!(close_call(&a, &dist));
    dist.best_share[a.recommendation] = 0.6;
    assert!(!close_call(&a, &dist));
}

/// DESIGN.md v3: a small lead the draws agree on (first in ≥ 95% of them)
/// is a clear, small lead; a recommendation never behind the runner-up in
/// any draw dominates it and is never a close call.
#[test]
fn close_calls_v3_agreeing_draws_and_dominance() {
    let r = rubric(&[("current_salary = 80000", "current_salary = 73000")]);
    let model = Model::new(&r);
    let a = model.assess();
    let mut dist = crate::simulate::monte_carlo(&model, 0, 1, 1);
    assert!(close_call(&a, &dist), "close by the gap at 73,000");
    dist.samples = 1000;
    dist.behind = 3;
    dist.best_share[a.recommendation] = 0.94;
    assert!(close_call(&a, &dist), "the draws do not agree enough");
    dist.best_share[a.recommendation] = 0.95;
    assert!(!close_call(&a, &dist), "a clear, small lead");
    // Never behind: dominates, whatever the share (a third strategy may win draws).
    dist.behind = 0;
    dist.best_share[a.recommendation] = 0.5;
    assert!(dist.dominates());
    assert!(!close_call(&a, &dist));
    let said = words::reason(
        &reason(&model, &a, dist.dominates()),
        &crate::units::Policy::Amounts,
        1.0,
    );
    assert!(
        said.contains("It is never worse than \"Apply as PMT\": it is worth at least as much in every simulation."),
        "{said}"
    );
}
