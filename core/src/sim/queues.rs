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

use crate::catalog::Kind;

use super::engine::Engine;
use super::model::NodeKind;
use super::request::{Cause, Ctx};

impl Engine {
    /// A producer's message reaches a messaging node: accepted (answered at
    /// once) or throttled.
    #[inline(never)] // off the common request path: keeps its callers lean
    pub(crate) fn mq_accept(&mut self, node: u16, ctx: Ctx) {
        let result = self.mq_put(node, self.cx.now);
        self.respond(ctx, result);
    }

    /// Puts one message into a messaging node, sent at `sent_us`.
    pub(crate) fn mq_put(&mut self, node: u16, sent_us: u64) -> Result<(), Cause> {
        match self.nodes[node as usize].kind {
            NodeKind::Sqs(q) => self.sqs_send(q as usize, sent_us),
            NodeKind::Sns(t) => self.sns_publish(t as usize),
            NodeKind::Kinesis(s) => self.kds_put(s as usize),
            NodeKind::Bus(b) => self.bus_put(b as usize),
            _ => Err(Cause::Failed),
        }
    }

    /// The answer of a delivery's call.
    #[inline(never)] // off the common request path: keeps its callers lean
    pub(crate) fn delivered(&mut self, d: u32, g: u32, result: Result<(), Cause>) {
        if !self.mq.deliveries.valid(d, g) {
            // Its messages went back to the queue meanwhile; the worker is free.
            self.sqs_feed_all();
            return;
        }
        match *self.mq.deliveries.get(d) {
            Delivery::Sqs { .. } => self.sqs_done(d, result),
            Delivery::Sns { .. } => self.sns_done(d, result),
            Delivery::Shard { .. } => self.shard_done(d, result),
            Delivery::Bus { .. } => self.bus_done(d, result),
        }
    }

    /// A delivery due again (a retry, or a delayed first attempt).
    pub(crate) fn deliver(&mut self, d: u32, g: u32) {
        if !self.mq.deliveries.valid(d, g) {
            return;
        }
        match *self.mq.deliveries.get(d) {
            Delivery::Sns { .. } => self.sns_try(d),
            Delivery::Shard { .. } => self.shard_read(d),
            Delivery::Bus { .. } => self.bus_try(d),
            Delivery::Sqs { .. } => {}
        }
    }

    /// Hands a delivery to node `node`: a messaging node takes it at once, a
    /// Lambda function is invoked asynchronously (it queues and retries the
    /// event itself [LAM-ASYNC]), anything else is called and answers later.
    pub(crate) fn mq_hand(
        &mut self,
        d: u32,
        node: u16,
        done: fn(&mut Engine, u32, Result<(), Cause>),
    ) {
        if is_messaging_node(self.nodes[node as usize].kind) {
            let r = self.mq_put(node, self.cx.now);
            done(self, d, r);
        } else if self.nodes[node as usize].kind_id == Kind::Lambda {
            self.call_node(node, detached_ctx());
            done(self, d, Ok(()));
        } else {
            let g = self.mq.deliveries.gen_of(d);
            self.call_node(node, delivery_ctx(d, g));
        }
    }

    /// The periodic work of every messaging component.
    pub(crate) fn mq_tick(&mut self) {
        if self.cx.now + TICK_US < self.cx.end_us {
            self.cx.q.push(self.cx.now + TICK_US, super::Ev::MqTick);
        }
        for q in 0..self.mq.queues.len() {
            self.sqs_tick(q);
        }
        for s in 0..self.mq.streams.len() {
            self.kds_tick(s);
        }
    }

    /// Pool `p` has new capacity (an instance came into service).
    pub(crate) fn mq_capacity_up(&mut self, p: u16) {
        for q in 0..self.mq.queues.len() {
            if self.mq.queues[q]
                .takers
                .iter()
                .any(|t| matches!(t, Taker::Workers { pool } if *pool == p))
            {
                self.sqs_feed(q);
            }
        }
    }
}
