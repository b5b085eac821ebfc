//! The build's limits and units: the most events and buckets a run may
//! have, the zones every design starts with, seconds to microseconds.

/// The most events a run may need.
pub const MAX_EVENTS: u64 = 2_000_000_000;
/// The most metric buckets a run may have.
pub const MAX_BUCKETS: u64 = 200_000;

/// Seconds (negative counts as zero) in whole microseconds.
pub(super) fn secs(v: f64) -> u64 {
    (v.max(0.0) * 1e6) as u64
}
