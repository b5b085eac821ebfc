//! The bench: the simulator's own model of a design, built once per run.
//!
//! A Users component becomes a [`Source`], a load balancer an [`Lb`] with one
//! target group per link, and every compute node (EC2 instance, Auto Scaling
//! group, database) a [`Pool`] of [`Inst`]ances with workers and queues.

mod balancer;
mod counters;
mod group;
pub(crate) mod route;

pub(crate) use balancer::*;
pub(crate) use counters::Counters;
pub(crate) use group::*;

use super::ix::InstIx;
use super::ix::NodeIx;
use super::ix::PoolIx;
use crate::catalog::Kind;
use std::collections::VecDeque;

use super::rng::{Dist, Stream};
use super::time::SimTime;
use crate::design::ComponentId;

/// Marks "no call" in parent links.
pub(crate) const NIL: u32 = u32::MAX;

/// What a node is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NodeKind {
    Users(u16),
    Lb(u16),
    Pool(PoolIx),
    /// A Route 53 name (index into the edge state's names).
    Dns(u16),
    /// An SQS queue, SNS topic, Kinesis stream or EventBridge bus (index into
    /// its list in [`super::queues::Messaging`]).
    Sqs(u16),
    Sns(u16),
    Kinesis(u16),
    Bus(u16),
}

/// One modelled component.
#[derive(Debug, Clone)]
pub(crate) struct Node {
    pub(crate) id: ComponentId,
    pub(crate) kind_id: Kind,
    pub(crate) label: String,
    pub(crate) kind: NodeKind,
}

/// A Users component: Poisson arrivals shaped by the scenario.
#[derive(Debug)]
pub(crate) struct Source {
    pub(crate) node: NodeIx,
    /// Base rate, requests per µs.
    pub(crate) rate_per_us: f64,
    pub(crate) timeout_us: u64,
    pub(crate) retries: u8,
    /// Downstream nodes with cumulative weights.
    pub(crate) targets: Vec<(NodeIx, f64)>,
    pub(crate) rng: Stream,
    pub(crate) route_rng: Stream,
    pub(crate) mix_rng: Stream,
    /// Distinct clients (for sticky sessions).
    pub(crate) clients: u32,
    /// Whether the rate never changes (no thinning needed).
    pub(crate) constant: bool,
    /// End of the current thinning window and its bound, µs and factor.
    pub(crate) window_end: SimTime,
    pub(crate) bound: f64,
    /// Mean time between candidate arrivals at the bound, µs (`1 / rate`),
    /// worked out when the bound changes rather than on every arrival;
    /// `None` when the bound allows no arrivals.
    pub(crate) gap_us: Option<f64>,
    /// Deadlines of requests in arrival order: (deadline, req, gen).
    pub(crate) deadlines: VecDeque<(SimTime, u32, u32)>,
    pub(crate) timer_armed: bool,
}

impl Source {
    /// Sets the thinning bound, and the mean gap between candidates with it.
    pub(crate) fn set_bound(&mut self, bound: f64) {
        self.bound = bound;
        let rate = self.rate_per_us * bound;
        self.gap_us = (rate > 0.0).then(|| 1.0 / rate);
    }
}

/// Lifecycle state of an instance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum St {
    Pending,
    InService,
    Draining,
    Terminating,
    Terminated,
}

/// One instance with workers and a bounded queue.
#[derive(Debug)]
pub(crate) struct Inst {
    pub(crate) pool: PoolIx,
    /// Index into the pool's instance types.
    pub(crate) ty: u8,
    pub(crate) name: u32,
    pub(crate) az: u8,
    pub(crate) state: St,
    /// Bumped when the instance crashes or ends, so stale events are ignored.
    pub(crate) epoch: u32,
    pub(crate) spot: bool,
    pub(crate) crashed: bool,
    pub(crate) hung: bool,
    pub(crate) unhealthy: bool,
    /// Spot interruption notice received.
    pub(crate) notice: bool,
    pub(crate) busy: u32,
    pub(crate) cpu: u32,
    pub(crate) queue: VecDeque<u32>,
    /// Calls holding a worker (serving or waiting on a call).
    pub(crate) active: Vec<u32>,
    pub(crate) launched: SimTime,
    pub(crate) in_service_at: SimTime,
    /// Its cost is accrued up to here.
    pub(crate) accrued_to: SimTime,
    /// Σ change × time of `cpu` (wrapping): see [`Inst::cpu_area`].
    pub(crate) cpu_sum: u64,
    /// The CPU area at the last minute mark.
    pub(crate) cpu_mark: u64,
    /// Requests it received, and the count at the last minute mark.
    pub(crate) received: u64,
    pub(crate) received_mark: u64,
    /// A replacement was requested for it.
    pub(crate) replaced: bool,
    /// A Spot instance stopped or hibernated by an interruption: out of
    /// service and unbilled until the price comes back [EC2-SPOT-INT],
    /// [EC2-SPOT-BILL].
    pub(crate) stopped: bool,
    /// Its group's Capacity Rebalancing replaces it after a rebalance
    /// recommendation; it terminates once the replacement is in service [AS-CR].
    pub(crate) rebalance: bool,
    /// Share of requests its own code fails (an ECS task of a task
    /// definition deployed with errors); its pool's error rate adds to it.
    pub(crate) error_rate: f64,
}

impl Inst {
    pub(crate) fn in_system(&self) -> u32 {
        self.busy + self.queue.len() as u32
    }

    /// Time integral of `cpu` from the start of the run up to `now`, in
    /// (requests computing × µs): `cpu × now − Σ change × time`.
    pub(crate) fn cpu_area(&self, now: SimTime) -> u64 {
        u64::from(self.cpu)
            .wrapping_mul(now.as_us())
            .wrapping_sub(self.cpu_sum)
    }

    /// Everything computing here stops at once (a crash or termination).
    pub(crate) fn drop_computing(&mut self, now: SimTime) {
        self.cpu_sum = self
            .cpu_sum
            .wrapping_sub(u64::from(self.cpu).wrapping_mul(now.as_us()));
        self.cpu = 0;
    }

    /// A request starts (`true`) or stops computing here.
    #[inline]
    pub(crate) fn computing(&mut self, now: SimTime, starts: bool) {
        let now = now.as_us();
        if starts {
            self.cpu += 1;
            self.cpu_sum = self.cpu_sum.wrapping_add(now);
        } else {
            self.cpu -= 1;
            self.cpu_sum = self.cpu_sum.wrapping_sub(now);
        }
    }

    pub(crate) fn alive(&self) -> bool {
        matches!(
            self.state,
            St::Pending | St::InService | St::Draining | St::Terminating
        )
    }
}

/// Time integrals of a pool's occupancy, in (count × µs).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Areas {
    pub(crate) busy: u64,
    pub(crate) cpu: u64,
    pub(crate) queued: u64,
    pub(crate) inside: u64,
    pub(crate) capacity: u64,
}

/// Per occupancy counter of a pool, Σ change × time of every change
/// (wrapping): the time integral of a counter up to `now` is
/// `count × now − sum`, so a change costs one addition instead of
/// integrating every counter at every event.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct ChangeSums {
    pub(crate) busy: u64,
    pub(crate) cpu: u64,
    pub(crate) queued: u64,
    pub(crate) capacity: u64,
}

impl Areas {
    pub(crate) fn minus(&self, o: &Areas) -> Areas {
        Areas {
            busy: self.busy - o.busy,
            cpu: self.cpu - o.cpu,
            queued: self.queued - o.queued,
            inside: self.inside - o.inside,
            capacity: self.capacity - o.capacity,
        }
    }
}

/// What kind of pool.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PoolKind {
    /// One standalone EC2 instance.
    Ec2,
    /// An Auto Scaling group (index into the groups).
    Asg(u16),
    /// A database.
    Rds,
    /// A managed serverless service (Lambda, API Gateway, DynamoDB, S3):
    /// index into the engine's serverless parts; its instances are execution
    /// environments or one regional endpoint.
    Managed(u16),
}

/// A compute node: its serving parameters, its instances and its statistics.
#[derive(Debug)]
pub(crate) struct Pool {
    pub(crate) node: NodeIx,
    pub(crate) kind: PoolKind,
    /// Instance types the pool launches (one, except for a Spot Fleet).
    pub(crate) types: Vec<TypeSpec>,
    pub(crate) workers: u32,
    pub(crate) queue_cap: u32,
    /// Mean service time, µs, already scaled by the instance type.
    pub(crate) mean_us: f64,
    pub(crate) dist: Dist,
    pub(crate) rng: Stream,
    pub(crate) fault_rng: Stream,
    /// Calls it makes after its own work, in order.
    pub(crate) downstream: Vec<route::Down>,
    /// How it picks among them, when not every call is made once.
    pub(crate) route: Option<Box<route::Route>>,
    /// Instances (indices into the engine's list), alive ones only.
    pub(crate) insts: Vec<InstIx>,
    pub(crate) rr: usize,
    /// Load balancers whose target groups hold this pool.
    pub(crate) lbs: Vec<u16>,
    pub(crate) slowdown: f64,
    pub(crate) error_rate: f64,
    /// Hourly price per instance (On-Demand), or the database's hourly price.
    pub(crate) price_hour: f64,
    // Occupancy, summed over instances. Change them only through the
    // methods below, which keep `sums` (the areas) right.
    pub(crate) busy: u32,
    pub(crate) cpu: u32,
    pub(crate) queued: u32,
    pub(crate) capacity: u32,
    pub(crate) sums: ChangeSums,
    pub(crate) bucket_mark: Areas,
    pub(crate) warm_mark: Areas,
    pub(crate) bucket: Counters,
    pub(crate) total: Counters,
    pub(crate) served: u64,
    pub(crate) waited: u64,
    pub(crate) wait_sum_us: f64,
    pub(crate) time_sum_us: f64,
    pub(crate) wait_hist: crate::run::DenseHistogram,
    pub(crate) time_hist: crate::run::DenseHistogram,
    /// Every request's time here, for a latency alarm with a statistic
    /// other than Average (none unless such an alarm watches it).
    pub(crate) alarm_hist: Option<Box<crate::run::DenseHistogram>>,
    pub(crate) cost_bucket: f64,
    pub(crate) cost_total: f64,
    /// Multi-AZ database: failover time, µs [RDS-MAZ].
    pub(crate) failover_us: Option<u64>,
    /// CloudFront or ElastiCache: what a hit spares.
    pub(crate) cache: Option<super::edge::cache::spec::CacheSpec>,
}

impl Pool {
    /// The occupancy integrals from the start of the run up to `now`.
    pub(crate) fn areas(&self, now: SimTime) -> Areas {
        let now = now.as_us();
        let area = |n: u32, sum: u64| u64::from(n).wrapping_mul(now).wrapping_sub(sum);
        let s = &self.sums;
        let (busy, queued) = (area(self.busy, s.busy), area(self.queued, s.queued));
        Areas {
            busy,
            cpu: area(self.cpu, s.cpu),
            queued,
            inside: busy + queued,
            capacity: area(self.capacity, s.capacity),
        }
    }

    /// A request starts being served: a worker busy and computing.
    #[inline]
    pub(crate) fn start_serving(&mut self, now: SimTime) {
        let now = now.as_us();
        self.busy += 1;
        self.cpu += 1;
        self.sums.busy = self.sums.busy.wrapping_add(now);
        self.sums.cpu = self.sums.cpu.wrapping_add(now);
    }

    /// A request stops computing (it may still hold its worker, waiting).
    #[inline]
    pub(crate) fn stop_computing(&mut self, now: SimTime) {
        self.cpu -= 1;
        self.sums.cpu = self.sums.cpu.wrapping_sub(now.as_us());
    }

    /// A request releases its worker.
    #[inline]
    pub(crate) fn release_worker(&mut self, now: SimTime) {
        self.busy -= 1;
        self.sums.busy = self.sums.busy.wrapping_sub(now.as_us());
    }

    /// A request joins (`true`) or leaves an instance's queue.
    #[inline]
    pub(crate) fn queue_change(&mut self, now: SimTime, joins: bool) {
        let now = now.as_us();
        if joins {
            self.queued += 1;
            self.sums.queued = self.sums.queued.wrapping_add(now);
        } else {
            self.queued -= 1;
            self.sums.queued = self.sums.queued.wrapping_sub(now);
        }
    }

    /// Workers that can serve grow (`true`) or shrink by `n`.
    #[inline]
    pub(crate) fn capacity_change(&mut self, now: SimTime, grows: bool, n: u32) {
        let d = u64::from(n).wrapping_mul(now.as_us());
        if grows {
            self.capacity += n;
            self.sums.capacity = self.sums.capacity.wrapping_add(d);
        } else {
            self.capacity -= n;
            self.sums.capacity = self.sums.capacity.wrapping_sub(d);
        }
    }

    /// An instance's work vanishes at once: `busy` workers, `cpu` computing
    /// and `queued` waiting.
    pub(crate) fn drop_work(&mut self, now: SimTime, busy: u32, cpu: u32, queued: u32) {
        let now = now.as_us();
        self.busy -= busy;
        self.cpu -= cpu;
        self.queued -= queued;
        let s = &mut self.sums;
        s.busy = s.busy.wrapping_sub(u64::from(busy).wrapping_mul(now));
        s.cpu = s.cpu.wrapping_sub(u64::from(cpu).wrapping_mul(now));
        s.queued = s.queued.wrapping_sub(u64::from(queued).wrapping_mul(now));
    }
}
