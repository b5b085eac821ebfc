//! What a relay allows: message size, message rates, room and relay sizes,
//! and how long an idle room lives.

use std::time::Duration;

use tokio::time::Instant;

/// A message rate: a sustained rate with a burst on top.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rate {
    /// Messages per second, sustained.
    pub per_s: f64,
    /// Messages allowed at once after a quiet moment.
    pub burst: f64,
}

/// The relay's caps; every one closes or refuses a connection with a reason
/// when exceeded.
#[derive(Debug, Clone, PartialEq)]
pub struct Limits {
    /// Largest message, bytes (a design's share code is a few KB; a
    /// snapshot with annotations stays far under this).
    pub max_message_bytes: usize,
    /// What the teacher may send.
    pub teacher_rate: Rate,
    /// What a student may send (hand-ins, a raised hand).
    pub student_rate: Rate,
    /// Connections in one room, the teacher's included.
    pub max_peers_per_room: usize,
    /// Rooms on this relay.
    pub max_rooms: usize,
    /// A room with no message for this long is closed.
    pub idle_room: Duration,
}

impl Default for Limits {
    /// A class of a few hundred: 256 KiB messages; the teacher 30 a second
    /// (viewport and laser at ~10 a second each, with room for a burst),
    /// a student 2 a second with a burst of 5; 500 in a room; 1,000 rooms;
    /// rooms closed after two idle hours.
    fn default() -> Self {
        Limits {
            max_message_bytes: 256 * 1024,
            teacher_rate: Rate {
                per_s: 30.0,
                burst: 60.0,
            },
            student_rate: Rate {
                per_s: 2.0,
                burst: 5.0,
            },
            max_peers_per_room: 500,
            max_rooms: 1_000,
            idle_room: Duration::from_secs(2 * 60 * 60),
        }
    }
}

/// A token bucket over a [`Rate`].
#[derive(Debug)]
pub(crate) struct Bucket {
    rate: Rate,
    tokens: f64,
    at: Instant,
}

impl Bucket {
    /// A full bucket.
    pub(crate) fn new(rate: Rate) -> Self {
        Bucket {
            rate,
            tokens: rate.burst,
            at: Instant::now(),
        }
    }

    /// Takes one message's token at `now`; false when none is left.
    pub(crate) fn take(&mut self, now: Instant) -> bool {
        let elapsed = now.saturating_duration_since(self.at).as_secs_f64();
        self.at = now;
        self.tokens = (self.tokens + elapsed * self.rate.per_s).min(self.rate.burst);
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_then_the_sustained_rate() {
        let rate = Rate {
            per_s: 2.0,
            burst: 3.0,
        };
        let mut b = Bucket::new(rate);
        let t0 = b.at;
        assert!((0..3).all(|_| b.take(t0)));
        assert!(!b.take(t0), "the burst is spent");
        assert!(!b.take(t0 + Duration::from_millis(400)));
        assert!(b.take(t0 + Duration::from_millis(600)), "refilled at 2/s");
        assert!(b.take(t0 + Duration::from_secs(60)));
        let later = t0 + Duration::from_secs(60);
        assert!((0..2).all(|_| b.take(later)), "never more than the burst");
        assert!(!b.take(later));
    }
}
