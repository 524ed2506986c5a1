use std::process::ExitCode;

use clap::Parser as _;
use rolefit::Cli;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // A bad command line: parsed again by the parser that words the
        // error with its tips, which prints it on stderr and exits 2.
        Err(e) if e.use_stderr() => Cli::parse_with_tips(),
        // --help and --version are data like any other: a stdout that
        // takes nothing exits 74, a closed pipe 0 (#23.16).
        Err(e) => return ExitCode::from(rolefit::print_out(&e.render().ansi().to_string()) as u8),
    };
    // A panic is a bug: a short request to report it, then exit 70.
    rolefit::on_panic_report_a_bug();
    let exit = std::panic::catch_unwind(|| {
        // Lets the tests check what a panic does.
        if std::env::var_os("ROLEFIT_TEST_PANIC").is_some() {
            panic!("ROLEFIT_TEST_PANIC is set");
        }
        rolefit::run(cli.into())
    })
    .unwrap_or(rolefit::Exit::Software);
    ExitCode::from(exit as u8)
}
