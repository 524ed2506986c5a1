//! Every command that reads rubrics takes files, folders and globs alike
//! (src/inputs.rs): `validate` and `compare` as `assess` does.

use crate::common::{repo, rolefit};

/// A folder holding two of the examples (and a file that is not a rubric).
fn two_examples() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for name in ["experienced-pm.toml", "mba-pm.toml"] {
        std::fs::copy(
            repo().join("rubrics/examples").join(name),
            dir.path().join(name),
        )
        .expect("copy example");
    }
    std::fs::write(dir.path().join("notes.txt"), "not a rubric").expect("write");
    dir
}

#[test]
fn validate_takes_a_folder_and_a_glob() {
    let dir = two_examples();
    for arg in [".", "*.toml"] {
        let out = rolefit(dir.path())
            .args(["validate", arg])
            .output()
            .unwrap();
        assert!(out.status.success(), "{arg}: {out:?}");
        let stdout = String::from_utf8_lossy(&out.stdout);
        // One line per rubric; indented warnings (the story bank's) under it.
        let lines: Vec<&str> = stdout.lines().filter(|l| !l.starts_with(' ')).collect();
        assert_eq!(lines.len(), 2, "{arg}: {stdout}");
        assert!(lines[0].contains("experienced-pm.toml: valid"), "{stdout}");
        assert!(lines[1].contains("mba-pm.toml: valid"), "{stdout}");
    }
}

#[test]
fn compare_takes_a_folder_and_a_glob() {
    let dir = two_examples();
    for arg in [".", "*.toml"] {
        let out = rolefit(dir.path())
            .args(["compare", arg, "--format", "json", "--out", "cmp"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{arg}: {out:?}");
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        let names: Vec<&str> = doc["rubrics"]
            .as_array()
            .expect("rubrics")
            .iter()
            .map(|r| r["name"].as_str().unwrap_or(""))
            .collect();
        assert_eq!(names, ["Sam Rivera", "Priya Raman"], "{arg}");
        assert!(dir.path().join("cmp/compare.svg").is_file());
    }
}

#[test]
fn compare_needs_two_rubrics_after_expansion() {
    let dir = two_examples();
    let out = rolefit(dir.path())
        .args(["compare", "mba-pm.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("at least two rubrics"), "{stderr}");
    // A glob that matches one rubric is one rubric too.
    let out = rolefit(dir.path())
        .args(["compare", "mba*.toml"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    assert!(!dir.path().join("output").exists(), "nothing written");
}

#[test]
fn a_folder_without_rubrics_is_missing_input() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("empty")).unwrap();
    // A folder named like a rubric is still a folder.
    std::fs::create_dir(dir.path().join("x.toml")).unwrap();
    for folder in ["empty", "x.toml"] {
        for command in ["assess", "validate"] {
            let out = rolefit(dir.path())
                .args([command, folder])
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(66), "{command} {folder}: {out:?}");
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(stderr.contains("holds no rubric"), "{stderr}");
        }
    }
    let out = rolefit(dir.path())
        .args(["compare", "empty"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("named none"));
}
