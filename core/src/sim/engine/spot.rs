//! The engine's glue to the Spot market ([`crate::sim::spot`]): prices,
//! a Spot Fleet's picks, notices and interruptions, under the names the
//! groups, the timeline and the metrics call. Instance lifecycle (reconcile,
//! crash, termination) stays the engine's.

use super::super::ix::InstIx;
use super::Engine;
use crate::sim::Ev;
use crate::sim::model::{Alloc, Interruption, PoolKind, St};
use crate::sim::spot::{self, Ask, Fleets, Signal};

impl Engine {
    /// What Spot reads of the run's pools, groups and zones.
    fn fleets(&self) -> Fleets<'_> {
        Fleets {
            pools: &self.pools,
            asgs: &self.asgs,
            azs: &self.azs,
            az_down: &self.az_down,
        }
    }

    /// A Spot Fleet's choice of instance type and zone [EC2-FLEET-ALLOC].
    pub(crate) fn fleet_pick(&mut self, a: usize, alloc: Alloc, spot: bool, az: u8) -> (u8, u8) {
        let ask = Ask { alloc, spot, az };
        self.spot.fleet_pick(a, &self.fleets(), &self.insts, ask)
    }

    /// The Spot price factor of type `ty` in zone `az`.
    pub(crate) fn spot_factor(&self, ty: &str, az: u8) -> f64 {
        self.spot.factor(ty, az)
    }

    /// Sets the Spot price factor of type `ty` in zone `az`.
    pub(crate) fn set_spot_factor(&mut self, ty: &str, az: u8, f: f64) {
        self.spot.set(ty, az, f);
    }

    /// Spot prices move every 5 minutes [EC2-SPOT-USING]; then the prices
    /// are checked against the max prices.
    pub(crate) fn move_spot_prices(&mut self) {
        self.accrue_spot();
        self.spot.drift();
        self.check_spot_prices();
    }

    /// Bills every live Spot instance up to now at the price it had, before
    /// the price moves: Spot is billed per second at the price of each
    /// second [VANTAGE-EC2], [EC2-SPOT-USING].
    pub(crate) fn accrue_spot(&mut self) {
        for k in 0..self.insts.len() {
            let i = InstIx::new(k);
            if self.insts[k].spot && self.insts[k].alive() {
                self.accrue_inst(i, false);
            }
        }
    }

    /// Each group's Spot instances against the price now: notices above
    /// the max price, rebalance recommendations near it, and stopped
    /// instances resuming under it.
    pub(crate) fn check_spot_prices(&mut self) {
        for a in 0..self.asgs.len() {
            let p = self.asgs[a].pool;
            // A notice may reconcile the group: walk the instances it had.
            let insts = self.pools[p.idx()].insts.clone();
            for i in insts {
                let inst = &self.insts[i.idx()];
                let pool = &self.pools[p.idx()];
                match self.spot.signal(&self.asgs[a], pool, inst) {
                    Some(Signal::Interrupt) => {
                        self.spot_notice(i, "the Spot price rose above the max price");
                    }
                    Some(Signal::Recommend) => self.rebalance_recommendation(a, i),
                    Some(Signal::Resume) => self.spot_resume(a, i),
                    None => {}
                }
            }
        }
    }

    /// A rebalance recommendation [EC2-REBAL] to instance `i` of group `a`,
    /// which has Capacity Rebalancing: the group launches a replacement now,
    /// before any interruption notice, and terminates `i` once the
    /// replacement is in service [AS-CR].
    fn rebalance_recommendation(&mut self, a: usize, i: InstIx) {
        let node = self.asg_node(a);
        let text = format!(
            "{} (Spot) got a rebalance recommendation; Capacity Rebalancing launches a replacement first",
            self.inst_name(i)
        );
        self.cx.log(Some(node), text);
        let inst = &mut self.insts[i.idx()];
        inst.replaced = true;
        inst.rebalance = true;
        self.reconcile(a);
    }

    /// After instance `i` of group `a` comes into service: one instance the
    /// group rebalanced away from is terminated now that its replacement
    /// passed its start [AS-CR].
    pub(crate) fn rebalance_done(&mut self, a: usize) {
        let p = self.asgs[a].pool;
        let old = self.pools[p.idx()].insts.iter().copied().find(|&x| {
            let inst = &self.insts[x.idx()];
            inst.rebalance && !inst.notice && inst.state == St::InService
        });
        if let Some(o) = old {
            let text = format!(
                "{} terminated: its Capacity Rebalancing replacement is in service",
                self.inst_name(o)
            );
            self.insts[o.idx()].rebalance = false;
            self.cx.log(Some(self.asg_node(a)), text);
            self.begin_terminate(o);
        }
    }

    /// The two-minute interruption notice [EC2-SPOT-NOTICE]; a group with
    /// Capacity Rebalancing launches the replacement at once [AS-CR].
    pub(crate) fn spot_notice(&mut self, i: InstIx, why: &str) {
        let Engine {
            cx,
            insts,
            pools,
            asgs,
            azs,
            az_down,
            spot,
            ..
        } = self;
        let w = Fleets {
            pools,
            asgs,
            azs,
            az_down,
        };
        if let Some(a) = spot.notice(cx, insts, i, &w, why) {
            self.reconcile(a);
        }
    }

    /// A Spot instance's interruption at the end of its notice: terminated
    /// (the group replaces it), or stopped or hibernated as its group says
    /// [EC2-SPOT-INT].
    pub(crate) fn spot_terminate(&mut self, i: InstIx) {
        let how = match self.pools[self.insts[i.idx()].pool.idx()].kind {
            PoolKind::Asg(a) => self.asgs[a as usize].interruption,
            _ => Interruption::Terminate,
        };
        let Engine {
            cx,
            insts,
            pools,
            asgs,
            azs,
            az_down,
            ..
        } = self;
        let w = Fleets {
            pools,
            asgs,
            azs,
            az_down,
        };
        match spot::interrupted(cx, insts, i, &w, how) {
            Some(Interruption::Terminate) => {
                self.set_crashed(i, true);
                self.terminated(i);
            }
            Some(_) => self.spot_stop(i),
            None => {}
        }
    }

    /// Stops (or hibernates) Spot instance `i`: billed up to now, its work
    /// lost, out of its target groups; it waits, unbilled (only its EBS
    /// volume is, not modelled) [EC2-SPOT-BILL], counted by its group so
    /// that no replacement launches.
    fn spot_stop(&mut self, i: InstIx) {
        self.accrue_inst(i, false);
        self.set_crashed(i, true);
        self.drop_work(i);
        self.unregister(i);
        self.set_state(i, St::Pending);
        self.set_crashed(i, false);
        let inst = &mut self.insts[i.idx()];
        inst.stopped = true;
        inst.notice = false;
    }

    /// Stopped instance `i` of group `a` starts again now that the price is
    /// back: a full boot after a stop, half of it after hibernation
    /// (assumption: memory is restored, the application keeps its state).
    fn spot_resume(&mut self, a: usize, i: InstIx) {
        self.accrue_inst(i, false);
        self.insts[i.idx()].stopped = false;
        let asg = &self.asgs[a];
        let boot = match asg.interruption {
            Interruption::Hibernate => asg.boot_us / 2,
            _ => asg.boot_us,
        };
        let text = format!(
            "{} (Spot) resumes: the price is back under the max price",
            self.inst_name(i)
        );
        self.cx.log(Some(self.asg_node(a)), text);
        self.cx.q.push(self.cx.now + boot, Ev::Booted { inst: i });
    }
}
