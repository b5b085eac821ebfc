//! Simulated time: whole microseconds since the start of a run.
//!
//! A leaf: every part of the simulator may use it. An instant is a
//! [`SimTime`]; a span of time stays a plain `u64` of microseconds (the
//! fields that hold one end in `_us`), so `instant + span` is an instant and
//! `instant - instant` a span. The arithmetic is the integers' own: adding
//! or subtracting past the ends is an error exactly where it was one on
//! `u64`, and the `saturating_`/`wrapping_` forms say so where a run relies
//! on them.

use serde::{Deserialize, Serialize};
use std::ops::{Add, AddAssign, Sub};

/// An instant of simulated time, in microseconds since the start of the run.
///
/// Serialized as the bare number of microseconds.
#[derive(
    Copy, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Debug, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
#[repr(transparent)]
pub struct SimTime(u64);

/// Microseconds in a simulated second.
const US_PER_S: u64 = 1_000_000;

impl SimTime {
    /// The start of a run.
    pub const ZERO: SimTime = SimTime(0);
    /// Later than any run: "not scheduled".
    pub const NEVER: SimTime = SimTime(u64::MAX);

    /// The instant `us` microseconds after the start.
    #[inline]
    #[must_use]
    pub const fn from_us(us: u64) -> SimTime {
        SimTime(us)
    }

    /// The instant `ms` milliseconds after the start.
    #[inline]
    #[must_use]
    pub const fn from_ms(ms: u64) -> SimTime {
        SimTime(ms * 1_000)
    }

    /// The instant `s` whole seconds after the start.
    #[inline]
    #[must_use]
    pub const fn from_secs(s: u64) -> SimTime {
        SimTime(s * US_PER_S)
    }

    /// The instant `s` seconds after the start, truncated to the microsecond
    /// (negative and NaN give the start, too large gives [`SimTime::NEVER`]).
    #[inline]
    #[must_use]
    pub fn from_secs_f64(s: f64) -> SimTime {
        SimTime((s * 1e6) as u64)
    }

    /// Microseconds since the start.
    #[inline]
    #[must_use]
    pub const fn as_us(self) -> u64 {
        self.0
    }

    /// Seconds since the start.
    #[inline]
    #[must_use]
    pub fn as_secs_f64(self) -> f64 {
        self.0 as f64 / 1e6
    }

    /// Whole seconds since the start (rounded down).
    #[inline]
    #[must_use]
    pub const fn whole_secs(self) -> u64 {
        self.0 / US_PER_S
    }

    /// The start of the simulated second this instant falls in.
    #[inline]
    #[must_use]
    pub const fn second_start(self) -> SimTime {
        SimTime(self.0 - self.0 % US_PER_S)
    }

    /// `us` microseconds later, or [`SimTime::NEVER`] past the end of time.
    #[inline]
    #[must_use]
    pub const fn saturating_add(self, us: u64) -> SimTime {
        SimTime(self.0.saturating_add(us))
    }

    /// Microseconds from `earlier` to `self`, zero if `earlier` is later.
    #[inline]
    #[must_use]
    pub const fn saturating_since(self, earlier: SimTime) -> u64 {
        self.0.saturating_sub(earlier.0)
    }
}

/// `instant + µs`: the instant that many microseconds later.
impl Add<u64> for SimTime {
    type Output = SimTime;
    #[inline]
    fn add(self, us: u64) -> SimTime {
        SimTime(self.0 + us)
    }
}

impl AddAssign<u64> for SimTime {
    #[inline]
    fn add_assign(&mut self, us: u64) {
        self.0 += us;
    }
}

/// `later - earlier`: the microseconds between two instants.
impl Sub for SimTime {
    type Output = u64;
    #[inline]
    fn sub(self, earlier: SimTime) -> u64 {
        self.0 - earlier.0
    }
}

#[cfg(test)]
mod tests {
    use super::SimTime;

    #[test]
    fn constructors_agree() {
        assert_eq!(SimTime::from_secs(2), SimTime::from_ms(2_000));
        assert_eq!(SimTime::from_ms(3), SimTime::from_us(3_000));
        assert_eq!(SimTime::from_secs_f64(1.5), SimTime::from_us(1_500_000));
        assert_eq!(SimTime::from_secs_f64(-1.0), SimTime::ZERO);
        assert_eq!(SimTime::from_secs_f64(f64::INFINITY), SimTime::NEVER);
    }

    #[test]
    fn instants_and_spans() {
        let t = SimTime::from_us(2_500_000);
        assert_eq!((t + 1_000).as_us(), 2_501_000);
        assert_eq!(t - SimTime::from_secs(1), 1_500_000);
        assert_eq!(t.whole_secs(), 2);
        assert_eq!(t.second_start(), SimTime::from_secs(2));
        assert!((t.as_secs_f64() - 2.5).abs() < 1e-12);
        assert_eq!(SimTime::NEVER.saturating_add(1), SimTime::NEVER);
        assert_eq!(SimTime::ZERO.saturating_since(t), 0);
    }
}
