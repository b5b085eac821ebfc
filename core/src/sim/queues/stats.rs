//! Messaging metrics per bucket (depth, in flight, age of the oldest message
//! or iterator age, cost) and per run.

use super::super::cx::Cx;
use super::super::model::Counters;
use super::super::time::SimTime;
use super::state::{Gauge, Messaging};
use crate::cost;
use crate::run::{ComponentPoint, ComponentSeries, ComponentSummary};
use crate::sim::ix::NodeIx;

/// A bucket's point from a gauge: counts, mean depth and in-flight, cost.
fn point(g: &mut Gauge, width_us: f64, cost: f64, waiting_scale: f64) -> ComponentPoint {
    let s = std::mem::take(&mut g.stats);
    let p = ComponentPoint {
        requests: s.requests,
        completions: s.completions,
        rejections: s.rejections,
        failures: s.failures,
        queue_len: g.waiting_area / width_us * waiting_scale,
        in_flight: g.inflight_area / width_us,
        cost_per_hour: cost / width_us * 3.6e9,
        ..ComponentPoint::default()
    };
    g.waiting_area = 0.0;
    g.inflight_area = 0.0;
    g.units = 0.0;
    g.bytes = 0.0;
    g.stats = Counters::default();
    p
}

impl Messaging {
    /// Closes the bucket that started at `start` for every messaging
    /// component: a point in its node's `series`, its cost added to
    /// `node_cost`; returns their cost.
    pub(crate) fn close_bucket(
        &mut self,
        cx: &Cx,
        start: SimTime,
        series: &mut [ComponentSeries],
        node_cost: &mut [f64],
    ) -> f64 {
        let now = cx.now;
        let w = (now - start) as f64;
        let hours = w / 3.6e9;
        let mut total = 0.0;
        let mut push_point = |node: NodeIx, p: ComponentPoint, c: f64| {
            series[node.idx()].points.push(p);
            node_cost[node.idx()] += c;
        };
        for q in 0..self.queues.len() {
            let age = self.queues[q]
                .visible
                .front()
                .map_or(0, |h| now.saturating_since(h.sent));
            let sq = &mut self.queues[q];
            sq.gauge.touch(now, sq.visible_n, sq.inflight_n);
            let price = if sq.fifo {
                cost::SQS_FIFO_PER_M
            } else {
                cost::SQS_STANDARD_PER_M
            };
            let c = sq.gauge.units * price / 1e6;
            let mut p = point(&mut sq.gauge, w, c, 1.0);
            p.age_s = age as f64 / 1e6;
            push_point(sq.node, p, c);
            total += c;
        }
        for topic in &mut self.topics {
            topic.gauge.touch(now, topic.pending, 0);
            let c = topic.gauge.units * cost::SNS_PUBLISH_PER_M / 1e6;
            let p = point(&mut topic.gauge, w, c, 1.0);
            push_point(topic.node, p, c);
            total += c;
        }
        for s in 0..self.streams.len() {
            let age = self.iterator_age_us(now, s);
            let st = &mut self.streams[s];
            st.gauge.touch(now, st.unread, 0);
            let c = if st.on_demand {
                hours * cost::KDS_ON_DEMAND_STREAM_HOUR
                    + st.gauge.bytes / 1e9 * cost::KDS_ON_DEMAND_PER_GB
            } else {
                hours * st.shards.len() as f64 * cost::KDS_SHARD_HOUR
                    + st.gauge.units * cost::KDS_PUT_UNITS_PER_M / 1e6
            };
            let scale = 1.0 / st.consumers.len().max(1) as f64;
            let mut p = point(&mut st.gauge, w, c, scale);
            p.age_s = age as f64 / 1e6;
            push_point(st.node, p, c);
            total += c;
        }
        for bus in &mut self.buses {
            bus.gauge.touch(now, bus.pending, 0);
            let c = bus.gauge.units * cost::EVENTBRIDGE_PER_M / 1e6;
            let p = point(&mut bus.gauge, w, c, 1.0);
            push_point(bus.node, p, c);
            total += c;
        }
        total
    }
}

/// A messaging component's run statistics from its points (buckets that
/// start at or after the warm-up end).
pub(crate) fn summarize(
    points: &[ComponentPoint],
    bucket_s: f64,
    warm_s: f64,
    s: &mut ComponentSummary,
) {
    let first = if bucket_s > 0.0 {
        (warm_s / bucket_s).ceil() as usize
    } else {
        0
    };
    let pts = points.get(first..).unwrap_or(&[]);
    s.requests = pts.iter().map(|p| p.requests).sum();
    s.completions = pts.iter().map(|p| p.completions).sum();
    s.rejections = pts.iter().map(|p| p.rejections).sum();
    s.failures = pts.iter().map(|p| p.failures).sum();
    if !pts.is_empty() {
        let n = pts.len() as f64;
        s.mean_queue_len = pts.iter().map(|p| p.queue_len).sum::<f64>() / n;
        s.mean_in_flight = pts.iter().map(|p| p.in_flight).sum::<f64>() / n;
        s.throughput_per_s = s.completions as f64 / (n * bucket_s).max(1e-9);
    }
}
