//! Assembling the bench: from a [`Design`] and a [`Scenario`] to an engine,
//! in stages: which components requests reach (`reach`), one node each
//! (`bench`), each component's part (`components`, `pools`), the links
//! between them (`wire`), and the engine with its first events (`start`).

mod bench;
mod components;
mod limits;
mod params;
mod parts;
mod pools;
mod reach;
mod start;
mod wire;

pub use limits::{MAX_BUCKETS, MAX_EVENTS};
use params::check_scenario;

use super::SimError;
use super::engine::Engine;
use crate::design::Design;
use crate::scenario::Scenario;

/// The engine for design `d` under scenario `sc`, ready to run; refuses a
/// design with validation errors, no traffic, or parts it cannot model.
pub(crate) fn build(d: &Design, sc: &Scenario) -> Result<Engine, SimError> {
    check_scenario(sc)?;
    let errors: Vec<String> = crate::validate::validate(d)
        .into_iter()
        .filter(|x| x.severity == crate::validate::Severity::Error)
        .map(|x| format!("{} {}", x.message, x.fix))
        .collect();
    if !errors.is_empty() {
        return Err(SimError::Refused { errors });
    }
    let reach = reach::reachable(d)?;
    let mut bench = bench::Bench::new(d, sc, &reach)?;
    bench.add_components()?;
    bench.wire();
    bench.finish_lbs()?;
    bench.add_dns_and_alarms()?;
    let (mut engine, scheduled) = bench.into_engine()?;
    start::start(&mut engine, scheduled);
    Ok(engine)
}
