//! The timeline: failures and operations that happen at given times.

use serde::{Deserialize, Serialize};

use crate::design::ComponentId;

/// One event of the timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimedEvent {
    /// When it happens, simulated seconds.
    pub at_s: f64,
    /// What happens.
    pub event: Event,
}

/// How an instance fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FailureMode {
    /// The instance stops: EC2 status checks and load-balancer checks both see it.
    #[default]
    Crash,
    /// The application hangs while the instance keeps running: only
    /// load-balancer health checks see it.
    Hang,
}

/// An Auto Scaling process that can be suspended and resumed [AS-SUSP].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Process {
    /// Launching instances.
    Launch,
    /// Terminating instances.
    Terminate,
    /// Marking instances unhealthy.
    HealthCheck,
    /// Replacing unhealthy instances.
    ReplaceUnhealthy,
    /// Rebalancing instances across Availability Zones.
    AzRebalance,
    /// Acting on scaling-policy alarms.
    AlarmNotification,
    /// Running scheduled actions.
    ScheduledActions,
    /// Registering new instances with load balancers.
    AddToLoadBalancer,
}

impl Process {
    /// Every process.
    pub const ALL: [Process; 8] = [
        Process::Launch,
        Process::Terminate,
        Process::HealthCheck,
        Process::ReplaceUnhealthy,
        Process::AzRebalance,
        Process::AlarmNotification,
        Process::ScheduledActions,
        Process::AddToLoadBalancer,
    ];

    /// The process's AWS name.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Process::Launch => "Launch",
            Process::Terminate => "Terminate",
            Process::HealthCheck => "HealthCheck",
            Process::ReplaceUnhealthy => "ReplaceUnhealthy",
            Process::AzRebalance => "AZRebalance",
            Process::AlarmNotification => "AlarmNotification",
            Process::ScheduledActions => "ScheduledActions",
            Process::AddToLoadBalancer => "AddToLoadBalancer",
        }
    }

    pub(crate) fn bit(self) -> u8 {
        1 << (Process::ALL.iter().position(|p| *p == self).unwrap_or(0) as u8)
    }
}

/// Something that happens during a run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(
    tag = "type",
    rename_all = "snake_case",
    try_from = "super::record::EventRecord"
)]
pub enum Event {
    /// Instances of a component fail.
    InstanceFailure {
        /// An EC2 instance, Auto Scaling group or database.
        target: ComponentId,
        /// How many of its in-service instances fail.
        count: u32,
        /// Crash or hang.
        #[serde(default)]
        mode: FailureMode,
    },
    /// Every instance in an Availability Zone fails and none can launch there.
    AzOutage {
        /// The zone, e.g. `us-east-1a`.
        az: String,
        /// Recovery after this long; `None` lasts to the end.
        #[serde(default)]
        duration_s: Option<f64>,
    },
    /// The Availability Zone works again.
    AzRecovery {
        /// The zone.
        az: String,
    },
    /// A region stops answering: the components inside its Region frame, or
    /// every component when no region is named.
    RegionOutage {
        /// The Region frame's label, e.g. `us-east-1`; `None` means every
        /// region (and components outside any frame).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        region: Option<String>,
        /// Recovery after this long; `None` lasts to the end.
        #[serde(default)]
        duration_s: Option<f64>,
    },
    /// A share of Spot instances receive the two-minute interruption notice.
    SpotInterruption {
        /// The group; `None` means every group.
        #[serde(default)]
        target: Option<ComponentId>,
        /// Share of the Spot instances interrupted, 0..1.
        share: f64,
    },
    /// The Spot price moves to a factor of the On-Demand price.
    SpotPriceChange {
        /// Instance type; `None` means every type.
        #[serde(default)]
        instance_type: Option<String>,
        /// Zone; `None` means every zone.
        #[serde(default)]
        az: Option<String>,
        /// New price as a factor of the On-Demand price.
        factor: f64,
    },
    /// A component's service time is multiplied.
    DependencySlowdown {
        /// The slowed component.
        target: ComponentId,
        /// Multiplier of its service time.
        factor: f64,
        /// Back to normal after this long; `None` lasts to the end.
        #[serde(default)]
        duration_s: Option<f64>,
    },
    /// A new version fails a share of the requests it serves.
    BadDeployment {
        /// The component running the new version.
        target: ComponentId,
        /// Share of requests that fail, 0..1.
        error_rate: f64,
        /// Rolled back after this long; `None` lasts to the end.
        #[serde(default)]
        duration_s: Option<f64>,
    },
    /// A scheduled action sets a group's capacity [AS-SCHED].
    ScheduledAction {
        /// The Auto Scaling group.
        target: ComponentId,
        /// New minimum.
        #[serde(default)]
        min: Option<u32>,
        /// New maximum.
        #[serde(default)]
        max: Option<u32>,
        /// New desired capacity.
        #[serde(default)]
        desired: Option<u32>,
    },
    /// Suspends an Auto Scaling process.
    Suspend {
        /// The Auto Scaling group.
        target: ComponentId,
        /// The process.
        process: Process,
    },
    /// Resumes an Auto Scaling process.
    Resume {
        /// The Auto Scaling group.
        target: ComponentId,
        /// The process.
        process: Process,
    },
    /// An instance refresh rolls a new launch template or AMI out through a
    /// group [AS-IR]: batches of `(1 − min_healthy)` of its desired capacity
    /// (at least one instance; all at once at 0) are terminated and replaced,
    /// each batch after the one before is in service and warmed up.
    InstanceRefresh {
        /// The Auto Scaling group.
        target: ComponentId,
        /// Share of the desired capacity that stays in service, 0..1 (AWS
        /// default 90 %).
        min_healthy: f64,
        /// How long a replacement warms up before the next batch; `None`
        /// takes the group's default instance warm-up, else its health-check
        /// grace period [AS-IR].
        #[serde(default)]
        warmup_s: Option<f64>,
    },
    /// A new task definition rolls out through an ECS service (EC2 or
    /// Fargate) [ECS-SVC]: new tasks start up to the service's maximum
    /// percent of its desired count, old ones stop down to its minimum
    /// healthy percent as new ones become healthy, until every task runs
    /// the new revision.
    EcsDeployment {
        /// The ECS service.
        target: ComponentId,
        /// Share of requests the new revision fails, 0..1 (0: a good deployment).
        #[serde(default)]
        error_rate: f64,
    },
    /// A new deployment of an API Gateway stage: to the whole stage, or as a
    /// canary taking a share of its requests beside the live deployment
    /// (the stage's canary settings).
    ApiDeployment {
        /// The API Gateway API and stage.
        target: ComponentId,
        /// Share of requests the new deployment fails, 0..1 (0: a good deployment).
        #[serde(default)]
        error_rate: f64,
        /// Share of the stage's requests a canary takes, 0..1; `None` deploys
        /// to the whole stage.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        canary: Option<f64>,
    },
    /// An API Gateway stage rolls back: its canary is removed, else the
    /// stage points at its previous deployment again.
    StageRollback {
        /// The API Gateway API and stage.
        target: ComponentId,
    },
    /// Someone terminates instances of a group by hand
    /// (`terminate-instance-in-auto-scaling-group`): the group launches
    /// replacements, unless the desired capacity is lowered with them.
    TerminateInstances {
        /// The Auto Scaling group.
        target: ComponentId,
        /// How many in-service instances go.
        count: u32,
        /// Whether the desired capacity goes down with them (not below the
        /// minimum) instead of replacing them.
        #[serde(default)]
        decrement: bool,
    },
    /// Changes a weight: a target group's on a load balancer link, or a
    /// weighted Route 53 record's on a link from the record [R53-WEIGHT].
    WeightChange {
        /// The link from the load balancer or the Route 53 record to the target.
        link: crate::design::LinkId,
        /// New weight (0 stops traffic to it).
        weight: f64,
    },
}
