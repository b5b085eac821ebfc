//! Request routing: a call's probability and count, a compute tier that
//! routes to one downstream by weight, and an ALB's path rules.

use crate::catalog::{Kind, LinkMeaning, Role};
use crate::design::{Component, Link};
use crate::validate::Diagnostic;
use crate::validate::Severity::{Error, Warning};
use crate::validate::ctx::{Ctx, Finding, name};

/// The links a component makes calls or hand-offs through.
fn calls<'a>(x: &Ctx<'a>, c: &Component) -> Vec<(&'a Link, &'a Component)> {
    x.out(c)
        .into_iter()
        .filter(|(l, _)| {
            matches!(
                x.meaning(l),
                Some(LinkMeaning::SyncCall | LinkMeaning::AsyncHandOff)
            )
        })
        .collect()
}

pub(crate) fn call_probability(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for l in &x.d.links {
        let p = Ctx::link_num(l, "probability");
        if !(0.0..=1.0).contains(&p) {
            let Some(c) = x.get(l.from) else { continue };
            let from = name(c);
            out.push(Finding::new(Error, "call-probability").on(c).link(l).say(
                format!("The call from {from} has a probability of {p}."),
                "A probability is a share of requests between 0 and 1; the simulator refuses anything else.",
                "Set it between 0 (never) and 1 (every request), e.g. 0.2 for a cache that answers 80 % of reads.",
            ));
        }
    }
}

pub(crate) fn call_count(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for l in &x.d.links {
        let n = Ctx::link_num(l, "count");
        if !(1.0..=10.0).contains(&n) || n.fract() != 0.0 {
            let Some(c) = x.get(l.from) else { continue };
            let from = name(c);
            out.push(Finding::new(Error, "call-count").on(c).link(l).say(
                format!("The call from {from} is made {n} times per request."),
                "Calls per request are a whole number from 1 to 10; the simulator refuses anything else.",
                "Set a whole number from 1 to 10; to make the call for only some requests, lower its probability instead.",
            ));
        }
    }
}

pub(crate) fn weights_zero(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for c in x.of_role(Role::Compute) {
        if !c.has_param("routing") || c.text("routing") != "weight" {
            continue;
        }
        let calls = calls(x, c);
        if !calls.is_empty() && calls.iter().all(|(l, _)| Ctx::link_num(l, "weight") <= 0.0) {
            let mut f = Finding::new(Error, "route-weights-zero").on(c);
            for (l, _) in &calls {
                f = f.link(l);
            }
            out.push(f.say(
                format!("{} routes to one downstream by weight, but every link's weight is 0.", name(c)),
                "No call can be drawn, so the simulator refuses the design.",
                "Give at least one link a weight above 0 (shares are weight ÷ sum of weights), or set the tier to call each downstream.",
            ));
        }
    }
}

pub(crate) fn mode_fits(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for c in &x.d.components {
        // Read as stored: a kind without the setting has no default for it.
        let stored = c.params.get("routing").and_then(|v| v.as_text());
        if stored != Some("weight") {
            continue;
        }
        if !c.has_param("routing") {
            out.push(Finding::new(Warning, "route-mode").on(c).say(
                format!("{} is set to route by weight, which its kind does not do.", name(c)),
                "Only compute tiers (EC2, Auto Scaling, ECS, Fargate, Spot Fleet) pick one downstream by weight; the setting is ignored.",
                "Remove the setting, or put a compute tier in front that routes by weight.",
            ));
        } else if calls(x, c).len() < 2 {
            out.push(Finding::new(Warning, "route-mode").on(c).say(
                format!(
                    "{} routes to one downstream by weight but has fewer than two calls.",
                    name(c)
                ),
                "There is nothing to choose between: every request makes the one call (or none).",
                "Link it to the services it chooses between, or set it to call each downstream.",
            ));
        }
    }
}

/// Path shares (0–100) of the ALB's target-group links, with the links.
fn path_links<'a>(x: &Ctx<'a>, c: &Component) -> Vec<(&'a Link, f64)> {
    x.out(c)
        .into_iter()
        .filter(|(l, _)| x.meaning(l) == Some(LinkMeaning::TargetGroup))
        .map(|(l, _)| (l, Ctx::link_num(l, "path_pct")))
        .collect()
}

pub(crate) fn path_shares(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for c in x.of(Kind::Alb) {
        let links = path_links(x, c);
        let total: f64 = links.iter().map(|(_, s)| s.max(0.0)).sum();
        if total > 100.0 + 1e-9 {
            let mut f = Finding::new(Error, "alb-path-shares").on(c);
            for (l, s) in &links {
                if *s > 0.0 {
                    f = f.link(l);
                }
            }
            out.push(f.say(
                format!("The path rules of {} match {total} % of requests.", name(c)),
                "A request has one path and matches one rule, so the shares cannot add up to more than 100 %; the simulator cannot split the traffic.",
                "Lower the shares so they total at most 100 %; the default rule (share 0) takes the rest.",
            ));
        }
    }
}

pub(crate) fn path_unmatched(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for c in x.of(Kind::Alb) {
        let links = path_links(x, c);
        let total: f64 = links.iter().map(|(_, s)| s.max(0.0)).sum();
        let has_default = links.iter().any(|(_, s)| *s <= 0.0);
        if total > 0.0 && total < 100.0 && !has_default {
            out.push(Finding::new(Warning, "alb-path-unmatched").on(c).say(
                format!(
                    "The path rules of {} match {total} % of requests and it has no default target group.",
                    name(c)
                ),
                format!(
                    "The other {} % match no rule and get the listener's default answer, a 404 [P-VANTAGE-ELB].",
                    100.0 - total
                ),
                "Add a target group with share 0 (the default rule, /*), or raise the shares to 100 %.",
            ));
        }
    }
    for c in x.of_any(&[Kind::Nlb, Kind::Clb]) {
        for (l, s) in path_links(x, c) {
            if s > 0.0 {
                out.push(Finding::new(Warning, "alb-path-unmatched").on(c).link(l).say(
                    format!("{} has a path share on a target group.", name(c)),
                    "Only an Application Load Balancer routes by path; this share is ignored.",
                    "Use an ALB for path-based routing, or set the share to 0.",
                ));
            }
        }
    }
}

pub(crate) fn settings_ignored(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for c in x.of_role(Role::Messaging) {
        for (l, _) in calls(x, c) {
            let p = Ctx::link_num(l, "probability");
            let n = Ctx::link_num(l, "count");
            if p != 1.0 || n != 1.0 {
                out.push(Finding::new(Warning, "call-settings-ignored").on(c).link(l).say(
                    format!("A delivery from {} has a probability or a count.", name(c)),
                    "A queue, topic, stream or bus delivers every message to its subscribers and consumers by its own rules; these settings are ignored.",
                    "Set them on the calls of the service that sends the messages, or filter in the consumer.",
                ));
            }
        }
    }
}
