//! The engine's glue to the timeline ([`crate::sim::timeline`]): the
//! service says what an event asks (a [`Step`] or an [`EndStep`] over
//! targets resolved at build); the glue carries it out across the services
//! and reports back how it went.

use super::super::ix::InstIx;
use super::super::ix::PoolIx;
use super::Engine;
use crate::design::{ComponentId, LinkId};
use crate::scenario::{FailureMode, Process};
use crate::sim::Ev;
use crate::sim::model::*;
use crate::sim::timeline::{self, Applied, EndStep, RDS_RESTORE_US, Step};

impl Engine {
    /// Applies timeline event `idx`.
    pub(crate) fn timeline(&mut self, idx: usize) {
        let Some(step) = self.timeline.step(idx) else {
            return;
        };
        let applied = match step {
            Step::Ignored => Applied::Ignored,
            Step::FailInstances { pool, count, mode } => self.fail_instances(pool, count, mode),
            Step::AzOutage { zone, name } => self.az_outage(zone, &name),
            Step::AzRecovery { name } => {
                self.az_recover(&name);
                Applied::Done
            }
            Step::RegionOutage { region } => self.region_outage(region.as_deref()),
            Step::SpotInterruption { target, share } => self.interrupt_spot(target, share),
            Step::SpotPrice { ty, az, factor } => {
                self.move_spot_price(ty.as_deref(), az.as_deref(), factor)
            }
            Step::Slowdown { pool, factor } => self.slow_down(pool, factor),
            Step::BadDeployment { pool, error_rate } => self.deploy_bad(pool, error_rate),
            Step::Scheduled {
                asg,
                min,
                max,
                desired,
            } => self.scheduled_action(asg, min, max, desired),
            Step::Suspend {
                asg,
                process,
                suspend,
            } => self.suspend(asg, process, suspend),
            Step::Weight { link, weight } => self.change_weight(link, weight),
            Step::Refresh {
                asg,
                min_healthy,
                warmup_us,
            } => self.start_refresh(asg, min_healthy, warmup_us),
            Step::Terminate {
                asg,
                count,
                decrement,
            } => self.terminate_by_hand(asg, count, decrement),
            Step::EcsDeploy { asg, error_rate } => self.start_deploy(asg, error_rate),
            Step::ApiDeploy {
                pool,
                error_rate,
                canary,
            } => self.api_deploy(pool, error_rate, canary),
            Step::ApiRollback { pool } => self.api_rollback(pool),
        };
        self.timeline.applied(idx, applied, &mut self.cx);
    }

    /// The end of timed event `idx` (recovery, rollback, normal speed).
    pub(crate) fn timeline_end(&mut self, idx: usize) {
        match self.timeline.end(idx) {
            Some(EndStep::AzRecovery(az)) => self.az_recover(&az),
            Some(EndStep::RegionBack(None)) => {
                self.region.set_all(false);
                self.cx.tally.outage_ends(None, self.cx.now.as_secs_f64());
                self.cx.log(None, "the region answers again".to_owned());
            }
            Some(EndStep::RegionBack(Some(name))) => {
                if let Some(r) = self.region.index(&name) {
                    self.region_up(r, &name);
                }
            }
            Some(EndStep::NormalSpeed(p)) => {
                self.pools[p.idx()].slowdown = 1.0;
                let node = self.pools[p.idx()].node;
                let text = format!("{} is back to normal speed", self.nodes[node.idx()].label);
                self.cx.log(Some(node), text);
            }
            Some(EndStep::Rollback(p)) => self.roll_back(p),
            None => {}
        }
    }

    /// The bad version of pool `p` (or of its managed service) is rolled back.
    fn roll_back(&mut self, p: PoolIx) {
        if self.managed_of(p).is_some_and(|k| self.managed_undeploy(k)) {
            return;
        }
        self.pools[p.idx()].error_rate = 0.0;
        let node = self.pools[p.idx()].node;
        let text = format!(
            "the bad version of {} is rolled back",
            self.nodes[node.idx()].label
        );
        self.cx.log(Some(node), text);
    }

    /// Up to `count` serving instances of pool `p` stop or hang; a managed
    /// service's pool cannot take it.
    fn fail_instances(&mut self, p: PoolIx, count: u32, mode: FailureMode) -> Applied {
        if self.managed_of(p).is_some() {
            return Applied::Ignored;
        }
        let victims: Vec<InstIx> = self.pools[p.idx()]
            .insts
            .iter()
            .copied()
            .filter(|&i| {
                let x = &self.insts[i.idx()];
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
    fn hang(&mut self, p: PoolIx, i: InstIx) {
        self.insts[i.idx()].hung = true;
        let node = self.pools[p.idx()].node;
        let text = format!(
            "{}: the application hangs (the instance keeps running)",
            self.inst_name(i)
        );
        self.cx.log(Some(node), text);
        if self.pools[p.idx()].kind == PoolKind::Rds {
            self.cx
                .q
                .push(self.cx.now + RDS_RESTORE_US, Ev::Restore { pool: p });
        }
    }

    /// Zone `z`, called `az`, goes down with the instances in it.
    fn az_outage(&mut self, z: usize, az: &str) -> Applied {
        self.az_down[z] = true;
        self.cx
            .tally
            .outage_starts(Some(az), self.cx.now.as_secs_f64());
        self.cx.log(None, format!("Availability Zone {az} is down"));
        // Regional managed services keep running in the other zones.
        let victims: Vec<InstIx> = (0..self.insts.len())
            .map(InstIx::new)
            .filter(|&i| {
                let x = &self.insts[i.idx()];
                x.az as usize == z && x.alive() && !x.crashed && self.managed_of(x.pool).is_none()
            })
            .collect();
        for i in victims {
            self.crash(i, "failed with its Availability Zone");
        }
        Applied::Timed
    }

    /// The region frame called `region` (every region when `None`) goes down.
    fn region_outage(&mut self, region: Option<&str>) -> Applied {
        match region {
            None => {
                self.region.set_all(true);
                self.cx.tally.outage_starts(None, self.cx.now.as_secs_f64());
                self.cx.log(None, "the region stops answering".to_owned());
            }
            Some(name) => {
                let Some(r) = self.region.index(name) else {
                    timeline::no_region(&mut self.cx, name);
                    return Applied::Done;
                };
                if !self.region_down(r, name) {
                    return Applied::Done;
                }
            }
        }
        Applied::Timed
    }

    /// A share of the Spot instances (of `target` only, if named) get notice.
    fn interrupt_spot(&mut self, target: Option<ComponentId>, share: f64) -> Applied {
        for a in 0..self.asgs.len() {
            let p = self.asgs[a].pool;
            if target.is_some_and(|t| self.nodes[self.pools[p.idx()].node.idx()].id != t) {
                continue;
            }
            let spots: Vec<InstIx> = self.pools[p.idx()]
                .insts
                .iter()
                .copied()
                .filter(|&i| self.insts[i.idx()].spot && !self.insts[i.idx()].notice)
                .collect();
            let n = ((spots.len() as f64) * share.clamp(0.0, 1.0)).ceil() as usize;
            for &i in spots.iter().take(n) {
                self.spot_notice(i, "an interruption wave");
            }
        }
        Applied::Done
    }

    /// The Spot price of `ty` in `az` (each, when none) moves to `factor`.
    fn move_spot_price(&mut self, ty: Option<&str>, az: Option<&str>, factor: f64) -> Applied {
        self.accrue_spot();
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

    /// Pool `p` serves `factor` times slower.
    fn slow_down(&mut self, p: PoolIx, factor: f64) -> Applied {
        self.pools[p.idx()].slowdown = factor.max(0.0);
        let node = self.pools[p.idx()].node;
        let text = format!(
            "{} slows down: service time × {factor}",
            self.nodes[node.idx()].label
        );
        self.cx.log(Some(node), text);
        Applied::Timed
    }

    /// A bad version of pool `p` (or of its managed service) is deployed.
    fn deploy_bad(&mut self, p: PoolIx, error_rate: f64) -> Applied {
        if let Some(k) = self.managed_of(p)
            && self.managed_deploy(k, error_rate)
        {
            return Applied::Timed;
        }
        self.pools[p.idx()].error_rate = error_rate.clamp(0.0, 1.0);
        let node = self.pools[p.idx()].node;
        let text = format!(
            "a new version of {} is deployed; it fails {:.0} % of requests",
            self.nodes[node.idx()].label,
            error_rate * 100.0
        );
        self.cx.log(Some(node), text);
        Applied::Timed
    }

    /// Group `a` gets new bounds or a new desired capacity, unless its
    /// scheduled actions are suspended.
    fn scheduled_action(
        &mut self,
        a: usize,
        min: Option<u32>,
        max: Option<u32>,
        desired: Option<u32>,
    ) -> Applied {
        let node = self.pools[self.asgs[a].pool.idx()].node;
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

    /// Process `process` of group `a` is suspended or resumed.
    fn suspend(&mut self, a: usize, process: Process, suspend: bool) -> Applied {
        if suspend {
            self.asgs[a].suspended |= process.bit();
        } else {
            self.asgs[a].suspended &= !process.bit();
        }
        let node = self.pools[self.asgs[a].pool.idx()].node;
        let verb = if suspend { "suspended" } else { "resumed" };
        self.cx
            .log(Some(node), format!("{} {verb}", process.name()));
        Applied::Done
    }

    /// Link `link`'s weight, as a record or a target group, becomes `weight`.
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
