//! One module per subcommand. Each takes its plain options (from `cli`),
//! writes data to stdout and diagnostics to stderr, and returns the exit
//! code; the pipeline below (rubric → model → simulate → report) never
//! reaches back up here.

pub mod assess;
pub(crate) mod batch;
pub(crate) mod compare;
pub(crate) mod completions;
pub mod fill;
mod fill_stories;
pub(crate) mod init;
mod prompt;
pub(crate) mod serve;
pub(crate) mod validate;

use std::io::{self, Write};

use crate::error::Error;

/// Writes to stdout. `Ok(false)` when stdout is gone (`rolefit … | head -1`
/// closes it), which is not an error: the caller just stops printing. Any
/// other failure (a full disk, `> /dev/full`) is one: exit 74.
pub(crate) fn print(stdout: &mut impl Write, text: &str) -> Result<bool, Error> {
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(false),
        Err(e) => Err(Error::Stdout(e)),
    }
}
