//! What can go wrong in a command, and the exit code (sysexits) for each.

use std::io::Write;
use std::path::PathBuf;

use crate::chart::ChartError;
use crate::chart::png::PngError;
use crate::output::WriteError;
use crate::rubric::LoadError;
use crate::rubric::edit::EditError;

/// Exit codes (sysexits).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Ok = 0,
    Usage = 2,
    DataErr = 65,
    NoInput = 66,
    Software = 70,
    CantCreat = 73,
}

impl Exit {
    /// How bad an outcome is, to report the worst of several rubrics.
    fn severity(self) -> u8 {
        match self {
            Exit::Ok => 0,
            Exit::DataErr => 1,
            Exit::NoInput => 2,
            Exit::CantCreat => 3,
            Exit::Usage => 4,
            Exit::Software => 5,
        }
    }

    /// The worse of two outcomes (DESIGN.md: several rubrics exit with the worst).
    pub fn worst(self, other: Exit) -> Exit {
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
        "{path} is a blank template, not ready to assess:\n{}\n\
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
    #[error("{} already exists; pass --force to overwrite it", .0.display())]
    Exists(PathBuf),
    #[error(transparent)]
    Edit(#[from] EditError),
    #[error("no group `{group}` in the rubric; its groups are: {known}")]
    UnknownGroup { group: String, known: String },
    #[error("{0}")]
    Usage(String),
}

impl Error {
    pub fn exit(&self) -> Exit {
        match self {
            Error::Load(LoadError::Invalid { .. } | LoadError::TooLarge { .. })
            | Error::Blank { .. }
            | Error::Edit(_) => Exit::DataErr,
            Error::Load(LoadError::Unreadable { .. } | LoadError::NotText { .. }) => Exit::NoInput,
            Error::Write(_) | Error::Exists(_) => Exit::CantCreat,
            Error::Chart(_) | Error::Png(_) => Exit::Software,
            Error::UnknownGroup { .. } | Error::Usage(_) => Exit::Usage,
        }
    }

    /// Prints the error on `stderr` once and returns its exit code.
    pub fn report(&self, stderr: &mut impl Write) -> Exit {
        match self {
            // Already rendered as `error: …` diagnostics, one per problem.
            Error::Load(LoadError::Invalid { .. }) => {
                let _ = writeln!(stderr, "{self}");
            }
            _ => {
                let _ = writeln!(stderr, "error: {self}");
            }
        }
        self.exit()
    }
}
