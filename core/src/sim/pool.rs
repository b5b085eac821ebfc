//! A pool's starting state from its settings: [`Pool::new`] over a
//! [`PoolConfig`], so the builders of ordinary and managed pools state only
//! what differs and every counter starts at zero the same way.

use super::edge::cache::spec::CacheSpec;
use super::ix::NodeIx;
use super::model::{Areas, ChangeSums, Counters, Pool, PoolKind, TypeSpec};
use super::rng::{Dist, Purpose, Stream};
use crate::run::DenseHistogram;

/// What a pool is made of; the rest of its state starts empty.
pub(crate) struct PoolConfig {
    /// Its node.
    pub(crate) node: NodeIx,
    /// Which behaviour runs it.
    pub(crate) kind: PoolKind,
    /// The instance types it can run, the first being its own.
    pub(crate) types: Vec<TypeSpec>,
    /// Requests one instance serves at once.
    pub(crate) workers: u32,
    /// Requests that may wait when every worker is busy.
    pub(crate) queue_cap: u32,
    /// Mean service time, µs.
    pub(crate) mean_us: f64,
    /// Service-time distribution.
    pub(crate) dist: Dist,
    /// The run's seed and the component's id, for its random streams.
    pub(crate) seed: u64,
    /// The component's id.
    pub(crate) id: u32,
    /// Share of requests it fails on its own.
    pub(crate) error_rate: f64,
    /// Price per instance-hour of its own type.
    pub(crate) price_hour: f64,
    /// Multi-AZ failover time, when it has a standby.
    pub(crate) failover_us: Option<u64>,
    /// Cache behaviour, when it is a cache.
    pub(crate) cache: Option<CacheSpec>,
}

impl Pool {
    /// A pool with no instances, nothing served and nothing billed yet.
    pub(crate) fn new(c: PoolConfig) -> Pool {
        Pool {
            node: c.node,
            kind: c.kind,
            types: c.types,
            workers: c.workers,
            queue_cap: c.queue_cap,
            mean_us: c.mean_us,
            dist: c.dist,
            rng: Stream::new(c.seed, c.id, Purpose::Service),
            fault_rng: Stream::new(c.seed, c.id, Purpose::Faults),
            downstream: Vec::new(),
            route: None,
            insts: Vec::new(),
            rr: 0,
            lbs: Vec::new(),
            slowdown: 1.0,
            error_rate: c.error_rate,
            price_hour: c.price_hour,
            busy: 0,
            cpu: 0,
            queued: 0,
            capacity: 0,
            sums: ChangeSums::default(),
            bucket_mark: Areas::default(),
            warm_mark: Areas::default(),
            bucket: Counters::default(),
            total: Counters::default(),
            served: 0,
            waited: 0,
            wait_sum_us: 0.0,
            time_sum_us: 0.0,
            wait_hist: DenseHistogram::whole_run(),
            time_hist: DenseHistogram::whole_run(),
            alarm_hist: None,
            cost_bucket: 0.0,
            cost_total: 0.0,
            failover_us: c.failover_us,
            cache: c.cache,
        }
    }
}
