//! The command line: every clap type lives here and is turned at once into
//! the plain [`Command`] the library runs.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::report::Format;
use crate::rubric::Route;

/// Should you apply to Amazon as a Product Manager or as a Product Manager –
/// Technical? rolefit turns an honest self-assessment rubric into fit scores,
/// offer odds and the expected value of each way to apply.
#[derive(Debug, Parser)]
#[command(name = "rolefit", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    pub command: CliCommand,
}

#[derive(Debug, Subcommand)]
pub enum CliCommand {
    /// Assess filled-out rubrics: fit, offer odds, strategies, advice.
    Assess {
        /// Rubric files (TOML), folders of them, or globs. None: the bundled example.
        rubrics: Vec<PathBuf>,
        /// Folder for the results; each rubric gets OUT/<slug>/.
        #[arg(long, value_name = "DIR", default_value = "output")]
        out: PathBuf,
        /// What to print on stdout.
        #[arg(long, value_enum, default_value_t = CliFormat::Text)]
        format: CliFormat,
        /// Monte Carlo draws (overrides [model] samples; 0 = point
        /// estimates; at most 10,000,000).
        #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(0..=10_000_000))]
        samples: Option<u64>,
        /// Random seed (overrides [model] seed).
        #[arg(long, value_name = "N")]
        seed: Option<u64>,
        /// Write the files but print no report and no progress.
        #[arg(long, short)]
        quiet: bool,
        /// Skip the SVG charts (summary.json and the reports are still written).
        #[arg(long)]
        no_charts: bool,
        /// Hours of preparation the plan may use (overrides [model] prep_hours; 0–10,000).
        #[arg(long, value_name = "N", value_parser = parse_hours)]
        hours: Option<f64>,
        /// Also write a PNG of each chart (2× its size, text drawn with the
        /// embedded font), for chat and slides that do not show SVG.
        #[arg(long, conflicts_with = "no_charts")]
        png: bool,
        /// Leave every money amount out of the reports, charts and JSON:
        /// values are shown relative to staying (staying = 100%).
        #[arg(long)]
        redact: bool,
        /// The candidate's name in the reports and the folder's name
        /// (overrides [candidate] name, e.g. to share anonymously).
        #[arg(long, value_name = "NAME", value_parser = parse_name)]
        name: Option<String>,
    },
    /// Check rubrics without assessing them; lists competencies left blank.
    Validate {
        /// Rubric files (TOML), folders of them, or globs.
        #[arg(required = true)]
        rubrics: Vec<PathBuf>,
    },
    /// Write a blank copy of the bundled Amazon PM/PMT rubric to fill out.
    Init {
        /// Where to write it.
        #[arg(default_value = "rubric.toml")]
        path: PathBuf,
        /// Overwrite the file if it exists.
        #[arg(long)]
        force: bool,
        /// Start from this rubric instead of the bundled one (e.g. last
        /// month's, to update it).
        #[arg(long, value_name = "FILE")]
        from: Option<PathBuf>,
        /// Your name ([candidate] name).
        #[arg(long)]
        name: Option<String>,
        /// Your current annual pay ([candidate] current_salary).
        #[arg(long, value_name = "AMOUNT", value_parser = parse_amount, allow_negative_numbers = true)]
        salary: Option<f64>,
        /// How your application reaches the team ([candidate] route): a
        /// referral or a recruiter raises the odds of being picked.
        #[arg(long, value_enum, value_name = "ROUTE")]
        route: Option<CliRoute>,
    },
    /// Answer the rubric's questions in the terminal; every answer is saved
    /// to the file at once.
    Fill {
        rubric: PathBuf,
        /// Only the competencies without a score yet.
        #[arg(long)]
        only_blank: bool,
        /// Only the competencies of this group (its id, e.g. `leadership`).
        #[arg(long, value_name = "GROUP")]
        group: Option<String>,
        /// Write and edit the story bank instead: STAR stories for the
        /// Leadership Principles.
        #[arg(long, conflicts_with_all = ["only_blank", "group"])]
        stories: bool,
    },
    /// Compare rubrics side by side: several people, or one person over time.
    Compare {
        /// Rubric files (TOML), folders of them, or globs: two or more rubrics in all.
        #[arg(required = true)]
        rubrics: Vec<PathBuf>,
        /// Folder for compare.svg.
        #[arg(long, value_name = "DIR", default_value = "output")]
        out: PathBuf,
        /// What to print on stdout.
        #[arg(long, value_enum, default_value_t = CliFormat::Text)]
        format: CliFormat,
        /// Leave every money amount out: values relative to each person's
        /// staying (staying = 100%).
        #[arg(long)]
        redact: bool,
        /// Also write compare.png (2× the SVG's size, text drawn with the
        /// embedded font).
        #[arg(long)]
        png: bool,
    },
    /// Print a shell completion script (e.g. `rolefit completions bash`).
    Completions {
        #[arg(value_enum)]
        shell: Shell,
    },
}

/// Shells `completions` writes for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Elvish,
    Powershell,
}

/// How an application reaches the team, as `init --route` takes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CliRoute {
    /// You apply cold through amazon.jobs.
    CareersSite,
    /// An Amazon employee refers you.
    Referral,
    /// A recruiter approached you.
    Recruiter,
}

impl From<CliRoute> for Route {
    fn from(r: CliRoute) -> Self {
        match r {
            CliRoute::CareersSite => Route::CareersSite,
            CliRoute::Referral => Route::Referral,
            CliRoute::Recruiter => Route::Recruiter,
        }
    }
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

/// An amount of money: a finite number, 0 or more.
fn parse_amount(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && v >= 0.0 => Ok(v),
        Ok(_) => Err("must be a finite amount, 0 or more".into()),
        Err(_) => Err("must be a number, e.g. 150000".into()),
    }
}

/// The completion script for `shell`.
pub fn completions(shell: Shell) -> Vec<u8> {
    use clap::CommandFactory;
    use clap_complete::Shell as S;
    let shell = match shell {
        Shell::Bash => S::Bash,
        Shell::Zsh => S::Zsh,
        Shell::Fish => S::Fish,
        Shell::Elvish => S::Elvish,
        Shell::Powershell => S::PowerShell,
    };
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "rolefit", &mut out);
    out
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum CliFormat {
    Text,
    Json,
    Markdown,
}

impl From<CliFormat> for Format {
    fn from(f: CliFormat) -> Self {
        match f {
            CliFormat::Text => Format::Text,
            CliFormat::Json => Format::Json,
            CliFormat::Markdown => Format::Markdown,
        }
    }
}

/// A command with its options, free of clap.
#[derive(Debug, Clone)]
pub enum Command {
    Assess(AssessOptions),
    Validate { rubrics: Vec<PathBuf> },
    Init(InitOptions),
    Fill(FillOptions),
    Compare(CompareOptions),
    Completions { shell: Shell },
}

#[derive(Debug, Clone)]
pub struct InitOptions {
    pub path: PathBuf,
    pub force: bool,
    /// None: the bundled rubric.
    pub from: Option<PathBuf>,
    pub name: Option<String>,
    pub salary: Option<f64>,
    /// `[candidate] route`; None leaves the file's as it is.
    pub route: Option<Route>,
}

#[derive(Debug, Clone)]
pub struct FillOptions {
    pub path: PathBuf,
    /// Skip competencies that already have a score.
    pub only_blank: bool,
    /// Only the competencies of this group (by id).
    pub group: Option<String>,
    /// The story bank instead of the competencies.
    pub stories: bool,
}

#[derive(Debug, Clone)]
pub struct CompareOptions {
    /// Files, folders or globs; at least two rubrics once expanded.
    pub rubrics: Vec<PathBuf>,
    pub out: PathBuf,
    pub format: Format,
    /// No money amounts (DESIGN.md "--redact").
    pub redact: bool,
    /// compare.png beside compare.svg.
    pub png: bool,
}

#[derive(Debug, Clone)]
pub struct AssessOptions {
    /// Empty: the bundled example.
    pub rubrics: Vec<PathBuf>,
    pub out: PathBuf,
    pub format: Format,
    pub samples: Option<u64>,
    pub seed: Option<u64>,
    pub quiet: bool,
    pub no_charts: bool,
    /// The planner's budget (overrides `prep_hours`).
    pub hours: Option<f64>,
    /// A PNG beside every SVG.
    pub png: bool,
    /// No money amounts (DESIGN.md "--redact").
    pub redact: bool,
    /// Overrides `[candidate] name`.
    pub name: Option<String>,
}

impl From<Cli> for Command {
    fn from(cli: Cli) -> Self {
        match cli.command {
            CliCommand::Assess {
                rubrics,
                out,
                format,
                samples,
                seed,
                quiet,
                no_charts,
                hours,
                png,
                redact,
                name,
            } => Command::Assess(AssessOptions {
                rubrics,
                out,
                format: format.into(),
                samples,
                seed,
                quiet,
                no_charts,
                hours,
                png,
                redact,
                name,
            }),
            CliCommand::Validate { rubrics } => Command::Validate { rubrics },
            CliCommand::Init {
                path,
                force,
                from,
                name,
                salary,
                route,
            } => Command::Init(InitOptions {
                path,
                force,
                from,
                name,
                salary,
                route: route.map(Route::from),
            }),
            CliCommand::Fill {
                rubric,
                only_blank,
                group,
                stories,
            } => Command::Fill(FillOptions {
                path: rubric,
                only_blank,
                group,
                stories,
            }),
            CliCommand::Compare {
                rubrics,
                out,
                format,
                redact,
                png,
            } => Command::Compare(CompareOptions {
                rubrics,
                out,
                format: format.into(),
                redact,
                png,
            }),
            CliCommand::Completions { shell } => Command::Completions { shell },
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::{Cli, CliRoute};
    use crate::rubric::Route;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn every_route_is_offered_under_its_rubric_id() {
        use clap::ValueEnum;
        for r in CliRoute::value_variants() {
            let name = r.to_possible_value().unwrap().get_name().to_string();
            assert_eq!(Route::from(*r).id(), name);
        }
        assert_eq!(CliRoute::value_variants().len(), Route::ALL.len());
    }
}
