//! The candidate is required (DESIGN.md v2): a blank name or a missing
//! `current_salary` makes a rubric a template, which `validate` lists and
//! `assess`/`compare` refuse with the line to fix; `current_salary = 0` is
//! allowed with the `no-current-pay` warning.

use crate::common;

use crate::common::{repo, rolefit, write};

/// The experienced-PM example with its `[candidate]` lines replaced.
fn example_with(candidate: &str) -> String {
    let text = std::fs::read_to_string(repo().join("rubrics/examples/experienced-pm.toml"))
        .expect("example");
    let start = text.find("[candidate]").expect("[candidate]");
    let end = start
        + text[start..]
            .find("\n\n")
            .expect("blank line after the table");
    format!("{}[candidate]\n{candidate}{}", &text[..start], &text[end..])
}

fn line_of(text: &str, needle: &str) -> usize {
    text[..text.find(needle).expect(needle)]
        .matches('\n')
        .count()
        + 1
}

#[test]
fn a_blank_name_is_refused_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    // Spaces count as blank.
    let text = example_with("name = \"   \"\ncurrent_salary = 150000\n");
    let name_line = line_of(&text, "name = \"   \"");
    let path = write(dir.path(), "r.toml", &text);
    let out = rolefit(dir.path())
        .arg("assess")
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(65));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("line {name_line}: [candidate] name is blank")),
        "{stderr}"
    );
    assert!(!stderr.contains("current_salary"), "{stderr}");
    assert!(!dir.path().join("output").exists());
    // validate: a template, exit 0, the same entry under `blank`.
    let out = rolefit(dir.path())
        .arg("validate")
        .arg(&path)
        .output()
        .unwrap();
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("valid template, not ready to assess"),
        "{stdout}"
    );
    assert!(stdout.contains("[blank]"), "{stdout}");
    assert!(stdout.contains(&format!("line {name_line}: [candidate] name is blank")));
}

#[test]
fn a_missing_salary_is_refused_with_the_table_line() {
    let dir = tempfile::tempdir().unwrap();
    let text = example_with("name = \"Sam Rivera\"\n");
    let table_line = line_of(&text, "[candidate]");
    let path = write(dir.path(), "r.toml", &text);
    for command in ["assess", "compare"] {
        let mut cmd = rolefit(dir.path());
        cmd.arg(command).arg(&path);
        if command == "compare" {
            cmd.arg(repo().join("rubrics/examples/mba-pm.toml"));
        }
        let out = cmd.output().unwrap();
        assert_eq!(out.status.code(), Some(65), "{command}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains(&format!(
                "line {table_line}: [candidate] current_salary is missing"
            )),
            "{command}: {stderr}"
        );
    }
}

#[test]
fn no_current_pay_is_allowed_and_warned() {
    let dir = tempfile::tempdir().unwrap();
    let text = example_with("name = \"Sam Rivera\"\ncurrent_salary = 0\n");
    let path = write(dir.path(), "r.toml", &text);
    let json = common::assess_json(&path);
    let codes: Vec<&str> = json["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"no-current-pay"), "{codes:?}");
    // Any offer beats staying at 0.
    assert_ne!(json["recommendation"], "stay");
    // A real salary: no such warning.
    let json = common::assess_json(&repo().join("rubrics/examples/experienced-pm.toml"));
    assert!(
        !json["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w["code"] == "no-current-pay")
    );
}
