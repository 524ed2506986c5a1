//! A rubric that `fill` rewrites answer by answer: read through the same
//! 1 MiB cap as `assess`, written through a symlink to its target with the
//! file's own mode, refused when read-only, never saved over a change made
//! by someone else meanwhile, and backed up once — an old backup from an
//! interrupted session is kept, never replaced by a newer state.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

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
    pub(crate) fn open(path: &Path) -> Result<Self, Error> {
        let display = path.display().to_string();
        let unreadable = |source| LoadError::Unreadable {
            path: display.clone(),
            source,
        };
        // Write where the symlink points, so the real file gets the answers.
        let target = std::fs::canonicalize(path)
            .map_err(|e| crate::inputs::with_suggestion(unreadable(e), path))?;
        let meta = std::fs::metadata(&target).map_err(unreadable)?;
        if meta.permissions().readonly() {
            return Err(Error::Refused(format!(
                "{display} is read-only; nothing was asked or saved (make it writable first, e.g. `chmod u+w {display}`)"
            )));
        }
        #[cfg(unix)]
        let mode = {
            use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};
            // Saving puts a new file in the old one's place: the other
            // names of a hard-linked file would keep the old text.
            if meta.nlink() > 1 {
                return Err(Error::Refused(format!(
                    "{display} has {} hard links; fill saves each answer as a new file in its \
                     place, which would leave the other names with the old text — nothing was \
                     asked or saved (fill a copy, `cp {display} COPY`, or use a symlink instead)",
                    meta.nlink()
                )));
            }
            Some(meta.permissions().mode() & 0o7777)
        };
        #[cfg(not(unix))]
        let mode = None;
        writable_folder(&target, &display)?;
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
    pub(crate) fn save(&mut self, text: &str) -> Result<(), Error> {
        if text.len() > MAX_BYTES {
            return Err(Error::Refused(format!(
                "that answer was not saved: {} would grow past the 1 MiB a rubric may hold",
                self.display
            )));
        }
        // Stops early in the common case; `swap_in` closes the window
        // between this check and the write.
        if !self.holds_last(&self.target) {
            return Err(self.changed(None));
        }
        // Ctrl-C waits for both writes (no temporary file left behind).
        let saving = wait_for_save();
        if !self.backed_up && !self.old_backup {
            output::write_atomic_mode(&self.backup, self.original.as_bytes(), self.mode)?;
            self.backed_up = true;
        }
        self.swap_in(text)?;
        drop(saving);
        self.last = text.to_string();
        Ok(())
    }

    /// Whether the file at `path` holds what this session last read or saved.
    fn holds_last(&self, path: &Path) -> bool {
        rubric::read_capped(path).ok().as_deref() == Some(self.last.as_str())
    }

    /// The error when the file changed under `fill`; `kept` names where a
    /// copy of a change made at the very same moment was kept.
    fn changed(&self, kept: Option<&Path>) -> Error {
        let kept = kept.map_or_else(String::new, |k| {
            format!(
                " (a second change made meanwhile is kept in {})",
                k.display()
            )
        });
        Error::Refused(format!(
            "{} changed since fill read it (another fill or an editor?); that answer was not saved, \
             the changes made elsewhere are kept{kept} — run fill again",
            self.display
        ))
    }

    /// Puts `text` in the file's place, unless someone else saved it since
    /// `fill` last read or saved it. Where the system can swap two files
    /// atomically (Linux's `renameat2(RENAME_EXCHANGE)`, macOS's
    /// `RENAME_SWAP`), the new text is swapped in and what came out is
    /// compared with what `fill` last read: when it differs, it is swapped
    /// back and nothing is lost. Elsewhere a rename follows the check in
    /// `save`, which leaves a window of a few microseconds (README, "fill").
    fn swap_in(&self, text: &str) -> Result<(), Error> {
        let fresh = output::temporary_beside(&self.target, text.as_bytes(), self.mode)?;
        let fresh = fresh.into_temp_path();
        let write_error = |source| output::WriteError {
            path: self.target.clone(),
            source,
        };
        match output::exchange(&fresh, &self.target) {
            Ok(true) => {
                // `fresh` now names what the file held an instant ago.
                if self.holds_last(&fresh) {
                    return Ok(()); // dropping `fresh` removes the old text
                }
                // Someone saved in between: theirs goes back in place.
                if let Err(e) = output::exchange(&fresh, &self.target) {
                    return Err(write_error(e).into());
                }
                if rubric::read_capped(&fresh).ok().as_deref() == Some(text) {
                    return Err(self.changed(None));
                }
                // Yet another change landed between the two swaps: keep it.
                let mut kept = self.target.clone().into_os_string();
                kept.push(format!(".kept-{}", std::process::id()));
                let kept = PathBuf::from(kept);
                fresh.persist(&kept).map_err(|e| write_error(e.error))?;
                Err(self.changed(Some(&kept)))
            }
            // The file is gone: someone moved or deleted it meanwhile.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(self.changed(None)),
            Err(e) => Err(write_error(e).into()),
            Ok(false) => {
                fresh
                    .persist(&self.target)
                    .map_err(|e| write_error(e.error))?;
                Ok(())
            }
        }
    }

    /// What the file holds now, when that is no longer what this session
    /// last read or saved (an editor saved it meanwhile); `None` when it is
    /// unchanged or cannot be read (then [`RubricFile::save`] refuses).
    pub(crate) fn changed_on_disk(&self) -> Option<String> {
        rubric::read_capped(&self.target)
            .ok()
            .filter(|now| *now != self.last)
    }

    /// Takes `text`, read from the file by [`RubricFile::changed_on_disk`],
    /// as what it holds: the next save goes over it (`serve` shows it
    /// first, so nothing is lost).
    pub(crate) fn reloaded(&mut self, text: String) {
        self.last = text;
    }

    /// What the file holds now: the text last read or saved.
    pub fn text(&self) -> &str {
        &self.last
    }

    /// What the backup is, in one true sentence for the banner.
    pub(crate) fn backup_note(&self) -> String {
        let bak = self.backup.display();
        let holds = if self.old_backup {
            format!(
                "{bak}, left by an earlier fill that did not finish, keeps the file as it was \
                 before that one"
            )
        } else {
            format!("{bak} keeps the file as it was")
        };
        format!(
            "Every answer is saved at once; {holds}, and is removed when fill ends (q, the end \
             of the input or the last answer) — kept if it is interrupted."
        )
    }

    /// The session ended cleanly: the backup is no longer needed (an old
    /// one from an interrupted session too, as the banner said).
    pub(crate) fn finish(self) {
        if self.backed_up || self.old_backup {
            let _ = std::fs::remove_file(&self.backup);
        }
    }
}

/// Held while a save is under way, so Ctrl-C waits for it to finish.
static SAVING: Mutex<()> = Mutex::new(());

/// Waits until no save is under way and keeps the next from starting
/// while the guard lives: what Ctrl-C does before it exits.
pub(crate) fn wait_for_save() -> MutexGuard<'static, ()> {
    SAVING.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Checks that the rubric's folder takes new files (each save writes one
/// beside the rubric, and the backup), before the first question: a
/// read-only folder is refused like a read-only file, and a folder that
/// refuses a file for another reason says so.
fn writable_folder(target: &Path, display: &str) -> Result<(), Error> {
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    // The folder as the person named it, unless a symlink leads elsewhere
    // (`target` has symlinks resolved).
    let given = Path::new(display)
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let named = if std::fs::canonicalize(given).is_ok_and(|g| g == dir) {
        given.display()
    } else {
        dir.display()
    };
    let refuse = |why: String| {
        Error::Refused(format!(
            "{display} cannot be saved: its folder {named} {why}; fill writes each answer as a \
             new file beside it — nothing was asked or saved"
        ))
    };
    if std::fs::metadata(dir).is_ok_and(|m| m.permissions().readonly()) {
        return Err(refuse(format!(
            "is read-only (make it writable first, e.g. `chmod u+w {named}`)"
        )));
    }
    output::temporary_beside(target, b"", None)
        .map(drop)
        .map_err(|e| refuse(format!("does not take a new file ({})", e.source)))
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Barrier};
    use std::time::{Duration, Instant};

    use super::RubricFile;

    /// Waits `d` without sleeping (a sleep would round up to the scheduler's tick).
    fn spin(d: Duration) {
        let start = Instant::now();
        while start.elapsed() < d {
            std::hint::spin_loop();
        }
    }

    /// Another program saving atomically (write a temporary file, rename it
    /// over the rubric, as editors do) at a random moment while `fill`
    /// saves: whatever the timing, its edit is what the file holds at the
    /// end — `fill` either saved before it or stopped (exit 73).
    #[test]
    fn an_edit_saved_meanwhile_by_another_program_is_never_lost() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("r.toml");
        let original = rubric_text("Original");
        let ours = rubric_text("Ours");
        let theirs = rubric_text("Theirs");
        let (mut saved, mut stopped, mut lost) = (0, 0, 0);
        // A save takes some tens of microseconds: the other program's
        // moment is spread over a little more than that.
        let mut seed = 0x9e37_79b9_u32;
        for run in 0..300 {
            std::fs::write(&path, &original).unwrap();
            let _ = std::fs::remove_file(dir.path().join("r.toml.bak"));
            let mut file = RubricFile::open(&path).unwrap();
            seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            let delay = Duration::from_micros(u64::from(seed >> 24) % 200);
            let barrier = Arc::new(Barrier::new(2));
            let other = {
                let (barrier, path, theirs) = (barrier.clone(), path.clone(), theirs.clone());
                std::thread::spawn(move || {
                    let temporary = path.with_file_name(format!(".r.toml.other{run}"));
                    barrier.wait();
                    spin(delay);
                    std::fs::write(&temporary, &theirs).unwrap();
                    std::fs::rename(&temporary, &path).unwrap();
                })
            };
            barrier.wait();
            let result = file.save(&ours);
            other.join().unwrap();
            match result {
                Ok(()) => saved += 1,
                Err(e) => {
                    assert!(e.to_string().contains("changed since fill read it"), "{e}");
                    stopped += 1;
                }
            }
            if std::fs::read_to_string(&path).unwrap() != theirs {
                lost += 1;
            }
        }
        assert_eq!(
            lost, 0,
            "the other edit was lost ({saved} saved, {stopped} stopped)"
        );
        // Both outcomes happened: the timing really overlapped.
        assert!(saved > 0 && stopped > 0, "{saved} saved, {stopped} stopped");
    }

    fn rubric_text(name: &str) -> String {
        format!("schema = 2\n\n[candidate]\nname = \"{name}\"\n")
    }
}
