//! The request flow, the engine's own work: a request visits an instance,
//! is queued, served or refused, makes its calls and answers back; crashes
//! and state changes keep the counts right.

use super::super::ix::InstIx;
use super::super::ix::PoolIx;
use super::Engine;
use crate::sim::Ev;
use crate::sim::ix::NodeIx;
use crate::sim::model::route::{self, Pos};
use crate::sim::model::*;
use crate::sim::request::{Call, Cause, Ctx};

impl Engine {
    pub(crate) fn call_node(&mut self, node: NodeIx, ctx: Ctx) {
        if ctx.from_inst != InstIx::NIL {
            let from = self.pools[self.insts[ctx.from_inst.idx()].pool.idx()].node;
            self.cx.tally.carried(from, node);
        } else if ctx.req != NIL {
            let from = self.sources[self.reqs.get(ctx.req).src as usize].node;
            self.cx.tally.carried(from, node);
        }
        if self.region.named_down(node) {
            return self.region_refuses(node, ctx);
        }
        if let NodeKind::Pool(p) = self.nodes[node.idx()].kind
            && let PoolKind::Managed(k) = self.pools[p.idx()].kind
        {
            return self.managed_call(k as usize, ctx);
        }
        if self.edge.has_rds
            && let NodeKind::Pool(p) = self.nodes[node.idx()].kind
            && self.replica_refuses(p, ctx)
        {
            return;
        }
        match self.nodes[node.idx()].kind {
            NodeKind::Users(_) => self.respond(ctx, Err(Cause::Failed)),
            NodeKind::Lb(l) => {
                let client = if ctx.req != NIL {
                    self.reqs.get(ctx.req).client
                } else {
                    0
                };
                if !self.lb_admits(l as usize, ctx) {
                    return;
                }
                if let Some(f) = self.lbs[l as usize].function {
                    self.cx.tally.carried(node, f);
                    return self.lb_to_function(l as usize, f, ctx);
                }
                match self.lb_route(l as usize, client) {
                    Some(i) => {
                        let to = self.pools[self.insts[i.idx()].pool.idx()].node;
                        self.cx.tally.carried(node, to);
                        self.enter(i, ctx);
                    }
                    None => self.respond(ctx, Err(Cause::NoTarget)),
                }
            }
            NodeKind::Dns(d) => match self.dns_call(d as usize, ctx) {
                Some((target, 0)) => {
                    self.cx.tally.carried(node, target);
                    self.call_node(target, ctx);
                }
                Some((target, took_us)) => self.dns_wait(d as usize, ctx, target, took_us),
                None => self.respond(ctx, Err(Cause::NoTarget)),
            },
            NodeKind::Pool(p) => match if self.edge.has_rds
                && self.pools[p.idx()].kind == PoolKind::Rds
                && self.pools[p.idx()].insts.len() > 1
            {
                self.rds_pick(p, &ctx)
            } else {
                self.pick_direct(p)
            } {
                Some(i) => self.enter(i, ctx),
                None => {
                    let pool = &mut self.pools[p.idx()];
                    pool.bucket.requests += 1;
                    pool.bucket.failures += 1;
                    let cause = if pool.kind == PoolKind::Rds {
                        Cause::Database
                    } else {
                        Cause::Failed
                    };
                    self.respond(ctx, Err(cause));
                }
            },
            NodeKind::Sqs(_) | NodeKind::Sns(_) | NodeKind::Kinesis(_) | NodeKind::Bus(_) => {
                self.mq_accept(node, ctx);
            }
        }
    }

    /// A component inside a Region frame that is down refuses the call; a
    /// pool counts it as a failed request (what its error alarms watch).
    #[inline(never)] // off the common request path: keeps its callers lean
    fn region_refuses(&mut self, node: NodeIx, ctx: Ctx) {
        if let NodeKind::Pool(p) = self.nodes[node.idx()].kind {
            let measured = self.cx.now >= self.cx.warm;
            let pool = &mut self.pools[p.idx()];
            pool.bucket.requests += 1;
            pool.bucket.failures += 1;
            if measured {
                pool.total.requests += 1;
                pool.total.failures += 1;
            }
        }
        self.respond(ctx, Err(Cause::Failed));
    }

    /// An instance of a pool called directly (not through a load balancer).
    fn pick_direct(&mut self, p: PoolIx) -> Option<InstIx> {
        let pool = &mut self.pools[p.idx()];
        let n = pool.insts.len();
        if n == 1 {
            let i = pool.insts[0];
            let inst = &self.insts[i.idx()];
            return (inst.state == St::InService).then_some(i);
        }
        for k in 0..n {
            let i = pool.insts[(pool.rr + k) % n];
            let inst = &self.insts[i.idx()];
            if inst.state == St::InService && !inst.crashed {
                pool.rr = (pool.rr + k + 1) % n;
                return Some(i);
            }
        }
        None
    }

    /// A request arrives at an instance: served, queued or rejected.
    pub(crate) fn enter(&mut self, i: InstIx, ctx: Ctx) {
        let now = self.cx.now;
        let measured = now >= self.cx.warm;
        let inst = &self.insts[i.idx()];
        let p = inst.pool;
        if ctx.from_inst != InstIx::NIL && self.insts[ctx.from_inst.idx()].az != inst.az {
            let caller = self.insts[ctx.from_inst.idx()].pool.idx();
            self.pools[caller].cost_bucket += self.inter_az_call;
        }
        let pool = &mut self.pools[p.idx()];
        pool.bucket.requests += 1;
        if measured {
            pool.total.requests += 1;
        }
        if inst.crashed || inst.state == St::Terminated {
            pool.bucket.failures += 1;
            if measured {
                pool.total.failures += 1;
            }
            let cause = lost(pool.kind);
            self.respond(ctx, Err(cause));
            return;
        }
        self.insts[i.idx()].received += 1;
        let inst = &self.insts[i.idx()];
        let pool = &mut self.pools[p.idx()];
        let call = Call {
            ctx,
            inst: i,
            arrived: now,
            step: 0,
            rep: 0,
            active_pos: 0,
            measured,
        };
        if inst.busy < pool.workers && !inst.hung {
            let (c, g) = self.calls.insert(call);
            self.start_service(c, g);
        } else if (inst.queue.len() as u32) < pool.queue_cap {
            let (c, _) = self.calls.insert(call);
            pool.queue_change(now, true);
            self.insts[i.idx()].queue.push_back(c);
        } else {
            pool.bucket.rejections += 1;
            if measured {
                pool.total.rejections += 1;
            }
            self.respond(ctx, Err(Cause::Rejected));
        }
    }

    fn start_service(&mut self, c: u32, g: u32) {
        let now = self.cx.now;
        let call = *self.calls.get(c);
        let inst = &mut self.insts[call.inst.idx()];
        let pool = &mut self.pools[inst.pool.idx()];
        inst.busy += 1;
        inst.computing(now, true);
        pool.start_serving(now);
        let pos = inst.active.len() as u32;
        inst.active.push(c);
        let wait = now - call.arrived;
        if call.measured {
            pool.served += 1;
            if wait > 0 {
                pool.waited += 1;
            }
            pool.wait_sum_us += wait as f64;
            pool.wait_hist.record_whole(wait);
        }
        self.calls.get_mut(c).active_pos = pos;
        let st = if let PoolKind::Managed(k) = pool.kind {
            self.managed_service_us(c, g, k as usize)
        } else {
            let mut mean = pool.mean_us * pool.slowdown * self.scenario.mix.work;
            if inst.ty != 0 {
                mean *= pool.types[inst.ty as usize].rel;
            }
            if pool.kind == PoolKind::Rds
                && call.ctx.req != NIL
                && self.reqs.valid(call.ctx.req, call.ctx.rgen)
                && self.reqs.get(call.ctx.req).write
            {
                mean *= 2.0;
            }
            pool.dist.sample(&mut pool.rng, mean)
        };
        self.cx
            .q
            .push(now + (st + 0.5) as u64, Ev::ServiceDone { call: c, ver: g });
    }

    pub(crate) fn service_done(&mut self, c: u32, g: u32) {
        if !self.calls.valid(c, g) {
            return;
        }
        let now = self.cx.now;
        let i = self.calls.get(c).inst;
        let inst = &mut self.insts[i.idx()];
        if inst.hung {
            return; // the worker stays stuck until the instance goes away
        }
        let (own, p) = (inst.error_rate, inst.pool);
        let pool = &mut self.pools[p.idx()];
        inst.computing(now, false);
        pool.stop_computing(now);
        if let PoolKind::Managed(k) = pool.kind
            && self.managed_served(c, k as usize)
        {
            return;
        }
        self.fail_or_advance(c, own, p);
    }

    /// A served call fails at its pool's and its task's error rate, else
    /// makes its next downstream call.
    #[inline]
    fn fail_or_advance(&mut self, c: u32, own: f64, p: PoolIx) {
        let pool = &mut self.pools[p.idx()];
        // A task's own code fails independently of its pool's bad version.
        let fails = if own > 0.0 {
            pool.fault_rng
                .chance(1.0 - (1.0 - pool.error_rate) * (1.0 - own))
        } else {
            pool.fault_rng.chance(pool.error_rate)
        };
        if fails {
            self.finish_call(c, Err(Cause::Failed));
            return;
        }
        self.advance_call(c);
    }

    /// Makes the next downstream call, or finishes.
    fn advance_call(&mut self, c: u32) {
        loop {
            let call = *self.calls.get(c);
            let p = self.insts[call.inst.idx()].pool;
            // A CloudFront hit answers from the edge without its origin.
            if call.step == 0
                && call.rep == 0
                && self.edge.has_cache
                && self.pools[p.idx()].cache.is_some()
                && self.edge_hit(p, &call.ctx)
            {
                self.finish_call(c, Ok(()));
                return;
            }
            let Some((node, sync, at)) = self.next_downstream(c, &call, p) else {
                self.finish_call(c, Ok(()));
                return;
            };
            // Cache-aside: an ElastiCache hit spares the next database call,
            // unless that call has a probability of its own (then it stands
            // for the miss rate).
            if at.rep == 0
                && self.edge.has_aside
                && self.aside_hit(node, &call.ctx)
                && let Some(next) = self.pools[p.idx()].downstream.get(at.step as usize)
                && next.p >= 1.0
                && crate::sim::edge::cache::is_database(self.nodes[next.node.idx()].kind_id)
            {
                self.calls.get_mut(c).step += 1;
            }
            if sync {
                let ctx = Ctx {
                    req: call.ctx.req,
                    rgen: call.ctx.rgen,
                    attempt: call.ctx.attempt,
                    parent: c,
                    pgen: self.calls.gen_of(c),
                    from_inst: call.inst,
                };
                self.call_node(node, ctx);
                return;
            }
            self.call_node(node, Ctx::detached(0, call.inst));
            if !self.calls.valid(c, self.calls.gen_of(c)) {
                return;
            }
        }
    }

    /// The call's next downstream (node, synchronous, position after it),
    /// moving the call on; `None` when it has made all of them.
    #[inline]
    fn next_downstream(&mut self, c: u32, call: &Call, p: PoolIx) -> Option<(NodeIx, bool, Pos)> {
        let pool = &mut self.pools[p.idx()];
        let Some(route) = pool.route.as_deref_mut() else {
            // Every call once, in order: the default, without a draw.
            let d = pool.downstream.get(call.step as usize)?;
            let (node, sync) = (d.node, d.sync);
            let at = self.calls.get_mut(c);
            at.step += 1;
            return Some((
                node,
                sync,
                Pos {
                    step: at.step,
                    rep: 0,
                },
            ));
        };
        // Probabilities, calls per request or one call by weight.
        let mut pos = Pos {
            step: call.step,
            rep: call.rep,
        };
        let d = route::next(route, &pool.downstream, &mut pos)?;
        let at = self.calls.get_mut(c);
        (at.step, at.rep) = (pos.step, pos.rep);
        Some((d.node, d.sync, pos))
    }

    pub(crate) fn respond(&mut self, ctx: Ctx, result: Result<(), Cause>) {
        if crate::sim::queues::is_delivery(&ctx) {
            self.delivered(ctx.parent & !crate::sim::queues::DELIVERY, ctx.pgen, result);
        } else if ctx.parent != NIL {
            if self.calls.valid(ctx.parent, ctx.pgen) {
                match result {
                    Ok(()) => self.advance_call(ctx.parent),
                    Err(cause) => self.finish_call(ctx.parent, Err(cause)),
                }
            }
        } else if ctx.req != NIL {
            self.top_response(ctx.req, ctx.rgen, ctx.attempt, result);
        }
    }

    /// Releases the call's worker, starts the next queued request, answers the caller.
    pub(crate) fn finish_call(&mut self, c: u32, result: Result<(), Cause>) {
        let now = self.cx.now;
        let call = *self.calls.get(c);
        let i = call.inst;
        let inst = &mut self.insts[i.idx()];
        let pool = &mut self.pools[inst.pool.idx()];
        inst.busy -= 1;
        pool.release_worker(now);
        let pos = call.active_pos as usize;
        inst.active.swap_remove(pos);
        if let Some(&moved) = inst.active.get(pos) {
            self.calls.get_mut(moved).active_pos = pos as u32;
        }
        match result {
            Ok(()) => {
                pool.bucket.completions += 1;
                if let Some(h) = pool.alarm_hist.as_mut() {
                    h.record(now - call.arrived);
                }
                if call.measured {
                    pool.total.completions += 1;
                    let t = now - call.arrived;
                    pool.time_sum_us += t as f64;
                    pool.time_hist.record_whole(t);
                }
            }
            Err(_) => {
                pool.bucket.failures += 1;
                if call.measured {
                    pool.total.failures += 1;
                }
            }
        }
        self.calls.remove(c);
        if !inst.hung
            && inst.busy < pool.workers
            && let Some(next) = inst.queue.pop_front()
        {
            pool.queue_change(now, false);
            let g = self.calls.gen_of(next);
            self.start_service(next, g);
        }
        let inst = &self.insts[i.idx()];
        if inst.state == St::Draining && inst.in_system() == 0 {
            self.drain_done(i, inst.epoch);
        }
        if let PoolKind::Managed(k) = self.pools[self.insts[i.idx()].pool.idx()].kind {
            self.managed_finished(k as usize, &call, result);
        }
        self.respond(call.ctx, result);
    }

    /// Everything on an instance fails at once (crash or termination).
    pub(crate) fn drop_work(&mut self, i: InstIx) {
        let now = self.cx.now;
        let inst = &mut self.insts[i.idx()];
        let pool = &mut self.pools[inst.pool.idx()];
        pool.drop_work(now, inst.busy, inst.cpu, inst.queue.len() as u32);
        inst.busy = 0;
        inst.drop_computing(now);
        let mut dropped: Vec<Ctx> = Vec::with_capacity(inst.active.len() + inst.queue.len());
        for &c in inst.active.iter().chain(inst.queue.iter()) {
            dropped.push(self.calls.get(c).ctx);
            self.calls.remove(c);
            pool.bucket.failures += 1;
        }
        let cause = lost(pool.kind);
        inst.active.clear();
        inst.queue.clear();
        for ctx in dropped {
            self.respond(ctx, Err(cause));
        }
    }

    /// Whether an instance counts toward its pool's serving capacity.
    pub(crate) fn serves(inst: &Inst) -> bool {
        !inst.crashed && matches!(inst.state, St::InService | St::Draining)
    }

    /// Changes an instance's state, keeping the pool's capacity right.
    pub(crate) fn set_state(&mut self, i: InstIx, st: St) {
        let now = self.cx.now;
        let inst = &mut self.insts[i.idx()];
        let pool = &mut self.pools[inst.pool.idx()];
        let before = Self::serves(inst);
        inst.state = st;
        let after = Self::serves(inst);
        if before != after {
            pool.capacity_change(now, after, pool.workers);
        }
    }

    /// Marks an instance crashed (or recovered), keeping capacity right.
    pub(crate) fn set_crashed(&mut self, i: InstIx, crashed: bool) {
        let now = self.cx.now;
        let inst = &mut self.insts[i.idx()];
        let pool = &mut self.pools[inst.pool.idx()];
        let before = Self::serves(inst);
        inst.crashed = crashed;
        if crashed {
            inst.epoch = inst.epoch.wrapping_add(1);
        }
        let after = Self::serves(inst);
        if before != after {
            pool.capacity_change(now, after, pool.workers);
        }
    }
}

/// Why a request fails when the instance it reached has stopped: the
/// database's primary is down, or the instance failed.
fn lost(kind: PoolKind) -> Cause {
    if kind == PoolKind::Rds {
        Cause::Database
    } else {
        Cause::InstanceLost
    }
}
