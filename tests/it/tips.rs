//! Small words that send a person the right way (#24, point 10): what
//! `init` says is left, `fill --help`'s RUBRIC, `--json` for `--format
//! json`, and a near file name.

use predicates::prelude::*;

use crate::common;

#[test]
fn init_says_only_what_is_left_to_fill() {
    let dir = tempfile::tempdir().unwrap();
    common::rolefit(dir.path())
        .args(["init", "a.toml", "--name", "Ada", "--salary", "150000"])
        .assert()
        .success()
        .stderr(predicate::str::contains("fill in every `score`"))
        .stderr(predicate::str::contains("your name").not())
        .stderr(predicate::str::contains("current_salary").not());
    common::rolefit(dir.path())
        .args(["init", "b.toml"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "fill in your name, current_salary and every `score`",
        ));
    let example = common::example();
    common::rolefit(dir.path())
        .args(["init", "c.toml", "--from"])
        .arg(&example)
        .assert()
        .success()
        .stderr(predicate::str::contains("every answer is in"))
        .stderr(predicate::str::contains("fill in").not());
}

#[test]
fn fill_help_describes_its_rubric() {
    common::rolefit(std::env::temp_dir().as_path())
        .args(["fill", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "<RUBRIC>  The rubric file to fill out",
        ));
}

#[test]
fn a_format_written_as_a_flag_gets_the_format_option_as_tip() {
    for (command, flag, tip) in [
        ("assess", "--json", "'--format json'"),
        ("compare", "--markdown", "'--format markdown'"),
    ] {
        common::rolefit(std::env::temp_dir().as_path())
            .args([command, flag])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(tip))
            .stderr(predicate::str::contains("-- --").not());
    }
}

#[test]
fn a_near_file_name_is_suggested() {
    let dir = tempfile::tempdir().unwrap();
    common::rolefit(dir.path())
        .args(["init", "my-rubric.toml"])
        .assert()
        .success();
    for command in ["validate", "fill", "assess"] {
        common::rolefit(dir.path())
            .args([command, "my-rubric.tom"])
            .assert()
            .code(66)
            .stderr(predicate::str::contains("did you mean my-rubric.toml?"));
    }
    common::rolefit(dir.path())
        .args(["validate", "other.toml"])
        .assert()
        .code(66)
        .stderr(predicate::str::contains("did you mean").not());
}
