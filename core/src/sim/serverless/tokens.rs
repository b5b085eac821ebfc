//! A token bucket: the rate limits of API Gateway, DynamoDB and the account.

use super::super::time::SimTime;

/// A token bucket: `rate` tokens per second up to `burst`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TokenBucket {
    pub(crate) per_us: f64,
    pub(crate) burst: f64,
    pub(crate) tokens: f64,
    pub(crate) at: SimTime,
}

impl TokenBucket {
    /// A bucket of `rate` per second and `burst` tokens, starting with `start`.
    pub(crate) fn new(rate: f64, burst: f64, start: f64) -> TokenBucket {
        TokenBucket {
            per_us: rate.max(0.0) / 1e6,
            burst: burst.max(0.0),
            tokens: start.clamp(0.0, burst.max(0.0)),
            at: SimTime::ZERO,
        }
    }

    /// Refills up to `now`.
    #[inline]
    pub(crate) fn refill(&mut self, now: SimTime) {
        self.tokens = (self.tokens + (now - self.at) as f64 * self.per_us).min(self.burst);
        self.at = now;
    }

    /// Takes `n` tokens if there are that many.
    #[inline]
    pub(crate) fn take(&mut self, now: SimTime, n: f64) -> bool {
        self.refill(now);
        if self.tokens >= n {
            self.tokens -= n;
            true
        } else {
            false
        }
    }
}
