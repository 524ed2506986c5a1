//! `rolefit serve`, in-process: requests go to the router with tower's
//! `oneshot` (no socket, no browser). Every guard refuses what it must and
//! leaves the file untouched; answers are saved through the rubric's own
//! questions and validator; a change made on disk meanwhile is shown, not
//! overwritten; hostile rubric text renders inert. Each test's runtime is
//! dropped at its end, which waits for the assessments it started: no
//! thread outlives a test.

use std::path::PathBuf;

use axum::body::Body;
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use rolefit::testing::serve::App;
use tower::ServiceExt as _;

use crate::common;
use crate::injection::{CORPUS, evil_rubric};

const PORT: u16 = 4321;
const HOST: &str = "127.0.0.1:4321";
const ORIGIN: &str = "http://127.0.0.1:4321";

struct Served {
    runtime: tokio::runtime::Runtime,
    app: App,
    path: PathBuf,
    _dir: tempfile::TempDir,
}

/// What came back.
struct Reply {
    status: StatusCode,
    headers: HeaderMap,
    body: String,
}

/// The bundled example with fewer draws (the tests assess it often).
fn example() -> String {
    common::read(&common::example()).replace("samples = 20000", "samples = 400")
}

fn serve(text: &str) -> Served {
    let dir = tempfile::tempdir().unwrap();
    let path = common::write(dir.path(), "rubric.toml", text);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let app = runtime
        .block_on(async { App::new(Some(&path), PORT, &dir.path().join("output")) })
        .unwrap();
    Served {
        runtime,
        app,
        path,
        _dir: dir,
    }
}

impl Served {
    fn cookie(&self) -> String {
        format!("rolefit-{PORT}={}", self.app.token())
    }

    fn send(&self, request: Request<Body>) -> Reply {
        self.runtime.block_on(async {
            let response = self.app.router().oneshot(request).await.unwrap();
            let status = response.status();
            let headers = response.headers().clone();
            let bytes = axum::body::to_bytes(response.into_body(), 1 << 24)
                .await
                .unwrap();
            Reply {
                status,
                headers,
                body: String::from_utf8(bytes.to_vec()).unwrap(),
            }
        })
    }

    /// A GET as our page sends it.
    fn get(&self, uri: &str) -> Reply {
        self.send(
            Request::get(uri)
                .header(header::HOST, HOST)
                .header(header::COOKIE, self.cookie())
                .body(Body::empty())
                .unwrap(),
        )
    }

    /// A POST of `json` to `uri` as our page sends it.
    fn post(&self, uri: &str, json: serde_json::Value) -> Reply {
        self.send(
            answer_request()
                .uri(uri)
                .header(header::COOKIE, self.cookie())
                .body(Body::from(json.to_string()))
                .unwrap(),
        )
    }

    /// An answer as our page sends it.
    fn answer(&self, key: &str, value: &str) -> Reply {
        self.post("/answer", serde_json::json!({ "key": key, "value": value }))
    }

    /// Share, as the page's button sends it.
    fn share(&self, redact: bool) -> Reply {
        self.post("/share", serde_json::json!({ "redact": redact }))
    }

    fn file(&self) -> String {
        std::fs::read_to_string(&self.path).unwrap()
    }

    /// The first server-sent event: the live status now.
    fn live_status(&self) -> serde_json::Value {
        use futures_util::StreamExt as _;
        self.runtime.block_on(async {
            let request = Request::get("/events")
                .header(header::HOST, HOST)
                .header(header::COOKIE, self.cookie())
                .body(Body::empty())
                .unwrap();
            let response = self.app.router().oneshot(request).await.unwrap();
            assert_eq!(response.status(), StatusCode::OK);
            let mut stream = response.into_body().into_data_stream();
            let chunk = stream.next().await.unwrap().unwrap();
            let text = String::from_utf8(chunk.to_vec()).unwrap();
            let data = text.strip_prefix("data: ").unwrap().trim_end();
            serde_json::from_str(data).unwrap()
        })
    }

    /// Waits for the assessment of the rubric as it is now.
    fn settled(&self) {
        self.runtime.block_on(self.app.settled());
    }
}

/// A POST to /answer with our Host and Origin, no cookie yet.
fn answer_request() -> axum::http::request::Builder {
    Request::builder()
        .method(Method::POST)
        .uri("/answer")
        .header(header::HOST, HOST)
        .header(header::ORIGIN, ORIGIN)
        .header(header::CONTENT_TYPE, "application/json")
}

fn body(key: &str, value: &str) -> Body {
    Body::from(serde_json::json!({ "key": key, "value": value }).to_string())
}

#[test]
fn the_printed_token_becomes_a_strict_http_only_cookie_and_leaves_the_url() {
    let s = serve(&example());
    assert!(s.app.url().starts_with("http://127.0.0.1:4321/?token="));
    let exchanged = s.send(
        Request::get(format!("/?token={}", s.app.token()))
            .header(header::HOST, HOST)
            .body(Body::empty())
            .unwrap(),
    );
    assert_eq!(exchanged.status, StatusCode::OK);
    let cookie = exchanged.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(cookie.starts_with(&s.cookie()), "{cookie}");
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"));
    assert!(exchanged.body.contains("url=/\""), "{}", exchanged.body);
    assert!(!exchanged.body.contains(s.app.token()));
    let page = s.get("/");
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("data-key=\"competency:0:score\""));
}

#[test]
fn a_wrong_or_missing_token_is_refused() {
    let s = serve(&example());
    let before = s.file();
    let wrong = format!("rolefit-{PORT}={}", "0".repeat(64));
    for (uri, cookie) in [
        ("/?token=0123", None),
        ("/?token=", None),
        ("/", None),
        ("/", Some(wrong.as_str())),
        ("/page.js", None),
        ("/form", None),
        ("/events", None),
        ("/report", None),
        ("/nothing-here", None),
    ] {
        let mut request = Request::get(uri).header(header::HOST, HOST);
        if let Some(c) = cookie {
            request = request.header(header::COOKIE, c);
        }
        let reply = s.send(request.body(Body::empty()).unwrap());
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{uri} {cookie:?}");
    }
    // The right token on another path is not exchanged either.
    let elsewhere = s.send(
        Request::get(format!("/form?token={}", s.app.token()))
            .header(header::HOST, HOST)
            .body(Body::empty())
            .unwrap(),
    );
    assert_eq!(elsewhere.status, StatusCode::FORBIDDEN);
    let post = s.send(
        answer_request()
            .body(body("competency:0:score", "1"))
            .unwrap(),
    );
    assert_eq!(post.status, StatusCode::FORBIDDEN);
    assert_eq!(s.file(), before);
}

#[test]
fn a_foreign_host_is_refused_even_with_the_cookie() {
    let s = serve(&example());
    let before = s.file();
    for host in [
        Some("evil.example:4321"),
        Some("127.0.0.1:9999"),
        Some("127.0.0.1"),
        Some("localhost.evil.example:4321"),
        Some("[::1]:4321"),
        None,
    ] {
        let mut request = Request::get("/").header(header::COOKIE, s.cookie());
        if let Some(h) = host {
            request = request.header(header::HOST, h);
        }
        let reply = s.send(request.body(Body::empty()).unwrap());
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{host:?}");
        let mut post = Request::post("/answer")
            .header(header::COOKIE, s.cookie())
            .header(header::ORIGIN, ORIGIN)
            .header(header::CONTENT_TYPE, "application/json");
        if let Some(h) = host {
            post = post.header(header::HOST, h);
        }
        let reply = s.send(post.body(body("competency:0:score", "1")).unwrap());
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{host:?}");
    }
    let localhost = s.send(
        Request::get("/")
            .header(header::HOST, "localhost:4321")
            .header(header::COOKIE, s.cookie())
            .body(Body::empty())
            .unwrap(),
    );
    assert_eq!(localhost.status, StatusCode::OK);
    assert_eq!(s.file(), before);
}

#[test]
fn a_post_without_our_origin_is_refused() {
    let s = serve(&example());
    let before = s.file();
    for origin in [
        None,
        Some("http://evil.example"),
        Some("http://127.0.0.1:9999"),
        Some("https://127.0.0.1:4321"),
        Some("null"),
    ] {
        let mut post = Request::post("/answer")
            .header(header::HOST, HOST)
            .header(header::COOKIE, s.cookie())
            .header(header::CONTENT_TYPE, "application/json");
        if let Some(o) = origin {
            post = post.header(header::ORIGIN, o);
        }
        let reply = s.send(post.body(body("competency:0:score", "1")).unwrap());
        assert_eq!(reply.status, StatusCode::FORBIDDEN, "{origin:?}");
    }
    assert_eq!(s.file(), before);
}

#[test]
fn an_oversized_or_non_json_body_is_refused() {
    let s = serve(&example());
    let before = s.file();
    let huge = "x".repeat(rolefit::testing::serve::MAX_BODY + 1);
    let reply = s.answer("competency:0:evidence", &huge);
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
    let form = s.send(
        answer_request()
            .header(header::COOKIE, s.cookie())
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from("key=competency:0:score&value=1"))
            .unwrap(),
    );
    assert!(form.status.is_client_error(), "{}", form.status);
    assert_eq!(s.file(), before);
}

#[test]
fn every_response_has_the_policy_and_no_cors_header() {
    let s = serve(&example());
    s.settled();
    let evil = |r: Request<Body>| s.send(r);
    let replies = [
        s.get("/"),
        s.get("/page.css"),
        s.get("/page.js"),
        s.get("/form"),
        s.answer("competency:0:score", "9"),
        evil(
            Request::get("/")
                .header(header::HOST, HOST)
                .header(header::ORIGIN, "http://evil.example")
                .body(Body::empty())
                .unwrap(),
        ),
        evil(
            Request::builder()
                .method(Method::OPTIONS)
                .uri("/answer")
                .header(header::HOST, HOST)
                .header(header::ORIGIN, "http://evil.example")
                .header("access-control-request-method", "POST")
                .body(Body::empty())
                .unwrap(),
        ),
    ];
    for reply in &replies {
        let csp = reply.headers[header::CONTENT_SECURITY_POLICY]
            .to_str()
            .unwrap();
        assert_eq!(csp, "default-src 'self'; frame-ancestors 'none'");
        assert!(
            !reply
                .headers
                .keys()
                .any(|k| k.as_str().starts_with("access-control-")),
            "{:?}",
            reply.headers
        );
    }
    // The report's frame: stricter still (no script at all), shown only in our page.
    let report = s.get("/report");
    let csp = report.headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap();
    assert!(csp.starts_with("default-src 'none';") && csp.contains("frame-ancestors 'self'"));
}

#[test]
fn an_answer_is_saved_keeping_the_rest_of_the_file_and_it_validates() {
    let s = serve(&example());
    let before = s.file();
    let reply = s.answer("competency:0:score", "2.5");
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert!(
        reply.body.contains("\"status\":\"saved\""),
        "{}",
        reply.body
    );
    let after = s.file();
    let changed: Vec<(&str, &str)> = before
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(changed, [("score = 4.5", "score = 2.5")]);
    let rubric = rolefit::testing::rubric::load(&s.path).unwrap();
    assert_eq!(rubric.competencies[0].score, Some(2.5));
    // A story added from the page, then its parts.
    let n = rubric.stories.len();
    let title = format!("story:{n}:title");
    let added = s.answer(&title, "Cut the release time in half");
    assert_eq!(added.status, StatusCode::OK, "{}", added.body);
    assert!(added.body.contains("\"reload\":true"));
    let principles = s.answer(&format!("story:{n}:principles"), "1 3");
    assert_eq!(principles.status, StatusCode::OK, "{}", principles.body);
    let rubric = rolefit::testing::rubric::load(&s.path).unwrap();
    assert_eq!(rubric.stories[n].title, "Cut the release time in half");
    assert_eq!(rubric.stories[n].principles.len(), 2);
}

#[test]
fn a_refused_answer_leaves_the_file_untouched_and_says_why() {
    let s = serve(&example());
    let before = s.file();
    for (key, value, says) in [
        ("competency:0:score", "9", "out of range"),
        ("competency:0:score", "four", "a number from 1 to 5"),
        (
            "candidate:current_salary",
            "150.000",
            "could be read two ways",
        ),
        ("candidate:route", "7", "a number from 1 to 3"),
    ] {
        let reply = s.answer(key, value);
        assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY, "{key}");
        assert!(reply.body.contains(says), "{key}: {}", reply.body);
        assert_eq!(s.file(), before, "{key}");
    }
    // Keys no question sets: refused before anything is read or written.
    for key in [
        "../../etc/passwd",
        "competency:999:score",
        "competency:0:weight",
        "candidate:name:x",
        "story:999:title",
        "model:samples",
    ] {
        let reply = s.answer(key, "1");
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{key}");
        assert_eq!(s.file(), before, "{key}");
    }
}

#[test]
fn a_change_made_on_disk_meanwhile_is_shown_not_overwritten() {
    let s = serve(&example());
    let theirs = s
        .file()
        .replacen("name = \"Sam Rivera\"", "name = \"Edited Elsewhere\"", 1);
    std::fs::write(&s.path, &theirs).unwrap();
    let reply = s.answer("competency:0:score", "2");
    assert_eq!(reply.status, StatusCode::CONFLICT, "{}", reply.body);
    assert!(reply.body.contains("\"status\":\"changed\""));
    assert!(reply.body.contains("\"reload\":true"));
    assert_eq!(s.file(), theirs);
    assert!(s.get("/form").body.contains("value=\"Edited Elsewhere\""));
    // The next answer goes over the file as it is now: both edits kept.
    let reply = s.answer("competency:0:score", "2");
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let rubric = rolefit::testing::rubric::load(&s.path).unwrap();
    assert_eq!(rubric.candidate.name, "Edited Elsewhere");
    assert_eq!(rubric.competencies[0].score, Some(2.0));
}

#[test]
fn the_bundled_example_is_read_only_and_offers_init() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let app = runtime
        .block_on(async { App::new(None, PORT, std::path::Path::new("/nonexistent/output")) })
        .unwrap();
    let send = |request: Request<Body>| {
        runtime.block_on(async {
            let response = app.router().oneshot(request).await.unwrap();
            let status = response.status();
            let bytes = axum::body::to_bytes(response.into_body(), 1 << 24)
                .await
                .unwrap();
            (status, String::from_utf8(bytes.to_vec()).unwrap())
        })
    };
    let cookie = format!("rolefit-{PORT}={}", app.token());
    let (status, page) = send(
        Request::get("/")
            .header(header::HOST, HOST)
            .header(header::COOKIE, &cookie)
            .body(Body::empty())
            .unwrap(),
    );
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("read-only") && page.contains("rolefit init"));
    assert!(page.contains("data-key=\"competency:0:score\" disabled"));
    let (status, reply) = send(
        answer_request()
            .header(header::COOKIE, &cookie)
            .body(body("competency:0:score", "1"))
            .unwrap(),
    );
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(reply.contains("read-only"), "{reply}");
}

/// No markup from the rubric, no control or bidi character, in the page,
/// the form or the report.
fn assert_inert(evil: &str, what: &str, text: &str) {
    if evil.contains(['<', '>', '"', '\'', '&']) {
        assert!(!text.contains(evil), "{evil:?} reached {what} raw");
    }
    for tag in [
        "<script>",
        "<img",
        "<svg onload",
        "<![CDATA[",
        "<!-- comment",
    ] {
        assert!(!text.contains(tag), "{evil:?}: {tag} in {what}");
    }
    let bad: Vec<char> = text
        .chars()
        .filter(|&c| rolefit::testing::text::is_unsafe(c) && c != '\n' && c != '\t')
        .collect();
    assert!(bad.is_empty(), "{evil:?}: {bad:?} reached {what}");
}

#[test]
fn hostile_strings_in_every_field_render_inert() {
    for evil in CORPUS {
        let s = serve(&evil_rubric(evil).replace("samples = 20000", "samples = 200"));
        // Through the page too: an evidence line, a story's parts.
        for key in [
            "competency:1:evidence",
            "story:0:situation",
            "story:0:title",
        ] {
            let reply = s.answer(key, evil);
            assert!(
                reply.status == StatusCode::OK || reply.status == StatusCode::UNPROCESSABLE_ENTITY,
                "{evil:?} {key}: {}",
                reply.body
            );
            assert_inert(evil, "the reply", &reply.body);
        }
        s.settled();
        for uri in ["/", "/form", "/report"] {
            let reply = s.get(uri);
            assert_eq!(reply.status, StatusCode::OK, "{evil:?} {uri}");
            let page = reply
                .body
                .replace("<script src=\"/page.js\" defer></script>", "");
            assert_inert(evil, uri, &page);
        }
    }
}

#[test]
fn the_assessment_follows_each_answer() {
    let s = serve(&example());
    s.settled();
    assert!(s.get("/report").body.contains("Sam Rivera"));
    let reply = s.answer("candidate:name", "Alex Moreno");
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    s.settled();
    let report = s.get("/report").body;
    assert!(report.contains("Alex Moreno") && !report.contains("Sam Rivera"));
    // A blank score: the page says what is left instead of a report.
    let blank = serve(&example().replacen("score = 4.5", "# score = 4.5", 1));
    blank.settled();
    assert!(
        blank
            .get("/report")
            .body
            .contains("once the rubric is complete")
    );
    assert!(blank.get("/").body.contains("27 of 28 scored"));
}

#[test]
fn a_what_if_moves_the_assessment_and_dropping_it_leaves_the_file_unchanged() {
    let s = serve(&example());
    let before = s.file();
    s.settled();
    let saved = s.get("/report").body;
    assert_eq!(s.live_status()["state"], "ready");
    let post = |body: serde_json::Value| s.post("/what-if", body);
    let tried = post(serde_json::json!({ "key": "competency:0:score", "value": "1" }));
    assert_eq!(tried.status, StatusCode::OK, "{}", tried.body);
    assert!(
        tried.body.contains("Customer Obsession at 1"),
        "{}",
        tried.body
    );
    s.settled();
    let status = s.live_status();
    assert_eq!(status["what_if"], "Customer Obsession at 1", "{status}");
    assert_ne!(s.get("/report").body, saved);
    assert_eq!(s.file(), before);
    // Only a score is tried, through the validator.
    let other = post(serde_json::json!({ "key": "candidate:name", "value": "X" }));
    assert_eq!(other.status, StatusCode::BAD_REQUEST);
    let out = post(serde_json::json!({ "key": "competency:0:score", "value": "9" }));
    assert_eq!(out.status, StatusCode::UNPROCESSABLE_ENTITY);
    let dropped = post(serde_json::json!({}));
    assert_eq!(dropped.status, StatusCode::OK);
    s.settled();
    assert!(s.live_status().get("what_if").is_none());
    assert_eq!(s.get("/report").body, saved);
    assert_eq!(s.file(), before);
}

#[test]
fn a_story_is_deleted_keeping_the_comments_above_the_bank() {
    let s = serve(&example());
    let n = rolefit::testing::rubric::load(&s.path)
        .unwrap()
        .stories
        .len();
    let delete = |story: usize| s.post("/delete-story", serde_json::json!({ "story": story }));
    let before = s.file();
    let missing = delete(n);
    assert_eq!(
        missing.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        missing.body
    );
    assert_eq!(s.file(), before);
    let reply = delete(0);
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert!(reply.body.contains("\"reload\":true"));
    let after = s.file();
    let rubric = rolefit::testing::rubric::load(&s.path).unwrap();
    assert_eq!(rubric.stories.len(), n - 1);
    assert!(!after.contains("Rebuilt onboarding after 40 customer calls\""));
    assert!(after.contains("# Sam's bank is nearly complete"));
    // The comments stay above the bank: before its first table.
    let comment = after.find("# Sam's bank is nearly complete").unwrap();
    assert!(comment < after.find("[[story]]").unwrap());
}

#[test]
fn share_writes_the_folder_assess_writes() {
    let s = serve(&example());
    let reply = s.share(false);
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert!(reply.body.contains("sam-rivera"), "{}", reply.body);
    let out = s.path.parent().unwrap().join("output");
    let ours = common::files(&out.join("sam-rivera"));
    // The same rubric through `rolefit assess`, in a folder of its own.
    let dir = tempfile::tempdir().unwrap();
    let assessed = common::rolefit(dir.path())
        .args(["assess", "--quiet", "--out", "out"])
        .arg(&s.path)
        .output()
        .unwrap();
    assert!(assessed.status.success());
    let theirs = common::files(&dir.path().join("out/sam-rivera"));
    assert_eq!(
        ours.keys().collect::<Vec<_>>(),
        theirs.keys().collect::<Vec<_>>()
    );
    for (name, bytes) in &ours {
        if name != "summary.json" {
            // summary.json lists the files by their paths.
            assert!(*bytes == theirs[name], "{name} differs");
        }
    }
    let redacted = s.share(true);
    assert_eq!(redacted.status, StatusCode::OK, "{}", redacted.body);
    let html =
        String::from_utf8(common::files(&out.join("sam-rivera"))["report.html"].clone()).unwrap();
    assert!(
        !html.contains("150,000"),
        "an amount in the redacted report"
    );
    // Not complete: nothing is written.
    let blank = serve(&example().replacen("score = 4.5", "# score = 4.5", 1));
    let reply = blank.post("/share", serde_json::json!({}));
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(!blank.path.parent().unwrap().join("output").exists());
}

/// Polls the server's computations until `done` holds (at most a minute).
fn wait_for(s: &Served, what: &str, done: impl Fn(&rolefit::testing::serve::Runs) -> bool) {
    let start = std::time::Instant::now();
    loop {
        let runs = s.app.runs();
        if done(&runs) {
            return;
        }
        assert!(
            start.elapsed() < std::time::Duration::from_secs(60),
            "waited a minute for {what}: {runs:?}"
        );
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

#[test]
fn a_newer_answer_cancels_the_computation_under_way_and_only_the_newest_is_shown() {
    // Ten million draws: minutes in a test build, unless cancelled.
    let slow = example().replace("samples = 400", "samples = 10000000");
    let s = serve(&slow);
    // The first assessment (the file as opened) is under way: an answer
    // cancels it.
    wait_for(&s, "the first computation to start", |r| r.started >= 1);
    let reply = s.answer("candidate:name", "First Answer");
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    wait_for(&s, "the second computation to start", |r| r.started >= 2);
    // The newest: an edit on disk with few draws, which the next answer
    // finds and takes in (the page reloads it), so the last computation
    // is quick.
    let theirs = s
        .file()
        .replace("samples = 10000000", "samples = 400")
        .replacen("name = \"First Answer\"", "name = \"Newest Answer\"", 1);
    std::fs::write(&s.path, &theirs).unwrap();
    let reply = s.answer("competency:0:score", "2");
    assert_eq!(reply.status, StatusCode::CONFLICT, "{}", reply.body);
    s.settled();
    wait_for(&s, "both slow computations to stop", |r| r.cancelled >= 2);
    let runs = s.app.runs();
    assert_eq!((runs.started, runs.cancelled, runs.published), (3, 2, 1));
    let report = s.get("/report").body;
    assert!(report.contains("Newest Answer"), "not the newest report");
    assert!(!report.contains("First Answer") && !report.contains("Sam Rivera"));
    assert_eq!(s.live_status()["state"], "ready");
}

/// Share chooses its folder as `assess` does (DESIGN.md "Command line"):
/// another rubric's results for the same person keep their folder; these
/// go to `<slug>-<file stem>`, or with `redact` to `<slug>-2` (no file
/// name), and the reply says where.
#[test]
fn share_never_overwrites_another_rubrics_results_and_says_where() {
    let s = serve(&example());
    let dir = s.path.parent().unwrap();
    // Another rubric of Sam's, assessed first into the same output folder.
    common::write(dir, "sam-2026-01.toml", &example());
    let assessed = common::rolefit(dir)
        .args(["assess", "--quiet", "--out", "output", "sam-2026-01.toml"])
        .output()
        .unwrap();
    assert!(assessed.status.success(), "{assessed:?}");
    let theirs = common::files(&dir.join("output/sam-rivera"));
    let reply = s.share(false);
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let message = serde_json::from_str::<serde_json::Value>(&reply.body).unwrap()["message"]
        .as_str()
        .unwrap()
        .to_string();
    let ours = dir.join("output/sam-rivera-rubric");
    assert!(
        message.contains(&format!("Wrote {}", ours.display())),
        "{message}"
    );
    assert!(
        message.contains("holds another rubric's results"),
        "{message}"
    );
    assert!(common::files(&ours).contains_key("report.html"));
    // Again: the folder is ours now, so it is written over.
    let again = s.share(false);
    assert!(again.body.contains("sam-rivera-rubric"), "{}", again.body);
    assert!(!dir.join("output/sam-rivera-rubric-2").exists());
    // Redacted: numbered, no file name in the folder's name.
    let redacted = s.share(true);
    assert_eq!(redacted.status, StatusCode::OK, "{}", redacted.body);
    assert!(redacted.body.contains("sam-rivera-2"), "{}", redacted.body);
    assert!(common::files(&dir.join("output/sam-rivera-2")).contains_key("report.html"));
    // The other rubric's results are as it left them.
    assert_eq!(common::files(&dir.join("output/sam-rivera")), theirs);
    // And `assess` of the same file picks the folder Share picked.
    let assessed = common::rolefit(dir)
        .args(["assess", "--out", "output", "rubric.toml"])
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&assessed.stderr);
    assert!(said.contains("sam-rivera-rubric:"), "{said}");
}

/// A change another program saves is found without waiting for an answer
/// (the server looks every second, and takes it in once the file has
/// stood still for a second): the form shows it, the assessment
/// follows it, the page is told, and the file is left as that program
/// saved it.
#[test]
fn a_change_made_on_disk_is_taken_in_and_the_page_told_without_an_answer() {
    let s = serve(&example());
    s.settled();
    assert_eq!(s.live_status()["disk_changes"], 0);
    assert!(!s.app.check_disk(), "nothing changed yet");
    let theirs = s
        .file()
        .replacen("name = \"Sam Rivera\"", "name = \"Edited Elsewhere\"", 1);
    std::fs::write(&s.path, &theirs).unwrap();
    // Taken in once it stood still a while (it may still be being written).
    let file = std::fs::File::options().write(true).open(&s.path).unwrap();
    let before = std::time::SystemTime::now() - std::time::Duration::from_secs(2);
    file.set_modified(before).unwrap();
    assert!(s.app.check_disk());
    assert!(!s.app.check_disk(), "taken in once");
    s.settled();
    assert_eq!(s.live_status()["disk_changes"], 1);
    assert!(s.get("/form").body.contains("value=\"Edited Elsewhere\""));
    let report = s.get("/report").body;
    assert!(report.contains("Edited Elsewhere") && !report.contains("Sam Rivera"));
    assert_eq!(s.file(), theirs);
    // The next answer goes over the file as it is now.
    let reply = s.answer("competency:0:score", "2");
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert!(s.file().contains("name = \"Edited Elsewhere\""));
}

/// The progress line at the top counts what #22 names, in its words.
#[test]
fn the_progress_line_counts_scores_low_confidence_and_uncovered_principles() {
    let s = serve(&example());
    let line = |s: &Served| {
        let page = s.get("/form").body;
        let start = page.find("<p id=progress>").unwrap() + "<p id=progress>".len();
        page[start..start + page[start..].find("</p>").unwrap()].to_string()
    };
    assert_eq!(
        line(&s),
        "28 of 28 scored · 2 low confidence · 1 principle without a story"
    );
    // A blank score (not counted), a third low confidence.
    let fewer = serve(&example().replacen("score = 4.5", "# score = 4.5", 1));
    let reply = fewer.answer("competency:1:confidence", "low");
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    let said: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
    let want = "27 of 28 scored · 3 low confidence · 1 principle without a story";
    assert_eq!(said["progress"], want);
    assert_eq!(line(&fewer), want);
}

/// Each level description is a button that sets that score (a click),
/// out of the tab order so the keyboard goes field to field; disabled on
/// the read-only example.
#[test]
fn each_level_is_a_click_that_sets_its_score() {
    let s = serve(&example());
    let form = s.get("/form").body;
    for score in 1..=5 {
        let button = format!(
            "<button type=button class=level tabindex=-1 data-score=\"{score}\" \
             data-for=\"competency:0:score\">{score} "
        );
        assert!(form.contains(&button), "no level {score} button: {button}");
    }
    let reply = s.answer("competency:0:score", "1");
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert!(s.file().contains("score = 1\n"));
    let js = s.get("/page.js").body;
    assert!(js.contains("closest(\"[data-score]\")") && js.contains("target.select()"));
}

/// Every route that changes something (answer, what-if, delete a story,
/// Share) refuses a foreign or missing `Origin`, a missing cookie and an
/// oversized body, and nothing is written.
#[test]
fn every_post_route_has_every_guard() {
    let s = serve(&example());
    let before = s.file();
    let big = "x".repeat(rolefit::testing::serve::MAX_BODY + 1);
    for (uri, body) in [
        ("/answer", r#"{"key":"competency:0:score","value":"1"}"#),
        ("/what-if", r#"{"key":"competency:0:score","value":"1"}"#),
        ("/delete-story", r#"{"story":0}"#),
        ("/share", r#"{"redact":false}"#),
    ] {
        let post = |origin: Option<&str>, cookie: bool, body: String| {
            let mut request = Request::post(uri)
                .header(header::HOST, HOST)
                .header(header::CONTENT_TYPE, "application/json");
            if let Some(o) = origin {
                request = request.header(header::ORIGIN, o);
            }
            if cookie {
                request = request.header(header::COOKIE, s.cookie());
            }
            s.send(request.body(Body::from(body)).unwrap()).status
        };
        let forbidden = StatusCode::FORBIDDEN;
        assert_eq!(post(None, true, body.into()), forbidden, "{uri}");
        assert_eq!(
            post(Some("http://evil.example"), true, body.into()),
            forbidden
        );
        assert_eq!(post(Some(ORIGIN), false, body.into()), forbidden, "{uri}");
        let padded = body.replacen('{', &format!("{{\"pad\":\"{big}\","), 1);
        let status = post(Some(ORIGIN), true, padded);
        assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{uri}");
    }
    assert_eq!(s.file(), before);
    assert!(!s.path.parent().unwrap().join("output").exists());
}
