//! Suspending each Auto Scaling process [AS-SUSP]: every one has an effect a
//! run shows, checked against the same run with the process left running.

use crate::support::{b, design, n, t};
use skydraft_core::design::{ComponentId, Design, ParamValue};
use skydraft_core::run::{ComponentPoint, Run};
use skydraft_core::scenario::{Event, FailureMode};
use skydraft_core::sim;

/// Users → ALB → Auto Scaling group (id 3) with `asg`'s settings.
fn web(rate: f64, asg: &[(&str, ParamValue)]) -> Design {
    design(
        &[
            (1, "users", vec![("rate", n(rate))]),
            (2, "alb", vec![]),
            (3, "asg", asg.to_vec()),
        ],
        &[(1, 2), (2, 3)],
    )
}

/// `d` run for `duration_s` with these timeline events, 10 s buckets.
fn run(d: &Design, duration_s: f64, events: Vec<(f64, Event)>) -> Run {
    let sc = crate::support::scenario(duration_s, 11, 10.0, events);
    sim::run(d, &sc).expect("runs")
}

/// The same settings with process flag `flag` set.
fn suspended<'a>(base: &[(&'a str, ParamValue)], flag: &'a str) -> Vec<(&'a str, ParamValue)> {
    let mut v = base.to_vec();
    v.push((flag, b(true)));
    v
}

fn logged(run: &Run, needle: &str) -> usize {
    run.log.iter().filter(|e| e.text.contains(needle)).count()
}

fn last(run: &Run, id: u32) -> ComponentPoint {
    run.series_of(ComponentId(id))
        .and_then(|s| s.points.last())
        .expect("a point")
        .clone()
}

fn crash(at_s: f64) -> (f64, Event) {
    (
        at_s,
        Event::InstanceFailure {
            target: ComponentId(3),
            count: 1,
            mode: FailureMode::Crash,
        },
    )
}

/// Busy enough that a step policy scales out at once.
fn busy() -> Vec<(&'static str, ParamValue)> {
    vec![
        ("policy", t("step")),
        ("desired", n(2.0)),
        ("max", n(12.0)),
        ("step_adjust", n(3.0)),
    ]
}

#[test]
fn launch_suspended_raises_desired_but_launches_nothing() {
    let free = run(&web(400.0, &busy()), 600.0, vec![]);
    let held = run(
        &web(400.0, &suspended(&busy(), "suspend_launch")),
        600.0,
        vec![],
    );
    assert!(last(&free, 3).instances.in_service > 2, "{:#?}", free.log);
    assert_eq!(last(&held, 3).instances.in_service, 2, "{:#?}", held.log);
    assert!(last(&held, 3).group.is_some_and(|g| g.desired > 2));
    assert_eq!(logged(&held, "launching i-"), 0);
}

#[test]
fn terminate_suspended_keeps_instances_a_schedule_removes() {
    let base = vec![
        ("policy", t("none")),
        ("min", n(1.0)),
        ("desired", n(3.0)),
        ("schedule", t("2:1")),
    ];
    let free = run(&web(20.0, &base), 400.0, vec![]);
    let held = run(
        &web(20.0, &suspended(&base, "suspend_terminate")),
        400.0,
        vec![],
    );
    assert_eq!(last(&free, 3).instances.in_service, 1);
    assert_eq!(last(&held, 3).instances.in_service, 3);
    assert_eq!(logged(&held, "terminating i-"), 0);
}

#[test]
fn health_check_suspended_never_marks_a_crashed_instance_unhealthy() {
    let base = vec![("policy", t("none")), ("desired", n(2.0))];
    let free = run(&web(20.0, &base), 300.0, vec![crash(60.0)]);
    let held = run(
        &web(20.0, &suspended(&base, "suspend_health_check")),
        300.0,
        vec![crash(60.0)],
    );
    assert_eq!(logged(&free, "is unhealthy"), 1, "{:#?}", free.log);
    assert_eq!(logged(&held, "is unhealthy"), 0, "{:#?}", held.log);
    assert_eq!(logged(&held, "launching i-"), 0);
}

#[test]
fn az_rebalance_suspended_leaves_capacity_where_the_outage_put_it() {
    let base = vec![
        ("policy", t("none")),
        ("desired", n(4.0)),
        ("azs", n(2.0)),
        ("boot_s", n(30.0)),
    ];
    let out = || {
        vec![(
            100.0,
            Event::AzOutage {
                az: "us-east-1a".into(),
                duration_s: Some(300.0),
            },
        )]
    };
    let free = run(&web(100.0, &base), 900.0, out());
    let held = run(
        &web(100.0, &suspended(&base, "suspend_az_rebalance")),
        900.0,
        out(),
    );
    assert_eq!(last(&free, 3).instances.in_service_by_az[..2], [2, 2]);
    assert_eq!(last(&held, 3).instances.in_service_by_az[..2], [0, 4]);
    assert_eq!(logged(&held, "rebalancing"), 0);
}

#[test]
fn alarm_notification_suspended_ignores_the_policy() {
    let free = run(&web(400.0, &busy()), 400.0, vec![]);
    let held = run(
        &web(400.0, &suspended(&busy(), "suspend_alarm_notification")),
        400.0,
        vec![],
    );
    assert!(logged(&free, "step scaling") > 0);
    assert_eq!(logged(&held, "step scaling"), 0, "{:#?}", held.log);
    assert!(last(&held, 3).group.is_some_and(|g| g.desired == 2));
}

#[test]
fn scheduled_actions_suspended_skip_the_schedule() {
    let base = vec![
        ("policy", t("none")),
        ("desired", n(2.0)),
        ("schedule", t("2:5")),
    ];
    let free = run(&web(20.0, &base), 400.0, vec![]);
    let held = run(
        &web(20.0, &suspended(&base, "suspend_scheduled_actions")),
        400.0,
        vec![],
    );
    assert_eq!(last(&free, 3).instances.in_service, 5);
    assert_eq!(last(&held, 3).instances.in_service, 2, "{:#?}", held.log);
}

#[test]
fn add_to_load_balancer_suspended_keeps_new_instances_out_of_rotation() {
    use skydraft_core::scenario::Process;
    let suspend = || {
        vec![(
            30.0,
            Event::Suspend {
                target: ComponentId(3),
                process: Process::AddToLoadBalancer,
            },
        )]
    };
    let free = run(&web(400.0, &busy()), 600.0, vec![]);
    let held = run(&web(400.0, &busy()), 600.0, suspend());
    let most = |r: &Run, id: u32, f: fn(&ComponentPoint) -> u32| {
        r.series_of(ComponentId(id))
            .map_or(0, |s| s.points.iter().map(f).max().unwrap_or(0))
    };
    assert!(most(&free, 2, |p| p.healthy_targets) > 2);
    // The group grows, but the load balancer never sees more than the two
    // registered before the suspension.
    assert!(
        most(&held, 3, |p| p.instances.in_service) > 2,
        "{:#?}",
        held.log
    );
    assert_eq!(most(&held, 2, |p| p.healthy_targets), 2);
}

#[test]
fn every_process_has_a_setting_on_the_group() {
    use skydraft_core::scenario::Process;
    let asg = skydraft_core::catalog::kind("asg").expect("asg");
    let flag = |p: Process| match p {
        Process::Launch => "suspend_launch",
        Process::Terminate => "suspend_terminate",
        Process::HealthCheck => "suspend_health_check",
        Process::ReplaceUnhealthy => "suspend_replace_unhealthy",
        Process::AzRebalance => "suspend_az_rebalance",
        Process::AlarmNotification => "suspend_alarm_notification",
        Process::ScheduledActions => "suspend_scheduled_actions",
        Process::AddToLoadBalancer => "suspend_add_to_lb",
    };
    for p in Process::ALL {
        assert!(asg.param(flag(p)).is_some(), "no setting for {}", p.name());
    }
}
