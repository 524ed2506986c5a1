//! Reading a rubric: at most [`MAX_BYTES`] from any file (a device or a
//! sparse file included), UTF-8 with a hint when it is not, then parsing,
//! validation and the sanitising of every piece of its text.

use std::io::Read as _;
use std::path::Path;

use super::limits::MAX_BYTES;
use super::{Diag, Rubric, raw, validate};
use crate::text::{clean, shown_name};

/// The most errors printed for one rubric; the rest are counted.
pub(crate) const MAX_SHOWN: usize = 50;

/// Why a rubric could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("cannot read {path}: {source}")]
    Unreadable {
        path: String,
        source: std::io::Error,
    },
    #[error("{path} is not valid UTF-8 text{hint}")]
    NotText { path: String, hint: String },
    #[error("{path} is larger than 1 MiB; a rubric is a few dozen KB, so this is not one")]
    TooLarge { path: String },
    /// Every problem found, rendered with file, line, column and caret.
    #[error("{}", render_all(.path, .src, .diags))]
    Invalid {
        path: String,
        src: String,
        diags: Vec<Diag>,
    },
}

/// The first [`MAX_SHOWN`] problems, rendered, then how many there were.
fn render_all(path: &str, src: &str, diags: &[Diag]) -> String {
    let mut out: String = diags
        .iter()
        .take(MAX_SHOWN)
        .map(|d| d.render(path, src))
        .collect();
    let n = diags.len();
    if n > MAX_SHOWN {
        out.push_str(&format!(
            "… and {} more errors not shown (the first {MAX_SHOWN} are above)\n",
            n - MAX_SHOWN
        ));
    }
    out.push_str(&format!(
        "{}: {n} error{} — the rubric was not used",
        shown_name(path),
        if n == 1 { "" } else { "s" }
    ));
    out
}

/// What an encoding that is not UTF-8 looks like, to say how to fix it.
fn encoding_hint(bytes: &[u8]) -> String {
    let looks = if looks_utf16(bytes) {
        "UTF-16"
    } else {
        "Latin-1 or Windows-1252"
    };
    format!(": it looks like {looks}; save it as UTF-8 (in most editors: Save As, encoding UTF-8)")
}

/// UTF-16 with a byte-order mark, or mostly ASCII text in UTF-16 without
/// one: every other byte is NUL.
fn looks_utf16(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) || {
        let pairs = bytes.chunks_exact(2).take(512);
        let n = pairs.len();
        let nul = pairs.filter(|p| p[0] == 0 || p[1] == 0).count();
        n > 0 && nul * 2 > n
    }
}

/// Reads a rubric file's text: at most [`MAX_BYTES`] (one byte more is
/// read to tell a file that is too large), whatever the file is — a
/// device such as `/dev/zero`, a huge sparse file, a pipe.
pub fn read_capped(path: &Path) -> Result<String, LoadError> {
    let display = shown_name(&path.display().to_string());
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_BYTES as u64 + 1).read_to_end(&mut bytes))
        .map_err(|source| LoadError::Unreadable {
            path: display.clone(),
            source,
        })?;
    if bytes.len() > MAX_BYTES {
        return Err(LoadError::TooLarge { path: display });
    }
    // ASCII text in UTF-16 without a byte-order mark is valid UTF-8 (NUL is
    // a character): without this it failed on its NULs with no hint.
    if looks_utf16(&bytes) {
        return Err(LoadError::NotText {
            hint: encoding_hint(&bytes),
            path: display,
        });
    }
    String::from_utf8(bytes).map_err(|e| LoadError::NotText {
        hint: encoding_hint(e.as_bytes()),
        path: display,
    })
}

/// Reads and validates a rubric file.
pub fn load(path: &Path) -> Result<Rubric, LoadError> {
    let src = read_capped(path)?;
    parse_str(&shown_name(&path.display().to_string()), &src)
}

/// Parses and validates rubric text; `path` names it in messages. Every
/// piece of text the rubric holds is sanitised ([`clean`]) before anything
/// shows it.
pub fn parse_str(path: &str, src: &str) -> Result<Rubric, LoadError> {
    if src.len() > MAX_BYTES {
        return Err(LoadError::TooLarge {
            path: path.to_string(),
        });
    }
    let invalid = |diags| LoadError::Invalid {
        path: path.to_string(),
        src: src.to_string(),
        diags,
    };
    let (raw, shape_errors) = raw::parse(src).map_err(invalid)?;
    if raw.header_failed {
        return Err(invalid(shape_errors));
    }
    let mut rubric = validate::validate(raw, src, shape_errors).map_err(invalid)?;
    rubric.clean_text();
    Ok(rubric)
}

/// Test fixtures that want a stage to pass surely above its mark and never
/// below it write `steepness = 1000`; a rubric may not (DESIGN.md v3 bounds
/// it to (0, 5]), the model may. Parses the fixture at 5, then sets the
/// slope of the model and of every stage that took the default to 1000.
#[cfg(test)]
pub fn parse_step_fixture(path: &str, src: &str) -> Result<Rubric, LoadError> {
    const STEP: &str = "steepness = 1000";
    if !src.contains(STEP) {
        return parse_str(path, src);
    }
    let mut rubric = parse_str(path, &src.replace(STEP, "steepness = 5"))?;
    rubric.model.steepness = 1000.0;
    for stage in &mut rubric.stages {
        if stage.steepness == 5.0 {
            stage.steepness = 1000.0;
        }
    }
    Ok(rubric)
}

impl Rubric {
    /// Sanitises every piece of text in place: names, titles, questions,
    /// level descriptions, labels, evidence. A field added to the rubric
    /// that holds text belongs here too.
    fn clean_text(&mut self) {
        let fix = |s: &mut String| {
            if s.chars().any(crate::text::is_unsafe) {
                *s = clean(s);
            }
        };
        fix(&mut self.candidate.name);
        // A name is kept trimmed: a control character at an end was a space.
        let name = self.candidate.name.trim();
        if name.len() != self.candidate.name.len() {
            self.candidate.name = name.to_string();
        }
        if let Some(d) = &mut self.candidate.date {
            fix(d);
        }
        self.scale.labels.iter_mut().for_each(fix);
        for r in &mut self.roles {
            fix(&mut r.id);
            fix(&mut r.title);
        }
        for g in &mut self.groups {
            fix(&mut g.id);
            fix(&mut g.title);
        }
        for c in &mut self.competencies {
            fix(&mut c.id);
            fix(&mut c.name);
            c.question.iter_mut().for_each(fix);
            c.levels.iter_mut().for_each(fix);
            c.evidence.iter_mut().for_each(fix);
        }
        for s in &mut self.stages {
            fix(&mut s.name);
        }
        for s in &mut self.stories {
            fix(&mut s.id);
            fix(&mut s.title);
            for part in super::Part::ALL {
                s.part_mut(part).iter_mut().for_each(fix);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::encoding_hint;

    #[test]
    fn the_hint_names_utf16_and_latin1() {
        let utf16: Vec<u8> = "schema = 1\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert!(encoding_hint(&utf16).contains("UTF-16"));
        assert!(encoding_hint(b"name = \"Jos\xe9\"\n").contains("Latin-1"));
        assert!(encoding_hint(b"x").contains("save it as UTF-8"));
    }
}
