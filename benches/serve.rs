//! `rolefit serve` measured as a person uses it (#22), in real Chromium:
//!
//! - latency: from the key press that saves an answer to the updated
//!   report (charts and all) painted in the page, over 50 answers on the
//!   bundled example at its 20,000 draws; p50 and p95 (target p95 ≤ 300 ms);
//! - memory: the server's VmRSS and VmHWM after 5 and after 500 answers
//!   POSTed over HTTP (each waited for, as a person would); target: after
//!   500 within 2× of after 5;
//! - screenshots of the page with the bundled example and with a
//!   1,000-competency rubric, under `target/screenshots/`, with the time to
//!   the page's first paint.
//!
//! Figures are printed, never asserted. `cargo bench --bench serve`; not
//! run by `cargo test` (a bench, `harness = false`). Without Chromium it
//! says so and measures only the memory.

#[path = "../tests/cdp/mod.rs"]
mod cdp;

use std::path::{Path, PathBuf};
use std::time::Instant;

use serde_json::json;

const ANSWERS: usize = 50;

fn rolefit() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_rolefit"))
}

fn example() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("rubrics/examples/experienced-pm.toml");
    std::fs::read_to_string(path).expect("the bundled example")
}

fn main() {
    // `cargo bench -- FILTER` passes arguments; `--bench` is cargo's own.
    let filter: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let wanted = |name: &str| filter.is_empty() || filter.iter().any(|f| name.contains(f.as_str()));
    let browser = cdp::chromium();
    if browser.is_none() {
        println!("chromium not found (apt-get install chromium): no latency, no screenshots");
    }
    if wanted("latency") {
        if let Some(exe) = &browser {
            latency(exe);
        }
    }
    if wanted("memory") {
        memory();
    }
    if wanted("screenshots") {
        if let Some(exe) = &browser {
            screenshots(exe);
        }
    }
}

/// Milliseconds at quantile `q` of sorted `v` (nearest rank).
fn quantile(v: &[f64], q: f64) -> f64 {
    let rank = ((q * v.len() as f64).ceil() as usize).clamp(1, v.len());
    v[rank - 1]
}

fn latency(exe: &Path) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("rubric.toml");
    std::fs::write(&path, example()).expect("write the rubric");
    let server = cdp::Server::start(&rolefit(), Path::new("rubric.toml"), dir.path());
    let mut page = cdp::Browser::launch(exe, 1400, 1000);
    page.open(&server.url);
    page.wait_for(
        "the form",
        "location.search === '' && document.readyState !== 'loading' && document.getElementById('answers') !== null",
    );
    // The Tab that leaves a field saves it: its time, and the time the
    // next report is painted in the frame.
    page.eval(
        "window.painted = []; window.pressed = 0; \
         const f = document.getElementById('report'); \
         f.addEventListener('load', () => requestAnimationFrame(() => \
           window.painted.push({at: performance.now(), src: f.contentWindow.location.href}))); \
         document.addEventListener('keydown', e => { if (e.key === 'Tab') window.pressed = performance.now(); }, true); true",
    );
    page.wait_for(
        "the first assessment",
        "(() => { const f = document.getElementById('report'); \
         return document.getElementById('live-status').textContent === 'Up to date' && \
         f.contentWindow.location.href === f.src && f.contentDocument.readyState === 'complete'; })()",
    );
    let mut times = Vec::with_capacity(ANSWERS);
    for n in 0..ANSWERS {
        let before = page.eval("window.painted.length").as_u64().unwrap_or(0);
        // Ownership 4 → 4.5 → 4 → …: every answer moves the assessment.
        page.focus("[data-key=\"competency:1:score\"]");
        page.press(if n % 2 == 0 { "ArrowUp" } else { "ArrowDown" });
        page.press("Tab");
        let ms = page.wait_for(
            "the updated report",
            &format!(
                "window.painted.length > {before} && \
                 document.getElementById('live-status').textContent === 'Up to date' && \
                 window.painted[window.painted.length - 1].src === document.getElementById('report').src && \
                 window.painted[window.painted.length - 1].at > window.pressed && \
                 window.painted[window.painted.length - 1].at - window.pressed"
            ),
        );
        times.push(ms.as_f64().unwrap_or(f64::NAN));
    }
    times.sort_by(f64::total_cmp);
    println!(
        "serve latency, answer to painted report, bundled example at 20,000 draws, {ANSWERS} answers: \
         p50 {:.0} ms, p95 {:.0} ms, max {:.0} ms (target p95 ≤ 300 ms)",
        quantile(&times, 0.5),
        quantile(&times, 0.95),
        quantile(&times, 1.0)
    );
}

fn memory() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("rubric.toml");
    std::fs::write(&path, example()).expect("write the rubric");
    let server = cdp::Server::start(&rolefit(), Path::new("rubric.toml"), dir.path());
    // The page's first request exchanges the token for the cookie; these
    // requests carry the cookie as the page would.
    let mut events = server.events();
    let mut generation = events.settled_after(0)["generation"].as_u64().unwrap_or(0);
    let report = |answers: usize, generation: &mut u64, events: &mut cdp::Events| {
        for n in 0..answers {
            let value = if n % 2 == 0 { "4.5" } else { "4" };
            let (code, body) = server.request(
                "POST",
                "/answer",
                Some(&json!({"key": "competency:1:score", "value": value})),
            );
            assert_eq!(code, 200, "{body}");
            *generation = events.settled_after(*generation)["generation"]
                .as_u64()
                .unwrap_or(0);
        }
    };
    let started = Instant::now();
    report(5, &mut generation, &mut events);
    let (rss5, hwm5) = server.memory_kb();
    report(495, &mut generation, &mut events);
    let (rss500, hwm500) = server.memory_kb();
    println!(
        "serve memory (bundled example, 20,000 draws): after 5 answers VmRSS {} MB, VmHWM {} MB; \
         after 500 VmRSS {} MB, VmHWM {} MB (×{:.2} RSS, target ≤ 2×); 500 answers in {:.1} s",
        rss5 / 1024,
        hwm5 / 1024,
        rss500 / 1024,
        hwm500 / 1024,
        rss500 as f64 / rss5.max(1) as f64,
        started.elapsed().as_secs_f64()
    );
}

/// The bundled example with competencies added up to `n`, each with its
/// question and level descriptions: half product craft, then half
/// technical depth (the form follows the file's order).
fn large(n: usize) -> String {
    let mut text = example();
    let have = text.matches("\n[[competency]]").count();
    for i in have..n {
        let group = if i < (have + n) / 2 {
            "product"
        } else {
            "technical"
        };
        text.push_str(&format!(
            "\n[[competency]]\nid = \"skill-{i}\"\nname = \"Generated skill {i}\"\ngroup = \"{group}\"\n\
             question = \"Tell about a time you used skill {i} on a product that shipped.\"\n\
             levels = [\"You have read about it.\", \"You used it with help.\", \
             \"You use it on your own.\", \"You teach it.\", \"You set the standard for it.\"]\n\
             weight = {{ pm = 1, pmt = 1 }}\nbar = {{ pm = 3, pmt = 3 }}\nscore = {}\n",
            1.0 + (i % 9) as f64 * 0.5
        ));
    }
    text
}

fn screenshots(exe: &Path) {
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/screenshots");
    std::fs::create_dir_all(&out).expect("target/screenshots");
    for (name, text) in [("serve-example", example()), ("serve-1000", large(1000))] {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("rubric.toml");
        std::fs::write(&path, &text).expect("write the rubric");
        let server = cdp::Server::start(&rolefit(), Path::new("rubric.toml"), dir.path());
        let mut page = cdp::Browser::launch(exe, 1400, 900);
        let started = Instant::now();
        page.open(&server.url);
        page.wait_for(
            "the form",
            "location.search === '' && document.readyState !== 'loading' && document.getElementById('answers') !== null",
        );
        let form = started.elapsed();
        page.wait_for(
            "the assessment",
            "document.getElementById('live-status').textContent === 'Up to date' && \
             document.getElementById('report').contentDocument.getElementById('recommendation') !== null",
        );
        let report = started.elapsed();
        // First contentful paint, from this document's request.
        let paint = page.eval(
            "new Promise(r => new PerformanceObserver(l => { \
               const e = l.getEntries().find(e => e.name === 'first-contentful-paint'); \
               if (e) r(e.startTime); }).observe({type: 'paint', buffered: true}))",
        );
        let size = page.eval("document.documentElement.outerHTML.length");
        let overflow = page
            .eval("document.documentElement.scrollWidth > document.documentElement.clientWidth");
        let png = page.screenshot();
        let file = out.join(format!("{name}.png"));
        std::fs::write(&file, &png).expect("write the screenshot");
        // A competency's questions beside the report's fit table and chart.
        // (The README shows the first shot, the top of the page:
        // assets/screenshots/serve.png is a copy of target/screenshots/serve-example.png.)
        page.eval(
            "const d = document.getElementById('report').contentDocument; \
             Array.from(d.querySelectorAll('h2')).find(h => h.textContent === 'Fit by role').scrollIntoView(); \
             document.getElementById('c1').scrollIntoView(); window.scrollBy(0, -80); true",
        );
        std::thread::sleep(std::time::Duration::from_millis(300));
        let png = page.screenshot();
        std::fs::write(out.join(format!("{name}-readme.png")), &png).expect("write the screenshot");
        // Further down: the form's middle, and the report at its charts.
        page.eval(
            "window.scrollTo(0, document.body.scrollHeight / 2); \
             document.getElementById('report').contentDocument.getElementById('fit').scrollIntoView(); true",
        );
        std::thread::sleep(std::time::Duration::from_millis(300));
        let png = page.screenshot();
        std::fs::write(out.join(format!("{name}-charts.png")), &png).expect("write the screenshot");
        page.eval(
            "document.getElementById('report').contentDocument.getElementById('profile').scrollIntoView(); true",
        );
        std::thread::sleep(std::time::Duration::from_millis(300));
        let png = page.screenshot();
        std::fs::write(out.join(format!("{name}-profile.png")), &png)
            .expect("write the screenshot");
        println!(
            "{name}: form shown after {:.0} ms (first contentful paint {:.0} ms after the page's request), \
             assessment after {:.0} ms; page {} kB; sideways overflow: {overflow}; {}",
            form.as_secs_f64() * 1000.0,
            paint.as_f64().unwrap_or(-1.0),
            report.as_secs_f64() * 1000.0,
            size.as_u64().unwrap_or(0) / 1024,
            file.display()
        );
    }
}
