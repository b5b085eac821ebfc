//! EventBridge: PutEvents within the bus's quota, rules that match a share
//! of events, delivery to every target after the bus's latency, with retries.

use super::super::Ev;
use super::super::cx::Cx;
use super::super::model::Node;
use super::super::request::Cause;
use super::super::time::SimTime;
use super::state::{Delivery, Messaging, Next};

/// A target's failed invocation is retried for 24 hours and up to 185 times,
/// with exponential backoff. Assumption: AWS's documented retry policy, not in
/// the reference.
const MAX_TRIES: u16 = 185;
const MAX_AGE_US: u64 = 86_400_000_000;
/// First backoff and its ceiling, µs (assumption).
const BACKOFF_US: u64 = 1_000_000;
const BACKOFF_CAP_US: u64 = 300_000_000;

impl Messaging {
    /// PutEvents: accepted (rules then match and deliver) or throttled above
    /// the bus's quota.
    pub(crate) fn bus_put(&mut self, cx: &mut Cx, b: usize) -> Result<(), Cause> {
        let now = cx.now;
        self.bus_window(now, b);
        let bus = &mut self.buses[b];
        bus.gauge.stats.requests += 1;
        if bus.puts >= bus.put_limit {
            bus.gauge.stats.rejections += 1;
            if !bus.logged_throttle {
                bus.logged_throttle = true;
                let (node, limit) = (bus.node, bus.put_limit);
                cx.log(
                    Some(node),
                    format!("PutEvents quota reached ({limit} events/s); events are throttled"),
                );
            }
            return Err(Cause::Throttled);
        }
        bus.puts += 1;
        bus.gauge.units += 1.0;
        if !bus.rng.chance(bus.match_share) {
            return Ok(());
        }
        let at = now + bus.latency_us;
        bus.gauge.touch(now, bus.pending, 0);
        for target in 0..bus.targets.len() {
            let (d, g) = self.deliveries.insert(Delivery::Bus {
                bus: b as u16,
                target: target as u16,
                tries: 0,
                sent: now,
            });
            self.buses[b].pending += 1;
            cx.q.push(at, Ev::Deliver { d, ver: g });
        }
        Ok(())
    }

    /// Starts bus `b`'s quota window afresh when `now` is in a new second.
    fn bus_window(&mut self, now: SimTime, b: usize) {
        let bus = &mut self.buses[b];
        let second = now.second_start();
        if second != bus.second_start {
            bus.second_start = second;
            bus.puts = 0;
            bus.invokes = 0;
        }
    }

    /// Invokes one target with a matched event, within the invocation
    /// quota: how it reaches the target (`nodes` tell what the target is).
    pub(crate) fn bus_try(&mut self, cx: &mut Cx, nodes: &[Node], d: u32) -> Next {
        let Delivery::Bus { bus, target, .. } = *self.deliveries.get(d) else {
            return Next::Nothing;
        };
        let b = bus as usize;
        self.bus_window(cx.now, b);
        let bus = &mut self.buses[b];
        if bus.invokes >= bus.invoke_limit {
            self.bus_done(cx, d, Err(Cause::Throttled));
            return Next::Nothing;
        }
        bus.invokes += 1;
        let node = bus.targets[target as usize];
        self.hand(nodes, d, node)
    }

    /// A target's answer: done, retried with backoff, or dropped.
    pub(crate) fn bus_done(&mut self, cx: &mut Cx, d: u32, result: Result<(), Cause>) {
        let Delivery::Bus {
            bus, tries, sent, ..
        } = *self.deliveries.get(d)
        else {
            return;
        };
        let now = cx.now;
        let b = bus as usize;
        let tries = tries + 1;
        let bus = &mut self.buses[b];
        if result.is_ok() || tries >= MAX_TRIES || now - sent >= MAX_AGE_US {
            bus.gauge.touch(now, bus.pending, 0);
            bus.pending -= 1;
            self.deliveries.remove(d);
            if result.is_ok() {
                bus.gauge.stats.completions += 1;
            } else {
                bus.gauge.stats.failures += 1;
                if !bus.logged_drop {
                    bus.logged_drop = true;
                    let node = bus.node;
                    cx.log(
                        Some(node),
                        format!("an event was dropped after {tries} failed invocations"),
                    );
                }
            }
            return;
        }
        if let Delivery::Bus { tries: n, .. } = self.deliveries.get_mut(d) {
            *n = tries;
        }
        // Exponential backoff with full jitter (assumption).
        let cap = (BACKOFF_US << u32::from(tries.min(16))).min(BACKOFF_CAP_US);
        let wait = (bus.rng.uniform() * cap as f64) as u64 + 1;
        let g = self.deliveries.gen_of(d);
        cx.q.push(now + wait, Ev::Deliver { d, ver: g });
    }
}
