//! `[candidate] route` from the command line: `init --route` sets it in
//! place, keeping the comment, and refuses anything but the three routes.

use crate::common;

use predicates::prelude::*;

/// The `route = …` line of a rubric's text.
fn route_line(text: &str) -> &str {
    text.lines()
        .find(|l| l.starts_with("route ="))
        .unwrap_or_else(|| panic!("no route line in:\n{text}"))
}

#[test]
fn init_route_sets_the_route_keeping_its_comment() {
    let dir = tempfile::tempdir().unwrap();
    common::rolefit(dir.path())
        .args(["init", "mine.toml", "--route", "referral"])
        .assert()
        .success();
    let text = common::read(&dir.path().join("mine.toml"));
    let bundled = common::read(&common::repo().join("rubrics/amazon-pm-pmt.toml"));
    let line = route_line(&text);
    assert!(line.starts_with("route = \"referral\""), "{line}");
    let comment = route_line(&bundled).split_once('#').unwrap().1;
    assert!(
        line.ends_with(&format!("#{comment}")),
        "comment kept: {line}"
    );
    // Nothing else changed.
    let others = |t: &str| {
        t.lines()
            .filter(|l| !l.starts_with("route ="))
            .map(String::from)
            .collect::<Vec<_>>()
    };
    assert_eq!(others(&text), others(&bundled));
    common::rolefit(dir.path())
        .args(["validate", "mine.toml"])
        .assert()
        .success()
        .stdout(predicate::str::contains("valid template"));
}

#[test]
fn init_route_with_name_and_salary_gives_an_assessable_route() {
    let dir = tempfile::tempdir().unwrap();
    // A rubric without a route key: --route adds it to [candidate].
    let from = common::read(&common::repo().join("rubrics/examples/mba-pm.toml"));
    let without: String = from
        .lines()
        .filter(|l| !l.starts_with("route ="))
        .map(|l| format!("{l}\n"))
        .collect();
    let src = common::write(dir.path(), "src.toml", &without);
    common::rolefit(dir.path())
        .args(["init", "new.toml", "--route", "recruiter", "--from"])
        .arg(&src)
        .assert()
        .success();
    let json = common::assess_json(&dir.path().join("new.toml"));
    assert_eq!(json["candidate"]["route"], "recruiter");
    // And each of the three, over the bundled rubric.
    for route in ["careers-site", "referral", "recruiter"] {
        let name = format!("{route}.toml");
        common::rolefit(dir.path())
            .args([
                "init", &name, "--name", "R", "--salary", "1", "--route", route,
            ])
            .assert()
            .success();
        let text = common::read(&dir.path().join(&name));
        assert!(
            route_line(&text).starts_with(&format!("route = \"{route}\"")),
            "{route}"
        );
    }
}

#[test]
fn init_with_an_unknown_route_is_exit_2_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    for bad in ["x", "Referral", "careers_site", ""] {
        common::rolefit(dir.path())
            .args(["init", "r.toml", "--route", bad])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(
                "careers-site, referral, recruiter",
            ));
    }
    assert!(!dir.path().join("r.toml").exists());
}

#[test]
fn init_help_says_what_the_route_means() {
    let dir = tempfile::tempdir().unwrap();
    common::rolefit(dir.path())
        .args(["init", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("--route <ROUTE>"))
        .stdout(predicate::str::contains(
            "How your application reaches the team",
        ))
        .stdout(predicate::str::contains("referral"));
}
