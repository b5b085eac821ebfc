//! `skydraft simulate` end to end, through the built binary.

use std::process::Command;

use serde_json::Value;
use skydraft_core::{share, template};

fn skydraft(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_skydraft"))
        .args(args)
        .output()
        .expect("runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("skydraft-sim-cli-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[test]
fn simulate_a_template_as_json() {
    let (code, out, err) = skydraft(&[
        "simulate",
        template::DEFAULT_ID,
        "--duration",
        "2m",
        "--seed",
        "4",
        "--json",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).expect("one JSON object");
    assert_eq!(v["seed"], 4);
    assert_eq!(v["duration_s"], 120.0);
    let lat = &v["latency_ms"];
    for k in ["mean", "p50", "p95", "p99"] {
        assert!(lat[k].as_f64().expect(k) > 0.0, "{k}");
    }
    assert!(lat["p50"].as_f64() <= lat["p99"].as_f64());
    assert!(v["requests"].as_u64().expect("requests") > 1000);
    assert!(v["completions"].as_u64().expect("completions") > 1000);
    for k in [
        "throttled",
        "timed_out",
        "rejected",
        "no_healthy_target",
        "lb_scaling",
        "failed",
        "total",
    ] {
        assert!(v["errors"][k].is_u64(), "{k}");
    }
    let comps = v["components"].as_object().expect("components");
    let asg = comps
        .values()
        .find(|c| c["kind"] == "asg")
        .expect("an Auto Scaling group");
    for k in [
        "utilization",
        "mean_wait_ms",
        "mean_time_ms",
        "rejections",
        "cost_usd",
    ] {
        assert!(asg[k].is_number(), "{k}");
    }
    assert!(v["cost_usd"].as_f64().expect("cost") > 0.0);
    // Same seed, same run.
    let (_, again, _) = skydraft(&[
        "simulate",
        template::DEFAULT_ID,
        "--duration",
        "2m",
        "--seed",
        "4",
        "--json",
    ]);
    assert_eq!(out, again);
}

#[test]
fn simulate_a_file_and_a_link() {
    let t = template::get(template::DEFAULT_ID).expect("default template");
    let dir = temp_dir("file");
    let path = dir.join("design.json");
    std::fs::write(&path, share::export_json(&t.design, &t.scenario)).expect("write");
    let (code, out, err) = skydraft(&[
        "simulate",
        path.to_str().expect("utf-8"),
        "--duration",
        "60",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("requests"), "{out}");
    assert!(out.contains("latency"), "{out}");
    let link = format!(
        "https://example.test/#d={}",
        share::encode(&t.design, &t.scenario)
    );
    let (code, out, err) = skydraft(&["simulate", &link, "--duration", "60", "--json"]);
    assert_eq!(code, 0, "{err}");
    assert!(serde_json::from_str::<Value>(&out).is_ok());
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn simulate_writes_charts() {
    let dir = temp_dir("charts");
    let (code, _, err) = skydraft(&[
        "simulate",
        template::DEFAULT_ID,
        "--duration",
        "60",
        "--charts",
        dir.to_str().expect("utf-8"),
        "--csv",
        dir.join("run.csv").to_str().expect("utf-8"),
    ]);
    assert_eq!(code, 0, "{err}");
    for chart in [
        "latency",
        "throughput",
        "capacity",
        "utilization",
        "queue",
        "cost-rate",
        "cumulative-cost",
    ] {
        let svg = std::fs::read_to_string(dir.join(format!("{chart}.svg")))
            .unwrap_or_else(|e| panic!("{chart} chart: {e}"));
        assert!(svg.starts_with("<svg"), "{chart}");
    }
    let csv = std::fs::read_to_string(dir.join("run.csv")).expect("csv");
    assert!(
        csv.starts_with("scope,component_id,component,start_s"),
        "{csv}"
    );
    assert!(csv.lines().count() > 6);
    std::fs::remove_dir_all(dir).ok();
}

#[test]
fn bad_input_is_refused_in_plain_words() {
    let (code, out, err) = skydraft(&["simulate", "no-such-template-or-file"]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("is neither a template"), "{err}");
    // A damaged link names the link as the fault, as `skydraft decode` does.
    let (code, _, err) = skydraft(&["simulate", "1.AAAA"]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot open the link"), "{err}");
    let (code, _, err) = skydraft(&["simulate", template::DEFAULT_ID, "--duration", "soon"]);
    assert_eq!(code, 2);
    assert!(err.contains("cannot read the duration"), "{err}");
}

/// Users at `rate` req/s → one instance of 2 workers serving in 40 ms on
/// average (50 req/s at most), as a design file; its run as JSON.
fn one_server(rate: f64, name: &str) -> Value {
    use skydraft_core::design::{Component, ComponentId, Design, Link, LinkId, ParamValue};
    let mut d = Design::default();
    for (id, kind, params) in [
        (1, "users", vec![("rate", rate)]),
        (2, "ec2", vec![("workers", 2.0), ("service_ms", 40.0)]),
    ] {
        let mut c = Component {
            id: ComponentId(id),
            kind: kind.into(),
            label: format!("{kind}-{id}"),
            pos: Default::default(),
            params: Default::default(),
        };
        for (k, v) in params {
            c.params.insert(k.into(), ParamValue::Number(v));
        }
        d.components.push(c);
    }
    d.links.push(Link {
        id: LinkId(1),
        from: ComponentId(1),
        to: ComponentId(2),
        params: Default::default(),
    });
    let sc = skydraft_core::scenario::Scenario {
        duration_s: 600.0,
        ..Default::default()
    };
    let dir = temp_dir(name);
    let path = dir.join("design.json");
    std::fs::write(&path, share::export_json(&d, &sc)).expect("write");
    let (code, out, err) = skydraft(&["simulate", path.to_str().expect("utf-8"), "--json"]);
    std::fs::remove_dir_all(dir).ok();
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&out).expect("one JSON object");
    v["components"]["c2"].clone()
}

#[test]
fn simulate_json_reports_queueing_per_component() {
    let f = |c: &Value, k: &str| c[k].as_f64().unwrap_or_else(|| panic!("{k} in {c}"));
    let (calm, busy) = (one_server(5.0, "calm"), one_server(40.0, "busy"));
    // Throughput follows the offered rate.
    assert!((f(&calm, "throughput_per_s") - 5.0).abs() < 0.5, "{calm}");
    assert!((f(&busy, "throughput_per_s") - 40.0).abs() < 2.0, "{busy}");
    // Little's law: in flight = throughput × time inside.
    for c in [&calm, &busy] {
        let little = f(c, "throughput_per_s") * f(c, "mean_time_ms") / 1000.0;
        assert!(
            (f(c, "mean_in_flight") - little).abs() < 0.05 * little + 0.01,
            "{c}"
        );
    }
    // At 80 % load (M/M/2: P(wait) ≈ 0.71) requests wait; at 10 % few do.
    assert!(
        f(&busy, "waited_share") > 0.6 && f(&busy, "waited_share") < 0.8,
        "{busy}"
    );
    assert!(f(&calm, "waited_share") < 0.05, "{calm}");
    assert!(f(&busy, "mean_queue_len") > 1.0 && f(&calm, "mean_queue_len") < 0.05);
    assert!(f(&busy, "wait_p99_ms") > f(&busy, "wait_p95_ms"));
    assert!(f(&busy, "wait_p95_ms") > 50.0, "{busy}");
    assert_eq!(f(&calm, "wait_p95_ms"), 0.0, "{calm}");
}
