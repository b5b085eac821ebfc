//! API Gateway access and releases: a Lambda authorizer's invocation on each
//! client's cache miss, usage plans throttling one API key (one Users
//! component) while the others pass, and stage deployments with a canary
//! and rollbacks from the timeline.

use crate::support::{b, design, failing, log_times, n, scenario, t};
use skydraft_core::design::{ComponentId, Design, ParamValue};
use skydraft_core::run::Run;
use skydraft_core::scenario::{Event, Scenario, new_event};
use skydraft_core::{share, sim};

/// The API's id in every design here.
const API: ComponentId = ComponentId(2);

/// Users at `rate` with `clients` → an API (id 2, `api` settings) → an
/// HTTP backend answering in 50 ms with room for every request.
fn one_client(rate: f64, clients: f64, api: Vec<(&str, ParamValue)>) -> Design {
    design(
        &[
            (1, "users", vec![("rate", n(rate)), ("clients", n(clients))]),
            (2, "apigw", api),
            (
                3,
                "http_backend",
                vec![("latency_ms", n(50.0)), ("concurrency", n(10_000.0))],
            ),
        ],
        &[(1, 2), (2, 3)],
    )
}

/// Two Users components (ids 1 and 4) at `heavy` and `light` requests/s,
/// each its own API key, calling the same API (id 2, `api` settings).
fn two_keys(heavy: f64, light: f64, api: Vec<(&str, ParamValue)>) -> Design {
    design(
        &[
            (1, "users", vec![("rate", n(heavy))]),
            (2, "apigw", api),
            (
                3,
                "http_backend",
                vec![("latency_ms", n(50.0)), ("concurrency", n(10_000.0))],
            ),
            (4, "users", vec![("rate", n(light))]),
        ],
        &[(1, 2), (2, 3), (4, 2)],
    )
}

fn run(d: &Design, sc: &Scenario) -> Run {
    sim::run(d, sc).expect("runs")
}

/// The API's requests refused with 429.
fn refused(r: &Run) -> u64 {
    r.components
        .iter()
        .find(|c| c.id == API)
        .expect("the API is in the run")
        .rejections
}

/// Mean latency added by the authorizer setting `api` over none, ms.
fn added_ms(clients: f64, api: Vec<(&str, ParamValue)>) -> f64 {
    let sc = scenario(600.0, 3, 10.0, vec![]);
    let with = run(&one_client(100.0, clients, api), &sc);
    let without = run(&one_client(100.0, clients, vec![]), &sc);
    assert_eq!(with.totals.errors.total(), 0, "{:?}", with.totals.errors);
    with.totals.mean_ms - without.totals.mean_ms
}

/// A Lambda authorizer costs its invocation (20 ms) on a miss: every request
/// with its cache off, almost none when one client's answer stays cached for
/// 300 s, almost every one when each request comes from another client.
/// IAM is checked inside the stage's own time.
#[test]
fn a_lambda_authorizer_costs_an_invocation_on_each_clients_cache_miss() {
    let lambda = |ttl: f64| {
        vec![
            ("authorizer", t("lambda_token")),
            ("authorizer_cache_s", n(ttl)),
        ]
    };
    let uncached = added_ms(1.0, lambda(0.0));
    assert!((uncached - 20.0).abs() < 1.0, "{uncached} ms");
    let one_client = added_ms(1.0, lambda(300.0));
    assert!(one_client.abs() < 1.0, "{one_client} ms");
    // 60,000 requests over a million clients: nearly all are first visits.
    let every_client = added_ms(1_000_000.0, lambda(300.0));
    assert!(
        every_client > 18.0 && every_client < 21.0,
        "{every_client} ms"
    );
    let request = vec![
        ("authorizer", t("lambda_request")),
        ("authorizer_cache_s", n(0.0)),
    ];
    assert!((added_ms(1.0, request) - 20.0).abs() < 1.0);
    let iam = added_ms(1.0, vec![("authorizer", t("iam"))]);
    assert!(iam.abs() < 1.0, "{iam} ms");
}

/// A usage plan of 50 requests/s per key: the Users component sending 200
/// requests/s loses its excess (about 150/s) with 429, the one sending 20/s
/// loses nothing. One plan shared by both would refuse 170/s.
#[test]
fn a_usage_plan_throttles_only_the_heavy_clients_excess() {
    let plan = || vec![("usage_plan_rps", n(50.0)), ("usage_plan_burst", n(50.0))];
    let sc = scenario(300.0, 5, 10.0, vec![]);
    let both = run(&two_keys(200.0, 20.0, plan()), &sc);
    let excess = 150.0 * 300.0;
    let got = refused(&both) as f64;
    assert!((got - excess).abs() < 0.03 * excess, "{got} refused");
    assert_eq!(both.totals.errors.throttled, refused(&both));
    // The light client alone (the heavy one sends nothing) is never refused.
    let light = run(&two_keys(0.0, 20.0, plan()), &sc);
    assert!(light.totals.requests > 5_000);
    assert_eq!(refused(&light), 0);
    // Without a plan nobody is refused.
    assert_eq!(refused(&run(&two_keys(200.0, 20.0, vec![]), &sc)), 0);
    // An HTTP API has no usage plans: validation refuses the run.
    let mut http = plan();
    http.push(("api_type", t("http")));
    assert!(sim::run(&two_keys(200.0, 20.0, http), &sc).is_err());
}

/// A daily quota of 1,000 requests per key: each of the two Users
/// components gets exactly 1,000 answers, the rest 429.
#[test]
fn a_usage_plan_quota_counts_each_keys_requests_of_the_day() {
    let quota = vec![("usage_plan_quota", n(1000.0))];
    let r = run(
        &two_keys(20.0, 10.0, quota),
        &scenario(300.0, 5, 10.0, vec![]),
    );
    assert_eq!(r.totals.completions, 2_000);
    assert_eq!(r.totals.errors.throttled, r.totals.requests - 2_000);
}

fn deploy(at_s: f64, error_rate: f64, canary: Option<f64>) -> (f64, Event) {
    (
        at_s,
        Event::ApiDeployment {
            target: API,
            error_rate,
            canary,
        },
    )
}

fn rollback(at_s: f64) -> (f64, Event) {
    (at_s, Event::StageRollback { target: API })
}

/// A canary taking 10 % of the requests and failing 30 % of them fails
/// about 3 %; rolling it back ends that. A deployment to the whole stage
/// failing half its requests fails half; rolling back restores the earlier
/// one. A third rollback has nothing to go back to and says so.
#[test]
fn stage_deployments_fail_their_share_until_rolled_back() {
    let events = vec![
        deploy(100.0, 0.3, Some(0.1)),
        rollback(200.0),
        deploy(300.0, 0.5, None),
        rollback(400.0),
        rollback(500.0),
    ];
    let sc = scenario(600.0, 9, 1.0, events);
    let r = run(&one_client(200.0, 100.0, vec![]), &sc);
    assert_eq!(failing(&r, 0.0, 100.0), 0.0);
    let canary = failing(&r, 100.0, 100.0);
    assert!((canary - 0.03).abs() < 0.008, "{canary}");
    assert_eq!(failing(&r, 200.0, 100.0), 0.0);
    let whole = failing(&r, 300.0, 100.0);
    assert!((whole - 0.5).abs() < 0.02, "{whole}");
    assert_eq!(failing(&r, 400.0, 200.0), 0.0);
    assert_eq!(
        log_times(&r, "canary deployment takes 10 % of the stage's requests"),
        vec![100.0]
    );
    assert_eq!(
        log_times(&r, "the canary deployment is removed"),
        vec![200.0]
    );
    assert_eq!(
        log_times(&r, "rolls back to its previous deployment"),
        vec![400.0]
    );
    assert_eq!(log_times(&r, "stage rollback skipped"), vec![500.0]);
}

/// A deployment aimed at something that is not an API stage is ignored.
#[test]
fn a_stage_deployment_aimed_elsewhere_is_ignored() {
    let ev = (
        100.0,
        Event::ApiDeployment {
            target: ComponentId(3),
            error_rate: 1.0,
            canary: None,
        },
    );
    let r = run(
        &one_client(100.0, 1.0, vec![]),
        &scenario(200.0, 1, 1.0, vec![ev]),
    );
    assert_eq!(r.totals.errors.total(), 0);
    assert_eq!(log_times(&r, "timeline event ignored").len(), 1);
}

/// The new settings and events travel through a share link, and the form's
/// new events aim at the design's API.
#[test]
fn access_settings_and_stage_events_survive_a_share_link() {
    let d = one_client(
        120.0,
        10.0,
        vec![
            ("authorizer", t("cognito")),
            ("authorizer_cache_s", n(60.0)),
            ("usage_plan_rps", n(5.0)),
            ("usage_plan_quota", n(10_000.0)),
            ("cors", b(true)),
        ],
    );
    let sc = scenario(
        300.0,
        2,
        10.0,
        vec![
            deploy(60.0, 0.2, Some(0.25)),
            deploy(90.0, 0.0, None),
            rollback(120.0),
        ],
    );
    let (back_d, back) = share::decode(&share::encode(&d, &sc)).expect("decodes");
    assert_eq!(back_d, d);
    assert_eq!(back, sc);
    assert_eq!(
        new_event("api_deployment", &d),
        Some(Event::ApiDeployment {
            target: API,
            error_rate: 0.0,
            canary: None,
        })
    );
    assert_eq!(
        new_event("stage_rollback", &d),
        Some(Event::StageRollback { target: API })
    );
    let no_api = design(&[(1, "users", vec![])], &[]);
    assert_eq!(new_event("stage_rollback", &no_api), None);
}
