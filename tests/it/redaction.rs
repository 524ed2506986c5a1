//! `--redact` rests on the policy every renderer is handed (issue #20):
//! a money figure that bypassed it would scale with the rubric's pay, and
//! a render on another thread would not see a policy set elsewhere.

use std::collections::BTreeMap;
use std::path::Path;

use crate::common;
use rolefit::testing::report::{Report, html::Html, json::Json, markdown::Markdown, text::Text};
use rolefit::testing::units::Policy;

const EXAMPLES: [&str; 3] = ["experienced-pm", "engineer-to-product", "mba-pm"];

/// The rubric with every money input multiplied by `k`: current_salary,
/// current_equity, and each role's salary, base, sign_on and rsu.
fn scaled(text: &str, k: f64) -> String {
    let mut doc: toml_edit::DocumentMut = text.parse().expect("example parses");
    let scale = |item: &mut toml_edit::Item| {
        if let Some(v) = item.as_value_mut() {
            match v {
                toml_edit::Value::Integer(i) => *v = (*i.value() as f64 * k).into(),
                toml_edit::Value::Float(f) => *v = (*f.value() * k).into(),
                toml_edit::Value::Array(items) => {
                    for x in items.iter_mut() {
                        let amount = x.as_float().or(x.as_integer().map(|i| i as f64));
                        if let Some(amount) = amount {
                            *x = (amount * k).into();
                        }
                    }
                }
                _ => {}
            }
        }
    };
    let candidate = &mut doc["candidate"];
    for key in ["current_salary", "current_equity"] {
        if let Some(item) = candidate.get_mut(key) {
            scale(item);
        }
    }
    let roles = doc["roles"].as_table_like_mut().expect("[roles]");
    for (_, role) in roles.iter_mut() {
        let Some(role) = role.as_table_like_mut() else {
            continue;
        };
        if let Some(item) = role.get_mut("salary") {
            scale(item);
        }
        if let Some(pay) = role.get_mut("pay").and_then(|p| p.as_table_like_mut()) {
            for key in ["base", "sign_on", "rsu"] {
                if let Some(item) = pay.get_mut(key) {
                    scale(item);
                }
            }
        }
    }
    doc.to_string()
}

/// Every file under `dir` (one level of result folders), by relative path.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if path.is_dir() {
            for (file, bytes) in tree(&path) {
                out.insert(format!("{name}/{file}"), bytes);
            }
        } else if name != ".rolefit-rubric" {
            // (The marker hashes the rubric's own path, which differs.)
            out.insert(name, std::fs::read(&path).unwrap());
        }
    }
    out
}

/// Runs `assess rubric.toml --redact` with each format in `dir`, returning
/// every stdout and every file written. The JSON run also writes the PNGs
/// (its stdout lists them); a PNG is drawn from its SVG whatever the
/// format, so drawing them three times would test nothing more.
fn redacted_outputs(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut all = BTreeMap::new();
    for format in ["text", "json", "markdown"] {
        let png: &[&str] = if format == "json" { &["--png"] } else { &[] };
        let out = common::rolefit(dir)
            .args(["assess", "rubric.toml", "--redact", "--samples", "500"])
            .args(png)
            .args(["--format", format, "--out", &format!("out-{format}")])
            .output()
            .expect("run rolefit");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        all.insert(format!("stdout {format}"), out.stdout);
    }
    for format in ["text", "json", "markdown"] {
        for (file, bytes) in tree(&dir.join(format!("out-{format}"))) {
            all.insert(format!("out-{format}/{file}"), bytes);
        }
    }
    all
}

#[test]
fn redacted_outputs_do_not_move_when_every_amount_is_scaled() {
    for name in EXAMPLES {
        let text = common::read(&common::repo().join(format!("rubrics/examples/{name}.toml")));
        let plain = tempfile::tempdir().unwrap();
        let rich = tempfile::tempdir().unwrap();
        common::write(plain.path(), "rubric.toml", &text);
        let more = scaled(&text, 1.37);
        assert_ne!(more, text, "{name}: nothing scaled");
        common::write(rich.path(), "rubric.toml", &more);
        let (a, b) = (
            redacted_outputs(plain.path()),
            redacted_outputs(rich.path()),
        );
        assert!(a.keys().eq(b.keys()), "{name}: different files");
        assert!(a.len() > 30, "{name}: only {:?}", a.keys());
        for (file, bytes) in &a {
            assert!(*bytes == b[file], "{name}: {file} moved with pay");
        }
    }
}

/// Every report of the bundled example rendered with `policy`.
fn render_all(results: &rolefit::testing::report::Results, policy: &Policy) -> Vec<String> {
    let charts = rolefit::testing::chart::render_all(results, policy).expect("charts draw");
    let mut out: Vec<String> = charts.iter().map(|(_, svg)| svg.clone()).collect();
    out.push(Text.render(results, policy).unwrap());
    out.push(Json.render(results, policy).unwrap());
    out.push(Markdown { charts: true }.render(results, policy).unwrap());
    out.push(Html { charts }.render(results, policy).unwrap());
    out
}

#[test]
fn two_renders_on_two_threads_keep_their_own_policy() {
    let mut rubric = rolefit::testing::rubric::load(&common::example()).expect("example loads");
    rubric.model.samples = 200;
    let results = rolefit::testing::report::evaluate_on("example.toml", "example", rubric, 1);
    let redacted = rolefit::testing::report::redact::policy(true);
    let alone = [
        render_all(&results, &Policy::Amounts),
        render_all(&results, &redacted),
    ];
    assert_ne!(alone[0], alone[1]);
    assert!(alone[0][0..].iter().any(|s| s.contains("150,000")));
    assert!(!alone[1].iter().any(|s| s.contains("150,000")));
    std::thread::scope(|scope| {
        let threads: Vec<_> = [Policy::Amounts, redacted]
            .into_iter()
            .map(|policy| {
                let results = &results;
                scope.spawn(move || {
                    (0..5)
                        .map(|_| render_all(results, &policy))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for (k, thread) in threads.into_iter().enumerate() {
            for rendered in thread.join().expect("no panic") {
                assert!(
                    rendered == alone[k],
                    "thread {k} rendered another policy's report"
                );
            }
        }
    });
}
