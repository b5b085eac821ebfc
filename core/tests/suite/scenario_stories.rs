//! The story presets teach what they say: each is applied to a template and
//! run, and the effect it names is checked against the run without it (or
//! with the setting the note suggests).

use crate::support::log_times;
use skydraft_core::design::{ComponentId, Design, ParamValue};
use skydraft_core::run::Run;
use skydraft_core::scenario::{Event, Scenario, presets};
use skydraft_core::{sim, template};

fn templ(id: &str) -> (Design, Scenario) {
    let t = template::get(id).expect("template");
    (t.design, t.scenario)
}

fn applied(id: &str, d: &Design, base: &Scenario) -> Scenario {
    presets::apply(id, d, base)
        .unwrap_or_else(|e| panic!("{id}: {e}"))
        .scenario
}

fn run(d: &Design, sc: &Scenario) -> Run {
    sim::run(d, sc).expect("runs")
}

/// The Auto Scaling group of the default template.
fn web_tier(d: &Design) -> ComponentId {
    d.components
        .iter()
        .find(|c| c.kind == "asg")
        .expect("a group")
        .id
}

fn set(d: &mut Design, id: ComponentId, key: &str, v: ParamValue) {
    let c = d
        .components
        .iter_mut()
        .find(|c| c.id == id)
        .expect("component");
    c.params.insert(key.into(), v);
}

fn errors_between(r: &Run, from: f64, to: f64) -> u64 {
    r.buckets
        .iter()
        .filter(|b| b.start_s >= from && b.start_s < to)
        .map(|b| b.errors.total())
        .sum()
}

#[test]
fn a_hung_application_is_replaced_only_with_elb_health_checks() {
    let (mut d, base) = templ("alb-asg");
    let sc = applied("hung-app", &d, &base);
    let elb = run(&d, &sc);
    assert!(
        log_times(&elb, "launching i-").iter().any(|&t| t > 300.0),
        "{:#?}",
        elb.log
    );
    let g = web_tier(&d);
    set(&mut d, g, "health_check", ParamValue::Text("ec2".into()));
    let note = presets::apply("hung-app", &d, &base).expect("fits").notes;
    assert!(note[0].contains("EC2 status checks"), "{note:?}");
    let ec2 = run(&d, &sc);
    assert!(!log_times(&ec2, "launching i-").iter().any(|&t| t > 300.0));
    // The hung instance keeps taking its share and failing it to the end.
    let end = sc.duration_s;
    assert!(errors_between(&ec2, end - 300.0, end) > 0);
    assert_eq!(errors_between(&elb, end - 300.0, end), 0);
}

#[test]
fn a_spot_price_above_the_maximum_reclaims_spot_instances() {
    let (mut d, base) = templ("alb-asg");
    let g = web_tier(&d);
    set(&mut d, g, "spot_pct", ParamValue::Number(100.0));
    let sc = applied("spot-above-max", &d, &base);
    let r = run(&d, &sc);
    let notices: Vec<f64> = r
        .log
        .iter()
        .filter(|e| e.text.contains("rose above the max price"))
        .map(|e| e.t_s)
        .collect();
    assert!(!notices.is_empty(), "{:#?}", r.log);
    assert!(notices.iter().all(|&t| t >= 600.0));
}

#[test]
fn a_known_peak_is_met_by_the_scheduled_actions() {
    let (d, base) = templ("alb-asg");
    let sc = applied("known-peak", &d, &base);
    let planned = run(&d, &sc);
    let unplanned_sc = Scenario {
        timeline: sc
            .timeline
            .iter()
            .filter(|e| !matches!(e.event, Event::ScheduledAction { .. }))
            .cloned()
            .collect(),
        ..sc.clone()
    };
    let unplanned = run(&d, &unplanned_sc);
    let g = web_tier(&d);
    let at = |r: &Run, s: f64| {
        r.series_of(g).expect("series").points[(s / r.bucket_s) as usize]
            .instances
            .in_service
    };
    // Ready when the peak starts (15:00): three times the drawn capacity.
    assert!(at(&planned, 899.0) >= 6, "{}", at(&planned, 899.0));
    assert!(at(&unplanned, 899.0) < at(&planned, 899.0));
    let p99 = |r: &Run| {
        let mut h = skydraft_core::run::Histogram::default();
        for b in r
            .buckets
            .iter()
            .filter(|b| b.start_s >= 900.0 && b.start_s < 1200.0)
        {
            h.merge(&b.latency);
        }
        h.quantile_ms(0.99)
    };
    assert!(
        p99(&planned) < p99(&unplanned),
        "{} vs {}",
        p99(&planned),
        p99(&unplanned)
    );
}

#[test]
fn troubleshooting_keeps_the_failed_instance_until_the_process_resumes() {
    let (d, base) = templ("alb-asg");
    let sc = applied("troubleshoot", &d, &base);
    let r = run(&d, &sc);
    let launches = log_times(&r, "launching i-");
    assert!(
        !launches.iter().any(|&t| t > 300.0 && t < 900.0),
        "{launches:?}"
    );
    assert!(launches.iter().any(|&t| t >= 900.0), "{:#?}", r.log);
}

#[test]
fn a_slow_dependency_slows_the_callers() {
    let (d, base) = templ("alb-asg");
    let sc = applied("slow-dependency", &d, &base);
    let r = run(&d, &sc);
    let mean = |from: f64, to: f64| {
        let (sum, n) = r
            .buckets
            .iter()
            .filter(|b| b.start_s >= from && b.start_s < to)
            .fold((0.0, 0u64), |(s, n), b| {
                (s + b.mean_ms * b.completions as f64, n + b.completions)
            });
        sum / n as f64
    };
    let (before, during) = (mean(60.0, 300.0), mean(360.0, 900.0));
    assert!(
        during > 1.5 * before,
        "before {before} ms, during {during} ms"
    );
}

#[test]
fn a_cold_start_burst_goes_with_provisioned_concurrency() {
    let (mut d, base) = templ("apigw-lambda");
    let sc = applied("cold-start-burst", &d, &base);
    let cold = |r: &Run| -> u64 {
        r.components
            .iter()
            .filter_map(|c| c.serverless.as_ref())
            .map(|s| s.cold_starts)
            .sum()
    };
    let burst = run(&d, &sc);
    let steady = run(&d, &applied("steady-day", &d, &base));
    assert!(
        cold(&burst) > 2 * cold(&steady),
        "{} vs {}",
        cold(&burst),
        cold(&steady)
    );
    let f = d
        .components
        .iter()
        .find(|c| c.kind == "lambda")
        .expect("function")
        .id;
    set(&mut d, f, "provisioned", ParamValue::Number(1000.0));
    let warm = run(&d, &sc);
    assert!(
        cold(&warm) * 10 < cold(&burst),
        "{} vs {}",
        cold(&warm),
        cold(&burst)
    );
}

#[test]
fn a_sudden_peak_is_refused_while_the_load_balancer_scales_unless_reserved() {
    let (mut d, base) = templ(template::DEFAULT_ID);
    let a = presets::apply("lb-scaling", &d, &base).expect("fits the default design");
    let sc = a.scenario;
    let r = run(&d, &sc);
    let scaling = |from: f64, to: f64| -> u64 {
        r.buckets
            .iter()
            .filter(|b| b.start_s >= from && b.start_s < to)
            .map(|b| b.errors.lb_scaling)
            .sum()
    };
    // None before the jump at 5:00; many in its first minute, far fewer in
    // its last as the capacity grows, none after.
    assert_eq!(scaling(0.0, 300.0), 0);
    let first = scaling(300.0, 360.0);
    assert!(first > 10_000, "first minute {first}");
    let last = scaling(540.0, 600.0);
    assert!(last * 10 < first, "last minute {last} of {first}");
    assert_eq!(scaling(600.0, sc.duration_s), 0);
    assert_eq!(r.totals.errors.lb_scaling, scaling(0.0, sc.duration_s));
    assert!(!log_times(&r, "still scaling").is_empty());

    // The reservation the note suggests: nothing refused, at a price.
    let note = a.notes.join(" ");
    assert!(note.contains("Reserve about 10 LCU"), "{note}");
    let alb = d
        .components
        .iter()
        .find(|c| c.kind == "alb")
        .expect("an ALB")
        .id;
    let cost = |r: &Run| r.component(alb).map_or(0.0, |c| c.cost_usd);
    let plain = cost(&r);
    set(&mut d, alb, "reserved_lcu", ParamValue::Number(10.0));
    let reserved = run(&d, &sc);
    assert_eq!(reserved.totals.errors.lb_scaling, 0);
    // At most 10 LCU at $0.008 an hour over the run's half hour: the
    // reserved LCUs the traffic did not use anyway.
    let extra = cost(&reserved) - plain;
    assert!(
        extra > 0.001 && extra <= 10.0 * 0.008 / 2.0 + 1e-9,
        "extra {extra}"
    );

    // Without an ALB or CLB the preset says why it does not apply.
    let (serverless, base) = templ("apigw-lambda");
    let misfit = presets::apply("lb-scaling", &serverless, &base).expect_err("no balancer");
    assert_eq!(misfit, presets::Misfit::NoBalancer);
    assert!(misfit.to_string().contains("Load Balancer"), "{misfit}");
}

/// Share of requests that failed in the buckets starting in `[from_s, to_s)`.
fn failed_share(r: &Run, from_s: f64, to_s: f64) -> f64 {
    let (failed, all) = r
        .buckets
        .iter()
        .filter(|b| b.start_s >= from_s && b.start_s < to_s)
        .fold((0, 0), |(f, a), b| (f + b.errors.failed, a + b.requests));
    failed as f64 / all.max(1) as f64
}

/// The failed share of each bucket from `from_s` to `to_s`.
fn failed_shares(r: &Run, from_s: f64, to_s: f64) -> Vec<f64> {
    r.buckets
        .iter()
        .filter(|b| b.start_s >= from_s && b.start_s < to_s)
        .map(|b| b.errors.failed as f64 / b.requests.max(1) as f64)
        .collect()
}

#[test]
fn the_ecs_rollout_preset_swaps_a_full_set_by_default_and_steps_with_a_lower_maximum() {
    for id in ["alb-fargate", "alb-ecs-ec2"] {
        let (d, base) = templ(id);
        let a = presets::apply("ecs-rollout", &d, &base).unwrap_or_else(|e| panic!("{id}: {e}"));
        let note = a.notes.join(" ");
        assert!(
            note.contains("minimum healthy 100% and maximum 200%"),
            "{id}: {note}"
        );
        let r = run(&d, &a.scenario);
        assert_eq!(log_times(&r, "ECS deployment started"), vec![300.0], "{id}");
        let done = log_times(&r, "ECS deployment complete");
        assert_eq!(done.len(), 1, "{id}: {:#?}", r.log);
        // Nothing fails before; the new tasks' 30 % once they have taken over.
        assert_eq!(failed_share(&r, 0.0, 300.0), 0.0, "{id}");
        let after = failed_share(&r, done[0] + 10.0, a.scenario.duration_s);
        assert!((after - 0.3).abs() < 0.03, "{id}: {after}");
    }

    // Fargate tasks take 40 s to start. By default a full set of new tasks
    // starts beside the old ones and takes over at once: no bucket between
    // none and all of the errors. At maximum 100 % and minimum healthy 50 %
    // half the tasks go first: a step of about half the errors, later.
    let (mut d, base) = templ("alb-fargate");
    let sc = applied("ecs-rollout", &d, &base);
    let steps = |r: &Run| {
        let done = log_times(r, "ECS deployment complete")[0];
        let between: Vec<f64> = failed_shares(r, 300.0, done)
            .into_iter()
            .filter(|&s| s > 0.05 && s < 0.25)
            .collect();
        (done, between)
    };
    let (swapped, none) = steps(&run(&d, &sc));
    assert!(none.is_empty(), "{none:?}");
    let svc = d
        .components
        .iter()
        .find(|c| c.kind == "fargate")
        .expect("a Fargate service")
        .id;
    set(&mut d, svc, "max_pct", ParamValue::Number(100.0));
    set(&mut d, svc, "min_healthy_pct", ParamValue::Number(50.0));
    let (stepped, half) = steps(&run(&d, &sc));
    assert!(
        !half.is_empty() && half.iter().all(|s| (s - 0.15).abs() < 0.05),
        "{half:?}"
    );
    assert!(stepped > swapped, "{stepped} after {swapped}");

    let (d, base) = templ(template::DEFAULT_ID);
    let misfit = presets::apply("ecs-rollout", &d, &base).expect_err("no ECS service");
    assert_eq!(misfit, presets::Misfit::NoEcsService);
    assert!(misfit.to_string().contains("ECS service"), "{misfit}");
}
