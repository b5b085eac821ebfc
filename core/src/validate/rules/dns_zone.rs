//! Route 53 record types and the hosted zone around a record: the zone apex,
//! alias records, private zones, the registrar and DNSSEC.

use crate::catalog::{Kind, LinkMeaning};
use crate::design::{Component, Group, GroupKind};
use crate::validate::Diagnostic;
use crate::validate::Severity::{Error, Warning};
use crate::validate::ctx::{Ctx, Finding, name};

/// Targets an alias record can point at: AWS resources [R53-ALIAS].
fn alias_target(t: &Component) -> bool {
    matches!(
        t.kind_of(),
        Some(Kind::Alb | Kind::Nlb | Kind::Clb | Kind::CloudFront | Kind::S3 | Kind::ApiGateway)
    )
}

/// Targets whose addresses change under the record: load balancers and CloudFront.
fn moving_target(t: &Component) -> bool {
    matches!(
        t.kind_of(),
        Some(Kind::Alb | Kind::Nlb | Kind::Clb | Kind::CloudFront)
    )
}

fn answers<'a>(x: &Ctx<'a>, r: &Component) -> Vec<(&'a crate::design::Link, &'a Component)> {
    x.out(r)
        .into_iter()
        .filter(|(l, _)| x.meaning(l) == Some(LinkMeaning::DnsAnswer))
        .collect()
}

pub(crate) fn cname_apex(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for r in x.of(Kind::Route53) {
        if r.text("record_type") == "CNAME" && r.flag("apex") {
            out.push(Finding::new(Error, "r53-cname-apex").on(r).say(
                format!("{} is a CNAME at the zone apex.", name(r)),
                "DNS allows no CNAME at the zone's own name (example.com), so Route 53 refuses to create it [R53-ALIAS].",
                "Make it an alias record: an alias can sit at the apex and point at the AWS resource.",
            ));
        }
    }
}

pub(crate) fn use_alias(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for r in x.of(Kind::Route53) {
        let ty = r.text("record_type");
        if ty == "alias" {
            continue;
        }
        for (l, t) in answers(x, r) {
            if moving_target(t) {
                out.push(Finding::new(Warning, "r53-use-alias").on(r).on(t).link(l).say(
                    format!("{} is a {ty} record for {}.", name(r), name(t)),
                    "A load balancer's or CloudFront's addresses change; an alias record follows them by itself, and alias queries to AWS resources are free while these are billed [R53-ALIAS].",
                    "Make the record an alias record.",
                ));
            }
        }
    }
}

pub(crate) fn alias_targets(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for r in x.of(Kind::Route53) {
        if r.text("record_type") != "alias" {
            continue;
        }
        for (l, t) in answers(x, r) {
            if !alias_target(t) {
                out.push(Finding::new(Error, "r53-alias-target").on(r).on(t).link(l).say(
                    format!("{} is an alias record for {}.", name(r), name(t)),
                    "An alias record points only at AWS resources such as a load balancer, CloudFront, an S3 website or API Gateway; Route 53 cannot create this one [R53-ALIAS].",
                    "Use an A (or AAAA) record for an address, or a CNAME for another name (not at the zone apex).",
                ));
            }
        }
    }
}

pub(crate) fn private_vpc_dns(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for r in x.of(Kind::Route53) {
        if !r.flag("private_zone") {
            continue;
        }
        let missing: Vec<&str> = [
            ("vpc_dns_support", "enableDnsSupport"),
            ("vpc_dns_hostnames", "enableDnsHostnames"),
        ]
        .into_iter()
        .filter(|(id, _)| !r.flag(id))
        .map(|(_, setting)| setting)
        .collect();
        if !missing.is_empty() {
            let off = missing.join(" and ");
            out.push(Finding::new(Error, "r53-private-vpc-dns").on(r).say(
                format!("{} is in a private hosted zone, but the VPC has {off} off.", name(r)),
                "A private hosted zone answers inside the VPC only when both enableDnsSupport and enableDnsHostnames are on; otherwise its names do not resolve.",
                format!("Turn on {off} (the record's VPC settings)."),
            ));
        }
    }
}

pub(crate) fn private_from_internet(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for r in x.of(Kind::Route53) {
        if !r.flag("private_zone") {
            continue;
        }
        for (l, u) in x.inc(r) {
            if u.is(Kind::Users) {
                out.push(Finding::new(Error, "r53-private-from-internet").on(u).on(r).link(l).say(
                    format!("{} resolve {}, a name in a private hosted zone.", name(u), name(r)),
                    "A private zone answers only inside the VPCs it is associated with; on the internet the name does not exist [R53-PRIVATE].",
                    "Put the public name in a public hosted zone (turn off Private hosted zone), or let only components inside the VPC call it.",
                ));
            }
        }
    }
}

/// The VPC frame a component is drawn in.
fn vpc_of<'a>(x: &Ctx<'a>, c: &Component) -> Option<&'a Group> {
    (x.d.groups.iter()).find(|g| g.kind == GroupKind::Vpc && g.rect.contains(c.pos))
}

pub(crate) fn private_other_vpc(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    if !x.d.groups.iter().any(|g| g.kind == GroupKind::Vpc) {
        return;
    }
    for r in x.of(Kind::Route53) {
        if !r.flag("private_zone") {
            continue;
        }
        let Some(vpc) = vpc_of(x, r) else {
            out.push(Finding::new(Error, "r53-private-other-vpc").on(r).say(
                format!("{} is in a private hosted zone but drawn in no VPC.", name(r)),
                "A private zone is associated with the VPC it serves and answers only there [R53-PRIVATE].",
                "Draw the record inside the VPC frame whose components use it.",
            ));
            continue;
        };
        for (l, c) in x.inc(r) {
            let same = vpc_of(x, c).is_some_and(|v| v.id == vpc.id);
            if !same && !c.is(Kind::Users) {
                out.push(Finding::new(Error, "r53-private-other-vpc").on(c).on(r).link(l).say(
                    format!("{} resolves {}, a private name of the VPC {}.", name(c), name(r), vpc.label),
                    "A private zone answers only inside the VPCs it is associated with; from elsewhere the name does not resolve [R53-PRIVATE].",
                    "Move the caller into that VPC, or use a public hosted zone.",
                ));
            }
        }
    }
}

pub(crate) fn registrar_ns(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for r in x.of(Kind::Route53) {
        if r.text("registrar") == "third_party" && !r.flag("ns_delegated") {
            out.push(Finding::new(Error, "r53-registrar-ns").on(r).say(
                format!("{}'s domain is registered elsewhere and not delegated to Route 53.", name(r)),
                "Resolvers ask the registrar's NS records where the zone is; until they name Route 53's name servers, nothing in the zone resolves.",
                "Update the NS records at the third-party registrar to the zone's four Route 53 name servers, then turn on Delegated at the registrar.",
            ));
        }
    }
}

pub(crate) fn dnssec_ds(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for r in x.of(Kind::Route53) {
        let third = r.text("registrar") == "third_party";
        if r.flag("dnssec") && third && !r.flag("ds_at_registrar") {
            out.push(Finding::new(Warning, "r53-dnssec-ds").on(r).say(
                format!("{} is signed with DNSSEC, but its DS record is not at the registrar.", name(r)),
                "Without the DS record in the parent zone, resolvers cannot build the chain of trust to the zone's key, so the signatures protect nothing.",
                "Add the zone's DS record at the third-party registrar, then turn on DS record at the registrar.",
            ));
        }
    }
}
