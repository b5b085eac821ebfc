//! Replacing a group's instances on purpose: an instance refresh rolling a
//! new AMI out in batches [AS-IR], and instances terminated by hand from the
//! timeline.

use crate::support::{design, log_times, n, t};
use skydraft_core::design::{ComponentId, Design};
use skydraft_core::run::Run;
use skydraft_core::scenario::{Event, Scenario};
use skydraft_core::{share, sim};

/// Users → ALB → a group of 10 (id 3) that does not scale by itself, 30 s
/// boots, 60 s default instance warm-up.
fn ten() -> Design {
    design(
        &[
            (1, "users", vec![("rate", n(100.0))]),
            (2, "alb", vec![]),
            (
                3,
                "asg",
                vec![
                    ("policy", t("none")),
                    ("min", n(2.0)),
                    ("desired", n(10.0)),
                    ("max", n(12.0)),
                    ("boot_s", n(30.0)),
                    ("warmup_s", n(60.0)),
                ],
            ),
        ],
        &[(1, 2), (2, 3)],
    )
}

fn refresh(min_healthy: f64) -> (f64, Event) {
    (
        100.0,
        Event::InstanceRefresh {
            target: ComponentId(3),
            min_healthy,
            warmup_s: None,
        },
    )
}

fn run(events: Vec<(f64, Event)>, duration_s: f64) -> Run {
    let sc = crate::support::scenario(duration_s, 4, 10.0, events);
    sim::run(&ten(), &sc).expect("runs")
}

/// Fewest instances in service from `from_s` on.
fn fewest_in_service(r: &Run, from_s: f64) -> u32 {
    let series = r.series_of(ComponentId(3)).expect("series");
    series.points[(from_s / r.bucket_s) as usize..]
        .iter()
        .map(|p| p.instances.in_service)
        .min()
        .expect("points")
}

/// At 90 % minimum healthy the refresh replaces one instance at a time:
/// never fewer than nine serve, and each batch waits for the one before to
/// boot (30 s) and warm up (60 s), so ten batches take about 15 minutes.
#[test]
fn a_refresh_at_ninety_percent_replaces_one_at_a_time_and_keeps_nine_serving() {
    let r = run(vec![refresh(0.9)], 1500.0);
    let replaced = log_times(&r, "instance refresh: replacing");
    assert_eq!(replaced.len(), 10, "{:#?}", r.log);
    assert_eq!(replaced[0], 100.0);
    // Each next batch waits at least boot + warm-up after the one before.
    for w in replaced.windows(2) {
        assert!(w[1] - w[0] >= 90.0, "{replaced:?}");
        assert!(w[1] - w[0] <= 110.0, "{replaced:?}");
    }
    let done = log_times(&r, "instance refresh complete: 10 instances replaced");
    assert_eq!(done.len(), 1, "{:#?}", r.log);
    assert!(fewest_in_service(&r, 100.0) >= 9);
    assert_eq!(r.totals.errors.total(), 0, "{:?}", r.totals.errors);
}

/// At 50 % five go at a time: the refresh is done in two batches, and half
/// the capacity is away meanwhile.
#[test]
fn a_refresh_at_fifty_percent_is_faster_and_halves_capacity_meanwhile() {
    let slow = run(vec![refresh(0.9)], 1500.0);
    let fast = run(vec![refresh(0.5)], 1500.0);
    assert_eq!(log_times(&fast, "instance refresh: replacing").len(), 10);
    let (s, f) = (
        log_times(&slow, "instance refresh complete")[0],
        log_times(&fast, "instance refresh complete")[0],
    );
    assert!(f < s / 3.0, "50 %: done at {f} s; 90 %: at {s} s");
    assert_eq!(fewest_in_service(&fast, 100.0), 5);
    // A refresh at 0 % replaces everything at once: nothing serves for a while.
    let all = run(vec![refresh(0.0)], 600.0);
    assert_eq!(fewest_in_service(&all, 100.0), 0);
    assert!(all.totals.errors.total() > 0);
}

/// Terminated by hand, instances are replaced; with the desired capacity
/// lowered, they are not.
#[test]
fn instances_terminated_by_hand_are_replaced_unless_desired_goes_down() {
    let by_hand = |decrement: bool| {
        run(
            vec![(
                100.0,
                Event::TerminateInstances {
                    target: ComponentId(3),
                    count: 3,
                    decrement,
                },
            )],
            400.0,
        )
    };
    let kept = by_hand(false);
    assert_eq!(log_times(&kept, "terminated by hand").len(), 3);
    let last = |r: &Run| {
        r.series_of(ComponentId(3))
            .and_then(|s| s.points.last().cloned())
            .expect("point")
    };
    assert_eq!(last(&kept).instances.in_service, 10, "{:#?}", kept.log);
    let lowered = by_hand(true);
    assert_eq!(
        log_times(&lowered, "desired capacity lowered to 7").len(),
        1
    );
    assert_eq!(last(&lowered).instances.in_service, 7);
}

/// Both events travel through a share link and come back equal.
#[test]
fn refresh_and_termination_events_round_trip_through_a_link() {
    let sc = crate::support::scenario(
        600.0,
        1,
        10.0,
        vec![
            refresh(0.75),
            (
                200.0,
                Event::TerminateInstances {
                    target: ComponentId(3),
                    count: 2,
                    decrement: true,
                },
            ),
        ],
    );
    let code = share::encode(&ten(), &sc);
    let (_, back): (Design, Scenario) = share::decode(&code).expect("decodes");
    assert_eq!(back.timeline, sc.timeline);
}
