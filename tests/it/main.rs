//! The end-to-end and library tests, one binary (as ripgrep's
//! `tests/tests.rs`): the crate and the heavy dev-dependencies (resvg,
//! insta, proptest, rexpect) link once instead of once per file. Tests that
//! must run alone — signals sent to the binary, a real browser — keep
//! binaries of their own (`tests/interrupt.rs`, `tests/browser.rs`).

#[path = "../common/mod.rs"]
mod common;

mod batch;
mod calibration;
mod candidate;
mod charts;
mod cli;
mod compare;
mod edges;
mod extremes;
mod fill;
mod fill_files;
mod folders;
mod hardening;
mod injection;
mod inputs;
mod layout;
mod model;
mod outputs;
mod pay;
mod plan;
mod png;
mod readme;
mod redaction;
mod route;
mod serve;
#[cfg(target_os = "linux")]
mod serve_process;
mod sharing;
mod stories;
mod tips;
mod uncertainty;
mod validation;
mod votes;
mod withheld;
mod words;
