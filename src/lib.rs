//! rolefit: should you apply to Amazon as a PM or as a PMT?
//!
//! Data flows one way: rubric TOML → [`rubric::Rubric`] → [`model`] →
//! [`simulate`] → [`report`] and [`chart`]. `main` parses the command line
//! into a [`cli::Command`], calls [`run`] and exits with the code it
//! returns; [`commands`] holds one module per subcommand.
//!
//! The rooms, lowest first (a module uses only those listed before it):
//! `units`, `text`, `date`, `output`, `cancel` → `rubric` → `stories`, `model` →
//! `simulate`, `plan` → `advice` → `assessment` → `chart` → `report` →
//! `inputs`, `error`, `questions`, `saving`, `folder` → `serve` → `cli` → `commands`.

mod advice;
mod assessment;
mod cancel;
mod chart;
mod cli;
mod commands;
mod date;
mod error;
pub(crate) mod folder;
mod inputs;
mod model;
mod output;
mod plan;
mod questions;
mod report;
mod rubric;
pub(crate) mod saving;
mod serve;
mod simulate;
mod stories;
mod text;
mod units;

pub use cli::Cli;
pub use error::{Error, Exit, on_panic_report_a_bug};

/// What the integration tests, benchmarks and fuzz targets reach into,
/// under the paths they name (`rolefit::testing::model::Model`). Not an
/// API: everything else in the crate is private to it (`pub(crate)`).
#[doc(hidden)]
pub mod testing {
    pub mod chart {
        pub use crate::chart::{font, png, render_all};
    }
    pub mod cli {
        pub use crate::cli::FillOptions;
    }
    pub mod commands {
        pub mod fill {
            pub use crate::commands::fill::fill;
        }
    }
    pub mod model {
        pub use crate::model::{Assessment, Core, Lanes, Model};
        pub mod pay {
            pub use crate::model::pay::integral;
        }
        pub mod vote {
            pub use crate::model::vote::inclined;
        }
    }
    pub mod plan {
        pub use crate::plan::{Prep, StepKind, plan};
    }
    pub mod report {
        pub use crate::report::{
            Report, Results, evaluate, evaluate_on, html, json, markdown, redact, text,
        };
    }
    pub mod rubric {
        pub use crate::rubric::{
            DEFAULT_RUBRIC, EXAMPLE_NAME, EXAMPLE_RUBRIC, Estimate, Route, Rubric, load, parse_str,
        };
    }
    pub mod serve {
        pub use crate::serve::{App, MAX_BODY, Runs};
    }
    pub mod simulate {
        pub use crate::simulate::{Distributions, Stat, monte_carlo, sensitivity, threads};
    }
    pub mod text {
        pub use crate::text::{clean, is_unsafe, money, percent, thousands, trim_number};
    }
    pub mod units {
        pub use crate::units::Policy;
    }
}

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
