//! What a load balancer sends where, and what a group runs on: target groups
//! chosen by path on one ALB, a move from a Classic Load Balancer to an ALB
//! for SNI, and an Auto Scaling group mixing On-Demand and Spot with
//! lifecycle hooks, and an NLB whose static IP per AZ a partner allow-lists.

use super::Template;
use super::build::{Builder, scenario};
use crate::catalog::Kind;
use crate::design::{GroupKind, ParamValue};
use crate::scenario::{Event, TimedEvent};

/// Users → one ALB → three target groups chosen by path.
pub(super) fn alb_path_routing() -> Template {
    let mut b = Builder::new("Path-based target groups on one ALB");
    b.frame(GroupKind::Region, "us-east-1", 170.0, 60.0, 660.0, 420.0);
    let users = b.node(Kind::Users, "Users", 80.0, 270.0);
    let alb = b.node(Kind::Alb, "ALB", 280.0, 270.0);
    let api = b.node(Kind::Asg, "API", 520.0, 130.0);
    let img = b.node(Kind::Asg, "Images", 520.0, 270.0);
    let web = b.node(Kind::Asg, "Web pages", 520.0, 410.0);
    b.set(users, "rate", 300.0);
    for (g, ms) in [(api, 60.0), (img, 20.0), (web, 40.0)] {
        b.set(g, "service_ms", ms);
        b.set(g, "azs", 2.0);
        b.set(g, "health_check", "elb");
    }
    b.link(users, alb);
    let rule = |path: &str, pct: f64| {
        [
            ("path", ParamValue::Text(path.into())),
            ("path_pct", ParamValue::Number(pct)),
        ]
    };
    b.link_with(alb, api, &rule("/api/*", 40.0));
    b.link_with(alb, img, &rule("/img/*", 35.0));
    b.link(alb, web);
    b.text("/api/* · 40 %", 600.0, 96.0);
    b.text("/img/* · 35 %", 600.0, 236.0);
    b.text("default rule /* · the rest", 600.0, 376.0);
    let mut s = scenario(900.0);
    s.timeline.push(TimedEvent {
        at_s: 300.0,
        event: Event::DependencySlowdown {
            target: api,
            factor: 5.0,
            duration_s: Some(300.0),
        },
    });
    Template {
        id: "alb-path-routing",
        name: "Path-based target groups on one ALB",
        note: "One ALB, three listener rules: /api/* goes to the API group, /img/* to the image \
               group and everything else to the web pages, each group sized and scaled for its \
               own work. At 5:00 a slow API release makes the API five times slower for five \
               minutes: its latency climbs and it scales out, while images and pages answer as \
               fast as before, because no path shares a target group. Try: send every path to \
               one group (remove the rules) and run it again.",
        design: b.finish(),
        scenario: s,
    }
}

/// Moving from a Classic Load Balancer to an ALB for SNI: both front the
/// same group while Route 53's weights move the users across.
pub(super) fn clb_to_alb() -> Template {
    let mut b = Builder::new("From a CLB to an ALB for SNI");
    b.frame(GroupKind::Region, "us-east-1", 320.0, 60.0, 420.0, 380.0);
    let users = b.node(Kind::Users, "Users", 80.0, 250.0);
    let dns = b.node(Kind::Route53, "shop.example.com", 240.0, 250.0);
    let clb = b.node(Kind::Clb, "Old CLB", 420.0, 140.0);
    let alb = b.node(Kind::Alb, "New ALB", 420.0, 360.0);
    let web = b.node(Kind::Asg, "Web tier", 620.0, 250.0);
    b.set(users, "rate", 150.0);
    b.set(dns, "policy", "weighted");
    b.set(dns, "record_type", "alias");
    b.set(clb, "cross_zone", true);
    b.set(web, "azs", 2.0);
    b.set(web, "health_check", "elb");
    b.link(users, dns);
    let old = b.link_with(dns, clb, &[("weight", ParamValue::Number(1.0))]);
    let new = b.link_with(dns, alb, &[("weight", ParamValue::Number(0.0))]);
    b.link(clb, web);
    b.link(alb, web);
    b.sticky("Next: more domains, SNI", 330.0, 460.0);
    let mut s = scenario(900.0);
    for (at_s, link, weight) in [(300.0, new, 1.0), (300.0, old, 0.0)] {
        s.timeline.push(TimedEvent {
            at_s,
            event: Event::WeightChange { link, weight },
        });
    }
    Template {
        id: "clb-to-alb",
        name: "From a CLB to an ALB for SNI",
        note: "A Classic Load Balancer's listener holds one certificate and has no SNI, so it \
               serves one domain over HTTPS; an ALB holds several and picks each domain's \
               certificate by SNI. Both front the same group during the move, and at 5:00 \
               Route 53's weights send every new lookup to the ALB: clients follow as their \
               cached answer expires (60 s TTL) and the CLB drains. Try: give the CLB a second \
               certificate — validation refuses it.",
        design: b.finish(),
        scenario: s,
    }
}

/// An Auto Scaling group of On-Demand and Spot instances with lifecycle
/// hooks, through a reclaim of its Spot capacity.
pub(super) fn asg_spot_hooks() -> Template {
    let mut b = Builder::new("Spot and On-Demand group with lifecycle hooks");
    b.frame(GroupKind::Region, "us-east-1", 170.0, 100.0, 460.0, 300.0);
    let users = b.node(Kind::Users, "Users", 80.0, 250.0);
    let alb = b.node(Kind::Alb, "ALB", 280.0, 250.0);
    let group = b.node(Kind::Asg, "Workers", 460.0, 250.0);
    let table = b.node(Kind::DynamoDb, "State", 600.0, 250.0);
    b.set(users, "rate", 200.0);
    b.set(group, "azs", 2.0);
    b.set(group, "min", 4.0);
    b.set(group, "desired", 4.0);
    b.set(group, "max", 8.0);
    b.set(group, "on_demand_base", 2.0);
    b.set(group, "spot_pct", 100.0);
    b.set(group, "launch_hook_s", 60.0);
    b.set(group, "terminate_hook_s", 30.0);
    b.set(group, "health_check", "elb");
    b.link(users, alb);
    b.link(alb, group);
    b.link(group, table);
    b.text("On-Demand base 2 · Spot", 330.0, 130.0);
    let mut s = scenario(1200.0);
    s.timeline.push(TimedEvent {
        at_s: 300.0,
        event: Event::SpotInterruption {
            target: Some(group),
            share: 1.0,
        },
    });
    Template {
        id: "asg-spot-hooks",
        name: "Spot and On-Demand group with lifecycle hooks",
        note: "Two On-Demand instances always run; everything above that base is Spot, billed \
               per second at the market price. A launch hook holds each new instance in \
               Pending:Wait for 60 s (install, warm a cache) before it takes traffic; a \
               terminate hook gives a leaving one 30 s (ship logs). At 5:00 AWS reclaims every \
               Spot instance with the two-minute notice: the On-Demand base keeps serving while \
               replacements launch and wait out their hook. Try: turn on Capacity Rebalancing, \
               or set the launch hook to 0 and watch the replacements serve a minute sooner.",
        design: b.finish(),
        scenario: s,
    }
}

/// A new AMI rolled out through an Auto Scaling group by instance refresh.
pub(super) fn asg_ami_rollout() -> Template {
    let mut b = Builder::new("AMI rollout by instance refresh");
    b.frame(GroupKind::Region, "us-east-1", 170.0, 100.0, 460.0, 300.0);
    let users = b.node(Kind::Users, "Users", 80.0, 250.0);
    let alb = b.node(Kind::Alb, "ALB", 280.0, 250.0);
    let web = b.node(Kind::Asg, "Web tier (new AMI)", 480.0, 250.0);
    b.set(users, "rate", 300.0);
    b.set(web, "azs", 2.0);
    b.set(web, "min", 10.0);
    b.set(web, "desired", 10.0);
    b.set(web, "max", 12.0);
    b.set(web, "warmup_s", 60.0);
    b.set(web, "health_check", "elb");
    b.link(users, alb);
    b.link(alb, web);
    b.text("Launch template: new AMI", 400.0, 130.0);
    let mut s = scenario(1800.0);
    s.timeline.push(TimedEvent {
        at_s: 120.0,
        event: Event::InstanceRefresh {
            target: web,
            min_healthy: 0.9,
            warmup_s: None,
        },
    });
    Template {
        id: "asg-ami-rollout",
        name: "AMI rollout by instance refresh",
        note: "Changing the launch template alone replaces nothing: running instances keep the \
               old AMI. An instance refresh at 2:00 rolls the new one out with the AWS default \
               minimum healthy of 90 %: one instance of ten at a time, each batch after the one \
               before has booted and warmed up (60 s), so nine always serve and the rollout \
               takes about 20 minutes. Try: a minimum healthy of 50 % (five at a time: faster, \
               but half the capacity away) or 0 % (all at once: an outage).",
        design: b.finish(),
        scenario: s,
    }
}

/// A partner on premises allow-listing two addresses → an NLB with an
/// Elastic IP in each of two AZs → an Auto Scaling group; one AZ fails.
pub(super) fn nlb_static_ip() -> Template {
    let mut b = Builder::new("NLB with a static IP per AZ");
    b.frame(GroupKind::Region, "us-east-1", 200.0, 60.0, 460.0, 420.0);
    for (az, y) in [("us-east-1a", 96.0), ("us-east-1b", 354.0)] {
        b.frame(GroupKind::AvailabilityZone, az, 220.0, y, 420.0, 110.0);
    }
    let partner = b.node(Kind::Users, "Partner (on premises)", 90.0, 262.0);
    let nlb = b.node(Kind::Nlb, "NLB", 320.0, 262.0);
    let web = b.node(Kind::Asg, "Order intake", 520.0, 262.0);
    b.set(partner, "rate", 200.0);
    b.set(partner, "allow_list", true);
    b.set(nlb, "ip_address", "elastic_ip");
    for (k, v) in [("min", 4.0), ("desired", 4.0), ("max", 8.0), ("azs", 2.0)] {
        b.set(web, k, v);
    }
    b.set(web, "health_check", "elb");
    b.link(partner, nlb);
    b.link(nlb, web);
    b.text("EIP 1 · two instances", 330.0, 140.0);
    b.text("EIP 2 · two instances", 330.0, 398.0);
    b.sticky("Firewall allows 2 IPs", 20.0, 330.0);
    let mut s = scenario(900.0);
    s.timeline.push(TimedEvent {
        at_s: 300.0,
        event: Event::AzOutage {
            az: "us-east-1a".into(),
            duration_s: None,
        },
    });
    Template {
        id: "nlb-static-ip",
        name: "NLB with a static IP per AZ (allow-listed)",
        note: NLB_STATIC_IP_NOTE,
        design: b.finish(),
        scenario: s,
    }
}

/// The teaching note of [`nlb_static_ip`]; its figures are checked against
/// the simulation in `core/tests/suite/template_lessons.rs`.
const NLB_STATIC_IP_NOTE: &str = "A partner's firewall lets its servers reach two addresses only. An NLB has one \
     static IP per Availability Zone that never changes while it lives, so those two can be \
     allow-listed; here they are your own Elastic IPs, kept if the load balancer is \
     re-created, at $0.005/h each ($0.01/h for two). An ALB's addresses change as it scales. \
     At 5:00 us-east-1a fails: the requests sent to its instances in the first 10 s are lost \
     (about 1,000), then the NLB answers everything from us-east-1b's address and \
     instances, and the group has its four instances there 70 s after the outage. Cross-zone \
     is off, the NLB default, so each address serves its own zone's instances: keep the \
     zones even (the warning says why). Try: put an ALB in the NLB's place and read the \
     warning; set the IP address back to static and compare the cost.";
