//! What `fill` checks about the file before the first question: a hard
//! link is refused (saving would split it), and so is a folder that takes
//! no new file (each save writes one beside the rubric).

#![cfg(unix)]

use std::path::{Path, PathBuf};

use predicates::prelude::*;

use crate::common;

fn blank(dir: &Path) -> PathBuf {
    common::rolefit(dir)
        .args(["init", "r.toml", "--name", "Filler", "--salary", "100000"])
        .assert()
        .success();
    dir.join("r.toml")
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn a_hard_linked_rubric_is_refused_before_any_question() {
    let dir = tempfile::tempdir().unwrap();
    let path = blank(dir.path());
    std::fs::hard_link(&path, dir.path().join("other-name.toml")).unwrap();
    let before = common::read(&path);
    common::rolefit(dir.path())
        .args(["fill", "r.toml"])
        .write_stdin("2\n4\n")
        .assert()
        .code(73)
        .stdout(predicate::str::contains("Route").not())
        .stderr(predicate::str::contains("r.toml has 2 hard links"))
        .stderr(predicate::str::contains("nothing was asked or saved"));
    assert_eq!(common::read(&path), before);
    assert_eq!(common::read(&dir.path().join("other-name.toml")), before);
}

#[test]
fn a_read_only_folder_is_refused_before_any_question() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("locked");
    std::fs::create_dir(&folder).unwrap();
    let path = blank(&folder);
    let before = common::read(&path);
    set_mode(&folder, 0o555);
    let run = common::rolefit(dir.path())
        .args(["fill", "locked/r.toml"])
        .write_stdin("2\n4\n")
        .assert();
    set_mode(&folder, 0o755);
    run.code(73)
        .stdout(predicate::str::contains("Route").not())
        .stderr(predicate::str::contains("its folder locked is read-only"))
        .stderr(predicate::str::contains("nothing was asked or saved"));
    assert_eq!(common::read(&path), before);
    assert!(!folder.join("r.toml.bak").exists());
}
