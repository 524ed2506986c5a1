//! Hostile text from a rubric, in every field that is shown, never becomes
//! live markup, terminal escapes or broken JSON in any output, and a name
//! cannot steer where files are written.

use crate::common;

use std::collections::BTreeMap;

/// Strings that have broken other tools' outputs.
pub(crate) const CORPUS: &[&str] = &[
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "</text></svg><script>x</script>",
    "<![CDATA[ ]]> <!-- comment -->",
    "javascript:alert(1)",
    "&amp; &lt; &#x3C; &unknown;",
    "' OR '1'='1",
    "**bold** _it_ `code` [link](http://x) ![img](http://x) <http://x>",
    "# heading\n- list\n| table | row |",
    "\u{1b}[31mred\u{1b}[0m \u{1b}]8;;http://x\u{7}link\u{1b}]8;;\u{7}",
    "bell\u{7} backspace\u{8} null-ish \u{1}",
    "\u{202E}reversed\u{202C} \u{200B}zero\u{200D}width",
    "{{template}} ${var} %s %n",
    "🚀👩‍💻 שלום",
    "\r carriage\u{8} \0 nul \u{9b}31m csi \u{1b}]0;PWNED\u{7}",
    "\u{202A}lre\u{202D}lro\u{2066}lri\u{2069} \u{2028}line\u{2029}para",
    "nonchars \u{FFFE}\u{FFFF} end",
];

/// No character the sanitiser removes (newlines and tabs are rolefit's own).
fn assert_sanitised(evil: &str, what: &str, text: &str) {
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| rolefit::testing::text::is_unsafe(c) && c != '\n' && c != '\t')
        .collect();
    assert!(bad.is_empty(), "{evil:?}: {bad:?} reached {what}");
}

/// The bundled example with `evil` in the name, a role title, a group
/// title, a competency name, an evidence story, a stage name and a story's
/// title.
pub(crate) fn evil_rubric(evil: &str) -> String {
    let lit = common::toml_lit(evil);
    common::read(&common::repo().join("rubrics/examples/experienced-pm.toml"))
        .replacen("name = \"Sam Rivera\"", &format!("name = {lit}"), 1)
        .replacen("title = \"Product Manager\"", &format!("title = {lit}"), 1)
        .replacen("title = \"Product craft\"", &format!("title = {lit}"), 1)
        .replacen("name = \"Ownership\"", &format!("name = {lit}"), 1)
        .replacen(
            "evidence = \"Rebuilt onboarding after 40 customer calls; churn fell 12%.\"",
            &format!("evidence = {lit}"),
            1,
        )
        .replacen("name = \"Phone interviews\"", &format!("name = {lit}"), 1)
        // A story another principle shares: its title shows in the loop
        // plan's sentences, table cells and stories.svg.
        .replacen(
            "title = \"Rebuilt onboarding after 40 customer calls\"",
            &format!("title = {lit}"),
            1,
        )
}

fn run(dir: &std::path::Path, rubric: &str, format: &str) -> (String, BTreeMap<String, String>) {
    let path = common::write(dir, "evil.toml", rubric);
    let out = common::rolefit(dir)
        .args([
            "assess",
            "--out",
            "out",
            "--samples",
            "500",
            "--format",
            format,
        ])
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let folder = std::fs::read_dir(dir.join("out"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let files = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                common::read(&p),
            )
        })
        .collect();
    (String::from_utf8(out.stdout).unwrap(), files)
}

#[test]
fn no_hostile_string_becomes_live_in_any_output() {
    for evil in CORPUS {
        let dir = tempfile::tempdir().unwrap();
        let rubric = evil_rubric(evil);
        let (terminal, files) = run(dir.path(), &rubric, "text");
        // Terminal: no control characters from the rubric (newlines are
        // ours), no bidi controls or separators; nor in any file.
        assert_sanitised(evil, "the terminal", &terminal);
        for (name, text) in &files {
            assert_sanitised(evil, name, text);
        }
        // JSON: valid, and the name comes back as the one sanitiser makes
        // it (every output shows the same text).
        let json: serde_json::Value = serde_json::from_str(&files["summary.json"]).unwrap();
        assert_eq!(
            json["candidate"]["name"].as_str(),
            Some(rolefit::testing::text::clean(evil).trim()),
            "{evil:?}"
        );
        let (stdout_json, _) = run(dir.path(), &rubric, "json");
        serde_json::from_str::<serde_json::Value>(&stdout_json).expect("stdout JSON valid");
        // SVG: well-formed, and only the elements rolefit draws.
        for (name, text) in files.iter().filter(|(n, _)| n.ends_with(".svg")) {
            let doc = roxmltree::Document::parse(text)
                .unwrap_or_else(|e| panic!("{evil:?}: {name} is not well-formed: {e}"));
            for node in doc.descendants().filter(|n| n.is_element()) {
                let tag = node.tag_name().name();
                assert!(
                    [
                        "svg", "rect", "text", "line", "polyline", "circle", "path", "polygon"
                    ]
                    .contains(&tag),
                    "{evil:?}: {name} has a <{tag}>"
                );
            }
        }
        // HTML: only rolefit's own tags; the rubric's `<` are all escaped.
        let html = &files["report.html"];
        let body = html.split("<body>").nth(1).unwrap();
        let mut tags: Vec<&str> = body
            .split('<')
            .skip(1)
            .map(|t| t.split([' ', '>', '/']).next().unwrap_or(""))
            .filter(|t| !t.is_empty())
            .collect();
        tags.sort_unstable();
        tags.dedup();
        for tag in &tags {
            assert!(
                [
                    "h1",
                    "h2",
                    "p",
                    "ul",
                    "li",
                    "table",
                    "thead",
                    "tbody",
                    "tr",
                    "th",
                    "td",
                    "figure",
                    "figcaption",
                    "svg",
                    "rect",
                    "text",
                    "line",
                    "polyline",
                    "circle",
                    "path",
                    "polygon",
                    "body",
                    "html"
                ]
                .contains(tag),
                "{evil:?}: report.html has a <{tag}>"
            );
        }
        // Markdown: no raw `<` from the rubric, no live link or emphasis.
        let md = &files["report.md"];
        for line in md.lines() {
            if line.starts_with("![") {
                continue; // rolefit's own chart images
            }
            assert!(!line.contains('<'), "{evil:?}: raw < in report.md: {line}");
            assert!(
                !line.contains("](http"),
                "{evil:?}: live link in report.md: {line}"
            );
        }
    }
}

/// Error messages quote the rubric (an unknown id, the source line of a
/// syntax error, the ids of a template's blank competencies): they go
/// through the same sanitiser, whether stderr is a terminal or a pipe.
#[test]
fn escape_sequences_never_reach_stderr_through_errors() {
    let dir = tempfile::tempdir().unwrap();
    let example = common::read(&common::repo().join("rubrics/examples/experienced-pm.toml"));
    let evil = "X\u{1b}]0;PWNED\u{7}\r\u{8}\0\u{9b}2J\u{202E}";
    let lit = common::toml_lit(evil);
    let unknown_group = example.replacen("group = \"leadership\"", &format!("group = {lit}"), 1);
    assert!(unknown_group != example, "the group line is in the example");
    let syntax = format!("{example}\nbroken = {evil} ]]\n");
    let blank_id = common::read(&common::repo().join("rubrics/amazon-pm-pmt.toml")).replacen(
        "id = \"customer-obsession\"",
        &format!("id = {lit}"),
        1,
    );
    for (name, text) in [
        ("group.toml", unknown_group),
        ("syntax.toml", syntax),
        ("blank.toml", blank_id),
    ] {
        let path = common::write(dir.path(), name, &text);
        for command in ["validate", "assess"] {
            let out = common::rolefit(dir.path())
                .args(
                    [command, "--out", "out"]
                        .iter()
                        .take(if command == "assess" { 3 } else { 1 }),
                )
                .arg(&path)
                .output()
                .unwrap();
            assert!(!out.status.success(), "{name} {command}");
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(stderr.contains("PWNED"), "{name} {command}: {stderr}");
            assert_sanitised(evil, &format!("stderr of {command} {name}"), &stderr);
        }
    }
}

#[test]
fn a_name_cannot_steer_where_files_are_written() {
    let dir = tempfile::tempdir().unwrap();
    for evil in [
        "../../etc/passwd",
        "/tmp/x",
        "..",
        "a/../../b",
        "C:\\Windows\\x",
    ] {
        let rubric = evil_rubric(evil);
        run(dir.path(), &rubric, "text");
    }
    // Everything went into out/<slug>/ with a plain slug.
    for entry in walk(dir.path()) {
        let rel = entry
            .strip_prefix(dir.path())
            .unwrap()
            .to_string_lossy()
            .into_owned();
        assert!(
            rel == "evil.toml" || rel.starts_with("out/"),
            "written outside out/: {rel}"
        );
    }
    let slugs: Vec<String> = std::fs::read_dir(dir.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for slug in &slugs {
        assert!(
            slug.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "{slug}"
        );
    }
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}
