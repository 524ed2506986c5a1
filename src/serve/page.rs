//! The page: one embedded HTML/CSS/JS set (no CDN, no build step) and the
//! form generated from [`questions::for_rubric`] and
//! [`questions::for_story`] — the questions `fill` asks, never a second
//! copy. Every rubric string is escaped by the reports' own
//! [`escape`] (which also runs [`crate::text::clean`]).

use std::fmt::Write as _;
use std::sync::Arc;

use axum::extract::State;
use axum::http::header;
use axum::response::{Html, IntoResponse, Response};

use super::{Doc, Shared};
use crate::questions::{self, Accepts, Key, Question};
use crate::report::html::escape;
use crate::rubric::Rubric;
use crate::rubric::validate::CONFIDENCE_SD;

const CSS: &str = include_str!("assets/page.css");
const JS: &str = include_str!("assets/page.js");

pub(super) async fn css() -> Response {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], CSS).into_response()
}

pub(super) async fn js() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        JS,
    )
        .into_response()
}

/// The whole page.
pub(super) async fn index(State(shared): State<Arc<Shared>>) -> Html<String> {
    let doc = shared.doc();
    let note = if doc.file.is_none() {
        "<p class=note id=read-only>This is the bundled example, shown read-only: nothing you \
         change here is saved. To fill out your own, run <code>rolefit init</code>, then \
         <code>rolefit serve rubric.toml</code>.</p>"
    } else {
        ""
    };
    Html(format!(
        "<!doctype html>\n<html lang=en>\n<head>\n<meta charset=utf-8>\n\
         <meta name=viewport content=\"width=device-width, initial-scale=1\">\n\
         <title>rolefit — {title}</title>\n<link rel=stylesheet href=\"/page.css\">\n\
         <script src=\"/page.js\" defer></script>\n</head>\n<body>\n\
         <header>\n<h1>rolefit <span class=file>{title}</span></h1>\n{note}\n\
         <p id=status role=status aria-live=polite></p>\n</header>\n<main>\n\
         <section id=form-pane aria-label=\"The rubric\">\n<div id=form>\n{form}</div>\n</section>\n\
         <section id=live-pane aria-label=\"The assessment\">\n<h2>Assessment</h2>\n\
         <p id=live-status aria-live=polite>Computing…</p>\n\
         <p id=what-if hidden><span id=what-if-text></span>\n\
         <button type=button id=keep>Keep it</button> <button type=button id=drop>Drop it</button></p>\n\
         <p class=share><button type=button id=share>Share</button>\n\
         <label><input type=checkbox id=redact> leave the amounts out</label>\n\
         <span id=shared role=status></span></p>\n\
         <iframe id=report title=\"The assessment\" sandbox=\"allow-same-origin\" src=\"/report\"></iframe>\n\
         </section>\n</main>\n</body>\n</html>\n",
        title = escape(&doc.display),
        form = form_html(&doc),
    ))
}

/// The form alone, for the page to swap in after the file changed on disk
/// or a story was added.
pub(super) async fn form(State(shared): State<Arc<Shared>>) -> Html<String> {
    Html(form_html(&shared.doc()))
}

/// The progress line and the form, or what keeps the file from showing.
pub(crate) fn form_html(doc: &Doc) -> String {
    let rubric = match doc.rubric() {
        Ok(r) => r,
        Err(why) => {
            return format!(
                "<p class=error>{} does not validate now, so the form cannot show it; fix it \
                 in your editor and reload the page:</p>\n<pre>{}</pre>\n",
                escape(&doc.display),
                escape(&why)
            );
        }
    };
    let disabled = doc.file.is_none();
    let mut out = format!("<p id=progress>{}</p>\n", escape(&progress(&rubric)));
    out.push_str(
        "<form id=answers novalidate>\n<fieldset class=candidate>\n<legend>You</legend>\n",
    );
    let all = questions::for_rubric(&rubric);
    let mut group = None;
    for q in &all {
        match q.key {
            Key::Competency(c, "score") => {
                let comp = &rubric.competencies[c];
                out.push_str("</fieldset>\n");
                if group != Some(comp.group) {
                    if group.is_some() {
                        out.push_str("</section>\n");
                    }
                    group = Some(comp.group);
                    let _ = write!(
                        out,
                        "<section class=group>\n<h2>{}</h2>\n",
                        escape(&rubric.groups[comp.group].title)
                    );
                }
                let _ = write!(
                    out,
                    "<fieldset class=competency id=c{c}>\n<legend>{}</legend>\n",
                    escape(&comp.name)
                );
                if !q.help.is_empty() {
                    let _ = writeln!(out, "<p class=question>{}</p>", escape(&q.help));
                }
                out.push_str(&field(q, disabled));
            }
            _ => out.push_str(&field(q, disabled)),
        }
    }
    out.push_str("</fieldset>\n");
    if group.is_some() {
        out.push_str("</section>\n");
    }
    out.push_str(&stories_html(&rubric, disabled));
    out.push_str("</form>\n");
    out
}

/// "17 of 28 scored · 9 low confidence · 5 principles without a story".
pub(crate) fn progress(rubric: &Rubric) -> String {
    let n = rubric.competencies.len();
    let scored = n - rubric.blank().len();
    let low = CONFIDENCE_SD[0].1;
    let unsure = rubric
        .competencies
        .iter()
        .filter(|c| c.score.is_some() && c.sd >= low)
        .count();
    let uncovered = crate::stories::loop_plan(rubric).uncovered().len();
    let principles = match uncovered {
        1 => "1 principle without a story".to_string(),
        k => format!("{k} principles without a story"),
    };
    format!("{scored} of {n} scored · {unsure} low confidence · {principles}")
}

/// The story bank: each story's questions, then a new one's title.
fn stories_html(rubric: &Rubric, disabled: bool) -> String {
    let mut out = String::from("<section class=stories>\n<h2>Stories</h2>\n");
    for at in 0..=rubric.stories.len() {
        let legend = match rubric.stories.get(at) {
            Some(s) if !s.title.is_empty() => escape(&s.title),
            Some(_) => format!("Story {}", at + 1),
            None => "A new story".into(),
        };
        let _ = write!(
            out,
            "<fieldset class=story id=s{at}>\n<legend>{legend}</legend>\n"
        );
        let questions = questions::for_story(rubric, at);
        // A new story starts with its title: the rest shows once it exists.
        let shown = if at == rubric.stories.len() {
            &questions[..1]
        } else {
            &questions[..]
        };
        for q in shown {
            out.push_str(&field(q, disabled));
        }
        if at < rubric.stories.len() {
            let off = if disabled { " disabled" } else { "" };
            let _ = writeln!(
                out,
                "<button type=button class=delete data-delete-story={at}{off}>Delete this story</button>"
            );
        }
        out.push_str("</fieldset>\n");
    }
    out.push_str("</section>\n");
    out
}

/// The key as the page names it: `candidate:name`, `competency:3:score`,
/// `story:0:title`.
pub(crate) fn key_name(key: Key) -> String {
    match key {
        Key::Candidate(k) => format!("candidate:{k}"),
        Key::Competency(i, k) => format!("competency:{i}:{k}"),
        Key::Story(i, k) => format!("story:{i}:{k}"),
    }
}

/// One question as a labelled native input.
fn field(q: &Question, disabled: bool) -> String {
    let name = key_name(q.key);
    let id = format!("f-{}", name.replace(':', "-"));
    let off = if disabled { " disabled" } else { "" };
    let current = q.current.as_deref().unwrap_or("");
    let label = match (q.prompt.is_empty(), q.key) {
        (_, Key::Story(_, part)) if q.prompt.is_empty() => capitalised(part),
        _ => q.prompt.clone(),
    };
    let help = match q.key {
        // The question is shown above the score, once.
        Key::Competency(_, "score") => String::new(),
        _ if q.help.is_empty() => String::new(),
        _ => format!("<p class=help id={id}-help>{}</p>\n", escape(&q.help)),
    };
    let described = if help.is_empty() {
        String::new()
    } else {
        format!(" aria-describedby={id}-help")
    };
    let common = format!("id={id} data-key=\"{name}\"{described}{off}");
    let input = match &q.accepts {
        Accepts::Text { max_chars } => {
            let max = max_chars.map_or_else(String::new, |m| format!(" maxlength={m}"));
            if matches!(q.key, Key::Story(_, k) if k != "title") {
                format!(
                    "<textarea {common}{max} rows=3>{}</textarea>",
                    escape(current)
                )
            } else {
                format!(
                    "<input type=text {common}{max} value=\"{}\">",
                    escape(current)
                )
            }
        }
        Accepts::Money { .. } => format!(
            "<input type=text inputmode=decimal {common} value=\"{}\">",
            escape(current)
        ),
        Accepts::Score { min, max, levels } => {
            let mut s = format!(
                "<input type=number {common} min={min} max={max} step=0.5 value=\"{}\">\n\
                 <ol class=levels>",
                escape(current)
            );
            // Each level sets the score with a click; out of the tab
            // order (the number field takes keys 1–5 and half steps).
            for level in levels {
                let _ = write!(
                    s,
                    "<li><button type=button class=level tabindex=-1 data-score=\"{}\" \
                     data-for=\"{name}\"{off}>{}</button></li>",
                    escape(&level.id),
                    escape(&level.label)
                );
            }
            // Tried in the assessment only: works on the read-only example too.
            let _ = write!(
                s,
                "</ol>\n<label class=what-if>What if (not saved): <input type=number \
                 id={id}-what-if data-what-if=\"{name}\" min={min} max={max} step=0.5></label>"
            );
            s
        }
        Accepts::Word { words } => {
            let mut s = format!("<select {common}>");
            if !words.contains(&current) {
                let _ = write!(
                    s,
                    "<option value=\"{0}\" selected>{0}</option>",
                    escape(current)
                );
            }
            for w in words {
                let on = if *w == current { " selected" } else { "" };
                let _ = write!(s, "<option value=\"{w}\"{on}>{w}</option>");
            }
            s.push_str("</select>");
            s
        }
        Accepts::OneOf(choices) => {
            let mut s = format!("<select {common}>");
            for c in choices {
                let on = if c.id == current { " selected" } else { "" };
                let _ = write!(
                    s,
                    "<option value=\"{}\"{on}>{} — {}</option>",
                    escape(&c.id),
                    escape(&c.id),
                    escape(&c.label)
                );
            }
            s.push_str("</select>");
            s
        }
        Accepts::SomeOf(choices) => {
            let picked: Vec<&str> = current.split_whitespace().collect();
            let mut s = format!(
                "<fieldset class=choices {common}>\n<legend>{}</legend>\n",
                escape(&q.help)
            );
            for (n, c) in choices.iter().enumerate() {
                let number = (n + 1).to_string();
                let on = if picked.contains(&number.as_str()) {
                    " checked"
                } else {
                    ""
                };
                let _ = writeln!(
                    s,
                    "<label><input type=checkbox value={number}{on}{off}> {}</label>",
                    escape(&c.label)
                );
            }
            s.push_str("</fieldset>");
            return format!("<div class=field>{s}</div>\n");
        }
    };
    format!(
        "<div class=field><label for={id}>{}</label>\n{help}{input}</div>\n",
        escape(&label)
    )
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}
