//! Load balancers as data: target groups, their targets' health, the
//! routing algorithm and the balancer's own capacity ramp.

use super::super::ix::InstIx;
use super::super::ix::PoolIx;
use super::counters::Counters;
use crate::design::LinkId;
use crate::sim::ix::NodeIx;
use crate::sim::rng::Stream;
use crate::sim::time::SimTime;
use std::collections::VecDeque;

/// Health of a load-balancer target [ALB-HC].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TState {
    /// Registered, waiting for its first passed check.
    Initial,
    Healthy,
    Unhealthy,
    /// Deregistered; finishing in-flight requests [ALB-TG].
    Draining,
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Target {
    pub(crate) inst: InstIx,
    pub(crate) state: TState,
    pub(crate) fails: u8,
    pub(crate) oks: u8,
    /// A check of it failed and waits out its timeout before it counts.
    pub(crate) pending: bool,
    /// When it became healthy after registering (start of slow start); 0 = ramped.
    pub(crate) ramp_from: SimTime,
}

/// A target group: the link from a load balancer to one pool.
#[derive(Debug)]
pub(crate) struct Tg {
    pub(crate) link: LinkId,
    /// Pools registered in it (lone EC2 instances of one load balancer share a group).
    pub(crate) pools: Vec<PoolIx>,
    pub(crate) weight: f64,
    /// ALB path rule: the share (0–1) of requests whose path matches it;
    /// 0 = the default rule, which takes what no rule matches.
    pub(crate) path_share: f64,
    pub(crate) targets: Vec<Target>,
    /// Pools checked deeply: the check's path queries the pool's database,
    /// so a database that does not answer fails the target; a shallow check
    /// answers from the application alone.
    pub(crate) deep: Vec<PoolIx>,
    /// Holds lone EC2 instances.
    pub(crate) lone: bool,
    /// Whether its requests cross zones: the load balancer's setting unless
    /// the group's link sets its own [ALB-XZ].
    pub(crate) cross_zone: bool,
}

/// Routing algorithm [ALB-TG].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Algo {
    RoundRobin,
    LeastOutstanding,
    /// NLB: a hash of the flow's protocol, addresses and ports. Each request
    /// opens a flow from a fresh source port, so the pick is uniform over the
    /// healthy targets and ignores their load.
    FlowHash,
}

/// A load balancer (ALB, NLB or CLB).
#[derive(Debug)]
pub(crate) struct Lb {
    pub(crate) node: NodeIx,
    pub(crate) algo: Algo,
    pub(crate) hc_interval_us: u64,
    /// How long a failing check waits for an answer before it counts as
    /// failed [ALB-HC] (§5.1).
    pub(crate) hc_timeout_us: u64,
    /// How long it holds a request with no answer before it answers 504
    /// itself: the idle timeout [ALB-XZ] (§5.2).
    pub(crate) idle_us: u64,
    /// Attempts it holds under its idle timeout, `(until, request,
    /// generation)` in time order (the timeout is the same for each), with
    /// one timer armed for the earliest, as the clients' deadlines are.
    pub(crate) idle_waits: VecDeque<(SimTime, u32, u32)>,
    /// Whether an idle timer event is pending.
    pub(crate) idle_armed: bool,
    /// Whether the idle timeout can come before some client's own timeout;
    /// when it cannot, an attempt is never held for it.
    pub(crate) idle_matters: bool,
    pub(crate) healthy_thr: u8,
    pub(crate) unhealthy_thr: u8,
    pub(crate) dereg_us: u64,
    pub(crate) sticky: bool,
    pub(crate) sticky_us: u64,
    /// Slow start: a new target's share ramps up linearly over this long [ALB-TG].
    pub(crate) slow_start_us: u64,
    /// Whether traffic between zones is billed in a target group with
    /// cross-zone on (NLB [NLB-XZ]).
    pub(crate) bill_inter_az: bool,
    /// Bytes sent across zones in the current bucket.
    pub(crate) inter_az_bytes: f64,
    /// The ramp limit, when modelled.
    pub(crate) ramp: Option<Ramp>,
    /// Reserved capacity units, billed whether used or not [ALB-LCUR].
    pub(crate) reserved_lcu: f64,
    /// Whether it has an Elastic IP of the owner's in each zone (NLB [NLB-TG]).
    pub(crate) elastic_ips: bool,
    /// What its Elastic IPs cost an hour: one public IPv4 address per zone
    /// its targets are spread over [P-CLOUDBURN-NAT]; 0 without them.
    pub(crate) ip_hour: f64,
    /// A Lambda function as its target (the node), instead of target groups.
    pub(crate) function: Option<NodeIx>,
    pub(crate) tgs: Vec<Tg>,
    /// Some target group has a path rule with a share (ALB only).
    pub(crate) by_path: bool,
    pub(crate) rr: usize,
    pub(crate) rng: Stream,
    /// Sticky table by client: (instance, expiry µs).
    pub(crate) sticky_table: Vec<(InstIx, SimTime)>,
    /// Candidate instances `(instance, slow-start origin)` of the last
    /// request, reused while the targets stay as they were.
    pub(crate) scratch: Vec<(InstIx, SimTime)>,
    /// The target group and zone `scratch` was listed for; `None` once any
    /// target changed (registered, deregistered or its health), which every
    /// change to `tgs` must mark with [`Lb::targets_changed`].
    pub(crate) scratch_for: Option<(usize, Option<u8>)>,
    pub(crate) stats: Counters,
    /// Processed bytes in the current bucket (for capacity units).
    pub(crate) bytes: f64,
}

impl Lb {
    /// Forgets the candidate list: the targets changed.
    pub(crate) fn targets_changed(&mut self) {
        self.scratch_for = None;
    }
}

/// A load balancer's own capacity while it scales (the ramp limit).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ramp {
    /// Requests it takes in one second; unbounded until it has seen traffic
    /// when it follows its traffic.
    pub(crate) capacity_rps: f64,
    /// Capacity it keeps however quiet the traffic: its LCU reservation
    /// [ALB-LCUR].
    pub(crate) floor_rps: f64,
    /// Scaled for the first traffic it sees, not set yet.
    pub(crate) follow: bool,
    pub(crate) second_start: SimTime,
    pub(crate) in_second: u32,
    /// The busiest second of the current minute.
    pub(crate) peak_second: u32,
    pub(crate) in_minute: u32,
}
