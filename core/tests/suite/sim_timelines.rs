//! AWS behaviour timelines, checked through the public simulator API.

use crate::support::log_times;
use crate::support::{n, t};
use skydraft_core::design::{
    Component, ComponentId, Design, Link, LinkId, ParamValue, Params, Point,
};
use skydraft_core::scenario::{Event, FailureMode, Process, Scenario, TimedEvent};
use skydraft_core::sim;

struct B(Design);

impl B {
    fn new() -> Self {
        B(Design::default())
    }
    fn add(mut self, id: u32, kind: &str, params: &[(&str, ParamValue)]) -> Self {
        let mut p = Params::new();
        for (k, v) in params {
            p.insert((*k).to_owned(), v.clone());
        }
        self.0.components.push(Component {
            id: ComponentId(id),
            kind: kind.into(),
            label: format!("{kind}-{id}"),
            pos: Point::default(),
            params: p,
        });
        self
    }
    fn link(mut self, from: u32, to: u32) -> Self {
        let id = LinkId(self.0.links.len() as u32 + 1);
        self.0.links.push(Link {
            id,
            from: ComponentId(from),
            to: ComponentId(to),
            params: Params::new(),
        });
        self
    }
}

fn scenario(duration_s: f64, events: Vec<(f64, Event)>) -> Scenario {
    Scenario {
        duration_s,
        seed: 7,
        bucket_s: 5.0,
        timeline: events
            .into_iter()
            .map(|(at_s, event)| TimedEvent { at_s, event })
            .collect(),
        ..Scenario::default()
    }
}

/// Users → ALB (10 s checks) → Auto Scaling group of `desired` without a policy.
fn web(desired: f64, extra: &[(&str, ParamValue)]) -> B {
    let mut asg = vec![
        ("min", n(desired)),
        ("desired", n(desired)),
        ("max", n(10.0)),
        ("policy", t("none")),
        ("boot_s", n(60.0)),
        ("service_ms", n(40.0)),
    ];
    asg.extend(extra.iter().cloned());
    B::new()
        .add(1, "users", &[("rate", n(100.0)), ("timeout_s", n(2.0))])
        .add(
            2,
            "alb",
            &[("hc_interval_s", n(10.0)), ("unhealthy_threshold", n(2.0))],
        )
        .add(3, "asg", &asg)
        .link(1, 2)
        .link(2, 3)
}

#[test]
fn an_unhealthy_target_leaves_rotation_after_interval_times_threshold_plus_timeout() {
    let d = web(3.0, &[("health_check", t("elb")), ("grace_s", n(0.0))]).0;
    let sc = scenario(
        300.0,
        vec![(
            100.0,
            Event::InstanceFailure {
                target: ComponentId(3),
                count: 1,
                mode: FailureMode::Hang,
            },
        )],
    );
    let run = sim::run(&d, &sc).expect("runs");
    let out = log_times(&run, "failed its ELB health check");
    assert_eq!(out.len(), 1, "{:#?}", run.log);
    // Checks every 10 s, 2 failures, each counted after the 5 s timeout: out
    // of rotation within (15, 25] s of the hang.
    assert!(
        out[0] > 115.0 - 1e-9 && out[0] <= 125.0,
        "left rotation at {}",
        out[0]
    );
    // While it was in rotation, requests sent to it timed out...
    let early: u64 = run
        .buckets
        .iter()
        .filter(|b| b.start_s >= 100.0 && b.start_s < 125.0)
        .map(|b| b.errors.timed_out)
        .sum();
    assert!(early > 0);
    // ...and once out (plus the 2 s client timeout), none do.
    let late: u64 = run
        .buckets
        .iter()
        .filter(|b| b.start_s >= out[0] + 5.0)
        .map(|b| b.errors.timed_out)
        .sum();
    assert_eq!(late, 0);
}

#[test]
fn a_failed_group_instance_is_replaced_after_detection_and_boot() {
    let d = web(3.0, &[]).0;
    let sc = scenario(
        400.0,
        vec![(
            100.0,
            Event::InstanceFailure {
                target: ComponentId(3),
                count: 1,
                mode: FailureMode::Crash,
            },
        )],
    );
    let run = sim::run(&d, &sc).expect("runs");
    assert_eq!(
        log_times(&run, "is unhealthy (EC2 status check)"),
        vec![100.0]
    );
    let launched = log_times(&run, "launching i-");
    assert_eq!(launched.len(), 1, "{:#?}", run.log);
    // Detected at once (stopped instance), replaced at the next group check (≤ 10 s).
    assert!(launched[0] >= 100.0 && launched[0] <= 110.0);
    let in_service = log_times(&run, "is in service");
    assert_eq!(in_service, vec![launched[0] + 60.0]);
    let series = run.series_of(ComponentId(3)).expect("series");
    let at = |s: f64| &series.points[(s / 5.0) as usize].instances;
    assert_eq!(at(150.0).in_service_by_az.iter().sum::<u32>(), 2);
    assert_eq!(at(150.0).pending, 1);
    assert_eq!(at(200.0).in_service_by_az.iter().sum::<u32>(), 3);
}

#[test]
fn a_suspended_replace_unhealthy_leaves_the_failed_instance() {
    let d = web(3.0, &[]).0;
    let sc = scenario(
        400.0,
        vec![
            (
                0.0,
                Event::Suspend {
                    target: ComponentId(3),
                    process: Process::ReplaceUnhealthy,
                },
            ),
            (
                100.0,
                Event::InstanceFailure {
                    target: ComponentId(3),
                    count: 1,
                    mode: FailureMode::Crash,
                },
            ),
        ],
    );
    let run = sim::run(&d, &sc).expect("runs");
    assert!(log_times(&run, "launching i-").is_empty(), "{:#?}", run.log);
    let last = run
        .series_of(ComponentId(3))
        .expect("series")
        .points
        .last()
        .expect("points")
        .instances
        .clone();
    assert_eq!(last.in_service_by_az.iter().sum::<u32>(), 2);
    assert_eq!(last.in_service, 3, "the failed instance stays in the group");
}

#[test]
fn a_spot_interruption_gives_two_minutes_notice() {
    let d = web(2.0, &[("spot_pct", n(100.0))]).0;
    let sc = scenario(
        500.0,
        vec![(
            200.0,
            Event::SpotInterruption {
                target: None,
                share: 0.5,
            },
        )],
    );
    let run = sim::run(&d, &sc).expect("runs");
    assert_eq!(
        log_times(&run, "two-minute interruption notice"),
        vec![200.0]
    );
    assert_eq!(
        log_times(&run, "was interrupted and terminated"),
        vec![320.0]
    );
    let launches = log_times(&run, "launching i-");
    assert!(
        launches.iter().any(|&x| (320.0..=330.0).contains(&x)),
        "{:#?}",
        run.log
    );
    let p = &run.series_of(ComponentId(3)).expect("series").points[50];
    assert_eq!(p.instances.spot, 2);
    assert_eq!(p.instances.on_demand, 0);
}

#[test]
fn target_tracking_settles_near_its_target() {
    // 1,000 req/s × 40 ms = 40 busy workers; 8 workers per instance at a 50 % target → 10 instances.
    let d = B::new()
        .add(1, "users", &[("rate", n(1000.0))])
        .add(2, "alb", &[])
        .add(
            3,
            "asg",
            &[
                ("min", n(2.0)),
                ("desired", n(2.0)),
                ("max", n(30.0)),
                ("target_cpu", n(50.0)),
                ("service_ms", n(40.0)),
                ("boot_s", n(60.0)),
                ("warmup_s", n(60.0)),
            ],
        )
        .link(1, 2)
        .link(2, 3)
        .0;
    let sc = Scenario {
        duration_s: 3600.0,
        seed: 3,
        bucket_s: 60.0,
        ..Scenario::default()
    };
    let run = sim::run(&d, &sc).expect("runs");
    let pts = &run.series_of(ComponentId(3)).expect("series").points;
    let tail = &pts[pts.len() - 20..];
    let cpu = tail.iter().map(|p| p.cpu).sum::<f64>() / tail.len() as f64 * 100.0;
    assert!(
        (45.0..=55.0).contains(&cpu),
        "settled at {cpu:.1} % CPU; {:#?}",
        run.log
    );
    assert!(!log_times(&run, "target tracking").is_empty());
}

#[test]
fn with_cross_zone_off_an_uneven_split_overloads_the_smaller_zone() {
    let build = |cross: bool| {
        let mut b = B::new().add(1, "users", &[("rate", n(500.0))]).add(
            2,
            "alb",
            &[("cross_zone", ParamValue::Bool(cross))],
        );
        for (id, az) in [
            (10, "us-east-1a"),
            (11, "us-east-1b"),
            (12, "us-east-1b"),
            (13, "us-east-1b"),
        ] {
            b = b
                .add(id, "ec2", &[("az", t(az)), ("service_ms", n(40.0))])
                .link(2, id);
        }
        b.link(1, 2).0
    };
    let sc = Scenario {
        duration_s: 120.0,
        seed: 5,
        bucket_s: 10.0,
        ..Scenario::default()
    };
    let off = sim::run(&build(false), &sc).expect("runs");
    let on = sim::run(&build(true), &sc).expect("runs");
    let small_off = off.component(ComponentId(10)).expect("summary");
    let big_off = off.component(ComponentId(11)).expect("summary");
    // Half the traffic (250 req/s) lands on the lone instance in us-east-1a (capacity 200 req/s).
    assert!(small_off.utilization > 0.97, "{}", small_off.utilization);
    assert!(small_off.rejections > 1000);
    assert!(big_off.utilization < 0.5);
    let small_on = on.component(ComponentId(10)).expect("summary");
    assert!(small_on.utilization < 0.75);
    assert_eq!(on.totals.errors.rejected, 0);
}

#[test]
fn a_scheduled_action_changes_capacity_at_its_time() {
    let d = web(2.0, &[]).0;
    let sc = scenario(
        500.0,
        vec![(
            300.0,
            Event::ScheduledAction {
                target: ComponentId(3),
                min: None,
                max: None,
                desired: Some(5),
            },
        )],
    );
    let run = sim::run(&d, &sc).expect("runs");
    assert_eq!(log_times(&run, "scheduled action"), vec![300.0]);
    assert_eq!(log_times(&run, "launching i-"), vec![300.0; 3]);
    let pts = &run.series_of(ComponentId(3)).expect("series").points;
    assert_eq!(pts[58].instances.in_service, 2);
    assert_eq!(pts[61].instances.pending, 3);
    assert_eq!(pts[73].instances.in_service, 5);
}

#[test]
fn a_synchronous_call_holds_the_callers_worker() {
    // The database is the bottleneck; the web tier's workers wait on it.
    let d = B::new()
        .add(1, "users", &[("rate", n(50.0))])
        .add(2, "ec2", &[("workers", n(16.0)), ("service_ms", n(2.0))])
        .add(
            3,
            "rds",
            &[("connections", n(4.0)), ("service_ms", n(60.0))],
        )
        .link(1, 2)
        .link(2, 3)
        .0;
    let sc = Scenario {
        duration_s: 300.0,
        seed: 2,
        bucket_s: 10.0,
        ..Scenario::default()
    };
    let run = sim::run(&d, &sc).expect("runs");
    let web = run.component(ComponentId(2)).expect("web");
    let db = run.component(ComponentId(3)).expect("db");
    assert!(web.cpu < 0.02, "web CPU {}", web.cpu);
    assert!(
        web.utilization > 0.3,
        "web workers held {}",
        web.utilization
    );
    assert!(db.utilization > 0.6);
    assert!(web.mean_time_ms > db.mean_time_ms);
}

#[test]
fn same_seed_same_run_and_other_seed_other_run() {
    let d = web(3.0, &[("policy", t("target_tracking"))]).0;
    let sc = scenario(
        600.0,
        vec![(
            100.0,
            Event::InstanceFailure {
                target: ComponentId(3),
                count: 1,
                mode: FailureMode::Crash,
            },
        )],
    );
    let a = sim::run(&d, &sc).expect("runs");
    let b = sim::run(&d, &sc).expect("runs");
    assert_eq!(a, b);
    assert_eq!(a.digest(), b.digest());
    let c = sim::run(&d, &Scenario { seed: 8, ..sc }).expect("runs");
    assert_ne!(a.digest(), c.digest());
}

#[test]
fn a_sliced_run_equals_a_whole_run() {
    let d = web(3.0, &[]).0;
    let sc = scenario(300.0, vec![]);
    let whole = sim::run(&d, &sc).expect("runs");
    let mut s = sim::Simulation::new(&d, &sc).expect("builds");
    let mut slices = 0;
    loop {
        let p = s.advance(997);
        slices += 1;
        assert!(p.now_s <= p.duration_s);
        if p.done {
            break;
        }
    }
    assert!(slices > 10);
    assert_eq!(s.finish(), whole);
}

#[test]
fn changing_one_component_does_not_reshuffle_another() {
    let one = B::new()
        .add(1, "users", &[("rate", n(200.0))])
        .add(2, "ec2", &[])
        .link(1, 2);
    let d1 = one.0.clone();
    let d2 = B(one.0)
        .add(3, "users", &[("rate", n(300.0))])
        .add(4, "ec2", &[("service_ms", n(10.0))])
        .link(3, 4)
        .0;
    let sc = Scenario {
        duration_s: 120.0,
        seed: 11,
        ..Scenario::default()
    };
    let a = sim::run(&d1, &sc).expect("runs");
    let b = sim::run(&d2, &sc).expect("runs");
    let (x, y) = (
        a.component(ComponentId(2)).expect("a"),
        b.component(ComponentId(2)).expect("b"),
    );
    assert_eq!(x, y);
}

#[test]
fn refusals_are_plain_words() {
    let none = sim::run(&Design::default(), &Scenario::default()).expect_err("no traffic");
    assert!(none.to_string().contains("nothing sends requests"));
    let d = B::new()
        .add(1, "users", &[("rate", n(1_000_000.0))])
        .add(2, "ec2", &[])
        .link(1, 2)
        .0;
    let sc = Scenario {
        duration_s: 30.0 * 86_400.0,
        bucket_s: 60.0,
        ..Scenario::default()
    };
    let err = sim::Simulation::new(&d, &sc).expect_err("too big");
    assert!(
        err.to_string().starts_with("this scenario needs about "),
        "{err}"
    );
    assert!(
        err.to_string()
            .ends_with("events; shorten it or lower the rate")
    );
    let refused = web(2.0, &[("min", n(5.0)), ("max", n(2.0))]).0;
    let err = sim::run(&refused, &Scenario::default()).expect_err("validation refuses");
    assert!(
        err.to_string()
            .starts_with("the design has an error to fix"),
        "{err}"
    );
    let bad = Scenario {
        duration_s: -1.0,
        ..Scenario::default()
    };
    assert!(sim::run(&d, &bad).is_err());
}

#[test]
fn the_determinism_probe_exercises_the_engine_and_repeats() {
    let run = sim::probe_run().expect("runs");
    assert!(run.totals.completions > 100_000);
    assert!(run.totals.retries > 0);
    assert!(
        run.log
            .iter()
            .any(|e| e.text.contains("interruption notice"))
    );
    assert!(run.log.iter().any(|e| e.text.contains("ELB health check")));
    assert_eq!(sim::probe_digest().expect("runs"), run.digest());
    println!("probe digest {:016x}", run.digest());
}

#[test]
fn slices_by_simulated_time() {
    let d = web(3.0, &[]).0;
    let sc = scenario(300.0, vec![]);
    let whole = sim::run(&d, &sc).expect("runs");
    let mut s = sim::Simulation::new(&d, &sc).expect("builds");
    let mut t = 0.0;
    loop {
        t += 7.0;
        let p = s.advance_until(t, u64::MAX);
        assert!(p.now_s <= t.min(300.0) + 1e-9, "{} > {t}", p.now_s);
        if p.done {
            break;
        }
        assert!((p.now_s - t).abs() < 1e-9);
    }
    assert_eq!(s.finish(), whole);
}
