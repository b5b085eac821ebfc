//! What a cache pool is: its kind, hit ratio and random stream. Plain data
//! the pool model holds, apart from the behaviour in `cache`.

use super::super::super::rng::Stream;

/// What a cache pool does with a hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CacheKind {
    /// CloudFront: a hit answers from the edge, a miss fetches from the origin.
    Edge,
    /// ElastiCache: a hit spares the caller its next database call.
    Aside,
}

/// A pool's cache behaviour.
#[derive(Debug, Clone)]
pub(crate) struct CacheSpec {
    pub(crate) kind: CacheKind,
    /// Share of reads that hit, 0..1.
    pub(crate) hit_ratio: f64,
    pub(crate) rng: Stream,
    /// CloudFront: transfer out per request, GB (the response), and whether billed.
    pub(crate) billed: bool,
}
