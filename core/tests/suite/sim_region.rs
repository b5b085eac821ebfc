//! Region outages: one Region frame fails and the other regions take over.
#![allow(clippy::unwrap_used)]

use crate::support::log_times;
use skydraft_core::design::{ComponentId, Design, LinkId};
use skydraft_core::run::Run;
use skydraft_core::scenario::{Event, FailureMode, Scenario, TimedEvent};
use skydraft_core::{share, sim, template};

fn id_of(d: &Design, label: &str) -> ComponentId {
    d.components
        .iter()
        .find(|c| c.label == label)
        .expect("component")
        .id
}

fn link_of(d: &Design, from: &str, to: &str) -> LinkId {
    let (a, b) = (id_of(d, from), id_of(d, to));
    d.links
        .iter()
        .find(|l| l.from == a && l.to == b)
        .expect("link")
        .id
}

fn outage(at_s: f64, region: Option<&str>, duration_s: Option<f64>) -> TimedEvent {
    TimedEvent {
        at_s,
        event: Event::RegionOutage {
            region: region.map(str::to_owned),
            duration_s,
        },
    }
}

fn in_window(run: &Run, from_s: f64, to_s: f64, value: impl Fn(usize) -> u64) -> u64 {
    run.buckets
        .iter()
        .enumerate()
        .filter(|(_, b)| b.start_s >= from_s && b.start_s < to_s)
        .map(|(k, _)| value(k))
        .sum()
}

fn errors_in(run: &Run, from_s: f64, to_s: f64) -> u64 {
    in_window(run, from_s, to_s, |k| run.buckets[k].errors.total())
}

fn completions_in(run: &Run, from_s: f64, to_s: f64) -> u64 {
    in_window(run, from_s, to_s, |k| run.buckets[k].completions)
}

fn link_in(run: &Run, link: LinkId, from_s: f64, to_s: f64) -> u64 {
    let l = run
        .links
        .iter()
        .find(|l| l.id == link)
        .expect("link series");
    in_window(run, from_s, to_s, |k| {
        l.requests.get(k).copied().unwrap_or(0)
    })
}

fn served_by(run: &Run, id: ComponentId, from_s: f64, to_s: f64) -> u64 {
    let s = run.series.iter().find(|s| s.id == id).expect("series");
    in_window(run, from_s, to_s, |k| {
        s.points.get(k).map_or(0, |p| p.completions)
    })
}

fn latency_run(timeline: Vec<TimedEvent>) -> (Design, Run) {
    let tpl = template::get("r53-latency").expect("template");
    let sc = Scenario {
        duration_s: 1200.0,
        bucket_s: 10.0,
        timeline,
        ..tpl.scenario.clone()
    };
    let run = sim::run(&tpl.design, &sc).expect("runs");
    (tpl.design, run)
}

#[test]
fn an_outage_of_us_east_1_sends_america_to_europe_after_the_ttl() {
    let (d, r) = latency_run(vec![outage(300.0, Some("us-east-1"), Some(400.0))]);
    let to_us = link_of(&d, "api.example.com", "ALB us-east-1");
    let to_eu = link_of(&d, "api.example.com", "ALB eu-west-1");
    let web_eu = id_of(&d, "Web eu-west-1");
    assert_eq!(
        log_times(&r, "region us-east-1 stops answering"),
        vec![300.0]
    );
    assert_eq!(log_times(&r, "region us-east-1 answers again"), vec![700.0]);
    // Before: each continent is served locally.
    assert!(link_in(&r, to_us, 100.0, 300.0) > 0);
    let eu_before = link_in(&r, to_eu, 100.0, 300.0);
    // Clients keep their cached answer for the TTL (60 s) and fail meanwhile.
    assert!(link_in(&r, to_us, 300.0, 310.0) > 0);
    assert!(errors_in(&r, 300.0, 370.0) > 0);
    // Then every user is answered with eu-west-1, which serves them all.
    assert_eq!(link_in(&r, to_us, 400.0, 700.0), 0);
    assert_eq!(errors_in(&r, 400.0, 700.0), 0);
    // 250 requests/s instead of Europe's 100, over windows of equal length.
    let eu_during = link_in(&r, to_eu, 500.0, 700.0);
    assert!(
        eu_during > 2 * eu_before,
        "Europe takes America's share: {eu_during} vs {eu_before} before"
    );
    // Europe was never interrupted.
    let per_bucket_eu: Vec<u64> = (30..70)
        .map(|k| served_by(&r, web_eu, k as f64 * 10.0, k as f64 * 10.0 + 10.0))
        .collect();
    assert!(per_bucket_eu.iter().all(|&n| n > 0), "{per_bucket_eu:?}");
    // After recovery the group relaunches and America is served locally again.
    assert!(link_in(&r, to_us, 900.0, 1200.0) > 0);
    assert_eq!(errors_in(&r, 900.0, 1200.0), 0);
    let f = r.frame_at(500.0);
    assert_eq!(f.failed_regions, vec!["us-east-1".to_owned()]);
    assert!(!f.region_down);
    assert!(r.frame_at(800.0).failed_regions.is_empty());
}

#[test]
fn a_region_outage_without_a_name_still_stops_everything() {
    let (_, r) = latency_run(vec![outage(300.0, None, Some(300.0))]);
    assert_eq!(log_times(&r, "the region stops answering"), vec![300.0]);
    // Nothing answers (clients time out): no completions once the requests in
    // flight are done, in either region.
    assert_eq!(completions_in(&r, 320.0, 600.0), 0);
    assert!(errors_in(&r, 300.0, 620.0) > 0);
    assert!(completions_in(&r, 700.0, 1200.0) > 0);
    assert!(r.frame_at(400.0).region_down);
    assert!(r.frame_at(400.0).failed_regions.is_empty());
}

#[test]
fn an_unknown_region_is_reported_and_changes_nothing() {
    let (_, r) = latency_run(vec![outage(300.0, Some("ap-south-1"), Some(300.0))]);
    let reported = log_times(
        &r,
        "timeline event ignored: the design has no Region frame called \"ap-south-1\"",
    );
    assert_eq!(reported, vec![300.0]);
    assert!(r.outages.is_empty());
    assert_eq!(errors_in(&r, 0.0, 1200.0), 0);
    assert!(completions_in(&r, 300.0, 600.0) > 0);
}

#[test]
fn the_replica_is_promoted_after_an_outage_of_the_primary_region() {
    let tpl = template::get("rds-failover").expect("template");
    let mut sc = tpl.scenario.clone();
    sc.bucket_s = 10.0;
    sc.timeline = vec![outage(300.0, Some("us-east-1"), None)];
    let r = sim::run(&tpl.design, &sc).expect("runs");
    // Multi-AZ's standby is in the failed region too: when its failover
    // would be done (90 s) there is nowhere to fail over to.
    assert_eq!(log_times(&r, "cannot fail over"), vec![390.0]);
    assert!(log_times(&r, "failed over to its standby").is_empty());
    // 3 of 3 one-minute periods with errors: ALARM at 480 s [CW-ALARM]; the
    // function runs in us-west-2, which is up.
    assert_eq!(log_times(&r, "goes to ALARM"), vec![480.0]);
    assert_eq!(log_times(&r, "invokes Promote"), vec![480.0]);
    let promoted = log_times(&r, "is promoted:");
    assert_eq!(promoted.len(), 1);
    assert!(errors_in(&r, 300.0, 480.0) > 0);
    // Once promoted and every cached answer expired, nothing fails.
    assert_eq!(errors_in(&r, promoted[0] + 70.0, 1800.0), 0);
    assert!(completions_in(&r, promoted[0] + 70.0, 1800.0) > 0);
}

#[test]
fn multi_az_alone_survives_an_instance_failure_before_the_alarm_fires() {
    let tpl = template::get("rds-failover").expect("template");
    let primary = id_of(&tpl.design, "Primary DB");
    let mut sc = tpl.scenario.clone();
    sc.timeline = vec![TimedEvent {
        at_s: 300.0,
        event: Event::InstanceFailure {
            target: primary,
            count: 1,
            mode: FailureMode::Crash,
        },
    }];
    let r = sim::run(&tpl.design, &sc).expect("runs");
    assert_eq!(log_times(&r, "failed over to its standby").len(), 1);
    assert!(log_times(&r, "goes to ALARM").is_empty());
    assert!(log_times(&r, "is promoted:").is_empty());
}

#[test]
fn a_named_region_travels_in_share_links_and_old_events_still_decode() {
    let tpl = template::get("r53-latency").expect("template");
    let mut sc = tpl.scenario.clone();
    sc.timeline = vec![
        outage(300.0, Some("us-east-1"), Some(60.0)),
        outage(600.0, None, None),
    ];
    let (_, back) = share::decode(&share::encode(&tpl.design, &sc)).expect("decodes");
    assert_eq!(back.timeline, sc.timeline);
    // An event written before regions had names means every region.
    let old = r#"{"at_s": 5, "event": {"type": "region_outage", "duration_s": 30}}"#;
    let e: TimedEvent = serde_json::from_str(old).expect("old event");
    assert_eq!(
        e.event,
        Event::RegionOutage {
            region: None,
            duration_s: Some(30.0)
        }
    );
    // And an unnamed outage is still written the old way.
    let text = serde_json::to_string(&outage(5.0, None, None)).expect("encodes");
    assert!(!text.contains("region\":"), "{text}");
}

#[test]
fn the_region_outage_preset_fails_the_first_region_drawn() {
    use skydraft_core::scenario::presets::{self, Misfit};
    let tpl = template::get("rds-failover").expect("template");
    let a = presets::apply("region-outage", &tpl.design, &tpl.scenario).expect("fits");
    assert_eq!(
        a.scenario.timeline,
        vec![outage(300.0, Some("us-east-1"), Some(900.0))]
    );
    assert!(
        a.notes[0].contains("us-west-2 keep running"),
        "{:?}",
        a.notes
    );
    // The promotion saves the application while us-east-1 is down.
    let r = sim::run(&tpl.design, &a.scenario).expect("runs");
    let promoted = log_times(&r, "is promoted:");
    assert_eq!(promoted.len(), 1);
    assert!(promoted[0] < 1200.0);
    assert_eq!(errors_in(&r, promoted[0] + 70.0, 1800.0), 0);
    // A design with no Region frame says what to draw.
    let mut d = tpl.design.clone();
    d.groups.clear();
    let misfit = presets::apply("region-outage", &d, &tpl.scenario).unwrap_err();
    assert_eq!(misfit, Misfit::NoRegion);
    assert!(misfit.to_string().contains("Region frame"));
}
