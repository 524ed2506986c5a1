//! The command line: every clap type lives here. The parsed options are the
//! commands' own settings (no copy into a second struct); what the rubric
//! also sets is merged in one step by [`AssessOptions::settle`].

use std::path::PathBuf;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::report::Format;
use crate::rubric::{Route, Rubric};

/// Should you apply to Amazon as a Product Manager or as a Product Manager –
/// Technical? rolefit turns an honest self-assessment rubric into fit scores,
/// offer odds and the expected value of each way to apply.
#[derive(Debug, Parser)]
#[command(name = "rolefit", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// A command with its options.
#[derive(Debug, Clone, Subcommand)]
pub enum Command {
    /// Assess filled-out rubrics: fit, offer odds, strategies, advice.
    Assess(AssessOptions),
    /// Check rubrics without assessing them; lists competencies left blank.
    Validate {
        /// Rubric files (TOML), folders of them, or globs.
        #[arg(required = true)]
        rubrics: Vec<PathBuf>,
    },
    /// Write a blank copy of the bundled Amazon PM/PMT rubric to fill out.
    Init(InitOptions),
    /// Answer the rubric's questions in the terminal; every answer is saved
    /// to the file at once.
    Fill(FillOptions),
    /// Fill out the rubric in your browser, the assessment live beside it;
    /// every answer is saved to the file at once.
    Serve(ServeOptions),
    /// Compare rubrics side by side: several people, or one person over time.
    Compare(CompareOptions),
    /// Print a shell completion script (e.g. `rolefit completions bash`).
    Completions {
        #[arg(value_parser = shells())]
        shell: clap_complete::Shell,
    },
}

impl Cli {
    /// The command line, or clap's error and exit (2); where a format was
    /// written as a flag (`assess --json`), the error's tip names
    /// `--format json` instead of clap's `-- --json`.
    pub fn parse_with_tips() -> Cli {
        let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
        Cli::try_parse_from(&args).unwrap_or_else(|e| format_tip(e, &args).exit())
    }
}

/// `e` with a tip to use `--format` when the unknown argument is a format's
/// name on a command that has `--format`.
fn format_tip(mut e: clap::Error, args: &[std::ffi::OsString]) -> clap::Error {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let has_format = args
        .iter()
        .skip(1)
        .find(|a| !a.to_string_lossy().starts_with('-'))
        .is_some_and(|c| c == "assess" || c == "compare");
    if e.kind() != ErrorKind::UnknownArgument || !has_format {
        return e;
    }
    let Some(ContextValue::String(arg)) = e.get(ContextKind::InvalidArg) else {
        return e;
    };
    let name = arg.trim_start_matches('-');
    let format = Format::value_variants()
        .iter()
        .filter_map(ValueEnum::to_possible_value)
        .find(|v| v.matches(name, true));
    if let Some(format) = format {
        let tip = format!(
            "to choose what is printed, use '--format {}'",
            format.get_name()
        );
        e.insert(
            ContextKind::Suggested,
            ContextValue::StyledStrs(vec![tip.into()]),
        );
    }
    e
}

impl From<Cli> for Command {
    fn from(cli: Cli) -> Self {
        cli.command
    }
}

// `assess`'s options (the doc comments are its `--help`).
#[derive(Debug, Clone, Args)]
pub struct AssessOptions {
    /// Rubric files (TOML), folders of them, or globs. None: the bundled example.
    pub rubrics: Vec<PathBuf>,
    /// Folder for the results; each rubric gets OUT/<slug>/.
    #[arg(long, value_name = "DIR", default_value = "output")]
    pub out: PathBuf,
    /// What to print on stdout.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Monte Carlo draws (overrides [model] samples; 0 = point
    /// estimates; at most 10,000,000).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(0..=10_000_000))]
    pub samples: Option<u64>,
    /// Random seed (overrides [model] seed).
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    /// Write the files but print no report and no progress.
    #[arg(long, short)]
    pub quiet: bool,
    /// Skip the SVG charts (summary.json and the reports are still written).
    #[arg(long)]
    pub no_charts: bool,
    /// Hours of preparation the plan may use (overrides [model] prep_hours; 0–10,000).
    #[arg(long, value_name = "N", value_parser = parse_hours)]
    pub hours: Option<f64>,
    /// Also write a PNG of each chart (2× its size, text drawn with the
    /// embedded font), for chat and slides that do not show SVG.
    #[arg(long, conflicts_with = "no_charts")]
    pub png: bool,
    /// Leave every money amount out of the reports, charts and JSON:
    /// values are shown relative to staying (staying = 100%).
    #[arg(long)]
    pub redact: bool,
    /// The candidate's name in the reports and the folder's name
    /// (overrides [candidate] name, e.g. to share anonymously).
    #[arg(long, value_name = "NAME", value_parser = parse_name)]
    pub name: Option<String>,
}

impl AssessOptions {
    /// The command line merged over the rubric: `--samples`, `--seed` and
    /// `--hours` over `[model]`, `--name` over `[candidate] name`; what the
    /// command line leaves out stays as the rubric says.
    pub(crate) fn settle(&self, rubric: &mut Rubric) {
        let model = &mut rubric.model;
        model.samples = self.samples.unwrap_or(model.samples);
        model.seed = self.seed.unwrap_or(model.seed);
        model.prep_hours = self.hours.unwrap_or(model.prep_hours);
        if let Some(name) = &self.name {
            rubric.candidate.name.clone_from(name);
        }
    }
}

// `init`'s options.
#[derive(Debug, Clone, Args)]
pub struct InitOptions {
    /// Where to write it.
    #[arg(default_value = "rubric.toml")]
    pub path: PathBuf,
    /// Overwrite the file if it exists.
    #[arg(long)]
    pub force: bool,
    /// Start from this rubric instead of the bundled one (e.g. last
    /// month's, to update it).
    #[arg(long, value_name = "FILE")]
    pub from: Option<PathBuf>,
    /// Your name ([candidate] name).
    #[arg(long)]
    pub name: Option<String>,
    /// Your current annual pay ([candidate] current_salary).
    #[arg(long, value_name = "AMOUNT", value_parser = parse_amount, allow_negative_numbers = true)]
    pub salary: Option<f64>,
    /// How your application reaches the team ([candidate] route): a
    /// referral or a recruiter raises the odds of being picked.
    #[arg(long, value_enum, value_name = "ROUTE")]
    pub route: Option<Route>,
}

// `fill`'s options.
#[derive(Debug, Clone, Args)]
pub struct FillOptions {
    /// The rubric file to fill out (e.g. one `rolefit init` wrote).
    pub rubric: PathBuf,
    /// Only the competencies without a score yet.
    #[arg(long)]
    pub only_blank: bool,
    /// Only the competencies of this group (its id, e.g. `leadership`).
    #[arg(long, value_name = "GROUP")]
    pub group: Option<String>,
    /// Write and edit the story bank instead: STAR stories for the
    /// Leadership Principles.
    #[arg(long, conflicts_with_all = ["only_blank", "group"])]
    pub stories: bool,
}

// `serve`'s options.
#[derive(Debug, Clone, Args)]
pub struct ServeOptions {
    /// The rubric file to fill out (e.g. one `rolefit init` wrote). None:
    /// the bundled example, read-only.
    pub rubric: Option<PathBuf>,
    /// The port on 127.0.0.1 (0: any free one). Only this machine can
    /// connect: there is no option to listen elsewhere.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub port: u16,
    /// Print the URL without opening a browser.
    #[arg(long)]
    pub no_open: bool,
    /// Folder for what Share writes (OUT/<slug>/, as `assess` writes it).
    #[arg(long, value_name = "DIR", default_value = "output")]
    pub out: PathBuf,
}

// `compare`'s options.
#[derive(Debug, Clone, Args)]
pub struct CompareOptions {
    /// Rubric files (TOML), folders of them, or globs: two or more rubrics in all.
    #[arg(required = true)]
    pub rubrics: Vec<PathBuf>,
    /// Folder for compare.svg.
    #[arg(long, value_name = "DIR", default_value = "output")]
    pub out: PathBuf,
    /// What to print on stdout.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Leave every money amount out: values relative to each person's
    /// staying (staying = 100%).
    #[arg(long)]
    pub redact: bool,
    /// Also write compare.png (2× the SVG's size, text drawn with the
    /// embedded font).
    #[arg(long)]
    pub png: bool,
}

/// `init --route` offers the rubric's ids, each with its hint.
impl ValueEnum for Route {
    fn value_variants<'a>() -> &'a [Self] {
        &Route::ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.id()).help(crate::text::capitalised(self.hint())))
    }
}

/// The shells `completions` writes for, in the order `--help` lists them
/// (clap_complete's own order is alphabetical).
fn shells() -> impl TypedValueParser<Value = clap_complete::Shell> {
    PossibleValuesParser::new(["bash", "zsh", "fish", "elvish", "powershell"])
        .try_map(|s| s.parse::<clap_complete::Shell>())
}

/// Preparation hours: a finite number within 0–10,000.
fn parse_hours(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && (0.0..=10_000.0).contains(&v) => Ok(v),
        Ok(_) => Err("must be within 0–10,000 hours".into()),
        Err(_) => Err("must be a number of hours, e.g. 40".into()),
    }
}

/// A candidate's name: not blank.
fn parse_name(s: &str) -> Result<String, String> {
    if s.trim().is_empty() {
        Err("must not be blank (e.g. --name \"Candidate A\")".into())
    } else {
        Ok(s.to_string())
    }
}

/// An amount of money, 0 or more, read as `fill` reads one
/// ([`crate::questions::parse_money`]: `150,000` and `150k` too, nothing
/// ambiguous).
fn parse_amount(s: &str) -> Result<f64, String> {
    match crate::questions::parse_money(s) {
        Ok(v) if v >= 0.0 => Ok(v),
        Ok(_) => Err("must be a finite amount, 0 or more".into()),
        Err(why) => Err(why),
    }
}

/// The completion script for `shell`.
pub(crate) fn completions(shell: clap_complete::Shell) -> Vec<u8> {
    use clap::CommandFactory;
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "rolefit", &mut out);
    out
}

#[cfg(test)]
mod tests {
    use clap::{CommandFactory, Parser, ValueEnum};

    use super::{Cli, Command};
    use crate::rubric::{self, Route};

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn every_route_is_offered_under_its_rubric_id() {
        for r in Route::value_variants() {
            let name = r.to_possible_value().unwrap().get_name().to_string();
            assert_eq!(Route::from_id(&name), Some(*r));
        }
        assert_eq!(Route::value_variants().len(), Route::ALL.len());
    }

    #[test]
    fn the_command_line_overrides_the_rubric_and_nothing_else() {
        let parse = |args: &[&str]| match Cli::parse_from(args).command {
            Command::Assess(opts) => opts,
            other => panic!("not assess: {other:?}"),
        };
        let example = || rubric::parse_str("e.toml", rubric::EXAMPLE_RUBRIC).unwrap();
        let (mut kept, from_file) = (example(), example());
        parse(&["rolefit", "assess"]).settle(&mut kept);
        assert_eq!(kept.model.samples, from_file.model.samples);
        assert_eq!(kept.model.seed, from_file.model.seed);
        assert_eq!(kept.model.prep_hours, from_file.model.prep_hours);
        assert_eq!(kept.candidate.name, from_file.candidate.name);

        let mut merged = example();
        parse(&[
            "rolefit",
            "assess",
            "--samples",
            "7",
            "--seed",
            "9",
            "--hours",
            "12.5",
            "--name",
            "Candidate A",
        ])
        .settle(&mut merged);
        assert_eq!(merged.model.samples, 7);
        assert_eq!(merged.model.seed, 9);
        assert_eq!(merged.model.prep_hours, 12.5);
        assert_eq!(merged.candidate.name, "Candidate A");
        // What the command line cannot set stays the rubric's.
        assert_eq!(merged.model.horizon_years, from_file.model.horizon_years);
        assert_eq!(merged.candidate.route, from_file.candidate.route);
    }
}
