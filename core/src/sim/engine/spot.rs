//! The engine's glue to the Spot market ([`crate::sim::spot`]): prices,
//! a Spot Fleet's picks, notices and interruptions, under the names the
//! groups, the timeline and the metrics call. Instance lifecycle (reconcile,
//! crash, termination) stays the engine's.

use super::super::ix::InstIx;
use super::Engine;
use crate::sim::model::Alloc;
use crate::sim::spot::{self, Ask, Fleets};

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

    /// Spot prices drift every 5 minutes [EC2-SPOT-USING]; then the prices
    /// are checked against the max prices.
    pub(crate) fn move_spot_prices(&mut self) {
        self.spot.drift();
        self.check_spot_prices();
    }

    /// Interrupts Spot instances whose price rose above their group's max price.
    pub(crate) fn check_spot_prices(&mut self) {
        for a in 0..self.asgs.len() {
            let p = self.asgs[a].pool;
            // A notice may reconcile the group: walk the instances it had.
            let insts = self.pools[p.idx()].insts.clone();
            for i in insts {
                let inst = &self.insts[i.idx()];
                if let Some(why) = self
                    .spot
                    .interrupts(&self.asgs[a], &self.pools[p.idx()], inst)
                {
                    self.spot_notice(i, why);
                }
            }
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

    /// A Spot instance's interruption at the end of its notice.
    pub(crate) fn spot_terminate(&mut self, i: InstIx) {
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
        if spot::interrupted(cx, insts, i, &w) {
            self.set_crashed(i, true);
            self.terminated(i);
        }
    }
}
