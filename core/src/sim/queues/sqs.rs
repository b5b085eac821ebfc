//! SQS: sending (FIFO throughput limits), receiving by workers or by an event
//! source mapping's pollers, the visibility timeout, retention and the
//! dead-letter queue [SQS-VIS], [SQS-FIFO], [SQS-ARCH], [SQS-DELAY].

use super::super::Ev;
use super::super::cx::Cx;
use super::super::ix::InstIx;
use super::super::ix::PoolIx;
use super::super::model::{Inst, Node, Pool, St};
use super::super::request::Cause;
use super::super::time::SimTime;
use super::state::{Delivery, Held, Messaging, Next, Taker, delivery_ctx};

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

impl Messaging {
    /// SendMessage: accepted, or throttled above a FIFO queue's limit
    /// [SQS-FIFO]. Accepted messages that are visible at once ask for the
    /// queue to be fed ([`Next::Feed`]).
    pub(crate) fn sqs_send(&mut self, cx: &mut Cx, q: usize, sent: SimTime) -> Result<Next, Cause> {
        let now = cx.now;
        let sq = &mut self.queues[q];
        sq.gauge.stats.requests += 1;
        if sq.send_limit != u32::MAX {
            let second = now.second_start();
            if second != sq.second_start {
                sq.second_start = second;
                sq.in_second = 0;
            }
            if sq.in_second >= sq.send_limit {
                sq.gauge.stats.rejections += 1;
                if !sq.logged_throttle {
                    sq.logged_throttle = true;
                    let (node, limit) = (sq.node, sq.send_limit);
                    cx.log(
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
                _ => sq.delayed.push_back((at, sent, 1)),
            }
            self.sqs_arm(cx, q, at);
            Ok(Next::Nothing)
        } else {
            self.sqs_push_back(
                now,
                q,
                Held {
                    sent,
                    count: 1,
                    receives: 0,
                },
            );
            Ok(Next::Feed(q))
        }
    }

    /// Brings queue `q`'s gauge up to `now`.
    fn sqs_touch(&mut self, now: SimTime, q: usize) {
        let sq = &mut self.queues[q];
        sq.gauge.touch(now, sq.visible_n, sq.inflight_n);
    }

    /// Messages become visible at the back; runs sent within a second merge.
    fn sqs_push_back(&mut self, now: SimTime, q: usize, h: Held) {
        self.sqs_touch(now, q);
        let sq = &mut self.queues[q];
        sq.visible_n += u64::from(h.count);
        match sq.visible.back_mut() {
            Some(b)
                if b.receives == h.receives
                    && h.sent.saturating_since(b.sent) < 1_000_000
                    && b.count <= u32::MAX - h.count =>
            {
                b.count += h.count;
            }
            _ => sq.visible.push_back(h),
        }
    }

    /// Messages whose visibility timeout ran out come back first.
    fn sqs_push_front(&mut self, now: SimTime, q: usize, h: Held) {
        self.sqs_touch(now, q);
        let sq = &mut self.queues[q];
        sq.visible_n += u64::from(h.count);
        sq.visible.push_front(h);
    }

    /// Arms the queue's timer for `t` unless an earlier one is armed.
    fn sqs_arm(&mut self, cx: &mut Cx, q: usize, t: SimTime) {
        let sq = &mut self.queues[q];
        if t < sq.timer_at {
            sq.timer_at = t;
            cx.q.push(t, Ev::QueueTimer { q: q as u16 });
        }
    }

    /// Drops messages older than the retention period from the front [SQS-ARCH].
    fn sqs_expire(&mut self, cx: &mut Cx, q: usize) {
        let now = cx.now;
        let mut gone = 0u64;
        loop {
            let sq = &self.queues[q];
            match sq.visible.front() {
                Some(h) if h.sent + sq.retention_us <= now => {
                    let n = h.count;
                    self.sqs_touch(now, q);
                    let sq = &mut self.queues[q];
                    sq.visible.pop_front();
                    sq.visible_n -= u64::from(n);
                    sq.gauge.stats.failures += u64::from(n);
                    gone += u64::from(n);
                }
                _ => break,
            }
        }
        let sq = &mut self.queues[q];
        if gone > 0 && !sq.logged_expired {
            sq.logged_expired = true;
            let node = sq.node;
            cx.log(
                Some(node),
                format!("{gone} messages deleted unread at the end of the retention period"),
            );
        }
    }

    /// Begins feeding queue `q` (giving waiting messages to free consumers):
    /// false when it is being fed already, further up the same call chain;
    /// else expired messages go first.
    pub(crate) fn sqs_feed_start(&mut self, cx: &mut Cx, q: usize) -> bool {
        if self.queues[q].feeding {
            return false;
        }
        self.queues[q].feeding = true;
        self.sqs_expire(cx, q);
        true
    }

    /// The next message (or batch) of queue `q` for a free consumer, taken
    /// from `pools`' in-service `insts` or the pollers: the instance to
    /// enter or the node to call. `None` once messages or consumers run out.
    pub(crate) fn sqs_feed_next(
        &mut self,
        cx: &mut Cx,
        q: usize,
        pools: &mut [Pool],
        insts: &[Inst],
    ) -> Option<Next> {
        let sq = &self.queues[q];
        if sq.visible_n == 0 || sq.inflight_n >= u64::from(sq.inflight_limit) {
            return None;
        }
        let (k, inst) = self.sqs_taker(q, pools, insts)?;
        match (self.queues[q].takers[k], inst) {
            (Taker::Workers { .. }, Some(i)) => {
                let (d, g) = self.sqs_receive(cx, q, k, 1);
                Some(Next::Enter(i, delivery_ctx(d, g)))
            }
            (Taker::Pollers { node, batch, .. }, _) => {
                let (d, g) = self.sqs_receive(cx, q, k, batch);
                if let Taker::Pollers { busy, .. } = &mut self.queues[q].takers[k] {
                    *busy += 1;
                }
                Some(Next::Call(node, delivery_ctx(d, g)))
            }
            _ => None,
        }
    }

    /// Ends feeding queue `q`.
    pub(crate) fn sqs_feed_stop(&mut self, q: usize) {
        self.queues[q].feeding = false;
    }

    /// A consumer ready to receive: (taker index, instance for workers).
    fn sqs_taker(
        &mut self,
        q: usize,
        pools: &mut [Pool],
        insts: &[Inst],
    ) -> Option<(usize, Option<InstIx>)> {
        let n = self.queues[q].takers.len();
        let start = self.queues[q].rr;
        for k in 0..n {
            let t = (start + k) % n;
            match self.queues[q].takers[t] {
                Taker::Workers { pool } => {
                    if let Some(i) = free_worker(pools, insts, pool) {
                        self.queues[q].rr = (t + 1) % n;
                        return Some((t, Some(i)));
                    }
                }
                Taker::Pollers { pollers, busy, .. } => {
                    if busy < pollers {
                        self.queues[q].rr = (t + 1) % n;
                        return Some((t, None));
                    }
                }
            }
        }
        None
    }

    /// ReceiveMessage of up to `max` messages for taker `k`: they turn
    /// invisible for the visibility timeout [SQS-VIS].
    fn sqs_receive(&mut self, cx: &mut Cx, q: usize, k: usize, max: u32) -> (u32, u32) {
        let now = cx.now;
        self.sqs_touch(now, q);
        let sq = &mut self.queues[q];
        let (mut count, mut sent, mut receives) = (0u32, SimTime::NEVER, 0u16);
        while count < max {
            let Some(front) = sq.visible.front_mut() else {
                break;
            };
            let take = front.count.min(max - count);
            count += take;
            sent = sent.min(front.sent);
            receives = receives.max(front.receives);
            front.count -= take;
            if front.count == 0 {
                sq.visible.pop_front();
            }
        }
        sq.visible_n -= u64::from(count);
        sq.inflight_n += u64::from(count);
        sq.gauge.units += f64::from(count.div_ceil(10).max(1)) * sq.chunks;
        let (d, g) = self.deliveries.insert(Delivery::Sqs {
            q: q as u16,
            sent,
            count,
            receives: receives.saturating_add(1),
            consumer: k as u16,
            live: true,
        });
        let sq = &mut self.queues[q];
        let deadline = now + sq.vt_us;
        sq.inflight.push_back((deadline, d, g));
        if sq.inflight.len() as u64 > 2 * sq.inflight_n + 1024 {
            let deliveries = &self.deliveries;
            sq.inflight.retain(|&(_, d, g)| deliveries.valid(d, g));
        }
        self.sqs_arm(cx, q, deadline);
        (d, g)
    }

    /// A consumer's answer: deleted on success; on failure the messages stay
    /// hidden until their visibility timeout ends, then reappear. The queue
    /// is fed next (its consumer is free).
    pub(crate) fn sqs_done(&mut self, cx: &mut Cx, d: u32, result: Result<(), Cause>) -> Next {
        let Delivery::Sqs {
            q,
            count,
            consumer,
            live,
            ..
        } = *self.deliveries.get(d)
        else {
            return Next::Nothing;
        };
        let q = q as usize;
        if let Some(Taker::Pollers { busy, .. }) = self.queues[q].takers.get_mut(consumer as usize)
        {
            *busy = busy.saturating_sub(1);
        }
        if live && result.is_ok() {
            // DeleteMessage (one request for a batch of up to 10).
            self.sqs_touch(cx.now, q);
            let sq = &mut self.queues[q];
            sq.inflight_n -= u64::from(count);
            sq.gauge.stats.completions += u64::from(count);
            sq.gauge.units += f64::from(count.div_ceil(10).max(1)) * sq.chunks;
            self.deliveries.remove(d);
        } else if !live {
            // A late answer for messages that already reappeared: the receipt is stale.
            self.deliveries.remove(d);
        }
        Next::Feed(q)
    }

    /// The queue's timer: delayed messages become visible, expired receives
    /// reappear (`nodes` name a dead-letter queue in the log). Returns the
    /// dead-letter queue messages went to, if any; the engine then feeds
    /// queue `q`, then that one.
    pub(crate) fn sqs_timer(&mut self, cx: &mut Cx, q: usize, nodes: &[Node]) -> Option<usize> {
        let now = cx.now;
        self.queues[q].timer_at = SimTime::NEVER;
        while let Some(&(at, sent, count)) = self.queues[q].delayed.front() {
            if at > now {
                break;
            }
            let sq = &mut self.queues[q];
            sq.delayed.pop_front();
            sq.delayed_n -= u64::from(count);
            self.sqs_push_back(
                now,
                q,
                Held {
                    sent,
                    count,
                    receives: 0,
                },
            );
        }
        let mut dead_to = None;
        while let Some(&(deadline, d, g)) = self.queues[q].inflight.front() {
            if deadline > now {
                break;
            }
            self.queues[q].inflight.pop_front();
            if !self.deliveries.valid(d, g) {
                continue;
            }
            if let Some(to) = self.sqs_reappear(cx, q, d, nodes) {
                dead_to = Some(to);
            }
        }
        let sq = &self.queues[q];
        let next = [
            sq.delayed.front().map(|x| x.0),
            sq.inflight.front().map(|x| x.0),
        ]
        .into_iter()
        .flatten()
        .min();
        if let Some(t) = next {
            self.sqs_arm(cx, q, t);
        }
        dead_to
    }

    /// A receive's visibility timeout ended before its delete: the messages
    /// come back, or go to the dead-letter queue after `max_receives`.
    /// Returns the dead-letter queue they went to, if any.
    fn sqs_reappear(&mut self, cx: &mut Cx, q: usize, d: u32, nodes: &[Node]) -> Option<usize> {
        let Delivery::Sqs {
            sent,
            count,
            receives,
            live: true,
            ..
        } = *self.deliveries.get(d)
        else {
            return None;
        };
        if let Delivery::Sqs { live, .. } = self.deliveries.get_mut(d) {
            *live = false;
        }
        let now = cx.now;
        self.sqs_touch(now, q);
        let sq = &mut self.queues[q];
        sq.inflight_n -= u64::from(count);
        let node = sq.node;
        if sq.max_receives > 0 && receives >= sq.max_receives {
            sq.gauge.stats.failures += u64::from(count);
            let dlq = sq.dlq;
            if !sq.logged_dead {
                sq.logged_dead = true;
                let to = match dlq {
                    Some(t) => {
                        let n = self.queues[t as usize].node;
                        format!("moved to \"{}\"", nodes[n.idx()].label)
                    }
                    None => "dropped (no dead-letter queue linked)".to_owned(),
                };
                cx.log(
                    Some(node),
                    format!("a message received {receives} times was {to}"),
                );
            }
            let t = dlq? as usize;
            self.sqs_push_back(
                now,
                t,
                Held {
                    sent,
                    count,
                    receives: 0,
                },
            );
            return Some(t);
        }
        if !sq.logged_reappear {
            sq.logged_reappear = true;
            cx.log(
                Some(node),
                format!(
                    "a message not deleted within the visibility timeout reappeared (receive {receives})"
                ),
            );
        }
        self.sqs_push_front(
            now,
            q,
            Held {
                sent,
                count,
                receives,
            },
        );
        None
    }

    /// Once a second: retention, empty receives of idle consumers (billed,
    /// the workers' idle from `pools`), the pollers' scaling; the engine then
    /// feeds the queue, for any consumer that became free on its own.
    pub(crate) fn sqs_tick(&mut self, cx: &mut Cx, q: usize, pools: &[Pool]) {
        self.sqs_expire(cx, q);
        let minute = cx.now.as_us().is_multiple_of(60_000_000);
        let empty = self.queues[q].visible_n == 0;
        let mut idle_polls = 0.0;
        let wait = self.queues[q].wait_s;
        for k in 0..self.queues[q].takers.len() {
            match self.queues[q].takers[k] {
                Taker::Workers { pool } => {
                    let p = &pools[pool.idx()];
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
                    if let Taker::Pollers { pollers, .. } = &mut self.queues[q].takers[k] {
                        *pollers = next;
                    }
                }
            }
        }
        self.queues[q].gauge.units += idle_polls;
    }
}

/// An in-service instance of pool `p` with an idle worker, taken in turn.
fn free_worker(pools: &mut [Pool], insts: &[Inst], p: PoolIx) -> Option<InstIx> {
    let pool = &pools[p.idx()];
    let n = pool.insts.len();
    for k in 0..n {
        let i = pool.insts[(pool.rr + k) % n];
        let x = &insts[i.idx()];
        if x.state == St::InService && !x.crashed && !x.hung && x.busy < pool.workers {
            pools[p.idx()].rr = (pools[p.idx()].rr + k + 1) % n;
            return Some(i);
        }
    }
    None
}

/// The pollers an event source mapping starts with.
pub(crate) const fn pollers_start() -> u32 {
    POLLERS_START
}
