//! The scenario's timeline events applied to the running model, one method
//! per event, over targets resolved when the run was built.

use super::super::Ev;
use super::super::engine::Engine;
use super::super::model::*;
use super::failures::RDS_RESTORE_US;
use super::target::Target;
use crate::design::{ComponentId, LinkId};
use crate::scenario::{Event, FailureMode, Process};

impl Engine {
    /// Finds every timeline event's target once: the pool and group of the
    /// component it names, and the zone it names.
    pub(crate) fn resolve_timeline(&mut self) {
        let targets: Vec<Target> = self
            .scenario
            .timeline
            .iter()
            .map(|te| self.target(&te.event))
            .collect();
        self.targets = targets;
    }

    fn target(&self, e: &Event) -> Target {
        let component = match e {
            Event::InstanceFailure { target, .. }
            | Event::DependencySlowdown { target, .. }
            | Event::BadDeployment { target, .. }
            | Event::ScheduledAction { target, .. }
            | Event::Suspend { target, .. }
            | Event::Resume { target, .. } => Some(*target),
            _ => None,
        };
        let pool = component.and_then(|id| self.pool_of(id));
        let asg = pool.and_then(|p| match self.pools[p as usize].kind {
            PoolKind::Asg(a) => Some(a),
            _ => None,
        });
        let az = match e {
            Event::AzOutage { az, .. } => self.az_index(az).map(|z| z as u8),
            _ => None,
        };
        Target { pool, asg, az }
    }

    fn pool_of(&self, id: ComponentId) -> Option<u16> {
        self.nodes
            .iter()
            .find(|n| n.id == id)
            .and_then(|n| match n.kind {
                NodeKind::Pool(p) => Some(p),
                _ => None,
            })
    }

    /// The index of the zone called `name`.
    pub(super) fn az_index(&self, name: &str) -> Option<usize> {
        self.azs.iter().position(|z| z == name)
    }

    /// The pool event `idx` names.
    pub(super) fn target_pool(&self, idx: usize) -> Option<usize> {
        self.targets.get(idx).and_then(|t| t.pool).map(usize::from)
    }

    /// Applies timeline event `idx`.
    pub(crate) fn timeline(&mut self, idx: usize) {
        let Some(te) = self.scenario.timeline.get(idx).cloned() else {
            return;
        };
        let end = duration_s(&te.event).map(|d| self.cx.now + (d.max(0.0) * 1e6) as u64);
        let applied = match &te.event {
            Event::InstanceFailure { count, mode, .. } => self.fail_instances(idx, *count, *mode),
            Event::AzOutage { az, .. } => self.az_outage(idx, az),
            Event::AzRecovery { az } => {
                self.az_recover(az);
                Applied::Done
            }
            Event::RegionOutage { region, .. } => self.region_outage(region.as_deref()),
            Event::SpotInterruption { target, share } => self.interrupt_spot(*target, *share),
            Event::SpotPriceChange {
                instance_type,
                az,
                factor,
            } => self.move_spot_price(instance_type.as_deref(), az.as_deref(), *factor),
            Event::DependencySlowdown { factor, .. } => self.slow_down(idx, *factor),
            Event::BadDeployment { error_rate, .. } => self.deploy_bad(idx, *error_rate),
            Event::ScheduledAction {
                min, max, desired, ..
            } => self.scheduled_action(idx, *min, *max, *desired),
            Event::Suspend { process, .. } => self.suspend(idx, *process, true),
            Event::Resume { process, .. } => self.suspend(idx, *process, false),
            Event::WeightChange { link, weight } => self.change_weight(*link, *weight),
        };
        match applied {
            Applied::Ignored => self.ignored(&te.event),
            Applied::Timed => {
                if let Some(t) = end {
                    self.cx.q.push(t, Ev::TimelineEnd { idx: idx as u16 });
                }
            }
            Applied::Done => {}
        }
    }

    fn fail_instances(&mut self, idx: usize, count: u32, mode: FailureMode) -> Applied {
        let Some(p) = self
            .target_pool(idx)
            .filter(|&p| self.managed_of(p).is_none())
        else {
            return Applied::Ignored;
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
                FailureMode::Hang => self.hang(p, i),
            }
        }
        Applied::Done
    }

    /// Instance `i` of pool `p` stops answering but keeps running.
    fn hang(&mut self, p: usize, i: u32) {
        self.insts[i as usize].hung = true;
        let node = self.pools[p].node;
        let text = format!(
            "{}: the application hangs (the instance keeps running)",
            self.inst_name(i)
        );
        self.cx.log(Some(node), text);
        if self.pools[p].kind == PoolKind::Rds {
            self.cx
                .q
                .push(self.cx.now + RDS_RESTORE_US, Ev::Restore { pool: p as u16 });
        }
    }

    fn az_outage(&mut self, idx: usize, az: &str) -> Applied {
        let Some(z) = self.targets.get(idx).and_then(|t| t.az).map(usize::from) else {
            return Applied::Ignored;
        };
        self.az_down[z] = true;
        self.cx
            .tally
            .outage_starts(Some(az), self.cx.now as f64 / 1e6);
        self.cx.log(None, format!("Availability Zone {az} is down"));
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
        Applied::Timed
    }

    fn region_outage(&mut self, region: Option<&str>) -> Applied {
        match region {
            None => {
                self.region.set_all(true);
                self.cx.tally.outage_starts(None, self.cx.now as f64 / 1e6);
                self.cx.log(None, "the region stops answering".to_owned());
            }
            Some(name) => {
                let Some(r) = self.region.index(name) else {
                    self.no_region(name);
                    return Applied::Done;
                };
                if !self.region_down(r, name) {
                    return Applied::Done;
                }
            }
        }
        Applied::Timed
    }

    fn interrupt_spot(&mut self, target: Option<ComponentId>, share: f64) -> Applied {
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
        Applied::Done
    }

    fn move_spot_price(&mut self, ty: Option<&str>, az: Option<&str>, factor: f64) -> Applied {
        let types: Vec<String> = self
            .pools
            .iter()
            .flat_map(|p| p.types.iter().map(|t| t.name.clone()))
            .collect();
        for name in types {
            if ty.is_some_and(|t| t != name) {
                continue;
            }
            for z in 0..self.azs.len() {
                if az.is_some_and(|a| a != self.azs[z]) {
                    continue;
                }
                self.set_spot_factor(&name, z as u8, factor.max(0.0));
            }
        }
        self.cx.log(
            None,
            format!(
                "the Spot price moves to {:.0} % of On-Demand",
                factor * 100.0
            ),
        );
        self.check_spot_prices();
        Applied::Done
    }

    fn slow_down(&mut self, idx: usize, factor: f64) -> Applied {
        let Some(p) = self.target_pool(idx) else {
            return Applied::Ignored;
        };
        self.pools[p].slowdown = factor.max(0.0);
        let node = self.pools[p].node;
        let text = format!(
            "{} slows down: service time × {factor}",
            self.nodes[node as usize].label
        );
        self.cx.log(Some(node), text);
        Applied::Timed
    }

    fn deploy_bad(&mut self, idx: usize, error_rate: f64) -> Applied {
        let Some(p) = self.target_pool(idx) else {
            return Applied::Ignored;
        };
        if let Some(k) = self.managed_of(p)
            && self.managed_deploy(k, error_rate)
        {
            return Applied::Timed;
        }
        self.pools[p].error_rate = error_rate.clamp(0.0, 1.0);
        let node = self.pools[p].node;
        let text = format!(
            "a new version of {} is deployed; it fails {:.0} % of requests",
            self.nodes[node as usize].label,
            error_rate * 100.0
        );
        self.cx.log(Some(node), text);
        Applied::Timed
    }

    fn scheduled_action(
        &mut self,
        idx: usize,
        min: Option<u32>,
        max: Option<u32>,
        desired: Option<u32>,
    ) -> Applied {
        let Some(a) = self.targets.get(idx).and_then(|t| t.asg).map(usize::from) else {
            return Applied::Ignored;
        };
        let node = self.pools[self.asgs[a].pool as usize].node;
        if self.suspended(a, Process::ScheduledActions) {
            self.cx.log(
                Some(node),
                "scheduled action skipped: ScheduledActions is suspended".to_owned(),
            );
            return Applied::Done;
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
        self.cx.log(Some(node), text);
        self.reconcile(a);
        Applied::Done
    }

    fn suspend(&mut self, idx: usize, process: Process, suspend: bool) -> Applied {
        let Some(a) = self.targets.get(idx).and_then(|t| t.asg).map(usize::from) else {
            return Applied::Ignored;
        };
        if suspend {
            self.asgs[a].suspended |= process.bit();
        } else {
            self.asgs[a].suspended &= !process.bit();
        }
        let node = self.pools[self.asgs[a].pool as usize].node;
        let verb = if suspend { "suspended" } else { "resumed" };
        self.cx
            .log(Some(node), format!("{} {verb}", process.name()));
        Applied::Done
    }

    fn change_weight(&mut self, link: LinkId, weight: f64) -> Applied {
        self.dns_weight(link, weight);
        for l in 0..self.lbs.len() {
            self.lbs[l].targets_changed();
            if let Some(tg) = self.lbs[l].tgs.iter_mut().find(|t| t.link == link) {
                tg.weight = weight.max(0.0);
                let node = self.lbs[l].node;
                self.cx.log(
                    Some(node),
                    format!("target group weight of {link} set to {weight}"),
                );
            }
        }
        Applied::Done
    }
}

/// How long a timed event lasts; `None` lasts to the end of the run.
fn duration_s(e: &Event) -> Option<f64> {
    match e {
        Event::AzOutage { duration_s, .. }
        | Event::RegionOutage { duration_s, .. }
        | Event::DependencySlowdown { duration_s, .. }
        | Event::BadDeployment { duration_s, .. } => *duration_s,
        _ => None,
    }
}

/// What applying an event did.
enum Applied {
    /// Its target cannot take it: say so in the log.
    Ignored,
    /// It took effect and ends after its duration, if it has one.
    Timed,
    /// It took effect (or was skipped with its own log line) and has no end.
    Done,
}
