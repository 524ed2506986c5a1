//! `rolefit compare`: rubrics side by side, in text, JSON and Markdown, and
//! compare.svg.

use crate::common;

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
    // Strategies by label, not id; the gain over each person's own staying.
    assert!(table.contains("fit pm/pmt") && table.contains("gain over staying"));
    assert!(
        table.contains("best: Apply as ") && !table.contains("apply:"),
        "{table}"
    );
    for line in table.lines() {
        assert!(line.chars().count() <= 80, "{line}");
    }
    let svg = common::read(&dir.path().join("output/compare.svg"));
    // The numbers the chart should plot, from the same rubrics as JSON.
    let out = common::rolefit(dir.path())
        .args(["compare", "--format", "json"])
        .args(&paths)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let rows = json["rubrics"].as_array().unwrap();
    assert_eq!(rows.len(), 3);
    let doc = roxmltree::Document::parse(&svg).expect("well-formed");
    // Long labels wrap onto two lines: read every text as one line.
    let texts: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    let text = texts.join(" ");
    assert!(texts.iter().any(|t| t == "Sam Rivera — progress"), "{text}");
    for row in rows {
        // Each rubric's tag (its date here, one person) under its point …
        let label = row["tag"].as_str().unwrap();
        assert!(texts.iter().any(|t| t == label), "{label} missing:\n{text}");
        // … its fit per role, to whole points, beside the dots …
        for role in ["pm", "pmt"] {
            let fit = format!("{:.0}", row["fit"][role].as_f64().unwrap());
            assert!(texts.contains(&fit), "{label} fit {role} {fit}:\n{text}");
        }
    }
    // The legend names roles by title, in words.
    assert!(
        texts
            .iter()
            .any(|t| t == "Fit as Product Manager – Technical"),
        "{text}"
    );
    assert!(!text.contains("fit pm"), "{text}");
    // Dots: one per rubric for each role's fit, then one per rubric for the
    // best strategy's gain over staying, in that order, left to right.
    let circles: Vec<(f64, f64, &str)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("circle"))
        .map(|n| {
            let num = |a: &str| n.attribute(a).unwrap().parse::<f64>().unwrap();
            (num("cx"), num("cy"), n.attribute("fill").unwrap())
        })
        .collect();
    assert_eq!(circles.len(), rows.len() * 3, "{circles:?}");
    let value = |series: usize, i: usize| match series {
        0 => rows[i]["fit"]["pm"].as_f64().unwrap(),
        1 => rows[i]["fit"]["pmt"].as_f64().unwrap(),
        _ => rows[i]["best"]["gain_share"].as_f64().unwrap(),
    };
    for (series, dots) in circles.chunks(rows.len()).enumerate() {
        assert!(dots.iter().all(|d| d.2 == dots[0].2), "one colour a series");
        for i in 0..rows.len() {
            // Every series puts rubric i at the same x, left of rubric i + 1.
            assert_eq!(dots[i].0, circles[i].0, "series {series} dot {i} x");
            if i + 1 < rows.len() {
                assert!(dots[i].0 < dots[i + 1].0, "series {series} in order");
            }
            // Higher values sit higher (smaller y).
            for k in 0..rows.len() {
                if value(series, i) > value(series, k) + 1e-9 {
                    assert!(
                        dots[i].1 <= dots[k].1,
                        "series {series}: dot {i} should not be below dot {k}: {dots:?}"
                    );
                }
            }
        }
    }
    let colours: std::collections::BTreeSet<&str> = circles.iter().map(|c| c.2).collect();
    assert_eq!(
        colours.len(),
        3,
        "pm, pmt and the gain in their own colours"
    );
    // No value label covers a dot: a label's box (its font size tall, its
    // anchor at x) stays clear of every dot's centre.
    for n in doc.descendants().filter(|n| n.has_tag_name("text")) {
        let Some(t) = n.text().map(str::trim) else {
            continue;
        };
        if !(t.chars().all(|c| c.is_ascii_digit()) || t.ends_with('%')) || t.is_empty() {
            continue;
        }
        let num = |a: &str| n.attribute(a).unwrap().parse::<f64>().unwrap();
        let (x, y, size) = (num("x"), num("y"), num("font-size"));
        let half = size * 0.6 * t.chars().count() as f64 / 2.0;
        let (top, bottom) = match n.attribute("dy") {
            Some("-0.5ex") => (y - size, y),
            Some("0.76em") => (y, y + size),
            _ => (y - size / 2.0, y + size / 2.0),
        };
        for (cx, cy, _) in &circles {
            let inside = (x - half..=x + half).contains(cx) && (top..=bottom).contains(cy);
            assert!(
                !inside,
                "label {t:?} at ({x}, {y}) covers the dot at ({cx}, {cy})"
            );
        }
    }
    resvg::usvg::Tree::from_str(&svg, &resvg::usvg::Options::default()).expect("usvg parses it");
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
    let best = &rows[0]["best"];
    let gain = best["expected_value"].as_f64().unwrap() - rows[0]["stay_value"].as_f64().unwrap();
    assert!((best["gain"].as_f64().unwrap() - gain).abs() < 1e-6);
    assert!(
        (best["gain_share"].as_f64().unwrap() - gain / rows[0]["stay_value"].as_f64().unwrap())
            .abs()
            < 1e-12
    );
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
