//! `skydraft bench`: speed and memory of the simulator, measured natively.
//!
//! The wall clock is read here and only here (a native benchmark); the core
//! never reads it.

use std::time::Instant;

use serde_json::json;
use skydraft_core::design::{
    Component, ComponentId, Design, Link, LinkId, ParamValue, Params, Point,
};
use skydraft_core::scenario::Scenario;
use skydraft_core::{sim, template};

use super::{BenchArgs, CmdError};

fn comp(id: u32, kind: &str, params: &[(&str, ParamValue)]) -> Component {
    let mut p = Params::new();
    for (k, v) in params {
        p.insert((*k).to_owned(), v.clone());
    }
    Component {
        id: ComponentId(id),
        kind: kind.into(),
        label: kind.into(),
        pos: Point::default(),
        params: p,
    }
}

/// M/M/8 with λ = 6.4 and μ = 1 in a 1 ms time unit, as a real design:
/// Users (6,400 req/s) → one EC2 instance with 8 workers, an unbounded queue
/// and exponential 1 ms service.
pub fn mmc8_design() -> Design {
    let mut d = Design::default();
    d.components
        .push(comp(1, "users", &[("rate", ParamValue::Number(6400.0))]));
    d.components.push(comp(
        2,
        "ec2",
        &[
            ("workers", ParamValue::Number(8.0)),
            ("queue", ParamValue::Number(1_000_000.0)),
            ("service_ms", ParamValue::Number(1.0)),
            ("service_dist", ParamValue::Text("exponential".into())),
        ],
    ));
    d.links.push(Link {
        id: LinkId(1),
        from: ComponentId(1),
        to: ComponentId(2),
        params: Params::new(),
    });
    d
}

#[allow(clippy::disallowed_methods)] // a native benchmark measures wall time
fn timed<T>(f: impl FnOnce() -> T) -> (T, f64) {
    let t0 = Instant::now();
    let v = f();
    (v, t0.elapsed().as_secs_f64())
}

/// Peak resident memory of this process in MB (Linux), if known.
fn peak_mb() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// The default template, as shipped and scaled to one hour at 1,000 req/s.
fn default_template_hour() -> Option<(Design, Scenario)> {
    let t = template::get(template::DEFAULT_ID)?;
    let mut d = t.design;
    for c in d.components.iter_mut().filter(|c| c.kind == "users") {
        c.params.insert("rate".into(), ParamValue::Number(1000.0));
    }
    let sc = Scenario {
        duration_s: 3600.0,
        bucket_s: 10.0,
        ..t.scenario
    };
    Some((d, sc))
}

/// The serverless template (API Gateway → Lambda → DynamoDB) measured beside
/// the instance-based figures.
pub const SERVERLESS_TEMPLATE: &str = "apigw-lambda";

/// The serverless template as shipped, run for one hour.
fn serverless_template_hour() -> Option<(Design, Scenario)> {
    let t = template::get(SERVERLESS_TEMPLATE)?;
    let sc = Scenario {
        duration_s: 3600.0,
        ..t.scenario
    };
    Some((t.design, sc))
}

/// Runs the benchmark; returns what to print.
pub fn bench(args: &BenchArgs) -> Result<String, CmdError> {
    let customers = 1_000_000.0;
    let sc = Scenario {
        duration_s: customers / 6400.0,
        seed: 1,
        bucket_s: 10.0,
        ..Scenario::default()
    };
    let d = mmc8_design();
    let (run, secs) = timed(|| sim::run(&d, &sc));
    let run = run.map_err(CmdError::Sim)?;
    let done = run.totals.completions as f64;
    let mmc8 = done / secs;

    let t = template::get(template::DEFAULT_ID)
        .ok_or_else(|| CmdError::Input("the default template is missing".into()))?;
    let (r, template_s) = timed(|| sim::run(&t.design, &t.scenario));
    let template_requests = r.map_err(CmdError::Sim)?.totals.requests;

    let (hd, hs) =
        default_template_hour().ok_or_else(|| CmdError::Input("no default template".into()))?;
    let (r, hour_s) = timed(|| sim::run(&hd, &hs));
    let hour_requests = r.map_err(CmdError::Sim)?.totals.requests;

    let (sd, ss) = serverless_template_hour()
        .ok_or_else(|| CmdError::Input("the serverless template is missing".into()))?;
    let (r, serverless_s) = timed(|| sim::run(&sd, &ss));
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
