//! An API Gateway stage: token-bucket throttling, the payload limit, the
//! integration timeout, the stage cache and the edge hop.
//!
//! The stage is one regional endpoint (an instance with room for every
//! request); its own work is its overhead, after which the call goes to the
//! integration (its links: a function, an HTTP backend, a load balancer, an
//! AWS service) unless the cache answers it.

mod access;
pub(crate) mod stage;

use super::super::Ev;
use super::super::cx::Cx;
use super::super::model::*;
use super::super::request::{Cause, Ctx, Req};
use super::super::slab::Slab;
use super::state::{Reached, Serverless, count_refusal, enter_endpoint, is_write};
use crate::cost;
use crate::scenario::RequestMix;

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
/// A Lambda authorizer's invocation on a cache miss. Assumption: not in
/// the reference notes; 20 ms, a warm invocation of a small function.
pub(crate) const AUTHORIZER_US: f64 = 20_000.0;

impl Serverless {
    /// A request reaches stage `a`.
    /// `who` is the caller's Users source and client, when a user's request
    /// is behind the call.
    pub(crate) fn api_call(
        &mut self,
        cx: &Cx,
        a: usize,
        ctx: Ctx,
        who: Option<(u16, u32)>,
        mix: &RequestMix,
        pools: &mut [Pool],
    ) -> Reached {
        let now = cx.now;
        let p = self.apis[a].pool;
        if mix.request_kb > PAYLOAD_KB {
            // 413: larger than API Gateway accepts [APIGW-LIM].
            count_refusal(cx, &mut pools[p.idx()], false);
            return Reached::Respond(ctx, Err(Cause::Failed));
        }
        // The client's usage plan first, then the stage's bucket and the
        // account's, all token buckets [APIGW-THR].
        let plan_ok = match (self.apis[a].plan.as_mut(), who) {
            (Some(plan), Some((src, _))) => plan.admit(now, src),
            _ => true,
        };
        let stage_ok = plan_ok && self.apis[a].throttle.take(now, 1.0);
        if !stage_ok || !self.api_account.take(now, 1.0) {
            if stage_ok {
                self.apis[a].throttle.tokens += 1.0;
            }
            count_refusal(cx, &mut pools[p.idx()], true);
            if now >= cx.warm {
                self.apis[a].throttles += 1;
            }
            // 429 Too Many Requests [APIGW-LIM].
            return Reached::Respond(ctx, Err(Cause::Throttled));
        }
        let api = &self.apis[a];
        let price = if api.rest {
            cost::APIGW_REST_PER_REQUEST
        } else {
            cost::APIGW_HTTP_PER_REQUEST
        };
        pools[p.idx()].cost_bucket += price;
        enter_endpoint(&pools[p.idx()], ctx)
    }

    /// Stage `a`'s own time on call `c` (from the caller `who`, if known):
    /// its overhead plus its Lambda authorizer's invocation when the
    /// client's answer is not cached; arms the integration timeout after it.
    pub(crate) fn api_service_us(
        &mut self,
        cx: &mut Cx,
        (c, g): (u32, u32),
        a: usize,
        who: Option<(u16, u32)>,
    ) -> f64 {
        let api = &mut self.apis[a];
        let mut st = api.overhead_us;
        if let Some(auth) = api.authorizer.as_mut() {
            st += auth.check(cx.now, who);
        }
        let t = cx.now + st as u64 + api.timeout_us;
        cx.q.push(t, Ev::CallTimeout { call: c, ver: g });
        st
    }

    /// After the overhead: a cached GET is answered here [APIGW-CACHE]
    /// (`Some` when the call ends here).
    pub(crate) fn api_served(
        &mut self,
        cx: &Cx,
        a: usize,
        ctx: &Ctx,
        reqs: &Slab<Req>,
        mix: &RequestMix,
    ) -> Option<Result<(), Cause>> {
        let now = cx.now;
        // The deployment the request reaches may fail it.
        if self.apis[a].deploys.fails() {
            return Some(Err(Cause::Failed));
        }
        // Only GET (read) requests of users are cached by default, and only
        // responses up to 1 MB [APIGW-CACHE].
        if ctx.req == NIL || is_write(reqs, ctx) || mix.response_kb > CACHEABLE_KB {
            return None;
        }
        let measured = now >= cx.warm;
        let api = &mut self.apis[a];
        let cache = api.cache.as_mut()?;
        let key = cache.rng.below(cache.expiry.len());
        if cache.expiry[key] > now {
            if measured {
                api.hits += 1;
            }
            return Some(Ok(()));
        }
        // A miss: the integration's answer fills the entry for the TTL
        // (simplification: from the moment of the miss).
        cache.expiry[key] = now + cache.ttl_us;
        if measured {
            api.misses += 1;
        }
        None
    }
}
