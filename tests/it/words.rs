//! The third hardening round's numbers and sentences (issue #23.7, 9, 10,
//! 11): what the reports say at the edges — nothing to share, every
//! strategy tied, negative zero, absurd but legal inputs. Each test failed
//! before its fix.

use crate::common;

/// The bundled example with `(from, to)` replaced (each `from` must be there).
fn example_with(edits: &[(&str, &str)]) -> String {
    let mut text = common::read(&common::example());
    for (from, to) in edits {
        assert!(text.contains(from), "{from} not in the example");
        text = text.replace(from, to);
    }
    text
}

/// Every output `assess` makes for `text`: stdout in text, markdown and
/// JSON, and the files written.
fn outputs(text: &str) -> Vec<(String, String)> {
    let dir = tempfile::tempdir().unwrap();
    let path = common::write(dir.path(), "r.toml", text);
    let mut out = Vec::new();
    for format in ["text", "markdown", "json"] {
        let run = common::rolefit(dir.path())
            .args([
                "assess",
                "--samples",
                "200",
                "--format",
                format,
                "--out",
                "o",
            ])
            .arg(&path)
            .output()
            .unwrap();
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
        out.push((
            format!("stdout ({format})"),
            String::from_utf8(run.stdout).unwrap(),
        ));
    }
    for folder in std::fs::read_dir(dir.path().join("o")).unwrap() {
        for file in std::fs::read_dir(folder.unwrap().path()).unwrap() {
            let path = file.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if !name.ends_with(".png") {
                out.push((name, common::read(&path)));
            }
        }
    }
    out
}

/// Every number in a JSON document that is a negative zero, by path.
fn negative_zeros(v: &serde_json::Value, at: &str, found: &mut Vec<String>) {
    match v {
        serde_json::Value::Number(n)
            if n.as_f64().is_some_and(|x| x == 0.0 && x.is_sign_negative()) =>
        {
            found.push(at.to_string());
        }
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                negative_zeros(item, &format!("{at}[{i}]"), found);
            }
        }
        serde_json::Value::Object(map) => {
            for (k, item) in map {
                negative_zeros(item, &format!("{at}.{k}"), found);
            }
        }
        _ => {}
    }
}

// 10. Negative zero.

/// Every score below every bar: coverage summed over nothing is −0.0
/// ("bars met -0%", `"coverage": -0.0`); a share price most likely
/// falling by 0.1% a year printed "-0% a year (between -0% and 0%)".
#[test]
fn no_output_shows_a_negative_zero() {
    let text = common::read(&common::example())
        .lines()
        .map(|l| {
            if l.starts_with("score = ") {
                "score = 1".to_string()
            } else if l.starts_with("stock_growth = ") {
                "stock_growth = { min = -0.004, mode = -0.001, max = 0.004 }".to_string()
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    for (name, body) in outputs(&text) {
        for bad in ["-0%", "−0%", "-0 ", "−0 ", "-0.0%"] {
            assert!(!body.contains(bad), "{name} shows {bad:?}");
        }
        if name.ends_with("json") || name.contains("(json)") {
            let json: serde_json::Value = serde_json::from_str(&body).unwrap();
            let mut found = Vec::new();
            negative_zeros(&json, "", &mut found);
            assert!(found.is_empty(), "{name}: -0.0 at {found:?}");
        }
    }
}

// 11. Absurd but legal inputs, formatted sanely.

/// A horizon of 0.001 years printed "expected value over 0 years" and
/// "Year 1 (0 year)": short horizons are written in months, days or hours.
#[test]
fn a_short_horizon_is_written_in_days_or_hours() {
    let text = example_with(&[("horizon_years = 4 ", "horizon_years = 0.001 ")]);
    for (name, body) in outputs(&text) {
        assert!(!body.contains("0 years"), "{name} says 0 years");
        assert!(!body.contains("0 year)"), "{name} says (0 year)");
    }
    let text = example_with(&[("horizon_years = 4 ", "horizon_years = 0.5 ")]);
    let all = outputs(&text);
    let (_, report) = &all[0];
    assert!(report.contains("6 months"), "{report}");
}

/// At the steepest legal slope (5) each 10 points multiply the odds by
/// e^50: written as a power of ten, not 22 digits (at 50 it was 218).
#[test]
fn huge_odds_are_written_as_a_power_of_ten() {
    let text = example_with(&[("steepness = 0.12 ", "steepness = 5 ")]);
    let all = outputs(&text);
    for (name, body) in &all {
        let Some(at) = body.find("multiplies the odds by ") else {
            continue;
        };
        let figure: String = body[at + 23..]
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != '(')
            .collect();
        assert!(
            figure.chars().count() <= 12,
            "{name}: odds written as {figure:?}"
        );
    }
    assert!(
        all.iter()
            .any(|(_, b)| b.contains("× 10^21") || b.contains("×10^21")),
        "no power of ten"
    );
}

// 7. A share of nothing.

/// Someone whose staying is worth 0: `compare` showed "+100%" (the gain
/// divided by the recommended value) and plotted it on the "% of staying"
/// axis. Now the amount and "—", `null` in JSON, and no dot but a note.
#[test]
fn compare_with_staying_worth_nothing_shows_no_share() {
    let dir = tempfile::tempdir().unwrap();
    let sam = common::write(dir.path(), "sam.toml", &common::read(&common::example()));
    let zero = common::write(
        dir.path(),
        "zero.toml",
        &example_with(&[
            ("name = \"Sam Rivera\"", "name = \"Zero Pay\""),
            ("current_salary = 150000", "current_salary = 0"),
            ("current_equity = [10000, 10000]", "current_equity = []"),
        ]),
    );
    let run = |format: &str| {
        let out = common::rolefit(dir.path())
            .args(["compare", "--format", format, "--out", "o"])
            .arg(&sam)
            .arg(&zero)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let text = run("text");
    let line = text.lines().find(|l| l.starts_with("Zero Pay")).unwrap();
    assert!(line.ends_with("(—)"), "{line}");
    assert!(!text.contains("+100%"), "{text}");
    let json: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    assert!(json["rubrics"][1]["best"]["gain_share"].is_null(), "{json}");
    assert!(json["rubrics"][0]["best"]["gain_share"].is_number());
    let svg = common::read(&dir.path().join("o/compare.svg"));
    assert!(svg.contains("— staying is worth 0"));
    assert!(!svg.contains("+100%"));
}

// #24.8: compare.svg joins only one person's rubrics, in date order.

fn lines_in(svg: &str) -> usize {
    let doc = roxmltree::Document::parse(svg).unwrap();
    doc.descendants()
        .filter(|n| {
            n.has_tag_name("polyline")
                && n.attribute("stroke-width")
                    .is_some_and(|w| w == "3" || w == "2")
        })
        .count()
}

#[test]
fn compare_joins_one_persons_rubrics_in_date_order_and_a_cohort_is_dots() {
    let dir = tempfile::tempdir().unwrap();
    let examples = common::repo().join("rubrics/examples");
    // Three people: dots only.
    let out = common::rolefit(dir.path())
        .args(["compare", "--out", "cohort"])
        .arg(&examples)
        .output()
        .unwrap();
    assert!(out.status.success());
    let svg = common::read(&dir.path().join("cohort/compare.svg"));
    assert_eq!(lines_in(&svg), 0, "a cohort is joined by lines");
    // One person at three dates, given out of order: joined, left to right
    // in date order, with the gap lists wrapped, never cut.
    let dated = |d: &str| {
        let text = example_with(&[(
            "accept_lower_pay = false",
            &format!("accept_lower_pay = false\ndate = {d}"),
        )]);
        common::write(dir.path(), &format!("sam-{d}.toml"), &text)
    };
    let paths = [
        dated("2026-06-01"),
        dated("2026-01-01"),
        dated("2026-03-01"),
    ];
    let out = common::rolefit(dir.path())
        .args(["compare", "--out", "progress"])
        .args(&paths)
        .output()
        .unwrap();
    assert!(out.status.success());
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(!table.contains('…'), "{table}");
    let svg = common::read(&dir.path().join("progress/compare.svg"));
    // Two segments per series: two roles' fit and the gain.
    assert_eq!(lines_in(&svg), 3 * 2, "one person's rubrics joined");
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let tags: Vec<(f64, &str)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| {
            let t = n.text()?.trim();
            t.starts_with("2026-")
                .then(|| (n.attribute("x").unwrap().parse().unwrap(), t))
        })
        .collect();
    let mut sorted = tags.clone();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
    let dates: Vec<&str> = sorted.iter().map(|t| t.1).collect();
    assert_eq!(dates, ["2026-01-01", "2026-03-01", "2026-06-01"]);
}

// 9. Every strategy tied.

/// All offers declined (staying pays more), or every offer arriving after
/// the horizon: the report said no application's odds "make up for the
/// chance of getting none", the planner that steps "do not change its
/// offer chances enough", the sensitivity that going through PM "wins
/// whatever your technical levels". It says the options tie, and why.
#[test]
fn when_every_strategy_ties_the_report_says_so_and_why() {
    let pay = example_with(&[("current_salary = 150000", "current_salary = 900000")]);
    let timing = example_with(&[("horizon_years = 4 ", "horizon_years = 0.05 ")]);
    for (text, why) in [
        (pay, "every offer would pay less than staying"),
        (timing, "no offer could start within the 18.3 days counted"),
    ] {
        let all = outputs(&text);
        let (_, report) = &all[0];
        let words = report.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            words.contains("Every strategy is worth the same as staying"),
            "{words}"
        );
        assert!(words.contains(why), "{why}: {words}");
        for wrong in [
            "make up for the chance of getting none",
            "do not change its offer chances enough",
            "wins over applying as",
        ] {
            assert!(!words.contains(wrong), "{wrong}: {words}");
        }
        assert!(
            words.contains("No step of preparation can raise"),
            "{words}"
        );
        assert!(words.contains("Nothing on the swept range changes the answer"));
    }
}

/// Two kinds of days, each named for what it is (#24 point 9): the
/// expected days until the process ends, and the days until an offer, if
/// one comes. No table says just "Days", and the terminal no bare "~33 days".
#[test]
fn both_kinds_of_days_are_named_for_what_they_are() {
    let dir = tempfile::tempdir().unwrap();
    let text = crate::common::assess(dir.path(), &crate::common::example(), &["--samples", "0"]);
    assert!(
        text.contains("Days until the process ends (expected)"),
        "{text}"
    );
    assert!(text.contains("Days to an offer, if one comes"), "{text}");
    let md = crate::common::read(&dir.path().join("output/sam-rivera/report.md"));
    assert!(!md.contains("| Days |"), "a bare Days column");
    assert!(md.contains("Days until the process ends (expected)"));
    assert!(md.contains("Days to an offer, if one comes"));
}

/// A share price whose most likely change is 0 reads as a range with its
/// most likely value, not "changed by 0% a year most likely" (#24 point 10).
#[test]
fn an_uncertain_share_price_reads_as_a_range() {
    let words: String = outputs(&common::read(&common::example()))
        .into_iter()
        .map(|(_, text)| text)
        .collect();
    assert!(
        words.contains("changed by a yearly rate between -15% and 15%, most likely 0%"),
        "the stock growth sentence"
    );
    assert!(!words.contains("a year most likely"));
}
