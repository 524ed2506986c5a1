//! The story bank: `[[story]]` validation, the loop plan (a maximum
//! matching, worked out by hand here), its warnings, JSON `stories`,
//! `stories.svg`, and `fill --stories` in a pseudo-terminal.

use crate::common;

use std::path::{Path, PathBuf};

use predicates::prelude::*;
use serde_json::Value;

/// The experienced PM example without its story bank, with `stories`
/// appended (TOML text).
fn with_stories(dir: &Path, stories: &str) -> PathBuf {
    let example = common::read(&common::example());
    let cut = example
        .find("# ─── Story bank")
        .expect("the example has a story bank");
    let text = format!("{}\n{stories}", &example[..cut]);
    common::write(dir, "r.toml", &text)
}

/// A complete `[[story]]` table naming `principles`.
fn story(id: &str, principles: &[&str]) -> String {
    let names: Vec<String> = principles.iter().map(|p| format!("\"{p}\"")).collect();
    format!(
        "[[story]]\nid = \"{id}\"\ntitle = \"Story {id}\"\nsituation = \"S.\"\ntask = \"T.\"\n\
         action = \"A.\"\nresult = \"Churn fell 12%.\"\nprinciples = [{}]\n\n",
        names.join(", ")
    )
}

/// The sixteen principles of the example, in rubric order.
const PRINCIPLES: [&str; 16] = [
    "customer-obsession",
    "ownership",
    "invent-and-simplify",
    "are-right-a-lot",
    "learn-and-be-curious",
    "hire-and-develop-the-best",
    "insist-on-the-highest-standards",
    "think-big",
    "bias-for-action",
    "frugality",
    "earn-trust",
    "dive-deep",
    "have-backbone-disagree-and-commit",
    "deliver-results",
    "strive-to-be-earths-best-employer",
    "success-and-scale-bring-broad-responsibility",
];

fn assessed(stories: &str) -> Value {
    let dir = tempfile::tempdir().unwrap();
    let path = with_stories(dir.path(), stories);
    common::assess_json(&path)
}

/// `principle → story` of the JSON loop plan, in order.
fn plan(json: &Value) -> Vec<(String, Option<String>)> {
    json["stories"]["plan"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["principle"].as_str().unwrap().to_string(),
                e["story"].as_str().map(String::from),
            )
        })
        .collect()
}

fn planned(json: &Value, principle: &str) -> Option<String> {
    plan(json)
        .into_iter()
        .find(|(p, _)| p == principle)
        .unwrap_or_else(|| panic!("{principle} not in the plan"))
        .1
}

fn warning<'a>(json: &'a Value, code: &str) -> Option<&'a str> {
    json["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["code"] == code)
        .map(|w| w["message"].as_str().unwrap())
}

#[test]
fn the_plan_beats_a_greedy_assignment_in_rubric_order() {
    // Story a names Customer Obsession and Ownership, story b only Customer
    // Obsession. Greedy in rubric order gives a to Customer Obsession and
    // leaves Ownership without: 1 principle. The maximum is 2: Customer
    // Obsession tells b, Ownership tells a.
    let json = assessed(&format!(
        "{}{}",
        story("a", &["customer-obsession", "ownership"]),
        story("b", &["customer-obsession"])
    ));
    assert_eq!(planned(&json, "customer-obsession").as_deref(), Some("b"));
    assert_eq!(planned(&json, "ownership").as_deref(), Some("a"));
    let s = &json["stories"];
    assert_eq!(s["count"], 2);
    assert_eq!(s["covered"], 2);
    assert_eq!(s["own_story"], 2);
    // Every leadership competency is listed, with or without a story.
    assert_eq!(plan(&json).len(), 16);
    assert!(warning(&json, "shared-story").is_none());
}

#[test]
fn every_principle_coverable_gets_its_own_story() {
    // Story i names principles i and i+1 (the last only itself): by hand,
    // principle i tells story i, and no search can move an earlier one.
    let bank: String = (0..16)
        .map(|i| {
            let names: Vec<&str> = PRINCIPLES[i..(i + 2).min(16)].to_vec();
            story(&format!("s{}", i + 1), &names)
        })
        .collect();
    let json = assessed(&bank);
    for (i, (p, s)) in plan(&json).into_iter().enumerate() {
        assert_eq!(p, PRINCIPLES[i]);
        assert_eq!(s, Some(format!("s{}", i + 1)));
    }
    assert_eq!(json["stories"]["own_story"], 16);
    assert_eq!(json["stories"]["covered"], 16);
    assert!(warning(&json, "missing-evidence").is_none());
    // 16 stories: within 8–20.
    assert!(warning(&json, "story-bank-size").is_none());
}

#[test]
fn a_story_naming_every_principle_is_told_once_and_stretched() {
    let json = assessed(&story("all", &PRINCIPLES));
    let plan = plan(&json);
    assert_eq!(plan[0], ("customer-obsession".into(), Some("all".into())));
    assert!(plan[1..].iter().all(|(_, s)| s.is_none()), "{plan:?}");
    assert_eq!(json["stories"]["covered"], 16);
    assert_eq!(json["stories"]["own_story"], 1);
    let stretched = warning(&json, "story-stretched").expect("stretched");
    assert!(stretched.contains("names 16 principles"), "{stretched}");
    // min(loop_principles 10, covered 16) = 10 > 1.
    let shared = warning(&json, "shared-story").expect("shared");
    assert!(shared.contains("Only 1 of the 16"), "{shared}");
    assert!(
        shared.contains("Ownership") && shared.contains("with Customer Obsession"),
        "{shared}"
    );
    assert!(warning(&json, "story-bank-size").is_some());
}

#[test]
fn no_stories_at_all_lists_every_principle_without_one() {
    let json = assessed("");
    let plan = plan(&json);
    assert_eq!(plan.len(), 16);
    assert!(plan.iter().all(|(_, s)| s.is_none()));
    let s = &json["stories"];
    assert_eq!(
        (s["count"].as_u64(), s["covered"].as_u64()),
        (Some(0), Some(0))
    );
    assert_eq!(s["own_story"], 0);
    // missing-evidence where there is no evidence line either: the example
    // leaves four principles without one.
    let missing = warning(&json, "missing-evidence").expect("missing-evidence");
    assert!(missing.starts_with("4 of 16"), "{missing}");
    for name in [
        "Think Big",
        "Frugality",
        "Strive to be Earth's Best Employer",
        "Success and Scale",
    ] {
        assert!(missing.contains(name), "{name} in {missing}");
    }
    assert!(!missing.contains("Ownership"), "{missing}");
    for code in [
        "story-stretched",
        "incomplete-story",
        "unquantified-result",
        "story-bank-size",
        "shared-story",
    ] {
        assert!(warning(&json, code).is_none(), "{code} without stories");
    }
}

#[test]
fn a_story_is_evidence_for_the_principles_it_names() {
    let json = assessed(&story("big", &["think-big", "frugality"]));
    let missing = warning(&json, "missing-evidence").expect("two are still missing");
    assert!(missing.starts_with("2 of 16"), "{missing}");
    assert!(!missing.contains("Think Big") && !missing.contains("Frugality"));
}

#[test]
fn each_story_warning_fires_on_its_case_and_not_beside_it() {
    // A draft (no principles) and a story without a result: incomplete.
    let draft = "[[story]]\nid = \"draft\"\ntitle = \"Half a story\"\nsituation = \"S.\"\n\n";
    let no_result = "[[story]]\nid = \"nr\"\nsituation = \"S.\"\ntask = \"T.\"\naction = \"A.\"\nprinciples = [\"ownership\"]\n\n";
    let json = assessed(&format!("{draft}{no_result}"));
    let incomplete = warning(&json, "incomplete-story").expect("incomplete");
    assert!(
        incomplete.contains("“Half a story” lacks task, action, result and principles"),
        "{incomplete}"
    );
    assert!(incomplete.contains("`nr` lacks result"), "{incomplete}");
    // The draft is left out of the plan; the other is planned.
    assert_eq!(json["stories"]["count"], 2);
    assert_eq!(json["stories"]["covered"], 1);
    assert_eq!(planned(&json, "ownership").as_deref(), Some("nr"));
    let size = warning(&json, "story-bank-size").expect("2 stories");
    assert!(size.contains("has 2 stories"), "{size}");

    // Unquantified: a result without a digit.
    let vague = story("vague", &["ownership"]).replace("Churn fell 12%.", "It went well.");
    let json = assessed(&vague);
    let unq = warning(&json, "unquantified-result").expect("unquantified");
    assert!(unq.contains("Story vague"), "{unq}");
    assert!(
        warning(
            &assessed(&story("q", &["ownership"])),
            "unquantified-result"
        )
        .is_none()
    );

    // Stretched: five principles, not four.
    let json = assessed(&story("five", &PRINCIPLES[..5]));
    assert!(warning(&json, "story-stretched").is_some());
    let json = assessed(&story("four", &PRINCIPLES[..4]));
    assert!(warning(&json, "story-stretched").is_none());

    // Bank size: 7 and 21 warn, 8 and 20 do not.
    for (n, warns) in [(7, true), (8, false), (20, false), (21, true)] {
        let bank: String = (0..n)
            .map(|i| story(&format!("s{i}"), &[PRINCIPLES[i % 16]]))
            .collect();
        let json = assessed(&bank);
        assert_eq!(warning(&json, "story-bank-size").is_some(), warns, "{n}");
    }

    // Shared: one story for two principles, fewer than min(10, 2) get
    // their own; a second story for Ownership fixes it.
    let json = assessed(&story("a", &["customer-obsession", "ownership"]));
    let shared = warning(&json, "shared-story").expect("shared");
    assert!(
        shared.contains("Ownership shares “Story a” with Customer Obsession"),
        "{shared}"
    );
    let json = assessed(&format!(
        "{}{}",
        story("a", &["customer-obsession", "ownership"]),
        story("b", &["ownership"])
    ));
    assert!(warning(&json, "shared-story").is_none());
}

#[test]
fn loop_principles_sets_the_aim_of_shared_story() {
    // Three stories, each naming Customer Obsession and one more of its
    // own: 3 principles get a story of their own, 4 are covered. With a
    // loop of 3 principles that is enough; with 10 it is not.
    let bank: String = ["ownership", "frugality", "think-big"]
        .iter()
        .enumerate()
        .map(|(i, p)| story(&format!("s{i}"), &["customer-obsession", p]))
        .collect();
    let json = assessed(&bank);
    assert_eq!(json["stories"]["own_story"], 3);
    assert!(warning(&json, "shared-story").is_some());
    let dir = tempfile::tempdir().unwrap();
    let path = with_stories(dir.path(), &bank);
    let text = common::read(&path).replace("[model]\n", "[model]\nloop_principles = 3\n");
    std::fs::write(&path, text).unwrap();
    let json = common::assess_json(&path);
    assert!(warning(&json, "shared-story").is_none());
}

/// Runs `validate` and returns (exit code, stderr).
fn validate(stories: &str) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = with_stories(dir.path(), stories);
    let out = common::rolefit(dir.path())
        .arg("validate")
        .arg(&path)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn stories_are_validated_with_file_line_and_key() {
    let (code, err) = validate(&story("m", &["metrics"]));
    assert_eq!(code, 65, "{err}");
    assert!(
        err.contains("`metrics`, which is not a leadership principle"),
        "{err}"
    );
    assert!(err.contains("not in the `leadership` group"), "{err}");
    let (code, err) = validate(&story("m", &["no-such-thing"]));
    assert_eq!(code, 65);
    assert!(
        err.contains("leadership principles: `customer-obsession`"),
        "{err}"
    );
    let (code, err) = validate(&format!(
        "{}{}",
        story("x", &["ownership"]),
        story("x", &["frugality"])
    ));
    assert_eq!(code, 65);
    assert!(err.contains("story id `x` repeats"), "{err}");
    let (code, err) = validate(&story("bad id", &["ownership"]));
    assert_eq!(code, 65);
    assert!(err.contains("story id `bad id` is not a valid id"), "{err}");
    let (code, err) = validate(&story("twice", &["ownership", "ownership"]));
    assert_eq!(code, 65);
    assert!(err.contains("names principle `ownership` twice"), "{err}");
    let long = story("long", &["ownership"]).replace("A.", &"a".repeat(2001));
    let (code, err) = validate(&long);
    assert_eq!(code, 65);
    assert!(
        err.contains("`action` is 2001 characters long; at most 2000"),
        "{err}"
    );
    let (code, _) = validate(&story("ok", &["ownership"]).replace("A.", &"a".repeat(2000)));
    assert_eq!(code, 0);
    let many: String = (0..201)
        .map(|i| story(&format!("s{i}"), &["ownership"]))
        .collect();
    let (code, err) = validate(&many);
    assert_eq!(code, 65);
    assert!(
        err.contains("the rubric has 201 stories; rolefit handles at most 200"),
        "{err}"
    );
    let (code, err) = validate("[[story]]\nid = \"x\"\nmoral = \"y\"\n");
    assert_eq!(code, 65);
    assert!(err.contains("moral"), "{err}");
    for bad in ["0", "101"] {
        let dir = tempfile::tempdir().unwrap();
        let path = with_stories(dir.path(), "");
        let text = common::read(&path)
            .replace("[model]\n", &format!("[model]\nloop_principles = {bad}\n"));
        std::fs::write(&path, text).unwrap();
        let out = common::rolefit(dir.path())
            .arg("validate")
            .arg(&path)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(65));
        assert!(String::from_utf8_lossy(&out.stderr).contains("`loop_principles` = "));
    }
    // A draft with only an id is valid.
    let (code, err) = validate("[[story]]\nid = \"x\"\n");
    assert_eq!(code, 0, "{err}");
}

#[test]
fn stories_svg_marks_the_planned_cells_and_flags_the_uncovered() {
    let dir = tempfile::tempdir().unwrap();
    let path = with_stories(
        dir.path(),
        &format!(
            "{}{}",
            story("a", &["customer-obsession", "ownership"]),
            story("b", &["customer-obsession"])
        ),
    );
    common::rolefit(dir.path())
        .args(["assess", "-q", "--samples", "0", "--out", "out"])
        .arg(&path)
        .assert()
        .success();
    let svg = common::read(&dir.path().join("out/sam-rivera/stories.svg"));
    let doc = roxmltree::Document::parse(&svg).expect("stories.svg is well-formed XML");
    let texts: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .collect();
    for needle in [
        "Story a",
        "Story b",
        "Customer Obsession",
        "Ownership",
        "Sam Rivera — story bank and loop plan",
    ] {
        assert!(
            texts.iter().any(|t| t.contains(needle)),
            "{needle} in {texts:?}"
        );
    }
    // Green squares: the legend's swatch and one per planned cell.
    let green = doc
        .descendants()
        .filter(|n| n.has_tag_name("rect") && n.attribute("fill") == Some("#009E73"))
        .count();
    assert_eq!(green, 1 + 2);
    // Fourteen principles no story names, each flagged: "evidence only"
    // where it has an evidence line (as principles.svg says: ten), else
    // "none" (four).
    let flag = |f: &str| texts.iter().filter(|t| t.trim() == f).count();
    assert_eq!((flag("evidence only"), flag("none")), (10, 4));
    assert!(
        texts
            .iter()
            .any(|t| t.contains("2 of 16 principles get a story of their own"))
    );
    // It renders, with ink.
    let pixmap = common::render_svg(&svg);
    // The legend swatch (14×12) and two planned cells (14×14) in green.
    let green = pixmap
        .pixels()
        .iter()
        .filter(|p| p.red() < 30 && p.green() > 140 && p.blue() > 100)
        .count();
    assert!(green >= 14 * 12 + 2 * 14 * 14, "{green} green pixels");
    // principles.svg counts the stories behind each principle.
    let principles = common::read(&dir.path().join("out/sam-rivera/principles.svg"));
    let doc = roxmltree::Document::parse(&principles).unwrap();
    let counts: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .map(str::trim)
        .filter(|t| {
            t.ends_with(" stories")
                || t.ends_with(" story")
                || *t == "none"
                || *t == "evidence only"
        })
        .collect();
    // Customer Obsession 2, Ownership 1; the rest have their evidence
    // line, but four, which have nothing.
    assert_eq!(&counts[1..3], ["2 stories", "1 story"], "{counts:?}");
    assert_eq!(counts.iter().filter(|t| **t == "none").count(), 4);
    assert_eq!(counts.iter().filter(|t| **t == "evidence only").count(), 10);
    // Without stories there is no stories.svg.
    let bare = with_stories(dir.path(), "");
    common::rolefit(dir.path())
        .args(["assess", "-q", "--samples", "0", "--out", "bare"])
        .arg(&bare)
        .assert()
        .success();
    assert!(dir.path().join("bare/sam-rivera/principles.svg").exists());
    assert!(!dir.path().join("bare/sam-rivera/stories.svg").exists());
}

#[test]
fn a_terminal_session_adds_two_stories_and_keeps_them_when_stopped_in_a_third() {
    let dir = tempfile::tempdir().unwrap();
    common::rolefit(dir.path())
        .args(["init", "r.toml", "--name", "Filler", "--salary", "100000"])
        .assert()
        .success();
    let path = dir.path().join("r.toml");
    let before = common::read(&path);
    let command = format!(
        "{} fill {} --stories",
        assert_cmd::cargo::cargo_bin("rolefit").display(),
        path.display()
    );
    let mut s = rexpect::spawn(&command, Some(20_000)).expect("spawn in a pseudo-terminal");
    // rexpect reads bytes one by one: match ASCII only.
    let answers = [
        (
            "Cut cloud costs",
            "Our cloud bill grew 60% in a year.",
            "Cut it by a quarter.",
            "I retired 40 idle services.",
            "The bill fell 33%, $1.2M a year.",
            "10 3",
        ),
        (
            "Stopped a launch",
            "Imports lost 2% of rows.",
            "Decide whether to ship.",
            "I stopped the launch and fixed it.",
            "Zero data loss after 9 days.",
            "7 1 11",
        ),
    ];
    for (title, situation, task, action, result, principles) in answers {
        s.exp_string("q to stop: ").unwrap();
        s.send_line("").unwrap();
        s.exp_string("Title of the new story").unwrap();
        s.send_line(title).unwrap();
        for answer in [situation, task, action, result] {
            s.exp_string("[blank]: ").unwrap();
            s.send_line(answer).unwrap();
        }
        s.exp_string("Numbers, separated by spaces or commas [none]: ")
            .unwrap();
        s.send_line(principles).unwrap();
        s.exp_string("Loop plan: ").unwrap();
    }
    // A third: the title and the situation, then Ctrl-C at the task.
    s.exp_string("Enter for a new one, q to stop: ").unwrap();
    s.send_line("").unwrap();
    s.exp_string("Title of the new story").unwrap();
    s.send_line("Half told").unwrap();
    s.exp_string("[blank]: ").unwrap();
    s.send_line("Only the situation.").unwrap();
    s.exp_string("Task").unwrap();
    s.send_control('c').unwrap();
    s.exp_string("Stopped: every answer given is saved; go on")
        .unwrap();
    s.exp_eof().unwrap();

    let after = common::read(&path);
    // Every line of the original is still there, in order: comments kept.
    let mut rest = after.as_str();
    for line in before.lines().filter(|l| !l.is_empty()) {
        let at = rest
            .find(line)
            .unwrap_or_else(|| panic!("lost or moved: {line}"));
        rest = &rest[at + line.len()..];
    }
    assert!(after.contains(
        "[[story]]\nid = \"cut-cloud-costs\"\ntitle = \"Cut cloud costs\"\nsituation = \"Our cloud bill grew 60% in a year.\"\ntask = \"Cut it by a quarter.\"\naction = \"I retired 40 idle services.\"\nresult = \"The bill fell 33%, $1.2M a year.\"\nprinciples = [\"frugality\", \"invent-and-simplify\"]\n"
    ), "{after}");
    assert!(after.contains(
        "principles = [\"insist-on-the-highest-standards\", \"customer-obsession\", \"earn-trust\"]"
    ));
    assert!(after.contains(
        "id = \"half-told\"\ntitle = \"Half told\"\nsituation = \"Only the situation.\"\n"
    ));
    // The file is a valid rubric with three stories, one a draft.
    common::rolefit(dir.path())
        .args(["validate", "r.toml"])
        .assert()
        .success();
    let text = common::read(&path);
    assert_eq!(
        text.matches("[[story]]").count() - before.matches("[[story]]").count(),
        3
    );
}

#[test]
fn the_template_explains_the_bank_and_its_example_story_is_valid_uncommented() {
    let dir = tempfile::tempdir().unwrap();
    common::rolefit(dir.path())
        .args(["init", "r.toml"])
        .assert()
        .success();
    let text = common::read(&dir.path().join("r.toml"));
    assert!(text.contains("# ─── Story bank"));
    assert!(text.contains("rolefit fill --stories"));
    assert!(
        !text.lines().any(|l| l.starts_with("[[story]]")),
        "commented out"
    );
    // Uncommented, the worked example is a complete story.
    let example: String = text
        .lines()
        .skip_while(|l| !l.starts_with("# [[story]]"))
        .map(|l| l.trim_start_matches("# ").to_string() + "\n")
        .collect();
    assert!(example.contains("principles = ["), "{example}");
    let json = assessed(&example);
    assert_eq!(json["stories"]["count"], 1);
    assert_eq!(
        planned(&json, "customer-obsession").as_deref(),
        Some("onboarding-rebuild")
    );
    for code in ["incomplete-story", "unquantified-result", "story-stretched"] {
        assert!(warning(&json, code).is_none(), "{code}");
    }
}

#[test]
fn validate_counts_the_stories_and_shows_their_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let path = with_stories(dir.path(), &story("five", &PRINCIPLES[..5]));
    common::rolefit(dir.path())
        .arg("validate")
        .arg(&path)
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "5 stages, 1 story; ready to assess",
        ))
        .stdout(predicates::str::contains(
            "[story-stretched] “Story five” names 5",
        ))
        .stdout(predicates::str::contains("[story-bank-size]"));
    let bare = with_stories(dir.path(), "");
    common::rolefit(dir.path())
        .arg("validate")
        .arg(&bare)
        .assert()
        .success()
        .stdout(predicates::str::contains("5 stages; ready to assess"))
        .stdout(predicates::str::contains("[story").not());
}

#[test]
fn a_hostile_story_title_never_reaches_the_terminal_raw() {
    use rolefit::testing::report::{Report, evaluate_on, text::Text};
    // The shared story's title carries an SGR, an OSC (window title), a
    // bell and a backspace; the terminal report is rendered as it would go
    // to a terminal (before anstream, which strips escapes off a pipe).
    let evil = "Red \u{1b}[31mALERT\u{1b}[0m \u{1b}]0;pwned\u{7} x\u{8}";
    let text = common::read(&common::example()).replacen(
        "title = \"Rebuilt onboarding after 40 customer calls\"",
        &format!("title = {}", common::toml_lit(evil)),
        1,
    );
    let mut rubric = rolefit::testing::rubric::parse_str("evil.toml", &text).unwrap();
    rubric.model.samples = 0;
    let results = evaluate_on("evil.toml", "evil", rubric, 1);
    let out = Text
        .render(&results, &rolefit::testing::units::Policy::Amounts)
        .unwrap();
    assert!(out.contains("ALERT"), "the title is shown");
    assert!(!out.contains("\u{1b}[31mALERT"), "SGR from the rubric");
    assert!(!out.contains("\u{1b}]"), "OSC from the rubric");
    assert!(!out.contains('\u{7}') && !out.contains('\u{8}'));
}
