//! The messaging components' state: queues, topics, streams, buses, the
//! deliveries in flight, and the caller contexts that name a delivery.
//! Plain data with small helpers; the behaviour is in `queues` and its
//! service files.

use super::super::ix::InstIx;
use super::super::ix::PoolIx;
use crate::sim::ix::NodeIx;
use std::collections::VecDeque;

use super::super::model::{Counters, NIL, NodeKind};
use super::super::request::Ctx;
use super::super::rng::Stream;
use super::super::slab::Slab;
use super::super::time::SimTime;

/// Marks a caller context's `parent` as a delivery index (top bit set).
pub(crate) const DELIVERY: u32 = 1 << 31;

/// How often the messaging services do their periodic work (retention sweeps,
/// poller scaling, stream reads), µs.
pub(crate) const TICK_US: u64 = 1_000_000;

/// All messaging components of a run.
#[derive(Debug, Default)]
pub(crate) struct Messaging {
    pub(crate) queues: Vec<Sqs>,
    pub(crate) topics: Vec<Topic>,
    pub(crate) streams: Vec<KStream>,
    pub(crate) buses: Vec<Bus>,
    /// Messages being delivered or processed.
    pub(crate) deliveries: Slab<Delivery>,
}

impl Messaging {
    /// Whether the run has any messaging component (then the tick runs).
    pub(crate) fn any(&self) -> bool {
        !(self.queues.is_empty()
            && self.topics.is_empty()
            && self.streams.is_empty()
            && self.buses.is_empty())
    }
}

/// A message, or a batch of messages, on its way to a consumer.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Delivery {
    /// Messages received from queue `q`, invisible until their deadline.
    Sqs {
        q: u16,
        sent: SimTime,
        count: u32,
        receives: u16,
        /// The consumer that took them.
        consumer: u16,
        /// Still hidden; false once they reappeared (the receipt is stale).
        live: bool,
    },
    /// A copy of a topic's message for one subscription.
    Sns { topic: u16, sub: u16, tries: u16 },
    /// A batch of `count` records of one shard for one consumer.
    Shard {
        stream: u16,
        shard: u16,
        consumer: u16,
        count: u32,
        /// Records of the batch already processed (record-by-record consumers).
        done: u32,
    },
    /// An event matched by a bus's rules, for one target.
    Bus {
        bus: u16,
        target: u16,
        tries: u16,
        sent: SimTime,
    },
}

/// Messages that wait together: sent from `sent` on, received `receives` times.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Held {
    pub(crate) sent: SimTime,
    pub(crate) count: u32,
    pub(crate) receives: u16,
}

/// Who takes messages from a queue.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Taker {
    /// A group or instance whose workers poll one message at a time.
    Workers { pool: PoolIx },
    /// An event source mapping: pollers receive batches and invoke the target.
    Pollers {
        node: NodeIx,
        batch: u32,
        /// Pollers now, their ceiling, and how many are waiting on an invocation.
        pollers: u32,
        max: u32,
        busy: u32,
    },
}

/// An SQS queue.
#[derive(Debug)]
pub(crate) struct Sqs {
    pub(crate) node: NodeIx,
    pub(crate) fifo: bool,
    pub(crate) vt_us: u64,
    pub(crate) retention_us: u64,
    pub(crate) delay_us: u64,
    /// Long-polling wait, s (0 = short polling).
    pub(crate) wait_s: f64,
    /// Receives after which a message is dead-lettered (0 = never).
    pub(crate) max_receives: u16,
    /// The dead-letter queue (index), when linked.
    pub(crate) dlq: Option<u16>,
    /// Messages accepted per second (`u32::MAX` = no limit).
    pub(crate) send_limit: u32,
    /// SendMessage requests per message (batching sends 10 per request).
    pub(crate) send_share: f64,
    /// Messages in flight at most.
    pub(crate) inflight_limit: u32,
    /// Billed requests per API call: 64 KB chunks of the message.
    pub(crate) chunks: f64,
    pub(crate) takers: Vec<Taker>,
    pub(crate) rr: usize,
    pub(crate) visible: VecDeque<Held>,
    pub(crate) visible_n: u64,
    /// Delayed messages: (visible at, sent at, count).
    pub(crate) delayed: VecDeque<(SimTime, SimTime, u32)>,
    pub(crate) delayed_n: u64,
    /// Received messages by deadline: (deadline, delivery, generation).
    pub(crate) inflight: VecDeque<(SimTime, u32, u32)>,
    pub(crate) inflight_n: u64,
    /// When the earliest timer event is due ([`SimTime::NEVER`] = none armed).
    pub(crate) timer_at: SimTime,
    pub(crate) second_start: SimTime,
    pub(crate) in_second: u32,
    pub(crate) feeding: bool,
    pub(crate) logged_reappear: bool,
    pub(crate) logged_dead: bool,
    pub(crate) logged_expired: bool,
    pub(crate) logged_throttle: bool,
    pub(crate) gauge: Gauge,
}

/// Per-bucket measurements of a messaging component.
#[derive(Debug, Default)]
pub(crate) struct Gauge {
    pub(crate) last: SimTime,
    /// Time integrals (count × µs) of waiting and in-flight messages.
    pub(crate) waiting_area: f64,
    pub(crate) inflight_area: f64,
    /// requests = accepted or offered messages, completions = processed,
    /// rejections = throttled, failures = expired, dead-lettered or undeliverable.
    pub(crate) stats: Counters,
    /// Billable units in the bucket (requests, PUT units, events).
    pub(crate) units: f64,
    /// Bytes written in the bucket (Kinesis on-demand).
    pub(crate) bytes: f64,
}

impl Gauge {
    pub(crate) fn touch(&mut self, now: SimTime, waiting: u64, inflight: u64) {
        let dt = (now - self.last) as f64;
        self.waiting_area += waiting as f64 * dt;
        self.inflight_area += inflight as f64 * dt;
        self.last = now;
    }
}

/// One subscription of a topic.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Sub {
    pub(crate) node: NodeIx,
    /// An endpoint AWS manages (SQS, Lambda) rather than a customer's HTTP one.
    pub(crate) managed: bool,
}

/// An SNS topic.
#[derive(Debug)]
pub(crate) struct Topic {
    pub(crate) node: NodeIx,
    pub(crate) subs: Vec<Sub>,
    /// Publish requests per message (64 KB chunks).
    pub(crate) chunks: f64,
    pub(crate) pending: u64,
    pub(crate) logged_drop: bool,
    pub(crate) gauge: Gauge,
}

/// One shard of a stream: its write window and, per consumer, unread records.
#[derive(Debug, Default)]
pub(crate) struct Shard {
    pub(crate) second_start: SimTime,
    pub(crate) records: u32,
    pub(crate) bytes: f64,
    /// Unread records per consumer, as runs of (first written, count).
    pub(crate) unread: Vec<VecDeque<(SimTime, u32)>>,
    /// Whether each consumer has a batch of this shard in progress.
    pub(crate) reading: Vec<bool>,
    /// When each consumer may call GetRecords on this shard again.
    pub(crate) next_read: Vec<SimTime>,
}

/// A Kinesis data stream.
#[derive(Debug)]
pub(crate) struct KStream {
    pub(crate) node: NodeIx,
    pub(crate) on_demand: bool,
    /// Shards it starts with (created once its consumers are known).
    pub(crate) start_shards: usize,
    pub(crate) shards: Vec<Shard>,
    /// Consumers: (node, whether it takes whole batches per call).
    pub(crate) consumers: Vec<(NodeIx, bool)>,
    pub(crate) batch: u32,
    pub(crate) record_bytes: f64,
    pub(crate) retention_us: u64,
    /// Unread records, summed over shards and consumers.
    pub(crate) unread: u64,
    /// The current second's bytes written, and the largest second's of the
    /// current minute (on-demand scaling).
    pub(crate) sec_start: SimTime,
    pub(crate) sec_bytes: f64,
    pub(crate) peak_bytes: f64,
    pub(crate) rng: Stream,
    pub(crate) logged_throttle: bool,
    pub(crate) gauge: Gauge,
}

/// An EventBridge bus and its rules' targets.
#[derive(Debug)]
pub(crate) struct Bus {
    pub(crate) node: NodeIx,
    pub(crate) targets: Vec<NodeIx>,
    pub(crate) match_share: f64,
    pub(crate) latency_us: u64,
    pub(crate) put_limit: u32,
    pub(crate) invoke_limit: u32,
    pub(crate) second_start: SimTime,
    pub(crate) puts: u32,
    pub(crate) invokes: u32,
    pub(crate) pending: u64,
    pub(crate) rng: Stream,
    pub(crate) logged_throttle: bool,
    pub(crate) logged_drop: bool,
    pub(crate) gauge: Gauge,
}

/// A caller context for a delivery: nothing upstream waits on it.
pub(crate) fn delivery_ctx(d: u32, g: u32) -> Ctx {
    Ctx {
        req: NIL,
        rgen: 0,
        attempt: 0,
        parent: DELIVERY | d,
        pgen: g,
        from_inst: InstIx::NIL,
    }
}

/// Whether a node is a messaging component (it takes a message at once).
pub(crate) fn is_messaging_node(kind: NodeKind) -> bool {
    matches!(
        kind,
        NodeKind::Sqs(_) | NodeKind::Sns(_) | NodeKind::Kinesis(_) | NodeKind::Bus(_)
    )
}

/// A caller context for an asynchronous invocation: the service takes the
/// event and retries it on its own; no answer comes back.
pub(crate) fn detached_ctx() -> Ctx {
    Ctx {
        req: NIL,
        rgen: 0,
        attempt: 0,
        parent: NIL,
        pgen: 0,
        from_inst: InstIx::NIL,
    }
}

/// Whether a caller context names a delivery.
pub(crate) fn is_delivery(ctx: &Ctx) -> bool {
    ctx.parent != NIL && ctx.parent & DELIVERY != 0
}

/// What a messaging service hands back for the engine to carry out, at
/// once and in this order, before the service goes on.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Next {
    /// Nothing crosses to the rest of the run.
    Nothing,
    /// Queue `q` has messages or a free consumer: feed it.
    Feed(usize),
    /// A stale delivery's consumer is free: feed every queue.
    FeedAll,
    /// A worker of instance `inst` takes a message: the request enters it.
    Enter(InstIx, Ctx),
    /// Call node `node` with caller context `ctx`; the answer comes later.
    Call(NodeIx, Ctx),
    /// Put delivery `d`'s message into messaging node `node`, then settle
    /// the delivery with the put's answer.
    Put { node: NodeIx, d: u32 },
    /// Invoke the Lambda function of node `node` asynchronously (it queues
    /// and retries the event itself [LAM-ASYNC]), then settle delivery `d`
    /// as delivered.
    Invoke { node: NodeIx, d: u32 },
}

/// Where a stream's tick stands in starting its consumers' reads: shard
/// `k`, consumer `c`, of the counts taken when the tick began.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Reads {
    /// The stream.
    pub(crate) s: usize,
    /// The shard and consumer looked at next.
    pub(crate) k: usize,
    pub(crate) c: usize,
    /// The stream's shards and consumers when the tick began.
    pub(crate) shards: usize,
    pub(crate) consumers: usize,
}
