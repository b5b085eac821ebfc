//! A fixed run that touches every source of floating-point and randomness the
//! engine has, for checking that native and wasm builds agree bit for bit.

use crate::catalog::Kind;
use crate::design::{Component, ComponentId, Design, Link, LinkId, ParamValue, Params};
use crate::run::Run;
use crate::scenario::{Event, FailureMode, Scenario, Shape, TimedEvent, Traffic};

fn comp(id: u32, kind: Kind, params: &[(&str, ParamValue)]) -> Component {
    Component {
        label: format!("{kind} {id}"),
        ..Component::new(id, kind, params)
    }
}

/// The probe's design: Users → ALB → Auto Scaling group (half Spot, lognormal
/// service, target tracking) → Multi-AZ database.
#[must_use]
pub fn probe_design() -> Design {
    let n = ParamValue::Number;
    let t = |s: &str| ParamValue::Text(s.into());
    let mut d = Design {
        name: "determinism probe".into(),
        ..Design::default()
    };
    d.components = vec![
        comp(
            1,
            Kind::Users,
            &[
                ("rate", n(300.0)),
                ("retries", n(2.0)),
                ("timeout_s", n(5.0)),
            ],
        ),
        comp(
            2,
            Kind::Alb,
            &[
                ("algorithm", t("least_outstanding")),
                ("hc_interval_s", n(10.0)),
            ],
        ),
        comp(
            3,
            Kind::Asg,
            &[
                ("min", n(2.0)),
                ("desired", n(2.0)),
                ("max", n(8.0)),
                ("service_dist", t("lognormal")),
                ("service_ms", n(30.0)),
                ("boot_s", n(30.0)),
                ("health_check", t("elb")),
                ("grace_s", n(30.0)),
                ("spot_pct", n(50.0)),
            ],
        ),
        comp(
            4,
            Kind::Rds,
            &[
                ("multi_az", ParamValue::Bool(true)),
                ("connections", n(16.0)),
            ],
        ),
    ];
    for (id, (from, to)) in [(1, 2), (2, 3), (3, 4)].into_iter().enumerate() {
        d.links.push(Link {
            id: LinkId(id as u32 + 1),
            from: ComponentId(from),
            to: ComponentId(to),
            params: Params::new(),
        });
    }
    d
}

/// The probe's scenario: diurnal traffic with bursts, an instance failure, a
/// Spot price spike and a database slowdown over 20 simulated minutes.
#[must_use]
pub fn probe_scenario() -> Scenario {
    let at = |at_s: f64, event: Event| TimedEvent { at_s, event };
    Scenario {
        duration_s: 1200.0,
        seed: 20_261_128,
        bucket_s: 15.0,
        warmup_s: 30.0,
        traffic: vec![
            Traffic {
                source: None,
                shape: Shape::Diurnal {
                    period_s: 900.0,
                    amplitude: 0.6,
                    peak_s: 400.0,
                },
            },
            Traffic {
                source: None,
                shape: Shape::Bursts {
                    every_s: 240.0,
                    duration_s: 20.0,
                    factor: 2.5,
                },
            },
        ],
        timeline: vec![
            at(
                200.0,
                Event::InstanceFailure {
                    target: ComponentId(3),
                    count: 1,
                    mode: FailureMode::Hang,
                },
            ),
            at(
                500.0,
                Event::SpotPriceChange {
                    instance_type: None,
                    az: None,
                    factor: 1.2,
                },
            ),
            at(
                700.0,
                Event::DependencySlowdown {
                    target: ComponentId(4),
                    factor: 3.0,
                    duration_s: Some(120.0),
                },
            ),
        ],
        ..Scenario::default()
    }
}

/// Runs the probe.
///
/// # Errors
/// Never for a correct build; the error type is the simulator's.
pub fn probe_run() -> Result<Run, super::SimError> {
    super::run(&probe_design(), &probe_scenario())
}

/// The digest of the probe run ([`Run::digest`]); equal on every platform.
///
/// # Errors
/// As [`probe_run`].
pub fn probe_digest() -> Result<u64, super::SimError> {
    probe_run().map(|r| r.digest())
}
