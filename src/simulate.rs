//! Uncertainty and sensitivity (DESIGN.md "Uncertainty", "Sensitivity"):
//! pure functions that re-run [`Model::eval`] on other inputs.

use rand::SeedableRng;
use rand::distr::Distribution;
use rand_xoshiro::Xoshiro256PlusPlus;
use serde::Serialize;
use statrs::distribution::{Normal, Triangular};

use crate::model::{Core, Lanes, Model, StrategyKind, formula};
use crate::rubric::{Pay, Premium};

/// A figure with its uncertainty: the point value (no noise) and the mean and
/// 5th/50th/95th percentiles over the Monte Carlo draws.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Stat {
    pub point: f64,
    pub mean: f64,
    pub p05: f64,
    pub p50: f64,
    pub p95: f64,
}

impl Stat {
    /// A figure without uncertainty: the point value in all five fields.
    pub fn exact(point: f64) -> Self {
        Stat {
            point,
            mean: point,
            p05: point,
            p50: point,
            p95: point,
        }
    }
}

/// The distributions of the figures [`Model::eval`] recomputes per draw.
#[derive(Debug, Clone, PartialEq)]
pub struct Distributions {
    pub samples: u64,
    pub seed: u64,
    pub fit: Vec<Stat>,
    pub offer: Vec<Stat>,
    pub ev: Vec<Stat>,
    /// Share of draws in which each strategy has the highest EV.
    pub best_share: Vec<f64>,
}

/// Point values only (`samples = 0`): every field the point value, and
/// `best_share` 1 for the recommendation.
pub fn point_only(core: &Core, recommendation: usize, seed: u64) -> Distributions {
    let stats = |v: &[f64]| v.iter().copied().map(Stat::exact).collect();
    let mut best_share = vec![0.0; core.ev.len()];
    best_share[recommendation] = 1.0;
    Distributions {
        samples: 0,
        seed,
        fit: stats(&core.fit),
        offer: stats(&core.offer),
        ev: stats(&core.ev),
        best_share,
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

/// Monte Carlo (DESIGN.md "Uncertainty"): each draw takes every
/// competency's score from `Normal(score + self_bias, sd_i)`, its level
/// clamped to the scale, and every triangular premium from its triangle,
/// then recomputes fit, offer probability and every strategy's EV.
///
/// Memory: one `f64` per draw and figure, allocated once. Work is split
/// into fixed chunks run on up to `threads` threads; results are identical
/// for any number of threads.
pub fn monte_carlo(model: &Model, samples: u64, seed: u64, threads: usize) -> Distributions {
    let rubric = model.rubric;
    let levels = model.point_levels();
    let premiums = model.point_premiums();
    let mut point = Core::default();
    model.eval(&levels, &premiums, &mut point);
    let recommendation = formula::argmax_first(&point.ev);
    if samples == 0 {
        return point_only(&point, recommendation, seed);
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
    // Roles whose premium is drawn, with their triangle.
    let triangles: Vec<(usize, Triangular)> = rubric
        .roles
        .iter()
        .enumerate()
        .filter_map(|(r, role)| match &role.pay {
            Pay::PremiumOver {
                premium: Premium::Triangular { min, mode, max },
                ..
            } if max > min => Triangular::new(*min, *max, *mode).ok().map(|t| (r, t)),
            _ => None,
        })
        .collect();

    let n_roles = rubric.roles.len();
    let n_strategies = model.strategies.len();
    // Per draw: fit per role, offer per role, EV per strategy, each figure
    // in a column of its own; a chunk of draws writes its piece of every
    // column.
    let width = 2 * n_roles + n_strategies;
    let mut columns: Vec<Vec<f64>> = (0..width).map(|_| vec![0.0; n]).collect();
    let mut chunks: Vec<(usize, Vec<&mut [f64]>)> = (0..n.div_ceil(CHUNK))
        .map(|j| (j, Vec::with_capacity(width)))
        .collect();
    for column in &mut columns {
        for ((_, pieces), piece) in chunks.iter_mut().zip(column.chunks_mut(CHUNK)) {
            pieces.push(piece);
        }
    }
    let n_levels = slots.len();
    let run = |part: Vec<(usize, Vec<&mut [f64]>)>| -> Vec<u64> {
        let mut lanes = Lanes::<LANES>::default();
        // `levels[k][b]`: the level in draw b of the competency in slot k
        // of the model's group order.
        let mut levels = vec![[0.0; LANES]; n_levels];
        let mut premiums: Vec<[f64; LANES]> = premiums.iter().map(|p| [*p; LANES]).collect();
        let mut wins = vec![0u64; n_strategies];
        for (index, mut pieces) in part {
            let mut rng = chunk_rng(seed, index);
            let len = pieces.first().map_or(0, |p| p.len());
            for first in (0..len).step_by(LANES) {
                // Draws are sampled one after the other, as without lanes;
                // a last, partial group leaves its spare lanes unused.
                let used = (len - first).min(LANES);
                #[expect(
                    clippy::needless_range_loop,
                    reason = "b is the lane, the inner index of every premium"
                )]
                for b in 0..used {
                    standard_normals(&mut rng, &slots, b, &mut levels);
                    for (r, triangle) in &triangles {
                        premiums[*r][b] = triangle.sample(&mut rng);
                    }
                }
                for (level, draw) in levels.iter_mut().zip(&by_slot) {
                    for x in level {
                        *x = (draw.mean + draw.sd * *x).clamp(0.0, 1.0);
                    }
                }
                model.eval_grouped_lanes(&levels, &premiums, &mut lanes);
                let figures = lanes.fit.iter().chain(&lanes.offer).chain(&lanes.ev);
                for (piece, v) in pieces.iter_mut().zip(figures) {
                    if used == LANES {
                        piece[first..first + LANES].copy_from_slice(v);
                    } else {
                        piece[first..first + used].copy_from_slice(&v[..used]);
                    }
                }
                for b in 0..used {
                    let best = (1..n_strategies).fold(0, |best, i| {
                        if lanes.ev[i][b] > lanes.ev[best][b] {
                            i
                        } else {
                            best
                        }
                    });
                    wins[best] += 1;
                }
            }
        }
        wins
    };
    let wins = in_parts(chunks, threads, run).into_iter().fold(
        vec![0u64; n_strategies],
        |mut total, part| {
            for (t, w) in total.iter_mut().zip(part) {
                *t += w;
            }
            total
        },
    );

    // Summarise each figure's column, the figures spread over the threads.
    let points: Vec<f64> = point
        .fit
        .iter()
        .chain(&point.offer)
        .chain(&point.ev)
        .copied()
        .collect();
    let stats: Vec<Stat> = in_parts(columns.into_iter().enumerate().collect(), threads, |part| {
        part.into_iter()
            .map(|(k, column)| summarize(&column, points[k]))
            .collect::<Vec<_>>()
    })
    .into_iter()
    .flatten()
    .collect();
    Distributions {
        samples,
        seed,
        fit: stats[..n_roles].to_vec(),
        offer: stats[n_roles..2 * n_roles].to_vec(),
        ev: stats[2 * n_roles..].to_vec(),
        best_share: wins.iter().map(|&w| w as f64 / n as f64).collect(),
    }
}

/// Splits `items` into up to `threads` consecutive parts, runs `f` on each
/// (in parallel when there are several) and returns the results in order.
fn in_parts<T: Send, R: Send>(
    items: Vec<T>,
    threads: usize,
    f: impl Fn(Vec<T>) -> R + Sync,
) -> Vec<R> {
    let per_part = items.len().div_ceil(threads.max(1)).max(1);
    let mut parts: Vec<Vec<T>> = Vec::new();
    let mut items = items.into_iter().peekable();
    while items.peek().is_some() {
        parts.push(items.by_ref().take(per_part).collect());
    }
    let mut parts = parts.into_iter();
    let Some(first) = parts.next() else {
        return Vec::new();
    };
    // The calling thread works on the first part while new threads work on
    // the others: one thread fewer to start.
    std::thread::scope(|scope| {
        let f = &f;
        let handles: Vec<_> = parts.map(|part| scope.spawn(move || f(part))).collect();
        let mut out = vec![f(first)];
        out.extend(
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e))),
        );
        out
    })
}

/// A `u64` that orders like `f64::total_cmp` orders the floats: selecting
/// on integers takes a fraction of the work of selecting on floats.
fn order_key(x: f64) -> u64 {
    let bits = x.to_bits();
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | 1 << 63
    }
}

fn from_order_key(key: u64) -> f64 {
    f64::from_bits(if key >> 63 == 1 {
        key & !(1 << 63)
    } else {
        !key
    })
}

/// Mean and the 5th, 50th and 95th percentiles of `values`.
/// Percentiles interpolate linearly between order statistics: with
/// `h = (n − 1)·q`, `x_(⌊h⌋) + (h − ⌊h⌋)·(x_(⌊h⌋+1) − x_(⌊h⌋))`.
///
/// The order statistics are exact. A histogram over equal slices of
/// [min, max] tells which slice holds each rank sought; only the values of
/// those few slices are then ordered. The bucket of a value never decreases
/// as the value grows, so the ranks inside a slice follow from the counts
/// below it. Three streaming passes instead of ordering the lot.
pub fn summarize(values: &[f64], point: f64) -> Stat {
    let n = values.len();
    if n == 0 {
        return Stat::exact(point);
    }
    // Pass 1: sum (four running sums, combined in a fixed order), min, max.
    let mut sums = [0.0; 4];
    let mut lows = [f64::INFINITY; 4];
    let mut highs = [f64::NEG_INFINITY; 4];
    let mut quads = values.chunks_exact(4);
    for quad in quads.by_ref() {
        for k in 0..4 {
            let v = quad[k];
            sums[k] += v;
            lows[k] = if v < lows[k] { v } else { lows[k] };
            highs[k] = if v > highs[k] { v } else { highs[k] };
        }
    }
    let mut sum = (sums[0] + sums[1]) + (sums[2] + sums[3]);
    let mut min = lows.into_iter().fold(f64::INFINITY, f64::min);
    let mut max = highs.into_iter().fold(f64::NEG_INFINITY, f64::max);
    for &v in quads.remainder() {
        sum += v;
        min = min.min(v);
        max = max.max(v);
    }
    let mean = sum / n as f64;

    // The ranks sought: ⌊h⌋ and ⌊h⌋ + 1 of each percentile.
    let at = |q: f64| {
        let h = (n - 1) as f64 * q;
        (h.floor() as usize, h - h.floor())
    };
    let quantiles = [at(0.05), at(0.50), at(0.95)];
    if max.partial_cmp(&min) != Some(std::cmp::Ordering::Greater) {
        // One value throughout (or NaN, which the model never gives).
        let x = if min == max { min } else { values[0] };
        let [p05, p50, p95] = quantiles.map(|_| x);
        return Stat {
            point,
            mean,
            p05,
            p50,
            p95,
        };
    }

    // Pass 2: histogram over `slices` equal slices of [min, max], about 64
    // values a slice on average (16 to 2048 slices): a value's bucket is
    // `round((x − min)·slices / (max − min))`, 0…slices. `(x − min)·scale`
    // never decreases as x grows; adding 2^52 rounds it to an integer held in
    // the low bits of the sum (rounding never decreases either), and a mask
    // to the next power of two keeps any bucket number, even a NaN's, in
    // bounds.
    const ROUND: f64 = 4503599627370496.0;
    let slices = (n / 64).next_power_of_two().clamp(16, 2048);
    let buckets = 2 * slices;
    let scale = slices as f64 / (max - min);
    let bucket = |x: f64| (((x - min) * scale + ROUND).to_bits() as usize) & (buckets - 1);
    // Four histograms, filled in turn, so that runs of equal buckets do not
    // wait on one counter.
    let mut counts = vec![[0u32; 4]; buckets];
    let mut quads = values.chunks_exact(4);
    for quad in quads.by_ref() {
        for k in 0..4 {
            counts[bucket(quad[k])][k] += 1;
        }
    }
    for &v in quads.remainder() {
        counts[bucket(v)][0] += 1;
    }
    let counts: Vec<usize> = counts
        .iter()
        .map(|c| c.iter().map(|&c| c as usize).sum())
        .collect();
    // Where rank `i` lives: its bucket and its rank among that bucket's values.
    let locate = |i: usize| {
        let mut below = 0;
        for (b, &c) in counts.iter().enumerate() {
            if i < below + c {
                return (b, i - below);
            }
            below += c;
        }
        unreachable!("rank {i} of {n}")
    };
    let located: Vec<(usize, usize)> = quantiles
        .iter()
        .flat_map(|&(i, _)| [i, (i + 1).min(n - 1)])
        .map(locate)
        .collect();

    // Pass 3: gather the wanted buckets' values as order keys, then select.
    const UNWANTED: u8 = u8::MAX;
    let mut slot = vec![UNWANTED; buckets];
    let mut gathered: Vec<Vec<u64>> = Vec::new();
    for &(b, _) in &located {
        if slot[b] == UNWANTED {
            slot[b] = gathered.len() as u8;
            gathered.push(Vec::with_capacity(counts[b]));
        }
    }
    for &v in values {
        let k = slot[bucket(v)];
        if k != UNWANTED {
            gathered[usize::from(k)].push(order_key(v));
        }
    }
    let x: Vec<f64> = located
        .into_iter()
        .map(|(b, r)| from_order_key(*gathered[usize::from(slot[b])].select_nth_unstable(r).1))
        .collect();
    let interpolate = |q: usize| {
        let (_, frac) = quantiles[q];
        let (lo, hi) = (x[2 * q], x[2 * q + 1]);
        lo + frac * (hi - lo)
    };
    Stat {
        point,
        mean,
        p05: interpolate(0),
        p50: interpolate(1),
        p95: interpolate(2),
    }
}

/// The shift grid: −2 … +2 scale points in steps of 0.25 (17 points).
pub fn shift_grid() -> Vec<f64> {
    (0..=16).map(|i| f64::from(i) / 4.0 - 2.0).collect()
}

/// The premium grid: 0 … 0.40 in steps of 0.02 (21 points).
pub fn premium_grid() -> Vec<f64> {
    (0..=20).map(|i| f64::from(i) / 50.0).collect()
}

/// Point EV of every strategy along a grid.
#[derive(Debug, Clone, PartialEq)]
pub struct Sweep {
    pub x: Vec<f64>,
    /// `ev[j][i]`: EV of strategy i at grid value j.
    pub ev: Vec<Vec<f64>>,
    /// The smallest grid value at which applying for r directly beats going
    /// through its fallback f, `EV apply:r > max(EV apply:f, EV
    /// apply:f+upgrade:r)`, for the first role r with a fallback f.
    ///
    /// DESIGN.md writes `max(EV apply:r, EV apply:f+upgrade:r) > EV apply:f`,
    /// but `apply:f+upgrade:r` beats `apply:f` whenever r pays more and has
    /// any chance (it adds a chance of r's pay to the same odds of f), so
    /// that test holds at the first grid value for every realistic rubric
    /// and tells nothing. See README "Where DESIGN.md was … ambiguous".
    pub break_even: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Sensitivity {
    /// Every competency of the sensitivity group shifted by x scale points.
    pub shift: Sweep,
    /// Every premium replaced by x.
    pub premium: Sweep,
}

pub fn sensitivity(model: &Model) -> Sensitivity {
    let group = model.rubric.model.sensitivity_group;
    let point_premiums = model.point_premiums();
    let mut core = Core::default();
    let shift = sweep(
        model,
        shift_grid(),
        |delta| {
            (
                model.shifted_levels(Some(group), delta),
                point_premiums.clone(),
            )
        },
        &mut core,
    );
    let levels = model.point_levels();
    let premium = sweep(
        model,
        premium_grid(),
        |p| (levels.clone(), vec![p; model.rubric.roles.len()]),
        &mut core,
    );
    Sensitivity { shift, premium }
}

fn sweep(
    model: &Model,
    x: Vec<f64>,
    inputs: impl Fn(f64) -> (Vec<f64>, Vec<f64>),
    core: &mut Core,
) -> Sweep {
    let ev: Vec<Vec<f64>> = x
        .iter()
        .map(|&x| {
            let (levels, premiums) = inputs(x);
            model.eval(&levels, &premiums, core);
            core.ev.clone()
        })
        .collect();
    let break_even = break_even_pair(model).and_then(|(apply_r, upgrade_r, apply_f)| {
        x.iter()
            .zip(&ev)
            .find(|(_, ev)| ev[apply_r] > ev[apply_f].max(ev[upgrade_r]))
            .map(|(x, _)| *x)
    });
    Sweep { x, ev, break_even }
}

/// Strategy indices (`apply:r`, `apply:f+upgrade:r`, `apply:f`) for the first
/// role r in rubric order that has a fallback f.
pub fn break_even_pair(model: &Model) -> Option<(usize, usize, usize)> {
    let find = |kind: StrategyKind| model.strategies.iter().position(|s| s.kind == kind);
    let (r, f) = model
        .rubric
        .roles
        .iter()
        .enumerate()
        .find_map(|(r, role)| role.fallback.as_ref().map(|f| (r, f.role)))?;
    Some((
        find(StrategyKind::Apply { role: r })?,
        find(StrategyKind::Upgrade {
            role: r,
            fallback: f,
        })?,
        find(StrategyKind::Apply { role: f })?,
    ))
}

#[cfg(test)]
mod tests {
    use super::{from_order_key, order_key, summarize};
    use proptest::prelude::*;

    /// Percentiles by sorting everything: what `summarize` must match.
    fn by_sorting(values: &[f64]) -> [f64; 3] {
        let mut sorted = values.to_vec();
        sorted.sort_by(f64::total_cmp);
        let n = sorted.len();
        [0.05, 0.5, 0.95].map(|q| {
            let h = (n - 1) as f64 * q;
            let (i, frac) = (h.floor() as usize, h - h.floor());
            let next = sorted[(i + 1).min(n - 1)];
            sorted[i] + frac * (next - sorted[i])
        })
    }

    proptest! {
        /// Exact against sorting, for spread, skewed and lumpy data: values
        /// drawn from a few levels (many ties, empty histogram buckets), a
        /// long tail, and numbers of every size.
        #[test]
        fn histogram_selection_matches_sorting(
            levels in prop::collection::vec(-1e6f64..1e6, 1..6),
            picks in prop::collection::vec((0usize..6, 0.0f64..1.0, any::<bool>()), 1..3000),
            tail in prop::sample::select(vec![0.0, 1e-9, 1.0, 1e12]),
        ) {
            let values: Vec<f64> = picks
                .iter()
                .map(|&(l, u, jitter)| {
                    let base = levels[l % levels.len()];
                    if jitter { base + tail * u.powi(8) } else { base }
                })
                .collect();
            let s = summarize(&values, 0.0);
            let want = by_sorting(&values);
            prop_assert_eq!([s.p05, s.p50, s.p95].map(f64::to_bits), want.map(f64::to_bits));
            let mean = values.iter().sum::<f64>() / values.len() as f64;
            prop_assert!((s.mean - mean).abs() <= 1e-9 * mean.abs().max(1.0) + 1e-9);
        }
    }

    #[test]
    fn order_keys_sort_like_floats() {
        let xs = [-1e300, -2.5, -0.0, 0.0, 1e-300, 0.5, 3.0, f64::INFINITY];
        for pair in xs.windows(2) {
            assert!(order_key(pair[0]) < order_key(pair[1]), "{pair:?}");
        }
        for x in xs {
            assert_eq!(from_order_key(order_key(x)).to_bits(), x.to_bits());
        }
    }

    #[test]
    fn percentiles_interpolate_between_order_statistics() {
        // 0, 1, …, 100 shuffled: h = 100·q, so p05 = 5, p50 = 50, p95 = 95.
        let values: Vec<f64> = (0..=100).map(|i| f64::from((i * 37) % 101)).collect();
        let s = summarize(&values, 7.0);
        assert_eq!(
            (s.p05, s.p50, s.p95, s.mean, s.point),
            (5.0, 50.0, 95.0, 50.0, 7.0)
        );
        // 0, 10, 20, 30: h = 3·0.05 = 0.15 → 1.5; median h = 1.5 → 15; h = 2.85 → 28.5
        let s = summarize(&[30.0, 0.0, 20.0, 10.0], 0.0);
        assert!((s.p05 - 1.5).abs() < 1e-12 && (s.p50 - 15.0).abs() < 1e-12);
        assert!((s.p95 - 28.5).abs() < 1e-12, "{s:?}");
        let one = summarize(&[4.0], 4.0);
        assert_eq!((one.p05, one.p50, one.p95), (4.0, 4.0, 4.0));
    }
}
