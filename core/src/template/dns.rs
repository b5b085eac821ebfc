//! Route 53 designs across load balancers and regions.

use super::Template;
use super::build::{Builder, scenario};
use crate::catalog::Kind;
use crate::design::{GroupKind, ParamValue};

/// Route 53 weighted between a blue and a green stack.
pub(super) fn r53_blue_green() -> Template {
    let mut b = Builder::new("Route 53 weighted blue/green");
    b.frame(GroupKind::Region, "us-east-1", 320.0, 40.0, 500.0, 400.0);
    let users = b.node(Kind::Users, "Users", 80.0, 240.0);
    let dns = b.node(Kind::Route53, "app.example.com", 240.0, 240.0);
    let blue = b.node(Kind::Alb, "Blue ALB", 400.0, 140.0);
    let green = b.node(Kind::Alb, "Green ALB", 400.0, 340.0);
    let blue_asg = b.node(Kind::Asg, "Blue (v1)", 560.0, 140.0);
    let green_asg = b.node(Kind::Asg, "Green (v2)", 560.0, 340.0);
    let db = b.node(Kind::Rds, "Database", 720.0, 240.0);
    b.set(users, "rate", 200.0);
    b.set(dns, "policy", "weighted");
    b.set(dns, "record_type", "alias");
    b.set(db, "multi_az", true);
    for g in [blue_asg, green_asg] {
        b.set(g, "health_check", "elb");
    }
    b.link(users, dns);
    b.link_with(dns, blue, &[("weight", ParamValue::Number(9.0))]);
    b.link_with(dns, green, &[("weight", ParamValue::Number(1.0))]);
    b.link(blue, blue_asg);
    b.link(green, green_asg);
    b.link(blue_asg, db);
    b.link(green_asg, db);
    Template {
        id: "r53-blue-green",
        name: "Route 53 weighted across two ALBs (blue/green)",
        note: "Two complete stacks behind one name; weights 9 and 1 send about 10% of \
               resolutions to the new version. Because clients cache answers for the TTL \
               (60 s), a weight change takes a minute to show. Try: move the weights to 0 and \
               10, and watch traffic drain from blue.",
        design: b.finish(),
        scenario: scenario(900.0),
    }
}

/// Latency routing across two regions.
pub(super) fn r53_latency() -> Template {
    let mut b = Builder::new("Route 53 latency routing across two regions");
    b.frame(GroupKind::Region, "us-east-1", 320.0, 40.0, 340.0, 180.0);
    b.frame(GroupKind::Region, "eu-west-1", 320.0, 260.0, 340.0, 180.0);
    let us = b.node(Kind::Users, "Users (America)", 80.0, 140.0);
    let eu = b.node(Kind::Users, "Users (Europe)", 80.0, 340.0);
    let dns = b.node(Kind::Route53, "api.example.com", 240.0, 240.0);
    let alb_us = b.node(Kind::Alb, "ALB us-east-1", 400.0, 130.0);
    let alb_eu = b.node(Kind::Alb, "ALB eu-west-1", 400.0, 350.0);
    let asg_us = b.node(Kind::Asg, "Web us-east-1", 560.0, 130.0);
    let asg_eu = b.node(Kind::Asg, "Web eu-west-1", 560.0, 350.0);
    b.set(us, "rate", 150.0);
    b.set(eu, "rate", 100.0);
    b.set(eu, "origin", "europe");
    b.set(dns, "policy", "latency");
    b.set(dns, "record_type", "alias");
    for g in [asg_us, asg_eu] {
        b.set(g, "health_check", "elb");
    }
    b.link(us, dns);
    b.link(eu, dns);
    b.link(dns, alb_us);
    b.link(dns, alb_eu);
    b.link(alb_us, asg_us);
    b.link(alb_eu, asg_eu);
    Template {
        id: "r53-latency",
        name: "Route 53 latency routing across two regions",
        note: "Each user is answered with the region that has the lowest latency from where \
               they are, so Europe and America are served locally. With evaluate target \
               health on, a region whose load balancer has no healthy targets stops being \
               answered. Try: a region outage of us-east-1 — America's users move to \
               eu-west-1 once the record stops being answered and their cached answers \
               expire (TTL), while Europe keeps being served throughout.",
        design: b.finish(),
        scenario: scenario(900.0),
    }
}

/// RDS cross-region failover driven by an alarm, a function and DNS.
pub(super) fn rds_failover() -> Template {
    let mut b = Builder::new("RDS multi-region failover");
    // The region frames hold the database tier; the application servers on
    // the left stand for servers that keep running through the outage.
    b.frame(GroupKind::Region, "us-east-1", 640.0, 40.0, 180.0, 200.0);
    b.frame(GroupKind::Region, "us-west-2", 320.0, 280.0, 500.0, 180.0);
    let users = b.node(Kind::Users, "Users", 80.0, 140.0);
    let alb = b.node(Kind::Alb, "ALB", 240.0, 140.0);
    let asg = b.node(Kind::Asg, "App", 400.0, 140.0);
    let dns = b.node(Kind::Route53, "db.example.internal", 560.0, 140.0);
    let primary = b.node(Kind::Rds, "Primary DB", 720.0, 140.0);
    let replica = b.node(Kind::Rds, "Read replica", 720.0, 380.0);
    let alarm = b.node(Kind::CwAlarm, "DB down", 560.0, 380.0);
    let f = b.node(Kind::Lambda, "Promote", 400.0, 380.0);
    b.set(asg, "health_check", "elb");
    b.set(dns, "policy", "failover");
    b.set(primary, "multi_az", true);
    b.set(replica, "role", "replica");
    b.set(alarm, "metric", "errors_5xx");
    b.set(alarm, "threshold", 1.0);
    b.set(alarm, "action", "invoke");
    b.set(f, "timeout_s", 60.0);
    b.link(users, alb);
    b.link(alb, asg);
    b.link(asg, dns);
    b.link_with(dns, primary, &[("failover", "primary".into())]);
    b.link_with(dns, replica, &[("failover", "secondary".into())]);
    b.link(primary, replica);
    b.link(primary, alarm);
    b.link(alarm, f);
    b.link(f, dns);
    b.link(f, replica);
    Template {
        id: "rds-failover",
        name: "RDS multi-region failover",
        note: "The application reaches its database through a DNS name. The primary is \
               Multi-AZ, so a failed instance fails over to its standby in the same region \
               before the alarm notices. A read replica in us-west-2 copies the primary \
               asynchronously. When the alarm sees the primary fail for 3 minutes, a Lambda \
               function in us-west-2 promotes the replica and points the record at it. Total \
               outage = alarm time + promotion + TTL; writes not yet replicated are lost. The \
               application servers sit outside the region frames and keep running. Try: a \
               region outage of us-east-1 — Multi-AZ cannot survive it, the promotion can.",
        design: b.finish(),
        scenario: scenario(1800.0),
    }
}

/// An internal service name in a private hosted zone, resolved inside the VPC.
pub(super) fn r53_private_zone() -> Template {
    let mut b = Builder::new("Route 53 private hosted zone");
    b.frame(GroupKind::Region, "us-east-1", 160.0, 40.0, 680.0, 420.0);
    b.frame(GroupKind::Vpc, "Shop VPC", 180.0, 80.0, 640.0, 360.0);
    let users = b.node(Kind::Users, "Users", 80.0, 240.0);
    let alb = b.node(Kind::Alb, "Public ALB", 240.0, 240.0);
    let web = b.node(Kind::Asg, "Web", 400.0, 240.0);
    let dns = b.node(Kind::Route53, "orders.shop.internal", 560.0, 240.0);
    let orders_alb = b.node(Kind::Alb, "Orders ALB", 700.0, 160.0);
    let orders = b.node(Kind::Asg, "Orders", 760.0, 340.0);
    b.set(users, "rate", 100.0);
    b.set(web, "health_check", "elb");
    b.set(orders, "health_check", "elb");
    b.set(orders_alb, "internal", true);
    b.set(dns, "record_type", "alias");
    b.set(dns, "private_zone", true);
    b.set(dns, "vpc_dns_hostnames", true);
    b.link(users, alb);
    b.link(alb, web);
    b.link(web, dns);
    b.link(dns, orders_alb);
    b.link(orders_alb, orders);
    Template {
        id: "r53-private-zone",
        name: "Route 53 private hosted zone for an internal service",
        note: "The web tier calls the orders service by a name, orders.shop.internal, kept in \
               a private hosted zone associated with the VPC: only components inside the VPC \
               can resolve it, and the VPC must have enableDnsSupport and enableDnsHostnames \
               on. The record is an alias of the internal ALB, so it follows the balancer's \
               addresses and answers with its 60 s TTL. Try: link Users to the name, or turn \
               off enableDnsHostnames — validation refuses both, and the run with them.",
        design: b.finish(),
        scenario: scenario(600.0),
    }
}
