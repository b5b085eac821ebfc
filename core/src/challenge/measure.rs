//! A goal's metric read from a run, over a window of buckets.

use super::goal::{Aggregation, Goal, Metric, Op};
use crate::run::{Bucket, Errors, Histogram, Run};

/// What a goal measured in one run.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Measured {
    /// The value; `None` when it lies beyond any number (a percentile among
    /// failed requests, no recovery before the end).
    pub value: Option<f64>,
    /// Whether the goal holds in this run.
    pub met: bool,
    /// The moment that decided the value, simulated seconds: the worst
    /// bucket's start, or the recovery.
    pub at_s: Option<f64>,
}

/// Measures `goal` on `run`, whose measured part starts at `warmup_s`;
/// `event_s` is when the goal's event happened (for [`Aggregation::AfterEvent`]).
pub(crate) fn measure(goal: &Goal, run: &Run, warmup_s: f64, event_s: Option<f64>) -> Measured {
    let from_s = match goal.over {
        Aggregation::AfterEvent { .. } => event_s.unwrap_or(warmup_s).max(warmup_s),
        _ => warmup_s,
    };
    let window: Vec<usize> = (0..run.buckets.len())
        .filter(|&i| run.buckets[i].start_s + run.bucket_s > from_s + 1e-9)
        .collect();
    if let Metric::RecoveryS { below_pct } = goal.metric {
        let (value, at_s) = recovery(run, &window, from_s, below_pct);
        return Measured {
            value,
            met: goal.op.holds(value, goal.value),
            at_s: Some(at_s),
        };
    }
    let per_bucket: Vec<(usize, Option<f64>)> = window
        .iter()
        .map(|&i| (i, value(goal.metric, run, &[i])))
        .collect();
    let worst_first = sorted_worst_first(goal.op, per_bucket);
    match goal.over {
        Aggregation::WorstBucket { allowed_over } => {
            let missed = worst_first
                .iter()
                .filter(|(_, v)| !goal.op.holds(*v, goal.value))
                .count();
            // The value that counts: the worst bucket once the allowed
            // misses are set aside.
            let counted = worst_first
                .get(allowed_over as usize)
                .or(worst_first.last());
            Measured {
                value: counted.and_then(|c| c.1),
                met: missed <= allowed_over as usize,
                at_s: worst_first.first().map(|w| run.buckets[w.0].start_s),
            }
        }
        Aggregation::AfterWarmup | Aggregation::AfterEvent { .. } => {
            let v = value(goal.metric, run, &window);
            Measured {
                value: v,
                met: goal.op.holds(v, goal.value),
                at_s: worst_first.first().map(|w| run.buckets[w.0].start_s),
            }
        }
    }
}

fn sorted_worst_first(op: Op, mut v: Vec<(usize, Option<f64>)>) -> Vec<(usize, Option<f64>)> {
    // Stable, so equal values keep time order (the earliest first).
    v.sort_by(|a, b| {
        if op.worse(a.1, b.1) {
            std::cmp::Ordering::Less
        } else if op.worse(b.1, a.1) {
            std::cmp::Ordering::Greater
        } else {
            std::cmp::Ordering::Equal
        }
    });
    v
}

/// Requests that finished in the buckets: (completions, errors by cause).
fn finished<'a>(buckets: impl Iterator<Item = &'a Bucket>) -> (u64, Errors) {
    let mut errors = Errors::default();
    let mut completions = 0;
    for b in buckets {
        completions += b.completions;
        errors.add(&b.errors);
    }
    (completions, errors)
}

fn percent(part: u64, whole: u64) -> f64 {
    if whole == 0 {
        0.0
    } else {
        100.0 * part as f64 / whole as f64
    }
}

/// The metric over the buckets `idx` of `run` taken as one window.
pub(crate) fn value(metric: Metric, run: &Run, idx: &[usize]) -> Option<f64> {
    let buckets = || idx.iter().map(|&i| &run.buckets[i]);
    let (completions, errors) = finished(buckets());
    let total = completions + errors.total();
    let hours = idx.len() as f64 * run.bucket_s / 3600.0;
    let latency = |q: f64| {
        let mut h = Histogram::default();
        buckets().for_each(|b| h.merge(&b.latency));
        h.quantile_with_failures_ms(q, errors.total())
    };
    match metric {
        Metric::SuccessRate if total == 0 => Some(100.0),
        Metric::SuccessRate => Some(percent(completions, total)),
        Metric::ErrorRate => Some(percent(errors.total(), total)),
        Metric::ErrorRateBy { cause } => Some(percent(cause.error_cause().count(&errors), total)),
        Metric::LatencyP50 => latency(0.50),
        Metric::LatencyP95 => latency(0.95),
        Metric::LatencyP99 => latency(0.99),
        Metric::LatencyMean => Some(mean_counting_failures(buckets(), errors.total())),
        Metric::CostPerHour if hours <= 0.0 => Some(0.0),
        Metric::CostPerHour => Some(buckets().map(|b| b.cost_usd).sum::<f64>() / hours),
        Metric::CostTotal => Some(buckets().map(|b| b.cost_usd).sum()),
        Metric::RecoveryS { .. } => None,
        Metric::PeakQueueDepth { component } => Some(
            idx.iter()
                .map(|&i| component_sum(run, component, i, |p| p.queue_len))
                .fold(0.0, f64::max),
        ),
        Metric::InstancesInService { component } if !idx.is_empty() => Some(
            idx.iter()
                .map(|&i| component_sum(run, component, i, |p| f64::from(p.instances.in_service)))
                .sum::<f64>()
                / idx.len() as f64,
        ),
        Metric::InstancesInService { .. } => Some(0.0),
    }
}

/// The mean latency with each failed request counted at the slowest
/// completion of the window (so failing a request never lowers the mean).
fn mean_counting_failures<'a>(buckets: impl Iterator<Item = &'a Bucket>, failed: u64) -> f64 {
    let mut h = Histogram::default();
    let mut sum = 0.0;
    let mut n = 0u64;
    for b in buckets {
        sum += b.mean_ms * b.completions as f64;
        n += b.completions;
        h.merge(&b.latency);
    }
    let total = n + failed;
    if total == 0 {
        return 0.0;
    }
    (sum + failed as f64 * h.max_ms()) / total as f64
}

/// A per-component figure in bucket `i`, summed over `component` (or all).
fn component_sum(
    run: &Run,
    component: Option<crate::design::ComponentId>,
    i: usize,
    f: impl Fn(&crate::run::ComponentPoint) -> f64,
) -> f64 {
    run.series
        .iter()
        .filter(|s| component.is_none_or(|c| c == s.id))
        .filter_map(|s| s.points.get(i))
        .map(f)
        .sum()
}

/// Seconds from `from_s` to the end of the last bucket of the window whose
/// error rate exceeds `below_pct` (0 when none does), and that moment;
/// `None` when the last bucket still exceeds it.
pub(crate) fn recovery(
    run: &Run,
    window: &[usize],
    from_s: f64,
    below_pct: f64,
) -> (Option<f64>, f64) {
    let over = |i: usize| value(Metric::ErrorRate, run, &[i]).unwrap_or(0.0) > below_pct;
    match window.iter().rev().position(|&i| over(i)) {
        None => (Some(0.0), from_s),
        Some(0) => (None, run.duration_s),
        Some(k) => {
            let i = window[window.len() - 1 - k];
            let end = run.buckets[i].start_s + run.bucket_s;
            (Some((end - from_s).max(0.0)), end)
        }
    }
}
