//! A DynamoDB table's capacity (provisioned with its burst pool, or
//! on-demand learning its peak): the data the behaviour in `dynamodb.rs`
//! works on.

use super::super::tokens::TokenBucket;
use crate::cost;
use crate::sim::ix::PoolIx;
use crate::sim::time::SimTime;

/// Unused provisioned capacity kept for bursts: 300 s of it [DDB-PART].
pub(crate) const BURST_S: f64 = 300.0;
/// A new on-demand table sustains 12,000 read and 4,000 write units/s
/// [DDB-MODES].
pub(crate) const ON_DEMAND_START: (f64, f64) = (12_000.0, 4_000.0);
/// Per-table quota of read and of write units per second [DDB-QUOTA].
pub(crate) const TABLE_QUOTA: f64 = 40_000.0;

/// On-demand capacity of one kind (reads or writes).
#[derive(Debug, Clone, Copy)]
pub(crate) struct OnDemand {
    /// What a new table sustains.
    pub(crate) start: f64,
    /// The previous peak, units/s.
    pub(crate) peak: f64,
    /// The highest rate seen since the peak was last learnt.
    pub(crate) seen: f64,
    pub(crate) learnt_at: SimTime,
    /// The current whole second.
    pub(crate) second: u64,
    pub(crate) used: f64,
}

impl OnDemand {
    pub(crate) fn new(start: f64) -> OnDemand {
        OnDemand {
            start,
            peak: 0.0,
            seen: 0.0,
            learnt_at: SimTime::ZERO,
            second: 0,
            used: 0.0,
        }
    }

    /// Takes `units` in the current second if they fit under twice the
    /// previous peak (at least what a new table sustains), within the quota.
    pub(crate) fn take(&mut self, now: SimTime, units: f64) -> bool {
        let s = now.whole_secs();
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
    pub(crate) pool: PoolIx,
    pub(crate) latency_us: f64,
    pub(crate) streams: bool,
    pub(crate) mode: Mode,
    pub(crate) throttles: u64,
}

impl Table {
    /// A table with `rcu`/`wcu` provisioned, or on-demand when `None`.
    pub(crate) fn new(
        pool: PoolIx,
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
