//! The estimate against the real event count of short runs.

use super::super::{MAX_EVENTS, expected_events};
use crate::catalog::Kind;
use crate::design::{Component, ComponentId, Design, Link, LinkId, ParamValue};
use crate::scenario::{Scenario, Shape, Traffic};
use crate::sim::{SimError, Simulation};
use crate::template;

/// `chains` copies of Users → ALB → Auto Scaling group → RDS (four
/// components each), every Users at `rate` req/s.
pub(crate) fn chains(chains: u32, rate: f64) -> Design {
    let mut d = Design {
        name: format!("{chains} chains"),
        ..Design::default()
    };
    for k in 0..chains {
        let base = 4 * k + 1;
        let kinds = [Kind::Users, Kind::Alb, Kind::Asg, Kind::Rds];
        for (i, kind) in kinds.into_iter().enumerate() {
            let params: Vec<(&str, ParamValue)> = if kind == Kind::Users {
                vec![("rate", ParamValue::Number(rate))]
            } else {
                Vec::new()
            };
            let mut c = Component::new(base + i as u32, kind, &params);
            c.label = format!("{} {}", kind.id(), k + 1);
            d.components.push(c);
        }
        for i in 0..3 {
            d.links.push(Link {
                id: LinkId(3 * k + i + 1),
                from: ComponentId(base + i),
                to: ComponentId(base + i + 1),
                params: Default::default(),
            });
        }
    }
    d
}

/// `cells` copies of Users → ALB → three EC2 instances → RDS (six
/// components each, the grid the page's bench uses), every Users at
/// `rate` req/s.
pub(crate) fn cells(cells: u32, rate: f64) -> Design {
    let mut d = Design {
        name: format!("{cells} cells"),
        ..Design::default()
    };
    let kinds = [
        Kind::Users,
        Kind::Alb,
        Kind::Ec2,
        Kind::Ec2,
        Kind::Ec2,
        Kind::Rds,
    ];
    let links = [(0, 1), (1, 2), (1, 3), (1, 4), (2, 5), (3, 5), (4, 5)];
    for k in 0..cells {
        let base = 6 * k + 1;
        for (i, kind) in kinds.into_iter().enumerate() {
            let params: Vec<(&str, ParamValue)> = if kind == Kind::Users {
                vec![("rate", ParamValue::Number(rate))]
            } else {
                Vec::new()
            };
            let mut c = Component::new(base + i as u32, kind, &params);
            c.label = format!("{} {}.{}", kind.id(), k + 1, i);
            d.components.push(c);
        }
        for (j, (a, b)) in links.into_iter().enumerate() {
            d.links.push(Link {
                id: LinkId(7 * k + j as u32 + 1),
                from: ComponentId(base + a),
                to: ComponentId(base + b),
                params: Default::default(),
            });
        }
    }
    d
}

/// Expected and real events of a run of `d` under `sc`.
fn measured(d: &Design, sc: &Scenario) -> (f64, u64) {
    let expected = expected_events(d, sc).expect("builds");
    let run = crate::sim::run(d, sc).expect("runs");
    (expected, run.totals.events)
}

fn within_twice(name: &str, expected: f64, real: u64) {
    let ratio = expected / real as f64;
    eprintln!("{name:<28} {expected:>14.0} {real:>12} {ratio:>6.2}");
    assert!(
        (0.5..=2.0).contains(&ratio),
        "{name}: estimate {expected:.0} against {real} real events"
    );
}

#[test]
fn every_template_is_estimated_within_a_factor_of_two() {
    for t in template::all() {
        let sc = Scenario {
            duration_s: 300.0,
            ..t.scenario.clone()
        };
        let (expected, real) = measured(&t.design, &sc);
        within_twice(t.id, expected, real);
    }
}

#[test]
fn traffic_shapes_count_by_their_mean() {
    let t = template::get("alb-asg").expect("template");
    let mut sc = Scenario {
        duration_s: 300.0,
        ..t.scenario.clone()
    };
    sc.traffic = vec![Traffic {
        source: None,
        shape: Shape::Spike {
            at_s: 100.0,
            duration_s: 60.0,
            factor: 6.0,
        },
    }];
    let (expected, real) = measured(&t.design, &sc);
    within_twice("alb-asg with a spike", expected, real);
}

#[test]
fn a_thousand_components_are_estimated_per_chain() {
    let d = chains(250, 100.0);
    assert_eq!(d.components.len(), 1_000);
    let sc = Scenario {
        duration_s: 60.0,
        ..Scenario::default()
    };
    let (expected, real) = measured(&d, &sc);
    within_twice("250 chains, 60 s", expected, real);
}

#[test]
fn a_grid_of_cells_is_estimated_per_cell() {
    let d = cells(167, 100.0);
    assert_eq!(d.components.len(), 1_002);
    let sc = Scenario {
        duration_s: 60.0,
        ..Scenario::default()
    };
    let (expected, real) = measured(&d, &sc);
    within_twice("167 cells, 60 s", expected, real);
}

#[test]
#[ignore = "a full 15-minute run of 1,000 components: for measuring"]
fn a_thousand_components_for_fifteen_minutes_measured() {
    let sc = Scenario {
        duration_s: 900.0,
        ..Scenario::default()
    };
    let (expected, real) = measured(&chains(250, 100.0), &sc);
    within_twice("250 chains, 900 s", expected, real);
    assert!(real < MAX_EVENTS);
    let (expected, real) = measured(&cells(167, 100.0), &sc);
    within_twice("167 cells, 900 s", expected, real);
    assert!(real < MAX_EVENTS);
}

#[test]
fn a_thousand_components_run_for_fifteen_minutes() {
    let d = chains(250, 100.0);
    let sc = Scenario {
        duration_s: 900.0,
        ..Scenario::default()
    };
    let expected = expected_events(&d, &sc).expect("builds");
    assert!(expected < MAX_EVENTS as f64 / 10.0, "{expected}");
    assert!(Simulation::new(&d, &sc).is_ok());
}

#[test]
fn a_run_too_big_is_offered_a_shorter_duration_and_a_scale_that_fit() {
    let d = chains(3, 100_000.0);
    let sc = Scenario {
        duration_s: 3_600.0,
        ..Scenario::default()
    };
    let Err(SimError::TooManyEvents { estimated, fit }) = Simulation::new(&d, &sc) else {
        panic!("the run should be too big");
    };
    assert!(estimated > MAX_EVENTS);
    // 3 × 100,000 req/s × 3 events per request (arrival, web, database):
    // about 3.2 billion events in the hour, so about 37 minutes or 55 % fit.
    assert_eq!(fit.duration_s % 60.0, 0.0);
    assert!(fit.duration_s >= 60.0 && fit.duration_s < sc.duration_s);
    assert_eq!(fit.duration_s, 37.0 * 60.0);
    assert_eq!(fit.users_scale, 0.61);
    // Either change fits, and a minute more does not.
    let shorter = Scenario {
        duration_s: fit.duration_s,
        ..sc.clone()
    };
    assert!(expected_events(&d, &shorter).expect("builds") <= MAX_EVENTS as f64);
    let longer = Scenario {
        duration_s: fit.duration_s + 60.0,
        ..sc.clone()
    };
    assert!(expected_events(&d, &longer).expect("builds") > MAX_EVENTS as f64);
    let scaled = scale_users(&d, fit.users_scale);
    assert!(expected_events(&scaled, &sc).expect("builds") <= MAX_EVENTS as f64);
    let more = scale_users(&d, fit.users_scale + 0.01);
    assert!(expected_events(&more, &sc).expect("builds") > MAX_EVENTS as f64);
}

fn scale_users(d: &Design, by: f64) -> Design {
    let mut d = d.clone();
    for c in d.components.iter_mut().filter(|c| c.is(Kind::Users)) {
        let rate = c.number("rate") * by;
        c.params.insert("rate".into(), ParamValue::Number(rate));
    }
    d
}
