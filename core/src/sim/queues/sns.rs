//! SNS: a published message is answered at once and copied to every
//! subscription, with delivery retries [SNS-RETRY].

use super::super::Ev;
use super::super::engine::Engine;
use super::super::request::Cause;
use super::state::Delivery;

/// Retries without delay before any waiting: 3 [SNS-RETRY].
const IMMEDIATE_RETRIES: u16 = 3;
/// Wait between the later retries, µs. Assumption: the reference names the
/// later phases (pre-backoff, backoff, post-backoff) without their timings;
/// we retry every 20 s.
const LATER_RETRY_US: u64 = 20_000_000;
/// Attempts in all for a customer's HTTP endpoint. Assumption: not in the
/// reference; AWS's default HTTP policy is far shorter than the managed one.
const HTTP_ATTEMPTS: u16 = 50;

impl Engine {
    /// Publish: one copy per subscription, each delivered on its own.
    pub(crate) fn sns_publish(&mut self, t: usize) -> Result<(), Cause> {
        self.sns_touch(t);
        let topic = &mut self.mq.topics[t];
        topic.gauge.stats.requests += 1;
        topic.gauge.units += topic.chunks;
        for sub in 0..topic.subs.len() {
            let (d, g) = self.mq.deliveries.insert(Delivery::Sns {
                topic: t as u16,
                sub: sub as u16,
                tries: 0,
            });
            self.mq.topics[t].pending += 1;
            self.cx.q.push(self.cx.now, Ev::Deliver { d, ver: g });
        }
        Ok(())
    }

    fn sns_touch(&mut self, t: usize) {
        let now = self.cx.now;
        let topic = &mut self.mq.topics[t];
        topic.gauge.touch(now, topic.pending, 0);
    }

    /// One delivery attempt of a copy.
    pub(crate) fn sns_try(&mut self, d: u32) {
        let Delivery::Sns { topic, sub, .. } = *self.mq.deliveries.get(d) else {
            return;
        };
        let node = self.mq.topics[topic as usize].subs[sub as usize].node;
        self.mq_hand(d, node, Engine::sns_done);
    }

    /// A subscriber's answer: done, or retried by the delivery policy.
    pub(crate) fn sns_done(&mut self, d: u32, result: Result<(), Cause>) {
        let Delivery::Sns { topic, sub, tries } = *self.mq.deliveries.get(d) else {
            return;
        };
        let t = topic as usize;
        if result.is_ok() {
            self.sns_touch(t);
            let topic = &mut self.mq.topics[t];
            topic.pending -= 1;
            topic.gauge.stats.completions += 1;
            self.mq.deliveries.remove(d);
            return;
        }
        let managed = self.mq.topics[t].subs[sub as usize].managed;
        let tries = tries + 1;
        if !managed && tries >= HTTP_ATTEMPTS {
            self.sns_touch(t);
            let topic = &mut self.mq.topics[t];
            topic.pending -= 1;
            topic.gauge.stats.failures += 1;
            self.mq.deliveries.remove(d);
            if !topic.logged_drop {
                topic.logged_drop = true;
                let node = topic.node;
                self.cx.log(
                    Some(node),
                    format!("a message was discarded after {HTTP_ATTEMPTS} failed deliveries to an HTTP endpoint"),
                );
            }
            return;
        }
        if let Delivery::Sns { tries: n, .. } = self.mq.deliveries.get_mut(d) {
            *n = tries;
        }
        let wait = if tries <= IMMEDIATE_RETRIES {
            0
        } else {
            LATER_RETRY_US
        };
        let g = self.mq.deliveries.gen_of(d);
        self.cx
            .q
            .push(self.cx.now + wait, Ev::Deliver { d, ver: g });
    }
}
