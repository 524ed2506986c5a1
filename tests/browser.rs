//! In a real browser: report.html opens with every chart, and `rolefit
//! serve`'s page (tests/browser/serve.rs) is filled out by keyboard in
//! headless Chromium driven over the DevTools protocol (tests/cdp/).
//!
//! `.ci/run` installs Debian's `chromium`; under CI (`CI` set) a missing
//! browser fails the test. On a developer machine without Chromium the test
//! prints a `SKIPPED browser::…` line straight to stderr (past libtest's
//! capture, so it shows even though the test passes) and returns without
//! checking: install `chromium` to run it.

mod cdp;
mod common;
#[path = "browser/serve.rs"]
mod serve;

use std::path::Path;
use std::time::Duration;

fn browser(exe: &Path, profile: &Path) -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::new(exe);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
    ])
    .arg(format!("--user-data-dir={}", profile.display()))
    .timeout(Duration::from_secs(90));
    cmd
}

#[test]
fn report_html_opens_in_a_real_browser() {
    let Some(exe) = cdp::chromium_or_skip("report_html_opens_in_a_real_browser") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    common::rolefit(dir.path())
        .args(["assess", "--quiet", "--out", "out"])
        .assert()
        .success();
    let report = dir.path().join("out/sam-rivera/report.html");
    let url = format!("file://{}", report.display());

    let dom = browser(&exe, &dir.path().join("profile-dom"))
        .arg("--dump-dom")
        .arg(&url)
        .output()
        .unwrap();
    assert!(
        dom.status.success(),
        "{}",
        String::from_utf8_lossy(&dom.stderr)
    );
    let dom = String::from_utf8_lossy(&dom.stdout);
    for chart in [
        "profile",
        "fit",
        "funnel",
        "value",
        "pay",
        "sensitivity",
        "principles",
        "plan",
    ] {
        let figure = format!("<figure id=\"{chart}\"");
        let at = dom
            .find(&figure)
            .unwrap_or_else(|| panic!("{chart} figure missing from the DOM"));
        assert!(
            dom[at..].trim_start_matches(&figure).contains("<svg"),
            "{chart} has no svg"
        );
    }
    assert_eq!(
        dom.matches("<svg").count(),
        9,
        "nine inline charts (stories.svg with a story bank)"
    );
    assert!(
        dom.contains(
            "id=\"recommendation\">Apply as Product Manager, then try for Product Manager – \
             Technical</p>"
        ),
        "the recommendation is in the DOM"
    );

    let shot = dir.path().join("shot.png");
    let run = browser(&exe, &dir.path().join("profile-shot"))
        .arg(format!("--screenshot={}", shot.display()))
        .arg("--window-size=1000,1600")
        .arg(&url)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&shot).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut pixels).unwrap();
    let channels = info.color_type.samples();
    let pixels = &pixels[..info.buffer_size()];
    let inked = pixels
        .chunks(channels)
        .filter(|p| p.iter().take(3).any(|&c| c < 200))
        .count();
    let total = pixels.len() / channels;
    // Text, tables and charts: well over 2% of a 1000×1600 page is ink.
    assert!(
        inked * 50 > total,
        "screenshot looks blank: {inked} of {total} pixels inked"
    );
    // Colour from the charts, not only black text.
    let coloured = pixels
        .chunks(channels)
        .filter(|p| {
            let (r, g, b) = (i32::from(p[0]), i32::from(p[1]), i32::from(p[2]));
            (r - g).abs() > 60 || (g - b).abs() > 60 || (r - b).abs() > 60
        })
        .count();
    assert!(coloured > 5_000, "no chart colours on screen: {coloured}");
}
