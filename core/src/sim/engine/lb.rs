//! The engine's glue to the load balancers ([`crate::sim::lb`]): each method
//! hands a balancer the context and the arrays it reads, under the names the
//! request flow, the groups and the metrics call.

use super::super::ix::InstIx;
use super::Engine;
use crate::sim::Ev;
use crate::sim::cx::Cx;
use crate::sim::lb::{self, World};
use crate::sim::request::{Cause, Ctx};
use crate::sim::time::SimTime;

impl Engine {
    /// The ramp limit of load balancer `l` for one more request now.
    #[inline]
    pub(crate) fn lb_over_capacity(&mut self, l: usize) -> bool {
        self.lbs[l].over_capacity(&self.cx)
    }

    /// Once a minute: the load balancers' capacity grows with their traffic.
    pub(crate) fn lb_scale(&mut self) {
        lb::scale(&mut self.lbs, &mut self.cx);
    }

    /// Picks the instance load balancer `l` sends a request of `client` to,
    /// or `None` when it has no target at all.
    #[inline]
    pub(crate) fn lb_route(&mut self, l: usize, client: u32) -> Option<InstIx> {
        self.lbs[l].route(&self.cx, &self.scenario.mix, &self.insts, client)
    }

    /// One round of health checks by load balancer `l`.
    pub(crate) fn health_check(&mut self, l: usize) {
        self.with_world(l, |lb, cx, w| lb.health_check(l, cx, w));
    }

    /// Load balancer `l`'s checks that failed one timeout ago count now.
    pub(crate) fn health_verdict(&mut self, l: usize) {
        self.with_world(l, |lb, cx, w| lb.health_verdict(cx, w));
    }

    /// Runs `f` on load balancer `l` with the context and what its health
    /// checks read.
    fn with_world(
        &mut self,
        l: usize,
        f: impl FnOnce(&mut crate::sim::model::Lb, &mut Cx, &World<'_>),
    ) {
        let w = World {
            insts: &self.insts,
            pools: &self.pools,
            nodes: &self.nodes,
            azs: &self.azs,
            az_down: &self.az_down,
            region: &self.region,
        };
        f(&mut self.lbs[l], &mut self.cx, &w);
    }

    /// Registers an instance with every load balancer of its pool.
    pub(crate) fn register(&mut self, i: InstIx, healthy: bool) {
        let p = self.insts[i.idx()].pool;
        lb::register(&mut self.lbs, &self.pools[p.idx()].lbs, p, i, healthy);
    }

    /// Starts draining an instance on every load balancer; returns the longest
    /// deregistration delay, or `None` when it was registered nowhere.
    pub(crate) fn deregister(&mut self, i: InstIx) -> Option<u64> {
        let p = self.insts[i.idx()].pool;
        lb::deregister(&mut self.lbs, &self.pools[p.idx()].lbs, i)
    }

    /// Removes an instance from every target group.
    pub(crate) fn unregister(&mut self, i: InstIx) {
        let p = self.insts[i.idx()].pool;
        lb::unregister(&mut self.lbs, &self.pools[p.idx()].lbs, i);
    }
}

impl Engine {
    /// A request reaches load balancer `l`: refused (503, answered here)
    /// over its ramp limit while it scales, else admitted, a user's attempt
    /// under its idle timeout.
    pub(crate) fn lb_admits(&mut self, l: usize, ctx: Ctx) -> bool {
        if self.lb_over_capacity(l) {
            self.respond(ctx, Err(Cause::LbScaling));
            return false;
        }
        if ctx.parent == crate::sim::model::NIL
            && ctx.req != crate::sim::model::NIL
            && self.lbs[l].idle_matters
        {
            self.hold_idle(l, ctx);
        }
        true
    }

    /// A user's attempt reaches load balancer `l`: when its idle timeout
    /// comes before the client's own, the balancer will give up on the
    /// attempt then (504) [ALB-XZ] (§5.2).
    pub(crate) fn hold_idle(&mut self, l: usize, ctx: Ctx) {
        let until = self.cx.now + self.lbs[l].idle_us;
        let req = self.reqs.get(ctx.req);
        let deadline = req.first + self.sources[req.src as usize].timeout_us;
        if until >= deadline {
            return;
        }
        self.reqs.get_mut(ctx.req).idle_until = until;
        let lb = &mut self.lbs[l];
        lb.idle_waits.push_back((until, ctx.req, ctx.rgen));
        if !lb.idle_armed {
            lb.idle_armed = true;
            self.cx.q.push(until, Ev::IdleTimeout { lb: l as u16 });
        }
    }

    /// Load balancer `l`'s idle timer: every attempt whose idle timeout has
    /// passed times out, unless it was answered or a later attempt started;
    /// the timer is armed again for the next one.
    pub(crate) fn idle_timer(&mut self, l: usize) {
        loop {
            let Some(&(until, r, g)) = self.lbs[l].idle_waits.front() else {
                self.lbs[l].idle_armed = false;
                return;
            };
            if until > self.cx.now {
                self.cx.q.push(until, Ev::IdleTimeout { lb: l as u16 });
                return;
            }
            self.lbs[l].idle_waits.pop_front();
            if self.reqs.valid(r, g) && self.reqs.get(r).idle_until == until {
                self.reqs.get_mut(r).idle_until = SimTime::ZERO;
                let attempt = self.reqs.get(r).attempt;
                self.top_response(r, g, attempt, Err(Cause::TimedOut));
            }
        }
    }
}
