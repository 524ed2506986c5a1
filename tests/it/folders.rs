//! A results folder is never overwritten with another rubric's results
//! (DESIGN.md "Command line", issue #24 point 2).

use std::path::Path;

use crate::common;

/// Writes the bundled example twice under two file names (one person, two
/// attempts) and returns their names.
fn two_attempts(dir: &Path) -> [&'static str; 2] {
    let text = common::read(&common::example());
    common::write(dir, "sam-2026-01.toml", &text);
    let later = text.replace("current_salary = 150000", "current_salary = 160000");
    common::write(dir, "sam-2026-06.toml", &later);
    ["sam-2026-01.toml", "sam-2026-06.toml"]
}

fn assess(dir: &Path, args: &[&str]) -> (String, String) {
    let out = common::rolefit(dir)
        .args(["assess", "--samples", "0", "--quiet"])
        .args(args)
        .output()
        .expect("run rolefit");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn summary(dir: &Path, folder: &str) -> serde_json::Value {
    let path = dir.join("output").join(folder).join("summary.json");
    serde_json::from_str(&common::read(&path)).unwrap()
}

#[test]
fn a_later_rubric_never_overwrites_an_earlier_ones_results() {
    let dir = tempfile::tempdir().unwrap();
    let [first, second] = two_attempts(dir.path());
    assess(dir.path(), &[first]);
    let before = summary(dir.path(), "sam-rivera");
    let out = common::rolefit(dir.path())
        .args(["assess", "--samples", "0", second])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("another rubric's results") && stderr.contains("sam-rivera-sam-2026-06"),
        "{stderr}"
    );
    assert_eq!(
        summary(dir.path(), "sam-rivera"),
        before,
        "the first is kept"
    );
    assert_eq!(
        summary(dir.path(), "sam-rivera-sam-2026-06")["rubric"],
        second
    );
    // The first rubric again: its own folder, not a new one.
    assess(dir.path(), &[first]);
    let folders = std::fs::read_dir(dir.path().join("output"))
        .unwrap()
        .count();
    assert_eq!(folders, 2);
    // The marker says which rubric made a folder without naming it.
    for folder in ["sam-rivera", "sam-rivera-sam-2026-06"] {
        let marker = dir
            .path()
            .join("output")
            .join(folder)
            .join(".rolefit-rubric");
        let text = common::read(&marker);
        assert!(!text.contains("sam-2026"), "{text}");
        assert!(!text.contains(".toml"), "{text}");
    }
}

#[test]
fn with_redact_the_other_folder_is_numbered_so_no_file_name_appears() {
    let dir = tempfile::tempdir().unwrap();
    let [first, second] = two_attempts(dir.path());
    assess(dir.path(), &["--redact", first]);
    let out = common::rolefit(dir.path())
        .args(["assess", "--samples", "0", "--redact", second])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("sam-rivera-2"), "{stderr}");
    assert!(!stderr.contains("2026"), "{stderr}");
    assert!(
        dir.path()
            .join("output/sam-rivera-2/summary.json")
            .is_file()
    );
}

#[test]
fn each_wrote_line_of_a_batch_names_its_rubric_unless_redacted() {
    let dir = tempfile::tempdir().unwrap();
    let [first, second] = two_attempts(dir.path());
    let out = common::rolefit(dir.path())
        .args(["assess", "--samples", "0", first, second])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    for rubric in [first, second] {
        assert!(
            stderr
                .lines()
                .any(|l| l.starts_with("wrote") && l.contains(rubric)),
            "{stderr}"
        );
    }
    let out = common::rolefit(dir.path())
        .args([
            "assess",
            "--samples",
            "0",
            "--redact",
            "--out",
            "shared",
            first,
            second,
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("2026"), "{stderr}");
}
