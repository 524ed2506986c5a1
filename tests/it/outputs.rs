//! The files `assess` writes: every SVG parses and renders, names the
//! candidate and the roles; the reports hold what a reader needs; nothing
//! from the rubric is live markup; outputs are byte-identical run to run
//! and held in snapshots (summary.json with floats to six significant
//! digits, report.html with its inline charts as placeholders).

use crate::common;

use std::collections::BTreeMap;
use std::path::Path;

const CHARTS: [&str; 9] = [
    "profile.svg",
    "fit.svg",
    "funnel.svg",
    "value.svg",
    "pay.svg",
    "sensitivity.svg",
    "principles.svg",
    "plan.svg",
    "stories.svg",
];
const FILES: [&str; 12] = [
    "summary.json",
    "report.md",
    "report.html",
    "profile.svg",
    "fit.svg",
    "funnel.svg",
    "value.svg",
    "pay.svg",
    "sensitivity.svg",
    "principles.svg",
    "plan.svg",
    "stories.svg",
];

/// Runs `assess` on `rubric` into `out` (report date pinned) and returns
/// the files of the one result folder.
fn assess(dir: &Path, rubric: &Path, extra: &[&str]) -> BTreeMap<String, String> {
    let out = common::rolefit(dir)
        .env("SOURCE_DATE_EPOCH", "1764115200") // 2025-11-26
        .args(["assess", "--quiet", "--out", "out"])
        .args(extra)
        .arg(rubric)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let folders: Vec<_> = std::fs::read_dir(dir.join("out")).unwrap().collect();
    assert_eq!(folders.len(), 1, "one folder per rubric");
    let folder = folders.into_iter().next().unwrap().unwrap().path();
    // The folder's marker (which rubric made it) is tested in folders.rs.
    std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|path| !path.ends_with(".rolefit-rubric"))
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, common::read(&path))
        })
        .collect()
}

use crate::common::example;

/// Every `<text>` of an SVG, joined with newlines.
fn svg_text(svg: &str) -> String {
    let doc = roxmltree::Document::parse(svg).expect("SVG is well-formed XML");
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .map(str::trim)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Renders an SVG and returns how many pixels are not white.
fn inked_pixels(svg: &str) -> usize {
    common::render_svg(svg)
        .pixels()
        .iter()
        .filter(|p| p.alpha() > 0 && (p.red() < 240 || p.green() < 240 || p.blue() < 240))
        .count()
}

#[test]
fn assess_writes_every_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let files = assess(dir.path(), &example(), &[]);
    let names: Vec<&str> = files.keys().map(String::as_str).collect();
    let mut expected = FILES.to_vec();
    expected.sort_unstable();
    assert_eq!(names, expected);
    // summary.json lists them all.
    let json: serde_json::Value = serde_json::from_str(&files["summary.json"]).unwrap();
    let outputs: Vec<&str> = json["outputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    for name in FILES {
        assert!(
            outputs
                .iter()
                .any(|o| o.ends_with(&format!("sam-rivera/{name}"))),
            "{name} in {outputs:?}"
        );
    }
}

#[test]
fn every_chart_parses_renders_and_names_the_candidate_and_roles() {
    let dir = tempfile::tempdir().unwrap();
    let files = assess(dir.path(), &example(), &[]);
    for chart in CHARTS {
        let svg = &files[chart];
        // Long labels wrap onto two lines: read the text as one line.
        let text = svg_text(svg).replace('\n', " ");
        assert!(
            text.contains("Sam Rivera"),
            "{chart}: candidate's name in\n{text}"
        );
        // The story bank's matrix is about principles and stories, not roles.
        if chart != "stories.svg" {
            assert!(
                text.contains("Product Manager – Technical"),
                "{chart}: {text}"
            );
            assert!(text.contains("Product Manager "), "{chart}: {text}");
        }
        // Text is not rendered without fonts: bars, dots and lines are.
        let inked = inked_pixels(svg);
        assert!(inked > 2_000, "{chart}: only {inked} pixels drawn");
    }
}

#[test]
fn charts_print_rounded_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let files = assess(dir.path(), &example(), &[]);
    let value = svg_text(&files["value.svg"]);
    assert!(
        value
            .lines()
            .any(|l| l.contains(',') && l.replace(',', "").parse::<u64>().is_ok()),
        "money with separators:\n{value}"
    );
    assert!(
        value.contains("Expected pay over 4 years"),
        "the axis names the horizon:\n{value}"
    );
    let funnel = svg_text(&files["funnel.svg"]);
    assert!(
        funnel.lines().any(|l| l.ends_with('%')),
        "probabilities as percentages"
    );
    let fit = svg_text(&files["fit.svg"]);
    let numbers: Vec<&str> = fit.lines().filter(|l| l.parse::<f64>().is_ok()).collect();
    assert!(numbers.len() > 6, "{fit}");
    assert!(
        numbers.iter().all(|n| !n.contains('.')),
        "fit to whole points: {numbers:?}"
    );
}

#[test]
fn reports_hold_the_recommendation_gaps_warnings_and_assumptions() {
    let dir = tempfile::tempdir().unwrap();
    let files = assess(dir.path(), &example(), &[]);
    let html = &files["report.html"];
    let md = &files["report.md"];
    for (name, doc) in [("html", html), ("md", md)] {
        for needle in [
            "Recommendation",
            "Biggest gaps",
            "Warnings",
            "What the numbers assume",
            "2025",
        ] {
            assert!(doc.contains(needle), "{name}: {needle}");
        }
    }
    // HTML: self-contained, every chart inline, no script, nothing fetched.
    assert_eq!(html.matches("<svg").count(), CHARTS.len());
    assert!(!html.contains("<script"));
    assert!(
        !html.contains("src=") && !html.contains("href="),
        "nothing fetched"
    );
    assert!(html.contains("id=\"recommendation\""));
    assert!(html.contains("@media print"));
    // Markdown links the SVG files beside it.
    for chart in CHARTS {
        assert!(md.contains(&format!("]({chart})")), "{chart}");
    }
    // Pay by year: a row per strategy, its years adding up to the total.
    for (name, doc) in [("html", html), ("md", md)] {
        assert!(doc.contains("Pay by year"), "{name}");
        assert!(doc.contains("Total over 4 years"), "{name}");
    }
}

/// The `fill` of every `<rect>` in an SVG with its `x`, `y`, `width` and
/// `height`, in document order.
fn svg_rects(svg: &str) -> Vec<(String, f64, f64, f64, f64)> {
    let doc = roxmltree::Document::parse(svg).expect("SVG is well-formed XML");
    let num = |n: roxmltree::Node, a: &str| n.attribute(a).unwrap().parse::<f64>().unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name("rect"))
        .map(|n| {
            (
                n.attribute("fill").unwrap_or("").to_string(),
                num(n, "x"),
                num(n, "y"),
                num(n, "width"),
                num(n, "height"),
            )
        })
        .collect()
}

#[test]
fn pay_chart_has_a_bar_group_per_year_and_a_legend_entry_per_strategy() {
    // Four roles (seven strategies) over two years; the bundled example
    // (four strategies) over four.
    for (rubric, years) in [(common::fixture("four-roles.toml"), 2), (example(), 4)] {
        let dir = tempfile::tempdir().unwrap();
        let files = assess(dir.path(), &rubric, &[]);
        let json: serde_json::Value = serde_json::from_str(&files["summary.json"]).unwrap();
        let strategies = json["strategies"].as_array().unwrap();
        let labels: Vec<&str> = strategies
            .iter()
            .map(|s| s["label"].as_str().unwrap())
            .collect();
        let svg = &files["pay.svg"];
        assert!(inked_pixels(svg) > 2_000, "pay.svg is drawn");
        let text = svg_text(svg);
        assert!(text.contains("expected pay per year"), "{text}");
        // A legend entry in words per strategy, with its total.
        let legend: Vec<&str> = text
            .lines()
            .filter(|l| {
                labels
                    .iter()
                    .any(|s| l.trim_start_matches("▸ ").starts_with(s))
            })
            .collect();
        assert_eq!(legend.len(), labels.len(), "{legend:?}");
        for (line, s) in legend.iter().zip(strategies) {
            assert!(line.contains(s["label"].as_str().unwrap()), "{line}");
            let ev = s["expected_value"]["point"].as_f64().unwrap();
            assert!(
                line.ends_with(&rolefit::testing::text::money(
                    &rolefit::testing::units::Policy::Amounts,
                    ev
                )),
                "{line}: {ev}"
            );
        }
        // A label per year along x.
        for y in 1..=years {
            assert_eq!(
                text.lines().filter(|l| *l == format!("Year {y}")).count(),
                1,
                "Year {y} in\n{text}"
            );
        }
        // The legend's swatches (14 × 12) give each strategy's colour, in
        // order; the bars form one group per year, a bar per strategy in
        // the same order, each as tall as that year's expected pay.
        let rects = svg_rects(svg);
        let swatches: Vec<&str> = rects
            .iter()
            .filter(|r| r.3 == 14.0 && r.4 == 12.0)
            .map(|r| r.0.as_str())
            .collect();
        assert_eq!(swatches.len(), labels.len());
        assert_eq!(swatches[0], "#777777", "staying is grey");
        let mut bars: Vec<_> = rects
            .iter()
            .skip(1) // the white background
            .filter(|r| !(r.3 == 14.0 && r.4 == 12.0))
            .collect();
        assert_eq!(bars.len(), years * labels.len());
        bars.sort_by(|a, b| a.1.total_cmp(&b.1));
        let width = bars[0].3;
        let groups: Vec<_> = bars.chunk_by(|a, b| b.1 - (a.1 + a.3) < width).collect();
        assert_eq!(groups.len(), years, "one group of bars per year");
        let base = bars[0].2 + bars[0].4;
        for (y, group) in groups.iter().enumerate() {
            let colours: Vec<&str> = group.iter().map(|r| r.0.as_str()).collect();
            assert_eq!(colours, swatches, "year {}", y + 1);
            // Heights in proportion to the pay (the axis starts at 0).
            let scale = group[0].4 / strategies[0]["by_year"][y].as_f64().unwrap();
            for (bar, s) in group.iter().zip(strategies) {
                assert_eq!(bar.2 + bar.4, base, "bars stand on the axis");
                let pay = s["by_year"][y].as_f64().unwrap();
                assert!((bar.4 - pay * scale).abs() <= 1.5, "{bar:?} vs {pay}");
            }
        }
    }
}

#[test]
fn reports_show_pay_by_year_and_a_declined_offer() {
    // The fixture's Advisor pays 60,000 against 90,000 now: declined.
    let dir = tempfile::tempdir().unwrap();
    let out = common::rolefit(dir.path())
        .args(["assess", "--no-charts", "--out", "out"])
        .arg(common::fixture("four-roles.toml"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let declined = "Advisor pays less than staying over 2 years (121,603 vs 180,000); you \
                    would decline its offer (set accept_lower_pay = true to take it anyway).";
    assert!(
        text.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .contains(declined),
        "{text}"
    );
    let pay = &text[text.find("PAY BY YEAR").expect("a pay-by-year section")..];
    let pay = &pay[..pay.find("WHAT TO WORK ON FIRST").unwrap()];
    // A row per strategy: each year, the total and the days to an offer.
    let rows = pay.split_whitespace().collect::<Vec<_>>().join(" ");
    for needle in [
        "Stay where you are (reference) 90,000 90,000 180,000 —",
        "Apply as Team lead 98,438 98,914 197,353 20",
        "▸ Apply as Individual",
        "99,332 100,138 199,469 32",
    ] {
        assert!(rows.contains(needle), "{needle:?} in\n{pay}");
    }
    let md = common::read(&dir.path().join("out/formula-check/report.md"));
    assert!(md.contains("Advisor pays less than staying over 2 years"));
    assert!(md.contains("| Stay where you are (reference) | 90,000 | 90,000 | 180,000 | — |"));
    // Taken anyway when the candidate says so.
    let lower = common::read(&common::fixture("four-roles.toml")).replace(
        "current_salary = 90000",
        "current_salary = 90000\naccept_lower_pay = true",
    );
    let path = common::write(dir.path(), "lower.toml", &lower);
    let out = common::rolefit(dir.path())
        .args(["assess", "--no-charts", "--out", "out2"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .contains("you would take its offer anyway (accept_lower_pay = true)"),
        "{text}"
    );
}

#[test]
fn no_charts_skips_the_svgs_but_not_the_reports() {
    let dir = tempfile::tempdir().unwrap();
    let files = assess(dir.path(), &example(), &["--no-charts"]);
    let names: Vec<&str> = files.keys().map(String::as_str).collect();
    assert_eq!(names, ["report.html", "report.md", "summary.json"]);
    assert!(!files["report.html"].contains("<svg"));
    assert!(!files["report.md"].contains(".svg"));
}

#[test]
fn same_rubric_and_seed_give_byte_identical_files() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let first = assess(a.path(), &example(), &[]);
    let second = assess(b.path(), &example(), &[]);
    for (name, text) in &first {
        // summary.json names the output folder, the same relative path here.
        assert_eq!(text, &second[name], "{name} differs between runs");
    }
}

#[test]
fn hostile_text_is_never_live_markup() {
    let dir = tempfile::tempdir().unwrap();
    let evil = r#"<script>alert("x")</script> & 'q' **bold** [link](http://evil) <img src=x onerror=alert(1)>"#;
    let toml_str = evil.replace('\\', "\\\\").replace('"', "\\\"");
    let text = common::read(&example())
        .replace("name = \"Sam Rivera\"", &format!("name = \"{toml_str}\""))
        .replace(
            "evidence = \"Rebuilt onboarding after 40 customer calls; churn fell 12%.\"",
            &format!("evidence = \"{toml_str}\""),
        )
        .replace(
            "name = \"Ownership\"",
            &format!("name = \"Own {toml_str}\""),
        )
        .replace(
            "title = \"Product craft\"",
            &format!("title = \"Craft {toml_str}\""),
        );
    let path = common::write(dir.path(), "evil.toml", &text);
    let files = assess(dir.path(), &path, &[]);
    // SVG: parses as XML and the text survives literally.
    for chart in CHARTS {
        let svg = &files[chart];
        let doc = roxmltree::Document::parse(svg).expect("well-formed");
        assert!(
            !doc.descendants()
                .any(|n| n.has_tag_name("script") || n.has_tag_name("img")),
            "{chart}: markup from the rubric became elements"
        );
    }
    assert!(
        svg_text(&files["fit.svg"]).contains("<script>"),
        "shown literally"
    );
    // HTML: only rolefit's own tags.
    let html = &files["report.html"];
    assert!(!html.contains("<script"), "no script tag");
    assert!(!html.contains("<img"), "no img tag");
    assert!(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"));
    // Markdown: escaped punctuation, no raw HTML.
    let md = &files["report.md"];
    assert!(!md.contains("<script") && !md.contains("<img"));
    assert!(md.contains("\\*\\*bold\\*\\*") && md.contains("\\[link\\]"));
    // JSON: valid, and the name round-trips exactly.
    let json: serde_json::Value = serde_json::from_str(&files["summary.json"]).unwrap();
    assert_eq!(json["candidate"]["name"], evil);
}

/// `x` rounded to six significant digits, so that a change in the last
/// bits of a float does not churn the summary.json snapshot.
fn round6(x: f64) -> f64 {
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    format!("{x:.5e}").parse().unwrap()
}

/// `value` with every float rounded by [`round6`]; integers stay as they are.
fn rounded(value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::Number(n) if n.is_f64() => Value::from(round6(n.as_f64().unwrap())),
        Value::Array(items) => Value::Array(items.into_iter().map(rounded).collect()),
        Value::Object(map) => {
            Value::Object(map.into_iter().map(|(k, v)| (k, rounded(v))).collect())
        }
        other => other,
    }
}

/// report.html with each inline `<svg …>…</svg>` replaced by
/// `<svg file="NAME.svg"/>`, naming the chart file it is a copy of: the
/// charts have snapshots of their own, and one chart change should not
/// churn report.html's snapshot too. An inline chart that is no file's copy
/// shows as `<svg file="?"/>`.
fn charts_as_placeholders(html: &str, files: &BTreeMap<String, String>) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find("<svg") {
        let end = rest[start..]
            .find("</svg>")
            .map(|e| start + e + "</svg>".len())
            .expect("every inline <svg> is closed");
        let svg = rest[start..end].trim();
        let name = CHARTS
            .iter()
            .find(|c| files.get(**c).is_some_and(|f| f.trim() == svg))
            .copied()
            .unwrap_or("?");
        out.push_str(&rest[..start]);
        out.push_str(&format!("<svg file=\"{name}\"/>"));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[test]
fn outputs_match_the_snapshots() {
    let dir = tempfile::tempdir().unwrap();
    // A relative path: the reports name the rubric as it was given.
    common::write(dir.path(), "experienced-pm.toml", &common::read(&example()));
    let files = assess(dir.path(), Path::new("experienced-pm.toml"), &[]);
    for (name, text) in &files {
        let snapshot = match name.as_str() {
            "summary.json" => {
                let json = serde_json::from_str(text).expect("summary.json is JSON");
                serde_json::to_string_pretty(&rounded(json)).unwrap() + "\n"
            }
            "report.html" => charts_as_placeholders(text, &files),
            _ => text.clone(),
        };
        insta::assert_snapshot!(name.replace('.', "_"), snapshot);
    }
}

#[test]
fn snapshot_helpers_round_and_replace() {
    assert_eq!(round6(65.71261682242991), 65.7126);
    assert_eq!(round6(0.0004665355235539409), 0.000466536);
    assert_eq!(round6(161726.7739320047), 161727.0);
    assert_eq!(round6(-2.0), -2.0);
    let json = serde_json::json!({"a": [1.23456789, 7], "b": {"c": 0.5}});
    assert_eq!(
        rounded(json),
        serde_json::json!({"a": [1.23457, 7], "b": {"c": 0.5}})
    );
    let files = BTreeMap::from([("fit.svg".to_string(), "<svg a=\"1\">x</svg>\n".to_string())]);
    assert_eq!(
        charts_as_placeholders("<p>\n<svg a=\"1\">x</svg>\n<svg b>y</svg></p>", &files),
        "<p>\n<svg file=\"fit.svg\"/>\n<svg file=\"?\"/></p>"
    );
}

/// The `r="5"` filled circles of plan.svg: the value points, one per step
/// (the hollow one is now; the offer points are smaller).
fn value_points(svg: &str) -> usize {
    let doc = roxmltree::Document::parse(svg).expect("SVG is well-formed XML");
    doc.descendants()
        .filter(|n| n.has_tag_name("circle"))
        .filter(|n| n.attribute("r") == Some("5") && n.attribute("fill") != Some("none"))
        .count()
}

#[test]
fn plan_chart_has_a_point_per_step_and_names_each_steps_competency() {
    let engineer = common::repo().join("rubrics/examples/engineer-to-product.toml");
    // The example's plan; a longer one; an empty one (no step fits 1 hour).
    for (rubric, extra) in [
        (example(), vec![]),
        (engineer.clone(), vec!["--hours", "120"]),
        (engineer, vec!["--hours", "1"]),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let files = assess(dir.path(), &rubric, &extra);
        let json: serde_json::Value = serde_json::from_str(&files["summary.json"]).unwrap();
        let prep = &json["prep"];
        let plan = prep["plan"].as_array().unwrap();
        let svg = &files["plan.svg"];
        assert!(inked_pixels(svg) > 2_000, "plan.svg is drawn");
        assert_eq!(value_points(svg), plan.len(), "{extra:?}: a point per step");
        let text = svg_text(svg);
        assert!(text.contains("what to work on first"), "{text}");
        assert!(text.contains("Hours of preparation"), "{text}");
        if plan.is_empty() {
            assert!(text.contains("No step fits the budget of 1 hour"), "{text}");
            continue;
        }
        // Every step's competency is named in the key (runs of one share
        // an entry: "2–3 Ownership → 5").
        for step in plan {
            let id = step["id"].as_str().unwrap();
            let name = prep["marginal"]
                .as_array()
                .unwrap()
                .iter()
                .find(|m| m["id"] == id)
                .unwrap()["name"]
                .as_str()
                .unwrap();
            let shown: String = name.chars().take(30).collect();
            assert!(
                text.lines()
                    .any(|l| l.contains(&shown) && l.contains(" → ")),
                "{id} ({name}) in\n{text}"
            );
        }
        // Each value point of the example carries its step's number.
        if extra.is_empty() {
            for k in 1..=plan.len() {
                assert!(text.lines().any(|l| l == k.to_string()), "{k} in\n{text}");
            }
        }
    }
}

/// Text with runs of whitespace made one space and Markdown's escapes
/// dropped: how a sentence reads whatever wraps or escapes it.
fn words(text: &str) -> String {
    text.replace('\\', "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn reports_say_what_to_work_on_first_with_the_referral_first() {
    // Sam Rivera applies through the careers site: a referral is worth more
    // than the whole 40-hour plan, so the section says so first.
    let dir = tempfile::tempdir().unwrap();
    let out = common::rolefit(dir.path())
        .args(["assess", "--no-charts", "--out", "out"])
        .arg(example())
        .output()
        .unwrap();
    assert!(out.status.success());
    let terminal = String::from_utf8(out.stdout).unwrap();
    let md = common::read(&dir.path().join("out/sam-rivera/report.md"));
    let json: serde_json::Value = serde_json::from_str(&common::read(
        &dir.path().join("out/sam-rivera/summary.json"),
    ))
    .unwrap();
    let prep = &json["prep"];
    let last = prep["plan"].as_array().unwrap().last().unwrap();
    let referral = &prep["routes"]["referral"];
    assert!(referral["value"].as_f64() > last["value"].as_f64());
    let pct = |v: &serde_json::Value| rolefit::testing::text::percent(v.as_f64().unwrap());
    let now = |role: &str| pct(&json["roles"][role]["offer_probability"]["point"]);
    let spent = last["hours_total"].as_f64().unwrap();
    let sentence = format!(
        "A referral would raise your Product Manager offer chance from {} to {}; {} hours of preparation, to {}.",
        now("pm"),
        pct(&referral["offer"]["pm"]),
        rolefit::testing::text::trim_number(spent),
        pct(&last["offer"]["pm"]),
    );
    // The v3 plan (story steps of 2 hours) leaves 2 of the 40 hours unspent.
    let budget = prep["hours"].as_f64().unwrap();
    let hours = if spent < budget {
        format!(
            "{} of the {} hours",
            rolefit::testing::text::trim_number(spent),
            rolefit::testing::text::trim_number(budget)
        )
    } else {
        format!("{} hours", rolefit::testing::text::trim_number(spent))
    };
    let whole = format!(
        "The whole plan, {} steps, {hours}: Product Manager offer {} → {}, Product Manager – Technical offer {} → {};",
        prep["plan"].as_array().unwrap().len(),
        now("pm"),
        pct(&last["offer"]["pm"]),
        now("pmt"),
        pct(&last["offer"]["pmt"]),
    );
    let stays = "The best strategy stays Apply as Product Manager, then try for Product \
                 Manager – Technical.";
    let first = &json["prep"]["plan"][0]["id"];
    let first = json["prep"]["marginal"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == *first)
        .unwrap()["name"]
        .as_str()
        .unwrap();

    let start = terminal.find("WHAT TO WORK ON FIRST").expect("the section");
    let end = start + terminal[start..].find("BIGGEST GAPS").unwrap();
    let section = words(&terminal[start..end]);
    let md_start = md.find("## What to work on first").expect("the section");
    let md_end = md_start + md[md_start..].find("\n## ").unwrap();
    let md_section = words(&md[md_start..md_end]);
    for (name, text) in [("terminal", &section), ("markdown", &md_section)] {
        let at = text
            .find(&sentence)
            .unwrap_or_else(|| panic!("{name}: {sentence:?} in\n{text}"));
        let step = text
            .find(first)
            .unwrap_or_else(|| panic!("{name}: the first step in\n{text}"));
        assert!(at < step, "{name}: the referral comes first");
        assert!(text.contains(&whole), "{name}: {whole:?} in\n{text}");
        assert!(text.contains(stays), "{name}: {stays:?} in\n{text}");
    }
    // v3: the first step writes the story the example lacks.
    // The steps' table's first row (the name wraps within its column).
    assert!(
        section.contains("1 Write a story for Success and"),
        "{section}"
    );
    assert!(md.contains("| Step | Competency |"), "a table of steps");
}
