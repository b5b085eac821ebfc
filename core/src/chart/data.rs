//! The data of each chart, taken from a run: one value per bucket and series.
//!
//! Drawing, the text table and the hover read-out all work from a
//! [`ChartData`], so they always show the same numbers.

use crate::design::ComponentId;
use crate::run::{ComponentPoint, Run};

use super::markers::{Marker, markers};
use super::scope::Scope;

/// The charts of a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChartKind {
    /// End-to-end latency p50, p95 and p99 (whole system only).
    Latency,
    /// Requests and completions per second, with errors by cause stacked.
    Throughput,
    /// Instances by zone and lifecycle state, Spot and On-Demand, group limits.
    Capacity,
    /// Share of workers held and computing, against the scaling target.
    Utilization,
    /// Requests waiting in queues and requests inside (concurrency).
    Queue,
    /// Cost rate, US dollars per hour.
    CostRate,
    /// Cumulative cost, US dollars.
    CumulativeCost,
}

impl ChartKind {
    /// Every chart, in the order the page and the CLI show them.
    pub const ALL: [ChartKind; 7] = [
        ChartKind::Latency,
        ChartKind::Throughput,
        ChartKind::Capacity,
        ChartKind::Utilization,
        ChartKind::Queue,
        ChartKind::CostRate,
        ChartKind::CumulativeCost,
    ];

    /// A stable file-name-safe id (`latency`, `cost-rate`, …).
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            ChartKind::Latency => "latency",
            ChartKind::Throughput => "throughput",
            ChartKind::Capacity => "capacity",
            ChartKind::Utilization => "utilization",
            ChartKind::Queue => "queue",
            ChartKind::CostRate => "cost-rate",
            ChartKind::CumulativeCost => "cumulative-cost",
        }
    }

    /// The chart's title.
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            ChartKind::Latency => "End-to-end latency",
            ChartKind::Throughput => "Throughput and errors",
            ChartKind::Capacity => "Capacity",
            ChartKind::Utilization => "Utilization",
            ChartKind::Queue => "Queue depth and concurrency",
            ChartKind::CostRate => "Cost rate",
            ChartKind::CumulativeCost => "Cumulative cost",
        }
    }

    /// The y axis' description.
    #[must_use]
    pub fn y_desc(self) -> &'static str {
        match self {
            ChartKind::Latency => "latency (ms)",
            ChartKind::Throughput => "requests per second",
            ChartKind::Capacity => "instances",
            ChartKind::Utilization => "share of workers (%)",
            ChartKind::Queue => "requests",
            ChartKind::CostRate => "US$ per hour",
            ChartKind::CumulativeCost => "US$",
        }
    }
}

/// How a series is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeriesStyle {
    /// A line.
    Line,
    /// A filled band stacked on the stacked series before it.
    Stacked,
    /// A thin limit or target line (group min/desired/max, scaling target).
    Limit,
}

/// One series of a chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    /// Its name in the legend, the table and the hover read-out. It may be a
    /// component's label (user text): it is only ever drawn as SVG text, which
    /// plotters escapes.
    pub name: String,
    /// One value per bucket; `None` where the bucket has none (no completions).
    pub values: Vec<Option<f64>>,
    /// How it is drawn.
    pub style: SeriesStyle,
    /// Index into the theme's palette.
    pub colour: usize,
    /// Whether it comes from the pinned run of a comparison (drawn dashed).
    pub pinned: bool,
}

/// Everything one chart shows.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartData {
    /// Which chart.
    pub kind: ChartKind,
    /// What it covers.
    pub scope: Scope,
    /// Start of each bucket, simulated seconds.
    pub x_s: Vec<f64>,
    /// Width of a bucket, seconds.
    pub bucket_s: f64,
    /// The series, in legend order.
    pub series: Vec<Series>,
    /// Events of the run's log, drawn as vertical marks.
    pub markers: Vec<Marker>,
    /// How values are printed in the table and the hover read-out.
    pub unit: Unit,
}

/// How a chart's values are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Milliseconds, one decimal.
    Ms,
    /// A rate per second, one decimal.
    PerSecond,
    /// A count, no decimals (means keep one).
    Count,
    /// A percentage, one decimal.
    Percent,
    /// US dollars, cents (four decimals under a dollar).
    Usd,
}

impl Unit {
    /// A value as text.
    #[must_use]
    pub fn format(self, v: f64) -> String {
        match self {
            Unit::Ms => format!("{v:.1} ms"),
            Unit::PerSecond => format!("{v:.1}/s"),
            Unit::Count if v.fract() == 0.0 => format!("{v:.0}"),
            Unit::Count => format!("{v:.1}"),
            Unit::Percent => format!("{v:.1} %"),
            Unit::Usd if v.abs() < 1.0 => format!("${v:.4}"),
            Unit::Usd => format!("${v:.2}"),
        }
    }
}

impl ChartData {
    /// End of the time axis: the end of the last bucket (at least 1 s).
    #[must_use]
    pub fn x_end(&self) -> f64 {
        self.x_s
            .last()
            .map_or(1.0, |s| s + self.bucket_s.max(0.0))
            .max(1.0)
    }

    /// Whether any series has a value.
    #[must_use]
    pub fn has_values(&self) -> bool {
        self.series
            .iter()
            .any(|s| s.values.iter().any(Option::is_some))
    }

    /// Adds a pinned run's series (named `pinned …`, drawn dashed) for a
    /// comparison; the pinned run's buckets are matched by index.
    pub fn overlay(&mut self, pinned: &ChartData) {
        for s in &pinned.series {
            let mut values = s.values.clone();
            values.resize(self.x_s.len(), None);
            self.series.push(Series {
                name: format!("pinned {}", s.name),
                values,
                // Pinned bands are drawn as dashed outlines, never filled.
                style: s.style,
                colour: s.colour,
                pinned: true,
            });
        }
    }
}

/// Reads a count from a bucket.
type BucketCount = fn(&crate::run::Bucket) -> u64;

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

/// The data of chart `kind` for `scope`, or `None` when the chart does not
/// apply to the scope (latency of one component; the run keeps end-to-end
/// latency only).
#[must_use]
pub fn chart_data(run: &Run, kind: ChartKind, scope: Scope) -> Option<ChartData> {
    let bs = run.bucket_s;
    let n = run.buckets.len();
    let (unit, series) = match (kind, scope) {
        (ChartKind::Latency, Scope::Component(_)) => return None,
        (ChartKind::Latency, Scope::System) => {
            let pick = |f: fn(&crate::run::Bucket) -> f64| {
                run.buckets
                    .iter()
                    .map(|b| Some(f(b)).filter(|v| b.completions > 0 && v.is_finite() && *v >= 0.0))
                    .collect::<Vec<_>>()
            };
            (
                Unit::Ms,
                vec![
                    series("p50", pick(|b| b.p50_ms), SeriesStyle::Line, 0),
                    series("p95", pick(|b| b.p95_ms), SeriesStyle::Line, 1),
                    series("p99", pick(|b| b.p99_ms), SeriesStyle::Line, 2),
                ],
            )
        }
        (ChartKind::Throughput, Scope::System) => {
            let col = |f: fn(&crate::run::Bucket) -> u64| {
                run.buckets
                    .iter()
                    .map(|b| per_s(f(b), bs))
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
            (Unit::PerSecond, v)
        }
        (ChartKind::Throughput, Scope::Component(_)) => {
            let col = |f: fn(&ComponentPoint) -> u64| summed(run, scope, |p| per_s(f(p), bs));
            (
                Unit::PerSecond,
                vec![
                    series("requests", col(|p| p.requests), SeriesStyle::Line, 0),
                    series("completions", col(|p| p.completions), SeriesStyle::Line, 3),
                    series("rejected", col(|p| p.rejections), SeriesStyle::Stacked, 6),
                    series("failed", col(|p| p.failures), SeriesStyle::Stacked, 8),
                ],
            )
        }
        (ChartKind::Capacity, _) => {
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
            let count =
                |f: fn(&ComponentPoint) -> u32| summed(run, scope, |p| Some(f64::from(f(p))));
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
            let limit = |f: fn(&crate::run::GroupSize) -> u32| {
                summed(run, scope, |p| p.group.map(|g| f64::from(f(&g))))
            };
            v.push(series("min", limit(|g| g.min), SeriesStyle::Limit, 13));
            v.push(series(
                "desired",
                limit(|g| g.desired),
                SeriesStyle::Limit,
                14,
            ));
            v.push(series("max", limit(|g| g.max), SeriesStyle::Limit, 15));
            (Unit::Count, v)
        }
        (ChartKind::Utilization, Scope::Component(_)) => {
            let pct = |f: fn(&ComponentPoint) -> f64| summed(run, scope, |p| Some(100.0 * f(p)));
            (
                Unit::Percent,
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
                ],
            )
        }
        (ChartKind::Utilization, Scope::System) => {
            // One line per component with workers: the share of its workers held.
            let v = scoped(run, scope)
                .into_iter()
                .enumerate()
                .map(|(i, (id, pts))| {
                    let vals = (0..n)
                        .map(|k| pts.get(k).map(|p| 100.0 * p.utilization))
                        .collect::<Vec<_>>();
                    series(label(run, id), vals, SeriesStyle::Line, i)
                })
                .filter(|s| is_some_nonzero(&s.values))
                .collect();
            (Unit::Percent, v)
        }
        (ChartKind::Queue, _) => (
            Unit::Count,
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
            ],
        ),
        (ChartKind::CostRate, _) => {
            let v = scoped(run, scope)
                .into_iter()
                .enumerate()
                .map(|(i, (id, pts))| {
                    let vals = (0..n)
                        .map(|k| pts.get(k).map(|p| p.cost_per_hour))
                        .collect::<Vec<_>>();
                    series(label(run, id), vals, SeriesStyle::Stacked, i)
                })
                .filter(|s| is_some_nonzero(&s.values))
                .collect();
            (Unit::Usd, v)
        }
        (ChartKind::CumulativeCost, Scope::System) => {
            let mut acc = 0.0;
            let vals = run
                .buckets
                .iter()
                .map(|b| {
                    acc += b.cost_usd;
                    Some(acc)
                })
                .collect();
            (
                Unit::Usd,
                vec![series("cost so far", vals, SeriesStyle::Line, 0)],
            )
        }
        (ChartKind::CumulativeCost, Scope::Component(_)) => {
            // The run keeps a component's cost rate at the end of each bucket:
            // its cumulative cost is the rate times the bucket's width.
            let mut acc = 0.0;
            let vals = summed(run, scope, |p| Some(p.cost_per_hour))
                .into_iter()
                .map(|r| {
                    acc += r.unwrap_or(0.0) * bs / 3600.0;
                    r.map(|_| acc)
                })
                .collect();
            (
                Unit::Usd,
                vec![series("cost so far", vals, SeriesStyle::Line, 0)],
            )
        }
    };
    Some(ChartData {
        kind,
        scope,
        x_s: run.buckets.iter().map(|b| b.start_s).collect(),
        bucket_s: bs,
        series,
        markers: markers(run, scope),
        unit,
    })
}
