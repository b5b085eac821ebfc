//! Kinesis Data Streams: per-shard write and read limits, throttling above
//! them, consumers reading each shard in order, and the iterator age [KDS-LIM].

use super::super::Ev;
use super::super::cx::Cx;
use super::super::request::Cause;
use super::super::time::SimTime;
use super::state::{Delivery, Messaging, Next, Reads, Shard, delivery_ctx};

/// Per shard write: 1 MB/s or 1,000 records/s [KDS-LIM].
const WRITE_BYTES_PER_S: f64 = 1_000_000.0;
const WRITE_RECORDS_PER_S: u32 = 1_000;
/// Per shard read: 2 MB/s, shared by the consumers [KDS-LIM].
const READ_BYTES_PER_S: f64 = 2_000_000.0;
/// 5 GetRecords calls a second per shard [KDS-LIM]: one every 200 ms.
const READ_GAP_US: u64 = 200_000;
/// At most 10,000 records per GetRecords call [KDS-LIM].
const MAX_RECORDS_PER_READ: u32 = 10_000;
/// On-demand streams start at 4 MB/s and scale to 200 MB/s of writes
/// [KDS-LIM]; we model them as 4 to 200 shards of 1 MB/s each.
pub(crate) const ON_DEMAND_START_SHARDS: usize = 4;
const ON_DEMAND_MAX_SHARDS: usize = 200;
/// A failed batch is read again after this long (assumption: consumers retry
/// a failing batch until it succeeds or its records expire).
const RETRY_US: u64 = 1_000_000;
/// A PUT payload unit is 25 KB of a record (assumption, not in the reference).
pub(crate) const PUT_UNIT_BYTES: f64 = 25_000.0;

impl Messaging {
    /// PutRecord: to a shard by partition key (uniform), or throttled above
    /// the shard's write limit (ProvisionedThroughputExceededException) [KDS-LIM].
    pub(crate) fn kds_put(&mut self, cx: &mut Cx, s: usize) -> Result<(), Cause> {
        let now = cx.now;
        let st = &mut self.streams[s];
        st.gauge.stats.requests += 1;
        if st.shards.is_empty() {
            return Err(Cause::Failed);
        }
        let rec = st.record_bytes;
        let k = st.rng.below(st.shards.len());
        let second = now.second_start();
        let sh = &mut st.shards[k];
        if second != sh.second_start {
            sh.second_start = second;
            sh.records = 0;
            sh.bytes = 0.0;
        }
        if sh.records >= WRITE_RECORDS_PER_S || sh.bytes + rec > WRITE_BYTES_PER_S {
            st.gauge.stats.rejections += 1;
            if !st.logged_throttle {
                st.logged_throttle = true;
                let node = st.node;
                cx.log(
                    Some(node),
                    "a shard's write limit (1 MB/s or 1,000 records/s) was exceeded; writes are throttled"
                        .to_owned(),
                );
            }
            return Err(Cause::Throttled);
        }
        sh.records += 1;
        sh.bytes += rec;
        if st.sec_start != second {
            st.peak_bytes = st.peak_bytes.max(st.sec_bytes);
            st.sec_start = second;
            st.sec_bytes = 0.0;
        }
        st.sec_bytes += rec;
        st.gauge.units += (rec / PUT_UNIT_BYTES).ceil().max(1.0);
        st.gauge.bytes += rec;
        st.gauge.touch(now, st.unread, 0);
        let consumers = st.consumers.len();
        let sh = &mut st.shards[k];
        for c in 0..consumers {
            match sh.unread[c].back_mut() {
                Some(b) if now - b.0 < 1_000_000 && b.1 < u32::MAX => b.1 += 1,
                _ => sh.unread[c].push_back((now, 1)),
            }
        }
        st.unread += consumers as u64;
        Ok(())
    }

    /// Once a second: retention and on-demand scaling. Returns where the
    /// reads of shards with unread records, by consumers that are not
    /// reading yet, start ([`Messaging::kds_next_read`]).
    pub(crate) fn kds_tick(&mut self, cx: &mut Cx, s: usize) -> Reads {
        let now = cx.now;
        let st = &mut self.streams[s];
        st.gauge.touch(now, st.unread, 0);
        // Records past the retention period are gone [KDS-LIM].
        let mut expired = 0u64;
        for sh in &mut st.shards {
            for runs in &mut sh.unread {
                while let Some(&(t, n)) = runs.front() {
                    if t + st.retention_us > now {
                        break;
                    }
                    runs.pop_front();
                    expired += u64::from(n);
                }
            }
        }
        st.unread -= expired;
        st.gauge.stats.failures += expired;
        if st.on_demand && now.as_us().is_multiple_of(60_000_000) {
            // Capacity follows twice the peak second of the last minute (assumption).
            let peak = st.peak_bytes.max(st.sec_bytes);
            let want = ((2.0 * peak / WRITE_BYTES_PER_S).ceil() as usize)
                .clamp(ON_DEMAND_START_SHARDS, ON_DEMAND_MAX_SHARDS);
            if want > st.shards.len() {
                let consumers = st.consumers.len();
                st.shards
                    .resize_with(want, || Shard::for_consumers(consumers));
                let node = st.node;
                cx.log(
                    Some(node),
                    format!("on-demand capacity raised to {want} MB/s of writes"),
                );
            }
            self.streams[s].peak_bytes = 0.0;
        }
        let st = &self.streams[s];
        Reads {
            s,
            k: 0,
            c: 0,
            shards: st.shards.len(),
            consumers: st.consumers.len(),
        }
    }

    /// The next read the tick starts, shard by shard and consumer by
    /// consumer from `at`: the call of its consumer. `None` when none is left.
    pub(crate) fn kds_next_read(&mut self, cx: &mut Cx, at: &mut Reads) -> Option<Next> {
        let s = at.s;
        while at.k < at.shards {
            if at.c >= at.consumers {
                at.k += 1;
                at.c = 0;
                continue;
            }
            let (k, c) = (at.k, at.c);
            at.c += 1;
            let sh = &self.streams[s].shards[k];
            if sh.reading[c] || sh.unread[c].is_empty() || sh.next_read[c] > cx.now {
                continue;
            }
            self.streams[s].shards[k].reading[c] = true;
            let (d, _) = self.deliveries.insert(Delivery::Shard {
                stream: s as u16,
                shard: k as u16,
                consumer: c as u16,
                count: 0,
                done: 0,
            });
            match self.shard_read(cx, d) {
                Next::Nothing => {}
                next => return Some(next),
            }
        }
        None
    }

    /// GetRecords for a reading consumer: the next batch, handed to the
    /// consumer whole (a function) or record by record (a worker group).
    pub(crate) fn shard_read(&mut self, cx: &mut Cx, d: u32) -> Next {
        let Delivery::Shard {
            stream,
            shard,
            consumer,
            ..
        } = *self.deliveries.get(d)
        else {
            return Next::Nothing;
        };
        let (s, k, c) = (stream as usize, shard as usize, consumer as usize);
        let now = cx.now;
        let st = &mut self.streams[s];
        let (node, whole) = st.consumers[c];
        let by_bytes = (READ_BYTES_PER_S / st.consumers.len() as f64 / st.record_bytes.max(1.0))
            .max(1.0) as u32;
        let cap = if whole {
            st.batch
        } else {
            MAX_RECORDS_PER_READ
        }
        .min(by_bytes);
        let sh = &mut st.shards[k];
        let mut n = 0u32;
        for &(_, m) in &sh.unread[c] {
            n = n.saturating_add(m);
            if n >= cap {
                break;
            }
        }
        let n = n.min(cap);
        if n == 0 {
            sh.reading[c] = false;
            self.deliveries.remove(d);
            return Next::Nothing;
        }
        sh.next_read[c] = now + READ_GAP_US;
        if let Delivery::Shard { count, done, .. } = self.deliveries.get_mut(d) {
            *count = n;
            *done = 0;
        }
        let g = self.deliveries.gen_of(d);
        Next::Call(node, delivery_ctx(d, g))
    }

    /// Removes `n` records from the front of a consumer's unread runs.
    fn shard_consume(&mut self, now: SimTime, s: usize, k: usize, c: usize, n: u32) {
        let st = &mut self.streams[s];
        st.gauge.touch(now, st.unread, 0);
        let runs = &mut st.shards[k].unread[c];
        let mut left = n;
        while left > 0 {
            let Some(front) = runs.front_mut() else {
                break;
            };
            let take = front.1.min(left);
            front.1 -= take;
            left -= take;
            if front.1 == 0 {
                runs.pop_front();
            }
        }
        let taken = u64::from(n - left);
        st.unread -= taken;
        st.gauge.stats.completions += taken;
    }

    /// A consumer's answer for a batch (or one record of it): the next
    /// call of the consumer, if one is due now.
    pub(crate) fn shard_done(&mut self, cx: &mut Cx, d: u32, result: Result<(), Cause>) -> Next {
        let Delivery::Shard {
            stream,
            shard,
            consumer,
            count,
            done,
        } = *self.deliveries.get(d)
        else {
            return Next::Nothing;
        };
        let (s, k, c) = (stream as usize, shard as usize, consumer as usize);
        let g = self.deliveries.gen_of(d);
        if result.is_err() {
            cx.q.push(cx.now + RETRY_US, Ev::Deliver { d, ver: g });
            return Next::Nothing;
        }
        let (node, whole) = self.streams[s].consumers[c];
        if whole {
            self.shard_consume(cx.now, s, k, c, count);
        } else {
            self.shard_consume(cx.now, s, k, c, 1);
            if done + 1 < count {
                if let Delivery::Shard { done, .. } = self.deliveries.get_mut(d) {
                    *done += 1;
                }
                return Next::Call(node, delivery_ctx(d, g));
            }
        }
        let next = self.streams[s].shards[k].next_read[c];
        if next <= cx.now {
            self.shard_read(cx, d)
        } else {
            cx.q.push(next, Ev::Deliver { d, ver: g });
            Next::Nothing
        }
    }

    /// The largest iterator age over a stream's shards and consumers at
    /// `now`, µs.
    pub(crate) fn iterator_age_us(&self, now: SimTime, s: usize) -> u64 {
        self.streams[s]
            .shards
            .iter()
            .flat_map(|sh| sh.unread.iter())
            .filter_map(|runs| runs.front().map(|&(t, _)| now - t))
            .max()
            .unwrap_or(0)
    }
}

impl Shard {
    /// A shard with reading state for `consumers` consumers.
    pub(crate) fn for_consumers(consumers: usize) -> Shard {
        Shard {
            second_start: SimTime::NEVER,
            records: 0,
            bytes: 0.0,
            unread: vec![std::collections::VecDeque::new(); consumers],
            reading: vec![false; consumers],
            next_read: vec![SimTime::ZERO; consumers],
        }
    }
}
