//! Goals: a metric of the run, a comparison and a value, aggregated over a
//! window of the run.

use serde::{Deserialize, Serialize};

use crate::design::ComponentId;
use crate::run::ErrorCause;

/// One goal of a challenge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Goal {
    /// Stable id within the challenge (hints name goals by it).
    pub id: String,
    /// What is measured.
    pub metric: Metric,
    /// How the measure compares with [`Goal::value`].
    pub op: Op,
    /// The limit, in the metric's unit ([`Metric::unit`]).
    pub value: f64,
    /// Over which part of the run the metric is taken.
    #[serde(default)]
    pub over: Aggregation,
    /// Points the goal is worth.
    #[serde(default = "one")]
    pub points: u32,
}

fn one() -> u32 {
    1
}

/// A measure of a run.
///
/// Latencies count every failed request as slower than any completed one, so
/// a design never improves its latency by dropping requests: a percentile
/// that falls among the failed requests has no value (it fails any latency
/// limit), and the mean counts each failed request at the slowest completed
/// one of the window.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Metric {
    /// Share of finished requests that succeeded, percent.
    SuccessRate,
    /// Share of finished requests that failed, percent.
    ErrorRate,
    /// Share of finished requests that failed for one cause, percent.
    ErrorRateBy {
        /// The cause.
        cause: Cause,
    },
    /// Median latency, ms.
    LatencyP50,
    /// 95th percentile latency, ms.
    LatencyP95,
    /// 99th percentile latency, ms.
    LatencyP99,
    /// Mean latency, ms.
    LatencyMean,
    /// Mean cost rate, USD per hour.
    CostPerHour,
    /// Cost accrued in the window, USD.
    CostTotal,
    /// Seconds from the event until the error rate falls under
    /// `below_pct` and stays there (needs [`Aggregation::AfterEvent`]).
    RecoveryS {
        /// The error rate, percent, that counts as recovered.
        below_pct: f64,
    },
    /// Most requests or messages waiting at once (a bucket's mean queue).
    PeakQueueDepth {
        /// The component; `None` sums every component.
        #[serde(default)]
        component: Option<ComponentId>,
    },
    /// Instances in service (mean over the window; the worst bucket takes
    /// the fewest).
    InstancesInService {
        /// The group or instance; `None` sums every component.
        #[serde(default)]
        component: Option<ComponentId>,
    },
}

impl Metric {
    /// The metric's name as a verdict writes it ("p99", "error rate").
    #[must_use]
    pub fn name(&self) -> String {
        match self {
            Metric::SuccessRate => "success rate".to_owned(),
            Metric::ErrorRate => "error rate".to_owned(),
            Metric::ErrorRateBy { cause } => format!("{} rate", cause.name()),
            Metric::LatencyP50 => "p50".to_owned(),
            Metric::LatencyP95 => "p95".to_owned(),
            Metric::LatencyP99 => "p99".to_owned(),
            Metric::LatencyMean => "mean latency".to_owned(),
            Metric::CostPerHour => "cost".to_owned(),
            Metric::CostTotal => "total cost".to_owned(),
            Metric::RecoveryS { .. } => "recovery".to_owned(),
            Metric::PeakQueueDepth { .. } => "peak queue".to_owned(),
            Metric::InstancesInService { .. } => "instances in service".to_owned(),
        }
    }

    /// The unit of the metric's values.
    #[must_use]
    pub fn unit(&self) -> Unit {
        match self {
            Metric::SuccessRate | Metric::ErrorRate | Metric::ErrorRateBy { .. } => Unit::Percent,
            Metric::LatencyP50 | Metric::LatencyP95 | Metric::LatencyP99 | Metric::LatencyMean => {
                Unit::Ms
            }
            Metric::CostPerHour => Unit::UsdPerHour,
            Metric::CostTotal => Unit::Usd,
            Metric::RecoveryS { .. } => Unit::Seconds,
            Metric::PeakQueueDepth { .. } | Metric::InstancesInService { .. } => Unit::Count,
        }
    }

    /// Whether the metric is a latency (failed requests count against it).
    #[must_use]
    pub fn is_latency(&self) -> bool {
        self.unit() == Unit::Ms
    }
}

/// The unit of a metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Percent, 0..100.
    Percent,
    /// Milliseconds.
    Ms,
    /// Seconds.
    Seconds,
    /// US dollars.
    Usd,
    /// US dollars per hour.
    UsdPerHour,
    /// A plain count.
    Count,
}

impl Unit {
    /// `v` in this unit, as a verdict writes it ("187 ms", "0.4%", "$1.20/h").
    #[must_use]
    pub fn format(self, v: f64) -> String {
        match self {
            Unit::Percent if v != 0.0 && v.abs() < 0.1 => format!("{v:.3}%"),
            Unit::Percent => format!("{}%", trim(v, 2)),
            Unit::Ms => format!("{} ms", trim(v, if v < 10.0 { 1 } else { 0 })),
            Unit::Seconds => format!("{} s", trim(v, 0)),
            Unit::Usd => format!("${v:.2}"),
            Unit::UsdPerHour => format!("${v:.3}/h"),
            Unit::Count => trim(v, 1),
        }
    }
}

/// `v` with at most `decimals` decimals and no trailing zeros.
fn trim(v: f64, decimals: usize) -> String {
    let s = format!("{v:.decimals$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_owned()
    } else {
        s
    }
}

/// How a measure compares with the goal's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Op {
    /// The measure may not exceed the value.
    #[serde(rename = "<=")]
    AtMost,
    /// The measure may not fall below the value.
    #[serde(rename = ">=")]
    AtLeast,
}

impl Op {
    /// Whether `measured` meets `limit`; `None` (a latency among failed
    /// requests, no recovery) never meets an upper limit and always meets a
    /// lower one.
    #[must_use]
    pub fn holds(self, measured: Option<f64>, limit: f64) -> bool {
        match (self, measured) {
            (Op::AtMost, Some(v)) => v <= limit,
            (Op::AtLeast, Some(v)) => v >= limit,
            (Op::AtMost, None) => false,
            (Op::AtLeast, None) => true,
        }
    }

    /// The sign a verdict writes for a goal met (`true`) or missed.
    #[must_use]
    pub fn sign(self, met: bool) -> &'static str {
        match (self, met) {
            (Op::AtMost, true) => "≤",
            (Op::AtMost, false) => ">",
            (Op::AtLeast, true) => "≥",
            (Op::AtLeast, false) => "<",
        }
    }

    /// Whether `a` is worse than `b` for this comparison (`None` is the
    /// worst of all for an upper limit).
    #[must_use]
    pub fn worse(self, a: Option<f64>, b: Option<f64>) -> bool {
        match (self, a, b) {
            (_, None, None) => false,
            (Op::AtMost, None, Some(_)) | (Op::AtLeast, Some(_), None) => true,
            (Op::AtMost, Some(_), None) | (Op::AtLeast, None, Some(_)) => false,
            (Op::AtMost, Some(x), Some(y)) => x > y,
            (Op::AtLeast, Some(x), Some(y)) => x < y,
        }
    }
}

/// Over which part of the run a goal's metric is taken. The warm-up of the
/// challenge's scenario is always left out.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Aggregation {
    /// The whole run after the warm-up, as one window.
    #[default]
    AfterWarmup,
    /// Every bucket after the warm-up on its own: the goal holds when at
    /// most `allowed_over` buckets miss it.
    WorstBucket {
        /// Buckets that may miss the goal.
        #[serde(default)]
        allowed_over: u32,
    },
    /// The part of the run from an event to the end.
    AfterEvent {
        /// The event.
        event: EventRef,
    },
}

/// An event a goal is measured after.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EventRef {
    /// An event of the challenge's scenario timeline, by position.
    Timeline {
        /// Its index in the timeline.
        index: u32,
    },
    /// The zone outage of an "each AZ in turn" variant.
    AzLoss,
}

/// A cause of failed requests, as a challenge names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cause {
    /// Refused by a rate or concurrency limit (429).
    Throttled,
    /// No answer within the client's timeout.
    TimedOut,
    /// Every worker busy and the queue full (503).
    Rejected,
    /// A load balancer had no healthy target.
    NoHealthyTarget,
    /// The application or a service it called failed.
    Failed,
    /// The serving instance failed or was terminated.
    InstanceLost,
    /// The database had no primary in service.
    Database,
}

impl Cause {
    /// The run's cause this names.
    #[must_use]
    pub fn error_cause(self) -> ErrorCause {
        match self {
            Cause::Throttled => ErrorCause::Throttled,
            Cause::TimedOut => ErrorCause::TimedOut,
            Cause::Rejected => ErrorCause::Rejected,
            Cause::NoHealthyTarget => ErrorCause::NoHealthyTarget,
            Cause::Failed => ErrorCause::Failed,
            Cause::InstanceLost => ErrorCause::InstanceLost,
            Cause::Database => ErrorCause::Database,
        }
    }

    /// A short name ("throttled").
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Cause::Throttled => "throttled",
            Cause::TimedOut => "timed-out",
            Cause::Rejected => "rejected",
            Cause::NoHealthyTarget => "no-healthy-target",
            Cause::Failed => "failed",
            Cause::InstanceLost => "instance-lost",
            Cause::Database => "database",
        }
    }
}
