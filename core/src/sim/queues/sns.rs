//! SNS: a published message is answered at once and copied to every
//! subscription, with delivery retries [SNS-RETRY].

use super::super::Ev;
use super::super::cx::Cx;
use super::super::model::Node;
use super::super::request::Cause;
use super::super::time::SimTime;
use super::state::{Delivery, Messaging, Next};

/// Retries without delay before any waiting: 3 [SNS-RETRY].
const IMMEDIATE_RETRIES: u16 = 3;
/// Wait between the later retries, µs. Assumption: the reference names the
/// later phases (pre-backoff, backoff, post-backoff) without their timings;
/// we retry every 20 s.
const LATER_RETRY_US: u64 = 20_000_000;
/// Attempts in all for a customer's HTTP endpoint. Assumption: not in the
/// reference; AWS's default HTTP policy is far shorter than the managed one.
const HTTP_ATTEMPTS: u16 = 50;

impl Messaging {
    /// Publish: one copy per subscription, each delivered on its own.
    pub(crate) fn sns_publish(&mut self, cx: &mut Cx, t: usize) -> Result<(), Cause> {
        self.sns_touch(cx.now, t);
        let topic = &mut self.topics[t];
        topic.gauge.stats.requests += 1;
        topic.gauge.units += topic.chunks;
        for sub in 0..topic.subs.len() {
            let (d, g) = self.deliveries.insert(Delivery::Sns {
                topic: t as u16,
                sub: sub as u16,
                tries: 0,
            });
            self.topics[t].pending += 1;
            cx.q.push(cx.now, Ev::Deliver { d, ver: g });
        }
        Ok(())
    }

    /// Brings topic `t`'s gauge up to `now`.
    fn sns_touch(&mut self, now: SimTime, t: usize) {
        let topic = &mut self.topics[t];
        topic.gauge.touch(now, topic.pending, 0);
    }

    /// One delivery attempt of a copy: how it reaches its subscriber
    /// (`nodes` tell what the subscriber is).
    pub(crate) fn sns_try(&self, nodes: &[Node], d: u32) -> Next {
        let Delivery::Sns { topic, sub, .. } = *self.deliveries.get(d) else {
            return Next::Nothing;
        };
        let node = self.topics[topic as usize].subs[sub as usize].node;
        self.hand(nodes, d, node)
    }

    /// A subscriber's answer: done, or retried by the delivery policy.
    pub(crate) fn sns_done(&mut self, cx: &mut Cx, d: u32, result: Result<(), Cause>) {
        let Delivery::Sns { topic, sub, tries } = *self.deliveries.get(d) else {
            return;
        };
        let t = topic as usize;
        if result.is_ok() {
            self.sns_touch(cx.now, t);
            let topic = &mut self.topics[t];
            topic.pending -= 1;
            topic.gauge.stats.completions += 1;
            self.deliveries.remove(d);
            return;
        }
        let managed = self.topics[t].subs[sub as usize].managed;
        let tries = tries + 1;
        if !managed && tries >= HTTP_ATTEMPTS {
            self.sns_touch(cx.now, t);
            let topic = &mut self.topics[t];
            topic.pending -= 1;
            topic.gauge.stats.failures += 1;
            self.deliveries.remove(d);
            if !topic.logged_drop {
                topic.logged_drop = true;
                let node = topic.node;
                cx.log(
                    Some(node),
                    format!("a message was discarded after {HTTP_ATTEMPTS} failed deliveries to an HTTP endpoint"),
                );
            }
            return;
        }
        if let Delivery::Sns { tries: n, .. } = self.deliveries.get_mut(d) {
            *n = tries;
        }
        let wait = if tries <= IMMEDIATE_RETRIES {
            0
        } else {
            LATER_RETRY_US
        };
        let g = self.deliveries.gen_of(d);
        cx.q.push(cx.now + wait, Ev::Deliver { d, ver: g });
    }
}
