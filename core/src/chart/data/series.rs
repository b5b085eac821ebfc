//! The series of each chart, read from a run: one function per chart and
//! scope, each giving the series in legend order.

use crate::catalog::{Kind, Role};
use crate::chart::Scope;
use crate::design::ComponentId;
use crate::run::{Bucket, ComponentPoint, ErrorCause, Run};

use super::{Series, SeriesStyle};

/// Reads a count from a component's point, where it has one.
type PointCount = fn(&ComponentPoint) -> Option<u32>;

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
    sum_over(run, &scoped(run, scope), f)
}

/// The components whose instances the capacity chart counts. One
/// component's chart counts its own; the whole design's counts what its
/// min, desired and max lines describe: the Auto Scaling groups, Spot Fleets
/// and ECS services. A design without any counts its compute instances. A
/// database's primary and replicas are never counted there.
pub(crate) fn capacity_scoped(run: &Run, scope: Scope) -> Vec<(ComponentId, &[ComponentPoint])> {
    let comps = scoped(run, scope);
    if matches!(scope, Scope::Component(_)) {
        return comps;
    }
    let grouped = |pts: &[ComponentPoint]| pts.iter().any(|p| p.group.is_some());
    if comps.iter().any(|(_, pts)| grouped(pts)) {
        return comps.into_iter().filter(|(_, pts)| grouped(pts)).collect();
    }
    let compute = |id: ComponentId| {
        run.component(id)
            .and_then(|c| c.kind.parse::<Kind>().ok())
            .is_some_and(|k| k.role() == Role::Compute)
    };
    comps.into_iter().filter(|(id, _)| compute(*id)).collect()
}

/// Per bucket, the sum of `f` over `comps`.
fn sum_over(
    run: &Run,
    comps: &[(ComponentId, &[ComponentPoint])],
    f: impl Fn(&ComponentPoint) -> Option<f64>,
) -> Vec<Option<f64>> {
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
    for cause in ErrorCause::ALL {
        // A band that only a sudden peak fills is drawn when it has one.
        if cause == ErrorCause::LbScaling && run.totals.errors.lb_scaling == 0 {
            continue;
        }
        let vals = run
            .buckets
            .iter()
            .map(|b| per_s(cause.count(&b.errors), run.bucket_s))
            .collect();
        v.push(series(
            cause.label(run),
            vals,
            SeriesStyle::Stacked,
            cause_colour(cause),
        ));
    }
    v
}

/// The palette index of an error cause's band.
fn cause_colour(cause: ErrorCause) -> usize {
    match cause {
        ErrorCause::Throttled => 4,
        ErrorCause::TimedOut => 5,
        ErrorCause::Rejected => 6,
        ErrorCause::NoHealthyTarget => 7,
        ErrorCause::Failed => 8,
        ErrorCause::InstanceLost => 2,
        ErrorCause::Database => 1,
        ErrorCause::LbScaling => 11,
    }
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
/// On-Demand, and the groups' min, desired and max, over the components of
/// [`capacity_scoped`].
pub(super) fn capacity(run: &Run, scope: Scope) -> Vec<Series> {
    let comps = capacity_scoped(run, scope);
    let count =
        |f: &dyn Fn(&ComponentPoint) -> Option<u32>| sum_over(run, &comps, |p| f(p).map(f64::from));
    let mut v = Vec::new();
    for (z, az) in run.azs.iter().enumerate() {
        let vals = count(&|p| p.instances.in_service_by_az.get(z).copied());
        v.push(series(
            format!("in service {az}"),
            vals,
            SeriesStyle::Stacked,
            z,
        ));
    }
    let lines: [(&str, PointCount, SeriesStyle); 7] = [
        (
            "pending",
            |p| Some(p.instances.pending),
            SeriesStyle::Stacked,
        ),
        (
            "draining",
            |p| Some(p.instances.draining),
            SeriesStyle::Stacked,
        ),
        ("Spot", |p| Some(p.instances.spot), SeriesStyle::Line),
        (
            "On-Demand",
            |p| Some(p.instances.on_demand),
            SeriesStyle::Line,
        ),
        ("min", |p| p.group.map(|g| g.min), SeriesStyle::Limit),
        (
            "desired",
            |p| p.group.map(|g| g.desired),
            SeriesStyle::Limit,
        ),
        ("max", |p| p.group.map(|g| g.max), SeriesStyle::Limit),
    ];
    for (k, (name, f, style)) in lines.into_iter().enumerate() {
        v.push(series(name, count(&f), style, 9 + k));
    }
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
