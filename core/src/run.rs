//! What a run produces: time series per metric bucket, per-component
//! statistics, totals and an event log.

use serde::{Deserialize, Serialize};

/// Metrics of one time bucket.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bucket {
    /// Start of the bucket in simulated seconds.
    pub start_s: f64,
    /// Requests that arrived in the bucket.
    pub requests: u64,
    /// Requests that completed successfully in the bucket.
    pub completions: u64,
    /// End-to-end latency percentiles of completions in the bucket, in ms.
    pub p50_ms: f64,
    /// 95th percentile, ms.
    pub p95_ms: f64,
    /// 99th percentile, ms.
    pub p99_ms: f64,
}

/// The result of a run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Run {
    /// Width of one bucket in seconds.
    pub bucket_s: f64,
    /// Buckets in time order.
    pub buckets: Vec<Bucket>,
}
