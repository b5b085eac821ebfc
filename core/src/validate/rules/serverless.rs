//! Lambda, its event sources and queues.

use crate::catalog::{Kind, LinkMeaning};
use crate::validate::Diagnostic;
use crate::validate::Severity::{Error, Warning};
use crate::validate::ctx::{Ctx, Finding, name};

pub(crate) fn timeout(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for c in x.of(Kind::Lambda) {
        let t = c.number("timeout_s");
        if t > 900.0 {
            out.push(Finding::new(Error, "lambda-timeout").on(c).say(
                format!("{} has a {t} s timeout.", name(c)),
                "Lambda stops every invocation at 900 s (15 minutes) [LAM-LIM].",
                "Split the work into steps, or run it on Fargate or EC2.",
            ));
        }
    }
}

pub(crate) fn reserved_zero(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for c in x.of(Kind::Lambda) {
        if c.number("reserved") == 0.0 {
            out.push(Finding::new(Warning, "lambda-reserved-zero").on(c).say(
                format!("{} has reserved concurrency 0.", name(c)),
                "Every invocation is throttled [LAM-RES].",
                "Remove the reservation (−1) or reserve what the function needs.",
            ));
        }
    }
}

pub(crate) fn provisioned_over_reserved(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for c in x.of(Kind::Lambda) {
        let r = c.number("reserved");
        let p = c.number("provisioned");
        if r >= 0.0 && p > r {
            out.push(Finding::new(Error, "lambda-provisioned-over-reserved").on(c).say(
                format!("{} provisions {p} environments but reserves only {r}.", name(c)),
                "Provisioned concurrency counts toward reserved concurrency, so AWS refuses it [LAM-PC].",
                "Raise reserved concurrency or lower provisioned concurrency.",
            ));
        }
    }
}

pub(crate) fn unreserved_floor(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let reserved: f64 = x
        .of(Kind::Lambda)
        .map(|c| c.number("reserved").max(0.0))
        .sum();
    let limit = x
        .of(Kind::Lambda)
        .map(|c| c.number("account_limit"))
        .fold(f64::INFINITY, f64::min);
    if limit.is_finite() && reserved > limit - 100.0 {
        let mut f = Finding::new(Error, "lambda-unreserved-floor");
        for c in x.of(Kind::Lambda) {
            if c.number("reserved") > 0.0 {
                f = f.on(c);
            }
        }
        out.push(f.say(
            format!("Functions reserve {reserved} of the account's {limit} concurrent executions."),
            "At least 100 must stay unreserved for the other functions [LAM-RES].",
            "Reserve less, or raise the account limit.",
        ));
    }
}

pub(crate) fn payload(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for c in x.of(Kind::Lambda) {
        let kb = c.number("payload_kb");
        if kb > 6144.0 {
            out.push(Finding::new(Error, "lambda-payload").on(c).say(
                format!("{} receives payloads of {kb} KB.", name(c)),
                "Synchronous invocations carry at most 6 MB each way; larger requests fail [LAM-LIM].",
                "Pass an S3 object key instead of the body.",
            ));
        }
    }
}

/// Largest unzipped .zip package with its layers, MB. Assumption: not in the
/// reference notes; the course notes give 250 MB including layers.
const ZIP_MAX_MB: f64 = 250.0;
/// Largest container image, MB (10 GB). Assumption: not in the reference notes.
const IMAGE_MAX_MB: f64 = 10_240.0;

pub(crate) fn package_size(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for c in x.of(Kind::Lambda) {
        let mb = c.number("package_mb");
        let image = c.text("package") == "image";
        let (max, what, fix) = if image {
            (
                IMAGE_MAX_MB,
                "a container image is at most 10 GB",
                "Slim the image: a smaller base image, fewer layers, data fetched from S3 at run time.",
            )
        } else {
            (
                ZIP_MAX_MB,
                "a .zip package with its layers is at most 250 MB unzipped",
                "Move dependencies out (data to S3 or EFS), or deploy a container image (up to 10 GB).",
            )
        };
        if mb > max {
            out.push(Finding::new(Error, "lambda-package-size").on(c).say(
                format!("{} has a {mb} MB deployment package.", name(c)),
                format!(
                    "Lambda refuses to deploy it: {what} (assumption: not in the reference notes)."
                ),
                fix,
            ));
        }
    }
}

/// The service principal of a component that pushes invocations to a
/// function, as the `resource_policy` choice names it; `None` for callers
/// that need no statement (pollers use the execution role, a function its
/// own role). Assumption: not in the reference notes.
fn principal(source: &crate::design::Component) -> Option<&'static str> {
    match source.kind_of()? {
        Kind::ApiGateway => Some("apigateway.amazonaws.com"),
        Kind::Alb => Some("elasticloadbalancing.amazonaws.com"),
        Kind::S3 => Some("s3.amazonaws.com"),
        Kind::Sns => Some("sns.amazonaws.com"),
        Kind::EventBridge => Some("events.amazonaws.com"),
        Kind::CwAlarm if source.text("action") == "invoke" => {
            Some("lambda.alarms.cloudwatch.amazonaws.com")
        }
        _ => None,
    }
}

pub(crate) fn resource_policy(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for f in x.of(Kind::Lambda) {
        let allowed = f.text("resource_policy");
        if allowed == "drawn" {
            continue;
        }
        for (l, s) in x.inc(f) {
            let Some(service) = principal(s) else {
                continue;
            };
            if service == allowed {
                continue;
            }
            out.push(Finding::new(Error, "lambda-resource-policy").on(s).on(f).link(l).say(
                format!(
                    "{} invokes {}, whose resource-based policy does not allow {service}.",
                    name(s),
                    name(f)
                ),
                "Lambda refuses every invocation from it (access denied). The function's execution role does not help: it says what the function may call, not who may invoke it.",
                format!(
                    "Add a statement allowing {service} to invoke the function (lambda add-permission, with the source's ARN), or set the policy to drawn."
                ),
            ));
        }
    }
}

pub(crate) fn visibility_short(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for q in x.of(Kind::Sqs) {
        for (l, t) in x.out(q) {
            if !t.is(Kind::Lambda) || x.meaning(l) != Some(LinkMeaning::EventSource) {
                continue;
            }
            let vt = q.number("visibility_timeout_s");
            let ft = t.number("timeout_s");
            if vt < ft {
                out.push(Finding::new(Warning, "sqs-visibility-short").on(q).on(t).link(l).say(
                    format!(
                        "{} hides messages for {vt} s but {} may run for {ft} s.",
                        name(q),
                        name(t)
                    ),
                    "A message still being processed reappears and is processed twice [SQS-VIS].",
                    "Set the visibility timeout to at least the function timeout (AWS suggests six times).",
                ));
            }
        }
    }
}

pub(crate) fn streams_off(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for t in x.of(Kind::DynamoDb) {
        for (l, f) in x.out(t) {
            if f.is(Kind::Lambda) && !t.flag("streams") {
                out.push(Finding::new(Error, "dynamodb-streams-off").on(t).on(f).link(l).say(
                    format!("{} feeds {} but has streams off.", name(t), name(f)),
                    "Without a stream there are no change records to invoke the function with.",
                    "Turn streams on for the table.",
                ));
            }
        }
    }
}
