//! Running one piece of work per rubric on both cores, handing the results
//! on in the order the rubrics were given, with a progress bar for long
//! batches.

use std::collections::BTreeMap;
use std::io::IsTerminal as _;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use indicatif::{ProgressBar, ProgressStyle};

/// A progress bar on stderr for `n` rubrics, drawn only when `show` and
/// stderr is a terminal.
pub(crate) fn progress(n: usize, show: bool) -> ProgressBar {
    if !show || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(n as u64);
    if let Ok(style) = ProgressStyle::with_template(
        "{bar:40} {pos}/{len} rubrics, {elapsed} elapsed, about {eta} left",
    ) {
        bar.set_style(style);
    }
    bar
}

/// Runs `work` on every item on up to `workers` threads and hands each
/// result to `deliver` in the order of `items`, as soon as it and every
/// result before it are done. When `deliver` returns false no further item
/// is started and nothing more is delivered.
pub(crate) fn in_order<T: Send, R: Send>(
    items: Vec<T>,
    workers: usize,
    work: impl Fn(T) -> R + Sync,
    mut deliver: impl FnMut(R) -> bool,
) {
    let slots: Vec<Mutex<Option<T>>> = items.into_iter().map(|t| Mutex::new(Some(t))).collect();
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    let (send, receive) = std::sync::mpsc::channel::<(usize, R)>();
    std::thread::scope(|scope| {
        for _ in 0..workers.max(1) {
            let send = send.clone();
            let (slots, next, stop, work) = (&slots, &next, &stop, &work);
            scope.spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(slot) = slots.get(i) else { break };
                    let Some(item) = slot.lock().ok().and_then(|mut s| s.take()) else {
                        break;
                    };
                    if send.send((i, work(item))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(send);
        let mut waiting = BTreeMap::new();
        let mut due = 0;
        for (i, result) in receive {
            waiting.insert(i, result);
            while let Some(result) = waiting.remove(&due) {
                due += 1;
                if !deliver(result) {
                    stop.store(true, Ordering::Relaxed);
                    return;
                }
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::in_order;

    #[test]
    fn results_come_in_the_order_given_and_stop_stops() {
        let items: Vec<u64> = (0..50).collect();
        let mut got = Vec::new();
        // Later items finish first: the order must still hold.
        in_order(
            items.clone(),
            2,
            |i| {
                std::thread::sleep(std::time::Duration::from_micros(50 * (50 - i)));
                i * 10
            },
            |r| {
                got.push(r);
                true
            },
        );
        assert_eq!(got, items.iter().map(|i| i * 10).collect::<Vec<_>>());
        let mut seen = 0;
        in_order(
            items,
            2,
            |i| i,
            |_| {
                seen += 1;
                seen < 3
            },
        );
        assert_eq!(seen, 3);
    }
}
