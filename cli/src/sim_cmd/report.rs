//! What `skydraft simulate` prints: a readable summary or one JSON object.

use std::fmt::Write as _;
use std::path::Path;

use serde_json::{Map, Value, json};
use skydraft_core::design::Design;
use skydraft_core::run::Run;
use skydraft_core::scenario::Scenario;

use super::CmdError;

fn r3(v: f64) -> f64 {
    (v * 1000.0).round() / 1000.0
}

/// The JSON object documented in the README ("skydraft simulate --json").
pub fn json(design: &Design, run: &Run) -> String {
    let t = &run.totals;
    let mut comps = Map::new();
    for c in &run.components {
        let mut v = json!({
                "kind": c.kind,
                "label": c.label,
                "requests": c.requests,
                "completions": c.completions,
                "rejections": c.rejections,
                "failures": c.failures,
                "utilization": r3(c.utilization),
                "cpu": r3(c.cpu),
                "mean_wait_ms": r3(c.mean_wait_ms),
                "mean_time_ms": r3(c.mean_time_ms),
                "waited_share": r3(c.waited_share),
                "wait_p95_ms": r3(c.wait_pct_ms[1]),
                "wait_p99_ms": r3(c.wait_pct_ms[2]),
                "mean_queue_len": r3(c.mean_queue_len),
                "mean_in_flight": r3(c.mean_in_flight),
                "throughput_per_s": r3(c.throughput_per_s),
                "cost_usd": r3(c.cost_usd * 1000.0) / 1000.0,
        });
        if let Some(s) = &c.serverless {
            v["serverless"] = json!(s);
        }
        comps.insert(c.id.to_string(), v);
    }
    let e = &t.errors;
    let v = json!({
        "design": design.name,
        "seed": run.seed,
        "duration_s": run.duration_s,
        "latency_ms": {
            "mean": r3(t.mean_ms), "p50": r3(t.p50_ms), "p95": r3(t.p95_ms), "p99": r3(t.p99_ms),
        },
        "requests": t.requests,
        "completions": t.completions,
        "errors": {
            "throttled": e.throttled, "timed_out": e.timed_out, "rejected": e.rejected,
            "no_healthy_target": e.no_healthy_target, "lb_scaling": e.lb_scaling,
            "failed": e.all_failed(), "total": e.total(),
        },
        "retries": t.retries,
        "components": Value::Object(comps),
        "cost_usd": r3(t.cost_usd * 1000.0) / 1000.0,
        "digest": format!("{:016x}", run.digest()),
    });
    serde_json::to_string_pretty(&v).unwrap_or_default()
}

/// A readable summary.
pub fn text(design: &Design, scenario: &Scenario, run: &Run) -> String {
    let t = &run.totals;
    let mut o = String::new();
    let name = if design.name.is_empty() {
        "design"
    } else {
        &design.name
    };
    let _ = writeln!(
        o,
        "{name}: {:.0} s simulated, seed {}",
        run.duration_s, scenario.seed
    );
    let ok = if t.requests > 0 {
        100.0 * t.completions as f64 / t.requests as f64
    } else {
        0.0
    };
    let _ = writeln!(
        o,
        "requests    {} sent, {} completed ({ok:.2} %)",
        t.requests, t.completions
    );
    let _ = writeln!(
        o,
        "latency     mean {:.1} ms, p50 {:.1} ms, p95 {:.1} ms, p99 {:.1} ms",
        t.mean_ms, t.p50_ms, t.p95_ms, t.p99_ms
    );
    let e = &t.errors;
    let _ = writeln!(
        o,
        "errors      {} (timed out {}, rejected {}, no healthy target {}, failed {}, throttled {}); {} retries",
        e.total(),
        e.timed_out,
        e.rejected,
        e.no_healthy_target,
        e.all_failed(),
        e.throttled,
        t.retries
    );
    let _ = writeln!(o, "cost        ${:.4}", t.cost_usd);
    let _ = writeln!(
        o,
        "\ncomponent                      util   cpu  wait ms  time ms  rejected      cost"
    );
    for c in &run.components {
        let _ = writeln!(
            o,
            "{:<30} {:>4.0}% {:>4.0}% {:>8.1} {:>8.1} {:>9} {:>9.4}",
            format!("{} ({})", c.label, c.kind),
            c.utilization * 100.0,
            c.cpu * 100.0,
            c.mean_wait_ms,
            c.mean_time_ms,
            c.rejections,
            c.cost_usd
        );
        if let Some(s) = &c.serverless {
            let figures = [
                ("cold starts", s.cold_starts),
                ("peak concurrency", u64::from(s.peak_concurrency)),
                ("throttled", s.throttled),
                ("timed out", s.timeouts),
                ("cache hits", s.cache_hits),
                ("cache misses", s.cache_misses),
                ("async retries", s.async_retries),
                ("to the failure destination", s.async_failed),
            ];
            let shown: Vec<String> = figures
                .iter()
                .filter(|f| f.1 > 0)
                .map(|(name, v)| format!("{name} {v}"))
                .collect();
            if !shown.is_empty() {
                let _ = writeln!(o, "  {}", shown.join(", "));
            }
        }
    }
    if !run.log.is_empty() {
        let _ = writeln!(o, "\nevents");
        for entry in run.log.iter().take(40) {
            let _ = writeln!(o, "  {}", entry.line());
        }
        let more = run.log.len().saturating_sub(40) as u64 + run.log_dropped;
        if more > 0 {
            let _ = writeln!(o, "  … and {more} more");
        }
    }
    o
}

/// Writes every chart of the whole system into `dir` as `<chart>.svg`,
/// light theme; a chart with nothing to show is left out and named in the
/// returned list.
pub fn write_charts(run: &Run, dir: &Path) -> Result<Vec<&'static str>, CmdError> {
    use skydraft_core::chart::{ChartError, ChartKind, Scope, Theme, chart_svg};
    std::fs::create_dir_all(dir)
        .map_err(|e| CmdError::Io(format!("cannot create {}: {e}", dir.display())))?;
    let mut skipped = Vec::new();
    for kind in ChartKind::ALL {
        let svg = match chart_svg(run, kind, Scope::System, None, Theme::Light) {
            Ok(svg) => svg,
            Err(ChartError::NoData) => {
                skipped.push(kind.id());
                continue;
            }
            Err(e) => {
                return Err(CmdError::Io(format!(
                    "cannot draw the {} chart: {e}",
                    kind.id()
                )));
            }
        };
        let path = dir.join(format!("{}.svg", kind.id()));
        std::fs::write(&path, svg)
            .map_err(|e| CmdError::Io(format!("cannot write {}: {e}", path.display())))?;
    }
    Ok(skipped)
}

/// Writes the run as CSV into `path`.
pub fn write_csv(run: &Run, path: &Path) -> Result<(), CmdError> {
    std::fs::write(path, skydraft_core::run::csv::to_csv(run))
        .map_err(|e| CmdError::Io(format!("cannot write {}: {e}", path.display())))
}
