//! The engine's side of messaging: hands the services in
//! [`queues`](super::super::queues) the context and the arrays they read,
//! and carries out what they return ([`Next`]) at once, in their order.

use super::super::ix::PoolIx;
use super::super::queues::{Next, detached_ctx};
use super::super::request::{Cause, Ctx};
use super::Engine;
use crate::sim::ix::NodeIx;
use crate::sim::time::SimTime;

impl Engine {
    /// A producer's message reaches a messaging node: accepted (answered at
    /// once) or throttled.
    #[inline(never)] // off the common request path: keeps its callers lean
    pub(crate) fn mq_accept(&mut self, node: NodeIx, ctx: Ctx) {
        let result = self.mq_put(node, self.cx.now);
        self.respond(ctx, result);
    }

    /// Puts one message into a messaging node, sent at `sent`.
    pub(crate) fn mq_put(&mut self, node: NodeIx, sent: SimTime) -> Result<(), Cause> {
        let kind = self.nodes[node.idx()].kind;
        let next = self.mq.put(&mut self.cx, kind, sent)?;
        self.mq_next(next);
        Ok(())
    }

    /// The answer of a delivery's call.
    #[inline(never)] // off the common request path: keeps its callers lean
    pub(crate) fn delivered(&mut self, d: u32, g: u32, result: Result<(), Cause>) {
        let next = self.mq.delivered(&mut self.cx, d, g, result);
        self.mq_next(next);
    }

    /// A delivery due again (a retry, or a delayed first attempt).
    pub(crate) fn deliver(&mut self, d: u32, g: u32) {
        let next = self.mq.deliver(&mut self.cx, &self.nodes, d, g);
        self.mq_next(next);
    }

    /// Carries out what a messaging service returned.
    fn mq_next(&mut self, next: Next) {
        match next {
            Next::Nothing => {}
            Next::Feed(q) => self.sqs_feed(q),
            Next::FeedAll => self.sqs_feed_all(),
            Next::Enter(i, ctx) => self.enter(i, ctx),
            Next::Call(node, ctx) => self.call_node(node, ctx),
            Next::Put { node, d } => {
                let r = self.mq_put(node, self.cx.now);
                self.mq.settle(&mut self.cx, d, r);
            }
            Next::Invoke { node, d } => {
                self.call_node(node, detached_ctx());
                self.mq.settle(&mut self.cx, d, Ok(()));
            }
        }
    }

    /// The periodic work of every messaging component.
    pub(crate) fn mq_tick(&mut self) {
        self.mq.schedule_tick(&mut self.cx);
        for q in 0..self.mq.queues.len() {
            self.sqs_tick(q);
        }
        for s in 0..self.mq.streams.len() {
            self.kds_tick(s);
        }
    }

    /// Pool `p` has new capacity (an instance came into service).
    pub(crate) fn mq_capacity_up(&mut self, p: PoolIx) {
        for q in 0..self.mq.queues.len() {
            if self.mq.worked_by(q, p) {
                self.sqs_feed(q);
            }
        }
    }

    /// Gives queue `q`'s waiting messages to free consumers until one side
    /// runs out.
    pub(crate) fn sqs_feed(&mut self, q: usize) {
        if !self.mq.sqs_feed_start(&mut self.cx, q) {
            return;
        }
        loop {
            let Engine {
                cx,
                mq,
                pools,
                insts,
                ..
            } = self;
            let Some(next) = mq.sqs_feed_next(cx, q, pools, insts) else {
                break;
            };
            self.mq_next(next);
        }
        self.mq.sqs_feed_stop(q);
    }

    /// Feeds every queue (after a consumer's message came back on its own).
    pub(crate) fn sqs_feed_all(&mut self) {
        for q in 0..self.mq.queues.len() {
            self.sqs_feed(q);
        }
    }

    /// The queue's timer: delayed messages become visible, expired receives
    /// reappear; then the queue, and a dead-letter queue that took
    /// messages, are fed.
    pub(crate) fn sqs_timer(&mut self, q: usize) {
        let dead_to = self.mq.sqs_timer(&mut self.cx, q, &self.nodes);
        self.sqs_feed(q);
        if let Some(to) = dead_to {
            self.sqs_feed(to);
        }
    }

    /// Queue `q`'s work of the second, then any consumer that became free
    /// on its own is fed.
    fn sqs_tick(&mut self, q: usize) {
        self.mq.sqs_tick(&mut self.cx, q, &self.pools);
        self.sqs_feed(q);
    }

    /// Stream `s`'s work of the second, then the reads it starts.
    fn kds_tick(&mut self, s: usize) {
        let mut reads = self.mq.kds_tick(&mut self.cx, s);
        while let Some(next) = self.mq.kds_next_read(&mut self.cx, &mut reads) {
            self.mq_next(next);
        }
    }

    /// Messages visible in the queues pool `p` works from, if any.
    pub(crate) fn visible_for_pool(&self, p: PoolIx) -> Option<u64> {
        self.mq.visible_for_pool(p)
    }

    /// Closes the bucket of every messaging component; returns their cost.
    pub(crate) fn mq_close_bucket(&mut self, start: SimTime) -> f64 {
        self.mq
            .close_bucket(&self.cx, start, &mut self.series, &mut self.node_cost)
    }
}
