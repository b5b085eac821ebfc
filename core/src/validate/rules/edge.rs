//! API Gateway.

use crate::catalog::Kind;
use crate::validate::Diagnostic;
use crate::validate::Severity::Error;
use crate::validate::ctx::{Ctx, Finding, name};

pub(crate) fn apigw_payload(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for c in x.of(Kind::ApiGateway) {
        let mb = c.number("payload_mb");
        if mb > 10.0 {
            out.push(Finding::new(Error, "apigw-payload").on(c).say(
                format!("{} receives payloads of {mb} MB.", name(c)),
                "API Gateway rejects bodies above 10 MB [APIGW-LIM].",
                "Upload large files straight to S3 through a pre-signed URL your API hands out.",
            ));
        }
    }
}

pub(crate) fn apigw_timeout(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for c in x.of(Kind::ApiGateway) {
        let ms = c.number("timeout_ms");
        let http = c.text("api_type") == "http";
        let max = if http { 30_000.0 } else { 29_000.0 };
        if ms > max {
            out.push(Finding::new(Error, "apigw-timeout").on(c).say(
                format!("{} waits {ms} ms for its integration.", name(c)),
                format!(
                    "{} APIs time out at {} s [APIGW-LIM].",
                    if http { "HTTP" } else { "REST" },
                    max / 1000.0
                ),
                "Answer within the limit, or accept the request and finish it asynchronously (SQS).",
            ));
        }
    }
}

pub(crate) fn apigw_cache_http(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for c in x.of(Kind::ApiGateway) {
        if c.flag("cache") && c.text("api_type") == "http" {
            out.push(Finding::new(Error, "apigw-cache-http").on(c).say(
                format!("{} is an HTTP API with caching on.", name(c)),
                "Response caching exists only for REST APIs [APIGW-CACHE].",
                "Switch to a REST API, or put CloudFront in front.",
            ));
        }
    }
}
