//! `POST /share`, `{"redact": false}`: writes the folder `assess` writes
//! (`OUT/<slug>/`: report.html, report.md, summary.json and the charts)
//! for the rubric as saved, through the same [`crate::folder::write`], and
//! says where. The folder is chosen as `assess` chooses it (the
//! candidate's name; never another rubric's results folder:
//! [`folder::choose`]); nothing in the request names a path.

use std::path::Path;
use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use serde_json::json;

use super::Shared;
use crate::folder;
use crate::inputs::Input;
use crate::report::redact;
use crate::text::clean;

#[derive(Debug, Deserialize)]
pub(super) struct Share {
    #[serde(default)]
    redact: bool,
}

pub(super) async fn share(State(shared): State<Arc<Shared>>, Json(s): Json<Share>) -> Response {
    let done = tokio::task::spawn_blocking(move || {
        // Named and stemmed as `assess` names the same file (or the
        // bundled example).
        let (input, text) = {
            let doc = shared.doc();
            let input = doc.path.clone().map_or_else(Input::example, Input::file);
            (input, doc.text.clone())
        };
        write(&input, &text, s.redact, &shared.out)
    })
    .await;
    let (code, status, message) = match done {
        Ok(Ok(wrote)) => (StatusCode::OK, "written", wrote),
        Ok(Err(why)) => (StatusCode::UNPROCESSABLE_ENTITY, "refused", why),
        Err(_) => (
            StatusCode::INTERNAL_SERVER_ERROR,
            "error",
            "nothing was written".to_string(),
        ),
    };
    (code, Json(json!({ "status": status, "message": message }))).into_response()
}

/// Assesses `text` (what `input` holds) and writes its folder under `out`,
/// chosen as `assess` chooses it ([`folder::choose`]): where, or why not.
fn write(input: &Input, text: &str, redact: bool, out: &Path) -> Result<String, String> {
    let (name, stem) = (&input.name, &input.stem);
    let rubric = crate::rubric::parse_str(name, text).map_err(|e| clean(&e.to_string()))?;
    let missing = rubric.missing();
    if !missing.is_empty() {
        return Err(format!(
            "the rubric is not complete yet ({} left to fill): nothing was written",
            missing.len()
        ));
    }
    let threads = crate::simulate::threads();
    let mut results = crate::assessment::evaluate_on(name, stem, rubric, threads);
    let policy = redact::policy(redact);
    results.made = Some(crate::date::today());
    let mark = crate::output::rubric_mark(input.path.as_deref(), name);
    let chosen = folder::choose(out, &results.slug, stem, &mark, redact, |_| true);
    results.slug = chosen.slug;
    let dir = out.join(&results.slug);
    let files = folder::Files {
        charts: true,
        png: false,
        threads,
    };
    let charts = folder::write(out, &mut results, &policy, &mark, files)
        .map_err(|e| clean(&e.to_string()))?;
    let kept = chosen.moved.map_or_else(String::new, |held| {
        format!(
            " ({} holds another rubric's results, left as they are)",
            held.display()
        )
    });
    Ok(clean(&format!(
        "Wrote {}: report.html, report.md, summary.json and {charts} charts{}{kept}",
        dir.display(),
        if redact { ", amounts left out" } else { "" }
    )))
}
