//! Results that add up for a learner: the whole design's capacity counts
//! what its group lines describe, log lines name the component and say what
//! happens next, and errors are named by their cause.

use crate::support::{b, design, n};
use skydraft_core::chart::{ChartKind, Scope, chart_data};
use skydraft_core::design::ComponentId;
use skydraft_core::run::{ErrorCause, Run};
use skydraft_core::scenario::{Event, FailureMode, Scenario, TimedEvent};
use skydraft_core::{sim, template};

fn crash_at(at_s: f64, target: u32) -> TimedEvent {
    TimedEvent {
        at_s,
        event: Event::InstanceFailure {
            target: ComponentId(target),
            count: 1,
            mode: FailureMode::Crash,
        },
    }
}

fn scenario(duration_s: f64, timeline: Vec<TimedEvent>) -> Scenario {
    let mut s = Scenario {
        duration_s,
        seed: 11,
        bucket_s: 5.0,
        timeline,
        ..Scenario::default()
    };
    s.mix.write_share = 0.2;
    s
}

/// The values of the capacity series `name` of the whole design.
fn capacity(run: &Run, name: &str) -> Vec<f64> {
    let d = chart_data(run, ChartKind::Capacity, Scope::System).expect("capacity applies");
    let s = d
        .series
        .iter()
        .find(|s| s.name == name)
        .unwrap_or_else(|| panic!("no series {name}"));
    s.values.iter().map(|v| v.unwrap_or(0.0)).collect()
}

fn lines<'a>(run: &'a Run, needle: &str) -> Vec<&'a str> {
    run.log
        .iter()
        .filter(|e| e.text.contains(needle))
        .map(|e| e.text.as_str())
        .collect()
}

#[test]
fn whole_design_capacity_counts_the_group_not_the_databases() {
    let t = template::get("rds-failover").expect("the RDS template exists");
    let run = sim::run(&t.design, &scenario(600.0, Vec::new())).expect("runs");
    let azs = run.azs.clone();
    let desired = capacity(&run, "desired");
    let in_service: Vec<f64> = (0..desired.len())
        .map(|k| {
            azs.iter()
                .map(|az| capacity(&run, &format!("in service {az}"))[k])
                .sum()
        })
        .collect();
    // Steady state: past the boot of the group's first instances.
    let last = in_service.len() - 1;
    assert!(desired[last] >= 1.0, "{desired:?}");
    assert_eq!(in_service[last], desired[last], "in service {in_service:?}");
    assert!(
        in_service.iter().zip(&desired).all(|(i, d)| i <= d),
        "never more in service than desired: {in_service:?} against {desired:?}"
    );
    // The database's own chart still shows its primary.
    let db = t
        .design
        .components
        .iter()
        .find(|c| c.kind == "rds")
        .expect("a database");
    let own = chart_data(&run, ChartKind::Capacity, Scope::Component(db.id)).expect("applies");
    assert!(own.has_values());
}

#[test]
fn a_database_failure_names_the_primary_and_its_failover() {
    let d = design(
        &[
            (1, "users", vec![("rate", n(100.0))]),
            (2, "ec2", vec![]),
            (3, "rds", vec![("multi_az", b(true))]),
        ],
        &[(1, 2), (2, 3)],
    );
    let run = sim::run(&d, &scenario(300.0, vec![crash_at(100.0, 3)])).expect("runs");
    let failed = lines(&run, "failed (instance stopped)");
    assert_eq!(failed.len(), 1, "{:#?}", run.log);
    assert!(
        failed[0].starts_with("rds-3 (")
            && failed[0].contains("): database primary i-")
            && failed[0].ends_with("; Multi-AZ failover to the standby in another zone in 90 s"),
        "{}",
        failed[0]
    );
    assert_eq!(
        lines(&run, "replacement").len(),
        0,
        "a database is not replaced"
    );
    assert_eq!(
        lines(&run, "failed over to its standby in").len(),
        1,
        "{:#?}",
        run.log
    );
    // The errors of the failover are the database's, named with its time.
    let e = &run.totals.errors;
    assert!(e.database > 0, "{e:?}");
    assert_eq!(
        e.total(),
        e.database + e.instance_lost + e.failed + e.timed_out
    );
    assert_eq!(ErrorCause::Database.label(&run), "Database failover (90 s)");
    let thr = chart_data(&run, ChartKind::Throughput, Scope::System).expect("applies");
    assert!(
        thr.series
            .iter()
            .any(|s| s.name == "Database failover (90 s)"
                && s.values.iter().any(|v| v.is_some_and(|v| v > 0.0))),
        "the throughput chart names the cause"
    );
}

#[test]
fn a_single_az_database_says_it_waits_for_a_restore() {
    let d = design(
        &[
            (1, "users", vec![("rate", n(20.0))]),
            (2, "ec2", vec![]),
            (3, "rds", vec![("multi_az", b(false))]),
        ],
        &[(1, 2), (2, 3)],
    );
    let run = sim::run(&d, &scenario(200.0, vec![crash_at(50.0, 3)])).expect("runs");
    let failed = lines(&run, "database primary");
    assert_eq!(failed.len(), 1, "{:#?}", run.log);
    assert!(
        failed[0]
            .ends_with("single-AZ, no standby: the database is down until it is restored in 600 s"),
        "{}",
        failed[0]
    );
    assert_eq!(ErrorCause::Database.label(&run), "Database down");
    assert!(run.totals.errors.database > 0);
}

#[test]
fn a_group_instance_failure_says_a_replacement_follows() {
    let d = design(
        &[
            (1, "users", vec![("rate", n(20.0))]),
            (2, "alb", vec![]),
            (3, "asg", vec![("min", n(2.0)), ("desired", n(2.0))]),
        ],
        &[(1, 2), (2, 3)],
    );
    let run = sim::run(&d, &scenario(400.0, vec![crash_at(120.0, 3)])).expect("runs");
    let failed = lines(&run, "failed (instance stopped)");
    assert_eq!(failed.len(), 1, "{:#?}", run.log);
    assert!(
        failed[0].starts_with("asg-3 (")
            && failed[0].contains("): instance i-")
            && failed[0].ends_with("; the group launches a replacement"),
        "{}",
        failed[0]
    );
    assert_eq!(
        lines(&run, "launching a replacement").len(),
        1,
        "{:#?}",
        run.log
    );
}
