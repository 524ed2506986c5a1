//! Sharing (issue 16): `--redact` leaving every money amount out, `--name`,
//! compare labels that tell rows apart, ASCII slugs and Markdown that
//! escapes only what it must. `--png` is in tests/png.rs.

use crate::common;

use std::path::{Path, PathBuf};

use crate::common::{assess, example, files};

/// Every way a money amount can be written: 150000, 150,000, $150,000,
/// 150k, 150K, 150 000, 150.000.
fn spellings(amount: f64) -> Vec<String> {
    let n = amount.round() as i64;
    let plain = n.to_string();
    let grouped = |sep: &str| {
        let digits: Vec<char> = plain.chars().collect();
        let mut out = String::new();
        for (i, c) in digits.iter().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 {
                out.push_str(sep);
            }
            out.push(*c);
        }
        out
    };
    let mut all = vec![
        plain.clone(),
        grouped(","),
        format!("${}", grouped(",")),
        grouped(" "),
        grouped("."),
    ];
    if n % 1000 == 0 {
        all.push(format!("{}k", n / 1000));
        all.push(format!("{}K", n / 1000));
    }
    all
}

/// Whether `text` holds `form` as a whole number: no digit, or decimal
/// point and digit, right before or after it (58.45537640000383 does not
/// hold 40000).
fn shows(text: &str, form: &str) -> bool {
    let b = text.as_bytes();
    text.match_indices(form).any(|(at, _)| {
        let before = at.checked_sub(1).map(|i| b[i]);
        let after = b.get(at + form.len()).copied();
        let after2 = b.get(at + form.len() + 1).copied();
        let digit = |c: Option<u8>| c.is_some_and(|c| c.is_ascii_digit());
        let before2 = at.checked_sub(2).map(|i| b[i]);
        // Part of a longer number: 1,140,000 or 58.4553764000.
        let glued_before =
            digit(before) || before == Some(b'.') || (before == Some(b',') && digit(before2));
        let glued_after = digit(after) || (matches!(after, Some(b'.' | b',')) && digit(after2));
        !glued_before && !glued_after
    })
}

/// The money amounts of a rubric (its inputs) and of its unredacted
/// assessment (stay value, role pay, strategy values), at least 1,000.
fn amounts(rubric: &Path) -> Vec<f64> {
    let doc: toml::Value = toml::from_str(&common::read(rubric)).unwrap();
    let mut out = Vec::new();
    let mut push = |v: Option<&toml::Value>| {
        let mut add = |x: &toml::Value| {
            if let Some(f) = x.as_float().or_else(|| x.as_integer().map(|i| i as f64)) {
                out.push(f);
            }
        };
        match v {
            Some(toml::Value::Array(items)) => items.iter().for_each(&mut add),
            Some(x) => add(x),
            None => {}
        }
    };
    let candidate = &doc["candidate"];
    push(candidate.get("current_salary"));
    push(candidate.get("current_equity"));
    for role in doc["roles"].as_table().unwrap().values() {
        push(role.get("salary"));
        if let Some(pay) = role.get("pay") {
            for key in ["base", "sign_on", "rsu"] {
                push(pay.get(key));
            }
        }
    }
    let json = common::assess_json(rubric);
    out.push(json["stay_value"].as_f64().unwrap());
    for role in json["roles"].as_object().unwrap().values() {
        out.push(role["salary"].as_f64().unwrap());
        out.push(role["pay"]["base"].as_f64().unwrap());
    }
    for s in json["strategies"].as_array().unwrap() {
        out.push(s["expected_value"]["point"].as_f64().unwrap());
    }
    out.retain(|v| v.abs() >= 1000.0);
    out
}

#[test]
fn amounts_are_found_in_every_spelling_and_only_as_whole_numbers() {
    for text in [
        "pay 150000.",
        "pay 150,000",
        "$150,000",
        "150k",
        "150 000 a year",
    ] {
        assert!(
            spellings(150_000.0).iter().any(|f| shows(text, f)),
            "{text}"
        );
    }
    assert!(
        !spellings(40_000.0)
            .iter()
            .any(|f| shows("58.45537640000383", f))
    );
    assert!(!spellings(40_000.0).iter().any(|f| shows("1,140,000", f)));
}

#[test]
fn redact_leaves_no_money_amount_in_any_file_or_on_stdout() {
    let examples = common::repo().join("rubrics/examples");
    for entry in std::fs::read_dir(&examples).unwrap() {
        let rubric = entry.unwrap().path();
        let amounts = amounts(&rubric);
        assert!(amounts.len() >= 5, "{}: {amounts:?}", rubric.display());
        let dir = tempfile::tempdir().unwrap();
        let mut shown: Vec<(String, Vec<u8>)> = Vec::new();
        for format in ["text", "markdown", "json"] {
            // Each run writes the folder anew; the last one's files are
            // read below, so only it draws the PNGs (the text and Markdown
            // reports on stdout are the same with or without them).
            let png: &[&str] = if format == "json" { &["--png"] } else { &[] };
            let args = [&["--redact", "--format", format][..], png].concat();
            let stdout = assess(dir.path(), &rubric, &args);
            shown.push((format!("stdout ({format})"), stdout.into_bytes()));
        }
        let written = files(&common::result_folder(dir.path()));
        // pay.svg and pay.png are not written under --redact (DESIGN.md v3).
        assert_eq!(written.len(), 3 + 16, "{:?}", written.keys());
        assert!(!written.contains_key("pay.svg"));
        shown.extend(written.clone());
        for (name, bytes) in &shown {
            let text = String::from_utf8_lossy(bytes);
            for amount in &amounts {
                for form in spellings(*amount) {
                    assert!(
                        !shows(&text, &form),
                        "{}: {name} shows {form} ({amount})",
                        rubric.display()
                    );
                }
            }
        }
        // summary.json: money withheld, and it says so.
        let summary: serde_json::Value = serde_json::from_slice(&written["summary.json"]).unwrap();
        assert_eq!(summary["redacted"], true);
        assert!(summary.get("money_unit").is_none());
        assert!(summary["stay_value"].is_null());
        // The reports say in one line what is withheld.
        let md = String::from_utf8_lossy(&written["report.md"]);
        assert!(md.contains("is withheld"), "{md}");
    }
}

/// v2 divided by the recommended value when staying paid nothing; v3
/// withholds whatever staying pays (withheld::* covers every field).
#[test]
fn staying_that_pays_nothing_is_withheld_too() {
    let dir = tempfile::tempdir().unwrap();
    let text = common::read(&example())
        .replace("current_salary = 150000", "current_salary = 0")
        .replace("current_equity = [10000, 10000]", "current_equity = []");
    let rubric = common::write(dir.path(), "zero.toml", &text);
    let json: serde_json::Value = serde_json::from_str(&assess(
        dir.path(),
        &rubric,
        &[
            "--format",
            "json",
            "--samples",
            "0",
            "--no-charts",
            "--redact",
        ],
    ))
    .unwrap();
    assert!(json.get("money_unit").is_none());
    assert!(json["stay_value"].is_null());
    for s in json["strategies"].as_array().unwrap() {
        assert!(s["expected_value"]["point"].is_null(), "{s}");
    }
}

#[test]
fn name_overrides_the_candidate_for_anonymous_sharing() {
    let dir = tempfile::tempdir().unwrap();
    let stdout = assess(
        dir.path(),
        &example(),
        &["--name", "Candidate A", "--no-charts"],
    );
    assert!(stdout.contains("Candidate A") && !stdout.contains("Sam Rivera"));
    let out = dir.path().join("output/candidate-a");
    for file in ["report.md", "report.html", "summary.json"] {
        let text = common::read(&out.join(file));
        assert!(!text.contains("Sam Rivera"), "{file}");
        assert!(text.contains("Candidate A"), "{file}");
    }
    let blank = common::rolefit(dir.path())
        .args(["assess", "--name", " "])
        .arg(example())
        .output()
        .unwrap();
    assert_eq!(blank.status.code(), Some(2));
}

/// The README's own example: two files a month apart, names with a month.
#[test]
fn compare_labels_the_readme_example_rows_differently() {
    let dir = tempfile::tempdir().unwrap();
    let base = common::read(&example());
    common::write(dir.path(), "sam-2026-01.toml", &base);
    common::write(
        dir.path(),
        "sam-2026-03.toml",
        &base.replace("score = 3.5\n", "score = 4\n"),
    );
    let out = common::rolefit(dir.path())
        .args(["compare", "sam-2026-01.toml", "sam-2026-03.toml"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(table.contains("Sam Rivera (2026-01)"), "{table}");
    assert!(table.contains("Sam Rivera (2026-03)"), "{table}");
    // A long name is cut, never the date that tells the rows apart.
    let long = base.replace("Sam Rivera", "Priya Natarajan-Venkataraghavan Subramanian");
    common::write(dir.path(), "priya-2026-01.toml", &long);
    common::write(
        dir.path(),
        "priya-2026-03.toml",
        &long.replace("score = 3.5\n", "score = 4\n"),
    );
    let out = common::rolefit(dir.path())
        .args(["compare", "priya-2026-01.toml", "priya-2026-03.toml"])
        .output()
        .unwrap();
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(
        table.contains("… (2026-01)") && table.contains("… (2026-03)"),
        "{table}"
    );
    for line in table.lines() {
        assert!(line.chars().count() <= 80, "{line}");
    }
    // Same name, same date, different files: the stems tell them apart.
    common::write(dir.path(), "twin-a.toml", &base);
    common::write(dir.path(), "twin-b.toml", &base);
    let out = common::rolefit(dir.path())
        .args(["compare", "twin-a.toml", "twin-b.toml", "--format", "json"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let labels: Vec<&str> = json["rubrics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["Sam Rivera (twin-a)", "Sam Rivera (twin-b)"]);
}

#[test]
fn compare_redact_withholds_every_amount_and_gain() {
    let dir = tempfile::tempdir().unwrap();
    let examples: Vec<PathBuf> = std::fs::read_dir(common::repo().join("rubrics/examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let mut amounts_all = Vec::new();
    for rubric in &examples {
        amounts_all.extend(amounts(rubric));
    }
    for format in ["text", "markdown", "json"] {
        let out = common::rolefit(dir.path())
            .args(["compare", "--redact", "--png", "--format", format])
            .args(&examples)
            .output()
            .unwrap();
        assert!(out.status.success());
        let mut shown = vec![String::from_utf8_lossy(&out.stdout).into_owned()];
        for file in ["compare.svg", "compare.png"] {
            shown.push(
                String::from_utf8_lossy(
                    &std::fs::read(dir.path().join("output").join(file)).unwrap(),
                )
                .into_owned(),
            );
        }
        for text in &shown {
            for amount in &amounts_all {
                for form in spellings(*amount) {
                    assert!(!shows(text, &form), "{format}: {form} shown");
                }
            }
        }
        if format == "json" {
            let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            assert_eq!(json["redacted"], true);
            for row in json["rubrics"].as_array().unwrap() {
                assert!(row["stay_value"].is_null());
                assert!(row["best"]["gain_share"].is_null());
                assert!(row.get("money_unit").is_none());
                let rubric = row["rubric"].as_str().unwrap();
                assert!(!rubric.ends_with(".toml"), "the file name: {rubric}");
            }
        }
    }
}

#[test]
fn slugs_are_transliterated_to_ascii() {
    let dir = tempfile::tempdir().unwrap();
    let text = common::read(&example()).replace("Sam Rivera", "José Núñez-Ødegård");
    let rubric = common::write(dir.path(), "jose.toml", &text);
    assess(dir.path(), &rubric, &["--no-charts", "-q"]);
    assert!(
        dir.path()
            .join("output/jose-nunez-odegard/report.md")
            .exists()
    );
}

#[test]
fn markdown_escapes_only_where_markdown_needs_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = common::rolefit(dir.path())
        .env("SOURCE_DATE_EPOCH", "1795651200") // 2026-11-26
        .args(["assess", "--no-charts", "-q"])
        .arg(example())
        .output()
        .unwrap();
    assert!(out.status.success());
    let md = common::read(&dir.path().join("output/sam-rivera/report.md"));
    let version = env!("CARGO_PKG_VERSION");
    assert!(
        md.contains(&format!("Made 2026-11-26 by rolefit {version} from ")),
        "{md}"
    );
    assert!(!md.contains("\\-") && !md.contains("\\."), "{md}");
}
