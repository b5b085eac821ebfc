//! Messaging: SQS queues, SNS topics, Kinesis data streams and EventBridge buses.
//!
//! A producer hands a message over and moves on: its answer comes at once
//! (unless the service throttles it); consumers take messages at their own
//! pace. Messages waiting in a queue or a shard are kept as runs of
//! (first sent time, count), so a large backlog costs little memory; only
//! messages being delivered or processed have an entry of their own, a
//! [`Delivery`].
//!
//! A delivery's answer finds its way back through the caller context: a
//! [`Ctx`](super::request::Ctx) whose `parent` carries [`DELIVERY`] names a
//! delivery, not a call.
//!
//! The services here are methods on [`Messaging`]: they are handed the
//! run's context ([`Cx`]) and the few other arrays they read, and return
//! what crosses to the rest of the run as a [`Next`] for the engine to
//! carry out (enter an instance, call a node, feed a queue).

mod bus;
mod kinesis;
mod parts;
mod sns;
mod sqs;
pub(crate) mod state;
mod stats;

pub(crate) use parts::{add, finish, link};
pub(crate) use state::*;
pub(crate) use stats::summarize;

use super::ix::NodeIx;
use super::ix::PoolIx;
use crate::catalog::Kind;

use super::Ev;
use super::cx::Cx;
use super::model::{Node, NodeKind};
use super::request::Cause;
use super::time::SimTime;

impl Messaging {
    /// Puts one message into the messaging node of kind `kind`, sent at
    /// `sent`: accepted (with what the engine does next) or throttled.
    pub(crate) fn put(
        &mut self,
        cx: &mut Cx,
        kind: NodeKind,
        sent: SimTime,
    ) -> Result<Next, Cause> {
        match kind {
            NodeKind::Sqs(q) => self.sqs_send(cx, q as usize, sent),
            NodeKind::Sns(t) => self.sns_publish(cx, t as usize).map(|()| Next::Nothing),
            NodeKind::Kinesis(s) => self.kds_put(cx, s as usize).map(|()| Next::Nothing),
            NodeKind::Bus(b) => self.bus_put(cx, b as usize).map(|()| Next::Nothing),
            _ => Err(Cause::Failed),
        }
    }

    /// The answer of a delivery's call.
    pub(crate) fn delivered(
        &mut self,
        cx: &mut Cx,
        d: u32,
        g: u32,
        result: Result<(), Cause>,
    ) -> Next {
        if !self.deliveries.valid(d, g) {
            // Its messages went back to the queue meanwhile; the worker is free.
            return Next::FeedAll;
        }
        match *self.deliveries.get(d) {
            Delivery::Sqs { .. } => self.sqs_done(cx, d, result),
            Delivery::Sns { .. } => {
                self.sns_done(cx, d, result);
                Next::Nothing
            }
            Delivery::Shard { .. } => self.shard_done(cx, d, result),
            Delivery::Bus { .. } => {
                self.bus_done(cx, d, result);
                Next::Nothing
            }
        }
    }

    /// A delivery due again (a retry, or a delayed first attempt); `nodes`
    /// tell how its consumer takes it.
    pub(crate) fn deliver(&mut self, cx: &mut Cx, nodes: &[Node], d: u32, g: u32) -> Next {
        if !self.deliveries.valid(d, g) {
            return Next::Nothing;
        }
        match *self.deliveries.get(d) {
            Delivery::Sns { .. } => self.sns_try(nodes, d),
            Delivery::Shard { .. } => self.shard_read(cx, d),
            Delivery::Bus { .. } => self.bus_try(cx, nodes, d),
            Delivery::Sqs { .. } => Next::Nothing,
        }
    }

    /// The answer for delivery `d` after the engine put it into a messaging
    /// node or invoked a function with it ([`Next::Put`], [`Next::Invoke`]).
    pub(crate) fn settle(&mut self, cx: &mut Cx, d: u32, result: Result<(), Cause>) {
        match *self.deliveries.get(d) {
            Delivery::Sns { .. } => self.sns_done(cx, d, result),
            Delivery::Bus { .. } => self.bus_done(cx, d, result),
            Delivery::Sqs { .. } | Delivery::Shard { .. } => {}
        }
    }

    /// How delivery `d` reaches node `node`: a messaging node takes it at
    /// once, a Lambda function is invoked asynchronously (it queues and
    /// retries the event itself [LAM-ASYNC]), anything else is called and
    /// answers later.
    fn hand(&self, nodes: &[Node], d: u32, node: NodeIx) -> Next {
        if is_messaging_node(nodes[node.idx()].kind) {
            Next::Put { node, d }
        } else if nodes[node.idx()].kind_id == Kind::Lambda {
            Next::Invoke { node, d }
        } else {
            let g = self.deliveries.gen_of(d);
            Next::Call(node, delivery_ctx(d, g))
        }
    }

    /// Schedules the next round of periodic work, unless the run ends first.
    pub(crate) fn schedule_tick(&mut self, cx: &mut Cx) {
        if cx.now + TICK_US < cx.end {
            cx.q.push(cx.now + TICK_US, Ev::MqTick);
        }
    }

    /// Whether workers of pool `p` take messages from queue `q`.
    pub(crate) fn worked_by(&self, q: usize, p: PoolIx) -> bool {
        self.queues[q]
            .takers
            .iter()
            .any(|t| matches!(t, Taker::Workers { pool } if *pool == p))
    }

    /// Messages visible in the queues pool `p` works from (the
    /// ApproximateNumberOfMessagesVisible metric), if it works from any.
    pub(crate) fn visible_for_pool(&self, p: PoolIx) -> Option<u64> {
        let mut found = None;
        for sq in &self.queues {
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
