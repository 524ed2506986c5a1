//! Writing files: slugs and atomic writes (a temporary file in the same
//! folder, then a rename), so an interrupted run never leaves half a file.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// The candidate's name transliterated to ASCII (`deunicode`: José Núñez →
/// Jose Nunez) and lowered to `[a-z0-9-]`, at most 64 characters;
/// `fallback` (the file stem) when that leaves nothing.
pub(crate) fn slug(name: &str, fallback: &str) -> String {
    let s = slugify(name);
    if s.is_empty() {
        let s = slugify(fallback);
        if s.is_empty() { "rubric".into() } else { s }
    } else {
        s
    }
}

/// `slug` with `-k` appended, still at most 64 characters.
pub(crate) fn numbered(slug: &str, k: usize) -> String {
    let suffix = format!("-{k}");
    let keep: String = slug.chars().take(64 - suffix.len()).collect();
    format!("{}{suffix}", keep.trim_end_matches('-'))
}

fn slugify(text: &str) -> String {
    let mut out = String::new();
    for c in deunicode::deunicode(text)
        .chars()
        .flat_map(char::to_lowercase)
    {
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

/// The file in a results folder that records which rubric made it.
pub(crate) const MARKER: &str = ".rolefit-rubric";

/// Which rubric made a results folder, without naming it: a hash of the
/// rubric file's canonical path (of `name` for the bundled example). FNV-1a
/// (64 bits), written out here because it must stay the same from one
/// version of Rust to the next, which std's hasher does not promise.
pub(crate) fn rubric_mark(path: Option<&Path>, name: &str) -> String {
    let canonical = path
        .and_then(|p| fs::canonicalize(p).ok())
        .map_or_else(|| name.to_string(), |p| p.display().to_string());
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in canonical.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("rubric {hash:016x}\n")
}

/// Whether `dir` holds results of another rubric than the one `mark`
/// names. A folder without a marker (made before markers, or not by
/// rolefit) belongs to nobody yet.
pub(crate) fn held_by_another(dir: &Path, mark: &str) -> bool {
    fs::read_to_string(dir.join(MARKER)).is_ok_and(|held| held != mark)
}

/// Why a file could not be written.
#[derive(Debug, thiserror::Error)]
#[error("cannot write {}: {source}", path.display())]
pub struct WriteError {
    pub path: PathBuf,
    pub source: std::io::Error,
}

/// Creates `dir` (and its parents).
pub(crate) fn create_dir(dir: &Path) -> Result<(), WriteError> {
    fs::create_dir_all(dir).map_err(|source| WriteError {
        path: dir.to_path_buf(),
        source,
    })
}

/// Characters of [`write_atomic`]'s random part (tempfile's alphabet).
const RANDOM_LEN: usize = 8;

/// The process id in the name of a temporary file exactly as
/// [`write_atomic`] makes them — `.NAME.PID.RANDOM.tmp`, NAME not empty,
/// PID all digits, RANDOM [`RANDOM_LEN`] letters and digits — else `None`:
/// a file of the person's that merely looks alike is not ours.
fn temporary_pid(name: &str) -> Option<&str> {
    let stem = name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let mut parts = stem.rsplitn(3, '.');
    let random = parts.next()?;
    let pid = parts.next()?;
    let file = parts.next()?;
    let ours = !file.is_empty()
        && random.len() == RANDOM_LEN
        && random.bytes().all(|b| b.is_ascii_alphanumeric())
        && !pid.is_empty()
        && pid.len() <= 10
        && pid.bytes().all(|b| b.is_ascii_digit());
    ours.then_some(pid)
}

/// Writes `bytes` to `path` atomically: readers (and a rerun after a crash
/// or a kill) see the old file or the new one, never a part.
///
/// The temporary file is created by `tempfile` in the same folder with
/// `O_EXCL` under a random name, `.NAME.PID.RANDOM.tmp` (the process id lets
/// [`remove_stale_temporaries`] clean up after a killed run), so a symlink
/// planted at a guessable name is never followed. It asks for mode 0666
/// less the umask, as a plain file gets (tempfile's own default is 0600).
/// The rename replaces whatever is at `path`, a symlink included, and never
/// writes through it.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), WriteError> {
    write_atomic_mode(path, bytes, None)
}

/// [`write_atomic`] giving the file exactly `mode` (permission bits, the
/// umask not applied) when given: a rewritten rubric keeps its own.
pub(crate) fn write_atomic_mode(
    path: &Path,
    bytes: &[u8],
    mode: Option<u32>,
) -> Result<(), WriteError> {
    let file = temporary_beside(path, bytes, mode)?;
    file.persist(path).map_err(|e| WriteError {
        path: path.to_path_buf(),
        source: e.error,
    })?;
    Ok(())
}

/// A temporary file in `path`'s folder holding `bytes`, with permission
/// bits `mode` where given: what [`write_atomic_mode`] renames over `path`
/// (and `fill` swaps in). Removed when dropped.
pub(crate) fn temporary_beside(
    path: &Path,
    bytes: &[u8],
    mode: Option<u32>,
) -> Result<tempfile::NamedTempFile, WriteError> {
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
    let prefix = format!(".{name}.{}.", std::process::id());
    let mut builder = tempfile::Builder::new();
    builder
        .prefix(&prefix)
        .suffix(".tmp")
        .rand_bytes(RANDOM_LEN);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut file = builder.tempfile_in(dir).map_err(err)?;
    #[cfg(unix)]
    if let Some(mode) = mode {
        use std::os::unix::fs::PermissionsExt as _;
        file.as_file()
            .set_permissions(fs::Permissions::from_mode(mode))
            .map_err(err)?;
    }
    #[cfg(not(unix))]
    let _ = mode;
    // No fsync: the rename is atomic for other processes and survives this
    // one being killed; an fsync would guard only against power loss and
    // costs ~100 ms a file on a typical disk.
    file.write_all(bytes).map_err(err)?;
    Ok(file)
}

/// A results folder being written (#23.6: a disk that filled during
/// `assess` left new charts beside old reports): every file of the run goes
/// into a hidden folder beside the final one, `.SLUG.PID.RANDOM.new`, which
/// [`Staging::swap_in`] puts in place at the end, so the folder holds one
/// run's files or the other's, never a mix. Dropped before that (an error),
/// the hidden folder is removed with what it holds.
pub(crate) struct Staging {
    dir: tempfile::TempDir,
    /// The results folder it will become (a symlink's target, resolved).
    target: PathBuf,
}

impl Staging {
    /// A staging folder for the results folder `dir`, created beside it
    /// (same file system, so the swap is a rename), with a plain folder's
    /// mode. A symlink at `dir` is followed: the results go where it points.
    pub fn new(dir: &Path) -> Result<Self, WriteError> {
        let err = |source| WriteError {
            path: dir.to_path_buf(),
            source,
        };
        let target = match fs::symlink_metadata(dir) {
            Ok(m) if m.file_type().is_symlink() => fs::canonicalize(dir).map_err(err)?,
            Ok(m) if !m.is_dir() => {
                return Err(err(std::io::Error::new(
                    std::io::ErrorKind::AlreadyExists,
                    "it exists and is not a folder",
                )));
            }
            _ => dir.to_path_buf(),
        };
        let parent = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        create_dir(parent)?;
        let name = target
            .file_name()
            .map_or_else(|| "results".into(), |n| n.to_string_lossy().into_owned());
        let prefix = format!(".{name}.{}.", std::process::id());
        let mut builder = tempfile::Builder::new();
        builder
            .prefix(&prefix)
            .suffix(".new")
            .rand_bytes(RANDOM_LEN);
        // 0777 less the umask (mkdir applies it), as create_dir_all makes a
        // folder, not tempfile's private 0700.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            builder.permissions(fs::Permissions::from_mode(0o777));
        }
        let staged = builder.tempdir_in(parent).map_err(err)?;
        Ok(Staging {
            dir: staged,
            target,
        })
    }

    /// Writes the file `name` into the staging folder (atomically); an
    /// error names the file where it was going, `dir/name`.
    pub(crate) fn write(&self, name: &str, bytes: &[u8]) -> Result<(), WriteError> {
        write_atomic(&self.dir.path().join(name), bytes).map_err(|e| WriteError {
            path: self.target.join(name),
            source: e.source,
        })
    }

    /// Puts the staged folder in place: atomically swapped with the old one
    /// where the system can (Linux `renameat2(RENAME_EXCHANGE)`, macOS
    /// `RENAME_SWAP`), else the old one renamed aside first (for an instant
    /// there is no folder, never a mixed one). Files of the person's in the
    /// old folder (not a report, a chart or a temporary of ours) are moved
    /// into the new one; then the old one is removed. One that cannot be
    /// moved keeps the old folder, hidden, as `.SLUG.PID.RANDOM.old`.
    /// `ours` names the files a run of rolefit may write there (the
    /// reports, every chart as SVG and PNG): those are never carried over.
    pub(crate) fn swap_in(self, ours: &[String]) -> Result<(), WriteError> {
        let target = self.target.clone();
        let err = |source| WriteError {
            path: target.clone(),
            source,
        };
        let staged = self.dir.keep();
        let fail = |staged: &Path, e| {
            let _ = fs::remove_dir_all(staged);
            Err(err(e))
        };
        if fs::symlink_metadata(&target).is_err() {
            return match fs::rename(&staged, &target) {
                Ok(()) => Ok(()),
                Err(e) => fail(&staged, e),
            };
        }
        let old = match exchange(&staged, &target) {
            Ok(true) => staged,
            Ok(false) => {
                let aside = staged.with_extension("old");
                if let Err(e) = fs::rename(&target, &aside) {
                    return fail(&staged, e);
                }
                if let Err(e) = fs::rename(&staged, &target) {
                    let _ = fs::rename(&aside, &target);
                    return fail(&staged, e);
                }
                aside
            }
            Err(e) => return fail(&staged, e),
        };
        if carry_over(&old, &target, ours) {
            let _ = fs::remove_dir_all(&old);
        } else if old.extension().is_some_and(|e| e == "new") {
            let _ = fs::rename(&old, old.with_extension("old"));
        }
        Ok(())
    }
}

/// Swaps the files or folders at `a` and `b` atomically (Linux
/// `renameat2(RENAME_EXCHANGE)`, macOS `RENAME_SWAP`): `Ok(false)` where the
/// system or the file system cannot (an old kernel, a seccomp filter, some
/// network and FUSE file systems), so the caller renames instead. Used by
/// staged result folders and by `RubricFile`'s saves.
#[cfg(any(target_os = "linux", target_os = "android", target_os = "macos"))]
pub(crate) fn exchange(a: &Path, b: &Path) -> std::io::Result<bool> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    use rustix::io::Errno;
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        Err(Errno::NOSYS | Errno::INVAL | Errno::OPNOTSUPP | Errno::PERM) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

#[cfg(not(any(target_os = "linux", target_os = "android", target_os = "macos")))]
pub(crate) fn exchange(_: &Path, _: &Path) -> std::io::Result<bool> {
    Ok(false)
}

/// Whether `name` in a results folder is rolefit's own: one of `ours` or a
/// temporary file.
fn is_ours(name: &str, ours: &[String]) -> bool {
    ours.iter().any(|o| o == name) || temporary_pid(name).is_some()
}

/// Moves what is not ours from the old results folder into the new one,
/// where the new one has nothing of that name; false when one could not be
/// moved.
fn carry_over(old: &Path, new: &Path, ours: &[String]) -> bool {
    let Ok(entries) = fs::read_dir(old) else {
        return false;
    };
    let mut all = true;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let text = name.to_string_lossy();
        let to = new.join(&name);
        if is_ours(&text, ours) || fs::symlink_metadata(&to).is_ok() {
            continue;
        }
        all &= fs::rename(entry.path(), &to).is_ok();
    }
    all
}

/// Removes the staging folders (`.SLUG.PID.RANDOM.new`) of runs that were
/// killed before they swapped in, where `/proc` tells which processes live.
pub(crate) fn remove_stale_staging(out: &Path) {
    let proc = Path::new("/proc");
    if !proc.join("self").exists() {
        return;
    }
    let Ok(entries) = fs::read_dir(out) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(stem) = name.strip_suffix(".new") else {
            continue;
        };
        let as_temporary = format!("{stem}.tmp");
        let Some(pid) = temporary_pid(&as_temporary) else {
            continue;
        };
        if !proc.join(pid).exists() && entry.path().is_dir() {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_lowers_and_dashes() {
        assert_eq!(slug("Alex Example", "x"), "alex-example");
        assert_eq!(slug("  Zoë  O'Neil!! ", "x"), "zoe-o-neil");
        assert_eq!(slug("José Núñez-Ødegård", "x"), "jose-nunez-odegard");
        assert_eq!(slug("../../etc/passwd", "x"), "etc-passwd");
    }

    #[test]
    fn numbered_slugs_stay_within_64_characters() {
        assert_eq!(numbered("sam-rivera", 2), "sam-rivera-2");
        assert_eq!(numbered(&"a".repeat(64), 12).len(), 64);
    }

    #[test]
    fn slug_falls_back_to_the_file_stem_and_caps_length() {
        assert_eq!(slug("", "My Rubric"), "my-rubric");
        // Every script is transliterated; only symbols leave nothing.
        assert_eq!(slug("日本", "ok"), "ri-ben");
        assert_eq!(slug("★ ☆", "ok"), "ok");
        assert_eq!(slug(&"a".repeat(100), "x").len(), 64);
        assert_eq!(slug("", ""), "rubric");
    }

    /// A symlink planted at the target, or at every name the old scheme
    /// (`.NAME.PID.N.tmp`) would have used, is neither followed nor used to
    /// clobber the file it points at.
    #[cfg(unix)]
    #[test]
    fn atomic_write_never_follows_a_planted_symlink() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim.txt");
        fs::write(&victim, b"precious").unwrap();
        let pid = std::process::id();
        for n in 0..64 {
            let planted = dir.path().join(format!(".summary.json.{pid}.{n}.tmp"));
            std::os::unix::fs::symlink(&victim, planted).unwrap();
        }
        let target = dir.path().join("summary.json");
        std::os::unix::fs::symlink(&victim, &target).unwrap();
        write_atomic(&target, b"new").unwrap();
        assert_eq!(fs::read(&victim).unwrap(), b"precious");
        // The symlink at the target is replaced by the new file itself.
        assert!(
            !fs::symlink_metadata(&target)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read(&target).unwrap(), b"new");
    }

    /// Written files get a plain file's mode (0666 less the umask), not
    /// tempfile's private 0600.
    #[cfg(unix)]
    #[test]
    fn atomic_write_gives_a_plain_files_mode() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let plain = dir.path().join("plain");
        fs::write(&plain, b"x").unwrap();
        let path = dir.path().join("report.md");
        write_atomic(&path, b"x").unwrap();
        let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), mode(&plain));
    }

    #[test]
    fn only_our_own_temporaries_are_recognised() {
        assert_eq!(
            temporary_pid(".summary.json.4242.aZ09bY18.tmp"),
            Some("4242")
        );
        for other in [
            ".x.999999.0.tmp",
            ".x.999999.abcdefgh.tmp.bak",
            "..999999.abcdefgh.tmp",
            ".x.99a.abcdefgh.tmp",
            ".x.999999.abcd-fgh.tmp",
            "x.999999.abcdefgh.tmp",
        ] {
            assert_eq!(temporary_pid(other), None, "{other}");
        }
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
