//! A DynamoDB table: capacity units per read and write, provisioned or
//! on-demand capacity, throttling above it, latency and streams.

use super::super::engine::Engine;
use super::super::model::*;
use super::super::request::{Cause, Ctx};
use super::tokens::TokenBucket;
use crate::cost;

/// A read of up to 4 KB is one RCU strongly consistent, half eventually
/// consistent; a write of up to 1 KB is one WCU [DDB-MODES].
pub(crate) const READ_UNIT_KB: f64 = 4.0;
/// See [`READ_UNIT_KB`].
pub(crate) const WRITE_UNIT_KB: f64 = 1.0;
/// Reads are eventually consistent, the SDKs' default (assumption): half a
/// unit per 4 KB [DDB-MODES].
pub(crate) const READ_CONSISTENCY: f64 = 0.5;
/// Unused provisioned capacity kept for bursts: 300 s of it [DDB-PART].
pub(crate) const BURST_S: f64 = 300.0;
/// A new on-demand table sustains 12,000 read and 4,000 write units/s
/// [DDB-MODES].
pub(crate) const ON_DEMAND_START: (f64, f64) = (12_000.0, 4_000.0);
/// Per-table quota of read and of write units per second [DDB-QUOTA].
pub(crate) const TABLE_QUOTA: f64 = 40_000.0;
/// On-demand serves up to twice the previous peak at once; the peak it
/// learns counts after 30 minutes [DDB-MODES].
pub(crate) const PEAK_LEARN_US: u64 = 30 * 60_000_000;

/// On-demand capacity of one kind (reads or writes).
#[derive(Debug, Clone, Copy)]
pub(crate) struct OnDemand {
    /// What a new table sustains.
    pub(crate) start: f64,
    /// The previous peak, units/s.
    pub(crate) peak: f64,
    /// The highest rate seen since the peak was last learnt.
    pub(crate) seen: f64,
    pub(crate) learnt_at: u64,
    pub(crate) second: u64,
    pub(crate) used: f64,
}

impl OnDemand {
    fn new(start: f64) -> OnDemand {
        OnDemand {
            start,
            peak: 0.0,
            seen: 0.0,
            learnt_at: 0,
            second: 0,
            used: 0.0,
        }
    }

    /// Takes `units` in the current second if they fit under twice the
    /// previous peak (at least what a new table sustains), within the quota.
    fn take(&mut self, now: u64, units: f64) -> bool {
        let s = now / 1_000_000;
        if s != self.second {
            self.seen = self.seen.max(self.used);
            self.second = s;
            self.used = 0.0;
        }
        let cap = self.start.max(2.0 * self.peak).min(TABLE_QUOTA);
        if self.used + units > cap {
            return false;
        }
        self.used += units;
        true
    }
}

/// Capacity of a table.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Mode {
    /// Provisioned RCU and WCU with their burst pools [DDB-PART].
    Provisioned {
        rcu: f64,
        wcu: f64,
        reads: TokenBucket,
        writes: TokenBucket,
    },
    /// On-demand [DDB-MODES].
    OnDemand { reads: OnDemand, writes: OnDemand },
}

/// A table.
#[derive(Debug)]
pub(crate) struct Table {
    pub(crate) pool: u16,
    pub(crate) latency_us: f64,
    pub(crate) streams: bool,
    pub(crate) mode: Mode,
    pub(crate) throttles: u64,
}

impl Table {
    /// A table with `rcu`/`wcu` provisioned, or on-demand when `None`.
    pub(crate) fn new(
        pool: u16,
        latency_us: f64,
        streams: bool,
        provisioned: Option<(f64, f64)>,
    ) -> Table {
        let mode = match provisioned {
            // The burst pool starts empty: nothing unused yet (assumption).
            Some((rcu, wcu)) => Mode::Provisioned {
                rcu,
                wcu,
                reads: TokenBucket::new(rcu, rcu * BURST_S, 0.0),
                writes: TokenBucket::new(wcu, wcu * BURST_S, 0.0),
            },
            None => Mode::OnDemand {
                reads: OnDemand::new(ON_DEMAND_START.0),
                writes: OnDemand::new(ON_DEMAND_START.1),
            },
        };
        Table {
            pool,
            latency_us,
            streams,
            mode,
            throttles: 0,
        }
    }

    /// Provisioned capacity billed by the hour [P-ZEONEDGE].
    pub(crate) fn hourly(&self) -> f64 {
        match self.mode {
            Mode::Provisioned { rcu, wcu, .. } => {
                rcu * cost::DYNAMODB_RCU_HOUR + wcu * cost::DYNAMODB_WCU_HOUR
            }
            Mode::OnDemand { .. } => 0.0,
        }
    }
}

impl Engine {
    /// A read or write reaches the table: it consumes capacity units or is
    /// throttled (ProvisionedThroughputExceededException).
    pub(crate) fn table_call(&mut self, t: usize, ctx: Ctx) {
        let now = self.now;
        let write = self.is_write(&ctx);
        let mix = &self.scenario.mix;
        let units = if write {
            (mix.request_kb / WRITE_UNIT_KB).ceil().max(1.0)
        } else {
            (mix.response_kb / READ_UNIT_KB).ceil().max(1.0) * READ_CONSISTENCY
        };
        let table = &mut self.sls.tables[t];
        let p = table.pool as usize;
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
            if now >= self.warm_us {
                table.throttles += 1;
            }
            self.count_refusal(p, true);
            return self.respond(ctx, Err(Cause::Throttled));
        }
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

    /// Once a minute: an on-demand table learns its peak every 30 minutes.
    pub(crate) fn table_tick(&mut self, t: usize) {
        let now = self.now;
        if let Mode::OnDemand { reads, writes } = &mut self.sls.tables[t].mode {
            for d in [reads, writes] {
                if now.saturating_sub(d.learnt_at) >= PEAK_LEARN_US {
                    d.peak = d.peak.max(d.seen);
                    d.seen = 0.0;
                    d.learnt_at = now;
                }
            }
        }
    }
}
