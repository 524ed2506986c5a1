//! Property tests: structurally valid rubrics with extreme values — scales
//! of width 1 and 1,000 (the widest DESIGN.md allows), weights and emphases
//! around 1e-300 and 1e300, a self-bias of up to ± the scale's width, 1,000 competencies (the most rolefit takes), empty, long, right-to-left
//! and emoji names — never make rolefit panic, and every output stays
//! well-formed. (A scale's bounds are whole numbers, so 1 is its narrowest.)

use crate::common;

use proptest::prelude::*;
use rolefit::testing::report::{Report, html::Html, json::Json, markdown::Markdown, text::Text};
use rolefit::testing::units::Policy;

const AMOUNTS: Policy = Policy::Amounts;

fn text_value() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("Ünïcödé ñame — ✓".to_string()),
        Just("שלום עולם מנהל מוצר".to_string()),
        Just("\u{202E}desrever\u{202C} text".to_string()),
        Just("🚀👩‍💻 Product 🧠".to_string()),
        Just("<script>alert(1)</script> & \"q\" **md** [x](y)".to_string()),
        Just("x".repeat(500)),
        "[a-zA-Z ]{1,30}",
    ]
}

fn weight() -> impl Strategy<Value = f64> {
    prop_oneof![Just(0.0), Just(1.0), 0.001f64..1000.0]
}

#[derive(Debug, Clone)]
struct Shape {
    roles: usize,
    groups: usize,
    competencies: usize,
    stages: usize,
    scale_max: i64,
    self_bias: f64,
    names: Vec<String>,
    weights: Vec<f64>,
    emphasis: Vec<f64>,
    scores: Vec<f64>,
    salary: f64,
    premium: f64,
}

fn shape() -> impl Strategy<Value = Shape> {
    (
        1usize..4,
        1usize..4,
        prop_oneof![1usize..12, Just(1000usize)],
        1usize..6,
        // DESIGN.md v2: the scale within −1000…1000, self_bias within ±
        // its width (drawn here as a share of it).
        prop_oneof![Just(1i64), Just(5), Just(1000)],
        prop_oneof![Just(0.0), Just(-1.0), Just(1.0), -1.0f64..1.0],
        proptest::collection::vec(text_value(), 12),
        proptest::collection::vec(weight(), 64),
        proptest::collection::vec(prop_oneof![Just(0.0), 0.5f64..2.0], 16),
        proptest::collection::vec(0.0f64..=1.0, 64),
        prop_oneof![Just(0.0), Just(1e12), 1.0f64..1e6],
        prop_oneof![Just(0.0), Just(10.0), 0.0f64..1.0],
    )
        .prop_map(
            |(
                roles,
                groups,
                competencies,
                stages,
                scale_max,
                self_bias,
                names,
                weights,
                emphasis,
                scores,
                salary,
                premium,
            )| Shape {
                roles,
                groups,
                competencies,
                stages,
                scale_max,
                self_bias,
                names,
                weights,
                emphasis,
                scores,
                salary,
                premium,
            },
        )
}

/// A valid rubric of that shape: competency 0 weighs every role and every
/// stage emphasises its group, so no sum of weights is 0.
fn rubric_text(s: &Shape) -> String {
    let name = |k: usize| common::toml_lit(&s.names[k % s.names.len()]);
    let mut t = format!(
        "schema = 1\n[candidate]\nname = {}\ncurrent_salary = {}\n[scale]\nmin = 0\nmax = {}\n\
         [model]\nself_bias = {:e}\nsamples = 200\nsensitivity_group = \"g0\"\n",
        name(0),
        s.salary,
        s.scale_max,
        s.self_bias * s.scale_max as f64
    );
    for r in 0..s.roles {
        t += &format!("[roles.r{r}]\ntitle = {}\n", name(r + 1));
        if r == 0 {
            t += &format!("salary = {}\n", s.salary);
        } else {
            t += &format!(
                "premium_over = \"r{}\"\npremium = {}\nfallback = \"r{}\"\ndownlevel_rate = 0.5\nupgrade_green_light = 0.5\nupgrade_days = 7\n",
                r - 1,
                s.premium,
                r - 1
            );
        }
    }
    for g in 0..s.groups {
        t += &format!("[groups.g{g}]\ntitle = {}\n", name(g + 4));
    }
    for i in 0..s.competencies {
        // One magnitude per role (1e-300, 1 or 1e300) times the drawn
        // factor: rolefit refuses a role whose weights span more than 1e150.
        let w = |r: usize| {
            let w = s.weights[(i * 7 + r) % s.weights.len()];
            [1e-300, 1.0, 1e300][r % 3] * if i == 0 && w == 0.0 { 1.0 } else { w }
        };
        let weights: Vec<String> = (0..s.roles).map(|r| format!("r{r} = {:e}", w(r))).collect();
        let bars: Vec<String> = (0..s.roles)
            .map(|r| {
                format!(
                    "r{r} = {}",
                    (s.scores[(i + r) % s.scores.len()] * s.scale_max as f64).floor()
                )
            })
            .collect();
        t += &format!(
            "[[competency]]\nid = \"c{i}\"\nname = {}\ngroup = \"g{}\"\nweight = {{ {} }}\nbar = {{ {} }}\nscore = {}\nevidence = {}\n",
            name(i + 7),
            i % s.groups,
            weights.join(", "),
            bars.join(", "),
            s.scores[i % s.scores.len()] * s.scale_max as f64,
            name(i + 3),
        );
    }
    for st in 0..s.stages {
        // One magnitude per stage (1e-300, 1 or 1e300) times factors of
        // 0.5–2: emphases 600 orders of magnitude apart within one stage
        // would make the smaller ones count for nothing, and rolefit refuses
        // a stage that gives a role no weight.
        let magnitude = [1e-300, 1.0, 1e300][st % 3];
        let emphasis: Vec<String> = (0..s.groups)
            .map(|g| {
                let e = s.emphasis[(st * 3 + g) % s.emphasis.len()];
                format!(
                    "g{g} = {:e}",
                    magnitude * if g == 0 && e == 0.0 { 1.0 } else { e }
                )
            })
            .collect();
        let pass: Vec<String> = (0..s.roles)
            .map(|r| format!("r{r} = {}", (st * 17 + r * 11) % 101))
            .collect();
        t += &format!(
            "[[stage]]\nname = {}\ncount = {}\ndays = 3\nemphasis = {{ {} }}\npass_at = {{ {} }}\n",
            name(st + 9),
            1 + st % 3,
            emphasis.join(", "),
            pass.join(", ")
        );
    }
    t
}

/// 48 cases, or `PROPTEST_CASES` (the README's way to run more): an
/// explicit count would otherwise override proptest's own reading of it.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(48)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), ..ProptestConfig::default() })]

    #[test]
    fn extreme_rubrics_assess_and_render_cleanly(shape in shape()) {
        let text = rubric_text(&shape);
        let rubric = match rolefit::testing::rubric::parse_str("extreme.toml", &text) {
            Ok(r) => r,
            Err(e) => panic!("generated rubric should be valid: {e}\n{text}"),
        };
        let results = rolefit::testing::report::evaluate("extreme.toml", "extreme", rubric);
        let json: serde_json::Value = serde_json::from_str(&Json.render(&results, &AMOUNTS).expect("serialises")).expect("valid JSON");
        for role in json["roles"].as_object().unwrap().values() {
            for key in ["fit", "offer_probability"] {
                let s = &role[key];
                let (p05, p50, p95) = (s["p05"].as_f64(), s["p50"].as_f64(), s["p95"].as_f64());
                prop_assert!(
                    p05.is_some() && p50.is_some() && p95.is_some(),
                    "non-finite {}: {}\n{}",
                    key,
                    s,
                    text
                );
                let (p05, p50, p95) = (p05.unwrap(), p50.unwrap(), p95.unwrap());
                prop_assert!(p05 <= p50 && p50 <= p95);
            }
            let p = role["offer_probability"]["point"].as_f64().unwrap();
            prop_assert!((0.0..=1.0).contains(&p));
            let fit = role["fit"]["point"].as_f64().unwrap();
            prop_assert!((0.0..=100.0).contains(&fit));
        }
        for s in json["strategies"].as_array().unwrap() {
            prop_assert!(s["expected_value"]["point"].as_f64().is_some(), "finite EV: {}", s);
        }
        let terminal = Text.render(&results, &AMOUNTS).expect("renders");
        let stray = terminal.chars().any(|c| c.is_control() && c != '\n' && c != '\u{1b}');
        prop_assert!(!stray, "control characters reached the terminal");
        let _ = Markdown { charts: true }.render(&results, &AMOUNTS);
        let charts = rolefit::testing::chart::render_all(&results, &AMOUNTS).expect("charts draw");
        for (chart, svg) in &charts {
            prop_assert!(roxmltree::Document::parse(svg).is_ok(), "{} is not well-formed", chart.file);
        }
        let html = Html { charts }.render(&results, &AMOUNTS).expect("renders");
        prop_assert!(!html.contains("<script"));
    }
}
