//! Metric buckets, cost accrual and the final [`Run`].

use super::engine::Engine;
use super::model::*;
use super::request::UserAcc;
use crate::cost;
use crate::run::{
    Bucket, ComponentPoint, ComponentSummary, GroupSize, InstanceCounts, Run, Totals,
};

impl Engine {
    /// What an instance costs per hour now: its type's On-Demand price, or
    /// the Spot price of its type and zone; a database's hourly price.
    pub(crate) fn inst_price(&self, i: u32) -> f64 {
        let inst = &self.insts[i as usize];
        let pool = &self.pools[inst.pool as usize];
        match pool.types.get(inst.ty as usize) {
            Some(t) if inst.spot => t.price * self.spot_factor(&t.name, inst.az),
            Some(t) if pool.kind != PoolKind::Rds || inst.ty != 0 => t.price,
            _ => pool.price_hour,
        }
    }

    /// Adds an instance's cost since its last accrual; at termination, applies
    /// EC2's 60-second minimum [VANTAGE-EC2].
    pub(crate) fn accrue_inst(&mut self, i: u32, ending: bool) {
        let now = self.cx.now;
        let inst = &self.insts[i as usize];
        if !inst.alive() {
            return;
        }
        let p = inst.pool as usize;
        let rate = self.inst_price(i);
        let mut secs = (now - inst.accrued_us) as f64 / 1e6;
        if ending {
            let life = (now - inst.launched_us) as f64 / 1e6;
            if life < cost::EC2_MIN_BILLED_S {
                secs += cost::EC2_MIN_BILLED_S - life;
            }
        }
        let c = rate * secs / 3600.0;
        self.insts[i as usize].accrued_us = now;
        self.pools[p].cost_bucket += c;
    }

    /// The size limits of the group that owns pool `p`, if a group does.
    fn group_size(&self, p: usize) -> Option<GroupSize> {
        let a = self.asgs.iter().find(|a| usize::from(a.pool) == p)?;
        let cpu_tracking = a.policy == Policy::TargetTracking && a.metric == Metric::Cpu;
        Some(GroupSize {
            min: a.min,
            desired: a.desired,
            max: a.max,
            cpu_target: cpu_tracking.then_some(a.target / 100.0),
        })
    }

    /// Snapshot at the end of the warm-up: statistics start here.
    pub(crate) fn warmup_mark(&mut self) {
        let now = self.cx.now;
        for pool in &mut self.pools {
            pool.warm_mark = pool.areas(now);
        }
        self.warm_done = true;
    }

    /// Closes the current bucket at `self.cx.now`.
    pub(crate) fn close_bucket(&mut self) {
        let now = self.cx.now;
        let k = self.buckets.len() as u64;
        let start_us = k * self.bucket_us;
        if now <= start_us {
            return;
        }
        let width_s = (now - start_us) as f64 / 1e6;
        for i in 0..self.insts.len() as u32 {
            if self.insts[i as usize].alive() {
                self.accrue_inst(i, false);
            }
        }
        self.accrue_serverless(width_s);
        self.ecs_accrue(width_s);
        let mut bucket_cost = self.dns_close_bucket(width_s);
        for l in 0..self.lbs.len() {
            bucket_cost += self.close_lb_bucket(l, width_s);
        }
        for p in 0..self.pools.len() {
            bucket_cost += self.close_pool_bucket(p, start_us, width_s);
        }
        bucket_cost += self.mq_close_bucket(start_us);
        // Users.
        for s in 0..self.sources.len() {
            let node = self.sources[s].node as usize;
            self.series[node].points.push(ComponentPoint::default());
        }
        self.cx.tally.close_bucket();
        self.push_bucket(start_us, bucket_cost);
    }

    /// Closes load balancer `l`'s bucket of `width_s` seconds: appends its
    /// point and returns what it cost (hourly rate and bytes across zones).
    fn close_lb_bucket(&mut self, l: usize, width_s: f64) -> f64 {
        let lb = &mut self.lbs[l];
        let kind = self.nodes[lb.node as usize].kind_id;
        let rps = lb.stats.requests as f64 / width_s;
        let gbh = lb.bytes / 1e9 / width_s * 3600.0;
        let rate = cost::lb_cost_per_hour(kind, rps, gbh);
        let c = rate * width_s / 3600.0 + lb.inter_az_bytes / 1e9 * cost::INTER_AZ_PER_GB;
        lb.inter_az_bytes = 0.0;
        let healthy = self.healthy_targets(l);
        let lb = &mut self.lbs[l];
        let point = ComponentPoint {
            requests: lb.stats.requests,
            completions: lb.stats.requests - lb.stats.rejections,
            rejections: lb.stats.rejections,
            cost_per_hour: rate,
            healthy_targets: healthy,
            ..ComponentPoint::default()
        };
        lb.stats = Counters::default();
        lb.bytes = 0.0;
        let node = lb.node as usize;
        self.series[node].points.push(point);
        self.node_cost[node] += c;
        c
    }

    /// Closes pool `p`'s bucket (from `start_us`, `width_s` seconds wide):
    /// appends its point and returns what it cost.
    fn close_pool_bucket(&mut self, p: usize, start_us: u64, width_s: f64) -> f64 {
        let now = self.cx.now;
        let (counts, mut rate) = self.pool_instances(p);
        rate += self.ecs_hourly(p);
        let group = self.group_size(p);
        let pool = &mut self.pools[p];
        let areas = pool.areas(now);
        let d = areas.minus(&pool.bucket_mark);
        pool.bucket_mark = areas;
        let w = (now - start_us) as f64;
        let cap = d.capacity as f64;
        let point = ComponentPoint {
            requests: pool.bucket.requests,
            completions: pool.bucket.completions,
            rejections: pool.bucket.rejections,
            failures: pool.bucket.failures,
            utilization: if cap > 0.0 { d.busy as f64 / cap } else { 0.0 },
            cpu: if cap > 0.0 { d.cpu as f64 / cap } else { 0.0 },
            queue_len: d.queued as f64 / w,
            in_flight: d.inside as f64 / w,
            instances: counts,
            // Managed services bill by use: their rate is this bucket's cost.
            cost_per_hour: if matches!(pool.kind, PoolKind::Managed(_)) {
                pool.cost_bucket / width_s * 3600.0
            } else {
                rate
            },
            healthy_targets: 0,
            age_s: 0.0,
            group,
        };
        pool.bucket = Counters::default();
        let c = pool.cost_bucket;
        pool.cost_bucket = 0.0;
        pool.cost_total += c;
        let node = pool.node as usize;
        self.series[node].points.push(point);
        self.node_cost[node] += c;
        c
    }

    /// Pool `p`'s instances counted by state, zone and purchase option, and
    /// what they cost per hour together.
    fn pool_instances(&self, p: usize) -> (InstanceCounts, f64) {
        let mut counts = InstanceCounts {
            in_service_by_az: vec![0; self.azs.len()],
            ..InstanceCounts::default()
        };
        let mut rate = 0.0;
        for &i in &self.pools[p].insts {
            let x = &self.insts[i as usize];
            match x.state {
                St::Pending => counts.pending += 1,
                St::InService => {
                    counts.in_service += 1;
                    if !x.crashed {
                        counts.in_service_by_az[x.az as usize] += 1;
                    }
                }
                St::Draining => counts.draining += 1,
                St::Terminating => counts.terminating += 1,
                St::Terminated => continue,
            }
            if x.spot {
                counts.spot += 1;
            } else {
                counts.on_demand += 1;
            }
            rate += self.inst_price(i);
        }
        (counts, rate)
    }

    /// Ends the users' bucket (from `start_us`, costing `cost_usd` in all):
    /// their requests go to the sources' points and the bucket is appended.
    fn push_bucket(&mut self, start_us: u64, cost_usd: f64) {
        let latency = self.cur.hist.take_sparse();
        let hist = std::mem::replace(&mut self.cur.hist, crate::run::DenseHistogram::new_empty());
        let acc = std::mem::replace(&mut self.cur, UserAcc::with_hist(hist));
        let src_points: Vec<usize> = self.sources.iter().map(|s| s.node as usize).collect();
        for node in src_points {
            if let Some(pt) = self.series[node].points.last_mut() {
                pt.requests = acc.requests;
                pt.completions = acc.completions;
                pt.failures = acc.errors.total();
            }
        }
        self.buckets.push(Bucket {
            start_s: start_us as f64 / 1e6,
            requests: acc.requests,
            completions: acc.completions,
            p50_ms: latency.quantile_ms(0.5),
            p95_ms: latency.quantile_ms(0.95),
            p99_ms: latency.quantile_ms(0.99),
            mean_ms: if acc.completions > 0 {
                acc.lat_sum_us / acc.completions as f64 / 1000.0
            } else {
                0.0
            },
            errors: acc.errors,
            retries: acc.retries,
            latency,
            cost_usd,
        });
    }

    /// Builds the run from the collected metrics.
    pub(crate) fn into_run(mut self) -> Run {
        let now = self.cx.now;
        if !self.warm_done {
            self.warmup_mark();
        }
        let measured_s = (now.saturating_sub(self.cx.warm_us)) as f64 / 1e6;
        let components = (0..self.nodes.len())
            .map(|n| self.component_summary(n, measured_s))
            .collect();
        let totals = self.totals();
        let (links, outages) = self.cx.tally.finish();
        Run {
            bucket_s: self.bucket_us as f64 / 1e6,
            buckets: self.buckets,
            duration_s: now as f64 / 1e6,
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
            NodeKind::Pool(p) => self.pool_summary(p as usize, measured_s, &mut s),
            NodeKind::Sqs(_) | NodeKind::Sns(_) | NodeKind::Kinesis(_) | NodeKind::Bus(_) => {
                super::queues::summarize(
                    &self.series[n].points,
                    self.bucket_us as f64 / 1e6,
                    self.cx.warm_us as f64 / 1e6,
                    &mut s,
                );
            }
        }
        if let NodeKind::Pool(p) = node.kind
            && let PoolKind::Managed(k) = self.pools[p as usize].kind
        {
            self.sls.summarize(k as usize, &mut s);
        }
        s
    }

    /// Fills `s` with pool `p`'s figures since the warm-up (`measured_s`
    /// seconds): counts, utilisation, queues, waits and times.
    fn pool_summary(&self, p: usize, measured_s: f64, s: &mut ComponentSummary) {
        let now = self.cx.now;
        let pool = &self.pools[p];
        let d = pool.areas(now).minus(&pool.warm_mark);
        let cap = d.capacity as f64;
        let t = (now.saturating_sub(self.cx.warm_us)) as f64;
        s.failover_s = pool.failover_us.map(|us| us as f64 / 1e6);
        s.requests = pool.total.requests;
        s.completions = pool.total.completions;
        s.rejections = pool.total.rejections;
        s.failures = pool.total.failures;
        s.utilization = if cap > 0.0 { d.busy as f64 / cap } else { 0.0 };
        s.cpu = if cap > 0.0 { d.cpu as f64 / cap } else { 0.0 };
        s.mean_queue_len = if t > 0.0 { d.queued as f64 / t } else { 0.0 };
        s.mean_in_flight = if t > 0.0 { d.inside as f64 / t } else { 0.0 };
        s.waited_share = if pool.served > 0 {
            pool.waited as f64 / pool.served as f64
        } else {
            0.0
        };
        s.mean_wait_ms = if pool.served > 0 {
            pool.wait_sum_us / pool.served as f64 / 1000.0
        } else {
            0.0
        };
        s.mean_time_ms = if pool.total.completions > 0 {
            pool.time_sum_us / pool.total.completions as f64 / 1000.0
        } else {
            0.0
        };
        s.throughput_per_s = if measured_s > 0.0 {
            pool.total.completions as f64 / measured_s
        } else {
            0.0
        };
        for (k, q) in [0.5, 0.95, 0.99].into_iter().enumerate() {
            s.wait_pct_ms[k] = pool.wait_hist.quantile_us(q) / 1000.0;
            s.time_pct_ms[k] = pool.time_hist.quantile_us(q) / 1000.0;
        }
    }

    /// The run's totals: the users' requests, errors and latencies, the
    /// cost of every bucket and the events processed.
    fn totals(&self) -> Totals {
        let tot = &self.tot;
        Totals {
            requests: tot.requests,
            completions: tot.completions,
            errors: tot.errors,
            retries: tot.retries,
            mean_ms: if tot.completions > 0 {
                tot.lat_sum_us / tot.completions as f64 / 1000.0
            } else {
                0.0
            },
            p50_ms: tot.hist.quantile_us(0.5) / 1000.0,
            p95_ms: tot.hist.quantile_us(0.95) / 1000.0,
            p99_ms: tot.hist.quantile_us(0.99) / 1000.0,
            cost_usd: self.buckets.iter().map(|b| b.cost_usd).sum(),
            events: self.events,
        }
    }
}

impl UserAcc {
    /// A fresh accumulator around an (empty) histogram, so buckets reuse its storage.
    pub(crate) fn with_hist(hist: crate::run::DenseHistogram) -> UserAcc {
        UserAcc {
            requests: 0,
            completions: 0,
            errors: crate::run::Errors::default(),
            retries: 0,
            lat_sum_us: 0.0,
            hist,
        }
    }
}
