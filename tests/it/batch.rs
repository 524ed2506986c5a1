//! `assess` over a folder or a glob: every rubric assessed (in the order of
//! their names), failures reported without stopping the rest, a count at
//! the end, no progress bar when stderr is not a terminal.

use crate::common;

fn folder(dir: &std::path::Path, n: usize) -> std::path::PathBuf {
    let base = common::read(&common::repo().join("rubrics/examples/mba-pm.toml"));
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    for i in 0..n {
        let text = base.replacen(
            "name = \"Priya Raman\"",
            &format!("name = \"Person {i}\""),
            1,
        );
        common::write(&input, &format!("p{i}.toml"), &text);
    }
    common::write(&input, "notes.txt", "not a rubric");
    input
}

#[test]
fn a_folder_is_assessed_in_order_with_failures_reported_and_a_count() {
    let dir = tempfile::tempdir().unwrap();
    let input = folder(dir.path(), 5);
    common::write(&input, "p2b-broken.toml", "schema = 1\nroles = 3\n");
    let out = common::rolefit(dir.path())
        .args(["assess", "--no-charts", "--samples", "200", "--out", "out"])
        .arg(&input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(65), "the broken one counts");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let at = |s: &str| stdout.find(s).unwrap_or_else(|| panic!("{s} missing"));
    assert!(at("Person 0") < at("Person 1") && at("Person 1") < at("Person 2"));
    assert!(at("Person 2") < at("Person 3") && at("Person 3") < at("Person 4"));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("p2b-broken.toml:2:"), "{stderr}");
    assert!(
        stderr.contains("assessed 5 of 6 rubrics into out; 1 failed"),
        "{stderr}"
    );
    assert!(!stderr.contains('\r'), "no progress bar off a terminal");
    assert_eq!(
        std::fs::read_dir(dir.path().join("out")).unwrap().count(),
        5
    );
}

#[test]
fn a_glob_the_shell_did_not_expand_is_expanded() {
    let dir = tempfile::tempdir().unwrap();
    folder(dir.path(), 3);
    common::rolefit(dir.path())
        .args([
            "assess",
            "--quiet",
            "--no-charts",
            "--samples",
            "100",
            "--out",
            "out",
            "in/p*.toml",
        ])
        .assert()
        .success();
    assert_eq!(
        std::fs::read_dir(dir.path().join("out")).unwrap().count(),
        3
    );
    common::rolefit(dir.path())
        .args(["assess", "--quiet", "--out", "out", "nowhere/*.toml"])
        .assert()
        .code(66);
}

#[test]
fn batch_results_equal_one_by_one_results() {
    // Rubrics share the cores in a batch; the numbers must not change.
    let dir = tempfile::tempdir().unwrap();
    folder(dir.path(), 2);
    common::rolefit(dir.path())
        .args(["assess", "--quiet", "--no-charts", "--out", "batch", "in"])
        .assert()
        .success();
    common::rolefit(dir.path())
        .args([
            "assess",
            "--quiet",
            "--no-charts",
            "--out",
            "single",
            "in/p1.toml",
        ])
        .assert()
        .success();
    let batch = common::read(&dir.path().join("batch/person-1/summary.json"));
    let single = common::read(&dir.path().join("single/person-1/summary.json"));
    let strip = |s: &str| s.replace("batch/", "").replace("single/", "");
    assert_eq!(strip(&batch), strip(&single));
}

#[test]
fn rubrics_with_the_same_name_get_their_own_folders_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let example = common::repo().join("rubrics/examples/mba-pm.toml");
    let text = common::read(&example);
    let a = common::write(dir.path(), "a.toml", &text);
    let b = common::write(
        dir.path(),
        "b.toml",
        &text.replace("score = 4.5\n", "score = 4\n"),
    );
    common::rolefit(dir.path())
        .args([
            "assess",
            "--quiet",
            "--no-charts",
            "--samples",
            "100",
            "--out",
            "out",
        ])
        .arg(&a)
        .arg(&b)
        .assert()
        .success();
    let first = common::read(&dir.path().join("out/priya-raman/summary.json"));
    let second = common::read(&dir.path().join("out/priya-raman-2/summary.json"));
    assert!(first.contains("a.toml") && second.contains("b.toml"));
}
