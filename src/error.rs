//! What can go wrong in a command, and the exit code (sysexits) for each.

use std::io::Write;
use std::path::PathBuf;

use crate::chart::ChartError;
use crate::chart::png::PngError;
use crate::output::WriteError;
use crate::report::RenderError;
use crate::rubric::LoadError;
use crate::rubric::edit::EditError;
use crate::text::clean_lines;

/// Exit codes (sysexits).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Ok = 0,
    Usage = 2,
    DataErr = 65,
    NoInput = 66,
    Software = 70,
    CantCreat = 73,
    IoErr = 74,
}

impl Exit {
    /// How bad an outcome is, to report the worst of several rubrics.
    fn severity(self) -> u8 {
        match self {
            Exit::Ok => 0,
            Exit::DataErr => 1,
            Exit::NoInput => 2,
            Exit::CantCreat => 3,
            Exit::IoErr => 4,
            Exit::Usage => 5,
            Exit::Software => 6,
        }
    }

    /// The worse of two outcomes (DESIGN.md: several rubrics exit with the worst).
    pub(crate) fn worst(self, other: Exit) -> Exit {
        if other.severity() > self.severity() {
            other
        } else {
            self
        }
    }
}

/// Everything that can stop one rubric's run.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(
        "{path} is not complete yet, so it cannot be assessed; still missing:\n{}\n\
         Fill these in — in the file, or with `rolefit fill {path}`, which asks for each — then run `rolefit assess {path}` again.",
        .missing.iter().map(|m| format!("  - {m}")).collect::<Vec<_>>().join("\n")
    )]
    Blank { path: String, missing: Vec<String> },
    #[error(transparent)]
    Write(#[from] WriteError),
    #[error("{0} (a bug in rolefit: please report it with your rubric)")]
    Chart(#[from] ChartError),
    #[error("{0} (a bug in rolefit: please report it with your rubric)")]
    Png(#[from] PngError),
    #[error("{0} (a bug in rolefit: please report it with your rubric)")]
    Render(#[from] RenderError),
    #[error("{} already exists; pass --force to overwrite it", .0.display())]
    Exists(PathBuf),
    #[error(transparent)]
    Edit(#[from] EditError),
    /// The rubric is valid but written in a form `fill` cannot change.
    #[error("{path}: {why}")]
    CannotEdit { path: String, why: String },
    #[error("no group `{group}` in the rubric; its groups are: {known}")]
    UnknownGroup { group: String, known: String },
    #[error("{0}")]
    Usage(String),
    /// Writing to stdout failed for another reason than a closed pipe (a
    /// full disk, a device that takes nothing).
    #[error("cannot write to standard output: {0}")]
    Stdout(std::io::Error),
    /// A file that must not be written (read-only, changed meanwhile, or
    /// grown past the limit).
    #[error("{0}")]
    Refused(String),
}

impl Error {
    pub fn exit(&self) -> Exit {
        match self {
            Error::Load(LoadError::Invalid { .. } | LoadError::TooLarge { .. })
            | Error::Blank { .. }
            | Error::Edit(_)
            | Error::CannotEdit { .. } => Exit::DataErr,
            Error::Load(LoadError::Unreadable { .. } | LoadError::NotText { .. }) => Exit::NoInput,
            Error::Write(_) | Error::Exists(_) | Error::Refused(_) => Exit::CantCreat,
            Error::Chart(_) | Error::Png(_) | Error::Render(_) => Exit::Software,
            Error::UnknownGroup { .. } | Error::Usage(_) => Exit::Usage,
            Error::Stdout(_) => Exit::IoErr,
        }
    }

    /// Prints the error on `stderr` once and returns its exit code. Every
    /// message goes through the sanitiser: it may quote the rubric (an
    /// unknown id, a source line).
    pub(crate) fn report(&self, stderr: &mut impl Write) -> Exit {
        let text = match self {
            // Already rendered as `error: …` diagnostics, one per problem.
            Error::Load(LoadError::Invalid { .. }) => self.to_string(),
            _ => format!("error: {self}"),
        };
        let _ = writeln!(stderr, "{}", clean_lines(&text));
        self.exit()
    }
}

/// Installs a panic hook that asks for a bug report, briefly, instead of
/// Rust's message (the caller turns the panic into exit 70, a bug).
pub fn on_panic_report_a_bug() {
    std::panic::set_hook(Box::new(|info| {
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let at = info
            .location()
            .map_or_else(String::new, |l| format!(" at {}:{}", l.file(), l.line()));
        eprintln!(
            "error: rolefit hit a bug ({}{at}). Please report it to rolefit's maintainers \
             with the command you ran and, if you can share it, the rubric.",
            clean_lines(&what)
        );
    }));
}
