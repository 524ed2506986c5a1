//! One test per rule of DESIGN.md "Rubric format": a broken rubric gets exit
//! 65 and an error naming the file, the line of the mistake and the key or
//! competency. Each case edits one line of a small valid rubric.

use crate::common;

/// A small valid rubric; each case below changes one thing in it.
const BASE: &str = r#"schema = 1

[candidate]
name = "Val Idation"
current_salary = 100

[scale]
min = 1
max = 5
labels = ["a", "b", "c", "d", "e"]

[model]
self_bias = 0
steepness = 0.1
samples = 10
seed = 1
horizon_years = 1
sensitivity_group = "technical"
overfocus_gap = 15

[roles.pm]
title = "PM"
salary = 100

[roles.pmt]
title = "PMT"
premium_over = "pm"
premium = 0.2
fallback = "pm"
downlevel_rate = 0.5
upgrade_green_light = 0.5
upgrade_days = 10

[groups.leadership]
title = "Leadership"
[groups.technical]
title = "Technical"

[[competency]]
id = "lead-one"
group = "leadership"
weight = { pm = 2, pmt = 2 }
bar = { pm = 3, pmt = 3 }
score = 4
confidence = "high"
evidence = "A story."

[[competency]]
id = "tech-one"
group = "technical"
weight = { pm = 1, pmt = 3 }
bar = { pm = 2, pmt = 4 }
score = 3

[[stage]]
name = "Screen"
count = 1
days = 5
emphasis = { leadership = 1, technical = 1 }
pass_at = { pm = 50, pmt = 55 }
"#;

/// Replaces `from` (which must occur once) with `to` and checks the result
/// with [`check_text`].
fn rejects(from: &str, to: &str, at: &str, names: &[&str]) {
    assert_eq!(
        BASE.matches(from).count(),
        1,
        "`{from}` must occur once in BASE"
    );
    check_text(&BASE.replacen(from, to, 1), at, names);
}

#[test]
fn base_rubric_is_valid() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::write(dir.path(), "ok.toml", BASE);
    common::rolefit(dir.path())
        .arg("validate")
        .arg(&path)
        .assert()
        .success()
        .stdout(predicates::str::contains("ready to assess"));
}

#[test]
fn toml_that_does_not_parse() {
    rejects(
        "title = \"PM\"",
        "title = \"PM",
        "title = \"PM",
        &["invalid"],
    );
}

#[test]
fn unknown_top_level_key() {
    rejects(
        "schema = 1\n",
        "schema = 1\ncolour = \"red\"\n",
        "colour",
        &["colour", "valid top-level keys"],
    );
}

#[test]
fn unknown_key_in_a_competency() {
    rejects(
        "score = 3\n",
        "score = 3\nscroe = 4\n",
        "scroe",
        &["scroe", "tech-one", "valid keys"],
    );
}

#[test]
fn unknown_key_in_a_role() {
    rejects(
        "\nsalary = 100\n",
        "\nsalary = 100\nsalery = 5\n",
        "salery",
        &["salery", "roles.pm"],
    );
}

#[test]
fn value_of_the_wrong_type() {
    rejects(
        "score = 4\n",
        "score = \"four\"\n",
        "\"four\"",
        &["lead-one", "invalid type"],
    );
}

#[test]
fn score_outside_the_scale() {
    rejects(
        "score = 3\n",
        "score = 6\n",
        "score = 6",
        &["tech-one.score", "1–5"],
    );
}

#[test]
fn bar_outside_the_scale() {
    rejects(
        "bar = { pm = 2, pmt = 4 }",
        "bar = { pm = 0, pmt = 4 }",
        "pm = 0",
        &["tech-one.bar"],
    );
}

#[test]
fn negative_weight() {
    rejects(
        "weight = { pm = 1, pmt = 3 }",
        "weight = { pm = -1, pmt = 3 }",
        "pm = -1",
        &["tech-one.weight"],
    );
}

#[test]
fn weight_that_is_not_finite() {
    rejects(
        "weight = { pm = 1, pmt = 3 }",
        "weight = { pm = inf, pmt = 3 }",
        "pm = inf",
        &["tech-one.weight"],
    );
    rejects(
        "weight = { pm = 1, pmt = 3 }",
        "weight = { pm = nan, pmt = 3 }",
        "pm = nan",
        &["tech-one.weight"],
    );
}

#[test]
fn role_whose_weights_are_all_zero() {
    let text = BASE
        .replacen(
            "weight = { pm = 2, pmt = 2 }",
            "weight = { pm = 0, pmt = 2 }",
            1,
        )
        .replacen(
            "weight = { pm = 1, pmt = 3 }",
            "weight = { pm = 0, pmt = 3 }",
            1,
        );
    check_text(&text, "[roles.pm]", &["role `pm` has no weight"]);
}

#[test]
fn competency_ids_repeat() {
    // The error points at the second use of the id.
    let text = BASE.replacen("id = \"tech-one\"", "id = \"lead-one\"", 1);
    let second = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains("lead-one"))
        .nth(1)
        .unwrap()
        .0
        + 1;
    let dir = tempfile::tempdir().unwrap();
    let path = common::write(dir.path(), "dup.toml", &text);
    let out = common::rolefit(dir.path())
        .arg("validate")
        .arg(&path)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(65), "{stderr}");
    assert!(
        stderr.contains(&format!("{}:{second}:", path.display())),
        "{stderr}"
    );
    assert!(stderr.contains("`lead-one` repeats"), "{stderr}");
}

#[test]
fn competency_names_an_unknown_group() {
    rejects(
        "\ngroup = \"technical\"",
        "\ngroup = \"tech\"",
        "group = \"tech\"",
        &["tech-one", "unknown group `tech`"],
    );
}

#[test]
fn weight_names_an_unknown_role() {
    rejects(
        "weight = { pm = 1, pmt = 3 }",
        "weight = { pm = 1, pnt = 3 }",
        "pnt",
        &["unknown role `pnt`", "tech-one"],
    );
}

#[test]
fn bar_names_an_unknown_role() {
    rejects(
        "bar = { pm = 2, pmt = 4 }",
        "bar = { pm = 2, sde = 4 }",
        "sde",
        &["unknown role `sde`"],
    );
}

#[test]
fn emphasis_names_an_unknown_group() {
    rejects(
        "emphasis = { leadership = 1, technical = 1 }",
        "emphasis = { leadership = 1, techincal = 1 }",
        "techincal",
        &["unknown group `techincal`", "Screen"],
    );
}

#[test]
fn pass_at_names_an_unknown_role() {
    rejects(
        "pass_at = { pm = 50, pmt = 55 }",
        "pass_at = { pm = 50, pmt = 55, tpm = 60 }",
        "tpm",
        &["unknown role `tpm`"],
    );
}

#[test]
fn pass_at_misses_a_role() {
    rejects(
        "pass_at = { pm = 50, pmt = 55 }",
        "pass_at = { pm = 50 }",
        "pass_at",
        &["no value for `pmt`"],
    );
}

#[test]
fn premium_over_names_an_unknown_role() {
    rejects(
        "premium_over = \"pm\"",
        "premium_over = \"pn\"",
        "premium_over",
        &["premium_over", "unknown role `pn`"],
    );
}

#[test]
fn fallback_names_an_unknown_role() {
    rejects(
        "fallback = \"pm\"",
        "fallback = \"ic\"",
        "fallback",
        &["fallback", "unknown role `ic`"],
    );
}

#[test]
fn premium_over_forms_a_cycle() {
    rejects(
        "title = \"PM\"\nsalary = 100",
        "title = \"PM\"\npremium_over = \"pmt\"\npremium = 0.1",
        "[roles.pm]",
        &["premium_over", "cycle", "pm → pmt → pm"],
    );
}

#[test]
fn fallback_forms_a_cycle() {
    rejects(
        "title = \"PM\"\nsalary = 100",
        "title = \"PM\"\nsalary = 100\nfallback = \"pmt\"\ndownlevel_rate = 0.1\nupgrade_green_light = 0.1\nupgrade_days = 1",
        "[roles.pm]",
        &["fallback", "cycle"],
    );
}

#[test]
fn role_with_neither_salary_nor_premium_over() {
    rejects(
        "title = \"PM\"\nsalary = 100\n",
        "title = \"PM\"\n",
        "[roles.pm]",
        &["role `pm`", "has no pay"],
    );
}

#[test]
fn probability_outside_0_1() {
    rejects(
        "downlevel_rate = 0.5",
        "downlevel_rate = 1.5",
        "downlevel_rate",
        &["downlevel_rate", "0–1"],
    );
    rejects(
        "upgrade_green_light = 0.5",
        "upgrade_green_light = -0.1",
        "upgrade_green_light",
        &["upgrade_green_light"],
    );
}

#[test]
fn count_out_of_range() {
    rejects("count = 1", "count = 0", "count = 0", &["count", "Screen"]);
}

#[test]
fn samples_out_of_range() {
    rejects("samples = 10", "samples = -1", "samples", &["samples"]);
    rejects(
        "samples = 10",
        "samples = 99999999999",
        "samples",
        &["samples"],
    );
}

#[test]
fn empty_scale() {
    rejects("max = 5", "max = 1", "max = 1", &["scale", "empty"]);
}

#[test]
fn stage_emphasis_that_gives_a_role_no_weight() {
    // pm weighs only leadership's lead-one once tech-one's pm weight is 0; an
    // emphasis on technical alone leaves pm's stage score undefined.
    let text = BASE
        .replacen("weight = { pm = 1, pmt = 3 }", "weight = { pmt = 3 }", 1)
        .replacen(
            "emphasis = { leadership = 1, technical = 1 }",
            "emphasis = { technical = 1 }",
            1,
        );
    check_text(
        &text,
        "emphasis = { technical = 1 }",
        &["Screen", "no weight at all", "`pm`"],
    );
}

#[test]
fn schema_other_than_1() {
    rejects("schema = 1", "schema = 2", "schema = 2", &["schema"]);
}

#[test]
fn missing_schema() {
    rejects("schema = 1\n", "\n", "", &["missing `schema = 1`"]);
}

#[test]
fn scale_bounds_that_are_not_whole() {
    rejects(
        "min = 1",
        "min = 1.5",
        "min = 1.5",
        &["min", "whole number"],
    );
}

#[test]
fn labels_not_one_per_level() {
    rejects(
        "labels = [\"a\", \"b\", \"c\", \"d\", \"e\"]",
        "labels = [\"a\", \"b\"]",
        "labels",
        &["labels", "5 levels"],
    );
}

#[test]
fn negative_salary() {
    rejects(
        "\nsalary = 100",
        "\nsalary = -100",
        "salary = -100",
        &["roles.pm.salary"],
    );
}

#[test]
fn negative_current_salary() {
    rejects(
        "current_salary = 100",
        "current_salary = -1",
        "current_salary",
        &["current_salary"],
    );
}

#[test]
fn steepness_not_positive() {
    rejects(
        "steepness = 0.1",
        "steepness = 0",
        "steepness",
        &["steepness", "greater than 0"],
    );
}

/// #23.11: DESIGN.md v3 bounds `steepness` to (0, 5], the model's and a
/// stage's; 50 used to print odds of 218 digits, 100 "inf".
#[test]
fn steepness_above_five() {
    rejects(
        "steepness = 0.1",
        "steepness = 50",
        "steepness",
        &["steepness", "at most 5"],
    );
    rejects(
        "pass_at = { pm = 50, pmt = 55 }",
        "pass_at = { pm = 50, pmt = 55 }\nsteepness = 5.5",
        "steepness = 5.5",
        &["Screen", "steepness", "at most 5"],
    );
    let five = BASE.replacen("steepness = 0.1", "steepness = 5", 1);
    let dir = tempfile::tempdir().unwrap();
    let path = common::write(dir.path(), "five.toml", &five);
    common::rolefit(dir.path())
        .arg("validate")
        .arg(&path)
        .assert()
        .success();
}

/// #23.12: `upgrade_days` within 0–3650 (DESIGN.md), like a stage's `days`.
#[test]
fn upgrade_days_or_days_beyond_ten_years() {
    rejects(
        "upgrade_days = 10",
        "upgrade_days = 4000",
        "upgrade_days",
        &["roles.pmt.upgrade_days", "0–3650"],
    );
    rejects(
        "days = 5",
        "days = 3651",
        "days = 3651",
        &["days", "0–3650"],
    );
}

/// #23.8: a grant that never vests counted 0 without a word ("RSUs 280,000
/// vesting ."); it is an error at the `rsu` (or the all-zero `vesting`).
#[test]
fn rsu_grant_that_never_vests() {
    rejects(
        "\nsalary = 100",
        "\npay = { base = 100,\n  rsu = 280000 }",
        "rsu = 280000",
        &["role `pm`", "never vests", "vesting = [0.05"],
    );
    rejects(
        "\nsalary = 100",
        "\npay = { base = 100, rsu = 280000, vesting = [0, 0] }",
        "vesting = [0, 0]",
        &["never vests", "all 0"],
    );
}

#[test]
fn horizon_not_positive() {
    rejects(
        "horizon_years = 1",
        "horizon_years = 0",
        "horizon_years",
        &["horizon_years"],
    );
}

#[test]
fn confidence_not_positive_or_unknown_word() {
    rejects(
        "confidence = \"high\"",
        "confidence = 0",
        "confidence",
        &["lead-one", "confidence"],
    );
    rejects(
        "confidence = \"high\"",
        "confidence = \"sure\"",
        "confidence",
        &["lead-one", "low, medium, high"],
    );
}

#[test]
fn pass_at_outside_0_100() {
    rejects(
        "pass_at = { pm = 50, pmt = 55 }",
        "pass_at = { pm = 150, pmt = 55 }",
        "pass_at",
        &["pass_at", "0–100"],
    );
}

#[test]
fn overfocus_gap_outside_0_100() {
    rejects(
        "overfocus_gap = 15",
        "overfocus_gap = 101",
        "overfocus_gap",
        &["overfocus_gap"],
    );
}

#[test]
fn negative_days() {
    rejects("days = 5", "days = -5", "days = -5", &["days"]);
    rejects(
        "upgrade_days = 10",
        "upgrade_days = -1",
        "upgrade_days",
        &["upgrade_days"],
    );
}

#[test]
fn negative_emphasis() {
    rejects(
        "emphasis = { leadership = 1, technical = 1 }",
        "emphasis = { leadership = -1, technical = 1 }",
        "emphasis",
        &["emphasis"],
    );
}

#[test]
fn triangular_premium_out_of_order() {
    rejects(
        "premium = 0.2",
        "premium = { min = 0.3, mode = 0.2, max = 0.4 }",
        "premium =",
        &["min ≤ mode ≤ max"],
    );
    rejects(
        "premium = 0.2",
        "premium = \"lots\"",
        "premium =",
        &["premium"],
    );
}

#[test]
fn sensitivity_group_unknown() {
    rejects(
        "sensitivity_group = \"technical\"",
        "sensitivity_group = \"tech\"",
        "sensitivity_group",
        &["sensitivity_group", "unknown group `tech`"],
    );
}

#[test]
fn fallback_without_its_numbers() {
    rejects(
        "downlevel_rate = 0.5\n",
        "",
        "fallback",
        &["downlevel_rate"],
    );
}

#[test]
fn several_errors_are_all_reported() {
    let text = BASE
        .replacen("score = 4\n", "score = 9\n", 1)
        .replacen("score = 3\n", "score = 3\nscroe = 1\n", 1)
        .replacen("steepness = 0.1", "steepness = -1", 1);
    let dir = tempfile::tempdir().unwrap();
    let path = common::write(dir.path(), "many.toml", &text);
    let out = common::rolefit(dir.path())
        .arg("validate")
        .arg(&path)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(65));
    assert!(stderr.contains("steepness"), "{stderr}");
    assert!(stderr.contains("lead-one.score"), "{stderr}");
    assert!(stderr.contains("scroe"), "{stderr}");
    assert!(stderr.contains("3 errors"), "{stderr}");
}

/// Runs `validate` on `text` and checks exit 65, `FILE:LINE:` for the first
/// line containing `at`, a caret, no panic, and every `names` fragment in
/// the message.
fn check_text(text: &str, at: &str, names: &[&str]) {
    let line = text
        .lines()
        .position(|l| l.contains(at))
        .unwrap_or_else(|| panic!("`{at}` not in the broken rubric"))
        + 1;
    let dir = tempfile::tempdir().unwrap();
    let path = common::write(dir.path(), "broken.toml", text);
    let out = common::rolefit(dir.path())
        .arg("validate")
        .arg(&path)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(65), "exit code; stderr:\n{stderr}");
    let location = format!("{}:{line}:", path.display());
    assert!(
        stderr.contains(&location),
        "expected {location} in:\n{stderr}"
    );
    for name in names {
        assert!(stderr.contains(name), "expected `{name}` in:\n{stderr}");
    }
    assert!(stderr.contains('^'), "expected a caret in:\n{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn no_truncation_of_the_bundled_rubric_makes_it_panic() {
    // Cut the default rubric at many points: every result is a clean
    // success or a clean rubric error, never a crash.
    let full = common::read(&common::repo().join("rubrics/examples/experienced-pm.toml"));
    let dir = tempfile::tempdir().unwrap();
    let mut cut = 0;
    while cut < full.len() {
        let mut end = cut;
        while !full.is_char_boundary(end) {
            end += 1;
        }
        let path = common::write(dir.path(), "cut.toml", &full[..end]);
        let out = common::rolefit(dir.path())
            .args(["validate"])
            .arg(&path)
            .output()
            .unwrap();
        let code = out.status.code();
        assert!(matches!(code, Some(0) | Some(65)), "cut at {end}: {code:?}");
        assert!(!String::from_utf8_lossy(&out.stderr).contains("panicked"));
        cut += 997;
    }
}

#[test]
fn missing_file_is_exit_66() {
    let dir = tempfile::tempdir().unwrap();
    common::rolefit(dir.path())
        .args(["validate", "nope.toml"])
        .assert()
        .code(66)
        .stderr(predicates::str::contains("nope.toml"));
}

#[test]
fn rubric_larger_than_1_mib_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    // A valid rubric padded with a comment past 1 MiB.
    let text = format!("{BASE}\n# {}\n", "x".repeat(1 << 20));
    let path = common::write(dir.path(), "huge.toml", &text);
    common::rolefit(dir.path())
        .arg("validate")
        .arg(&path)
        .assert()
        .code(65)
        .stderr(predicates::str::contains("larger than 1 MiB"));
}

#[test]
fn too_many_competencies_stages_or_roles_are_refused() {
    let competency =
        "\n[[competency]]\nid = \"c{}\"\ngroup = \"technical\"\nweight = { pm = 1 }\nscore = 3\n";
    let many: String = (0..1001)
        .map(|i| competency.replace("{}", &i.to_string()))
        .collect();
    // BASE has two: the 1,001st is c998, and the error points at its header.
    let text = format!("{BASE}{many}").replacen(
        "[[competency]]\nid = \"c998\"",
        "[[competency]] # 1001st\nid = \"c998\"",
        1,
    );
    check_text(&text, "# 1001st", &["1003 competencies", "at most 1000"]);

    let stage = "\n[[stage]]\nname = \"s\"\nemphasis = { leadership = 1 }\npass_at = { pm = 50, pmt = 50 }\n";
    // BASE has one: the 101st is the 100th added.
    let many = stage.repeat(99) + &stage.replacen("[[stage]]", "[[stage]] # 101st", 1);
    check_text(
        &format!("{BASE}{many}"),
        "# 101st",
        &["101 stages", "at most 100"],
    );

    let roles: String = (0..20)
        .map(|i| format!("\n[roles.r{i}]\nsalary = 1\n"))
        .collect();
    let text = BASE.replacen(
        "[groups.leadership]",
        &format!("{roles}\n[groups.leadership]"),
        1,
    );
    // pm and pmt come first: the 21st role is r18.
    check_text(&text, "[roles.r18]", &["22 roles", "at most 20"]);
}

#[test]
fn weights_or_emphases_too_far_apart_are_refused() {
    rejects(
        "weight = { pm = 1, pmt = 3 }",
        "weight = { pm = 1e-300, pmt = 3 }",
        "[roles.pm]",
        &["weights of role `pm` span", "1e150"],
    );
    rejects(
        "emphasis = { leadership = 1, technical = 1 }",
        "emphasis = { leadership = 1e200, technical = 1e-200 }",
        "emphasis =",
        &["`emphasis` spans", "1e150"],
    );
}

// Pay (DESIGN.md v2): packages, equity, horizon, stock growth.

const PACKAGE: &str =
    "pay = { base = 100, sign_on = [20, 10], rsu = 400, vesting = [0.05, 0.15, 0.40, 0.40] }";

#[test]
fn a_pay_package_is_valid() {
    let text = BASE.replacen("\nsalary = 100\n", &format!("\n{PACKAGE}\n"), 1);
    let dir = tempfile::tempdir().unwrap();
    let path = common::write(dir.path(), "ok.toml", &text);
    common::rolefit(dir.path())
        .arg("validate")
        .arg(&path)
        .assert()
        .success();
}

#[test]
fn vesting_that_adds_up_to_more_than_the_grant() {
    rejects(
        "\nsalary = 100\n",
        "\npay = { base = 100, rsu = 400, vesting = [0.5, 0.4, 0.4] }\n",
        "vesting = [0.5",
        &["vesting", "1.3", "sum to at most 1"],
    );
}

#[test]
fn money_above_a_trillion() {
    rejects(
        "\nsalary = 100\n",
        "\npay = { base = 2e12 }\n",
        "base = 2e12",
        &["roles.pm.pay.base", "0–1e12"],
    );
    rejects(
        "current_salary = 100",
        "current_salary = 9223372036854775808",
        "current_salary = 9223372036854775808",
        &["current_salary", "0–1e12"],
    );
}

#[test]
fn a_list_longer_than_fifty_years() {
    let long = vec!["1"; 51].join(", ");
    rejects(
        "current_salary = 100",
        &format!("current_salary = 100\ncurrent_equity = [{long}]"),
        "current_equity",
        &["current_equity", "51 entries"],
    );
}

#[test]
fn a_negative_sign_on() {
    rejects(
        "\nsalary = 100\n",
        "\npay = { base = 100, sign_on = [10, -5] }\n",
        "sign_on",
        &["sign_on", "entry 2"],
    );
}

#[test]
fn salary_and_pay_together() {
    rejects(
        "\nsalary = 100\n",
        &format!("\nsalary = 100\n{PACKAGE}\n"),
        "pay = {",
        &["both `salary` and `pay`"],
    );
}

#[test]
fn a_horizon_past_fifty_years() {
    rejects(
        "horizon_years = 1",
        "horizon_years = 1e304",
        "horizon_years = 1e304",
        &["horizon_years", "at most 50"],
    );
}

#[test]
fn stock_growth_out_of_range() {
    rejects(
        "horizon_years = 1",
        "horizon_years = 1\nstock_growth = -1",
        "stock_growth = -1",
        &["stock_growth"],
    );
    rejects(
        "horizon_years = 1",
        "horizon_years = 1\nstock_growth = { min = 0.2, mode = 0.1, max = 0.3 }",
        "stock_growth = {",
        &["min ≤ mode ≤ max"],
    );
}

#[test]
fn a_premium_above_ten() {
    rejects(
        "premium = 0.2",
        "premium = 11",
        "premium = 11",
        &["premium", "0–10"],
    );
}

// The planner's keys (DESIGN.md v2 ranges).

#[test]
fn prep_hours_out_of_range() {
    rejects(
        "overfocus_gap = 15",
        "overfocus_gap = 15\nprep_hours = 20000",
        "prep_hours = 20000",
        &["prep_hours", "0–10,000"],
    );
}

#[test]
fn prep_step_below_one_percent_of_the_scale() {
    rejects(
        "overfocus_gap = 15",
        "overfocus_gap = 15\nprep_step = 0.001",
        "prep_step = 0.001",
        &["prep_step", "1% of the scale"],
    );
}

#[test]
fn hours_per_step_of_zero() {
    rejects(
        "[groups.technical]\ntitle = \"Technical\"",
        "[groups.technical]\ntitle = \"Technical\"\nhours_per_step = 0",
        "hours_per_step = 0",
        &["hours_per_step", "more than 0"],
    );
    rejects(
        "score = 3\n",
        "score = 3\nhours_per_step = -2\n",
        "hours_per_step = -2",
        &["hours_per_step"],
    );
}

// ─── DESIGN.md v3: voted stages and the new keys ───────────────────────────

/// The screen of BASE made a voted stage.
const VOTED: (&str, &str) = (
    "pass_at = { pm = 50, pmt = 55 }\n",
    "votes = 4\nmax_no = 1\n",
);

#[test]
fn a_voted_stage_is_valid() {
    let dir = tempfile::tempdir().unwrap();
    let text = BASE.replacen(VOTED.0, VOTED.1, 1);
    let path = common::write(dir.path(), "ok.toml", &text);
    common::rolefit(dir.path())
        .arg("validate")
        .arg(&path)
        .assert()
        .success();
}

/// `rejects` on BASE with its stage voted first.
fn rejects_voted(from: &str, to: &str, at: &str, names: &[&str]) {
    let voted = BASE.replacen(VOTED.0, VOTED.1, 1);
    assert_eq!(voted.matches(from).count(), 1, "`{from}` must occur once");
    check_text(&voted.replacen(from, to, 1), at, names);
}

#[test]
fn a_voted_stage_with_pass_at() {
    rejects_voted(
        "votes = 4\n",
        "votes = 4\npass_at = { pm = 50, pmt = 55 }\n",
        "pass_at = {",
        &["stage `Screen`", "voted", "`pass_at`"],
    );
}

#[test]
fn a_voted_stage_with_steepness() {
    rejects_voted(
        "votes = 4\n",
        "votes = 4\nsteepness = 0.2\n",
        "steepness = 0.2",
        &["stage `Screen`", "`steepness`"],
    );
}

#[test]
fn a_voted_stage_with_route_odds() {
    rejects_voted(
        "votes = 4\n",
        "votes = 4\nroute_odds = { referral = 3 }\n",
        "route_odds",
        &["stage `Screen`", "`route_odds`"],
    );
}

#[test]
fn max_no_without_votes() {
    rejects(
        "pass_at = { pm = 50, pmt = 55 }\n",
        "pass_at = { pm = 50, pmt = 55 }\nmax_no = 1\n",
        "max_no = 1",
        &["stage `Screen`", "`max_no` without `votes`"],
    );
}

#[test]
fn votes_out_of_range() {
    rejects_voted(
        "votes = 4",
        "votes = 51",
        "votes = 51",
        &["`votes` = 51", "1–50"],
    );
    rejects_voted("votes = 4", "votes = 0", "votes = 0", &["`votes` = 0"]);
}

#[test]
fn max_no_must_be_fewer_than_votes() {
    rejects_voted(
        "max_no = 1",
        "max_no = 4",
        "max_no = 4",
        &["`max_no` = 4", "0–3"],
    );
    rejects_voted(
        "max_no = 1",
        "max_no = -1",
        "max_no = -1",
        &["`max_no` = -1"],
    );
}

#[test]
fn vote_settings_out_of_range() {
    for (line, names) in [
        (
            "vote_steepness = 0",
            &["`vote_steepness` = 0", "at most 10"][..],
        ),
        ("vote_steepness = 10.5", &["`vote_steepness` = 10.5"]),
        (
            "inclined_at_bar = 1",
            &["`inclined_at_bar` = 1", "strictly between"],
        ),
        ("inclined_at_bar = 0", &["`inclined_at_bar` = 0"]),
        ("vote_noise = 1", &["`vote_noise` = 1"]),
        ("vote_noise = -0.1", &["`vote_noise` = -0.1"]),
        (
            "unprepared_penalty = 4.5",
            &["`unprepared_penalty` = 4.5", "width (4)"],
        ),
        ("unprepared_penalty = -1", &["`unprepared_penalty` = -1"]),
        ("self_bias_sd = 5", &["`self_bias_sd` = 5", "width (4)"]),
        ("self_bias_sd = -0.1", &["`self_bias_sd` = -0.1"]),
        ("story_hours = 0", &["`story_hours` = 0", "10,000"]),
        ("story_hours = 10001", &["`story_hours` = 10001"]),
    ] {
        rejects(
            "overfocus_gap = 15\n",
            &format!("overfocus_gap = 15\n{line}\n"),
            line,
            names,
        );
    }
}

#[test]
fn triangular_downlevel_rate_and_green_light_are_probabilities() {
    rejects(
        "downlevel_rate = 0.5",
        "downlevel_rate = { min = 0.2, mode = 0.5, max = 1.2 }",
        "downlevel_rate = {",
        &["roles.pmt.downlevel_rate", "within 0–1"],
    );
    rejects(
        "upgrade_green_light = 0.5",
        "upgrade_green_light = { min = 0.6, mode = 0.5, max = 0.9 }",
        "upgrade_green_light = {",
        &["min ≤ mode ≤ max"],
    );
    rejects(
        "upgrade_green_light = 0.5",
        "upgrade_green_light = 1.5",
        "upgrade_green_light = 1.5",
        &["roles.pmt.upgrade_green_light"],
    );
}

#[test]
fn triangular_downlevel_rate_and_green_light_are_valid() {
    let dir = tempfile::tempdir().unwrap();
    let text = BASE
        .replacen(
            "downlevel_rate = 0.5",
            "downlevel_rate = { min = 0.3, mode = 0.5, max = 0.8 }",
            1,
        )
        .replacen(
            "upgrade_green_light = 0.5",
            "upgrade_green_light = { min = 0.5, mode = 0.5, max = 0.9 }",
            1,
        );
    let path = common::write(dir.path(), "ok.toml", &text);
    common::rolefit(dir.path())
        .arg("validate")
        .arg(&path)
        .assert()
        .success();
}
