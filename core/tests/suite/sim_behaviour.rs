//! Behaviours beyond the timelines: policies, zones, databases, retries, backends.

use crate::support::log_times;
use crate::support::{b, design, n, t};
use skydraft_core::design::{ComponentId, Design, ParamValue};
use skydraft_core::scenario::{Event, FailureMode, Scenario, Shape, Traffic};
use skydraft_core::sim;

/// A scenario of `duration_s` with seed 9.
fn sc(duration_s: f64, bucket_s: f64, events: Vec<(f64, Event)>) -> Scenario {
    crate::support::scenario(duration_s, 9, bucket_s, events)
}

fn web_tier(rate: f64, asg: Vec<(&str, ParamValue)>) -> Design {
    design(
        &[
            (1, "users", vec![("rate", n(rate))]),
            (2, "alb", vec![]),
            (3, "asg", asg),
        ],
        &[(1, 2), (2, 3)],
    )
}

#[test]
fn the_schedule_parameter_sets_capacity_by_the_minute() {
    let d = web_tier(
        50.0,
        vec![
            ("policy", t("none")),
            ("min", n(1.0)),
            ("desired", n(2.0)),
            ("schedule", t("2:5, 6:1, junk")),
        ],
    );
    let run = sim::run(&d, &sc(600.0, 10.0, vec![])).expect("runs");
    // Each runs up to 2 minutes after its minute [AS-SCHED].
    let at = log_times(&run, "scheduled action");
    assert_eq!(at.len(), 2);
    assert!((120.0..=240.0).contains(&at[0]), "{at:?}");
    assert!((360.0..=480.0).contains(&at[1]), "{at:?}");
    let pts = &run.series_of(ComponentId(3)).expect("series").points;
    assert_eq!(pts[32].instances.in_service, 5);
    assert_eq!(pts[59].instances.in_service, 1);
}

#[test]
fn suspend_flags_hold_from_the_start() {
    let d = web_tier(
        50.0,
        vec![
            ("policy", t("none")),
            ("desired", n(2.0)),
            ("suspend_replace_unhealthy", b(true)),
        ],
    );
    let fail = Event::InstanceFailure {
        target: ComponentId(3),
        count: 1,
        mode: FailureMode::Crash,
    };
    let run = sim::run(&d, &sc(300.0, 10.0, vec![(60.0, fail)])).expect("runs");
    assert!(log_times(&run, "launching i-").is_empty());
}

#[test]
fn target_tracking_on_requests_per_target() {
    // 100 req/s = 6,000 per minute; 1,000 per target per minute → 6 instances.
    let d = web_tier(
        100.0,
        vec![
            ("min", n(1.0)),
            ("desired", n(2.0)),
            ("max", n(20.0)),
            ("metric", t("requests_per_target")),
            ("target_value", n(1000.0)),
        ],
    );
    let run = sim::run(&d, &sc(1800.0, 60.0, vec![])).expect("runs");
    let last = &run
        .series_of(ComponentId(3))
        .expect("series")
        .points
        .last()
        .expect("points")
        .instances;
    assert!(
        (6..=7).contains(&last.in_service),
        "{} instances; {:#?}",
        last.in_service,
        run.log
    );
    assert!(!log_times(&run, "requests per target").is_empty());
}

#[test]
fn step_scaling_adds_its_adjustment() {
    // 400 req/s × 40 ms = 16 busy workers over 2 × 8: CPU ~100 % ≥ 60 %.
    let d = web_tier(
        400.0,
        vec![
            ("policy", t("step")),
            ("desired", n(2.0)),
            ("max", n(12.0)),
            ("step_adjust", n(3.0)),
        ],
    );
    let run = sim::run(&d, &sc(300.0, 10.0, vec![])).expect("runs");
    let first = run
        .log
        .iter()
        .find(|e| e.text.contains("step scaling"))
        .expect("a step");
    assert!(first.text.contains("desired 2 → 8"), "{}", first.text);
    assert_eq!(first.t_s, 120.0);
}

#[test]
fn an_az_outage_moves_capacity_and_rebalances_after() {
    let d = web_tier(
        100.0,
        vec![
            ("policy", t("none")),
            ("desired", n(4.0)),
            ("azs", n(2.0)),
            ("boot_s", n(30.0)),
        ],
    );
    let out = Event::AzOutage {
        az: "us-east-1a".into(),
        duration_s: Some(300.0),
    };
    let run = sim::run(&d, &sc(900.0, 10.0, vec![(100.0, out)])).expect("runs");
    let pts = &run.series_of(ComponentId(3)).expect("series").points;
    // During the outage the group runs all four in us-east-1b.
    assert_eq!(pts[35].instances.in_service_by_az[..2], [0, 4]);
    // After recovery, AZRebalance launches in us-east-1a first, then terminates in 1b.
    assert_eq!(
        pts[89].instances.in_service_by_az[..2],
        [2, 2],
        "{:#?}",
        run.log
    );
    assert!(!log_times(&run, "rebalancing").is_empty());
    // Requests on the instances that stopped with the zone fail with them.
    assert!(run.totals.errors.instance_lost > 0);
}

#[test]
fn a_multi_az_database_fails_over_in_90_seconds() {
    let d = design(
        &[
            (1, "users", vec![("rate", n(50.0))]),
            (2, "ec2", vec![]),
            (3, "rds", vec![("multi_az", b(true))]),
        ],
        &[(1, 2), (2, 3)],
    );
    let fail = Event::InstanceFailure {
        target: ComponentId(3),
        count: 1,
        mode: FailureMode::Crash,
    };
    let run = sim::run(&d, &sc(400.0, 10.0, vec![(100.0, fail)])).expect("runs");
    assert_eq!(log_times(&run, "failed over"), vec![190.0]);
    let errs = |from: f64, to: f64| -> u64 {
        run.buckets
            .iter()
            .filter(|b| b.start_s >= from && b.start_s < to)
            .map(|b| b.errors.database)
            .sum()
    };
    assert!(errs(100.0, 190.0) > 3000);
    assert_eq!(
        run.totals.errors.failed, 0,
        "the failover's errors are the database's"
    );
    assert_eq!(errs(200.0, 400.0), 0);
}

#[test]
fn a_bad_deployment_fails_its_share_and_retries_hide_some() {
    let mk = |retries: f64| {
        design(
            &[
                (
                    1,
                    "users",
                    vec![("rate", n(200.0)), ("retries", n(retries))],
                ),
                (2, "ec2", vec![("workers", n(32.0))]),
            ],
            &[(1, 2)],
        )
    };
    let bad = Event::BadDeployment {
        target: ComponentId(2),
        error_rate: 0.2,
        duration_s: Some(100.0),
    };
    let s = sc(300.0, 10.0, vec![(100.0, bad)]);
    let plain = sim::run(&mk(0.0), &s).expect("runs");
    let share = plain.totals.errors.failed as f64 / (200.0 * 100.0);
    assert!((share - 0.2).abs() < 0.02, "{share}");
    let retried = sim::run(&mk(2.0), &s).expect("runs");
    assert!(retried.totals.retries > 3000);
    // Three tries each failing with 20 %: about 0.8 % still fail.
    assert!(retried.totals.errors.failed < plain.totals.errors.failed / 10);
    assert!(log_times(&plain, "rolled back") == vec![200.0]);
}

#[test]
fn an_external_backend_with_errors_and_a_concurrency_limit() {
    let d = design(
        &[
            (1, "users", vec![("rate", n(100.0))]),
            (2, "ec2", vec![("workers", n(64.0)), ("service_ms", n(5.0))]),
            (
                3,
                "http_backend",
                vec![
                    ("latency_ms", n(50.0)),
                    ("concurrency", n(4.0)),
                    ("error_pct", n(10.0)),
                ],
            ),
        ],
        &[(1, 2), (2, 3)],
    );
    let run = sim::run(&d, &sc(120.0, 10.0, vec![])).expect("runs");
    let ext = run.component(ComponentId(3)).expect("backend");
    // 100 req/s × 50 ms = 5 > 4 concurrent: it refuses some (no queue), fails 10 % of the rest.
    assert!(ext.rejections > 500, "{}", ext.rejections);
    let failed_share = ext.failures as f64 / (ext.completions + ext.failures) as f64;
    assert!((failed_share - 0.1).abs() < 0.02, "{failed_share}");
    assert!(run.totals.errors.rejected > 500);
}

#[test]
fn sticky_sessions_keep_clients_on_their_target() {
    let mk = |sticky: bool| {
        design(
            &[
                (1, "users", vec![("rate", n(200.0)), ("clients", n(3.0))]),
                (2, "alb", vec![("stickiness", b(sticky))]),
                (
                    3,
                    "asg",
                    vec![("policy", t("none")), ("desired", n(6.0)), ("max", n(6.0))],
                ),
            ],
            &[(1, 2), (2, 3)],
        )
    };
    let s = sc(120.0, 10.0, vec![]);
    let spread = sim::run(&mk(false), &s).expect("runs");
    let sticky = sim::run(&mk(true), &s).expect("runs");
    // Three clients stuck to at most three of six instances: the busy half works harder.
    let q_spread = spread.component(ComponentId(3)).expect("asg").mean_wait_ms;
    let q_sticky = sticky.component(ComponentId(3)).expect("asg").mean_wait_ms;
    assert!(
        q_sticky > 2.0 * q_spread.max(0.01),
        "{q_sticky} vs {q_spread}"
    );
}

#[test]
fn traffic_shapes_drive_the_rate() {
    let d = design(
        &[
            (1, "users", vec![("rate", n(100.0))]),
            (2, "ec2", vec![("workers", n(64.0))]),
        ],
        &[(1, 2)],
    );
    let mut s = sc(300.0, 10.0, vec![]);
    s.traffic = vec![
        Traffic {
            source: None,
            shape: Shape::Step {
                at_s: 100.0,
                factor: 3.0,
            },
        },
        Traffic {
            source: None,
            shape: Shape::Spike {
                at_s: 200.0,
                duration_s: 50.0,
                factor: 2.0,
            },
        },
    ];
    let run = sim::run(&d, &s).expect("runs");
    let rate = |from: f64, to: f64| {
        let bs: Vec<_> = run
            .buckets
            .iter()
            .filter(|b| b.start_s >= from && b.start_s < to)
            .collect();
        bs.iter().map(|b| b.requests).sum::<u64>() as f64 / (bs.len() as f64 * 10.0)
    };
    assert!((rate(0.0, 100.0) - 100.0).abs() < 8.0);
    assert!((rate(100.0, 200.0) - 300.0).abs() < 15.0);
    assert!((rate(200.0, 250.0) - 600.0).abs() < 30.0);
    assert!((rate(250.0, 300.0) - 300.0).abs() < 20.0);
}

#[test]
fn cost_accrues_from_the_price_table() {
    // One m5.large ($0.096/h) for an hour, nothing else billed.
    let d = design(
        &[(1, "users", vec![("rate", n(1.0))]), (2, "ec2", vec![])],
        &[(1, 2)],
    );
    let run = sim::run(&d, &sc(3600.0, 60.0, vec![])).expect("runs");
    assert!(
        (run.totals.cost_usd - 0.096).abs() < 1e-9,
        "{}",
        run.totals.cost_usd
    );
    assert!((run.component(ComponentId(2)).expect("ec2").cost_usd - 0.096).abs() < 1e-9);
    let pt = &run.series_of(ComponentId(2)).expect("series").points[5];
    assert!((pt.cost_per_hour - 0.096).abs() < 1e-12);
}

#[test]
fn spot_fleet_allocation_decides_how_much_one_price_spike_takes() {
    let types = ["c5.large", "m5.large", "m5.xlarge"];
    let notices = |alloc: &str, ty: &str| {
        let d = design(
            &[
                (1, "users", vec![("rate", n(50.0))]),
                (2, "alb", vec![]),
                (
                    3,
                    "spot_fleet",
                    vec![
                        ("allocation", t(alloc)),
                        ("target_capacity", n(6.0)),
                        ("instance_types", t(&types.join(","))),
                    ],
                ),
            ],
            &[(1, 2), (2, 3)],
        );
        let spike = Event::SpotPriceChange {
            instance_type: Some(ty.into()),
            az: None,
            factor: 1.5,
        };
        let run = sim::run(&d, &sc(400.0, 10.0, vec![(100.0, spike)])).expect("runs");
        log_times(&run, "interruption notice").len()
    };
    let lowest: Vec<usize> = types.iter().map(|ty| notices("lowest-price", ty)).collect();
    let diversified: Vec<usize> = types.iter().map(|ty| notices("diversified", ty)).collect();
    // lowest-price puts all six in the cheapest pool: one spike takes all of them.
    assert_eq!(lowest.iter().max(), Some(&6), "{lowest:?}");
    // diversified spreads over six pools (3 types × 2 zones): a spike takes two.
    assert!(diversified.iter().all(|&k| k == 2), "{diversified:?}");
}

#[test]
fn a_load_balancer_ramp_limit_refuses_a_sudden_peak_until_it_scales() {
    let d = design(
        &[
            (1, "users", vec![("rate", n(100.0))]),
            (2, "alb", vec![("ramp_start_rps", n(200.0))]),
            (3, "ec2", vec![("workers", n(64.0))]),
        ],
        &[(1, 2), (2, 3)],
    );
    let mut s = sc(900.0, 30.0, vec![]);
    s.traffic = vec![Traffic {
        source: None,
        shape: Shape::Step {
            at_s: 60.0,
            factor: 5.0,
        },
    }];
    let run = sim::run(&d, &s).expect("runs");
    let rejected = |from: f64, to: f64| -> u64 {
        run.buckets
            .iter()
            .filter(|b| b.start_s >= from && b.start_s < to)
            .map(|b| b.errors.lb_scaling)
            .sum()
    };
    assert_eq!(rejected(0.0, 60.0), 0);
    assert!(rejected(60.0, 120.0) > 10_000, "{}", rejected(60.0, 120.0));
    assert_eq!(rejected(720.0, 900.0), 0, "{:#?}", run.log);
    assert!(!log_times(&run, "still scaling").is_empty());
}

#[test]
fn a_runaway_backlog_stops_with_a_clear_error() {
    // 100,000 req/s into one worker that needs a second each: the backlog grows
    // until the in-flight cap stops the run, instead of memory running out.
    let d = design(
        &[
            (
                1,
                "users",
                vec![("rate", n(100_000.0)), ("timeout_s", n(900.0))],
            ),
            (
                2,
                "ec2",
                vec![
                    ("workers", n(1.0)),
                    ("queue", n(10_000_000.0)),
                    ("service_ms", n(1000.0)),
                ],
            ),
        ],
        &[(1, 2)],
    );
    let err = sim::run(&d, &sc(60.0, 10.0, vec![])).expect_err("stops");
    let text = err.to_string();
    assert!(
        text.starts_with("more than 1,000,000 requests were waiting at once at 00:00:09"),
        "{text}"
    );
}

#[test]
fn nlb_cross_zone_traffic_is_billed() {
    let mk = |cross: bool| {
        design(
            &[
                (1, "users", vec![("rate", n(500.0))]),
                (2, "nlb", vec![("cross_zone", b(cross))]),
                (3, "ec2", vec![("az", t("us-east-1a"))]),
                (4, "ec2", vec![("az", t("us-east-1b"))]),
            ],
            &[(1, 2), (2, 3), (2, 4)],
        )
    };
    let s = sc(600.0, 60.0, vec![]);
    let on = sim::run(&mk(true), &s)
        .expect("runs")
        .component(ComponentId(2))
        .expect("nlb")
        .cost_usd;
    let off = sim::run(&mk(false), &s)
        .expect("runs")
        .component(ComponentId(2))
        .expect("nlb")
        .cost_usd;
    // Half of 300,000 requests × 18 kB cross zones: 2.7 GB × $0.01 out of
    // one zone and $0.01 into the other (reference §16, "each direction").
    assert!((on - off - 0.054).abs() < 0.006, "on {on}, off {off}");
}

#[test]
fn nlb_hashes_flows_where_an_alb_takes_turns() {
    // Four instances in one AZ behind each kind of load balancer.
    let counts = |lb: &str| -> Vec<f64> {
        let d = design(
            &[
                (1, "users", vec![("rate", n(400.0))]),
                (2, lb, vec![]),
                (3, "ec2", vec![("az", t("us-east-1a"))]),
                (4, "ec2", vec![("az", t("us-east-1a"))]),
                (5, "ec2", vec![("az", t("us-east-1a"))]),
                (6, "ec2", vec![("az", t("us-east-1a"))]),
            ],
            &[(1, 2), (2, 3), (2, 4), (2, 5), (2, 6)],
        );
        let run = sim::run(&d, &sc(300.0, 60.0, vec![])).expect("runs");
        (3..=6)
            .map(|i| run.component(ComponentId(i)).expect("target").requests as f64)
            .collect()
    };
    let spread = |c: &[f64]| {
        let max = c.iter().copied().fold(f64::MIN, f64::max);
        let min = c.iter().copied().fold(f64::MAX, f64::min);
        max - min
    };
    let alb = counts("alb");
    let nlb = counts("nlb");
    // Round robin: every target within a handful of requests of the others.
    assert!(spread(&alb) <= 4.0, "{alb:?}");
    // Flow hash: a multinomial split, σ = √(N·¼·¾) ≈ 150 for N = 120,000:
    // uneven, but within a few σ of a quarter each.
    let mean = nlb.iter().sum::<f64>() / 4.0;
    let sigma = (mean * 4.0 * 0.25 * 0.75).sqrt();
    assert!(spread(&nlb) > 10.0, "{nlb:?}");
    assert!(
        nlb.iter().all(|c| (c - mean).abs() < 5.0 * sigma),
        "{nlb:?}"
    );
}
