//! The scenario's timeline applied to the running model.

use super::Ev;
use super::engine::Engine;
use super::model::*;
use crate::scenario::{Event, FailureMode};

/// Time a single-AZ database takes to come back after its instance fails.
/// Assumption: not in the reference notes; 10 minutes.
const RDS_RESTORE_US: u64 = 600_000_000;

impl Engine {
    fn pool_of(&self, id: crate::design::ComponentId) -> Option<usize> {
        self.nodes
            .iter()
            .find(|n| n.id == id)
            .and_then(|n| match n.kind {
                NodeKind::Pool(p) => Some(p as usize),
                _ => None,
            })
    }

    fn asg_of(&self, id: crate::design::ComponentId) -> Option<usize> {
        self.pool_of(id).and_then(|p| match self.pools[p].kind {
            PoolKind::Asg(a) => Some(a as usize),
            _ => None,
        })
    }

    fn az_index(&self, name: &str) -> Option<usize> {
        self.azs.iter().position(|z| z == name)
    }

    pub(crate) fn timeline(&mut self, idx: usize) {
        let Some(te) = self.scenario.timeline.get(idx).cloned() else {
            return;
        };
        let now = self.now;
        let end = |d: Option<f64>| d.map(|d| now + (d.max(0.0) * 1e6) as u64);
        match te.event.clone() {
            Event::InstanceFailure {
                target,
                count,
                mode,
            } => {
                let Some(p) = self
                    .pool_of(target)
                    .filter(|&p| self.managed_of(p).is_none())
                else {
                    return self.ignored(&te.event);
                };
                let victims: Vec<u32> = self.pools[p]
                    .insts
                    .iter()
                    .copied()
                    .filter(|&i| {
                        let x = &self.insts[i as usize];
                        x.state == St::InService && !x.crashed && !x.hung
                    })
                    .take(count as usize)
                    .collect();
                for i in victims {
                    match mode {
                        FailureMode::Crash => self.crash(i, "failed (instance stopped)"),
                        FailureMode::Hang => {
                            self.insts[i as usize].hung = true;
                            let node = self.pools[p].node;
                            let text = format!(
                                "{}: the application hangs (the instance keeps running)",
                                self.inst_name(i)
                            );
                            self.log(Some(node), text);
                            if self.pools[p].kind == PoolKind::Rds {
                                self.q.push(
                                    self.now + RDS_RESTORE_US,
                                    Ev::Restore { pool: p as u16 },
                                );
                            }
                        }
                    }
                }
            }
            Event::AzOutage { az, duration_s } => {
                let Some(z) = self.az_index(&az) else {
                    return self.ignored(&te.event);
                };
                self.az_down[z] = true;
                self.tally.outage_starts(Some(&az), self.now as f64 / 1e6);
                self.log(None, format!("Availability Zone {az} is down"));
                // Regional managed services keep running in the other zones.
                let victims: Vec<u32> = (0..self.insts.len() as u32)
                    .filter(|&i| {
                        let x = &self.insts[i as usize];
                        x.az as usize == z
                            && x.alive()
                            && !x.crashed
                            && self.managed_of(x.pool as usize).is_none()
                    })
                    .collect();
                for i in victims {
                    self.crash(i, "failed with its Availability Zone");
                }
                if let Some(t) = end(duration_s) {
                    self.q.push(t, Ev::TimelineEnd { idx: idx as u16 });
                }
            }
            Event::AzRecovery { az } => self.az_recover(&az),
            Event::RegionOutage { region, duration_s } => {
                match region {
                    None => {
                        self.region.set_all(true);
                        self.tally.outage_starts(None, self.now as f64 / 1e6);
                        self.log(None, "the region stops answering".to_owned());
                    }
                    Some(name) => {
                        let Some(r) = self.region.index(&name) else {
                            return self.no_region(&name);
                        };
                        if !self.region_down(r, &name) {
                            return;
                        }
                    }
                }
                if let Some(t) = end(duration_s) {
                    self.q.push(t, Ev::TimelineEnd { idx: idx as u16 });
                }
            }
            Event::SpotInterruption { target, share } => {
                for a in 0..self.asgs.len() {
                    let p = self.asgs[a].pool as usize;
                    if target.is_some_and(|t| self.nodes[self.pools[p].node as usize].id != t) {
                        continue;
                    }
                    let spots: Vec<u32> = self.pools[p]
                        .insts
                        .iter()
                        .copied()
                        .filter(|&i| self.insts[i as usize].spot && !self.insts[i as usize].notice)
                        .collect();
                    let n = ((spots.len() as f64) * share.clamp(0.0, 1.0)).ceil() as usize;
                    for &i in spots.iter().take(n) {
                        self.spot_notice(i, "an interruption wave");
                    }
                }
            }
            Event::SpotPriceChange {
                instance_type,
                az,
                factor,
            } => {
                let types: Vec<String> = self
                    .pools
                    .iter()
                    .flat_map(|p| p.types.iter().map(|t| t.name.clone()))
                    .collect();
                for ty in types {
                    if instance_type.as_ref().is_some_and(|t| *t != ty) {
                        continue;
                    }
                    for z in 0..self.azs.len() {
                        if az.as_ref().is_some_and(|a| *a != self.azs[z]) {
                            continue;
                        }
                        self.set_spot_factor(&ty, z as u8, factor.max(0.0));
                    }
                }
                self.log(
                    None,
                    format!(
                        "the Spot price moves to {:.0} % of On-Demand",
                        factor * 100.0
                    ),
                );
                self.check_spot_prices();
            }
            Event::DependencySlowdown {
                target,
                factor,
                duration_s,
            } => {
                let Some(p) = self.pool_of(target) else {
                    return self.ignored(&te.event);
                };
                self.pools[p].slowdown = factor.max(0.0);
                let node = self.pools[p].node;
                let text = format!(
                    "{} slows down: service time × {factor}",
                    self.nodes[node as usize].label
                );
                self.log(Some(node), text);
                if let Some(t) = end(duration_s) {
                    self.q.push(t, Ev::TimelineEnd { idx: idx as u16 });
                }
            }
            Event::BadDeployment {
                target,
                error_rate,
                duration_s,
            } => {
                let Some(p) = self.pool_of(target) else {
                    return self.ignored(&te.event);
                };
                if let Some(k) = self.managed_of(p)
                    && self.managed_deploy(k, error_rate)
                {
                    if let Some(t) = end(duration_s) {
                        self.q.push(t, Ev::TimelineEnd { idx: idx as u16 });
                    }
                    return;
                }
                self.pools[p].error_rate = error_rate.clamp(0.0, 1.0);
                let node = self.pools[p].node;
                let text = format!(
                    "a new version of {} is deployed; it fails {:.0} % of requests",
                    self.nodes[node as usize].label,
                    error_rate * 100.0
                );
                self.log(Some(node), text);
                if let Some(t) = end(duration_s) {
                    self.q.push(t, Ev::TimelineEnd { idx: idx as u16 });
                }
            }
            Event::ScheduledAction {
                target,
                min,
                max,
                desired,
            } => {
                let Some(a) = self.asg_of(target) else {
                    return self.ignored(&te.event);
                };
                let node = self.pools[self.asgs[a].pool as usize].node;
                if self.suspended(a, crate::scenario::Process::ScheduledActions) {
                    self.log(
                        Some(node),
                        "scheduled action skipped: ScheduledActions is suspended".to_owned(),
                    );
                    return;
                }
                let asg = &mut self.asgs[a];
                if let Some(m) = min {
                    asg.min = m;
                }
                if let Some(m) = max {
                    asg.max = m.max(asg.min);
                }
                if let Some(d) = desired {
                    asg.desired = d;
                }
                asg.desired = asg.desired.clamp(asg.min, asg.max);
                let text = format!(
                    "scheduled action: min {}, max {}, desired {}",
                    asg.min, asg.max, asg.desired
                );
                self.log(Some(node), text);
                self.reconcile(a);
            }
            Event::Suspend { target, process } | Event::Resume { target, process } => {
                let Some(a) = self.asg_of(target) else {
                    return self.ignored(&te.event);
                };
                let suspend = matches!(te.event, Event::Suspend { .. });
                if suspend {
                    self.asgs[a].suspended |= process.bit();
                } else {
                    self.asgs[a].suspended &= !process.bit();
                }
                let node = self.pools[self.asgs[a].pool as usize].node;
                let verb = if suspend { "suspended" } else { "resumed" };
                self.log(Some(node), format!("{} {verb}", process.name()));
            }
            Event::WeightChange { link, weight } => {
                self.dns_weight(link, weight);
                for l in 0..self.lbs.len() {
                    self.lbs[l].targets_changed();
                    if let Some(tg) = self.lbs[l].tgs.iter_mut().find(|t| t.link == link) {
                        tg.weight = weight.max(0.0);
                        let node = self.lbs[l].node;
                        self.log(
                            Some(node),
                            format!("target group weight of {link} set to {weight}"),
                        );
                    }
                }
            }
        }
    }

    /// The end of a timed event (recovery, rollback).
    pub(crate) fn timeline_end(&mut self, idx: usize) {
        let Some(te) = self.scenario.timeline.get(idx).cloned() else {
            return;
        };
        match te.event {
            Event::AzOutage { az, .. } => self.az_recover(&az),
            Event::RegionOutage { region: None, .. } => {
                self.region.set_all(false);
                self.tally.outage_ends(None, self.now as f64 / 1e6);
                self.log(None, "the region answers again".to_owned());
            }
            Event::RegionOutage {
                region: Some(name), ..
            } => {
                if let Some(r) = self.region.index(&name) {
                    self.region_up(r, &name);
                }
            }
            Event::DependencySlowdown { target, .. } => {
                if let Some(p) = self.pool_of(target) {
                    self.pools[p].slowdown = 1.0;
                    let node = self.pools[p].node;
                    let text = format!(
                        "{} is back to normal speed",
                        self.nodes[node as usize].label
                    );
                    self.log(Some(node), text);
                }
            }
            Event::BadDeployment { target, .. } => {
                let managed = self.pool_of(target).and_then(|p| self.managed_of(p));
                if !managed.is_some_and(|k| self.managed_undeploy(k))
                    && let Some(p) = self.pool_of(target)
                {
                    self.pools[p].error_rate = 0.0;
                    let node = self.pools[p].node;
                    let text = format!(
                        "the bad version of {} is rolled back",
                        self.nodes[node as usize].label
                    );
                    self.log(Some(node), text);
                }
            }
            _ => {}
        }
    }

    fn ignored(&mut self, e: &Event) {
        self.log(
            None,
            format!("timeline event ignored: its target cannot take it ({e:?})"),
        );
    }

    fn no_region(&mut self, name: &str) {
        let name = name.trim();
        self.log(
            None,
            format!(
                "timeline event ignored: the design has no Region frame called \"{name}\" (region outage)"
            ),
        );
    }

    /// Region `r` goes down: its instances fail as in a zone outage, and its
    /// load balancers and managed services refuse calls. Returns whether it
    /// was up.
    fn region_down(&mut self, r: usize, name: &str) -> bool {
        if !self.region.set(r, true) {
            return false;
        }
        self.tally.region_outage_starts(name, self.now as f64 / 1e6);
        self.log(
            None,
            format!("region {name} stops answering: everything inside its frame is down"),
        );
        for i in 0..self.insts.len() as u32 {
            let x = &self.insts[i as usize];
            let p = x.pool as usize;
            if x.alive()
                && !x.crashed
                && self.managed_of(p).is_none()
                && self.region.holds(r, self.pools[p].node)
            {
                self.crash(i, "failed with its region");
            }
        }
        true
    }

    /// Region `r` answers again: lone instances and databases come back;
    /// groups launch replacements on their next check.
    fn region_up(&mut self, r: usize, name: &str) {
        if !self.region.set(r, false) {
            return;
        }
        self.tally.region_outage_ends(name, self.now as f64 / 1e6);
        self.log(None, format!("region {name} answers again"));
        for i in 0..self.insts.len() as u32 {
            let x = &self.insts[i as usize];
            let p = x.pool as usize;
            if x.crashed
                && x.alive()
                && !self.az_down[x.az as usize]
                && self.region.holds(r, self.pools[p].node)
                && !matches!(self.pools[p].kind, PoolKind::Asg(_))
            {
                self.set_crashed(i, false);
                let node = self.pools[p].node;
                let text = format!("{} is running again", self.inst_name(i));
                self.log(Some(node), text);
            }
        }
    }

    fn az_recover(&mut self, az: &str) {
        let Some(z) = self.az_index(az) else { return };
        if !self.az_down[z] {
            return;
        }
        self.az_down[z] = false;
        self.tally.outage_ends(Some(az), self.now as f64 / 1e6);
        self.log(None, format!("Availability Zone {az} is back"));
        // Lone instances and databases come back with their zone; group
        // instances were replaced (or stay failed if replacement is suspended).
        for i in 0..self.insts.len() as u32 {
            let x = &self.insts[i as usize];
            if x.az as usize == z
                && x.crashed
                && x.alive()
                && !matches!(self.pools[x.pool as usize].kind, PoolKind::Asg(_))
            {
                self.set_crashed(i, false);
                let node = self.pools[self.insts[i as usize].pool as usize].node;
                let text = format!("{} is running again", self.inst_name(i));
                self.log(Some(node), text);
            }
        }
    }

    /// An instance stops: its work fails; the group or database reacts.
    pub(crate) fn crash(&mut self, i: u32, what: &str) {
        if self.insts[i as usize].crashed {
            return;
        }
        self.set_crashed(i, true);
        self.drop_work(i);
        let p = self.insts[i as usize].pool as usize;
        let node = self.pools[p].node;
        let text = format!("{} {what}", self.inst_name(i));
        self.log(Some(node), text);
        match self.pools[p].kind {
            PoolKind::Asg(a) => {
                // A stopped instance is unhealthy at once, even in its grace period [AS-HC].
                if !self.suspended(a as usize, crate::scenario::Process::HealthCheck) {
                    self.insts[i as usize].unhealthy = true;
                    let text = format!("{} is unhealthy (EC2 status check)", self.inst_name(i));
                    self.log(Some(node), text);
                }
            }
            PoolKind::Rds => {
                if let Some(f) = self.pools[p].failover_us {
                    self.q.push(self.now + f, Ev::Failover { pool: p as u16 });
                } else if !self.az_down[self.insts[i as usize].az as usize]
                    && !self.region.named_down(node)
                {
                    self.q
                        .push(self.now + RDS_RESTORE_US, Ev::Restore { pool: p as u16 });
                }
            }
            PoolKind::Ec2 | PoolKind::Managed(_) => {}
        }
    }

    /// Multi-AZ failover: the standby in another zone becomes the primary [RDS-MAZ].
    pub(crate) fn failover(&mut self, p: usize) {
        let Some(&old) = self.pools[p].insts.first() else {
            return;
        };
        if !self.insts[old as usize].crashed {
            return;
        }
        let node = self.pools[p].node;
        if self.region.named_down(node) {
            // Multi-AZ keeps the standby in the same region [RDS-MAZ].
            let text = format!(
                "{} cannot fail over: its standby is in the same region, which is down",
                self.nodes[node as usize].label
            );
            self.log(Some(node), text);
            return;
        }
        let from = self.insts[old as usize].az as usize;
        let n = self.azs.len().clamp(2, 6);
        let Some(to) = (1..n).map(|k| (from + k) % n).find(|&z| !self.az_down[z]) else {
            return;
        };
        self.accrue_inst(old, false);
        self.set_state(old, St::Terminated);
        let name = self.next_name;
        self.next_name += 1;
        let i = self.insts.len() as u32;
        self.insts.push(super::asg::new_inst(
            p as u16,
            name,
            to as u8,
            St::Pending,
            false,
            self.now,
        ));
        // The standby takes the primary's place; read replicas stay.
        self.pools[p].insts[0] = i;
        self.set_state(i, St::InService);
        let text = format!(
            "{} failed over to its standby in {}",
            self.nodes[node as usize].label, self.azs[to]
        );
        self.log(Some(node), text);
    }

    /// A single-AZ database (or a hung one) is restored.
    pub(crate) fn restore(&mut self, p: usize) {
        let Some(&i) = self.pools[p].insts.first() else {
            return;
        };
        if self.az_down[self.insts[i as usize].az as usize]
            || self.region.named_down(self.pools[p].node)
        {
            return;
        }
        if self.insts[i as usize].hung {
            self.drop_work(i);
            self.insts[i as usize].hung = false;
        }
        self.set_crashed(i, false);
        let node = self.pools[p].node;
        let text = format!("{} is restored", self.nodes[node as usize].label);
        self.log(Some(node), text);
    }
}
