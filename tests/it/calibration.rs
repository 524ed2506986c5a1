//! The bundled rubric's calibration (DESIGN.md "Calibration of the bundled
//! rubric"): three reference profiles, computed from `rubrics/amazon-pm-pmt.toml`
//! itself, land inside every target range of the table. Point values.
//!
//! `cargo test --test calibration -- --nocapture` prints the table the
//! README shows.

use rolefit::model::Model;
use rolefit::rubric::{DEFAULT_RUBRIC, Route, Rubric, parse_str};

fn bundled() -> Rubric {
    parse_str("rubrics/amazon-pm-pmt.toml", DEFAULT_RUBRIC).expect("the bundled rubric is valid")
}

fn role(r: &Rubric, id: &str) -> usize {
    r.roles.iter().position(|x| x.id == id).expect("role")
}

/// Every score set by `score(competency index)`, clamped to the scale.
fn profile(score: impl Fn(&Rubric, usize) -> f64, route: Route) -> Rubric {
    let mut r = bundled();
    for i in 0..r.competencies.len() {
        let s = score(&r, i).clamp(r.scale.min, r.scale.max);
        r.competencies[i].score = Some(s);
    }
    r.candidate.route = route;
    r
}

fn typical(route: Route) -> Rubric {
    profile(|_, _| 3.0, route)
}

fn strong() -> Rubric {
    profile(|_, _| 4.5, Route::CareersSite)
}

/// Every score such that `score + self_bias` is role `id`'s bar; 3 where it
/// has none.
fn at_bar(id: &str) -> Rubric {
    let id = id.to_string();
    profile(
        move |r, i| {
            let at = role(r, &id);
            r.competencies[i].bar[at].map_or(3.0, |bar| bar - r.model.self_bias)
        },
        Route::CareersSite,
    )
}

/// P_r and the loop pass (the in-person and bar-raiser stages) of role `id`.
fn figures(r: &Rubric, id: &str) -> (f64, f64) {
    let a = Model::new(r).assess();
    let o = &a.roles[role(r, id)];
    let loop_pass: f64 = r
        .stages
        .iter()
        .zip(&o.stages)
        .filter(|(s, _)| s.name.contains("In-person") || s.name.contains("Bar-raiser"))
        .map(|(_, st)| st.pass)
        .product();
    (o.offer, loop_pass)
}

fn within(what: &str, value: f64, lo: f64, hi: f64) {
    println!("| {what} | {value:.4} | {lo} – {hi} |");
    assert!(
        (lo..=hi).contains(&value),
        "{what} = {value:.4}, outside {lo} – {hi}"
    );
}

#[test]
fn loop_stages_are_found() {
    let r = bundled();
    let found = r
        .stages
        .iter()
        .filter(|s| s.name.contains("In-person") || s.name.contains("Bar-raiser"))
        .count();
    assert_eq!(found, 2, "the loop is the in-person and bar-raiser stages");
}

#[test]
fn typical_pm_offer_chance_matches_careers_site_base_rates() {
    let (p, _) = figures(&typical(Route::CareersSite), "pm");
    within("typical: P_pm", p, 0.003, 0.02);
}

#[test]
fn a_referral_multiplies_the_typical_offer_chance_3_to_10_times() {
    let (base, _) = figures(&typical(Route::CareersSite), "pm");
    let (referred, _) = figures(&typical(Route::Referral), "pm");
    within(
        "typical: P_pm referral ÷ careers-site",
        referred / base,
        3.0,
        10.0,
    );
}

#[test]
fn a_recruiter_multiplies_the_typical_offer_chance_1_5_to_4_times() {
    let (base, _) = figures(&typical(Route::CareersSite), "pm");
    let (sourced, _) = figures(&typical(Route::Recruiter), "pm");
    within(
        "typical: P_pm recruiter ÷ careers-site",
        sourced / base,
        1.5,
        4.0,
    );
}

#[test]
fn typical_loop_pass_is_about_one_in_five() {
    let (_, l) = figures(&typical(Route::CareersSite), "pm");
    within("typical: loop pass, PM", l, 0.10, 0.30);
}

#[test]
fn at_the_pm_bar_the_loop_is_passed_about_half_the_time() {
    let (p, l) = figures(&at_bar("pm"), "pm");
    within("at the PM bar: loop pass, PM", l, 0.40, 0.60);
    within("at the PM bar: P_pm", p, 0.05, 0.20);
}

#[test]
fn at_the_pmt_bar_the_pmt_loop_is_passed_about_half_the_time() {
    let (_, l) = figures(&at_bar("pmt"), "pmt");
    within("at the PMT bar: loop pass, PMT", l, 0.40, 0.60);
}

#[test]
fn a_strong_candidate_usually_gets_through() {
    let (p, l) = figures(&strong(), "pm");
    within("strong: P_pm", p, 0.25, 0.60);
    within("strong: loop pass, PM", l, 0.70, 1.0);
}

#[test]
fn pmt_never_beats_pm_odds_in_any_profile() {
    for (name, r) in [
        ("typical", typical(Route::CareersSite)),
        ("typical, referral", typical(Route::Referral)),
        ("typical, recruiter", typical(Route::Recruiter)),
        ("at the PM bar", at_bar("pm")),
        ("at the PMT bar", at_bar("pmt")),
        ("strong", strong()),
    ] {
        let (pm, _) = figures(&r, "pm");
        let (pmt, _) = figures(&r, "pmt");
        println!("| {name}: P_pmt ≤ P_pm | {pmt:.4} ≤ {pm:.4} | |");
        assert!(pmt <= pm, "{name}: P_pmt {pmt} > P_pm {pm}");
    }
}
