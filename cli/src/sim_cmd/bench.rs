//! `skydraft bench`: speed and memory of the simulator, measured natively.
//! Each timed figure is the median of three runs.
//!
//! The wall clock is read here and only here (a native benchmark); the core
//! never reads it.

use std::time::Instant;

use serde_json::json;
use skydraft_core::design::ParamValue;
use skydraft_core::scenario::Scenario;
use skydraft_core::sim::reference::{
    SERVERLESS_TEMPLATE, default_template_hour, mmc8, mmc8_design, serverless_template_hour,
};
use skydraft_core::{sim, template};

use super::{BenchArgs, CmdError};

#[allow(clippy::disallowed_methods)] // a native benchmark measures wall time
fn timed<T>(f: impl FnOnce() -> T) -> (T, f64) {
    let t0 = Instant::now();
    let v = f();
    (v, t0.elapsed().as_secs_f64())
}

/// Runs `f` [`RUNS`] times: its (identical, deterministic) result and the
/// median wall time, so one slow moment on a shared machine does not decide
/// a figure.
fn median_timed<T>(mut f: impl FnMut() -> T) -> (T, f64) {
    let (mut v, s) = timed(&mut f);
    let mut secs = vec![s];
    for _ in 1..RUNS {
        let (w, s) = timed(&mut f);
        v = w;
        secs.push(s);
    }
    secs.sort_by(f64::total_cmp);
    (v, secs[secs.len() / 2])
}

/// Runs per timed figure.
const RUNS: usize = 3;

/// Peak resident memory of this process in MB (Linux), if known.
fn peak_mb() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Runs the benchmark; returns what to print.
pub fn bench(args: &BenchArgs) -> Result<String, CmdError> {
    let (d, sc) = mmc8();
    let (run, secs) = median_timed(|| sim::run(&d, &sc));
    let run = run.map_err(CmdError::Sim)?;
    let done = run.totals.completions as f64;
    let mmc8 = done / secs;

    let t = template::get(template::DEFAULT_ID).ok_or(CmdError::Missing("the default template"))?;
    let (r, template_s) = median_timed(|| sim::run(&t.design, &t.scenario));
    let template_requests = r.map_err(CmdError::Sim)?.totals.requests;

    let (hd, hs) = default_template_hour().ok_or(CmdError::Missing("the default template"))?;
    let (r, hour_s) = median_timed(|| sim::run(&hd, &hs));
    let hour_requests = r.map_err(CmdError::Sim)?.totals.requests;

    let (sd, ss) =
        serverless_template_hour().ok_or(CmdError::Missing("the serverless template"))?;
    let (r, serverless_s) = median_timed(|| sim::run(&sd, &ss));
    let r = r.map_err(CmdError::Sim)?;
    let (serverless_requests, serverless_events) = (r.totals.requests, r.totals.events);
    let serverless_eps = serverless_events as f64 / serverless_s;

    let mut v = json!({
        "mmc8_customers_per_s": mmc8.round(),
        "mmc8_customers": done,
        "mmc8_wall_s": secs,
        "template_id": template::DEFAULT_ID,
        "template_run_s": template_s,
        "template_requests": template_requests,
        "template_hour_1000rps_s": hour_s,
        "template_hour_1000rps_requests": hour_requests,
        "events_per_s": run.totals.events as f64 / secs,
        "serverless_template_id": SERVERLESS_TEMPLATE,
        "serverless_hour_s": serverless_s,
        "serverless_requests": serverless_requests,
        "serverless_events": serverless_events,
        "serverless_events_per_s": serverless_eps.round(),
        "probe_digest": sim::probe_digest().map(|d| format!("{d:016x}")).ok(),
    });
    if args.memory {
        let mut d = mmc8_design();
        d.components[0]
            .params
            .insert("rate".into(), ParamValue::Number(10_000.0));
        d.components[1]
            .params
            .insert("workers".into(), ParamValue::Number(16.0));
        let sc = Scenario {
            duration_s: 1000.0,
            seed: 2,
            bucket_s: 1.0,
            ..Scenario::default()
        };
        let (r, s) = timed(|| sim::run(&d, &sc));
        let r = r.map_err(CmdError::Sim)?;
        v["ten_million_requests"] = json!(r.totals.requests);
        v["ten_million_wall_s"] = json!(s);
        v["peak_rss_mb"] = json!(peak_mb());
    }
    Ok(if args.json {
        serde_json::to_string_pretty(&v).unwrap_or_default()
    } else {
        let mut o = format!(
            "M/M/8 (λ 6.4, μ 1), {done:.0} customers: {mmc8:.0} customers/s ({secs:.3} s)\n\
             default template ({}) as shipped: {template_s:.3} s ({template_requests} requests)\n\
             default template, one hour at 1,000 req/s: {hour_s:.3} s ({hour_requests} requests)\n\
             serverless template ({SERVERLESS_TEMPLATE}), one hour: {serverless_s:.3} s \
             ({serverless_requests} requests, {serverless_eps:.0} events/s)\n",
            template::DEFAULT_ID
        );
        if let Some(p) = v.get("peak_rss_mb").and_then(serde_json::Value::as_f64) {
            o.push_str(&format!("10 M requests: peak memory {p:.1} MB\n"));
        }
        o
    })
}
