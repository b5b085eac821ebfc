//! ECS services: tasks as instances of a service pool, scaled like a group.
//!
//! On EC2, every task is placed on a container instance of its cluster with
//! enough free CPU units and memory; with a static host port (host network
//! mode, or bridge with a fixed host port) only one task per port fits on an
//! instance, so placement fails beyond that and the log says why
//! [ECS-TASKDEF]. On Fargate there are no instances: each task is billed per
//! vCPU- and GB-hour [P-VANTAGE-FARGATE].

pub(crate) mod rollout;
pub(crate) mod setup;

use super::super::ix::InstIx;
use super::super::ix::PoolIx;
use crate::sim::ix::NodeIx;
use setup::{Cluster, Host, Placement, Service};

use super::super::cx::Cx;
use super::super::model::Pool;

/// ECS on EC2 in a run: the clusters of container instances and the
/// services whose tasks they hold (Fargate services need neither).
#[derive(Debug, Default)]
pub(crate) struct Ecs {
    /// ECS clusters of container instances.
    pub(crate) clusters: Vec<Cluster>,
    /// ECS services on EC2: (Auto Scaling group index, cluster, task needs).
    pub(crate) services: Vec<Service>,
}

impl Ecs {
    /// The service that group `a` runs, if it is an ECS service on EC2.
    fn service_of_asg(&self, a: usize) -> Option<usize> {
        self.services.iter().position(|s| s.asg as usize == a)
    }

    /// Picks a container instance for a new task of group `a`, preferring
    /// zone `az`, then the emptiest instance (spread, then binpack). When
    /// none has room, logs why once, about the group's node `node`.
    pub(crate) fn place(
        &mut self,
        cx: &mut Cx,
        a: usize,
        az: u8,
        az_down: &[bool],
        node: NodeIx,
    ) -> Placement {
        let Some(s) = self.service_of_asg(a) else {
            return Placement::Free;
        };
        let svc = &self.services[s];
        let cl = &self.clusters[svc.cluster as usize];
        let fits = |h: &Host| {
            h.cpu_free >= svc.cpu
                && h.mem_free >= svc.mem
                && svc.port.is_none_or(|p| !h.ports.contains(&p))
                && !az_down[h.az as usize]
        };
        let best = (0..cl.hosts.len())
            .filter(|&k| fits(&cl.hosts[k]))
            .max_by_key(|&k| {
                let h = &cl.hosts[k];
                (h.az == az, h.cpu_free, usize::MAX - k)
            });
        if let Some(k) = best {
            let az = cl.hosts[k].az;
            self.services[s].blocked_logged = false;
            return Placement::Host(k as u16, az);
        }
        if !self.services[s].blocked_logged {
            self.services[s].blocked_logged = true;
            let why = self.blocked_why(s, az_down);
            cx.log(Some(node), format!("task placement failed: {why}"));
        }
        Placement::Nowhere
    }

    /// Why no container instance takes a task of service `s`.
    fn blocked_why(&self, s: usize, az_down: &[bool]) -> String {
        let svc = &self.services[s];
        let cl = &self.clusters[svc.cluster as usize];
        let n = cl.hosts.len();
        match svc.port {
            _ if n == 0 => format!("{} has no container instances", cl.label),
            Some(port)
                if cl
                    .hosts
                    .iter()
                    .all(|h| h.ports.contains(&port) || az_down[h.az as usize]) =>
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
        }
    }

    /// Books the host's resources for task (instance) `i` of group `a`.
    pub(crate) fn bind(&mut self, a: usize, i: InstIx, host: u16) {
        let Some(s) = self.service_of_asg(a) else {
            return;
        };
        let svc = &mut self.services[s];
        let h = &mut self.clusters[svc.cluster as usize].hosts[host as usize];
        h.cpu_free -= svc.cpu;
        h.mem_free -= svc.mem;
        if let Some(p) = svc.port {
            h.ports.push(p);
        }
        svc.tasks.push((i, host));
    }

    /// Frees the host's resources of a task (instance `i`) that ended.
    pub(crate) fn release(&mut self, i: InstIx) {
        for svc in &mut self.services {
            if let Some(k) = svc.tasks.iter().position(|t| t.0 == i) {
                let (_, host) = svc.tasks.swap_remove(k);
                let h = &mut self.clusters[svc.cluster as usize].hosts[host as usize];
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
    pub(crate) fn hourly(&self, p: PoolIx) -> f64 {
        self.clusters
            .iter()
            .filter(|c| c.billed_to == p)
            .map(|c| c.price_hour * c.hosts.len() as f64)
            .sum()
    }

    /// The clusters' container instances, billed by the second (`secs` of
    /// them) to the pools of their services.
    pub(crate) fn accrue(&self, secs: f64, pools: &mut [Pool]) {
        for cl in &self.clusters {
            let c = cl.price_hour * cl.hosts.len() as f64 * secs / 3600.0;
            pools[cl.billed_to.idx()].cost_bucket += c;
        }
    }
}
