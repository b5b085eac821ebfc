//! ECS rolling deployments [ECS-SVC]: a new task definition replaces a
//! service's tasks, new tasks starting up to its maximum percent of the
//! desired count, old ones stopping down to its minimum healthy percent as
//! new ones become healthy, driven by the group tick.
//!
//! A new task starts through the group's own reconcile: an old task marked
//! as replaced stops counting toward the desired count, so the group
//! launches one task of the new revision for it; a marked task keeps
//! serving until enough new ones are healthy, then it stops.

use super::Engine;
use crate::sim::asg;
use crate::sim::edge::ecs::rollout;
use crate::sim::ix::InstIx;
use crate::sim::model::{Deployment, St};
use crate::sim::timeline::Applied;

/// What one step of a deployment did.
#[derive(Debug, Default)]
struct Moved {
    /// Old tasks stopped.
    stopped: u32,
    /// New tasks started (for stopped or marked old ones).
    started: u32,
}

impl Engine {
    /// Starts a rolling deployment of ECS service `a`: its tasks now are
    /// replaced by tasks of a new task definition failing `error_rate` of
    /// requests; a group that is no ECS service cannot take it.
    pub(crate) fn start_deploy(&mut self, a: usize, error_rate: f64) -> Applied {
        let p = self.asgs[a].pool;
        let old: Vec<InstIx> = self.pools[p.idx()]
            .insts
            .iter()
            .copied()
            .filter(|&i| matches!(self.insts[i.idx()].state, St::Pending | St::InService))
            .collect();
        let desired = self.asgs[a].desired;
        let Some(r) = self.asgs[a].rolling.as_deref_mut() else {
            return Applied::Ignored;
        };
        r.error_rate = error_rate.clamp(0.0, 1.0);
        let (most, fewest) = rollout::bounds(desired, r.min_healthy, r.max);
        let batch = rollout::batch(desired, r.min_healthy, r.max);
        let fails = if r.error_rate > 0.0 {
            format!("it fails {:.0} % of requests", r.error_rate * 100.0)
        } else {
            "it fails no requests".to_owned()
        };
        let text = format!(
            "ECS deployment started: a new task definition replaces {} tasks, \
             {batch} new tasks at a time, at least {fewest} serving, at most {most} running \
             (minimum healthy {:.0} %, maximum {:.0} % of {desired} desired); {fails}",
            old.len(),
            r.min_healthy * 100.0,
            r.max * 100.0,
        );
        r.deploy = Some(Deployment {
            old,
            started: 0,
            stuck_logged: false,
        });
        let node = self.asg_node(a);
        self.cx.log(Some(node), text);
        self.deploy_step(a);
        Applied::Done
    }

    /// The deployment of service `a` moves on: old tasks stop while enough
    /// tasks stay healthy, new ones start while few enough run; once no old
    /// task runs, it is complete.
    pub(crate) fn deploy_step(&mut self, a: usize) {
        let Some(mut d) = self.asgs[a]
            .rolling
            .as_deref_mut()
            .and_then(|r| r.deploy.take())
        else {
            return;
        };
        let moved = self.deploy_move(a, &d);
        d.started += moved.started;
        let node = self.asg_node(a);
        if moved.started + moved.stopped > 0 {
            let text = format!(
                "ECS deployment: {} starting, {} stopping",
                count(moved.started, "new task"),
                count(moved.stopped, "old task")
            );
            self.cx.log(Some(node), text);
        }
        if self.old_running(&d).next().is_none() {
            let text = format!(
                "ECS deployment complete: every task runs the new task definition \
                 ({} new tasks started)",
                d.started
            );
            self.cx.log(Some(node), text);
        } else {
            self.deploy_stuck(a, &mut d);
            if let Some(r) = self.asgs[a].rolling.as_deref_mut() {
                r.deploy = Some(d);
            }
        }
        self.reconcile(a);
    }

    /// The old tasks of deployment `d` still starting or running.
    fn old_running<'a>(&'a self, d: &'a Deployment) -> impl Iterator<Item = InstIx> + 'a {
        d.old
            .iter()
            .copied()
            .filter(|&i| matches!(self.insts[i.idx()].state, St::Pending | St::InService))
    }

    /// Whether task `i` is healthy: in service, neither failed nor marked
    /// unhealthy.
    fn task_healthy(&self, i: InstIx) -> bool {
        let x = &self.insts[i.idx()];
        x.state == St::InService && !x.crashed && !x.unhealthy
    }

    /// Stops the old tasks of deployment `d` that may go, marked ones (whose
    /// new task is already there) first, then marks old tasks for new ones
    /// to start while fewer than the maximum run.
    fn deploy_move(&mut self, a: usize, d: &Deployment) -> Moved {
        let p = self.asgs[a].pool;
        let desired = self.asgs[a].desired;
        let (min_healthy, max) = match self.asgs[a].rolling.as_deref() {
            Some(r) => (r.min_healthy, r.max),
            None => return Moved::default(),
        };
        let (most, fewest) = rollout::bounds(desired, min_healthy, max);
        let live = |x: &crate::sim::model::Inst| matches!(x.state, St::Pending | St::InService);
        let pool = &self.pools[p.idx()].insts;
        let mut running = pool.iter().filter(|i| live(&self.insts[i.idx()])).count() as u32;
        let healthy = pool.iter().filter(|&&i| self.task_healthy(i)).count() as u32;
        let mut old: Vec<InstIx> = self.old_running(d).collect();
        // Marked first (their new task runs), then those not yet serving.
        old.sort_by_key(|&i| (!self.insts[i.idx()].replaced, self.task_healthy(i)));
        let mut budget = healthy.saturating_sub(fewest);
        let mut moved = Moved::default();
        let mut kept = Vec::new();
        for i in old {
            let serving = self.task_healthy(i);
            if serving && budget == 0 {
                kept.push(i);
                continue;
            }
            budget -= u32::from(serving);
            if self.insts[i.idx()].replaced {
                running -= 1;
            } else {
                moved.started += 1;
            }
            self.stop_old_task(a, i);
            moved.stopped += 1;
        }
        for i in kept {
            if running >= most {
                break;
            }
            if !self.insts[i.idx()].replaced {
                let node = self.asg_node(a);
                let text = format!(
                    "ECS deployment: a new task starts for {}",
                    self.inst_name(i)
                );
                asg::mark_replaced(&mut self.cx, &mut self.insts, node, i, text);
                running += 1;
                moved.started += 1;
            }
        }
        moved
    }

    /// Old task `i` of service `a` stops (drains, then SIGTERM).
    fn stop_old_task(&mut self, a: usize, i: InstIx) {
        let node = self.asg_node(a);
        let text = format!(
            "ECS deployment: stopping {} (old task definition)",
            self.inst_name(i)
        );
        if self.insts[i.idx()].replaced {
            self.cx.log(Some(node), text);
        } else {
            asg::mark_replaced(&mut self.cx, &mut self.insts, node, i, text);
        }
        self.begin_terminate(i);
    }

    /// Says once when the deployment of service `a` cannot replace any task:
    /// its maximum allows no task above the desired count and its minimum
    /// healthy none below [ECS-SVC].
    fn deploy_stuck(&mut self, a: usize, d: &mut Deployment) {
        let desired = self.asgs[a].desired;
        let Some(r) = self.asgs[a].rolling.as_deref() else {
            return;
        };
        if d.stuck_logged || rollout::can_progress(desired, r.min_healthy, r.max) {
            return;
        }
        d.stuck_logged = true;
        let (most, fewest) = rollout::bounds(desired, r.min_healthy, r.max);
        let text = format!(
            "ECS deployment cannot progress: maximum {:.0} % of {desired} desired allows {most} \
             tasks and minimum healthy {:.0} % keeps {fewest} serving, so no task can start or stop",
            r.max * 100.0,
            r.min_healthy * 100.0,
        );
        let node = self.asg_node(a);
        self.cx.log(Some(node), text);
    }
}

/// `n` of `what`, in the plural unless one.
fn count(n: u32, what: &str) -> String {
    let s = if n == 1 { "" } else { "s" };
    format!("{n} {what}{s}")
}
