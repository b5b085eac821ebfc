//! RDS read replicas: reads spread over them, writes only on the primary;
//! a replica component is read-only until it is promoted [RDS-RR].

pub(crate) mod replica;

use super::super::engine::Engine;
use super::super::model::*;
use super::super::request::{Cause, Ctx};

impl Engine {
    fn is_write_ctx(&self, ctx: &Ctx) -> bool {
        ctx.req != NIL && self.reqs.valid(ctx.req, ctx.rgen) && self.reqs.get(ctx.req).write
    }

    /// The instance of a database with read replicas that takes this query:
    /// writes go to the primary, reads round-robin over the replicas in
    /// service (the primary when none is).
    pub(crate) fn rds_pick(&mut self, p: usize, ctx: &Ctx) -> Option<u32> {
        let write = self.is_write_ctx(ctx);
        let pool = &mut self.pools[p];
        let primary = *pool.insts.first()?;
        let n = pool.insts.len();
        if !write && n > 1 {
            for k in 0..n - 1 {
                let i = pool.insts[1 + (pool.rr + k) % (n - 1)];
                let x = &self.insts[i as usize];
                if x.state == St::InService && !x.crashed {
                    pool.rr = (pool.rr + k + 1) % (n - 1);
                    return Some(i);
                }
            }
        }
        (self.insts[primary as usize].state == St::InService).then_some(primary)
    }

    /// A write reaching a replica that is not promoted fails (it is read-only);
    /// returns `true` when the query was refused.
    pub(crate) fn replica_refuses(&mut self, p: usize, ctx: Ctx) -> bool {
        let Some(k) = self
            .edge
            .replicas
            .iter()
            .position(|r| r.pool as usize == p && !r.promoted)
        else {
            return false;
        };
        if !self.is_write_ctx(&ctx) {
            return false;
        }
        let pool = &mut self.pools[p];
        pool.bucket.requests += 1;
        pool.bucket.failures += 1;
        if !self.edge.replicas[k].refused_logged {
            self.edge.replicas[k].refused_logged = true;
            let node = self.pools[p].node;
            let text = format!(
                "writes to {} fail: a read replica is read-only until it is promoted",
                self.nodes[node as usize].label
            );
            self.cx.log(Some(node), text);
        }
        self.respond(ctx, Err(Cause::Failed));
        true
    }

    /// Starts promoting the replica component at node `node`.
    pub(crate) fn promote(&mut self, node: u16) {
        let Some(k) =
            self.edge.replicas.iter().position(|r| {
                self.pools[r.pool as usize].node == node && !r.promoted && !r.promoting
            })
        else {
            return;
        };
        self.edge.replicas[k].promoting = true;
        let t = self.cx.now + self.edge.replicas[k].promote_us;
        let pool = self.edge.replicas[k].pool;
        let text = format!(
            "promoting read replica {}: it will accept writes in {} s",
            self.nodes[node as usize].label,
            self.edge.replicas[k].promote_us / 1_000_000
        );
        self.cx.log(Some(node), text);
        self.cx.q.push(t, super::super::Ev::Promoted { pool });
    }

    /// A promotion completes: the replica is a standalone primary.
    pub(crate) fn promoted(&mut self, pool: u16) {
        let Some(r) = self.edge.replicas.iter_mut().find(|r| r.pool == pool) else {
            return;
        };
        r.promoting = false;
        r.promoted = true;
        let node = self.pools[pool as usize].node;
        let text = format!(
            "{} is promoted: a standalone database that accepts writes; replication from its old source has stopped",
            self.nodes[node as usize].label
        );
        self.cx.log(Some(node), text);
    }
}
