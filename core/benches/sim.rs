//! Simulator speed, native: `cargo bench -p skydraft-core --bench sim`.
//!
//! Prints wall seconds of three runs through the public API: M/M/8 with a
//! million customers, the default template as shipped, and the default
//! template for one simulated hour at 1,000 req/s. (`skydraft bench --json`
//! reports the same figures as JSON.)

use std::time::Instant;

use skydraft_core::design::{
    Component, ComponentId, Design, Link, LinkId, ParamValue, Params, Point,
};
use skydraft_core::scenario::Scenario;
use skydraft_core::{sim, template};

fn comp(id: u32, kind: &str, params: &[(&str, f64)]) -> Component {
    let mut p = Params::new();
    for (k, v) in params {
        p.insert((*k).to_owned(), ParamValue::Number(*v));
    }
    Component {
        id: ComponentId(id),
        kind: kind.into(),
        label: kind.into(),
        pos: Point::default(),
        params: p,
    }
}

#[allow(clippy::disallowed_methods)] // a native benchmark measures wall time
fn timed(name: &str, d: &Design, sc: &Scenario) {
    let t0 = Instant::now();
    let run = sim::run(d, sc).expect("runs");
    let s = t0.elapsed().as_secs_f64();
    println!(
        "{name}: {s:.3} s, {} requests, {:.0} requests/s, {:.0} events/s",
        run.totals.requests,
        run.totals.requests as f64 / s,
        run.totals.events as f64 / s
    );
}

fn main() {
    let mut d = Design::default();
    d.components.push(comp(1, "users", &[("rate", 6400.0)]));
    d.components.push(comp(
        2,
        "ec2",
        &[("workers", 8.0), ("queue", 1e6), ("service_ms", 1.0)],
    ));
    d.links.push(Link {
        id: LinkId(1),
        from: ComponentId(1),
        to: ComponentId(2),
        params: Params::new(),
    });
    let sc = Scenario {
        duration_s: 1e6 / 6400.0,
        ..Scenario::default()
    };
    timed("M/M/8, 1 M customers", &d, &sc);

    let t = template::get(template::DEFAULT_ID).expect("default template");
    timed("default template", &t.design, &t.scenario);
    let mut d = t.design.clone();
    for c in d.components.iter_mut().filter(|c| c.kind == "users") {
        c.params.insert("rate".into(), ParamValue::Number(1000.0));
    }
    let only = std::env::args().any(|a| a == "--hour");
    let sc = Scenario {
        duration_s: 3600.0,
        ..t.scenario
    };
    timed("default template, 1 h at 1,000 req/s", &d, &sc);
    if only {
        for _ in 0..3 {
            timed("again", &d, &sc);
        }
    }
}
