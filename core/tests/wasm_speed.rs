//! The simulator's speed as wasm, in headless Chromium: the same runs as
//! `skydraft bench` natively, printed for `scripts/bench.sh`. Figures only;
//! nothing here fails on a slow number.
//!
//! ```sh
//! CHROMEDRIVER=$(command -v chromedriver) cargo test -p skydraft-core --profile worker \
//!     --target wasm32-unknown-unknown --test wasm_speed -- --nocapture
//! ```
#![cfg(target_arch = "wasm32")]

use skydraft_core::sim::{self, reference};
use wasm_bindgen_test::{console_log, wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// Runs `(design, scenario)` and prints its wall time and rates.
fn timed(
    name: &str,
    (d, sc): (
        skydraft_core::design::Design,
        skydraft_core::scenario::Scenario,
    ),
) {
    let t0 = js_sys::Date::now();
    let run = sim::run(&d, &sc).expect("the reference run runs");
    let s = (js_sys::Date::now() - t0) / 1000.0;
    console_log!(
        "wasm {name}: {s:.3} s, {} requests, {:.0} requests/s, {:.0} events/s",
        run.totals.requests,
        run.totals.requests as f64 / s,
        run.totals.events as f64 / s
    );
    assert!(run.totals.requests > 0);
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
