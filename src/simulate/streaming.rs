//! Summarising more draws than memory holds, with the same numbers as
//! [`summarize`](super::summarize) on whole columns.
//!
//! The draws are recomputed block by block (each chunk's draws depend only
//! on the seed and the chunk's index, so every pass sees the same values)
//! and never held all at once:
//!
//! 1. The first pass takes each figure's mean, minimum and maximum exactly
//!    as `summarize` does — the same four running sums, fed in draw order —
//!    and counts each strategy's wins.
//! 2. Each later pass narrows down the order statistics the percentiles
//!    need, as a radix selection on the order keys of the values: the keys
//!    between the minimum's and the maximum's share their leading bits;
//!    the next 12 to 20 bits (fewer when there are many figures; 12 in
//!    later passes) split the values into buckets, counted, with the
//!    smallest and largest key of each. The bucket holding a rank becomes
//!    the next target; a bucket whose keys are all equal is settled at once
//!    (ties), and a small one is gathered and the rank selected in it.
//!
//! Order statistics are unique values, so they match `summarize`'s bit for
//! bit; so do the mean, minimum and maximum, summed in the same order. A
//! figure takes one pass more than a bucket of its peak draws needs to be
//! split: typically three passes in all.

use std::collections::BTreeMap;

use super::Stat;
use super::parallel::in_parts;
use super::quantile::{from_order_key, interpolated, order_key, percentile_ranks};
use crate::cancel::Cancelled;

/// Values held per block: 32 MiB of `f64`, shared by every figure.
pub(super) const BLOCK_VALUES: usize = 4 << 20;
/// Memory for the first narrowing pass's buckets (a count and the smallest
/// and largest key each, 20 bytes), shared by every figure: the fewer the
/// figures, the finer the split (2^12 to 2^20 buckets a figure).
const SPLIT_BYTES: usize = 64 << 20;
/// Memory for gathered values: a target of at most
/// `GATHER_BYTES / (8 · 6 · figures)` values (at least 8,192) is gathered
/// and its ranks selected.
const GATHER_BYTES: usize = 64 << 20;
/// Bits split by each later narrowing pass.
const DIGIT: u32 = 12;

/// `summarize`'s first pass for one figure, fed in draw order.
struct Moments {
    sums: [f64; 4],
    lows: [f64; 4],
    highs: [f64; 4],
    /// The last `n % 4` values, added after the four sums are combined.
    rest: Vec<f64>,
    first: f64,
    seen: usize,
    whole: usize,
}

impl Moments {
    fn new(n: usize) -> Self {
        Moments {
            sums: [0.0; 4],
            lows: [f64::INFINITY; 4],
            highs: [f64::NEG_INFINITY; 4],
            rest: Vec::new(),
            first: f64::NAN,
            seen: 0,
            whole: n - n % 4,
        }
    }

    fn push(&mut self, values: &[f64]) {
        if self.seen == 0 {
            self.first = values.first().copied().unwrap_or(f64::NAN);
        }
        for &v in values {
            if self.seen < self.whole {
                let k = self.seen % 4;
                self.sums[k] += v;
                self.lows[k] = if v < self.lows[k] { v } else { self.lows[k] };
                self.highs[k] = if v > self.highs[k] { v } else { self.highs[k] };
            } else {
                self.rest.push(v);
            }
            self.seen += 1;
        }
    }

    /// `(sum, min, max)`, combined as `summarize` combines them.
    fn finish(&self) -> (f64, f64, f64) {
        let s = &self.sums;
        let mut sum = (s[0] + s[1]) + (s[2] + s[3]);
        let mut min = self.lows.into_iter().fold(f64::INFINITY, f64::min);
        let mut max = self.highs.into_iter().fold(f64::NEG_INFINITY, f64::max);
        for &v in &self.rest {
            sum += v;
            min = min.min(v);
            max = max.max(v);
        }
        (sum, min, max)
    }
}

/// What a target does with the keys that fall in it this pass.
enum Work {
    Gather(Vec<u64>),
    /// Counts, smallest and largest key per value of the next `digit` bits.
    Split {
        digit: u32,
        counts: Vec<u32>,
        lo: Vec<u64>,
        hi: Vec<u64>,
    },
}

/// The keys starting with `prefix` (its `bits` leading bits), holding some
/// of the order statistics sought.
struct Target {
    prefix: u64,
    bits: u32,
    /// `(which statistic, its rank among this target's values)`.
    ranks: Vec<(usize, usize)>,
    work: Work,
}

impl Target {
    fn new(
        prefix: u64,
        bits: u32,
        count: usize,
        ranks: Vec<(usize, usize)>,
        (digit, gather): (u32, usize),
    ) -> Self {
        let work = if count <= gather {
            Work::Gather(Vec::with_capacity(count))
        } else {
            let digit = digit.min(64 - bits);
            let size = 1 << digit;
            Work::Split {
                digit,
                counts: vec![0; size],
                lo: vec![u64::MAX; size],
                hi: vec![0; size],
            }
        };
        Target {
            prefix,
            bits,
            ranks,
            work,
        }
    }

    #[inline]
    fn holds(&self, key: u64) -> bool {
        self.bits == 0 || key >> (64 - self.bits) == self.prefix
    }

    #[inline]
    fn add(&mut self, key: u64) {
        match &mut self.work {
            Work::Gather(keys) => keys.push(key),
            Work::Split {
                digit,
                counts,
                lo,
                hi,
            } => {
                let d = ((key << self.bits) >> (64 - *digit)) as usize;
                counts[d] += 1;
                lo[d] = lo[d].min(key);
                hi[d] = hi[d].max(key);
            }
        }
    }

    /// After a pass: settles the statistics found into `found`, and returns
    /// the narrower targets the others are in.
    fn narrow(self, found: &mut [u64; 6], gather: usize) -> Vec<Target> {
        match self.work {
            Work::Gather(mut keys) => {
                if !keys.is_empty() {
                    for (which, rank) in self.ranks {
                        let rank = rank.min(keys.len() - 1);
                        found[which] = *keys.select_nth_unstable(rank).1;
                    }
                }
                Vec::new()
            }
            Work::Split {
                digit,
                counts,
                lo,
                hi,
            } => {
                let mut by_bucket: BTreeMap<usize, Vec<(usize, usize)>> = BTreeMap::new();
                for (which, rank) in self.ranks {
                    let mut below = 0;
                    let mut at = (0, 0);
                    for (d, &c) in counts.iter().enumerate() {
                        let c = c as usize;
                        if c > 0 {
                            at = (d, rank.saturating_sub(below).min(c - 1));
                        }
                        if rank < below + c {
                            break;
                        }
                        below += c;
                    }
                    by_bucket.entry(at.0).or_default().push((which, at.1));
                }
                let mut next = Vec::new();
                for (d, ranks) in by_bucket {
                    if lo[d] == hi[d] {
                        // Every value here is the same: ties settled at once.
                        for (which, _) in ranks {
                            found[which] = lo[d];
                        }
                    } else {
                        let prefix = (self.prefix << digit) | d as u64;
                        let count = counts[d] as usize;
                        let (bits, how) = (self.bits + digit, (DIGIT, gather));
                        next.push(Target::new(prefix, bits, count, ranks, how));
                    }
                }
                next
            }
        }
    }
}

/// Runs `fill` over every draw, block by block in draw order (blocks of
/// at most `block_values` values in all, a whole number of chunks), handing
/// each block's columns to `visit`; returns the wins summed.
fn pass(
    n: usize,
    chunk: usize,
    block_values: usize,
    columns: &mut [Vec<f64>],
    fill: &mut impl FnMut(usize, &mut [Vec<f64>]) -> Result<Vec<u64>, Cancelled>,
    mut visit: impl FnMut(&[Vec<f64>]),
) -> Result<Vec<u64>, Cancelled> {
    let block = (block_values / (columns.len().max(1) * chunk)).max(1) * chunk;
    let mut wins: Vec<u64> = Vec::new();
    for start in (0..n).step_by(block) {
        let len = block.min(n - start);
        for column in columns.iter_mut() {
            column.clear();
            column.resize(len, 0.0);
        }
        let block_wins = fill(start / chunk, columns)?;
        wins.resize(block_wins.len(), 0);
        for (w, b) in wins.iter_mut().zip(block_wins) {
            *w += b;
        }
        visit(columns);
    }
    Ok(wins)
}

/// The statistics of `n` draws of `points.len()` figures (each figure's
/// [`Stat`] with `points[k]` as its point value) and each strategy's wins.
/// `fill(first_chunk, columns)` evaluates the draws from chunk
/// `first_chunk` on, as many as the columns are long (a whole number of
/// `chunk`s but at the end), and returns their wins, or that it was
/// cancelled (then so is the summary). At most about `block_values`
/// draws × figures are held at once ([`BLOCK_VALUES`]; the tests make it
/// small to cross many blocks with few draws).
pub(super) fn summarize_draws(
    n: usize,
    points: &[f64],
    chunk: usize,
    block_values: usize,
    threads: usize,
    fill: impl FnMut(usize, &mut [Vec<f64>]) -> Result<Vec<u64>, Cancelled>,
) -> Result<(Vec<Stat>, Vec<u64>), Cancelled> {
    let width = points.len().max(1);
    let first_digit = (SPLIT_BYTES / (20 * width)).max(1).ilog2().clamp(12, 20);
    let gather = (GATHER_BYTES / (48 * width)).clamp(8192, 1 << 20);
    summarize_within(
        n,
        points,
        (chunk, block_values),
        threads,
        (first_digit, gather),
        fill,
    )
}

/// [`summarize_draws`] splitting `first_digit` bits first and gathering
/// targets of at most `gather` values (the tests make both small).
fn summarize_within(
    n: usize,
    points: &[f64],
    (chunk, block_values): (usize, usize),
    threads: usize,
    (first_digit, gather): (u32, usize),
    mut fill: impl FnMut(usize, &mut [Vec<f64>]) -> Result<Vec<u64>, Cancelled>,
) -> Result<(Vec<Stat>, Vec<u64>), Cancelled> {
    let width = points.len();
    let mut columns = vec![Vec::new(); width];
    let mut moments: Vec<Moments> = (0..width).map(|_| Moments::new(n)).collect();
    // Figures are independent: each block's are shared out over the threads.
    let wins = pass(n, chunk, block_values, &mut columns, &mut fill, |block| {
        let pairs: Vec<_> = moments.iter_mut().zip(block).collect();
        in_parts(pairs, threads, |part| {
            for (m, column) in part {
                m.push(column);
            }
        });
    })?;

    // The ranks sought, as `summarize` takes them.
    let quantiles = percentile_ranks(n);
    let ranks: Vec<(usize, usize)> = quantiles
        .iter()
        .flat_map(|&(i, _)| [i, (i + 1).min(n - 1)])
        .enumerate()
        .collect();
    let mut means = Vec::with_capacity(width);
    let mut found = vec![[0u64; 6]; width];
    let mut targets: Vec<Vec<Target>> = Vec::with_capacity(width);
    for (k, m) in moments.iter().enumerate() {
        let (sum, min, max) = m.finish();
        means.push(sum / n as f64);
        if max.partial_cmp(&min) != Some(std::cmp::Ordering::Greater) {
            // One value throughout (or NaN, which the model never gives).
            let x = if min == max { min } else { m.first };
            found[k] = [order_key(x); 6];
            targets.push(Vec::new());
            continue;
        }
        // Every key lies between these two (−0 sorts before +0).
        let low = order_key(if min == 0.0 { -0.0 } else { min });
        let high = order_key(if max == 0.0 { 0.0 } else { max });
        let bits = (low ^ high).leading_zeros();
        let prefix = if bits == 0 { 0 } else { low >> (64 - bits) };
        targets.push(vec![Target::new(
            prefix,
            bits,
            n,
            ranks.clone(),
            (first_digit, gather),
        )]);
    }
    drop(moments);

    while targets.iter().any(|t| !t.is_empty()) {
        pass(n, chunk, block_values, &mut columns, &mut fill, |block| {
            let pairs: Vec<_> = block
                .iter()
                .zip(targets.iter_mut())
                .filter(|(_, t)| !t.is_empty())
                .collect();
            in_parts(pairs, threads, |part| {
                for (column, targets) in part {
                    for &v in column {
                        let key = order_key(v);
                        // Targets never overlap: at most one holds a key.
                        if let Some(t) = targets.iter_mut().find(|t| t.holds(key)) {
                            t.add(key);
                        }
                    }
                }
            });
        })?;
        for (targets, found) in targets.iter_mut().zip(found.iter_mut()) {
            *targets = std::mem::take(targets)
                .into_iter()
                .flat_map(|t| t.narrow(found, gather))
                .collect();
        }
    }

    let stats = (0..width)
        .map(|k| {
            interpolated(
                points[k],
                means[k],
                &quantiles,
                &found[k].map(from_order_key),
            )
        })
        .collect();
    Ok((stats, wins))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::summarize_within;
    use crate::simulate::quantile::summarize;

    /// Feeds `columns` through the streaming summary in chunks of `chunk`,
    /// blocks of three chunks, gathering only targets of at most 64 values,
    /// so that every way of narrowing is taken and a pass crosses blocks.
    fn streamed(columns: &[Vec<f64>], chunk: usize) -> Vec<crate::simulate::Stat> {
        let n = columns[0].len();
        let points = vec![0.5; columns.len()];
        let block_values = 3 * chunk * columns.len();
        let layout = (chunk, block_values);
        let (stats, wins) = summarize_within(n, &points, layout, 2, (12, 64), |from, out| {
            let start = from * chunk;
            for (o, c) in out.iter_mut().zip(columns) {
                let len = o.len();
                o.copy_from_slice(&c[start..start + len]);
            }
            Ok(vec![1])
        })
        .unwrap();
        // One win per block.
        assert_eq!(wins, vec![n.div_ceil(3 * chunk) as u64]);
        stats
    }

    fn bits(s: &crate::simulate::Stat) -> [u64; 5] {
        [s.point, s.mean, s.p05, s.p50, s.p95].map(f64::to_bits)
    }

    #[test]
    fn a_single_negative_zero_reads_as_zero_on_both_paths() {
        // Found by the property below in CI: one draw of −0.0.
        let columns = vec![vec![-0.0], vec![-0.0, -0.0, -0.0]];
        for (column, s) in columns.iter().zip(&streamed(&columns, 1024)) {
            assert_eq!(bits(s), bits(&summarize(column, 0.5)));
            assert_eq!(s.p50.to_bits(), 0.0f64.to_bits());
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

        /// Bit for bit what `summarize` gives on whole columns: spread,
        /// lumpy (many ties, a constant), tiny and huge values, ±0.
        #[test]
        fn streaming_matches_summarize_bit_for_bit(
            n in prop_oneof![1usize..50, 20_000usize..60_000],
            levels in prop::collection::vec(prop_oneof![-1e6f64..1e6, Just(0.0), Just(-0.0), Just(1e-300)], 1..5),
            seed in any::<u64>(),
        ) {
            let mut x = seed | 1;
            let mut next = || {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                x
            };
            let spread: Vec<f64> = (0..n).map(|_| (next() % 1_000_000) as f64 / 7.0).collect();
            let lumpy: Vec<f64> = (0..n)
                .map(|_| {
                    let r = next();
                    let base = levels[(r % levels.len() as u64) as usize];
                    if r % 3 == 0 { base + (r >> 40) as f64 * 1e-9 } else { base }
                })
                .collect();
            let constant = vec![42.0; n];
            let columns = vec![spread, lumpy, constant];
            let stats = streamed(&columns, 1024);
            for (column, s) in columns.iter().zip(&stats) {
                prop_assert_eq!(bits(s), bits(&summarize(column, 0.5)));
            }
        }
    }
}
