//! A compact, mergeable log-linear latency histogram.
//!
//! Values are microseconds. Below 128 µs every value has its own slot; above,
//! each power of two is split into 128 equal slots, so a slot is at most
//! 1/128 (0.8 %) of its value wide and a percentile read from the slot's
//! midpoint is within 0.4 % of the exact order statistic. That precision is
//! what the queueing checks need (their tightest percentile tolerance is 2 %).
//!
//! Why not the `hdrhistogram` crate: the run is sent from the page's worker as
//! serde data and stored per metric bucket. A bucket typically touches a few
//! dozen slots, so the histogram is kept *sparse* (sorted `(slot, count)`
//! pairs) in the [`crate::run::Run`], and dense only while it is being filled
//! ([`DenseHistogram`]). `hdrhistogram` has no serde support and keeps a dense
//! array per instance, which would cost tens of kilobytes per bucket.

use serde::{Deserialize, Serialize};

/// Slots per power of two above the linear range.
const SUB: u64 = 128;
const SUB_BITS: u32 = 7;
/// Number of slots covering every `u64` value.
pub(crate) const SLOTS: usize = ((64 - SUB_BITS as usize) + 1) * SUB as usize;

/// The slot of a value.
#[inline]
pub(crate) fn slot_of(v: u64) -> usize {
    if v < SUB {
        v as usize
    } else {
        let octave = 63 - v.leading_zeros(); // >= SUB_BITS
        let shift = octave - SUB_BITS;
        let sub = (v >> shift) - SUB; // 0..SUB
        ((shift as u64 + 1) * SUB + sub) as usize
    }
}

/// The smallest value of a slot and its width.
fn slot_range(slot: usize) -> (f64, f64) {
    let slot = slot as u64;
    if slot < SUB {
        (slot as f64, 1.0)
    } else {
        let shift = slot / SUB - 1;
        let sub = slot % SUB;
        let width = (1u64 << shift) as f64;
        (((SUB + sub) << shift) as f64, width)
    }
}

/// A sparse histogram of latencies in microseconds, as stored in a run.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Histogram {
    /// Non-empty slots in increasing order, as `(slot, count)`.
    pub slots: Vec<(u32, u64)>,
}

impl Histogram {
    /// How many values it holds.
    #[must_use]
    pub fn count(&self) -> u64 {
        self.slots.iter().map(|s| s.1).sum()
    }

    /// Adds another histogram's counts to this one.
    pub fn merge(&mut self, other: &Histogram) {
        let mut out = Vec::with_capacity(self.slots.len() + other.slots.len());
        let (mut i, mut j) = (0, 0);
        while i < self.slots.len() || j < other.slots.len() {
            match (self.slots.get(i), other.slots.get(j)) {
                (Some(a), Some(b)) if a.0 == b.0 => {
                    out.push((a.0, a.1 + b.1));
                    i += 1;
                    j += 1;
                }
                (Some(a), Some(b)) if a.0 < b.0 => {
                    out.push(*a);
                    i += 1;
                }
                (Some(_), Some(b)) | (None, Some(b)) => {
                    out.push(*b);
                    j += 1;
                }
                (Some(a), None) => {
                    out.push(*a);
                    i += 1;
                }
                (None, None) => break,
            }
        }
        self.slots = out;
    }

    /// The `q` quantile (0..=1) in microseconds, or 0 when empty.
    #[must_use]
    pub fn quantile_us(&self, q: f64) -> f64 {
        quantile(
            self.slots.iter().map(|&(s, c)| (s as usize, c)),
            self.count(),
            q,
        )
    }

    /// The `q` quantile in milliseconds, or 0 when empty.
    #[must_use]
    pub fn quantile_ms(&self, q: f64) -> f64 {
        self.quantile_us(q) / 1000.0
    }

    /// The `q` quantile in milliseconds when `failed` more requests count as
    /// slower than every value held: a failed request never makes a latency
    /// better. `None` when the quantile falls among the failed requests;
    /// 0 when there is nothing at all.
    #[must_use]
    pub fn quantile_with_failures_ms(&self, q: f64, failed: u64) -> Option<f64> {
        let held = self.count();
        let total = held + failed;
        if total == 0 {
            return Some(0.0);
        }
        let rank = ((q.clamp(0.0, 1.0) * total as f64).ceil() as u64).max(1);
        if rank > held {
            return None;
        }
        let it = self.slots.iter().map(|&(s, c)| (s as usize, c));
        Some(quantile(it, total, q) / 1000.0)
    }

    /// The largest value held, in milliseconds (0 when empty).
    #[must_use]
    pub fn max_ms(&self) -> f64 {
        self.slots.last().map_or(0.0, |&(s, _)| {
            let (lo, width) = slot_range(s as usize);
            (lo + width.max(1.0) - 1.0).max(lo) / 1000.0
        })
    }
}

fn quantile(slots: impl Iterator<Item = (usize, u64)>, total: u64, q: f64) -> f64 {
    if total == 0 {
        return 0.0;
    }
    // The rank of the order statistic, 1-based, as in "nearest rank".
    let rank = ((q.clamp(0.0, 1.0) * total as f64).ceil() as u64).max(1);
    let mut seen = 0;
    for (slot, count) in slots {
        seen += count;
        if seen >= rank {
            let (lo, width) = slot_range(slot);
            return if width <= 1.0 { lo } else { lo + width / 2.0 };
        }
    }
    0.0
}

/// A dense histogram being filled during a run; cheap to record into.
#[derive(Debug, Clone)]
pub(crate) struct DenseHistogram {
    /// Counts by slot. 32 bits halve the cache lines a run touches, and
    /// cannot overflow: a run stops at `sim::MAX_EVENTS` (2·10⁹) events,
    /// and every value recorded is at least one event.
    counts: Vec<u32>,
    lo: usize,
    hi: usize,
    total: u64,
}

impl DenseHistogram {
    pub(crate) fn new() -> Self {
        DenseHistogram {
            counts: vec![0; SLOTS],
            lo: SLOTS,
            hi: 0,
            total: 0,
        }
    }

    /// A histogram of a whole run, read only at its end: its bounds cover
    /// every slot from the start, so [`DenseHistogram::record_whole`] need
    /// not keep them (a read scans all slots once). Never emptied with
    /// [`DenseHistogram::take_sparse`].
    pub(crate) fn whole_run() -> Self {
        DenseHistogram {
            counts: vec![0; SLOTS],
            lo: 0,
            hi: SLOTS - 1,
            total: 0,
        }
    }

    /// Records into a [`DenseHistogram::whole_run`] histogram, whose bounds
    /// already cover every slot.
    #[inline]
    pub(crate) fn record_whole(&mut self, v: u64) {
        debug_assert!(self.lo == 0 && self.hi == SLOTS - 1);
        self.counts[slot_of(v)] += 1;
        self.total += 1;
    }

    /// A placeholder without storage (never recorded into).
    pub(crate) fn new_empty() -> Self {
        DenseHistogram {
            counts: Vec::new(),
            lo: SLOTS,
            hi: 0,
            total: 0,
        }
    }

    #[inline]
    pub(crate) fn record(&mut self, v: u64) {
        let s = slot_of(v);
        self.counts[s] += 1;
        self.lo = self.lo.min(s);
        self.hi = self.hi.max(s);
        self.total += 1;
    }

    pub(crate) fn quantile_us(&self, q: f64) -> f64 {
        if self.total == 0 {
            return 0.0;
        }
        let it = (self.lo..=self.hi).map(|s| (s, u64::from(self.counts[s])));
        quantile(it, self.total, q)
    }

    /// A copy of the counts by slot, to read what comes after with
    /// [`DenseHistogram::since`].
    pub(crate) fn mark(&self) -> Vec<u32> {
        self.counts.clone()
    }

    /// What was recorded after `mark` (from [`DenseHistogram::mark`]) as
    /// `(value µs, count)` in increasing order, each value its slot's middle.
    pub(crate) fn since(&self, mark: &[u32]) -> Vec<(f64, u64)> {
        let mut out = Vec::new();
        if self.total > 0 {
            for s in self.lo..=self.hi {
                let c = self.counts[s].saturating_sub(mark.get(s).copied().unwrap_or(0));
                if c > 0 {
                    let (lo, width) = slot_range(s);
                    let mid = if width <= 1.0 { lo } else { lo + width / 2.0 };
                    out.push((mid, u64::from(c)));
                }
            }
        }
        out
    }

    /// The sparse form; leaves this histogram empty.
    pub(crate) fn take_sparse(&mut self) -> Histogram {
        let mut slots = Vec::new();
        if self.total > 0 {
            for s in self.lo..=self.hi {
                let c = u64::from(self.counts[s]);
                if c > 0 {
                    slots.push((s as u32, c));
                    self.counts[s] = 0;
                }
            }
        }
        self.lo = SLOTS;
        self.hi = 0;
        self.total = 0;
        Histogram { slots }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_are_monotonic_and_tight() {
        let mut last = 0;
        for v in (0..2_000_000u64).step_by(7) {
            let s = slot_of(v);
            assert!(s >= last);
            last = s;
            let (lo, w) = slot_range(s);
            assert!(v as f64 >= lo && (v as f64) < lo + w, "{v} {lo} {w}");
            assert!(w <= 1.0 || w / lo <= 1.0 / 128.0);
        }
        assert!(slot_of(u64::MAX) < SLOTS);
    }

    #[test]
    fn quantiles_and_merge() {
        let mut d = DenseHistogram::new();
        for v in 1..=1000u64 {
            d.record(v * 1000);
        }
        let p50 = d.quantile_us(0.5);
        assert!((p50 - 500_000.0).abs() / 500_000.0 < 0.005, "{p50}");
        let mut b = d.take_sparse();
        let a = b.clone();
        b.merge(&a);
        assert_eq!(b.count(), 2000);
        assert!((b.quantile_us(0.99) - 990_000.0).abs() / 990_000.0 < 0.005);
        assert_eq!(d.quantile_us(0.5), 0.0);
    }

    #[test]
    fn failed_requests_only_make_quantiles_worse() {
        let mut d = DenseHistogram::new();
        for v in 1..=100u64 {
            d.record(v * 1000);
        }
        let h = d.take_sparse();
        let p99 = h.quantile_with_failures_ms(0.99, 0).unwrap();
        assert!((p99 - 99.0).abs() < 0.5, "{p99}");
        // Two failures in 102 push the 99th percentile past every completion.
        assert_eq!(h.quantile_with_failures_ms(0.99, 2), None);
        // One failure moves the median up, never down.
        let p50 = h.quantile_with_failures_ms(0.5, 0).unwrap();
        let p50_failed = h.quantile_with_failures_ms(0.5, 10).unwrap();
        assert!(p50_failed > p50, "{p50} {p50_failed}");
        assert_eq!(
            Histogram::default().quantile_with_failures_ms(0.99, 0),
            Some(0.0)
        );
        assert_eq!(Histogram::default().quantile_with_failures_ms(0.5, 3), None);
        assert!((h.max_ms() - 100.0).abs() < 1.0, "{}", h.max_ms());
    }
}
