//! RDS read replicas: reads spread over them, writes only on the primary;
//! a replica component is read-only until it is promoted [RDS-RR].

pub(crate) mod replica;

use super::super::ix::InstIx;
use super::super::ix::PoolIx;
use crate::sim::ix::NodeIx;
use replica::Replica;

use super::super::Ev;
use super::super::cx::Cx;
use super::super::model::*;
use super::super::request::{Ctx, Req};
use super::super::slab::Slab;
use super::view::is_write;

/// RDS in a run: the replica components and their promotion.
#[derive(Debug, Default)]
pub(crate) struct Rds {
    /// RDS replica components.
    pub(crate) replicas: Vec<Replica>,
}

/// The instance of a database with read replicas (`pool`) that takes the
/// query of `ctx`: writes go to the primary, reads round-robin over the
/// replicas in service (the primary when none is).
pub(crate) fn pick(pool: &mut Pool, insts: &[Inst], ctx: &Ctx, reqs: &Slab<Req>) -> Option<InstIx> {
    let write = is_write(ctx, reqs);
    let primary = *pool.insts.first()?;
    let n = pool.insts.len();
    if !write && n > 1 {
        for k in 0..n - 1 {
            let i = pool.insts[1 + (pool.rr + k) % (n - 1)];
            let x = &insts[i.idx()];
            if x.state == St::InService && !x.crashed {
                pool.rr = (pool.rr + k + 1) % (n - 1);
                return Some(i);
            }
        }
    }
    (insts[primary.idx()].state == St::InService).then_some(primary)
}

impl Rds {
    /// A write reaching a replica of pool `p` that is not promoted fails (it
    /// is read-only): counts and logs it; returns `true` when the query was
    /// refused, and the caller is then answered with a failure.
    pub(crate) fn refuses(
        &mut self,
        cx: &mut Cx,
        p: PoolIx,
        ctx: &Ctx,
        reqs: &Slab<Req>,
        pools: &mut [Pool],
        nodes: &[Node],
    ) -> bool {
        let Some(k) = self
            .replicas
            .iter()
            .position(|r| r.pool == p && !r.promoted)
        else {
            return false;
        };
        if !is_write(ctx, reqs) {
            return false;
        }
        let pool = &mut pools[p.idx()];
        pool.bucket.requests += 1;
        pool.bucket.failures += 1;
        if !self.replicas[k].refused_logged {
            self.replicas[k].refused_logged = true;
            let node = pool.node;
            let text = format!(
                "writes to {} fail: a read replica is read-only until it is promoted",
                nodes[node.idx()].label
            );
            cx.log(Some(node), text);
        }
        true
    }

    /// Starts promoting the replica component at node `node`.
    pub(crate) fn promote(&mut self, cx: &mut Cx, node: NodeIx, pools: &[Pool], nodes: &[Node]) {
        let Some(k) = self
            .replicas
            .iter()
            .position(|r| pools[r.pool.idx()].node == node && !r.promoted && !r.promoting)
        else {
            return;
        };
        let r = &mut self.replicas[k];
        r.promoting = true;
        let t = cx.now + r.promote_us;
        let pool = r.pool;
        let text = format!(
            "promoting read replica {}: it will accept writes in {} s",
            nodes[node.idx()].label,
            r.promote_us / 1_000_000
        );
        cx.log(Some(node), text);
        cx.q.push(t, Ev::Promoted { pool });
    }

    /// A promotion of the replica of pool `pool` completes: the replica is
    /// a standalone primary.
    pub(crate) fn promoted(&mut self, cx: &mut Cx, pool: PoolIx, pools: &[Pool], nodes: &[Node]) {
        let Some(r) = self.replicas.iter_mut().find(|r| r.pool == pool) else {
            return;
        };
        r.promoting = false;
        r.promoted = true;
        let node = pools[pool.idx()].node;
        let text = format!(
            "{} is promoted: a standalone database that accepts writes; replication from its old source has stopped",
            nodes[node.idx()].label
        );
        cx.log(Some(node), text);
    }
}
