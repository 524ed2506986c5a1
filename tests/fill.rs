//! `rolefit fill`: answers go into the file at once, keeping its comments
//! and layout; quitting or Ctrl-C at any point keeps every answer given.

mod common;

use std::path::Path;

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
    // 1st: score, confidence, evidence. 2nd: a half score, keep the rest.
    // 3rd: an out-of-range score is asked again; then the input ends.
    common::rolefit(dir.path())
        .args(["fill", "r.toml"])
        .write_stdin("4\nhigh\nRebuilt onboarding; churn fell 12%.\n3.5\n\n\n9\n2\n")
        .assert()
        .success()
        .stdout(predicates::str::contains("a number from 1 to 5"))
        .stdout(predicates::str::contains(
            "25 of 28 competencies still have no score",
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
        ));
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
    // Score every competency 4 with high confidence, no stories.
    let answers = "4\nhigh\n\n".repeat(28);
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
