//! API Gateway.

use crate::catalog::Kind;
use crate::design::Component;
use crate::validate::Diagnostic;
use crate::validate::Severity::{Error, Warning};
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

pub(crate) fn apigw_usage_plan_http(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for c in x.of(Kind::ApiGateway) {
        let plan = c.number("usage_plan_rps") > 0.0 || c.number("usage_plan_quota") > 0.0;
        if plan && c.text("api_type") == "http" {
            out.push(Finding::new(Error, "apigw-usage-plan-http").on(c).say(
                format!("{} is an HTTP API with a usage plan.", name(c)),
                "API keys and usage plans exist only for REST APIs [P-APIGW-COST]; the simulator would throttle no client.",
                "Switch to a REST API, or throttle with the stage's rate and burst.",
            ));
        }
    }
}

/// The APIs Users component `u` calls directly or through a Route 53 record.
fn apis_called<'a>(x: &Ctx<'a>, u: &Component) -> Vec<&'a Component> {
    let mut apis = Vec::new();
    for (_, t) in x.out(u) {
        if t.is(Kind::ApiGateway) {
            apis.push(t);
        } else if t.is(Kind::Route53) {
            apis.extend(
                x.out(t)
                    .into_iter()
                    .map(|l| l.1)
                    .filter(|a| a.is(Kind::ApiGateway)),
            );
        }
    }
    apis
}

pub(crate) fn apigw_cors(x: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for u in x.of(Kind::Users).filter(|u| u.flag("browser")) {
        for api in apis_called(x, u) {
            if api.flag("cors") {
                continue;
            }
            out.push(Finding::new(Warning, "apigw-cors").on(u).on(api).say(
                format!(
                    "{} is a browser page on another origin calling {}, which does not allow CORS.",
                    name(u),
                    name(api)
                ),
                "The browser sends a preflight the API does not answer and withholds every response from the page: the calls fail for the users although the API serves them.",
                "Turn CORS on for the API (its allowed origins should name the page's), or serve the page and the API from one origin through CloudFront.",
            ));
        }
    }
}
