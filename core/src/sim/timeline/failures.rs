//! Instances that stop, databases that fail over or are restored.

use super::super::Ev;
use super::super::engine::Engine;
use super::super::model::*;

/// Time a single-AZ database takes to come back after its instance fails.
/// Assumption: not in the reference notes; 10 minutes.
pub(super) const RDS_RESTORE_US: u64 = 600_000_000;

impl Engine {
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
        self.cx.log(Some(node), text);
        match self.pools[p].kind {
            PoolKind::Asg(a) => {
                // A stopped instance is unhealthy at once, even in its grace period [AS-HC].
                if !self.suspended(a as usize, crate::scenario::Process::HealthCheck) {
                    self.insts[i as usize].unhealthy = true;
                    let text = format!("{} is unhealthy (EC2 status check)", self.inst_name(i));
                    self.cx.log(Some(node), text);
                }
            }
            PoolKind::Rds => {
                if let Some(f) = self.pools[p].failover_us {
                    self.cx
                        .q
                        .push(self.cx.now + f, Ev::Failover { pool: p as u16 });
                } else if !self.az_down[self.insts[i as usize].az as usize]
                    && !self.region.named_down(node)
                {
                    self.cx
                        .q
                        .push(self.cx.now + RDS_RESTORE_US, Ev::Restore { pool: p as u16 });
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
            self.cx.log(Some(node), text);
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
        self.insts.push(super::super::asg::new_inst(
            p as u16,
            name,
            to as u8,
            St::Pending,
            false,
            self.cx.now,
        ));
        // The standby takes the primary's place; read replicas stay.
        self.pools[p].insts[0] = i;
        self.set_state(i, St::InService);
        let text = format!(
            "{} failed over to its standby in {}",
            self.nodes[node as usize].label, self.azs[to]
        );
        self.cx.log(Some(node), text);
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
        self.cx.log(Some(node), text);
    }
}
