//! `fill`'s editing path: a random rubric (the first part of the input)
//! answered with random lines (the rest, after the first NUL byte). Nothing
//! may panic; when fill succeeds the file must still load as a rubric
//! (every answer it accepts is valid), stay within 1 MiB, and keep its
//! comments' lines (but the `current_salary` example fill uncomments).
#![no_main]

use libfuzzer_sys::fuzz_target;
use rolefit::testing::cli::FillOptions;

fuzz_target!(|data: &[u8]| {
    let (rubric, answers) = match data.iter().position(|&b| b == 0) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &[][..]),
    };
    let Ok(text) = std::str::from_utf8(rubric) else {
        return;
    };
    if rolefit::testing::rubric::parse_str("fuzz.toml", text).is_err() {
        return;
    }
    let dir = tempfile::tempdir().expect("temporary folder");
    let path = dir.path().join("fuzz.toml");
    std::fs::write(&path, text).expect("write the rubric");
    let opts = FillOptions {
        rubric: path.clone(),
        only_blank: false,
        group: None,
        stories: false,
    };
    let mut input = answers;
    let mut out = Vec::new();
    let result = rolefit::testing::commands::fill::fill(&opts, &mut input, &mut out);
    let after = std::fs::read_to_string(&path).expect("the rubric is still there");
    assert!(after.len() <= 1 << 20, "grew past 1 MiB");
    if result.is_ok() {
        if let Err(e) = rolefit::testing::rubric::parse_str("fuzz.toml", &after) {
            panic!("fill saved an invalid rubric: {e}\n--- before\n{text}\n--- after\n{after}");
        }
        // fill turns the template's commented-out `# current_salary = …`
        // example into the key when it asks for the salary: that one goes.
        let placeholder = |l: &str| {
            l.trim_start()
                .trim_start_matches('#')
                .trim_start()
                .starts_with("current_salary")
        };
        for line in text
            .lines()
            .filter(|l| l.trim_start().starts_with('#') && !placeholder(l))
        {
            assert!(after.contains(line.trim_end_matches('\r')), "a comment was lost: {line}");
        }
    }
    assert!(!dir.path().join("fuzz.toml.bak").exists() || result.is_err());
});
