//! The engine's glue to the metrics ([`crate::sim::metrics`]): cost
//! accrual of an instance, closing a bucket across every service (instances,
//! serverless, ECS, Route 53, load balancers, pools, messaging, users), and
//! the finished [`Run`].

use super::super::ix::InstIx;
use super::super::ix::PoolIx;
use super::Engine;
use crate::run::{ComponentPoint, ComponentSummary, Run};
use crate::sim::metrics::{self, PoolExtra};
use crate::sim::model::*;
use crate::sim::time::SimTime;

impl Engine {
    /// Adds an instance's cost since its last accrual; at termination, applies
    /// EC2's 60-second minimum [VANTAGE-EC2].
    pub(crate) fn accrue_inst(&mut self, i: InstIx, ending: bool) {
        let inst = &mut self.insts[i.idx()];
        let pool = &mut self.pools[inst.pool.idx()];
        metrics::accrue(self.cx.now, inst, pool, &self.spot, ending);
    }

    /// Snapshot at the end of the warm-up: statistics start here.
    pub(crate) fn warmup_mark(&mut self) {
        metrics::warmup_mark(&mut self.pools, self.cx.now);
        self.warm_done = true;
    }

    /// Closes the current bucket at `self.cx.now`.
    pub(crate) fn close_bucket(&mut self) {
        let now = self.cx.now;
        let k = self.buckets.len() as u64;
        let start = SimTime::from_us(k * self.bucket_us);
        if now <= start {
            return;
        }
        let width_s = (now - start) as f64 / 1e6;
        for i in (0..self.insts.len()).map(InstIx::new) {
            if self.insts[i.idx()].alive() {
                self.accrue_inst(i, false);
            }
        }
        self.accrue_serverless(width_s);
        self.ecs_accrue(width_s);
        let mut bucket_cost = self.dns_close_bucket(width_s);
        for l in 0..self.lbs.len() {
            let lb = &mut self.lbs[l];
            let node = lb.node.idx();
            let (point, c) = metrics::lb_point(lb, self.nodes[node].kind_id, width_s);
            self.series[node].points.push(point);
            self.node_cost[node] += c;
            bucket_cost += c;
        }
        for p in 0..self.pools.len() {
            bucket_cost += self.close_pool_bucket(PoolIx::new(p), start, width_s);
        }
        bucket_cost += self.mq_close_bucket(start);
        // Users.
        for s in 0..self.sources.len() {
            let node = self.sources[s].node.idx();
            self.series[node].points.push(ComponentPoint::default());
        }
        self.cx.tally.close_bucket();
        let (series, buckets) = (&mut self.series, &mut self.buckets);
        metrics::push_bucket(
            &mut self.cur,
            &self.sources,
            series,
            buckets,
            start,
            bucket_cost,
        );
    }

    /// Closes pool `p`'s bucket (from `start`, `width_s` seconds wide):
    /// appends its point and returns what it cost.
    fn close_pool_bucket(&mut self, p: PoolIx, start: SimTime, width_s: f64) -> f64 {
        let zones = self.azs.len();
        let (counts, mut rate) =
            metrics::pool_instances(&self.pools[p.idx()], &self.insts, zones, &self.spot);
        rate += self.ecs_hourly(p);
        let group = metrics::group_size(&self.asgs, p);
        let extra = PoolExtra {
            counts,
            rate,
            group,
        };
        let pool = &mut self.pools[p.idx()];
        let (point, c) = metrics::pool_point(pool, self.cx.now, start, width_s, extra);
        let node = pool.node.idx();
        self.series[node].points.push(point);
        self.node_cost[node] += c;
        c
    }

    /// Builds the run from the collected metrics.
    pub(crate) fn into_run(mut self) -> Run {
        let now = self.cx.now;
        if !self.warm_done {
            self.warmup_mark();
        }
        let measured_s = (now.saturating_since(self.cx.warm)) as f64 / 1e6;
        let components = (0..self.nodes.len())
            .map(|n| self.component_summary(n, measured_s))
            .collect();
        let totals = metrics::totals(&self.tot, &self.buckets, self.events);
        let (links, outages) = self.cx.tally.finish();
        Run {
            bucket_s: self.bucket_us as f64 / 1e6,
            buckets: self.buckets,
            duration_s: now.as_secs_f64(),
            seed: self.scenario.seed,
            azs: self.azs,
            series: self.series,
            components,
            totals,
            log: self.cx.log.entries,
            log_dropped: self.cx.log.dropped,
            links,
            outages,
        }
    }

    /// The summary of node `n` over the run (`measured_s` seconds after the
    /// warm-up).
    fn component_summary(&self, n: usize, measured_s: f64) -> ComponentSummary {
        let node = &self.nodes[n];
        let mut s = ComponentSummary {
            id: node.id,
            kind: node.kind_id.id().to_owned(),
            label: node.label.clone(),
            cost_usd: self.node_cost[n],
            ..ComponentSummary::default()
        };
        match node.kind {
            NodeKind::Users(_) => {
                s.requests = self.tot.requests;
                s.completions = self.tot.completions;
                s.failures = self.tot.errors.total();
            }
            NodeKind::Lb(_) | NodeKind::Dns(_) => {
                let pts = &self.series[n].points;
                s.requests = pts.iter().map(|p| p.requests).sum();
                s.rejections = pts.iter().map(|p| p.rejections).sum();
                s.completions = s.requests - s.rejections;
            }
            NodeKind::Pool(p) => {
                let pool = &self.pools[p.idx()];
                metrics::pool_summary(pool, self.cx.now, self.cx.warm, measured_s, &mut s);
            }
            NodeKind::Sqs(_) | NodeKind::Sns(_) | NodeKind::Kinesis(_) | NodeKind::Bus(_) => {
                crate::sim::queues::summarize(
                    &self.series[n].points,
                    self.bucket_us as f64 / 1e6,
                    self.cx.warm.as_secs_f64(),
                    &mut s,
                );
            }
        }
        if let NodeKind::Pool(p) = node.kind
            && let PoolKind::Managed(k) = self.pools[p.idx()].kind
        {
            self.sls.summarize(k as usize, &mut s);
        }
        s
    }
}
