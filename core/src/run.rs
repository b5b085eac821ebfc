//! What a run produces: time series per metric bucket, per-component
//! statistics, totals and an event log.
//!
//! Every field added after the first version carries `#[serde(default)]`, so a
//! stored run (or one sent by an older worker) still decodes.

pub mod csv;
mod errors;
mod frame;
mod histogram;

pub use errors::{ErrorCause, Errors};
pub use frame::{ComponentFrame, Frame, Health, Instances, LinkFrame};
pub(crate) use histogram::DenseHistogram;
pub use histogram::Histogram;

use serde::{Deserialize, Serialize};

use crate::design::{ComponentId, LinkId};

/// Metrics of one time bucket, as seen by the users (end to end).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bucket {
    /// Start of the bucket in simulated seconds.
    pub start_s: f64,
    /// Requests that arrived in the bucket (first attempts; retries are not new requests).
    pub requests: u64,
    /// Requests that completed successfully in the bucket.
    pub completions: u64,
    /// End-to-end latency percentiles of completions in the bucket, in ms.
    pub p50_ms: f64,
    /// 95th percentile, ms.
    pub p95_ms: f64,
    /// 99th percentile, ms.
    pub p99_ms: f64,
    /// Mean end-to-end latency of completions, ms.
    #[serde(default)]
    pub mean_ms: f64,
    /// Requests that ended in an error in the bucket, by cause.
    #[serde(default)]
    pub errors: Errors,
    /// Retries sent by clients in the bucket.
    #[serde(default)]
    pub retries: u64,
    /// The latency histogram of completions (mergeable across buckets).
    #[serde(default)]
    pub latency: Histogram,
    /// Cost accrued in the bucket, US dollars.
    #[serde(default)]
    pub cost_usd: f64,
}

/// Instances of a group by lifecycle state and purchase option.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct InstanceCounts {
    /// Launching: booting or waiting in a launch lifecycle hook.
    #[serde(default)]
    pub pending: u32,
    /// In service.
    #[serde(default)]
    pub in_service: u32,
    /// Deregistered from its load balancers, finishing in-flight requests.
    #[serde(default)]
    pub draining: u32,
    /// Being terminated (including a terminate lifecycle hook).
    #[serde(default)]
    pub terminating: u32,
    /// Of the above, Spot instances.
    #[serde(default)]
    pub spot: u32,
    /// Of the above, On-Demand instances.
    #[serde(default)]
    pub on_demand: u32,
    /// In-service instances per Availability Zone, in the order of [`Run::azs`].
    #[serde(default)]
    pub in_service_by_az: Vec<u32>,
}

/// An Auto Scaling group's size limits and scaling target at the end of a bucket.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct GroupSize {
    /// Minimum size.
    pub min: u32,
    /// Desired capacity.
    pub desired: u32,
    /// Maximum size.
    pub max: u32,
    /// Target of a target-tracking policy on average CPU, as a share 0..1
    /// (compare with [`ComponentPoint::cpu`]); `None` for other policies.
    #[serde(default)]
    pub cpu_target: Option<f64>,
}

/// One component's metrics in one bucket.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ComponentPoint {
    /// Requests that arrived at the component.
    #[serde(default)]
    pub requests: u64,
    /// Requests it finished successfully.
    #[serde(default)]
    pub completions: u64,
    /// Requests it refused (queue full, no target, throttled).
    #[serde(default)]
    pub rejections: u64,
    /// Requests that failed inside it.
    #[serde(default)]
    pub failures: u64,
    /// Share of workers held (serving or waiting on a call), 0..1.
    #[serde(default)]
    pub utilization: f64,
    /// Share of workers computing (the CPU metric), 0..1.
    #[serde(default)]
    pub cpu: f64,
    /// Mean number of requests waiting in queues.
    #[serde(default)]
    pub queue_len: f64,
    /// Mean number of requests inside the component (queued or held).
    #[serde(default)]
    pub in_flight: f64,
    /// Instance counts at the end of the bucket (groups and instances only).
    #[serde(default)]
    pub instances: InstanceCounts,
    /// Cost rate at the end of the bucket, US dollars per hour.
    #[serde(default)]
    pub cost_per_hour: f64,
    /// Healthy targets at the end of the bucket (load balancers only).
    #[serde(default)]
    pub healthy_targets: u32,
    /// Age of the oldest waiting message at the end of the bucket, seconds:
    /// ApproximateAgeOfOldestMessage for an SQS queue, the largest iterator
    /// age over shards and consumers for a Kinesis stream; 0 elsewhere.
    #[serde(default)]
    pub age_s: f64,
    /// Size limits of the Auto Scaling group or Spot Fleet (groups only).
    #[serde(default)]
    pub group: Option<GroupSize>,
}

/// The time series of one component.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ComponentSeries {
    /// The component.
    pub id: ComponentId,
    /// One point per bucket, aligned with [`Run::buckets`].
    #[serde(default)]
    pub points: Vec<ComponentPoint>,
}

/// A component's statistics over the measured part of the run.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ComponentSummary {
    /// The component.
    pub id: ComponentId,
    /// Catalog kind id.
    #[serde(default)]
    pub kind: String,
    /// The user's label.
    #[serde(default)]
    pub label: String,
    /// Requests that arrived.
    #[serde(default)]
    pub requests: u64,
    /// Requests served successfully.
    #[serde(default)]
    pub completions: u64,
    /// Requests refused.
    #[serde(default)]
    pub rejections: u64,
    /// Requests that failed inside it.
    #[serde(default)]
    pub failures: u64,
    /// Mean share of workers held, 0..1.
    #[serde(default)]
    pub utilization: f64,
    /// Mean share of workers computing, 0..1.
    #[serde(default)]
    pub cpu: f64,
    /// Share of served requests that had to wait for a worker.
    #[serde(default)]
    pub waited_share: f64,
    /// Mean wait in queue, ms.
    #[serde(default)]
    pub mean_wait_ms: f64,
    /// Mean time in the component (wait + service + calls it made), ms.
    #[serde(default)]
    pub mean_time_ms: f64,
    /// Mean number waiting in queues.
    #[serde(default)]
    pub mean_queue_len: f64,
    /// Mean number inside the component.
    #[serde(default)]
    pub mean_in_flight: f64,
    /// Completions per second.
    #[serde(default)]
    pub throughput_per_s: f64,
    /// Percentiles of the wait in queue, ms: p50, p95, p99.
    #[serde(default)]
    pub wait_pct_ms: [f64; 3],
    /// Percentiles of the time in the component, ms: p50, p95, p99.
    #[serde(default)]
    pub time_pct_ms: [f64; 3],
    /// Cost over the whole run, US dollars.
    #[serde(default)]
    pub cost_usd: f64,
    /// What only managed serverless services report (absent for others).
    #[serde(default)]
    pub serverless: Option<ServerlessSummary>,
    /// A Multi-AZ database's failover time, seconds (absent for others).
    #[serde(default)]
    pub failover_s: Option<f64>,
}

/// Figures of a managed serverless service over the measured part of the run.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ServerlessSummary {
    /// Requests refused by a rate or concurrency limit (429).
    #[serde(default)]
    pub throttled: u64,
    /// Invocations that started a new execution environment (Lambda).
    #[serde(default)]
    pub cold_starts: u64,
    /// Most invocations running at once (Lambda).
    #[serde(default)]
    pub peak_concurrency: u32,
    /// Calls stopped by a timeout.
    #[serde(default)]
    pub timeouts: u64,
    /// Asynchronous events retried after a failure (Lambda).
    #[serde(default)]
    pub async_retries: u64,
    /// Asynchronous events sent to the failure destination after their retries (Lambda).
    #[serde(default)]
    pub async_failed: u64,
    /// Requests answered from a response cache (API Gateway).
    #[serde(default)]
    pub cache_hits: u64,
    /// Cacheable requests the cache could not answer (API Gateway).
    #[serde(default)]
    pub cache_misses: u64,
}

/// Whole-run figures, as seen by the users.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Totals {
    /// Requests sent (first attempts).
    #[serde(default)]
    pub requests: u64,
    /// Requests completed successfully.
    #[serde(default)]
    pub completions: u64,
    /// Requests that ended in an error, by cause.
    #[serde(default)]
    pub errors: Errors,
    /// Retries sent.
    #[serde(default)]
    pub retries: u64,
    /// Mean end-to-end latency of completions, ms.
    #[serde(default)]
    pub mean_ms: f64,
    /// Median, ms.
    #[serde(default)]
    pub p50_ms: f64,
    /// 95th percentile, ms.
    #[serde(default)]
    pub p95_ms: f64,
    /// 99th percentile, ms.
    #[serde(default)]
    pub p99_ms: f64,
    /// Total cost, US dollars.
    #[serde(default)]
    pub cost_usd: f64,
    /// Events the engine processed.
    #[serde(default)]
    pub events: u64,
}

/// Requests carried by one link, per bucket.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LinkSeries {
    /// The link.
    pub id: LinkId,
    /// Requests that went over it in each bucket, aligned with [`Run::buckets`]
    /// (every attempt counts, refused or not).
    #[serde(default)]
    pub requests: Vec<u64>,
}

/// An Availability Zone or region outage during the run.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Outage {
    /// The zone's name; `None` for a region.
    #[serde(default)]
    pub az: Option<String>,
    /// The Region frame's label when one region failed; `None` with no zone
    /// means every region.
    #[serde(default)]
    pub region: Option<String>,
    /// When it started, simulated seconds.
    pub start_s: f64,
    /// When it ended; `None` if it lasted to the end of the run.
    #[serde(default)]
    pub end_s: Option<f64>,
}

impl Outage {
    /// Whether the outage is on at simulated second `t_s`.
    #[must_use]
    pub fn covers(&self, t_s: f64) -> bool {
        t_s >= self.start_s && self.end_s.is_none_or(|e| t_s < e)
    }
}

/// One line of the event log.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct LogEntry {
    /// When, in simulated seconds.
    pub t_s: f64,
    /// The component concerned, if any.
    #[serde(default)]
    pub component: Option<ComponentId>,
    /// What happened, in plain words.
    pub text: String,
}

impl LogEntry {
    /// The entry as a log line: `00:12:30 i-7 in us-east-1a failed …`.
    #[must_use]
    pub fn line(&self) -> String {
        format!("{} {}", clock(self.t_s), self.text)
    }
}

/// Formats simulated seconds as `hh:mm:ss`.
#[must_use]
pub fn clock(t_s: f64) -> String {
    let t = t_s.max(0.0).floor() as u64;
    format!("{:02}:{:02}:{:02}", t / 3600, (t / 60) % 60, t % 60)
}

/// Formats simulated seconds as `m:ss`, or `h:mm:ss` from an hour up: the
/// times of the event log and of the charts' time axes.
#[must_use]
pub fn mmss(t_s: f64) -> String {
    let t = if t_s.is_finite() {
        t_s.max(0.0) as u64
    } else {
        0
    };
    if t >= 3600 {
        format!("{}:{:02}:{:02}", t / 3600, (t / 60) % 60, t % 60)
    } else {
        format!("{}:{:02}", t / 60, t % 60)
    }
}

/// The result of a run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Run {
    /// Width of one bucket in seconds.
    pub bucket_s: f64,
    /// Buckets in time order.
    pub buckets: Vec<Bucket>,
    /// Simulated seconds covered.
    #[serde(default)]
    pub duration_s: f64,
    /// The seed the run used.
    #[serde(default)]
    pub seed: u64,
    /// Availability Zone names, the order used by per-AZ counts.
    #[serde(default)]
    pub azs: Vec<String>,
    /// Per-component time series.
    #[serde(default)]
    pub series: Vec<ComponentSeries>,
    /// Per-component statistics (after the scenario's warm-up).
    #[serde(default)]
    pub components: Vec<ComponentSummary>,
    /// Whole-run figures (after the scenario's warm-up).
    #[serde(default)]
    pub totals: Totals,
    /// What happened, in time order.
    #[serde(default)]
    pub log: Vec<LogEntry>,
    /// Log entries left out once the log reached its cap.
    #[serde(default)]
    pub log_dropped: u64,
    /// Requests carried per link and bucket.
    #[serde(default)]
    pub links: Vec<LinkSeries>,
    /// Zone and region outages, in the order they started.
    #[serde(default)]
    pub outages: Vec<Outage>,
}

impl Run {
    /// The summary of one component.
    #[must_use]
    pub fn component(&self, id: ComponentId) -> Option<&ComponentSummary> {
        self.components.iter().find(|c| c.id == id)
    }

    /// The time series of one component.
    #[must_use]
    pub fn series_of(&self, id: ComponentId) -> Option<&ComponentSeries> {
        self.series.iter().find(|c| c.id == id)
    }

    /// A 64-bit digest of everything in the run (FNV-1a over its JSON form).
    ///
    /// Floating-point values are printed by serde_json's shortest round-trip
    /// formatting, so two runs have the same digest exactly when every number
    /// in them is bit for bit the same: this is how a native run is compared
    /// with the same run computed as wasm.
    #[must_use]
    pub fn digest(&self) -> u64 {
        let bytes = serde_json::to_vec(self).unwrap_or_default();
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        h
    }
}
