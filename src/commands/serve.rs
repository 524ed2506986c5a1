//! `rolefit serve [RUBRIC]`: fill out the rubric in a browser, the
//! assessment live beside it. The server is [`crate::serve`]; this only
//! hands it the options and reports how it ended.

use std::io::Write;

use crate::cli::ServeOptions;
use crate::error::Exit;
use crate::serve;

pub(crate) fn run(opts: &ServeOptions, stdout: &mut impl Write, stderr: &mut impl Write) -> Exit {
    let options = serve::Options {
        rubric: opts.rubric.clone(),
        port: opts.port,
        open: !opts.no_open,
        out: opts.out.clone(),
    };
    match serve::run(&options, stdout) {
        Ok(()) => Exit::Ok,
        Err(e) => e.report(stderr),
    }
}
