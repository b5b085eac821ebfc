//! The engine's glue to the scaling policies ([`crate::sim::policy`]): the
//! minute's datapoints and decisions, scheduled actions, desired capacity;
//! the group reconciles (the engine's) after every change.

use super::Engine;
use crate::scenario::Process;
use crate::sim::Ev;
use crate::sim::policy::{self, Point};

impl Engine {
    /// A scheduled action from the group's schedule [AS-SCHED].
    pub(crate) fn scheduled(&mut self, a: usize, desired: u32) {
        let node = self.asg_node(a);
        let suspended = self.suspended(a, Process::ScheduledActions);
        if policy::scheduled(&mut self.asgs[a], &mut self.cx, node, suspended, desired) {
            self.reconcile(a);
        }
    }

    /// Group `a`'s datapoint for the minute ending now.
    fn group_point(&self, a: usize) -> Point {
        let asg = &self.asgs[a];
        let visible = self.visible_for_pool(asg.pool);
        let pool = &self.pools[asg.pool.idx()];
        policy::point(asg, pool, &self.insts, self.cx.now, visible)
    }

    /// Once a minute: datapoints, alarms and scaling policies; Spot prices.
    pub(crate) fn minute(&mut self) {
        self.minutes += 1;
        if self.cx.now + 60_000_000 < self.cx.end {
            self.cx.schedule(self.cx.now + 60_000_000, Ev::Minute);
        }
        let points: Vec<Point> = (0..self.asgs.len()).map(|a| self.group_point(a)).collect();
        policy::mark_minute(&mut self.insts, self.cx.now);
        for (a, p) in points.into_iter().enumerate() {
            self.asgs[a].history.push(p.m);
            if !self.suspended(a, Process::AlarmNotification) {
                self.evaluate(a, p);
            }
        }
        // Spot prices move for the groups; a design without any (ticking for
        // its load balancers alone) has none to move.
        if self.minutes.is_multiple_of(5) && !self.asgs.is_empty() {
            self.move_spot_prices();
        }
        self.lb_scale();
    }

    /// Sets group `a`'s desired capacity (clamped) and reconciles on a change.
    pub(crate) fn set_desired(&mut self, a: usize, new: u32, why: String) {
        let node = self.asg_node(a);
        if policy::set_desired(&mut self.asgs[a], &mut self.cx, node, new, why) {
            self.reconcile(a);
        }
    }

    /// Group `a`'s policy on its datapoint `p`: a change, then its cooldown.
    fn evaluate(&mut self, a: usize, p: Point) {
        if let Some(c) = policy::evaluate(&self.asgs[a], self.cx.now, p) {
            self.set_desired(a, c.to, c.why);
            if c.cooldown {
                policy::mark_cooldown(&mut self.asgs[a], self.cx.now);
            }
        }
    }
}
