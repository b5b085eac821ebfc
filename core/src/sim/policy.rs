//! Scaling policies: CloudWatch-style alarms on per-minute datapoints, target
//! tracking, step and simple scaling, scheduled actions [AS-TT], [AS-STEP], [AS-SCHED].
//!
//! Functions over a group's data that compute decisions (a new desired
//! capacity, a cooldown mark); the engine reconciles the group after them.

use super::cx::Cx;
use super::ix::NodeIx;
use super::model::*;
use super::time::SimTime;

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

/// A group's datapoint for one minute: the metric (NaN when missing), the
/// instances it counts and the ones still warming up.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Point {
    /// The metric's value.
    pub(crate) m: f64,
    /// In-service, warmed-up instances.
    pub(crate) ready: u32,
    /// Instances launching or warming up.
    pub(crate) warming: u32,
}

/// What a policy decided: a new desired capacity (clamped when set), why,
/// and whether a simple or step cooldown starts after it.
#[derive(Debug)]
pub(crate) struct Change {
    /// The desired capacity asked for.
    pub(crate) to: u32,
    /// The log line's reason.
    pub(crate) why: String,
    /// Whether to mark the cooldown once the change is made.
    pub(crate) cooldown: bool,
}

/// A scheduled action setting group `asg` (on node `node`) to `desired`
/// [AS-SCHED], unless ScheduledActions is `suspended`; returns whether the
/// group must reconcile.
pub(crate) fn scheduled(
    asg: &mut Asg,
    cx: &mut Cx,
    node: NodeIx,
    suspended: bool,
    desired: u32,
) -> bool {
    if suspended {
        cx.log(
            Some(node),
            "scheduled action skipped: ScheduledActions is suspended".to_owned(),
        );
        return false;
    }
    let d = desired.clamp(asg.min, asg.max);
    asg.desired = d;
    cx.log(Some(node), format!("scheduled action: desired {d}"));
    true
}

/// Group metric over the last minute (ending at `now`) of in-service,
/// warmed-up instances: mean CPU (percent) or requests per target [AS-TT];
/// for a queue metric, the queue's (`visible` messages in the queues the
/// pool works from).
pub(crate) fn point(
    asg: &Asg,
    pool: &Pool,
    insts: &[Inst],
    now: SimTime,
    visible: Option<u64>,
) -> Point {
    if asg.metric.is_queue() {
        return queue_point(asg, pool, insts, visible);
    }
    let workers = f64::from(pool.workers);
    let (mut sum, mut ready, mut warming) = (0.0, 0u32, 0u32);
    for &i in &pool.insts {
        let inst = &insts[i.idx()];
        match inst.state {
            St::Pending => warming += 1,
            St::InService if !inst.crashed => {
                // The run's starting instances were in service before it:
                // warmed up already.
                let warm = inst.in_service_at == SimTime::ZERO;
                if warm || inst.in_service_at + asg.warmup_us <= now {
                    ready += 1;
                    let by_requests = asg.policy == Policy::TargetTracking
                        && asg.metric == Metric::RequestsPerTarget;
                    // An instance in service for part of the minute averages
                    // over that part (a warmup of 0 counts it at once) [AS-WU].
                    let span = (now - inst.in_service_at).clamp(1, 60_000_000) as f64;
                    sum += if by_requests {
                        (inst.received - inst.received_mark) as f64
                    } else {
                        100.0 * (inst.cpu_area(now) - inst.cpu_mark) as f64 / (workers * span)
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
    Point { m, ready, warming }
}

/// Queue metrics of the group's polled queue, sampled at the minute: the
/// visible messages, or their number per in-service instance (missing
/// when no instance is in service, as the metric math's division by zero
/// gives no datapoint). Pending instances are the warming ones.
fn queue_point(asg: &Asg, pool: &Pool, insts: &[Inst], visible: Option<u64>) -> Point {
    let visible = visible.unwrap_or(0) as f64;
    let (mut ready, mut warming) = (0u32, 0u32);
    for &i in &pool.insts {
        let inst = &insts[i.idx()];
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
    Point { m, ready, warming }
}

/// Closes the minute at `now` for every instance: its CPU area and request
/// count become the marks the next minute's datapoints start from.
pub(crate) fn mark_minute(insts: &mut [Inst], now: SimTime) {
    for inst in insts {
        inst.cpu_mark = inst.cpu_area(now);
        inst.received_mark = inst.received;
    }
}

/// Whether the last `n` datapoints of `asg` exist and all satisfy `f`.
fn last_all(asg: &Asg, n: usize, f: impl Fn(f64) -> bool) -> bool {
    let h = &asg.history;
    h.len() >= n && h[h.len() - n..].iter().all(|&x| !x.is_nan() && f(x))
}

/// Sets the desired capacity of `asg` (on node `node`) to `new`, clamped,
/// logging `why`; returns whether it changed (the group must reconcile).
pub(crate) fn set_desired(asg: &mut Asg, cx: &mut Cx, node: NodeIx, new: u32, why: String) -> bool {
    let new = new.clamp(asg.min, asg.max);
    if new == asg.desired {
        return false;
    }
    let old = asg.desired;
    asg.desired = new;
    cx.log(Some(node), format!("{why}; desired {old} → {new}"));
    true
}

/// The group's policy on its datapoint `p` at `now` (its history already
/// holds `p.m`): the change it asks for, if any.
pub(crate) fn evaluate(asg: &Asg, now: SimTime, p: Point) -> Option<Change> {
    match asg.policy {
        Policy::None => None,
        Policy::TargetTracking => target_tracking(asg, p),
        Policy::Step | Policy::Simple => step(asg, now, p),
    }
}

/// Target tracking [AS-TT]: grow when the metric stayed above the target,
/// shrink when it stayed well below, to the capacity that meets the target.
fn target_tracking(asg: &Asg, p: Point) -> Option<Change> {
    let Point { m, ready, warming } = p;
    let (target, what, unit) = match asg.metric {
        Metric::Cpu => (asg.target, "CPU", " %"),
        Metric::RequestsPerTarget => (asg.target_value, "requests per target", "/min"),
        Metric::QueueBacklog => (asg.target_value, "backlog per instance", " messages"),
        Metric::QueueVisible => (asg.target_value, "visible messages", ""),
    };
    let high = last_all(asg, TT_HIGH_POINTS, |x| x > target);
    let low = last_all(asg, TT_LOW_POINTS, |x| x < TT_LOW_SHARE * target);
    let needed = (f64::from(ready) * m / target).ceil() as u32;
    // A queue metric already counts for the whole group: the
    // instances still launching are part of what it asks for.
    let grow_to = if asg.metric.is_queue() {
        needed
    } else {
        needed + warming
    };
    if high && grow_to > asg.desired {
        let why = format!(
            "target tracking: {what} {m:.0}{unit} above the {target:.0}{unit} target for {TT_HIGH_POINTS} minutes"
        );
        Some(Change {
            to: grow_to,
            why,
            cooldown: false,
        })
    } else if low && warming == 0 && needed.max(1) < asg.desired {
        let why = format!(
            "target tracking: {what} {m:.0}{unit} below {:.0}{unit} for {TT_LOW_POINTS} minutes",
            TT_LOW_SHARE * target
        );
        Some(Change {
            to: needed.max(1),
            why,
            cooldown: false,
        })
    } else {
        None
    }
}

/// Step and simple scaling [AS-STEP]: alarms on the out and in thresholds;
/// simple scaling waits out its cooldown first [AS-CD].
fn step(asg: &Asg, now: SimTime, p: Point) -> Option<Change> {
    let Point { m, warming, .. } = p;
    let (out_thr, in_thr) = (asg.out_thr, asg.in_thr);
    let simple = asg.policy == Policy::Simple;
    let queue = asg.metric.is_queue();
    let (what, unit) = match asg.metric {
        Metric::QueueBacklog => ("backlog per instance", " messages"),
        Metric::QueueVisible => ("visible messages", ""),
        _ => ("CPU", " %"),
    };
    if simple && now < asg.cooldown_until {
        return None;
    }
    let high = last_all(asg, STEP_POINTS, |x| x >= out_thr);
    let low = last_all(asg, STEP_POINTS, |x| x < in_thr);
    let desired = asg.desired;
    let name = if simple {
        "simple scaling"
    } else {
        "step scaling"
    };
    if high && warming == 0 {
        // Steps: [thr, thr+20) adds one, [thr+20, ∞) adds two (our default
        // steps); on a queue metric [thr, 2·thr) one and [2·thr, ∞) two.
        let step = asg.step_adjust;
        let second = if queue {
            m >= 2.0 * out_thr
        } else {
            m - out_thr >= 20.0
        };
        let adj = if simple || !second { step } else { 2 * step };
        let why =
            format!("{name}: {what} {m:.0}{unit} ≥ {out_thr:.0}{unit} for {STEP_POINTS} minutes");
        Some(Change {
            to: desired + adj,
            why,
            cooldown: true,
        })
    } else if low && warming == 0 && desired > 0 {
        let why =
            format!("{name}: {what} {m:.0}{unit} < {in_thr:.0}{unit} for {STEP_POINTS} minutes");
        Some(Change {
            to: desired.saturating_sub(asg.step_adjust),
            why,
            cooldown: true,
        })
    } else {
        None
    }
}

/// Simple scaling waits for the activity and then the cooldown [AS-CD]:
/// marks its end from `now`.
pub(crate) fn mark_cooldown(asg: &mut Asg, now: SimTime) {
    asg.cooldown_until = now + asg.boot_us + asg.hook_launch_us + asg.cooldown_us;
}
