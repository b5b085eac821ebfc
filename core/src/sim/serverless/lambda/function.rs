//! A function's settings and the state of its execution environments: the
//! data the Lambda behaviour in `lambda.rs` works on.

use super::super::deploy::shift::{Deploy, Shift};
use crate::sim::ix::InstIx;
use crate::sim::ix::NodeIx;
use crate::sim::ix::PoolIx;
use crate::sim::rng::Stream;
use crate::sim::time::SimTime;

/// A function's settings and state.
#[derive(Debug)]
pub(crate) struct Function {
    pub(crate) pool: PoolIx,
    pub(crate) memory_gb: f64,
    /// Ephemeral storage above the free 512 MB, GB: billed per GB-second.
    pub(crate) ephemeral_gb: f64,
    /// Mean duration at the configured memory, µs.
    pub(crate) mean_us: f64,
    /// Cold start: platform overhead + runtime Init + the function's own init, µs.
    pub(crate) init_us: f64,
    pub(crate) timeout_us: u64,
    /// Reserved concurrency, if set [LAM-RES].
    pub(crate) reserved: Option<u32>,
    /// Provisioned concurrency [LAM-PC].
    pub(crate) provisioned: u32,
    /// The provisioned environments (sorted).
    pub(crate) pc_envs: Vec<InstIx>,
    /// Idle environments by version with the time each went idle, most
    /// recently used last.
    pub(crate) idle: [Vec<(InstIx, SimTime)>; 2],
    /// Tokens for new environments [LAM-SCALE].
    pub(crate) scale_tokens: f64,
    pub(crate) scale_at: SimTime,
    pub(crate) next_zone: u8,
    /// The alias: its primary version (0 or 1) and the share routed to the other [LAM-ALIAS].
    pub(crate) primary: u8,
    pub(crate) weight: f64,
    /// Error rate of each version.
    pub(crate) error: [f64; 2],
    pub(crate) shift: Shift,
    /// Rollback alarm: share of the new version's invocations failing in a minute.
    pub(crate) alarm_share: f64,
    pub(crate) deploy: Option<Deploy>,
    /// Invocations and errors of each version in the current minute.
    pub(crate) minute: [(u32, u32); 2],
    pub(crate) route: Stream,
    /// Destinations of an asynchronous invocation that succeeds and of one
    /// that fails after its retries: queues, topics, buses or functions the
    /// invocation record goes to [LAM-ASYNC].
    pub(crate) on_success: Vec<NodeIx>,
    pub(crate) on_failure: Vec<NodeIx>,
    // Measured statistics.
    pub(crate) cold_starts: u64,
    pub(crate) throttles: u64,
    pub(crate) timeouts: u64,
    pub(crate) async_retries: u64,
    pub(crate) async_failed: u64,
    pub(crate) peak: u32,
}

impl Function {
    pub(crate) fn is_pc(&self, env: InstIx) -> bool {
        self.pc_envs.binary_search(&env).is_ok()
    }
}
