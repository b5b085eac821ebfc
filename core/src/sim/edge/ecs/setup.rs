//! ECS clusters and services as data (container instances, what each task
//! needs, where a launch goes) and how each is built from its component.

use crate::design::Component;
use crate::sim::ix::InstIx;
use crate::sim::ix::PoolIx;
use crate::sim::model::*;
use crate::sim::rng::{Purpose, Stream};
use crate::sim::time::SimTime;

/// CPU units of one vCPU [ECS-TASKDEF].
pub(crate) const UNITS_PER_VCPU: f64 = 1024.0;
/// Extra start time of a task with its own network interface (awsvpc):
/// "several seconds" [ECS-LAUNCH]; we take 5 s (assumption).
pub(crate) const ENI_US: u64 = 5_000_000;

/// One container instance of a cluster.
#[derive(Debug, Clone)]
pub(crate) struct Host {
    pub(crate) az: u8,
    pub(crate) cpu_free: u32,
    pub(crate) mem_free: u32,
    /// Host ports bound by tasks on it.
    pub(crate) ports: Vec<u16>,
}

/// An ECS cluster of EC2 container instances.
#[derive(Debug, Clone)]
pub(crate) struct Cluster {
    pub(crate) label: String,
    pub(crate) hosts: Vec<Host>,
    /// On-Demand price per hour of one instance.
    pub(crate) price_hour: f64,
    /// The service pool whose cost carries the cluster's instances.
    pub(crate) billed_to: PoolIx,
}

/// An ECS service on a cluster: what each task needs.
#[derive(Debug, Clone)]
pub(crate) struct Service {
    pub(crate) asg: u16,
    pub(crate) cluster: u16,
    pub(crate) cpu: u32,
    pub(crate) mem: u32,
    /// A static host port (host mode, or bridge with a fixed host port).
    pub(crate) port: Option<u16>,
    pub(crate) mode: String,
    /// Placed tasks: (instance index, host).
    pub(crate) tasks: Vec<(InstIx, u16)>,
    pub(crate) blocked_logged: bool,
}

/// A cluster from its component: `instances` container instances spread over `azs`.
pub(crate) fn cluster(c: &Component, billed_to: PoolIx) -> Cluster {
    let ty = c.text("instance_type");
    let n = c.number("instances").clamp(0.0, 1000.0) as u32;
    let azs = c.number("azs").clamp(1.0, 6.0) as u32;
    let cpu = (crate::cost::instance_vcpus(&ty) * UNITS_PER_VCPU) as u32;
    let mem = crate::cost::instance_memory_mb(&ty) as u32;
    Cluster {
        label: c.label.clone(),
        hosts: (0..n)
            .map(|k| Host {
                az: (k % azs) as u8,
                cpu_free: cpu,
                mem_free: mem,
                ports: Vec::new(),
            })
            .collect(),
        price_hour: crate::cost::ec2_on_demand_hour(&ty).unwrap_or(0.096),
        billed_to,
    }
}

/// What a service's task needs on a cluster.
pub(crate) fn service(c: &Component, asg: u16, cluster: u16) -> Service {
    let mode = c.text("network_mode");
    let host_port = c.number("host_port").clamp(0.0, 65_535.0) as u16;
    let container_port = c.number("container_port").clamp(1.0, 65_535.0) as u16;
    let port = match mode.as_str() {
        // Host mode binds the container port on the instance [ECS-TASKDEF].
        "host" => Some(container_port),
        // Bridge with a fixed host port; 0 is dynamic port mapping.
        "bridge" if host_port != 0 => Some(host_port),
        _ => None,
    };
    Service {
        asg,
        cluster,
        cpu: c.number("task_cpu").clamp(1.0, 16_384.0) as u32,
        mem: c.number("task_memory_mb").clamp(1.0, 122_880.0) as u32,
        port,
        mode,
        tasks: Vec::new(),
        blocked_logged: false,
    }
}

/// An ECS service (on EC2 or Fargate) as a group of tasks: desired, min and
/// max tasks; target tracking on the service's average CPU when auto scaling
/// is on [AAS-TT]; a task is "booted" after its start time.
pub(crate) fn service_asg(c: &Component, p: PoolIx, fargate: bool, azs: u8, seed: u64) -> Asg {
    let min = c.number("min").max(0.0) as u32;
    let max = (c.number("max").max(0.0) as u32).max(min);
    let auto = c.flag("autoscaling");
    let desired = c.number("desired").max(0.0) as u32;
    let desired = if auto {
        desired.clamp(min, max)
    } else {
        desired
    };
    let eni = if fargate || c.text("network_mode") == "awsvpc" {
        ENI_US
    } else {
        0
    };
    let target = c.number("target_cpu").clamp(1.0, 100.0);
    Asg {
        pool: p,
        min: if auto { min } else { desired },
        max: if auto { max } else { desired },
        desired,
        azs: azs.clamp(1, 6),
        boot_us: (c.number("start_s").max(0.0) * 1e6) as u64 + eni,
        // A new task counts in the service metric once in service (no warmup).
        warmup_us: 0,
        grace_us: 0,
        // A service behind a load balancer replaces tasks that fail its health checks.
        elb_hc: true,
        policy: if auto {
            Policy::TargetTracking
        } else {
            Policy::None
        },
        target,
        out_thr: target + 10.0,
        in_thr: target - 20.0,
        // Application Auto Scaling cooldowns: UNCONFIRMED, commonly 300 s [AAS-TT].
        cooldown_us: 300_000_000,
        cooldown_until: SimTime::ZERO,
        // ECS spreads tasks when it places them; it does not rebalance zones.
        suspended: crate::scenario::Process::AzRebalance.bit(),
        hook_launch_us: 0,
        hook_term_us: 0,
        // SIGTERM to SIGKILL, default 30 s [ECS-TASKDEF] (§3).
        stop_us: c
            .has_param("stop_timeout_s")
            .then(|| (c.number("stop_timeout_s").max(0.0) * 1e6) as u64),
        // Fargate Spot tasks are interrupted like Spot instances, with the
        // same two-minute warning; the service replaces them [P-WRING-FARGATE].
        spot_pct: if fargate && c.flag("spot") {
            100.0
        } else {
            0.0
        },
        od_base: 0,
        max_price: 1.0,
        capacity_rebalance: false,
        interruption: Interruption::Terminate,
        history: Vec::new(),
        metric: Metric::Cpu,
        target_value: 100.0,
        step_adjust: 1,
        rng: Stream::new(seed, c.id.0, Purpose::Faults),
        spot_blocked_logged: false,
        refresh_warmup_us: 0,
        refresh: None,
        fleet: None,
        rolling: Some(Box::new(Rolling {
            min_healthy: (c.number("min_healthy_pct") / 100.0).clamp(0.0, 1.0),
            max: (c.number("max_pct") / 100.0).clamp(1.0, 2.0),
            error_rate: 0.0,
            deploy: None,
        })),
    }
}

/// Where a group's next launch goes.
pub(crate) enum Placement {
    /// Not an ECS service on EC2: the group picks its zone.
    Free,
    /// On this host, in its zone.
    Host(u16, u8),
    /// No container instance has room.
    Nowhere,
}
