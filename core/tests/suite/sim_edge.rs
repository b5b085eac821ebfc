//! Route 53, CloudFront, ECS, RDS and ElastiCache behaviour, checked through
//! the public simulator API.

use crate::support::log_times;
use crate::support::{b, n, t};
use skydraft_core::design::{
    Component, ComponentId, Design, Group, GroupId, GroupKind, Link, LinkId, ParamValue, Params,
    Point, Rect,
};
use skydraft_core::run::Run;
use skydraft_core::scenario::{Event, FailureMode, Scenario, TimedEvent};
use skydraft_core::{sim, template};

struct B(Design);

impl B {
    fn new() -> Self {
        B(Design::default())
    }
    fn add(self, id: u32, kind: &str, params: &[(&str, ParamValue)]) -> Self {
        self.add_at(id, kind, params, Point::default())
    }
    fn add_at(mut self, id: u32, kind: &str, params: &[(&str, ParamValue)], pos: Point) -> Self {
        let mut p = Params::new();
        for (k, v) in params {
            p.insert((*k).to_owned(), v.clone());
        }
        self.0.components.push(Component {
            id: ComponentId(id),
            kind: kind.into(),
            label: format!("{kind}-{id}"),
            pos,
            params: p,
        });
        self
    }
    fn link(self, from: u32, to: u32) -> Self {
        self.link_with(from, to, &[])
    }
    fn link_with(mut self, from: u32, to: u32, params: &[(&str, ParamValue)]) -> Self {
        let id = LinkId(self.0.links.len() as u32 + 1);
        let mut p = Params::new();
        for (k, v) in params {
            p.insert((*k).to_owned(), v.clone());
        }
        self.0.links.push(Link {
            id,
            from: ComponentId(from),
            to: ComponentId(to),
            params: p,
        });
        self
    }
    fn region(mut self, label: &str, x: f64) -> Self {
        let id = GroupId(self.0.groups.len() as u32 + 1);
        self.0.groups.push(Group {
            id,
            kind: GroupKind::Region,
            label: label.into(),
            rect: Rect {
                x,
                y: 0.0,
                w: 100.0,
                h: 100.0,
            },
        });
        self
    }
}

fn scenario(duration_s: f64, write_share: f64, events: Vec<(f64, Event)>) -> Scenario {
    let mut s = Scenario {
        duration_s,
        seed: 7,
        bucket_s: 5.0,
        timeline: events
            .into_iter()
            .map(|(at_s, event)| TimedEvent { at_s, event })
            .collect(),
        ..Scenario::default()
    };
    s.mix.write_share = write_share;
    s
}

fn run(d: &B, sc: &Scenario) -> Run {
    sim::run(&d.0, sc).expect("runs")
}

fn component(run: &Run, id: u32) -> &skydraft_core::run::ComponentSummary {
    run.components
        .iter()
        .find(|c| c.id == ComponentId(id))
        .expect("component in the run")
}

fn errors_in(run: &Run, from_s: f64, to_s: f64) -> u64 {
    run.buckets
        .iter()
        .filter(|b| b.start_s >= from_s && b.start_s < to_s)
        .map(|b| b.errors.total())
        .sum()
}

fn requests_in(run: &Run, id: u32, from_s: f64, to_s: f64) -> u64 {
    let series = run
        .series
        .iter()
        .find(|s| s.id == ComponentId(id))
        .expect("series");
    series
        .points
        .iter()
        .zip(&run.buckets)
        .filter(|(_, b)| b.start_s >= from_s && b.start_s < to_s)
        .map(|(p, _)| p.requests)
        .sum()
}

fn crash(target: u32) -> Event {
    Event::InstanceFailure {
        target: ComponentId(target),
        count: 1,
        mode: FailureMode::Crash,
    }
}

/// Users → failover record (TTL, 30 s checks, threshold 3) → primary and secondary instances.
fn failover(ttl_s: f64) -> B {
    B::new()
        .add(1, "users", &[("rate", n(100.0)), ("clients", n(2000.0))])
        .add(
            2,
            "route53",
            &[
                ("policy", t("failover")),
                ("ttl_s", n(ttl_s)),
                ("failure_threshold", n(3.0)),
            ],
        )
        .add(3, "ec2", &[])
        .add(4, "ec2", &[])
        .link(1, 2)
        .link_with(
            2,
            3,
            &[("failover", t("primary")), ("health_check", b(true))],
        )
        .link_with(
            2,
            4,
            &[("failover", t("secondary")), ("health_check", b(true))],
        )
}

#[test]
fn route53_failover_takes_detection_plus_ttl() {
    let ttl = 60.0;
    let crash_at = 100.0;
    let r = run(
        &failover(ttl),
        &scenario(400.0, 0.2, vec![(crash_at, crash(3))]),
    );
    // Checks every 30 s: failures at 120, 150 and 180 s make it unhealthy [R53-HCV].
    let detected = log_times(&r, "failed 3 times");
    assert_eq!(detected, vec![180.0], "log: {:?}", r.log);
    let done = 180.0 + ttl;
    // Clients keep their cached answer: errors go on right up to detection + TTL…
    assert!(errors_in(&r, crash_at, crash_at + 5.0) > 0);
    assert!(errors_in(&r, 175.0, 180.0) > 0, "errors before detection");
    assert!(
        errors_in(&r, done - 15.0, done) > 0,
        "errors until the TTL ends"
    );
    // …and stop within one bucket after it.
    assert_eq!(errors_in(&r, done + 5.0, 400.0), 0);
    assert!(requests_in(&r, 4, done + 5.0, 400.0) > 10_000);
}

#[test]
fn a_shorter_ttl_fails_over_sooner() {
    let r = run(
        &failover(10.0),
        &scenario(400.0, 0.2, vec![(100.0, crash(3))]),
    );
    assert!(errors_in(&r, 175.0, 180.0) > 0);
    assert_eq!(errors_in(&r, 195.0, 400.0), 0);
}

/// Users → weighted record → two instances with weights 3 and 1.
fn weighted() -> B {
    B::new()
        .add(1, "users", &[("rate", n(200.0)), ("clients", n(10_000.0))])
        .add(
            2,
            "route53",
            &[("policy", t("weighted")), ("ttl_s", n(60.0))],
        )
        .add(3, "ec2", &[])
        .add(4, "ec2", &[])
        .link(1, 2)
        .link_with(2, 3, &[("weight", n(3.0))])
        .link_with(2, 4, &[("weight", n(1.0))])
}

#[test]
fn weighted_records_split_traffic_by_weight() {
    let r = run(&weighted(), &scenario(300.0, 0.2, vec![]));
    let a = component(&r, 3).requests as f64;
    let b = component(&r, 4).requests as f64;
    let share = a / (a + b);
    assert!((share - 0.75).abs() < 0.03, "share {share}");
}

#[test]
fn record_links_carry_their_share_in_the_replay() {
    let r = run(&weighted(), &scenario(120.0, 0.2, vec![]));
    let carried = |id: u32| -> u64 {
        r.links
            .iter()
            .find(|l| l.id == LinkId(id))
            .map_or(0, |l| l.requests.iter().sum())
    };
    // Links 2 and 3 go from the record to its targets, weights 3 and 1.
    assert_eq!(carried(2), component(&r, 3).requests);
    assert_eq!(carried(3), component(&r, 4).requests);
    assert_eq!(carried(1), carried(2) + carried(3));
}

#[test]
fn a_weight_change_moves_clients_as_their_ttl_expires() {
    // Link 2 is the record's link to instance 3.
    let ev = Event::WeightChange {
        link: LinkId(2),
        weight: 0.0,
    };
    let r = run(&weighted(), &scenario(400.0, 0.2, vec![(150.0, ev)]));
    assert_eq!(log_times(&r, "Route 53 weight of the record").len(), 1);
    // Still served in the first minute after the change (cached answers)…
    assert!(requests_in(&r, 3, 150.0, 180.0) > 1000);
    // …and nothing once every cached answer has expired.
    assert_eq!(requests_in(&r, 3, 215.0, 400.0), 0);
}

#[test]
fn multivalue_answers_spread_over_healthy_records() {
    let mut d = B::new()
        .add(1, "users", &[("rate", n(100.0)), ("clients", n(1000.0))])
        .add(2, "route53", &[("policy", t("multivalue"))])
        .link(1, 2);
    for k in 0..10 {
        d = d.add(10 + k, "ec2", &[]).link(2, 10 + k);
    }
    let r = run(&d, &scenario(200.0, 0.2, vec![]));
    for k in 0..10 {
        assert!(component(&r, 10 + k).requests > 500);
    }
}

/// Users in America and Europe → latency record → one instance per region.
fn two_regions(policy: &str) -> B {
    let us = Point { x: 50.0, y: 50.0 };
    let eu = Point { x: 250.0, y: 50.0 };
    B::new()
        .region("us-east-1", 0.0)
        .region("eu-west-1", 200.0)
        .add(1, "users", &[("rate", n(50.0))])
        .add(2, "users", &[("rate", n(50.0)), ("origin", t("europe"))])
        .add(3, "route53", &[("policy", t(policy))])
        .add_at(4, "ec2", &[], us)
        .add_at(5, "ec2", &[], eu)
        .link(1, 3)
        .link(2, 3)
        .link(3, 4)
        .link(3, 5)
}

#[test]
fn latency_and_geolocation_answer_by_origin() {
    for policy in ["latency", "geolocation"] {
        let r = run(&two_regions(policy), &scenario(120.0, 0.2, vec![]));
        let us = component(&r, 4).requests as f64;
        let eu = component(&r, 5).requests as f64;
        // Each region serves its own continent: about half each.
        assert!(
            (us / (us + eu) - 0.5).abs() < 0.05,
            "{policy}: {us} vs {eu}"
        );
        assert_eq!(r.totals.errors.total(), 0);
    }
}

#[test]
fn health_checks_cannot_reach_a_private_database() {
    let d = B::new()
        .add(1, "users", &[("rate", n(10.0))])
        .add(2, "ec2", &[])
        .add(3, "route53", &[("policy", t("failover"))])
        .add(4, "rds", &[])
        .add(5, "rds", &[])
        .link(1, 2)
        .link(2, 3)
        .link_with(
            3,
            4,
            &[("failover", t("primary")), ("health_check", b(true))],
        )
        .link_with(3, 5, &[("failover", t("secondary"))]);
    let r = run(&d, &scenario(120.0, 0.2, vec![]));
    assert_eq!(log_times(&r, "outside the VPC").len(), 1);
}

#[test]
fn rds_multi_az_failover_errors_for_its_documented_duration() {
    let d = B::new()
        .add(1, "users", &[("rate", n(100.0))])
        .add(2, "ec2", &[])
        .add(3, "rds", &[("multi_az", b(true))])
        .link(1, 2)
        .link(2, 3);
    let r = run(&d, &scenario(400.0, 0.2, vec![(100.0, crash(3))]));
    // Multi-AZ failover typically 60–120 s; the simulator takes 90 s [RDS-MAZ].
    assert!(errors_in(&r, 100.0, 105.0) > 0);
    assert!(errors_in(&r, 180.0, 190.0) > 0);
    assert_eq!(errors_in(&r, 195.0, 400.0), 0);
    assert_eq!(errors_in(&r, 0.0, 100.0), 0);
    assert_eq!(log_times(&r, "failed over to its standby"), vec![190.0]);
}

/// Users → ALB → ECS service on a cluster of `instances` m5.large.
fn ecs(instances: f64, svc: &[(&str, ParamValue)]) -> B {
    B::new()
        .add(1, "users", &[("rate", n(50.0))])
        .add(2, "alb", &[])
        .add(3, "ecs_service", svc)
        .add(4, "ecs_cluster", &[("instances", n(instances))])
        .link(1, 2)
        .link(2, 3)
        .link(3, 4)
}

fn tasks_in_service(r: &Run, id: u32) -> u32 {
    let s = r
        .series
        .iter()
        .find(|s| s.id == ComponentId(id))
        .expect("series");
    s.points.last().expect("points").instances.in_service
}

#[test]
fn host_mode_places_one_task_per_port_per_instance() {
    let host = [("desired", n(5.0)), ("network_mode", t("host"))];
    let r = run(&ecs(3.0, &host), &scenario(120.0, 0.2, vec![]));
    assert_eq!(tasks_in_service(&r, 3), 3);
    let why = log_times(&r, "host port 80");
    assert!(!why.is_empty(), "log: {:?}", r.log);
    // Dynamic port mapping packs all five onto the same three instances.
    let bridge = [("desired", n(5.0)), ("network_mode", t("bridge"))];
    let r = run(&ecs(3.0, &bridge), &scenario(120.0, 0.2, vec![]));
    assert_eq!(tasks_in_service(&r, 3), 5);
    assert!(log_times(&r, "task placement failed").is_empty());
}

#[test]
fn tasks_pack_by_cpu_and_memory() {
    // An m5.large has 2,048 CPU units: two 1-vCPU tasks each, four on two instances.
    let svc = [("desired", n(6.0)), ("task_cpu", n(1024.0))];
    let r = run(&ecs(2.0, &svc), &scenario(120.0, 0.2, vec![]));
    assert_eq!(tasks_in_service(&r, 3), 4);
    assert!(!log_times(&r, "CPU units").is_empty());
}

#[test]
fn ecs_service_auto_scaling_tracks_cpu() {
    let svc = [
        ("desired", n(2.0)),
        ("autoscaling", b(true)),
        ("min", n(2.0)),
        ("max", n(8.0)),
        ("target_cpu", n(50.0)),
        ("service_ms", n(200.0)),
    ];
    // 50 req/s × 0.2 s = 10 busy workers of 16: 62 % CPU, above the 50 % target.
    let r = run(&ecs(4.0, &svc), &scenario(600.0, 0.2, vec![]));
    assert!(!log_times(&r, "target tracking").is_empty(), "{:?}", r.log);
    assert!(tasks_in_service(&r, 3) > 2);
}

#[test]
fn fargate_bills_per_vcpu_and_gb_hour() {
    let d = B::new()
        .add(1, "users", &[("rate", n(10.0))])
        .add(2, "alb", &[])
        .add(
            3,
            "fargate",
            &[
                ("desired", n(2.0)),
                ("task_cpu", n(1024.0)),
                ("task_memory_mb", n(2048.0)),
            ],
        )
        .link(1, 2)
        .link(2, 3);
    let r = run(&d, &scenario(3600.0, 0.2, vec![]));
    // 2 tasks × (1 vCPU × $0.04048 + 2 GB × $0.004445) for one hour [P-VANTAGE-FARGATE].
    let want = 2.0 * (0.04048 + 2.0 * 0.004445);
    let got = component(&r, 3).cost_usd;
    assert!((got - want).abs() < 1e-3, "{got} vs {want}");
}

#[test]
fn fargate_tasks_take_their_start_time() {
    let d = B::new()
        .add(1, "users", &[("rate", n(10.0))])
        .add(2, "alb", &[])
        .add(3, "fargate", &[("desired", n(1.0)), ("start_s", n(60.0))])
        .link(1, 2)
        .link(2, 3);
    let r = run(&d, &scenario(300.0, 0.2, vec![(50.0, crash(3))]));
    let launched = log_times(&r, "launching");
    let ready = log_times(&r, "is in service");
    assert!(!launched.is_empty() && !ready.is_empty(), "{:?}", r.log);
    // Start time plus the ENI's few seconds [ECS-LAUNCH].
    assert_eq!(ready[0] - launched[0], 65.0);
}

#[test]
fn cloudfront_cuts_origin_calls_by_the_hit_ratio() {
    let d = B::new()
        .add(1, "users", &[("rate", n(200.0))])
        .add(2, "cloudfront", &[("hit_ratio", n(80.0))])
        .add(3, "ec2", &[])
        .link(1, 2)
        .link(2, 3);
    let r = run(&d, &scenario(200.0, 0.0, vec![]));
    let edge = component(&r, 2).requests as f64;
    let origin = component(&r, 3).requests as f64;
    assert!((origin / edge - 0.2).abs() < 0.02, "{origin} of {edge}");
    // Writes are not cached: with 20 % writes, 0.2 + 0.8 × 0.2 = 36 % reach the origin.
    let r = run(&d, &scenario(200.0, 0.2, vec![]));
    let share = component(&r, 3).requests as f64 / component(&r, 2).requests as f64;
    assert!((share - 0.36).abs() < 0.02, "{share}");
    // Requests are billed at the edge.
    assert!(component(&r, 2).cost_usd > 0.0);
}

#[test]
fn elasticache_shields_the_database() {
    let d = B::new()
        .add(1, "users", &[("rate", n(100.0))])
        .add(2, "ec2", &[])
        .add(3, "elasticache", &[("hit_ratio", n(90.0))])
        .add(4, "rds", &[])
        .link(1, 2)
        .link(2, 3)
        .link(2, 4);
    let r = run(&d, &scenario(200.0, 0.0, vec![]));
    let app = component(&r, 2).requests as f64;
    let db = component(&r, 4).requests as f64;
    assert!((db / app - 0.1).abs() < 0.02, "{db} of {app}");
    // Every request asks the cache first.
    assert!((component(&r, 3).requests as f64 / app - 1.0).abs() < 0.01);
    // Writes go to the database: 0.2 + 0.8 × 0.1 = 28 %.
    let r = run(&d, &scenario(200.0, 0.2, vec![]));
    let share = component(&r, 4).requests as f64 / component(&r, 2).requests as f64;
    assert!((share - 0.28).abs() < 0.02, "{share}");
}

#[test]
fn templates_run_without_errors() {
    for id in [
        "ec2-route53",
        "alb-ecs-ec2",
        "alb-fargate",
        "r53-blue-green",
        "r53-latency",
        "rds-failover",
    ] {
        let tpl = template::get(id).expect("template");
        let r = sim::run(&tpl.design, &tpl.scenario).unwrap_or_else(|e| panic!("{id}: {e}"));
        assert!(r.totals.completions > 0, "{id}");
        let share = r.totals.errors.total() as f64 / r.totals.requests as f64;
        assert!(share < 0.001, "{id}: {share}");
    }
}

fn id_of(d: &Design, label: &str) -> ComponentId {
    d.components
        .iter()
        .find(|c| c.label == label)
        .expect("component")
        .id
}

#[test]
fn alarm_lambda_dns_and_promotion_fail_the_database_over() {
    let mut tpl = template::get("rds-failover").expect("template");
    let primary = id_of(&tpl.design, "Primary DB");
    // Without Multi-AZ only the alarm's chain can save the application.
    for c in &mut tpl.design.components {
        if c.id == primary {
            c.params.insert("multi_az".into(), b(false));
        }
    }
    let mut sc = tpl.scenario.clone();
    sc.bucket_s = 10.0;
    sc.timeline = vec![TimedEvent {
        at_s: 300.0,
        event: Event::InstanceFailure {
            target: primary,
            count: 1,
            mode: FailureMode::Crash,
        },
    }];
    let r = sim::run(&tpl.design, &sc).expect("runs");
    // 3 of 3 one-minute periods with errors: ALARM at 480 s [CW-ALARM].
    assert_eq!(log_times(&r, "goes to ALARM"), vec![480.0]);
    assert_eq!(log_times(&r, "invokes Promote"), vec![480.0]);
    let pointed = log_times(&r, "points the record at its secondary");
    assert_eq!(pointed.len(), 1);
    let promoted = log_times(&r, "is promoted:");
    assert_eq!(promoted.len(), 1);
    // Promotion takes 120 s (assumption) after the function has run.
    assert!((promoted[0] - pointed[0] - 120.0).abs() < 1e-6);
    assert!(errors_in(&r, 300.0, 480.0) > 0);
    // Once promoted and every cached answer expired, nothing fails.
    assert_eq!(errors_in(&r, promoted[0] + 70.0, 1800.0), 0);
    assert!(r.totals.completions > 0);
}

#[test]
fn read_replicas_take_the_reads() {
    let d = B::new()
        .add(1, "users", &[("rate", n(100.0))])
        .add(2, "ec2", &[])
        .add(3, "rds", &[("read_replicas", n(2.0))])
        .link(1, 2)
        .link(2, 3);
    let r = run(&d, &scenario(120.0, 0.25, vec![(60.0, crash(3))]));
    // The primary fails at 60 s: writes (25 %) fail, reads go on at the replicas.
    assert_eq!(errors_in(&r, 0.0, 55.0), 0);
    let after = errors_in(&r, 60.0, 120.0) as f64;
    let reqs: u64 = r
        .buckets
        .iter()
        .filter(|b| b.start_s >= 60.0)
        .map(|b| b.requests)
        .sum();
    let share = after / reqs as f64;
    assert!((share - 0.25).abs() < 0.03, "{share}");
}

#[test]
fn an_alarm_scales_a_group_out() {
    let d = B::new()
        .add(1, "users", &[("rate", n(150.0))])
        .add(2, "alb", &[])
        .add(
            3,
            "asg",
            &[
                ("min", n(1.0)),
                ("desired", n(1.0)),
                ("max", n(4.0)),
                ("policy", t("none")),
            ],
        )
        .add(
            4,
            "cw_alarm",
            &[
                ("threshold", n(60.0)),
                ("eval_periods", n(2.0)),
                ("datapoints", n(2.0)),
                ("action", t("scale_out")),
            ],
        )
        .link(1, 2)
        .link(2, 3)
        .link(3, 4)
        .link(4, 3);
    let r = run(&d, &scenario(300.0, 0.2, vec![]));
    // 150 req/s × 40 ms = 6 of 8 workers: 75 % CPU > 60 % for 2 minutes.
    assert_eq!(log_times(&r, "goes to ALARM"), vec![120.0]);
    assert_eq!(log_times(&r, "sets desired 1 → 2").len(), 1);
}

#[test]
fn an_alarm_fails_a_route53_record_over() {
    let d = B::new()
        .add(1, "users", &[("rate", n(50.0))])
        .add(2, "ec2", &[])
        .add(
            3,
            "route53",
            &[("policy", t("failover")), ("ttl_s", n(30.0))],
        )
        .add(4, "rds", &[])
        .add(5, "rds", &[])
        .add(
            6,
            "cw_alarm",
            &[
                ("metric", t("errors_5xx")),
                ("threshold", n(1.0)),
                ("action", t("notify")),
                // Once failed over, the primary gets no queries: no data must
                // keep the alarm in ALARM, or the record flaps back.
                ("missing", t("breaching")),
            ],
        )
        .link(1, 2)
        .link(2, 3)
        .link_with(3, 4, &[("failover", t("primary"))])
        .link_with(3, 5, &[("failover", t("secondary"))])
        .link(4, 6)
        .link(6, 3);
    let r = run(&d, &scenario(600.0, 0.2, vec![(100.0, crash(4))]));
    // Errors in the periods ending at 120, 180 and 240 s: ALARM at 240 s.
    assert_eq!(log_times(&r, "goes to ALARM"), vec![240.0]);
    assert!(errors_in(&r, 230.0, 240.0) > 0);
    // The application's instance re-resolves within the 30 s TTL.
    assert_eq!(errors_in(&r, 275.0, 600.0), 0);
    assert!(component(&r, 5).requests > 10_000);
}

#[test]
fn costs_follow_the_price_table() {
    let hour = scenario(3600.0, 0.2, vec![]);
    // Three m5.large container instances for an hour, billed to the service.
    let r = run(&ecs(3.0, &[("desired", n(2.0))]), &hour);
    let got = component(&r, 3).cost_usd;
    assert!((got - 3.0 * 0.096).abs() < 1e-3, "{got}");
    let last = &r
        .series
        .iter()
        .find(|s| s.id == ComponentId(3))
        .expect("series")
        .points;
    assert!((last[0].cost_per_hour - 3.0 * 0.096).abs() < 1e-9);
    // A db.m5.large with two read replicas (single-AZ price each); an
    // ElastiCache cache.m5.large with one replica (assumed $0.156/h each).
    let d = B::new()
        .add(1, "users", &[("rate", n(10.0))])
        .add(2, "ec2", &[])
        .add(3, "elasticache", &[("replicas", n(1.0))])
        .add(
            4,
            "rds",
            &[("read_replicas", n(2.0)), ("multi_az", b(true))],
        )
        .link(1, 2)
        .link(2, 3)
        .link(2, 4);
    let r = run(&d, &hour);
    let db = component(&r, 4).cost_usd;
    assert!((db - (2.0 * 0.171 + 2.0 * 0.171)).abs() < 1e-3, "{db}");
    let cache = component(&r, 3).cost_usd;
    assert!((cache - 2.0 * 0.156).abs() < 1e-3, "{cache}");
    // Route 53: the hosted zone by the hour and $0.40 per million queries.
    // Each of the 10,000 clients asks again once its 60 s answer has expired
    // and it sends a request (one every 50 s): about once per 60–110 s.
    let r = run(&weighted(), &hour);
    let dns = component(&r, 2).cost_usd;
    let queries = (dns - 0.50 / 730.0) / 0.40 * 1e6;
    let (lo, hi) = (10_000.0 * 3600.0 / 110.0, 10_000.0 * 3600.0 / 60.0);
    assert!(queries > 0.9 * lo && queries < hi, "{queries}");
}

#[test]
fn an_alias_with_no_healthy_target_stops_being_answered() {
    let us = Point { x: 50.0, y: 50.0 };
    let eu = Point { x: 250.0, y: 50.0 };
    let d = B::new()
        .region("us-east-1", 0.0)
        .region("eu-west-1", 200.0)
        .add(1, "users", &[("rate", n(50.0)), ("clients", n(2000.0))])
        .add(
            2,
            "route53",
            &[("policy", t("latency")), ("ttl_s", n(60.0))],
        )
        .add_at(3, "alb", &[], us)
        .add_at(4, "alb", &[], eu)
        .add_at(5, "ec2", &[], us)
        .add_at(6, "ec2", &[], eu)
        .link(1, 2)
        .link(2, 3)
        .link(2, 4)
        .link(3, 5)
        .link(4, 6);
    let r = run(&d, &scenario(500.0, 0.2, vec![(100.0, crash(5))]));
    // The ALB sees 2 failed checks 30 s apart (at 120 and 150 s), the second
    // counting after its 5 s timeout [ALB-HC]; then evaluate target health
    // answers with Europe; cached answers last 60 s.
    let unhealthy = log_times(&r, "failed its ELB health check");
    assert_eq!(unhealthy, vec![155.0]);
    assert!(errors_in(&r, 140.0, 155.0) > 0);
    assert!(errors_in(&r, 200.0, 215.0) > 0);
    assert_eq!(errors_in(&r, 220.0, 500.0), 0);
    assert!(requests_in(&r, 6, 220.0, 500.0) > 10_000);
}

#[test]
fn an_alarm_without_data_lets_the_record_flap_back() {
    let d = B::new()
        .add(1, "users", &[("rate", n(50.0))])
        .add(2, "ec2", &[])
        .add(
            3,
            "route53",
            &[("policy", t("failover")), ("ttl_s", n(30.0))],
        )
        .add(4, "rds", &[])
        .add(5, "rds", &[])
        .add(
            6,
            "cw_alarm",
            &[("metric", t("errors_5xx")), ("threshold", n(1.0))],
        )
        .link(1, 2)
        .link(2, 3)
        .link_with(3, 4, &[("failover", t("primary"))])
        .link_with(3, 5, &[("failover", t("secondary"))])
        .link(4, 6)
        .link(6, 3);
    let r = run(&d, &scenario(600.0, 0.2, vec![(100.0, crash(4))]));
    // Failed over, the primary gets no queries: missing data, the alarm
    // turns OK, the record answers with the broken primary again.
    assert!(log_times(&r, "goes to ALARM").len() >= 2, "{:?}", r.log);
    assert!(!log_times(&r, "answers with its primary again").is_empty());
}
