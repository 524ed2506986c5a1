//! rolefit: should you apply to Amazon as a PM or as a PMT?
//!
//! Data flows one way: rubric TOML → [`rubric::Rubric`] → [`model`] →
//! [`simulate`] → [`report`] and [`chart`]. `main` parses the command line
//! into a [`cli::Command`], calls [`run`] and exits with the code it
//! returns; [`commands`] holds one module per subcommand.
//!
//! The rooms, lowest first (a module uses only those listed before it):
//! `units`, `text`, `date`, `output` → `rubric` → `stories`, `model` →
//! `simulate`, `plan` → `advice` → `assessment` → `chart` → `report` →
//! `inputs`, `error`, `questions`, `saving`, `folder` → `serve` → `cli` → `commands`.

pub mod advice;
pub mod assessment;
pub mod chart;
pub mod cli;
pub mod commands;
pub mod date;
pub mod error;
pub(crate) mod folder;
pub mod inputs;
pub mod model;
pub mod output;
pub mod plan;
pub mod questions;
pub mod report;
pub mod rubric;
pub(crate) mod saving;
pub mod serve;
pub mod simulate;
pub mod stories;
pub mod text;
pub mod units;

pub use error::{Error, Exit};

use cli::Command;

/// Writes text the command line made (`--help`, `--version`) to stdout as
/// every command writes its data: a stdout that takes nothing is exit 74
/// with a message, a closed pipe is not an error.
pub fn print_out(text: &str) -> Exit {
    match commands::print(&mut anstream::stdout(), text) {
        Ok(_) => Exit::Ok,
        Err(e) => e.report(&mut anstream::stderr()),
    }
}

/// Runs a command, printing data to stdout and diagnostics to stderr, and
/// returns the exit code.
pub fn run(command: Command) -> Exit {
    let mut stdout = anstream::stdout();
    let mut stderr = anstream::stderr();
    match command {
        Command::Assess(opts) => commands::assess::run(&opts, &mut stdout, &mut stderr),
        Command::Validate { rubrics } => {
            commands::validate::run(&rubrics, &mut stdout, &mut stderr)
        }
        Command::Init(opts) => commands::init::run(&opts, &mut stderr),
        Command::Fill(opts) => commands::fill::run(&opts, &mut stdout, &mut stderr),
        Command::Serve(opts) => commands::serve::run(&opts, &mut stdout, &mut stderr),
        Command::Compare(opts) => commands::compare::run(&opts, &mut stdout, &mut stderr),
        Command::Completions { shell } => {
            commands::completions::run(shell, &mut stdout, &mut stderr)
        }
    }
}
