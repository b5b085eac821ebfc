//! The simulator's speed as wasm, in headless Chromium: the same runs as
//! `skydraft bench` natively, printed for `scripts/bench.sh`. Figures only;
//! nothing here fails on a slow number.
//!
//! Each run is timed four times. "cold" is its first run in the page: V8
//! starts every function in its baseline compiler and swaps in optimised
//! code as it becomes ready, so a first run pays for that compilation once.
//! "warm" is the median of the next three, the engine's own speed, which is
//! what compares with native code (`skydraft bench` also reports medians of
//! three).
//!
//! ```sh
//! CHROMEDRIVER=$(command -v chromedriver) cargo test -p skydraft-core --profile worker \
//!     --target wasm32-unknown-unknown --test wasm_speed -- --nocapture
//! ```
#![cfg(target_arch = "wasm32")]

use skydraft_core::design::Design;
use skydraft_core::scenario::Scenario;
use skydraft_core::sim::{self, reference};
use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// Wall seconds, requests and events of one run.
fn once(d: &Design, sc: &Scenario) -> (f64, u64, u64) {
    let t0 = js_sys::Date::now();
    let run = sim::run(d, sc).expect("the reference run runs");
    let s = (js_sys::Date::now() - t0) / 1000.0;
    assert!(run.totals.requests > 0);
    (s, run.totals.requests, run.totals.events)
}

/// Runs `(design, scenario)` four times and prints the first and the
/// median of the other three.
fn timed(name: &str, (d, sc): (Design, Scenario)) {
    let (cold, requests, events) = once(&d, &sc);
    let mut warm: Vec<f64> = (0..3).map(|_| once(&d, &sc).0).collect();
    warm.sort_by(f64::total_cmp);
    let warm = warm[1];
    console_log!(
        "wasm {name}: {warm:.3} s warm ({cold:.3} s cold), {requests} requests, \
         {:.0} requests/s, {:.0} events/s",
        requests as f64 / warm,
        events as f64 / warm
    );
}

#[wasm_bindgen_test]
fn reference_runs_as_wasm() {
    timed("M/M/8, 1 M customers", reference::mmc8());
    timed(
        "default template, 1 h at 1,000 req/s",
        reference::default_template_hour().expect("default template"),
    );
    timed(
        "serverless template, 1 h",
        reference::serverless_template_hour().expect("serverless template"),
    );
}
