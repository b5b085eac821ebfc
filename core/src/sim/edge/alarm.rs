//! CloudWatch alarms: a metric of the components linked to the alarm, one
//! datapoint per period, M of the last N breaching → ALARM, and the action
//! on the alarm's targets [CW-ALARM].
//!
//! Actions: scale a group (an Auto Scaling group or an ECS service) out or
//! in by one, recover a stopped EC2 instance, notify a topic, fail a Route 53
//! record over to its secondary (an alarm-based health check, the way to watch
//! private endpoints [R53-PRIVATE]), or invoke a Lambda function; the function
//! then does what its links say: it points a linked Route 53 failover record
//! at the secondary and promotes a linked RDS read replica.

pub(crate) mod definition;
pub(crate) mod stat;

use super::super::ix::InstIx;
use super::super::ix::PoolIx;
use super::super::time::SimTime;
use crate::sim::ix::NodeIx;
use definition::{Action, Alarm, AlarmState, NoData, Target, Watch};
use stat::Stat;

use super::super::Ev;
use super::super::cx::Cx;
use super::super::model::*;
use super::super::request::Ctx;
use super::view::{View, healthy_targets};

/// CloudWatch alarms in a run.
#[derive(Debug, Default)]
pub(crate) struct Alarms {
    /// The alarms, by index.
    pub(crate) list: Vec<Alarm>,
}

/// An alarm's change of state that sets its actions off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Change {
    /// It went to ALARM: its action applies to each target.
    Fired,
    /// It went to OK: the records it failed over come back.
    Cleared,
}

/// What an alarm's action on one target asks of the rest of the run, for
/// the engine to carry out at once.
#[derive(Debug)]
pub(crate) enum Act {
    /// Nothing more (a notification is logged; a target the action does not fit).
    Nothing,
    /// The group's desired count changed (logged): reconcile the group.
    Reconcile(usize),
    /// Recover these crashed instances of the pool at `node`, in order, each
    /// then logged with [`Alarms::recovered`].
    Recover { node: NodeIx, insts: Vec<InstIx> },
    /// Take a Route 53 name's primary records out (`down`) or put them back.
    Dns { dns: u16, down: bool },
    /// Call a function node (logged) with `ctx`, then schedule `then`: what
    /// the function does once it has run.
    Invoke {
        node: NodeIx,
        ctx: Ctx,
        then: (SimTime, Ev),
    },
}

impl Alarms {
    /// The number of targets of alarm `a`.
    pub(crate) fn targets(&self, a: usize) -> usize {
        self.list[a].targets.len()
    }

    /// The label of alarm `a` (who a change it makes is logged as).
    pub(crate) fn label(&self, a: usize) -> &str {
        &self.list[a].label
    }

    /// The period's datapoint of alarm `a`'s metric, or `None` when missing:
    /// each watched component's value, made one by the alarm's statistic
    /// (latency from every request's time when the statistic is not Average).
    fn datapoint(&mut self, now: SimTime, a: usize, view: &View<'_>) -> Option<f64> {
        let al = &mut self.list[a];
        let watch = al.watch;
        let mut values = Vec::new();
        let mut samples = Vec::new();
        for k in 0..al.watched.len() {
            let node = al.watched[k];
            match view.nodes[node.idx()].kind {
                NodeKind::Pool(p) => {
                    let pool = &view.pools[p.idx()];
                    if let (Some(h), Some(mark)) = (&pool.alarm_hist, al.lat_marks.get_mut(k)) {
                        samples.extend(h.since(mark));
                        *mark = h.mark();
                    }
                    values.extend(pool_value(al, k, pool, now, view));
                }
                NodeKind::Lb(l) if watch == Watch::HealthyHosts => {
                    values.push(f64::from(healthy_targets(&view.lbs[l as usize])));
                }
                _ => {}
            }
        }
        if watch == Watch::Latency && al.stat != Stat::Average {
            // Every request is a sample, in µs; the datapoint in ms.
            samples.sort_by(|x, y| x.0.total_cmp(&y.0));
            return al.stat.of(&samples).map(|v| match al.stat {
                Stat::SampleCount => v,
                _ => v / 1000.0,
            });
        }
        if values.is_empty() {
            return None;
        }
        match (al.stat, watch) {
            // Counts add up over the watched components; rates and shares average.
            (Stat::Average, Watch::Errors | Watch::HealthyHosts) => Some(values.iter().sum()),
            (stat, _) => stat.of_values(&mut values),
        }
    }

    /// The end of alarm `a`'s period: the next one scheduled, a datapoint,
    /// the M-of-N evaluation and a change of state logged [CW-ALARM];
    /// returns the change that sets its actions off.
    pub(crate) fn tick(&mut self, cx: &mut Cx, a: usize, view: &View<'_>) -> Option<Change> {
        let period = self.list[a].period_us;
        if cx.now + period < cx.end {
            cx.q.push(cx.now + period, Ev::AlarmTick { alarm: a as u16 });
        }
        let point = self.datapoint(cx.now, a, view);
        let al = &mut self.list[a];
        let breach = match (point, al.missing) {
            (Some(x), _) => Some(al.cmp.breaches(x, al.threshold)),
            (None, NoData::Breaching) => Some(true),
            (None, NoData::NotBreaching) => Some(false),
            (None, NoData::Missed | NoData::Ignore) => None,
        };
        al.history.push(breach);
        if al.history.len() > 100 {
            al.history.remove(0);
        }
        let last = &al.history[al.history.len().saturating_sub(al.n)..];
        let breaching = last.iter().filter(|b| **b == Some(true)).count();
        let known = last.iter().filter(|b| b.is_some()).count();
        // M of the last N breach: ALARM; no data at all: INSUFFICIENT_DATA
        // (or, when missing data is ignored, the state stays); else OK.
        let new = if breaching >= al.m {
            AlarmState::Alarm
        } else if known == 0 {
            if al.missing == NoData::Ignore {
                al.state
            } else {
                AlarmState::Insufficient
            }
        } else {
            AlarmState::Ok
        };
        let old = al.state;
        if new == old {
            return None;
        }
        al.state = new;
        cx.log(None, change_text(al, old, breaching));
        match new {
            AlarmState::Alarm => Some(Change::Fired),
            // INSUFFICIENT_DATA keeps the record's last known status (the
            // health check's default for alarm-based checks, assumption).
            AlarmState::Ok => Some(Change::Cleared),
            AlarmState::Insufficient => None,
        }
    }

    /// Alarm `a` went to ALARM: its action on target `k` (a group's desired
    /// count set and logged, a notification logged, an invocation logged),
    /// and what the engine then does.
    pub(crate) fn fire(
        &self,
        cx: &mut Cx,
        a: usize,
        k: usize,
        asgs: &mut [Asg],
        view: &View<'_>,
    ) -> Act {
        let al = &self.list[a];
        let label = &al.label;
        match (al.action, &al.targets[k]) {
            (Action::ScaleOut | Action::ScaleIn, &Target::Group(g)) => scale(
                cx,
                label,
                al.action == Action::ScaleOut,
                g as usize,
                asgs,
                view,
            ),
            (Action::Recover, &Target::Instance(p)) => recover(p, view),
            (_, &Target::Dns(d)) => Act::Dns { dns: d, down: true },
            (Action::Invoke, &Target::Function { node, delay_us, .. }) => {
                let ctx = Ctx::detached(0, InstIx::NIL);
                let text = format!("alarm \"{label}\" invokes {}", view.nodes[node.idx()].label);
                cx.log(Some(node), text);
                let effect = Ev::AlarmEffect {
                    alarm: a as u16,
                    target: k as u16,
                };
                Act::Invoke {
                    node,
                    ctx,
                    then: (cx.now + delay_us, effect),
                }
            }
            (Action::Notify, Target::Topic(topic)) => {
                cx.log(
                    None,
                    format!("alarm \"{label}\" sends a notification to {topic}"),
                );
                Act::Nothing
            }
            _ => Act::Nothing,
        }
    }

    /// Alarm `a` is no longer in ALARM: target `k`, when a record it failed
    /// over, comes back.
    pub(crate) fn clear(&self, a: usize, k: usize) -> Act {
        match self.list[a].targets[k] {
            Target::Dns(d) => Act::Dns {
                dns: d,
                down: false,
            },
            _ => Act::Nothing,
        }
    }

    /// Logs that alarm `a` recovered instance `name` of the pool at `node`.
    pub(crate) fn recovered(&self, cx: &mut Cx, a: usize, node: NodeIx, name: &str) {
        let label = &self.list[a].label;
        cx.log(
            Some(node),
            format!("alarm \"{label}\" recovers {name} on new hardware"),
        );
    }

    /// What alarm `a`'s invoked function (target `k`) does once it has run:
    /// its node, the names it fails over, the replica nodes it promotes.
    pub(crate) fn effect(&self, a: usize, k: usize) -> Option<(NodeIx, &[u16], &[NodeIx])> {
        match self.list[a].targets.get(k)? {
            Target::Function {
                node, dns, promote, ..
            } => Some((*node, dns, promote)),
            _ => None,
        }
    }
}

/// Scales group `g` out (or in) by its step within its bounds, logged as
/// done by alarm `label`; the group is then reconciled.
fn scale(cx: &mut Cx, label: &str, out: bool, g: usize, asgs: &mut [Asg], view: &View<'_>) -> Act {
    let asg = &mut asgs[g];
    let old = asg.desired;
    asg.desired = if out {
        old.saturating_add(asg.step_adjust)
    } else {
        old.saturating_sub(asg.step_adjust)
    }
    .clamp(asg.min, asg.max);
    let new = asg.desired;
    // The group's node: the node of its pool.
    let node = view.pools[asg.pool.idx()].node;
    cx.log(
        Some(node),
        format!("alarm \"{label}\" sets desired {old} → {new}"),
    );
    Act::Reconcile(g)
}

/// The crashed instances of lone-instance pool `p` that can be recovered:
/// their zone and the pool's region are up.
fn recover(p: PoolIx, view: &View<'_>) -> Act {
    let pool = &view.pools[p.idx()];
    let insts = pool
        .insts
        .iter()
        .copied()
        .filter(|&i| {
            let x = &view.insts[i.idx()];
            x.crashed && !view.az_down[x.az as usize] && !view.region.named_down(pool.node)
        })
        .collect();
    Act::Recover {
        node: pool.node,
        insts,
    }
}

/// The log line of alarm `al`'s change from `old` to its state now, with
/// `breaching` periods of the last N.
fn change_text(al: &Alarm, old: AlarmState, breaching: usize) -> String {
    let what = match al.watch {
        Watch::Cpu => "CPU %",
        Watch::Latency => "latency ms",
        Watch::Errors => "errors",
        Watch::QueueDepth => "queue depth",
        Watch::HealthyHosts => "healthy hosts",
        Watch::ReplicaLag => "replica lag",
    };
    match al.state {
        AlarmState::Alarm => format!(
            "alarm \"{}\" goes to ALARM: {what} {} {} in {} of the last {} periods of {} s",
            al.label,
            al.cmp.sign(),
            al.threshold,
            breaching,
            al.n,
            al.period_us / 1_000_000
        ),
        AlarmState::Ok if old == AlarmState::Alarm => {
            format!("alarm \"{}\" is OK again", al.label)
        }
        AlarmState::Ok => format!("alarm \"{}\" is OK", al.label),
        AlarmState::Insufficient => {
            format!("alarm \"{}\" has insufficient data", al.label)
        }
    }
}

/// Watched pool `pool`'s (alarm `al`'s `k`-th) value for the period that
/// ends `now`, or `None` when it has no data; its mark moves on.
fn pool_value(al: &mut Alarm, k: usize, pool: &Pool, now: SimTime, view: &View<'_>) -> Option<f64> {
    let now_mark = (
        pool.areas(now),
        pool.total.failures + pool.total.rejections,
        pool.total.requests,
        pool.time_sum_us,
        pool.total.completions,
    );
    let (areas, errs, reqs, tsum, done) = al.marks[k];
    al.marks[k] = now_mark;
    let d = now_mark.0.minus(&areas);
    let width = al.period_us as f64;
    match al.watch {
        Watch::Cpu => (d.capacity > 0).then(|| 100.0 * d.cpu as f64 / d.capacity as f64),
        Watch::Errors => (now_mark.2 > reqs).then(|| (now_mark.1 - errs) as f64),
        Watch::QueueDepth => Some(d.queued as f64 / width),
        // The period's mean time per request (the Average statistic).
        Watch::Latency => {
            (now_mark.4 > done).then(|| (now_mark.3 - tsum) / (now_mark.4 - done) as f64 / 1000.0)
        }
        Watch::HealthyHosts => {
            let serving = pool.insts.iter().filter(|&&i| {
                let x = &view.insts[i.idx()];
                x.state == St::InService && !x.crashed && !x.hung
            });
            Some(serving.count() as f64)
        }
        // Replication lag is not modelled: the alarm sees no data.
        Watch::ReplicaLag => None,
    }
}
