//! Tests of the catalog table: ids, defaults, links, roles and fixed settings.

use super::*;

#[test]
fn ids_are_unique() {
    let mut ids: Vec<_> = kinds().iter().map(|k| k.id).collect();
    ids.sort_unstable();
    let n = ids.len();
    ids.dedup();
    assert_eq!(n, ids.len());
}

#[test]
fn defaults_fit_their_types() {
    for k in kinds() {
        for p in k.params {
            match (p.ty, p.default) {
                (ParamType::Number { min, max, .. }, DefaultValue::Number(v)) => {
                    assert!((min..=max).contains(&v), "{}.{}", k.id, p.id);
                }
                (ParamType::Bool, DefaultValue::Bool(_)) => {}
                (ParamType::Choice(opts), DefaultValue::Text(v)) => {
                    assert!(opts.contains(&v), "{}.{}", k.id, p.id);
                }
                (ParamType::Text { max_len }, DefaultValue::Text(v)) => {
                    assert!(v.len() <= max_len, "{}.{}", k.id, p.id);
                }
                _ => panic!("{}.{}: default does not match type", k.id, p.id),
            }
        }
    }
}

#[test]
fn links_point_at_known_components() {
    for k in kinds() {
        for a in k.accepts {
            let t = kind(a.to).unwrap_or_else(|| panic!("{} -> {}", k.id, a.to));
            assert!(t.placement.is_node(), "{} -> {}", k.id, a.to);
        }
        let mut to: Vec<_> = k.accepts.iter().map(|a| a.to).collect();
        to.sort_unstable();
        to.dedup();
        assert_eq!(to.len(), k.accepts.len(), "{} lists a target twice", k.id);
    }
}

#[test]
fn every_kind_and_param_is_documented() {
    for k in kinds() {
        assert!(!k.name.is_empty() && !k.summary.is_empty());
        let mut ids: Vec<_> = k.params.iter().map(|p| p.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), k.params.len(), "{}: duplicate param", k.id);
        for p in k.params {
            assert!(
                !p.label.is_empty() && !p.help.is_empty(),
                "{}.{}",
                k.id,
                p.id
            );
        }
    }
}

#[test]
fn the_issue_kinds_are_all_present() {
    for id in [
        "users",
        "route53",
        "cloudfront",
        "apigw",
        "alb",
        "nlb",
        "clb",
        "ec2",
        "asg",
        "spot_fleet",
        "ecs_cluster",
        "ecs_service",
        "fargate",
        "lambda",
        "sqs",
        "sns",
        "kinesis",
        "eventbridge",
        "dynamodb",
        "rds",
        "elasticache",
        "s3",
        "cw_alarm",
        "http_backend",
        "onprem_ip",
        "iam_role",
        "secrets",
        "region",
        "az",
        "vpc",
        "text",
        "sticky",
    ] {
        assert!(kind(id).is_some(), "{id}");
    }
}

#[test]
fn simulator_parameter_ids_are_stable() {
    let has = |k: &str, ps: &[&str]| {
        for p in ps {
            assert!(kind(k).and_then(|s| s.param(p)).is_some(), "{k}.{p}");
        }
    };
    has("users", &["rate", "origin", "timeout_s", "retries"]);
    has(
        "alb",
        &[
            "cross_zone",
            "algorithm",
            "hc_interval_s",
            "hc_timeout_s",
            "healthy_threshold",
            "unhealthy_threshold",
            "dereg_delay_s",
            "stickiness",
            "idle_timeout_s",
        ],
    );
    for k in ["ec2", "asg"] {
        has(
            k,
            &[
                "instance_type",
                "workers",
                "queue",
                "service_ms",
                "service_dist",
            ],
        );
    }
    has(
        "asg",
        &[
            "min",
            "desired",
            "max",
            "azs",
            "boot_s",
            "policy",
            "target_cpu",
            "warmup_s",
            "health_check",
            "grace_s",
        ],
    );
    has(
        "rds",
        &["instance_class", "multi_az", "connections", "service_ms"],
    );
}

#[test]
fn link_refusals_explain_the_rule() {
    assert_eq!(check_link("alb", "lambda"), Ok(LinkMeaning::TargetGroup));
    assert_eq!(check_link("route53", "alb"), Ok(LinkMeaning::DnsAnswer));
    assert_eq!(check_link("sqs", "lambda"), Ok(LinkMeaning::EventSource));
    let r = check_link("nlb", "lambda").unwrap_err();
    assert!(r.reason.contains("NLB targets are instances"), "{r}");
    let r = check_link("rds", "alb").unwrap_err();
    assert!(
        r.reason.contains("links end here") || r.reason.contains("can connect to"),
        "{r}"
    );
    let r = check_link("ec2", "users").unwrap_err();
    assert!(r.reason.contains("it can connect to: RDS"), "{r}");
    assert!(check_link("region", "alb").is_err());
}

#[test]
fn palette_and_search_cover_the_table() {
    let n: usize = palette().iter().map(|(_, ks)| ks.len()).sum();
    assert_eq!(n, kinds().len());
    assert!(search("queue").iter().any(|k| k.id == "sqs"));
    assert!(search("LOAD BAL").iter().any(|k| k.id == "nlb"));
    let alb = kind("alb").unwrap();
    assert!(matches(alb, ""));
    assert!(matches(alb, "load"));
    assert!(matches(alb, " ALB "));
    assert!(!matches(alb, "database"));
    assert!(
        targets_of("alb")
            .iter()
            .any(|(k, m)| k.id == "lambda" && *m == LinkMeaning::TargetGroup)
    );
}

#[test]
fn fixed_settings_fill_only_what_a_kind_does_not_expose() {
    for k in kinds() {
        for f in k.fixed {
            assert!(
                k.param(f.id).is_none(),
                "{}.{} is both a parameter and fixed",
                k.id,
                f.id
            );
            // The fixed value has the type other kinds give that parameter.
            let elsewhere = kinds().iter().find_map(|o| o.param(f.id));
            let p = elsewhere.unwrap_or_else(|| panic!("{}.{}: no kind exposes it", k.id, f.id));
            assert_eq!(
                std::mem::discriminant(&p.default),
                std::mem::discriminant(&f.value),
                "{}.{}",
                k.id,
                f.id
            );
        }
    }
}

#[test]
fn a_read_takes_the_stored_value_then_the_default_then_the_fixed_value() {
    use crate::design::{Component, ParamValue};
    let fleet = Component::new(1, Kind::SpotFleet, &[]);
    assert_eq!(fleet.number("target_cpu"), 50.0, "fixed");
    assert_eq!(fleet.number("grace_s"), 0.0, "fixed");
    let asg = Component::new(2, Kind::Asg, &[("grace_s", ParamValue::Number(42.0))]);
    assert_eq!(asg.number("grace_s"), 42.0, "stored");
    let asg = Component::new(3, Kind::Asg, &[]);
    let default = match kind("asg")
        .and_then(|k| k.param("grace_s"))
        .map(|p| p.default)
    {
        Some(DefaultValue::Number(v)) => v,
        other => panic!("{other:?}"),
    };
    assert_eq!(asg.number("grace_s"), default, "default");
    // A stored value of the wrong type reads as the catalog's default.
    let odd = Component::new(
        4,
        Kind::Asg,
        &[("grace_s", ParamValue::Text("soon".into()))],
    );
    assert_eq!(odd.number("grace_s"), default);
    assert!(Component::new(5, Kind::Alb, &[]).flag("cross_zone"));
    assert!(!Component::new(6, Kind::Nlb, &[]).flag("cross_zone"));
}

#[test]
fn a_not_set_state_is_a_valid_value_and_so_is_its_first_set_one() {
    use crate::design::ParamValue;
    let mut with_unset = Vec::new();
    for k in kinds() {
        for p in k.params {
            let Some(u) = p.unset else { continue };
            let ParamType::Number { min, max, .. } = p.ty else {
                panic!("{}.{}: only numbers have a not-set state", k.id, p.id);
            };
            assert!((min..=max).contains(&u.value), "{}.{}", k.id, p.id);
            assert!((min..=max).contains(&u.enabled), "{}.{}", k.id, p.id);
            assert_ne!(u.value, u.enabled, "{}.{}", k.id, p.id);
            assert!(p.is_unset(&ParamValue::Number(u.value)));
            assert!(!p.is_unset(&ParamValue::Number(u.enabled)));
            with_unset.push(format!("{}.{}", k.id, p.id));
        }
    }
    // The AWS defaults that mean "off": the group's default instance warm-up
    // is not enabled [AS-DIW] and a function reserves no concurrency [LAM-RES].
    assert_eq!(with_unset, ["asg.warmup_s", "lambda.reserved"]);
    let warmup = Kind::Asg.spec().param("warmup_s").expect("warm-up");
    assert!(warmup.is_unset(&ParamValue::Number(-1.0)));
}
