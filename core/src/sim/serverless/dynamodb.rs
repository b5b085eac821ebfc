//! A DynamoDB table: capacity units per read and write, provisioned or
//! on-demand capacity, throttling above it, latency and streams.

pub(crate) mod table;

use super::super::time::SimTime;
use table::Mode;

use super::super::cx::Cx;
use super::super::model::*;
use super::super::request::{Cause, Ctx, Req};
use super::super::slab::Slab;
use super::state::{Reached, Serverless, count_refusal, enter_endpoint, is_write};
use crate::cost;
use crate::scenario::RequestMix;

/// A read of up to 4 KB is one RCU strongly consistent, half eventually
/// consistent; a write of up to 1 KB is one WCU [DDB-MODES].
pub(crate) const READ_UNIT_KB: f64 = 4.0;
/// See [`READ_UNIT_KB`].
pub(crate) const WRITE_UNIT_KB: f64 = 1.0;
/// Reads are eventually consistent, the SDKs' default (assumption): half a
/// unit per 4 KB [DDB-MODES].
pub(crate) const READ_CONSISTENCY: f64 = 0.5;
/// On-demand serves up to twice the previous peak at once; the peak it
/// learns counts after 30 minutes [DDB-MODES].
pub(crate) const PEAK_LEARN_US: u64 = 30 * 60_000_000;

impl Serverless {
    /// A read or write reaches table `t`: it consumes capacity units or is
    /// throttled (ProvisionedThroughputExceededException).
    pub(crate) fn table_call(
        &mut self,
        cx: &Cx,
        t: usize,
        ctx: Ctx,
        reqs: &Slab<Req>,
        mix: &RequestMix,
        pools: &mut [Pool],
    ) -> Reached {
        let now = cx.now;
        let write = is_write(reqs, &ctx);
        let units = if write {
            (mix.request_kb / WRITE_UNIT_KB).ceil().max(1.0)
        } else {
            (mix.response_kb / READ_UNIT_KB).ceil().max(1.0) * READ_CONSISTENCY
        };
        let table = &mut self.tables[t];
        let p = table.pool;
        let (ok, price) = match &mut table.mode {
            Mode::Provisioned { reads, writes, .. } => {
                let b = if write { writes } else { reads };
                (b.take(now, units), 0.0)
            }
            Mode::OnDemand { reads, writes } => {
                if write {
                    (writes.take(now, units), units * cost::DYNAMODB_WRU)
                } else {
                    (reads.take(now, units), units * cost::DYNAMODB_RRU)
                }
            }
        };
        if !ok {
            if now >= cx.warm {
                table.throttles += 1;
            }
            count_refusal(cx, &mut pools[p.idx()], true);
            return Reached::Respond(ctx, Err(Cause::Throttled));
        }
        pools[p.idx()].cost_bucket += price;
        enter_endpoint(&pools[p.idx()], ctx)
    }

    /// Once a minute: an on-demand table learns its peak every 30 minutes.
    pub(crate) fn table_tick(&mut self, now: SimTime, t: usize) {
        if let Mode::OnDemand { reads, writes } = &mut self.tables[t].mode {
            for d in [reads, writes] {
                if now.saturating_since(d.learnt_at) >= PEAK_LEARN_US {
                    d.peak = d.peak.max(d.seen);
                    d.seen = 0.0;
                    d.learnt_at = now;
                }
            }
        }
    }
}
