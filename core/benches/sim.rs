//! Simulator speed, native: `cargo bench -p skydraft-core --bench sim`.
//!
//! Prints wall seconds of three runs through the public API: M/M/8 with a
//! million customers, the default template as shipped, and the default
//! template for one simulated hour at 1,000 req/s. (`skydraft bench --json`
//! reports the same figures as JSON.)

use std::time::Instant;

use skydraft_core::design::Design;
use skydraft_core::scenario::Scenario;
use skydraft_core::sim::reference;
use skydraft_core::{sim, template};

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
    let (d, sc) = reference::mmc8();
    timed("M/M/8, 1 M customers", &d, &sc);

    let t = template::get(template::DEFAULT_ID).expect("default template");
    timed("default template", &t.design, &t.scenario);
    let (d, sc) = reference::default_template_hour().expect("default template");
    let only = std::env::args().any(|a| a == "--hour");
    timed("default template, 1 h at 1,000 req/s", &d, &sc);
    if only {
        for _ in 0..3 {
            timed("again", &d, &sc);
        }
    }
}
