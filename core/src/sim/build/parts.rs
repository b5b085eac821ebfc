//! The parts of the bench: a load balancer and an Auto Scaling group (or
//! Spot Fleet) from their components' parameters.

use super::super::ix::NodeIx;
use super::super::ix::PoolIx;
use super::super::model::*;
use super::super::rng::{Purpose, Stream};
use super::super::time::SimTime;
use super::limits::secs;
use super::params::suspend_param;
use crate::catalog::Kind;
use crate::design::Component;
use crate::scenario::Process;

/// A load balancer of kind `k` (ALB, NLB or CLB) for node `n`.
pub(super) fn lb(c: &Component, k: Kind, n: NodeIx, sticky: bool, seed: u64, id: u32) -> Lb {
    Lb {
        node: n,
        // NLB picks by a hash of each flow's 5-tuple; ALB and CLB by their
        // algorithm setting [ALB-TG] (§5, "Algorithm").
        algo: if k == Kind::Nlb {
            Algo::FlowHash
        } else if c.text("algorithm") == "least_outstanding" {
            Algo::LeastOutstanding
        } else {
            Algo::RoundRobin
        },
        hc_interval_us: secs(c.number("hc_interval_s").max(1.0)),
        // A failing check counts when its timeout has passed [ALB-HC] (§5.1).
        hc_timeout_us: secs(c.number("hc_timeout_s").max(0.0)),
        // ALB and CLB: the idle-timeout setting [ALB-XZ], [CLB-IDLE]; NLB:
        // the fixed TCP idle timeout of 350 s [NLB-TG] (§5.2).
        idle_us: if c.has_param("idle_timeout_s") {
            secs(c.number("idle_timeout_s").max(1.0))
        } else {
            secs(350.0)
        },
        idle_waits: std::collections::VecDeque::new(),
        idle_armed: false,
        idle_matters: true,
        // CLB's healthy threshold is 10 [CLB-HC]; ALB and NLB 5 [ALB-HC].
        healthy_thr: c.number("healthy_threshold").clamp(1.0, 10.0) as u8,
        unhealthy_thr: c.number("unhealthy_threshold").clamp(1.0, 10.0) as u8,
        // CLB connection draining off means targets go at once [CLB-DRAIN];
        // ALB and NLB target groups always wait the deregistration delay.
        dereg_us: if !c.has_param("draining") || c.flag("draining") {
            secs(c.number("dereg_delay_s"))
        } else {
            0
        },
        sticky,
        sticky_us: secs(c.number("stickiness_s")),
        slow_start_us: secs(c.number("slow_start_s")),
        ramp: ramp(c, k),
        reserved_lcu: c.number("reserved_lcu").max(0.0),
        // An NLB's own Elastic IP in each zone [NLB-TG]; priced once the
        // zones of its targets are known (`Bench::finish_lbs`).
        elastic_ips: k == Kind::Nlb && c.text("ip_address") == "elastic_ip",
        ip_hour: 0.0,
        // "EC2 data transfer charges apply" to NLB cross-zone traffic [NLB-XZ].
        bill_inter_az: k == Kind::Nlb,
        inter_az_bytes: 0.0,
        function: None,
        tgs: Vec::new(),
        by_path: false,
        rr: 0,
        rng: Stream::new(seed, id, Purpose::Routing),
        sticky_table: Vec::new(),
        scratch: Vec::new(),
        scratch_for: None,
        stats: Counters::default(),
        bytes: 0.0,
    }
}

/// A load balancer's own capacity while it scales (assumption, §5.3): from
/// its starting capacity when set; else an ALB or CLB is scaled for the
/// first traffic it sees and an NLB for any load. Never below its LCU
/// reservation [ALB-LCUR].
fn ramp(c: &Component, k: Kind) -> Option<Ramp> {
    let start = c.number("ramp_start_rps");
    let floor_rps = c.number("reserved_lcu").max(0.0) * crate::cost::LCU_REQUESTS_PER_S;
    let follow = start <= 0.0;
    if follow && k == Kind::Nlb {
        return None;
    }
    Some(Ramp {
        capacity_rps: if follow {
            f64::INFINITY
        } else {
            start.max(floor_rps)
        },
        floor_rps,
        follow,
        second_start: SimTime::ZERO,
        in_second: 0,
        peak_second: 0,
        in_minute: 0,
    })
}

/// A group's (minimum, maximum, desired) capacity. A Spot Fleet keeps its
/// target capacity, or is scaled by Application Auto Scaling between its
/// bounds when it has a policy.
fn capacity(c: &Component, fleet: bool) -> (u32, u32, u32) {
    if fleet {
        let n = c.number("target_capacity").max(0.0) as u32;
        if c.text("policy") == "none" {
            (n, n, n)
        } else {
            let min = (c.number("min_capacity").max(0.0) as u32).min(n);
            (min, (c.number("max_capacity").max(0.0) as u32).max(n), n)
        }
    } else {
        let min = c.number("min").max(0.0) as u32;
        let max = (c.number("max").max(0.0) as u32).max(min);
        (
            min,
            max,
            (c.number("desired").max(0.0) as u32).clamp(min, max),
        )
    }
}

/// A group's Spot share (%) and On-Demand base; a Spot Fleet is all Spot
/// above its On-Demand part.
fn spot_mix(c: &Component, fleet: bool) -> (f64, u32) {
    if fleet {
        (100.0, c.number("on_demand").max(0.0) as u32)
    } else {
        (
            c.number("spot_pct").clamp(0.0, 100.0),
            c.number("on_demand_base").max(0.0) as u32,
        )
    }
}

fn metric(c: &Component) -> Metric {
    match c.text("metric").as_str() {
        "requests_per_target" => Metric::RequestsPerTarget,
        "queue_backlog" => Metric::QueueBacklog,
        "queue_visible" => Metric::QueueVisible,
        _ => Metric::Cpu,
    }
}

fn policy(c: &Component) -> Policy {
    match c.text("policy").as_str() {
        "none" => Policy::None,
        "step" => Policy::Step,
        "simple" => Policy::Simple,
        _ => Policy::TargetTracking,
    }
}

fn allocation(c: &Component) -> Alloc {
    match c.text("allocation").as_str() {
        "price-capacity-optimized" => Alloc::PriceCapacityOptimized,
        "capacity-optimized" => Alloc::CapacityOptimized,
        "capacity-optimized-prioritized" => Alloc::CapacityOptimizedPrioritized,
        "diversified" => Alloc::Diversified,
        _ => Alloc::LowestPrice,
    }
}

/// How long a group's policy treats a new instance as warming: the default
/// instance warmup when enabled (0 s or more); when not enabled (−1, the
/// AWS default), a target-tracking or step policy's estimated warmup falls
/// back to the default cooldown [AS-WU], [AS-DIW].
fn warmup_us(c: &Component) -> u64 {
    let w = c.number("warmup_s");
    if w < 0.0 {
        secs(c.number("cooldown_s"))
    } else {
        secs(w)
    }
}

/// An Auto Scaling group (or, with `fleet`, a Spot Fleet) of pool `p`.
pub(super) fn asg(c: &Component, p: PoolIx, fleet: bool, seed: u64, id: u32) -> Asg {
    let (min, max, desired) = capacity(c, fleet);
    let (spot_pct, od_base) = spot_mix(c, fleet);
    let metric = metric(c);
    Asg {
        pool: p,
        min,
        max,
        desired,
        azs: c.number("azs").clamp(1.0, 6.0) as u8,
        boot_us: secs(c.number("boot_s")),
        warmup_us: warmup_us(c),
        grace_us: secs(c.number("grace_s")),
        elb_hc: c.text("health_check") == "elb",
        policy: policy(c),
        target: c.number("target_cpu").clamp(1.0, 100.0),
        // Step and simple alarms: above target + 10 points, below
        // target − 20 points (assumption; the AWS example uses 60 % / 40 %) [AS-STEP].
        out_thr: if metric.is_queue() {
            c.number("scale_out_messages")
        } else {
            c.number("scale_out_cpu")
        },
        in_thr: if metric.is_queue() {
            c.number("scale_in_messages")
        } else {
            c.number("scale_in_cpu")
        },
        // DefaultCooldown 300 s [AS-CD].
        cooldown_us: secs(c.number("cooldown_s")),
        cooldown_until: SimTime::ZERO,
        suspended: Process::ALL
            .iter()
            .filter(|p| c.flag(suspend_param(**p)))
            .fold(0, |acc, p| acc | p.bit()),
        hook_launch_us: secs(c.number("launch_hook_s")),
        hook_term_us: secs(c.number("terminate_hook_s")),
        stop_us: None,
        spot_pct,
        od_base,
        // Default max price = On-Demand [EC2-SPOT-MAXPRICE].
        max_price: c
            .number(if fleet {
                "max_price_pct"
            } else {
                "spot_max_pct"
            })
            .clamp(1.0, 100.0)
            / 100.0,
        fleet: fleet.then(|| allocation(c)),
        metric,
        target_value: c.number("target_value").max(1.0),
        step_adjust: c.number("step_adjust").clamp(1.0, 100.0) as u32,
        capacity_rebalance: c.flag("capacity_rebalance"),
        interruption: match c.text("spot_interruption").as_str() {
            "stop" => Interruption::Stop,
            "hibernate" => Interruption::Hibernate,
            _ => Interruption::Terminate,
        },
        history: Vec::new(),
        rng: Stream::new(seed, id, Purpose::Faults),
        spot_blocked_logged: false,
        refresh_warmup_us: match c.number("warmup_s") {
            w if w >= 0.0 => secs(w),
            _ => secs(c.number("grace_s")),
        },
        refresh: None,
        rolling: None,
    }
}
