//! Killing `rolefit assess` at any instant (SIGKILL, SIGINT) leaves, for
//! every output file, either the previous complete file or the new complete
//! one: never a partial file.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Checks every visible file in the result folder is complete.
fn assert_complete(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return; // not created yet
    };
    for entry in entries {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue; // a temporary file, never a result
        }
        let text = std::fs::read_to_string(&path).unwrap();
        match path.extension().and_then(|e| e.to_str()) {
            Some("json") => {
                serde_json::from_str::<serde_json::Value>(&text)
                    .unwrap_or_else(|e| panic!("{name} is partial: {e}"));
            }
            Some("svg") => {
                roxmltree::Document::parse(&text)
                    .unwrap_or_else(|e| panic!("{name} is partial: {e}"));
            }
            Some("html") => assert!(text.ends_with("</html>\n"), "{name} is partial"),
            Some("md") => assert!(
                text.contains("What the numbers assume") && text.ends_with('\n'),
                "{name} is partial"
            ),
            _ => panic!("unexpected file {name}"),
        }
    }
}

/// A small deterministic sequence of delays (no RNG crate needed).
fn delays(n: usize, max_ms: u64) -> Vec<Duration> {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            Duration::from_micros(x % (max_ms * 1000))
        })
        .collect()
}

fn kill_during_writes(signal: &str, rounds: usize) {
    let dir = tempfile::tempdir().unwrap();
    let result = dir.path().join("out/sam-rivera");
    // Few draws: the result folder is being staged for about 40% of a
    // 500-draw run (13% of a default 20,000-draw one, most of which is
    // the Monte Carlo, before any file is opened), so about three times as
    // many kills land among the writes.
    let assess = ["assess", "--quiet", "--out", "out", "--samples", "500"];
    // How long one whole run takes here, to spread the kills over it.
    let start = Instant::now();
    common::rolefit(dir.path()).args(assess).assert().success();
    let full = start.elapsed().as_millis() as u64 + 1;
    for delay in delays(rounds, full) {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("rolefit"))
            .args(assess)
            .current_dir(dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let _ = Command::new("kill")
            .args([signal, &child.id().to_string()])
            .status();
        let _ = child.wait();
        assert_complete(&result);
    }
    // A later run cleans up what the killed ones left half-written.
    common::rolefit(dir.path()).args(assess).assert().success();
    let leftovers: Vec<_> = std::fs::read_dir(&result)
        .unwrap()
        .filter_map(|e| e.ok())
        // Dot files but the marker of which rubric made the folder.
        .filter(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.starts_with('.') && name != ".rolefit-rubric"
        })
        .collect();
    assert!(leftovers.is_empty(), "stale temporaries: {leftovers:?}");
    assert_complete(&result);
}

#[test]
fn sigkill_at_any_moment_leaves_only_complete_files() {
    kill_during_writes("-KILL", 40);
}

#[test]
fn ctrl_c_at_any_moment_leaves_only_complete_files() {
    kill_during_writes("-INT", 15);
}

#[test]
fn ctrl_c_during_a_batch_stops_promptly_with_complete_files() {
    let dir = tempfile::tempdir().unwrap();
    // Thirty rubrics with different names: thirty result folders.
    let example = common::read(&common::repo().join("rubrics/examples/mba-pm.toml"));
    let paths: Vec<String> = (0..30)
        .map(|i| {
            let text = example.replacen(
                "name = \"Priya Raman\"",
                &format!("name = \"Person {i}\""),
                1,
            );
            common::write(dir.path(), &format!("p{i}.toml"), &text)
                .display()
                .to_string()
        })
        .collect();
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("rolefit"))
        .args(["assess", "--quiet", "--out", "out"])
        .args(&paths)
        .current_dir(dir.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Let it write a few folders, then interrupt.
    let deadline = Instant::now() + Duration::from_secs(60);
    while std::fs::read_dir(dir.path().join("out")).map_or(0, |d| d.count()) < 3 {
        assert!(Instant::now() < deadline, "no output after a minute");
        std::thread::sleep(Duration::from_millis(5));
    }
    let _ = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status();
    let sent = Instant::now();
    let status = child.wait().unwrap();
    assert!(
        sent.elapsed() < Duration::from_secs(1),
        "took {:?} to stop",
        sent.elapsed()
    );
    assert!(!status.success(), "interrupted, not finished");
    let folders: Vec<_> = std::fs::read_dir(dir.path().join("out")).unwrap().collect();
    assert!(folders.len() < 30, "stopped before the end");
    for folder in folders {
        assert_complete(&folder.unwrap().path());
    }
}
