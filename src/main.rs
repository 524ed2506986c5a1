use std::process::ExitCode;

use rolefit::cli::Cli;

fn main() -> ExitCode {
    // clap exits 2 on a bad command line and 0 for --help / --version.
    let cli = Cli::parse_with_tips();
    // A panic is a bug: a short request to report it, then exit 70.
    rolefit::error::on_panic_report_a_bug();
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
