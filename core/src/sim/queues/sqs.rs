//! SQS: sending (FIFO throughput limits), receiving by workers or by an event
//! source mapping's pollers, the visibility timeout, retention and the
//! dead-letter queue [SQS-VIS], [SQS-FIFO], [SQS-ARCH], [SQS-DELAY].

use super::super::Ev;
use super::super::engine::Engine;
use super::super::request::Cause;
use super::state::{Delivery, Held, Taker, delivery_ctx};

/// A worker that finds the queue empty with short polling asks again after
/// this long, s. Assumption (not in the reference): SDK consumer loops
/// typically pause about a second.
const SHORT_POLL_S: f64 = 1.0;
/// An event source mapping's pollers long-poll with the longest wait, 20 s
/// [SQS-POLL]; that they always do so is an assumption.
const POLLER_WAIT_S: f64 = 20.0;
/// Pollers an event source mapping starts with, and how many it adds a minute
/// while messages wait. Assumption (not in the reference): AWS documents 5
/// concurrent batches at first and up to 300 more a minute.
const POLLERS_START: u32 = 5;
const POLLERS_PER_MINUTE: u32 = 300;

impl Engine {
    /// SendMessage: accepted, or throttled above a FIFO queue's limit [SQS-FIFO].
    pub(crate) fn sqs_send(&mut self, q: usize, sent_us: u64) -> Result<(), Cause> {
        let now = self.cx.now;
        let sq = &mut self.mq.queues[q];
        sq.gauge.stats.requests += 1;
        if sq.send_limit != u32::MAX {
            let second = now - now % 1_000_000;
            if second != sq.second_start {
                sq.second_start = second;
                sq.in_second = 0;
            }
            if sq.in_second >= sq.send_limit {
                sq.gauge.stats.rejections += 1;
                if !sq.logged_throttle {
                    sq.logged_throttle = true;
                    let (node, limit) = (sq.node, sq.send_limit);
                    self.cx.log(
                        Some(node),
                        format!("FIFO throughput limit reached ({limit} messages/s); sends are throttled"),
                    );
                }
                return Err(Cause::Throttled);
            }
            sq.in_second += 1;
        }
        sq.gauge.units += sq.send_share * sq.chunks;
        if sq.delay_us > 0 {
            let at = now + sq.delay_us;
            sq.delayed_n += 1;
            match sq.delayed.back_mut() {
                Some(b) if b.0 + 1000 > at && b.2 < u32::MAX => b.2 += 1,
                _ => sq.delayed.push_back((at, sent_us, 1)),
            }
            self.sqs_arm(q, at);
        } else {
            self.sqs_push_back(
                q,
                Held {
                    sent_us,
                    count: 1,
                    receives: 0,
                },
            );
            self.sqs_feed(q);
        }
        Ok(())
    }

    fn sqs_touch(&mut self, q: usize) {
        let now = self.cx.now;
        let sq = &mut self.mq.queues[q];
        sq.gauge.touch(now, sq.visible_n, sq.inflight_n);
    }

    /// Messages become visible at the back; runs sent within a second merge.
    fn sqs_push_back(&mut self, q: usize, h: Held) {
        self.sqs_touch(q);
        let sq = &mut self.mq.queues[q];
        sq.visible_n += u64::from(h.count);
        match sq.visible.back_mut() {
            Some(b)
                if b.receives == h.receives
                    && h.sent_us.saturating_sub(b.sent_us) < 1_000_000
                    && b.count <= u32::MAX - h.count =>
            {
                b.count += h.count;
            }
            _ => sq.visible.push_back(h),
        }
    }

    /// Messages whose visibility timeout ran out come back first.
    fn sqs_push_front(&mut self, q: usize, h: Held) {
        self.sqs_touch(q);
        let sq = &mut self.mq.queues[q];
        sq.visible_n += u64::from(h.count);
        sq.visible.push_front(h);
    }

    /// Arms the queue's timer for `t` unless an earlier one is armed.
    fn sqs_arm(&mut self, q: usize, t: u64) {
        let sq = &mut self.mq.queues[q];
        if t < sq.timer_at {
            sq.timer_at = t;
            self.cx.q.push(t, Ev::QueueTimer { q: q as u16 });
        }
    }

    /// Drops messages older than the retention period from the front [SQS-ARCH].
    fn sqs_expire(&mut self, q: usize) {
        let now = self.cx.now;
        let mut gone = 0u64;
        loop {
            let sq = &self.mq.queues[q];
            match sq.visible.front() {
                Some(h) if h.sent_us + sq.retention_us <= now => {
                    let n = h.count;
                    self.sqs_touch(q);
                    let sq = &mut self.mq.queues[q];
                    sq.visible.pop_front();
                    sq.visible_n -= u64::from(n);
                    sq.gauge.stats.failures += u64::from(n);
                    gone += u64::from(n);
                }
                _ => break,
            }
        }
        let sq = &mut self.mq.queues[q];
        if gone > 0 && !sq.logged_expired {
            sq.logged_expired = true;
            let node = sq.node;
            self.cx.log(
                Some(node),
                format!("{gone} messages deleted unread at the end of the retention period"),
            );
        }
    }

    /// Gives waiting messages to free consumers until one side runs out.
    pub(crate) fn sqs_feed(&mut self, q: usize) {
        if self.mq.queues[q].feeding {
            return;
        }
        self.mq.queues[q].feeding = true;
        self.sqs_expire(q);
        loop {
            let sq = &self.mq.queues[q];
            if sq.visible_n == 0 || sq.inflight_n >= u64::from(sq.inflight_limit) {
                break;
            }
            let Some((k, inst)) = self.sqs_taker(q) else {
                break;
            };
            match (self.mq.queues[q].takers[k], inst) {
                (Taker::Workers { .. }, Some(i)) => {
                    let (d, g) = self.sqs_receive(q, k, 1);
                    self.enter(i, delivery_ctx(d, g));
                }
                (Taker::Pollers { node, batch, .. }, _) => {
                    let (d, g) = self.sqs_receive(q, k, batch);
                    if let Taker::Pollers { busy, .. } = &mut self.mq.queues[q].takers[k] {
                        *busy += 1;
                    }
                    self.call_node(node, delivery_ctx(d, g));
                }
                _ => break,
            }
        }
        self.mq.queues[q].feeding = false;
    }

    /// Feeds every queue (after a consumer's message came back on its own).
    pub(crate) fn sqs_feed_all(&mut self) {
        for q in 0..self.mq.queues.len() {
            self.sqs_feed(q);
        }
    }

    /// A consumer ready to receive: (taker index, instance for workers).
    fn sqs_taker(&mut self, q: usize) -> Option<(usize, Option<u32>)> {
        let n = self.mq.queues[q].takers.len();
        let start = self.mq.queues[q].rr;
        for k in 0..n {
            let t = (start + k) % n;
            match self.mq.queues[q].takers[t] {
                Taker::Workers { pool } => {
                    if let Some(i) = self.free_worker(pool as usize) {
                        self.mq.queues[q].rr = (t + 1) % n;
                        return Some((t, Some(i)));
                    }
                }
                Taker::Pollers { pollers, busy, .. } => {
                    if busy < pollers {
                        self.mq.queues[q].rr = (t + 1) % n;
                        return Some((t, None));
                    }
                }
            }
        }
        None
    }

    /// An in-service instance of pool `p` with an idle worker, taken in turn.
    fn free_worker(&mut self, p: usize) -> Option<u32> {
        let pool = &self.pools[p];
        let n = pool.insts.len();
        for k in 0..n {
            let i = pool.insts[(pool.rr + k) % n];
            let x = &self.insts[i as usize];
            if x.state == super::super::model::St::InService
                && !x.crashed
                && !x.hung
                && x.busy < pool.workers
            {
                self.pools[p].rr = (self.pools[p].rr + k + 1) % n;
                return Some(i);
            }
        }
        None
    }

    /// ReceiveMessage of up to `max` messages for taker `k`: they turn
    /// invisible for the visibility timeout [SQS-VIS].
    fn sqs_receive(&mut self, q: usize, k: usize, max: u32) -> (u32, u32) {
        self.sqs_touch(q);
        let now = self.cx.now;
        let sq = &mut self.mq.queues[q];
        let (mut count, mut sent_us, mut receives) = (0u32, u64::MAX, 0u16);
        while count < max {
            let Some(front) = sq.visible.front_mut() else {
                break;
            };
            let take = front.count.min(max - count);
            count += take;
            sent_us = sent_us.min(front.sent_us);
            receives = receives.max(front.receives);
            front.count -= take;
            if front.count == 0 {
                sq.visible.pop_front();
            }
        }
        sq.visible_n -= u64::from(count);
        sq.inflight_n += u64::from(count);
        sq.gauge.units += f64::from(count.div_ceil(10).max(1)) * sq.chunks;
        let (d, g) = self.mq.deliveries.insert(Delivery::Sqs {
            q: q as u16,
            sent_us,
            count,
            receives: receives.saturating_add(1),
            consumer: k as u16,
            live: true,
        });
        let sq = &mut self.mq.queues[q];
        let deadline = now + sq.vt_us;
        sq.inflight.push_back((deadline, d, g));
        if sq.inflight.len() as u64 > 2 * sq.inflight_n + 1024 {
            let deliveries = &self.mq.deliveries;
            sq.inflight.retain(|&(_, d, g)| deliveries.valid(d, g));
        }
        self.sqs_arm(q, deadline);
        (d, g)
    }

    /// A consumer's answer: deleted on success; on failure the messages stay
    /// hidden until their visibility timeout ends, then reappear.
    pub(crate) fn sqs_done(&mut self, d: u32, result: Result<(), Cause>) {
        let Delivery::Sqs {
            q,
            count,
            consumer,
            live,
            ..
        } = *self.mq.deliveries.get(d)
        else {
            return;
        };
        let q = q as usize;
        if let Some(Taker::Pollers { busy, .. }) =
            self.mq.queues[q].takers.get_mut(consumer as usize)
        {
            *busy = busy.saturating_sub(1);
        }
        if live && result.is_ok() {
            // DeleteMessage (one request for a batch of up to 10).
            self.sqs_touch(q);
            let sq = &mut self.mq.queues[q];
            sq.inflight_n -= u64::from(count);
            sq.gauge.stats.completions += u64::from(count);
            sq.gauge.units += f64::from(count.div_ceil(10).max(1)) * sq.chunks;
            self.mq.deliveries.remove(d);
        } else if !live {
            // A late answer for messages that already reappeared: the receipt is stale.
            self.mq.deliveries.remove(d);
        }
        self.sqs_feed(q);
    }

    /// The queue's timer: delayed messages become visible, expired receives reappear.
    pub(crate) fn sqs_timer(&mut self, q: usize) {
        let now = self.cx.now;
        self.mq.queues[q].timer_at = u64::MAX;
        while let Some(&(at, sent_us, count)) = self.mq.queues[q].delayed.front() {
            if at > now {
                break;
            }
            let sq = &mut self.mq.queues[q];
            sq.delayed.pop_front();
            sq.delayed_n -= u64::from(count);
            self.sqs_push_back(
                q,
                Held {
                    sent_us,
                    count,
                    receives: 0,
                },
            );
        }
        let mut dead_to = None;
        while let Some(&(deadline, d, g)) = self.mq.queues[q].inflight.front() {
            if deadline > now {
                break;
            }
            self.mq.queues[q].inflight.pop_front();
            if !self.mq.deliveries.valid(d, g) {
                continue;
            }
            if let Some(to) = self.sqs_reappear(q, d) {
                dead_to = Some(to);
            }
        }
        let sq = &self.mq.queues[q];
        let next = [
            sq.delayed.front().map(|x| x.0),
            sq.inflight.front().map(|x| x.0),
        ]
        .into_iter()
        .flatten()
        .min();
        if let Some(t) = next {
            self.sqs_arm(q, t);
        }
        self.sqs_feed(q);
        if let Some(to) = dead_to {
            self.sqs_feed(to);
        }
    }

    /// A receive's visibility timeout ended before its delete: the messages
    /// come back, or go to the dead-letter queue after `max_receives`.
    /// Returns the dead-letter queue they went to, if any.
    fn sqs_reappear(&mut self, q: usize, d: u32) -> Option<usize> {
        let Delivery::Sqs {
            sent_us,
            count,
            receives,
            live: true,
            ..
        } = *self.mq.deliveries.get(d)
        else {
            return None;
        };
        if let Delivery::Sqs { live, .. } = self.mq.deliveries.get_mut(d) {
            *live = false;
        }
        self.sqs_touch(q);
        let sq = &mut self.mq.queues[q];
        sq.inflight_n -= u64::from(count);
        let node = sq.node;
        if sq.max_receives > 0 && receives >= sq.max_receives {
            sq.gauge.stats.failures += u64::from(count);
            let dlq = sq.dlq;
            if !sq.logged_dead {
                sq.logged_dead = true;
                let to = match dlq {
                    Some(t) => {
                        let n = self.mq.queues[t as usize].node;
                        format!("moved to \"{}\"", self.nodes[n as usize].label)
                    }
                    None => "dropped (no dead-letter queue linked)".to_owned(),
                };
                self.cx.log(
                    Some(node),
                    format!("a message received {receives} times was {to}"),
                );
            }
            let t = dlq? as usize;
            self.sqs_push_back(
                t,
                Held {
                    sent_us,
                    count,
                    receives: 0,
                },
            );
            return Some(t);
        }
        if !sq.logged_reappear {
            sq.logged_reappear = true;
            self.cx.log(
                Some(node),
                format!(
                    "a message not deleted within the visibility timeout reappeared (receive {receives})"
                ),
            );
        }
        self.sqs_push_front(
            q,
            Held {
                sent_us,
                count,
                receives,
            },
        );
        None
    }

    /// Once a second: retention, empty receives of idle consumers (billed),
    /// the pollers' scaling, and any consumer that became free on its own.
    pub(crate) fn sqs_tick(&mut self, q: usize) {
        self.sqs_expire(q);
        let minute = self.cx.now.is_multiple_of(60_000_000);
        let empty = self.mq.queues[q].visible_n == 0;
        let mut idle_polls = 0.0;
        let wait = self.mq.queues[q].wait_s;
        for k in 0..self.mq.queues[q].takers.len() {
            match self.mq.queues[q].takers[k] {
                Taker::Workers { pool } => {
                    let p = &self.pools[pool as usize];
                    let idle = p.capacity.saturating_sub(p.busy);
                    if empty {
                        idle_polls += f64::from(idle) / wait.max(SHORT_POLL_S);
                    }
                }
                Taker::Pollers {
                    pollers, busy, max, ..
                } => {
                    if empty {
                        idle_polls += f64::from(pollers.saturating_sub(busy)) / POLLER_WAIT_S;
                    }
                    // Each minute: more pollers while every one is busy and
                    // messages wait; half as many when the queue is empty and
                    // most of them idle (assumption: AWS does not document the
                    // scale-down).
                    let next = if !minute {
                        pollers
                    } else if !empty && busy >= pollers {
                        (pollers + POLLERS_PER_MINUTE).min(max)
                    } else if empty && busy * 2 < pollers {
                        POLLERS_START.max(pollers / 2).min(max)
                    } else {
                        pollers
                    };
                    if let Taker::Pollers { pollers, .. } = &mut self.mq.queues[q].takers[k] {
                        *pollers = next;
                    }
                }
            }
        }
        self.mq.queues[q].gauge.units += idle_polls;
        self.sqs_feed(q);
    }

    /// Messages visible in the queues pool `p` works from (the
    /// ApproximateNumberOfMessagesVisible metric), if it works from any.
    pub(crate) fn visible_for_pool(&self, p: u16) -> Option<u64> {
        let mut found = None;
        for sq in &self.mq.queues {
            if sq
                .takers
                .iter()
                .any(|t| matches!(t, Taker::Workers { pool } if *pool == p))
            {
                *found.get_or_insert(0) += sq.visible_n;
            }
        }
        found
    }
}

/// The pollers an event source mapping starts with.
pub(crate) const fn pollers_start() -> u32 {
    POLLERS_START
}
