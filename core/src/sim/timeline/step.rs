//! What applying or ending a timeline event asks of the run, over the
//! targets resolved at build: one [`Step`] or [`EndStep`] for the engine's
//! glue to carry out.

use super::super::ix::PoolIx;
use crate::design::{ComponentId, LinkId};
use crate::scenario::{FailureMode, Process};

/// What applying one timeline event asks of the run.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Step {
    /// The event's target cannot take it.
    Ignored,
    /// Up to `count` serving instances of pool `pool` fail as `mode` says.
    FailInstances {
        /// The pool.
        pool: PoolIx,
        /// How many instances fail at most.
        count: u32,
        /// Whether they stop or hang.
        mode: FailureMode,
    },
    /// Zone `zone` (called `name`) goes down.
    AzOutage {
        /// The zone's index.
        zone: usize,
        /// The zone's name.
        name: String,
    },
    /// The zone called `name` comes back.
    AzRecovery {
        /// The zone's name.
        name: String,
    },
    /// The region frame called `region` (every region when `None`) goes down.
    RegionOutage {
        /// The region frame's name, as the event writes it.
        region: Option<String>,
    },
    /// A share of the Spot instances (of `target` only, if named) get notice.
    SpotInterruption {
        /// The component whose instances are interrupted; every group if none.
        target: Option<ComponentId>,
        /// The share of Spot instances interrupted.
        share: f64,
    },
    /// The Spot price of `ty` in `az` (each, when none) moves to `factor`.
    SpotPrice {
        /// The instance type, or every type.
        ty: Option<String>,
        /// The zone, or every zone.
        az: Option<String>,
        /// The new price as a share of On-Demand.
        factor: f64,
    },
    /// Pool `pool` serves `factor` times slower.
    Slowdown {
        /// The pool.
        pool: PoolIx,
        /// The service-time factor.
        factor: f64,
    },
    /// A bad version of pool `pool` fails a share `error_rate` of requests.
    BadDeployment {
        /// The pool.
        pool: PoolIx,
        /// The share of requests that fail.
        error_rate: f64,
    },
    /// Group `asg` gets new bounds or a new desired capacity.
    Scheduled {
        /// The group's index.
        asg: usize,
        /// The new minimum, if set.
        min: Option<u32>,
        /// The new maximum, if set.
        max: Option<u32>,
        /// The new desired capacity, if set.
        desired: Option<u32>,
    },
    /// Process `process` of group `asg` is suspended or resumed.
    Suspend {
        /// The group's index.
        asg: usize,
        /// The process.
        process: Process,
        /// `true` to suspend, `false` to resume.
        suspend: bool,
    },
    /// Group `asg` replaces its instances in batches [AS-IR].
    Refresh {
        /// The group's index.
        asg: usize,
        /// The share of the desired capacity that stays in service.
        min_healthy: f64,
        /// The replacements' warm-up, if the event sets one.
        warmup_us: Option<u64>,
    },
    /// ECS service `asg` rolls a new task definition out, failing
    /// `error_rate` of requests [ECS-SVC].
    EcsDeploy {
        /// The service's group index.
        asg: usize,
        /// The share of requests the new revision fails.
        error_rate: f64,
    },
    /// API stage `pool` gets a new deployment failing `error_rate` of the
    /// requests it answers: all of them, or a canary's share.
    ApiDeploy {
        /// The stage's pool.
        pool: PoolIx,
        /// The share of requests the new deployment fails.
        error_rate: f64,
        /// The canary's share of requests; `None` for the whole stage.
        canary: Option<f64>,
    },
    /// API stage `pool` rolls back its canary or its last deployment.
    ApiRollback {
        /// The stage's pool.
        pool: PoolIx,
    },
    /// `count` in-service instances of group `asg` are terminated by hand.
    Terminate {
        /// The group's index.
        asg: usize,
        /// How many.
        count: u32,
        /// Whether the desired capacity goes down with them.
        decrement: bool,
    },
    /// The weight of link `link` (a record or a target group) becomes `weight`.
    Weight {
        /// The link.
        link: LinkId,
        /// The new weight.
        weight: f64,
    },
}

/// What the end of a timed event asks of the run.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum EndStep {
    /// The zone called `name` comes back.
    AzRecovery(String),
    /// The region frame called so (every region when `None`) answers again.
    RegionBack(Option<String>),
    /// Pool `pool` is back to normal speed.
    NormalSpeed(PoolIx),
    /// The bad version of pool `pool` is rolled back.
    Rollback(PoolIx),
}
