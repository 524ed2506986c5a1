//! Charts that keep their text whole and readable at the edges (#23.14,
//! #24.7, #24.11): every `<text>` of every chart is measured with the
//! embedded font and must lie inside the canvas, uncut (no `…`) and clear
//! of every other text, for the three examples, a close call, names of 20,
//! 40 and 80 characters, amounts near 1e9 and 1e12, a 50-year horizon and
//! 20 roles × 100 stages.

use std::collections::BTreeMap;

use crate::common;
use rolefit::testing::chart::font;

/// One `<text>` as drawn: its content and the box it covers.
#[derive(Debug, Clone)]
struct Placed {
    text: String,
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

/// Every text of an SVG with the box it covers (measured with the embedded
/// font at its size and weight, placed by its anchor, its `dy` and a
/// `rotate(270, …)`), and the canvas size.
fn placed_texts(svg: &str) -> ((f64, f64), Vec<Placed>) {
    let doc = roxmltree::Document::parse(svg).expect("SVG is well-formed XML");
    let root = doc.root_element();
    let num = |n: &roxmltree::Node, a: &str| -> f64 {
        n.attribute(a)
            .and_then(|v| v.trim_end_matches("px").parse().ok())
            .unwrap_or(0.0)
    };
    let size = (num(&root, "width"), num(&root, "height"));
    let texts = doc
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| {
            let text = n.text()?.trim().to_string();
            if text.is_empty() {
                return None;
            }
            let (x, y) = (num(&n, "x"), num(&n, "y"));
            let fs = num(&n, "font-size");
            let bold = n.attribute("font-weight") == Some("bold");
            // font::width takes plotters' size, 1.24 × the SVG's.
            let w = font::width(&text, fs * 1.24, bold);
            // Top and bottom of the glyphs around the baseline.
            let baseline = match n.attribute("dy") {
                Some("0.76em") => y + 0.76 * fs,
                Some("0.5ex") => y + 0.27 * fs,
                _ => y,
            };
            let anchor = n.attribute("text-anchor").unwrap_or("start");
            let along = |start: f64| match anchor {
                "middle" => (start - w / 2.0, start + w / 2.0),
                "end" => (start - w, start),
                _ => (start, start + w),
            };
            let rotated = n
                .attribute("transform")
                .is_some_and(|t| t.starts_with("rotate(270"));
            let (x0, y0, x1, y1) = if rotated {
                // Reads upwards: "start" runs from y up, "end" ends at y.
                let (a, b) = along(-y);
                let half = (baseline - y).abs().max(0.5 * fs);
                (x - half, -b, x + half, -a)
            } else {
                let (a, b) = along(x);
                (a, baseline - 0.76 * fs, b, baseline + 0.24 * fs)
            };
            Some(Placed {
                text,
                x0,
                y0,
                x1,
                y1,
            })
        })
        .collect();
    (size, texts)
}

/// What is wrong with a chart's text: outside the canvas, cut, overlapping.
fn text_problems(name: &str, svg: &str) -> Vec<String> {
    let ((w, h), texts) = placed_texts(svg);
    let mut out = Vec::new();
    for t in &texts {
        if t.x0 < -0.5 || t.y0 < -0.5 || t.x1 > w + 0.5 || t.y1 > h + 0.5 {
            out.push(format!(
                "{name}: {:?} spills out of the {w}×{h} canvas ({:.0},{:.0})–({:.0},{:.0})",
                t.text, t.x0, t.y0, t.x1, t.y1
            ));
        }
        if t.text.ends_with('…') {
            out.push(format!("{name}: {:?} is cut", t.text));
        }
    }
    // Overlaps: boxes shrunk by a pixel each side must not meet.
    for (i, a) in texts.iter().enumerate() {
        for b in &texts[i + 1..] {
            let x = a.x1.min(b.x1) - a.x0.max(b.x0);
            let y = a.y1.min(b.y1) - a.y0.max(b.y0);
            if x > 2.0 && y > 2.0 {
                out.push(format!("{name}: {:?} overlaps {:?}", a.text, b.text));
            }
        }
    }
    out
}

/// Assesses `text` (few draws) and returns every chart by file name.
fn charts(text: &str, extra: &[&str]) -> BTreeMap<String, String> {
    let dir = tempfile::tempdir().unwrap();
    let path = common::write(dir.path(), "rubric.toml", text);
    let out = common::rolefit(dir.path())
        .args(["assess", "--quiet", "--samples", "300", "--out", "out"])
        .args(extra)
        .arg(&path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut found = BTreeMap::new();
    for folder in std::fs::read_dir(dir.path().join("out")).unwrap() {
        for e in std::fs::read_dir(folder.unwrap().path()).unwrap() {
            let path = e.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if name.ends_with(".svg") {
                found.insert(name, common::read(&path));
            }
        }
    }
    assert!(found.len() >= 8, "{:?}", found.keys());
    found
}

fn example(name: &str) -> String {
    common::read(&common::repo().join(format!("rubrics/examples/{name}.toml")))
}

/// `text` with `from` (which must be there) replaced by `to`.
fn edit(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "{from:?} not in the rubric");
    text.replacen(from, to, 1)
}

/// The experienced PM with every amount × `f`.
fn scaled_money(f: f64) -> String {
    let m = |v: f64| format!("{:.0}", v * f);
    let t = example("experienced-pm");
    let t = edit(
        &t,
        "current_salary = 150000",
        &format!("current_salary = {}", m(150_000.0)),
    );
    let t = edit(
        &t,
        "current_equity = [10000, 10000]",
        &format!("current_equity = [{0}, {0}]", m(10_000.0)),
    );
    edit(
        &t,
        "pay = { base = 175000, sign_on = [75000, 60000], rsu = 280000,",
        &format!(
            "pay = {{ base = {}, sign_on = [{}, {}], rsu = {},",
            m(175_000.0),
            m(75_000.0),
            m(60_000.0),
            m(280_000.0)
        ),
    )
}

/// The experienced PM made a close call: a PMT premium most likely 0.
fn close_call() -> String {
    edit(
        &example("experienced-pm"),
        "premium = { min = 0.10, mode = 0.20, max = 0.20 }",
        "premium = { min = 0.0, mode = 0.0, max = 0.06 }",
    )
}

/// A name of exactly `n` characters (20, 40 or 80), words of realistic length.
fn long_name(n: usize) -> String {
    let words = "Alexandra Konstantinopoulou Christopher Montgomery-Whitfield Bartholomew \
                 Featherstonehaugh Maximiliana";
    let name: String = words.chars().take(n).collect();
    assert_eq!(name.chars().count(), n);
    edit(
        &example("experienced-pm"),
        "name = \"Sam Rivera\"",
        &format!("name = \"{}\"", name.trim_end()),
    )
}

/// `roles` roles (one with a fallback) × `stages` stages, long titles.
fn many(roles: usize, stages: usize) -> String {
    let mut t = String::from(
        "schema = 1\n[candidate]\nname = \"Many Roles\"\ncurrent_salary = 100000\n\
         [model]\nsensitivity_group = \"technical\"\nhorizon_years = 4\n",
    );
    for r in 0..roles {
        t += &format!("[roles.r{r}]\ntitle = \"Role number {r} with a longer title\"\n");
        match r {
            0 => t += "salary = 150000\n",
            1 => {
                t += "premium_over = \"r0\"\npremium = 0.05\nfallback = \"r0\"\n\
                      downlevel_rate = 0.5\nupgrade_green_light = 0.5\nupgrade_days = 20\n"
            }
            _ => t += &format!("premium_over = \"r0\"\npremium = {}\n", 0.01 * r as f64),
        }
    }
    t += "[groups.leadership]\n[groups.technical]\n";
    for g in ["leadership", "technical"] {
        for i in 0..3 {
            let w: Vec<String> = (0..roles)
                .map(|r| format!("r{r} = {}", 1 + (r + i) % 3))
                .collect();
            t += &format!(
                "[[competency]]\nid = \"{g}-{i}\"\ngroup = \"{g}\"\nweight = {{ {} }}\nscore = {}\n",
                w.join(", "),
                3.0 + 0.5 * i as f64
            );
        }
    }
    for s in 0..stages {
        let p: Vec<String> = (0..roles)
            .map(|r| format!("r{r} = {}", 20 + (r * 3 + s) % 30))
            .collect();
        t += &format!(
            "[[stage]]\nname = \"Stage {s} interview round\"\ndays = 1\n\
             emphasis = {{ leadership = 1, technical = 1 }}\npass_at = {{ {} }}\nsteepness = 0.5\n",
            p.join(", ")
        );
    }
    t
}

fn assert_clean(cases: &[(&str, String)], extra: &[&str]) {
    let mut problems = Vec::new();
    for (label, text) in cases {
        for (name, svg) in charts(text, extra) {
            problems.extend(text_problems(&format!("{label}/{name}"), &svg));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_examples_and_a_close_call_keep_their_text_whole() {
    assert_clean(
        &[
            ("experienced-pm", example("experienced-pm")),
            ("mba-pm", example("mba-pm")),
            ("engineer-to-product", example("engineer-to-product")),
            ("close call", close_call()),
        ],
        &[],
    );
}

#[test]
fn names_of_20_40_and_80_characters_keep_every_title_whole() {
    assert_clean(
        &[
            ("20", long_name(20)),
            ("40", long_name(40)),
            ("80", long_name(80)),
        ],
        &[],
    );
}

#[test]
fn amounts_near_1e9_and_1e12_keep_their_labels_whole() {
    assert_clean(
        &[
            ("1e9", scaled_money(6_000.0)),
            ("1e12", scaled_money(3.5e6)),
        ],
        &[],
    );
}

#[test]
fn a_50_year_horizon_and_20_roles_by_100_stages_stay_readable() {
    assert_clean(
        &[
            (
                "50 years",
                edit(
                    &example("experienced-pm"),
                    "horizon_years = 4 ",
                    "horizon_years = 50 ",
                ),
            ),
            ("3 × 12", many(3, 12)),
            ("20 × 100", many(20, 100)),
        ],
        &[],
    );
}

#[test]
fn text_boxes_are_measured_where_they_are_drawn() {
    let svg = r#"<svg width="100" height="50"><text x="90" y="10" dy="0.76em" text-anchor="start" font-size="10">Wide text</text><text x="10" y="12" dy="0.76em" font-size="10">Wide</text></svg>"#;
    let problems = text_problems("t", svg);
    assert!(
        problems.iter().any(|p| p.contains("spills")),
        "{problems:?}"
    );
    assert!(!problems.iter().any(|p| p.contains("overlaps")));
    let svg = r#"<svg width="100" height="50"><text x="10" y="10" dy="0.76em" font-size="10">Wide text…</text><text x="12" y="12" dy="0.76em" font-size="10">Wide</text></svg>"#;
    let problems = text_problems("t", svg);
    assert!(
        problems.iter().any(|p| p.contains("is cut")),
        "{problems:?}"
    );
    assert!(
        problems.iter().any(|p| p.contains("overlaps")),
        "{problems:?}"
    );
}

/// Every text of a chart, in order.
fn texts(svg: &str) -> Vec<String> {
    placed_texts(svg).1.into_iter().map(|t| t.text).collect()
}

// #24.11: charts a reader misreads.

/// "Offer if picked" after "Offer" made the funnel seem to rise again: it
/// is drawn hollow, past a dashed line.
#[test]
fn the_funnel_sets_offer_if_picked_apart() {
    let svg = &charts(&example("experienced-pm"), &[])["funnel.svg"];
    let doc = roxmltree::Document::parse(svg).unwrap();
    let hollow = doc
        .descendants()
        .filter(|n| n.has_tag_name("rect") && n.attribute("fill") == Some("none"))
        .count();
    assert_eq!(hollow, 2, "one hollow bar per role");
    let dashes = doc
        .descendants()
        .filter(|n| n.has_tag_name("polyline") && n.attribute("stroke") == Some("#777777"))
        .count();
    assert!(dashes >= 5, "a dashed separator: {dashes} dashes");
    assert!(texts(svg).iter().any(|t| t.contains("set apart")));
}

/// plan.svg's value axis started near the first value and made a small
/// rise look steep: it starts at staying's value and says so.
#[test]
fn the_plan_value_axis_starts_at_staying() {
    let svg = &charts(&example("experienced-pm"), &[])["plan.svg"];
    assert!(
        texts(svg).contains(&"axis starts at staying: 620,000".to_string()),
        "{:?}",
        texts(svg)
    );
}

/// sensitivity.svg had no mark at a shift of 0 and at the current premium.
#[test]
fn sensitivity_marks_where_you_are_in_both_panels() {
    let svg = &charts(&example("experienced-pm"), &[])["sensitivity.svg"];
    assert_eq!(
        texts(svg).iter().filter(|t| *t == "you are here").count(),
        2
    );
}

/// A principle with an evidence line and no story: stories.svg said
/// "none" where principles.svg said "evidence". Both say "evidence only".
#[test]
fn stories_and_principles_agree_on_evidence() {
    // No story names deliver-results; its evidence line stays.
    let text: String = example("experienced-pm")
        .lines()
        .map(|l| {
            if l.starts_with("principles = [") {
                l.replace(", \"deliver-results\"", "")
                    .replace("\"deliver-results\", ", "")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert!(!text.contains("\"deliver-results\"]") && !text.contains("\"deliver-results\","));
    let all = charts(&text, &[]);
    for chart in ["stories.svg", "principles.svg"] {
        let t = texts(&all[chart]);
        assert!(t.iter().any(|t| t == "evidence only"), "{chart}: {t:?}");
    }
}

// #23.14: big numbers and many items.

/// Amounts of nine digits: ticks like "1.2B" with the unit in the title.
#[test]
fn big_amounts_get_compact_ticks_and_the_unit_in_the_axis_title() {
    let all = charts(&scaled_money(6_000.0), &[]);
    for chart in ["pay.svg", "value.svg", "plan.svg", "sensitivity.svg"] {
        let t = texts(&all[chart]);
        let compact = t.iter().filter(|t| {
            let n = t.trim_end_matches(['M', 'B']);
            n.len() < t.len() && n.parse::<f64>().is_ok()
        });
        assert!(compact.count() >= 3, "{chart}: {t:?}");
        assert!(
            t.iter()
                .any(|t| t.contains("M = million") || t.contains("B = billion")),
            "{chart}: {t:?}"
        );
        assert!(!t.iter().any(|t| t.contains(",000,000,000") && t.len() < 16));
    }
}

/// Past the palette's six colours, a role gets a mark (ring, triangle,
/// cross) on its legend swatch and its bars, never a repeated colour alone.
#[test]
fn roles_beyond_the_palette_get_a_mark() {
    let svg = &charts(&many(8, 3), &[])["fit.svg"];
    let doc = roxmltree::Document::parse(svg).unwrap();
    let rings = doc
        .descendants()
        .filter(|n| {
            n.has_tag_name("circle")
                && n.attribute("fill") == Some("none")
                && n.attribute("stroke") == Some("#222222")
        })
        .count();
    // Roles 7 and 8: a ring on each legend swatch and on each of their bars.
    assert!(rings >= 2 + 2 * 3, "{rings} rings");
}
