//! Auto Scaling groups: launches, terminations, health, policies, rebalance, Spot.

use super::Ev;
use super::engine::Engine;
use super::model::*;
use crate::scenario::Process;

/// How often a group checks its instances' health, µs. Assumption: the
/// period is not documented [AS-HC] (UNCONFIRMED; the notes suggest 10–60 s).
pub(crate) const ASG_TICK_US: u64 = 10_000_000;
/// The two-minute Spot interruption notice [EC2-SPOT-NOTICE].
pub(crate) const SPOT_NOTICE_US: u64 = 120_000_000;

impl Engine {
    pub(crate) fn suspended(&self, a: usize, p: Process) -> bool {
        self.asgs[a].suspended & p.bit() != 0
    }

    pub(crate) fn asg_node(&self, a: usize) -> u16 {
        self.pools[self.asgs[a].pool as usize].node
    }

    /// Launches one instance of a group in a zone (a Spot Fleet picks its own
    /// pool by its allocation strategy). `initial` instances exist in service
    /// when the run starts.
    pub(crate) fn launch(&mut self, a: usize, az: u8, why: &str) {
        self.launch_inst(a, az, false, why);
    }

    pub(crate) fn launch_inst(&mut self, a: usize, mut az: u8, initial: bool, why: &str) {
        let p = self.asgs[a].pool as usize;
        // Nothing launches in a region that is down.
        if self.region.named_down(self.pools[p].node) {
            return;
        }
        // Spot or On-Demand: the base first, then the Spot share above it.
        let (mut od, mut spot) = (0u32, 0u32);
        for &i in &self.pools[p].insts {
            let inst = &self.insts[i as usize];
            if matches!(inst.state, St::Pending | St::InService) && !inst.replaced {
                if inst.spot { spot += 1 } else { od += 1 }
            }
        }
        let asg = &self.asgs[a];
        let want_spot = wants_spot(od, spot, asg.od_base, asg.spot_pct);
        let mut ty = 0u8;
        if let Some(alloc) = self.asgs[a].fleet {
            (ty, az) = self.fleet_pick(a, alloc, want_spot, az);
        }
        if want_spot {
            let f = self.spot_factor(&self.pools[p].types[ty as usize].name, az);
            if f > self.asgs[a].max_price {
                if !self.asgs[a].spot_blocked_logged {
                    self.asgs[a].spot_blocked_logged = true;
                    let node = self.asg_node(a);
                    let text = format!(
                        "no Spot capacity at the max price in {} (price {:.0} % of On-Demand); launch waits",
                        self.azs[az as usize],
                        f * 100.0
                    );
                    self.cx.log(Some(node), text);
                }
                return;
            }
        }
        // An ECS task needs a container instance with room [ECS-TASKDEF].
        let host = match self.ecs_place(a, az) {
            super::edge::ecs::setup::Placement::Free => None,
            super::edge::ecs::setup::Placement::Host(h, z) => {
                az = z;
                Some(h)
            }
            super::edge::ecs::setup::Placement::Nowhere => return,
        };
        let name = self.next_name;
        self.next_name += 1;
        let now = self.cx.now;
        let i = self.insts.len() as u32;
        let mut inst = new_inst(p as u16, name, az, St::Pending, want_spot, now);
        inst.ty = ty;
        self.insts.push(inst);
        self.pools[p].insts.push(i);
        if let Some(h) = host {
            self.ecs_bind(a, i, h);
        }
        if initial {
            self.set_state(i, St::InService);
            self.register(i, true);
            return;
        }
        let asg = &self.asgs[a];
        let ready = now + asg.boot_us + asg.hook_launch_us;
        self.cx.q.push(ready, Ev::Booted { inst: i });
        let node = self.asg_node(a);
        let kind = if want_spot { " (Spot)" } else { "" };
        let tname = if self.pools[p].types.len() > 1 {
            format!(" {}", self.pools[p].types[ty as usize].name)
        } else {
            String::new()
        };
        let text = format!(
            "launching i-{name}{kind}{tname} in {} ({why})",
            self.azs[az as usize]
        );
        self.cx.log(Some(node), text);
    }

    /// Fills a group to its desired capacity at the start of the run.
    pub(crate) fn initial_fill(&mut self, a: usize) {
        let n = self.asgs[a].desired;
        let azs = u32::from(self.asgs[a].azs.max(1));
        for k in 0..n {
            self.launch_inst(a, (k % azs) as u8, true, "start");
        }
    }

    pub(crate) fn booted(&mut self, i: u32) {
        if self.insts[i as usize].state != St::Pending {
            return;
        }
        self.set_state(i, St::InService);
        self.insts[i as usize].in_service_us = self.cx.now;
        let p = self.insts[i as usize].pool as usize;
        let add = match self.pools[p].kind {
            PoolKind::Asg(a) => !self.suspended(a as usize, Process::AddToLoadBalancer),
            _ => true,
        };
        if add {
            self.register(i, false);
        }
        let node = self.pools[p].node;
        let text = format!("{} is in service", self.inst_name(i));
        self.cx.log(Some(node), text);
        // Queued work cannot exist yet; workers polling a queue start now.
        self.mq_capacity_up(p as u16);
    }

    /// Begins taking an instance out: drain, then terminate.
    pub(crate) fn begin_terminate(&mut self, i: u32) {
        match self.insts[i as usize].state {
            St::Pending => self.begin_terminating(i),
            St::InService => match self.deregister(i) {
                Some(delay) => {
                    self.set_state(i, St::Draining);
                    let inst = &self.insts[i as usize];
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

    #[inline(never)] // off the common request path: keeps its callers lean
    pub(crate) fn drain_done(&mut self, i: u32, _gen: u32) {
        if self.insts[i as usize].state != St::Draining {
            return;
        }
        self.unregister(i);
        self.begin_terminating(i);
    }

    fn begin_terminating(&mut self, i: u32) {
        self.set_state(i, St::Terminating);
        let p = self.insts[i as usize].pool as usize;
        let hook = match self.pools[p].kind {
            PoolKind::Asg(a) => self.asgs[a as usize].hook_term_us,
            _ => 0,
        };
        self.cx
            .q
            .push(self.cx.now + hook, Ev::Terminated { inst: i });
    }

    /// The instance is gone: billing stops, its work fails, the group reacts.
    pub(crate) fn terminated(&mut self, i: u32) {
        if !self.insts[i as usize].alive() {
            return;
        }
        self.accrue_inst(i, true);
        self.drop_work(i);
        self.ecs_release(i);
        self.unregister(i);
        self.set_state(i, St::Terminated);
        let p = self.insts[i as usize].pool as usize;
        self.pools[p].insts.retain(|&x| x != i);
        if let PoolKind::Asg(a) = self.pools[p].kind {
            self.reconcile(a as usize);
        }
    }

    fn counts_by_az(&self, a: usize) -> Vec<u32> {
        let asg = &self.asgs[a];
        let mut c = vec![0u32; asg.azs as usize];
        for &i in &self.pools[asg.pool as usize].insts {
            let inst = &self.insts[i as usize];
            if matches!(inst.state, St::Pending | St::InService)
                && !inst.replaced
                && let Some(x) = c.get_mut(inst.az as usize)
            {
                *x += 1;
            }
        }
        c
    }

    /// Launches or terminates until the group has its desired capacity.
    pub(crate) fn reconcile(&mut self, a: usize) {
        let counts = self.counts_by_az(a);
        let live: u32 = counts.iter().sum();
        let desired = self.asgs[a].desired;
        if live < desired && !self.suspended(a, Process::Launch) {
            let mut counts = counts;
            for _ in live..desired {
                let Some(az) = (0..counts.len())
                    .filter(|&z| !self.az_down[z])
                    .min_by_key(|&z| counts[z])
                else {
                    break;
                };
                counts[az] += 1;
                self.launch(a, az as u8, &format!("desired {desired}"));
            }
        } else if live > desired && !self.suspended(a, Process::Terminate) {
            let p = self.asgs[a].pool as usize;
            let pending = self.pools[p]
                .insts
                .iter()
                .any(|&i| self.insts[i as usize].state == St::Pending);
            if pending {
                return; // launch first, then terminate (scale-in waits for launches)
            }
            let mut counts = counts;
            for _ in desired..live {
                let Some(az) = (0..counts.len()).max_by_key(|&z| (counts[z], usize::MAX - z))
                else {
                    break;
                };
                let candidates: Vec<u32> = self.pools[p]
                    .insts
                    .iter()
                    .copied()
                    .filter(|&i| {
                        let x = &self.insts[i as usize];
                        x.az as usize == az && x.state == St::InService && !x.replaced
                    })
                    .collect();
                if candidates.is_empty() {
                    break;
                }
                let k = self.asgs[a].rng.below(candidates.len());
                let i = candidates[k];
                counts[az] -= 1;
                let node = self.asg_node(a);
                let text = format!("terminating {} (desired {desired})", self.inst_name(i));
                self.cx.log(Some(node), text);
                self.insts[i as usize].replaced = true;
                self.begin_terminate(i);
            }
        }
    }

    /// The group's periodic health check, replacement and rebalance.
    pub(crate) fn asg_tick(&mut self) {
        if self.cx.now + ASG_TICK_US < self.cx.end_us {
            self.cx.q.push(self.cx.now + ASG_TICK_US, Ev::AsgTick);
        }
        for a in 0..self.asgs.len() {
            let p = self.asgs[a].pool as usize;
            let node = self.asg_node(a);
            if !self.suspended(a, Process::HealthCheck) {
                let insts = self.pools[p].insts.clone();
                for i in insts {
                    let inst = &self.insts[i as usize];
                    if inst.state != St::InService || inst.unhealthy {
                        continue;
                    }
                    let asg = &self.asgs[a];
                    let elb_bad = asg.elb_hc
                        && self.cx.now >= inst.in_service_us + asg.grace_us
                        && self.lb_unhealthy(i);
                    if inst.crashed || elb_bad {
                        self.insts[i as usize].unhealthy = true;
                        let why = if elb_bad && !self.insts[i as usize].crashed {
                            "ELB health check"
                        } else {
                            "EC2 status check"
                        };
                        let text = format!("{} is unhealthy ({why})", self.inst_name(i));
                        self.cx.log(Some(node), text);
                    }
                }
            }
            if !self.suspended(a, Process::ReplaceUnhealthy) {
                // At most 10 % of desired at a time, at least one [AS-HC].
                let batch = (self.asgs[a].desired / 10).max(1) as usize;
                let victims: Vec<u32> = self.pools[p]
                    .insts
                    .iter()
                    .copied()
                    .filter(|&i| {
                        let x = &self.insts[i as usize];
                        x.unhealthy && !x.replaced && x.alive()
                    })
                    .take(batch)
                    .collect();
                for i in victims {
                    self.insts[i as usize].replaced = true;
                    let text = format!(
                        "{} terminated as unhealthy; launching a replacement",
                        self.inst_name(i)
                    );
                    self.cx.log(Some(node), text);
                    self.begin_terminate(i);
                }
            }
            self.reconcile(a);
            self.rebalance(a);
        }
    }

    /// AZRebalance: launch in the emptiest zone first, then terminate elsewhere [AS-SUSP].
    fn rebalance(&mut self, a: usize) {
        // A Spot Fleet places by its allocation strategy, not by zone balance.
        if self.suspended(a, Process::AzRebalance)
            || self.suspended(a, Process::Launch)
            || self.asgs[a].fleet.is_some()
        {
            return;
        }
        let p = self.asgs[a].pool as usize;
        if self.pools[p]
            .insts
            .iter()
            .any(|&i| self.insts[i as usize].state == St::Pending)
        {
            return;
        }
        let counts = self.counts_by_az(a);
        let up: Vec<usize> = (0..counts.len()).filter(|&z| !self.az_down[z]).collect();
        let (Some(&lo), Some(&hi)) = (
            up.iter().min_by_key(|&&z| counts[z]),
            up.iter().max_by_key(|&&z| counts[z]),
        ) else {
            return;
        };
        let live: u32 = counts.iter().sum();
        // May exceed max by up to 10 % while rebalancing [AS-SUSP].
        let ceiling = (f64::from(self.asgs[a].max) * 1.1).ceil() as u32;
        if counts[hi] > counts[lo] + 1 && live < ceiling.max(self.asgs[a].max + 1) {
            self.launch(a, lo as u8, "rebalancing Availability Zones");
        }
    }
}

/// Whether the next launch is Spot: the On-Demand base first, then the Spot
/// share of what is above the base.
pub(crate) fn wants_spot(od: u32, spot: u32, od_base: u32, spot_pct: f64) -> bool {
    if od < od_base || spot_pct <= 0.0 {
        return false;
    }
    let above = od + spot + 1 - od_base;
    f64::from(spot) < spot_pct / 100.0 * f64::from(above) - 1e-9
}

pub(crate) fn new_inst(pool: u16, name: u32, az: u8, state: St, spot: bool, now: u64) -> Inst {
    Inst {
        pool,
        ty: 0,
        name,
        az,
        state,
        epoch: 0,
        spot,
        crashed: false,
        hung: false,
        unhealthy: false,
        notice: false,
        busy: 0,
        cpu: 0,
        queue: std::collections::VecDeque::new(),
        active: Vec::new(),
        launched_us: now,
        in_service_us: now,
        accrued_us: now,
        cpu_sum: 0,
        cpu_mark: 0,
        received: 0,
        received_mark: 0,
        replaced: false,
    }
}
