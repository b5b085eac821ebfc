//! ECS rolling deployments from the timeline [ECS-SVC]: new tasks start up
//! to the service's maximum percent of its desired count, old ones stop down
//! to its minimum healthy percent as new ones become healthy; a bad
//! revision's errors come in with its tasks.

use crate::support::{design, failing, log_times, n};
use skydraft_core::design::{ComponentId, Design, ParamValue};
use skydraft_core::run::{InstanceCounts, Run};
use skydraft_core::scenario::{Event, Scenario};
use skydraft_core::{share, sim, validate};

/// The service's id in every design here.
const SVC: ComponentId = ComponentId(3);
/// When the deployment starts, simulated seconds.
const AT_S: f64 = 100.0;

/// Users at `rate` → ALB → a Fargate service (id 3) of four tasks, each of
/// eight 40 ms workers (200 requests/s), starting in 20 s (+5 s ENI).
fn fargate(rate: f64, svc: &[(&str, ParamValue)]) -> Design {
    let mut params = vec![("desired", n(4.0)), ("start_s", n(20.0))];
    params.extend(svc.iter().cloned());
    design(
        &[
            (1, "users", vec![("rate", n(rate))]),
            (2, "alb", vec![]),
            (3, "fargate", params),
        ],
        &[(1, 2), (2, 3)],
    )
}

/// The same service on EC2: an ECS service (id 3) on a cluster of two
/// m5.large container instances (room for sixteen 256-unit tasks).
fn on_ec2(rate: f64, svc: &[(&str, ParamValue)]) -> Design {
    let mut params = vec![("desired", n(4.0)), ("start_s", n(20.0))];
    params.extend(svc.iter().cloned());
    design(
        &[
            (1, "users", vec![("rate", n(rate))]),
            (2, "alb", vec![]),
            (3, "ecs_service", params),
            (4, "ecs_cluster", vec![("instances", n(2.0))]),
        ],
        &[(1, 2), (2, 3), (3, 4)],
    )
}

fn deploy(error_rate: f64) -> (f64, Event) {
    (
        AT_S,
        Event::EcsDeployment {
            target: SVC,
            error_rate,
        },
    )
}

fn run(d: &Design, events: Vec<(f64, Event)>, duration_s: f64) -> Run {
    let sc = crate::support::scenario(duration_s, 7, 1.0, events);
    sim::run(d, &sc).expect("runs")
}

/// Tasks in service at the end of each one-second bucket from `from_s` on.
fn in_service(r: &Run, from_s: f64) -> Vec<u32> {
    tasks(r, from_s, |i| i.in_service)
}

/// What `count` reads from the service's tasks at the end of each bucket
/// from `from_s` on.
fn tasks(r: &Run, from_s: f64, count: impl Fn(&InstanceCounts) -> u32) -> Vec<u32> {
    let series = r.series_of(SVC).expect("series");
    series.points[(from_s / r.bucket_s) as usize..]
        .iter()
        .map(|p| count(&p.instances))
        .collect()
}

/// With the defaults (maximum 200 %, minimum healthy 100 %) four new tasks
/// start beside the four old ones; the old ones stop only once the new ones
/// serve: never fewer than four serve, eight run for a while. On both
/// launch types.
#[test]
fn the_defaults_never_drop_below_desired_and_briefly_run_twice_as_many() {
    for d in [fargate(400.0, &[]), on_ec2(400.0, &[])] {
        let r = run(&d, vec![deploy(0.0)], 300.0);
        let started = log_times(
            &r,
            "4 new tasks at a time, at least 4 serving, at most 8 running",
        );
        assert_eq!(started, vec![AT_S], "{:#?}", r.log);
        let counts = in_service(&r, AT_S);
        assert!(counts.iter().all(|&c| c >= 4), "{counts:?}");
        // Old tasks serve while the new ones start, then drain.
        let running = tasks(&r, AT_S, |i| i.pending + i.in_service + i.draining);
        assert_eq!(running.iter().max(), Some(&8), "{running:?}");
        assert_eq!(running.iter().min(), Some(&4), "{running:?}");
        let done = log_times(&r, "ECS deployment complete");
        assert_eq!(done.len(), 1, "{:#?}", r.log);
        // The start time (20 s, and the ENI's 5 s on Fargate), then at most
        // one group tick.
        assert!(done[0] >= AT_S + 20.0 && done[0] <= AT_S + 40.0, "{done:?}");
        assert_eq!(*in_service(&r, 250.0).last().expect("points"), 4);
        assert_eq!(r.totals.errors.total(), 0, "{:?}", r.totals.errors);
    }
}

/// At minimum healthy 50 % and maximum 100 % two old tasks stop before any
/// new one starts: half the capacity serves 300 requests/s meant for four
/// tasks, and requests are refused or wait far longer than with the defaults.
#[test]
fn half_healthy_and_no_surge_halves_the_service_under_load() {
    let tight = [("min_healthy_pct", n(50.0)), ("max_pct", n(100.0))];
    let half = run(&fargate(600.0, &tight), vec![deploy(0.0)], 300.0);
    let whole = run(&fargate(600.0, &[]), vec![deploy(0.0)], 300.0);
    let counts = in_service(&half, AT_S);
    assert_eq!(counts.iter().min(), Some(&2), "{counts:?}");
    assert!(counts.iter().all(|&c| c <= 4), "{counts:?}");
    assert_eq!(
        log_times(&half, "2 new tasks at a time, at least 2 serving").len(),
        1,
        "{:#?}",
        half.log
    );
    assert_eq!(log_times(&half, "ECS deployment complete").len(), 1);
    let worst_p99 = |r: &Run| {
        r.buckets
            .iter()
            .filter(|b| b.start_s >= AT_S)
            .map(|b| b.p99_ms)
            .fold(0.0, f64::max)
    };
    let (refused, calm) = (half.totals.errors.total(), whole.totals.errors.total());
    let (slow, quick) = (worst_p99(&half), worst_p99(&whole));
    assert!(
        refused > calm || slow > 3.0 * quick,
        "errors {refused} vs {calm}; worst p99 {slow} ms vs {quick} ms"
    );
    assert_eq!(calm, 0);
}

/// A revision failing half its requests comes in task by task: nothing
/// fails while its first tasks start, then a part of the traffic fails
/// while old and new tasks serve side by side, and half of it once only new
/// tasks are left. A bad deployment of the same service fails half at once.
#[test]
fn a_bad_revision_fails_more_as_its_tasks_replace_old_ones() {
    let steps = [("min_healthy_pct", n(75.0)), ("max_pct", n(125.0))];
    let r = run(&fargate(200.0, &steps), vec![deploy(0.5)], 400.0);
    assert!(
        !log_times(&r, "ECS deployment: stopping").is_empty(),
        "{:#?}",
        r.log
    );
    assert_eq!(failing(&r, 0.0, AT_S), 0.0);
    // The first new tasks take 25 s to start.
    assert_eq!(failing(&r, AT_S, 20.0), 0.0);
    let done = log_times(&r, "ECS deployment complete");
    assert_eq!(done.len(), 1, "{:#?}", r.log);
    let end = failing(&r, done[0] + 10.0, 60.0);
    assert!((end - 0.5).abs() < 0.06, "after the deployment: {end}");
    let mid: Vec<f64> = (0..((done[0] - AT_S) / 5.0) as usize)
        .map(|k| failing(&r, AT_S + 5.0 * k as f64, 5.0))
        .collect();
    assert!(
        mid.iter().any(|&f| f > 0.05 && f < 0.4),
        "no partial share while old and new tasks serve together: {mid:?}"
    );
    // The same error rate as a bad deployment switches every task at once.
    let at_once = Event::BadDeployment {
        target: SVC,
        error_rate: 0.5,
        duration_s: None,
    };
    let all = run(&fargate(200.0, &[]), vec![(AT_S, at_once)], 200.0);
    assert!(failing(&all, AT_S + 1.0, 10.0) > 0.4);
}

/// A revision that fails nothing keeps the error count at zero, and the
/// event travels through a share link.
#[test]
fn a_good_deployment_fails_nothing_and_travels_through_a_link() {
    let d = fargate(200.0, &[("min_healthy_pct", n(0.0))]);
    let sc: Scenario = crate::support::scenario(300.0, 1, 10.0, vec![deploy(0.0)]);
    let code = share::encode(&d, &sc);
    let (back_d, back): (Design, Scenario) = share::decode(&code).expect("decodes");
    assert_eq!(back.timeline, sc.timeline);
    let r = sim::run(&back_d, &back).expect("runs");
    // Minimum 0 %: every old task stops at once, nothing serves meanwhile.
    let counts = in_service(&r, AT_S);
    assert_eq!(counts.iter().min(), Some(&0), "{counts:?}");
    assert_eq!(log_times(&r, "ECS deployment complete").len(), 1);
}

/// Percentages that leave no room to start or stop a task are an error
/// with its fix; the defaults and the documented pairs are not.
#[test]
fn percentages_without_room_to_deploy_are_an_error() {
    let stuck = |d: &Design| {
        validate::validate(d)
            .into_iter()
            .filter(|f| f.rule == "ecs-deploy-stuck")
            .collect::<Vec<_>>()
    };
    let pct = |min: f64, max: f64| [("min_healthy_pct", n(min)), ("max_pct", n(max))];
    let found = stuck(&on_ec2(10.0, &pct(100.0, 100.0)));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].message.contains("maximum 100 % allows 4 tasks"));
    assert!(found[0].fix.contains("Raise the maximum percent above 100"));
    assert!(!validate::is_runnable(&on_ec2(10.0, &pct(100.0, 100.0))));
    assert_eq!(stuck(&fargate(10.0, &pct(100.0, 100.0))).len(), 1);
    let refused = sim::run(
        &fargate(10.0, &pct(100.0, 100.0)),
        &crate::support::scenario(200.0, 1, 10.0, vec![deploy(0.0)]),
    );
    assert!(refused.is_err());
    // Scaled in to two tasks by a scheduled action, a service at 75 % and
    // 120 % has no room left: the deployment says why it replaces nothing.
    let two = Event::ScheduledAction {
        target: SVC,
        min: Some(2),
        max: Some(2),
        desired: Some(2),
    };
    let d = on_ec2(10.0, &pct(75.0, 120.0));
    let r = run(&d, vec![(50.0, two), deploy(0.0)], 200.0);
    let why = log_times(&r, "ECS deployment cannot progress: maximum 120 % of 2");
    assert_eq!(why, vec![AT_S], "{:#?}", r.log);
    assert!(log_times(&r, "ECS deployment complete").is_empty());
    assert!(log_times(&r, "ECS deployment: ").is_empty(), "{:#?}", r.log);
    // 120 % of 2 tasks is 2, 75 % of 2 is 2: no room either way.
    let two = [
        ("desired", n(2.0)),
        ("min_healthy_pct", n(75.0)),
        ("max_pct", n(120.0)),
    ];
    assert_eq!(stuck(&fargate(10.0, &two)).len(), 1);
    for ok in [pct(100.0, 200.0), pct(50.0, 100.0), pct(0.0, 100.0)] {
        assert!(stuck(&fargate(10.0, &ok)).is_empty(), "{ok:?}");
    }
    assert!(stuck(&fargate(10.0, &[])).is_empty());
    // With service auto scaling, the desired count within its bounds counts.
    let scaling = [
        ("desired", n(4.0)),
        ("autoscaling", ParamValue::Bool(true)),
        ("min", n(1.0)),
        ("max", n(2.0)),
        ("min_healthy_pct", n(75.0)),
        ("max_pct", n(120.0)),
    ];
    let found = stuck(&fargate(10.0, &scaling));
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].message.contains("with 2 desired tasks"),
        "{found:?}"
    );
}
