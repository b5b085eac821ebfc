//! Load balancers.

use crate::catalog::{self, Kind, LinkMeaning, Role};
use crate::validate::Diagnostic;
use crate::validate::Severity::{Error, Warning};
use crate::validate::ctx::{Ctx, Finding, name};

pub(crate) fn no_targets(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for lb in x.of_role(Role::LoadBalancer) {
        let has = x
            .out(lb)
            .iter()
            .any(|(l, _)| x.meaning(l) == Some(LinkMeaning::TargetGroup));
        if !has {
            out.push(Finding::new(Error, "lb-no-targets").on(lb).say(
                format!("{} has no targets.", name(lb)),
                "Every request it receives would fail with 503.",
                "Connect it to instances, an Auto Scaling group, containers or a Lambda function.",
            ));
        }
    }
}

pub(crate) fn hc_timeout(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for lb in x.of_role(Role::LoadBalancer) {
        let interval = lb.number("hc_interval_s");
        let timeout = lb.number("hc_timeout_s");
        if timeout >= interval {
            out.push(Finding::new(Error, "lb-hc-timeout").on(lb).say(
                format!(
                    "{} waits {timeout} s for a health check it repeats every {interval} s.",
                    name(lb)
                ),
                "A check would still be running when the next starts; AWS rejects this setting [ALB-HC].",
                "Make the timeout shorter than the interval (defaults: 5 s and 30 s).",
            ));
        }
    }
}

pub(crate) fn clb_certificates(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for lb in x.of(Kind::Clb) {
        let n = lb.number("certificates");
        if n > 1.0 {
            out.push(Finding::new(Error, "clb-one-certificate").on(lb).say(
                format!("{} is given {n} certificates.", name(lb)),
                "A CLB listener holds one certificate and has no SNI, so only one domain would get a valid certificate.",
                "Use an ALB (or NLB), which selects among several certificates with SNI.",
            ));
        }
    }
}

pub(crate) fn sticky_uneven(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for lb in x.of_role(Role::LoadBalancer) {
        if lb.flag("stickiness") {
            out.push(Finding::new(Warning, "sticky-uneven").on(lb).say(
                format!("{} has sticky sessions on.", name(lb)),
                "Each client stays on one target for the cookie's life (86,400 s by default), so new instances get little load and a busy one stays busy [ALB-STICKY].",
                "Keep session state in ElastiCache or DynamoDB and turn stickiness off, or shorten its duration.",
            ));
        }
    }
}

pub(crate) fn slow_start(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for lb in x.of(Kind::Alb) {
        let s = lb.number("slow_start_s");
        if s > 0.0 && s < 30.0 {
            out.push(Finding::new(Error, "alb-slow-start").on(lb).say(
                format!("{} has a slow start of {s} s.", name(lb)),
                "ALB accepts 0 (off) or 30–900 s [ALB-TG].",
                "Set slow start to 0 or at least 30 s.",
            ));
        } else if s > 0.0 && lb.text("algorithm") == "least_outstanding" {
            out.push(Finding::new(Error, "alb-slow-start").on(lb).say(
                format!(
                    "{} combines slow start with least outstanding requests.",
                    name(lb)
                ),
                "ALB does not support slow start with that algorithm [ALB-TG].",
                "Use round robin, or turn slow start off.",
            ));
        }
    }
}

pub(crate) fn cross_zone_off(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for lb in x.of_role(Role::LoadBalancer) {
        // Groups and services spread over zones; a lone instance sits in one.
        let zonal = x.out(lb).into_iter().any(|(l, t)| {
            t.role() == Some(Role::Compute)
                && !t.is(Kind::Ec2)
                && !catalog::target_group_cross_zone(lb, l)
        });
        if zonal {
            out.push(Finding::new(Warning, "nlb-cross-zone-off").on(lb).say(
                format!("{} has cross-zone load balancing off.", name(lb)),
                "Each AZ's node only sends to targets in its AZ, so an AZ with fewer targets overloads them [NLB-XZ], [CLB-XZ]; an ALB does this only for a target group whose own setting turns it off [ALB-XZ].",
                "Turn cross-zone on (NLB: inter-AZ data charges apply), or keep AZs evenly sized.",
            ));
        }
    }
}

pub(crate) fn public_ip_target(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for lb in x.of_role(Role::LoadBalancer) {
        for (l, t) in x.out(lb) {
            let public = t.is(Kind::HttpBackend) && t.flag("public");
            if public && x.meaning(l) == Some(LinkMeaning::TargetGroup) {
                out.push(Finding::new(Error, "lb-public-ip-target").on(lb).on(t).link(l).say(
                    format!(
                        "{} registers {}, a public address on the internet, as an IP target.",
                        name(lb),
                        name(t)
                    ),
                    "IP targets must be private addresses: in the load balancer's VPC, a peered VPC, or a network reached over VPN or Direct Connect; AWS refuses publicly routable addresses [ALB-TG].",
                    "Reach the public service from your application tier instead, or, if the server is yours and reachable privately, turn its \"Reachable from the internet\" off or use an on-premises IP target.",
                ));
            }
        }
    }
}

/// The load balancers without fixed addresses (ALB, CLB) that `users`
/// reach directly or through a Route 53 record.
fn changing_ips<'a>(
    x: &Ctx<'a>,
    users: &crate::design::Component,
) -> Vec<&'a crate::design::Component> {
    let mut found = Vec::new();
    for (_, t) in x.out(users) {
        if t.is(Kind::Route53) {
            found.extend(x.out(t).into_iter().map(|(_, r)| r));
        } else {
            found.push(t);
        }
    }
    found.retain(|t| t.is(Kind::Alb) || t.is(Kind::Clb));
    found
}

pub(crate) fn allow_list_changing_ips(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for u in x.of(Kind::Users).filter(|u| u.flag("allow_list")) {
        for lb in changing_ips(x, u) {
            out.push(Finding::new(Warning, "allow-list-changing-ips").on(u).on(lb).say(
                format!(
                    "{} allow-list IP addresses but reach {}, whose addresses are not fixed.",
                    name(u),
                    name(lb)
                ),
                "An ALB's or CLB's IP addresses change as it scales or replaces its nodes (assumption: not in the reference notes); the firewall then blocks the new ones, and requests fail until someone updates the list.",
                "Send these clients to an NLB in front of the instances or containers: it keeps one static IP per AZ for its life, or your own Elastic IPs [NLB-TG]. (AWS also lets an ALB be an NLB's target; Skydraft does not simulate that.)",
            ));
        }
    }
}

pub(crate) fn nlb_alb_target_tcp(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for lb in x.of(Kind::Nlb) {
        let listener = lb.text("listener");
        if listener == "tcp" {
            continue;
        }
        for (l, t) in x.out(lb).into_iter().filter(|(_, t)| t.is(Kind::Alb)) {
            out.push(Finding::new(Error, "nlb-alb-target-tcp").on(lb).on(t).link(l).say(
                format!(
                    "{} has a {} listener and {} as a target.",
                    name(lb),
                    listener.to_uppercase(),
                    name(t)
                ),
                "An ALB registered as an NLB's target takes TCP only (assumption: not in the reference notes); AWS refuses the listener.",
                "Use a TCP listener (the ALB then ends TLS itself), or register instances or containers directly.",
            ));
        }
    }
}

pub(crate) fn nlb_eip_internal(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for lb in x.of(Kind::Nlb) {
        if lb.text("ip_address") == "elastic_ip" && lb.flag("internal") {
            out.push(Finding::new(Error, "nlb-eip-internal").on(lb).say(
                format!("{} is internal and has Elastic IPs.", name(lb)),
                "Elastic IPs are public addresses for an internet-facing NLB; an internal NLB gets a private address in each AZ instead, also fixed for its life [NLB-TG].",
                "Keep the static addresses (\"static\"), or make the load balancer internet-facing.",
            ));
        }
    }
}

pub(crate) fn nlb_privatelink_udp(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for lb in x.of(Kind::Nlb) {
        if lb.flag("privatelink") && lb.text("listener") == "udp" {
            out.push(Finding::new(Error, "nlb-privatelink-udp").on(lb).say(
                format!("{} offers a UDP listener through PrivateLink.", name(lb)),
                "Interface endpoints carry TCP only (assumption: not in the reference notes), so consumers in other VPCs could not reach it.",
                "Use a TCP or TLS listener for the endpoint service, or reach the UDP service over VPC peering or a VPN.",
            ));
        }
    }
}
