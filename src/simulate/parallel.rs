//! Spreading work over threads without changing a single number.

/// Threads for the Monte Carlo: both cores of a typical laptop, no more
/// (the work is too short to gain from more).
pub fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(2))
}

/// Splits `items` into up to `threads` consecutive parts, runs `f` on each
/// (in parallel when there are several) and returns the results in order.
pub(super) fn in_parts<T: Send, R: Send>(
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
