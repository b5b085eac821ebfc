//! The discrete-event simulator.
//!
//! Three parts, kept apart: the *bench* (`build`) turns a [`Design`] and a
//! [`Scenario`] into the simulator's own model; the *models* (`engine`, `lb`,
//! `asg`, `timeline`) say what each component does with a request or an
//! event; the *runner* ([`Simulation`]) advances simulated time.
//!
//! Time is integer microseconds ([`SimTime`]); events wait in a binary heap
//! ordered by (time, sequence number), so ties go in scheduling order. Every
//! component draws from its own seeded streams, and all transcendental math
//! goes through `libm`, so a run is the same on every platform.
//!
//! ```
//! use skydraft_core::design::{Component, ComponentId, Design, Link, LinkId, Point};
//! use skydraft_core::scenario::Scenario;
//!
//! let mut d = Design::default();
//! for (id, kind) in [(1, "users"), (2, "ec2")] {
//!     d.components.push(Component {
//!         id: ComponentId(id), kind: kind.into(), label: kind.into(),
//!         pos: Point::default(), params: Default::default(),
//!     });
//! }
//! d.links.push(Link { id: LinkId(1), from: ComponentId(1), to: ComponentId(2), params: Default::default() });
//! let run = skydraft_core::sim::run(&d, &Scenario { duration_s: 60.0, ..Scenario::default() })?;
//! assert!(run.totals.completions > 5_000);
//! # Ok::<(), skydraft_core::sim::SimError>(())
//! ```
//!
//! For the page, [`Simulation`] runs in slices: [`Simulation::advance`] with a
//! budget of events returns [`Progress`]; dropping the simulation cancels it.

mod asg;
mod build;
mod cx;
mod edge;
mod engine;
mod error;
mod ix;
mod lb;
mod metrics;
mod model;
mod policy;
mod pool;
mod probe;
mod queue;
mod queues;
pub mod reference;
mod region;
mod request;
mod rng;
mod serverless;
mod slab;
mod spot;
mod tally;
mod time;
mod timeline;

pub use build::{MAX_BUCKETS, MAX_EVENTS};
/// An ECS rolling deployment's bounds, which validation checks too.
pub(crate) use edge::ecs::rollout;
pub use engine::MAX_IN_FLIGHT;
pub use error::{RunFit, SimError};
pub use probe::{probe_design, probe_digest, probe_run, probe_scenario};
pub use time::SimTime;

use crate::design::Design;
use crate::run::Run;
use crate::scenario::Scenario;
use ix::{InstIx, PoolIx};

/// One pending event. Small and `Copy`, so the queue allocates nothing per event.
///
/// A 32-bit tag keeps every field 4-byte aligned, so an event is copied in
/// whole words; with a 1-byte tag the copies overlapped and stalled.
#[derive(Debug, Clone, Copy)]
#[repr(u32)]
pub(crate) enum Ev {
    Retry {
        req: u32,
        ver: u32,
    },
    ServiceDone {
        call: u32,
        ver: u32,
    },
    ClientTimer {
        src: u16,
    },
    HealthCheck {
        lb: u16,
    },
    /// A load balancer's failed checks count, one timeout after their round.
    HealthVerdict {
        lb: u16,
    },
    /// A Lambda function's invocation record sent to a destination.
    Destination {
        node: ix::NodeIx,
    },
    /// A load balancer's idle timeout: the earliest attempt it holds may
    /// have waited it out.
    IdleTimeout {
        lb: u16,
    },
    DnsCheck {
        dns: u16,
    },
    /// A Route 53 name's oldest resolution that took time is done.
    DnsAnswer {
        dns: u16,
    },
    Promoted {
        pool: PoolIx,
    },
    AlarmTick {
        alarm: u16,
    },
    AlarmEffect {
        alarm: u16,
        target: u16,
    },
    Booted {
        inst: InstIx,
    },
    DrainDone {
        inst: InstIx,
    },
    Terminated {
        inst: InstIx,
    },
    SpotTerminate {
        inst: InstIx,
    },
    Failover {
        pool: PoolIx,
    },
    Restore {
        pool: PoolIx,
    },
    Minute,
    Scheduled {
        asg: u16,
        desired: u32,
    },
    AsgTick,
    Bucket,
    Warmup,
    Timeline {
        idx: u16,
    },
    TimelineEnd {
        idx: u16,
    },
    CallTimeout {
        call: u32,
        ver: u32,
    },
    LambdaRetry {
        func: u16,
        attempt: u8,
    },
    LambdaShift {
        func: u16,
    },
    ServerlessTick,
    /// An SQS queue's next delay or visibility deadline.
    QueueTimer {
        q: u16,
    },
    /// A message delivery due (again).
    Deliver {
        d: u32,
        ver: u32,
    },
    /// The messaging components' periodic work.
    MqTick,
}

/// How far a sliced run has come.
#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    /// Simulated seconds reached.
    pub now_s: f64,
    /// Simulated seconds the run will cover.
    pub duration_s: f64,
    /// Whether the run has ended (finished, or stopped by an error).
    pub done: bool,
    /// Events processed so far.
    pub events: u64,
    /// Why the run stopped early, if it did.
    pub error: Option<SimError>,
}

impl Progress {
    /// Share of the run done, 0..1.
    #[must_use]
    pub fn fraction(&self) -> f64 {
        if self.duration_s > 0.0 {
            (self.now_s / self.duration_s).clamp(0.0, 1.0)
        } else {
            1.0
        }
    }
}

/// A run in progress. Advance it in slices; drop it to cancel.
pub struct Simulation {
    engine: engine::Engine,
    done: bool,
}

impl std::fmt::Debug for Simulation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Simulation")
            .field("now_us", &self.engine.cx.now.as_us())
            .field("events", &self.engine.events)
            .field("done", &self.done)
            .finish()
    }
}

impl Simulation {
    /// Assembles a run of `design` against `scenario`.
    ///
    /// # Errors
    /// When the design cannot be simulated (no traffic, a link or kind the
    /// simulator does not know) or the scenario is out of range or too large.
    pub fn new(design: &Design, scenario: &Scenario) -> Result<Simulation, SimError> {
        Ok(Simulation {
            engine: build::build(design, scenario)?,
            done: false,
        })
    }

    /// Processes up to `max_events` events and reports progress.
    pub fn advance(&mut self, max_events: u64) -> Progress {
        self.run_events(max_events, SimTime::NEVER)
    }

    /// Processes events up to simulated second `until_s` (or `max_events`,
    /// whichever comes first) and reports progress: slices by simulated time.
    pub fn advance_until(&mut self, until_s: f64, max_events: u64) -> Progress {
        let until = if until_s.is_finite() {
            SimTime::from_secs_f64(until_s.max(0.0))
        } else {
            SimTime::NEVER
        };
        let p = self.run_events(max_events, until);
        if !self.done
            && self.engine.cx.now < until.min(self.engine.cx.end)
            && self.engine.cx.q.peek_key().is_none_or(|k| k.0 >= until)
        {
            self.engine.cx.now = until.min(self.engine.cx.end);
            return self.progress();
        }
        p
    }

    fn run_events(&mut self, max_events: u64, until: SimTime) -> Progress {
        let e = &mut self.engine;
        let mut budget = max_events;
        while !self.done && budget > 0 {
            if e.events >= MAX_EVENTS && e.failed.is_none() {
                e.failed = Some(SimError::TooManyEvents {
                    estimated: e.events,
                    fit: RunFit::from_pace(
                        e.events,
                        e.cx.now.as_secs_f64(),
                        e.cx.end.as_secs_f64(),
                    ),
                });
            }
            if e.failed.is_some() {
                self.done = true;
                break;
            }
            // The earliest of the heap's top and the sources' next arrivals.
            let mut arrival: Option<(SimTime, u32, usize)> = None;
            for (k, &(t, seq)) in e.next_arrivals.iter().enumerate() {
                if t != SimTime::NEVER && arrival.is_none_or(|(at, aseq, _)| (t, seq) < (at, aseq))
                {
                    arrival = Some((t, seq, k));
                }
            }
            let top = e.cx.q.peek_key();
            let take_arrival = match (arrival, top) {
                (Some((t, seq, _)), Some(key)) => (t, seq) < key,
                (Some(_), None) => true,
                _ => false,
            };
            let next_t = if take_arrival {
                arrival.map(|a| a.0)
            } else {
                top.map(|k| k.0)
            };
            match next_t {
                Some(t) if t < e.cx.end && t >= until => break,
                Some(t) if t < e.cx.end => {
                    e.cx.now = t;
                    e.events += 1;
                    budget -= 1;
                    if let (true, Some((_, _, s))) = (take_arrival, arrival) {
                        e.next_arrivals[s] = (SimTime::NEVER, 0);
                        e.arrival(s);
                    } else if let Some((_, ev)) = e.cx.q.pop() {
                        // The common event inline; the rest through a
                        // separate function, so their frames and spills
                        // stay off this path.
                        if let Ev::ServiceDone { call, ver } = ev {
                            e.service_done(call, ver);
                        } else {
                            dispatch(e, ev);
                        }
                    }
                }
                _ => {
                    e.cx.now = e.cx.end;
                    e.close_bucket();
                    self.done = true;
                }
            }
        }
        self.progress()
    }

    /// Progress so far, without advancing.
    #[must_use]
    pub fn progress(&self) -> Progress {
        Progress {
            now_s: self.engine.cx.now.as_secs_f64(),
            duration_s: self.engine.cx.end.as_secs_f64(),
            done: self.done,
            events: self.engine.events,
            error: self.engine.failed.clone(),
        }
    }

    /// Events waiting in the queue (a measure of the run's memory).
    #[must_use]
    pub fn pending_events(&self) -> usize {
        self.engine.cx.q.len()
    }

    /// The run so far (all of it once [`Progress::done`]).
    #[must_use]
    pub fn finish(mut self) -> Run {
        if !self.done {
            // Close the partial bucket at the time reached.
            self.engine.close_bucket();
        }
        self.engine.into_run()
    }
}

#[inline(never)]
fn dispatch(e: &mut engine::Engine, ev: Ev) {
    match ev {
        Ev::Retry { req, ver } => e.retry(req, ver),
        Ev::ServiceDone { call, ver } => e.service_done(call, ver),
        Ev::ClientTimer { src } => e.client_timer(src as usize),
        Ev::HealthCheck { lb } => e.health_check(lb as usize),
        Ev::HealthVerdict { lb } => e.health_verdict(lb as usize),
        Ev::IdleTimeout { lb } => e.idle_timer(lb as usize),
        Ev::Destination { node } => e.call_node(node, request::Ctx::detached(0, InstIx::NIL)),
        Ev::DnsCheck { dns } => e.dns_check(dns as usize),
        Ev::DnsAnswer { dns } => e.dns_answer(dns as usize),
        Ev::Promoted { pool } => e.promoted(pool),
        Ev::AlarmTick { alarm } => e.alarm_tick(alarm as usize),
        Ev::AlarmEffect { alarm, target } => e.alarm_effect(alarm as usize, target as usize),
        Ev::Booted { inst } => e.booted(inst),
        Ev::DrainDone { inst } => e.drain_done(inst, 0),
        Ev::Terminated { inst } => e.terminated(inst),
        Ev::SpotTerminate { inst } => e.spot_terminate(inst),
        Ev::Failover { pool } => e.failover(pool),
        Ev::Restore { pool } => e.restore(pool),
        Ev::Minute => e.minute(),
        Ev::Scheduled { asg, desired } => e.scheduled(asg as usize, desired),
        Ev::AsgTick => e.asg_tick(),
        Ev::Bucket => {
            e.close_bucket();
            let next = SimTime::from_us((e.buckets.len() as u64 + 1) * e.bucket_us);
            if next < e.cx.end {
                e.cx.q.push(next, Ev::Bucket);
            }
        }
        Ev::Warmup => e.warmup_mark(),
        Ev::Timeline { idx } => e.timeline(idx as usize),
        Ev::TimelineEnd { idx } => e.timeline_end(idx as usize),
        Ev::CallTimeout { call, ver } => e.call_timeout(call, ver),
        Ev::LambdaRetry { func, attempt } => e.lambda_retry(func as usize, attempt),
        Ev::LambdaShift { func } => e.lambda_shift(func as usize),
        Ev::ServerlessTick => e.serverless_tick(),
        Ev::QueueTimer { q } => e.sqs_timer(q as usize),
        Ev::Deliver { d, ver } => e.deliver(d, ver),
        Ev::MqTick => e.mq_tick(),
    }
}

/// Runs a design against a scenario to the end.
///
/// # Errors
/// When the design cannot be simulated, or the run stops on a cap.
pub fn run(design: &Design, scenario: &Scenario) -> Result<Run, SimError> {
    let mut sim = Simulation::new(design, scenario)?;
    loop {
        // Short slices cost nothing natively; as wasm they let the browser
        // swap in its optimised code for the event loop between slices,
        // instead of finishing a long first slice in baseline code.
        let p = sim.advance(10_000);
        if let Some(err) = p.error {
            return Err(err);
        }
        if p.done {
            return Ok(sim.finish());
        }
    }
}
