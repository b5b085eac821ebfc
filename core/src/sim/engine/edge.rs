//! The engine's side of the edge services (Route 53, CloudFront and
//! ElastiCache, ECS, RDS replicas, CloudWatch alarms): each method splits
//! the engine's borrows, calls the service and carries out what it returns,
//! under the names the rest of the run calls.

use super::super::ix::InstIx;
use super::super::ix::PoolIx;
use super::Engine;
use crate::design::LinkId;
use crate::sim::Ev;
use crate::sim::cx::Cx;
use crate::sim::edge::alarm::{Act, Change};
use crate::sim::edge::ecs::setup::Placement;
use crate::sim::edge::view::View;
use crate::sim::edge::{EdgeState, cache, rds};
use crate::sim::ix::NodeIx;
use crate::sim::model::Asg;
use crate::sim::request::{Cause, Ctx};

/// The engine split for an edge service: the context, the edge state, the
/// groups (an alarm's action sets their desired counts) and what the
/// services read.
struct Parts<'a> {
    /// Time, queue, log and tallies.
    cx: &'a mut Cx,
    /// The edge services' state.
    edge: &'a mut EdgeState,
    /// Auto Scaling groups and ECS services.
    asgs: &'a mut [Asg],
    /// The arrays the services read.
    view: View<'a>,
}

impl Engine {
    /// Splits the engine's borrows for an edge service.
    #[inline]
    fn edge_parts(&mut self) -> Parts<'_> {
        let Engine {
            cx,
            edge,
            asgs,
            nodes,
            lbs,
            pools,
            insts,
            reqs,
            az_down,
            region,
            ..
        } = self;
        Parts {
            cx,
            edge,
            asgs,
            view: View {
                nodes,
                lbs,
                pools,
                insts,
                reqs,
                az_down,
                region,
            },
        }
    }

    // ---- Route 53 -------------------------------------------------------

    /// A request reaches a Route 53 name: the target it goes to, if any,
    /// and how long the resolution took.
    #[inline(never)] // off the common request path: keeps its callers lean
    pub(crate) fn dns_call(&mut self, d: usize, ctx: Ctx) -> Option<(NodeIx, u64)> {
        let Parts { cx, edge, view, .. } = self.edge_parts();
        edge.dns.call(cx, d, &ctx, &view)
    }

    /// A resolution that takes time (a CNAME's extra lookup): the request
    /// goes on to `target` once it is done.
    pub(crate) fn dns_wait(&mut self, d: usize, ctx: Ctx, target: NodeIx, took_us: u64) {
        self.edge.dns.wait(d, ctx, target);
        let at = self.cx.now + took_us;
        self.cx.q.push(at, Ev::DnsAnswer { dns: d as u16 });
    }

    /// Name `d`'s oldest resolution is done: its request goes on to the answer.
    pub(crate) fn dns_answer(&mut self, d: usize) {
        if let Some((ctx, target)) = self.edge.dns.answered(d) {
            let node = self.edge.dns.names[d].node;
            self.cx.tally.carried(node, target);
            self.call_node(target, ctx);
        }
    }

    /// One round of a name's health checks.
    pub(crate) fn dns_check(&mut self, d: usize) {
        let Parts { cx, edge, view, .. } = self.edge_parts();
        edge.dns.check(cx, d, &view);
    }

    /// Closes a bucket of `width_s` seconds for every name; returns its cost.
    pub(crate) fn dns_close_bucket(&mut self, width_s: f64) -> f64 {
        self.edge
            .dns
            .close_bucket(width_s, &mut self.series, &mut self.node_cost)
    }

    /// A timeline weight change on a record's link; `true` when one matched.
    pub(crate) fn dns_weight(&mut self, link: LinkId, weight: f64) -> bool {
        let Engine {
            cx, edge, nodes, ..
        } = self;
        edge.dns.weight(cx, link, weight, nodes)
    }

    // ---- CloudFront and ElastiCache -------------------------------------

    /// A CloudFront pool at the start of its calls: `true` when it answers
    /// a hit itself.
    #[inline(never)] // off the common request path: keeps its callers lean
    pub(crate) fn edge_hit(&mut self, p: PoolIx, ctx: &Ctx) -> bool {
        let kb = self.scenario.mix.response_kb;
        cache::edge_hit(&mut self.pools[p.idx()], ctx, &self.reqs, kb)
    }

    /// A caller is about to call `node`: `true` when an ElastiCache read hits
    /// and the caller skips its next database call.
    pub(crate) fn aside_hit(&mut self, node: NodeIx, ctx: &Ctx) -> bool {
        cache::aside_hit(node, ctx, &self.nodes, &mut self.pools, &self.reqs)
    }

    // ---- ECS ------------------------------------------------------------

    /// Picks a container instance for a new task of group `a`, preferring
    /// zone `az`.
    pub(crate) fn ecs_place(&mut self, a: usize, az: u8) -> Placement {
        let node = self.asg_node(a);
        let Engine {
            cx, edge, az_down, ..
        } = self;
        edge.ecs.place(cx, a, az, az_down, node)
    }

    /// Books the host's resources for task (instance) `i` of group `a`.
    pub(crate) fn ecs_bind(&mut self, a: usize, i: InstIx, host: u16) {
        self.edge.ecs.bind(a, i, host);
    }

    /// Frees the host's resources of a task that ended.
    pub(crate) fn ecs_release(&mut self, i: InstIx) {
        self.edge.ecs.release(i);
    }

    /// Hourly price of the container instances billed to pool `p`.
    pub(crate) fn ecs_hourly(&self, p: PoolIx) -> f64 {
        self.edge.ecs.hourly(p)
    }

    /// The clusters' container instances, billed by the second to their service.
    pub(crate) fn ecs_accrue(&mut self, secs: f64) {
        self.edge.ecs.accrue(secs, &mut self.pools);
    }

    // ---- RDS ------------------------------------------------------------

    /// The instance of a database with read replicas that takes this query.
    pub(crate) fn rds_pick(&mut self, p: PoolIx, ctx: &Ctx) -> Option<InstIx> {
        rds::pick(&mut self.pools[p.idx()], &self.insts, ctx, &self.reqs)
    }

    /// A write reaching a replica that is not promoted fails; returns `true`
    /// when the query was refused (and answered with a failure).
    pub(crate) fn replica_refuses(&mut self, p: PoolIx, ctx: Ctx) -> bool {
        let Engine {
            cx,
            edge,
            reqs,
            pools,
            nodes,
            ..
        } = self;
        if !edge.rds.refuses(cx, p, &ctx, reqs, pools, nodes) {
            return false;
        }
        self.respond(ctx, Err(Cause::Failed));
        true
    }

    /// A promotion completes: the replica is a standalone primary.
    pub(crate) fn promoted(&mut self, pool: PoolIx) {
        let Engine {
            cx,
            edge,
            pools,
            nodes,
            ..
        } = self;
        edge.rds.promoted(cx, pool, pools, nodes);
    }

    // ---- CloudWatch alarms ----------------------------------------------

    /// The end of an alarm's period: evaluation, and on a change of state
    /// its action on each target in turn.
    pub(crate) fn alarm_tick(&mut self, a: usize) {
        let Parts { cx, edge, view, .. } = self.edge_parts();
        let Some(change) = edge.alarms.tick(cx, a, &view) else {
            return;
        };
        for k in 0..self.edge.alarms.targets(a) {
            let act = match change {
                Change::Fired => {
                    let Parts {
                        cx,
                        edge,
                        asgs,
                        view,
                    } = self.edge_parts();
                    edge.alarms.fire(cx, a, k, asgs, &view)
                }
                Change::Cleared => self.edge.alarms.clear(a, k),
            };
            self.alarm_do(a, act);
        }
    }

    /// Carries out what alarm `a`'s action on one target asks.
    fn alarm_do(&mut self, a: usize, act: Act) {
        match act {
            Act::Nothing => {}
            Act::Reconcile(g) => self.reconcile(g),
            Act::Recover { node, insts } => {
                for i in insts {
                    self.set_crashed(i, false);
                    let name = self.inst_name(i);
                    self.edge.alarms.recovered(&mut self.cx, a, node, &name);
                }
            }
            Act::Dns { dns, down } => {
                let EdgeState {
                    dns: names, alarms, ..
                } = &mut self.edge;
                names.force(&mut self.cx, dns as usize, down, alarms.label(a));
            }
            Act::Invoke { node, ctx, then } => {
                self.call_node(node, ctx);
                self.cx.schedule(then.0, then.1);
            }
        }
    }

    /// What an alarm's invoked function does once it has run: fail its
    /// names over, promote its replicas.
    pub(crate) fn alarm_effect(&mut self, a: usize, k: usize) {
        let Engine {
            cx,
            edge,
            pools,
            nodes,
            ..
        } = self;
        let EdgeState {
            dns, rds, alarms, ..
        } = edge;
        let Some((node, names, promote)) = alarms.effect(a, k) else {
            return;
        };
        let by = &nodes[node.idx()].label;
        for &d in names {
            dns.force(cx, d as usize, true, by);
        }
        for &r in promote {
            rds.promote(cx, r, pools, nodes);
        }
    }
}
