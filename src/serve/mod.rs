//! `rolefit serve`: a local web server for one rubric file. The page is
//! the form `fill` asks (from [`crate::questions`]), each answer saved at
//! once through the same [`RubricFile`] as `fill`, and the assessment
//! beside it, recomputed after every answer.
//!
//! A local server that writes files is a target (STYLE.md, "A local web
//! server that writes files"): it binds 127.0.0.1 only; every request
//! needs the per-run token's cookie and our `Host`; every POST needs our
//! `Origin` and a small JSON body; the only file it writes is the rubric
//! it was started with — no part of a request names a path ([`guard`]).

mod answer;
mod guard;
mod live;
mod page;
mod share;

pub use live::Runs;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};

use crate::error::Error;
use crate::rubric::{self, Rubric};
use crate::saving::RubricFile;

/// The largest request body taken: an answer is a line or a STAR part
/// (at most 2,000 characters, up to 4 bytes each) in a little JSON.
pub const MAX_BODY: usize = 16 * 1024;

/// What `serve` was asked to do.
#[derive(Debug, Clone)]
pub(crate) struct Options {
    /// The rubric to fill out; `None`: the bundled example, read-only.
    pub rubric: Option<PathBuf>,
    /// The port on 127.0.0.1 (0: any free port).
    pub port: u16,
    /// Open the browser when a desktop is detected.
    pub open: bool,
    /// Where Share writes the results folder (`assess --out`).
    pub out: PathBuf,
}

/// The rubric the server edits: its file (none for the bundled example)
/// and the text it holds, the one state.
pub(crate) struct Doc {
    /// How the person named it, for messages and the page's title.
    pub display: String,
    /// The path it was opened by (`None`: the bundled example).
    pub path: Option<PathBuf>,
    /// `None`: the bundled example, which is shown but never saved.
    pub file: Option<RubricFile>,
    /// What the file holds (or the example's text).
    pub text: String,
    /// Saved answers so far, counted for the live assessment.
    pub saves: u64,
}

impl Doc {
    /// The rubric the text validates to, or the validator's message (an
    /// editor saved something invalid meanwhile).
    pub(crate) fn rubric(&self) -> Result<Rubric, String> {
        rubric::parse_str(&self.display, &self.text).map_err(|e| crate::text::clean(&e.to_string()))
    }

    /// Takes in what the file holds when it changed on disk since it was
    /// last read or saved (another program saved it); true when it did.
    pub(crate) fn reload(&mut self) -> bool {
        let Some(file) = self.file.as_mut() else {
            return false;
        };
        match file.changed_on_disk() {
            Some(now) => {
                file.reloaded(now.clone());
                self.text = now;
                true
            }
            None => false,
        }
    }
}

/// Everything a request handler shares.
pub(crate) struct Shared {
    /// The port the server listens on: `Host` and `Origin` must name it.
    pub port: u16,
    /// The per-run secret: in the printed URL, then in the cookie.
    pub token: String,
    pub doc: Mutex<Doc>,
    /// The private file that opened the browser: removed once the token
    /// has been exchanged.
    pub opener: Mutex<Option<tempfile::NamedTempFile>>,
    pub live: live::Live,
    /// Where Share writes `<slug>/`.
    pub out: PathBuf,
}

impl Shared {
    pub(crate) fn doc(&self) -> MutexGuard<'_, Doc> {
        self.doc.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Looks at the file: when another program changed it and it has
    /// stood still for [`DISK_QUIET`] since (an editor may write it in
    /// several steps), takes it in, recomputes the assessment and tells the
    /// page (which shows the form afresh). The server does this every
    /// [`DISK_CHECK`]; true when the file was taken in. An answer sent
    /// meanwhile finds the change at once, and is not saved over it.
    fn check_disk(&self) -> bool {
        let mut doc = self.doc();
        let still = doc.file.as_ref().is_some_and(|f| {
            std::fs::metadata(&f.target)
                .and_then(|m| m.modified())
                .ok()
                .and_then(|at| at.elapsed().ok())
                .is_none_or(|age| age >= DISK_QUIET)
        });
        if !still || !doc.reload() {
            return false;
        }
        self.live.changed_on_disk();
        self.live.update(&doc);
        true
    }
}

/// How often the server looks for a change made to the file on disk.
const DISK_CHECK: std::time::Duration = std::time::Duration::from_secs(1);

/// How long a changed file must stand still before the watcher takes it in.
const DISK_QUIET: std::time::Duration = std::time::Duration::from_secs(1);

/// A server ready to take requests: its router and the token its URL
/// carries. Tests send requests to [`App::router`] in-process.
pub struct App {
    shared: Arc<Shared>,
}

impl App {
    /// The server for `rubric` (`None`: the bundled example, read-only),
    /// answering for `127.0.0.1:port` and `localhost:port`; Share writes
    /// under `out`. Its first
    /// assessment starts at once, on the runtime's blocking threads when
    /// called within one.
    pub fn new(rubric: Option<&Path>, port: u16, out: &Path) -> Result<App, Error> {
        let doc = match rubric {
            Some(path) => {
                let file = RubricFile::open(path)?;
                // Refuse what `fill` refuses: a rubric that does not validate.
                rubric::parse_str(&file.display, file.text())?;
                Doc {
                    display: file.display.clone(),
                    path: Some(path.to_path_buf()),
                    text: file.text().to_string(),
                    file: Some(file),
                    saves: 0,
                }
            }
            None => Doc {
                display: "the bundled example".into(),
                path: None,
                file: None,
                text: rubric::EXAMPLE_RUBRIC.to_string(),
                saves: 0,
            },
        };
        let shared = Arc::new(Shared {
            port,
            token: guard::new_token()?,
            doc: Mutex::new(doc),
            opener: Mutex::new(None),
            live: live::Live::new(),
            out: out.to_path_buf(),
        });
        shared.live.update(&shared.doc());
        Ok(App { shared })
    }

    /// The per-run token (what `/?token=` must carry).
    pub fn token(&self) -> &str {
        &self.shared.token
    }

    /// The URL to open: the token is exchanged for a cookie at once.
    pub fn url(&self) -> String {
        format!(
            "http://127.0.0.1:{}/?token={}",
            self.shared.port, self.shared.token
        )
    }

    /// Every route, behind the guards.
    pub fn router(&self) -> Router {
        let shared = self.shared.clone();
        Router::new()
            .route("/", get(page::index))
            .route("/form", get(page::form))
            .route("/page.css", get(page::css))
            .route("/page.js", get(page::js))
            .route("/answer", post(answer::answer))
            .route("/what-if", post(answer::what_if))
            .route("/delete-story", post(answer::delete_story))
            .route("/share", post(share::share))
            .route("/events", get(live::events))
            .route("/report", get(live::report))
            .layer(DefaultBodyLimit::max(MAX_BODY))
            .layer(axum::middleware::from_fn_with_state(
                shared.clone(),
                guard::guard,
            ))
            .with_state(shared)
    }

    /// Waits until the assessment of the rubric as it is now is done (or
    /// was not needed); for tests, which make no timing assumptions.
    pub async fn settled(&self) {
        self.shared.live.settled().await;
    }

    /// How the live computations went so far (for tests).
    pub fn runs(&self) -> live::Runs {
        self.shared.live.runs()
    }

    /// Looks for a change another program made to the file, as the server
    /// does every second; true when there was one (see `Shared::check_disk`).
    pub fn check_disk(&self) -> bool {
        self.shared.check_disk()
    }

    /// Ends the live updates (open event streams close) and removes the
    /// backup of a session that ended cleanly.
    fn finish(self) {
        self.shared.live.close();
        let file = self.shared.doc().file.take();
        if let Some(file) = file {
            file.finish();
        }
    }
}

/// Runs the server until Ctrl-C: binds 127.0.0.1, prints the URL on
/// `out`, opens the browser when asked and a desktop is there.
pub(crate) fn run(opts: &Options, out: &mut impl std::io::Write) -> Result<(), Error> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()
        .map_err(|e| Error::Refused(format!("cannot start the server: {e}")))?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(("127.0.0.1", opts.port))
            .await
            .map_err(|e| {
                Error::Refused(format!(
                    "cannot listen on 127.0.0.1:{}: {e} (try another --port, or --port 0 for any free one)",
                    opts.port
                ))
            })?;
        let port = listener
            .local_addr()
            .map_err(|e| Error::Refused(format!("cannot listen on 127.0.0.1: {e}")))?
            .port();
        let app = App::new(opts.rubric.as_deref(), port, &opts.out)?;
        let note = match app.shared.doc().file {
            None => "The bundled example is shown read-only: write your own with `rolefit init`, then `rolefit serve rubric.toml`.\n".to_string(),
            Some(ref f) => format!("Every answer is saved to {} at once.\n", f.display),
        };
        let opened = opts.open && guard::open_browser(&app.shared);
        let _ = write!(
            out,
            "rolefit serve: {}\n{note}{}Ctrl-C stops the server.\n",
            app.url(),
            if opened {
                "Opened in your browser.\n"
            } else {
                ""
            }
        );
        let _ = out.flush();
        let router = app.router();
        tokio::spawn(watch_disk(app.shared.clone()));
        let served = axum::serve(listener, router)
            .with_graceful_shutdown(shutdown(app.shared.clone()))
            .await;
        app.finish();
        served.map_err(|e| Error::Refused(format!("the server stopped: {e}")))
    })
}

/// Takes in changes made to the file on disk meanwhile, every
/// [`DISK_CHECK`], off the runtime's thread (it reads the file).
async fn watch_disk(shared: Arc<Shared>) {
    loop {
        tokio::time::sleep(DISK_CHECK).await;
        let s = shared.clone();
        if tokio::task::spawn_blocking(move || s.check_disk())
            .await
            .is_err()
        {
            return;
        }
    }
}

/// Resolves on Ctrl-C, after closing the event streams (a graceful
/// shutdown waits for every open connection) and any save under way.
async fn shutdown(shared: Arc<Shared>) {
    let _ = tokio::signal::ctrl_c().await;
    shared.live.close();
    drop(crate::saving::wait_for_save());
}
