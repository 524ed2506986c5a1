//! The shape of the source tree (the reshape issue): no cycle between the
//! top-level modules of `src/`, a short `lib.rs`, no file over 600 lines,
//! and one file per subcommand in `src/commands/`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src/ is readable").flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Top-level module of a file under src/ (`model` for src/model/kernel.rs).
fn top_module(file: &Path) -> String {
    let rel = file.strip_prefix(src()).expect("under src/");
    let first = rel.components().next().expect("a component");
    first
        .as_os_str()
        .to_string_lossy()
        .trim_end_matches(".rs")
        .to_string()
}

/// Which top-level modules each one names through `crate::NAME` (also
/// inside `use crate::{a, b::c}`).
fn dependencies() -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let modules: BTreeSet<String> = files
        .iter()
        .map(|f| top_module(f))
        .filter(|m| m != "lib" && m != "main")
        .collect();
    let mut deps: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in &files {
        let module = top_module(file);
        if !modules.contains(&module) {
            continue;
        }
        let text = std::fs::read_to_string(file).expect("readable");
        let entry = deps.entry(module.clone()).or_default();
        let mut rest = text.as_str();
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            let names: Vec<&str> = if let Some(group) = rest.strip_prefix('{') {
                let end = group.find('}').unwrap_or(group.len());
                group[..end]
                    .split(',')
                    .map(|part| part.trim().split("::").next().unwrap_or("").trim())
                    .collect()
            } else {
                let end = rest
                    .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                    .unwrap_or(rest.len());
                vec![&rest[..end]]
            };
            for name in names {
                if name != module && modules.contains(name) {
                    entry.insert(name.to_string());
                }
            }
        }
    }
    deps
}

#[test]
fn no_cycle_between_top_level_modules() {
    let deps = dependencies();
    assert!(deps.len() > 10, "found the modules: {deps:?}");
    // Depth-first search for a back edge.
    fn visit(
        m: &str,
        deps: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| p == m) {
            let mut cycle = path[i..].to_vec();
            cycle.push(m.to_string());
            return Some(cycle);
        }
        if done.contains(m) {
            return None;
        }
        path.push(m.to_string());
        for d in deps.get(m).into_iter().flatten() {
            if let Some(c) = visit(d, deps, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(m.to_string());
        None
    }
    let mut done = BTreeSet::new();
    for m in deps.keys() {
        let cycle = visit(m, &deps, &mut Vec::new(), &mut done);
        assert!(
            cycle.is_none(),
            "module cycle: {}",
            cycle.unwrap().join(" → ")
        );
    }
    // The pipeline never reaches back into the commands or the command line.
    for (m, d) in &deps {
        if m != "commands" {
            assert!(!d.contains("commands"), "{m} uses commands");
        }
        if m != "commands" && m != "cli" {
            assert!(!d.contains("cli"), "{m} uses cli");
        }
    }
}

#[test]
fn files_stay_small_and_lib_is_a_facade() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    for file in &files {
        let lines = std::fs::read_to_string(file)
            .expect("readable")
            .lines()
            .count();
        assert!(lines <= 600, "{} has {lines} lines", file.display());
    }
    let lib = std::fs::read_to_string(src().join("lib.rs")).expect("lib.rs");
    assert!(
        lib.lines().count() < 150,
        "lib.rs has {} lines",
        lib.lines().count()
    );
}

#[test]
fn every_subcommand_has_its_file() {
    for command in [
        "assess",
        "validate",
        "init",
        "fill",
        "compare",
        "completions",
        "serve",
    ] {
        let file = src().join("commands").join(format!("{command}.rs"));
        assert!(file.is_file(), "{} is missing", file.display());
    }
}
