//! Pay year by year over a horizon (DESIGN.md v2 "Pay", "Value of each
//! strategy"), worked out by hand, and properties that must hold for any
//! package.

use proptest::prelude::*;
use rolefit::testing::model::Model;
use rolefit::testing::model::pay::integral;
use rolefit::testing::rubric::{Rubric, parse_str};

/// One role whose offer is certain (score 5 is level 1, stage score 100,
/// pass mark 50, a slope of 1000): `apply:pm`'s value is the offer's.
/// Staying pays 100 a year; the package pays, by job year,
/// y1 = 100 + 20 + 0.05·400 = 140, y2 = 100 + 10 + 0.15·400 = 170,
/// y3 = y4 = 100 + 0.40·400 = 260, then 100 (the base alone).
const PAY: &str = r#"
schema = 1
[candidate]
name = "P"
current_salary = 100
[model]
steepness = 1000
horizon_years = 4
samples = 0
sensitivity_group = "all"
[roles.pm]
pay = { base = 100, sign_on = [20, 10], rsu = 400, vesting = [0.05, 0.15, 0.40, 0.40] }
[groups.all]
[[competency]]
id = "only"
group = "all"
weight = { pm = 1 }
score = 5
[[stage]]
name = "only"
days = 0
emphasis = { all = 1 }
pass_at = { pm = 50 }
"#;

fn rubric(edits: &[(&str, &str)]) -> Rubric {
    let mut text = PAY.to_string();
    for (from, to) in edits {
        assert!(text.contains(from), "{from} not in PAY");
        text = text.replacen(from, to, 1);
    }
    crate::common::parse_fixture("pay.toml", &text)
}

fn close(a: f64, b: f64) {
    assert!(
        (a - b).abs() <= 1e-9 * b.abs().max(1.0),
        "{a} != {b} (differ by {})",
        a - b
    );
}

/// (stay, apply:pm, by_year of apply:pm, outcome pm, outcome none)
fn figures(r: &Rubric) -> (f64, f64, Vec<f64>, f64, f64) {
    let a = Model::new(r).assess();
    let apply = &a.strategies[1];
    (
        a.strategies[0].ev,
        apply.ev,
        apply.by_year.clone(),
        apply.outcomes.roles[0],
        apply.outcomes.none,
    )
}

#[test]
fn a_5_15_40_40_package_with_a_two_year_sign_on_over_four_years() {
    let r = rubric(&[]);
    let (stay, ev, by_year, pm, none) = figures(&r);
    close(stay, 400.0);
    // 140 + 170 + 260 + 260 = 830, joining at once (no stage takes a day).
    close(ev, 830.0);
    assert_eq!(by_year.len(), 4);
    for (got, want) in by_year.iter().zip([140.0, 170.0, 260.0, 260.0]) {
        close(*got, want);
    }
    close(pm, 1.0);
    close(none, 0.0);
    let a = Model::new(&r).assess();
    for (got, want) in a.roles[0]
        .pay_by_year
        .iter()
        .zip([140.0, 170.0, 260.0, 260.0])
    {
        close(*got, want);
    }
    close(a.roles[0].salary, 140.0);
}

#[test]
fn a_fractional_horizon_counts_the_last_year_in_part() {
    // 4.5 years: half of job year 5, which pays the base alone (100).
    let r = rubric(&[("horizon_years = 4", "horizon_years = 4.5")]);
    let (stay, ev, by_year, _, _) = figures(&r);
    close(stay, 450.0);
    close(ev, 830.0 + 0.5 * 100.0);
    assert_eq!(by_year.len(), 5);
    close(by_year[4], 50.0);
}

#[test]
fn joining_after_48_days_is_paid_the_old_pay_until_then() {
    // T = 48/365 years at staying's 100, then job year k runs over
    // [T + k − 1, T + k]: years 1–3 whole, year 4 cut at the horizon to
    // 1 − T. V = 100·T + 140 + 170 + 260 + 260·(1 − T) = 830 − 160·T.
    let r = rubric(&[("days = 0", "days = 48")]);
    let t = 48.0 / 365.0;
    let (_, ev, by_year, _, _) = figures(&r);
    close(ev, 830.0 - 160.0 * t);
    // Calendar year 1: 100·T + 140·(1 − T); year 2: 140·T + 170·(1 − T).
    close(by_year[0], 100.0 * t + 140.0 * (1.0 - t));
    close(by_year[1], 140.0 * t + 170.0 * (1.0 - t));
    close(by_year.iter().sum::<f64>(), ev);
    let a = Model::new(&r).assess();
    close(a.strategies[1].days_to_offer, 48.0);
}

#[test]
fn leaving_forfeits_the_equity_staying_would_vest() {
    // Staying: 100 + equity 50 in calendar years 1–3: 150, 150, 150, 100.
    let r = rubric(&[
        (
            "current_salary = 100",
            "current_salary = 100\ncurrent_equity = [50, 50, 50]",
        ),
        ("days = 0", "days = 48"),
    ]);
    let t = 48.0 / 365.0;
    let (stay, ev, _, _, _) = figures(&r);
    close(stay, 550.0);
    // The first T at 150 (equity still vesting), then the package:
    // 150·T + 830 − 260·T; the rest of the equity is forfeited.
    close(ev, 150.0 * t + 830.0 - 260.0 * t);
}

#[test]
fn stock_growth_compounds_by_the_vest_year() {
    // g = 10%: a vest in job year y is worth rsu · vesting[y] · 1.1^y:
    // 20·1.1 + 60·1.21 + 160·1.331 + 160·1.4641 = 22 + 72.6 + 212.96 + 234.256.
    let r = rubric(&[("horizon_years = 4", "horizon_years = 4\nstock_growth = 0.1")]);
    let (_, ev, _, _, _) = figures(&r);
    close(ev, 4.0 * 100.0 + 30.0 + 22.0 + 72.6 + 212.96 + 234.256);
}

#[test]
fn a_premium_role_scales_every_part_of_the_package() {
    // pmt = pm × 1.5: base 150, sign-on 30 / 15, RSUs 600.
    let text = PAY
        .replace(
            "[groups.all]",
            "[roles.pmt]\npremium_over = \"pm\"\npremium = 0.5\n[groups.all]",
        )
        .replace("weight = { pm = 1 }", "weight = { pm = 1, pmt = 1 }")
        .replace("pass_at = { pm = 50 }", "pass_at = { pm = 50, pmt = 50 }");
    let r = crate::common::parse_fixture("pay.toml", &text);
    let a = Model::new(&r).assess();
    let pmt = &a.roles[1];
    close(pmt.package.base, 150.0);
    assert_eq!(pmt.package.sign_on, [30.0, 15.0]);
    close(pmt.package.rsu, 600.0);
    assert_eq!(pmt.package.vesting, [0.05, 0.15, 0.40, 0.40]);
    for (got, want) in pmt.pay_by_year.iter().zip([210.0, 255.0, 390.0, 390.0]) {
        close(*got, want);
    }
    close(a.strategies[2].ev, 1.5 * 830.0);
}

#[test]
fn an_offer_worth_less_than_staying_is_declined_unless_lower_pay_is_accepted() {
    // Staying pays 300 a year, 1,200 over the horizon; the offer 830.
    let declined = rubric(&[("current_salary = 100", "current_salary = 300")]);
    let (stay, ev, by_year, pm, none) = figures(&declined);
    close(stay, 1200.0);
    close(ev, 1200.0); // exactly staying's: the offer adds nothing
    close(pm, 0.0);
    close(none, 1.0);
    for y in &by_year {
        close(*y, 300.0);
    }
    let a = Model::new(&declined).assess();
    assert_eq!(a.declined, [true]);
    assert_eq!(a.recommendation, 0, "staying is recommended");
    let taken = rubric(&[(
        "current_salary = 100",
        "current_salary = 300\naccept_lower_pay = true",
    )]);
    let (_, ev, _, pm, none) = figures(&taken);
    close(ev, 830.0);
    close(pm, 1.0);
    close(none, 0.0);
    assert_eq!(Model::new(&taken).assess().declined, [false]);
}

#[test]
fn the_integral_counts_each_year_evenly() {
    let stay = |y: usize| [10.0, 20.0, 30.0][(y - 1).min(2)];
    let pay = |k: usize| 100.0 * k as f64;
    // Staying alone over 2.5 years: 10 + 20 + 0.5·30.
    close(integral(0.0, 2.5, f64::INFINITY, &stay, &pay), 45.0);
    // Join at 0.5: half a year at 10, then job year 1 (100) over [0.5, 1.5]
    // and job year 2 (200) over [1.5, 2.5].
    close(integral(0.0, 2.5, 0.5, &stay, &pay), 5.0 + 100.0 + 200.0);
    // A piece of it: [1, 2] holds half of job year 1 and half of year 2.
    close(integral(1.0, 2.0, 0.5, &stay, &pay), 50.0 + 100.0);
}

/// A rubric with two roles (PMT over PM, a fallback) and the pay given.
fn random_rubric(
    stay: f64,
    base: f64,
    rsu: f64,
    sign_on: (f64, f64),
    days: f64,
    horizon: f64,
    accept: bool,
) -> String {
    format!(
        r#"
schema = 1
[candidate]
name = "R"
current_salary = {stay}
current_equity = [{e1}, {e2}]
accept_lower_pay = {accept}
[model]
horizon_years = {horizon}
samples = 0
sensitivity_group = "all"
[roles.pm]
pay = {{ base = {base}, sign_on = [{s1}, {s2}], rsu = {rsu}, vesting = [0.05, 0.15, 0.40, 0.40] }}
[roles.pmt]
premium_over = "pm"
premium = 0.2
fallback = "pm"
downlevel_rate = 0.6
upgrade_green_light = 0.8
upgrade_days = 21
[groups.all]
[[competency]]
id = "a"
group = "all"
weight = {{ pm = 1, pmt = 1 }}
score = 3
[[competency]]
id = "b"
group = "all"
weight = {{ pm = 1, pmt = 2 }}
score = 4
[[stage]]
name = "one"
days = {days}
emphasis = {{ all = 1 }}
pass_at = {{ pm = 55, pmt = 65 }}
[[stage]]
name = "two"
count = 2
days = 10
emphasis = {{ all = 1 }}
pass_at = {{ pm = 50, pmt = 60 }}
"#,
        e1 = stay * 0.1,
        e2 = stay * 0.05,
        s1 = sign_on.0,
        s2 = sign_on.1,
    )
}

fn assess(text: &str) -> rolefit::testing::model::Assessment {
    let r = parse_str("random.toml", text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    Model::new(&r).assess()
}

fn tol(v: f64) -> f64 {
    1e-9 * v.abs().max(1.0)
}

proptest! {
    /// Declining allowed: applying can never be worth less than staying;
    /// by_year adds up to the EV; outcomes add up to 1.
    #[test]
    fn applying_never_loses_money_when_you_may_decline(
        stay in 0.0f64..400_000.0,
        base in 0.0f64..300_000.0,
        rsu in 0.0f64..600_000.0,
        s1 in 0.0f64..100_000.0,
        s2 in 0.0f64..100_000.0,
        days in 0.0f64..400.0,
        horizon in 0.5f64..8.0,
    ) {
        let a = assess(&random_rubric(stay, base, rsu, (s1, s2), days, horizon, false));
        let stay_ev = a.strategies[0].ev;
        for s in &a.strategies {
            prop_assert!(s.ev >= stay_ev - tol(stay_ev), "{} < {}", s.ev, stay_ev);
            let sum: f64 = s.by_year.iter().sum();
            prop_assert!((sum - s.ev).abs() <= 1e-9 * s.ev.abs().max(1.0) * 10.0, "{sum} vs {}", s.ev);
            let total: f64 = s.outcomes.roles.iter().sum::<f64>() + s.outcomes.none;
            prop_assert!((total - 1.0).abs() < 1e-12);
        }
    }

    /// More base or more RSUs never lowers a strategy's value.
    #[test]
    fn value_rises_with_base_and_with_rsu(
        stay in 0.0f64..400_000.0,
        base in 0.0f64..300_000.0,
        rsu in 0.0f64..600_000.0,
        more in 1.0f64..100_000.0,
        accept in any::<bool>(),
    ) {
        let ev = |base: f64, rsu: f64| -> Vec<f64> {
            assess(&random_rubric(stay, base, rsu, (20_000.0, 10_000.0), 48.0, 4.0, accept))
                .strategies
                .iter()
                .map(|s| s.ev)
                .collect()
        };
        let now = ev(base, rsu);
        for (a, b) in now.iter().zip(ev(base + more, rsu)) {
            prop_assert!(b >= a - tol(*a), "base: {b} < {a}");
        }
        for (a, b) in now.iter().zip(ev(base, rsu + more)) {
            prop_assert!(b >= a - tol(*a), "rsu: {b} < {a}");
        }
    }

    /// An earlier offer never lowers its value when the offer's lowest
    /// job-year pay is at least staying's highest year (DESIGN.md "Readings
    /// fixed": year-by-year dominance is not enough).
    #[test]
    fn an_earlier_start_never_lowers_the_value_of_a_better_offer(
        stay in 0.0f64..200_000.0,
        extra in 0.0f64..200_000.0,
        rsu in 0.0f64..600_000.0,
        days in 1.0f64..400.0,
        earlier in 0.0f64..1.0,
        horizon in 0.5f64..8.0,
    ) {
        // Lowest job-year pay = base ≥ staying's highest year (salary + 10% equity).
        let base = stay * 1.1 + extra;
        let value = |d: f64| {
            let a = assess(&random_rubric(stay, base, rsu, (0.0, 0.0), d, horizon, true));
            a.offer_value[0]
        };
        let late = value(days);
        let early = value(days * earlier);
        prop_assert!(early >= late - tol(late), "{early} < {late}");
    }
}
