//! Replay frames: requests per link in a run, and `Run::frame_at` (health,
//! utilization, instances, link rates, failed zones, log lines of a moment).

use crate::support::{n, t};
use skydraft_core::catalog::Kind;
use skydraft_core::design::{Component, ComponentId, Design, Link, LinkId, ParamValue, Params};
use skydraft_core::run::{
    Bucket, ComponentPoint, ComponentSeries, ComponentSummary, Health, InstanceCounts, LinkSeries,
    LogEntry, Run,
};
use skydraft_core::scenario::{Event, FailureMode, Process, Scenario, TimedEvent};
use skydraft_core::sim;

fn comp(id: u32, kind: Kind, params: &[(&str, ParamValue)]) -> Component {
    Component {
        label: format!("{kind}-{id}"),
        ..Component::new(id, kind, params)
    }
}

fn link(id: u32, from: u32, to: u32) -> Link {
    Link {
        id: LinkId(id),
        from: ComponentId(from),
        to: ComponentId(to),
        params: Params::new(),
    }
}

/// Users (100 req/s) → ALB → Auto Scaling group of 4 in two zones → RDS.
fn web() -> Design {
    Design {
        components: vec![
            comp(1, Kind::Users, &[("rate", n(100.0)), ("timeout_s", n(2.0))]),
            comp(2, Kind::Alb, &[("hc_interval_s", n(10.0))]),
            comp(
                3,
                Kind::Asg,
                &[
                    ("min", n(4.0)),
                    ("desired", n(4.0)),
                    ("max", n(8.0)),
                    ("azs", n(2.0)),
                    ("policy", t("none")),
                    ("boot_s", n(60.0)),
                    ("service_ms", n(40.0)),
                ],
            ),
            comp(4, Kind::Rds, &[]),
        ],
        links: vec![link(11, 1, 2), link(12, 2, 3), link(13, 3, 4)],
        ..Design::default()
    }
}

fn scenario(duration_s: f64, events: Vec<(f64, Event)>) -> Scenario {
    Scenario {
        duration_s,
        seed: 7,
        bucket_s: 5.0,
        timeline: events
            .into_iter()
            .map(|(at_s, event)| TimedEvent { at_s, event })
            .collect(),
        ..Scenario::default()
    }
}

fn requests_of(run: &Run, id: u32) -> &[u64] {
    &run.links
        .iter()
        .find(|l| l.id == LinkId(id))
        .expect("the link has a series")
        .requests
}

#[test]
fn every_link_counts_the_requests_it_carried_per_bucket() {
    let run = sim::run(&web(), &scenario(120.0, vec![])).expect("runs");
    assert_eq!(run.links.len(), 3);
    for l in &run.links {
        assert_eq!(l.requests.len(), run.buckets.len(), "aligned with buckets");
    }
    // No retries: the users' link carries exactly the requests the users sent.
    let sent: Vec<u64> = run.buckets.iter().map(|b| b.requests).collect();
    assert_eq!(requests_of(&run, 11), sent.as_slice());
    // The balancer forwards what it did not refuse.
    let alb = run.series_of(ComponentId(2)).expect("alb series");
    let forwarded: Vec<u64> = alb
        .points
        .iter()
        .map(|p| p.requests - p.rejections)
        .collect();
    assert_eq!(requests_of(&run, 12), forwarded.as_slice());
    // Each request served by the group makes one call to the database.
    let db: Vec<u64> = run
        .series_of(ComponentId(4))
        .expect("db series")
        .points
        .iter()
        .map(|p| p.requests)
        .collect();
    assert_eq!(requests_of(&run, 13), db.as_slice());
    let total: u64 = requests_of(&run, 13).iter().sum();
    assert!(total > 10_000, "about 100 req/s for 120 s, got {total}");
}

#[test]
fn a_frame_gives_link_rates_and_their_share_of_the_busiest() {
    let run = sim::run(&web(), &scenario(120.0, vec![])).expect("runs");
    let f = run.frame_at(62.0);
    assert_eq!(f.bucket, Some(12));
    let users = f.link(LinkId(11)).expect("users link");
    assert!(
        (users.rate_per_s - 100.0).abs() < 25.0,
        "{}",
        users.rate_per_s
    );
    assert_eq!(
        users.rate_per_s,
        requests_of(&run, 11)[12] as f64 / 5.0,
        "the bucket's count over its width"
    );
    for l in &f.links {
        assert!(l.share > 0.3 && l.share <= 1.0, "{l:?}");
    }
    let busiest = (0..run.buckets.len())
        .map(|k| run.frame_at(k as f64 * 5.0 + 1.0))
        .flat_map(|f| f.links.into_iter().map(|l| l.share))
        .fold(0.0, f64::max);
    assert!((busiest - 1.0).abs() < 1e-12, "the busiest bucket is 1");
}

#[test]
fn a_healthy_run_is_ok_with_its_instances_and_utilization() {
    let run = sim::run(&web(), &scenario(120.0, vec![])).expect("runs");
    let f = run.frame_at(60.0);
    for c in &f.components {
        assert_eq!(c.health, Health::Ok, "{c:?}");
    }
    let g = f.component(ComponentId(3)).expect("group");
    let i = g.instances.expect("a group has instances");
    assert_eq!((i.in_service, i.pending, i.draining), (4, 0, 0));
    // 100 req/s at 40 ms on 4 instances: some load, far from saturation.
    assert!(
        g.utilization > 0.0 && g.utilization < 0.5,
        "{}",
        g.utilization
    );
    assert!(
        f.component(ComponentId(2))
            .expect("alb")
            .instances
            .is_none()
    );
    assert!(f.failed_azs.is_empty() && !f.region_down);
}

#[test]
fn a_zone_outage_shows_while_it_lasts_and_halves_the_group() {
    let sc = scenario(
        300.0,
        vec![
            (
                0.0,
                Event::Suspend {
                    target: ComponentId(3),
                    process: Process::ReplaceUnhealthy,
                },
            ),
            (
                100.0,
                Event::AzOutage {
                    az: "us-east-1a".into(),
                    duration_s: Some(100.0),
                },
            ),
        ],
    );
    let run = sim::run(&web(), &sc).expect("runs");
    assert!(run.frame_at(99.0).failed_azs.is_empty());
    let during = run.frame_at(150.0);
    assert_eq!(during.failed_azs, vec!["us-east-1a".to_owned()]);
    let g = during.component(ComponentId(3)).expect("group");
    assert_eq!(
        g.instances.expect("instances").in_service,
        2,
        "crashed instances are not counted in service"
    );
    assert!(run.frame_at(200.0).failed_azs.is_empty(), "back at 200 s");
    // The outage's log lines are those of its moment.
    let at = run.frame_at(100.0);
    assert!(
        at.log_lines
            .iter()
            .any(|&k| run.log[k].text.contains("us-east-1a is down")),
        "{:?}",
        at.log_lines
    );
}

#[test]
fn a_region_outage_is_reported_and_users_fail() {
    let sc = scenario(
        200.0,
        vec![(
            50.0,
            Event::RegionOutage {
                region: None,
                duration_s: Some(100.0),
            },
        )],
    );
    let run = sim::run(&web(), &sc).expect("runs");
    assert!(!run.frame_at(40.0).region_down);
    let f = run.frame_at(120.0);
    assert!(f.region_down);
    // Nothing answers: the users' requests time out (2 s timeout).
    assert_eq!(
        f.component(ComponentId(1)).expect("users").health,
        Health::Failing
    );
    assert!(!run.frame_at(160.0).region_down);
}

#[test]
fn a_balancer_without_healthy_targets_is_failing() {
    let sc = scenario(
        200.0,
        vec![
            (
                0.0,
                Event::Suspend {
                    target: ComponentId(3),
                    process: Process::ReplaceUnhealthy,
                },
            ),
            (
                50.0,
                Event::InstanceFailure {
                    target: ComponentId(3),
                    count: 4,
                    mode: FailureMode::Crash,
                },
            ),
        ],
    );
    let run = sim::run(&web(), &sc).expect("runs");
    assert_eq!(
        run.frame_at(30.0)
            .component(ComponentId(2))
            .expect("alb")
            .health,
        Health::Ok
    );
    let f = run.frame_at(150.0);
    let alb = f.component(ComponentId(2)).expect("alb");
    assert_eq!(alb.health, Health::Failing, "{alb:?}");
    let g = f.component(ComponentId(3)).expect("group");
    assert_eq!(g.instances.expect("instances").in_service, 0);
    assert_ne!(g.health, Health::Ok);
}

/// A hand-made run of one component and one bucket, for the health rules.
fn one_point(kind: &str, p: ComponentPoint) -> Run {
    Run {
        bucket_s: 10.0,
        duration_s: 10.0,
        buckets: vec![Bucket {
            start_s: 0.0,
            requests: 0,
            completions: 0,
            p50_ms: 0.0,
            p95_ms: 0.0,
            p99_ms: 0.0,
            mean_ms: 0.0,
            errors: Default::default(),
            retries: 0,
            latency: Default::default(),
            cost_usd: 0.0,
        }],
        series: vec![ComponentSeries {
            id: ComponentId(1),
            points: vec![p],
        }],
        components: vec![ComponentSummary {
            id: ComponentId(1),
            kind: kind.into(),
            ..ComponentSummary::default()
        }],
        ..Run::default()
    }
}

fn health(kind: &str, p: ComponentPoint) -> Health {
    one_point(kind, p)
        .frame_at(5.0)
        .component(ComponentId(1))
        .expect("the component")
        .health
}

fn running(n: u32) -> InstanceCounts {
    InstanceCounts {
        in_service: n,
        in_service_by_az: vec![n],
        ..InstanceCounts::default()
    }
}

#[test]
fn health_follows_errors_utilization_and_instances() {
    let base = ComponentPoint {
        requests: 1000,
        utilization: 0.5,
        instances: running(2),
        ..ComponentPoint::default()
    };
    assert_eq!(health("asg", base.clone()), Health::Ok);
    let few_errors = ComponentPoint {
        failures: 5,
        ..base.clone()
    };
    assert_eq!(health("asg", few_errors), Health::Ok, "0.5 % is noise");
    let errors = ComponentPoint {
        rejections: 20,
        ..base.clone()
    };
    assert_eq!(health("asg", errors), Health::Degraded);
    let busy = ComponentPoint {
        utilization: 0.95,
        ..base.clone()
    };
    assert_eq!(health("asg", busy), Health::Degraded);
    let failing = ComponentPoint {
        failures: 600,
        ..base.clone()
    };
    assert_eq!(health("asg", failing), Health::Failing);
    let none_left = ComponentPoint {
        instances: InstanceCounts {
            pending: 1,
            in_service: 1, // crashed: not in any zone's running count
            in_service_by_az: vec![0],
            ..InstanceCounts::default()
        },
        ..base.clone()
    };
    assert_eq!(health("asg", none_left), Health::Failing);
    let lb = ComponentPoint {
        requests: 1000,
        healthy_targets: 2,
        ..ComponentPoint::default()
    };
    assert_eq!(health("alb", lb.clone()), Health::Ok);
    let no_target = ComponentPoint {
        healthy_targets: 0,
        ..lb
    };
    assert_eq!(health("alb", no_target), Health::Failing);
}

#[test]
fn the_moment_is_clamped_and_rates_use_the_bucket_width() {
    let mut run = one_point(
        "ec2",
        ComponentPoint {
            requests: 50,
            ..ComponentPoint::default()
        },
    );
    run.links = vec![LinkSeries {
        id: LinkId(4),
        requests: vec![50],
    }];
    // The run ended 4 s into its 10 s bucket.
    run.duration_s = 4.0;
    let f = run.frame_at(1e9);
    assert_eq!(f.t_s, 4.0);
    assert_eq!(f.bucket, Some(0));
    assert_eq!(f.link(LinkId(4)).expect("link").rate_per_s, 12.5);
    assert_eq!(f.link(LinkId(4)).expect("link").share, 1.0);
    assert_eq!(f.component(ComponentId(1)).expect("c").requests_per_s, 12.5);
    assert_eq!(run.frame_at(f64::NAN).t_s, 0.0);
    assert_eq!(Run::default().frame_at(3.0).bucket, None);
}

#[test]
fn log_lines_are_those_of_the_last_bucket_or_the_last_before() {
    let mut run = one_point("ec2", ComponentPoint::default());
    run.duration_s = 100.0;
    run.log = [1.0, 30.0, 32.0, 38.0, 90.0]
        .into_iter()
        .map(|t_s| LogEntry {
            t_s,
            component: None,
            text: format!("at {t_s}"),
        })
        .collect();
    assert_eq!(run.frame_at(38.0).log_lines, vec![1, 2, 3]);
    assert_eq!(run.frame_at(41.0).log_lines, vec![2, 3], "(31, 41]");
    assert_eq!(run.frame_at(60.0).log_lines, vec![3], "the last before");
    assert!(run.frame_at(0.5).log_lines.is_empty());
}
