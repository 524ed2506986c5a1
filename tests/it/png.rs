//! `--png` (issue 16): a PNG beside every SVG, 2× its size within 16
//! megapixels, its text drawn with the embedded font, the same bytes on
//! every run; and chart details a person sees (bar ticks side by side).

use crate::common;

use std::path::{Path, PathBuf};

use crate::common::{assess, example, files};

/// A decoded PNG: width, height and RGB(A) rows.
struct Image {
    width: u32,
    height: u32,
    channels: usize,
    pixels: Vec<u8>,
}

fn decode(bytes: &[u8]) -> Image {
    let mut reader = png::Decoder::new(std::io::Cursor::new(bytes))
        .read_info()
        .expect("a PNG");
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut pixels).expect("decodes");
    Image {
        width: info.width,
        height: info.height,
        channels: info.color_type.samples(),
        pixels,
    }
}

impl Image {
    /// Dark pixels (text is ink #222) in the rectangle `[x0, x1) × [y0, y1)`.
    fn ink(&self, (x0, x1): (u32, u32), (y0, y1): (u32, u32)) -> usize {
        let mut n = 0;
        for y in y0..y1.min(self.height) {
            for x in x0..x1.min(self.width) {
                let at = (y as usize * self.width as usize + x as usize) * self.channels;
                if self.pixels[at..at + 3].iter().all(|v| *v < 100) {
                    n += 1;
                }
            }
        }
        n
    }
}

/// The SVG's width and height, from its root element.
fn svg_size(svg: &str) -> (f64, f64) {
    let doc = roxmltree::Document::parse(svg).unwrap();
    let root = doc.root_element();
    let num = |a: &str| root.attribute(a).unwrap().parse::<f64>().unwrap();
    (num("width"), num("height"))
}

/// The SVG with every `<text>` element removed.
fn without_text(svg: &str) -> String {
    let mut out = String::new();
    let mut rest = svg;
    while let Some(start) = rest.find("<text") {
        out.push_str(&rest[..start]);
        let end = rest[start..].find("</text>").unwrap() + start + "</text>".len();
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[test]
fn png_beside_every_svg_with_its_text_drawn_the_same_bytes_every_run() {
    let dir = tempfile::tempdir().unwrap();
    assess(dir.path(), &example(), &["--png", "--out", "a", "-q"]);
    assess(dir.path(), &example(), &["--png", "--out", "b", "-q"]);
    let a = files(&dir.path().join("a/sam-rivera"));
    let b = files(&dir.path().join("b/sam-rivera"));
    let svgs: Vec<&String> = a.keys().filter(|n| n.ends_with(".svg")).collect();
    assert_eq!(svgs.len(), 9, "{:?}", a.keys());
    for name in svgs {
        let png_name = name.replace(".svg", ".png");
        let png = a.get(&png_name).unwrap_or_else(|| panic!("no {png_name}"));
        assert!(png == &b[&png_name], "{png_name} differs between two runs");
        let svg = String::from_utf8(a[name].clone()).unwrap();
        let (w, h) = svg_size(&svg);
        let image = decode(png);
        assert_eq!(
            (image.width, image.height),
            ((2.0 * w) as u32, (2.0 * h) as u32),
            "{png_name} is 2× the SVG"
        );
        // The title is drawn at (20, 16) SVG units, 22 px bold: its band is
        // inked in the PNG, and blank in a render of the same SVG without
        // its text (so the ink is the title's letters, drawn with the
        // embedded font, not a line or a bar).
        let band = ((40, 1200), (32, 80));
        let inked = image.ink(band.0, band.1);
        assert!(
            inked > 2_000,
            "{png_name}: the title band has {inked} dark pixels"
        );
        let bare = rolefit::testing::chart::png::render(name, &without_text(&svg)).unwrap();
        assert_eq!(
            decode(&bare).ink(band.0, band.1),
            0,
            "{png_name} without text"
        );
    }
    let summary: serde_json::Value = serde_json::from_slice(&a["summary.json"]).unwrap();
    let outputs = summary["outputs"].as_array().unwrap();
    assert_eq!(outputs.len(), 3 + 9 + 9, "summary.json lists the PNGs too");
}

/// A rubric of 1,000 competencies: the example's 28 and 972 more.
fn thousand(dir: &Path) -> PathBuf {
    let mut text = common::read(&example());
    for i in 0..972 {
        text.push_str(&format!(
            "\n[[competency]]\nid = \"extra-{i}\"\nname = \"Extra competency number {i} with a long name that must wrap\"\ngroup = \"product\"\nweight = {{ pm = 1, pmt = 1 }}\nbar = {{ pm = 3, pmt = 3 }}\nscore = {}\n",
            1 + i % 5
        ));
    }
    common::write(dir, "thousand.toml", &text)
}

#[test]
fn a_thousand_competency_profile_is_drawn_smaller_within_sixteen_megapixels() {
    let dir = tempfile::tempdir().unwrap();
    let rubric = thousand(dir.path());
    assess(
        dir.path(),
        &rubric,
        &["--png", "--samples", "0", "--hours", "0", "-q"],
    );
    let out = dir.path().join("output/sam-rivera");
    let svg = common::read(&out.join("profile.svg"));
    let (w, h) = svg_size(&svg);
    let image = decode(&std::fs::read(out.join("profile.png")).unwrap());
    let pixels = f64::from(image.width) * f64::from(image.height);
    assert!(pixels <= 16_000_000.0, "{pixels} pixels");
    assert!(pixels > 15_000_000.0, "as large as allowed: {pixels}");
    // The same shape, at less than 2×.
    let scale = f64::from(image.width) / w;
    assert!(scale < 2.0 && scale > 0.5, "{scale}");
    assert!((f64::from(image.height) / h - scale).abs() < 0.01);
}

/// Where PM and PMT share a bar, their ticks stand side by side, each in
/// its colour, not one on top of the other.
#[test]
fn coinciding_bar_ticks_stand_side_by_side() {
    let dir = tempfile::tempdir().unwrap();
    assess(dir.path(), &example(), &["-q", "--samples", "0"]);
    let svg = common::read(&dir.path().join("output/sam-rivera/profile.svg"));
    let doc = roxmltree::Document::parse(&svg).unwrap();
    // Vertical ticks: 4 px wide, x1 = x2.
    let ticks: Vec<(f64, String, String)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("polyline") && n.attribute("stroke-width") == Some("4"))
        .filter_map(|n| {
            let pts: Vec<(f64, f64)> = n
                .attribute("points")?
                .split_whitespace()
                .filter_map(|p| {
                    let (x, y) = p.split_once(',')?;
                    Some((x.parse().ok()?, y.parse().ok()?))
                })
                .collect();
            (pts.len() == 2 && pts[0].0 == pts[1].0).then(|| {
                (
                    pts[0].0,
                    format!("{}", pts[0].1),
                    n.attribute("stroke").unwrap().to_string(),
                )
            })
        })
        .collect();
    let mut pairs = 0;
    for a in &ticks {
        for b in &ticks {
            if a.1 == b.1 && a.2 < b.2 {
                pairs += 1;
                assert!((a.0 - b.0).abs() >= 4.0, "{a:?} and {b:?} overlap");
            }
        }
    }
    assert!(pairs > 10, "rows where both roles have a bar: {pairs}");
}
