//! Settings some kinds do not expose, and the value the simulator uses for
//! them. The simulator reads one set of parameters for every pool, balancer
//! and group; a kind that has no such setting in the inspector has it here,
//! so no read in the simulator carries a default of its own.

use super::{DefaultValue, FixedParam};

const fn n(id: &'static str, v: f64) -> FixedParam {
    FixedParam {
        id,
        value: DefaultValue::Number(v),
    }
}

const fn b(id: &'static str, v: bool) -> FixedParam {
    FixedParam {
        id,
        value: DefaultValue::Bool(v),
    }
}

const fn t(id: &'static str, v: &'static str) -> FixedParam {
    FixedParam {
        id,
        value: DefaultValue::Text(v),
    }
}

/// RDS: a database queues up to 1,000 queries (assumption), serves with an
/// exponential service time, never fails requests on its own, is placed by
/// its Region frame, and is priced by its instance class (the generic
/// instance type is only the pool's label).
pub(super) const DATABASE: &[FixedParam] = &[
    n("queue", 1000.0),
    t("service_dist", "exponential"),
    n("error_pct", 0.0),
    t("az", ""),
    t("instance_type", "m5.large"),
];

/// A server outside AWS: placed by its frame, no EC2 instance type.
pub(super) const EXTERNAL: &[FixedParam] = &[t("az", ""), t("instance_type", "m5.large")];

/// An on-premises server behind an IP target: like an HTTP backend it
/// refuses rather than queues (assumption), with exponential service times.
pub(super) const ONPREM: &[FixedParam] = &[
    t("az", ""),
    t("instance_type", "m5.large"),
    n("queue", 0.0),
    t("service_dist", "exponential"),
];

/// CLB: no algorithm setting, so it routes round robin here (the reference
/// gives it none, §5); duration-based stickiness without an expiry lasts the
/// browser session [CLB-STICKY], taken as one day (assumption); slow start
/// is an ALB setting [ALB-TG]; a CLB has no LCU reservation [ALB-LCUR].
pub(super) const CLB: &[FixedParam] = &[
    t("algorithm", "round_robin"),
    n("stickiness_s", 86_400.0),
    n("slow_start_s", 0.0),
    n("reserved_lcu", 0.0),
];

/// CloudFront and ElastiCache: a miss waits in a queue of 100 (assumption),
/// exponential service, no failures of their own, placed by their frame.
pub(super) const CACHE: &[FixedParam] = &[
    n("queue", 100.0),
    t("service_dist", "exponential"),
    n("error_pct", 0.0),
    t("az", ""),
];

/// ECS services: tasks fail requests only through a bad deployment.
pub(super) const TASKS: &[FixedParam] = &[n("error_pct", 0.0)];

/// NLB: slow start is an ALB setting [ALB-TG], so an NLB has none; its
/// stickiness is by source IP [NLB-TG], with the one-day default duration.
pub(super) const NLB: &[FixedParam] = &[n("stickiness_s", 86_400.0), n("slow_start_s", 0.0)];

/// A Spot Fleet keeps its target capacity itself: no scaling policy, no
/// lifecycle hooks, no grace period; its instances count at once after a
/// 60 s warm-up, it spreads over two zones, and none of the Auto Scaling
/// processes can be suspended (Spot Fleet is not an Auto Scaling group
/// [EC2-FLEET-ALLOC]).
pub(super) const SPOT_FLEET: &[FixedParam] = &[
    n("azs", 2.0),
    t("health_check", "ec2"),
    n("grace_s", 0.0),
    n("warmup_s", 60.0),
    n("cooldown_s", 300.0),
    n("target_cpu", 50.0),
    n("step_adjust", 1.0),
    t("schedule", ""),
    n("launch_hook_s", 0.0),
    n("terminate_hook_s", 0.0),
    b("capacity_rebalance", false),
    n("error_pct", 0.0),
    b("suspend_launch", false),
    b("suspend_terminate", false),
    b("suspend_health_check", false),
    b("suspend_replace_unhealthy", false),
    b("suspend_az_rebalance", false),
    b("suspend_alarm_notification", false),
    b("suspend_scheduled_actions", false),
    b("suspend_add_to_lb", false),
];
