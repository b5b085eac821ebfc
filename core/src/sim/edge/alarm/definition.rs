//! A CloudWatch alarm as data: what it watches, how it compares, what it
//! does and to whom [CW-ALARM]. The evaluation is in `alarm.rs`.

use crate::sim::ix::NodeIx;
use crate::sim::ix::PoolIx;
use crate::sim::model::Areas;

/// What the alarm watches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Watch {
    Cpu,
    Latency,
    Errors,
    QueueDepth,
    HealthyHosts,
    ReplicaLag,
}

/// How a datapoint compares with the threshold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cmp {
    Gt,
    Ge,
    Lt,
    Le,
}

/// Treatment of missing data [CW-ALARM].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NoData {
    Missed,
    Breaching,
    NotBreaching,
    Ignore,
}

/// What happens when the alarm fires.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Action {
    Notify,
    Invoke,
    ScaleOut,
    ScaleIn,
    Recover,
}

/// The alarm's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AlarmState {
    Insufficient,
    Ok,
    Alarm,
}

/// One target of the alarm's action.
#[derive(Debug, Clone)]
pub(crate) enum Target {
    /// An Auto Scaling group or ECS service (index into the groups).
    Group(u16),
    /// A lone EC2 instance pool.
    Instance(PoolIx),
    /// A Route 53 name (index into the names).
    Dns(u16),
    /// A Lambda function node: what it does (names it fails over, replica
    /// nodes it promotes) after its duration, µs.
    Function {
        node: NodeIx,
        delay_us: u64,
        dns: Vec<u16>,
        promote: Vec<NodeIx>,
    },
    /// A topic: a notification.
    Topic(String),
}

/// A CloudWatch alarm.
#[derive(Debug, Clone)]
pub(crate) struct Alarm {
    pub(crate) label: String,
    pub(crate) watched: Vec<NodeIx>,
    pub(crate) watch: Watch,
    pub(crate) cmp: Cmp,
    pub(crate) threshold: f64,
    pub(crate) period_us: u64,
    pub(crate) n: usize,
    pub(crate) m: usize,
    pub(crate) missing: NoData,
    pub(crate) action: Action,
    pub(crate) targets: Vec<Target>,
    pub(crate) state: AlarmState,
    /// Breach (or not) of each period, newest last; `None` when missing.
    pub(crate) history: Vec<Option<bool>>,
    /// Per watched node at the last period end: (areas, errors, requests, time sum, completions).
    pub(crate) marks: Vec<(Areas, u64, u64, f64, u64)>,
    /// How a period's samples make its datapoint [CW-ALARM].
    pub(crate) stat: super::stat::Stat,
    /// Per watched pool, its request-time histogram at the last period end
    /// (latency with a statistic other than Average; else empty).
    pub(crate) lat_marks: Vec<Vec<u32>>,
}

impl Watch {
    pub(crate) fn parse(s: &str) -> Watch {
        match s {
            "latency_p99" => Watch::Latency,
            "errors_5xx" => Watch::Errors,
            "queue_depth" => Watch::QueueDepth,
            "healthy_hosts" => Watch::HealthyHosts,
            "replica_lag" => Watch::ReplicaLag,
            _ => Watch::Cpu,
        }
    }
}

impl Cmp {
    pub(crate) fn parse(s: &str) -> Cmp {
        match s {
            "greater_or_equal" => Cmp::Ge,
            "less" => Cmp::Lt,
            "less_or_equal" => Cmp::Le,
            _ => Cmp::Gt,
        }
    }

    pub(crate) fn breaches(self, x: f64, thr: f64) -> bool {
        match self {
            Cmp::Gt => x > thr,
            Cmp::Ge => x >= thr,
            Cmp::Lt => x < thr,
            Cmp::Le => x <= thr,
        }
    }

    pub(crate) fn sign(self) -> &'static str {
        match self {
            Cmp::Gt => ">",
            Cmp::Ge => "≥",
            Cmp::Lt => "<",
            Cmp::Le => "≤",
        }
    }
}

impl NoData {
    pub(crate) fn parse(s: &str) -> NoData {
        match s {
            "breaching" => NoData::Breaching,
            "not_breaching" => NoData::NotBreaching,
            "ignore" => NoData::Ignore,
            _ => NoData::Missed,
        }
    }
}

impl Action {
    pub(crate) fn parse(s: &str) -> Action {
        match s {
            "invoke" => Action::Invoke,
            "scale_out" => Action::ScaleOut,
            "scale_in" => Action::ScaleIn,
            "recover" => Action::Recover,
            _ => Action::Notify,
        }
    }
}
