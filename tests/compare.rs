//! `rolefit compare`: rubrics side by side, in text, JSON and Markdown, and
//! compare.svg.

mod common;

use std::path::PathBuf;

/// Sam Rivera at three dates, each stronger than the last.
fn progress(dir: &std::path::Path) -> Vec<PathBuf> {
    let base = common::read(&common::repo().join("rubrics/examples/experienced-pm.toml"));
    let versions = [
        ("sam-2026-01-15.toml", base.clone()),
        (
            "sam-2026-03-01.toml",
            base.replace("score = 3.5\n", "score = 4\n"),
        ),
        (
            "sam-may.toml",
            base.replace("score = 3.5\n", "score = 4.5\n")
                .replace("score = 3\n", "score = 4\n")
                .replace(
                    "current_salary = 150000",
                    "current_salary = 150000\ndate = 2026-05-20",
                ),
        ),
    ];
    versions
        .into_iter()
        .map(|(name, text)| common::write(dir, name, &text))
        .collect()
}

#[test]
fn compare_prints_the_table_and_writes_a_chart() {
    let dir = tempfile::tempdir().unwrap();
    let paths = progress(dir.path());
    let out = common::rolefit(dir.path())
        .arg("compare")
        .args(&paths)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let table = String::from_utf8(out.stdout).unwrap();
    // In the order given, dated from the file name or [candidate] date.
    let at = |s: &str| {
        table
            .find(s)
            .unwrap_or_else(|| panic!("{s} missing:\n{table}"))
    };
    assert!(at("Sam Rivera (2026-01-15)") < at("Sam Rivera (2026-03-01)"));
    assert!(at("Sam Rivera (2026-03-01)") < at("Sam Rivera (2026-05-20)"));
    assert!(table.contains("fit pm/pmt") && table.contains("apply:pmt"));
    for line in table.lines() {
        assert!(line.chars().count() <= 80, "{line}");
    }
    let svg = common::read(&dir.path().join("output/compare.svg"));
    let doc = roxmltree::Document::parse(&svg).expect("well-formed");
    let text: String = doc
        .descendants()
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(text.contains("Sam Rivera — progress"), "{text}");
    assert!(text.contains("Sam Rivera (2026-05-20)"));
    let tree =
        resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default()).expect("renders");
    assert!(tree.size().width() > 0.0);
}

#[test]
fn compare_as_json_and_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let paths = progress(dir.path());
    let out = common::rolefit(dir.path())
        .args(["compare", "--format", "json"])
        .args(&paths)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = json["rubrics"].as_array().unwrap();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[2]["date"], "2026-05-20");
    let fit = |i: usize| rows[i]["fit"]["pmt"].as_f64().unwrap();
    assert!(fit(0) < fit(1) && fit(1) < fit(2), "progress shows");
    assert!(rows[0]["best"]["expected_value"].as_f64().unwrap() > 0.0);
    assert!(
        json["outputs"][0]
            .as_str()
            .unwrap()
            .ends_with("compare.svg")
    );
    let md = common::rolefit(dir.path())
        .args(["compare", "--format", "markdown"])
        .args(&paths)
        .output()
        .unwrap();
    let md = String::from_utf8(md.stdout).unwrap();
    assert!(md.starts_with("| Rubric | Fit pm | Fit pmt |"), "{md}");
    assert_eq!(md.lines().count(), 5);
}

#[test]
fn a_bad_rubric_is_reported_and_the_rest_compared() {
    let dir = tempfile::tempdir().unwrap();
    let mut paths = progress(dir.path());
    paths.push(common::write(
        dir.path(),
        "bad.toml",
        "schema = 1\nroles = 3\n",
    ));
    let out = common::rolefit(dir.path())
        .arg("compare")
        .args(&paths)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(65));
    let table = String::from_utf8(out.stdout).unwrap();
    assert_eq!(table.matches("Sam Rivera (").count(), 3);
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.toml:2:"));
    common::rolefit(dir.path())
        .args(["compare"])
        .arg(&paths[0])
        .assert()
        .code(2);
}
