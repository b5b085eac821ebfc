//! Replacing a group's instances on purpose: an instance refresh rolling a
//! new launch template or AMI out in batches [AS-IR], and instances
//! terminated by hand.

use super::Engine;
use crate::sim::asg;
use crate::sim::ix::InstIx;
use crate::sim::model::{Refresh, St};
use crate::sim::timeline::Applied;

impl Engine {
    /// Starts an instance refresh of group `a`: every instance it has now is
    /// replaced, `(1 − min_healthy)` of the desired capacity at a time (at
    /// least one; all at once at 0) [AS-IR].
    pub(crate) fn start_refresh(
        &mut self,
        a: usize,
        min_healthy: f64,
        warmup_us: Option<u64>,
    ) -> Applied {
        let node = self.asg_node(a);
        let p = self.asgs[a].pool;
        let old: Vec<InstIx> = self.pools[p.idx()]
            .insts
            .iter()
            .copied()
            .filter(|&i| asg::counts(&self.insts[i.idx()]))
            .collect();
        let asg = &mut self.asgs[a];
        let batch = refresh_batch(asg.desired, min_healthy);
        let warmup_us = warmup_us.unwrap_or(asg.refresh_warmup_us);
        let text = format!(
            "instance refresh started: replacing {} instances, {batch} at a time \
             (minimum healthy {:.0} %, warm-up {} s)",
            old.len(),
            min_healthy.clamp(0.0, 1.0) * 100.0,
            warmup_us as f64 / 1e6
        );
        asg.refresh = Some(Refresh {
            old,
            batch,
            warmup_us,
            replaced: 0,
        });
        self.cx.log(Some(node), text);
        self.refresh_step(a);
        Applied::Done
    }

    /// The refresh of group `a` moves on: once the replacements of the
    /// batches so far serve and have warmed up, the next batch goes; when no
    /// old instance is left, the refresh is complete.
    pub(crate) fn refresh_step(&mut self, a: usize) {
        let Some(r) = self.asgs[a].refresh.take() else {
            return;
        };
        let (p, desired) = (self.asgs[a].pool, self.asgs[a].desired);
        let now = self.cx.now;
        let ready = self.pools[p.idx()]
            .insts
            .iter()
            .filter(|i| !r.old.contains(i))
            .filter(|&&i| {
                let inst = &self.insts[i.idx()];
                inst.state == St::InService
                    && !inst.crashed
                    && !inst.replaced
                    && now.as_us() >= inst.in_service_at.as_us() + r.warmup_us
            })
            .count() as u32;
        if ready < r.replaced.min(desired) {
            self.asgs[a].refresh = Some(r);
            return; // the batch before is still launching or warming up
        }
        let left: Vec<InstIx> = r
            .old
            .iter()
            .copied()
            .filter(|&i| {
                asg::counts(&self.insts[i.idx()]) && self.pools[p.idx()].insts.contains(&i)
            })
            .collect();
        let node = self.asg_node(a);
        if left.is_empty() {
            let text = format!(
                "instance refresh complete: {} instances replaced",
                r.replaced
            );
            self.cx.log(Some(node), text);
            return;
        }
        let mut r = r;
        for i in left.into_iter().take(r.batch as usize) {
            let text = format!("instance refresh: replacing {}", self.inst_name(i));
            asg::mark_replaced(&mut self.cx, &mut self.insts, node, i, text);
            self.begin_terminate(i);
            r.replaced += 1;
        }
        self.asgs[a].refresh = Some(r);
        self.reconcile(a);
    }

    /// `count` in-service instances of group `a` are terminated by hand; the
    /// group replaces them unless `decrement` lowers its desired capacity
    /// (never under its minimum).
    pub(crate) fn terminate_by_hand(&mut self, a: usize, count: u32, decrement: bool) -> Applied {
        let p = self.asgs[a].pool;
        let node = self.asg_node(a);
        let mut counts = asg::counts_by_az(&self.asgs[a], &self.pools[p.idx()], &self.insts);
        let gone = self.terminate_picked(a, count, &mut counts, |name| {
            format!("{name} terminated by hand")
        });
        if decrement {
            let asg = &mut self.asgs[a];
            let desired = asg.desired.saturating_sub(gone).max(asg.min);
            if desired != asg.desired {
                asg.desired = desired;
                let text = format!("desired capacity lowered to {desired}");
                self.cx.log(Some(node), text);
            }
        }
        self.reconcile(a);
        Applied::Done
    }
}

/// Instances replaced per batch: `(1 − min_healthy)` of the desired
/// capacity, rounded down, at least one; every one at a minimum of 0 [AS-IR].
fn refresh_batch(desired: u32, min_healthy: f64) -> u32 {
    let m = min_healthy.clamp(0.0, 1.0);
    if m <= 0.0 {
        return desired.max(1);
    }
    ((f64::from(desired) * (1.0 - m) + 1e-9).floor() as u32).max(1)
}

#[cfg(test)]
mod tests {
    use super::refresh_batch;

    #[test]
    fn batches_follow_the_minimum_healthy_share() {
        assert_eq!(refresh_batch(10, 0.9), 1);
        assert_eq!(refresh_batch(10, 0.5), 5);
        assert_eq!(refresh_batch(10, 1.0), 1);
        assert_eq!(refresh_batch(10, 0.0), 10);
        assert_eq!(refresh_batch(4, 0.9), 1);
        assert_eq!(refresh_batch(20, 0.75), 5);
    }
}
