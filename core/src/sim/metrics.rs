//! Metric buckets and cost accrual: what an instance costs, the points a
//! load balancer and a pool add to their series when a bucket closes, the
//! users' bucket, and the summaries and totals of the finished run.
//!
//! Functions over the arrays they read; the engine's glue
//! (`sim/engine/metrics.rs`) closes a bucket across every service and
//! assembles the [`crate::run::Run`].

use super::ix::PoolIx;
use super::model::*;
use super::request::UserAcc;
use super::spot::Spot;
use super::time::SimTime;
use crate::cost;
use crate::run::{
    Bucket, ComponentPoint, ComponentSeries, ComponentSummary, GroupSize, InstanceCounts, Totals,
};

/// What instance `inst` of `pool` costs per hour now: its type's On-Demand
/// price, or the Spot price of its type and zone; a database's hourly price.
pub(crate) fn inst_price(inst: &Inst, pool: &Pool, spot: &Spot) -> f64 {
    if inst.stopped {
        // A stopped Spot instance bills only its EBS volume [EC2-SPOT-BILL].
        return 0.0;
    }
    match pool.types.get(inst.ty as usize) {
        // A Fargate Spot task keeps its fixed Spot price (the pool's).
        Some(t) if inst.spot && t.name != TASK_TYPE => t.price * spot.factor(&t.name, inst.az),
        Some(t) if pool.kind != PoolKind::Rds || inst.ty != 0 => t.price,
        _ => pool.price_hour,
    }
}

/// Adds instance `inst`'s cost since its last accrual to its `pool`'s
/// bucket; at termination (`ending`), applies EC2's 60-second minimum
/// [VANTAGE-EC2].
pub(crate) fn accrue(now: SimTime, inst: &mut Inst, pool: &mut Pool, spot: &Spot, ending: bool) {
    if !inst.alive() {
        return;
    }
    let rate = inst_price(inst, pool, spot);
    let mut secs = (now - inst.accrued_to) as f64 / 1e6;
    if ending {
        let life = (now - inst.launched) as f64 / 1e6;
        if life < cost::EC2_MIN_BILLED_S {
            secs += cost::EC2_MIN_BILLED_S - life;
        }
    }
    let c = rate * secs / 3600.0;
    inst.accrued_to = now;
    pool.cost_bucket += c;
}

/// The size limits of the group that owns pool `p`, if a group does.
pub(crate) fn group_size(asgs: &[Asg], p: PoolIx) -> Option<GroupSize> {
    let a = asgs.iter().find(|a| a.pool == p)?;
    let cpu_tracking = a.policy == Policy::TargetTracking && a.metric == Metric::Cpu;
    Some(GroupSize {
        min: a.min,
        desired: a.desired,
        max: a.max,
        cpu_target: cpu_tracking.then_some(a.target / 100.0),
    })
}

/// Snapshot of every pool at the end of the warm-up: statistics start here.
pub(crate) fn warmup_mark(pools: &mut [Pool], now: SimTime) {
    for pool in pools {
        pool.warm_mark = pool.areas(now);
    }
}

/// Closes load balancer `lb`'s bucket of `width_s` seconds: its point and
/// what the bucket cost (hourly rate of its kind, its Elastic IPs, and
/// bytes across zones).
pub(crate) fn lb_point(
    lb: &mut Lb,
    kind: crate::catalog::Kind,
    width_s: f64,
) -> (ComponentPoint, f64) {
    let rps = lb.stats.requests as f64 / width_s;
    let gbh = lb.bytes / 1e9 / width_s * 3600.0;
    let mut rate = cost::reserved_lb_cost_per_hour(kind, rps, gbh, lb.reserved_lcu);
    if lb.elastic_ips {
        rate += lb.ip_hour;
    }
    let c = rate * width_s / 3600.0 + cost::inter_az_cost(lb.inter_az_bytes / 1e9);
    lb.inter_az_bytes = 0.0;
    let point = ComponentPoint {
        requests: lb.stats.requests,
        completions: lb.stats.requests - lb.stats.rejections,
        rejections: lb.stats.rejections,
        cost_per_hour: rate,
        healthy_targets: lb.healthy_targets(),
        ..ComponentPoint::default()
    };
    lb.stats = Counters::default();
    lb.bytes = 0.0;
    (point, c)
}

/// What a pool's bucket adds besides its own counters: its instances, their
/// hourly rate and its group's limits.
pub(crate) struct PoolExtra {
    /// The pool's instances by state, zone and purchase option.
    pub(crate) counts: InstanceCounts,
    /// What its instances (and container hosts) cost per hour.
    pub(crate) rate: f64,
    /// Its group's size limits, if a group owns it.
    pub(crate) group: Option<GroupSize>,
}

/// Closes `pool`'s bucket (from `start` to `now`, `width_s` seconds
/// wide): its point and what the bucket cost.
pub(crate) fn pool_point(
    pool: &mut Pool,
    now: SimTime,
    start: SimTime,
    width_s: f64,
    extra: PoolExtra,
) -> (ComponentPoint, f64) {
    let areas = pool.areas(now);
    let d = areas.minus(&pool.bucket_mark);
    pool.bucket_mark = areas;
    let w = (now - start) as f64;
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
        instances: extra.counts,
        // Managed services bill by use: their rate is this bucket's cost.
        cost_per_hour: if matches!(pool.kind, PoolKind::Managed(_)) {
            pool.cost_bucket / width_s * 3600.0
        } else {
            extra.rate
        },
        healthy_targets: 0,
        age_s: 0.0,
        group: extra.group,
    };
    pool.bucket = Counters::default();
    let c = pool.cost_bucket;
    pool.cost_bucket = 0.0;
    pool.cost_total += c;
    (point, c)
}

/// `pool`'s instances counted by state, zone (of `zones`) and purchase
/// option, and what they cost per hour together.
pub(crate) fn pool_instances(
    pool: &Pool,
    insts: &[Inst],
    zones: usize,
    spot: &Spot,
) -> (InstanceCounts, f64) {
    let mut counts = InstanceCounts {
        in_service_by_az: vec![0; zones],
        ..InstanceCounts::default()
    };
    let mut rate = 0.0;
    for &i in &pool.insts {
        let x = &insts[i.idx()];
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
        rate += inst_price(x, pool, spot);
    }
    (counts, rate)
}

/// Ends the users' bucket (from `start`, costing `cost_usd` in all):
/// their requests go to the sources' last points and the bucket is appended.
pub(crate) fn push_bucket(
    cur: &mut UserAcc,
    sources: &[Source],
    series: &mut [ComponentSeries],
    buckets: &mut Vec<Bucket>,
    start: SimTime,
    cost_usd: f64,
) {
    let latency = cur.hist.take_sparse();
    let hist = std::mem::replace(&mut cur.hist, crate::run::DenseHistogram::new_empty());
    let acc = std::mem::replace(cur, UserAcc::with_hist(hist));
    for s in sources {
        if let Some(pt) = series[s.node.idx()].points.last_mut() {
            pt.requests = acc.requests;
            pt.completions = acc.completions;
            pt.failures = acc.errors.total();
        }
    }
    buckets.push(Bucket {
        start_s: start.as_secs_f64(),
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

/// Fills `s` with `pool`'s figures from the warm-up (`warm`) to `now`
/// (`measured_s` seconds): counts, utilisation, queues, waits and times.
pub(crate) fn pool_summary(
    pool: &Pool,
    now: SimTime,
    warm: SimTime,
    measured_s: f64,
    s: &mut ComponentSummary,
) {
    let d = pool.areas(now).minus(&pool.warm_mark);
    let cap = d.capacity as f64;
    let t = (now.saturating_since(warm)) as f64;
    let per = |x: f64, n: u64| if n > 0 { x / n as f64 } else { 0.0 };
    s.failover_s = pool.failover_us.map(|us| us as f64 / 1e6);
    s.requests = pool.total.requests;
    s.completions = pool.total.completions;
    s.rejections = pool.total.rejections;
    s.failures = pool.total.failures;
    s.utilization = if cap > 0.0 { d.busy as f64 / cap } else { 0.0 };
    s.cpu = if cap > 0.0 { d.cpu as f64 / cap } else { 0.0 };
    s.mean_queue_len = if t > 0.0 { d.queued as f64 / t } else { 0.0 };
    s.mean_in_flight = if t > 0.0 { d.inside as f64 / t } else { 0.0 };
    s.waited_share = per(pool.waited as f64, pool.served);
    s.mean_wait_ms = per(pool.wait_sum_us, pool.served) / 1000.0;
    s.mean_time_ms = per(pool.time_sum_us, pool.total.completions) / 1000.0;
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

/// The run's totals: the users' requests, errors and latencies (`tot`),
/// the cost of every bucket and the `events` processed.
pub(crate) fn totals(tot: &UserAcc, buckets: &[Bucket], events: u64) -> Totals {
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
        cost_usd: buckets.iter().map(|b| b.cost_usd).sum(),
        events,
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
