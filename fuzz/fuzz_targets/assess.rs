//! Arbitrary bytes through parse → validate → assess (few draws) → every
//! report and chart. Nothing may panic; every SVG must parse as XML.
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
    for (name, svg) in &charts {
        // Every SVG must be well-formed XML whatever the rubric says.
        if let Err(e) = roxmltree::Document::parse(svg) {
            panic!("{name} is not well-formed XML: {e}");
        }
    }
    let _ = Html { charts }.render(&results);
});
