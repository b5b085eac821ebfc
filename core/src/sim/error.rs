//! Why a design or scenario cannot be simulated.

use std::fmt;

/// Why a design could not be simulated, or why a run stopped early.
///
/// Every variant is fatal for the run it came from; the message is written for
/// the person who drew the design.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub enum SimError {
    /// The design has no Users component with a link, so nothing sends requests.
    NoTraffic,
    /// Validation found errors (see [`crate::validate`]); the run is refused.
    Refused {
        /// The error diagnostics, as plain sentences.
        errors: Vec<String>,
    },
    /// The design breaks a rule the simulator relies on.
    Invalid {
        /// What is wrong, in plain words.
        reason: String,
    },
    /// A component that requests reach is of a kind the simulator does not model yet.
    Unsupported {
        /// The component's label.
        label: String,
        /// Its kind id.
        kind: String,
    },
    /// The scenario's settings are out of range.
    BadScenario {
        /// What is wrong, in plain words.
        reason: String,
    },
    /// The run would need more events than the cap allows.
    TooManyEvents {
        /// The estimate.
        estimated: u64,
    },
    /// Too many requests were in flight at once (the memory cap).
    TooManyInFlight {
        /// The cap that was hit.
        cap: u64,
        /// Simulated second at which the run stopped.
        at_s: f64,
    },
}

impl fmt::Display for SimError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SimError::NoTraffic => f.write_str(
                "nothing sends requests: add a Users component and connect it to the design",
            ),
            SimError::Refused { errors } => {
                let first = errors.first().map_or("", String::as_str);
                if errors.len() > 1 {
                    write!(
                        f,
                        "the design has {} errors to fix before it can run; first: {first}",
                        errors.len()
                    )
                } else {
                    write!(
                        f,
                        "the design has an error to fix before it can run: {first}"
                    )
                }
            }
            SimError::Invalid { reason } => write!(f, "the design cannot be simulated: {reason}"),
            SimError::Unsupported { label, kind } => write!(
                f,
                "requests reach \"{label}\" ({kind}), which the simulator does not model yet"
            ),
            SimError::BadScenario { reason } => write!(f, "the scenario cannot be run: {reason}"),
            SimError::TooManyEvents { estimated } => write!(
                f,
                "this scenario needs about {} events; shorten it or lower the rate",
                group_digits(*estimated)
            ),
            SimError::TooManyInFlight { cap, at_s } => write!(
                f,
                "more than {} requests were waiting at once at {}; the run stopped to stay within \
                 memory. Lower the rate or add capacity",
                group_digits(*cap),
                crate::run::clock(*at_s)
            ),
        }
    }
}

impl std::error::Error for SimError {}

/// `1234567` as `1,234,567`.
fn group_digits(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_plain() {
        let m = SimError::TooManyEvents {
            estimated: 3_400_000_000,
        }
        .to_string();
        assert_eq!(
            m,
            "this scenario needs about 3,400,000,000 events; shorten it or lower the rate"
        );
    }
}
