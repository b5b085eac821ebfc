//! Properties over many scenarios: no panics, consistent counts.

use proptest::prelude::*;
use skydraft_core::catalog::Kind;
use skydraft_core::design::{Component, ComponentId, Design, Link, LinkId, ParamValue, Params};
use skydraft_core::scenario::{Event, FailureMode, Process, Scenario, Shape, TimedEvent, Traffic};
use skydraft_core::sim;

fn design(rate: f64, workers: f64, queue: f64, retries: f64, elb: bool) -> Design {
    let n = ParamValue::Number;
    let mut d = Design {
        components: vec![
            Component::new(
                1,
                Kind::Users,
                &[
                    ("rate", n(rate)),
                    ("retries", n(retries)),
                    ("timeout_s", n(3.0)),
                ],
            ),
            Component::new(2, Kind::Alb, &[("hc_interval_s", n(10.0))]),
            Component::new(
                3,
                Kind::Asg,
                &[
                    ("workers", n(workers)),
                    ("queue", n(queue)),
                    (
                        "health_check",
                        ParamValue::Text(if elb { "elb" } else { "ec2" }.into()),
                    ),
                    ("spot_pct", n(50.0)),
                    ("boot_s", n(20.0)),
                ],
            ),
            Component::new(4, Kind::Rds, &[("connections", n(8.0))]),
        ],
        ..Design::default()
    };
    for (k, (from, to)) in [(1, 2), (2, 3), (3, 4)].into_iter().enumerate() {
        d.links.push(Link {
            id: LinkId(k as u32 + 1),
            from: ComponentId(from),
            to: ComponentId(to),
            params: Params::new(),
        });
    }
    d
}

fn event() -> impl Strategy<Value = Event> {
    prop_oneof![
        (1u32..3, any::<bool>()).prop_map(|(count, hang)| Event::InstanceFailure {
            target: ComponentId(3),
            count,
            mode: if hang {
                FailureMode::Hang
            } else {
                FailureMode::Crash
            },
        }),
        (0u32..3).prop_map(|z| Event::AzOutage {
            az: format!("us-east-1{}", ['a', 'b', 'c'][z as usize]),
            duration_s: Some(60.0)
        }),
        Just(Event::RegionOutage {
            region: None,
            duration_s: Some(30.0)
        }),
        (0.0f64..1.0).prop_map(|share| Event::SpotInterruption {
            target: None,
            share
        }),
        (0.1f64..2.0).prop_map(|factor| Event::SpotPriceChange {
            instance_type: None,
            az: None,
            factor
        }),
        (0.5f64..5.0).prop_map(|factor| Event::DependencySlowdown {
            target: ComponentId(4),
            factor,
            duration_s: None
        }),
        (0.0f64..1.0).prop_map(|error_rate| Event::BadDeployment {
            target: ComponentId(3),
            error_rate,
            duration_s: Some(40.0)
        }),
        (0u32..8).prop_map(|d| Event::ScheduledAction {
            target: ComponentId(3),
            min: None,
            max: None,
            desired: Some(d)
        }),
        Just(Event::Suspend {
            target: ComponentId(3),
            process: Process::Launch
        }),
        Just(Event::Resume {
            target: ComponentId(3),
            process: Process::Launch
        }),
        Just(Event::Suspend {
            target: ComponentId(3),
            process: Process::ReplaceUnhealthy
        }),
    ]
}

fn shape() -> impl Strategy<Value = Shape> {
    prop_oneof![
        (0.0f64..3.0).prop_map(|factor| Shape::Constant { factor }),
        (0.0f64..3.0, 0.0f64..3.0).prop_map(|(from, to)| Shape::Ramp {
            from,
            to,
            start_s: 20.0,
            end_s: 120.0
        }),
        (0.0f64..4.0).prop_map(|factor| Shape::Spike {
            at_s: 50.0,
            duration_s: 20.0,
            factor
        }),
        (0.0f64..1.0).prop_map(|amplitude| Shape::Diurnal {
            period_s: 100.0,
            amplitude,
            peak_s: 10.0
        }),
        proptest::collection::vec(0.0f64..3.0, 1..6).prop_map(|factors| Shape::Series {
            step_s: 30.0,
            factors
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn any_scenario_runs_and_counts_add_up(
        rate in 0.0f64..400.0,
        workers in 1.0f64..16.0,
        queue in 0.0f64..50.0,
        retries in 0.0f64..3.0,
        elb in any::<bool>(),
        duration_s in 1.0f64..200.0,
        bucket_s in 0.5f64..30.0,
        seed in any::<u64>(),
        shapes in proptest::collection::vec(shape(), 0..3),
        events in proptest::collection::vec((0.0f64..200.0, event()), 0..5),
    ) {
        let d = design(rate, workers.floor(), queue.floor(), retries.floor(), elb);
        let sc = Scenario {
            duration_s,
            seed,
            bucket_s,
            traffic: shapes.into_iter().map(|shape| Traffic { source: None, shape }).collect(),
            timeline: events.into_iter().map(|(at_s, event)| TimedEvent { at_s, event }).collect(),
            ..Scenario::default()
        };
        let run = sim::run(&d, &sc).expect("runs");
        let t = &run.totals;
        prop_assert!(t.completions + t.errors.total() <= t.requests);
        let buckets = (duration_s / bucket_s).ceil() as usize;
        prop_assert!(run.buckets.len() == buckets || run.buckets.len() + 1 == buckets || run.buckets.len() == buckets + 1);
        for s in &run.series {
            prop_assert_eq!(s.points.len(), run.buckets.len());
        }
        for c in &run.components {
            prop_assert!(c.utilization >= 0.0 && c.utilization <= 1.0 + 1e-9, "{}", c.utilization);
            prop_assert!(c.cost_usd >= 0.0);
        }
        prop_assert_eq!(sim::run(&d, &sc).expect("runs").digest(), run.digest());
    }
}
