//! `--png`: each chart's SVG rendered in-process by resvg at 2× its size
//! (at most 16 megapixels), its text drawn with the embedded font and no
//! other — so the same SVG gives the same bytes on every machine.

use std::sync::{Arc, OnceLock};

use resvg::tiny_skia::{Pixmap, Transform};
use resvg::usvg::{self, fontdb};

use super::font;

/// Pixel density: 2 pixels per SVG unit, sharp on a slide.
pub const SCALE: f32 = 2.0;
/// At most this many pixels; a taller chart is drawn at a smaller scale.
pub const MAX_PIXELS: f64 = 16_000_000.0;

/// Why a chart could not be rendered to PNG (a bug: the SVGs are our own).
#[derive(Debug, thiserror::Error)]
#[error("cannot render {chart} as PNG: {reason}")]
pub struct PngError {
    pub chart: String,
    pub reason: String,
}

/// The fonts resvg may use: the embedded ones, as every family's fallback.
fn fonts() -> Arc<fontdb::Database> {
    static FONTS: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = fontdb::Database::new();
            db.load_font_source(fontdb::Source::Binary(Arc::new(font::REGULAR)));
            db.load_font_source(fontdb::Source::Binary(Arc::new(font::BOLD)));
            db.set_sans_serif_family(font::NAME);
            db.set_serif_family(font::NAME);
            db.set_monospace_family(font::NAME);
            db.set_cursive_family(font::NAME);
            db.set_fantasy_family(font::NAME);
            Arc::new(db)
        })
        .clone()
}

/// The pixel size for an SVG of `width` × `height` units, and the scale:
/// [`SCALE`], or less so that the pixels stay within [`MAX_PIXELS`].
pub fn pixel_size(width: f32, height: f32) -> (u32, u32, f32) {
    let area = f64::from(width) * f64::from(height);
    let scale = if area * f64::from(SCALE * SCALE) > MAX_PIXELS {
        (MAX_PIXELS / area).sqrt() as f32
    } else {
        SCALE
    };
    // Floor, so the rounding never takes the image past the limit.
    let w = ((width * scale).floor() as u32).max(1);
    let h = ((height * scale).floor() as u32).max(1);
    (w, h, scale)
}

/// Renders `svg` (the chart named `chart`) to PNG bytes.
pub fn render(chart: &str, svg: &str) -> Result<Vec<u8>, PngError> {
    let fail = |reason: String| PngError {
        chart: chart.to_string(),
        reason,
    };
    let options = usvg::Options {
        font_family: font::NAME.to_string(),
        fontdb: fonts(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| fail(e.to_string()))?;
    let size = tree.size();
    let (w, h, scale) = pixel_size(size.width(), size.height());
    let mut pixmap = Pixmap::new(w, h).ok_or_else(|| fail(format!("no {w}×{h} canvas")))?;
    pixmap.fill(resvg::tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    // The canvas is opaque white under everything, so premultiplied is
    // plain RGB: keep three bytes of four (demultiplied where not opaque).
    let mut rgb = Vec::with_capacity(w as usize * h as usize * 3);
    for p in pixmap.pixels() {
        if p.alpha() == 255 {
            rgb.extend_from_slice(&[p.red(), p.green(), p.blue()]);
        } else {
            let c = p.demultiply();
            rgb.extend_from_slice(&[c.red(), c.green(), c.blue()]);
        }
    }
    let mut out = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut out, w, h);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        // fdeflate's fast mode: a few ms a chart where the default takes
        // tens (measured in benches/assess.rs).
        encoder.set_compression(png::Compression::Fast);
        let mut writer = encoder.write_header().map_err(|e| fail(e.to_string()))?;
        writer
            .write_image_data(&rgb)
            .map_err(|e| fail(e.to_string()))?;
        writer.finish().map_err(|e| fail(e.to_string()))?;
    }
    Ok(out)
}

/// Renders every chart, on up to `threads` threads; the same bytes for any
/// count. Returns `(file name, PNG bytes)` in the charts' order.
pub fn render_all(
    charts: &[(&'static str, String)],
    threads: usize,
) -> Result<Vec<(String, Vec<u8>)>, PngError> {
    let name = |svg_name: &str| format!("{}.png", svg_name.trim_end_matches(".svg"));
    let threads = threads.clamp(1, charts.len().max(1));
    if threads == 1 {
        return charts
            .iter()
            .map(|(n, svg)| render(n, svg).map(|png| (name(n), png)))
            .collect();
    }
    // Each thread takes every `threads`-th chart.
    let mut done: Vec<Option<Result<Vec<u8>, PngError>>> =
        (0..charts.len()).map(|_| None).collect();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                scope.spawn(move || {
                    charts
                        .iter()
                        .enumerate()
                        .skip(t)
                        .step_by(threads)
                        .map(|(i, (n, svg))| (i, render(n, svg)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for handle in handles {
            match handle.join() {
                Ok(rendered) => {
                    for (i, png) in rendered {
                        done[i] = Some(png);
                    }
                }
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
    });
    charts
        .iter()
        .zip(done)
        .map(|((n, _), png)| {
            let png = png.unwrap_or_else(|| {
                Err(PngError {
                    chart: n.to_string(),
                    reason: "not rendered".into(),
                })
            })?;
            Ok((name(n), png))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{MAX_PIXELS, pixel_size};

    #[test]
    fn twice_the_size_within_sixteen_megapixels() {
        assert_eq!(pixel_size(800.0, 500.0), (1600, 1000, 2.0));
        // A 1,000-competency profile is about 22,000 units tall.
        let (w, h, scale) = pixel_size(800.0, 22_000.0);
        assert!(scale < 2.0);
        assert!(f64::from(w) * f64::from(h) <= MAX_PIXELS);
        assert!(f64::from(w) * f64::from(h) > 0.99 * MAX_PIXELS);
    }
}
