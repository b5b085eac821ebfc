//! Whole-run figures of a pinned run against the current one.

use crate::run::Run;

use super::data::Unit;

/// One figure compared.
#[derive(Debug, Clone, PartialEq)]
pub struct TotalsDiff {
    /// What is compared (`p95 latency`, `errors`, …).
    pub name: &'static str,
    /// The pinned run's value.
    pub pinned: f64,
    /// The current run's value.
    pub current: f64,
    /// `current - pinned`.
    pub delta: f64,
    /// How the values print.
    pub unit: Unit,
}

impl TotalsDiff {
    /// The pinned value as text.
    #[must_use]
    pub fn pinned_text(&self) -> String {
        self.unit.format(self.pinned)
    }

    /// The current value as text.
    #[must_use]
    pub fn current_text(&self) -> String {
        self.unit.format(self.current)
    }

    /// The delta as text, with its sign (`+12.0 ms`, `-3`, `±0`).
    #[must_use]
    pub fn delta_text(&self) -> String {
        if self.delta == 0.0 {
            return format!("±{}", self.unit.format(0.0));
        }
        let sign = if self.delta > 0.0 { "+" } else { "-" };
        format!("{sign}{}", self.unit.format(self.delta.abs()))
    }
}

/// Most instances alive at once (pending, in service or draining), summed
/// over all groups and instances, at the end of any bucket.
#[must_use]
pub fn peak_capacity(run: &Run) -> u32 {
    (0..run.buckets.len())
        .map(|k| {
            run.series
                .iter()
                .filter_map(|s| s.points.get(k))
                .map(|p| p.instances.pending + p.instances.in_service + p.instances.draining)
                .sum::<u32>()
        })
        .max()
        .unwrap_or(0)
}

/// Latency p50/p95/p99, errors, peak capacity and cost of both runs, with deltas.
#[must_use]
pub fn compare_totals(pinned: &Run, current: &Run) -> Vec<TotalsDiff> {
    let row = |name, unit, f: &dyn Fn(&Run) -> f64| {
        let (p, c) = (f(pinned), f(current));
        TotalsDiff {
            name,
            pinned: p,
            current: c,
            delta: c - p,
            unit,
        }
    };
    vec![
        row("p50 latency", Unit::Ms, &|r| r.totals.p50_ms),
        row("p95 latency", Unit::Ms, &|r| r.totals.p95_ms),
        row("p99 latency", Unit::Ms, &|r| r.totals.p99_ms),
        row("errors", Unit::Count, &|r| r.totals.errors.total() as f64),
        row("peak capacity", Unit::Count, &|r| {
            f64::from(peak_capacity(r))
        }),
        row("cost", Unit::Usd, &|r| r.totals.cost_usd),
    ]
}
