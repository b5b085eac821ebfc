//! Validation rules: each rule fires on a broken design and not on its fix.
#![allow(clippy::unwrap_used)]

use crate::support::{b as on, n, t};
use skydraft_core::design::{
    Component, ComponentId, Design, Link, LinkId, ParamValue, Params, Point,
};
use skydraft_core::template;
use skydraft_core::validate::{self, RULES, Severity};

type Kv<'a> = &'a [(&'a str, ParamValue)];
const EMPTY: Kv<'static> = &[];

#[derive(Default, Clone)]
struct B {
    d: Design,
}

impl B {
    fn c(&mut self, kind: &str, params: Kv<'_>) -> ComponentId {
        let id = self.d.next_component_id();
        self.d.components.push(Component {
            id,
            kind: kind.into(),
            label: format!("{kind}{}", id.0),
            pos: Point::default(),
            params: params
                .iter()
                .map(|(k, v)| ((*k).to_owned(), v.clone()))
                .collect(),
        });
        id
    }

    fn l(&mut self, from: ComponentId, to: ComponentId, params: Kv<'_>) -> LinkId {
        let id = self.d.next_link_id();
        self.d.links.push(Link {
            id,
            from,
            to,
            params: params
                .iter()
                .map(|(k, v)| ((*k).to_owned(), v.clone()))
                .collect::<Params>(),
        });
        id
    }
}

fn fires(d: &Design, rule: &str) -> bool {
    validate::validate(d).iter().any(|x| x.rule == rule)
}

/// Users → ALB → ASG with the given ASG and ALB settings.
fn web(asg: Kv<'_>, alb: Kv<'_>) -> Design {
    let mut b = B::default();
    let u = b.c("users", &[]);
    let lb = b.c("alb", alb);
    let g = b.c("asg", asg);
    b.l(u, lb, &[]);
    b.l(lb, g, &[]);
    b.d
}

/// Users → Route 53 (policy, ttl) → targets with link settings.
fn dns(r53: Kv<'_>, targets: &[(&str, Kv<'_>, Kv<'_>)]) -> Design {
    let mut b = B::default();
    let u = b.c("users", &[]);
    let r = b.c("route53", r53);
    b.l(u, r, &[]);
    for (kind, params, link) in targets {
        let x = b.c(kind, params);
        b.l(r, x, link);
    }
    b.d
}

fn lambda(params: Kv<'_>) -> Design {
    let mut b = B::default();
    let u = b.c("users", &[]);
    let a = b.c("apigw", &[]);
    let f = b.c("lambda", params);
    b.l(u, a, &[]);
    b.l(a, f, &[]);
    b.d
}

fn one(kind: &str, params: Kv<'_>) -> Design {
    let mut b = B::default();
    let u = b.c("users", &[]);
    let x = b.c(kind, params);
    if skydraft_core::catalog::check_link("users", kind).is_ok() {
        b.l(u, x, &[]);
    }
    b.d
}

fn apigw(params: Kv<'_>) -> Design {
    let mut b = B::default();
    let u = b.c("users", &[]);
    let a = b.c("apigw", params);
    let f = b.c("lambda", &[]);
    b.l(u, a, &[]);
    b.l(a, f, &[]);
    b.d
}

/// A browser page's users → Route 53 → an API (params) → a function.
fn browser_api(params: Kv<'_>) -> Design {
    let mut b = B::default();
    let u = b.c("users", &[("browser", on(true))]);
    let r = b.c("route53", &[]);
    let a = b.c("apigw", params);
    let f = b.c("lambda", &[]);
    b.l(u, r, &[]);
    b.l(r, a, &[]);
    b.l(a, f, &[]);
    b.d
}

fn ecs(params: Kv<'_>, role: bool, cluster: bool) -> Design {
    let mut b = B::default();
    let u = b.c("users", &[]);
    let lb = b.c("alb", &[]);
    let s = b.c("ecs_service", params);
    b.l(u, lb, &[]);
    b.l(lb, s, &[]);
    if cluster {
        let c = b.c("ecs_cluster", &[("instances", n(2.0))]);
        b.l(s, c, &[]);
    }
    if role {
        let r = b.c("iam_role", &[]);
        b.l(s, r, &[]);
    }
    b.d
}

/// Users → ALB → one target of `kind` with `params`.
fn behind_alb(kind: &str, params: Kv<'_>) -> Design {
    let mut b = B::default();
    let u = b.c("users", &[]);
    let lb = b.c("alb", &[]);
    let x = b.c(kind, params);
    b.l(u, lb, &[]);
    b.l(lb, x, &[]);
    b.d
}

fn alarm(params: Kv<'_>, watched: bool, action: bool) -> Design {
    let mut b = B::default();
    let u = b.c("users", &[]);
    let e = b.c("ec2", &[]);
    b.l(u, e, &[]);
    let a = b.c("cw_alarm", params);
    if watched {
        b.l(e, a, &[]);
    }
    if action {
        let s = b.c("sns", &[]);
        b.l(a, s, &[]);
    }
    b.d
}

fn queue(vt: f64, ft: f64) -> Design {
    let mut b = B::default();
    let u = b.c("users", &[]);
    let a = b.c("apigw", &[]);
    let q = b.c("sqs", &[("visibility_timeout_s", n(vt))]);
    let f = b.c("lambda", &[("timeout_s", n(ft))]);
    b.l(u, a, &[]);
    b.l(a, q, &[]);
    b.l(q, f, &[]);
    b.d
}

fn table(streams: bool) -> Design {
    let mut b = B::default();
    let u = b.c("users", &[]);
    let a = b.c("apigw", &[]);
    let d = b.c("dynamodb", &[("streams", on(streams))]);
    let f = b.c("lambda", &[]);
    b.l(u, a, &[]);
    b.l(a, d, &[]);
    b.l(d, f, &[]);
    b.d
}

/// (rule, a design that breaks it, the same design fixed).
fn cases() -> Vec<(&'static str, Design, Design)> {
    let hc = [("health_check", on(true))];
    let primary = [("failover", t("primary")), ("health_check", on(true))];
    let secondary = [("failover", t("secondary"))];
    let good_asg: &[(&str, ParamValue)] = &[("health_check", t("elb"))];
    vec![
        (
            "illegal-link",
            {
                let mut b = B::default();
                let u = b.c("users", &[]);
                let d = b.c("rds", &[("multi_az", on(true))]);
                b.l(u, d, &[]);
                b.d
            },
            one("rds", &[("multi_az", on(true))]),
        ),
        (
            "no-users",
            {
                let mut b = B::default();
                b.c("alb", &[]);
                b.d
            },
            one("alb", &[]),
        ),
        (
            "unreached",
            {
                let mut d = web(good_asg, &[]);
                d.components.push(Component {
                    id: ComponentId(9),
                    kind: "sqs".into(),
                    label: "q".into(),
                    pos: Point::default(),
                    params: Params::new(),
                });
                d
            },
            web(good_asg, &[]),
        ),
        ("single-instance", one("ec2", &[]), web(good_asg, &[])),
        (
            "internal-from-internet",
            web(good_asg, &[("internal", on(true))]),
            web(good_asg, &[]),
        ),
        ("lb-no-targets", one("alb", &[]), web(good_asg, &[])),
        (
            "lb-hc-timeout",
            web(good_asg, &[("hc_timeout_s", n(30.0))]),
            web(good_asg, &[("hc_timeout_s", n(29.0))]),
        ),
        (
            "clb-one-certificate",
            {
                let mut b = B::default();
                let u = b.c("users", &[]);
                let lb = b.c("clb", &[("certificates", n(2.0))]);
                let e = b.c("asg", good_asg);
                b.l(u, lb, &[]);
                b.l(lb, e, &[]);
                b.d
            },
            {
                let mut b = B::default();
                let u = b.c("users", &[]);
                let lb = b.c("alb", &[]);
                let e = b.c("asg", good_asg);
                b.l(u, lb, &[]);
                b.l(lb, e, &[]);
                b.d
            },
        ),
        (
            "sticky-uneven",
            web(good_asg, &[("stickiness", on(true))]),
            web(good_asg, &[]),
        ),
        (
            "alb-slow-start",
            web(good_asg, &[("slow_start_s", n(10.0))]),
            web(good_asg, &[("slow_start_s", n(30.0))]),
        ),
        (
            "nlb-cross-zone-off",
            {
                let mut b = B::default();
                let u = b.c("users", &[]);
                let lb = b.c("nlb", &[]);
                let g = b.c("asg", good_asg);
                b.l(u, lb, &[]);
                b.l(lb, g, &[]);
                b.d
            },
            {
                let mut b = B::default();
                let u = b.c("users", &[]);
                let lb = b.c("nlb", &[("cross_zone", on(true))]);
                let g = b.c("asg", good_asg);
                b.l(u, lb, &[]);
                b.l(lb, g, &[]);
                b.d
            },
        ),
        (
            "asg-min-max",
            web(
                &[("min", n(5.0)), ("max", n(3.0)), ("desired", n(4.0))],
                &[],
            ),
            web(good_asg, &[]),
        ),
        (
            "asg-desired-range",
            web(&[("desired", n(9.0))], &[]),
            web(good_asg, &[]),
        ),
        (
            "asg-single-az",
            web(&[("azs", n(1.0)), ("health_check", t("elb"))], &[]),
            web(good_asg, &[]),
        ),
        ("asg-ec2-health-check", web(&[], &[]), web(good_asg, &[])),
        (
            "asg-grace-short",
            web(&[("health_check", t("elb")), ("grace_s", n(30.0))], &[]),
            web(good_asg, &[]),
        ),
        (
            "spot-fleet-capacity",
            {
                let mut b = B::default();
                b.c("spot_fleet", &[("target_capacity", n(12_000.0))]);
                b.d
            },
            {
                let mut b = B::default();
                b.c("spot_fleet", &[("target_capacity", n(10_000.0))]);
                b.d
            },
        ),
        (
            "spot-fleet-region-capacity",
            {
                let mut b = B::default();
                for _ in 0..11 {
                    b.c("spot_fleet", &[("target_capacity", n(10_000.0))]);
                }
                b.d
            },
            {
                let mut b = B::default();
                for _ in 0..10 {
                    b.c("spot_fleet", &[("target_capacity", n(10_000.0))]);
                }
                b.d
            },
        ),
        (
            "asg-all-spot",
            web(&[("health_check", t("elb")), ("spot_pct", n(100.0))], &[]),
            web(
                &[
                    ("health_check", t("elb")),
                    ("spot_pct", n(100.0)),
                    ("on_demand_base", n(1.0)),
                ],
                &[],
            ),
        ),
        (
            "asg-no-policy",
            web(&[("health_check", t("elb")), ("policy", t("none"))], &[]),
            web(good_asg, &[]),
        ),
        ("ecs-task-role", ecs(&[], false, true), ecs(&[], true, true)),
        (
            "ecs-host-port",
            ecs(
                &[("network_mode", t("host")), ("desired", n(4.0))],
                true,
                true,
            ),
            ecs(&[("desired", n(4.0))], true, true),
        ),
        (
            "lb-public-ip-target",
            behind_alb("http_backend", &[]),
            behind_alb("http_backend", &[("public", on(false))]),
        ),
        (
            "ecs-network-none",
            ecs(&[("network_mode", t("none"))], true, true),
            ecs(&[("network_mode", t("awsvpc"))], true, true),
        ),
        (
            "ecs-no-cluster",
            ecs(&[], true, false),
            ecs(&[], true, true),
        ),
        (
            "ecs-deploy-stuck",
            ecs(
                &[("min_healthy_pct", n(100.0)), ("max_pct", n(100.0))],
                true,
                true,
            ),
            ecs(
                &[("min_healthy_pct", n(50.0)), ("max_pct", n(100.0))],
                true,
                true,
            ),
        ),
        (
            "lambda-timeout",
            lambda(&[("timeout_s", n(1000.0))]),
            lambda(&[("timeout_s", n(900.0))]),
        ),
        (
            "lambda-reserved-zero",
            lambda(&[("reserved", n(0.0))]),
            lambda(&[("reserved", n(10.0))]),
        ),
        (
            "lambda-provisioned-over-reserved",
            lambda(&[("reserved", n(5.0)), ("provisioned", n(10.0))]),
            lambda(&[("reserved", n(10.0)), ("provisioned", n(10.0))]),
        ),
        (
            "lambda-unreserved-floor",
            lambda(&[("reserved", n(950.0))]),
            lambda(&[("reserved", n(900.0))]),
        ),
        (
            "lambda-package-size",
            lambda(&[("package_mb", n(300.0))]),
            lambda(&[("package", t("image")), ("package_mb", n(300.0))]),
        ),
        (
            "lambda-package-size",
            lambda(&[("package", t("image")), ("package_mb", n(12_000.0))]),
            lambda(&[("package", t("image")), ("package_mb", n(10_240.0))]),
        ),
        (
            "lambda-resource-policy",
            lambda(&[("resource_policy", t("s3.amazonaws.com"))]),
            lambda(&[("resource_policy", t("apigateway.amazonaws.com"))]),
        ),
        (
            "lambda-resource-policy",
            lambda(&[("resource_policy", t("none"))]),
            lambda(&[]),
        ),
        (
            "lambda-payload",
            lambda(&[("payload_kb", n(7000.0))]),
            lambda(&[("payload_kb", n(6000.0))]),
        ),
        (
            "sqs-visibility-short",
            queue(30.0, 60.0),
            queue(360.0, 60.0),
        ),
        ("dynamodb-streams-off", table(false), table(true)),
        (
            "apigw-payload",
            apigw(&[("payload_mb", n(25.0))]),
            apigw(&[("payload_mb", n(10.0))]),
        ),
        (
            "apigw-timeout",
            apigw(&[("timeout_ms", n(29_500.0))]),
            apigw(&[("timeout_ms", n(29_500.0)), ("api_type", t("http"))]),
        ),
        (
            "apigw-cache-http",
            apigw(&[("cache", on(true)), ("api_type", t("http"))]),
            apigw(&[("cache", on(true))]),
        ),
        (
            "apigw-usage-plan-http",
            apigw(&[("usage_plan_rps", n(50.0)), ("api_type", t("http"))]),
            apigw(&[("usage_plan_rps", n(50.0))]),
        ),
        (
            "apigw-cors",
            browser_api(&[]),
            browser_api(&[("cors", on(true))]),
        ),
        (
            "sns-message-size",
            {
                let mut d = apigw(&[]);
                d.components.push(Component {
                    id: ComponentId(9),
                    kind: "sns".into(),
                    label: "t".into(),
                    pos: Point::default(),
                    params: [("message_kb".to_owned(), n(300.0))].into_iter().collect(),
                });
                d
            },
            {
                let mut d = apigw(&[]);
                d.components.push(Component {
                    id: ComponentId(9),
                    kind: "sns".into(),
                    label: "t".into(),
                    pos: Point::default(),
                    params: Params::new(),
                });
                d
            },
        ),
        (
            "alarm-datapoints",
            alarm(&[("datapoints", n(5.0))], true, true),
            alarm(&[("datapoints", n(2.0))], true, true),
        ),
        (
            "alarm-period",
            alarm(&[("period_s", n(90.0))], true, true),
            alarm(&[("period_s", n(120.0))], true, true),
        ),
        (
            "alarm-unwired",
            alarm(&[], true, false),
            alarm(&[], true, true),
        ),
        (
            "rds-single-az",
            one("rds", &[]),
            one("rds", &[("role", t("replica"))]),
        ),
        (
            "r53-simple-health-check",
            dns(&[], &[("alb", &[], &hc)]),
            dns(&[("policy", t("multivalue"))], &[("alb", &[], &hc)]),
        ),
        (
            "r53-private-health-check",
            dns(&[("policy", t("multivalue"))], &[("onprem_ip", &[], &hc)]),
            dns(&[("policy", t("multivalue"))], &[("alb", &[], &hc)]),
        ),
        (
            "r53-multivalue-8",
            dns(&[("policy", t("multivalue"))], &[("ec2", EMPTY, EMPTY); 9]),
            dns(&[("policy", t("multivalue"))], &[("ec2", EMPTY, EMPTY); 8]),
        ),
        (
            "r53-failover-roles",
            dns(
                &[("policy", t("failover"))],
                &[("alb", &[], &primary), ("alb", &[], &primary)],
            ),
            dns(
                &[("policy", t("failover"))],
                &[("alb", &[], &primary), ("alb", &[], &secondary)],
            ),
        ),
        (
            "r53-failover-unchecked",
            dns(
                &[
                    ("policy", t("failover")),
                    ("evaluate_target_health", on(false)),
                ],
                &[
                    ("alb", &[], &[("failover", t("primary"))]),
                    ("alb", &[], &secondary),
                ],
            ),
            dns(
                &[
                    ("policy", t("failover")),
                    ("evaluate_target_health", on(false)),
                ],
                &[("alb", &[], &primary), ("alb", &[], &secondary)],
            ),
        ),
        (
            "r53-weights-zero",
            dns(
                &[("policy", t("weighted"))],
                &[
                    ("alb", &[], &[("weight", n(0.0))]),
                    ("alb", &[], &[("weight", n(0.0))]),
                ],
            ),
            dns(
                &[("policy", t("weighted"))],
                &[
                    ("alb", &[], &[("weight", n(9.0))]),
                    ("alb", &[], &[("weight", n(1.0))]),
                ],
            ),
        ),
        (
            "r53-long-ttl",
            dns(
                &[("policy", t("weighted")), ("ttl_s", n(3600.0))],
                &[("alb", &[], &[])],
            ),
            dns(&[("policy", t("weighted"))], &[("alb", &[], &[])]),
        ),
    ]
    .into_iter()
    .chain(routing_cases())
    .chain(crate::sim_route53_records::validate_cases())
    .collect()
}

#[test]
fn each_rule_fires_on_its_broken_design_and_not_on_the_fix() {
    for (rule, bad, good) in cases() {
        assert!(
            fires(&bad, rule),
            "{rule} did not fire: {:#?}",
            validate::validate(&bad)
        );
        assert!(
            !fires(&good, rule),
            "{rule} fired on the fix: {:#?}",
            validate::validate(&good)
        );
    }
}

/// A function with the resource-based policy `policy`, invoked by a bucket
/// (pushes), a queue (polled) and an alarm whose action is `action`.
fn invoked(policy: &str, action: &str) -> Design {
    let mut b = B::default();
    let u = b.c("users", &[]);
    let a = b.c("apigw", &[]);
    let q = b.c("sqs", &[("visibility_timeout_s", n(30.0))]);
    let bucket = b.c("s3", &[]);
    let f = b.c("lambda", &[("resource_policy", t(policy))]);
    let alarm = b.c("cw_alarm", &[("action", t(action))]);
    b.l(u, a, &[]);
    b.l(a, q, &[]);
    b.l(u, bucket, &[]);
    b.l(q, f, &[]);
    b.l(bucket, f, &[]);
    b.l(alarm, f, &[]);
    b.d
}

/// Only services that push invocations need a statement: the queue's poller
/// uses the execution role, and an alarm that only notifies invokes nothing.
#[test]
fn only_services_that_push_invocations_need_the_resource_policy() {
    let refused = |d: &Design| -> Vec<String> {
        validate::validate(d)
            .into_iter()
            .filter(|x| x.rule == "lambda-resource-policy")
            .map(|x| x.message)
            .collect()
    };
    let none = refused(&invoked("none", "notify"));
    assert_eq!(none.len(), 1, "{none:?}");
    assert!(none[0].contains("s3.amazonaws.com"), "{none:?}");
    assert!(refused(&invoked("s3.amazonaws.com", "notify")).is_empty());
    let alarm = refused(&invoked("s3.amazonaws.com", "invoke"));
    assert_eq!(alarm.len(), 1, "{alarm:?}");
    assert!(alarm[0].contains("lambda.alarms.cloudwatch.amazonaws.com"));
    assert!(refused(&invoked("drawn", "invoke")).is_empty());
}

/// A tier (EC2 with a few workers) with two calls whose links carry
/// `first` and `second`, and whose own settings are `tier`.
fn tier(tier: Kv<'_>, first: Kv<'_>, second: Kv<'_>) -> Design {
    let mut b = B::default();
    let u = b.c("users", &[]);
    let app = b.c("ec2", tier);
    let db = b.c("rds", &[("multi_az", on(true))]);
    let other = b.c("dynamodb", &[]);
    b.l(u, app, &[]);
    b.l(app, db, first);
    b.l(app, other, second);
    b.d
}

/// An ALB with two target groups whose links carry `a` and `b`.
fn paths(kind: &str, a: Kv<'_>, b_: Kv<'_>) -> Design {
    let mut b = B::default();
    let u = b.c("users", &[]);
    let lb = b.c(kind, &[]);
    let g1 = b.c("asg", &[("health_check", t("elb"))]);
    let g2 = b.c("asg", &[("health_check", t("elb"))]);
    b.l(u, lb, &[]);
    b.l(lb, g1, a);
    b.l(lb, g2, b_);
    b.d
}

/// Users (`users`' settings) → `front` (`front_params`) → `back` → an
/// Auto Scaling group when `back` is a load balancer.
fn partner(front: &str, back: &str, users: Kv<'_>, front_params: Kv<'_>) -> Design {
    let mut b = B::default();
    let u = b.c("users", users);
    let f = b.c(front, front_params);
    let elb = [("health_check", t("elb"))];
    let x = b.c(back, if back == "asg" { &elb } else { EMPTY });
    b.l(u, f, &[]);
    b.l(f, x, &[]);
    if back != "asg" {
        let g = b.c("asg", &elb);
        b.l(x, g, &[]);
    }
    b.d
}

fn routing_cases() -> Vec<(&'static str, Design, Design)> {
    let weight = [("routing", t("weight"))];
    let zero = [("weight", n(0.0))];
    let pct = |v: f64| [("path", t("/api/*")), ("path_pct", n(v))];
    vec![
        (
            "call-probability",
            tier(EMPTY, &[("probability", n(1.2))], EMPTY),
            tier(EMPTY, &[("probability", n(0.2))], EMPTY),
        ),
        (
            "call-count",
            tier(EMPTY, &[("count", n(0.0))], EMPTY),
            tier(EMPTY, &[("count", n(2.0))], EMPTY),
        ),
        (
            "route-weights-zero",
            tier(&weight, &zero, &zero),
            tier(&weight, &zero, EMPTY),
        ),
        (
            "route-mode",
            {
                let mut d = tier(&weight, EMPTY, EMPTY);
                d.links.pop();
                d
            },
            tier(&weight, EMPTY, EMPTY),
        ),
        (
            "alb-path-shares",
            paths("alb", &pct(60.0), &pct(60.0)),
            paths("alb", &pct(60.0), &pct(40.0)),
        ),
        (
            "alb-path-unmatched",
            paths("alb", &pct(60.0), &pct(30.0)),
            paths("alb", &pct(60.0), EMPTY),
        ),
        (
            "allow-list-changing-ips",
            partner("route53", "alb", &[("allow_list", on(true))], EMPTY),
            partner("route53", "nlb", &[("allow_list", on(true))], EMPTY),
        ),
        (
            "nlb-alb-target-tcp",
            partner("nlb", "alb", EMPTY, &[("listener", t("udp"))]),
            partner("nlb", "alb", EMPTY, &[("listener", t("tcp"))]),
        ),
        (
            "nlb-eip-internal",
            partner(
                "nlb",
                "asg",
                EMPTY,
                &[("ip_address", t("elastic_ip")), ("internal", on(true))],
            ),
            partner("nlb", "asg", EMPTY, &[("internal", on(true))]),
        ),
        (
            "nlb-privatelink-udp",
            partner(
                "nlb",
                "asg",
                EMPTY,
                &[("privatelink", on(true)), ("listener", t("udp"))],
            ),
            partner(
                "nlb",
                "asg",
                EMPTY,
                &[("privatelink", on(true)), ("listener", t("tls"))],
            ),
        ),
        (
            "call-settings-ignored",
            {
                let mut b = B::default();
                let u = b.c("users", &[]);
                let topic = b.c("sns", &[]);
                let q = b.c("sqs", &[]);
                b.l(u, topic, &[]);
                b.l(topic, q, &[("count", n(2.0))]);
                b.d
            },
            {
                let mut b = B::default();
                let u = b.c("users", &[]);
                let topic = b.c("sns", &[]);
                let q = b.c("sqs", &[]);
                b.l(u, topic, &[]);
                b.l(topic, q, &[]);
                b.d
            },
        ),
    ]
}

#[test]
fn every_rule_has_a_case_and_there_are_at_least_25() {
    let covered: Vec<&str> = cases().iter().map(|c| c.0).collect();
    for r in RULES {
        assert!(covered.contains(&r.id), "rule {} has no test case", r.id);
    }
    assert!(RULES.len() >= 25, "{} rules", RULES.len());
    let mut ids: Vec<&str> = RULES.iter().map(|r| r.id).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), RULES.len(), "rule ids are unique");
}

#[test]
fn findings_carry_severity_subject_consequence_and_fix() {
    for (rule, bad, _) in cases() {
        let spec = RULES.iter().find(|r| r.id == rule).unwrap();
        for d in validate::validate(&bad).iter().filter(|d| d.rule == rule) {
            assert_eq!(d.severity, spec.severity, "{rule}");
            assert!(!d.message.is_empty() && !d.consequence.is_empty() && !d.fix.is_empty());
            if rule != "no-users" && rule != "lambda-unreserved-floor" {
                assert!(!d.components.is_empty(), "{rule} names its subject");
            }
        }
    }
}

#[test]
fn cors_is_asked_only_of_browser_pages_calling_the_api_directly_or_through_dns() {
    let count = |d: &Design| {
        validate::validate(d)
            .iter()
            .filter(|d| d.rule == "apigw-cors")
            .count()
    };
    // A server-side client needs no CORS.
    assert_eq!(count(&apigw(&[])), 0);
    // A browser page straight at the API, and through a Route 53 record.
    let mut direct = apigw(&[]);
    direct.components[0]
        .params
        .insert("browser".to_owned(), on(true));
    assert_eq!(count(&direct), 1);
    assert_eq!(count(&browser_api(&[])), 1);
    // A warning: the run is still allowed.
    assert!(validate::is_runnable(&browser_api(&[])));
}

#[test]
fn errors_come_first_and_block_running() {
    let bad = web(
        &[("min", n(5.0)), ("max", n(3.0)), ("desired", n(4.0))],
        &[("stickiness", on(true))],
    );
    let found = validate::validate(&bad);
    assert_eq!(found[0].severity, Severity::Error);
    assert!(!validate::is_runnable(&bad));
    let asg = ComponentId(3);
    assert!(
        validate::for_component(&found, asg)
            .iter()
            .any(|d| d.rule == "asg-min-max")
    );
}

#[test]
fn spot_fleet_capacity_counts_per_region_frame() {
    use skydraft_core::design::{Group, GroupId, GroupKind, Rect};
    let mut b = B::default();
    for k in 0..11 {
        let id = b.c("spot_fleet", &[("target_capacity", n(10_000.0))]);
        let c = b.d.components.iter_mut().find(|c| c.id == id).unwrap();
        c.pos = Point {
            x: if k < 6 { 100.0 } else { 1100.0 },
            y: 100.0,
        };
    }
    // All eleven in one region: over the 100,000 of a region.
    assert!(fires(&b.d, "spot-fleet-region-capacity"));
    // Six in one Region frame, five in another: each under the limit.
    for (id, x, label) in [(1, 0.0, "us-east-1"), (2, 1000.0, "eu-west-1")] {
        b.d.groups.push(Group {
            id: GroupId(id),
            kind: GroupKind::Region,
            label: label.into(),
            rect: Rect {
                x,
                y: 0.0,
                w: 500.0,
                h: 500.0,
            },
        });
    }
    assert!(!fires(&b.d, "spot-fleet-region-capacity"));
    // Moved into the first frame, they are over it again, and the message names it.
    for c in &mut b.d.components {
        c.pos.x = 100.0;
    }
    let found = validate::validate(&b.d);
    let x = found
        .iter()
        .find(|d| d.rule == "spot-fleet-region-capacity")
        .expect("over the limit in us-east-1");
    assert!(x.message.contains("in us-east-1"), "{}", x.message);
}

#[test]
fn the_nlb_lambda_refusal_is_explained() {
    let mut b = B::default();
    let u = b.c("users", &[]);
    let lb = b.c("nlb", &[]);
    let f = b.c("lambda", &[]);
    b.l(u, lb, &[]);
    b.l(lb, f, &[]);
    let d = validate::validate(&b.d);
    let x = d.iter().find(|d| d.rule == "illegal-link").unwrap();
    assert!(
        x.message.contains("NLB targets are instances"),
        "{}",
        x.message
    );
    assert_eq!(x.links, vec![LinkId(2)]);
}

#[test]
fn every_template_is_valid() {
    for tpl in template::all() {
        let errors: Vec<_> = validate::validate(&tpl.design)
            .into_iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", tpl.id);
    }
}

#[test]
fn a_service_without_a_network_is_no_target_and_its_run_is_refused() {
    let bad = ecs(&[("network_mode", t("none"))], true, true);
    let found = validate::validate(&bad);
    let x = found
        .iter()
        .find(|d| d.rule == "ecs-network-none")
        .expect("network mode none behind a load balancer is flagged");
    assert_eq!(x.severity, Severity::Error);
    assert!(x.consequence.contains("no external connectivity"), "{x}");
    // The service and the load balancer sending to it, and their link.
    assert_eq!(x.components, vec![ComponentId(3), ComponentId(2)]);
    assert_eq!(x.links, vec![LinkId(2)]);
    let err = skydraft_core::sim::run(&bad, &skydraft_core::scenario::Scenario::default())
        .expect_err("the simulator refuses the design");
    match err {
        skydraft_core::sim::SimError::Refused { errors } => assert!(
            errors.iter().any(|e| e.contains("network mode none")),
            "{errors:?}"
        ),
        other => panic!("refused for another reason: {other}"),
    }
    // Every other mode runs.
    for mode in ["bridge", "host", "awsvpc"] {
        let good = ecs(&[("network_mode", t(mode))], true, true);
        assert!(!fires(&good, "ecs-network-none"), "{mode}");
        assert!(validate::is_runnable(&good), "{mode}");
    }
}

#[test]
fn a_public_backend_is_no_ip_target_but_a_private_address_is() {
    let bad = behind_alb("http_backend", &[]);
    let found = validate::validate(&bad);
    let x = found
        .iter()
        .find(|d| d.rule == "lb-public-ip-target")
        .expect("a public HTTP backend behind an ALB is flagged");
    assert_eq!(x.severity, Severity::Error);
    assert!(x.consequence.contains("private addresses"), "{x}");
    assert!(x.consequence.contains("[ALB-TG]"), "{x}");
    assert_eq!(x.links, vec![LinkId(2)]);
    assert!(skydraft_core::sim::run(&bad, &skydraft_core::scenario::Scenario::default()).is_err());
    // On premises over VPN, or a backend reached privately: allowed, and it runs.
    for good in [
        behind_alb("onprem_ip", &[]),
        behind_alb("http_backend", &[("public", on(false))]),
    ] {
        assert!(!fires(&good, "lb-public-ip-target"));
        assert!(
            validate::is_runnable(&good),
            "{:#?}",
            validate::validate(&good)
        );
    }
    // A public backend an API Gateway calls is no IP target.
    let mut b = B::default();
    let u = b.c("users", &[]);
    let a = b.c("apigw", &[]);
    let h = b.c("http_backend", &[]);
    b.l(u, a, &[]);
    b.l(a, h, &[]);
    assert!(!fires(&b.d, "lb-public-ip-target"));
}

#[test]
fn a_target_groups_own_cross_zone_setting_decides_the_warning() {
    let group = |lb: &str, setting: &str| {
        let mut b = B::default();
        let u = b.c("users", &[]);
        let l = b.c(lb, &[]);
        let g = b.c("asg", &[]);
        b.l(u, l, &[]);
        b.l(l, g, &[("cross_zone", t(setting))]);
        fires(&b.d, "nlb-cross-zone-off")
    };
    assert!(!group("alb", "inherit"));
    assert!(group("alb", "off"));
    assert!(group("nlb", "inherit"));
    assert!(!group("nlb", "on"));
    // A Classic Load Balancer has no target groups: its own switch decides.
    assert!(group("clb", "on"));
}
