//! Timeline targets: an event naming something that cannot take it is
//! ignored with a log line, and one naming the right kind takes effect.

use crate::support::{design, n};
use skydraft_core::design::ComponentId;
use skydraft_core::run::Run;
use skydraft_core::scenario::{Event, FailureMode, Process, Scenario, TimedEvent};
use skydraft_core::sim;

/// Users → ALB → an Auto Scaling group (3) and a lone instance (4); users →
/// API Gateway → a Lambda function (5).
fn run(events: Vec<(f64, Event)>) -> Run {
    let d = design(
        &[
            (1, "users", vec![("rate", n(50.0))]),
            (2, "alb", vec![]),
            (3, "asg", vec![("min", n(2.0)), ("desired", n(2.0))]),
            (4, "ec2", vec![]),
            (5, "lambda", vec![]),
            (6, "apigw", vec![]),
        ],
        &[(1, 2), (2, 3), (2, 4), (1, 6), (6, 5)],
    );
    let sc = Scenario {
        duration_s: 120.0,
        bucket_s: 10.0,
        timeline: events
            .into_iter()
            .map(|(at_s, event)| TimedEvent { at_s, event })
            .collect(),
        ..Scenario::default()
    };
    match sim::run(&d, &sc) {
        Ok(r) => r,
        Err(e) => panic!("{e}"),
    }
}

fn lines(r: &Run, needle: &str) -> usize {
    r.log.iter().filter(|e| e.text.contains(needle)).count()
}

#[test]
fn events_whose_target_cannot_take_them_are_ignored_and_said() {
    let r = run(vec![
        // A function has no instances to fail.
        (
            10.0,
            Event::InstanceFailure {
                target: ComponentId(5),
                count: 1,
                mode: FailureMode::Crash,
            },
        ),
        // A lone instance is not a group.
        (
            20.0,
            Event::ScheduledAction {
                target: ComponentId(4),
                min: Some(1),
                max: Some(4),
                desired: Some(3),
            },
        ),
        (
            30.0,
            Event::Suspend {
                target: ComponentId(99),
                process: Process::Launch,
            },
        ),
        (
            40.0,
            Event::AzOutage {
                az: "mars-1a".into(),
                duration_s: None,
            },
        ),
    ]);
    assert_eq!(lines(&r, "timeline event ignored"), 4, "{:#?}", r.log);
    assert_eq!(lines(&r, "scheduled action:"), 0);
}

#[test]
fn events_on_the_right_targets_take_effect() {
    let r = run(vec![
        (
            10.0,
            Event::ScheduledAction {
                target: ComponentId(3),
                min: Some(1),
                max: Some(5),
                desired: Some(4),
            },
        ),
        (
            20.0,
            Event::Suspend {
                target: ComponentId(3),
                process: Process::Launch,
            },
        ),
        (
            30.0,
            Event::InstanceFailure {
                target: ComponentId(4),
                count: 1,
                mode: FailureMode::Crash,
            },
        ),
    ]);
    assert_eq!(lines(&r, "timeline event ignored"), 0, "{:#?}", r.log);
    assert_eq!(lines(&r, "scheduled action: min 1, max 5, desired 4"), 1);
    assert_eq!(lines(&r, "Launch suspended"), 1);
    assert_eq!(lines(&r, "failed (instance stopped)"), 1);
}
