//! Summarising a figure's draws: the mean and the 5th, 50th and 95th
//! percentiles.
//!
//! Written by hand rather than by sorting (or `select_nth_unstable` on whole
//! columns): the histogram selection below was measured 2–3× faster than
//! sorting on the Monte Carlo's columns (`cargo bench --bench assess`,
//! `monte_carlo`), and a property test checks it against sorting.

use super::Stat;

/// A `u64` that orders like `f64::total_cmp` orders the floats: selecting
/// on integers takes a fraction of the work of selecting on floats.
pub(super) fn order_key(x: f64) -> u64 {
    let bits = x.to_bits();
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | 1 << 63
    }
}

pub(super) fn from_order_key(key: u64) -> f64 {
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
pub(crate) fn summarize(values: &[f64], point: f64) -> Stat {
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

    let quantiles = percentile_ranks(n);
    if max.partial_cmp(&min) != Some(std::cmp::Ordering::Greater) {
        // One value throughout (or NaN, which the model never gives).
        let x = if min == max { min } else { values[0] };
        return interpolated(point, mean, &quantiles, &[x; 6]);
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
    interpolated(point, mean, &quantiles, &x)
}

/// The ranks each of p05, p50 and p95 lies between among `n` ordered
/// values, `⌊h⌋` and `⌊h⌋ + 1` with `h = (n − 1)·q`, and how far: `(⌊h⌋,
/// h − ⌊h⌋)`. The streaming path seeks the same ranks.
pub(super) fn percentile_ranks(n: usize) -> [(usize, f64); 3] {
    [0.05, 0.50, 0.95].map(|q| {
        let h = (n - 1) as f64 * q;
        (h.floor() as usize, h - h.floor())
    })
}

/// The statistic from the values at those ranks, `x = [lo, hi]` of each
/// percentile in turn, interpolated linearly. One formula for every path,
/// so they agree bit for bit (a constant −0.0 reads 0.0 on all of them).
pub(super) fn interpolated(
    point: f64,
    mean: f64,
    quantiles: &[(usize, f64); 3],
    x: &[f64],
) -> Stat {
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
