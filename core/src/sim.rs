//! The discrete-event simulator.

use std::fmt;

use crate::design::Design;
use crate::run::Run;
use crate::scenario::Scenario;

/// Why a design could not be simulated.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum SimError {
    /// The simulator is not built yet.
    NotReady,
}

impl fmt::Display for SimError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the simulator is not built yet")
    }
}

impl std::error::Error for SimError {}

/// Runs a design against a scenario to the end.
///
/// # Errors
/// When the design cannot be simulated.
pub fn run(_design: &Design, _scenario: &Scenario) -> Result<Run, SimError> {
    Err(SimError::NotReady)
}
