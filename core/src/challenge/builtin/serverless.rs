//! Serverless, queues and DNS: cold starts, throttling, failover, canaries.

use super::{Spec, cause_at_most, errors_at_most, hint, recovers_within, scenario};
use crate::catalog::Kind;
use crate::challenge::goal::Cause;
use crate::challenge::record::Challenge;
use crate::design::{ComponentId, Design, GroupKind, ParamValue};
use crate::scenario::{Event, Shape, TimedEvent, Traffic};
use crate::template::build::Builder;

/// Users → API Gateway → Lambda, with the function's settings.
fn api_lambda(
    name: &str,
    rate: f64,
    settings: &[(&str, ParamValue)],
) -> (Design, [ComponentId; 3]) {
    let mut b = Builder::new(name);
    b.frame(GroupKind::Region, "us-east-1", 160.0, 100.0, 360.0, 280.0);
    let users = b.node(Kind::Users, "Users", 80.0, 240.0);
    let api = b.node(Kind::ApiGateway, "API", 260.0, 240.0);
    let f = b.node(Kind::Lambda, "Handler", 420.0, 240.0);
    b.set(users, "rate", rate);
    b.set(api, "api_type", "http");
    b.set(f, "timeout_s", 10.0);
    for (k, v) in settings {
        b.set(f, k, v.clone());
    }
    b.link(users, api);
    b.link(api, f);
    (b.finish(), [users, api, f])
}

/// The p99 of every bucket after the warm-up at or under `ms`.
fn p99_buckets(ms: f64) -> crate::challenge::goal::Goal {
    super::goal(
        "p99",
        crate::challenge::goal::Metric::LatencyP99,
        crate::challenge::goal::Op::AtMost,
        ms,
        crate::challenge::goal::Aggregation::WorstBucket { allowed_over: 0 },
    )
}

/// Cold starts on a spike, and provisioned concurrency.
pub(super) fn lambda_cold() -> Challenge {
    let base: [(&str, ParamValue); 3] = [
        ("runtime", "java21".into()),
        ("init_ms", 2500.0.into()),
        ("memory_mb", 1024.0.into()),
    ];
    let (start, [users, api, f]) = api_lambda("Cold starts", 5.0, &base);
    let (mut reference, _) = api_lambda("Cold starts", 5.0, &base);
    if let Some(c) = reference.components.iter_mut().find(|c| c.id == f) {
        c.params.insert("provisioned".to_owned(), 100.0.into());
    }
    let mut s = scenario(240.0, 30.0);
    s.traffic = vec![Traffic {
        source: Some(users),
        shape: Shape::Spike {
            at_s: 90.0,
            duration_s: 60.0,
            factor: 40.0,
        },
    }];
    let mut c = Spec {
        id: "lambda-cold",
        title: "Lambda cold starts and provisioned concurrency",
        brief: &[
            "A Java function behind an HTTP API starts in 2.5 seconds. At 1:30 traffic jumps \
             from 5 to 200 requests per second for a minute.",
            "Keep p99 at or under 1 second in every 10-second bucket, the spike's first included.",
        ],
        start,
        locked: vec![users, api],
        scenario: s,
        goals: vec![p99_buckets(1000.0), errors_at_most(0.5)],
        reference,
        note: "Every new execution environment pays the function's initialisation before its \
               first request. A spike needs many new environments at once, so the slowest \
               requests of the spike are cold starts. Provisioned concurrency keeps that many \
               environments initialised in advance (and is paid for by the hour); size it for \
               the spike's concurrency: requests per second × duration.",
    }
    .finish();
    c.hints = vec![hint(
        Some("p99"),
        1,
        "Which requests are the slow ones: look at cold starts.",
    )];
    c
}

/// A queue in front of a slow backend instead of throttling.
pub(super) fn throttle_queue() -> Challenge {
    let build = |queue: bool| {
        let mut b = Builder::new("Slow backend");
        b.frame(GroupKind::Region, "us-east-1", 160.0, 60.0, 500.0, 360.0);
        let users = b.node(Kind::Users, "Users", 80.0, 240.0);
        let api = b.node(Kind::ApiGateway, "API", 240.0, 240.0);
        let backend = b.node(Kind::HttpBackend, "Legacy orders", 720.0, 240.0);
        b.set(users, "rate", 60.0);
        b.set(api, "api_type", "http");
        b.set(api, "rate_limit", if queue { 1000.0 } else { 100.0 });
        b.set(api, "burst", 50.0);
        b.set(backend, "latency_ms", 400.0);
        b.set(backend, "concurrency", 50.0);
        b.link(users, api);
        if queue {
            let q = b.node(Kind::Sqs, "Orders", 400.0, 240.0);
            let f = b.node(Kind::Lambda, "Forwarder", 560.0, 240.0);
            b.set(f, "reserved", 40.0);
            b.set(f, "timeout_s", 30.0);
            b.set(q, "visibility_timeout_s", 180.0);
            b.link(api, q);
            b.link(q, f);
            b.link(f, backend);
        } else {
            b.link(api, backend);
        }
        (b.finish(), users, backend)
    };
    let (start, users, backend) = build(false);
    let (reference, ..) = build(true);
    let mut s = scenario(240.0, 30.0);
    s.traffic = vec![Traffic {
        source: Some(users),
        shape: Shape::Spike {
            at_s: 90.0,
            duration_s: 60.0,
            factor: 4.0,
        },
    }];
    let mut c = Spec {
        id: "throttle-queue",
        title: "Throttling, and a queue in front of a slow backend",
        brief: &[
            "Orders go through an API to a legacy backend that handles 50 at a time, 400 ms \
             each. At 1:30 a burst of four times the traffic lasts a minute.",
            "Accept every order: at most 0.5% throttled and 1% errors in all. The backend \
             cannot change.",
        ],
        start,
        locked: vec![users, backend],
        scenario: s,
        goals: vec![
            cause_at_most("throttled", Cause::Throttled, 0.5),
            errors_at_most(1.0),
        ],
        reference,
        note: "A throttle protects a backend by refusing what it cannot take (429), and a \
               client that does not retry loses the order. When the work can finish later, \
               a queue takes the burst instead: the API answers at once, and a consumer with \
               bounded concurrency feeds the backend at the pace it can take.",
    }
    .finish();
    c.hints = vec![
        hint(
            Some("throttled"),
            1,
            "Errors by cause: who refused the orders during the burst?",
        ),
        hint(
            Some("throttled"),
            2,
            "Does the order have to reach the backend while the client waits? Something could hold it until the backend is free.",
        ),
    ];
    c
}

/// Route 53 failover between regions, and the TTL.
pub(super) fn dns_failover() -> Challenge {
    let build = |ttl: f64, fast: bool| {
        let mut b = Builder::new("Failover between regions");
        b.frame(GroupKind::Region, "us-east-1", 320.0, 40.0, 360.0, 180.0);
        b.frame(GroupKind::Region, "us-west-2", 320.0, 260.0, 360.0, 180.0);
        let users = b.node(Kind::Users, "Users", 80.0, 240.0);
        let dns = b.node(Kind::Route53, "shop.example.com", 240.0, 240.0);
        let east = b.node(Kind::Alb, "ALB us-east-1", 420.0, 130.0);
        let west = b.node(Kind::Alb, "ALB us-west-2", 420.0, 350.0);
        let east_web = b.node(Kind::Asg, "Web us-east-1", 580.0, 130.0);
        let west_web = b.node(Kind::Asg, "Web us-west-2", 580.0, 350.0);
        b.set(users, "rate", 100.0);
        b.set(dns, "policy", "failover");
        b.set(dns, "ttl_s", ttl);
        b.set(dns, "hc_fast", fast);
        for g in [east_web, west_web] {
            b.set(g, "health_check", "elb");
            b.set(g, "policy", "none");
        }
        b.link(users, dns);
        b.link_with(dns, east, &[("failover", "primary".into())]);
        b.link_with(dns, west, &[("failover", "secondary".into())]);
        b.link(east, east_web);
        b.link(west, west_web);
        (b.finish(), users, [east, west, east_web, west_web])
    };
    let (start, users, stack) = build(300.0, false);
    let (reference, ..) = build(15.0, true);
    let mut s = scenario(300.0, 30.0);
    s.timeline = vec![TimedEvent {
        at_s: 60.0,
        event: Event::RegionOutage {
            region: Some("us-east-1".to_owned()),
            duration_s: None,
        },
    }];
    let mut locked = vec![users];
    locked.extend(stack);
    let mut c = Spec {
        id: "dns-failover",
        title: "Route 53 failover and TTL",
        brief: &[
            "The shop runs in us-east-1 with a standby stack in us-west-2 behind a failover \
             record. At 1:00 us-east-1 stops answering.",
            "Be back under 5% errors within 90 seconds of the outage.",
        ],
        start,
        locked,
        scenario: s,
        goals: vec![recovers_within(90.0, 5.0, 0)],
        reference,
        note: "Failover takes as long as Route 53 needs to see the primary fail (its health \
               checks: interval × failure threshold) plus the time clients keep the old answer \
               (the TTL). A long TTL saves queries and costs minutes in an outage; \
               alias records to a load balancer take the target's own health into account.",
    }
    .finish();
    c.hints = vec![hint(
        Some("recovery"),
        1,
        "How long do clients keep an answer?",
    )];
    c
}

/// A canary deployment that must roll back.
pub(super) fn canary_rollback() -> Challenge {
    let (start, [users, api, f]) = api_lambda("A bad release", 50.0, &[("timeout_s", 10.0.into())]);
    let (reference, _) = api_lambda(
        "A bad release",
        50.0,
        &[
            ("shift", "canary10_5m".into()),
            ("rollback_error_pct", 1.0.into()),
        ],
    );
    let mut s = scenario(300.0, 30.0);
    s.timeline = vec![TimedEvent {
        at_s: 60.0,
        event: Event::BadDeployment {
            target: f,
            error_rate: 0.3,
            duration_s: None,
        },
    }];
    let mut c = Spec {
        id: "canary-rollback",
        title: "A canary deployment that must roll back",
        brief: &[
            "At 1:00 a new version of the function is released. It fails three requests in \
             ten, and nobody will notice by hand.",
            "Keep errors at or under 2% over the run: the release must reach only a few \
             users and roll itself back.",
        ],
        start,
        locked: vec![users, api],
        scenario: s,
        goals: vec![errors_at_most(2.0)],
        reference,
        note: "Moving all traffic at once puts every user on the new version. A canary moves \
               10% first and watches an alarm on the new version's errors; if it fires, \
               CodeDeploy moves the alias back. The cost of a bad release becomes 10% of the \
               traffic for the time the alarm needs.",
    }
    .finish();
    c.hints = vec![hint(
        None,
        1,
        "Look at the function's traffic shifting setting.",
    )];
    c
}
