//! Messaging components from their parameters, and their links.

use super::super::ix::NodeIx;
use super::super::model::NodeKind;
use super::super::rng::{Purpose, Stream};
use super::super::time::SimTime;
use super::kinesis::ON_DEMAND_START_SHARDS;
use super::sqs::pollers_start;
use super::state::{Bus, Gauge, KStream, Messaging, Shard, Sqs, Sub, Taker, Topic};
use crate::catalog::Kind;
use crate::catalog::LinkMeaning;
use crate::design::Component;
use crate::scenario::Scenario;

/// FIFO: 300 API calls/s per action, or 3,000 messages/s in batches of 10;
/// high-throughput FIFO: 3,000 messages/s per partition [SQS-FIFO].
const FIFO_CALLS_PER_S: f64 = 300.0;
const FIFO_BATCH: f64 = 10.0;
const FIFO_HT_PER_PARTITION: f64 = 3_000.0;
/// Messages in flight at most: about 120,000 (standard), 20,000 (FIFO) [SQS-VIS].
const INFLIGHT_STANDARD: u32 = 120_000;
const INFLIGHT_FIFO: u32 = 20_000;
/// A request is billed per 64 KB chunk of its payload [P-FM-SQS].
const CHUNK_KB: f64 = 64.0;

/// Whether a consumer of this kind is invoked with whole batches (a Lambda
/// function's event source mapping) rather than polling record by record.
fn takes_batches(kind: Kind) -> bool {
    kind == Kind::Lambda
}

fn secs(v: f64) -> u64 {
    (v.max(0.0) * 1e6) as u64
}

/// Adds component `c` (node `n`) and returns its node kind.
pub(crate) fn add(
    mq: &mut Messaging,
    c: &Component,
    n: NodeIx,
    sc: &Scenario,
    seed: u64,
) -> NodeKind {
    let msg_kb = sc.mix.request_kb.max(0.0);
    let chunks = (msg_kb / CHUNK_KB).ceil().max(1.0);
    match c.kind_of() {
        Some(Kind::Sqs) => {
            mq.queues.push(sqs(c, n, chunks));
            NodeKind::Sqs((mq.queues.len() - 1) as u16)
        }
        Some(Kind::Sns) => {
            mq.topics.push(Topic {
                node: n,
                subs: Vec::new(),
                chunks,
                pending: 0,
                logged_drop: false,
                gauge: Gauge::default(),
            });
            NodeKind::Sns((mq.topics.len() - 1) as u16)
        }
        Some(Kind::Kinesis) => {
            mq.streams.push(stream(c, n, msg_kb, seed));
            NodeKind::Kinesis((mq.streams.len() - 1) as u16)
        }
        _ => {
            mq.buses.push(bus(c, n, seed));
            NodeKind::Bus((mq.buses.len() - 1) as u16)
        }
    }
}

/// The SQS queue of component `c` (node `n`), its messages billed as
/// `chunks` requests each.
fn sqs(c: &Component, n: NodeIx, chunks: f64) -> Sqs {
    let fifo = c.text("queue_type") == "fifo";
    let batching = c.flag("batching");
    let send_limit = if !fifo {
        // Standard: nearly unlimited [SQS-STD].
        u32::MAX
    } else if c.flag("high_throughput") {
        (FIFO_HT_PER_PARTITION * c.number("partitions").clamp(1.0, 100.0)) as u32
    } else if batching {
        (FIFO_CALLS_PER_S * FIFO_BATCH) as u32
    } else {
        FIFO_CALLS_PER_S as u32
    };
    Sqs {
        node: n,
        fifo,
        // Default 30 s, 0 s–12 h [SQS-VIS].
        vt_us: secs(c.number("visibility_timeout_s").clamp(0.0, 43_200.0)),
        // 60 s–14 days; default 4 days [SQS-ARCH].
        retention_us: secs(c.number("retention_s").clamp(60.0, 1_209_600.0)),
        // Default 0, at most 15 minutes [SQS-DELAY].
        delay_us: secs(c.number("delay_s").clamp(0.0, 900.0)),
        // Up to 20 s [SQS-POLL].
        wait_s: c.number("wait_s").clamp(0.0, 20.0),
        max_receives: c.number("max_receives").clamp(0.0, 1000.0) as u16,
        dlq: None,
        send_limit,
        send_share: if batching { 1.0 / FIFO_BATCH } else { 1.0 },
        inflight_limit: if fifo {
            INFLIGHT_FIFO
        } else {
            INFLIGHT_STANDARD
        },
        chunks,
        takers: Vec::new(),
        rr: 0,
        visible: Default::default(),
        visible_n: 0,
        delayed: Default::default(),
        delayed_n: 0,
        inflight: Default::default(),
        inflight_n: 0,
        timer_at: SimTime::NEVER,
        second_start: SimTime::NEVER,
        in_second: 0,
        feeding: false,
        logged_reappear: false,
        logged_dead: false,
        logged_expired: false,
        logged_throttle: false,
        gauge: Gauge::default(),
    }
}

/// The Kinesis stream of component `c` (node `n`), its records `msg_kb`
/// KB each; `seed` seeds its routing stream.
fn stream(c: &Component, n: NodeIx, msg_kb: f64, seed: u64) -> KStream {
    let on_demand = c.text("mode") == "on_demand";
    KStream {
        node: n,
        on_demand,
        start_shards: if on_demand {
            ON_DEMAND_START_SHARDS
        } else {
            // Up to 500 shards per account in us-east-1 [KDS-LIM].
            c.number("shards").clamp(1.0, 500.0) as usize
        },
        shards: Vec::new(),
        consumers: Vec::new(),
        batch: c.number("batch_size").clamp(1.0, 10_000.0) as u32,
        record_bytes: (msg_kb * 1000.0).max(1.0),
        // Minimum 24 h [KDS-LIM].
        retention_us: secs(c.number("retention_h").clamp(24.0, 8760.0) * 3600.0),
        unread: 0,
        sec_start: SimTime::NEVER,
        sec_bytes: 0.0,
        peak_bytes: 0.0,
        rng: Stream::new(seed, c.id.0, Purpose::Routing),
        logged_throttle: false,
        gauge: Gauge::default(),
    }
}

/// The EventBridge bus of component `c` (node `n`); `seed` seeds its
/// routing stream.
fn bus(c: &Component, n: NodeIx, seed: u64) -> Bus {
    Bus {
        node: n,
        targets: Vec::new(),
        match_share: (c.number("match_pct") / 100.0).clamp(0.0, 1.0),
        latency_us: (c.number("latency_ms").clamp(0.0, 10_000.0) * 1000.0) as u64,
        put_limit: c.number("put_events_per_s").clamp(1.0, 1e6) as u32,
        invoke_limit: c.number("invocations_per_s").clamp(1.0, 1e6) as u32,
        second_start: SimTime::NEVER,
        puts: 0,
        invokes: 0,
        pending: 0,
        rng: Stream::new(seed, c.id.0, Purpose::Routing),
        logged_throttle: false,
        logged_drop: false,
        gauge: Gauge::default(),
    }
}

/// A link out of a messaging node `from` to node `to` (of kind `to_kind`,
/// component kind id `to_id`, with parameters of the source component `c`).
pub(crate) fn link(
    mq: &mut Messaging,
    c: &Component,
    from: NodeKind,
    to: NodeIx,
    to_kind: NodeKind,
    to_id: Kind,
    meaning: Option<LinkMeaning>,
) {
    if matches!(meaning, Some(LinkMeaning::Control) | None) {
        return;
    }
    match from {
        NodeKind::Sqs(q) => {
            let sq = &mut mq.queues[q as usize];
            match to_kind {
                // A queue linked to a queue is its dead-letter queue.
                NodeKind::Sqs(t) => sq.dlq = Some(t),
                NodeKind::Pool(p) if !takes_batches(to_id) => {
                    sq.takers.push(Taker::Workers { pool: p });
                }
                _ => sq.takers.push(Taker::Pollers {
                    node: to,
                    batch: c.number("batch_size").clamp(1.0, 10_000.0) as u32,
                    pollers: pollers_start(),
                    max: c.number("max_pollers").clamp(2.0, 1250.0) as u32,
                    busy: 0,
                }),
            }
        }
        NodeKind::Sns(t) => mq.topics[t as usize].subs.push(Sub {
            node: to,
            managed: matches!(to_id, Kind::Sqs | Kind::Lambda),
        }),
        NodeKind::Kinesis(s) => mq.streams[s as usize].consumers.push((
            to,
            takes_batches(to_id) || !matches!(to_kind, NodeKind::Pool(_)),
        )),
        NodeKind::Bus(b) => mq.buses[b as usize].targets.push(to),
        _ => {}
    }
}

/// Once every link is known: each stream's shards get reading state for its consumers.
pub(crate) fn finish(mq: &mut Messaging) {
    for st in &mut mq.streams {
        let consumers = st.consumers.len();
        st.shards = (0..st.start_shards)
            .map(|_| Shard::for_consumers(consumers))
            .collect();
    }
}
