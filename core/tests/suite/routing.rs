//! Request routing: a call's probability and count, a tier routing to one
//! downstream by weight, an ALB's path rules, and open Jackson networks
//! built as real designs that must reproduce their closed forms.
//!
//! The networks are feed-forward: Users → EC2 instances with `c` workers,
//! exponential service (20 ms, 7 ms, 12 ms: the time unit is not 1) and an
//! unbounded queue, joined by asynchronous hand-offs. The traffic equations
//! give each node's arrival rate λᵢ; each node is then M/M/c (Burke: the
//! departures of an M/M/c queue are Poisson, and thinning or a random split
//! keeps them Poisson), so its mean wait and mean number in the system are
//! Erlang C's. A call made twice per request sends pairs: that node is
//! M^[2]/M/1 instead, whose mean number is ρ(1 + E[X²]/E[X]) / (2(1 − ρ)).

use skydraft_core::catalog::Kind;
use skydraft_core::design::{ComponentId, Design, LinkId, ParamValue};
use skydraft_core::run::Run;
use skydraft_core::scenario::Scenario;
use skydraft_core::validate::{self, Severity};

use crate::support::{Part, design, n, t};

/// An EC2 instance serving with `c` workers, mean `ms`, unbounded queue.
fn node(id: u32, c: u32, ms: f64) -> Part<'static> {
    (
        id,
        "ec2",
        vec![
            ("workers", n(f64::from(c))),
            ("queue", n(100_000.0)),
            ("service_ms", n(ms)),
            ("service_dist", t("exponential")),
            ("instance_type", t("m5.large")),
        ],
    )
}

/// Users sending `rate` requests per second.
fn users(id: u32, rate: f64) -> Part<'static> {
    (
        id,
        "users",
        vec![("rate", n(rate)), ("timeout_s", n(900.0))],
    )
}

/// Sets a link's parameter.
fn set(d: &mut Design, link: u32, id: &str, v: ParamValue) {
    let l = d
        .links
        .iter_mut()
        .find(|l| l.id == LinkId(link))
        .expect("link exists");
    l.params.insert(id.to_owned(), v);
}

/// Routes component `id` to one downstream by weight.
fn by_weight(d: &mut Design, id: u32) {
    let c = d
        .components
        .iter_mut()
        .find(|c| c.id == ComponentId(id))
        .expect("component exists");
    c.params.insert("routing".into(), t("weight"));
}

fn run(d: &Design, seed: u64, duration_s: f64, warmup_s: f64) -> Run {
    let sc = Scenario {
        duration_s,
        seed,
        bucket_s: duration_s / 10.0,
        warmup_s,
        ..Scenario::default()
    };
    skydraft_core::sim::run(d, &sc).expect("runs")
}

/// Erlang C: (mean wait, mean number in the system) of M/M/c with arrival
/// rate `lam` per ms and mean service `s` ms.
fn erlang_c(lam: f64, s: f64, c: u32) -> (f64, f64) {
    let a = lam * s;
    let rho = a / f64::from(c);
    assert!(rho < 1.0, "stable");
    let mut term = 1.0;
    let mut sum = 0.0;
    for k in 0..c {
        if k > 0 {
            term *= a / f64::from(k);
        }
        sum += term;
    }
    let top = term * a / f64::from(c) / (1.0 - rho);
    let p_wait = top / (sum + top);
    let wq = p_wait * s / (f64::from(c) * (1.0 - rho));
    (wq, lam * (wq + s))
}

/// Mean wait (ms) and mean number of M^[2]/M/1: pairs arrive at `pairs`
/// per ms, each member needs mean `s` ms.
fn batch_of_two(pairs: f64, s: f64) -> (f64, f64) {
    let rho = 2.0 * pairs * s;
    assert!(rho < 1.0, "stable");
    let l = rho * (1.0 + 4.0 / 2.0) / (2.0 * (1.0 - rho));
    let w = l / (2.0 * pairs);
    (w - s, l)
}

/// One node's expected arrival rate (per ms), servers and closed form.
struct Expect {
    id: u32,
    lam: f64,
    wq: f64,
    l: f64,
}

/// Runs `d` over `seeds` seeds of `customers` arrivals at rate `lam0` per
/// ms and compares each node's arrivals, mean wait and mean number with
/// the closed form: arrivals within 1.5 %, L within 4 %, Wq within 6 % of
/// the mean time in the system (the existing cases' order of accuracy).
fn check(d: &Design, lam0: f64, expect: &[Expect]) {
    let seeds = 4;
    let customers = 200_000.0;
    let duration_ms = customers / lam0;
    let warmup_ms = duration_ms / 40.0;
    let (dur_s, warm_s) = (duration_ms / 1000.0, warmup_ms / 1000.0);
    let measured_ms = duration_ms - warmup_ms;
    let mut got = vec![(0.0, 0.0, 0.0); expect.len()];
    for seed in 1..=seeds {
        let run = run(d, seed, dur_s, warm_s);
        for (k, e) in expect.iter().enumerate() {
            let s = run.component(ComponentId(e.id)).expect("summary");
            assert_eq!(s.rejections + s.failures, 0, "node {}", e.id);
            let f = 1.0 / f64::from(seeds as u32);
            got[k].0 += s.requests as f64 / measured_ms * f;
            got[k].1 += s.mean_wait_ms * f;
            got[k].2 += s.mean_in_flight * f;
        }
    }
    let mut failures = Vec::new();
    for (e, &(lam, wq, l)) in expect.iter().zip(&got) {
        let w = e.wq + e.l / e.lam;
        eprintln!(
            "node {}: λ {lam:.5} ({:.5}) Wq {wq:.3} ({:.3}) L {l:.4} ({:.4})",
            e.id, e.lam, e.wq, e.l
        );
        if (lam / e.lam - 1.0).abs() > 0.015 {
            failures.push(format!("node {} λ {lam} vs {}", e.id, e.lam));
        }
        if (l / e.l - 1.0).abs() > 0.04 {
            failures.push(format!("node {} L {l} vs {}", e.id, e.l));
        }
        if (wq - e.wq).abs() > 0.06 * w {
            failures.push(format!("node {} Wq {wq} vs {}", e.id, e.wq));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn expect(id: u32, lam: f64, s: f64, c: u32) -> Expect {
    let (wq, l) = erlang_c(lam, s, c);
    Expect { id, lam, wq, l }
}

/// A split: node 2 (c = 3, 20 ms) hands each request to node 3 (c = 2,
/// 7 ms) with weight 1 or to node 4 (c = 2, 12 ms) with weight 3.
/// λ₃ = λ/4, λ₄ = 3λ/4.
#[test]
fn jackson_split_by_weight() {
    let mut d = design(
        &[
            users(1, 120.0),
            node(2, 3, 20.0),
            node(3, 2, 7.0),
            node(4, 2, 12.0),
        ],
        &[(1, 2), (2, 3), (2, 4)],
    );
    by_weight(&mut d, 2);
    set(&mut d, 3, "weight", n(3.0));
    let lam = 0.12;
    check(
        &d,
        lam,
        &[
            expect(2, lam, 20.0, 3),
            expect(3, lam / 4.0, 7.0, 2),
            expect(4, 0.75 * lam, 12.0, 2),
        ],
    );
}

/// A merge: node 2 (c = 2, 7 ms) hands a request on to node 3 with
/// probability 0.4; node 4 (c = 3, 20 ms) hands every request to node 3 as
/// well, which also gets its own users; node 3 (c = 2, 12 ms) sums them.
/// λ₃ = 0.4 λ₂ + λ₄ + λ₅.
#[test]
fn jackson_merge_with_probability() {
    let mut d = design(
        &[
            users(1, 150.0),
            node(2, 2, 7.0),
            node(3, 2, 12.0),
            node(4, 3, 20.0),
            users(5, 60.0),
            users(6, 30.0),
        ],
        &[(1, 2), (2, 3), (5, 4), (4, 3), (6, 3)],
    );
    set(&mut d, 2, "probability", n(0.4));
    let (l2, l4, l6) = (0.15, 0.06, 0.03);
    let l3 = 0.4 * l2 + l4 + l6;
    check(
        &d,
        l2 + l4 + l6,
        &[
            expect(2, l2, 7.0, 2),
            expect(4, l4, 20.0, 3),
            expect(3, l3, 12.0, 2),
        ],
    );
}

/// A tandem: node 2 (c = 2, 20 ms) hands half its requests to node 3
/// (c = 2, 7 ms), which hands each of them twice to node 4 (c = 1,
/// 12 ms). λ₃ = λ/2, and node 4 gets pairs at λ/2: M^[2]/M/1.
#[test]
fn jackson_tandem_with_a_call_made_twice() {
    let mut d = design(
        &[
            users(1, 70.0),
            node(2, 2, 20.0),
            node(3, 2, 7.0),
            node(4, 1, 12.0),
        ],
        &[(1, 2), (2, 3), (3, 4)],
    );
    set(&mut d, 2, "probability", n(0.5));
    set(&mut d, 3, "count", n(2.0));
    let lam = 0.07;
    let (wq4, l4) = batch_of_two(lam / 2.0, 12.0);
    check(
        &d,
        lam,
        &[
            expect(2, lam, 20.0, 2),
            expect(3, lam / 2.0, 7.0, 2),
            Expect {
                id: 4,
                lam,
                wq: wq4,
                l: l4,
            },
        ],
    );
}

/// Requests reaching component `id` per request reaching the tier (2).
fn share(d: &Design, id: u32) -> f64 {
    let r = run(d, 3, 400.0, 20.0);
    let requests = |i| r.component(ComponentId(i)).expect("summary").requests as f64;
    requests(id) / requests(2)
}

/// Cache-aside drawn with a probability: the app calls the cache on every
/// request and the database with probability 1 − hit ratio (0.3 here),
/// whatever the cache's own hit ratio says: the link's probability stands
/// for the miss rate and the cache does not skip the database again.
#[test]
fn cache_aside_by_probability_sends_the_database_the_miss_share() {
    let mut d = design(
        &[
            users(1, 200.0),
            node(2, 16, 5.0),
            (3, "elasticache", vec![("hit_ratio", n(90.0))]),
            (4, "rds", vec![]),
        ],
        &[(1, 2), (2, 3), (2, 4)],
    );
    set(&mut d, 3, "probability", n(0.3));
    let cache = share(&d, 3);
    let db = share(&d, 4);
    assert!((cache - 1.0).abs() < 1e-3, "cache {cache}");
    assert!((db - 0.3).abs() < 0.01, "database {db}");
}

/// Routing by weight splits as weighted (1 : 3), and count 2 doubles the
/// downstream's arrivals; a synchronous call made twice is waited for twice.
#[test]
fn weights_split_and_count_doubles() {
    let mut d = design(
        &[
            users(1, 200.0),
            node(2, 16, 5.0),
            (3, "rds", vec![]),
            (4, "rds", vec![]),
        ],
        &[(1, 2), (2, 3), (2, 4)],
    );
    by_weight(&mut d, 2);
    set(&mut d, 3, "weight", n(3.0));
    let (a, b) = (share(&d, 3), share(&d, 4));
    assert!(
        (a - 0.25).abs() < 0.01 && (b - 0.75).abs() < 0.01,
        "{a} {b}"
    );
    let mut twice = design(
        &[users(1, 200.0), node(2, 16, 5.0), (3, "rds", vec![])],
        &[(1, 2), (2, 3)],
    );
    let once_ms = run(&twice, 3, 400.0, 20.0)
        .component(ComponentId(2))
        .expect("app")
        .mean_time_ms;
    set(&mut twice, 2, "count", n(2.0));
    let r = share(&twice, 3);
    assert!((r - 2.0).abs() < 1e-3, "{r}");
    let twice_ms = run(&twice, 3, 400.0, 20.0)
        .component(ComponentId(2))
        .expect("app")
        .mean_time_ms;
    assert!(twice_ms > once_ms + 4.0, "{once_ms} then {twice_ms}");
}

/// Path rules on one ALB: /api/* matches 30 % and /img/* 50 % of requests,
/// the default group takes the remaining 20 %.
#[test]
fn alb_path_rules_send_each_group_its_share() {
    let mut d = design(
        &[
            users(1, 300.0),
            (2, "alb", vec![]),
            node(3, 16, 5.0),
            node(4, 16, 5.0),
            node(5, 16, 5.0),
        ],
        &[(1, 2), (2, 3), (2, 4), (2, 5)],
    );
    set(&mut d, 2, "path", t("/api/*"));
    set(&mut d, 2, "path_pct", n(30.0));
    set(&mut d, 3, "path", t("/img/*"));
    set(&mut d, 3, "path_pct", n(50.0));
    let r = run(&d, 5, 400.0, 20.0);
    let total: f64 = [3, 4, 5]
        .iter()
        .map(|&i| r.component(ComponentId(i)).expect("tg").requests as f64)
        .sum();
    for (id, want) in [(3, 0.3), (4, 0.5), (5, 0.2)] {
        let got = r.component(ComponentId(id)).expect("tg").requests as f64 / total;
        assert!((got - want).abs() < 0.01, "{id}: {got} vs {want}");
    }
    // Shares over 100 % are refused with a reason.
    set(&mut d, 3, "path_pct", n(80.0));
    let diags = validate::validate(&d);
    let over = diags
        .iter()
        .find(|x| x.rule == "alb-path-shares")
        .expect("flagged");
    assert_eq!(over.severity, Severity::Error);
    assert!(over.message.contains("110"), "{}", over.message);
}

/// Out-of-range settings, all-zero weights and a mode that makes no sense
/// are each reported, with the consequence and the fix.
#[test]
fn routing_settings_are_validated() {
    let rules = |d: &Design| -> Vec<(&'static str, Severity)> {
        validate::validate(d)
            .iter()
            .map(|x| (x.rule, x.severity))
            .collect()
    };
    let base = design(
        &[
            users(1, 10.0),
            node(2, 4, 5.0),
            node(3, 4, 5.0),
            node(4, 4, 5.0),
        ],
        &[(1, 2), (2, 3), (2, 4)],
    );
    let clean = rules(&base);
    for rule in [
        "call-probability",
        "call-count",
        "route-weights-zero",
        "route-mode",
    ] {
        assert!(
            !clean.iter().any(|r| r.0 == rule),
            "{rule} on a clean design"
        );
    }
    let mut d = base.clone();
    set(&mut d, 2, "probability", n(1.5));
    set(&mut d, 3, "count", n(2.5));
    let got = rules(&d);
    assert!(
        got.contains(&("call-probability", Severity::Error)),
        "{got:?}"
    );
    assert!(got.contains(&("call-count", Severity::Error)), "{got:?}");
    let mut d = base.clone();
    by_weight(&mut d, 2);
    set(&mut d, 2, "weight", n(0.0));
    set(&mut d, 3, "weight", n(0.0));
    assert!(rules(&d).contains(&("route-weights-zero", Severity::Error)));
    let diag = validate::validate(&d)
        .into_iter()
        .find(|x| x.rule == "route-weights-zero")
        .expect("found");
    assert!(!diag.consequence.is_empty() && diag.fix.contains("weight"));
    assert!(skydraft_core::sim::run(&d, &Scenario::default()).is_err());
    // One call only: nothing to choose between.
    let mut one = design(
        &[users(1, 10.0), node(2, 4, 5.0), node(3, 4, 5.0)],
        &[(1, 2), (2, 3)],
    );
    by_weight(&mut one, 2);
    assert!(rules(&one).contains(&("route-mode", Severity::Warning)));
    // A kind that does not route.
    let mut db = design(&[users(1, 10.0), (2, "rds", vec![])], &[(1, 2)]);
    by_weight(&mut db, 2);
    assert!(rules(&db).contains(&("route-mode", Severity::Warning)));
    // A topic delivers every message: a probability on it is ignored.
    let mut topic = design(
        &[
            users(1, 10.0),
            node(2, 4, 5.0),
            (3, "sns", vec![]),
            (4, "sqs", vec![]),
        ],
        &[(1, 2), (2, 3), (3, 4)],
    );
    assert!(!rules(&topic).iter().any(|r| r.0 == "call-settings-ignored"));
    set(&mut topic, 3, "probability", n(0.5));
    assert!(rules(&topic).contains(&("call-settings-ignored", Severity::Warning)));
}

/// Every default (probability 1, one call, each downstream) draws nothing
/// new: the same design with the defaults written out runs identically.
#[test]
fn written_defaults_change_nothing() {
    let d = design(
        &[
            users(1, 100.0),
            node(2, 4, 5.0),
            node(3, 4, 5.0),
            (4, "rds", vec![]),
        ],
        &[(1, 2), (2, 3), (2, 4)],
    );
    let mut e = d.clone();
    for l in 1..=3 {
        set(&mut e, l, "probability", n(1.0));
        set(&mut e, l, "count", n(1.0));
    }
    let c = e
        .components
        .iter_mut()
        .find(|c| c.id == ComponentId(2))
        .expect("tier");
    c.params.insert("routing".into(), t("each"));
    let (a, b) = (run(&d, 7, 100.0, 10.0), run(&e, 7, 100.0, 10.0));
    assert_eq!(a.components, b.components);
}

/// The cache-aside template teaches its database load: the misses of the
/// reads plus every write, (1 − 0.8) × 0.8 + 0.2 = 36 % of the traffic; a
/// cold cache (hit ratio 0) sends it everything.
#[test]
fn the_cache_aside_template_spares_the_database_its_hits() {
    let t = skydraft_core::template::get("cache-aside").expect("template");
    assert!(validate::is_runnable(&t.design));
    let ids = |kind: Kind| {
        t.design
            .components
            .iter()
            .find(|c| c.is(kind))
            .expect("component")
            .id
    };
    let (app, cache, db) = (ids(Kind::Asg), ids(Kind::ElastiCache), ids(Kind::Rds));
    let load = |d: &Design| {
        let sc = Scenario {
            duration_s: 300.0,
            warmup_s: 60.0,
            ..t.scenario.clone()
        };
        let r = skydraft_core::sim::run(d, &sc).expect("runs");
        let s = |id| r.component(id).expect("summary").clone();
        (s(app), s(db))
    };
    let write = t.scenario.mix.write_share;
    let (a, b) = load(&t.design);
    assert!(a.requests > 100_000, "{}", a.requests);
    let share = b.requests as f64 / a.requests as f64;
    let want = (1.0 - 0.8) * (1.0 - write) + write;
    assert!(
        (share - want).abs() < 0.01,
        "database share {share}, expected {want}"
    );
    assert_eq!(b.rejections + b.failures, 0, "the database copes");
    let mut cold = t.design.clone();
    let c = cold
        .components
        .iter_mut()
        .find(|c| c.id == cache)
        .expect("cache");
    c.params.insert("hit_ratio".into(), n(0.0));
    // Every request now queries the database, beyond its 400 queries per
    // second: it is asked far more and stays busy all the time.
    let (_, cold_db) = load(&cold);
    assert!(
        cold_db.requests as f64 > 1.5 * b.requests as f64,
        "{} then {}",
        b.requests,
        cold_db.requests
    );
    assert!(cold_db.utilization > 0.95, "{cold_db:?}");
}
