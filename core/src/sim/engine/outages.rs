//! Zones and regions going down and coming back: their instances fail with
//! them, and lone instances and databases come back with them.

use super::super::ix::InstIx;
use super::Engine;
use crate::sim::model::PoolKind;

impl Engine {
    /// Region `r` goes down: its instances fail as in a zone outage, and its
    /// load balancers and managed services refuse calls. Returns whether it
    /// was up.
    pub(super) fn region_down(&mut self, r: usize, name: &str) -> bool {
        if !self.region.set(r, true) {
            return false;
        }
        self.cx
            .tally
            .region_outage_starts(name, self.cx.now.as_secs_f64());
        self.cx.log(
            None,
            format!("region {name} stops answering: everything inside its frame is down"),
        );
        for i in (0..self.insts.len()).map(InstIx::new) {
            let x = &self.insts[i.idx()];
            let p = x.pool;
            if x.alive()
                && !x.crashed
                && self.managed_of(p).is_none()
                && self.region.holds(r, self.pools[p.idx()].node)
            {
                self.crash(i, "failed with its region");
            }
        }
        true
    }

    /// Region `r` answers again: lone instances and databases come back;
    /// groups launch replacements on their next check.
    pub(super) fn region_up(&mut self, r: usize, name: &str) {
        if !self.region.set(r, false) {
            return;
        }
        self.cx
            .tally
            .region_outage_ends(name, self.cx.now.as_secs_f64());
        self.cx.log(None, format!("region {name} answers again"));
        for i in (0..self.insts.len()).map(InstIx::new) {
            let x = &self.insts[i.idx()];
            let p = x.pool;
            if x.crashed
                && x.alive()
                && !self.az_down[x.az as usize]
                && self.region.holds(r, self.pools[p.idx()].node)
                && !matches!(self.pools[p.idx()].kind, PoolKind::Asg(_))
            {
                self.set_crashed(i, false);
                let node = self.pools[p.idx()].node;
                let text = format!("{} is running again", self.inst_name(i));
                self.cx.log(Some(node), text);
            }
        }
    }

    /// The zone called `az` comes back with its lone instances and databases.
    pub(super) fn az_recover(&mut self, az: &str) {
        let Some(z) = self.azs.iter().position(|n| n == az) else {
            return;
        };
        if !self.az_down[z] {
            return;
        }
        self.az_down[z] = false;
        self.cx
            .tally
            .outage_ends(Some(az), self.cx.now.as_secs_f64());
        self.cx.log(None, format!("Availability Zone {az} is back"));
        // Lone instances and databases come back with their zone; group
        // instances were replaced (or stay failed if replacement is suspended).
        for i in (0..self.insts.len()).map(InstIx::new) {
            let x = &self.insts[i.idx()];
            if x.az as usize == z
                && x.crashed
                && x.alive()
                && !matches!(self.pools[x.pool.idx()].kind, PoolKind::Asg(_))
            {
                self.set_crashed(i, false);
                let node = self.pools[self.insts[i.idx()].pool.idx()].node;
                let text = format!("{} is running again", self.inst_name(i));
                self.cx.log(Some(node), text);
            }
        }
    }
}
