//! An API Gateway stage: token-bucket throttling, the payload limit, the
//! integration timeout, the stage cache and the edge hop.
//!
//! The stage is one regional endpoint (an instance with room for every
//! request); its own work is its overhead, after which the call goes to the
//! integration (its links: a function, an HTTP backend, a load balancer, an
//! AWS service) unless the cache answers it.

pub(crate) mod stage;

use super::super::Ev;
use super::super::engine::Engine;
use super::super::model::*;
use super::super::request::{Cause, Ctx};
use crate::cost;

/// Largest request payload, 10 MB (REST and HTTP APIs) [APIGW-LIM].
pub(crate) const PAYLOAD_KB: f64 = 10.0 * 1024.0;
/// Largest response the stage cache keeps: 1 MB [APIGW-CACHE].
pub(crate) const CACHEABLE_KB: f64 = 1024.0;
/// API Gateway's own processing time per request. Assumption: not in the
/// reference notes; 10 ms.
pub(crate) const OVERHEAD_US: f64 = 10_000.0;
/// The extra hop of an edge-optimized endpoint through CloudFront.
/// Assumption: the same 15 ms the catalog assumes for a CloudFront edge.
pub(crate) const EDGE_HOP_US: f64 = 15_000.0;

impl Engine {
    /// A request reaches the stage.
    pub(crate) fn api_call(&mut self, a: usize, ctx: Ctx) {
        let now = self.cx.now;
        let p = self.sls.apis[a].pool as usize;
        if self.scenario.mix.request_kb > PAYLOAD_KB {
            // 413: larger than API Gateway accepts [APIGW-LIM].
            self.count_refusal(p, false);
            return self.respond(ctx, Err(Cause::Failed));
        }
        // The stage's bucket and the account's, both token buckets [APIGW-THR].
        let stage_ok = self.sls.apis[a].throttle.take(now, 1.0);
        if !stage_ok || !self.sls.api_account.take(now, 1.0) {
            if stage_ok {
                self.sls.apis[a].throttle.tokens += 1.0;
            }
            self.count_refusal(p, true);
            if now >= self.cx.warm_us {
                self.sls.apis[a].throttles += 1;
            }
            // 429 Too Many Requests [APIGW-LIM].
            return self.respond(ctx, Err(Cause::Throttled));
        }
        let api = &self.sls.apis[a];
        let price = if api.rest {
            cost::APIGW_REST_PER_REQUEST
        } else {
            cost::APIGW_HTTP_PER_REQUEST
        };
        self.pools[p].cost_bucket += price;
        let Some(&i) = self.pools[p].insts.first() else {
            return self.respond(ctx, Err(Cause::Failed));
        };
        self.enter(
            i,
            Ctx {
                from_inst: NIL,
                ..ctx
            },
        );
    }

    /// The stage's own time; arms the integration timeout after it.
    pub(crate) fn api_service_us(&mut self, c: u32, g: u32, a: usize) -> f64 {
        let api = &self.sls.apis[a];
        let st = api.overhead_us;
        let t = self.cx.now + st as u64 + api.timeout_us;
        self.cx.q.push(t, Ev::CallTimeout { call: c, ver: g });
        st
    }

    /// After the overhead: a cached GET is answered here [APIGW-CACHE].
    pub(crate) fn api_served(&mut self, c: u32, a: usize) -> bool {
        let now = self.cx.now;
        let ctx = self.calls.get(c).ctx;
        // Only GET (read) requests of users are cached by default, and only
        // responses up to 1 MB [APIGW-CACHE].
        if ctx.req == NIL || self.is_write(&ctx) || self.scenario.mix.response_kb > CACHEABLE_KB {
            return false;
        }
        let measured = now >= self.cx.warm_us;
        let api = &mut self.sls.apis[a];
        let Some(cache) = api.cache.as_mut() else {
            return false;
        };
        let key = cache.rng.below(cache.expiry.len());
        if cache.expiry[key] > now {
            if measured {
                api.hits += 1;
            }
            self.finish_call(c, Ok(()));
            return true;
        }
        // A miss: the integration's answer fills the entry for the TTL
        // (simplification: from the moment of the miss).
        cache.expiry[key] = now + cache.ttl_us;
        if measured {
            api.misses += 1;
        }
        false
    }
}
