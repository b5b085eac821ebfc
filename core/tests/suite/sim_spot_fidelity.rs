//! Spot, scaling and launch fidelity against the AWS reference: the Spot
//! price walk (deep discounts and spikes over the max price), interruption
//! behaviour, Capacity Rebalancing's timing, per-second Spot billing, the
//! default instance warmup, late scheduled actions, Fargate against EC2
//! launch times, Spot Fleet limits and a few prices.

use crate::support::log_times;
use crate::support::{b, design, n, t};
use skydraft_core::design::{ComponentId, Design, ParamValue};
use skydraft_core::run::Run;
use skydraft_core::scenario::{Event, Scenario, Shape, Traffic};
use skydraft_core::{catalog, sim, validate};

/// A scenario of `duration_s` with seed 9.
fn sc(duration_s: f64, bucket_s: f64, events: Vec<(f64, Event)>) -> Scenario {
    crate::support::scenario(duration_s, 9, bucket_s, events)
}

fn price(factor: f64) -> Event {
    Event::SpotPriceChange {
        instance_type: None,
        az: None,
        factor,
    }
}

fn fleet(params: Vec<(&str, ParamValue)>) -> Design {
    design(
        &[
            (1, "users", vec![("rate", n(1.0))]),
            (2, "alb", vec![]),
            (3, "spot_fleet", params),
        ],
        &[(1, 2), (2, 3)],
    )
}

fn spot_group(extra: Vec<(&str, ParamValue)>) -> Design {
    let mut asg = vec![
        ("policy", t("none")),
        ("min", n(2.0)),
        ("desired", n(2.0)),
        ("max", n(4.0)),
        ("spot_pct", n(100.0)),
    ];
    asg.extend(extra);
    design(
        &[
            (1, "users", vec![("rate", n(5.0))]),
            (2, "alb", vec![]),
            (3, "asg", asg),
        ],
        &[(1, 2), (2, 3)],
    )
}

#[test]
fn the_spot_walk_reaches_deep_discounts_and_spikes_that_reclaim_at_the_default_max_price() {
    let types = t("c5.large,m5.large,m5.xlarge");
    let day = sc(86_400.0, 600.0, vec![]);
    // A max price of 15 % of On-Demand: launches only at a deep discount
    // ("up to 90 %" [EC2-SPOT-USING]); the run starts near 40 %.
    let deep = fleet(vec![
        ("instance_types", types.clone()),
        ("target_capacity", n(2.0)),
        ("max_price_pct", n(15.0)),
    ]);
    let run = sim::run(&deep, &day).expect("runs");
    let launches = log_times(&run, "launching i-");
    assert!(!launches.is_empty(), "never below 15 %: {:#?}", run.log);
    assert!(launches[0] > 0.0);
    // What it paid per instance-hour is at most 15 % of the dearest type.
    for p in &run.series_of(ComponentId(3)).expect("series").points {
        let k = f64::from(p.instances.in_service);
        assert!(p.cost_per_hour <= k * 0.15 * 0.192 + 1e-9, "{p:?}");
    }
    // The default max price (On-Demand [EC2-SPOT-MAXPRICE]): spikes above it
    // reclaim instances over a day, and the fleet replaces them.
    let default = fleet(vec![
        ("instance_types", types),
        ("target_capacity", n(6.0)),
        ("allocation", t("diversified")),
    ]);
    let run = sim::run(&default, &day).expect("runs");
    let reclaims = log_times(&run, "the Spot price rose above the max price");
    assert!(
        !reclaims.is_empty(),
        "no price-driven interruption in a day"
    );
    assert!(log_times(&run, "launching i-").len() >= reclaims.len());
    // Deterministic: the same seed walks the same way; another seed differs.
    let again = sim::run(&default, &day).expect("runs");
    assert_eq!(
        log_times(&again, "the Spot price rose above the max price"),
        reclaims
    );
    let other = sim::run(&default, &Scenario { seed: 10, ..day }).expect("runs");
    assert_ne!(
        log_times(&other, "the Spot price rose above the max price"),
        reclaims
    );
}

#[test]
fn stopped_and_hibernated_spot_instances_resume_where_terminated_ones_are_replaced() {
    // The price rises above the max price at 100 s: notices, interruption at
    // 220 s; it is back at 40 % at 400 s [EC2-SPOT-INT].
    let s = sc(900.0, 10.0, vec![(100.0, price(1.5)), (400.0, price(0.4))]);
    let runs: Vec<Run> = ["terminate", "stop", "hibernate"]
        .iter()
        .map(|how| {
            let d = spot_group(vec![("spot_interruption", t(how))]);
            sim::run(&d, &s).expect("runs")
        })
        .collect();
    for r in &runs {
        assert_eq!(log_times(r, "interruption notice"), vec![100.0, 100.0]);
    }
    // Terminate: the group replaces both once the price lets it launch
    // again (the market's move at 300 s).
    assert_eq!(log_times(&runs[0], "launching i-"), vec![300.0, 300.0]);
    assert_eq!(
        log_times(&runs[0], "no Spot capacity at the max price"),
        vec![220.0]
    );
    assert!(log_times(&runs[0], "resumes").is_empty());
    for r in &runs[1..] {
        // Stop and hibernate: no replacement; the same two resume.
        assert!(log_times(r, "launching i-").is_empty(), "{:#?}", r.log);
        let resumed = log_times(r, "resumes");
        assert_eq!(resumed.len(), 2);
        assert!(resumed.iter().all(|&x| x > 220.0 && x <= 400.0));
        // Out of service and unbilled while stopped [EC2-SPOT-BILL].
        let pts = &r.series_of(ComponentId(3)).expect("series").points;
        let gap = &pts[24];
        assert_eq!(gap.instances.in_service, 0, "{gap:?}");
        assert_eq!(gap.cost_per_hour, 0.0);
        assert_eq!(pts.last().expect("points").instances.in_service, 2);
    }
    // A hibernated instance is back faster than a stopped one (60 s boot).
    let back = |r: &Run| log_times(r, "is in service")[0] - log_times(r, "resumes")[0];
    assert_eq!(back(&runs[1]), 60.0);
    assert_eq!(back(&runs[2]), 30.0);
}

#[test]
fn capacity_rebalancing_replaces_at_the_recommendation_before_the_notice() {
    // 95 % of On-Demand at 100 s is a rebalance recommendation [EC2-REBAL];
    // 150 % at 200 s is the two-minute notice [EC2-SPOT-NOTICE].
    let s = sc(600.0, 10.0, vec![(100.0, price(0.95)), (200.0, price(1.5))]);
    let run = |cr: bool| {
        let d = spot_group(vec![("capacity_rebalance", b(cr))]);
        sim::run(&d, &s).expect("runs")
    };
    let (with, without) = (run(true), run(false));
    assert_eq!(log_times(&with, "rebalance recommendation").len(), 2);
    let launched = log_times(&with, "launching i-");
    // The replacements launch at the recommendation, 100 s before any
    // notice, and the old instances go once they are in service [AS-CR].
    assert_eq!(&launched[..2], &[100.0, 100.0]);
    let first_notice = log_times(&with, "interruption notice")[0];
    assert_eq!(first_notice, 200.0);
    let gone = log_times(&with, "Capacity Rebalancing replacement is in service");
    assert_eq!(gone, vec![160.0, 160.0]);
    // Without it nothing happens at 100 s; replacements wait for the
    // interruption, two minutes after the notice.
    assert!(log_times(&without, "rebalance recommendation").is_empty());
    assert_eq!(log_times(&without, "launching i-"), vec![320.0, 320.0]);
}

#[test]
fn spot_is_billed_per_second_at_the_price_of_each_second() {
    // One m5.large on Spot; the price is 30 % from the start and 60 % from
    // 105 s, mid-bucket, before the market's first move at 300 s.
    let d = spot_group(vec![
        ("min", n(1.0)),
        ("desired", n(1.0)),
        ("max", n(1.0)),
        ("azs", n(1.0)),
    ]);
    let s = sc(290.0, 60.0, vec![(0.0, price(0.3)), (105.0, price(0.6))]);
    let run = sim::run(&d, &s).expect("runs");
    let cost = run.component(ComponentId(3)).expect("asg").cost_usd;
    let expected = 0.096 * (0.3 * 105.0 + 0.6 * 185.0) / 3600.0;
    assert!((cost - expected).abs() < 1e-9, "{cost} vs {expected}");
}

/// A CPU-bound group whose step policy meets a fivefold traffic step.
fn stepping(warmup: Option<f64>) -> Run {
    let mut asg = vec![
        ("policy", t("step")),
        ("min", n(2.0)),
        ("desired", n(2.0)),
        ("max", n(20.0)),
        ("workers", n(4.0)),
        ("service_ms", n(50.0)),
    ];
    if let Some(w) = warmup {
        asg.push(("warmup_s", n(w)));
    }
    let d = design(
        &[
            (1, "users", vec![("rate", n(60.0))]),
            (2, "alb", vec![]),
            (3, "asg", asg),
        ],
        &[(1, 2), (2, 3)],
    );
    let mut s = sc(1200.0, 60.0, vec![]);
    s.traffic = vec![Traffic {
        source: None,
        shape: Shape::Step {
            at_s: 60.0,
            factor: 5.0,
        },
    }];
    sim::run(&d, &s).expect("runs")
}

#[test]
fn instance_warmup_is_not_enabled_by_default_and_zero_counts_instances_at_once() {
    let spec = catalog::kind("asg").expect("asg");
    let warm = spec
        .params
        .iter()
        .find(|p| p.id == "warmup_s")
        .expect("warmup");
    assert_eq!(
        warm.default,
        catalog::DefaultValue::Number(-1.0),
        "not enabled [AS-WU]"
    );
    let default = stepping(None);
    assert_eq!(
        log_times(&default, "step scaling"),
        log_times(&stepping(Some(-1.0)), "step scaling")
    );
    let zero = stepping(Some(0.0));
    let (d, z) = (
        log_times(&default, "step scaling"),
        log_times(&zero, "step scaling"),
    );
    assert!(!d.is_empty() && !z.is_empty(), "{d:?} {z:?}");
    // Not enabled: new instances warm for the 300 s default cooldown, so the
    // second step waits; at 0 s the policy steps again as soon as they serve.
    assert!(z.len() > 1 && z[1] - z[0] < 300.0, "{z:?}");
    assert!(d.len() < 2 || d[1] - d[0] >= 300.0, "{d:?}");
}

#[test]
fn scheduled_actions_run_up_to_two_minutes_late_by_seed() {
    let d = design(
        &[
            (1, "users", vec![("rate", n(5.0))]),
            (2, "alb", vec![]),
            (
                3,
                "asg",
                vec![
                    ("policy", t("none")),
                    ("max", n(6.0)),
                    ("schedule", t("2:4")),
                ],
            ),
        ],
        &[(1, 2), (2, 3)],
    );
    let at = |seed: u64| {
        let s = Scenario {
            seed,
            ..sc(400.0, 60.0, vec![])
        };
        log_times(&sim::run(&d, &s).expect("runs"), "scheduled action")[0]
    };
    let times: Vec<f64> = (1..=6).map(at).collect();
    // Due at 120 s, run within 120 s after [AS-SCHED], the same for a seed.
    assert!(
        times.iter().all(|&x| (120.0..=240.0).contains(&x)),
        "{times:?}"
    );
    assert!(times.iter().any(|&x| x > 125.0), "{times:?}");
    assert!(times.windows(2).any(|w| w[0] != w[1]), "{times:?}");
    assert_eq!(at(3), times[2]);
}

/// From the first scale-out decision to the first new capacity in service.
fn add_delay(kind: &str, params: Vec<(&str, ParamValue)>) -> f64 {
    let d = design(
        &[
            (1, "users", vec![("rate", n(40.0))]),
            (2, "alb", vec![]),
            (3, kind, params),
        ],
        &[(1, 2), (2, 3)],
    );
    let mut s = sc(900.0, 60.0, vec![]);
    s.traffic = vec![Traffic {
        source: None,
        shape: Shape::Step {
            at_s: 60.0,
            factor: 6.0,
        },
    }];
    let run = sim::run(&d, &s).expect("runs");
    let decided = log_times(&run, "target tracking")[0];
    let ready = log_times(&run, "is in service");
    ready
        .into_iter()
        .find(|&x| x >= decided)
        .expect("capacity added")
        - decided
}

#[test]
fn fargate_adds_capacity_sooner_than_an_ec2_auto_scaling_group() {
    let common = || {
        vec![
            ("min", n(2.0)),
            ("desired", n(2.0)),
            ("max", n(10.0)),
            ("workers", n(4.0)),
            ("service_ms", n(50.0)),
        ]
    };
    let asg = add_delay("asg", common());
    let mut f = common();
    f.push(("autoscaling", b(true)));
    let fargate = add_delay("fargate", f);
    // EC2: OS boot and application start, 60 s [BOOT-BREVDEV]; Fargate: image
    // pull and container start, 35 s, plus the ENI's 5 s [ECS-LAUNCH].
    assert_eq!(asg, 60.0);
    assert_eq!(fargate, 40.0);
}

#[test]
fn fargate_spot_tasks_are_interrupted_like_spot_and_replaced() {
    let run = |spot: bool| {
        let d = design(
            &[
                (1, "users", vec![("rate", n(5.0))]),
                (2, "alb", vec![]),
                (3, "fargate", vec![("desired", n(2.0)), ("spot", b(spot))]),
            ],
            &[(1, 2), (2, 3)],
        );
        sim::run(&d, &sc(600.0, 10.0, vec![(100.0, price(1.5))])).expect("runs")
    };
    let (spot, regular) = (run(true), run(false));
    assert_eq!(log_times(&spot, "interruption notice"), vec![100.0, 100.0]);
    // Interrupted at 220 s, relaunched once the price is back (at 300 s).
    assert_eq!(
        log_times(&spot, "was interrupted and terminated"),
        vec![220.0, 220.0]
    );
    assert_eq!(log_times(&spot, "launching i-"), vec![300.0, 300.0]);
    assert!(log_times(&regular, "interruption notice").is_empty());
    // Fargate Spot keeps its fixed price ("up to 70 %" off) whatever the walk.
    let cost = |r: &Run| r.component(ComponentId(3)).expect("fargate").cost_usd;
    assert!(cost(&spot) < 0.5 * cost(&regular));
}

#[test]
fn spot_fleet_capacity_limits_are_checked_per_fleet_and_per_region() {
    let ids = |d: &Design| -> Vec<&'static str> {
        validate::validate(d)
            .into_iter()
            .map(|x| x.rule)
            .filter(|r| r.starts_with("spot-fleet"))
            .collect()
    };
    let one = |cap: f64| fleet(vec![("target_capacity", n(cap))]);
    assert!(ids(&one(10_000.0)).is_empty());
    assert_eq!(ids(&one(10_001.0)), vec!["spot-fleet-capacity"]);
    let mut many = one(10_000.0);
    for k in 0..10u32 {
        let mut c = many.components[2].clone();
        c.id = ComponentId(10 + k);
        many.components.push(c);
    }
    // Eleven fleets of 10,000: each within its limit, the region over 100,000.
    assert_eq!(ids(&many), vec!["spot-fleet-region-capacity"]);
    many.components.pop();
    assert!(ids(&many).is_empty());
}

#[test]
fn costs_count_inter_az_both_ways_clb_gigabytes_and_route_53_check_endpoints() {
    assert!((skydraft_core::cost::inter_az_cost(1.0) - 0.02).abs() < 1e-12);
    // A CLB bills each GB it processes: 1,000 kB more per response.
    let clb_cost = |kb: f64| {
        let d = design(
            &[
                (1, "users", vec![("rate", n(50.0))]),
                (2, "clb", vec![]),
                (3, "ec2", vec![("workers", n(64.0))]),
            ],
            &[(1, 2), (2, 3)],
        );
        let mut s = sc(600.0, 60.0, vec![]);
        s.mix.response_kb = kb;
        let run = sim::run(&d, &s).expect("runs");
        let lb = run.component(ComponentId(2)).expect("clb");
        (lb.cost_usd, lb.requests)
    };
    let (small, reqs) = clb_cost(1.0);
    let (big, _) = clb_cost(1001.0);
    let expected = reqs as f64 * 1000.0 / 1e6 * 0.008;
    assert!(
        (big - small - expected).abs() < 0.05 * expected,
        "{big} {small} {expected}"
    );
    // Route 53 health checks: $0.50 a month on an AWS endpoint, $0.75 outside.
    let r53 = |checked: bool| {
        let mut d = design(
            &[
                (1, "users", vec![("rate", n(5.0))]),
                (2, "route53", vec![("policy", t("weighted"))]),
                (3, "ec2", vec![]),
                (4, "http_backend", vec![]),
            ],
            &[(1, 2), (2, 3), (2, 4)],
        );
        for l in &mut d.links[1..] {
            l.params.insert("health_check".into(), b(checked));
        }
        let run = sim::run(&d, &sc(3600.0, 60.0, vec![])).expect("runs");
        run.component(ComponentId(2)).expect("route53").cost_usd
    };
    let diff = r53(true) - r53(false);
    let expected = (0.50 + 0.75) / 730.0;
    assert!((diff - expected).abs() < 1e-6, "{diff} vs {expected}");
}
