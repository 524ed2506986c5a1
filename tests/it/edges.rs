//! The third hardening round (issue #23): honest text at the edges —
//! diagnostics that point at what cannot be seen, output whose shape does
//! not depend on how many rubrics there were. Each test failed before its
//! fix; the point it checks is named above it.

use crate::common;

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn validate(dir: &std::path::Path, path: &std::path::Path) -> std::process::Output {
    common::rolefit(dir)
        .arg("validate")
        .arg(path)
        .output()
        .unwrap()
}

// 15. Diagnostics.

/// An ESC inside a string: the caret used to be missing (the renderer gave
/// the invisible character no width) exactly when it was needed.
#[test]
fn a_control_character_gets_a_caret_and_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let text = common::read(&common::example()).replacen("name = \"", "name = \"A\u{1b}B", 1);
    let path = common::write(dir.path(), "esc.toml", &text);
    let out = validate(dir.path(), &path);
    assert_eq!(out.status.code(), Some(65));
    let stderr = stderr_of(&out);
    assert!(stderr.contains("U+001B (ESC)"), "{stderr}");
    let lines: Vec<&str> = stderr.lines().collect();
    let source = lines
        .iter()
        .position(|l| l.contains("name = \"A"))
        .unwrap_or_else(|| panic!("no source line in:\n{stderr}"));
    let caret_line = lines[source + 1];
    let caret = caret_line
        .find('^')
        .unwrap_or_else(|| panic!("no caret:\n{stderr}"));
    // The caret sits under the stand-in for ESC, one column after `A`.
    let col = |line: &str, byte: usize| line[..byte].chars().count();
    let a = lines[source].find("\"A").unwrap() + 1;
    assert_eq!(
        col(caret_line, caret),
        col(lines[source], a) + 1,
        "{stderr}"
    );
    // No raw ESC reaches the terminal.
    assert!(!stderr.contains('\u{1b}'));
}

#[test]
fn a_nul_is_named_too() {
    let dir = tempfile::tempdir().unwrap();
    let text = common::read(&common::example()).replacen("name = \"", "name = \"A\u{0}B", 1);
    let path = common::write(dir.path(), "nul.toml", &text);
    let stderr = stderr_of(&validate(dir.path(), &path));
    assert!(stderr.contains("U+0000 (NUL)"), "{stderr}");
    assert!(stderr.contains('^'), "{stderr}");
}

/// A newline in a file name reached the diagnostic's header unchanged, so
/// the name's second half started a line of its own.
#[test]
fn a_newline_in_a_file_name_is_escaped_in_the_diagnostic() {
    let dir = tempfile::tempdir().unwrap();
    let text =
        common::read(&common::example()).replacen("current_salary = ", "current_salary = -", 1);
    let path = common::write(dir.path(), "evil\nerror: forged.toml", &text);
    let out = validate(dir.path(), &path);
    assert_eq!(out.status.code(), Some(65));
    let stderr = stderr_of(&out);
    assert!(stderr.contains("evil\\nerror: forged.toml"), "{stderr}");
    assert!(
        !stderr.lines().any(|l| l.starts_with("error: forged")),
        "{stderr}"
    );
}

/// ASCII text saved as UTF-16 without a byte-order mark is valid UTF-8
/// (NUL is a character), so it failed on its NULs with no encoding hint.
#[test]
fn utf16_without_a_byte_order_mark_gets_the_encoding_hint() {
    let dir = tempfile::tempdir().unwrap();
    let ascii = "schema = 1\n[candidate]\nname = \"Ada\"\ncurrent_salary = 100\n";
    let bytes: Vec<u8> = ascii.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let path = dir.path().join("u16.toml");
    std::fs::write(&path, bytes).unwrap();
    let out = validate(dir.path(), &path);
    assert_eq!(out.status.code(), Some(66));
    assert!(
        stderr_of(&out).contains("looks like UTF-16"),
        "{}",
        stderr_of(&out)
    );
}
