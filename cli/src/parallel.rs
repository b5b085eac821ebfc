//! Independent work on every core: the submissions of `grade`, the runs of
//! `compare`.

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// How many threads to use: `asked`, else one per core, never more than
/// there are `items` (and at least one).
#[must_use]
pub fn threads(asked: Option<usize>, items: usize) -> usize {
    asked
        .or_else(|| std::thread::available_parallelism().ok().map(usize::from))
        .unwrap_or(1)
        .clamp(1, items.max(1))
}

/// `f` over every item on `jobs` threads, results in the items' order. A
/// panic inside `f` becomes that item's `Err` with what it said, so one bad
/// item never stops the batch.
pub fn map<T: Sync, R: Send>(
    items: &[T],
    jobs: usize,
    f: impl Fn(&T) -> Result<R, String> + Sync,
) -> Vec<Result<R, String>> {
    let next = AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<Result<R, String>>>> =
        items.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|s| {
        for _ in 0..jobs.max(1) {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    let out = guarded(|| f(item));
                    if let Ok(mut slot) = slots[i].lock() {
                        *slot = Some(out);
                    }
                }
            });
        }
    });
    slots
        .into_iter()
        .map(|slot| {
            slot.into_inner()
                .ok()
                .flatten()
                .unwrap_or_else(|| Err("the work on this item stopped".to_owned()))
        })
        .collect()
}

/// Runs `f`, turning a panic into an error that quotes it.
fn guarded<R>(f: impl FnOnce() -> Result<R, String>) -> Result<R, String> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)) {
        Ok(out) => out,
        Err(fault) => {
            let what = fault
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| fault.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(format!(
                "the simulator failed on this input ({what}); please report it"
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_order_and_survives_a_panic() {
        let items: Vec<u32> = (0..20).collect();
        let out = map(&items, 3, |&i| {
            assert!(i != 7, "seven");
            Ok(i * 2)
        });
        assert_eq!(out.len(), 20);
        assert_eq!(out[3], Ok(6));
        assert!(out[7].as_ref().is_err_and(|e| e.contains("seven")));
        assert_eq!(out[19], Ok(38));
    }

    #[test]
    fn threads_never_exceed_items() {
        assert_eq!(threads(Some(8), 3), 3);
        assert_eq!(threads(Some(0), 3), 1);
        assert_eq!(threads(Some(2), 0), 1);
    }
}
