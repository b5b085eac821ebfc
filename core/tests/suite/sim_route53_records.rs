//! Route 53 record types and hosted zones: the rules validation applies to
//! them (each seen firing and not firing), and what the simulator does with
//! an alias's TTL, its free queries and a CNAME's extra lookup.

use crate::support::{Part, b, design, n, scenario, t};
use skydraft_core::design::{Design, Group, GroupId, GroupKind, LinkId, ParamValue, Point, Rect};
use skydraft_core::run::Run;
use skydraft_core::scenario::Event;
use skydraft_core::sim;
use skydraft_core::validate::{self, Severity};

/// Users (1) → Route 53 record (2, with `dns`) → `target` (3); a load
/// balancer target gets an Auto Scaling group (4) behind it.
fn record_to(target: &str, dns: Vec<(&str, ParamValue)>) -> Design {
    let mut parts: Vec<Part<'_>> = vec![
        (1, "users", vec![("rate", n(5.0))]),
        (2, "route53", dns),
        (3, target, vec![]),
    ];
    let mut links = vec![(1, 2), (2, 3)];
    if matches!(target, "alb" | "nlb" | "clb") {
        parts.push((4, "asg", vec![]));
        links.push((3, 4));
    }
    design(&parts, &links)
}

/// The findings of `rule`, with their severity.
fn findings(d: &Design, rule: &str) -> Vec<Severity> {
    validate::validate(d)
        .into_iter()
        .filter(|x| x.rule == rule)
        .map(|x| x.severity)
        .collect()
}

/// (rule, a design that breaks it, the same design fixed), for the table
/// every rule of validation is checked against.
pub(crate) fn validate_cases() -> Vec<(&'static str, Design, Design)> {
    let alias = || ("record_type", t("alias"));
    let private = |hostnames: bool| {
        let mut d = private_inside();
        set(&mut d, 2, "vpc_dns_hostnames", b(hostnames));
        d
    };
    let third = |delegated: bool, ds: bool| {
        record_to(
            "alb",
            vec![
                alias(),
                ("registrar", t("third_party")),
                ("ns_delegated", b(delegated)),
                ("dnssec", b(true)),
                ("ds_at_registrar", b(ds)),
            ],
        )
    };
    vec![
        (
            "r53-cname-apex",
            record_to("alb", vec![("record_type", t("CNAME")), ("apex", b(true))]),
            record_to("alb", vec![alias(), ("apex", b(true))]),
        ),
        (
            "r53-use-alias",
            record_to("alb", vec![]),
            record_to("alb", vec![alias()]),
        ),
        (
            "r53-alias-target",
            record_to("ec2", vec![alias()]),
            record_to("ec2", vec![]),
        ),
        ("r53-private-vpc-dns", private(false), private(true)),
        (
            "r53-private-from-internet",
            private_from_users(),
            private_inside(),
        ),
        ("r53-private-other-vpc", in_vpc(500.0), in_vpc(0.0)),
        ("r53-registrar-ns", third(false, true), third(true, true)),
        ("r53-dnssec-ds", third(true, false), third(true, true)),
    ]
}

#[test]
fn a_cname_at_the_zone_apex_is_an_error_an_alias_is_not() {
    let apex = |ty: &str| record_to("alb", vec![("record_type", t(ty)), ("apex", b(true))]);
    assert_eq!(
        findings(&apex("CNAME"), "r53-cname-apex"),
        [Severity::Error]
    );
    assert!(sim::run(&apex("CNAME"), &scenario(60.0, 1, 10.0, vec![])).is_err());
    assert!(findings(&apex("alias"), "r53-cname-apex").is_empty());
    let www = record_to("alb", vec![("record_type", t("CNAME"))]);
    assert!(findings(&www, "r53-cname-apex").is_empty());
}

#[test]
fn a_plain_record_for_a_balancer_or_cloudfront_suggests_an_alias() {
    for (ty, target) in [("A", "alb"), ("AAAA", "nlb"), ("CNAME", "cloudfront")] {
        let d = record_to(target, vec![("record_type", t(ty))]);
        assert_eq!(
            findings(&d, "r53-use-alias"),
            [Severity::Warning],
            "{ty} {target}"
        );
    }
    let alias = record_to("alb", vec![("record_type", t("alias"))]);
    assert!(findings(&alias, "r53-use-alias").is_empty());
    let instance = record_to("ec2", vec![("record_type", t("A"))]);
    assert!(findings(&instance, "r53-use-alias").is_empty());
}

#[test]
fn an_alias_points_only_at_an_aws_resource() {
    let ec2 = record_to("ec2", vec![("record_type", t("alias"))]);
    assert_eq!(findings(&ec2, "r53-alias-target"), [Severity::Error]);
    let alb = record_to("alb", vec![("record_type", t("alias"))]);
    assert!(findings(&alb, "r53-alias-target").is_empty());
}

/// Web servers (1) → a private record (2) → an internal ALB (3) → a group (4).
fn private_inside() -> Design {
    let dns = vec![
        ("record_type", t("alias")),
        ("private_zone", b(true)),
        ("vpc_dns_hostnames", b(true)),
    ];
    let parts: Vec<Part<'_>> = vec![
        (1, "asg", vec![]),
        (2, "route53", dns),
        (3, "alb", vec![("internal", b(true))]),
        (4, "asg", vec![]),
        (5, "users", vec![("rate", n(5.0))]),
        (6, "alb", vec![]),
    ];
    design(&parts, &[(5, 6), (6, 1), (1, 2), (2, 3), (3, 4)])
}

fn set(d: &mut Design, id: u32, param: &str, v: ParamValue) {
    let c = d
        .components
        .iter_mut()
        .find(|c| c.id.0 == id)
        .expect("part");
    c.params.insert(param.into(), v);
}

#[test]
fn a_private_zone_needs_both_vpc_dns_settings() {
    let ok = private_inside();
    assert!(findings(&ok, "r53-private-vpc-dns").is_empty());
    assert!(validate::is_runnable(&ok));
    for setting in ["vpc_dns_hostnames", "vpc_dns_support"] {
        let mut d = private_inside();
        set(&mut d, 2, setting, b(false));
        assert_eq!(
            findings(&d, "r53-private-vpc-dns"),
            [Severity::Error],
            "{setting}"
        );
        assert!(sim::run(&d, &scenario(60.0, 1, 10.0, vec![])).is_err());
    }
}

/// [`private_inside`] with its users also resolving the private name.
fn private_from_users() -> Design {
    let mut d = private_inside();
    d.links.push(skydraft_core::design::Link {
        id: LinkId(99),
        from: skydraft_core::design::ComponentId(5),
        to: skydraft_core::design::ComponentId(2),
        params: Default::default(),
    });
    d
}

/// [`private_inside`] with a VPC frame around the origin, and the web servers at `web_x`.
fn in_vpc(web_x: f64) -> Design {
    let mut d = private_inside();
    d.groups.push(Group {
        id: GroupId(1),
        kind: GroupKind::Vpc,
        label: "App VPC".into(),
        rect: Rect {
            x: -100.0,
            y: -100.0,
            w: 200.0,
            h: 200.0,
        },
    });
    let web = d.components.iter_mut().find(|c| c.id.0 == 1).expect("web");
    web.pos = Point { x: web_x, y: 0.0 };
    d
}

#[test]
fn users_on_the_internet_cannot_resolve_a_private_zone() {
    let mut d = private_from_users();
    assert_eq!(findings(&d, "r53-private-from-internet"), [Severity::Error]);
    let refused = sim::run(&d, &scenario(60.0, 1, 10.0, vec![]));
    assert!(refused.is_err(), "the simulator refuses it");
    set(&mut d, 2, "private_zone", b(false));
    assert!(findings(&d, "r53-private-from-internet").is_empty());
    assert!(sim::run(&d, &scenario(60.0, 1, 10.0, vec![])).is_ok());
}

#[test]
fn a_private_zone_answers_only_inside_the_vpc_it_is_drawn_in() {
    // Everything sits at the origin, inside the VPC.
    assert!(findings(&in_vpc(0.0), "r53-private-other-vpc").is_empty());
    let mut d = in_vpc(500.0);
    assert_eq!(findings(&d, "r53-private-other-vpc"), [Severity::Error]);
    d.components
        .iter_mut()
        .for_each(|c| c.pos = Point { x: 500.0, y: 0.0 });
    assert_eq!(
        findings(&d, "r53-private-other-vpc"),
        [Severity::Error],
        "record in no VPC"
    );
}

#[test]
fn a_third_party_registrar_must_delegate_to_route53() {
    let dns = |registrar: &str, delegated: bool| {
        record_to(
            "alb",
            vec![
                ("record_type", t("alias")),
                ("registrar", t(registrar)),
                ("ns_delegated", b(delegated)),
            ],
        )
    };
    assert_eq!(
        findings(&dns("third_party", false), "r53-registrar-ns"),
        [Severity::Error]
    );
    assert!(findings(&dns("third_party", true), "r53-registrar-ns").is_empty());
    assert!(findings(&dns("route_53", false), "r53-registrar-ns").is_empty());
}

#[test]
fn dnssec_with_a_third_party_registrar_needs_the_ds_record_there() {
    let dns = |registrar: &str, ds: bool| {
        record_to(
            "alb",
            vec![
                ("record_type", t("alias")),
                ("dnssec", b(true)),
                ("registrar", t(registrar)),
                ("ns_delegated", b(true)),
                ("ds_at_registrar", b(ds)),
            ],
        )
    };
    assert_eq!(
        findings(&dns("third_party", false), "r53-dnssec-ds"),
        [Severity::Warning]
    );
    assert!(findings(&dns("third_party", true), "r53-dnssec-ds").is_empty());
    assert!(findings(&dns("route_53", false), "r53-dnssec-ds").is_empty());
}

/// Users → a weighted record (TTL 600 s) over an old ALB (weight 1) and a
/// new one (weight 0); at 300 s the weights swap.
fn weighted_move(record_type: &str) -> Run {
    let dns = vec![
        ("policy", t("weighted")),
        ("ttl_s", n(600.0)),
        ("record_type", t(record_type)),
    ];
    let parts: Vec<Part<'_>> = vec![
        (1, "users", vec![("rate", n(50.0))]),
        (2, "route53", dns),
        (3, "alb", vec![]),
        (4, "alb", vec![]),
        (5, "asg", vec![]),
    ];
    let mut d = design(&parts, &[(1, 2), (2, 3), (2, 4), (3, 5), (4, 5)]);
    d.links[1].params.insert("weight".into(), n(1.0));
    d.links[2].params.insert("weight".into(), n(0.0));
    let swap = vec![
        (
            300.0,
            Event::WeightChange {
                link: LinkId(2),
                weight: 0.0,
            },
        ),
        (
            300.0,
            Event::WeightChange {
                link: LinkId(3),
                weight: 1.0,
            },
        ),
    ];
    sim::run(&d, &scenario(600.0, 3, 10.0, swap)).expect("runs")
}

/// Requests the old ALB (component 3) received from `from_s` on.
fn old_alb_after(r: &Run, from_s: f64) -> u64 {
    let id = skydraft_core::design::ComponentId(3);
    let s = r.series_of(id).expect("series");
    let a = (from_s / r.bucket_s) as usize;
    s.points[a..].iter().map(|p| p.requests).sum()
}

#[test]
fn an_alias_to_a_load_balancer_answers_with_60_s_whatever_the_ttl_setting() {
    // The A record keeps its 600 s TTL: clients stay on the old ALB long after the swap.
    let plain = weighted_move("A");
    assert!(
        old_alb_after(&plain, 370.0) > 1000,
        "{}",
        old_alb_after(&plain, 370.0)
    );
    // The alias answers with 60 s: a minute after the swap nobody is left on it.
    let alias = weighted_move("alias");
    assert!(old_alb_after(&alias, 300.0) > 0);
    assert_eq!(old_alb_after(&alias, 370.0), 0);
}

#[test]
fn alias_queries_are_free_and_plain_ones_are_billed() {
    let cost = |ty: &str| {
        let d = record_to("alb", vec![("record_type", t(ty)), ("ttl_s", n(60.0))]);
        let r = sim::run(&d, &scenario(300.0, 1, 10.0, vec![])).expect("runs");
        let s = r
            .series_of(skydraft_core::design::ComponentId(2))
            .expect("series");
        s.points.iter().map(|p| p.cost_per_hour).sum::<f64>() / s.points.len() as f64
    };
    let (plain, alias) = (cost("A"), cost("alias"));
    // Only the hosted zone is left: $0.50 a month.
    assert!(alias < 0.001, "{alias}");
    assert!(plain > alias * 2.0, "{plain} vs {alias}");
}

#[test]
fn a_cname_costs_one_more_lookup_on_each_fresh_resolution() {
    let mean = |ty: &str, ttl: f64| {
        let mut d = record_to("ec2", vec![("record_type", t(ty)), ("ttl_s", n(ttl))]);
        // Twenty clients: each keeps its answer for the TTL.
        set(&mut d, 1, "clients", n(20.0));
        let r = sim::run(&d, &scenario(300.0, 1, 10.0, vec![])).expect("runs");
        r.totals.mean_ms
    };
    // TTL 0: every request resolves afresh and waits for the second lookup.
    let extra = mean("CNAME", 0.0) - mean("A", 0.0);
    assert!((extra - 20.0).abs() < 5.0, "{extra} ms");
    // A long TTL keeps the answer: only each client's first request waits.
    let cached = mean("CNAME", 3600.0) - mean("A", 3600.0);
    assert!(cached.abs() < 3.0, "{cached} ms");
}
