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
    /// The Lambda authorizer, if the stage has one.
    pub(crate) authorizer: Option<Authorizer>,
    /// Each client's usage plan (REST APIs with a plan only).
    pub(crate) plan: Option<Plan>,
    /// The stage's deployments and canary.
    pub(crate) deploys: Deploys,
    pub(crate) throttles: u64,
    pub(crate) timeouts: u64,
    pub(crate) hits: u64,
    pub(crate) misses: u64,
}

/// A Lambda authorizer and its per-client result cache.
#[derive(Debug)]
pub(crate) struct Authorizer {
    /// The invocation's time on a miss, µs.
    pub(crate) latency_us: f64,
    /// How long a client's answer is kept, µs (0: never).
    pub(crate) ttl_us: u64,
    /// Per Users source, per client: until when its answer is cached.
    pub(crate) until: Vec<Vec<SimTime>>,
}

/// A usage plan: every client (API key) has its own throttle and quota.
#[derive(Debug)]
pub(crate) struct Plan {
    /// Steady requests per second and burst of each key.
    pub(crate) rate: f64,
    pub(crate) burst: f64,
    /// Requests per day of each key; `None` without a quota.
    pub(crate) quota: Option<u64>,
    /// Per Users source: its key's bucket, and (day, requests that day).
    pub(crate) keys: Vec<(TokenBucket, u64, u64)>,
}

/// The stage's deployments: the error share of each, the live one last,
/// and a canary beside the live one.
#[derive(Debug)]
pub(crate) struct Deploys {
    /// Error share of every deployment made, oldest first; the live one last.
    pub(crate) history: Vec<f64>,
    /// The canary's share of requests and its error share.
    pub(crate) canary: Option<(f64, f64)>,
    pub(crate) rng: Stream,
}

impl Deploys {
    /// The first deployment (failing nothing) and no canary.
    pub(crate) fn new(rng: Stream) -> Deploys {
        Deploys {
            history: vec![0.0],
            canary: None,
            rng,
        }
    }

    /// Whether a request fails in the deployment it reaches (the canary's
    /// share of requests reach the canary). Draws nothing while nothing fails.
    pub(crate) fn fails(&mut self) -> bool {
        let live = self.history.last().copied().unwrap_or(0.0);
        let error = match self.canary {
            Some((share, e)) if self.rng.chance(share) => e,
            _ => live,
        };
        error > 0.0 && self.rng.chance(error)
    }
}
