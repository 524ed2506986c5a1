//! rolefit: should you apply to Amazon as a PM or as a PMT?
//!
//! Data flows one way: rubric TOML → [`rubric::Rubric`] → [`model`] →
//! [`simulate`] → [`report`]. `main` only parses the command line, calls
//! [`run`] and exits with the code it returns.

pub mod advice;
pub mod chart;
pub mod cli;
pub mod compare;
pub mod edit;
pub mod fill;
pub mod model;
pub mod output;
pub mod report;
pub mod rubric;
pub mod simulate;

use std::io::{self, Write};
use std::path::PathBuf;

use cli::{AssessOptions, Command};
use model::Model;
use report::{Format, Report, Results};
use rubric::{LoadError, Rubric};

/// Exit codes (sysexits).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Ok = 0,
    Usage = 2,
    DataErr = 65,
    NoInput = 66,
    Software = 70,
    CantCreat = 73,
}

impl Exit {
    /// How bad an outcome is, to report the worst of several rubrics.
    fn severity(self) -> u8 {
        match self {
            Exit::Ok => 0,
            Exit::DataErr => 1,
            Exit::NoInput => 2,
            Exit::CantCreat => 3,
            Exit::Usage => 4,
            Exit::Software => 5,
        }
    }

    pub fn worst(self, other: Exit) -> Exit {
        if other.severity() > self.severity() {
            other
        } else {
            self
        }
    }
}

/// Everything that can stop one rubric's run.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(
        "{path} is a blank template: {count} of {total} competencies have no score yet: {list}\n\
         Give each a `score` on the scale, then run `rolefit assess {path}` again."
    )]
    Blank {
        path: String,
        count: usize,
        total: usize,
        list: String,
    },
    #[error(transparent)]
    Write(#[from] output::WriteError),
    #[error("{0} (a bug in rolefit: please report it with your rubric)")]
    Chart(#[from] chart::ChartError),
    #[error("{} already exists; pass --force to overwrite it", .0.display())]
    Exists(PathBuf),
    #[error(transparent)]
    Edit(#[from] edit::EditError),
    #[error("no group `{group}` in the rubric; its groups are: {known}")]
    UnknownGroup { group: String, known: String },
}

impl Error {
    pub fn exit(&self) -> Exit {
        match self {
            Error::Load(LoadError::Invalid { .. } | LoadError::TooLarge { .. })
            | Error::Blank { .. }
            | Error::Edit(_) => Exit::DataErr,
            Error::Load(LoadError::Unreadable { .. } | LoadError::NotText { .. }) => Exit::NoInput,
            Error::Write(_) | Error::Exists(_) => Exit::CantCreat,
            Error::Chart(_) => Exit::Software,
            Error::UnknownGroup { .. } => Exit::Usage,
        }
    }
}

/// Runs a command, printing data to stdout and diagnostics to stderr.
pub fn run(command: Command) -> Exit {
    let mut stdout = anstream::stdout();
    let mut stderr = anstream::stderr();
    match command {
        Command::Assess(opts) => assess_all(&opts, &mut stdout, &mut stderr),
        Command::Validate { rubrics } => validate_all(&rubrics, &mut stdout, &mut stderr),
        Command::Init(opts) => match init(&opts) {
            Ok(()) => {
                let path = opts.path.display();
                let _ = writeln!(
                    stderr,
                    "wrote {path} — fill in every `score`, then run `rolefit validate {path}`"
                );
                Exit::Ok
            }
            Err(e) => report_error(&mut stderr, &e),
        },
        Command::Fill(opts) => {
            let stdin = io::stdin();
            let mut input = stdin.lock();
            match fill::fill(&opts, &mut input, &mut stdout) {
                Ok(_) => Exit::Ok,
                Err(e) => report_error(&mut stderr, &e),
            }
        }
        Command::Compare {
            rubrics,
            out,
            format,
        } => compare_all(&rubrics, &out, format, &mut stdout, &mut stderr),
        Command::Completions { shell } => {
            print(
                &mut stdout,
                &String::from_utf8_lossy(&cli::completions(shell)),
            );
            Exit::Ok
        }
    }
}

fn report_error(stderr: &mut impl Write, e: &Error) -> Exit {
    match e {
        // Already rendered as `error: …` diagnostics, one per problem.
        Error::Load(LoadError::Invalid { .. }) => {
            let _ = writeln!(stderr, "{e}");
        }
        _ => {
            let _ = writeln!(stderr, "error: {e}");
        }
    }
    e.exit()
}

/// Writes to stdout; a closed pipe (`rolefit … | head -1`) is not an error.
fn print(stdout: &mut impl Write, text: &str) -> bool {
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => true,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => false,
        Err(_) => false,
    }
}

/// A rubric and the name it goes by in messages.
struct Source {
    name: String,
    stem: String,
    loaded: Result<Rubric, LoadError>,
}

fn sources(paths: &[PathBuf]) -> Vec<Source> {
    if paths.is_empty() {
        return vec![Source {
            name: rubric::EXAMPLE_NAME.to_string(),
            stem: "example".into(),
            loaded: rubric::parse_str(rubric::EXAMPLE_NAME, rubric::EXAMPLE_RUBRIC),
        }];
    }
    paths
        .iter()
        .map(|p| Source {
            name: p.display().to_string(),
            stem: p
                .file_stem()
                .map_or_else(String::new, |s| s.to_string_lossy().into_owned()),
            loaded: rubric::load(p),
        })
        .collect()
}

/// One rubric to assess: a file, or the bundled example (`path` None).
struct Job {
    name: String,
    stem: String,
    path: Option<PathBuf>,
}

impl Job {
    fn load(&self) -> Result<Rubric, LoadError> {
        match &self.path {
            Some(p) => rubric::load(p),
            None => rubric::parse_str(rubric::EXAMPLE_NAME, rubric::EXAMPLE_RUBRIC),
        }
    }
}

/// The rubrics named on the command line: files as given, every `*.toml`
/// of a folder (sorted), and the matches of a glob the shell did not expand.
fn jobs(paths: &[PathBuf]) -> Vec<Job> {
    let job = |p: PathBuf| Job {
        name: p.display().to_string(),
        stem: p
            .file_stem()
            .map_or_else(String::new, |s| s.to_string_lossy().into_owned()),
        path: Some(p),
    };
    if paths.is_empty() {
        return vec![Job {
            name: rubric::EXAMPLE_NAME.to_string(),
            stem: "example".into(),
            path: None,
        }];
    }
    let mut out = Vec::new();
    for p in paths {
        let text = p.to_string_lossy();
        if p.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(p)
                .map(|entries| {
                    entries
                        .flatten()
                        .map(|e| e.path())
                        .filter(|f| f.extension().is_some_and(|e| e == "toml") && f.is_file())
                        .collect()
                })
                .unwrap_or_default();
            files.sort();
            out.extend(files.into_iter().map(job));
        } else if !p.exists() && text.contains(['*', '?', '[']) {
            let mut matches: Vec<PathBuf> = glob::glob(&text)
                .map(|m| m.flatten().filter(|f| f.is_file()).collect())
                .unwrap_or_default();
            matches.sort();
            if matches.is_empty() {
                out.push(job(p.clone())); // reported as missing
            } else {
                out.extend(matches.into_iter().map(job));
            }
        } else {
            out.push(job(p.clone()));
        }
    }
    out
}

/// A loaded rubric and its result folder's name, for a worker to take.
type Slot = std::sync::Mutex<Option<(Result<Rubric, LoadError>, String)>>;

/// What a worker hands back for one rubric, rendered already.
enum Done {
    Assessed {
        /// The report for stdout (None with --quiet).
        report: Option<String>,
        wrote: String,
    },
    Failed(Error),
}

/// `assess` over any number of rubrics: both cores share the rubrics (each
/// Monte Carlo then runs on one), reports come out in the order given, a
/// failure is reported and the others still run, the exit code is the worst.
fn assess_all(opts: &AssessOptions, stdout: &mut impl Write, stderr: &mut impl Write) -> Exit {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

    let jobs = jobs(&opts.rubrics);
    let n = jobs.len();
    let many = n > 1;
    let workers = if many { threads().min(n) } else { 1 };
    let mc_threads = if many { 1 } else { threads() };
    let progress = if many && !opts.quiet && std::io::IsTerminal::is_terminal(&io::stderr()) {
        let bar = indicatif::ProgressBar::new(n as u64);
        if let Ok(style) = indicatif::ProgressStyle::with_template(
            "{bar:40} {pos}/{len} rubrics, {elapsed} elapsed, about {eta} left",
        ) {
            bar.set_style(style);
        }
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    // Per-rubric lines only for a handful; a batch ends with a count.
    let chatty = !opts.quiet && n <= 20;
    // Load every rubric first, in order, to give each result folder its
    // own name: two rubrics with the same candidate name get `name` and
    // `name-2`, whatever order the workers finish in.
    let mut taken = std::collections::HashSet::new();
    let slots: Vec<Slot> = jobs
        .iter()
        .map(|job| {
            let loaded = job.load();
            let base = loaded.as_ref().map_or_else(
                |_| output::slug("", &job.stem),
                |r| output::slug(&r.candidate.name, &job.stem),
            );
            let slug = (1..)
                .map(|k| {
                    if k == 1 {
                        base.clone()
                    } else {
                        output::numbered(&base, k)
                    }
                })
                .find(|s| taken.insert(s.clone()))
                .unwrap_or(base);
            std::sync::Mutex::new(Some((loaded, slug)))
        })
        .collect();
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let (send, receive) = std::sync::mpsc::channel::<(usize, Done)>();
    let mut exit = Exit::Ok;
    let mut documents = Vec::new();
    let mut failed = 0;
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let send = send.clone();
            let (jobs, slots, next, stop) = (&jobs, &slots, &next, &stop);
            scope.spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(job) = jobs.get(i) else { break };
                    let taken = slots[i].lock().ok().and_then(|mut slot| slot.take());
                    let Some((loaded, slug)) = taken else { break };
                    let done = loaded
                        .map_err(Error::from)
                        .and_then(|r| assess(&job.name, &job.stem, r, opts, mc_threads, Some(slug)))
                        .map_or_else(Done::Failed, |results| Done::Assessed {
                            report: (!opts.quiet).then(|| match opts.format {
                                Format::Json => report::json::Json.render(&results),
                                format => format.reporter().render(&results),
                            }),
                            wrote: opts.out.join(&results.slug).display().to_string(),
                        });
                    if send.send((i, done)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(send);
        // Hand the results on in the order given.
        let mut waiting = std::collections::BTreeMap::new();
        let mut due = 0;
        for (i, done) in receive {
            waiting.insert(i, done);
            while let Some(done) = waiting.remove(&due) {
                due += 1;
                progress.inc(1);
                match done {
                    Done::Assessed { report, wrote } => {
                        if chatty {
                            let line = format!(
                                "wrote {wrote}: report.html, report.md, summary.json{}",
                                if opts.no_charts { "" } else { " and 6 charts" }
                            );
                            progress.suspend(|| {
                                let _ = writeln!(stderr, "{line}");
                            });
                        }
                        match (report, opts.format) {
                            (Some(doc), Format::Json) if many => documents.push(doc),
                            (Some(mut text), format) => {
                                if many && format == Format::Text {
                                    text.push('\n');
                                }
                                if !progress.suspend(|| print(stdout, &text)) {
                                    stop.store(true, Ordering::Relaxed);
                                }
                            }
                            (None, _) => {}
                        }
                    }
                    Done::Failed(e) => {
                        failed += 1;
                        exit = exit.worst(progress.suspend(|| report_error(stderr, &e)));
                    }
                }
            }
            if stop.load(Ordering::Relaxed) {
                break;
            }
        }
    });
    progress.finish_and_clear();
    if !documents.is_empty() && !stop.load(Ordering::Relaxed) {
        let body = documents
            .iter()
            .map(|d| indent(d.trim_end()))
            .collect::<Vec<_>>()
            .join(",\n");
        print(stdout, &format!("[\n{body}\n]\n"));
    }
    if many && !opts.quiet && !stop.load(Ordering::Relaxed) {
        let _ = writeln!(
            stderr,
            "assessed {} of {n} rubrics into {}{}",
            n - failed,
            opts.out.display(),
            if failed > 0 {
                format!("; {failed} failed")
            } else {
                String::new()
            }
        );
    }
    exit
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|l| format!("  {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Assesses one rubric and writes its results under `OUT/<slug>/`.
/// `slug` names the result folder (by default, from the candidate's name).
pub fn assess(
    path: &str,
    stem: &str,
    mut rubric: Rubric,
    opts: &AssessOptions,
    threads: usize,
    slug: Option<String>,
) -> Result<Results, Error> {
    require_scores(path, &rubric)?;
    if let Some(samples) = opts.samples {
        rubric.model.samples = samples;
    }
    if let Some(seed) = opts.seed {
        rubric.model.seed = seed;
    }
    let mut results = evaluate_on(path, stem, rubric, threads);
    if let Some(slug) = slug {
        results.slug = slug;
    }
    let dir = opts.out.join(&results.slug);
    output::create_dir(&dir)?;
    output::remove_stale_temporaries(&dir);
    let charts = if opts.no_charts {
        Vec::new()
    } else {
        chart::render_all(&results)?
    };
    // summary.json lists every file written, itself included.
    let names = ["summary.json", "report.md", "report.html"]
        .into_iter()
        .chain(charts.iter().map(|(name, _)| *name));
    results.outputs = names.map(|n| dir.join(n).display().to_string()).collect();
    let markdown = report::markdown::Markdown {
        charts: !charts.is_empty(),
    }
    .render(&results);
    let summary = report::json::Json.render(&results);
    // Charts first, then the reports that show them.
    for (name, svg) in &charts {
        output::write_atomic(&dir.join(name), svg.as_bytes())?;
    }
    let html = report::html::Html { charts }.render(&results);
    for (name, text) in [
        ("report.md", markdown),
        ("report.html", html),
        ("summary.json", summary),
    ] {
        output::write_atomic(&dir.join(name), text.as_bytes())?;
    }
    Ok(results)
}

/// A blank template (competencies without scores) cannot be assessed.
fn require_scores(path: &str, rubric: &Rubric) -> Result<(), Error> {
    let blank = rubric.blank();
    if blank.is_empty() {
        return Ok(());
    }
    Err(Error::Blank {
        path: path.to_string(),
        count: blank.len(),
        total: rubric.competencies.len(),
        list: blank
            .iter()
            .map(|c| c.id.as_str())
            .collect::<Vec<_>>()
            .join(", "),
    })
}

/// Computes every figure for a validated, fully scored rubric. Pure.
pub fn evaluate(path: &str, stem: &str, rubric: Rubric) -> Results {
    evaluate_on(path, stem, rubric, threads())
}

/// [`evaluate`] with the Monte Carlo on `threads` threads (the numbers are
/// the same for any count).
pub fn evaluate_on(path: &str, stem: &str, rubric: Rubric, threads: usize) -> Results {
    let model = Model::new(&rubric);
    let assessment = model.assess();
    let dist = simulate::monte_carlo(&model, rubric.model.samples, rubric.model.seed, threads);
    let sensitivity = simulate::sensitivity(&model);
    let warnings = advice::warnings(&rubric, &assessment);
    let reason = advice::reason(&model, &assessment);
    let what_if = advice::break_even(&rubric, &sensitivity);
    let strategies = model.strategies.clone();
    Results {
        path: path.to_string(),
        slug: output::slug(&rubric.candidate.name, stem),
        strategies,
        assessment,
        dist,
        sensitivity,
        warnings,
        reason,
        what_if,
        outputs: Vec::new(),
        made: output::today(),
        rubric,
    }
}

/// `compare`: assesses each rubric (writing nothing per rubric), prints the
/// table and writes `OUT/compare.svg`.
fn compare_all(
    paths: &[PathBuf],
    out: &std::path::Path,
    format: Format,
    stdout: &mut impl Write,
    stderr: &mut impl Write,
) -> Exit {
    let mut exit = Exit::Ok;
    let mut rows = Vec::new();
    for src in sources(paths) {
        let results = src.loaded.map_err(Error::from).and_then(|r| {
            require_scores(&src.name, &r)?;
            Ok(evaluate(&src.name, &src.stem, r))
        });
        match results {
            Ok(res) => rows.push(compare::row(&res)),
            Err(e) => exit = exit.worst(report_error(stderr, &e)),
        }
    }
    if rows.is_empty() {
        return exit;
    }
    let svg_path = out.join("compare.svg");
    let written = chart::compare::draw(&rows)
        .map_err(Error::from)
        .and_then(|svg| {
            output::create_dir(out)?;
            output::write_atomic(&svg_path, svg.as_bytes())?;
            Ok(())
        });
    let outputs = match written {
        Ok(()) => {
            let _ = writeln!(stderr, "wrote {}", svg_path.display());
            vec![svg_path.display().to_string()]
        }
        Err(e) => {
            exit = exit.worst(report_error(stderr, &e));
            Vec::new()
        }
    };
    let text = match format {
        Format::Text => compare::text(&rows),
        Format::Markdown => compare::markdown(&rows),
        Format::Json => {
            let doc = compare::Document {
                schema: 1,
                rubrics: &rows,
                outputs,
            };
            serde_json::to_string_pretty(&doc).unwrap_or_default() + "\n"
        }
    };
    print(stdout, &text);
    exit
}

/// Threads for the Monte Carlo: both cores of a typical laptop, no more
/// (the work is too short to gain from more).
fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(2))
}

fn validate_all(paths: &[PathBuf], stdout: &mut impl Write, stderr: &mut impl Write) -> Exit {
    let mut exit = Exit::Ok;
    for src in sources(paths) {
        match src.loaded {
            Ok(r) => {
                let line = match advice::blank_warning(&r) {
                    Some(w) => format!(
                        "{}: valid template, not ready to assess\n  [{}] {}\n",
                        src.name, w.code, w.message
                    ),
                    None => format!(
                        "{}: valid — {} competencies, {} roles, {} stages; ready to assess\n",
                        src.name,
                        r.competencies.len(),
                        r.roles.len(),
                        r.stages.len()
                    ),
                };
                print(stdout, &line);
            }
            Err(e) => exit = exit.worst(report_error(stderr, &Error::from(e))),
        }
    }
    exit
}

/// Writes a rubric to fill out: the bundled blank one or a copy of
/// `--from`, with `--name` and `--salary` set, keeping every comment. The
/// result must validate (blank scores allowed) before anything is written.
pub fn init(opts: &cli::InitOptions) -> Result<(), Error> {
    let path = &opts.path;
    if path.exists() && !opts.force {
        return Err(Error::Exists(path.to_path_buf()));
    }
    let (source, mut text) = match &opts.from {
        Some(from) => {
            let name = from.display().to_string();
            let text = std::fs::read_to_string(from).map_err(|source| LoadError::Unreadable {
                path: name.clone(),
                source,
            })?;
            (name, text)
        }
        None => (
            "the bundled rubric".to_string(),
            rubric::DEFAULT_RUBRIC.to_string(),
        ),
    };
    if opts.name.is_some() || opts.salary.is_some() {
        let mut editor = edit::Editor::parse(&source, &text)?;
        if let Some(name) = &opts.name {
            editor.set("candidate", "name", name.as_str());
        }
        if let Some(salary) = opts.salary {
            // A whole amount stays an integer in the file.
            if salary.fract() == 0.0 && salary.abs() < 1e15 {
                editor.set("candidate", "current_salary", salary as i64);
            } else {
                editor.set("candidate", "current_salary", salary);
            }
        }
        text = editor.text();
    }
    rubric::parse_str(&path.display().to_string(), &text)?;
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        output::create_dir(parent)?;
    }
    output::write_atomic(path, text.as_bytes())?;
    Ok(())
}
