//! `rolefit fill`: answers go into the file at once, keeping its comments
//! and layout; quitting or Ctrl-C at any point keeps every answer given.

use crate::common;

use std::path::Path;

use predicates::prelude::*;

/// The comment lines and the non-answer lines of a rubric, which filling
/// must leave as they were.
fn skeleton(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| {
            !l.starts_with("score =")
                && !l.starts_with("confidence =")
                && !l.starts_with("evidence =")
        })
        .map(String::from)
        .collect()
}

fn blank_rubric(dir: &Path) -> std::path::PathBuf {
    common::rolefit(dir)
        .args(["init", "r.toml", "--name", "Filler", "--salary", "100000"])
        .assert()
        .success();
    dir.join("r.toml")
}

#[test]
fn piped_answers_are_written_keeping_comments_and_layout() {
    let dir = tempfile::tempdir().unwrap();
    let path = blank_rubric(dir.path());
    let before = common::read(&path);
    // The route first: Enter keeps it. 1st competency: score, confidence,
    // evidence. 2nd: a half score, keep the rest. 3rd: an out-of-range
    // score is refused with the validator's words and asked again; then
    // the input ends.
    common::rolefit(dir.path())
        .args(["fill", "r.toml"])
        .write_stdin("\n4\nhigh\nRebuilt onboarding; churn fell 12%.\n3.5\n\n\n9\n2\n")
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "`invent-and-simplify.score` = 9 is out of range; must be on the scale 1–5",
        ))
        .stdout(predicates::str::contains(
            "25 of 28 competencies have no score yet",
        ));
    let after = common::read(&path);
    assert_eq!(
        skeleton(&after),
        skeleton(&before),
        "comments and layout kept"
    );
    let answers: Vec<&str> = after
        .lines()
        .filter(|l| {
            l.starts_with("score =") || l.starts_with("confidence =") || l.starts_with("evidence =")
        })
        .collect();
    assert_eq!(
        answers,
        [
            "score = 4",
            "confidence = \"high\"",
            "evidence = \"Rebuilt onboarding; churn fell 12%.\"",
            "score = 3.5",
            "score = 2"
        ]
    );
    // Each answer sits in its own competency, right after its bar.
    let customer = after.find("id = \"customer-obsession\"").unwrap();
    let ownership = after.find("id = \"ownership\"").unwrap();
    assert!(after[customer..ownership].contains("score = 4"));
    common::rolefit(dir.path())
        .args(["validate", "r.toml"])
        .assert()
        .success()
        .stdout(predicates::str::contains("25 of 28"));
    assert!(
        !dir.path().join("r.toml.bak").exists(),
        "backup removed after a clean finish"
    );
}

#[test]
fn only_blank_and_group_choose_the_questions() {
    let dir = tempfile::tempdir().unwrap();
    blank_rubric(dir.path());
    common::rolefit(dir.path())
        .args(["fill", "r.toml", "--group", "technical"])
        .write_stdin("5\n")
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "[1/6] Technical depth — System design",
        ))
        .stdout(predicates::str::contains("Route").not());
    common::rolefit(dir.path())
        .args(["fill", "r.toml", "--group", "technical", "--only-blank"])
        .write_stdin("")
        .assert()
        .success()
        .stdout(predicates::str::contains("5 competencies"));
    common::rolefit(dir.path())
        .args(["fill", "r.toml", "--group", "nope"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("leadership, product, technical"));
}

#[test]
fn init_fill_assess_end_to_end() {
    let dir = tempfile::tempdir().unwrap();
    blank_rubric(dir.path());
    // Keep the route; score every competency 4 with high confidence, no
    // stories.
    let answers = format!("\n{}", "4\nhigh\n\n".repeat(28));
    common::rolefit(dir.path())
        .args(["fill", "r.toml"])
        .write_stdin(answers)
        .assert()
        .success()
        .stdout(predicates::str::contains("Fit (0–100): Product Manager"));
    common::rolefit(dir.path())
        .args(["assess", "r.toml", "--quiet"])
        .assert()
        .success();
    assert!(dir.path().join("output/filler/report.html").exists());
}

#[test]
fn a_terminal_session_interrupted_keeps_every_answer() {
    let dir = tempfile::tempdir().unwrap();
    let path = blank_rubric(dir.path());
    let before = common::read(&path);
    let command = format!(
        "{} fill {}",
        assert_cmd::cargo::cargo_bin("rolefit").display(),
        path.display()
    );
    let mut session = rexpect::spawn(&command, Some(20_000)).expect("spawn in a pseudo-terminal");
    // rexpect reads bytes one by one: match ASCII only.
    session.exp_string("[careers-site]: ").unwrap();
    session.send_line("").unwrap();
    session.exp_string("5 [blank]: ").unwrap();
    session.send_line("4").unwrap();
    session.exp_string("Confidence").unwrap();
    session.send_line("medium").unwrap();
    session.exp_string("Evidence").unwrap();
    session.send_line("Ran 40 customer calls.").unwrap();
    session.exp_string("[2/28]").unwrap();
    session.exp_string("5 [blank]: ").unwrap();
    session.send_line("3").unwrap();
    session.exp_string("Confidence").unwrap();
    // Ctrl-C in the middle of the second competency.
    session.send_control('c').unwrap();
    session.exp_eof().unwrap();
    let after = common::read(&path);
    assert_eq!(
        skeleton(&after),
        skeleton(&before),
        "comments and layout kept"
    );
    assert!(
        after.contains("score = 4\nconfidence = \"medium\"\nevidence = \"Ran 40 customer calls.\"")
    );
    let ownership = after.find("id = \"ownership\"").unwrap();
    assert!(
        after[ownership..].contains("score = 3"),
        "the second answer was saved"
    );
    // Interrupted: the backup of the original is still there.
    assert_eq!(common::read(&dir.path().join("r.toml.bak")), before);
    common::rolefit(dir.path())
        .args(["validate", "r.toml"])
        .assert()
        .success();
}

/// The `route = …` line of a rubric's text.
fn route_line(text: &str) -> &str {
    text.lines()
        .find(|l| l.starts_with("route ="))
        .unwrap_or_else(|| panic!("no route line in:\n{text}"))
}

/// The route comment of the bundled rubric, which answering keeps.
const ROUTE_COMMENT: &str =
    "# careers-site | referral | recruiter: how your application reaches the team";

#[test]
fn the_route_is_asked_first_and_saved_keeping_its_comment() {
    let dir = tempfile::tempdir().unwrap();
    let path = blank_rubric(dir.path());
    let before = common::read(&path);
    assert!(route_line(&before).starts_with("route = \"careers-site\""));
    // 2 = referral; then quit before the first competency.
    common::rolefit(dir.path())
        .args(["fill", "r.toml"])
        .write_stdin("2\nq\n")
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "1 careers-site — you apply cold through amazon.jobs",
        ))
        .stdout(predicates::str::contains(
            "2 referral — an Amazon employee refers you",
        ))
        .stdout(predicates::str::contains(
            "3 recruiter — a recruiter approached you",
        ))
        .stdout(predicates::str::contains("[careers-site]: "))
        .stdout(predicates::str::contains("[1/28]"));
    let after = common::read(&path);
    let line = route_line(&after);
    assert!(line.starts_with("route = \"referral\""), "{line}");
    assert!(line.contains(ROUTE_COMMENT), "comment kept: {line}");
    let others = |t: &str| {
        t.lines()
            .filter(|l| !l.starts_with("route ="))
            .map(String::from)
            .collect::<Vec<_>>()
    };
    assert_eq!(others(&after), others(&before), "nothing else changed");
    assert!(!dir.path().join("r.toml.bak").exists());
    // Scores are still blank: a valid template.
    common::rolefit(dir.path())
        .args(["validate", "r.toml"])
        .assert()
        .success();

    // Next time the current value is shown; a bad answer is asked again;
    // the id works in any case; Enter keeps.
    common::rolefit(dir.path())
        .args(["fill", "r.toml"])
        .write_stdin("7\nheadhunter\nRECRUITER\nq\n")
        .assert()
        .success()
        .stdout(predicates::str::contains("[referral]: "))
        .stdout(predicates::str::contains("a number from 1 to 3"));
    let line = route_line(&common::read(&path)).to_string();
    assert!(line.starts_with("route = \"recruiter\""), "{line}");
    assert!(line.contains(ROUTE_COMMENT), "{line}");
    common::rolefit(dir.path())
        .args(["fill", "r.toml"])
        .write_stdin("\nq\n")
        .assert()
        .success()
        .stdout(predicates::str::contains("[recruiter]: "));
    assert_eq!(route_line(&common::read(&path)), line);
}

#[test]
fn quitting_at_the_route_question_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = blank_rubric(dir.path());
    let before = common::read(&path);
    for input in ["q\n", ""] {
        common::rolefit(dir.path())
            .args(["fill", "r.toml"])
            .write_stdin(input)
            .assert()
            .success()
            .stdout(predicates::str::contains("[1/28]").not());
        assert_eq!(common::read(&path), before);
        assert!(!dir.path().join("r.toml.bak").exists());
    }
}

/// A template from `init` without `--name`/`--salary`: `fill` asks for
/// both first (each saved at once, the salary in place of the template's
/// commented-out example line), then the route and the scores.
#[test]
fn a_template_asks_for_the_name_and_the_salary_first() {
    let dir = tempfile::tempdir().unwrap();
    common::rolefit(dir.path())
        .args(["init", "r.toml"])
        .assert()
        .success();
    let before = common::read(&dir.path().join("r.toml"));
    assert!(
        before.contains("# current_salary = 150000"),
        "the placeholder"
    );
    // Name, salary (a bad answer is asked again), keep the route, then stop.
    common::rolefit(dir.path())
        .args(["fill", "r.toml"])
        .write_stdin("Ada Lovelace\nlots\n140,000\n\nq\n")
        .assert()
        .success()
        .stdout(predicates::str::contains("Your name"))
        .stdout(predicates::str::contains("an amount such as 150000"))
        .stdout(predicates::str::contains("Still to fill"));
    let after = common::read(&dir.path().join("r.toml"));
    assert!(after.contains("name = \"Ada Lovelace\""), "{after}");
    let salary = after
        .lines()
        .find(|l| l.starts_with("current_salary"))
        .expect("the salary key");
    assert!(
        salary.starts_with("current_salary = 140000") && salary.contains("# required"),
        "{salary}"
    );
    assert_eq!(after.lines().count(), before.lines().count(), "in place");
    // Only the scores are left.
    common::rolefit(dir.path())
        .args(["validate", "r.toml"])
        .assert()
        .success()
        .stdout(predicates::str::contains("name is blank").not())
        .stdout(predicates::str::contains("current_salary is missing").not())
        .stdout(predicates::str::contains("28 of 28 competencies"));
}

/// In a terminal: an answer the validator refuses is refused at the
/// prompt with the validator's own words and asked again; a confidence
/// and an evidence line answered, then Ctrl-C: the file holds them and
/// validates.
#[test]
fn a_terminal_session_refuses_what_the_validator_refuses_and_ctrl_c_keeps_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let path = blank_rubric(dir.path());
    let command = format!(
        "{} fill {} --group technical",
        assert_cmd::cargo::cargo_bin("rolefit").display(),
        path.display()
    );
    let mut s = rexpect::spawn(&command, Some(20_000)).expect("spawn in a pseudo-terminal");
    // rexpect reads bytes one by one: match ASCII only.
    s.exp_string("[1/6]").unwrap();
    s.exp_string("5 [blank]: ").unwrap();
    s.send_line("6").unwrap();
    s.exp_string("`system-design.score` = 6 is out of range; must be on the scale 1")
        .unwrap();
    s.exp_string("5 [blank]: ").unwrap();
    s.send_line("4").unwrap();
    s.exp_string("Confidence low/medium/high [medium]: ")
        .unwrap();
    s.send_line("0").unwrap();
    s.exp_string("use low, medium, high, or a standard deviation greater than 0")
        .unwrap();
    s.exp_string("[medium]: ").unwrap();
    s.send_line("hi").unwrap();
    s.exp_string("Evidence, a one-line story [none]: ").unwrap();
    s.send_line("Designed the ingest pipeline.").unwrap();
    s.exp_string("[2/6]").unwrap();
    s.exp_string("5 [blank]: ").unwrap();
    s.send_control('c').unwrap();
    s.exp_eof().unwrap();
    let after = common::read(&path);
    assert!(
        after.contains(
            "score = 4\nconfidence = \"high\"\nevidence = \"Designed the ingest pipeline.\""
        ),
        "{after}"
    );
    assert!(!after.contains("score = 6") && !after.contains("confidence = 0"));
    common::rolefit(dir.path())
        .args(["validate", "r.toml"])
        .assert()
        .success();
}

/// `fill --stories` keeps the comments inside a multi-line `principles`
/// array: entered again, the file does not change; reordered, each
/// comment stays with its principle.
#[test]
fn fill_stories_keeps_the_comments_inside_a_principles_array() {
    let dir = tempfile::tempdir().unwrap();
    let path = blank_rubric(dir.path());
    let mut text = common::read(&path);
    text.push_str(
        "\n[[story]]\nid = \"costs\"\ntitle = \"Cut costs\"\nprinciples = [\n  # the main one\n  \"frugality\", # saved 33%\n  \"ownership\", # I owned it\n  # more to come\n]\n",
    );
    std::fs::write(&path, &text).unwrap();
    // Story 1, keep the title and the four parts, then its principles by
    // number (ownership is 2, frugality 10), then stop.
    let answer = |numbers: &str| {
        common::rolefit(dir.path())
            .args(["fill", "r.toml", "--stories"])
            .write_stdin(format!("1\n\n\n\n\n\n{numbers}\nq\n"))
            .assert()
            .success();
        common::read(&path)
    };
    assert_eq!(answer("10 2"), text, "the same principles: nothing changes");
    let after = answer("2 10");
    assert!(
        after.ends_with(
            "principles = [\n  \"ownership\", # I owned it\n  # the main one\n  \"frugality\", # saved 33%\n  # more to come\n]\n"
        ),
        "{after}"
    );
}

/// Money is read one way only: `150000,50` and `150.000` are asked again
/// with an example, `150,000` and `150k` are what they look like; the same
/// rule for `init --salary`.
#[test]
fn ambiguous_money_is_asked_again_in_fill_and_refused_by_init() {
    let dir = tempfile::tempdir().unwrap();
    common::rolefit(dir.path())
        .args(["init", "r.toml", "--name", "Ada"])
        .assert()
        .success();
    common::rolefit(dir.path())
        .args(["fill", "r.toml"])
        .write_stdin("150000,50\n150.000\n150,500\nq\n")
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "`150000,50`: a comma or _ separates thousands, in groups of three",
        ))
        .stdout(predicates::str::contains(
            "`150.000` could be read two ways: write 150000 or 150,000",
        ));
    let text = common::read(&dir.path().join("r.toml"));
    assert!(text.contains("current_salary = 150500"), "{text}");
    for (salary, saved) in [
        ("150,000", "150000"),
        ("150k", "150000"),
        ("1.2m", "1200000"),
    ] {
        common::rolefit(dir.path())
            .args(["init", "s.toml", "--force", "--salary", salary])
            .assert()
            .success();
        let text = common::read(&dir.path().join("s.toml"));
        assert!(
            text.contains(&format!("current_salary = {saved}")),
            "{salary}"
        );
    }
    common::rolefit(dir.path())
        .args(["init", "t.toml", "--salary", "150.000"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("could be read two ways"));
    assert!(!dir.path().join("t.toml").exists());
}

/// An evidence line that fits the 1 MiB raw but not once escaped (each
/// control character is written as `\u0001`): asked again, not a failed
/// save that loses it.
#[test]
fn an_answer_too_long_once_escaped_is_asked_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = blank_rubric(dir.path());
    let controls = "\u{1}".repeat(300_000);
    common::rolefit(dir.path())
        .args(["fill", "r.toml", "--group", "technical"])
        .write_stdin(format!("4\nhigh\n{controls}\nDesigned it.\nq\n"))
        .assert()
        .success()
        .stdout(predicates::str::contains("that answer is too long to save"));
    let text = common::read(&path);
    assert!(
        text.contains("score = 4\nconfidence = \"high\"\nevidence = \"Designed it.\""),
        "the answers before and after are saved"
    );
}

/// In a terminal: a typo corrected by going back (`<`), `?` for help, a
/// blank score that skips its follow-ups, Ctrl-C that says how to resume,
/// then a rerun that starts where the first stopped, without the route.
#[test]
fn a_terminal_session_goes_back_stops_on_ctrl_c_and_resumes() {
    let dir = tempfile::tempdir().unwrap();
    let path = blank_rubric(dir.path());
    let fill = |args: &str| {
        let command = format!(
            "{} fill {}{args}",
            assert_cmd::cargo::cargo_bin("rolefit").display(),
            path.display()
        );
        rexpect::spawn(&command, Some(20_000)).expect("spawn in a pseudo-terminal")
    };
    let mut s = fill("");
    // rexpect reads bytes one by one: match ASCII only.
    s.exp_string("[careers-site]: ").unwrap();
    s.send_line("").unwrap();
    s.exp_string("5 [blank]: ").unwrap();
    s.send_line("3.7").unwrap();
    s.exp_string("Confidence low/medium/high [medium]: ")
        .unwrap();
    s.send_line("<").unwrap();
    s.exp_string("5 [3.7]: ").unwrap();
    s.send_line("?").unwrap();
    s.exp_string("The answer: a number from 1 to 5").unwrap();
    s.exp_string("< goes back one question").unwrap();
    s.exp_string("5 [3.7]: ").unwrap();
    s.send_line("4").unwrap();
    s.exp_string("[medium]: ").unwrap();
    s.send_line("hi").unwrap();
    s.exp_string("Evidence, a one-line story [none]: ").unwrap();
    s.send_line("").unwrap();
    // A blank score kept: on to the next competency at once.
    s.exp_string("[2/28]").unwrap();
    s.exp_string("5 [blank]: ").unwrap();
    s.send_line("").unwrap();
    let between = s.exp_string("[3/28]").unwrap();
    assert!(!between.contains("Confidence"), "{between}");
    s.exp_string("5 [blank]: ").unwrap();
    s.send_control('c').unwrap();
    s.exp_string("Stopped: every answer given is saved; resume with `rolefit fill")
        .unwrap();
    s.exp_eof().unwrap();
    let after = common::read(&path);
    assert!(
        after.contains("score = 4\nconfidence = \"high\"\n"),
        "{after}"
    );
    assert!(!after.contains("3.7"));
    assert!(dir.path().join("r.toml.bak").exists(), "interrupted: kept");

    // The rerun starts at the first competency without a score; `<` still
    // reaches the one before.
    let mut s = fill("");
    let before = s.exp_string("Resuming at [2/28]").unwrap();
    assert!(before.contains("Filling out"), "{before}");
    let before = s.exp_string("5 [blank]: ").unwrap();
    assert!(
        before.contains("[2/28]") && !before.contains("Route"),
        "{before}"
    );
    s.send_line("<").unwrap();
    s.exp_string("[1/28]").unwrap();
    s.exp_string("Evidence, a one-line story [none]: ").unwrap();
    s.send_line("q").unwrap();
    s.exp_string("resume with").unwrap();
    s.exp_eof().unwrap();
    // --only-blank resumes too, without the route.
    let mut s = fill(" --only-blank");
    let before = s.exp_string("5 [blank]: ").unwrap();
    assert!(
        before.contains("[1/27]") && !before.contains("Route"),
        "{before}"
    );
    s.send_line("q").unwrap();
    s.exp_eof().unwrap();
    assert!(
        !dir.path().join("r.toml.bak").exists(),
        "a clean end removes it"
    );
}
