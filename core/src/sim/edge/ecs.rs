//! ECS services: tasks as instances of a service pool, scaled like a group.
//!
//! On EC2, every task is placed on a container instance of its cluster with
//! enough free CPU units and memory; with a static host port (host network
//! mode, or bridge with a fixed host port) only one task per port fits on an
//! instance, so placement fails beyond that and the log says why
//! [ECS-TASKDEF]. On Fargate there are no instances: each task is billed per
//! vCPU- and GB-hour [P-VANTAGE-FARGATE].

use super::super::engine::Engine;
use super::super::model::*;
use super::super::rng::{Purpose, Stream};
use crate::design::Component;

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
    pub(crate) billed_to: u16,
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
    pub(crate) tasks: Vec<(u32, u16)>,
    pub(crate) blocked_logged: bool,
}

/// A cluster from its component: `instances` container instances spread over `azs`.
pub(crate) fn cluster(c: &Component, billed_to: u16) -> Cluster {
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
pub(crate) fn service_asg(c: &Component, p: u16, fargate: bool, azs: u8, seed: u64) -> Asg {
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
        // A new task's CPU counts after a minute of service (as a group's instances).
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
        cooldown_until: 0,
        // ECS spreads tasks when it places them; it does not rebalance zones.
        suspended: crate::scenario::Process::AzRebalance.bit(),
        hook_launch_us: 0,
        hook_term_us: 0,
        spot_pct: 0.0,
        od_base: 0,
        max_price: 1.0,
        capacity_rebalance: false,
        history: Vec::new(),
        metric: Metric::Cpu,
        target_value: 100.0,
        step_adjust: 1,
        rng: Stream::new(seed, c.id.0, Purpose::Faults),
        spot_blocked_logged: false,
        fleet: None,
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

impl Engine {
    fn service_of_asg(&self, a: usize) -> Option<usize> {
        self.edge.services.iter().position(|s| s.asg as usize == a)
    }

    /// Picks a container instance for a new task of group `a`, preferring
    /// zone `az`, then the emptiest instance (spread, then binpack).
    pub(crate) fn ecs_place(&mut self, a: usize, az: u8) -> Placement {
        let Some(s) = self.service_of_asg(a) else {
            return Placement::Free;
        };
        let svc = &self.edge.services[s];
        let cl = &self.edge.clusters[svc.cluster as usize];
        let fits = |h: &Host| {
            h.cpu_free >= svc.cpu
                && h.mem_free >= svc.mem
                && svc.port.is_none_or(|p| !h.ports.contains(&p))
                && !self.az_down[h.az as usize]
        };
        let best = (0..cl.hosts.len())
            .filter(|&k| fits(&cl.hosts[k]))
            .max_by_key(|&k| {
                let h = &cl.hosts[k];
                (h.az == az, h.cpu_free, usize::MAX - k)
            });
        if let Some(k) = best {
            let az = cl.hosts[k].az;
            self.edge.services[s].blocked_logged = false;
            return Placement::Host(k as u16, az);
        }
        if !self.edge.services[s].blocked_logged {
            self.edge.services[s].blocked_logged = true;
            let svc = &self.edge.services[s];
            let cl = &self.edge.clusters[svc.cluster as usize];
            let n = cl.hosts.len();
            let why = match svc.port {
                _ if n == 0 => format!("{} has no container instances", cl.label),
                Some(port)
                    if cl
                        .hosts
                        .iter()
                        .all(|h| h.ports.contains(&port) || self.az_down[h.az as usize]) =>
                {
                    format!(
                        "every one of the {n} container instances of {} already has a task on host port {port} ({} network mode: one task per host port per instance)",
                        cl.label, svc.mode
                    )
                }
                _ => format!(
                    "no container instance of {} has {} CPU units and {} MB of memory free",
                    cl.label, svc.cpu, svc.mem
                ),
            };
            let node = self.asg_node(a);
            self.log(Some(node), format!("task placement failed: {why}"));
        }
        Placement::Nowhere
    }

    /// Books the host's resources for task (instance) `i` of group `a`.
    pub(crate) fn ecs_bind(&mut self, a: usize, i: u32, host: u16) {
        let Some(s) = self.service_of_asg(a) else {
            return;
        };
        let svc = &mut self.edge.services[s];
        let h = &mut self.edge.clusters[svc.cluster as usize].hosts[host as usize];
        h.cpu_free -= svc.cpu;
        h.mem_free -= svc.mem;
        if let Some(p) = svc.port {
            h.ports.push(p);
        }
        svc.tasks.push((i, host));
    }

    /// Frees the host's resources of a task that ended.
    pub(crate) fn ecs_release(&mut self, i: u32) {
        for svc in &mut self.edge.services {
            if let Some(k) = svc.tasks.iter().position(|t| t.0 == i) {
                let (_, host) = svc.tasks.swap_remove(k);
                let h = &mut self.edge.clusters[svc.cluster as usize].hosts[host as usize];
                h.cpu_free += svc.cpu;
                h.mem_free += svc.mem;
                if let Some(p) = svc.port
                    && let Some(x) = h.ports.iter().position(|&q| q == p)
                {
                    h.ports.swap_remove(x);
                }
                return;
            }
        }
    }

    /// Hourly price of the container instances billed to pool `p`.
    pub(crate) fn ecs_hourly(&self, p: usize) -> f64 {
        self.edge
            .clusters
            .iter()
            .filter(|c| c.billed_to as usize == p)
            .map(|c| c.price_hour * c.hosts.len() as f64)
            .sum()
    }

    /// The clusters' container instances, billed by the second to their service.
    pub(crate) fn ecs_accrue(&mut self, secs: f64) {
        for cl in &self.edge.clusters {
            let c = cl.price_hour * cl.hosts.len() as f64 * secs / 3600.0;
            self.pools[cl.billed_to as usize].cost_bucket += c;
        }
    }
}
