//! Instances that stop, databases that fail over or are restored: an
//! instance's failure crosses services (its work, its group, its database's
//! failover), so the engine carries it out.

use super::super::ix::InstIx;
use super::super::ix::PoolIx;
use super::Engine;
use crate::catalog::Kind;
use crate::scenario::Process;
use crate::sim::Ev;
use crate::sim::model::*;
use crate::sim::timeline::RDS_RESTORE_US;

impl Engine {
    /// An instance stops: its work fails; the group or database reacts.
    pub(crate) fn crash(&mut self, i: InstIx, what: &str) {
        if self.insts[i.idx()].crashed {
            return;
        }
        self.set_crashed(i, true);
        self.drop_work(i);
        let p = self.insts[i.idx()].pool;
        let node = self.pools[p.idx()].node;
        let text = format!("{} {what}{}", self.inst_title(i), self.after_crash(i));
        self.cx.log(Some(node), text);
        match self.pools[p.idx()].kind {
            PoolKind::Asg(a) => {
                // A stopped instance is unhealthy at once, even in its grace period [AS-HC].
                if !self.suspended(a as usize, crate::scenario::Process::HealthCheck) {
                    self.insts[i.idx()].unhealthy = true;
                    let text = format!("{} is unhealthy (EC2 status check)", self.inst_name(i));
                    self.cx.log(Some(node), text);
                }
            }
            PoolKind::Rds => {
                if let Some(f) = self.pools[p.idx()].failover_us {
                    self.cx.q.push(self.cx.now + f, Ev::Failover { pool: p });
                } else if !self.az_down[self.insts[i.idx()].az as usize]
                    && !self.region.named_down(node)
                {
                    self.cx
                        .q
                        .push(self.cx.now + RDS_RESTORE_US, Ev::Restore { pool: p });
                }
            }
            PoolKind::Ec2 | PoolKind::Managed(_) => {}
        }
    }

    /// Instance `i` as a learner reads it: its component's label and kind,
    /// then what the instance is to it and its name, as in "Primary DB (RDS
    /// database): database primary i-1 in us-east-1a".
    pub(crate) fn inst_title(&self, i: InstIx) -> String {
        let p = self.insts[i.idx()].pool;
        let node = &self.nodes[self.pools[p.idx()].node.idx()];
        let what = match self.pools[p.idx()].kind {
            PoolKind::Rds if self.is_replica(p) => "read replica",
            PoolKind::Rds if self.pools[p.idx()].insts.first() == Some(&i) => "database primary",
            PoolKind::Rds => "read replica",
            _ if matches!(node.kind_id, Kind::EcsService | Kind::Fargate) => "task",
            _ => "instance",
        };
        format!(
            "{} ({}): {what} {}",
            node.label,
            node.kind_id.spec().name,
            self.inst_name(i)
        )
    }

    /// Whether pool `p` is a read replica component not yet promoted.
    fn is_replica(&self, p: PoolIx) -> bool {
        self.edge
            .rds
            .replicas
            .iter()
            .any(|r| r.pool == p && !r.promoted)
    }

    /// What happens next to instance `i`, which has just stopped: the
    /// database's failover or restore, the group's replacement; empty when
    /// nothing follows.
    fn after_crash(&self, i: InstIx) -> String {
        let p = self.insts[i.idx()].pool;
        let pool = &self.pools[p.idx()];
        match pool.kind {
            PoolKind::Rds if pool.insts.first() != Some(&i) => {
                "; reads go to the primary and the other replicas".to_owned()
            }
            PoolKind::Rds => self.database_next(i),
            PoolKind::Asg(a) => {
                let owner = match self.nodes[pool.node.idx()].kind_id {
                    Kind::EcsService | Kind::Fargate => "service",
                    Kind::SpotFleet => "fleet",
                    _ => "group",
                };
                let a = a as usize;
                match [Process::HealthCheck, Process::ReplaceUnhealthy]
                    .into_iter()
                    .find(|&s| self.suspended(a, s))
                {
                    None => format!("; the {owner} launches a replacement"),
                    Some(s) => format!(
                        "; not replaced while the {owner}'s {} process is suspended",
                        s.name()
                    ),
                }
            }
            PoolKind::Ec2 => "; not replaced: it is in no Auto Scaling group".to_owned(),
            PoolKind::Managed(_) => String::new(),
        }
    }

    /// What happens next to database instance `i` (a primary, or a read
    /// replica component), which has just stopped; as [`Engine::crash`]
    /// schedules it.
    fn database_next(&self, i: InstIx) -> String {
        let p = self.insts[i.idx()].pool;
        let pool = &self.pools[p.idx()];
        if self.region.named_down(pool.node) {
            // The failover or the region's end says what follows.
            return String::new();
        }
        if let Some(f) = pool.failover_us {
            return format!(
                "; Multi-AZ failover to the standby in another zone in {} s",
                f / 1_000_000
            );
        }
        let who = if self.is_replica(p) {
            "the replica"
        } else {
            "single-AZ, no standby: the database"
        };
        if self.az_down[self.insts[i.idx()].az as usize] {
            format!("; {who} is down until its Availability Zone is back")
        } else {
            format!(
                "; {who} is down until it is restored in {} s",
                RDS_RESTORE_US / 1_000_000
            )
        }
    }

    /// Multi-AZ failover: the standby in another zone becomes the primary [RDS-MAZ].
    pub(crate) fn failover(&mut self, p: PoolIx) {
        let Some(&old) = self.pools[p.idx()].insts.first() else {
            return;
        };
        if !self.insts[old.idx()].crashed {
            return;
        }
        let node = self.pools[p.idx()].node;
        if self.region.named_down(node) {
            // Multi-AZ keeps the standby in the same region [RDS-MAZ].
            let text = format!(
                "{} cannot fail over: its standby is in the same region, which is down",
                self.nodes[node.idx()].label
            );
            self.cx.log(Some(node), text);
            return;
        }
        let from = self.insts[old.idx()].az as usize;
        let n = self.azs.len().clamp(2, 6);
        let Some(to) = (1..n).map(|k| (from + k) % n).find(|&z| !self.az_down[z]) else {
            return;
        };
        self.accrue_inst(old, false);
        self.set_state(old, St::Terminated);
        let name = self.next_name;
        self.next_name += 1;
        let i = InstIx::new(self.insts.len());
        self.insts.push(crate::sim::asg::new_inst(
            p,
            name,
            to as u8,
            St::Pending,
            false,
            self.cx.now,
        ));
        // The standby takes the primary's place; read replicas stay.
        self.pools[p.idx()].insts[0] = i;
        self.set_state(i, St::InService);
        let text = format!(
            "{} failed over to its standby in {}: database primary i-{name} takes writes again",
            self.nodes[node.idx()].label,
            self.azs[to]
        );
        self.cx.log(Some(node), text);
    }

    /// A single-AZ database (or a hung one) is restored.
    pub(crate) fn restore(&mut self, p: PoolIx) {
        let Some(&i) = self.pools[p.idx()].insts.first() else {
            return;
        };
        if self.az_down[self.insts[i.idx()].az as usize]
            || self.region.named_down(self.pools[p.idx()].node)
        {
            return;
        }
        if self.insts[i.idx()].hung {
            self.drop_work(i);
            self.insts[i.idx()].hung = false;
        }
        self.set_crashed(i, false);
        let node = self.pools[p.idx()].node;
        let text = format!("{} is restored", self.nodes[node.idx()].label);
        self.cx.log(Some(node), text);
    }
}
