//! Auto Scaling groups and ECS.

use crate::catalog::{Kind, LinkMeaning};
use crate::sim::rollout;
use crate::validate::Diagnostic;
use crate::validate::Severity::{Error, Warning};
use crate::validate::ctx::{Ctx, Finding, name};

pub(crate) fn min_max(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for c in x.of_any(&[Kind::Asg, Kind::EcsService, Kind::Fargate]) {
        let (min, max) = (c.number("min"), c.number("max"));
        if min > max {
            out.push(Finding::new(Error, "asg-min-max").on(c).say(
                format!("{} has minimum {min} above maximum {max}.", name(c)),
                "No capacity satisfies both bounds; AWS rejects the group [AS-TT].",
                "Lower the minimum or raise the maximum.",
            ));
        }
    }
}

pub(crate) fn desired_range(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for c in x.of(Kind::Asg) {
        let (min, d, max) = (c.number("min"), c.number("desired"), c.number("max"));
        if min <= max && (d < min || d > max) {
            out.push(Finding::new(Error, "asg-desired-range").on(c).say(
                format!("{} wants {d} instances, outside [{min}, {max}].", name(c)),
                "Desired capacity must lie between minimum and maximum [AS-TT].",
                "Set desired between the minimum and the maximum.",
            ));
        }
    }
}

pub(crate) fn single_az(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for c in x.of_any(&[Kind::Asg, Kind::Fargate, Kind::EcsCluster]) {
        if c.number("azs") < 2.0 {
            out.push(Finding::new(Warning, "asg-single-az").on(c).say(
                format!("{} runs in one Availability Zone.", name(c)),
                "An AZ outage takes all of its capacity at once; nothing is left to serve while it relaunches.",
                "Spread it over at least two AZs.",
            ));
        }
    }
}

fn behind_lb(x: &Ctx<'_>, c: &crate::design::Component) -> bool {
    x.inc(c)
        .iter()
        .any(|(l, _)| x.meaning(l) == Some(LinkMeaning::TargetGroup))
}

pub(crate) fn ec2_health_check(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for c in x.of(Kind::Asg) {
        if behind_lb(x, c) && c.text("health_check") == "ec2" {
            out.push(Finding::new(Warning, "asg-ec2-health-check").on(c).say(
                format!("{} is behind a load balancer but uses EC2 health checks.", name(c)),
                "An instance whose application fails keeps running: the load balancer stops sending to it, but the group never replaces it [AS-HC].",
                "Set the health check type to ELB.",
            ));
        }
    }
}

pub(crate) fn grace_short(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for c in x.of(Kind::Asg) {
        let grace = c.number("grace_s");
        let boot = c.number("boot_s");
        if c.text("health_check") == "elb" && grace < boot {
            out.push(Finding::new(Warning, "asg-grace-short").on(c).say(
                format!(
                    "{} has a {grace} s grace period but takes {boot} s to boot.",
                    name(c)
                ),
                "New instances fail ELB checks while booting and are replaced in a loop [AS-HCGP].",
                "Make the grace period longer than the boot time.",
            ));
        }
    }
}

pub(crate) fn all_spot(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for c in x.of(Kind::Asg) {
        if c.number("spot_pct") >= 100.0 && c.number("on_demand_base") < 1.0 {
            out.push(Finding::new(Warning, "asg-all-spot").on(c).say(
                format!("{} runs only Spot instances.", name(c)),
                "An interruption wave can take every instance with a two-minute notice [EC2-SPOT-NOTICE].",
                "Keep an on-demand base, or mix in on-demand capacity.",
            ));
        }
    }
}

pub(crate) fn no_policy(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for c in x.of(Kind::Asg) {
        let fixed = c.text("policy") == "none" || c.number("min") >= c.number("max");
        if fixed && c.text("schedule").is_empty() {
            out.push(Finding::new(Warning, "asg-no-policy").on(c).say(
                format!("{} cannot change its size.", name(c)),
                "It heals failed instances but does not grow for a traffic peak.",
                "Add a target-tracking policy with room between minimum and maximum.",
            ));
        }
    }
}

pub(crate) fn task_role(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for c in x.of_any(&[Kind::EcsService, Kind::Fargate]) {
        let has = x.out(c).iter().any(|(_, t)| t.is(Kind::IamRole));
        if !has {
            out.push(Finding::new(Warning, "ecs-task-role").on(c).say(
                format!("{} has no task role.", name(c)),
                "Its containers get no AWS permissions of their own; calls to S3, SQS or DynamoDB are denied, or fall back to the instance's role, which every task on it shares.",
                "Link the service to an IAM role used as its task role.",
            ));
        }
    }
}

pub(crate) fn host_port(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for c in x.of(Kind::EcsService) {
        if c.text("network_mode") != "host" {
            continue;
        }
        let instances: f64 = x
            .out(c)
            .iter()
            .filter(|(_, t)| t.is(Kind::EcsCluster))
            .map(|(_, t)| t.number("instances"))
            .sum();
        let want = c.number("desired").max(c.number("max"));
        if want > instances {
            out.push(Finding::new(Warning, "ecs-host-port").on(c).say(
                format!(
                    "{} uses host networking and may need {want} tasks on {instances} instances.",
                    name(c)
                ),
                "In host mode the container port is bound on the instance, so only one task per port per instance fits; the rest stay pending.",
                "Use bridge mode with host port 0 (dynamic port mapping) or awsvpc, or add instances.",
            ));
        }
    }
}

/// Links that deliver requests or messages to their target.
const DELIVERS: [LinkMeaning; 4] = [
    LinkMeaning::TargetGroup,
    LinkMeaning::SyncCall,
    LinkMeaning::DnsAnswer,
    LinkMeaning::EventSource,
];

pub(crate) fn network_none(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for c in x.of(Kind::EcsService) {
        if c.text("network_mode") != "none" {
            continue;
        }
        for (l, from) in x.inc(c) {
            if !x.meaning(l).is_some_and(|m| DELIVERS.contains(&m)) {
                continue;
            }
            out.push(Finding::new(Error, "ecs-network-none").on(c).on(from).link(l).say(
                format!(
                    "{} runs its tasks in network mode none, yet {} sends it requests.",
                    name(c),
                    name(from)
                ),
                "Tasks in network mode none have no external connectivity [ECS-TASKDEF]: no port of theirs can be reached, so a load balancer cannot register them and every request sent to them fails.",
                "Set the network mode to awsvpc (one ENI per task) or bridge (host port 0 for dynamic port mapping); keep none only for tasks that need no network.",
            ));
        }
    }
}

pub(crate) fn no_cluster(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for c in x.of(Kind::EcsService) {
        if !x.out(c).iter().any(|(_, t)| t.is(Kind::EcsCluster)) {
            out.push(Finding::new(Error, "ecs-no-cluster").on(c).say(
                format!("{} is not placed on an ECS cluster.", name(c)),
                "Tasks on the EC2 launch type need container instances to run on.",
                "Link the service to an ECS cluster, or use a Fargate service.",
            ));
        }
    }
}

/// The desired count of an ECS service as a run starts it (within its
/// bounds when service auto scaling is on), when a rolling deployment at
/// that count cannot replace any task, with the percentages it has.
fn stuck_count(c: &crate::design::Component) -> Option<(u32, f64, f64)> {
    let (min_pct, max_pct) = (c.number("min_healthy_pct"), c.number("max_pct"));
    let mut desired = c.number("desired").max(0.0);
    if c.flag("autoscaling") && c.number("min") <= c.number("max") {
        desired = desired.clamp(c.number("min"), c.number("max"));
    }
    let d = desired as u32;
    (!rollout::can_progress(d, min_pct / 100.0, max_pct / 100.0)).then_some((d, min_pct, max_pct))
}

pub(crate) fn deploy_stuck(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for c in x.of_any(&[Kind::EcsService, Kind::Fargate]) {
        let Some((d, min_pct, max_pct)) = stuck_count(c) else {
            continue;
        };
        let (most, fewest) = rollout::bounds(d, min_pct / 100.0, max_pct / 100.0);
        out.push(Finding::new(Error, "ecs-deploy-stuck").on(c).say(
            format!(
                "{} cannot deploy with {d} desired tasks: maximum {max_pct} % allows {most} tasks and minimum healthy {min_pct} % keeps {fewest} serving.",
                name(c)
            ),
            "A rolling deployment starts new tasks only up to maximumPercent of the desired count (rounded down) and stops old ones only down to minimumHealthyPercent (rounded up) [ECS-SVC]; with no room on either side, no task is ever replaced.",
            "Raise the maximum percent above 100 (200 % is the default), or lower the minimum healthy percent so that at least one task may stop.",
        ));
    }
}

/// Target capacity of one Spot Fleet: 10,000 by default (a soft limit)
/// (source notes, "Spot Fleets").
const FLEET_CAPACITY_LIMIT: f64 = 10_000.0;
/// Target capacity across all Spot Fleets of a region: 100,000 by default
/// (a soft limit) (source notes, "Spot Fleets").
const REGION_CAPACITY_LIMIT: f64 = 100_000.0;

/// The largest capacity a Spot Fleet asks for: its target capacity, or its
/// scaling maximum when a policy scales it.
fn fleet_capacity(c: &crate::design::Component) -> f64 {
    let target = c.number("target_capacity");
    if c.text("policy") == "none" {
        target
    } else {
        target.max(c.number("max_capacity"))
    }
}

pub(crate) fn fleet_capacity_limit(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for c in x.of(Kind::SpotFleet) {
        let n = fleet_capacity(c);
        if n > FLEET_CAPACITY_LIMIT {
            out.push(Finding::new(Error, "spot-fleet-capacity").on(c).say(
                format!("{} asks for {n} instances; a Spot Fleet holds at most 10,000.", name(c)),
                "Target capacity per Spot Fleet is limited to 10,000 by default; AWS refuses a larger request unless the quota was raised.",
                "Split the capacity over several fleets, or lower the target capacity (and the maximum capacity).",
            ));
        }
    }
}

/// The Region frame a component sits in, by label, as the simulator places
/// it (the first Region frame holding its centre); `None` outside them.
fn region_of<'d>(x: &Ctx<'d>, c: &crate::design::Component) -> Option<&'d str> {
    x.d.groups
        .iter()
        .find(|g| g.kind == crate::design::GroupKind::Region && g.rect.contains(c.pos))
        .map(|g| g.label.trim())
}

pub(crate) fn region_capacity_limit(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    // Fleets outside every Region frame count together as one region.
    let mut by_region: Vec<(Option<&str>, f64, &crate::design::Component)> = Vec::new();
    for c in x.of(Kind::SpotFleet) {
        let r = region_of(x, c);
        match by_region.iter_mut().find(|e| e.0 == r) {
            Some(e) => e.1 += fleet_capacity(c),
            None => by_region.push((r, fleet_capacity(c), c)),
        }
    }
    for (region, total, first) in by_region {
        if total <= REGION_CAPACITY_LIMIT {
            continue;
        }
        let where_ = region.map_or_else(String::new, |r| format!(" in {r}"));
        out.push(Finding::new(Error, "spot-fleet-region-capacity").on(first).say(
            format!("The Spot Fleets{where_} ask for {total} instances together; a region allows 100,000."),
            "Target capacity across all Spot Fleets and EC2 Fleets of a region is limited to 100,000 by default; AWS refuses requests beyond it unless the quota was raised.",
            "Lower the fleets' target capacities, or spread them over regions.",
        ));
    }
}
