//! Assembling the bench: from a [`Design`] and a [`Scenario`] to an engine,
//! in stages: which components requests reach (`reach`), one node each
//! (`bench`), each component's part (`components`, `pools`), the links
//! between them (`wire`), and the engine with its first events (`start`).

mod bench;
mod components;
mod estimate;
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
/// design with validation errors, no traffic, or parts it cannot model, and
/// a run that would need too many events.
pub(crate) fn build(d: &Design, sc: &Scenario) -> Result<Engine, SimError> {
    let (mut engine, scheduled) = wired(d, sc)?.into_engine()?;
    start::start(&mut engine, scheduled);
    Ok(engine)
}

/// The events a run of design `d` under scenario `sc` is expected to need
/// (what [`build`] compares with [`MAX_EVENTS`]).
#[cfg(test)]
pub(crate) fn expected_events(d: &Design, sc: &Scenario) -> Result<f64, SimError> {
    let bench = wired(d, sc)?;
    Ok(bench.estimate().events(sc, sc.duration_s, 1.0))
}

/// Stages one to four: the bench with every part made and wired.
fn wired<'a>(d: &'a Design, sc: &'a Scenario) -> Result<bench::Bench<'a>, SimError> {
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
    bench.wire()?;
    bench.finish_lbs()?;
    bench.add_dns_and_alarms()?;
    Ok(bench)
}
