use std::process::ExitCode;

use clap::Parser;
use rolefit::cli::Cli;

fn main() -> ExitCode {
    // clap exits 2 on a bad command line and 0 for --help / --version.
    let cli = Cli::parse();
    ExitCode::from(rolefit::run(cli.into()) as u8)
}
