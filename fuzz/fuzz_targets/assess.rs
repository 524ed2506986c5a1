//! Arbitrary bytes through parse → validate → assess (few draws) → every
//! report and chart. Nothing may panic; every output must be well-formed
//! enough to check cheaply.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rolefit::report::{Report, html::Html, json::Json, markdown::Markdown, text::Text};

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(mut rubric) = rolefit::rubric::parse_str("fuzz.toml", src) else {
        return;
    };
    if !rubric.blank().is_empty() {
        return;
    }
    rubric.model.samples = rubric.model.samples.min(64);
    let results = rolefit::report::evaluate("fuzz.toml", "fuzz", rubric);
    let json = Json.render(&results);
    assert!(json.trim_end().ends_with('}'));
    let _ = Text.render(&results);
    let _ = Markdown { charts: true }.render(&results);
    let charts = rolefit::chart::render_all(&results).expect("charts draw");
    for (_, svg) in &charts {
        assert!(svg.trim_end().ends_with("</svg>"));
    }
    let _ = Html { charts }.render(&results);
});
