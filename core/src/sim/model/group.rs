//! Auto Scaling groups as data: policy, metric, Spot Fleet instance types
//! and allocation strategies.

use super::super::ix::PoolIx;
use crate::sim::rng::Stream;
use crate::sim::time::SimTime;

/// The instance type name of ECS and Fargate tasks.
pub(crate) const TASK_TYPE: &str = "task";

/// Scaling policy of a group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Policy {
    None,
    TargetTracking,
    Step,
    Simple,
}

/// An Auto Scaling group's settings and state.
#[derive(Debug)]
pub(crate) struct Asg {
    pub(crate) pool: PoolIx,
    pub(crate) min: u32,
    pub(crate) max: u32,
    pub(crate) desired: u32,
    pub(crate) azs: u8,
    pub(crate) boot_us: u64,
    pub(crate) warmup_us: u64,
    pub(crate) grace_us: u64,
    pub(crate) elb_hc: bool,
    pub(crate) policy: Policy,
    pub(crate) target: f64,
    pub(crate) out_thr: f64,
    pub(crate) in_thr: f64,
    pub(crate) cooldown_us: u64,
    pub(crate) cooldown_until: SimTime,
    pub(crate) suspended: u8,
    pub(crate) hook_launch_us: u64,
    pub(crate) hook_term_us: u64,
    /// ECS: how long a stopping task has to finish its work after SIGTERM
    /// before SIGKILL [ECS-TASKDEF] (§3); `None` for other groups.
    pub(crate) stop_us: Option<u64>,
    pub(crate) spot_pct: f64,
    pub(crate) od_base: u32,
    /// Spot max price as a factor of On-Demand [EC2-SPOT-MAXPRICE].
    pub(crate) max_price: f64,
    pub(crate) capacity_rebalance: bool,
    /// What a Spot interruption does to an instance [EC2-SPOT-INT].
    pub(crate) interruption: Interruption,
    /// Per-minute group CPU datapoints, newest last (NaN = missing).
    pub(crate) history: Vec<f64>,
    pub(crate) metric: Metric,
    /// Target of the requests-per-target metric.
    pub(crate) target_value: f64,
    /// Instances added or removed per step or simple alarm [AS-STEP].
    pub(crate) step_adjust: u32,
    pub(crate) rng: Stream,
    pub(crate) spot_blocked_logged: bool,
    /// An instance refresh's warm-up when its event sets none: the default
    /// instance warm-up when enabled, else the health-check grace period [AS-IR].
    pub(crate) refresh_warmup_us: u64,
    /// The instance refresh under way, if any [AS-IR].
    pub(crate) refresh: Option<Refresh>,
    /// A Spot Fleet's allocation strategy; `None` for an Auto Scaling group.
    pub(crate) fleet: Option<Alloc>,
    /// An ECS service's rolling deployments [ECS-SVC]; `None` for other groups.
    pub(crate) rolling: Option<Box<Rolling>>,
}

/// An ECS service's rolling-deployment settings, the task definition its
/// new tasks run and the deployment under way [ECS-SVC].
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Rolling {
    /// minimumHealthyPercent: the share of the desired count (rounded up)
    /// that stays healthy while old tasks stop, 0..1.
    pub(crate) min_healthy: f64,
    /// maximumPercent: the share of the desired count (rounded down) that
    /// may run or start at once, 1..2.
    pub(crate) max: f64,
    /// Share of requests the task definition that new tasks run fails.
    pub(crate) error_rate: f64,
    /// The deployment under way, if any.
    pub(crate) deploy: Option<Deployment>,
}

/// A rolling deployment under way: the tasks of the task definitions
/// before it, each stopped once enough new tasks are healthy [ECS-SVC].
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Deployment {
    /// The service's tasks when it started.
    pub(crate) old: Vec<crate::sim::ix::InstIx>,
    /// New tasks started so far.
    pub(crate) started: u32,
    /// Whether the log already said that it cannot progress.
    pub(crate) stuck_logged: bool,
}

/// An instance refresh under way [AS-IR]: the instances it started with,
/// replaced a batch at a time.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Refresh {
    /// The instances in the group when it started; each is replaced.
    pub(crate) old: Vec<crate::sim::ix::InstIx>,
    /// Instances replaced per batch.
    pub(crate) batch: u32,
    /// How long a replacement serves before the next batch.
    pub(crate) warmup_us: u64,
    /// Instances terminated so far.
    pub(crate) replaced: u32,
}

/// What EC2 does to a Spot instance at the end of its interruption notice
/// [EC2-SPOT-INT], [EC2-SPOT-NOTICE].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Interruption {
    /// Terminated; the group launches a replacement.
    Terminate,
    /// Stopped (EBS kept, only EBS billed); restarts with a full boot when
    /// the price is back under the max price [EC2-SPOT-BILL].
    Stop,
    /// Hibernated (memory saved to EBS); resumes when the price is back,
    /// faster than a boot since the application keeps its state
    /// (assumption: half the boot time).
    Hibernate,
}

/// What target tracking tracks [AS-TT].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Metric {
    /// ASGAverageCPUUtilization, percent.
    Cpu,
    /// ALBRequestCountPerTarget, requests per target per minute.
    RequestsPerTarget,
    /// The polled SQS queue's ApproximateNumberOfMessagesVisible divided by
    /// the in-service instances (backlog per instance, a custom metric).
    QueueBacklog,
    /// The polled SQS queue's ApproximateNumberOfMessagesVisible.
    QueueVisible,
}

impl Metric {
    /// Whether the metric comes from the queue the group polls.
    pub(crate) fn is_queue(self) -> bool {
        matches!(self, Metric::QueueBacklog | Metric::QueueVisible)
    }
}

/// One instance type a pool can launch.
#[derive(Debug, Clone)]
pub(crate) struct TypeSpec {
    pub(crate) name: String,
    /// On-Demand price per hour.
    pub(crate) price: f64,
    /// Service time relative to the pool's first type.
    pub(crate) rel: f64,
}

/// Spot Fleet allocation strategies [EC2-FLEET-ALLOC].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Alloc {
    LowestPrice,
    PriceCapacityOptimized,
    CapacityOptimized,
    CapacityOptimizedPrioritized,
    Diversified,
}
