//! What the edge services read of the rest of the run, and two questions
//! several of them ask: whether a request writes, how many targets of a
//! load balancer are healthy. A leaf: it names no service.

use super::super::model::{Inst, Lb, NIL, Node, Pool, TState};
use super::super::region::Regions;
use super::super::request::{Ctx, Req};
use super::super::slab::Slab;

/// What an edge service reads of the rest of the run during one call.
pub(crate) struct View<'a> {
    /// The run's nodes (kinds and labels).
    pub(crate) nodes: &'a [Node],
    /// Load balancers and their target groups.
    pub(crate) lbs: &'a [Lb],
    /// Pools and their instances.
    pub(crate) pools: &'a [Pool],
    /// Every instance of the run.
    pub(crate) insts: &'a [Inst],
    /// Requests in flight.
    pub(crate) reqs: &'a Slab<Req>,
    /// Which zones are down.
    pub(crate) az_down: &'a [bool],
    /// Region frames and which are down.
    pub(crate) region: &'a Regions,
}

/// Whether the request behind `ctx` writes (the scenario's write share); a
/// call with no live request reads.
pub(crate) fn is_write(ctx: &Ctx, reqs: &Slab<Req>) -> bool {
    ctx.req != NIL && reqs.valid(ctx.req, ctx.rgen) && reqs.get(ctx.req).write
}

/// Targets of a load balancer that pass its health checks, over all its
/// target groups (the count the balancer's own metrics report).
pub(crate) fn healthy_targets(lb: &Lb) -> u32 {
    lb.tgs
        .iter()
        .map(|tg| {
            tg.targets
                .iter()
                .filter(|t| t.state == TState::Healthy)
                .count() as u32
        })
        .sum()
}
