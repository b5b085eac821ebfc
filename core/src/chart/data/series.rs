//! The series of each chart, read from a run: one function per chart and
//! scope, each giving the series in legend order.

use crate::chart::Scope;
use crate::design::ComponentId;
use crate::run::{Bucket, ComponentPoint, GroupSize, Run};

use super::{Series, SeriesStyle};

/// Reads a count from a bucket.
type BucketCount = fn(&Bucket) -> u64;

fn per_s(n: u64, bucket_s: f64) -> Option<f64> {
    (bucket_s > 0.0).then(|| n as f64 / bucket_s)
}

fn series(
    name: impl Into<String>,
    values: Vec<Option<f64>>,
    style: SeriesStyle,
    colour: usize,
) -> Series {
    Series {
        name: name.into(),
        values,
        style,
        colour,
        pinned: false,
    }
}

/// The label of a component, or its id when it has no label.
fn label(run: &Run, id: ComponentId) -> String {
    run.component(id)
        .map(|c| c.label.clone())
        .filter(|l| !l.trim().is_empty())
        .unwrap_or_else(|| id.to_string())
}

/// The points of the series in scope, one list per component.
fn scoped(run: &Run, scope: Scope) -> Vec<(ComponentId, &[ComponentPoint])> {
    run.series
        .iter()
        .filter(|s| match scope {
            Scope::System => true,
            Scope::Component(id) => s.id == id,
        })
        .map(|s| (s.id, s.points.as_slice()))
        .collect()
}

/// Per bucket, the sum of `f` over the components in scope.
fn summed(run: &Run, scope: Scope, f: impl Fn(&ComponentPoint) -> Option<f64>) -> Vec<Option<f64>> {
    let comps = scoped(run, scope);
    (0..run.buckets.len())
        .map(|k| {
            comps
                .iter()
                .filter_map(|(_, pts)| pts.get(k).and_then(&f))
                .fold(None, |acc: Option<f64>, v| Some(acc.unwrap_or(0.0) + v))
        })
        .collect()
}

fn is_some_nonzero(v: &[Option<f64>]) -> bool {
    v.iter().any(|x| x.is_some_and(|x| x != 0.0))
}

/// One series per component in scope, named by its label, from `f` of its
/// points; components whose values stay at zero are left out.
fn per_component(
    run: &Run,
    scope: Scope,
    style: SeriesStyle,
    f: impl Fn(&ComponentPoint) -> f64,
) -> Vec<Series> {
    let n = run.buckets.len();
    scoped(run, scope)
        .into_iter()
        .enumerate()
        .map(|(i, (id, pts))| {
            let vals = (0..n).map(|k| pts.get(k).map(&f)).collect::<Vec<_>>();
            series(label(run, id), vals, style, i)
        })
        .filter(|s| is_some_nonzero(&s.values))
        .collect()
}

/// End-to-end latency p50, p95 and p99 of the whole system, where a bucket
/// has completions.
pub(super) fn latency(run: &Run) -> Vec<Series> {
    let pick = |f: fn(&Bucket) -> f64| {
        run.buckets
            .iter()
            .map(|b| Some(f(b)).filter(|v| b.completions > 0 && v.is_finite() && *v >= 0.0))
            .collect::<Vec<_>>()
    };
    vec![
        series("p50", pick(|b| b.p50_ms), SeriesStyle::Line, 0),
        series("p95", pick(|b| b.p95_ms), SeriesStyle::Line, 1),
        series("p99", pick(|b| b.p99_ms), SeriesStyle::Line, 2),
    ]
}

/// Requests and completions of the whole system, with errors stacked by cause.
pub(super) fn throughput(run: &Run) -> Vec<Series> {
    let col = |f: fn(&Bucket) -> u64| {
        run.buckets
            .iter()
            .map(|b| per_s(f(b), run.bucket_s))
            .collect::<Vec<_>>()
    };
    let mut v = vec![
        series("requests", col(|b| b.requests), SeriesStyle::Line, 0),
        series("completions", col(|b| b.completions), SeriesStyle::Line, 3),
    ];
    let causes: [(&str, BucketCount); 5] = [
        ("throttled", |b| b.errors.throttled),
        ("timed out", |b| b.errors.timed_out),
        ("rejected", |b| b.errors.rejected),
        ("no healthy target", |b| b.errors.no_healthy_target),
        ("failed", |b| b.errors.failed),
    ];
    for (i, (name, f)) in causes.into_iter().enumerate() {
        v.push(series(name, col(f), SeriesStyle::Stacked, 4 + i));
    }
    v
}

/// Requests and completions of one component, with rejections and failures stacked.
pub(super) fn component_throughput(run: &Run, scope: Scope) -> Vec<Series> {
    let bs = run.bucket_s;
    let col = |f: fn(&ComponentPoint) -> u64| summed(run, scope, |p| per_s(f(p), bs));
    vec![
        series("requests", col(|p| p.requests), SeriesStyle::Line, 0),
        series("completions", col(|p| p.completions), SeriesStyle::Line, 3),
        series("rejected", col(|p| p.rejections), SeriesStyle::Stacked, 6),
        series("failed", col(|p| p.failures), SeriesStyle::Stacked, 8),
    ]
}

/// Instances in service by zone, pending and draining (stacked), Spot and
/// On-Demand, and the groups' min, desired and max.
pub(super) fn capacity(run: &Run, scope: Scope) -> Vec<Series> {
    let mut v = Vec::new();
    for (z, az) in run.azs.iter().enumerate() {
        let vals = summed(run, scope, |p| {
            p.instances.in_service_by_az.get(z).map(|&c| f64::from(c))
        });
        v.push(series(
            format!("in service {az}"),
            vals,
            SeriesStyle::Stacked,
            z,
        ));
    }
    let count = |f: fn(&ComponentPoint) -> u32| summed(run, scope, |p| Some(f64::from(f(p))));
    v.push(series(
        "pending",
        count(|p| p.instances.pending),
        SeriesStyle::Stacked,
        9,
    ));
    v.push(series(
        "draining",
        count(|p| p.instances.draining),
        SeriesStyle::Stacked,
        10,
    ));
    v.push(series(
        "Spot",
        count(|p| p.instances.spot),
        SeriesStyle::Line,
        11,
    ));
    v.push(series(
        "On-Demand",
        count(|p| p.instances.on_demand),
        SeriesStyle::Line,
        12,
    ));
    let limit =
        |f: fn(&GroupSize) -> u32| summed(run, scope, |p| p.group.map(|g| f64::from(f(&g))));
    v.push(series("min", limit(|g| g.min), SeriesStyle::Limit, 13));
    v.push(series(
        "desired",
        limit(|g| g.desired),
        SeriesStyle::Limit,
        14,
    ));
    v.push(series("max", limit(|g| g.max), SeriesStyle::Limit, 15));
    v
}

/// One component's workers held and CPU, against its scaling target.
pub(super) fn component_utilization(run: &Run, scope: Scope) -> Vec<Series> {
    let pct = |f: fn(&ComponentPoint) -> f64| summed(run, scope, |p| Some(100.0 * f(p)));
    vec![
        series("held", pct(|p| p.utilization), SeriesStyle::Line, 0),
        series("CPU", pct(|p| p.cpu), SeriesStyle::Line, 1),
        series(
            "scaling target",
            summed(run, scope, |p| {
                p.group.and_then(|g| g.cpu_target).map(|t| 100.0 * t)
            }),
            SeriesStyle::Limit,
            2,
        ),
    ]
}

/// One line per component with workers: the share of its workers held.
pub(super) fn utilization(run: &Run, scope: Scope) -> Vec<Series> {
    per_component(run, scope, SeriesStyle::Line, |p| 100.0 * p.utilization)
}

/// Requests waiting in queues and requests in flight.
pub(super) fn queue(run: &Run, scope: Scope) -> Vec<Series> {
    vec![
        series(
            "waiting in queues",
            summed(run, scope, |p| Some(p.queue_len)),
            SeriesStyle::Line,
            0,
        ),
        series(
            "in flight",
            summed(run, scope, |p| Some(p.in_flight)),
            SeriesStyle::Line,
            1,
        ),
    ]
}

/// Each component's cost rate, stacked.
pub(super) fn cost_rate(run: &Run, scope: Scope) -> Vec<Series> {
    per_component(run, scope, SeriesStyle::Stacked, |p| p.cost_per_hour)
}

/// The whole system's cost so far, from each bucket's cost.
pub(super) fn cumulative_cost(run: &Run) -> Vec<Series> {
    let mut acc = 0.0;
    let vals = run
        .buckets
        .iter()
        .map(|b| {
            acc += b.cost_usd;
            Some(acc)
        })
        .collect();
    vec![series("cost so far", vals, SeriesStyle::Line, 0)]
}

/// One component's cost so far. The run keeps a component's cost rate at
/// the end of each bucket: its cumulative cost is the rate times the
/// bucket's width.
pub(super) fn component_cumulative_cost(run: &Run, scope: Scope) -> Vec<Series> {
    let bs = run.bucket_s;
    let mut acc = 0.0;
    let vals = summed(run, scope, |p| Some(p.cost_per_hour))
        .into_iter()
        .map(|r| {
            acc += r.unwrap_or(0.0) * bs / 3600.0;
            r.map(|_| acc)
        })
        .collect();
    vec![series("cost so far", vals, SeriesStyle::Line, 0)]
}
