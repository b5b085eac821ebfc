//! Scaling: policies, schedules, Spot and cost.

use super::{Spec, errors_at_most, goal, hint, p99_at_most, scenario};
use crate::catalog::Kind;
use crate::challenge::goal::{Aggregation, Metric, Op};
use crate::challenge::record::Challenge;
use crate::design::{ComponentId, Design, GroupKind, ParamValue};
use crate::scenario::{Event, Shape, TimedEvent, Traffic};
use crate::template::build::Builder;

/// Users → ALB → a group with `settings`.
fn web_tier(name: &str, rate: f64, settings: &[(&str, ParamValue)]) -> (Design, [ComponentId; 3]) {
    let mut b = Builder::new(name);
    b.frame(GroupKind::Region, "us-east-1", 160.0, 60.0, 480.0, 360.0);
    let users = b.node(Kind::Users, "Users", 80.0, 240.0);
    let alb = b.node(Kind::Alb, "ALB", 280.0, 240.0);
    let asg = b.node(Kind::Asg, "Web tier", 480.0, 240.0);
    b.set(users, "rate", rate);
    b.set(asg, "health_check", "elb");
    for (k, v) in settings {
        b.set(asg, k, v.clone());
    }
    b.link(users, alb);
    b.link(alb, asg);
    (b.finish(), [users, alb, asg])
}

/// The p99 of every bucket after the warm-up at or under `ms`, with
/// `allowed` buckets over.
fn p99_buckets(ms: f64, allowed: u32) -> crate::challenge::goal::Goal {
    goal(
        "p99-buckets",
        Metric::LatencyP99,
        Op::AtMost,
        ms,
        Aggregation::WorstBucket {
            allowed_over: allowed,
        },
    )
}

fn step(users: ComponentId, at_s: f64, factor: f64) -> Traffic {
    Traffic {
        source: Some(users),
        shape: Shape::Step { at_s, factor },
    }
}

/// Tune warm-up and cooldown so the group keeps up with a ramp.
pub(super) fn warmup_cooldown() -> Challenge {
    let base: [(&str, ParamValue); 8] = [
        ("policy", "simple".into()),
        ("min", 2.0.into()),
        ("desired", 2.0.into()),
        ("max", 12.0.into()),
        ("boot_s", 30.0.into()),
        ("scale_out_cpu", 60.0.into()),
        ("scale_in_cpu", 20.0.into()),
        ("warmup_s", 300.0.into()),
    ];
    let (mut start, [users, alb, asg]) = web_tier("Keep up with the ramp", 150.0, &base);
    let (mut reference, _) = web_tier("Keep up with the ramp", 150.0, &base);
    let set = |d: &mut Design, k: &str, v: f64| {
        if let Some(c) = d.components.iter_mut().find(|c| c.id == asg) {
            c.params.insert(k.to_owned(), v.into());
        }
    };
    set(&mut start, "cooldown_s", 600.0);
    set(&mut reference, "cooldown_s", 60.0);
    set(&mut reference, "warmup_s", 30.0);
    set(&mut reference, "step_adjust", 2.0);
    let mut s = scenario(720.0, 60.0);
    s.traffic = vec![step(users, 120.0, 2.5), step(users, 300.0, 1.6)];
    let mut c = Spec {
        id: "warmup-cooldown",
        title: "Warm-up and cooldown",
        brief: &[
            "Traffic climbs from 150 to 375 requests per second at 2:00 and to 600 at 5:00. \
             The group scales with a simple policy when CPU stays above 60%.",
            "Keep errors at or under 1% and p99 under 300 ms in all but six 10-second buckets.",
        ],
        start,
        locked: vec![users, alb],
        scenario: s,
        goals: vec![errors_at_most(1.0), p99_buckets(300.0, 6)],
        reference,
        note: "A simple scaling policy waits out its cooldown after every change before it \
               acts again, and new instances do not count towards the group's metric until \
               their warm-up ends. Long values protect against flapping but leave the group \
               one step behind a steady climb; the cooldown should be about the time an \
               instance needs to boot and take load.",
    }
    .finish();
    c.hints = vec![
        hint(
            Some("errors"),
            1,
            "After the first scale-out, how long does the group wait before the next?",
        ),
        hint(
            Some("p99-buckets"),
            1,
            "New instances count towards the group's metric only after their warm-up:              how long is it here, and how long do they take to boot?",
        ),
    ];
    c
}

/// Scale ahead of a peak you know is coming.
pub(super) fn scheduled_peak() -> Challenge {
    let base: [(&str, ParamValue); 5] = [
        ("min", 2.0.into()),
        ("desired", 2.0.into()),
        ("max", 10.0.into()),
        ("boot_s", 90.0.into()),
        ("target_cpu", 60.0.into()),
    ];
    let (start, [users, alb, asg]) = web_tier("The sale at 4:00", 200.0, &base);
    let (mut reference, _) = web_tier("The sale at 4:00", 200.0, &base);
    if let Some(c) = reference.components.iter_mut().find(|c| c.id == asg) {
        c.params.insert("schedule".to_owned(), "1:8".into());
    }
    let mut s = scenario(420.0, 60.0);
    s.traffic = vec![step(users, 240.0, 4.0)];
    let mut c = Spec {
        id: "scheduled-peak",
        title: "Scheduled scaling for a known peak",
        brief: &[
            "A sale starts at 4:00 sharp and traffic jumps from 200 to 800 requests per \
             second. New instances take 90 seconds to boot.",
            "Serve the sale from its first second: errors at or under 0.5% and p99 under \
             250 ms in all but three buckets.",
        ],
        start,
        locked: vec![users, alb],
        scenario: s,
        goals: vec![errors_at_most(0.5), p99_buckets(250.0, 3)],
        reference,
        note: "A scaling policy reacts to a metric, so it is always late for a step: the \
               alarm needs its periods and every instance its boot. When the peak is known, \
               a scheduled action raises the capacity beforehand (it may run a little late, so \
               schedule it with room to spare) and the policy handles what nobody predicted.",
    }
    .finish();
    c.hints = vec![hint(
        None,
        1,
        "The group has a Scheduled actions setting: minute:desired.",
    )];
    c
}

/// A Spot and On-Demand mix that survives a reclaim.
pub(super) fn spot_mix() -> Challenge {
    let base: [(&str, ParamValue); 5] = [
        ("policy", "none".into()),
        ("min", 4.0.into()),
        ("desired", 4.0.into()),
        ("max", 4.0.into()),
        ("spot_pct", 100.0.into()),
    ];
    let (start, [users, alb, asg]) = web_tier("Spot under a reclaim", 300.0, &base);
    let (mut reference, _) = web_tier("Spot under a reclaim", 300.0, &base);
    if let Some(c) = reference.components.iter_mut().find(|c| c.id == asg) {
        c.params.insert("on_demand_base".to_owned(), 2.0.into());
        c.params.insert("spot_pct".to_owned(), 50.0.into());
    }
    let mut s = scenario(360.0, 30.0);
    s.timeline = vec![
        TimedEvent {
            at_s: 60.0,
            event: Event::SpotPriceChange {
                instance_type: None,
                az: None,
                factor: 1.5,
            },
        },
        TimedEvent {
            at_s: 60.0,
            event: Event::SpotInterruption {
                target: Some(asg),
                share: 1.0,
            },
        },
    ];
    let mut c = Spec {
        id: "spot-mix",
        title: "Spot and On-Demand under a reclaim",
        brief: &[
            "Four Spot instances serve 300 requests per second. At 1:00 the Spot price \
             jumps above On-Demand and every Spot instance gets its two-minute notice.",
            "Keep errors at or under 2%, and spend at most $0.60 an hour.",
        ],
        start,
        locked: vec![users, alb],
        scenario: s,
        goals: vec![errors_at_most(2.0)],
        reference,
        note: "Spot capacity can be reclaimed at two minutes' notice, all of it at once when a \
               pool runs dry. An On-Demand base keeps a floor that no reclaim touches; the \
               rest can be Spot for the savings. Size the base for the load you must carry \
               while Spot is gone.",
    }
    .finish();
    c.goals.push(goal(
        "cost",
        Metric::CostPerHour,
        Op::AtMost,
        0.6,
        Aggregation::AfterWarmup,
    ));
    c.hints = vec![
        hint(
            Some("errors"),
            1,
            "When every Spot instance is reclaimed at once, what is left to serve?",
        ),
        hint(
            Some("errors"),
            2,
            "A group can keep a base of On-Demand instances and fill the rest with Spot.",
        ),
    ];
    c
}

/// The cheapest fleet that meets a latency goal.
pub(super) fn cheapest_latency() -> Challenge {
    let fleet = |ty: &str, n: f64| -> [(&str, ParamValue); 5] {
        [
            ("policy", "none".into()),
            ("instance_type", ty.into()),
            ("min", n.into()),
            ("desired", n.into()),
            ("max", n.into()),
        ]
    };
    let (start, [users, alb, _]) = web_tier("Cheapest at 200 ms", 400.0, &fleet("m5.xlarge", 8.0));
    let (reference, _) = web_tier("Cheapest at 200 ms", 400.0, &fleet("t3.medium", 3.0));
    let mut c = Spec {
        id: "cheapest-latency",
        title: "The cheapest design that meets a latency goal",
        brief: &[
            "Eight m5.xlarge instances serve 400 requests per second with room to spare.",
            "Keep p99 at or under 200 ms and errors at or under 0.5%, for at most $0.40 an hour.",
        ],
        start,
        locked: vec![users, alb],
        scenario: scenario(180.0, 30.0),
        goals: vec![p99_at_most(200.0), errors_at_most(0.5)],
        reference,
        note: "Capacity beyond what the goal needs is money spent for nothing. Queueing \
               theory says latency stays flat until utilisation gets high and then climbs \
               steeply; the cheapest design sits just before the climb. Compare the price of \
               each instance type with the work it does: a smaller type, a few more of them, \
               is often cheaper than a few large ones.",
    }
    .finish();
    c.goals.push(goal(
        "cost",
        Metric::CostPerHour,
        Op::AtMost,
        0.4,
        Aggregation::AfterWarmup,
    ));
    c.hints = vec![
        hint(
            Some("cost"),
            1,
            "How busy are the eight instances? Capacity nobody uses still costs.",
        ),
        hint(
            Some("cost"),
            2,
            "Compare the hourly price of each instance type with how many requests it serves.",
        ),
    ];
    // Extra credit: the same goals for less than the reference costs (six
    // t3.micro do it for about $0.29 an hour).
    c.bonus = vec![goal(
        "cost-stretch",
        Metric::CostPerHour,
        Op::AtMost,
        0.30,
        Aggregation::AfterWarmup,
    )];
    c
}
