//! Shared helpers for the end-to-end tests: run the built binary, write
//! rubrics into temporary folders.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The `rolefit` binary, run in `dir` with colour off.
pub fn rolefit(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("rolefit").expect("binary built");
    cmd.current_dir(dir).env("NO_COLOR", "1");
    cmd
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures").join(name)
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Writes `text` to `dir/name` and returns the path.
pub fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("write rubric");
    path
}

/// Runs `assess --format json --samples 0` on `rubric` and parses stdout.
pub fn assess_json(rubric: &Path) -> serde_json::Value {
    assess_json_with(rubric, &["--samples", "0"])
}

/// Runs `assess --format json` with `args` on `rubric` and parses stdout.
pub fn assess_json_with(rubric: &Path, args: &[&str]) -> serde_json::Value {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = rolefit(dir.path())
        .args(["assess", "--format", "json"])
        .args(args)
        .arg(rubric)
        .output()
        .expect("run rolefit");
    assert!(
        out.status.success(),
        "rolefit failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}

/// `s` as a TOML basic string literal, control characters escaped.
pub fn toml_lit(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Every file in `dir`, by name, as bytes (the marker saying which
/// rubric made a results folder left out).
pub fn files(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .filter(|e| e.as_ref().is_ok_and(|e| e.file_name() != ".rolefit-rubric"))
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// The bundled example, `rubrics/examples/experienced-pm.toml`.
pub fn example() -> PathBuf {
    repo().join("rubrics/examples/experienced-pm.toml")
}

/// The one result folder `assess` wrote under `dir/output`.
pub fn result_folder(dir: &Path) -> PathBuf {
    let folders: Vec<PathBuf> = std::fs::read_dir(dir.join("output"))
        .expect("an output folder")
        .map(|e| e.expect("readable").path())
        .collect();
    assert_eq!(folders.len(), 1, "{folders:?}");
    folders.into_iter().next().unwrap()
}

/// Runs `assess RUBRIC ARGS…` in `dir` and returns stdout; panics, with
/// stderr, on failure.
pub fn assess(dir: &Path, rubric: &Path, args: &[&str]) -> String {
    let out = rolefit(dir)
        .arg("assess")
        .arg(rubric)
        .args(args)
        .output()
        .expect("run rolefit");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("stdout is UTF-8")
}

/// Renders an SVG with resvg (no fonts: text is not drawn).
pub fn render_svg(svg: &str) -> resvg::tiny_skia::Pixmap {
    let tree = resvg::usvg::Tree::from_str(svg, &resvg::usvg::Options::default())
        .expect("resvg parses the SVG");
    let size = tree.size().to_int_size();
    let mut pixmap = resvg::tiny_skia::Pixmap::new(size.width(), size.height()).unwrap();
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::default(),
        &mut pixmap.as_mut(),
    );
    pixmap
}

/// Parses a test rubric. Fixtures that want a stage to pass surely above
/// its mark and never below write `steepness = 1000`; a rubric may not
/// (DESIGN.md v3 bounds it to (0, 5]), the model may: the fixture is parsed
/// at 5, then the model's slope and every stage that took it are set to 1000.
pub fn parse_fixture(path: &str, src: &str) -> rolefit::testing::rubric::Rubric {
    const STEP: &str = "steepness = 1000";
    let stepped = src.contains(STEP);
    let mut rubric = rolefit::testing::rubric::parse_str(path, &src.replace(STEP, "steepness = 5"))
        .unwrap_or_else(|e| panic!("{e}\n{src}"));
    if stepped {
        rubric.model.steepness = 1000.0;
        for stage in &mut rubric.stages {
            if stage.steepness == 5.0 {
                stage.steepness = 1000.0;
            }
        }
    }
    rubric
}
