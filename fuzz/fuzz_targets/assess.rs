//! Arbitrary bytes through parse → validate → assess (few draws) → every
//! report and chart. Nothing may panic; every SVG must parse as XML.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rolefit::testing::report::{Report, html::Html, json::Json, markdown::Markdown, text::Text};
use rolefit::testing::units::Policy;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(mut rubric) = rolefit::testing::rubric::parse_str("fuzz.toml", src) else {
        return;
    };
    if !rubric.blank().is_empty() {
        return;
    }
    rubric.model.samples = rubric.model.samples.min(64);
    let results = rolefit::testing::report::evaluate("fuzz.toml", "fuzz", rubric);
    // Both policies: amounts as they are, and `--redact`'s withheld.
    for policy in [Policy::Amounts, Policy::Withheld] {
        let json = Json.render(&results, &policy).expect("JSON serialises");
        assert!(json.trim_end().ends_with('}'));
        Text.render(&results, &policy).expect("text renders");
        Markdown { charts: true }.render(&results, &policy).expect("Markdown renders");
        let charts = rolefit::testing::chart::render_all(&results, &policy).expect("charts draw");
        for (chart, svg) in &charts {
            // Every SVG must be well-formed XML whatever the rubric says.
            if let Err(e) = roxmltree::Document::parse(svg) {
                panic!("{} is not well-formed XML: {e}", chart.file);
            }
        }
        Html { charts }.render(&results, &policy).expect("HTML renders");
    }
});
