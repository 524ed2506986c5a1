//! `--png`: each chart's SVG rendered in-process by resvg at 2× its size
//! (at most 16 megapixels), its text drawn with the embedded font and no
//! other — so the same SVG gives the same bytes on every machine.

use std::sync::{Arc, OnceLock};

use resvg::tiny_skia::{PixmapMut, Transform};
use resvg::usvg::{self, fontdb};

use super::font;

/// Pixel density: 2 pixels per SVG unit, sharp on a slide.
pub(crate) const SCALE: f32 = 2.0;
/// At most this many pixels; a taller chart is drawn at a smaller scale.
pub(crate) const MAX_PIXELS: f64 = 16_000_000.0;

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
pub(crate) fn pixel_size(width: f32, height: f32) -> (u32, u32, f32) {
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
    // One canvas per thread, reused: a fresh 6 MB canvas a chart cost a
    // tenth of the time in page faults. It starts opaque white (every byte
    // 255 in premultiplied RGBA), as a browser's page would be.
    thread_local! {
        static CANVAS: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    CANVAS.with_borrow_mut(|canvas| {
        // `fill` and `vec!` of a byte are one memset in every build;
        // `resize` is a byte-at-a-time loop in an unoptimised (test) build.
        let len = w as usize * h as usize * 4;
        if canvas.len() < len {
            *canvas = vec![255; len];
        } else {
            canvas.truncate(len);
            canvas.fill(255);
        }
        let mut pixmap = PixmapMut::from_bytes(canvas, w, h)
            .ok_or_else(|| fail(format!("no {w}×{h} canvas")))?;
        resvg::render(&tree, Transform::from_scale(scale, scale), &mut pixmap);
        // Everything is drawn over the opaque white fill, so every pixel is
        // opaque and tiny-skia's premultiplied RGBA is plain RGBA: encoded
        // as it is (copying it to RGB cost a fifth of the time).
        encode(canvas, w, h).map_err(|e| fail(e.to_string()))
    })
}

/// PNG bytes of `w` × `h` RGBA pixels.
fn encode(rgba: &[u8], w: u32, h: u32) -> Result<Vec<u8>, png::EncodingError> {
    // Charts compress to about a tenth of their pixels' bytes.
    let mut out = Vec::with_capacity(rgba.len() / 8);
    let mut encoder = png::Encoder::new(&mut out, w, h);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    // fdeflate's fast mode, and one filter (Up: charts repeat down the rows)
    // rather than trying all five per row: a few ms a chart where the
    // defaults take tens (benches/assess.rs, `png_eight_charts`).
    encoder.set_compression(png::Compression::Fast);
    encoder.set_filter(png::Filter::Up);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(rgba)?;
    writer.finish()?;
    Ok(out)
}

/// Renders every chart, on up to `threads` threads; the same bytes for any
/// count. Returns `(file name, PNG bytes)` in the charts' order.
pub fn render_all(
    charts: &[super::Drawn],
    threads: usize,
) -> Result<Vec<(String, Vec<u8>)>, PngError> {
    let name = file;
    let threads = threads.clamp(1, charts.len().max(1));
    if threads == 1 {
        return charts
            .iter()
            .map(|(c, svg)| render(c.file, svg).map(|png| (name(c), png)))
            .collect();
    }
    // Threads take the charts largest first (by SVG length, about their
    // drawing's cost) from a shared counter, so a tall profile does not
    // leave the other core idle; each result goes to its chart's place.
    let mut order: Vec<usize> = (0..charts.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(charts[i].1.len()));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut done: Vec<Option<Result<Vec<u8>, PngError>>> =
        (0..charts.len()).map(|_| None).collect();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let k = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(&i) = order.get(k) else { break };
                        let (c, svg) = &charts[i];
                        mine.push((i, render(c.file, svg)));
                    }
                    mine
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
        .map(|((c, _), png)| {
            let png = png.unwrap_or_else(|| {
                Err(PngError {
                    chart: c.file.to_string(),
                    reason: "not rendered".into(),
                })
            })?;
            Ok((name(c), png))
        })
        .collect()
}

/// The PNG's file name beside a chart's SVG (`fit.svg` → `fit.png`).
pub(crate) fn file(chart: &super::Chart) -> String {
    format!("{}.png", chart.file.trim_end_matches(".svg"))
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
