//! The second hardening round (issue #15): runaway input, panics, stdout
//! failures, `fill` that never loses or misplaces an answer, batches and
//! stale files. One test per behaviour; each failed before the fix.

use crate::common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use predicates::prelude::*;

fn example() -> String {
    common::read(&common::repo().join("rubrics/examples/experienced-pm.toml"))
}

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

// 2. Errors are capped and long lines cut.

#[test]
fn thousands_of_errors_on_one_long_line_print_fifty_and_a_count() {
    let dir = tempfile::tempdir().unwrap();
    let names: Vec<String> = (0..23_000).map(|i| format!("zz{i} = 1")).collect();
    let text = example().replacen(
        "weight = { pm = 3, pmt = 3 }",
        &format!("weight = {{ {} }}", names.join(", ")),
        1,
    );
    assert!(text.len() > 200_000);
    let path = common::write(dir.path(), "many.toml", &text);
    let out = common::rolefit(dir.path())
        .arg("validate")
        .arg(&path)
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(65));
    let stderr = stderr_of(&out);
    assert!(stderr.len() < 40_000, "{} bytes of errors", stderr.len());
    assert_eq!(stderr.matches("names unknown role").count(), 50);
    assert!(
        stderr.contains("… and 22950 more errors not shown"),
        "{stderr}"
    );
    assert!(stderr.contains("23000 errors"));
    // The source line is cut around the caret, with its real line and column.
    let line = example()
        .lines()
        .position(|l| l.starts_with("weight = { pm = 3, pmt = 3 }"))
        .unwrap()
        + 1;
    assert!(stderr.contains(&format!(":{line}:12")), "{stderr}");
    assert!(stderr.lines().all(|l| l.chars().count() < 300));
}

// 8. No panic: a bug exits 70 with a request to report it.

#[test]
fn init_from_a_rubric_whose_candidate_is_not_a_table_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    common::write(dir.path(), "c.toml", "schema = 1\ncandidate = \"Ada\"\n");
    common::rolefit(dir.path())
        .args(["init", "o.toml", "--from", "c.toml", "--name", "Bob"])
        .assert()
        .code(65)
        .stderr(predicate::str::contains("`candidate` is not a table"))
        .stderr(predicate::str::contains("panicked").not());
    assert!(!dir.path().join("o.toml").exists());
}

#[test]
fn a_panic_exits_70_asking_for_a_bug_report() {
    let dir = tempfile::tempdir().unwrap();
    common::rolefit(dir.path())
        .env("ROLEFIT_TEST_PANIC", "1")
        .args(["validate", "any.toml"])
        .assert()
        .code(70)
        .stderr(predicate::str::contains("rolefit hit a bug"))
        .stderr(predicate::str::contains("Please report it"));
}

#[test]
fn a_scale_of_huge_numbers_is_refused_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let text = example()
        .replacen("min = 1\n", "min = -1e308\n", 1)
        .replacen("max = 5\n", "max = 1e308\n", 1);
    let path = common::write(dir.path(), "scale.toml", &text);
    common::rolefit(dir.path())
        .arg("validate")
        .arg(&path)
        .assert()
        .code(65)
        .stderr(predicate::str::contains("`min` = -1e308 is out of range"))
        .stderr(predicate::str::contains("within −1000…1000"));
}

// 11. A stdout that takes nothing is an error (74); a closed pipe is not.

#[cfg(target_os = "linux")]
#[test]
fn a_full_stdout_exits_74() {
    let dir = tempfile::tempdir().unwrap();
    let example = common::write(dir.path(), "a.toml", &example());
    let b = common::write(dir.path(), "b.toml", &common::read(&example));
    let runs: [Vec<&std::ffi::OsStr>; 4] = [
        vec![
            "assess".as_ref(),
            "--format".as_ref(),
            "json".as_ref(),
            "--samples".as_ref(),
            "100".as_ref(),
        ],
        vec!["validate".as_ref(), example.as_os_str()],
        vec!["compare".as_ref(), example.as_os_str(), b.as_os_str()],
        vec!["completions".as_ref(), "bash".as_ref()],
    ];
    for args in runs {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_rolefit"))
            .current_dir(dir.path())
            .args(&args)
            .stdout(full)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(74), "{args:?}: {}", stderr_of(&out));
        assert!(
            stderr_of(&out).contains("cannot write to standard output"),
            "{args:?}"
        );
    }
}

// 3. Legal-looking huge numbers are refused at once (they hung the charts).

#[test]
fn huge_finite_values_are_refused_not_drawn_forever() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("horizon_years = 4 ", "horizon_years = 1e304 "),
        (
            "current_salary = 150000",
            "current_salary = 1.7976931348623157e308",
        ),
        ("pay = { base = 175000,", "pay = { base = 1e308,"),
        (
            "premium = { min = 0.10, mode = 0.20, max = 0.20 }",
            "premium = 1e308",
        ),
    ];
    for (from, to) in cases {
        let text = example().replacen(from, to, 1);
        assert!(text.contains(to), "{to}");
        let path = common::write(dir.path(), "huge.toml", &text);
        common::rolefit(dir.path())
            .args(["assess", "--samples", "100"])
            .arg(&path)
            .timeout(Duration::from_secs(20))
            .assert()
            .code(65)
            .stderr(predicate::str::contains("range"));
    }
}

// 4. `fill` and `init --from` read through the 1 MiB cap.

#[cfg(target_os = "linux")]
#[test]
fn fill_reads_no_more_than_a_rubric_may_hold() {
    let dir = tempfile::tempdir().unwrap();
    common::rolefit(dir.path())
        .args(["fill", "/dev/zero"])
        .timeout(Duration::from_secs(20))
        .assert()
        .code(65)
        .stderr(predicate::str::contains("larger than 1 MiB"));
    let sparse = dir.path().join("sparse.toml");
    std::fs::File::create(&sparse)
        .unwrap()
        .set_len(2 << 30)
        .unwrap();
    common::rolefit(dir.path())
        .arg("fill")
        .arg(&sparse)
        .timeout(Duration::from_secs(20))
        .assert()
        .code(65)
        .stderr(predicate::str::contains("larger than 1 MiB"));
}

#[test]
fn init_from_names_the_source_in_its_errors() {
    let dir = tempfile::tempdir().unwrap();
    common::write(
        dir.path(),
        "src.toml",
        "schema = 1\n[candidate]\nname = 3\n",
    );
    common::rolefit(dir.path())
        .args(["init", "new.toml", "--from", "src.toml", "--name", "Bob"])
        .assert()
        .code(65)
        .stderr(predicate::str::contains("src.toml"))
        .stderr(predicate::str::contains("new.toml").not());
    let utf16: Vec<u8> = example()
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    std::fs::write(dir.path().join("wide.toml"), utf16).unwrap();
    common::rolefit(dir.path())
        .args(["init", "new.toml", "--from", "wide.toml"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("wide.toml is not valid UTF-8"))
        .stderr(predicate::str::contains("looks like UTF-16"));
}

// 5. An answer is saved or the person is told.

#[test]
fn fill_saves_answers_into_inline_competency_arrays() {
    let dir = tempfile::tempdir().unwrap();
    let text = "schema = 1\n\
        competency = [\n  { id = \"a\", group = \"technical\", weight = { pm = 1 } },\n  \
        { id = \"b\", group = \"technical\", weight = { pm = 1 }, score = 2 }, # kept\n]\n\n\
        [candidate]\nname = \"Ada\"\ncurrent_salary = 1\n\n\
        [roles.pm]\nsalary = 2\n\n[groups.technical]\ntitle = \"Tech\"\n\n\
        [[stage]]\nname = \"Loop\"\nemphasis = { technical = 1 }\npass_at = { pm = 50 }\n";
    let path = common::write(dir.path(), "inline.toml", text);
    common::rolefit(dir.path())
        .arg("validate")
        .arg(&path)
        .assert()
        .success();
    common::rolefit(dir.path())
        .args(["fill", "inline.toml", "--group", "technical"])
        .write_stdin("4\nhigh\nShipped it.\n3\n\n\n")
        .assert()
        .success();
    let after = common::read(&path);
    assert!(
        after.contains(
            "{ id = \"a\", group = \"technical\", weight = { pm = 1 }, score = 4, confidence = \"high\", evidence = \"Shipped it.\" }"
        ),
        "{after}"
    );
    assert!(after.contains("score = 3 }, # kept"), "{after}");
}

// 6. Permissions and symlinks.

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

fn blank(dir: &Path, name: &str) -> PathBuf {
    common::rolefit(dir)
        .args(["init", name, "--name", "Filler", "--salary", "100000"])
        .assert()
        .success();
    dir.join(name)
}

#[cfg(unix)]
#[test]
fn fill_refuses_a_read_only_rubric() {
    let dir = tempfile::tempdir().unwrap();
    let path = blank(dir.path(), "r.toml");
    let before = common::read(&path);
    set_mode(&path, 0o444);
    common::rolefit(dir.path())
        .args(["fill", "r.toml"])
        .write_stdin("\n4\n")
        .assert()
        .code(73)
        .stderr(predicate::str::contains("read-only"));
    assert_eq!(common::read(&path), before);
    assert_eq!(mode(&path), 0o444);
}

#[cfg(unix)]
#[test]
fn fill_keeps_the_mode_and_writes_through_a_symlink() {
    let dir = tempfile::tempdir().unwrap();
    let real = blank(dir.path(), "real.toml");
    set_mode(&real, 0o600);
    std::os::unix::fs::symlink("real.toml", dir.path().join("link.toml")).unwrap();
    common::rolefit(dir.path())
        .args(["fill", "link.toml"])
        .write_stdin("\n4\n")
        .assert()
        .success();
    let link = dir.path().join("link.toml");
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(common::read(&real).contains("score = 4"));
    assert_eq!(mode(&real), 0o600);
    assert!(!dir.path().join("real.toml.bak").exists());
}

// 7. Backups, concurrent changes, CRLF, BOM, the size limit.

/// An old backup is named for what it is and removed when this session
/// ends cleanly, as the banner says (#24); an interrupted one keeps it
/// (`fill::a_terminal_session_interrupted_keeps_every_answer`).
#[test]
fn an_old_backup_is_mentioned_and_removed_at_a_clean_end() {
    let dir = tempfile::tempdir().unwrap();
    let path = blank(dir.path(), "r.toml");
    let bak = dir.path().join("r.toml.bak");
    std::fs::write(&bak, "the original, from a session killed earlier").unwrap();
    common::rolefit(dir.path())
        .args(["fill", "r.toml"])
        .write_stdin("\n4\n")
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "left by an earlier fill that did not finish",
        ));
    assert!(common::read(&path).contains("score = 4"));
    assert!(!bak.exists(), "removed at the clean end");
}

/// Input that, when `fill` asks for the `at`-th line, first lets someone
/// else change the file.
struct Meddler {
    lines: Vec<&'static str>,
    at: usize,
    path: PathBuf,
    buf: Vec<u8>,
}

impl std::io::Read for Meddler {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let n = std::io::BufRead::fill_buf(self)?.len().min(out.len());
        out[..n].copy_from_slice(&self.buf[..n]);
        std::io::BufRead::consume(self, n);
        Ok(n)
    }
}

impl std::io::BufRead for Meddler {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        if self.buf.is_empty() && !self.lines.is_empty() {
            if self.at == 0 {
                let text = common::read(&self.path);
                std::fs::write(&self.path, text.replacen("Filler", "Someone Else", 1)).unwrap();
            }
            self.at = self.at.wrapping_sub(1);
            self.buf = self.lines.remove(0).as_bytes().to_vec();
        }
        Ok(&self.buf)
    }
    fn consume(&mut self, n: usize) {
        self.buf.drain(..n);
    }
}

#[test]
fn fill_never_saves_over_a_change_made_meanwhile() {
    let dir = tempfile::tempdir().unwrap();
    let path = blank(dir.path(), "r.toml");
    let opts = rolefit::testing::cli::FillOptions {
        rubric: path.clone(),
        only_blank: false,
        group: None,
        stories: false,
    };
    // Route kept, score 4 saved; then someone edits; then score 3 comes.
    let mut input = Meddler {
        lines: vec!["\n", "4\n", "\n", "\n", "3\n"],
        at: 4,
        path: path.clone(),
        buf: Vec::new(),
    };
    let mut out = Vec::new();
    let err = rolefit::testing::commands::fill::fill(&opts, &mut input, &mut out).unwrap_err();
    assert_eq!(err.exit(), rolefit::Exit::CantCreat);
    assert!(
        err.to_string().contains("changed since fill read it"),
        "{err}"
    );
    let after = common::read(&path);
    assert!(after.contains("Someone Else"), "the other change is kept");
    assert!(after.contains("score = 4"), "the first answer is kept");
    assert!(!after.contains("score = 3"));
}

#[test]
fn fill_keeps_crlf_line_endings_and_a_byte_order_mark() {
    let dir = tempfile::tempdir().unwrap();
    let path = blank(dir.path(), "r.toml");
    let crlf = format!("\u{feff}{}", common::read(&path).replace('\n', "\r\n"));
    std::fs::write(&path, &crlf).unwrap();
    common::rolefit(dir.path())
        .args(["fill", "r.toml"])
        .write_stdin("\n4\nhigh\nA story.\n")
        .assert()
        .success();
    let after = common::read(&path);
    assert!(after.starts_with('\u{feff}'));
    assert!(
        !after.replace("\r\n", "").contains('\n'),
        "a bare LF crept in"
    );
    assert!(after.contains("score = 4\r\n"));
    assert!(after.contains("evidence = \"A story.\"\r\n"));
}

#[test]
fn fill_refuses_an_answer_that_would_pass_the_size_limit() {
    let dir = tempfile::tempdir().unwrap();
    let path = blank(dir.path(), "r.toml");
    let huge = "x".repeat(2 << 20);
    common::rolefit(dir.path())
        .args(["fill", "r.toml"])
        .write_stdin(format!("\n4\nhigh\n{huge}\nShort one.\n"))
        .timeout(Duration::from_secs(30))
        .assert()
        .success()
        .stdout(predicate::str::contains("not saved"));
    let after = common::read(&path);
    assert!(after.len() < 1 << 20);
    assert!(after.contains("evidence = \"Short one.\""));
}

// 12. Batches and stale files.

#[test]
fn a_failing_rubric_does_not_take_the_candidates_folder() {
    let dir = tempfile::tempdir().unwrap();
    let good = example();
    // Sam's first rubric is still a template (a score missing): it loads,
    // then cannot be assessed.
    let blank = good.replacen("score = 4.5\n", "\n", 1);
    // One that does not load at all.
    let broken = good.replacen("score = 4.5", "score = 9", 1);
    common::write(dir.path(), "a-blank.toml", &blank);
    common::write(dir.path(), "b-broken.toml", &broken);
    common::write(dir.path(), "c-good.toml", &good);
    common::rolefit(dir.path())
        .args(["assess", "--quiet", "--samples", "100", "--no-charts"])
        .args(["a-blank.toml", "b-broken.toml", "c-good.toml"])
        .assert()
        .code(65);
    let folders: Vec<String> = std::fs::read_dir(dir.path().join("output"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(folders, ["sam-rivera"]);
    assert!(dir.path().join("output/sam-rivera/summary.json").exists());
}

#[test]
fn no_charts_removes_the_charts_of_an_earlier_run() {
    let dir = tempfile::tempdir().unwrap();
    let run = |extra: &[&str]| {
        common::rolefit(dir.path())
            .args(["assess", "--quiet", "--samples", "100"])
            .args(extra)
            .assert()
            .success();
    };
    run(&[]);
    let folder = dir.path().join("output/sam-rivera");
    assert!(folder.join("fit.svg").exists());
    std::fs::write(folder.join("stories.svg"), "<svg/>").unwrap();
    std::fs::write(folder.join("fit.png"), "png").unwrap();
    std::fs::write(folder.join("notes.txt"), "mine").unwrap();
    run(&["--no-charts"]);
    let left: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".svg") || n.ends_with(".png"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    assert_eq!(common::read(&folder.join("notes.txt")), "mine");
}

// 13. Smaller ones.

#[test]
fn confidence_takes_any_case_in_the_file_as_fill_does() {
    let dir = tempfile::tempdir().unwrap();
    let text = example().replacen("confidence = \"high\"", "confidence = \"High\"", 1);
    let path = common::write(dir.path(), "c.toml", &text);
    common::rolefit(dir.path())
        .arg("validate")
        .arg(&path)
        .assert()
        .success();
}

#[test]
fn smaller_input_problems_get_a_precise_message() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            example().replacen(
                "current_salary = 150000",
                "current_salary = 9223372036854775808",
                1,
            ),
            "`current_salary` = 9.223372036854776e18 is out of range",
        ),
        (
            example().replacen("score = 4.5\n", "score = 4.5\nscore = 4\n", 1),
            "`score` is set twice in the same table",
        ),
    ];
    for (text, want) in cases {
        let path = common::write(dir.path(), "s.toml", &text);
        common::rolefit(dir.path())
            .arg("validate")
            .arg(&path)
            .assert()
            .code(65)
            .stderr(predicate::str::contains(want));
    }
    std::fs::write(
        dir.path().join("latin.toml"),
        b"schema = 1\nname = \"Jos\xe9\"\n",
    )
    .unwrap();
    common::rolefit(dir.path())
        .args(["validate", "latin.toml"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("Latin-1"))
        .stderr(predicate::str::contains("save it as UTF-8"));
}
