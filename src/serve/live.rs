//! The assessment beside the form, live: after every answer it is
//! recomputed off the request thread (`spawn_blocking`), by the same code
//! `assess` uses, and the page hears of it over server-sent events. A
//! newer answer cancels an older computation: each carries a generation
//! number, the assessment stops between chunks of draws and between its
//! steps once a newer one is asked for ([`Cancel`]), and only the newest
//! is ever shown.

use std::convert::Infallible;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::sse::{Event, Sse};
use axum::response::{IntoResponse, Response};
use futures_util::Stream;
use serde::Serialize;
use tokio::sync::watch;

use super::{Doc, Shared};
use crate::cancel::{Cancel, Cancelled};
use crate::report::Report as _;
use crate::report::html::{Html, escape};
use crate::report::redact;
use crate::simulate::threads;

/// What the page is told after each answer.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct Status {
    pub generation: u64,
    /// `computing`, `ready`, `blank` (not every competency scored yet),
    /// `invalid` (the file does not validate now), `error` or `closed`
    /// (the server stops).
    pub state: &'static str,
    pub message: String,
    /// What is tried without saving ("Dive Deep at 4"), when the
    /// assessment shown is a what-if.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub what_if: Option<String>,
    /// How many times the file was taken in from disk, changed by another
    /// program: when it grows, the page shows the form afresh and says so.
    pub disk_changes: u64,
}

struct Inner {
    /// The newest generation asked for; an older computation that sees it
    /// move on stops.
    generation: Arc<AtomicU64>,
    status: watch::Sender<Status>,
    /// The newest report (its generation and HTML).
    report: Mutex<(u64, String)>,
    /// Computations begun, stopped by a newer one, and shown.
    started: AtomicU64,
    cancelled: AtomicU64,
    published: AtomicU64,
    /// See [`Status::disk_changes`].
    disk_changes: AtomicU64,
}

/// How the computations of one server went, for tests: each one begun is
/// either cancelled (it stopped before its end, a newer answer having
/// come), published (its report shown), or dropped at its very end (a
/// newer answer came after its last check).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Runs {
    pub started: u64,
    pub cancelled: u64,
    pub published: u64,
}

/// The live assessment: one per server.
#[derive(Clone)]
pub(crate) struct Live(Arc<Inner>);

impl Live {
    pub fn new() -> Live {
        let (status, _) = watch::channel(Status {
            generation: 0,
            state: "computing",
            message: "Computing…".into(),
            what_if: None,
            disk_changes: 0,
        });
        Live(Arc::new(Inner {
            generation: Arc::new(AtomicU64::new(0)),
            status,
            report: Mutex::new((0, page("<p>Computing…</p>"))),
            started: AtomicU64::new(0),
            cancelled: AtomicU64::new(0),
            published: AtomicU64::new(0),
            disk_changes: AtomicU64::new(0),
        }))
    }

    /// Recomputes the assessment of `doc` as it is now, off this thread
    /// (on this thread when there is no runtime); a what-if shown is dropped.
    pub(crate) fn update(&self, doc: &Doc) {
        self.update_text(doc.display.clone(), doc.text.clone(), None);
    }

    /// Recomputes the assessment of `text`: the file's, or a what-if's
    /// (`what_if` says what is tried; nothing is saved).
    pub(crate) fn update_text(&self, display: String, text: String, what_if: Option<String>) {
        let generation = self.0.generation.fetch_add(1, Ordering::SeqCst) + 1;
        self.0.status.send_replace(Status {
            generation,
            state: "computing",
            message: "Computing…".into(),
            what_if: what_if.clone(),
            disk_changes: self.0.disk_changes.load(Ordering::SeqCst),
        });
        let inner = self.0.clone();
        let job = move || inner.compute(generation, &display, &text, what_if);
        match tokio::runtime::Handle::try_current() {
            Ok(runtime) => drop(runtime.spawn_blocking(job)),
            Err(_) => job(),
        }
    }

    /// Waits until the newest generation is computed.
    pub async fn settled(&self) {
        let mut rx = self.0.status.subscribe();
        let _ = rx
            .wait_for(|s| {
                s.state == "closed"
                    || (s.generation == self.0.generation.load(Ordering::SeqCst)
                        && s.state != "computing")
            })
            .await;
    }

    /// Ends every event stream (the server stops).
    pub(crate) fn close(&self) {
        let generation = self.0.generation.load(Ordering::SeqCst);
        self.0.status.send_replace(Status {
            generation,
            state: "closed",
            message: "The server stopped.".into(),
            what_if: None,
            disk_changes: self.0.disk_changes.load(Ordering::SeqCst),
        });
    }

    /// The file was taken in from disk: the next status tells the page.
    pub(crate) fn changed_on_disk(&self) {
        self.0.disk_changes.fetch_add(1, Ordering::SeqCst);
    }

    pub(crate) fn runs(&self) -> Runs {
        let count = |c: &AtomicU64| c.load(Ordering::SeqCst);
        Runs {
            started: count(&self.0.started),
            cancelled: count(&self.0.cancelled),
            published: count(&self.0.published),
        }
    }

    fn report(&self) -> String {
        self.0
            .report
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .1
            .clone()
    }
}

impl Inner {
    fn current(&self, generation: u64) -> bool {
        self.generation.load(Ordering::SeqCst) == generation
    }

    fn compute(&self, generation: u64, display: &str, text: &str, what_if: Option<String>) {
        if !self.current(generation) {
            return; // a newer answer came first
        }
        self.started.fetch_add(1, Ordering::SeqCst);
        let newest = self.generation.clone();
        let cancel = Cancel::when(move || newest.load(Ordering::SeqCst) != generation);
        let Ok((state, message, html)) = assess(display, text, &cancel) else {
            self.cancelled.fetch_add(1, Ordering::SeqCst);
            return;
        };
        let mut report = self.report.lock().unwrap_or_else(PoisonError::into_inner);
        if !self.current(generation) {
            return;
        }
        *report = (generation, html);
        self.published.fetch_add(1, Ordering::SeqCst);
        self.status.send_replace(Status {
            generation,
            state,
            message,
            what_if,
            disk_changes: self.disk_changes.load(Ordering::SeqCst),
        });
    }
}

/// The assessment of `text` as `assess` would write report.html, charts
/// inline: its state, a line for the page and the document; or that a
/// newer answer stopped it.
fn assess(
    display: &str,
    text: &str,
    cancel: &Cancel,
) -> Result<(&'static str, String, String), Cancelled> {
    let rubric = match crate::rubric::parse_str(display, text) {
        Ok(r) => r,
        Err(e) => {
            let why = format!("The file does not validate now: {e}");
            let html = page(&format!("<p>{}</p>", escape(&why)));
            return Ok(("invalid", why, html));
        }
    };
    let missing = rubric.missing();
    if !missing.is_empty() {
        let line = format!(
            "The assessment shows once the rubric is complete: {} left to fill.",
            missing.len()
        );
        let list: String = missing
            .iter()
            .map(|m| format!("<li>{}</li>", escape(m)))
            .collect();
        let html = page(&format!("<p>{}</p><ul>{list}</ul>", escape(&line)));
        return Ok(("blank", line, html));
    }
    // What `assess` does for report.html (commands/assess.rs): the same
    // evaluation, policy, charts and renderer.
    let results = crate::assessment::evaluate_unless(display, "rubric", rubric, threads(), cancel)?;
    cancel.check()?;
    let policy = redact::policy(false);
    let html = crate::chart::render_all(&results, &policy)
        .map_err(|e| e.to_string())
        .and_then(|charts| {
            Html { charts }
                .render(&results, &policy)
                .map_err(|e| e.to_string())
        });
    let html = match html {
        Ok(h) => h,
        Err(e) => {
            let why = format!("The assessment could not be shown: {e}");
            return Ok(("error", why.clone(), page(&escape(&why))));
        }
    };
    Ok(("ready", "Up to date".into(), html))
}

/// A small document for the report's frame.
fn page(body: &str) -> String {
    format!(
        "<!doctype html><html lang=en><meta charset=utf-8><title>Assessment</title>\
         <body style=\"font-family: sans-serif\">{body}</body></html>\n"
    )
}

/// `GET /events`: the status now, then after every change.
pub(super) async fn events(
    State(shared): State<Arc<Shared>>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let mut rx = shared.live.0.status.subscribe();
    rx.mark_changed();
    let stream = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.changed().await.ok()?;
        let status = rx.borrow_and_update().clone();
        if status.state == "closed" {
            return None;
        }
        let data = serde_json::to_string(&status).unwrap_or_default();
        Some((Ok(Event::default().data(data)), rx))
    });
    Sse::new(stream)
}

/// The policy of the report's frame: the report's own inline styles and
/// charts, no script at all, shown only inside our page.
pub(crate) const REPORT_CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; \
                              font-src data:; frame-ancestors 'self'";

/// `GET /report`: the newest assessment, as report.html.
pub(super) async fn report(State(shared): State<Arc<Shared>>) -> Response {
    let mut response = axum::response::Html(shared.live.report()).into_response();
    response.headers_mut().insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(REPORT_CSP),
    );
    response
}
