//! The simulator served away from the page: a request from bytes, progress
//! while it runs, and a finished run that arrives as bytes equal to the run
//! made in place.

use skydraft_core::design::Design;
use skydraft_core::remote::{Op, Reply, Request};
use skydraft_core::run::Run;
use skydraft_core::sim::{SimError, Simulation};
use skydraft_core::template;

use super::support::serve_as_worker;

fn run_in_place(design: &Design, scenario: &skydraft_core::scenario::Scenario) -> Run {
    let mut sim = Simulation::new(design, scenario).expect("runs");
    while !sim.advance(100_000).done {}
    sim.finish()
}

#[test]
fn a_served_run_reports_progress_and_equals_the_run_made_in_place() {
    let t = template::get("alb-asg").expect("template");
    let mut scenario = t.scenario.clone();
    scenario.duration_s = 600.0;
    let replies = serve_as_worker(&Request::new(7, Op::Run, &t.design, &scenario), 30.0);
    let (last, progress) = replies.split_last().expect("replies");
    assert!(progress.len() >= 2, "{} progress replies", progress.len());
    let mut reached = 0.0;
    for p in progress {
        let Reply::Progress {
            serial,
            now_s,
            duration_s,
        } = p
        else {
            panic!("{p:?}");
        };
        assert_eq!(*serial, 7);
        assert!(*now_s >= reached && *now_s <= 600.0, "{now_s}");
        assert_eq!(*duration_s, 600.0);
        reached = *now_s;
    }
    let Reply::Done { serial, run } = last else {
        panic!("{last:?}");
    };
    assert_eq!(*serial, 7);
    assert_eq!(**run, run_in_place(&t.design, &scenario));
    assert!(run.totals.requests > 1000);
}

#[test]
fn a_slow_clock_sends_no_progress_between_posts() {
    let t = template::get("alb-asg").expect("template");
    let mut scenario = t.scenario.clone();
    scenario.duration_s = 120.0;
    // The clock barely moves: no progress is due before the run ends.
    let replies = serve_as_worker(&Request::new(1, Op::Run, &t.design, &scenario), 0.001);
    assert_eq!(replies.len(), 1, "{}", replies.len());
    assert!(matches!(replies[0], Reply::Done { serial: 1, .. }));
}

#[test]
fn a_check_says_why_a_design_would_not_run() {
    let t = template::get("alb-asg").expect("template");
    let replies = serve_as_worker(&Request::new(3, Op::Check, &t.design, &t.scenario), 1.0);
    assert_eq!(
        replies,
        vec![Reply::Checked {
            serial: 3,
            error: None
        }]
    );

    let mut empty = t.design.clone();
    let users: Vec<_> = empty
        .components
        .iter()
        .filter(|c| c.kind == "users")
        .map(|c| c.id)
        .collect();
    empty.components.retain(|c| c.kind != "users");
    empty
        .links
        .retain(|l| !users.contains(&l.from) && !users.contains(&l.to));
    let replies = serve_as_worker(&Request::new(4, Op::Check, &empty, &t.scenario), 1.0);
    assert_eq!(
        replies,
        vec![Reply::Checked {
            serial: 4,
            error: Some(SimError::NoTraffic)
        }]
    );
    let replies = serve_as_worker(&Request::new(5, Op::Run, &empty, &t.scenario), 1.0);
    assert_eq!(
        replies,
        vec![Reply::Failed {
            serial: 5,
            error: SimError::NoTraffic
        }]
    );
}

#[test]
fn a_document_that_is_not_a_design_fails_with_a_reason() {
    let request = Request {
        serial: 9,
        op: Op::Run,
        document: "{\"not\": \"a design\"".to_owned(),
        challenge: None,
    };
    let replies = serve_as_worker(&request, 1.0);
    let [
        Reply::Failed {
            serial: 9,
            error: SimError::Invalid { reason },
        },
    ] = replies.as_slice()
    else {
        panic!("{replies:?}");
    };
    assert!(reason.contains("JSON"), "{reason}");
}

#[test]
fn an_hour_long_run_is_compact_on_the_wire() {
    let t = template::get("alb-asg").expect("template");
    let mut scenario = t.scenario.clone();
    scenario.duration_s = 3600.0;
    let run = run_in_place(&t.design, &scenario);
    let bytes = Reply::Done {
        serial: 1,
        run: Box::new(run.clone()),
    }
    .to_bytes();
    let json = serde_json::to_string(&run).expect("json");
    assert!(
        bytes.len() * 2 < json.len(),
        "{} bytes vs {} of JSON",
        bytes.len(),
        json.len()
    );
}
