//! `--redact` withholds every figure computed from money (DESIGN.md
//! "Readings fixed (v3)", issue #24 point 1): no amount, no share of one,
//! and no rubric file name in any file or on stdout; the JSON keeps its
//! shape with `null` where the amounts were.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

use crate::common;

/// The three examples, and one saved under a name that names its person.
const RUBRICS: [(&str, &str); 4] = [
    ("experienced-pm", "experienced-pm.toml"),
    ("engineer-to-product", "engineer-to-product.toml"),
    ("mba-pm", "mba-pm.toml"),
    ("mba-pm", "priya-raman-offer-2026.toml"),
];

/// Every stdout of `assess FILE --redact --png` in each format, and every
/// file written, as text (PNGs left out: their pixels are the SVGs').
fn redacted(dir: &Path, file: &str) -> BTreeMap<String, String> {
    let mut all = BTreeMap::new();
    for format in ["text", "json", "markdown"] {
        // The JSON run also writes the PNGs (its stdout lists them, and no
        // pay.png may be among them); the same SVGs give the same PNGs
        // whatever the format.
        let png: &[&str] = if format == "json" { &["--png"] } else { &[] };
        let out = common::rolefit(dir)
            .args(["assess", file, "--redact", "--samples", "300"])
            .args(png)
            .args(["--format", format, "--out", &format!("out-{format}")])
            .output()
            .expect("run rolefit");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        all.insert(
            format!("stdout {format}"),
            String::from_utf8(out.stdout).unwrap(),
        );
        let folder = dir.join(format!("out-{format}"));
        for entry in std::fs::read_dir(&folder).unwrap().flatten() {
            for file in std::fs::read_dir(entry.path()).unwrap().flatten() {
                let name = file.file_name().to_string_lossy().into_owned();
                assert!(
                    !name.starts_with("pay."),
                    "{name} is written under --redact"
                );
                if !name.ends_with(".png") {
                    all.insert(
                        format!("{format}/{name}"),
                        std::fs::read_to_string(file.path()).unwrap(),
                    );
                }
            }
        }
    }
    all
}

/// Every money amount of an unredacted JSON document (DESIGN.md "JSON"),
/// by where it is.
fn money(doc: &Value) -> Vec<(String, f64)> {
    let mut out = vec![(
        "stay_value".to_string(),
        doc["stay_value"].as_f64().unwrap(),
    )];
    let mut add = |at: String, v: &Value| {
        if let Some(x) = v.as_f64() {
            out.push((at, x));
        }
    };
    for (id, role) in doc["roles"].as_object().unwrap() {
        add(format!("{id}.salary"), &role["salary"]);
        let pay = &role["pay"];
        add(format!("{id}.base"), &pay["base"]);
        add(format!("{id}.rsu"), &pay["rsu"]);
        for key in ["sign_on", "by_year"] {
            for (i, v) in pay[key].as_array().unwrap().iter().enumerate() {
                add(format!("{id}.{key}[{i}]"), v);
            }
        }
    }
    for s in doc["strategies"].as_array().unwrap() {
        let id = s["id"].as_str().unwrap();
        for (k, v) in s["expected_value"].as_object().unwrap() {
            add(format!("{id}.ev.{k}"), v);
        }
        for (i, v) in s["by_year"].as_array().unwrap().iter().enumerate() {
            add(format!("{id}.by_year[{i}]"), v);
        }
    }
    out
}

#[test]
fn redacted_outputs_show_no_amount_no_share_and_no_file_name() {
    for (example, file) in RUBRICS {
        let dir = tempfile::tempdir().unwrap();
        let text = common::read(&common::repo().join(format!("rubrics/examples/{example}.toml")));
        let rubric = common::write(dir.path(), file, &text);
        let plain = common::assess_json(&rubric);
        let stem = file.trim_end_matches(".toml");
        let outputs = redacted(dir.path(), file);
        assert!(outputs.len() > 20, "{file}: only {:?}", outputs.keys());
        for (what, out) in &outputs {
            assert!(!out.contains(stem), "{file}: {what} names the rubric file");
            assert!(
                !out.contains("% of staying"),
                "{file}: {what} has shares of staying"
            );
            assert!(!out.contains("percentage of"), "{file}: {what} has shares");
            for (at, amount) in money(&plain) {
                if amount.abs() < 1000.0 {
                    continue;
                }
                let words = [
                    rolefit::testing::text::thousands(amount),
                    format!("{:.0}", amount.round()),
                ];
                for word in words {
                    assert!(!out.contains(&word), "{file}: {what} shows {at} = {word}");
                }
            }
        }
    }
}

/// Whether the number at `path` is money (DESIGN.md "JSON").
fn is_money(path: &[String]) -> bool {
    let p: Vec<&str> = path.iter().map(String::as_str).collect();
    matches!(
        p.as_slice(),
        ["stay_value"]
            | ["roles", _, "salary"]
            | ["roles", _, "pay", "base" | "rsu"]
            | ["roles", _, "pay", "sign_on" | "by_year", _]
            | ["strategies", _, "expected_value", _]
            | ["strategies", _, "by_year", _]
            | ["prep", "marginal" | "stories", _, "gain"]
            | ["prep", "plan", _, "value"]
            | ["prep", "routes", _, "value"]
    ) || matches!(p.as_slice(), ["sensitivity", "shift" | "premium", _, k] if *k != "x")
}

/// The redacted document beside the plain one: the same shape, `null`
/// exactly where the plain one has money, everything else the same (the
/// file name, the outputs and the warnings' words aside).
fn compare(plain: &Value, redacted: &Value, path: &mut Vec<String>) {
    let at = path.join(".");
    if matches!(
        path.first().map(String::as_str),
        Some("rubric" | "outputs" | "warnings")
    ) {
        return;
    }
    match (plain, redacted) {
        (Value::Number(_), r) if is_money(path) => assert!(r.is_null(), "{at}: {r}"),
        (Value::Array(x), Value::Array(y)) => {
            assert_eq!(x.len(), y.len(), "{at}");
            for (i, (x, y)) in x.iter().zip(y).enumerate() {
                path.push(i.to_string());
                compare(x, y, path);
                path.pop();
            }
        }
        (Value::Object(x), Value::Object(y)) => {
            for k in y.keys() {
                let new = path.is_empty() && k == "redacted";
                assert!(x.contains_key(k) || new, "{at}.{k} is new");
            }
            for (k, v) in x {
                let r = y.get(k).unwrap_or_else(|| panic!("{at}.{k} is missing"));
                path.push(k.clone());
                compare(v, r, path);
                path.pop();
            }
        }
        (x, y) => assert_eq!(x, y, "{at}"),
    }
}

#[test]
fn redacted_json_is_null_wherever_the_plain_one_has_money() {
    let dir = tempfile::tempdir().unwrap();
    for (example, _) in &RUBRICS[..3] {
        let rubric = common::repo().join(format!("rubrics/examples/{example}.toml"));
        let plain = common::assess_json(&rubric);
        let out = common::rolefit(dir.path())
            .args(["assess", "--format", "json", "--samples", "0", "--redact"])
            .arg(&rubric)
            .output()
            .expect("run rolefit");
        assert!(out.status.success());
        let redacted: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(redacted["redacted"], true);
        assert!(redacted.get("money_unit").is_none());
        assert_eq!(redacted["rubric"], redacted["candidate"]["slug"]);
        let codes = |d: &Value| -> Vec<Value> {
            d["warnings"]
                .as_array()
                .unwrap()
                .iter()
                .map(|w| w["code"].clone())
                .collect()
        };
        assert_eq!(codes(&plain), codes(&redacted));
        compare(&plain, &redacted, &mut Vec::new());
    }
}
