//! An API Gateway stage's settings and state, and the account-wide throttle:
//! the data the stage behaviour in `apigw.rs` works on.

use super::super::tokens::TokenBucket;
use crate::sim::ix::PoolIx;
use crate::sim::rng::Stream;
use crate::sim::time::SimTime;

/// Account throttle: 10,000 requests/s steady [APIGW-LIM].
pub(crate) const ACCOUNT_RPS: f64 = 10_000.0;
/// Account burst: 5,000 requests [APIGW-LIM].
pub(crate) const ACCOUNT_BURST: f64 = 5_000.0;

/// The stage cache: one expiry time per cached response [APIGW-CACHE].
#[derive(Debug)]
pub(crate) struct Cache {
    pub(crate) ttl_us: u64,
    /// Expiry of each key's entry, µs (0 = empty).
    pub(crate) expiry: Vec<SimTime>,
    pub(crate) rng: Stream,
}

/// An API and stage.
#[derive(Debug)]
pub(crate) struct Api {
    pub(crate) pool: PoolIx,
    pub(crate) rest: bool,
    /// Overhead plus the edge hop, µs.
    pub(crate) overhead_us: f64,
    pub(crate) timeout_us: u64,
    /// The stage throttle [APIGW-THR].
    pub(crate) throttle: TokenBucket,
    pub(crate) cache: Option<Cache>,
    pub(crate) throttles: u64,
    pub(crate) timeouts: u64,
    pub(crate) hits: u64,
    pub(crate) misses: u64,
}
