//! Caches: CloudFront at the edge and ElastiCache beside a database.
//!
//! A CloudFront pool answers a hit itself after its edge latency and calls
//! its origin only on a miss. An application that calls an ElastiCache node
//! and then a database (cache-aside) skips the database on a hit. Only reads
//! can hit: writes always go through (the scenario's write share).

use super::super::model::{Node, NodeKind, Pool};
use super::super::request::{Ctx, Req};
use super::super::rng::Stream;
use super::super::slab::Slab;
use super::view::is_write;
use crate::sim::ix::NodeIx;

pub(crate) mod spec;

use crate::catalog::Kind;
pub(crate) use spec::{CacheKind, CacheSpec};

/// Kinds a cache-aside hit spares.
pub(crate) fn is_database(kind: Kind) -> bool {
    matches!(kind, Kind::Rds | Kind::DynamoDb)
}

/// A CloudFront pool at the start of its calls: bills the request and its
/// transfer out (`kb` per response), and answers a hit itself (`true`).
pub(crate) fn edge_hit(pool: &mut Pool, ctx: &Ctx, reqs: &Slab<Req>, kb: f64) -> bool {
    let read = !is_write(ctx, reqs);
    let Some(cache) = pool.cache.as_mut() else {
        return false;
    };
    if cache.kind != CacheKind::Edge {
        return false;
    }
    if cache.billed {
        pool.cost_bucket += crate::cost::CF_PER_REQUEST + kb / 1e6 * crate::cost::CF_PER_GB;
    }
    read && cache.rng.chance(cache.hit_ratio)
}

/// A caller is about to call `node`: when it is an ElastiCache node and the
/// read hits, returns `true` so the caller skips its next database call.
pub(crate) fn aside_hit(
    node: NodeIx,
    ctx: &Ctx,
    nodes: &[Node],
    pools: &mut [Pool],
    reqs: &Slab<Req>,
) -> bool {
    let NodeKind::Pool(q) = nodes[node.idx()].kind else {
        return false;
    };
    let Some(cache) = pools[q.idx()].cache.as_mut() else {
        return false;
    };
    if cache.kind != CacheKind::Aside {
        return false;
    }
    let read = !is_write(ctx, reqs);
    read && cache.rng.chance(cache.hit_ratio)
}

/// Serving settings of a cache pool: (workers, service ms, price per hour, kind).
pub(crate) fn pool_settings(
    c: &crate::design::Component,
    k: Kind,
) -> (f64, f64, f64, super::super::model::PoolKind) {
    use super::super::model::PoolKind;
    if k == Kind::CloudFront {
        // The edge network is not the bottleneck: a large concurrency
        // (assumption); billed per request and GB, not by the hour.
        (100_000.0, c.number("edge_ms"), 0.0, PoolKind::Ec2)
    } else {
        // A Redis node serves about 64 operations at once (assumption); the
        // primary and each replica are billed by the hour.
        let nodes = 1.0 + c.number("replicas").clamp(0.0, 5.0);
        (
            64.0,
            c.number("latency_ms"),
            crate::cost::elasticache_node_hour(&c.text("node_type")) * nodes,
            PoolKind::Ec2,
        )
    }
}

/// The cache behaviour of a pool of kind `k`, if it is a cache.
pub(crate) fn spec(c: &crate::design::Component, k: Kind, seed: u64) -> Option<CacheSpec> {
    let rng = || Stream::new(seed, c.id.0, super::super::rng::Purpose::Routing);
    match k {
        // A TTL of 0 caches nothing: every request goes to the origin [CF-TTL].
        Kind::CloudFront => Some(CacheSpec {
            kind: CacheKind::Edge,
            hit_ratio: if c.number("default_ttl_s") > 0.0 {
                (c.number("hit_ratio") / 100.0).clamp(0.0, 1.0)
            } else {
                0.0
            },
            rng: rng(),
            billed: true,
        }),
        Kind::ElastiCache => Some(CacheSpec {
            kind: CacheKind::Aside,
            hit_ratio: (c.number("hit_ratio") / 100.0).clamp(0.0, 1.0),
            rng: rng(),
            billed: false,
        }),
        _ => None,
    }
}
