//! An S3 bucket: request latency, GET and PUT prices, and uploads straight
//! from clients with pre-signed URLs.
//!
//! With pre-signed uploads, what users send to the bucket directly is an
//! upload (a PUT that never passes API Gateway or a function); other
//! requests are reads or writes by the scenario's request mix. Per-prefix
//! request-rate limits are left out (UNCONFIRMED in the reference notes, §15).

pub(crate) mod bucket;

use super::super::engine::Engine;
use super::super::model::*;
use super::super::request::{Cause, Ctx};
use crate::cost;

impl Engine {
    /// Whether a request to bucket `b` writes (PUT): a user's direct
    /// upload with a pre-signed URL, or a write of the request mix.
    pub(crate) fn is_upload(&self, b: usize, ctx: &Ctx) -> bool {
        let direct = ctx.req != NIL && ctx.parent == NIL;
        (direct && self.sls.buckets[b].presigned) || self.is_write(ctx)
    }

    /// A request reaches the bucket.
    pub(crate) fn bucket_call(&mut self, b: usize, ctx: Ctx) {
        let p = self.sls.buckets[b].pool as usize;
        let price = if self.is_upload(b, &ctx) {
            cost::S3_PUT
        } else {
            cost::S3_GET
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
}
