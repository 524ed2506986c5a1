//! The bundled rubric's calibration (DESIGN.md v3 "Calibration of the
//! bundled rubric"): reference profiles, computed from
//! `rubrics/amazon-pm-pmt.toml` itself, land inside every target range of
//! the table. Point values; every leadership competency prepared (an
//! evidence line) unless the row says otherwise.
//!
//! `cargo test --test it calibration -- --nocapture` prints the table the
//! README shows.

use rolefit::testing::model::Model;
use rolefit::testing::rubric::{DEFAULT_RUBRIC, Route, Rubric, parse_str};

fn bundled() -> Rubric {
    parse_str("rubrics/amazon-pm-pmt.toml", DEFAULT_RUBRIC).expect("the bundled rubric is valid")
}

fn role(r: &Rubric, id: &str) -> usize {
    r.roles.iter().position(|x| x.id == id).expect("role")
}

fn competency(r: &Rubric, id: &str) -> usize {
    r.competencies
        .iter()
        .position(|c| c.id == id)
        .expect("competency")
}

/// Every score set by `score(rubric, competency index)`, clamped to the
/// scale; every leadership competency prepared (an evidence line).
fn profile(score: impl Fn(&Rubric, usize) -> f64, route: Route) -> Rubric {
    let mut r = bundled();
    let leadership = r.group_index("leadership").expect("a leadership group");
    for i in 0..r.competencies.len() {
        let s = score(&r, i).clamp(r.scale.min, r.scale.max);
        let c = &mut r.competencies[i];
        c.score = Some(s);
        if c.group == leadership {
            c.evidence = Some("A prepared story.".into());
        }
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

/// `r` without any evidence line or story.
fn unprepared(mut r: Rubric) -> Rubric {
    for c in &mut r.competencies {
        c.evidence = None;
    }
    r.stories.clear();
    r
}

/// `r` with `customer-obsession` read 1.5 below its PM bar.
fn below_on_customer_obsession(mut r: Rubric) -> Rubric {
    let (i, pm) = (competency(&r, "customer-obsession"), role(&r, "pm"));
    let bar = r.competencies[i].bar[pm].expect("a PM bar");
    r.competencies[i].score = Some(bar - 1.5 - r.model.self_bias);
    r
}

/// Role `id`'s offer chance `P_r`, its chance once picked `I_r`, and its
/// loop pass (the in-person and bar-raiser stages).
fn figures(r: &Rubric, id: &str) -> (f64, f64, f64) {
    let a = Model::new(r).assess();
    let o = &a.roles[role(r, id)];
    let loop_pass: f64 = r
        .stages
        .iter()
        .zip(&o.stages)
        .filter(|(s, _)| s.name.contains("In-person") || s.name.contains("Bar-raiser"))
        .map(|(_, st)| st.pass)
        .product();
    (o.offer, o.interviewed, loop_pass)
}

/// One row of the calibration table: the model's value and the target.
pub struct Row {
    pub profile: &'static str,
    pub figure: &'static str,
    pub value: f64,
    pub lo: f64,
    pub hi: f64,
}

/// The table of DESIGN.md v3, computed. Differences ("at least 10 points
/// below") are negative numbers of points of probability, as fractions.
pub fn table() -> Vec<Row> {
    let row = |profile, figure, value, lo, hi| Row {
        profile,
        figure,
        value,
        lo,
        hi,
    };
    let (t_pm, t_once, t_loop) = figures(&typical(Route::CareersSite), "pm");
    let (referral, ..) = figures(&typical(Route::Referral), "pm");
    let (recruiter, ..) = figures(&typical(Route::Recruiter), "pm");
    let (b_pm, _, b_loop) = figures(&at_bar("pm"), "pm");
    let (.., bt_loop) = figures(&at_bar("pmt"), "pmt");
    let (s_pm, s_once, s_loop) = figures(&strong(), "pm");
    let (.., u_loop) = figures(&unprepared(at_bar("pm")), "pm");
    let (.., bc_loop) = figures(&below_on_customer_obsession(at_bar("pm")), "pm");
    let (.., sc_loop) = figures(&below_on_customer_obsession(strong()), "pm");
    vec![
        row("typical", "P_pm", t_pm, 0.003, 0.02),
        row(
            "typical",
            "P_pm with referral ÷ careers-site",
            referral / t_pm,
            3.0,
            10.0,
        ),
        row(
            "typical",
            "P_pm with recruiter ÷ careers-site",
            recruiter / t_pm,
            1.5,
            4.0,
        ),
        row("typical", "loop pass, PM", t_loop, 0.10, 0.30),
        row("typical", "once picked, PM", t_once, 0.02, 0.12),
        row("at the PM bar", "loop pass, PM", b_loop, 0.40, 0.60),
        row("at the PM bar", "P_pm", b_pm, 0.04, 0.20),
        row("at the PMT bar", "loop pass, PMT", bt_loop, 0.40, 0.60),
        row("strong", "P_pm", s_pm, 0.20, 0.50),
        row("strong", "loop pass, PM", s_loop, 0.60, 0.85),
        row("strong", "once picked, PM", s_once, 0.0, 0.75),
        row(
            "at the PM bar, no evidence and no stories",
            "loop pass, PM, minus the prepared profile's",
            u_loop - b_loop,
            -1.0,
            -0.10,
        ),
        row(
            "at the PM bar, but customer-obsession 1.5 below its bar",
            "loop pass, PM, minus the profile at the bar's",
            bc_loop - b_loop,
            -1.0,
            -0.03,
        ),
        row(
            "strong, but customer-obsession 1.5 below its bar",
            "loop pass, PM, minus strong's",
            sc_loop - s_loop,
            -1.0,
            -0.03,
        ),
    ]
}

#[test]
fn every_row_of_the_table_is_met() {
    let rows = table();
    assert_eq!(
        rows.len(),
        14,
        "every row of DESIGN.md's table but the last"
    );
    let mut outside = Vec::new();
    for r in &rows {
        println!(
            "| {} | {} | {:.4} | {} – {} |",
            r.profile, r.figure, r.value, r.lo, r.hi
        );
        if !(r.lo..=r.hi).contains(&r.value) {
            outside.push(format!(
                "{}: {} = {:.4}, outside {} – {}",
                r.profile, r.figure, r.value, r.lo, r.hi
            ));
        }
    }
    assert!(outside.is_empty(), "{outside:#?}");
}

#[test]
fn loop_stages_are_found_and_voted() {
    let r = bundled();
    let lp: Vec<_> = r
        .stages
        .iter()
        .filter(|s| s.name.contains("In-person") || s.name.contains("Bar-raiser"))
        .collect();
    assert_eq!(
        lp.len(),
        2,
        "the loop is the in-person and bar-raiser stages"
    );
    assert!(lp.iter().all(|s| s.vote.is_some()));
    // Phone interviews voted too; the screening and the written exercise scored.
    let voted: Vec<&str> = r
        .stages
        .iter()
        .filter(|s| s.vote.is_some())
        .map(|s| s.name.as_str())
        .collect();
    assert_eq!(
        voted,
        [
            "Phone interviews",
            "In-person interviews",
            "Bar-raiser interview"
        ]
    );
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
        ("at the PM bar, unprepared", unprepared(at_bar("pm"))),
        (
            "strong, customer-obsession below",
            below_on_customer_obsession(strong()),
        ),
    ] {
        let (pm, ..) = figures(&r, "pm");
        let (pmt, ..) = figures(&r, "pmt");
        println!("| {name}: P_pmt ≤ P_pm | {pmt:.4} ≤ {pm:.4} | |");
        assert!(pmt <= pm, "{name}: P_pmt {pmt} > P_pm {pm}");
    }
}

/// A row's value as the README's table shows it: ratios to one decimal,
/// differences in whole points, chances as a percent (two decimals under
/// 2%, one under 10%, none above).
fn shown(r: &Row) -> String {
    if r.figure.contains('÷') {
        format!("{:.1}", r.value)
    } else if r.value < 0.0 {
        format!("−{:.0} points", -100.0 * r.value)
    } else if r.value < 0.02 {
        format!("{:.2}%", 100.0 * r.value)
    } else if r.value < 0.10 {
        format!("{:.1}%", 100.0 * r.value)
    } else {
        format!("{:.0}%", 100.0 * r.value)
    }
}

/// The README's calibration table puts the model's values beside the
/// targets: each is the value computed here, as `shown`, and every row of
/// the computed table is there.
#[test]
fn the_readme_table_shows_the_model_values() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md"))
        .expect("README.md");
    let start = readme
        .find("### Calibration")
        .expect("a calibration section");
    let section = &readme[start..];
    let cells: Vec<Vec<&str>> = section
        .lines()
        .skip_while(|l| !l.starts_with("| profile |"))
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .map(|l| l.trim_matches('|').split(" | ").map(str::trim).collect())
        .collect();
    for r in table() {
        let row = cells
            .iter()
            .find(|c| c[0] == r.profile && c[1] == r.figure)
            .unwrap_or_else(|| panic!("no README row for {} / {}", r.profile, r.figure));
        assert_eq!(row[3], shown(&r), "{} / {}", r.profile, r.figure);
    }
    // The last row's examples.
    let pct = |v: f64| {
        let r = Row {
            profile: "",
            figure: "",
            value: v,
            lo: 0.0,
            hi: 0.0,
        };
        shown(&r)
    };
    let (pmt_bar, strong) = (at_bar("pmt"), strong());
    let example = format!(
        "at the PMT bar {} ≤ {}; strong {} ≤ {}",
        pct(figures(&pmt_bar, "pmt").0),
        pct(figures(&pmt_bar, "pm").0),
        pct(figures(&strong, "pmt").0),
        pct(figures(&strong, "pm").0),
    );
    assert!(section.contains(&example), "{example} in the README");
}

/// Prints the README's rows (`-- --nocapture`).
#[test]
fn print_the_readme_rows() {
    for r in table() {
        println!("| {} | {} | {} |", r.profile, r.figure, shown(&r));
    }
}
