//! Settings that change a run, each compared against the run with another
//! value: the health-check timeout and depth, the idle timeout, the ECS stop
//! timeout, an alarm's statistic and Lambda destinations.

use crate::support::log_times;
use crate::support::{design, n, t};
use skydraft_core::design::{ComponentId, Design, ParamValue};
use skydraft_core::run::Run;
use skydraft_core::scenario::{Event, FailureMode};
use skydraft_core::sim;

fn run(d: &Design, duration_s: f64, events: Vec<(f64, Event)>) -> Run {
    let sc = crate::support::scenario(duration_s, 11, 10.0, events);
    sim::run(d, &sc).expect("runs")
}

fn failure(target: u32, mode: FailureMode) -> Event {
    Event::InstanceFailure {
        target: ComponentId(target),
        count: 1,
        mode,
    }
}

/// Users → ALB (checks every 10 s, 3 failures, `timeout_s`) → a group of two.
fn checked(timeout_s: f64) -> Design {
    design(
        &[
            (1, "users", vec![("rate", n(10.0))]),
            (
                2,
                "alb",
                vec![
                    ("hc_interval_s", n(10.0)),
                    ("unhealthy_threshold", n(3.0)),
                    ("hc_timeout_s", n(timeout_s)),
                ],
            ),
            (3, "asg", vec![("policy", t("none")), ("desired", n(2.0))]),
        ],
        &[(1, 2), (2, 3)],
    )
}

#[test]
fn the_health_check_timeout_adds_to_the_time_a_failed_target_stays_in_rotation() {
    let hang = 100.5;
    let out = |timeout_s: f64| {
        let r = run(
            &checked(timeout_s),
            300.0,
            vec![(hang, failure(3, FailureMode::Hang))],
        );
        let out = log_times(&r, "failed its ELB health check");
        assert_eq!(out.len(), 1, "{:#?}", r.log);
        out[0] - hang
    };
    let (short, long) = (out(2.0), out(9.0));
    // Interval × threshold plus the timeout, at most; the first failed round
    // comes within one interval of the hang.
    for (took, timeout) in [(short, 2.0), (long, 9.0)] {
        assert!(took <= 10.0 * 3.0 + timeout + 1e-6, "{took} s");
        assert!(took > 10.0 * 2.0 + timeout, "{took} s");
    }
    assert!((long - short - 7.0).abs() < 1e-6, "{short} s vs {long} s");
}

/// Users → ALB → two applications (3 and 4), each with its own database
/// (5 and 6); the target-group links check `depth`.
fn sharded(depth: &str) -> Design {
    let mut d = design(
        &[
            (1, "users", vec![("rate", n(20.0))]),
            (2, "alb", vec![("hc_interval_s", n(10.0))]),
            (3, "ec2", vec![]),
            (4, "ec2", vec![]),
            (5, "rds", vec![]),
            (6, "rds", vec![]),
        ],
        &[(1, 2), (2, 3), (2, 4), (3, 5), (4, 6)],
    );
    for l in &mut d.links[1..3] {
        l.params
            .insert("hc_depth".into(), ParamValue::Text(depth.into()));
    }
    d
}

/// Requests application 3 received from `from_s` on.
fn received_after(r: &Run, id: u32, from_s: f64) -> u64 {
    let s = r.series_of(ComponentId(id)).expect("series");
    s.points
        .iter()
        .enumerate()
        .filter(|(k, _)| *k as f64 * r.bucket_s >= from_s)
        .map(|(_, p)| p.requests)
        .sum()
}

#[test]
fn a_deep_health_check_takes_a_target_whose_database_is_down_out_of_rotation() {
    let outage = vec![(100.0, failure(5, FailureMode::Crash))];
    let shallow = run(&sharded("shallow"), 400.0, outage.clone());
    let deep = run(&sharded("deep"), 400.0, outage);
    // The shallow check passes: the application still answers it.
    assert!(log_times(&shallow, "failed its ELB health check").is_empty());
    let out = log_times(&deep, "does not answer the deep check");
    assert_eq!(out.len(), 1, "{:#?}", deep.log);
    assert!(
        out[0] > 100.0 && out[0] <= 100.0 + 10.0 * 2.0 + 5.0,
        "{}",
        out[0]
    );
    // After that, the shallow run keeps sending half the requests to the
    // application with the dead database, and they fail; the deep one none.
    assert!(received_after(&shallow, 3, 130.0) > 1000, "shallow");
    assert_eq!(received_after(&deep, 3, 130.0), 0, "deep");
    let db = |r: &Run| r.totals.errors.database;
    assert!(
        db(&shallow) > 5 * db(&deep).max(1),
        "{} vs {}",
        db(&shallow),
        db(&deep)
    );
    // Neither application failed: the other one serves throughout.
    assert!(received_after(&deep, 4, 130.0) > received_after(&shallow, 4, 130.0));
}

/// Users (100 s client timeout) → ALB with `idle_s` → a group whose
/// requests take 5 s on average.
fn slow_behind(idle_s: f64) -> Design {
    design(
        &[
            (1, "users", vec![("rate", n(5.0)), ("timeout_s", n(100.0))]),
            (2, "alb", vec![("idle_timeout_s", n(idle_s))]),
            (
                3,
                "asg",
                vec![
                    ("policy", t("none")),
                    ("desired", n(2.0)),
                    ("workers", n(64.0)),
                    ("service_ms", n(5000.0)),
                ],
            ),
        ],
        &[(1, 2), (2, 3)],
    )
}

#[test]
fn requests_held_longer_than_the_idle_timeout_time_out_at_the_load_balancer() {
    let long = run(&slow_behind(200.0), 300.0, vec![]);
    let short = run(&slow_behind(8.0), 300.0, vec![]);
    // Exponential 5 s: about e^(-8/5) ≈ 20 % of requests take longer than 8 s.
    let share = |r: &Run| r.totals.errors.timed_out as f64 / r.totals.requests as f64;
    assert_eq!(long.totals.errors.timed_out, 0);
    assert!(
        (share(&short) - (-8.0f64 / 5.0).exp()).abs() < 0.05,
        "{}",
        share(&short)
    );
    // No completed request waited longer than the idle timeout.
    let max = |r: &Run| {
        r.buckets
            .iter()
            .map(|b| b.latency.max_ms())
            .fold(0.0, f64::max)
    };
    assert!(max(&short) <= 8_000.0 * 1.01, "{}", max(&short));
    assert!(max(&long) > 8_000.0);
}

/// Users → ALB (no deregistration delay) → ECS service of 4 tasks with
/// 8 s requests and `stop_s`; a scheduled action stops two at 100 s.
fn stopping(stop_s: f64) -> (Design, Vec<(f64, Event)>) {
    let d = design(
        &[
            (1, "users", vec![("rate", n(4.0))]),
            (2, "alb", vec![("dereg_delay_s", n(0.0))]),
            (
                3,
                "ecs_service",
                vec![
                    ("desired", n(4.0)),
                    ("service_ms", n(8000.0)),
                    ("service_dist", t("deterministic")),
                    ("stop_timeout_s", n(stop_s)),
                ],
            ),
            (4, "ecs_cluster", vec![("instances", n(4.0))]),
        ],
        &[(1, 2), (2, 3), (3, 4)],
    );
    let scale_in = Event::ScheduledAction {
        target: ComponentId(3),
        min: Some(2),
        max: Some(2),
        desired: Some(2),
    };
    (d, vec![(100.0, scale_in)])
}

#[test]
fn the_ecs_stop_timeout_lets_stopping_tasks_finish_their_requests() {
    let (d, ev) = stopping(0.0);
    let killed = run(&d, 300.0, ev);
    let (d, ev) = stopping(20.0);
    let graceful = run(&d, 300.0, ev);
    // With no time after SIGTERM the two tasks' 8 s requests die with them;
    // 20 s is enough for every one to finish.
    assert!(killed.totals.errors.instance_lost > 0, "{:#?}", killed.log);
    assert_eq!(
        graceful.totals.errors.instance_lost, 0,
        "{:#?}",
        graceful.log
    );
    assert_eq!(log_times(&killed, "SIGKILL loses them").len(), 2);
    assert!(log_times(&graceful, "SIGKILL").is_empty());
}

/// Users → an instance serving in 100 ms on average (exponential, no queueing)
/// watched by a latency alarm over 300 ms with `statistic`.
fn latency_alarm(statistic: &str) -> Design {
    design(
        &[
            (1, "users", vec![("rate", n(20.0))]),
            (
                2,
                "ec2",
                vec![("workers", n(64.0)), ("service_ms", n(100.0))],
            ),
            (
                3,
                "cw_alarm",
                vec![
                    ("metric", t("latency_p99")),
                    ("statistic", t(statistic)),
                    ("threshold", n(300.0)),
                    ("eval_periods", n(1.0)),
                    ("datapoints", n(1.0)),
                ],
            ),
        ],
        &[(1, 2), (2, 3)],
    )
}

#[test]
fn a_latency_alarm_on_p99_fires_where_the_average_stays_low() {
    let fired = |s: &str| log_times(&run(&latency_alarm(s), 300.0, vec![]), "goes to ALARM");
    // Exponential 100 ms: p99 ≈ 460 ms and the slowest ≈ 900 ms pass 300 ms;
    // the average (100 ms) and the fastest never do.
    assert_eq!(fired("p99"), vec![60.0]);
    assert_eq!(fired("maximum"), vec![60.0]);
    assert!(fired("average").is_empty());
    assert!(fired("minimum").is_empty());
    assert!(fired("p50").is_empty());
}

/// Uploads straight to S3 (2) invoke a function (3) asynchronously; its
/// links go to a queue (4), a second queue (5) and a second function (6),
/// sent when `to_4`, `to_5` and `to_6` say.
fn destinations(to_4: &str, to_5: &str, to_6: &str) -> Design {
    let mut d = design(
        &[
            (1, "users", vec![("rate", n(2.0))]),
            (
                2,
                "s3",
                vec![("presigned_uploads", crate::support::b(true))],
            ),
            (3, "lambda", vec![]),
            (4, "sqs", vec![]),
            (5, "sqs", vec![]),
            (6, "lambda", vec![]),
        ],
        &[(1, 2), (2, 3), (3, 4), (3, 5), (3, 6)],
    );
    for (l, when) in d.links[2..5].iter_mut().zip([to_4, to_5, to_6]) {
        l.params
            .insert("destination".into(), ParamValue::Text(when.into()));
    }
    d
}

fn requests(r: &Run, id: u32) -> u64 {
    r.component(ComponentId(id)).map_or(0, |c| c.requests)
}

#[test]
fn failed_asynchronous_invocations_arrive_at_the_failure_destinations() {
    let bad = Event::BadDeployment {
        target: ComponentId(3),
        error_rate: 1.0,
        duration_s: None,
    };
    let d = destinations("on_failure", "on_success", "on_failure");
    let r = run(&d, 900.0, vec![(300.0, bad)]);
    let f = r.component(ComponentId(3)).expect("function");
    let failed = f.serverless.as_ref().expect("serverless").async_failed;
    assert!(failed > 100, "{failed}");
    // Every event that failed its retries reaches both failure destinations
    // (the second function counts the warm-up too); the ones before the
    // bad deployment went to success.
    assert_eq!(requests(&r, 4), failed);
    let sent = requests(&r, 6);
    assert!(
        sent >= failed && sent * 20 <= failed * 21,
        "{sent} vs {failed}"
    );
    let ok = requests(&r, 5);
    assert!((ok as f64 - 2.0 * 300.0).abs() < 100.0, "{ok}");
    // As ordinary links, the handler sends to all three on every invocation
    // that gets that far, and nothing reports a failure.
    let plain = run(&destinations("always", "always", "always"), 900.0, vec![]);
    assert!(requests(&plain, 4) > 1500, "{}", requests(&plain, 4));
    assert_eq!(requests(&plain, 4), requests(&plain, 6));
}
