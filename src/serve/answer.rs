//! `POST /answer`: one answer, `{"key": "competency:3:score", "value":
//! "4"}`. The key must be one a question of [`questions::for_rubric`] or
//! [`questions::for_story`] sets; the value is parsed by that question and
//! written by [`questions::apply`], which validates the whole text again;
//! the text is saved through the same [`crate::saving::RubricFile`] as
//! `fill`'s. A file changed on disk meanwhile is reloaded, never
//! overwritten.

use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use super::page::{key_name, progress};
use super::{Doc, Shared};
use crate::questions::{self, Key, Question, Refused};
use crate::rubric::Rubric;
use crate::text::clean;

#[derive(Debug, Deserialize)]
pub(super) struct Answer {
    key: String,
    value: String,
}

/// What the page is told: `saved`, `refused` (the validator's message),
/// `changed` (the file changed on disk: the page reloads the form),
/// `read-only` or `error`.
#[derive(Debug, Serialize)]
pub(super) struct Reply {
    status: &'static str,
    message: String,
    /// The progress line after the answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    progress: Option<String>,
    /// The form must be fetched again (a story was added, or the file
    /// changed on disk).
    reload: bool,
}

impl Reply {
    fn says(status: &'static str, message: String) -> Reply {
        Reply {
            status,
            message,
            progress: None,
            reload: false,
        }
    }
}

pub(super) async fn answer(State(shared): State<Arc<Shared>>, Json(a): Json<Answer>) -> Response {
    // File I/O and the validator off the runtime's thread.
    let saved = tokio::task::spawn_blocking(move || {
        let reply = save(&shared, &a);
        if reply.1.status == "saved" || reply.1.reload {
            let doc = shared.doc();
            shared.live.update(&doc);
        }
        reply
    })
    .await;
    match saved {
        Ok((code, reply)) => (code, Json(reply)).into_response(),
        Err(_) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            Json(Reply::says("error", "the answer was not saved".into())),
        )
            .into_response(),
    }
}

/// The answer written into the file's text and validated; the text saved.
fn save(shared: &Shared, a: &Answer) -> (StatusCode, Reply) {
    change(shared, |doc, rubric| {
        let Some(q) = question(rubric, &a.key) else {
            return Err((
                StatusCode::BAD_REQUEST,
                Reply::says("refused", "no such question in this rubric".into()),
            ));
        };
        let value = q.parse(&a.value).map_err(refused)?;
        let added = matches!(q.key, Key::Story(at, _) if at == rubric.stories.len());
        let mut answers = vec![(q.key, value)];
        if added {
            // A new story: its id from the title, as `fill --stories` makes it.
            let id = questions::story_id(&a.value, &rubric.stories);
            answers.insert(
                0,
                (Key::Story(rubric.stories.len(), "id"), id.as_str().into()),
            );
        }
        let (text, after) = questions::apply(&doc.display, &doc.text, &answers).map_err(refusal)?;
        Ok((text, after, added))
    })
}

/// `POST /delete-story`: `{"story": 2}` (from 0).
#[derive(Debug, Deserialize)]
pub(super) struct Delete {
    story: usize,
}

pub(super) async fn delete_story(
    State(shared): State<Arc<Shared>>,
    Json(d): Json<Delete>,
) -> Response {
    let done = tokio::task::spawn_blocking(move || {
        let reply = change(&shared, |doc, _| {
            let (text, after) =
                questions::delete_story(&doc.display, &doc.text, d.story).map_err(refusal)?;
            Ok((text, after, true))
        });
        if reply.1.status == "saved" || reply.1.reload {
            shared.live.update(&shared.doc());
        }
        reply
    })
    .await;
    match done {
        Ok((code, reply)) => (code, Json(reply)).into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// What a change makes of the text: the new text, the rubric it
/// validates to and whether the page must fetch the form again.
type Made = Result<(String, crate::rubric::Rubric, bool), (StatusCode, Reply)>;

/// One change to the file: refused on the read-only example; the file
/// reloaded instead when it changed on disk; `make` turns the text as it
/// is into the new one; saved through the file's `RubricFile`.
fn change(shared: &Shared, make: impl FnOnce(&Doc, &Rubric) -> Made) -> (StatusCode, Reply) {
    let mut guard = shared.doc();
    let doc: &mut Doc = &mut guard;
    if doc.file.is_none() {
        return (
            StatusCode::CONFLICT,
            Reply::says(
                "read-only",
                "the bundled example is read-only: nothing was saved (run `rolefit init` to \
                 write your own rubric)"
                    .into(),
            ),
        );
    }
    // The page that sent the answer is told in the reply (and shows the
    // form afresh), so this is not counted as the watcher's find.
    if doc.reload() {
        return changed(doc);
    }
    let rubric = match doc.rubric() {
        Ok(r) => r,
        Err(why) => {
            return (
                StatusCode::CONFLICT,
                Reply::says(
                    "refused",
                    format!("the file does not validate now, fix it in your editor: {why}"),
                ),
            );
        }
    };
    let (text, after, again) = match make(doc, &rubric) {
        Ok(made) => made,
        Err(reply) => return reply,
    };
    let saved = match doc.file.as_mut() {
        Some(file) => file.save(&text),
        None => return refused("the bundled example is read-only".into()),
    };
    match saved {
        Ok(()) => {
            doc.text = text;
            doc.saves += 1;
            (
                StatusCode::OK,
                Reply {
                    status: "saved",
                    message: "Saved".into(),
                    progress: Some(progress(&after)),
                    reload: again,
                },
            )
        }
        Err(_) if doc.reload() => changed(doc),
        Err(e) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            Reply::says("error", clean(&e.to_string())),
        ),
    }
}

fn refusal(r: Refused) -> (StatusCode, Reply) {
    match r {
        Refused::Invalid(why) => refused(why),
        Refused::Edit(e) => refused(e.to_string()),
    }
}

/// `POST /what-if`: a score tried without saving (`{"key":
/// "competency:3:score", "value": "4"}`), or the what-if dropped (`{}`).
#[derive(Debug, Deserialize)]
pub(super) struct WhatIf {
    key: Option<String>,
    value: Option<String>,
}

pub(super) async fn what_if(State(shared): State<Arc<Shared>>, Json(w): Json<WhatIf>) -> Response {
    // The validator off the runtime's thread, as for an answer.
    match tokio::task::spawn_blocking(move || try_score(&shared, &w)).await {
        Ok((code, reply)) => (code, Json(reply)).into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// The assessment of the file with one score changed, in memory only: the
/// answer goes through the question and the validator as a saved one does.
fn try_score(shared: &Shared, w: &WhatIf) -> (StatusCode, Reply) {
    let doc = shared.doc();
    let (Some(key), Some(value)) = (&w.key, &w.value) else {
        shared.live.update(&doc);
        return (
            StatusCode::OK,
            Reply::says(
                "dropped",
                "What-if dropped: the assessment is the file's".into(),
            ),
        );
    };
    let rubric = match doc.rubric() {
        Ok(r) => r,
        Err(why) => return refused(why),
    };
    let Some(q) = question(&rubric, key).filter(|q| matches!(q.key, Key::Competency(_, "score")))
    else {
        return (
            StatusCode::BAD_REQUEST,
            Reply::says("refused", "only a competency's score can be tried".into()),
        );
    };
    let parsed = match q.parse(value) {
        Ok(v) => v,
        Err(why) => return refused(why),
    };
    let text = match questions::apply(&doc.display, &doc.text, &[(q.key, parsed)]) {
        Ok((text, _)) => text,
        Err(r) => return refusal(r),
    };
    let Key::Competency(i, _) = q.key else {
        return refused("only a competency's score can be tried".into());
    };
    let label = clean(&format!(
        "{} at {}",
        rubric.competencies[i].name,
        value.trim()
    ));
    shared
        .live
        .update_text(doc.display.clone(), text, Some(label.clone()));
    (
        StatusCode::OK,
        Reply::says("what-if", format!("What-if, not saved: {label}")),
    )
}

/// The question `key` names, if this rubric asks it.
fn question(rubric: &Rubric, key: &str) -> Option<Question> {
    let asked = match key.strip_prefix("story:") {
        Some(rest) => {
            let at: usize = rest.split(':').next()?.parse().ok()?;
            if at > rubric.stories.len() {
                return None;
            }
            let mut asked = questions::for_story(rubric, at);
            if at == rubric.stories.len() {
                // A new story starts with its title, as the page shows it.
                asked.truncate(1);
            }
            asked
        }
        None => questions::for_rubric(rubric),
    };
    asked.into_iter().find(|q| key_name(q.key) == key)
}

fn refused(why: String) -> (StatusCode, Reply) {
    (
        StatusCode::UNPROCESSABLE_ENTITY,
        Reply::says("refused", clean(&why)),
    )
}

/// The file changed on disk: nothing saved, the page shows the new text.
fn changed(doc: &Doc) -> (StatusCode, Reply) {
    (
        StatusCode::CONFLICT,
        Reply {
            status: "changed",
            message: format!(
                "{} changed on disk (an editor?): that answer was not saved, and the form now \
                 shows the file as it is",
                clean(&doc.display)
            ),
            progress: doc.rubric().ok().map(|r| progress(&r)),
            reload: true,
        },
    )
}
