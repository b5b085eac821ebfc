//! Scenarios: the traffic and the timeline of events a design is run against.

use serde::{Deserialize, Serialize};

/// What a run is driven by: how long, which seed, the traffic and the timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scenario {
    /// Simulated duration in seconds.
    pub duration_s: f64,
    /// Seed of every random stream in the run.
    pub seed: u64,
    /// Width of one metric bucket in seconds.
    pub bucket_s: f64,
}

impl Default for Scenario {
    fn default() -> Self {
        Scenario { duration_s: 600.0, seed: 1, bucket_s: 10.0 }
    }
}
