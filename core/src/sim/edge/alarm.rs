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

use definition::{Action, AlarmState, NoData, Target, Watch};

use super::super::Ev;
use super::super::engine::Engine;
use super::super::model::*;
use super::super::request::Ctx;

impl Engine {
    /// The period's datapoint of the alarm's metric, or `None` when missing.
    fn datapoint(&mut self, a: usize) -> Option<f64> {
        let now = self.cx.now;
        let watch = self.edge.alarms[a].watch;
        let width = self.edge.alarms[a].period_us as f64;
        let (mut sum, mut count, mut present) = (0.0, 0u32, false);
        for k in 0..self.edge.alarms[a].watched.len() {
            let node = self.edge.alarms[a].watched[k];
            match self.nodes[node as usize].kind {
                NodeKind::Pool(p) => {
                    let pool = &mut self.pools[p as usize];
                    let now_mark = (
                        pool.areas(now),
                        pool.total.failures + pool.total.rejections,
                        pool.total.requests,
                        pool.time_sum_us,
                        pool.total.completions,
                    );
                    let serving = pool
                        .insts
                        .iter()
                        .filter(|&&i| {
                            let x = &self.insts[i as usize];
                            x.state == St::InService && !x.crashed && !x.hung
                        })
                        .count();
                    let (areas, errs, reqs, tsum, done) = self.edge.alarms[a].marks[k];
                    self.edge.alarms[a].marks[k] = now_mark;
                    let d = now_mark.0.minus(&areas);
                    let value = match watch {
                        Watch::Cpu => {
                            (d.capacity > 0).then(|| 100.0 * d.cpu as f64 / d.capacity as f64)
                        }
                        Watch::Errors => (now_mark.2 > reqs).then(|| (now_mark.1 - errs) as f64),
                        Watch::QueueDepth => Some(d.queued as f64 / width),
                        // The period's mean time per request stands for its p99
                        // (assumption: the run keeps no per-period quantiles).
                        Watch::Latency => (now_mark.4 > done)
                            .then(|| (now_mark.3 - tsum) / (now_mark.4 - done) as f64 / 1000.0),
                        Watch::HealthyHosts => Some(serving as f64),
                        // Replication lag is not modelled: the alarm sees no data.
                        Watch::ReplicaLag => None,
                    };
                    if let Some(v) = value {
                        present = true;
                        sum += v;
                        count += 1;
                    }
                }
                NodeKind::Lb(l) if watch == Watch::HealthyHosts => {
                    present = true;
                    sum += f64::from(self.healthy_targets(l as usize));
                    count += 1;
                }
                _ => {}
            }
        }
        if !present {
            return None;
        }
        // Counts add up over the watched components; rates and shares average.
        Some(match watch {
            Watch::Errors | Watch::HealthyHosts => sum,
            _ => sum / f64::from(count.max(1)),
        })
    }

    /// The end of an alarm's period: a datapoint, the M-of-N evaluation,
    /// and the action on a change of state [CW-ALARM].
    pub(crate) fn alarm_tick(&mut self, a: usize) {
        let period = self.edge.alarms[a].period_us;
        if self.cx.now + period < self.cx.end_us {
            self.cx
                .q
                .push(self.cx.now + period, Ev::AlarmTick { alarm: a as u16 });
        }
        let point = self.datapoint(a);
        let al = &mut self.edge.alarms[a];
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
            return;
        }
        al.state = new;
        let what = match al.watch {
            Watch::Cpu => "CPU %",
            Watch::Latency => "latency ms",
            Watch::Errors => "errors",
            Watch::QueueDepth => "queue depth",
            Watch::HealthyHosts => "healthy hosts",
            Watch::ReplicaLag => "replica lag",
        };
        let text = match new {
            AlarmState::Alarm => format!(
                "alarm \"{}\" goes to ALARM: {what} {} {} in {} of the last {} periods of {} s",
                al.label,
                al.cmp.sign(),
                al.threshold,
                breaching,
                al.n,
                period / 1_000_000
            ),
            AlarmState::Ok if old == AlarmState::Alarm => {
                format!("alarm \"{}\" is OK again", al.label)
            }
            AlarmState::Ok => format!("alarm \"{}\" is OK", al.label),
            AlarmState::Insufficient => {
                format!("alarm \"{}\" has insufficient data", al.label)
            }
        };
        self.cx.log(None, text);
        if new == AlarmState::Alarm {
            self.alarm_act(a);
        } else if new == AlarmState::Ok {
            // INSUFFICIENT_DATA keeps the record's last known status (the
            // health check's default for alarm-based checks, assumption).
            self.alarm_clear(a);
        }
    }

    fn alarm_act(&mut self, a: usize) {
        let action = self.edge.alarms[a].action;
        let label = self.edge.alarms[a].label.clone();
        let targets = self.edge.alarms[a].targets.clone();
        for (k, t) in targets.into_iter().enumerate() {
            match (action, t) {
                (Action::ScaleOut | Action::ScaleIn, Target::Group(g)) => {
                    let g = g as usize;
                    let asg = &mut self.asgs[g];
                    let old = asg.desired;
                    asg.desired = if action == Action::ScaleOut {
                        old.saturating_add(asg.step_adjust)
                    } else {
                        old.saturating_sub(asg.step_adjust)
                    }
                    .clamp(asg.min, asg.max);
                    let new = asg.desired;
                    let node = self.asg_node(g);
                    self.cx.log(
                        Some(node),
                        format!("alarm \"{label}\" sets desired {old} → {new}"),
                    );
                    self.reconcile(g);
                }
                (Action::Recover, Target::Instance(p)) => {
                    let insts = self.pools[p as usize].insts.clone();
                    for i in insts {
                        if self.insts[i as usize].crashed
                            && !self.az_down[self.insts[i as usize].az as usize]
                            && !self.region.named_down(self.pools[p as usize].node)
                        {
                            self.set_crashed(i, false);
                            let node = self.pools[p as usize].node;
                            let text = format!(
                                "alarm \"{label}\" recovers {} on new hardware",
                                self.inst_name(i)
                            );
                            self.cx.log(Some(node), text);
                        }
                    }
                }
                (_, Target::Dns(d)) => self.dns_force(d as usize, true, &label),
                (Action::Invoke, Target::Function { node, delay_us, .. }) => {
                    let ctx = Ctx {
                        req: NIL,
                        rgen: 0,
                        attempt: 0,
                        parent: NIL,
                        pgen: 0,
                        from_inst: NIL,
                    };
                    let text = format!(
                        "alarm \"{label}\" invokes {}",
                        self.nodes[node as usize].label
                    );
                    self.cx.log(Some(node), text);
                    self.call_node(node, ctx);
                    self.cx.q.push(
                        self.cx.now + delay_us,
                        Ev::AlarmEffect {
                            alarm: a as u16,
                            target: k as u16,
                        },
                    );
                }
                (Action::Notify, Target::Topic(topic)) => {
                    self.cx.log(
                        None,
                        format!("alarm \"{label}\" sends a notification to {topic}"),
                    );
                }
                _ => {}
            }
        }
    }

    /// The alarm is no longer in ALARM: records it failed over come back.
    fn alarm_clear(&mut self, a: usize) {
        let label = self.edge.alarms[a].label.clone();
        for t in self.edge.alarms[a].targets.clone() {
            if let Target::Dns(d) = t {
                self.dns_force(d as usize, false, &label);
            }
        }
    }

    /// What an invoked function does once it has run: fail its names over,
    /// promote its replicas.
    pub(crate) fn alarm_effect(&mut self, a: usize, k: usize) {
        let Some(Target::Function {
            node, dns, promote, ..
        }) = self.edge.alarms[a].targets.get(k).cloned()
        else {
            return;
        };
        let fname = self.nodes[node as usize].label.clone();
        for d in dns {
            self.dns_force(d as usize, true, &fname);
        }
        for r in promote {
            self.promote(r);
        }
    }

    /// Takes a name's primary records out (or puts them back): a failover
    /// record then answers with its secondary.
    fn dns_force(&mut self, d: usize, down: bool, by: &str) {
        let dns = &mut self.edge.dns[d];
        let has_secondary = dns
            .records
            .iter()
            .any(|r| r.role == super::route53::records::Role::Secondary);
        let mut changed = false;
        for r in &mut dns.records {
            let primary = r.role != super::route53::records::Role::Secondary;
            if primary && has_secondary && r.forced_down != down {
                r.forced_down = down;
                changed = true;
            }
        }
        if changed {
            let node = dns.node;
            let ttl = dns.ttl_us / 1_000_000;
            let text = if down {
                format!(
                    "{by} points the record at its secondary; clients follow as their cached answers expire (TTL {ttl} s)"
                )
            } else {
                format!("{by} clears: the record answers with its primary again")
            };
            self.cx.log(Some(node), text);
        }
    }
}
