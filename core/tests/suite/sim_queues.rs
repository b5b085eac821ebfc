//! Messaging in the simulator: SQS (workers, visibility timeout, FIFO limits,
//! dead-letter queue, retention), SNS fan-out, Kinesis shard limits and
//! iterator age, EventBridge quotas, queue-depth scaling, and their cost.

use crate::support::log_times;
use crate::support::{self, Part, b, n, t};
use skydraft_core::design::{ComponentId, Design, ParamValue};
use skydraft_core::run::{ComponentPoint, Run};
use skydraft_core::scenario::{Event, FailureMode, Scenario, Shape, TimedEvent, Traffic};
use skydraft_core::sim;

/// Users reach messaging through a producer: an EC2 front (id 90) that
/// takes 1 ms per request and sends on, standing in for the application.
const FRONT: u32 = 90;

fn design(parts: &[Part<'_>], links: &[(u32, u32)]) -> Design {
    let mut parts = parts.to_vec();
    parts.push((
        FRONT,
        "ec2",
        vec![
            ("workers", n(1000.0)),
            ("service_ms", n(1.0)),
            ("queue", n(0.0)),
        ],
    ));
    let mut routed = Vec::new();
    for &(from, to) in links {
        if from == 1 {
            routed.push((1, FRONT));
            routed.push((FRONT, to));
        } else {
            routed.push((from, to));
        }
    }
    support::design(&parts, &routed)
}

fn sc(duration_s: f64, bucket_s: f64, events: Vec<(f64, Event)>) -> Scenario {
    Scenario {
        duration_s,
        seed: 11,
        bucket_s,
        timeline: events
            .into_iter()
            .map(|(at_s, event)| TimedEvent { at_s, event })
            .collect(),
        ..Scenario::default()
    }
}

fn points(run: &Run, id: u32) -> &[ComponentPoint] {
    &run.series
        .iter()
        .find(|s| s.id == ComponentId(id))
        .expect("component has a series")
        .points
}

fn sum(pts: &[ComponentPoint], f: impl Fn(&ComponentPoint) -> u64) -> u64 {
    pts.iter().map(f).sum()
}

fn in_service(p: &ComponentPoint) -> u32 {
    p.instances.in_service
}

/// Users → SQS → worker group tracking backlog per instance (target 50).
fn worker_design(queue: Vec<(&'static str, ParamValue)>) -> Design {
    design(
        &[
            (1, "users", vec![("rate", n(20.0))]),
            (2, "sqs", queue),
            (
                3,
                "asg",
                vec![
                    ("min", n(1.0)),
                    ("desired", n(1.0)),
                    ("max", n(10.0)),
                    ("workers", n(8.0)),
                    ("service_ms", n(200.0)),
                    ("boot_s", n(30.0)),
                    ("warmup_s", n(30.0)),
                    ("metric", t("queue_backlog")),
                    ("target_value", n(50.0)),
                ],
            ),
        ],
        &[(1, 2), (2, 3)],
    )
}

#[test]
fn worker_group_scales_out_on_queue_depth_drains_and_scales_in() {
    // 20 msg/s base, one instance serves 40/s; a 5× burst (100/s) from 300 s
    // to 600 s builds a backlog the group must scale out for.
    let d = worker_design(vec![]);
    let mut s = sc(2400.0, 30.0, vec![]);
    s.traffic.push(Traffic {
        source: Some(ComponentId(1)),
        shape: Shape::Spike {
            at_s: 300.0,
            duration_s: 300.0,
            factor: 5.0,
        },
    });
    let run = sim::run(&d, &s).expect("runs");
    let q = points(&run, 2);
    let w = points(&run, 3);
    let at = |t_s: f64| (t_s / 30.0) as usize;
    // Before the burst: one instance keeps the queue near empty.
    assert_eq!(in_service(&w[at(270.0)]), 1);
    assert!(q[at(270.0)].queue_len < 5.0, "{}", q[at(270.0)].queue_len);
    // The burst grows the queue first …
    let peak_depth = q.iter().map(|p| p.queue_len).fold(0.0, f64::max);
    assert!(peak_depth > 500.0, "peak depth {peak_depth}");
    let peak_age = q.iter().map(|p| p.age_s).fold(0.0, f64::max);
    assert!(peak_age > 10.0, "oldest message age {peak_age}");
    // … then the fleet.
    let peak = w.iter().map(in_service).max().unwrap_or(0);
    assert!(peak >= 4, "peak instances {peak}");
    assert!(!log_times(&run, "target tracking: backlog per instance").is_empty());
    // The backlog drains and the group scales back in.
    assert!(q[at(1500.0)].queue_len < 5.0, "{}", q[at(1500.0)].queue_len);
    let last = w.last().map_or(0, in_service);
    assert!(last < peak, "still {last} instances of {peak}");
    assert!(!log_times(&run, "below").is_empty());
    // Every accepted message was processed once (none expired or failed).
    let sent = sum(q, |p| p.requests);
    let deleted = sum(q, |p| p.completions);
    assert!(sent > 50_000);
    assert!(sent - deleted < 200, "sent {sent}, deleted {deleted}");
    assert_eq!(sum(q, |p| p.failures), 0);
}

#[test]
fn producer_does_not_wait_for_processing() {
    // Workers take 2 s per message; the sender's answer comes at once.
    let d = design(
        &[
            (1, "users", vec![("rate", n(5.0))]),
            (2, "sqs", vec![]),
            (
                3,
                "asg",
                vec![
                    ("workers", n(20.0)),
                    ("service_ms", n(2000.0)),
                    ("policy", t("none")),
                ],
            ),
        ],
        &[(1, 2), (2, 3)],
    );
    let run = sim::run(&d, &sc(300.0, 10.0, vec![])).expect("runs");
    assert!(run.totals.completions > 1000);
    assert!(run.totals.p99_ms < 10.0, "p99 {} ms", run.totals.p99_ms);
    let w = run
        .components
        .iter()
        .find(|c| c.id == ComponentId(3))
        .expect("workers");
    assert!(w.mean_time_ms > 1500.0, "{}", w.mean_time_ms);
}

/// A message whose worker crashes: when does it reappear?
fn crash_run(vt_s: f64) -> Run {
    let d = design(
        &[
            (1, "users", vec![("rate", n(0.5))]),
            (2, "sqs", vec![("visibility_timeout_s", n(vt_s))]),
            (
                3,
                "asg",
                vec![
                    ("min", n(2.0)),
                    ("desired", n(2.0)),
                    ("max", n(2.0)),
                    ("workers", n(1.0)),
                    ("service_ms", n(60_000.0)),
                    ("policy", t("none")),
                ],
            ),
        ],
        &[(1, 2), (2, 3)],
    );
    let fail = Event::InstanceFailure {
        target: ComponentId(3),
        count: 1,
        mode: FailureMode::Crash,
    };
    sim::run(&d, &sc(600.0, 10.0, vec![(40.0, fail)])).expect("runs")
}

#[test]
fn message_of_a_dead_worker_reappears_after_the_visibility_timeout() {
    // Both workers hold a message from their first seconds; one dies at 40 s.
    // Its message reappears when its receive's visibility timeout ends, not at
    // the crash: between 120 and 160 s with 120 s, 300 and 340 s with 300 s.
    for (vt, lo, hi) in [(120.0, 120.0, 160.0), (300.0, 300.0, 340.0)] {
        let run = crash_run(vt);
        let back = log_times(&run, "reappeared");
        assert_eq!(back.len(), 1, "{:?}", run.log);
        assert!(
            back[0] >= lo && back[0] <= hi,
            "vt {vt}: reappeared at {}",
            back[0]
        );
    }
}

#[test]
fn fifo_throughput_is_capped() {
    let accepted_per_s = |queue: Vec<(&'static str, ParamValue)>| {
        let d = design(
            &[(1, "users", vec![("rate", n(5000.0))]), (2, "sqs", queue)],
            &[(1, 2)],
        );
        let run = sim::run(&d, &sc(20.0, 10.0, vec![])).expect("runs");
        let q = points(&run, 2);
        let ok = sum(q, |p| p.requests) - sum(q, |p| p.rejections);
        (ok as f64 / 20.0, run.totals.errors.throttled)
    };
    // 300 calls/s [SQS-FIFO].
    let (fifo, throttled) = accepted_per_s(vec![("queue_type", t("fifo"))]);
    assert!((fifo - 300.0).abs() < 1.0, "{fifo}");
    assert!(throttled > 50_000, "{throttled}");
    // 3,000 messages/s in batches of 10.
    let (batched, _) = accepted_per_s(vec![("queue_type", t("fifo")), ("batching", b(true))]);
    assert!((batched - 3000.0).abs() < 5.0, "{batched}");
    // High throughput: 3,000 per partition.
    let (ht, _) = accepted_per_s(vec![
        ("queue_type", t("fifo")),
        ("high_throughput", b(true)),
        ("partitions", n(2.0)),
    ]);
    assert!(ht > 4900.0, "{ht}");
    // Standard: no limit.
    let (std, throttled) = accepted_per_s(vec![]);
    assert!(std > 4900.0, "{std}");
    assert_eq!(throttled, 0);
}

#[test]
fn failing_messages_go_to_the_dead_letter_queue_after_max_receives() {
    // The worker's downstream always fails, so no message is ever deleted.
    let d = design(
        &[
            (1, "users", vec![("rate", n(2.0))]),
            (
                2,
                "sqs",
                vec![("visibility_timeout_s", n(5.0)), ("max_receives", n(3.0))],
            ),
            (3, "asg", vec![("policy", t("none"))]),
            (
                4,
                "http_backend",
                vec![("error_pct", n(100.0)), ("latency_ms", n(10.0))],
            ),
            (5, "sqs", vec![]),
        ],
        &[(1, 2), (2, 3), (3, 4), (2, 5)],
    );
    let run = sim::run(&d, &sc(300.0, 10.0, vec![])).expect("runs");
    let q = points(&run, 2);
    let dlq = points(&run, 5);
    let dead = sum(q, |p| p.failures);
    let sent = sum(q, |p| p.requests);
    assert!(dead > sent * 8 / 10, "dead {dead} of {sent}");
    assert_eq!(sum(q, |p| p.completions), 0);
    // Three receives 5 s apart: each message takes about 15 s to move.
    let end = dlq.last().expect("points").queue_len;
    assert!(end > 0.8 * dead as f64, "dlq holds {end}");
    assert!(!log_times(&run, "received 3 times was moved to").is_empty());
    let backend = points(&run, 4);
    let tries = sum(backend, |p| p.requests);
    assert!(tries > 2 * dead, "{tries} tries for {dead} messages");
}

#[test]
fn unread_messages_expire_after_the_retention_period() {
    let d = design(
        &[
            (1, "users", vec![("rate", n(10.0))]),
            (2, "sqs", vec![("retention_s", n(60.0))]),
        ],
        &[(1, 2)],
    );
    let run = sim::run(&d, &sc(300.0, 10.0, vec![])).expect("runs");
    let q = points(&run, 2);
    assert!(sum(q, |p| p.failures) > 1500);
    let last = q.last().expect("points");
    assert!(
        last.queue_len < 700.0 && last.queue_len > 500.0,
        "{}",
        last.queue_len
    );
    assert!(last.age_s <= 61.0, "{}", last.age_s);
}

#[test]
fn delivery_delay_holds_messages_back() {
    let d = design(
        &[
            (1, "users", vec![("rate", n(10.0))]),
            (2, "sqs", vec![("delay_s", n(60.0))]),
            (
                3,
                "ec2",
                vec![("workers", n(50.0)), ("service_ms", n(10.0))],
            ),
        ],
        &[(1, 2), (2, 3)],
    );
    let run = sim::run(&d, &sc(120.0, 10.0, vec![])).expect("runs");
    let w = points(&run, 3);
    assert_eq!(sum(&w[..5], |p| p.requests), 0);
    assert!(sum(&w[7..], |p| p.requests) > 400);
}

#[test]
fn sns_delivers_a_copy_to_every_subscriber() {
    let d = design(
        &[
            (1, "users", vec![("rate", n(20.0))]),
            (2, "sns", vec![]),
            (3, "sqs", vec![]),
            (4, "sqs", vec![]),
            (
                5,
                "http_backend",
                vec![("latency_ms", n(20.0)), ("concurrency", n(100.0))],
            ),
        ],
        &[(1, 2), (2, 3), (2, 4), (2, 5)],
    );
    let run = sim::run(&d, &sc(120.0, 10.0, vec![])).expect("runs");
    let published = sum(points(&run, 2), |p| p.requests);
    assert!(published > 2000);
    assert_eq!(sum(points(&run, 3), |p| p.requests), published);
    assert_eq!(sum(points(&run, 4), |p| p.requests), published);
    let http = sum(points(&run, 5), |p| p.completions);
    assert!(
        http + 5 >= published && http <= published,
        "{http} of {published}"
    );
    assert!(run.totals.p99_ms < 10.0, "p99 {} ms", run.totals.p99_ms);
}

#[test]
fn sns_retries_a_failing_http_endpoint() {
    // Half the deliveries fail; retries (3 immediate) bring nearly all through.
    let d = design(
        &[
            (1, "users", vec![("rate", n(20.0))]),
            (2, "sns", vec![]),
            (
                3,
                "http_backend",
                vec![
                    ("latency_ms", n(20.0)),
                    ("concurrency", n(100.0)),
                    ("error_pct", n(50.0)),
                ],
            ),
        ],
        &[(1, 2), (2, 3)],
    );
    let run = sim::run(&d, &sc(120.0, 10.0, vec![])).expect("runs");
    let topic = points(&run, 2);
    let published = sum(topic, |p| p.requests);
    let tries = sum(points(&run, 3), |p| p.requests);
    assert!(
        tries as f64 > 1.8 * published as f64,
        "{tries} tries for {published}"
    );
    let delivered = sum(topic, |p| p.completions);
    assert!(
        delivered as f64 > 0.97 * published as f64,
        "{delivered} of {published}"
    );
}

fn kinesis_run(rate: f64, kb: f64, stream: Vec<(&'static str, ParamValue)>) -> (Run, f64) {
    let d = design(
        &[
            (1, "users", vec![("rate", n(rate))]),
            (2, "kinesis", stream),
        ],
        &[(1, 2)],
    );
    let mut s = sc(30.0, 10.0, vec![]);
    s.mix.request_kb = kb;
    let run = sim::run(&d, &s).expect("runs");
    let k = points(&run, 2);
    let ok = (sum(k, |p| p.requests) - sum(k, |p| p.rejections)) as f64 / 30.0;
    (run, ok)
}

#[test]
fn kinesis_throttles_above_the_per_shard_write_limit() {
    // 1,000 records/s per shard [KDS-LIM]: two shards take at most 2,000/s.
    let (run, ok) = kinesis_run(4000.0, 0.5, vec![("shards", n(2.0))]);
    assert!(ok <= 2000.0 && ok > 1900.0, "{ok}");
    assert!(run.totals.errors.throttled > 50_000);
    // Below the limit nothing is throttled.
    let (run, _) = kinesis_run(1000.0, 0.5, vec![("shards", n(2.0))]);
    assert_eq!(run.totals.errors.throttled, 0);
    // 1 MB/s per shard: 100 KB records → 10 per second per shard.
    let (_, ok) = kinesis_run(100.0, 100.0, vec![("shards", n(2.0))]);
    assert!(ok <= 20.0 && ok > 18.0, "{ok}");
    // On demand starts at 4 MB/s.
    let (_, ok) = kinesis_run(100.0, 100.0, vec![("mode", t("on_demand"))]);
    assert!(ok <= 40.0 && ok > 36.0, "{ok}");
}

#[test]
fn kinesis_iterator_age_grows_behind_a_slow_consumer() {
    let run_with = |service_ms: f64| {
        let d = design(
            &[
                (1, "users", vec![("rate", n(50.0))]),
                (2, "kinesis", vec![("shards", n(2.0))]),
                (
                    3,
                    "asg",
                    vec![
                        ("workers", n(4.0)),
                        ("service_ms", n(service_ms)),
                        ("policy", t("none")),
                    ],
                ),
            ],
            &[(1, 2), (2, 3)],
        );
        sim::run(&d, &sc(300.0, 10.0, vec![])).expect("runs")
    };
    // Each shard's records are processed one after another: 25/s per shard
    // needs under 40 ms per record.
    let fast = run_with(10.0);
    let k = points(&fast, 2);
    assert!(k.last().expect("points").age_s < 2.0);
    assert!(sum(k, |p| p.completions) > 14_000);
    let slow = run_with(80.0);
    let k = points(&slow, 2);
    let ages: Vec<f64> = k.iter().map(|p| p.age_s).collect();
    assert!(ages[29] > 100.0, "{ages:?}");
    assert!(ages[29] > ages[15], "{ages:?}");
}

#[test]
fn eventbridge_routes_matching_events_after_its_latency_within_its_quota() {
    let d = design(
        &[
            (1, "users", vec![("rate", n(100.0))]),
            (
                2,
                "eventbridge",
                vec![
                    ("match_pct", n(50.0)),
                    ("latency_ms", n(2000.0)),
                    ("put_events_per_s", n(80.0)),
                ],
            ),
            (3, "sqs", vec![]),
        ],
        &[(1, 2), (2, 3)],
    );
    let run = sim::run(&d, &sc(60.0, 1.0, vec![])).expect("runs");
    let bus = points(&run, 2);
    let put = sum(bus, |p| p.requests) - sum(bus, |p| p.rejections);
    assert!(put <= 80 * 60 && put > 75 * 60, "{put}");
    assert!(run.totals.errors.throttled > 900);
    let q = points(&run, 3);
    // Nothing arrives in the first 2 s; about half the events after.
    assert_eq!(q[0].requests + q[1].requests, 0);
    let got = sum(q, |p| p.requests) as f64;
    assert!(
        got > 0.4 * put as f64 && got < 0.6 * put as f64,
        "{got} of {put}"
    );
}

#[test]
fn messaging_costs_follow_the_price_table() {
    // 100 msg/s into a queue with no consumer for an hour: 360,000 sends at $0.40/M.
    let d = design(
        &[(1, "users", vec![("rate", n(100.0))]), (2, "sqs", vec![])],
        &[(1, 2)],
    );
    let run = sim::run(&d, &sc(3600.0, 60.0, vec![])).expect("runs");
    let q = run
        .components
        .iter()
        .find(|c| c.id == ComponentId(2))
        .expect("queue");
    let expect = q.requests as f64 * 0.40 / 1e6;
    assert!(
        (q.cost_usd - expect).abs() < 1e-9,
        "{} vs {expect}",
        q.cost_usd
    );
    // FIFO is dearer per request ($0.50/M), and batching bills one per 10.
    let d = design(
        &[
            (1, "users", vec![("rate", n(100.0))]),
            (
                2,
                "sqs",
                vec![("queue_type", t("fifo")), ("batching", b(true))],
            ),
        ],
        &[(1, 2)],
    );
    let run = sim::run(&d, &sc(3600.0, 60.0, vec![])).expect("runs");
    let q = run
        .components
        .iter()
        .find(|c| c.id == ComponentId(2))
        .expect("queue");
    let expect = q.requests as f64 / 10.0 * 0.50 / 1e6;
    assert!(
        (q.cost_usd - expect).abs() < 1e-9,
        "{} vs {expect}",
        q.cost_usd
    );
    // Two provisioned shards for an hour, plus PUT units.
    let d = design(
        &[
            (1, "users", vec![("rate", n(10.0))]),
            (2, "kinesis", vec![("shards", n(2.0))]),
        ],
        &[(1, 2)],
    );
    let run = sim::run(&d, &sc(3600.0, 60.0, vec![])).expect("runs");
    let k = run
        .components
        .iter()
        .find(|c| c.id == ComponentId(2))
        .expect("stream");
    let expect = 2.0 * 0.015 + k.requests as f64 * 0.014 / 1e6;
    assert!(
        (k.cost_usd - expect).abs() < 1e-9,
        "{} vs {expect}",
        k.cost_usd
    );
    assert!(run.totals.cost_usd >= k.cost_usd - 1e-12);
}

#[test]
fn step_policy_on_visible_messages_scales_from_zero() {
    let d = design(
        &[
            (1, "users", vec![("rate", n(10.0))]),
            (2, "sqs", vec![]),
            (
                3,
                "asg",
                vec![
                    ("min", n(0.0)),
                    ("desired", n(0.0)),
                    ("max", n(4.0)),
                    ("policy", t("step")),
                    ("metric", t("queue_visible")),
                    ("scale_out_messages", n(100.0)),
                    ("scale_in_messages", n(1.0)),
                    ("boot_s", n(30.0)),
                ],
            ),
        ],
        &[(1, 2), (2, 3)],
    );
    let run = sim::run(&d, &sc(1200.0, 30.0, vec![])).expect("runs");
    let w = points(&run, 3);
    assert_eq!(in_service(&w[0]), 0);
    assert!(w.iter().map(in_service).max().unwrap_or(0) >= 1);
    assert!(!log_times(&run, "step scaling: visible messages").is_empty());
    let q = points(&run, 2);
    assert!(sum(q, |p| p.completions) > 5000);
}

#[test]
fn runs_with_queues_repeat_exactly() {
    let d = worker_design(vec![("visibility_timeout_s", n(5.0))]);
    let s = sc(600.0, 30.0, vec![]);
    let a = sim::run(&d, &s).expect("runs");
    let b = sim::run(&d, &s).expect("runs");
    assert_eq!(a, b);
}

#[test]
fn lambda_pollers_take_batches_and_scale_up_with_the_backlog() {
    // 200 msg/s for 10 minutes at 1 s per invocation: 5 pollers take 50 msg/s
    // in batches of 10; more pollers join each minute until the queue drains.
    let d = design(
        &[
            (1, "users", vec![("rate", n(200.0))]),
            (2, "sqs", vec![("batch_size", n(10.0))]),
            (
                3,
                "lambda",
                vec![("duration_ms", n(1000.0)), ("memory_mb", n(1769.0))],
            ),
        ],
        &[(1, 2), (2, 3)],
    );
    let mut s = sc(900.0, 30.0, vec![]);
    s.traffic.push(Traffic {
        source: Some(ComponentId(1)),
        shape: Shape::Spike {
            at_s: 600.0,
            duration_s: 300.0,
            factor: 0.0,
        },
    });
    let run = sim::run(&d, &s).expect("runs");
    let q = points(&run, 2);
    let f = points(&run, 3);
    let messages = sum(q, |p| p.completions);
    let invocations = sum(f, |p| p.completions);
    assert!(messages > 100_000, "{messages}");
    // While messages wait, each invocation takes a full batch of 10.
    assert!(
        f[1].completions * 9 < q[1].completions,
        "{} invocations for {}",
        f[1].completions,
        q[1].completions
    );
    assert!(invocations < messages);
    // Early on the 5 pollers fall behind …
    assert!(q[1].queue_len > 1000.0, "{}", q[1].queue_len);
    // … then the pollers scale and the queue drains.
    let last = q[19].queue_len;
    assert!(last < 50.0, "depth {last} at 600 s");
    assert_eq!(sum(q, |p| p.failures), 0);
}

#[test]
fn kinesis_invokes_a_function_one_batch_per_shard_at_a_time() {
    let d = design(
        &[
            (1, "users", vec![("rate", n(500.0))]),
            (
                2,
                "kinesis",
                vec![("shards", n(2.0)), ("batch_size", n(100.0))],
            ),
            (
                3,
                "lambda",
                vec![("duration_ms", n(150.0)), ("memory_mb", n(1769.0))],
            ),
        ],
        &[(1, 2), (2, 3)],
    );
    let mut s = sc(120.0, 10.0, vec![]);
    s.mix.request_kb = 0.5;
    let run = sim::run(&d, &s).expect("runs");
    let k = points(&run, 2);
    let f = run
        .components
        .iter()
        .find(|c| c.id == ComponentId(3))
        .expect("function");
    assert!(f.mean_in_flight <= 2.0 + 1e-9, "{}", f.mean_in_flight);
    let records = sum(k, |p| p.completions);
    assert!(records > 55_000, "{records}");
    assert!(
        f.completions * 20 < records,
        "{} invocations",
        f.completions
    );
    assert!(k.last().expect("points").age_s < 3.0);
}

#[test]
fn sns_and_eventbridge_invoke_functions_asynchronously() {
    let d = design(
        &[
            (1, "users", vec![("rate", n(20.0))]),
            (2, "sns", vec![]),
            (3, "lambda", vec![("duration_ms", n(500.0))]),
            (4, "eventbridge", vec![("latency_ms", n(0.0))]),
            (5, "lambda", vec![("duration_ms", n(500.0))]),
        ],
        &[(1, 2), (2, 3), (1, 4), (4, 5)],
    );
    let run = sim::run(&d, &sc(60.0, 10.0, vec![])).expect("runs");
    let published = sum(points(&run, 2), |p| p.requests);
    let put = sum(points(&run, 4), |p| p.requests);
    assert_eq!(sum(points(&run, 3), |p| p.requests), published);
    assert_eq!(sum(points(&run, 5), |p| p.requests), put);
    // The sender answers before the functions run.
    assert!(run.totals.p99_ms < 10.0, "{}", run.totals.p99_ms);
}

fn by_kind<'a>(
    run: &'a Run,
    t: &skydraft_core::template::Template,
    kind: &str,
) -> &'a [ComponentPoint] {
    let id = t
        .design
        .components
        .iter()
        .find(|c| c.kind == kind)
        .expect("the template has the kind")
        .id;
    points(run, id.0)
}

#[test]
fn the_queue_worker_template_grows_its_fleet_on_queue_depth() {
    let t = skydraft_core::template::get("apigw-sqs-worker").expect("template");
    let run = sim::run(&t.design, &t.scenario).expect("the template runs");
    assert_eq!(run.totals.errors.total(), 0);
    let q = by_kind(&run, &t, "sqs");
    let w = by_kind(&run, &t, "asg");
    assert!(q.iter().any(|p| p.queue_len > 1000.0));
    let first = w.first().map_or(0, in_service);
    let peak = w.iter().map(in_service).max().unwrap_or(0);
    assert!(peak > first, "{first} → {peak}");
    assert!(sum(q, |p| p.completions) > sum(q, |p| p.requests) * 9 / 10);
}

#[test]
fn the_spot_batch_template_works_through_its_queue() {
    let t = skydraft_core::template::get("spot-batch").expect("template");
    let run = sim::run(&t.design, &t.scenario).expect("the template runs");
    assert_eq!(run.totals.errors.total(), 0);
    let q = by_kind(&run, &t, "sqs");
    let w = by_kind(&run, &t, "spot_fleet");
    assert!(sum(q, |p| p.completions) > 1000);
    assert!(sum(w, |p| p.completions) >= sum(q, |p| p.completions));
    assert!(w.iter().all(|p| p.instances.spot > 0));
}

#[test]
fn every_template_simulates_its_default_scenario() {
    let mut failed = Vec::new();
    for t in skydraft_core::template::all() {
        match sim::run(&t.design, &t.scenario) {
            Ok(run) if run.totals.requests > 0 && run.totals.completions > 0 => {}
            Ok(run) => failed.push(format!("{}: nothing completed ({:?})", t.id, run.totals)),
            Err(e) => failed.push(format!("{}: {e}", t.id)),
        }
    }
    assert!(failed.is_empty(), "{failed:#?}");
}

#[test]
fn a_spot_fleet_with_a_policy_scales_on_its_queue() {
    let fleet = |policy: &str| {
        let d = design(
            &[
                (1, "users", vec![("rate", n(20.0))]),
                (2, "sqs", vec![]),
                (
                    3,
                    "spot_fleet",
                    vec![
                        ("target_capacity", n(1.0)),
                        ("policy", t(policy)),
                        ("target_value", n(50.0)),
                        ("max_capacity", n(6.0)),
                        ("workers", n(8.0)),
                        ("service_ms", n(200.0)),
                        ("boot_s", n(30.0)),
                    ],
                ),
            ],
            &[(1, 2), (2, 3)],
        );
        let mut s = sc(1200.0, 30.0, vec![]);
        s.traffic.push(Traffic {
            source: Some(ComponentId(1)),
            shape: Shape::Spike {
                at_s: 120.0,
                duration_s: 600.0,
                factor: 4.0,
            },
        });
        let run = sim::run(&d, &s).expect("runs");
        let peak = points(&run, 3).iter().map(in_service).max().unwrap_or(0);
        let depth = points(&run, 2).last().expect("points").queue_len;
        (peak, depth)
    };
    let (fixed, backlog) = fleet("none");
    assert_eq!(fixed, 1);
    assert!(backlog > 10_000.0, "{backlog}");
    let (scaled, left) = fleet("target_tracking");
    assert!(scaled >= 3, "{scaled}");
    assert!(left < 5.0, "{left}");
}
