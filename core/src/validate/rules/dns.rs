//! Route 53.

use crate::catalog::{Kind, LinkMeaning};
use crate::design::{Component, Link};
use crate::validate::Diagnostic;
use crate::validate::Severity::{Error, Warning};
use crate::validate::ctx::{Ctx, Finding, name};

fn answers<'a>(x: &Ctx<'a>, r: &Component) -> Vec<(&'a Link, &'a Component)> {
    x.out(r)
        .into_iter()
        .filter(|(l, _)| x.meaning(l) == Some(LinkMeaning::DnsAnswer))
        .collect()
}

pub(crate) fn simple_health_check(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for r in x.of(Kind::Route53) {
        if r.text("policy") != "simple" {
            continue;
        }
        for (l, t) in answers(x, r) {
            if Ctx::link_flag(l, "health_check") {
                out.push(Finding::new(Error, "r53-simple-health-check").on(r).on(t).link(l).say(
                    format!("{} uses simple routing with a health check on {}.", name(r), name(t)),
                    "Simple records cannot have health checks; Route 53 answers with every value regardless of health.",
                    "Use failover, weighted or multivalue routing to route around unhealthy targets.",
                ));
            }
        }
    }
}

/// Whether Route 53's checkers (on the internet) can reach the target.
fn private(t: &Component) -> bool {
    match t.kind_of() {
        Some(Kind::OnPremIp) => true,
        Some(Kind::Alb | Kind::Nlb) => t.flag("internal"),
        Some(Kind::ApiGateway) => t.text("endpoint") == "private",
        Some(Kind::HttpBackend) => !t.flag("public"),
        _ => false,
    }
}

pub(crate) fn private_health_check(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for r in x.of(Kind::Route53) {
        for (l, t) in answers(x, r) {
            if Ctx::link_flag(l, "health_check") && private(t) {
                out.push(Finding::new(Error, "r53-private-health-check").on(r).on(t).link(l).say(
                    format!("{} health-checks {}, a private endpoint.", name(r), name(t)),
                    "Route 53 health checkers run outside your VPC and cannot reach private addresses, so the check always fails [R53-PRIVATE].",
                    "Check a CloudWatch alarm on the endpoint's metric instead (a CloudWatch-alarm health check).",
                ));
            }
        }
    }
}

pub(crate) fn multivalue_eight(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for r in x.of(Kind::Route53) {
        let n = answers(x, r).len();
        if r.text("policy") == "multivalue" && n > 8 {
            out.push(Finding::new(Warning, "r53-multivalue-8").on(r).say(
                format!("{} has {n} multivalue records.", name(r)),
                "Route 53 returns at most 8 healthy records per answer, so some targets get no traffic from a given resolver [R53-MV].",
                "Keep to 8 records, or put a load balancer behind one record.",
            ));
        }
    }
}

pub(crate) fn failover_roles(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for r in x.of(Kind::Route53) {
        if r.text("policy") != "failover" {
            continue;
        }
        let a = answers(x, r);
        let count = |role: &str| {
            a.iter()
                .filter(|(l, _)| Ctx::link_text(l, "failover") == role)
                .count()
        };
        let (p, s) = (count("primary"), count("secondary"));
        if p != 1 || s != 1 {
            out.push(Finding::new(Error, "r53-failover-roles").on(r).say(
                format!("{} uses failover routing with {p} primary and {s} secondary records.", name(r)),
                "Failover answers with one primary while it is healthy, else one secondary; anything else is ambiguous.",
                "Mark exactly one link primary and one secondary (link settings).",
            ));
        }
    }
}

pub(crate) fn failover_unchecked(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for r in x.of(Kind::Route53) {
        if r.text("policy") != "failover" {
            continue;
        }
        for (l, t) in answers(x, r) {
            let primary = Ctx::link_text(l, "failover") == "primary";
            let checked = Ctx::link_flag(l, "health_check") || r.flag("evaluate_target_health");
            if primary && !checked {
                out.push(Finding::new(Warning, "r53-failover-unchecked").on(r).on(t).link(l).say(
                    format!("The primary record {} has no health check.", name(t)),
                    "Route 53 never learns the primary is down, so it never answers with the secondary.",
                    "Turn on the link's health check (or evaluate target health for an alias).",
                ));
            }
        }
    }
}

pub(crate) fn weights_zero(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for r in x.of(Kind::Route53) {
        if r.text("policy") != "weighted" {
            continue;
        }
        let a = answers(x, r);
        if !a.is_empty() && a.iter().all(|(l, _)| Ctx::link_num(l, "weight") == 0.0) {
            out.push(Finding::new(Warning, "r53-weights-zero").on(r).say(
                format!("Every weight of {} is 0.", name(r)),
                "With all weights 0 Route 53 answers with all records equally, which is rarely what was meant [R53-WEIGHT].",
                "Give the records the shares you want (e.g. 9 and 1 for a 10% canary).",
            ));
        }
    }
}

pub(crate) fn long_ttl(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for r in x.of(Kind::Route53) {
        let ttl = r.number("ttl_s");
        let policy = r.text("policy");
        if ttl > 300.0 && matches!(policy.as_str(), "failover" | "weighted" | "latency") {
            out.push(Finding::new(Warning, "r53-long-ttl").on(r).say(
                format!("{} uses {policy} routing with a {ttl} s TTL.", name(r)),
                "Clients keep the old answer until the TTL runs out, so a failover or weight change takes up to that long to reach them [R53-ALIAS].",
                "Use a TTL of 60 s.",
            ));
        }
    }
}
