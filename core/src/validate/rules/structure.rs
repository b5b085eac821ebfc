//! Links and reachability.

use crate::catalog::{self, Kind, LinkMeaning, Role};
use crate::validate::Diagnostic;
use crate::validate::Severity::{Error, Warning};
use crate::validate::ctx::{Ctx, Finding, name};

pub(crate) fn illegal_link(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for l in &x.d.links {
        let (Some(f), Some(t)) = (x.get(l.from), x.get(l.to)) else {
            continue;
        };
        if let Err(refusal) = catalog::check_link(&f.kind, &t.kind) {
            out.push(Finding::new(Error, "illegal-link").on(f).on(t).link(l).say(
                format!(
                    "{} cannot link to {}: {}.",
                    name(f),
                    name(t),
                    refusal.reason
                ),
                "The simulator cannot tell what this link would do, so it refuses to run.",
                "Delete the link, or connect through a component that accepts it.",
            ));
        }
    }
}

/// Whether a component needs no incoming traffic to make sense: sources,
/// alarms, passive parts, and an EventBridge bus (its schedules start events).
fn needs_no_traffic(c: &crate::design::Component) -> bool {
    c.role()
        .is_some_and(|r| matches!(r, Role::Source | Role::Alarm | Role::Passive))
        || c.is(Kind::EventBridge)
}

pub(crate) fn no_users(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    if !x.d.components.is_empty()
        && !x
            .d
            .components
            .iter()
            .any(|c| c.role() == Some(Role::Source))
    {
        out.push(Finding::new(Warning, "no-users").say(
            "The design has no Users component.",
            "Without a traffic source a run shows idle components and costs only.",
            "Add Users from the palette and connect them to the front door.",
        ));
    }
}

pub(crate) fn unreached(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for c in &x.d.components {
        if needs_no_traffic(c) {
            continue;
        }
        let fed = x.inc(c).iter().any(|(l, s)| {
            x.meaning(l)
                .is_some_and(|m| m != LinkMeaning::Control || s.is(Kind::CwAlarm))
        });
        let polls = x
            .out(c)
            .iter()
            .any(|(l, _)| x.meaning(l) == Some(LinkMeaning::EventSource));
        if !fed && !polls {
            out.push(Finding::new(Warning, "unreached").on(c).say(
                format!("{} receives no traffic: nothing links to it.", name(c)),
                "It will sit idle in a run and still cost money.",
                "Connect a caller to it, or delete it.",
            ));
        }
    }
}

pub(crate) fn single_instance(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for u in x.of(Kind::Users) {
        for (l, t) in x.out(u) {
            if t.is(Kind::Ec2) {
                out.push(Finding::new(Warning, "single-instance").on(u).on(t).link(l).say(
                    format!("{} call the single instance {} directly.", name(u), name(t)),
                    "If the instance or its AZ fails, every request fails until someone replaces it.",
                    "Put an Auto Scaling group behind a load balancer across two AZs.",
                ));
            }
        }
    }
}

pub(crate) fn internal_from_internet(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for u in x.of(Kind::Users) {
        for (l, t) in x.out(u) {
            let private = match t.kind_of() {
                Some(Kind::Alb | Kind::Nlb) => t.flag("internal"),
                Some(Kind::ApiGateway) => t.text("endpoint") == "private",
                _ => false,
            };
            if private {
                out.push(Finding::new(Error, "internal-from-internet").on(u).on(t).link(l).say(
                    format!("{} call {}, which has no public address.", name(u), name(t)),
                    "Internal load balancers and private APIs are reachable only from inside a VPC; every request from the internet would fail.",
                    "Make it internet-facing (or a regional API), or put a public entry point in front.",
                ));
            }
        }
    }
}
