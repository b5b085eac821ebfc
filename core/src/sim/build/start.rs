//! Stage five: the engine from the finished bench, and the events that
//! start a run: arrivals, health checks, ticks, buckets, the first Spot
//! prices, the groups' first instances, scheduled actions and the timeline.

use super::super::cx::{Cx, RunLog};
use super::super::engine::Engine;
use super::super::request::UserAcc;
use super::super::rng::{Purpose, Stream};
use super::super::slab::Slab;
use super::super::time::SimTime;
use super::super::timeline::Timeline;
use super::super::{Ev, SimError, asg, queues, region, serverless, spot, tally};
use super::bench::{Bench, NO_NODE, Schedule};
use super::limits::{MAX_EVENTS, secs};
use crate::run::ComponentSeries;

impl Bench<'_> {
    /// The engine, at time zero with nothing scheduled. Refuses a run that
    /// would need more than [`MAX_EVENTS`] events (by the estimate of
    /// `estimate`), saying what would fit.
    pub(super) fn into_engine(mut self) -> Result<(Engine, Schedule), SimError> {
        let estimate = self.estimate();
        let expected = estimate.events(self.sc, self.sc.duration_s, 1.0);
        if expected > MAX_EVENTS as f64 {
            return Err(SimError::TooManyEvents {
                estimated: expected as u64,
                fit: estimate.fit(self.sc),
            });
        }
        let (d, sc) = (self.d, self.sc);
        let series = self
            .nodes
            .iter()
            .map(|n| ComponentSeries {
                id: n.id,
                points: Vec::new(),
            })
            .collect();
        let tally = tally::Tally::new(d.links.iter().filter_map(|l| {
            let a = self.node_of[self.index_of(l.from)?];
            let b = self.node_of[self.index_of(l.to)?];
            (a != NO_NODE && b != NO_NODE).then_some((a, b, l.id))
        }));
        let (n_nodes, naz) = (self.nodes.len(), self.azs.len());
        self.mark_idle_timeouts();
        let log = RunLog::new(self.nodes.iter().map(|n| n.id).collect());
        let mut e = Engine {
            cx: Cx::new(
                SimTime::from_us(secs(sc.duration_s)),
                SimTime::from_us(secs(sc.warmup_s)),
                log,
                tally,
            ),
            bucket_us: secs(sc.bucket_s).max(1000),
            events: 0,
            scenario: sc.clone(),
            timeline: Timeline::default(),
            nodes: self.nodes,
            sources: self.sources,
            lbs: self.lbs,
            pools: self.pools,
            asgs: self.asgs,
            insts: self.insts,
            reqs: Slab::default(),
            calls: Slab::default(),
            cur: UserAcc::new(),
            tot: UserAcc::whole_run(),
            buckets: Vec::new(),
            series,
            azs: self.azs,
            az_down: vec![false; naz],
            region: region::Regions::default(),
            spot: spot::Spot::new(
                Stream::new(self.seed, u32::MAX, Purpose::Market),
                asg::SPOT_NOTICE_US,
            ),
            next_name: self.next_name,
            any_sticky: self.any_sticky,
            any_rds: self.any_rds,
            failed: None,
            minutes: 0,
            node_cost: vec![0.0; n_nodes],
            inter_az_call: crate::cost::inter_az_cost(
                (sc.mix.request_kb + sc.mix.response_kb) / 1e6,
            ),
            next_arrivals: Vec::new(),
            warm_done: false,
            sls: self.sls,
            edge: self.edge,
            mq: self.mq,
        };
        e.region = region::Regions::new(d, &e.nodes);
        Ok((e, self.scheduled))
    }

    /// Marks the load balancers whose idle timeout can end an attempt: an
    /// attempt starts no earlier than its request, so an idle timeout no
    /// shorter than every client's timeout never ends one first.
    fn mark_idle_timeouts(&mut self) {
        let longest = self.sources.iter().map(|s| s.timeout_us).max().unwrap_or(0);
        for lb in &mut self.lbs {
            lb.idle_matters = lb.idle_us < longest;
        }
    }
}

/// The most a scheduled action runs late, µs [AS-SCHED].
const SCHEDULE_LATE_US: u64 = 120_000_000;

/// Schedules what starts a run on engine `e`: periodic checks and ticks,
/// first arrivals, Spot prices, the groups' first instances, the warm-up
/// mark, scheduled actions (`scheduled`: time, group, desired) and the
/// scenario's timeline.
pub(super) fn start(e: &mut Engine, scheduled: Schedule) {
    e.timeline = Timeline::new(e.scenario.timeline.clone(), &e.nodes, &e.pools, &e.azs);
    e.next_arrivals = vec![(SimTime::NEVER, 0); e.sources.len()];
    for s in 0..e.sources.len() {
        e.next_arrival(s, SimTime::ZERO);
    }
    schedule_ticks(e);
    first_spot_prices(e);
    for a in 0..e.asgs.len() {
        e.initial_fill(a);
    }
    let end = e.cx.end;
    if e.cx.warm == SimTime::ZERO {
        e.warmup_mark();
    } else if e.cx.warm < end {
        e.cx.schedule(e.cx.warm, Ev::Warmup);
    }
    // A scheduled action runs "generally within seconds" but may be up to
    // 2 minutes late [AS-SCHED]: each is late by a seeded 0–120 s.
    let mut late = Stream::new(e.scenario.seed, 0, Purpose::Schedule);
    for (t, asg, desired) in scheduled {
        let t = t + (late.uniform() * SCHEDULE_LATE_US as f64) as u64;
        if t < end {
            e.cx.schedule(t, Ev::Scheduled { asg, desired });
        }
    }
    let times: Vec<SimTime> = (e.scenario.timeline.iter())
        .map(|te| SimTime::from_us(secs(te.at_s)))
        .collect();
    for (k, t) in times.into_iter().enumerate() {
        if t < end && k < usize::from(u16::MAX) {
            e.cx.schedule(t, Ev::Timeline { idx: k as u16 });
        }
    }
}

/// Health checks, alarm periods, DNS checks and the services' ticks, each
/// first one period after the start.
fn schedule_ticks(e: &mut Engine) {
    let after = SimTime::from_us;
    for l in 0..e.lbs.len() {
        let t = e.lbs[l].hc_interval_us;
        e.cx.schedule(after(t), Ev::HealthCheck { lb: l as u16 });
    }
    for k in 0..e.edge.alarms.list.len() {
        let t = e.edge.alarms.list[k].period_us;
        e.cx.schedule(after(t), Ev::AlarmTick { alarm: k as u16 });
    }
    for k in 0..e.edge.dns.names.len() {
        if e.edge.dns.names[k].records.iter().any(|r| r.checked) {
            let t = e.edge.dns.names[k].interval_us;
            e.cx.schedule(after(t), Ev::DnsCheck { dns: k as u16 });
        }
    }
    let (end, bucket) = (e.cx.end, after(e.bucket_us));
    if !e.asgs.is_empty() {
        e.cx.schedule(after(asg::ASG_TICK_US), Ev::AsgTick);
    }
    if !e.asgs.is_empty() || e.lbs.iter().any(|l| l.ramp.is_some()) {
        e.cx.schedule(SimTime::from_secs(60), Ev::Minute);
    }
    if bucket < end {
        e.cx.schedule(bucket, Ev::Bucket);
    }
    if !e.sls.parts.is_empty() && after(serverless::TICK_US) < end {
        e.cx.schedule(after(serverless::TICK_US), Ev::ServerlessTick);
    }
    if e.mq.any() && after(queues::TICK_US) < end {
        e.cx.schedule(after(queues::TICK_US), Ev::MqTick);
    }
}

/// Initial Spot prices: 40 % of On-Demand, ±10 % per type and zone, so pools
/// differ from the start (assumption) [ASG-SPOT-EXAMPLE].
fn first_spot_prices(e: &mut Engine) {
    let mut names: Vec<String> = e
        .pools
        .iter()
        .flat_map(|p| p.types.iter().map(|t| t.name.clone()))
        .collect();
    names.sort();
    names.dedup();
    e.spot.open(&names, e.azs.len() as u8);
}
