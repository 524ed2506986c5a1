//! The model worked out by hand on small rubrics.

use super::Model;
use crate::rubric::parse_step_fixture as parse_str;

/// Built so every figure can be worked out by hand: one competency at
/// level 0.5 (score 3 on 1–5), a slope so steep that a stage passes
/// surely above its mark and half the time at it. The stages take 36.5
/// days, a tenth of a year (T0 = 0.1), and so does the upgrade (U = 0.1).
const SMALL: &str = r#"
schema = 1
[candidate]
current_salary = 80
[model]
steepness = 1000
sensitivity_group = "all"
[roles.pm]
salary = 100
[roles.pmt]
premium_over = "pm"
premium = 0.2
fallback = "pm"
downlevel_rate = 0.6
upgrade_green_light = 0.8
upgrade_days = 36.5
[groups.all]
[[competency]]
id = "only"
group = "all"
weight = { pm = 1, pmt = 1 }
score = 3
[[stage]]
name = "first"
days = 36.5
emphasis = { all = 1 }
pass_at = { pm = 50, pmt = 50 }
[[stage]]
name = "second"
days = 0
emphasis = { all = 1 }
pass_at = { pm = 0, pmt = 50 }
"#;

fn close(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-9, "{a} != {b}");
}

#[test]
fn worked_example_of_every_strategy() {
    let rubric = parse_str("small.toml", SMALL).expect("valid");
    let model = Model::new(&rubric);
    let a = model.assess();
    // S = 50 everywhere. pm: σ(0) · σ(1000·50) = 0.5 · 1 = 0.5.
    // pmt: σ(0) · σ(0) = 0.25.
    close(a.roles[0].offer, 0.5);
    close(a.roles[1].offer, 0.25);
    // Sal_pmt = 100 · 1.2 = 120.
    close(a.roles[1].salary, 120.0);
    let ids: Vec<&str> = model.strategies.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids,
        ["stay", "apply:pm", "apply:pmt", "apply:pm+upgrade:pmt"]
    );
    let ev: Vec<f64> = a.strategies.iter().map(|s| s.ev).collect();
    // Over one year, joining at T: V(T) = 80·T + pay·(1 − T).
    // V_pm(0.1) = 8 + 90 = 98; V_pmt(0.1) = 8 + 108 = 116;
    // V_pm(0.2) = 16 + 80 = 96; V_pmt(0.2) = 16 + 96 = 112. All above 80: taken.
    // stay: 80. apply:pm: 80 + 0.5·(98 − 80) = 89.
    close(ev[0], 80.0);
    close(ev[1], 89.0);
    // apply:pmt: D = 0.6 · (0.5 − 0.25) = 0.15;
    // 80 + 0.25·(116 − 80) + 0.15·(98 − 80) = 80 + 9 + 2.7 = 91.7.
    close(ev[2], 91.7);
    // upgrade: q = min(1, 0.25/0.5) = 0.5, green light 0.8:
    // 80 + 0.5·[0.8·(0.5·(112 − 80) + 0.5·(96 − 80)) + 0.2·(98 − 80)]
    //   = 80 + 0.5·(19.2 + 3.6) = 91.4.
    close(ev[3], 91.4);
    assert_eq!(a.recommendation, 2);
    assert_eq!(a.runner_up, Some(3));
    // outcomes: an offer received and taken
    let apply_pmt = &a.strategies[2].outcomes;
    close(apply_pmt.roles[1], 0.25);
    close(apply_pmt.roles[0], 0.15);
    close(apply_pmt.none, 0.6);
    let upgrade = &a.strategies[3].outcomes;
    close(upgrade.roles[1], 0.2);
    close(upgrade.roles[0], 0.3);
    close(upgrade.none, 0.5);
    // days: 36.5·1 + 0·0.5 for either role; the upgrade adds
    // P_pm · 0.8 · 36.5 = 14.6.
    close(a.strategies[0].days, 0.0);
    close(a.strategies[1].days, 36.5);
    close(a.strategies[2].days, 36.5);
    close(a.strategies[3].days, 51.1);
    close(a.strategies[3].days_to_offer, 73.0);
    // One year: by_year holds the EV.
    for s in &a.strategies {
        assert_eq!(s.by_year.len(), 1);
        close(s.by_year[0], s.ev);
    }
}

#[test]
fn a_longer_horizon_counts_every_year() {
    let rubric = parse_str(
        "small.toml",
        &SMALL.replace("steepness", "horizon_years = 3\nsteepness"),
    )
    .expect("valid");
    let a = Model::new(&rubric).assess();
    close(a.strategies[0].ev, 240.0);
    // The upgrade route year by year (staying pays 80 a year):
    //   year 1: 80 + 0.5·[0.8·(0.5·(112 − 80) + 0.5·(96 − 80)) + 0.2·(98 − 80)] = 91.4
    //   years 2 and 3, every offer joined: 80 + 0.5·[0.8·(0.5·40 + 0.5·20) + 0.2·20] = 94
    let upgrade = &a.strategies[3];
    assert_eq!(upgrade.by_year.len(), 3);
    close(upgrade.by_year[0], 91.4);
    close(upgrade.by_year[1], 94.0);
    close(upgrade.by_year[2], 94.0);
    close(upgrade.ev, 279.4);
}

/// DESIGN.md stage pass with a route: `σ(k·(S − pass_at) + ln m)^count`.
/// One stage of two sessions at its mark (S = pass_at = 50): σ(0)² = 0.25
/// from the careers site; a referral with odds × 3 gives
/// σ(ln 3)² = (3/4)² = 0.5625 — the odds apply to each session.
#[test]
fn a_referral_multiplies_the_odds_of_each_session() {
    let one_stage = |route: &str| {
        let text = SMALL
            .replace("current_salary = 80", &format!("current_salary = 80\nroute = \"{route}\""))
            .replace("steepness = 1000", "steepness = 0.1")
            .replace(
                "[[stage]]\nname = \"second\"\ndays = 0\nemphasis = { all = 1 }\npass_at = { pm = 0, pmt = 50 }\n",
                "",
            )
            .replace(
                "name = \"first\"\ndays = 36.5",
                "name = \"first\"\ncount = 2\nroute_odds = { referral = 3, recruiter = 1.5 }\ndays = 36.5",
            );
        parse_str("route.toml", &text).unwrap_or_else(|e| panic!("{e}"))
    };
    let offer = |route: &str| Model::new(&one_stage(route)).assess().roles[0].offer;
    close(offer("careers-site"), 0.25);
    close(offer("referral"), 0.5625);
    // odds × 1.5: σ(ln 1.5) = 1.5/2.5 = 0.6; two sessions 0.36.
    close(offer("recruiter"), 0.36);
    // One stage: nothing comes after the screening, so I_r = 1.
    close(
        Model::new(&one_stage("referral")).assess().roles[0].interviewed,
        1.0,
    );
}

/// `I_r` multiplies every stage after the first: SMALL's pm passes the
/// second stage surely (1), pmt half the time.
#[test]
fn offer_once_interviewed_leaves_out_the_screening() {
    let rubric = parse_str("small.toml", SMALL).expect("valid");
    let a = Model::new(&rubric).assess();
    close(a.roles[0].interviewed, 1.0);
    close(a.roles[1].interviewed, 0.5);
}
