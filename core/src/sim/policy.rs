//! Scaling policies: CloudWatch-style alarms on per-minute datapoints, target
//! tracking, step and simple scaling, scheduled actions [AS-TT], [AS-STEP], [AS-SCHED].

use super::Ev;
use super::engine::Engine;
use super::model::*;
use crate::scenario::Process;

/// Target tracking's scale-out alarm: 3 of 3 one-minute datapoints [TT-ALARMS].
const TT_HIGH_POINTS: usize = 3;
/// Target tracking's scale-in alarm: 15 of 15 one-minute datapoints [TT-ALARMS].
const TT_LOW_POINTS: usize = 15;
/// The scale-in alarm's threshold as a share of the target. Assumption: commonly
/// observed slightly below target (UNCONFIRMED) [TT-ALARMS].
const TT_LOW_SHARE: f64 = 0.9;
/// Step and simple policies: alarms of 2 one-minute datapoints (the AWS example
/// uses 2 evaluation periods) [AS-STEP].
const STEP_POINTS: usize = 2;

impl Engine {
    /// A scheduled action from the group's schedule [AS-SCHED].
    pub(crate) fn scheduled(&mut self, a: usize, desired: u32) {
        let node = self.asg_node(a);
        if self.suspended(a, Process::ScheduledActions) {
            self.cx.log(
                Some(node),
                "scheduled action skipped: ScheduledActions is suspended".to_owned(),
            );
            return;
        }
        let asg = &mut self.asgs[a];
        let d = desired.clamp(asg.min, asg.max);
        asg.desired = d;
        self.cx
            .log(Some(node), format!("scheduled action: desired {d}"));
        self.reconcile(a);
    }

    /// Group metric over the last minute of in-service, warmed-up instances:
    /// mean CPU (percent) or requests per target [AS-TT].
    fn group_cpu(&mut self, a: usize) -> (f64, u32, u32) {
        if self.asgs[a].metric.is_queue() {
            return self.group_queue(a);
        }
        let p = self.asgs[a].pool as usize;
        let workers = f64::from(self.pools[p].workers);
        let (mut sum, mut ready, mut warming) = (0.0, 0u32, 0u32);
        for &i in &self.pools[p].insts {
            let inst = &self.insts[i as usize];
            match inst.state {
                St::Pending => warming += 1,
                St::InService if !inst.crashed => {
                    if inst.in_service_us + self.asgs[a].warmup_us <= self.cx.now
                        && inst.in_service_us + 60_000_000 <= self.cx.now
                    {
                        ready += 1;
                        let by_requests = self.asgs[a].policy == Policy::TargetTracking
                            && self.asgs[a].metric == Metric::RequestsPerTarget;
                        sum += if by_requests {
                            (inst.received - inst.received_mark) as f64
                        } else {
                            100.0 * (inst.cpu_area(self.cx.now) - inst.cpu_mark) as f64
                                / (workers * 60e6)
                        };
                    } else {
                        warming += 1;
                    }
                }
                _ => {}
            }
        }
        let m = if ready == 0 {
            f64::NAN
        } else {
            sum / f64::from(ready)
        };
        (m, ready, warming)
    }

    /// Queue metrics of the group's polled queue, sampled at the minute: the
    /// visible messages, or their number per in-service instance (missing
    /// when no instance is in service, as the metric math's division by zero
    /// gives no datapoint). Pending instances are the warming ones.
    fn group_queue(&self, a: usize) -> (f64, u32, u32) {
        let asg = &self.asgs[a];
        let visible = self.visible_for_pool(asg.pool).unwrap_or(0) as f64;
        let (mut ready, mut warming) = (0u32, 0u32);
        for &i in &self.pools[asg.pool as usize].insts {
            let inst = &self.insts[i as usize];
            match inst.state {
                St::Pending => warming += 1,
                St::InService if !inst.crashed => ready += 1,
                _ => {}
            }
        }
        let m = match asg.metric {
            Metric::QueueVisible => visible,
            _ if ready == 0 => f64::NAN,
            _ => visible / f64::from(ready),
        };
        (m, ready, warming)
    }

    /// Once a minute: datapoints, alarms and scaling policies; Spot prices.
    pub(crate) fn minute(&mut self) {
        self.minutes += 1;
        if self.cx.now + 60_000_000 < self.cx.end_us {
            self.cx.q.push(self.cx.now + 60_000_000, Ev::Minute);
        }
        let now = self.cx.now;
        let mut points = Vec::with_capacity(self.asgs.len());
        for a in 0..self.asgs.len() {
            points.push(self.group_cpu(a));
        }
        for inst in &mut self.insts {
            inst.cpu_mark = inst.cpu_area(now);
            inst.received_mark = inst.received;
        }
        for (a, (m, ready, warming)) in points.into_iter().enumerate() {
            self.asgs[a].history.push(m);
            if !self.suspended(a, Process::AlarmNotification) {
                self.evaluate(a, m, ready, warming);
            }
        }
        if self.minutes.is_multiple_of(5) {
            self.move_spot_prices();
        }
        self.lb_scale();
    }

    fn last_all(&self, a: usize, n: usize, f: impl Fn(f64) -> bool) -> bool {
        let h = &self.asgs[a].history;
        h.len() >= n && h[h.len() - n..].iter().all(|&x| !x.is_nan() && f(x))
    }

    fn set_desired(&mut self, a: usize, new: u32, why: String) {
        let asg = &mut self.asgs[a];
        let new = new.clamp(asg.min, asg.max);
        if new == asg.desired {
            return;
        }
        let old = asg.desired;
        asg.desired = new;
        let node = self.asg_node(a);
        self.cx
            .log(Some(node), format!("{why}; desired {old} → {new}"));
        self.reconcile(a);
    }

    fn evaluate(&mut self, a: usize, m: f64, ready: u32, warming: u32) {
        let asg = &self.asgs[a];
        match asg.policy {
            Policy::None => {}
            Policy::TargetTracking => {
                let (target, what, unit) = match asg.metric {
                    Metric::Cpu => (asg.target, "CPU", " %"),
                    Metric::RequestsPerTarget => (asg.target_value, "requests per target", "/min"),
                    Metric::QueueBacklog => (asg.target_value, "backlog per instance", " messages"),
                    Metric::QueueVisible => (asg.target_value, "visible messages", ""),
                };
                let high = self.last_all(a, TT_HIGH_POINTS, |x| x > target);
                let low = self.last_all(a, TT_LOW_POINTS, |x| x < TT_LOW_SHARE * target);
                let needed = (f64::from(ready) * m / target).ceil() as u32;
                // A queue metric already counts for the whole group: the
                // instances still launching are part of what it asks for.
                let grow_to = if asg.metric.is_queue() {
                    needed
                } else {
                    needed + warming
                };
                if high && grow_to > self.asgs[a].desired {
                    let why = format!(
                        "target tracking: {what} {m:.0}{unit} above the {target:.0}{unit} target for {TT_HIGH_POINTS} minutes"
                    );
                    self.set_desired(a, grow_to, why);
                } else if low && warming == 0 && needed.max(1) < self.asgs[a].desired {
                    let why = format!(
                        "target tracking: {what} {m:.0}{unit} below {:.0}{unit} for {TT_LOW_POINTS} minutes",
                        TT_LOW_SHARE * target
                    );
                    self.set_desired(a, needed.max(1), why);
                }
            }
            Policy::Step | Policy::Simple => {
                let (out_thr, in_thr) = (asg.out_thr, asg.in_thr);
                let simple = asg.policy == Policy::Simple;
                let queue = asg.metric.is_queue();
                let (what, unit) = match asg.metric {
                    Metric::QueueBacklog => ("backlog per instance", " messages"),
                    Metric::QueueVisible => ("visible messages", ""),
                    _ => ("CPU", " %"),
                };
                if simple && self.cx.now < asg.cooldown_until {
                    return;
                }
                let high = self.last_all(a, STEP_POINTS, |x| x >= out_thr);
                let low = self.last_all(a, STEP_POINTS, |x| x < in_thr);
                let desired = self.asgs[a].desired;
                let name = if simple {
                    "simple scaling"
                } else {
                    "step scaling"
                };
                if high && warming == 0 {
                    // Steps: [thr, thr+20) adds one, [thr+20, ∞) adds two (our default
                    // steps); on a queue metric [thr, 2·thr) one and [2·thr, ∞) two.
                    let step = self.asgs[a].step_adjust;
                    let second = if queue {
                        m >= 2.0 * out_thr
                    } else {
                        m - out_thr >= 20.0
                    };
                    let adj = if simple || !second { step } else { 2 * step };
                    let why = format!(
                        "{name}: {what} {m:.0}{unit} ≥ {out_thr:.0}{unit} for {STEP_POINTS} minutes"
                    );
                    self.set_desired(a, desired + adj, why);
                    self.mark_cooldown(a);
                } else if low && warming == 0 && desired > 0 {
                    let why = format!(
                        "{name}: {what} {m:.0}{unit} < {in_thr:.0}{unit} for {STEP_POINTS} minutes"
                    );
                    self.set_desired(a, desired.saturating_sub(self.asgs[a].step_adjust), why);
                    self.mark_cooldown(a);
                }
            }
        }
    }

    /// Simple scaling waits for the activity and then the cooldown [AS-CD].
    fn mark_cooldown(&mut self, a: usize) {
        let asg = &mut self.asgs[a];
        asg.cooldown_until = self.cx.now + asg.boot_us + asg.hook_launch_us + asg.cooldown_us;
    }
}
