//! Writing files: slugs and atomic writes (a temporary file in the same
//! folder, then a rename), so an interrupted run never leaves half a file.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// The candidate's name lowered to `[a-z0-9-]`, at most 64 characters;
/// `fallback` (the file stem) when that leaves nothing.
pub fn slug(name: &str, fallback: &str) -> String {
    let s = slugify(name);
    if s.is_empty() {
        let s = slugify(fallback);
        if s.is_empty() { "rubric".into() } else { s }
    } else {
        s
    }
}

fn slugify(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let mut out: String = out.trim_end_matches('-').chars().take(64).collect();
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// Why a file could not be written.
#[derive(Debug, thiserror::Error)]
#[error("cannot write {}: {source}", path.display())]
pub struct WriteError {
    pub path: PathBuf,
    pub source: std::io::Error,
}

/// Creates `dir` (and its parents).
pub fn create_dir(dir: &Path) -> Result<(), WriteError> {
    fs::create_dir_all(dir).map_err(|source| WriteError {
        path: dir.to_path_buf(),
        source,
    })
}

/// Writes `bytes` to `path` atomically: readers (and a rerun after a crash
/// or a kill) see the old file or the new one, never a part.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    let err = |source| WriteError {
        path: path.to_path_buf(),
        source,
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = fs::File::create(&tmp)?;
        file.write_all(bytes)?;
        // No fsync: the rename is atomic for other processes and survives
        // this one being killed; an fsync would guard only against power
        // loss and costs ~100 ms a file on a typical disk.
        drop(file);
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result.map_err(err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_lowers_and_dashes() {
        assert_eq!(slug("Alex Example", "x"), "alex-example");
        assert_eq!(slug("  Zoë  O'Neil!! ", "x"), "zo-o-neil");
        assert_eq!(slug("../../etc/passwd", "x"), "etc-passwd");
    }

    #[test]
    fn slug_falls_back_to_the_file_stem_and_caps_length() {
        assert_eq!(slug("", "My Rubric"), "my-rubric");
        assert_eq!(slug("日本", "ok"), "ok");
        assert_eq!(slug(&"a".repeat(100), "x").len(), 64);
        assert_eq!(slug("", ""), "rubric");
    }

    #[test]
    fn atomic_write_replaces_the_file_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.json");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
