//! `rolefit serve` in real Chromium: the binary started as a person starts
//! it, the printed URL opened, answers typed with the keyboard; what the
//! page shows is checked against the file on disk and against `rolefit
//! assess --format json` on that file.

use std::path::PathBuf;

use rolefit::testing::text::percent;
use serde_json::Value;

use crate::cdp::{Browser, Server, chromium_or_skip};
use crate::common;

/// One test's world. Fields drop in order: the browser, then the server,
/// then the folder.
struct Session {
    page: Browser,
    _server: Server,
    path: PathBuf,
    dir: tempfile::TempDir,
}

/// The bundled example with `edit` applied, served and opened from the
/// printed URL; `None` when Chromium is missing (skipped).
fn open(test: &str, edit: impl FnOnce(String) -> String) -> Option<Session> {
    let exe = chromium_or_skip(test)?;
    let dir = tempfile::tempdir().unwrap();
    let text = edit(common::read(&common::example()));
    let path = common::write(dir.path(), "rubric.toml", &text);
    let server = Server::start(&assert_cmd::cargo::cargo_bin("rolefit"), &path, dir.path());
    let mut page = Browser::launch(&exe, 1400, 1000);
    page.open(&server.url);
    // The token is exchanged for the cookie, and the page goes on to `/`.
    page.wait_for(
        "the form",
        "location.search === '' && document.readyState !== 'loading' && \
         document.getElementById('answers') !== null",
    );
    // Each load of the report's frame, stamped once it is painted.
    page.eval(
        "window.loads = 0; const f = document.getElementById('report'); \
         if (f.contentDocument?.readyState === 'complete') window.loaded = f.contentWindow.location.href; \
         f.addEventListener('load', () => requestAnimationFrame(() => { \
         window.loads += 1; window.loaded = f.contentWindow.location.href; })); \
         window.saves = 0; const st = document.getElementById('status'); \
         new MutationObserver(() => { if (st.textContent === 'Saved') window.saves += 1; })\
         .observe(st, {childList: true, characterData: true, subtree: true}); true",
    );
    let mut session = Session {
        page,
        _server: server,
        path,
        dir,
    };
    session.wait_for_report();
    Some(session)
}

impl Session {
    /// Waits until the frame shows the newest assessment the page was
    /// told of, loaded.
    fn wait_for_report(&mut self) {
        self.page.wait_for(
            "the assessment",
            "(() => { const f = document.getElementById('report'); \
             return document.getElementById('live-status').textContent !== 'Computing…' && \
             window.loaded === f.src && f.contentWindow.location.href === f.src; })()",
        );
    }

    /// The frame's loads so far.
    fn loads(&mut self) -> u64 {
        self.page.eval("window.loads").as_u64().unwrap_or(0)
    }

    /// Waits for a newer assessment than the one loaded `before` loads.
    fn wait_for_new_report(&mut self, before: u64) {
        self.page
            .wait_for("a new assessment", &format!("window.loads > {before}"));
        self.wait_for_report();
    }

    /// Focuses `selector`, presses `keys`, and waits for the page to say
    /// `Saved` and the file to hold `expect`.
    fn answer(&mut self, selector: &str, keys: &[&str], expect: &str) {
        let saves = self.saves();
        self.page.focus(selector);
        for key in keys {
            self.page.press(key);
        }
        self.wait_saved(saves, expect);
    }

    /// How often the page has said `Saved`.
    fn saves(&mut self) -> u64 {
        self.page.eval("window.saves").as_u64().unwrap_or(0)
    }

    /// Waits for the page to say `Saved` once more than `saves` times,
    /// and for the file to hold `expect`.
    fn wait_saved(&mut self, saves: u64, expect: &str) {
        self.page
            .wait_for("Saved", &format!("window.saves > {saves}"));
        let deadline = std::time::Instant::now() + crate::cdp::PATIENCE;
        while !self.file().contains(expect) {
            assert!(
                std::time::Instant::now() < deadline,
                "the file never held {expect:?}"
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    }

    fn file(&self) -> String {
        common::read(&self.path)
    }

    /// Text of the frame's element `selector` finds.
    fn report_text(&mut self, selector: &str) -> String {
        self.page.text(&format!(
            "document.getElementById('report').contentDocument.querySelector({})?.textContent ?? ''",
            serde_json::json!(selector)
        ))
    }

    /// The offer chance column of "Fit by role", one cell per role.
    fn offer_cells(&mut self) -> Vec<String> {
        let cells = self.page.eval(
            "(() => { const d = document.getElementById('report').contentDocument; \
             let e = Array.from(d.querySelectorAll('h2')).find(h => h.textContent === 'Fit by role'); \
             while (e && e.tagName !== 'TABLE') e = e.nextElementSibling; \
             return e ? Array.from(e.querySelectorAll('tbody tr')).map(r => r.cells[4].textContent) : []; })()",
        );
        strings(&cells)
    }

    /// The plan's steps as shown: "Ownership 4 → 4.5", …
    fn plan_steps(&mut self) -> Vec<String> {
        let cells = self.page.eval(
            "(() => { const d = document.getElementById('report').contentDocument; \
             const t = Array.from(d.querySelectorAll('table')).find(t => \
               t.querySelector('th')?.textContent === 'Step'); \
             return t ? Array.from(t.querySelectorAll('tbody tr')).map(r => r.cells[1].textContent) : []; })()",
        );
        strings(&cells)
    }
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .map(|s| s.as_str().unwrap_or("").to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// The offer cells `assess --format json` implies: "18% (6%–28%)".
fn offer_cells_of(json: &Value) -> Vec<String> {
    ["pm", "pmt"]
        .iter()
        .map(|role| {
            let o = &json["roles"][role]["offer_probability"];
            format!(
                "{} ({}–{})",
                percent(o["point"].as_f64().unwrap()),
                percent(o["p05"].as_f64().unwrap()),
                percent(o["p95"].as_f64().unwrap())
            )
        })
        .collect()
}

/// The recommendation line `assess --format json` implies: the best
/// strategy's label, or the close call between the two best.
fn recommended(json: &Value) -> String {
    let label = |key: &str| {
        let id = json[key].as_str().unwrap();
        json["strategies"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["id"] == id)
            .and_then(|s| s["label"].as_str())
            .unwrap()
            .to_string()
    };
    if json["close_call"] == true {
        format!(
            "Too close to call: {} or {}",
            label("recommendation"),
            label("runner_up")
        )
    } else {
        label("recommendation")
    }
}

/// The example with competency `at`'s score line (the `at`-th `score =`)
/// removed or replaced.
fn set_score(text: &str, at: usize, score: Option<&str>) -> String {
    let mut seen = 0;
    let mut out = String::new();
    for line in text.split_inclusive('\n') {
        if line.starts_with("score = ") {
            seen += 1;
            if seen == at + 1 {
                if let Some(s) = score {
                    out.push_str(&format!("score = {s}\n"));
                }
                continue;
            }
        }
        out.push_str(line);
    }
    out
}

/// What the file says a competency's score is.
fn score_in(text: &str, at: usize) -> Option<f64> {
    let doc: toml::Table = toml::from_str(text).unwrap();
    doc["competency"].as_array().unwrap()[at]
        .get("score")
        .and_then(|s| s.as_float().or_else(|| s.as_integer().map(|i| i as f64)))
}

#[test]
fn the_printed_url_opens_the_form_beside_the_assessment() {
    let Some(mut s) = open(
        "the_printed_url_opens_the_form_beside_the_assessment",
        |t| t,
    ) else {
        return;
    };
    // The cookie the token was exchanged for is out of the script's reach.
    assert_eq!(s.page.text("document.cookie"), "");
    let scores = s
        .page
        .eval("document.querySelectorAll('input[type=number][data-key$=\":score\"]').length");
    assert_eq!(scores, 28, "a score field for every competency");
    assert_eq!(
        s.page
            .text("document.getElementById('progress').textContent"),
        "28 of 28 scored · 2 low confidence · 1 principle without a story"
    );
    let json = common::assess_json_with(&s.path, &[]);
    assert_eq!(s.report_text("#recommendation"), recommended(&json));
    assert_eq!(s.offer_cells(), offer_cells_of(&json));
    assert!(s.page.errors.is_empty(), "page errors: {:?}", s.page.errors);
}

#[test]
fn scores_and_a_story_typed_by_keyboard_are_saved_and_validate() {
    // Three competencies blank: Invent and Simplify, Product strategy, Data and SQL.
    let Some(mut s) = open(
        "scores_and_a_story_typed_by_keyboard_are_saved_and_validate",
        |t| set_score(&set_score(&set_score(&t, 24, None), 17, None), 2, None),
    ) else {
        return;
    };
    assert!(
        s.page
            .text("document.getElementById('progress').textContent")
            .starts_with("25 of 28 scored"),
    );
    s.answer("[data-key=\"competency:2:score\"]", &["4", "Tab"], "");
    s.answer(
        "[data-key=\"competency:17:score\"]",
        &["2", ".", "5", "Tab"],
        "",
    );
    s.answer("[data-key=\"competency:24:score\"]", &["5", "Tab"], "");
    let text = s.file();
    assert_eq!(score_in(&text, 2), Some(4.0));
    assert_eq!(score_in(&text, 17), Some(2.5));
    assert_eq!(score_in(&text, 24), Some(5.0));
    assert!(
        s.page
            .text("document.getElementById('progress').textContent")
            .starts_with("28 of 28 scored"),
    );

    // A new story: its title first, then the rest of its questions show.
    let n = toml::from_str::<toml::Table>(&text).unwrap()["story"]
        .as_array()
        .unwrap()
        .len();
    let saves = s.saves();
    s.page.focus(&format!("[data-key=\"story:{n}:title\"]"));
    s.page.type_text("Cut the release train from 6 weeks to 2");
    s.page.press("Tab");
    s.wait_saved(saves, "Cut the release train from 6 weeks to 2");
    s.page.wait_for(
        "the new story's questions",
        &format!("document.querySelector('[data-key=\"story:{n}:result\"]') !== null"),
    );
    for (part, words) in [
        (
            "situation",
            "Releases shipped every six weeks and hotfixes piled up.",
        ),
        (
            "task",
            "Ship smaller changes more often without more incidents.",
        ),
        (
            "action",
            "I split the release into 4 trains and added a canary stage.",
        ),
        (
            "result",
            "Releases went out every 2 weeks; incidents fell 40%.",
        ),
    ] {
        let saves = s.saves();
        s.page.focus(&format!("[data-key=\"story:{n}:{part}\"]"));
        s.page.type_text(words);
        s.page.press("Tab");
        s.wait_saved(saves, words);
    }
    // The first principle's box, ticked with the space bar.
    let saves = s.saves();
    s.page.focus(&format!(
        "[data-key=\"story:{n}:principles\"] input[type=checkbox]"
    ));
    s.page.press(" ");
    s.wait_saved(saves, "principles = [\"customer-obsession\"]");

    let text = s.file();
    let doc: toml::Table = toml::from_str(&text).unwrap();
    let story = &doc["story"].as_array().unwrap()[n];
    assert_eq!(
        story["title"].as_str(),
        Some("Cut the release train from 6 weeks to 2")
    );
    assert_eq!(
        story["result"].as_str(),
        Some("Releases went out every 2 weeks; incidents fell 40%.")
    );
    assert_eq!(
        story["principles"].as_array().map(Vec::len),
        Some(1),
        "{story:?}"
    );
    common::rolefit(s.dir.path())
        .arg("validate")
        .arg(&s.path)
        .assert()
        .success();
    assert!(s.page.errors.is_empty(), "page errors: {:?}", s.page.errors);
}

#[test]
fn raising_a_weak_score_moves_the_offer_chance_and_plan_as_assess_computes() {
    let Some(mut s) = open(
        "raising_a_weak_score_moves_the_offer_chance_and_plan_as_assess_computes",
        |t| t,
    ) else {
        return;
    };
    let offers = s.offer_cells();
    let plan = s.plan_steps();
    assert!(
        plan.iter()
            .any(|step| step.starts_with("Ownership 4 → 4.5")),
        "Ownership is in the plan: {plan:?}"
    );
    // Ownership 4 → 5 with the arrow keys; Tab leaves the field and saves.
    let loads = s.loads();
    s.answer(
        "[data-key=\"competency:1:score\"]",
        &["ArrowUp", "ArrowUp", "Tab"],
        "",
    );
    s.wait_for_new_report(loads);
    assert_eq!(score_in(&s.file(), 1), Some(5.0));

    let json = common::assess_json_with(&s.path, &[]);
    let now = s.offer_cells();
    assert_ne!(now, offers, "the offer chances moved");
    assert_eq!(
        now,
        offer_cells_of(&json),
        "the page shows what assess computes"
    );
    let plan_now = s.plan_steps();
    assert_ne!(plan_now, plan, "the plan moved");
    assert!(
        !plan_now.iter().any(|step| step.starts_with("Ownership")),
        "Ownership at the top of the scale has no step left: {plan_now:?}"
    );
    let first = &json["prep"]["plan"][0];
    assert_eq!(first["kind"], "story", "{first}");
    assert!(
        plan_now[0].contains("Success and Scale Bring Broad Responsibility"),
        "the plan's first step is assess's: {plan_now:?}"
    );
    assert_eq!(s.report_text("#recommendation"), recommended(&json));
}

#[test]
fn a_what_if_moves_the_recommendation_and_drop_leaves_the_file() {
    // Technical depth half a level higher puts the example near the edge
    // where applying as PMT directly wins.
    let Some(mut s) = open(
        "a_what_if_moves_the_recommendation_and_drop_leaves_the_file",
        |t| {
            let mut t = t;
            for at in 22..28 {
                let now = score_in(&t, at).unwrap();
                t = set_score(&t, at, Some(&format!("{}", (now + 0.5).min(5.0))));
            }
            t
        },
    ) else {
        return;
    };
    let before = std::fs::read(&s.path).unwrap();
    let recommendation = s.report_text("#recommendation");

    // System design and architecture at 5, in the assessment only.
    let loads = s.loads();
    s.page.focus("[data-what-if=\"competency:22:score\"]");
    s.page.press("5");
    s.page.press("Tab");
    s.wait_for_new_report(loads);
    assert!(
        !s.page
            .eval("document.getElementById('what-if').hidden")
            .as_bool()
            .unwrap()
    );
    assert_eq!(
        s.page
            .text("document.getElementById('what-if-text').textContent"),
        "What-if, not saved: System design and architecture at 5"
    );
    let tried = s.report_text("#recommendation");
    assert_ne!(
        tried, recommendation,
        "the what-if changes the recommendation"
    );
    let mut json = common::assess_json_with(&s.path, &[]);
    assert_eq!(recommended(&json), recommendation);

    // Drop it, by keyboard: the file's assessment comes back.
    let loads = s.loads();
    s.page.focus("#drop");
    s.page.press("Enter");
    s.wait_for_new_report(loads);
    assert!(
        s.page
            .eval("document.getElementById('what-if').hidden")
            .as_bool()
            .unwrap()
    );
    assert_eq!(s.report_text("#recommendation"), recommendation);
    assert_eq!(std::fs::read(&s.path).unwrap(), before, "the file's bytes");
    json = common::assess_json_with(&s.path, &[]);
    assert_eq!(s.offer_cells(), offer_cells_of(&json));
}

/// What another program (an editor) saves over the file: a new name and
/// Customer Obsession at 2.
fn edited(s: &Session) -> String {
    let text = s
        .file()
        .replace("name = \"Sam Rivera\"", "name = \"Sam Edited\"");
    set_score(&text, 0, Some("2"))
}

/// The form shows `edited`; a later answer (Are Right, A Lot 4 → 4.5) is
/// saved on top of it, and the edit stays; the report follows.
fn shown_then_kept(s: &mut Session) {
    s.page.wait_for(
        "the form to show the file as it is",
        "document.querySelector('[data-key=\"candidate:name\"]').value === 'Sam Edited' && \
         document.querySelector('[data-key=\"competency:0:score\"]').value === '2'",
    );
    assert_eq!(
        s.page
            .text("document.querySelector('[data-key=\"competency:3:score\"]').value"),
        "4",
    );
    s.answer(
        "[data-key=\"competency:3:score\"]",
        &["ArrowUp", "Tab"],
        "score = 4.5",
    );
    let text = s.file();
    assert!(text.contains("name = \"Sam Edited\""));
    assert_eq!(score_in(&text, 0), Some(2.0));
    assert_eq!(score_in(&text, 3), Some(4.5));
    s.page.wait_for(
        "the assessment of the edited file",
        "document.getElementById('report').contentDocument.querySelector('h1')\
         .textContent.includes('Sam Edited')",
    );
}

#[test]
fn an_edit_made_on_disk_is_shown_and_not_overwritten() {
    let Some(mut s) = open("an_edit_made_on_disk_is_shown_and_not_overwritten", |t| t) else {
        return;
    };
    let edited = edited(&s);
    std::fs::write(&s.path, &edited).unwrap();
    // The server takes it in once it stands still, and the page says so.
    s.page.wait_for(
        "the page to say the file changed",
        "document.getElementById('status').textContent.includes('changed on disk')",
    );
    assert_eq!(s.file(), edited);
    shown_then_kept(&mut s);
}

#[test]
fn an_answer_racing_an_edit_on_disk_is_not_saved_over_it() {
    let Some(mut s) = open(
        "an_answer_racing_an_edit_on_disk_is_not_saved_over_it",
        |t| t,
    ) else {
        return;
    };
    let edited = edited(&s);
    // An editor still writing: the file is saved again and again (each
    // time whole, by rename), so it never stands still for the server's
    // watcher and the answer is what finds the change.
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let (stop, path, text) = (stop.clone(), s.path.clone(), edited.clone());
        std::thread::spawn(move || {
            let staged = path.with_extension("editor");
            while !stop.load(std::sync::atomic::Ordering::SeqCst) {
                std::fs::write(&staged, &text).unwrap();
                std::fs::rename(&staged, &path).unwrap();
                std::thread::sleep(std::time::Duration::from_millis(100));
            }
        })
    };
    while s.file() != edited {
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    s.page.focus("[data-key=\"competency:3:score\"]");
    s.page.press("ArrowUp");
    s.page.press("Tab");
    let said = s.page.wait_for(
        "the page to say the answer was not saved",
        "document.getElementById('status').textContent.includes('changed on disk') && \
         document.getElementById('status').textContent",
    );
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    writer.join().unwrap();
    assert!(
        said.as_str()
            .unwrap_or("")
            .contains("that answer was not saved"),
        "{said}"
    );
    assert_eq!(s.file(), edited, "the edit is kept, the answer not saved");
    shown_then_kept(&mut s);
}
