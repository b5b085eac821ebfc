//! Load-balanced fleets: EC2, Auto Scaling, ECS.

use super::Template;
use super::build::{Builder, scenario};
use crate::catalog::Kind;
use crate::design::GroupKind;

/// Users → ALB → Auto Scaling group across two AZs → RDS: the default design.
pub(super) fn alb_asg() -> Template {
    let mut b = Builder::new("ALB + Auto Scaling group across two AZs");
    // The AZs are rows; the load balancer, the group and the database sit in
    // the band between them because each spans both AZs.
    b.frame(GroupKind::Region, "us-east-1", 180.0, 60.0, 640.0, 420.0);
    b.frame(
        GroupKind::AvailabilityZone,
        "us-east-1a",
        200.0,
        96.0,
        600.0,
        110.0,
    );
    b.frame(
        GroupKind::AvailabilityZone,
        "us-east-1b",
        200.0,
        354.0,
        600.0,
        110.0,
    );
    let users = b.node(Kind::Users, "Users", 90.0, 262.0);
    let alb = b.node(Kind::Alb, "ALB", 300.0, 262.0);
    let asg = b.node(Kind::Asg, "Web tier", 480.0, 262.0);
    let db = b.node(Kind::Rds, "Database", 660.0, 262.0);
    b.set(users, "rate", 200.0);
    b.set(asg, "instance_type", "m5.large");
    b.set(asg, "azs", 2.0);
    b.set(asg, "health_check", "elb");
    b.set(db, "multi_az", true);
    b.link(users, alb);
    b.link(alb, asg);
    b.link(asg, db);
    b.text("Web instances · DB primary", 400.0, 140.0);
    b.text("Web instances · DB standby", 400.0, 398.0);
    b.text("Scales 2–6 on 50% CPU", 400.0, 496.0);
    Template {
        id: "alb-asg",
        name: "ALB + Auto Scaling group across AZs",
        note: "The classic web tier. The ALB spreads requests over instances in two Availability \
               Zones; the Auto Scaling group keeps between 2 and 6 m5.large instances and tracks \
               50% CPU. Its health check type is ELB, so an instance the ALB marks unhealthy \
               (2 failed checks × 30 s) is replaced. Try: fail an AZ and watch the group \
               relaunch in the other one; raise the traffic and watch it scale out after the \
               3-minute alarm.",
        design: b.finish(),
        scenario: scenario(900.0),
    }
}

/// One EC2 instance with an Elastic IP: the smallest thing that serves.
pub(super) fn ec2_eip() -> Template {
    let mut b = Builder::new("EC2 with an Elastic IP");
    b.frame(GroupKind::Region, "us-east-1", 160.0, 100.0, 200.0, 240.0);
    b.frame(
        GroupKind::AvailabilityZone,
        "us-east-1a",
        180.0,
        140.0,
        160.0,
        180.0,
    );
    let users = b.node(Kind::Users, "Users", 80.0, 240.0);
    let web = b.node(Kind::Ec2, "Web server", 260.0, 240.0);
    b.set(users, "rate", 50.0);
    b.set(web, "elastic_ip", true);
    b.link(users, web);
    b.sticky("One instance, one AZ: no failover.", 180.0, 360.0);
    Template {
        id: "ec2-eip",
        name: "EC2 with an Elastic IP",
        note: "One instance behind a static public address. The Elastic IP survives a stop and \
               start and can be moved to a replacement, but nothing moves it for you: if the \
               instance or its AZ fails, users see errors until someone acts. Try: fail the \
               instance, then compare with the ALB + Auto Scaling template.",
        design: b.finish(),
        scenario: scenario(600.0),
    }
}

/// One instance behind a Route 53 name.
pub(super) fn ec2_route53() -> Template {
    let mut b = Builder::new("EC2 behind Route 53");
    b.frame(GroupKind::Region, "us-east-1", 320.0, 100.0, 200.0, 240.0);
    b.frame(
        GroupKind::AvailabilityZone,
        "us-east-1a",
        340.0,
        140.0,
        160.0,
        180.0,
    );
    let users = b.node(Kind::Users, "Users", 80.0, 240.0);
    let dns = b.node(Kind::Route53, "www.example.com", 240.0, 240.0);
    let web = b.node(Kind::Ec2, "Web server", 420.0, 240.0);
    b.set(users, "rate", 50.0);
    b.set(dns, "ttl_s", 300.0);
    b.set(web, "elastic_ip", true);
    b.link(users, dns);
    b.link(dns, web);
    Template {
        id: "ec2-route53",
        name: "EC2 behind Route 53",
        note: "A DNS name in front of one instance. Clients cache the answer for the TTL (300 s \
               here), so even when you point the record at a new instance, they keep calling \
               the old address for up to five minutes. Try: fail the instance and see how long \
               errors last; lower the TTL to 60 s and compare.",
        design: b.finish(),
        scenario: scenario(600.0),
    }
}

/// ALB → ECS service on an EC2 cluster with dynamic port mapping.
pub(super) fn alb_ecs_ec2() -> Template {
    let mut b = Builder::new("ALB + ECS on EC2");
    b.frame(GroupKind::Region, "us-east-1", 160.0, 60.0, 660.0, 380.0);
    let users = b.node(Kind::Users, "Users", 80.0, 240.0);
    let alb = b.node(Kind::Alb, "ALB", 240.0, 240.0);
    let svc = b.node(Kind::EcsService, "Orders service", 400.0, 240.0);
    let cluster = b.node(Kind::EcsCluster, "ECS cluster", 400.0, 380.0);
    let role = b.node(Kind::IamRole, "Task role", 560.0, 120.0);
    let db = b.node(Kind::Rds, "Orders DB", 720.0, 240.0);
    b.set(users, "rate", 300.0);
    b.set(svc, "desired", 4.0);
    b.set(svc, "autoscaling", true);
    b.set(cluster, "instances", 3.0);
    b.set(db, "multi_az", true);
    b.link(users, alb);
    b.link_with(alb, svc, &[("path", "/orders/*".into())]);
    b.link(svc, cluster);
    b.link(svc, role);
    b.link(svc, db);
    Template {
        id: "alb-ecs-ec2",
        name: "ALB + ECS on EC2 (dynamic port mapping)",
        note: "Four tasks packed onto three instances. In bridge mode with host port 0 each task \
               gets a random host port and registers itself in the ALB target group, so several \
               copies of the same container fit on one instance. Try: switch the network mode \
               to host and read the warning — only one task per port per instance fits.",
        design: b.finish(),
        scenario: scenario(600.0),
    }
}

/// ALB → Fargate service.
pub(super) fn alb_fargate() -> Template {
    let mut b = Builder::new("ALB + ECS on Fargate");
    b.frame(GroupKind::Region, "us-east-1", 160.0, 60.0, 500.0, 360.0);
    let users = b.node(Kind::Users, "Users", 80.0, 240.0);
    let alb = b.node(Kind::Alb, "ALB", 240.0, 240.0);
    let svc = b.node(Kind::Fargate, "API tasks", 400.0, 240.0);
    let role = b.node(Kind::IamRole, "Task role", 400.0, 360.0);
    let table = b.node(Kind::DynamoDb, "Sessions", 560.0, 240.0);
    b.set(users, "rate", 200.0);
    b.set(svc, "autoscaling", true);
    b.set(svc, "desired", 3.0);
    b.link(users, alb);
    b.link(alb, svc);
    b.link(svc, role);
    b.link(svc, table);
    Template {
        id: "alb-fargate",
        name: "ALB + ECS on Fargate",
        note: "No instances to manage: each task gets its own network interface (awsvpc) and is \
               registered by IP. The course notes call Fargate quick to scale, and here it is \
               a little quicker: a new task serves 40 s after the scale-out decision (image pull \
               and start 35 s, its network interface 5 s) where a new EC2 instance needs 60 s. \
               In the 4× spike of `skydraft compare alb-fargate alb-asg alb-ecs-ec2`, more \
               capacity serves 220 s after the spike starts here, 240 s for the Auto Scaling \
               group and 190 s for ECS on EC2 with room on its instances: most of that wait is \
               the scaling alarm's three minutes. Try: a traffic spike, and watch tasks start.",
        design: b.finish(),
        scenario: scenario(900.0),
    }
}
