//! Load-balancer and group behaviours, each checked against the same run
//! without the setting: lifecycle hooks, health-check grace, ELB health
//! checks replacing a hung instance, simple scaling with its cooldown, the
//! Classic Load Balancer, IP targets, weighted target groups, least
//! outstanding requests, slow start, the Elastic IP and an NLB's Elastic IPs.

use crate::support::log_times;
use crate::support::{b, design, n, t};
use skydraft_core::design::{ComponentId, Design, ParamValue};
use skydraft_core::run::Run;
use skydraft_core::scenario::{Event, FailureMode, Scenario};
use skydraft_core::sim;

fn run(d: &Design, duration_s: f64, events: Vec<(f64, Event)>) -> Run {
    let sc = crate::support::scenario(duration_s, 5, 10.0, events);
    sim::run(d, &sc).expect("runs")
}

/// Users → `lb` → Auto Scaling group (id 3) with `asg`'s settings.
fn behind(lb: &str, rate: f64, asg: &[(&str, ParamValue)]) -> Design {
    design(
        &[
            (1, "users", vec![("rate", n(rate))]),
            (2, lb, vec![]),
            (3, "asg", asg.to_vec()),
        ],
        &[(1, 2), (2, 3)],
    )
}

/// Users → `lb` (with `lb_params`) → Auto Scaling group (id 3).
fn behind_with(lb: &str, lb_params: &[(&str, ParamValue)], asg: &[(&str, ParamValue)]) -> Design {
    design(
        &[
            (1, "users", vec![("rate", n(100.0))]),
            (2, lb, lb_params.to_vec()),
            (3, "asg", asg.to_vec()),
        ],
        &[(1, 2), (2, 3)],
    )
}

fn requests(run: &Run, id: u32) -> u64 {
    run.component(ComponentId(id)).map_or(0, |c| c.requests)
}

fn fail(mode: FailureMode, at_s: f64) -> (f64, Event) {
    (
        at_s,
        Event::InstanceFailure {
            target: ComponentId(3),
            count: 1,
            mode,
        },
    )
}

fn with<'a>(
    base: &[(&'a str, ParamValue)],
    more: &[(&'a str, ParamValue)],
) -> Vec<(&'a str, ParamValue)> {
    base.iter().chain(more).cloned().collect()
}

#[test]
fn a_launch_hook_holds_a_new_instance_in_pending_wait() {
    let base = vec![
        ("policy", t("none")),
        ("desired", n(2.0)),
        ("boot_s", n(30.0)),
    ];
    let plain = run(
        &behind("alb", 20.0, &base),
        400.0,
        vec![fail(FailureMode::Crash, 50.0)],
    );
    let hooked = run(
        &behind("alb", 20.0, &with(&base, &[("launch_hook_s", n(120.0))])),
        400.0,
        vec![fail(FailureMode::Crash, 50.0)],
    );
    let (p, h) = (
        log_times(&plain, "is in service"),
        log_times(&hooked, "is in service"),
    );
    let (Some(p), Some(h)) = (p.last(), h.last()) else {
        panic!("a replacement serves: {:#?} {:#?}", plain.log, hooked.log);
    };
    assert!((h - p - 120.0).abs() < 1e-6, "hooked {h} s, plain {p} s");
}

#[test]
fn a_terminate_hook_keeps_a_leaving_instance_terminating() {
    let base = vec![
        ("policy", t("none")),
        ("min", n(1.0)),
        ("desired", n(3.0)),
        ("schedule", t("2:1")),
    ];
    let count = |r: &Run, s: f64| {
        r.series_of(ComponentId(3)).expect("series").points[(s / 10.0) as usize]
            .instances
            .terminating
    };
    let plain = run(&behind("alb", 20.0, &base), 600.0, vec![]);
    let hooked = run(
        &behind("alb", 20.0, &with(&base, &[("terminate_hook_s", n(300.0))])),
        600.0,
        vec![],
    );
    // Five minutes after the schedule, the hooked group still holds both
    // leaving instances; without the hook they are long gone.
    assert_eq!(count(&plain, 400.0), 0);
    assert_eq!(count(&hooked, 400.0), 2, "{:#?}", hooked.log);
}

#[test]
fn the_grace_period_delays_noticing_a_hung_instance() {
    let base = vec![
        ("policy", t("none")),
        ("desired", n(2.0)),
        ("health_check", t("elb")),
    ];
    let hang = || vec![fail(FailureMode::Hang, 20.0)];
    let quick = run(
        &behind("alb", 20.0, &with(&base, &[("grace_s", n(0.0))])),
        900.0,
        hang(),
    );
    let graced = run(
        &behind("alb", 20.0, &with(&base, &[("grace_s", n(600.0))])),
        900.0,
        hang(),
    );
    let q = log_times(&quick, "is unhealthy");
    let g = log_times(&graced, "is unhealthy");
    assert!(q.first().is_some_and(|&s| s < 120.0), "{q:?}");
    assert!(g.first().is_some_and(|&s| s >= 600.0), "{g:?}");
}

#[test]
fn only_elb_health_checks_replace_a_hung_instance() {
    let base = vec![("policy", t("none")), ("desired", n(2.0))];
    let hang = || vec![fail(FailureMode::Hang, 60.0)];
    let ec2 = run(&behind("alb", 20.0, &base), 600.0, hang());
    let elb = run(
        &behind("alb", 20.0, &with(&base, &[("health_check", t("elb"))])),
        600.0,
        hang(),
    );
    // EC2 status checks pass: the group keeps the hung instance.
    assert!(log_times(&ec2, "launching i-").is_empty(), "{:#?}", ec2.log);
    assert_eq!(log_times(&elb, "launching i-").len(), 1, "{:#?}", elb.log);
}

#[test]
fn simple_scaling_waits_out_its_cooldown() {
    let base = vec![
        ("policy", t("simple")),
        ("min", n(1.0)),
        ("desired", n(1.0)),
        ("max", n(20.0)),
        ("step_adjust", n(1.0)),
    ];
    let actions = |cooldown: f64| {
        let r = run(
            &behind("alb", 400.0, &with(&base, &[("cooldown_s", n(cooldown))])),
            1200.0,
            vec![],
        );
        log_times(&r, "simple scaling")
    };
    let short = actions(60.0);
    let long = actions(600.0);
    assert!(short.len() > long.len(), "{short:?} vs {long:?}");
    for w in long.windows(2) {
        assert!(w[1] - w[0] >= 600.0, "{long:?}");
    }
}

#[test]
fn a_classic_load_balancer_spreads_requests_and_bills_its_hours() {
    let r = run(
        &behind("clb", 50.0, &[("policy", t("none")), ("desired", n(2.0))]),
        600.0,
        vec![],
    );
    assert!(requests(&r, 3) > 25_000, "{}", requests(&r, 3));
    assert_eq!(r.totals.errors.total(), 0);
    let clb = r.component(ComponentId(2)).expect("clb");
    assert!(clb.cost_usd > 0.0, "a CLB bills by the hour");
}

#[test]
fn an_alb_reaches_an_ip_target_outside_aws() {
    let d = design(
        &[
            (1, "users", vec![("rate", n(30.0))]),
            (2, "alb", vec![]),
            (3, "onprem_ip", vec![]),
        ],
        &[(1, 2), (2, 3)],
    );
    let r = run(&d, 300.0, vec![]);
    assert!(requests(&r, 3) > 8_000, "{}", requests(&r, 3));
}

#[test]
fn weighted_target_groups_split_one_albs_traffic() {
    let mut d = design(
        &[
            (1, "users", vec![("rate", n(100.0))]),
            (2, "alb", vec![]),
            (3, "asg", vec![("policy", t("none"))]),
            (4, "asg", vec![("policy", t("none"))]),
        ],
        &[(1, 2), (2, 3), (2, 4)],
    );
    d.links[1].params.insert("weight".into(), n(9.0));
    d.links[2].params.insert("weight".into(), n(1.0));
    let r = run(&d, 300.0, vec![]);
    let (a, b) = (requests(&r, 3) as f64, requests(&r, 4) as f64);
    let share = a / (a + b);
    assert!((share - 0.9).abs() < 0.01, "share {share}");
}

#[test]
fn least_outstanding_requests_spares_a_slow_target() {
    let slow_share = |algorithm: &str| {
        let d = design(
            &[
                (1, "users", vec![("rate", n(150.0))]),
                (2, "alb", vec![("algorithm", t(algorithm))]),
                (3, "ec2", vec![("service_ms", n(10.0))]),
                (4, "ec2", vec![("service_ms", n(80.0))]),
            ],
            &[(1, 2), (2, 3), (2, 4)],
        );
        let r = run(&d, 300.0, vec![]);
        let (fast, slow) = (requests(&r, 3) as f64, requests(&r, 4) as f64);
        slow / (fast + slow)
    };
    let rr = slow_share("round_robin");
    let lor = slow_share("least_outstanding");
    assert!((rr - 0.5).abs() < 0.02, "round robin {rr}");
    assert!(lor < 0.4, "least outstanding {lor}");
}

#[test]
fn slow_start_ramps_a_new_targets_share() {
    // Two instances run at 60 %; one alone at 120 %. After a crash the
    // survivor falls behind; once the replacement serves, round robin
    // halves its load at once, while slow start hands the newcomer a share
    // that grows over five minutes, so the survivor's queue lasts longer.
    let late_latency = |slow_start_s: f64| {
        let d = design(
            &[
                (1, "users", vec![("rate", n(240.0))]),
                (2, "alb", vec![("slow_start_s", n(slow_start_s))]),
                (
                    3,
                    "asg",
                    vec![
                        ("policy", t("none")),
                        ("desired", n(2.0)),
                        ("boot_s", n(30.0)),
                        ("workers", n(8.0)),
                        ("service_ms", n(40.0)),
                        ("service_dist", t("exponential")),
                    ],
                ),
            ],
            &[(1, 2), (2, 3)],
        );
        let r = run(&d, 600.0, vec![fail(FailureMode::Crash, 50.0)]);
        let from = *log_times(&r, "is in service")
            .last()
            .expect("a replacement");
        let window: Vec<_> = r
            .buckets
            .iter()
            .filter(|b| b.start_s >= from + 30.0 && b.start_s < from + 150.0)
            .collect();
        let done: u64 = window.iter().map(|b| b.completions).sum();
        window
            .iter()
            .map(|b| b.mean_ms * b.completions as f64)
            .sum::<f64>()
            / done as f64
    };
    let plain = late_latency(0.0);
    let ramped = late_latency(300.0);
    assert!(
        ramped > 2.0 * plain,
        "slow start {ramped} ms, none {plain} ms"
    );
}

#[test]
fn an_elastic_ip_adds_its_hourly_price() {
    let cost = |eip: bool| {
        let d = design(
            &[
                (1, "users", vec![("rate", n(10.0))]),
                (2, "ec2", vec![("elastic_ip", b(eip))]),
            ],
            &[(1, 2)],
        );
        let r = run(&d, 3600.0, vec![]);
        r.component(ComponentId(2)).expect("ec2").cost_usd
    };
    // $0.005 per public IPv4 address-hour [P-CLOUDBURN-NAT].
    let extra = cost(true) - cost(false);
    assert!((extra - 0.005).abs() < 1e-6, "extra {extra}");
}

#[test]
fn an_nlb_bills_one_elastic_ip_per_zone_of_its_targets() {
    // Users → NLB → a group over `azs` zones; the NLB's own cost for an
    // hour, with its Elastic IPs or with the static addresses AWS assigns.
    let cost = |ip: &str, azs: f64| {
        let d = behind_with(
            "nlb",
            &[("ip_address", t(ip))],
            &[("policy", t("none")), ("desired", n(6.0)), ("azs", n(azs))],
        );
        let r = run(&d, 3600.0, vec![]);
        r.component(ComponentId(2)).expect("nlb").cost_usd
    };
    // $0.005 per public IPv4 address-hour [P-CLOUDBURN-NAT], one per zone.
    for azs in [1.0, 2.0, 3.0] {
        let extra = cost("elastic_ip", azs) - cost("static", azs);
        assert!(
            (extra - 0.005 * azs).abs() < 1e-6,
            "{azs} zones: extra {extra}"
        );
    }
}

#[test]
fn every_kind_runs_behind_users_and_every_load_balancer() {
    // Every parameter the simulator reads exists for the kind (in the
    // inspector or as a fixed value): a debug build checks each read.
    use skydraft_core::catalog;
    let users = catalog::kind("users").expect("users");
    let mut ran = 0;
    for k in catalog::kinds() {
        let mut shapes: Vec<Design> = Vec::new();
        if users.link_to(k.id).is_some() {
            shapes.push(design(
                &[(1, "users", vec![("rate", n(20.0))]), (2, k.id, vec![])],
                &[(1, 2)],
            ));
        }
        for lb in ["alb", "nlb", "clb"] {
            if catalog::kind(lb).is_some_and(|l| l.link_to(k.id).is_some()) {
                shapes.push(design(
                    &[
                        (1, "users", vec![("rate", n(20.0))]),
                        (2, lb, vec![]),
                        (3, k.id, vec![]),
                    ],
                    &[(1, 2), (2, 3)],
                ));
            }
        }
        for d in shapes {
            let sc = Scenario {
                duration_s: 60.0,
                ..Scenario::default()
            };
            // Refusing a design is fine (it says why); panicking is not.
            let _ = sim::run(&d, &sc);
            ran += 1;
        }
    }
    assert!(ran > 20, "only {ran} shapes");
}

#[test]
fn a_target_group_can_turn_cross_zone_off_for_itself() {
    // Two groups of three instances over two zones (two in one, one in the
    // other), 100 req/s each (8 workers, 80 ms); the ALB splits 500 req/s
    // evenly between them. Spread over all three, each instance serves
    // 83 req/s. Zone by zone, the lone instance gets half its group's
    // 250 req/s: 125 req/s, more than it can serve.
    let build = |first: &str| {
        let group = vec![
            ("policy", t("none")),
            ("min", n(3.0)),
            ("desired", n(3.0)),
            ("max", n(3.0)),
            ("azs", n(2.0)),
            ("service_ms", n(80.0)),
        ];
        let mut d = design(
            &[
                (1, "users", vec![("rate", n(500.0))]),
                (2, "alb", vec![]),
                (3, "asg", group.clone()),
                (4, "asg", group),
            ],
            &[(1, 2), (2, 3), (2, 4)],
        );
        d.links[1].params.insert("cross_zone".into(), t(first));
        d
    };
    let rejected = |r: &Run, id: u32| r.component(ComponentId(id)).map_or(0, |c| c.rejections);
    let off = run(&build("off"), 300.0, vec![]);
    assert!(rejected(&off, 3) > 3_000, "{}", rejected(&off, 3));
    assert_eq!(rejected(&off, 4), 0, "the other group stays even");
    for setting in ["inherit", "on"] {
        let even = run(&build(setting), 300.0, vec![]);
        assert_eq!(rejected(&even, 3), 0, "{setting}");
        assert_eq!(rejected(&even, 4), 0, "{setting}");
        // Both groups carry the same load as with the first one zonal.
        let share = requests(&even, 3) as f64 / requests(&off, 3) as f64;
        assert!((share - 1.0).abs() < 0.05, "{setting}: {share}");
    }
}
