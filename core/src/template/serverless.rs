//! Serverless and queue-driven designs.

use super::Template;
use super::build::{Builder, scenario};
use crate::catalog::Kind;
use crate::design::{ComponentId, GroupKind};
use crate::scenario::{Event, Shape, TimedEvent, Traffic};

fn spike(users: ComponentId, at_s: f64, duration_s: f64, factor: f64) -> Traffic {
    Traffic {
        source: Some(users),
        shape: Shape::Spike {
            at_s,
            duration_s,
            factor,
        },
    }
}

/// ALB → Lambda → DynamoDB.
pub(super) fn alb_lambda() -> Template {
    let mut b = Builder::new("ALB + Lambda");
    b.frame(GroupKind::Region, "us-east-1", 160.0, 100.0, 500.0, 280.0);
    let users = b.node(Kind::Users, "Users", 80.0, 240.0);
    let alb = b.node(Kind::Alb, "ALB", 240.0, 240.0);
    let f = b.node(Kind::Lambda, "Handler", 400.0, 240.0);
    let t = b.node(Kind::DynamoDb, "Items", 560.0, 240.0);
    b.set(users, "rate", 100.0);
    b.set(f, "memory_mb", 512.0);
    b.set(f, "timeout_s", 10.0);
    b.link(users, alb);
    b.link(alb, f);
    b.link(f, t);
    let mut s = scenario(600.0);
    s.traffic.push(spike(users, 240.0, 120.0, 5.0));
    Template {
        id: "alb-lambda",
        name: "ALB + Lambda",
        note: "An ALB can invoke a Lambda function as its target; the function scales by running \
               more execution environments, each new one paying a cold start. Try: the spike at \
               4 minutes — watch concurrency rise and the first requests of each new \
               environment take longer; then set provisioned concurrency.",
        design: b.finish(),
        scenario: s,
    }
}

/// API Gateway → Lambda → DynamoDB.
pub(super) fn apigw_lambda() -> Template {
    let mut b = Builder::new("API Gateway + Lambda");
    b.frame(GroupKind::Region, "us-east-1", 160.0, 100.0, 500.0, 280.0);
    let users = b.node(Kind::Users, "Users", 80.0, 240.0);
    let api = b.node(Kind::ApiGateway, "API", 240.0, 240.0);
    let f = b.node(Kind::Lambda, "Handler", 400.0, 240.0);
    let t = b.node(Kind::DynamoDb, "Items", 560.0, 240.0);
    b.set(users, "rate", 100.0);
    b.set(api, "api_type", "http");
    b.set(api, "rate_limit", 500.0);
    b.set(api, "burst", 200.0);
    b.set(f, "timeout_s", 10.0);
    b.link(users, api);
    b.link(api, f);
    b.link(f, t);
    let mut s = scenario(600.0);
    s.traffic.push(spike(users, 240.0, 60.0, 8.0));
    Template {
        id: "apigw-lambda",
        name: "API Gateway + Lambda",
        note: "The serverless API. The stage throttles at 500 requests/s with a burst of 200 \
               (token bucket); beyond that clients get 429. Try: the 8× spike at 4 minutes \
               hits the throttle — raise it, and watch Lambda concurrency and the account \
               limit of 1,000 take over.",
        design: b.finish(),
        scenario: s,
    }
}

/// API Gateway → Lambda whose alias shifts to a bad version as a canary and
/// is rolled back by the error alarm.
pub(super) fn lambda_alias_canary() -> Template {
    let mut b = Builder::new("Lambda alias canary");
    b.frame(GroupKind::Region, "us-east-1", 160.0, 100.0, 500.0, 280.0);
    let users = b.node(Kind::Users, "Users", 80.0, 240.0);
    let api = b.node(Kind::ApiGateway, "API", 240.0, 240.0);
    let f = b.node(Kind::Lambda, "Orders (alias live)", 400.0, 240.0);
    let t = b.node(Kind::DynamoDb, "Orders table", 560.0, 240.0);
    b.set(users, "rate", 100.0);
    b.set(api, "api_type", "http");
    b.set(f, "timeout_s", 10.0);
    // CodeDeploy Canary10Percent5Minutes with a rollback alarm at 1 %
    // [CDK-CD], [CW-ALARM].
    b.set(f, "shift", "canary10_5m");
    b.set(f, "rollback_error_pct", 1.0);
    b.link(users, api);
    b.link(api, f);
    b.link(f, t);
    b.sticky("live → v1 90 % · v2 10 %", 330.0, 340.0);
    let mut s = scenario(600.0);
    // Version 2 fails 3 % of its invocations.
    s.timeline.push(TimedEvent {
        at_s: 120.0,
        event: Event::BadDeployment {
            target: f,
            error_rate: 0.03,
            duration_s: None,
        },
    });
    Template {
        id: "lambda-alias-canary",
        name: "Lambda alias canary with automatic rollback",
        note: "Callers invoke the alias live, not a version. An alias can point to two versions \
               with weights [LAM-ALIAS]. At 2:00 CodeDeploy (Canary10Percent5Minutes) publishes \
               version 2, which fails 3 % of its invocations: after its test calls pass, the \
               alias sends it 10 % of traffic and would send the rest after 5 minutes. An alarm \
               on version 2's errors (above 1 % in a minute) fires within a minute and \
               CodeDeploy points the alias back at version 1 alone: errors stop. Users saw about \
               0.3 % of requests fail for a minute instead of 3 % for good. Try: Traffic \
               shifting none, and the new version takes everything at once.",
        design: b.finish(),
        scenario: s,
    }
}

/// API Gateway → SQS → worker Auto Scaling group scaling on queue depth.
pub(super) fn apigw_sqs_worker() -> Template {
    let mut b = Builder::new("API Gateway + SQS + workers");
    b.frame(GroupKind::Region, "us-east-1", 160.0, 60.0, 660.0, 360.0);
    let users = b.node(Kind::Users, "Users", 80.0, 240.0);
    let api = b.node(Kind::ApiGateway, "API", 240.0, 240.0);
    let q = b.node(Kind::Sqs, "Jobs", 400.0, 240.0);
    let w = b.node(Kind::Asg, "Workers", 560.0, 240.0);
    let t = b.node(Kind::DynamoDb, "Results", 720.0, 240.0);
    b.set(users, "rate", 50.0);
    b.set(q, "visibility_timeout_s", 120.0);
    b.set(q, "wait_s", 20.0);
    b.set(w, "min", 1.0);
    b.set(w, "desired", 1.0);
    b.set(w, "max", 10.0);
    b.set(w, "metric", "queue_backlog");
    b.set(w, "target_value", 50.0);
    b.set(w, "service_ms", 200.0);
    b.link(users, api);
    b.link(api, q);
    b.link(q, w);
    b.link(w, t);
    let mut s = scenario(1800.0);
    s.traffic.push(spike(users, 300.0, 600.0, 4.0));
    Template {
        id: "apigw-sqs-worker",
        name: "API Gateway + SQS + worker group on queue depth",
        note: "The API answers at once and hands each job to a queue; workers poll it at their \
               own pace. The group tracks backlog per instance (target 50 messages), not CPU, so \
               a burst grows the queue first and the fleet second. Try: the 4× burst — watch \
               the queue depth climb and drain as workers arrive.",
        design: b.finish(),
        scenario: s,
    }
}

/// API Gateway → external HTTP backend.
pub(super) fn apigw_http() -> Template {
    let mut b = Builder::new("API Gateway + HTTP backend");
    let users = b.node(Kind::Users, "Users", 80.0, 240.0);
    let api = b.node(Kind::ApiGateway, "API", 240.0, 240.0);
    let backend = b.node(Kind::HttpBackend, "Legacy API", 400.0, 240.0);
    b.frame(GroupKind::Region, "us-east-1", 160.0, 140.0, 160.0, 200.0);
    b.set(users, "rate", 80.0);
    b.set(api, "cache", true);
    b.set(api, "cache_ttl_s", 60.0);
    b.set(backend, "latency_ms", 400.0);
    b.set(backend, "concurrency", 20.0);
    b.link(users, api);
    b.link(api, backend);
    Template {
        id: "apigw-http",
        name: "API Gateway + HTTP backend",
        note: "A managed front door for an existing HTTP service: throttling protects the \
               backend, and the REST stage cache (TTL 60 s) answers repeated GETs without \
               calling it. The integration times out at 29 s. Try: turn the cache off and watch \
               the slow backend queue up.",
        design: b.finish(),
        scenario: scenario(600.0),
    }
}

/// Uploads straight to S3 with a URL signed by a Lambda function.
pub(super) fn s3_presigned() -> Template {
    let mut b = Builder::new("S3 upload through a pre-signed URL");
    b.frame(GroupKind::Region, "us-east-1", 160.0, 60.0, 500.0, 360.0);
    let users = b.node(Kind::Users, "Uploaders", 80.0, 240.0);
    let api = b.node(Kind::ApiGateway, "API", 240.0, 160.0);
    let f = b.node(Kind::Lambda, "Sign URL", 400.0, 160.0);
    let bucket = b.node(Kind::S3, "Uploads", 560.0, 320.0);
    b.set(users, "rate", 20.0);
    b.set(api, "api_type", "http");
    b.set(bucket, "presigned_uploads", true);
    b.link(users, api);
    b.link(api, f);
    b.link(f, bucket);
    b.link(users, bucket);
    b.sticky("Bodies > 10 MB never pass API Gateway.", 180.0, 380.0);
    Template {
        id: "s3-presigned",
        name: "S3 upload through a pre-signed URL",
        note: "API Gateway rejects bodies above 10 MB, and a Lambda request is limited to 6 MB. \
               So the API only returns a short-lived URL signed by the function, and the client \
               PUTs the file straight to S3. Try: set the API's payload to 50 MB and read the \
               error it raises.",
        design: b.finish(),
        scenario: scenario(600.0),
    }
}

/// Spot Fleet batch workers on an SQS queue.
pub(super) fn spot_batch() -> Template {
    let mut b = Builder::new("Spot Fleet batch workers on SQS");
    b.frame(GroupKind::Region, "us-east-1", 160.0, 60.0, 660.0, 360.0);
    let users = b.node(Kind::Users, "Job submitters", 80.0, 240.0);
    let api = b.node(Kind::ApiGateway, "Submit API", 240.0, 240.0);
    let q = b.node(Kind::Sqs, "Batch jobs", 400.0, 240.0);
    let fleet = b.node(Kind::SpotFleet, "Spot workers", 560.0, 240.0);
    let out = b.node(Kind::S3, "Results", 720.0, 240.0);
    b.set(users, "rate", 10.0);
    b.set(q, "visibility_timeout_s", 600.0);
    b.set(fleet, "allocation", "price-capacity-optimized");
    b.set(fleet, "instance_types", "c5.large,c5.xlarge,m5.large");
    b.set(fleet, "target_capacity", 6.0);
    b.set(fleet, "service_ms", 30_000.0);
    b.link(users, api);
    b.link(api, q);
    b.link(q, fleet);
    b.link(fleet, out);
    let mut s = scenario(3600.0);
    s.traffic.push(Traffic {
        source: Some(users),
        shape: Shape::Bursts {
            every_s: 900.0,
            duration_s: 120.0,
            factor: 6.0,
        },
    });
    Template {
        id: "spot-batch",
        name: "Spot Fleet batch workers on SQS",
        note: "Batch work that can wait is ideal for Spot: up to 90% cheaper, and an interrupted \
               worker's message simply reappears after the visibility timeout for another \
               worker. Spreading over several pools (price-capacity-optimized) lowers the \
               chance of losing them all at once. Try: an interruption wave.",
        design: b.finish(),
        scenario: s,
    }
}
