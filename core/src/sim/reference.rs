//! The runs the benchmarks measure, natively (`skydraft bench`,
//! `cargo bench`) and as wasm in headless Chromium (`core/tests/wasm_speed.rs`),
//! so every figure is of the same work.

use crate::catalog::Kind;
use crate::design::{Component, ComponentId, Design, Link, LinkId, ParamValue, Params};
use crate::scenario::Scenario;
use crate::template;

/// Customers of the M/M/8 run.
pub const MMC8_CUSTOMERS: f64 = 1_000_000.0;

/// The serverless template (API Gateway → Lambda → DynamoDB) measured beside
/// the instance-based figures.
pub const SERVERLESS_TEMPLATE: &str = "apigw-lambda";

/// M/M/8 with λ = 6.4 and μ = 1 in a 1 ms time unit, as a real design:
/// Users (6,400 req/s) → one EC2 instance with 8 workers, an unbounded queue
/// and exponential 1 ms service.
#[must_use]
pub fn mmc8_design() -> Design {
    let mut d = Design::default();
    d.components.push(Component::new(
        1,
        Kind::Users,
        &[("rate", ParamValue::Number(6400.0))],
    ));
    d.components.push(Component::new(
        2,
        Kind::Ec2,
        &[
            ("workers", ParamValue::Number(8.0)),
            ("queue", ParamValue::Number(1_000_000.0)),
            ("service_ms", ParamValue::Number(1.0)),
            ("service_dist", ParamValue::Text("exponential".into())),
        ],
    ));
    d.links.push(Link {
        id: LinkId(1),
        from: ComponentId(1),
        to: ComponentId(2),
        params: Params::new(),
    });
    d
}

/// The M/M/8 design and a scenario of [`MMC8_CUSTOMERS`] customers.
#[must_use]
pub fn mmc8() -> (Design, Scenario) {
    let sc = Scenario {
        duration_s: MMC8_CUSTOMERS / 6400.0,
        seed: 1,
        bucket_s: 10.0,
        ..Scenario::default()
    };
    (mmc8_design(), sc)
}

/// The default template, as shipped and scaled to one hour at 1,000 req/s.
#[must_use]
pub fn default_template_hour() -> Option<(Design, Scenario)> {
    let t = template::get(template::DEFAULT_ID)?;
    let mut d = t.design;
    for c in d.components.iter_mut().filter(|c| c.is(Kind::Users)) {
        c.params.insert("rate".into(), ParamValue::Number(1000.0));
    }
    let sc = Scenario {
        duration_s: 3600.0,
        bucket_s: 10.0,
        ..t.scenario
    };
    Some((d, sc))
}

/// The serverless template as shipped, run for one hour.
#[must_use]
pub fn serverless_template_hour() -> Option<(Design, Scenario)> {
    let t = template::get(SERVERLESS_TEMPLATE)?;
    let sc = Scenario {
        duration_s: 3600.0,
        ..t.scenario
    };
    Some((t.design, sc))
}
