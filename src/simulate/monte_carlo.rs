//! The Monte Carlo of DESIGN.md "Uncertainty": seeded draws of the shared
//! self-assessment error (v3, when `self_bias_sd` > 0), every competency's
//! level and every triangular given (premiums, stock growth, down-level
//! rates, green lights), evaluated eight at a time, each figure summarised
//! by [`summarize`]. What is not given is not drawn, so a version-2
//! rubric takes the same random stream as before.

use rand::RngExt as _;
use rand::SeedableRng;
use rand::distr::Distribution;
use rand_xoshiro::Xoshiro256PlusPlus;
use statrs::distribution::{Normal, Triangular};

use super::parallel::in_parts;
use super::quantile::summarize;
use super::streaming;
use super::{Distributions, Stat};
use crate::cancel::{Cancel, Cancelled};
use crate::model::{Core, Lanes, Model};
use crate::rubric::{Estimate, Pay};

/// Point values only (`samples = 0`): every field the point value, and
/// `best_share` 1 for the recommendation.
pub(crate) fn point_only(core: &Core, recommendation: usize, seed: u64) -> Distributions {
    let stats = |v: &[f64]| v.iter().copied().map(Stat::exact).collect();
    let mut best_share = vec![0.0; core.ev.len()];
    best_share[recommendation] = 1.0;
    Distributions {
        samples: 0,
        seed,
        fit: stats(&core.fit),
        offer: stats(&core.offer),
        interviewed: stats(&core.interviewed),
        ev: stats(&core.ev),
        best_share,
        behind: 0,
    }
}

/// Draws per chunk. Each chunk has its own random generator, seeded from
/// the seed and the chunk's index, so the draws do not depend on how chunks
/// are spread over threads: the same seed gives the same numbers on any
/// machine and with any number of threads.
const CHUNK: usize = 1024;

/// Draws evaluated side by side (see [`Lanes`]).
const LANES: usize = 8;

/// A competency's level in a draw: `clamp(mean + sd·z, 0, 1)` with `z`
/// standard normal, i.e. DESIGN.md's `Normal(score + self_bias, sd)` on the
/// scale, clamped, mapped onto 0–1 (mean and sd divided by `max − min`).
#[derive(Clone, Default)]
struct LevelDraw {
    mean: f64,
    sd: f64,
}

/// One draw's standard normals from statrs' `Normal`, one per competency in
/// rubric order, into lane `b` of `out` at each competency's slot. The
/// generator is copied into a local for the loop, so that its state can stay
/// in registers instead of being stored after every draw.
#[inline(never)]
fn standard_normals(
    rng: &mut Xoshiro256PlusPlus,
    slots: &[usize],
    b: usize,
    out: &mut [[f64; LANES]],
) {
    let standard = Normal::standard();
    let mut local = rng.clone();
    for &k in slots {
        out[k][b] = standard.sample(&mut local);
    }
    *rng = local;
}

/// A triangular distribution (a premium, the share price's growth) sampled
/// eight draws at a time: statrs' `Triangular` by its inverse CDF from one
/// uniform per draw, the same arithmetic without its branch. With the mode
/// inside the range (a share price as likely to fall as to rise), that
/// branch went either way at random and cost about a tenth of the Monte
/// Carlo's time.
#[derive(Debug, Clone, Copy)]
struct LaneTriangle {
    min: f64,
    mode: f64,
    max: f64,
}

impl LaneTriangle {
    /// The triangle of an estimate the Monte Carlo draws (one statrs
    /// accepts), else `None`.
    fn of(estimate: &Estimate) -> Option<Self> {
        let (min, mode, max) = estimate.drawn()?;
        Triangular::new(min, max, mode).ok()?;
        Some(LaneTriangle { min, mode, max })
    }

    fn lanes(&self, u: &[f64; LANES]) -> [f64; LANES] {
        let (min, mode, max) = (self.min, self.mode, self.max);
        let split = (mode - min) / (max - min);
        u.map(|f| {
            let low = min + (f * (max - min) * (mode - min)).sqrt();
            let high = max - ((1.0 - f) * (max - min) * (max - mode)).sqrt();
            if f < split { low } else { high }
        })
    }
}

/// SplitMix64's output function: spreads nearby inputs far apart.
fn splitmix64(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// The random generator of one chunk: xoshiro256++ (fast, with a portable,
/// documented output), its state filled from `(seed, chunk)`.
fn chunk_rng(seed: u64, chunk: usize) -> Xoshiro256PlusPlus {
    Xoshiro256PlusPlus::seed_from_u64(splitmix64(seed) ^ splitmix64(chunk as u64 ^ 0xC0FF_EE00))
}

/// What one chunk of draws needs: the model, each competency's draw, the
/// drawn triangles. [`Drawer::run`] evaluates chunks into columns.
struct Drawer<'a> {
    model: &'a Model<'a>,
    seed: u64,
    /// The competencies' slots in the model's group order.
    slots: Vec<usize>,
    by_slot: Vec<LevelDraw>,
    /// Roles whose premium is drawn, with their triangle.
    triangles: Vec<(usize, LaneTriangle)>,
    /// The stock growth, drawn after the premiums when it is triangular.
    growth_triangle: Option<LaneTriangle>,
    /// Roles whose down-level rate, then whose green light, is drawn
    /// (after the growth), with their triangle.
    rate_triangles: Vec<(usize, LaneTriangle)>,
    light_triangles: Vec<(usize, LaneTriangle)>,
    /// The sd of the shared error δ on the 0–1 level scale
    /// (`self_bias_sd / (max − min)`), when it is drawn.
    shared_sd: Option<f64>,
    /// Point premiums, for the roles whose premium is not drawn.
    premiums: Vec<f64>,
    n_strategies: usize,
    /// The point recommendation and runner-up: the draws in which the
    /// first is worth less than the second are counted (DESIGN.md v3
    /// "dominates").
    pair: Option<(usize, usize)>,
    /// Asked before each chunk: a computation no longer wanted stops
    /// within one chunk per thread.
    cancel: &'a Cancel,
}

impl Drawer<'_> {
    /// Evaluates every chunk of `part` — `(index, one piece per figure)`,
    /// each piece as long as the chunk — writing fit, offer and
    /// offer-once-interviewed per role, then EV per strategy; returns how
    /// many draws each strategy won, and after those the number of draws
    /// in which the recommendation fell behind the runner-up; or that it
    /// was cancelled.
    fn run(&self, part: Vec<(usize, Vec<&mut [f64]>)>) -> Result<Vec<u64>, Cancelled> {
        let (model, slots, by_slot) = (self.model, &self.slots, &self.by_slot);
        let (triangles, growth_triangle) = (&self.triangles, &self.growth_triangle);
        let mut lanes = Lanes::<LANES>::default();
        // `levels[k][b]`: the level in draw b of the competency in slot k
        // of the model's group order.
        let mut levels = vec![[0.0; LANES]; slots.len()];
        let mut premiums: Vec<[f64; LANES]> = self.premiums.iter().map(|p| [*p; LANES]).collect();
        let mut growth = [model.growth; LANES];
        (lanes.downlevel, lanes.green_light) = model.point_rates();
        let (rates, lights) = (&self.rate_triangles, &self.light_triangles);
        // One uniform per drawn triangle (premiums first, then the growth,
        // the down-level rates and the green lights) and lane, in the order
        // statrs' sampler would take them.
        let mut uniforms = vec![[0.0; LANES]; triangles.len() + 1];
        let mut rate_uniforms = vec![[0.0; LANES]; rates.len() + lights.len()];
        let mut shared = [0.0; LANES];
        let standard = Normal::standard();
        let mut wins = vec![0u64; self.n_strategies + 1];
        for (index, mut pieces) in part {
            self.cancel.check()?;
            let mut rng = chunk_rng(self.seed, index);
            let len = pieces.first().map_or(0, |p| p.len());
            for first in (0..len).step_by(LANES) {
                // Draws are sampled one after the other, as without lanes;
                // a last, partial group leaves its spare lanes unused.
                let used = (len - first).min(LANES);
                for b in 0..used {
                    if let Some(sd) = self.shared_sd {
                        shared[b] = sd * standard.sample(&mut rng);
                    }
                    standard_normals(&mut rng, slots, b, &mut levels);
                    for u in &mut uniforms[..triangles.len()] {
                        u[b] = rng.random::<f64>();
                    }
                    if growth_triangle.is_some() {
                        uniforms[triangles.len()][b] = rng.random::<f64>();
                    }
                    for u in &mut rate_uniforms {
                        u[b] = rng.random::<f64>();
                    }
                }
                for ((r, triangle), u) in triangles.iter().zip(&uniforms) {
                    premiums[*r] = triangle.lanes(u);
                }
                if let Some(triangle) = growth_triangle {
                    growth = triangle.lanes(&uniforms[triangles.len()]);
                }
                for ((r, triangle), u) in rates.iter().zip(&rate_uniforms) {
                    lanes.downlevel[*r] = triangle.lanes(u);
                }
                for ((r, triangle), u) in lights.iter().zip(&rate_uniforms[rates.len()..]) {
                    lanes.green_light[*r] = triangle.lanes(u);
                }
                if self.shared_sd.is_some() {
                    // δ is added before clamping, like each competency's error.
                    for (level, draw) in levels.iter_mut().zip(by_slot) {
                        for (x, d) in level.iter_mut().zip(&shared) {
                            *x = (draw.mean + d + draw.sd * *x).clamp(0.0, 1.0);
                        }
                    }
                } else {
                    for (level, draw) in levels.iter_mut().zip(by_slot) {
                        for x in level {
                            *x = (draw.mean + draw.sd * *x).clamp(0.0, 1.0);
                        }
                    }
                }
                model.eval_grouped_lanes(&levels, &premiums, growth, &mut lanes);
                let figures = lanes
                    .fit
                    .iter()
                    .chain(&lanes.offer)
                    .chain(&lanes.interviewed)
                    .chain(&lanes.ev);
                for (piece, v) in pieces.iter_mut().zip(figures) {
                    if used == LANES {
                        piece[first..first + LANES].copy_from_slice(v);
                    } else {
                        piece[first..first + used].copy_from_slice(&v[..used]);
                    }
                }
                for b in 0..used {
                    // The same rule as the recommendation: ties within
                    // rounding go to the strategy listed first.
                    let ev = lanes.ev.iter().map(|ev| ev[b]).enumerate();
                    let best = crate::units::best_with_ties(ev).unwrap_or(0);
                    wins[best] += 1;
                    if let Some((rec, runner_up)) = self.pair {
                        let (a, b) = (lanes.ev[rec][b], lanes.ev[runner_up][b]);
                        if a < b - crate::units::tolerance(b) {
                            wins[self.n_strategies] += 1;
                        }
                    }
                }
            }
        }
        Ok(wins)
    }

    /// Evaluates the draws of chunks `from..` into `columns` (one per
    /// figure, as long as those draws), on up to `threads` threads.
    fn fill(
        &self,
        from: usize,
        columns: &mut [Vec<f64>],
        threads: usize,
    ) -> Result<Vec<u64>, Cancelled> {
        let len = columns.first().map_or(0, Vec::len);
        let mut chunks: Vec<(usize, Vec<&mut [f64]>)> = (0..len.div_ceil(CHUNK))
            .map(|j| (from + j, Vec::with_capacity(columns.len())))
            .collect();
        for column in columns.iter_mut() {
            for ((_, pieces), piece) in chunks.iter_mut().zip(column.chunks_mut(CHUNK)) {
                pieces.push(piece);
            }
        }
        let parts = in_parts(chunks, threads, |part| self.run(part));
        Ok(add_wins(
            parts.into_iter().collect::<Result<_, _>>()?,
            self.n_strategies + 1,
        ))
    }
}

/// The sum of the threads' win counts.
fn add_wins(parts: Vec<Vec<u64>>, n_strategies: usize) -> Vec<u64> {
    parts
        .into_iter()
        .fold(vec![0u64; n_strategies], |mut total, part| {
            for (t, w) in total.iter_mut().zip(part) {
                *t += w;
            }
            total
        })
}

/// The most draws × figures held at once (256 MiB of `f64`): up to this,
/// every figure's draws are kept and summarised in one go, the fast path;
/// above it, [`streaming`] recomputes the draws block by block.
const FAST_VALUES: usize = 32 << 20;

/// Monte Carlo (DESIGN.md "Uncertainty"): each draw takes one shared
/// error `δ ~ Normal(0, self_bias_sd)` (when that is > 0), every
/// competency's score from `Normal(score + self_bias + δ, sd_i)`, its level
/// clamped to the scale, and every triangular given (premiums, the stock
/// growth, down-level rates, green lights) from its triangle, then
/// recomputes fit, offer probability and every strategy's EV.
///
/// Memory: one `f64` per draw and figure while that fits in
/// [`FAST_VALUES`]; above it a few blocks' worth, whatever the number of
/// draws, with the same numbers ([`streaming`]). Work is split into fixed
/// chunks run on up to `threads` threads; results are identical for any
/// number of threads.
pub fn monte_carlo(model: &Model, samples: u64, seed: u64, threads: usize) -> Distributions {
    match monte_carlo_unless(model, samples, seed, threads, &Cancel::never()) {
        Ok(dist) => dist,
        Err(Cancelled) => unreachable!("Cancel::never() stopped a Monte Carlo"),
    }
}

/// [`monte_carlo`], stopped by `cancel` (asked before every chunk of
/// draws, on each thread): `Err(Cancelled)` then, never partial figures.
pub fn monte_carlo_unless(
    model: &Model,
    samples: u64,
    seed: u64,
    threads: usize,
    cancel: &Cancel,
) -> Result<Distributions, Cancelled> {
    let memory = (FAST_VALUES, streaming::BLOCK_VALUES);
    monte_carlo_within(model, samples, seed, threads, memory, cancel)
}

/// [`monte_carlo_unless`] keeping all draws only up to `fast_values`
/// draws × figures, streaming them in blocks of `block_values` above it
/// (the tests take the streaming path with 0, in blocks of one or a few
/// chunks).
fn monte_carlo_within(
    model: &Model,
    samples: u64,
    seed: u64,
    threads: usize,
    (fast_values, block_values): (usize, usize),
    cancel: &Cancel,
) -> Result<Distributions, Cancelled> {
    let rubric = model.rubric;
    let levels = model.point_levels();
    let premiums = model.point_premiums();
    let mut point = Core::default();
    model.eval(&levels, &premiums, &mut point);
    let (recommendation, runner_up) = crate::model::ranked(&point.ev);
    if samples == 0 {
        return Ok(point_only(&point, recommendation, seed));
    }
    let n = usize::try_from(samples).unwrap_or(usize::MAX);
    let span = rubric.scale.max - rubric.scale.min;
    // Each competency's draw, in the model's group order.
    let slots = model.slots();
    let mut by_slot = vec![LevelDraw::default(); slots.len()];
    for (c, &k) in rubric.competencies.iter().zip(&slots) {
        by_slot[k] = LevelDraw {
            mean: (c.score.unwrap_or(rubric.scale.min) + rubric.model.self_bias - rubric.scale.min)
                / span,
            sd: c.sd / span,
        };
    }
    let triangles: Vec<(usize, LaneTriangle)> = rubric
        .roles
        .iter()
        .enumerate()
        .filter_map(|(r, role)| match &role.pay {
            Pay::PremiumOver { premium, .. } => LaneTriangle::of(premium).map(|t| (r, t)),
            Pay::Package(_) => None,
        })
        .collect();
    let drawn = |f: fn(&crate::rubric::Fallback) -> &Estimate| -> Vec<(usize, LaneTriangle)> {
        rubric
            .roles
            .iter()
            .enumerate()
            .filter_map(|(r, role)| {
                let t = LaneTriangle::of(f(role.fallback.as_ref()?))?;
                Some((r, t))
            })
            .collect()
    };
    let sd = rubric.model.self_bias_sd;
    let n_roles = rubric.roles.len();
    let n_strategies = model.strategies.len();
    let drawer = Drawer {
        rate_triangles: drawn(|f| &f.downlevel_estimate),
        light_triangles: drawn(|f| &f.green_light_estimate),
        shared_sd: (sd > 0.0).then_some(sd / span),
        model,
        seed,
        slots,
        by_slot,
        triangles,
        growth_triangle: LaneTriangle::of(&rubric.model.stock_growth),
        premiums,
        n_strategies,
        pair: runner_up.map(|r| (recommendation, r)),
        cancel,
    };
    // Per draw: fit, offer and offer-once-interviewed per role, EV per
    // strategy, each figure in a column of its own.
    let width = 3 * n_roles + n_strategies;
    let points: Vec<f64> = point
        .fit
        .iter()
        .chain(&point.offer)
        .chain(&point.interviewed)
        .chain(&point.ev)
        .copied()
        .collect();
    let (stats, wins) = if n.saturating_mul(width) <= fast_values {
        // Every draw of every figure at once; a chunk of draws writes its
        // piece of every column.
        let mut columns: Vec<Vec<f64>> = (0..width).map(|_| vec![0.0; n]).collect();
        let wins = drawer.fill(0, &mut columns, threads)?;
        // Summarise each figure's column, the figures spread over the threads.
        let stats: Vec<Stat> =
            in_parts(columns.into_iter().enumerate().collect(), threads, |part| {
                part.into_iter()
                    .map(|(k, column)| summarize(&column, points[k]))
                    .collect::<Vec<_>>()
            })
            .into_iter()
            .flatten()
            .collect();
        (stats, wins)
    } else {
        streaming::summarize_draws(n, &points, CHUNK, block_values, threads, |from, columns| {
            drawer.fill(from, columns, threads)
        })?
    };
    Ok(Distributions {
        samples,
        seed,
        fit: stats[..n_roles].to_vec(),
        offer: stats[n_roles..2 * n_roles].to_vec(),
        interviewed: stats[2 * n_roles..3 * n_roles].to_vec(),
        ev: stats[3 * n_roles..].to_vec(),
        best_share: wins[..n_strategies]
            .iter()
            .map(|&w| w as f64 / n as f64)
            .collect(),
        behind: wins.get(n_strategies).copied().unwrap_or(0),
    })
}

#[cfg(test)]
mod tests {
    use rand::SeedableRng;
    use rand::distr::Distribution;
    use rand_xoshiro::Xoshiro256PlusPlus;
    use statrs::distribution::Triangular;

    use super::{CHUNK, LANES, LaneTriangle, monte_carlo_within};
    use crate::cancel::Cancel;
    use crate::model::Model;
    use crate::rubric::{EXAMPLE_NAME, EXAMPLE_RUBRIC, parse_str};

    /// The memory layout that streams `model`'s draws in blocks of `chunks`
    /// chunks (every figure's column holds that many chunks of draws).
    fn streamed_in_blocks_of(model: &Model, chunks: usize) -> (usize, usize) {
        let width = 3 * model.rubric.roles.len() + model.strategies.len();
        (0, chunks * CHUNK * width)
    }

    /// Streaming the draws (DESIGN.md: bounded memory) gives the numbers of
    /// keeping them all, bit for bit, on any number of threads — a sample
    /// count that is not a whole number of chunks or blocks included.
    #[test]
    fn streaming_gives_the_same_numbers_as_keeping_every_draw() {
        let rubric = parse_str(EXAMPLE_NAME, EXAMPLE_RUBRIC).unwrap();
        let model = Model::new(&rubric);
        // 20,481 draws cross 21 blocks of one chunk, the last holding one
        // draw, and 7 blocks of three chunks, the last holding two chunks
        // and a draw (a chunk neither first in its block nor in the first
        // block), as 450,001 draws cross two blocks of the real size.
        let keep = (usize::MAX, 0);
        let streams = [1, 3].map(|chunks| streamed_in_blocks_of(&model, chunks));
        for (samples, threads) in [(1, 1), (4099, 2), (20_481, 2)] {
            let never = Cancel::never();
            let kept = monte_carlo_within(&model, samples, 7, threads, keep, &never);
            for stream in streams {
                let streamed = monte_carlo_within(&model, samples, 7, threads, stream, &never);
                assert_eq!(
                    kept, streamed,
                    "{samples} draws on {threads} threads, {stream:?}"
                );
            }
        }
    }

    /// A token that says stop stops the Monte Carlo between chunks, on the
    /// fast and the streaming path, with `Cancelled` and no figures; one
    /// that never does is asked once per chunk and changes nothing.
    #[test]
    fn a_cancelled_monte_carlo_stops_within_a_chunk_and_says_so() {
        use std::sync::Arc;
        use std::sync::atomic::{AtomicU64, Ordering};

        use crate::cancel::Cancelled;

        let rubric = parse_str(EXAMPLE_NAME, EXAMPLE_RUBRIC).unwrap();
        let model = Model::new(&rubric);
        let samples: u64 = 20_000; // 20 chunks of 1,024 draws
        let chunks = samples.div_ceil(super::CHUNK as u64);
        let threads = 2;
        // Counts the questions; says stop from the `after`+1st on.
        let counting = |after: u64| {
            let asked = Arc::new(AtomicU64::new(0));
            let seen = asked.clone();
            let cancel = Cancel::when(move || seen.fetch_add(1, Ordering::SeqCst) >= after);
            (asked, cancel)
        };
        // Kept, then streamed three chunks at a time (a stop can come
        // within a block, on either thread).
        for memory in [(usize::MAX, 0), streamed_in_blocks_of(&model, 3)] {
            let run =
                |cancel: &Cancel| monte_carlo_within(&model, samples, 7, threads, memory, cancel);
            // Cancelled before it starts: no chunk is drawn.
            let (asked, cancel) = counting(0);
            assert_eq!(run(&cancel), Err(Cancelled));
            assert!(asked.load(Ordering::SeqCst) <= threads as u64);
            // Cancelled after the first chunk: each thread asks once more.
            let (asked, cancel) = counting(1);
            assert_eq!(run(&cancel), Err(Cancelled));
            let asked = asked.load(Ordering::SeqCst);
            assert!(asked <= 1 + threads as u64, "{asked} of {chunks} chunks");
            // Never cancelled: asked once per chunk (the streaming path
            // draws everything once per pass), the same figures.
            let (asked, cancel) = counting(u64::MAX);
            let dist = run(&cancel).unwrap();
            assert_eq!(dist, run(&Cancel::never()).unwrap());
            let asked = asked.load(Ordering::SeqCst);
            assert!(asked >= chunks && asked % chunks == 0, "{asked}");
        }
    }

    /// The lane sampler gives statrs' draws bit for bit from the same stream.
    #[test]
    fn lane_triangle_matches_statrs_bit_for_bit() {
        use rand::RngExt as _;
        for (min, mode, max) in [(-0.15, 0.0, 0.15), (0.1, 0.2, 0.2), (-0.5, -0.5, 0.9)] {
            let statrs = Triangular::new(min, max, mode).unwrap();
            let lanes = LaneTriangle { min, mode, max };
            let mut a = Xoshiro256PlusPlus::seed_from_u64(7);
            let mut b = a.clone();
            for _ in 0..1000 {
                let want: Vec<u64> = (0..LANES)
                    .map(|_| statrs.sample(&mut a).to_bits())
                    .collect();
                let u: [f64; LANES] = std::array::from_fn(|_| b.random::<f64>());
                let got: Vec<u64> = lanes.lanes(&u).iter().map(|x| x.to_bits()).collect();
                assert_eq!(got, want);
            }
        }
    }
}
