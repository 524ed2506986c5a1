//! A rubric that `fill` rewrites answer by answer: read through the same
//! 1 MiB cap as `assess`, written through a symlink to its target with the
//! file's own mode, refused when read-only, never saved over a change made
//! by someone else meanwhile, and backed up once — an old backup from an
//! interrupted session is kept, never replaced by a newer state.

use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::output;
use crate::rubric::limits::MAX_BYTES;
use crate::rubric::{self, LoadError};

pub(crate) struct RubricFile {
    /// The file to write: the symlink's target when the rubric is one.
    pub target: PathBuf,
    /// How the person named it, for messages.
    pub display: String,
    /// `target` + `.bak`.
    pub backup: PathBuf,
    /// The text as read at the start.
    pub original: String,
    /// What the file should hold now: the last text read or saved.
    last: String,
    /// The file's permission bits, kept on every save (and the backup's).
    mode: Option<u32>,
    /// A backup left by an earlier session was found: it is kept as is.
    pub old_backup: bool,
    backed_up: bool,
}

impl RubricFile {
    /// Opens `path` for filling in.
    pub fn open(path: &Path) -> Result<Self, Error> {
        let display = path.display().to_string();
        let unreadable = |source| LoadError::Unreadable {
            path: display.clone(),
            source,
        };
        // Write where the symlink points, so the real file gets the answers.
        let target = std::fs::canonicalize(path).map_err(unreadable)?;
        let meta = std::fs::metadata(&target).map_err(unreadable)?;
        if meta.permissions().readonly() {
            return Err(Error::Refused(format!(
                "{display} is read-only; nothing was asked or saved (make it writable first, e.g. `chmod u+w {display}`)"
            )));
        }
        #[cfg(unix)]
        let mode = {
            use std::os::unix::fs::PermissionsExt as _;
            Some(meta.permissions().mode() & 0o7777)
        };
        #[cfg(not(unix))]
        let mode = None;
        let original = rubric::read_capped(&target).map_err(|e| match e {
            // Name the file as the person gave it.
            LoadError::Unreadable { source, .. } => LoadError::Unreadable {
                path: display.clone(),
                source,
            },
            LoadError::NotText { hint, .. } => LoadError::NotText {
                path: display.clone(),
                hint,
            },
            LoadError::TooLarge { .. } => LoadError::TooLarge {
                path: display.clone(),
            },
            other => other,
        })?;
        let mut backup = target.clone().into_os_string();
        backup.push(".bak");
        let backup = PathBuf::from(backup);
        Ok(RubricFile {
            old_backup: std::fs::symlink_metadata(&backup).is_ok(),
            target,
            display,
            backup,
            last: original.clone(),
            original,
            mode,
            backed_up: false,
        })
    }

    /// Saves `text` at once: refused when it would make the rubric larger
    /// than 1 MiB, or when the file changed since it was last read or
    /// saved (another `fill`, an editor), so no one's answers are lost.
    pub fn save(&mut self, text: &str) -> Result<(), Error> {
        if text.len() > MAX_BYTES {
            return Err(Error::Refused(format!(
                "that answer was not saved: {} would grow past the 1 MiB a rubric may hold",
                self.display
            )));
        }
        let now = rubric::read_capped(&self.target).ok();
        if now.as_deref() != Some(self.last.as_str()) {
            return Err(Error::Refused(format!(
                "{} changed since fill read it (another fill or an editor?); that answer was not saved, \
                 the changes made elsewhere are kept — run fill again",
                self.display
            )));
        }
        if !self.backed_up && !self.old_backup {
            output::write_atomic_mode(&self.backup, self.original.as_bytes(), self.mode)?;
            self.backed_up = true;
        }
        output::write_atomic_mode(&self.target, text.as_bytes(), self.mode)?;
        self.last = text.to_string();
        Ok(())
    }

    /// What the file holds now: the text last read or saved.
    pub fn text(&self) -> &str {
        &self.last
    }

    /// What to tell the person when a backup from an earlier, unfinished
    /// session was found (it is kept as it is).
    pub fn old_backup_note(&self) -> Option<String> {
        self.old_backup.then(|| {
            format!(
                "Note: {} is left from an earlier fill that did not finish; it is kept as it is \
                 (the file before that session) — delete it once you no longer need it.",
                self.backup.display()
            )
        })
    }

    /// Every write succeeded: the backup this session made is no longer
    /// needed (an old one found at the start stays).
    pub fn finish(self) {
        if self.backed_up {
            let _ = std::fs::remove_file(&self.backup);
        }
    }
}
