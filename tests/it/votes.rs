//! Voted stages (DESIGN.md v3), worked out by hand on small rubrics, their
//! properties over random rubrics, and the promise that a version-2 rubric
//! gives exactly the figures it gave before.

use proptest::prelude::*;
use rolefit::testing::model::Model;
use rolefit::testing::model::vote::inclined;
use rolefit::testing::rubric::{Rubric, parse_str};

use crate::common;

/// One role, two leadership principles with bars of 3 on a 1–5 scale, no
/// self-bias, and one voted stage. `vote_noise = 0`, `inclined_at_bar =
/// 0.5` and `vote_steepness = ln 3`: a vote at the bar is inclined half
/// the time, one point above 3/4 (σ(ln 3) = 3/(1+3)), one below 1/4.
const HAND: &str = r#"
schema = 1
[candidate]
name = "H"
current_salary = 50
[model]
samples = 0
vote_steepness = 1.0986122886681098
inclined_at_bar = 0.5
vote_noise = 0
unprepared_penalty = 1
sensitivity_group = "leadership"
[roles.pm]
salary = 100
[groups.leadership]
[[competency]]
id = "a"
group = "leadership"
weight = { pm = 1 }
bar = { pm = 3 }
score = 4
evidence = "A story."
[[competency]]
id = "b"
group = "leadership"
weight = { pm = 1 }
bar = { pm = 3 }
score = 2
evidence = "A story."
[[stage]]
name = "loop"
days = 0
emphasis = { leadership = 1 }
votes = 2
max_no = 0
"#;

fn rubric(edits: &[(&str, &str)]) -> Rubric {
    let mut text = HAND.to_string();
    for (from, to) in edits {
        assert!(text.contains(from), "{from} not in the rubric");
        text = text.replacen(from, to, 1);
    }
    parse_str("hand.toml", &text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

/// The loop's score and pass for the one role.
fn stage(r: &Rubric) -> (f64, f64) {
    let a = Model::new(r).assess();
    let s = a.roles[0].stages[0];
    assert!(s.voted);
    (s.score, s.pass)
}

fn close(a: f64, b: f64) {
    assert!((a - b).abs() < 1e-12, "{a} != {b}");
}

#[test]
fn a_voted_stage_worked_by_hand() {
    // v_a = 3/4, v_b = 1/4, each asked half the time:
    // q = ½·¼ + ½·¾ = ½; inclined 50%; pass = (1 − q)² = ¼.
    let (score, pass) = stage(&rubric(&[]));
    close(score, 50.0);
    close(pass, 0.25);
    // Weight 3 on a: π = (¾, ¼), q = ¾·¼ + ¼·¾ = 3/8; pass = (5/8)² = 25/64.
    let (score, pass) = stage(&rubric(&[("weight = { pm = 1 }", "weight = { pm = 3 }")]));
    close(score, 62.5);
    close(pass, 25.0 / 64.0);
    // Two sessions: (25/64)².
    let (_, pass) = stage(&rubric(&[
        ("weight = { pm = 1 }", "weight = { pm = 3 }"),
        ("votes = 2", "count = 2\nvotes = 2"),
    ]));
    close(pass, (25.0f64 / 64.0).powi(2));
    // Noise 0.2: v_a = 0.1 + 0.8·¾ = 0.7, v_b = 0.1 + 0.8·¼ = 0.3; q = ½ again.
    let (_, pass) = stage(&rubric(&[("vote_noise = 0", "vote_noise = 0.2")]));
    close(pass, 0.25);
    // On a 0–1000 scale the slope per unit of level is 1000·ln 3: too steep
    // for the kernel's factored exponential, which falls back to one
    // exponential per vote. The same votes, the same figures.
    let wide = rubric(&[("[roles.pm]", "[scale]\nmin = 0\nmax = 1000\n[roles.pm]")]);
    assert!(!Model::new(&wide).votes_factored());
    assert!(Model::new(&rubric(&[])).votes_factored());
    let (score, pass) = stage(&wide);
    close(score, 50.0);
    close(pass, 0.25);
}

#[test]
fn max_no_of_votes_minus_one_fails_only_when_every_vote_is_no() {
    // n = 2, m = 1: pass = 1 − q² = ¾.
    let (_, pass) = stage(&rubric(&[("max_no = 0", "max_no = 1")]));
    close(pass, 0.75);
    // n = 5, m = 4: 1 − q⁵ = 31/32.
    let (_, pass) = stage(&rubric(&[(
        "votes = 2\nmax_no = 0",
        "votes = 5\nmax_no = 4",
    )]));
    close(pass, 31.0 / 32.0);
    // n = 3, m = 1: (1 − q)³ + 3q(1 − q)² = 1/8 + 3/8 = ½.
    let (_, pass) = stage(&rubric(&[(
        "votes = 2\nmax_no = 0",
        "votes = 3\nmax_no = 1",
    )]));
    close(pass, 0.5);
}

#[test]
fn a_competency_without_a_bar_is_judged_against_the_midpoint() {
    // Scale 0–10: midpoint 5. `b` has no bar and scores 6: one point above
    // the midpoint, v_b = ¾; `a` at 6 against a bar of 6: ½. q = ⅜.
    let r = rubric(&[
        ("[roles.pm]", "[scale]\nmin = 0\nmax = 10\n[roles.pm]"),
        ("bar = { pm = 3 }\nscore = 4", "bar = { pm = 6 }\nscore = 6"),
        ("bar = { pm = 3 }\nscore = 2", "score = 6"),
    ]);
    let (score, pass) = stage(&r);
    close(score, 62.5);
    close(pass, 25.0 / 64.0);
    // And it is never a gap.
    assert!(Model::new(&r).assess().roles[0].gaps.is_empty());
}

#[test]
fn the_penalty_can_push_a_vote_level_below_the_scale() {
    // `b` at the scale's minimum 1 with a bar of 2, unprepared, penalty 1:
    // u = 0, below the scale and not clamped back to 1, two points under
    // its bar: v_b = σ(−2 ln 3) = 1/10. One vote, always about b (a weighs 0).
    let edits = [
        ("weight = { pm = 1 }", "weight = { pm = 0 }"),
        ("bar = { pm = 3 }\nscore = 2", "bar = { pm = 2 }\nscore = 1"),
        ("votes = 2", "votes = 1"),
    ];
    let mut unprepared = edits.to_vec();
    unprepared.push(("score = 1\nevidence = \"A story.\"", "score = 1"));
    let r = rubric(&[edits[0], edits[1], edits[2]]);
    let bare = rubric(&unprepared);
    assert_eq!(Model::new(&bare).assess().unprepared, vec![1]);
    let (score, pass) = stage(&bare);
    close(score, 10.0);
    close(pass, 0.1);
    // Prepared, u = 1: σ(−ln 3) = 1/4.
    assert!(Model::new(&r).assess().unprepared.is_empty());
    close(stage(&r).1, 0.25);
}

#[test]
fn a_story_with_a_blank_part_prepares_and_blank_evidence_does_not() {
    // `b` loses its evidence line: unprepared, read a point lower.
    let bare = rubric(&[(
        "score = 2\nevidence = \"A story.\"",
        "score = 2\nevidence = \"   \"",
    )]);
    assert_eq!(Model::new(&bare).assess().unprepared, vec![1]);
    // v_b = σ(−2 ln 3) = 1/10: q = ½·¼ + ½·9/10 = 23/40; pass = (17/40)².
    close(stage(&bare).1, (17.0f64 / 40.0).powi(2));
    // A story naming b with no result yet still prepares it.
    let story = "\n[[story]]\nid = \"s\"\nsituation = \"S\"\ntask = \"T\"\naction = \"A\"\nprinciples = [\"b\"]\n";
    let mut text = HAND.replacen("score = 2\nevidence = \"A story.\"", "score = 2", 1);
    text.push_str(story);
    let told = parse_str("hand.toml", &text).unwrap();
    assert!(Model::new(&told).assess().unprepared.is_empty());
    close(stage(&told).1, 0.25);
    // A draft (no principles) does not.
    let draft = text.replace("principles = [\"b\"]\n", "");
    let draft = parse_str("hand.toml", &draft).unwrap();
    assert_eq!(Model::new(&draft).assess().unprepared, vec![1]);
}

#[test]
fn unprepared_is_listed_without_a_voted_stage_too_and_costs_nothing_there() {
    let scored = rubric(&[
        ("votes = 2\nmax_no = 0", "pass_at = { pm = 50 }"),
        ("score = 2\nevidence = \"A story.\"", "score = 2"),
    ]);
    let a = Model::new(&scored).assess();
    assert_eq!(a.unprepared, vec![1]);
    assert!(!a.roles[0].stages[0].voted);
    // S = 100·(0.75 + 0.25)/2 = 50, at its mark: ½, penalty or not.
    close(a.roles[0].stages[0].pass, 0.5);
}

/// A version-2 rubric's `summary.json` at `--samples 0` (and at 3,000
/// draws) is what the binary before v3 wrote, byte for byte, once schema
/// 3's added fields and the merged `below-bar` warning are set aside. The
/// fixtures were written by that binary from these very rubrics.
#[test]
fn a_version_2_rubric_gives_the_figures_it_gave_before() {
    for (rubric, samples, fixture) in [
        ("experienced-pm.toml", "0", "experienced-pm.summary.json"),
        ("mba-pm.toml", "0", "mba-pm.summary.json"),
        (
            "experienced-pm.toml",
            "3000",
            "experienced-pm.3000.summary.json",
        ),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let src = common::fixture(&format!("v2/{rubric}"));
        std::fs::copy(&src, dir.path().join(rubric)).unwrap();
        common::rolefit(dir.path())
            .args(["assess", rubric, "--samples", samples])
            .args(["--no-charts", "--out", "out", "--quiet"])
            .assert()
            .success();
        let slug = std::fs::read_dir(dir.path().join("out"))
            .unwrap()
            .next()
            .unwrap()
            .unwrap()
            .path();
        let now = common::read(&slug.join("summary.json"));
        let before = common::read(&common::fixture(&format!("v2/{fixture}")));
        assert_eq!(
            without_v3_additions(&now),
            without_v3_additions(&before),
            "{rubric} at {samples} draws"
        );
    }
}

/// The document with what schema 3 adds or merges set aside: `schema`,
/// stages' `kind`, `prep.stories`, plan entries' `kind`, `unprepared`, and
/// the `below-bar` warnings (one per rubric in v3).
fn without_v3_additions(json: &str) -> String {
    let mut v: serde_json::Value = serde_json::from_str(json).unwrap();
    // `retain`, not `remove`: with serde_json's preserve_order, `remove`
    // swaps the last key into the hole.
    let drop = |v: &mut serde_json::Value, key: &str| {
        v.as_object_mut().unwrap().retain(|k, _| k != key);
    };
    drop(&mut v, "schema");
    drop(&mut v, "unprepared");
    let o = v.as_object_mut().unwrap();
    for role in o["roles"].as_object_mut().unwrap().values_mut() {
        for s in role["stages"].as_array_mut().unwrap() {
            drop(s, "kind");
        }
    }
    drop(&mut o["prep"], "stories");
    for p in o["prep"]["plan"].as_array_mut().unwrap() {
        drop(p, "kind");
    }
    o["warnings"]
        .as_array_mut()
        .unwrap()
        .retain(|w| w["code"] != "below-bar");
    serde_json::to_string_pretty(&v).unwrap()
}

/// A random rubric: two roles, two groups (`leadership` and `tech`), four
/// competencies with random scores, bars (or none), weights and evidence,
/// a scored screen and one or two voted stages, random vote settings.
fn random_rubric(
    scores: &[u8],
    bars: &[u8],
    weights: &[u8],
    prepared: &[bool],
    (steep, at_bar, noise, penalty): (f64, f64, f64, f64),
    (votes, max_no, count): (u32, u32, u32),
) -> String {
    let mut text = format!(
        "schema = 1\n[candidate]\nname = \"P\"\ncurrent_salary = 50\n\
         [model]\nsamples = 0\nsensitivity_group = \"tech\"\nself_bias = -0.25\n\
         vote_steepness = {steep}\ninclined_at_bar = {at_bar}\nvote_noise = {noise}\n\
         unprepared_penalty = {penalty}\n\
         [roles.pm]\nsalary = 100\n[roles.pmt]\npremium_over = \"pm\"\npremium = 0.2\n\
         [groups.leadership]\n[groups.tech]\n"
    );
    for i in 0..4 {
        let group = if i < 3 { "leadership" } else { "tech" };
        let bar = match bars[i] {
            0 => String::new(),
            b => format!("bar = {{ pm = {}, pmt = {} }}\n", f64::from(b) / 2.0, 3),
        };
        let evidence = if prepared[i] {
            "evidence = \"E\"\n"
        } else {
            ""
        };
        text.push_str(&format!(
            "[[competency]]\nid = \"c{i}\"\ngroup = \"{group}\"\n\
             weight = {{ pm = {}, pmt = {} }}\n{bar}score = {}\n{evidence}",
            weights[i],
            1 + weights[i],
            f64::from(scores[i]) / 2.0
        ));
    }
    text.push_str(
        "[[stage]]\nname = \"screen\"\ndays = 1\nemphasis = { leadership = 1, tech = 1 }\n\
         pass_at = { pm = 50, pmt = 55 }\n",
    );
    text.push_str(&format!(
        "[[stage]]\nname = \"loop\"\ndays = 1\ncount = {count}\n\
         emphasis = {{ leadership = 2, tech = 1 }}\nvotes = {votes}\nmax_no = {max_no}\n\
         [[stage]]\nname = \"bar raiser\"\ndays = 1\nemphasis = {{ leadership = 1 }}\nvotes = 2\n"
    ));
    text
}

fn offers(text: &str) -> Vec<f64> {
    let r = parse_str("random.toml", text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    Model::new(&r)
        .assess()
        .roles
        .iter()
        .map(|o| o.offer)
        .collect()
}

fn settings() -> impl Strategy<Value = (f64, f64, f64, f64)> {
    (0.1f64..5.0, 0.05f64..0.95, 0.0f64..0.9, 0.0f64..2.0)
}

fn stages() -> impl Strategy<Value = (u32, u32, u32)> {
    (1u32..12, 0u32..12, 1u32..3).prop_map(|(n, m, c)| (n, m % n, c))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Raising any competency never lowers any role's offer chance.
    #[test]
    fn raising_a_competency_never_lowers_an_offer_chance(
        scores in prop::collection::vec(2u8..=9, 4),
        bars in prop::collection::vec(prop_oneof![Just(0u8), 2u8..=10], 4),
        weights in prop::collection::vec(1u8..=4, 4),
        prepared in prop::collection::vec(any::<bool>(), 4),
        settings in settings(),
        stages in stages(),
        which in 0usize..4,
    ) {
        let before = offers(&random_rubric(&scores, &bars, &weights, &prepared, settings, stages));
        let mut raised = scores.clone();
        raised[which] += 1;
        let after = offers(&random_rubric(&raised, &bars, &weights, &prepared, settings, stages));
        for (a, b) in after.iter().zip(&before) {
            prop_assert!(*a >= b - 1e-12, "{a} < {b}");
        }
    }

    /// Preparing an unprepared principle never lowers an offer chance.
    #[test]
    fn preparing_a_principle_never_lowers_an_offer_chance(
        scores in prop::collection::vec(2u8..=10, 4),
        bars in prop::collection::vec(prop_oneof![Just(0u8), 2u8..=10], 4),
        weights in prop::collection::vec(1u8..=4, 4),
        prepared in prop::collection::vec(any::<bool>(), 4),
        settings in settings(),
        stages in stages(),
        which in 0usize..3,
    ) {
        let mut unprepared = prepared.clone();
        unprepared[which] = false;
        let before = offers(&random_rubric(&scores, &bars, &weights, &unprepared, settings, stages));
        let mut ready = prepared.clone();
        ready[which] = true;
        let after = offers(&random_rubric(&scores, &bars, &weights, &ready, settings, stages));
        for (a, b) in after.iter().zip(&before) {
            prop_assert!(*a >= b - 1e-12, "{a} < {b}");
        }
    }

    /// With `inclined_at_bar` ≥ 0.5, a half-point step from anywhere
    /// between 1.5 below a bar and the bar raises the inclined chance at
    /// least as much as the same step from a point or more above it: gaps
    /// first, then polish.
    #[test]
    fn a_step_below_the_bar_gains_at_least_a_step_well_above_it(
        steep in 0.1f64..10.0,
        at_bar in 0.5f64..0.99,
        noise in 0.0f64..0.99,
        bar in 2.5f64..3.5,
        below in 0.0f64..=1.5,
        above in 1.0f64..=1.5,
    ) {
        let text = HAND
            .replace("vote_steepness = 1.0986122886681098", &format!("vote_steepness = {steep}"))
            .replace("inclined_at_bar = 0.5", &format!("inclined_at_bar = {at_bar}"))
            .replace("vote_noise = 0", &format!("vote_noise = {noise}"));
        let r = parse_str("hand.toml", &text).unwrap();
        let x = |score: f64| (score - r.scale.min) / (r.scale.max - r.scale.min);
        let v = |score: f64| inclined(&r, x(score), 0.0, Some(bar));
        let (low, high) = (bar - below, bar + above);
        prop_assume!(low >= r.scale.min && high + 0.5 <= r.scale.max);
        let gain_low = v(low + 0.5) - v(low);
        let gain_high = v(high + 0.5) - v(high);
        prop_assert!(gain_low >= gain_high - 1e-12, "{gain_low} < {gain_high}");
    }
}

// ─── The reports' v3 content ───────────────────────────────────────────────

fn warning<'a>(j: &'a serde_json::Value, code: &str) -> Vec<&'a str> {
    j["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["code"] == code)
        .map(|w| w["message"].as_str().unwrap())
        .collect()
}

/// `missing-evidence` (v3, a voted stage): every role's offer chance now and
/// with a story written for every unprepared principle, as assessing the
/// rubric with them prepared gives.
#[test]
fn missing_evidence_says_what_the_stories_would_do() {
    let example = common::example();
    let now = common::assess_json(&example);
    let text = common::read(&example).replace(
        "id = \"success-and-scale-bring-broad-responsibility\"",
        "id = \"success-and-scale-bring-broad-responsibility\"\nevidence = \"Written.\"",
    );
    let dir = tempfile::tempdir().unwrap();
    let with = common::assess_json(&common::write(dir.path(), "with.toml", &text));
    assert_eq!(with["unprepared"], serde_json::json!([]));
    let p = |j: &serde_json::Value, r: &str| {
        format!(
            "{:.1}%",
            100.0
                * j["roles"][r]["offer_probability"]["point"]
                    .as_f64()
                    .unwrap()
        )
    };
    let want = format!(
        "Writing it would raise your Product Manager offer chance from {} to {} and your Product Manager – Technical offer chance from {} to {}.",
        p(&now, "pm"),
        p(&with, "pm"),
        p(&now, "pmt"),
        p(&with, "pmt")
    );
    let said = warning(&now, "missing-evidence");
    assert_eq!(said.len(), 1);
    assert!(said[0].ends_with(&want), "{}\n{want}", said[0]);
    // Without a voted stage the message is v2's.
    let v2 = common::assess_json(&common::fixture("v2/experienced-pm.toml"));
    assert!(!warning(&v2, "missing-evidence")[0].contains("Writing"));
}

/// `below-bar` (v3): one warning, every competency below the bar of the
/// role weighing it most, costliest first; the gaps in the JSON keep their
/// order and values.
#[test]
fn one_below_bar_warning_costliest_first() {
    let j = common::assess_json(&common::example());
    let below = warning(&j, "below-bar");
    assert_eq!(below.len(), 1);
    let costs: Vec<f64> = below[0]
        .split("adds up to ")
        .skip(1)
        .map(|s| s.split(' ').next().unwrap().parse().unwrap())
        .collect();
    assert_eq!(costs.len(), 7, "{}", below[0]);
    assert!(costs.windows(2).all(|w| w[0] >= w[1]), "{costs:?}");
    assert!(below[0].starts_with("7 competencies are below the bar"));
    let gaps = j["roles"]["pmt"]["gaps"].as_array().unwrap();
    let shortfalls: Vec<f64> = gaps
        .iter()
        .map(|g| g["shortfall"].as_f64().unwrap())
        .collect();
    assert!(
        shortfalls.windows(2).all(|w| w[0] >= w[1]),
        "gaps keep their order"
    );
}

/// The funnel's key for voted stages, in the text and Markdown reports; a
/// version-2 rubric has none.
#[test]
fn the_funnel_key_shows_where_a_stage_votes() {
    let dir = tempfile::tempdir().unwrap();
    let key = "A voted stage shows the chance one vote is inclined (%)";
    let text = common::assess(dir.path(), &common::example(), &["--samples", "0"]);
    assert!(text.replace("\n  ", " ").contains(key), "{text}");
    // The stage's label wraps within its column; its votes on the first line.
    assert!(
        text.contains("In-person interviews (10 votes, 2 “no”"),
        "{text}"
    );
    let md = common::read(&dir.path().join("output/sam-rivera/report.md"));
    assert!(md.contains(key));
    assert!(md.contains("| Offer chance at the bar (points) |"));
    let v2 = common::assess(
        dir.path(),
        &common::fixture("v2/experienced-pm.toml"),
        &["--samples", "0", "--out", "v2"],
    );
    assert!(!v2.replace("\n  ", " ").contains(key));
}
