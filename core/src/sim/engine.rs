//! The engine: the state of a run and the request flow through it.
//!
//! Requests start at a Users source, visit nodes hop by hop, and answer back
//! along the same path. A synchronous call keeps its caller's worker until the
//! answer comes (so overload cascades upstream); an asynchronous hand-off
//! frees it at once.

use super::Ev;
use super::cx::Cx;
use super::ix::InstIx;
use super::model::*;
use super::request::{Call, Cause, Ctx, Req, UserAcc};
use super::slab::Slab;
use super::time::SimTime;
use crate::run::{Bucket, ComponentSeries, Errors};
use crate::scenario::Scenario;

mod asg;
mod deploy;
mod edge;
mod failures;
mod flow;
mod lb;
mod metrics;
mod outages;
mod policy;
mod queues;
mod refresh;
mod serverless;
mod spot;
mod timeline;

/// Cap on requests in flight at once (memory guard).
pub const MAX_IN_FLIGHT: u64 = 1_000_000;

/// The state of a run.
pub(crate) struct Engine {
    /// Time, queue, log and tallies: what every service is handed.
    pub(crate) cx: Cx,
    pub(crate) bucket_us: u64,
    pub(crate) events: u64,
    pub(crate) scenario: Scenario,
    /// The scenario's timeline, each event's target resolved at build.
    pub(crate) timeline: super::timeline::Timeline,
    pub(crate) nodes: Vec<Node>,
    pub(crate) sources: Vec<Source>,
    pub(crate) lbs: Vec<Lb>,
    pub(crate) pools: Vec<Pool>,
    pub(crate) asgs: Vec<Asg>,
    pub(crate) insts: Vec<Inst>,
    pub(crate) reqs: Slab<Req>,
    pub(crate) calls: Slab<Call>,
    pub(crate) cur: UserAcc,
    pub(crate) tot: UserAcc,
    pub(crate) buckets: Vec<Bucket>,
    pub(crate) series: Vec<ComponentSeries>,
    pub(crate) azs: Vec<String>,
    pub(crate) az_down: Vec<bool>,
    /// Region frames, which node is in which, and which are down.
    pub(crate) region: super::region::Regions,
    /// The Spot market: prices per instance type and zone, and their walk.
    pub(crate) spot: super::spot::Spot,
    pub(crate) next_name: u32,
    /// Whether requests draw a client identity (sticky sessions, DNS answers
    /// cached per client, a Lambda authorizer's per-client cache).
    pub(crate) any_sticky: bool,
    pub(crate) any_rds: bool,
    pub(crate) failed: Option<super::SimError>,
    pub(crate) minutes: u64,
    pub(crate) node_cost: Vec<f64>,
    /// What one call between instances in different zones costs, in and
    /// out (the scenario's request and response sizes), worked out once.
    pub(crate) inter_az_call: f64,
    /// Next arrival of each source as (time, sequence), [`SimTime::NEVER`] when none.
    pub(crate) next_arrivals: Vec<(SimTime, u32)>,
    pub(crate) warm_done: bool,
    /// Managed serverless services and account-wide limits.
    pub(crate) sls: super::serverless::state::Serverless,
    /// Route 53 names, caches' neighbours, ECS clusters.
    pub(crate) edge: super::edge::EdgeState,
    /// Queues, topics, streams and event buses.
    pub(crate) mq: super::queues::state::Messaging,
}

impl Engine {
    pub(crate) fn inst_name(&self, i: InstIx) -> String {
        super::asg::inst_name(&self.insts[i.idx()], &self.azs)
    }

    // ---- arrivals -------------------------------------------------------

    /// Schedules the next candidate arrival of source `s` after `from`.
    pub(crate) fn next_arrival(&mut self, s: usize, mut from: SimTime) {
        loop {
            let src = &mut self.sources[s];
            if !src.constant && from >= src.window_end {
                let comp = self.nodes[src.node.idx()].id;
                src.window_end = from + 1_000_000;
                src.set_bound(self.scenario.max_factor(
                    comp,
                    from.as_secs_f64(),
                    src.window_end.as_secs_f64(),
                ));
            }
            let t = match src.gap_us {
                Some(gap) => from + (src.rng.exp(gap) + 0.5) as u64,
                None => SimTime::NEVER,
            };
            if !src.constant && t > src.window_end {
                from = src.window_end;
                if from >= self.cx.end {
                    return;
                }
                continue;
            }
            // The next arrival waits beside the heap, not in it: one slot per source.
            self.next_arrivals[s] = if t < self.cx.end {
                (t, self.cx.q.next_seq())
            } else {
                (SimTime::NEVER, 0)
            };
            return;
        }
    }

    pub(crate) fn arrival(&mut self, s: usize) {
        self.next_arrival(s, self.cx.now);
        if !self.sources[s].constant {
            let comp = self.nodes[self.sources[s].node.idx()].id;
            let f = self.scenario.factor(comp, self.cx.now.as_secs_f64());
            let src = &mut self.sources[s];
            if src.bound <= 0.0 || src.rng.uniform() * src.bound >= f {
                return;
            }
        }
        if self.reqs.live() as u64 >= MAX_IN_FLIGHT {
            self.failed = Some(super::SimError::TooManyInFlight {
                cap: MAX_IN_FLIGHT,
                at_s: self.cx.now.as_secs_f64(),
            });
            return;
        }
        let src = &mut self.sources[s];
        let client = if self.any_sticky {
            src.mix_rng.below(src.clients as usize) as u32
        } else {
            0
        };
        let write = self.any_rds && src.mix_rng.chance(self.scenario.mix.write_share);
        let req = Req {
            src: s as u16,
            attempt: 0,
            first: self.cx.now,
            client,
            write,
            idle_until: SimTime::ZERO,
        };
        let (r, g) = self.reqs.insert(req);
        let deadline = self.cx.now + src.timeout_us;
        src.deadlines.push_back((deadline, r, g));
        if !src.timer_armed {
            src.timer_armed = true;
            self.cx.q.push(deadline, Ev::ClientTimer { src: s as u16 });
        }
        self.cur.requests += 1;
        if self.cx.now >= self.cx.warm {
            self.tot.requests += 1;
        }
        self.start_attempt(r, g);
    }

    pub(crate) fn start_attempt(&mut self, r: u32, g: u32) {
        if self.region.all_down() {
            return; // nothing answers: the client will time out
        }
        self.reqs.get_mut(r).idle_until = SimTime::ZERO;
        let req = *self.reqs.get(r);
        let src = &mut self.sources[req.src as usize];
        let node = if src.targets.len() == 1 {
            src.targets[0].0
        } else {
            let total = src.targets.last().map_or(0.0, |t| t.1);
            let x = src.route_rng.uniform() * total;
            src.targets
                .iter()
                .find(|t| x < t.1)
                .map_or(src.targets[0].0, |t| t.0)
        };
        let ctx = Ctx {
            req: r,
            rgen: g,
            attempt: req.attempt,
            parent: NIL,
            pgen: 0,
            from_inst: InstIx::NIL,
        };
        self.call_node(node, ctx);
    }

    pub(crate) fn client_timer(&mut self, s: usize) {
        loop {
            let Some(&(deadline, r, g)) = self.sources[s].deadlines.front() else {
                self.sources[s].timer_armed = false;
                return;
            };
            if !self.reqs.valid(r, g) {
                self.sources[s].deadlines.pop_front();
                continue;
            }
            if deadline > self.cx.now {
                self.cx.q.push(deadline, Ev::ClientTimer { src: s as u16 });
                return;
            }
            self.sources[s].deadlines.pop_front();
            let first = self.reqs.get(r).first;
            self.reqs.remove(r);
            self.count_error(first, |e| e.timed_out += 1);
        }
    }

    fn count_error(&mut self, first: SimTime, f: impl Fn(&mut Errors)) {
        f(&mut self.cur.errors);
        if first >= self.cx.warm {
            f(&mut self.tot.errors);
        }
    }

    /// The end of an attempt, as the user sees it.
    pub(crate) fn top_response(&mut self, r: u32, g: u32, attempt: u8, result: Result<(), Cause>) {
        if !self.reqs.valid(r, g) {
            return;
        }
        let req = *self.reqs.get(r);
        if req.attempt != attempt {
            return;
        }
        match result {
            Ok(()) => {
                let lat = self.cx.now - req.first;
                self.cur.completions += 1;
                self.cur.lat_sum_us += lat as f64;
                self.cur.hist.record(lat);
                if req.first >= self.cx.warm {
                    self.tot.completions += 1;
                    self.tot.lat_sum_us += lat as f64;
                    self.tot.hist.record_whole(lat);
                }
                self.reqs.remove(r);
            }
            Err(cause) => {
                let src = &mut self.sources[req.src as usize];
                if req.attempt < src.retries {
                    // Exponential backoff with full jitter, 100 ms base (assumption,
                    // the AWS SDKs' standard retry mode).
                    let cap = 100_000.0 * f64::from(1u32 << req.attempt.min(10));
                    let wait = (src.route_rng.uniform() * cap) as u64;
                    self.reqs.get_mut(r).attempt += 1;
                    self.cur.retries += 1;
                    if req.first >= self.cx.warm {
                        self.tot.retries += 1;
                    }
                    self.cx
                        .q
                        .push(self.cx.now + wait, Ev::Retry { req: r, ver: g });
                } else {
                    self.reqs.remove(r);
                    self.count_error(req.first, |e| match cause {
                        Cause::Rejected => e.rejected += 1,
                        Cause::LbScaling => e.lb_scaling += 1,
                        Cause::NoTarget => e.no_healthy_target += 1,
                        Cause::Failed => e.failed += 1,
                        Cause::Throttled => e.throttled += 1,
                        Cause::InstanceLost => e.instance_lost += 1,
                        Cause::Database => e.database += 1,
                        Cause::TimedOut => e.timed_out += 1,
                    });
                }
            }
        }
    }

    pub(crate) fn retry(&mut self, r: u32, g: u32) {
        if self.reqs.valid(r, g) {
            self.start_attempt(r, g);
        }
    }
}
