//! `rolefit completions SHELL`: a shell completion script on stdout.

use std::io::Write;

use super::print;
use crate::cli;
use crate::error::Exit;

pub(crate) fn run(
    shell: clap_complete::Shell,
    stdout: &mut impl Write,
    stderr: &mut impl Write,
) -> Exit {
    match print(stdout, &String::from_utf8_lossy(&cli::completions(shell))) {
        Ok(_) => Exit::Ok,
        Err(e) => e.report(stderr),
    }
}
