//! The engine's glue to the Auto Scaling groups ([`crate::sim::asg`]):
//! instance lifecycle across the services (launch through Spot and ECS,
//! boot, registration with the load balancers, drain, termination with its
//! cost and lost work) around the groups' own decisions.

use super::super::ix::InstIx;
use super::super::ix::NodeIx;
use super::Engine;
use crate::scenario::Process;
use crate::sim::Ev;
use crate::sim::asg::{self, ASG_TICK_US, Launch};
use crate::sim::edge::ecs::setup::Placement;
use crate::sim::lb;
use crate::sim::model::*;

impl Engine {
    /// Whether process `p` of group `a` is suspended.
    pub(crate) fn suspended(&self, a: usize, p: Process) -> bool {
        asg::suspended(&self.asgs[a], p)
    }

    /// The node of group `a`.
    pub(crate) fn asg_node(&self, a: usize) -> NodeIx {
        self.pools[self.asgs[a].pool.idx()].node
    }

    /// Launches one instance of a group in a zone (a Spot Fleet picks its own
    /// pool by its allocation strategy).
    pub(crate) fn launch(&mut self, a: usize, az: u8, why: &str) {
        self.launch_inst(a, az, false, why);
    }

    /// Launches one instance of group `a`, in zone `az` unless Spot or ECS
    /// place it elsewhere; `initial` instances are in service at once.
    pub(crate) fn launch_inst(&mut self, a: usize, mut az: u8, initial: bool, why: &str) {
        let p = self.asgs[a].pool;
        // Nothing launches in a region that is down.
        if self.region.named_down(self.pools[p.idx()].node) {
            return;
        }
        let spot = asg::next_is_spot(&self.asgs[a], &self.pools[p.idx()], &self.insts);
        let mut ty = 0u8;
        if let Some(alloc) = self.asgs[a].fleet {
            (ty, az) = self.fleet_pick(a, alloc, spot, az);
        }
        if spot {
            let f = self.spot_factor(&self.pools[p.idx()].types[ty as usize].name, az);
            let node = self.asg_node(a);
            let zone = &self.azs[az as usize];
            if asg::spot_blocked(&mut self.asgs[a], &mut self.cx, node, zone, f) {
                return;
            }
        }
        // An ECS task needs a container instance with room [ECS-TASKDEF].
        let host = match self.ecs_place(a, az) {
            Placement::Free => None,
            Placement::Host(h, z) => {
                az = z;
                Some(h)
            }
            Placement::Nowhere => return,
        };
        let launch = Launch { az, spot, ty };
        let i = asg::add_inst(
            &mut self.insts,
            &mut self.pools[p.idx()],
            p,
            &mut self.next_name,
            launch,
            self.cx.now,
        );
        if let Some(h) = host {
            self.ecs_bind(a, i, h);
        }
        // A new ECS task runs the service's current task definition.
        if let Some(r) = &self.asgs[a].rolling {
            self.insts[i.idx()].error_rate = r.error_rate;
        }
        if initial {
            self.set_state(i, St::InService);
            self.register(i, true);
            return;
        }
        let (asg, pool, inst) = (&self.asgs[a], &self.pools[p.idx()], &self.insts[i.idx()]);
        asg::boot(&mut self.cx, asg, pool, i, inst, &self.azs, why);
    }

    /// Fills a group to its desired capacity at the start of the run.
    pub(crate) fn initial_fill(&mut self, a: usize) {
        let n = self.asgs[a].desired;
        let azs = u32::from(self.asgs[a].azs.max(1));
        for k in 0..n {
            self.launch_inst(a, (k % azs) as u8, true, "start");
        }
    }

    /// Instance `i` has booted: in service, registered unless
    /// AddToLoadBalancer is suspended, and its queues' workers start.
    pub(crate) fn booted(&mut self, i: InstIx) {
        if self.insts[i.idx()].state != St::Pending || self.insts[i.idx()].stopped {
            return;
        }
        self.set_state(i, St::InService);
        self.insts[i.idx()].in_service_at = self.cx.now;
        let p = self.insts[i.idx()].pool;
        let add = match self.pools[p.idx()].kind {
            PoolKind::Asg(a) => !self.suspended(a as usize, Process::AddToLoadBalancer),
            _ => true,
        };
        if add {
            self.register(i, false);
        }
        let node = self.pools[p.idx()].node;
        let text = format!("{} is in service", self.inst_name(i));
        self.cx.log(Some(node), text);
        // Queued work cannot exist yet; workers polling a queue start now.
        self.mq_capacity_up(p);
        if let PoolKind::Asg(a) = self.pools[p.idx()].kind
            && self.asgs[a as usize].capacity_rebalance
        {
            self.rebalance_done(a as usize);
        }
    }

    /// Begins taking an instance out: drain, then terminate.
    pub(crate) fn begin_terminate(&mut self, i: InstIx) {
        match self.insts[i.idx()].state {
            St::Pending => self.begin_terminating(i),
            St::InService => match self.drain_time(i) {
                Some(delay) => {
                    self.set_state(i, St::Draining);
                    let inst = &self.insts[i.idx()];
                    if inst.in_system() == 0 || inst.crashed {
                        self.drain_done(i, 0);
                    } else {
                        self.cx
                            .q
                            .push(self.cx.now + delay, Ev::DrainDone { inst: i });
                    }
                }
                None => self.begin_terminating(i),
            },
            _ => {}
        }
    }

    /// How long instance `i` drains before it is stopped: the longest
    /// deregistration delay of its load balancers, then for an ECS task its
    /// stop timeout (SIGTERM to SIGKILL [ECS-TASKDEF], §3); `None` when it
    /// stops at once (registered nowhere and no stop timeout).
    fn drain_time(&mut self, i: InstIx) -> Option<u64> {
        let stop = match self.pools[self.insts[i.idx()].pool.idx()].kind {
            PoolKind::Asg(a) => self.asgs[a as usize].stop_us,
            _ => None,
        };
        match (self.deregister(i), stop) {
            (None, None) => None,
            (d, s) => Some(d.unwrap_or(0) + s.unwrap_or(0)),
        }
    }

    /// Instance `i` has drained: it leaves its target groups and terminates.
    #[inline(never)] // off the common request path: keeps its callers lean
    pub(crate) fn drain_done(&mut self, i: InstIx, _gen: u32) {
        if self.insts[i.idx()].state != St::Draining {
            return;
        }
        let p = self.insts[i.idx()].pool;
        let busy = self.insts[i.idx()].in_system();
        if let PoolKind::Asg(a) = self.pools[p.idx()].kind
            && let Some(stop) = self.asgs[a as usize].stop_us
            && busy > 0
        {
            let text = format!(
                "{} still held {busy} requests at the end of its {} s stop timeout; SIGKILL loses them",
                self.inst_title(i),
                stop as f64 / 1e6
            );
            self.cx.log(Some(self.pools[p.idx()].node), text);
        }
        self.unregister(i);
        self.begin_terminating(i);
    }

    fn begin_terminating(&mut self, i: InstIx) {
        self.set_state(i, St::Terminating);
        let p = self.insts[i.idx()].pool;
        let hook = match self.pools[p.idx()].kind {
            PoolKind::Asg(a) => self.asgs[a as usize].hook_term_us,
            _ => 0,
        };
        self.cx
            .q
            .push(self.cx.now + hook, Ev::Terminated { inst: i });
    }

    /// The instance is gone: billing stops, its work fails, the group reacts.
    pub(crate) fn terminated(&mut self, i: InstIx) {
        if !self.insts[i.idx()].alive() {
            return;
        }
        self.accrue_inst(i, true);
        self.drop_work(i);
        self.ecs_release(i);
        self.unregister(i);
        self.set_state(i, St::Terminated);
        let p = self.insts[i.idx()].pool;
        self.pools[p.idx()].insts.retain(|&x| x != i);
        if let PoolKind::Asg(a) = self.pools[p.idx()].kind {
            self.reconcile(a as usize);
        }
    }

    /// Launches or terminates until the group has its desired capacity.
    pub(crate) fn reconcile(&mut self, a: usize) {
        let p = self.asgs[a].pool;
        let mut counts = asg::counts_by_az(&self.asgs[a], &self.pools[p.idx()], &self.insts);
        let live: u32 = counts.iter().sum();
        let desired = self.asgs[a].desired;
        if live < desired && !self.suspended(a, Process::Launch) {
            for az in asg::launch_zones(&mut counts, &self.az_down, desired - live) {
                self.launch(a, az, &format!("desired {desired}"));
            }
        } else if live > desired && !self.suspended(a, Process::Terminate) {
            if asg::any_pending(&self.pools[p.idx()], &self.insts) {
                return; // launch first, then terminate (scale-in waits for launches)
            }
            self.terminate_picked(a, live - desired, &mut counts, |name| {
                format!("terminating {name} (desired {desired})")
            });
        }
    }

    /// Terminates up to `n` in-service instances of group `a`, each picked
    /// as scale-in picks (from the zone with the most, `counts` updated) and
    /// logged as `says` words it from the instance's name; how many went.
    pub(crate) fn terminate_picked(
        &mut self,
        a: usize,
        n: u32,
        counts: &mut [u32],
        says: impl Fn(&str) -> String,
    ) -> u32 {
        let p = self.asgs[a].pool;
        let mut gone = 0;
        while gone < n {
            let Some(i) =
                asg::pick_victim(&mut self.asgs[a], &self.pools[p.idx()], &self.insts, counts)
            else {
                break;
            };
            let node = self.asg_node(a);
            let text = says(&self.inst_name(i));
            asg::mark_replaced(&mut self.cx, &mut self.insts, node, i, text);
            self.begin_terminate(i);
            gone += 1;
        }
        gone
    }

    /// The groups' periodic health check, replacement and rebalance.
    pub(crate) fn asg_tick(&mut self) {
        if self.cx.now + ASG_TICK_US < self.cx.end {
            self.cx.q.push(self.cx.now + ASG_TICK_US, Ev::AsgTick);
        }
        for a in 0..self.asgs.len() {
            let p = self.asgs[a].pool;
            let node = self.asg_node(a);
            if !self.suspended(a, Process::HealthCheck) {
                let Engine {
                    cx,
                    asgs,
                    pools,
                    insts,
                    azs,
                    lbs,
                    ..
                } = self;
                let pool = &pools[p.idx()];
                let seen = |i| lb::unhealthy(lbs, &pool.lbs, i);
                asg::check_health(cx, &asgs[a], pool, insts, azs, node, seen);
            }
            if !self.suspended(a, Process::ReplaceUnhealthy) {
                for i in asg::unhealthy_batch(&self.asgs[a], &self.pools[p.idx()], &self.insts) {
                    let text = format!(
                        "{} terminated as unhealthy; launching a replacement",
                        self.inst_name(i)
                    );
                    asg::mark_replaced(&mut self.cx, &mut self.insts, node, i, text);
                    self.begin_terminate(i);
                }
            }
            self.reconcile(a);
            if self.asgs[a].refresh.is_some() {
                self.refresh_step(a);
            }
            if self.asgs[a]
                .rolling
                .as_ref()
                .is_some_and(|r| r.deploy.is_some())
            {
                self.deploy_step(a);
            }
            let (asg, pool) = (&self.asgs[a], &self.pools[p.idx()]);
            if let Some(z) = asg::rebalance_zone(asg, pool, &self.insts, &self.az_down) {
                self.launch(a, z, "rebalancing Availability Zones");
            }
        }
    }
}
