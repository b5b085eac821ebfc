//! Built-in challenges: each starting design fails, each reference solution
//! passes every variant; latency goals count failed requests; locks and
//! constraints give typed violations.

use skydraft_core::catalog::Kind;
use skydraft_core::challenge::{
    self, Aggregation, Challenge, ChallengeError, Goal, Metric, Op, Variant, Violation,
};
use skydraft_core::run::{Bucket, Errors, Histogram, Run};

fn check_builtin(id: &str) {
    let c = challenge::get(id).expect("the challenge exists");
    challenge::check_challenge(&c).expect("the challenge can be judged");
    assert!(c.note.len() > 100, "{id} needs a teaching note");
    assert!(!c.brief.is_empty(), "{id} needs a brief");
    let start = challenge::judge(&c, &c.start).expect("judged");
    assert!(!start.passed, "{id}: the starting design passes");
    assert!(start.violations.is_empty(), "{id}: {:?}", start.violations);
    assert!(start.refused.is_none(), "{id}: {:?}", start.refused);
    let failed: Vec<_> = start.goals.iter().filter(|g| !g.passed).collect();
    assert!(!failed.is_empty());
    assert_eq!(start.goals_met(), start.goals.len() - failed.len());
    let n = start.goals.len();
    let plural = if n == 1 { "" } else { "s" };
    let met = format!("{} of {n} goal{plural} met", start.goals_met());
    assert_eq!(start.met_line(), met);
    assert_eq!(start.summary(), format!("Not passed yet · {met}"));
    for g in &failed {
        let reason = g.reason.as_ref().expect("a failed goal has a reason");
        assert!(!reason.text.is_empty(), "{id}: {}", g.id);
    }
    check_hints(
        &c,
        &failed.iter().map(|g| g.id.as_str()).collect::<Vec<_>>(),
    );
    let reference = c.reference.as_ref().expect("a reference solution");
    let v = challenge::judge(&c, reference).expect("judged");
    assert!(
        v.passed,
        "{id}: the reference fails: {:?} {:?}",
        v.violations,
        v.goals
            .iter()
            .filter(|g| !g.passed)
            .map(|g| (&g.text, &g.worst.variant))
            .collect::<Vec<_>>()
    );
    assert_eq!(v.points, v.max_points);
    assert_eq!(v.goals_met(), v.goals.len());
    assert_eq!(v.summary(), format!("Passed · {n} of {n} goal{plural} met"));
    assert_eq!(v.runs as usize, challenge::variants(&c).len());
    assert!(v.goals.iter().all(|g| g.reason.is_none()));
    assert_eq!(v.bonus.len(), c.bonus.len());
    for b in &v.bonus {
        eprintln!("{id}: bonus {}: {} ({})", b.id, b.text, b.margin);
    }
}

/// Every hint names a goal of the challenge (or none), and some hint helps
/// with what the starting design failed.
fn check_hints(c: &Challenge, failed: &[&str]) {
    let id = &c.id;
    assert!(!c.hints.is_empty(), "{id} needs hints");
    let goals: Vec<&str> = c.all_goals().map(|(g, _)| g.id.as_str()).collect();
    for h in &c.hints {
        if let Some(g) = &h.goal {
            assert!(goals.contains(&g.as_str()), "{id}: a hint names goal {g}");
        }
        assert!(
            h.after_failures >= 1,
            "{id}: a hint shows before any attempt"
        );
    }
    assert!(
        !c.hints_for(u32::MAX, failed).is_empty(),
        "{id}: no hint helps with {failed:?}"
    );
}

macro_rules! builtin_tests {
    ($($name:ident = $id:literal,)*) => {
        $(
            #[test]
            fn $name() {
                check_builtin($id);
            }
        )*

        #[test]
        fn every_builtin_is_tested_once() {
            let mut tested = vec![$($id,)*];
            tested.sort_unstable();
            let mut ids = challenge::ids();
            ids.sort_unstable();
            assert_eq!(ids, tested);
        }
    };
}

builtin_tests! {
    az_outage = "az-outage",
    cross_zone = "cross-zone",
    stickiness = "stickiness",
    warmup_cooldown = "warmup-cooldown",
    lifecycle_drain = "lifecycle-drain",
    scheduled_peak = "scheduled-peak",
    spot_mix = "spot-mix",
    lambda_cold = "lambda-cold",
    throttle_queue = "throttle-queue",
    dns_failover = "dns-failover",
    canary_rollback = "canary-rollback",
    cheapest_latency = "cheapest-latency",
}

#[test]
fn at_least_twelve_challenges_with_unique_ids_that_are_not_kind_ids() {
    let ids = challenge::ids();
    assert!(ids.len() >= 12);
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), ids.len());
    for id in &ids {
        assert!(id.parse::<Kind>().is_err(), "{id} reads as a kind");
        assert!(!id.contains('.') && !id.contains('&') && !id.contains('='));
    }
}

#[test]
fn each_az_in_turn_runs_every_seed_once_per_zone() {
    let c = challenge::get("az-outage").expect("exists");
    let v = challenge::variants(&c);
    assert_eq!(v.len(), 2);
    assert_eq!(v[0].az.as_deref(), Some("us-east-1a"));
    let s = challenge::scenario_of(&c, &v[1]);
    assert_eq!(s.timeline.len(), c.scenario.timeline.len() + 1);
    assert_eq!(s.seed, v[1].seed);
    let verdict = challenge::judge(&c, &c.start).expect("judged");
    // The worst run names the zone whose loss hurt.
    assert_eq!(
        verdict.goals[0].worst.variant.az.as_deref(),
        Some("us-east-1a")
    );
}

/// A run with one bucket: `ok` completions at 10 ms each and `failed` errors.
fn one_bucket(ok: u64, failed: u64) -> Run {
    let mut h = Histogram::default();
    // Below 128 µs every slot is one microsecond: slot 100 is 0.1 ms.
    h.slots.push((100, ok));
    Run {
        bucket_s: 10.0,
        duration_s: 10.0,
        buckets: vec![Bucket {
            start_s: 0.0,
            requests: ok + failed,
            completions: ok,
            p50_ms: 0.1,
            p95_ms: 0.1,
            p99_ms: 0.1,
            mean_ms: 0.1,
            errors: Errors {
                rejected: failed,
                ..Errors::default()
            },
            retries: 0,
            latency: h,
            cost_usd: 0.0,
        }],
        ..Run::default()
    }
}

fn p99_goal() -> Goal {
    Goal {
        id: "p99".into(),
        metric: Metric::LatencyP99,
        op: Op::AtMost,
        value: 1.0,
        over: Aggregation::AfterWarmup,
        points: 1,
    }
}

fn verdict_of(run: Run) -> challenge::Verdict {
    let mut c = challenge::get("cheapest-latency").expect("exists");
    c.goals = vec![p99_goal()];
    c.constraints = Default::default();
    c.scenario.warmup_s = 0.0;
    let v = Variant { seed: 1, az: None };
    challenge::verdict_from_runs(&c, &c.start.clone(), &[(v, Ok(run))])
}

#[test]
fn dropping_requests_never_improves_p99() {
    // The run reports p99 over completions only: 0.1 ms either way.
    let all_served = one_bucket(1000, 0);
    let dropped = one_bucket(980, 20);
    assert_eq!(all_served.buckets[0].p99_ms, dropped.buckets[0].p99_ms);
    let served = verdict_of(all_served);
    assert!(served.passed);
    assert_eq!(served.goals[0].value, Some(0.1));
    // Counting the failed requests, 2% failed puts p99 among them.
    let v = verdict_of(dropped);
    assert!(!v.passed);
    assert_eq!(v.goals[0].value, None);
    assert!(v.goals[0].text.contains("failed"), "{}", v.goals[0].text);
    // A few failures below 1% still leave p99 with a value, never a lower one.
    let few = verdict_of(one_bucket(1000, 5));
    assert!(few.goals[0].value >= Some(0.1));
}

#[test]
fn locks_and_constraints_give_typed_violations() {
    let c: Challenge = challenge::get("cross-zone").expect("exists");
    let mut d = c.start.clone();
    // Remove a locked server, add Users, add a forbidden kind.
    let web = c.locked.components[1];
    d.components.retain(|x| x.id != web);
    d.links.retain(|l| l.to != web && l.from != web);
    let mut users = d
        .components
        .iter()
        .find(|x| x.is(Kind::Users))
        .expect("users")
        .clone();
    users.id = d.next_component_id();
    d.components.push(users);
    let mut c2 = c.clone();
    c2.constraints.forbidden = vec![Kind::Users];
    c2.constraints.max_components = Some(2);
    let found = challenge::check_design(&c2, &d);
    assert!(
        found
            .iter()
            .any(|v| matches!(v, Violation::LockedRemoved { .. })),
        "{found:?}"
    );
    assert!(
        found
            .iter()
            .any(|v| matches!(v, Violation::TrafficAdded { .. }))
    );
    assert!(
        found
            .iter()
            .any(|v| matches!(v, Violation::KindNotAllowed { .. }))
    );
    assert!(
        found
            .iter()
            .any(|v| matches!(v, Violation::TooManyComponents { count: 5, max: 2 }))
    );
    // A changed setting on a locked component is named.
    let mut d = c.start.clone();
    if let Some(x) = d.components.iter_mut().find(|x| x.id == web) {
        x.params.insert("instance_type".into(), "c5.xlarge".into());
    }
    let found = challenge::check_design(&c, &d);
    assert_eq!(found.len(), 1);
    assert!(
        found[0].to_string().contains("instance type"),
        "{}",
        found[0]
    );
    // A violation scores nothing, even when the goals hold.
    let reference = c.reference.clone().expect("reference");
    let mut broken = reference.clone();
    broken.components.retain(|x| x.id != web);
    broken.links.retain(|l| l.to != web);
    let v = challenge::judge(&c, &broken).expect("judged");
    assert!(!v.passed);
    assert_eq!(v.points, 0);
}

#[test]
fn a_budget_over_the_first_run_is_a_violation() {
    let mut c = challenge::get("cheapest-latency").expect("exists");
    c.constraints.budget_per_hour = Some(0.5);
    let v = challenge::judge(&c, &c.start).expect("judged");
    assert!(
        v.violations
            .iter()
            .any(|v| matches!(v, Violation::OverBudget { .. }))
    );
    let ok = challenge::judge(&c, c.reference.as_ref().expect("ref")).expect("judged");
    assert!(ok.violations.is_empty() && ok.passed);
}

#[test]
fn unsound_challenges_are_refused_with_a_reason() {
    let base = challenge::get("dns-failover").expect("exists");
    let mut c = base.clone();
    c.goals.clear();
    assert_eq!(challenge::check_challenge(&c), Err(ChallengeError::NoGoals));
    let mut c = base.clone();
    c.variants.seeds = (0..40).collect();
    assert!(matches!(
        challenge::check_challenge(&c),
        Err(ChallengeError::Variants(40))
    ));
    let mut c = base.clone();
    c.goals[0].over = Aggregation::AfterWarmup;
    assert!(matches!(
        challenge::check_challenge(&c),
        Err(ChallengeError::RecoveryWithoutEvent { .. })
    ));
    let mut c = base.clone();
    c.scenario.timeline.clear();
    assert!(matches!(
        challenge::check_challenge(&c),
        Err(ChallengeError::NoSuchEvent { .. })
    ));
    let mut c = base;
    c.format = 99;
    let e = challenge::check_challenge(&c).expect_err("refused");
    assert!(e.to_string().contains("99"));
    assert!(challenge::judge(&c, &c.start).is_err());
}

#[test]
fn hints_show_after_enough_failures_for_failed_goals() {
    let c = challenge::get("az-outage").expect("exists");
    assert!(c.hints_for(0, &["errors"]).is_empty());
    assert_eq!(c.hints_for(1, &["errors"]).len(), 1);
    assert_eq!(c.hints_for(5, &["errors"]).len(), 2);
    assert!(c.hints_for(5, &["other"]).is_empty());
}

#[test]
fn a_challenge_round_trips_through_json() {
    for c in challenge::all() {
        let json = serde_json::to_string(&c).expect("serializes");
        let back: Challenge = serde_json::from_str(&json).expect("deserializes");
        assert_eq!(back, c);
    }
    let bad = r#"{"format":1,"id":"x","title":"x","start":{"schema":1},"scenario":{"duration_s":60,"seed":1,"bucket_s":10},"constraints":{"allowed":["no-such-kind"]}}"#;
    assert!(serde_json::from_str::<Challenge>(bad).is_err());
}

#[test]
fn bonus_goals_add_points_and_never_decide_pass_or_fail() {
    let mut c = challenge::get("cheapest-latency").expect("the challenge exists");
    let reference = c.reference.clone().expect("a reference solution");
    let cost = c
        .goals
        .iter()
        .find(|g| g.id == "cost")
        .expect("a cost goal");
    let mut impossible = cost.clone();
    impossible.id = "free".to_owned();
    impossible.value = 0.000_1;
    let mut easy = cost.clone();
    easy.id = "generous".to_owned();
    easy.value = 1_000.0;
    easy.points = 3;
    c.bonus = vec![impossible, easy];
    let v = challenge::judge(&c, &reference).expect("judged");
    assert!(v.passed, "a missed bonus goal failed the challenge");
    assert_eq!(v.points, v.max_points);
    assert!(!v.bonus[0].passed && v.bonus[1].passed);
    assert_eq!(v.bonus_points, 3);
    let start = challenge::judge(&c, &c.start).expect("judged");
    assert!(!start.passed, "a met bonus goal passed the challenge");
}

/// The reference with its Auto Scaling group's settings changed.
fn reference_with(
    id: &str,
    settings: &[(&str, skydraft_core::design::ParamValue)],
) -> challenge::Verdict {
    let c = challenge::get(id).expect("the challenge exists");
    let mut d = c.reference.clone().expect("a reference solution");
    let group = d
        .components
        .iter_mut()
        .find(|c| c.kind == Kind::Asg.spec().id)
        .expect("a group");
    for (k, v) in settings {
        group.params.insert((*k).to_owned(), v.clone());
    }
    challenge::judge(&c, &d).expect("judged")
}

#[test]
fn the_builtin_bonus_goals_can_be_earned() {
    // The reference solutions leave the bonus to the student.
    let n = |v: f64| v.into();
    let cheap = reference_with(
        "cheapest-latency",
        &[
            ("instance_type", "t3.micro".into()),
            ("min", n(6.0)),
            ("desired", n(6.0)),
            ("max", n(6.0)),
        ],
    );
    assert!(
        cheap.passed && cheap.bonus.iter().all(|b| b.passed),
        "{:?}",
        cheap.bonus
    );
    assert_eq!(cheap.bonus_points, 1);
    let spread = reference_with(
        "az-outage",
        &[
            ("azs", n(3.0)),
            ("min", n(6.0)),
            ("desired", n(6.0)),
            ("max", n(6.0)),
        ],
    );
    assert!(
        spread.passed && spread.bonus.iter().all(|b| b.passed),
        "{:?}",
        spread.bonus
    );
    for id in ["cheapest-latency", "az-outage"] {
        let c = challenge::get(id).expect("exists");
        let v = challenge::judge(&c, c.reference.as_ref().expect("a reference")).expect("judged");
        assert!(
            v.passed && v.bonus_points == 0,
            "{id}: the reference takes the bonus"
        );
    }
}

#[test]
fn a_throttle_is_explained_by_the_throttler_not_the_busy_backend_behind_it() {
    let c = challenge::get("throttle-queue").expect("exists");
    let v = challenge::judge(&c, &c.start).expect("judged");
    for id in ["throttled", "errors"] {
        let g = v.goals.iter().find(|g| g.id == id).expect("the goal");
        let reason = g.reason.as_ref().expect("a failed goal has a reason");
        let api = c
            .start
            .components
            .iter()
            .find(|x| x.kind == Kind::ApiGateway.spec().id)
            .expect("an API");
        assert_eq!(reason.component, Some(api.id), "{id}: {}", reason.text);
        assert!(reason.text.contains("throttled first"), "{}", reason.text);
        assert_eq!(reason.at_s, Some(90.0), "the burst starts at 1:30");
    }
}
