//! An S3 bucket: request latency, GET and PUT prices, and uploads straight
//! from clients with pre-signed URLs.
//!
//! With pre-signed uploads, what users send to the bucket directly is an
//! upload (a PUT that never passes API Gateway or a function); other
//! requests are reads or writes by the scenario's request mix. Per-prefix
//! request-rate limits are left out (UNCONFIRMED in the reference notes, §15).

pub(crate) mod bucket;

use super::super::model::*;
use super::super::request::{Ctx, Req};
use super::super::slab::Slab;
use super::state::{Reached, Serverless, enter_endpoint, is_write};
use crate::cost;

impl Serverless {
    /// Whether a request to bucket `b` writes (PUT): a user's direct
    /// upload with a pre-signed URL, or a write of the request mix.
    pub(crate) fn is_upload(&self, b: usize, ctx: &Ctx, reqs: &Slab<Req>) -> bool {
        let direct = ctx.req != NIL && ctx.parent == NIL;
        (direct && self.buckets[b].presigned) || is_write(reqs, ctx)
    }

    /// A request reaches bucket `b`.
    pub(crate) fn bucket_call(
        &self,
        b: usize,
        ctx: Ctx,
        reqs: &Slab<Req>,
        pools: &mut [Pool],
    ) -> Reached {
        let p = self.buckets[b].pool;
        let price = if self.is_upload(b, &ctx, reqs) {
            cost::S3_PUT
        } else {
            cost::S3_GET
        };
        pools[p.idx()].cost_bucket += price;
        enter_endpoint(&pools[p.idx()], ctx)
    }
}
