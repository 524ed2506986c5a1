//! Every figure the README quotes from an example's output is what the
//! binary gives (issue #21: two README claims had drifted from the binary).
//! The examples are assessed as a reader would, with their own 20,000
//! draws and seed.

use serde_json::Value;

use crate::common;

fn readme() -> String {
    common::read(&common::repo().join("README.md"))
}

/// `assess --format json` and the text report of an example, as shipped.
fn assessed(name: &str) -> (Value, String) {
    let dir = tempfile::tempdir().unwrap();
    let rubric = common::repo().join(format!("rubrics/examples/{name}.toml"));
    let json = common::rolefit(dir.path())
        .args(["assess", "--format", "json", "--no-charts", "--out", "j"])
        .arg(&rubric)
        .output()
        .unwrap();
    assert!(json.status.success());
    let text = common::rolefit(dir.path())
        .args(["assess", "--no-charts", "--out", "t"])
        .arg(&rubric)
        .output()
        .unwrap();
    (
        serde_json::from_slice(&json.stdout).unwrap(),
        String::from_utf8(text.stdout).unwrap(),
    )
}

fn pct(v: &Value) -> String {
    rolefit::testing::text::percent(v.as_f64().unwrap())
}

/// "18% (6%–28%)": a role's offer chance with its p05–p95 range.
fn offer(j: &Value, role: &str) -> String {
    let o = &j["roles"][role]["offer_probability"];
    format!(
        "{} ({}–{})",
        pct(&o["point"]),
        pct(&o["p05"]),
        pct(&o["p95"])
    )
}

fn share(j: &Value) -> String {
    let rec = j["recommendation"].as_str().unwrap();
    let s = j["strategies"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == rec)
        .unwrap();
    format!("first in {} of the simulations", pct(&s["best_share"]))
}

/// The README's row for `file` in the examples table.
fn row(readme: &str, file: &str) -> String {
    readme
        .lines()
        .find(|l| l.starts_with(&format!("| `{file}` |")))
        .unwrap_or_else(|| panic!("no README row for {file}"))
        .to_string()
}

fn quoted(row: &str, what: &str) {
    assert!(row.contains(what), "README: {what:?} not in\n{row}");
}

#[test]
fn the_experienced_pm_row_matches_the_binary() {
    let (j, text) = assessed("experienced-pm");
    let row = row(&readme(), "experienced-pm.toml");
    quoted(
        &row,
        &format!("PM offer {}, PMT {}", offer(&j, "pm"), offer(&j, "pmt")),
    );
    let picked = |r: &str| pct(&j["roles"][r]["offer_if_interviewed"]["point"]);
    quoted(
        &row,
        &format!("once picked ({} and {})", picked("pm"), picked("pmt")),
    );
    assert_eq!(j["recommendation"], "apply:pm+upgrade:pmt");
    assert_eq!(j["close_call"], false);
    quoted(&row, "apply as PM, then try for PMT");
    quoted(&row, &share(&j));
    // "PMT is never the likelier offer": not at the point, nor at any
    // percentile of the draws.
    for k in ["point", "p05", "p50", "p95"] {
        let o = |r: &str| j["roles"][r]["offer_probability"][k].as_f64().unwrap();
        assert!(o("pmt") <= o("pm"), "{k}");
    }
    quoted(&row, "PMT is never the likelier offer");
    assert!(!text.contains("too close to call"), "{text}");
}

#[test]
fn the_mba_row_matches_the_binary() {
    let (j, _) = assessed("mba-pm");
    let row = row(&readme(), "mba-pm.toml");
    quoted(
        &row,
        &format!("PM offer {}, PMT {}", offer(&j, "pm"), offer(&j, "pmt")),
    );
    assert_eq!(j["recommendation"], "apply:pm+upgrade:pmt");
    assert_eq!(j["close_call"], false);
    quoted(&row, &share(&j));
}

#[test]
fn the_engineer_row_matches_the_binary() {
    let (j, text) = assessed("engineer-to-product");
    let row = row(&readme(), "engineer-to-product.toml");
    let fit = |r: &str| format!("{:.0}", j["roles"][r]["fit"]["point"].as_f64().unwrap());
    quoted(&row, &format!("fit {} against {}", fit("pmt"), fit("pm")));
    quoted(
        &row,
        &format!("PMT {}, PM {}", offer(&j, "pmt"), offer(&j, "pm")),
    );
    assert_eq!(j["unprepared"].as_array().unwrap().len(), 3);
    quoted(&row, "the three missing ones");
    // The plan's first steps write them: three story steps in the first five.
    let stories = j["prep"]["plan"].as_array().unwrap()[..5]
        .iter()
        .filter(|p| p["kind"] == "story")
        .count();
    assert_eq!(stories, 3);
    assert_eq!(j["recommendation"], "apply:pmt");
    assert_eq!(j["runner_up"], "apply:pm+upgrade:pmt");
    quoted(&row, "apply as PMT, never worse than going through PM");
    assert!(
        text.replace("\n  ", " ").contains(
            "It is never worse than \"Apply as Product Manager, then try for Product Manager – Technical\""
        ),
        "{text}"
    );
    let codes: Vec<&str> = j["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"technical-overfocus"));
    quoted(&row, "warns about technical over-focus");
}

#[test]
fn the_plan_figures_the_readme_quotes_match_the_binary() {
    let (j, text) = assessed("experienced-pm");
    let readme = readme().replace("\n  ", " ");
    let prep = &j["prep"];
    let last = prep["plan"].as_array().unwrap().last().unwrap();
    let now = pct(&j["roles"]["pm"]["offer_probability"]["point"]);
    let whole = format!(
        "(\"{} of the {} hours: Product Manager offer {now} → {}\")",
        rolefit::testing::text::trim_number(last["hours_total"].as_f64().unwrap()),
        rolefit::testing::text::trim_number(prep["hours"].as_f64().unwrap()),
        pct(&last["offer"]["pm"])
    );
    assert!(readme.contains(&whole), "{whole}");
    let referral = format!(
        "(\"a referral would raise your Product Manager offer chance from {now} to {}\")",
        pct(&prep["routes"]["referral"]["offer"]["pm"])
    );
    assert!(readme.contains(&referral), "{referral}");
    assert_eq!(prep["plan"][0]["kind"], "story");
    // The first row of the steps' table (its name wraps within its column).
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains("1 Write a story for Success and"), "{text}");
    assert!(readme.contains(
        "the bundled example's plan starts with \"Write a story for Success and Scale Bring Broad Responsibility\""
    ));
}

/// "half a level too high everywhere … cuts the example's PM offer chance
/// from 18% to 6%".
#[test]
fn half_a_level_lower_everywhere_cuts_the_example_as_the_readme_says() {
    let text = common::read(&common::example());
    let lower = text.replacen("self_bias = -0.25 ", "self_bias = -0.75 ", 1);
    assert_ne!(lower, text);
    let dir = tempfile::tempdir().unwrap();
    let now = common::assess_json(&common::example());
    let then = common::assess_json(&common::write(dir.path(), "low.toml", &lower));
    let p = |j: &Value| pct(&j["roles"]["pm"]["offer_probability"]["point"]);
    let claim = format!(
        "cuts the example's PM offer chance from {} to {}",
        p(&now),
        p(&then)
    );
    assert!(readme().replace("\n  ", " ").contains(&claim), "{claim}");
}
