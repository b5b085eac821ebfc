//! How many events a run will need, without running it: per traffic path,
//! each Users component's expected requests times the events one request
//! causes on the components it reaches, plus the periodic events (health
//! checks, ticks, buckets, alarm periods) that grow with time, not load.

use super::super::error::{RunFit, two_digits_down};
use super::super::model::NodeKind;
use super::super::{asg, queues, serverless};
use super::bench::{Bench, NO_NODE};
use super::limits::MAX_EVENTS;
use crate::catalog::{self, Kind, LinkMeaning};
use crate::design::ComponentId;
use crate::scenario::Scenario;
use crate::sim::ix::NodeIx;

/// Samples of a source's traffic factor over the run, for its mean.
const FACTOR_SAMPLES: usize = 2_048;
/// Paths deeper than this add nothing (a guard against long cycles).
const MAX_DEPTH: usize = 32;

/// A run's expected event count, split by what it scales with.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Estimate {
    /// Per Users component: its id, base rate (req/s) and the events one
    /// of its requests causes.
    pub(crate) sources: Vec<(ComponentId, f64, f64)>,
    /// Periodic events per simulated second (independent of load).
    pub(crate) periodic_per_s: f64,
    /// Events that happen once (instances booting, scheduled actions).
    pub(crate) once: f64,
}

impl Estimate {
    /// Events expected in a run of `duration_s` seconds under `sc`'s traffic
    /// shapes, with every Users rate multiplied by `scale`.
    pub(crate) fn events(&self, sc: &Scenario, duration_s: f64, scale: f64) -> f64 {
        self.traffic(sc, duration_s) * scale + self.periodic_per_s * duration_s + self.once
    }

    /// Events caused by requests in a run of `duration_s` seconds.
    fn traffic(&self, sc: &Scenario, duration_s: f64) -> f64 {
        self.sources
            .iter()
            .map(|&(id, rate, per_req)| {
                rate * mean_factor(sc, id, duration_s) * duration_s * per_req
            })
            .sum()
    }

    /// The changes that make a run under `sc` fit within [`MAX_EVENTS`].
    pub(crate) fn fit(&self, sc: &Scenario) -> RunFit {
        let cap = MAX_EVENTS as f64;
        let fits = |minutes: u64| self.events(sc, minutes as f64 * 60.0, 1.0) <= cap;
        // Whole minutes below the scenario's duration: the longest that fits.
        let (mut lo, mut hi) = (1u64, ((sc.duration_s / 60.0).floor() as u64).max(1));
        if fits(hi) {
            lo = hi;
        }
        while lo < hi {
            let mid = lo + (hi - lo).div_ceil(2);
            if fits(mid) { lo = mid } else { hi = mid - 1 }
        }
        let traffic = self.traffic(sc, sc.duration_s);
        let room = cap - self.periodic_per_s * sc.duration_s - self.once;
        let scale = if traffic > 0.0 {
            (room / traffic).clamp(0.0, 1.0)
        } else {
            0.0
        };
        RunFit {
            duration_s: lo as f64 * 60.0,
            users_scale: two_digits_down(scale),
        }
    }
}

/// The mean of `source`'s traffic factor over `[0, duration_s]`.
fn mean_factor(sc: &Scenario, source: ComponentId, duration_s: f64) -> f64 {
    if sc.is_constant(source) || duration_s <= 0.0 {
        return sc.factor(source, 0.0);
    }
    let step = duration_s / FACTOR_SAMPLES as f64;
    let sum: f64 = (0..FACTOR_SAMPLES)
        .map(|k| sc.factor(source, (k as f64 + 0.5) * step))
        .sum();
    sum / FACTOR_SAMPLES as f64
}

impl Bench<'_> {
    /// The run's event estimate; call once every part is wired.
    pub(super) fn estimate(&self) -> Estimate {
        let out = self.out_links();
        let mut memo = vec![None; self.nodes.len()];
        let mut on_path = vec![false; self.nodes.len()];
        let sources = self
            .d
            .components
            .iter()
            .enumerate()
            .filter(|&(i, c)| c.is(Kind::Users) && self.node_of[i] != NO_NODE)
            .map(|(i, c)| {
                let n = self.node_of[i];
                let per = self.per_request(n, &out, &mut memo, &mut on_path, 0);
                (c.id, c.number("rate").max(0.0), per)
            })
            .collect();
        Estimate {
            sources,
            periodic_per_s: self.periodic_per_s(),
            once: self.insts.len() as f64 + self.scheduled.len() as f64,
        }
    }

    /// For each node, the nodes its requests go on to, with the links' weights.
    fn out_links(&self) -> Vec<Vec<(NodeIx, f64)>> {
        let d = self.d;
        let mut out = vec![Vec::new(); self.nodes.len()];
        for l in &d.links {
            let (Some(a), Some(b)) = (self.index_of(l.from), self.index_of(l.to)) else {
                continue;
            };
            let (n, m) = (self.node_of[a], self.node_of[b]);
            if n == NO_NODE || m == NO_NODE {
                continue;
            }
            let (from, to) = (&d.components[a], &d.components[b]);
            let meaning = catalog::kind(&from.kind).and_then(|k| k.link_to(&to.kind));
            // Alarms and replication carry no requests.
            if matches!(meaning, Some(LinkMeaning::Control))
                || (from.is(Kind::Rds) && to.is(Kind::Rds))
            {
                continue;
            }
            out[n.idx()].push((m, l.number("weight").max(0.0)));
        }
        out
    }

    /// Events one request causes from node `n` on: its own (an arrival, a
    /// service, a delivery, a timeout) plus those of where it goes next.
    fn per_request(
        &self,
        n: NodeIx,
        out: &[Vec<(NodeIx, f64)>],
        memo: &mut [Option<f64>],
        on_path: &mut [bool],
        depth: usize,
    ) -> f64 {
        let i = n.idx();
        if let Some(v) = memo[i] {
            return v;
        }
        if on_path[i] || depth > MAX_DEPTH {
            return 0.0;
        }
        on_path[i] = true;
        let mut next: Vec<(f64, f64)> = Vec::with_capacity(out[i].len());
        for &(m, w) in &out[i] {
            let e = self.per_request(m, out, memo, on_path, depth + 1);
            next.push((e, w));
        }
        on_path[i] = false;
        let sum: f64 = next.iter().map(|p| p.0).sum();
        let mean = if next.is_empty() {
            0.0
        } else {
            sum / next.len() as f64
        };
        let v = match self.nodes[i].kind {
            // The arrival, then one target by weight.
            NodeKind::Users(_) => {
                let total: f64 = next.iter().map(|p| p.1).sum();
                let routed = if total > 0.0 {
                    next.iter().map(|p| p.0 * p.1).sum::<f64>() / total
                } else {
                    mean
                };
                1.0 + routed
            }
            // Forwarded at once to one of its targets.
            NodeKind::Lb(_) | NodeKind::Dns(_) => mean,
            // Served (one event), then calls every downstream in turn; the
            // managed services also arm a timeout for the call.
            NodeKind::Pool(p) => {
                let own = match self.nodes[i].kind_id {
                    Kind::ApiGateway => 2.0,
                    Kind::Lambda if !out[i].is_empty() => 2.0,
                    _ => 1.0,
                };
                let calls = match self.pools[p.idx()].route.as_deref() {
                    None => sum,
                    Some(r) => self.routed_calls(p, r.by_weight, out, memo, on_path, depth),
                };
                own + calls
            }
            // Every subscriber or rule gets a delivery of its own.
            NodeKind::Sns(_) | NodeKind::Bus(_) => next.iter().map(|p| 1.0 + p.0).sum(),
            // A message is delivered to one consumer.
            NodeKind::Sqs(_) | NodeKind::Kinesis(_) => {
                if next.is_empty() {
                    0.0
                } else {
                    1.0 + mean
                }
            }
        };
        memo[i] = Some(v);
        v
    }

    /// Events of the calls of pool `p` that has a route: each call weighs
    /// its probability and count; one by weight weighs them by their share
    /// of the weights.
    fn routed_calls(
        &self,
        p: crate::sim::ix::PoolIx,
        by_weight: bool,
        out: &[Vec<(NodeIx, f64)>],
        memo: &mut [Option<f64>],
        on_path: &mut [bool],
        depth: usize,
    ) -> f64 {
        let down = &self.pools[p.idx()].downstream;
        let total: f64 = down.iter().map(|d| d.weight).sum();
        let mut calls = 0.0;
        for d in down {
            let e = self.per_request(d.node, out, memo, on_path, depth + 1);
            let share = if !by_weight {
                1.0
            } else if total > 0.0 {
                d.weight / total
            } else {
                0.0
            };
            calls += e * d.p * f64::from(d.count) * share;
        }
        calls
    }

    /// Periodic events per simulated second: health checks, alarm periods,
    /// DNS checks, group and service ticks, metric buckets, client timers.
    fn periodic_per_s(&self) -> f64 {
        let per = |us: u64| if us == 0 { 0.0 } else { 1e6 / us as f64 };
        let mut r = 0.0;
        r += self.lbs.iter().map(|l| per(l.hc_interval_us)).sum::<f64>();
        r += self
            .edge
            .alarms
            .list
            .iter()
            .map(|a| per(a.period_us))
            .sum::<f64>();
        r += self
            .edge
            .dns
            .names
            .iter()
            .filter(|n| n.records.iter().any(|r| r.checked))
            .map(|n| per(n.interval_us))
            .sum::<f64>();
        if !self.asgs.is_empty() {
            r += per(asg::ASG_TICK_US) + per(60_000_000);
        }
        r += per(super::limits::secs(self.sc.bucket_s).max(1000));
        if !self.sls.parts.is_empty() {
            r += per(serverless::TICK_US);
        }
        if self.mq.any() {
            r += per(queues::TICK_US);
        }
        r += self.sources.iter().map(|s| per(s.timeout_us)).sum::<f64>();
        r
    }
}

#[cfg(test)]
mod tests;
