//! The data of each chart, taken from a run: one value per bucket and series.
//!
//! Drawing, the text table and the hover read-out all work from a
//! [`ChartData`], so they always show the same numbers.

mod series;

pub(crate) use series::capacity_scoped;

use crate::run::Run;

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

    /// How the chart's values are printed.
    fn unit(self) -> Unit {
        match self {
            ChartKind::Latency => Unit::Ms,
            ChartKind::Throughput => Unit::PerSecond,
            ChartKind::Capacity | ChartKind::Queue => Unit::Count,
            ChartKind::Utilization => Unit::Percent,
            ChartKind::CostRate | ChartKind::CumulativeCost => Unit::Usd,
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

/// The data of chart `kind` for `scope`, or `None` when the chart does not
/// apply to the scope (latency of one component; the run keeps end-to-end
/// latency only).
#[must_use]
pub fn chart_data(run: &Run, kind: ChartKind, scope: Scope) -> Option<ChartData> {
    let series = match (kind, scope) {
        (ChartKind::Latency, Scope::Component(_)) => return None,
        (ChartKind::Latency, Scope::System) => series::latency(run),
        (ChartKind::Throughput, Scope::System) => series::throughput(run),
        (ChartKind::Throughput, Scope::Component(_)) => series::component_throughput(run, scope),
        (ChartKind::Capacity, _) => series::capacity(run, scope),
        (ChartKind::Utilization, Scope::Component(_)) => series::component_utilization(run, scope),
        (ChartKind::Utilization, Scope::System) => series::utilization(run, scope),
        (ChartKind::Queue, _) => series::queue(run, scope),
        (ChartKind::CostRate, _) => series::cost_rate(run, scope),
        (ChartKind::CumulativeCost, Scope::System) => series::cumulative_cost(run),
        (ChartKind::CumulativeCost, Scope::Component(_)) => {
            series::component_cumulative_cost(run, scope)
        }
    };
    Some(ChartData {
        kind,
        scope,
        x_s: run.buckets.iter().map(|b| b.start_s).collect(),
        bucket_s: run.bucket_s,
        series,
        markers: markers(run, scope),
        unit: kind.unit(),
    })
}
