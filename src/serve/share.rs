//! `POST /share`, `{"redact": false}`: writes the folder `assess` writes
//! (`OUT/<slug>/`: report.html, report.md, summary.json and the charts)
//! for the rubric as saved, through the same [`crate::folder::write`], and
//! says where. The folder is named from the candidate's name, as
//! `assess` names it; nothing in the request names a path.

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
use crate::report::redact;
use crate::text::clean;

#[derive(Debug, Deserialize)]
pub(super) struct Share {
    #[serde(default)]
    redact: bool,
}

pub(super) async fn share(State(shared): State<Arc<Shared>>, Json(s): Json<Share>) -> Response {
    let done = tokio::task::spawn_blocking(move || {
        let (display, text) = {
            let doc = shared.doc();
            (doc.display.clone(), doc.text.clone())
        };
        write(&display, &text, s.redact, &shared.out)
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

/// Assesses `text` and writes its folder under `out`: where, or why not.
fn write(display: &str, text: &str, redact: bool, out: &Path) -> Result<String, String> {
    let rubric = crate::rubric::parse_str(display, text).map_err(|e| clean(&e.to_string()))?;
    let missing = rubric.missing();
    if !missing.is_empty() {
        return Err(format!(
            "the rubric is not complete yet ({} left to fill): nothing was written",
            missing.len()
        ));
    }
    let stem = Path::new(display)
        .file_stem()
        .map_or_else(|| "example".into(), |s| s.to_string_lossy().into_owned());
    let threads = crate::simulate::threads();
    let mut results = crate::assessment::evaluate_on(display, &stem, rubric, threads);
    let policy = redact::policy(redact);
    results.made = Some(crate::date::today());
    let dir = out.join(&results.slug);
    let mark = crate::output::rubric_mark(Some(Path::new(display)), display);
    let files = folder::Files {
        charts: true,
        png: false,
        threads,
    };
    let charts = folder::write(out, &mut results, &policy, &mark, files)
        .map_err(|e| clean(&e.to_string()))?;
    Ok(clean(&format!(
        "Wrote {}: report.html, report.md, summary.json and {charts} charts{}",
        dir.display(),
        if redact { ", amounts left out" } else { "" }
    )))
}
