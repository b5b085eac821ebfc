//! Why a design or scenario cannot be simulated.

use std::fmt;

/// The changes that make a run too big to simulate fit within
/// [`super::MAX_EVENTS`]: either one is enough.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RunFit {
    /// The longest duration that fits, s: whole minutes, at least one.
    pub duration_s: f64,
    /// The largest factor for every Users component's rate that fits at the
    /// scenario's duration, rounded down to two significant digits (0 when
    /// the periodic events alone are too many).
    pub users_scale: f64,
}

impl RunFit {
    /// The fit for a run that reached the cap after `events` events at
    /// simulated second `now_s` of `duration_s`: the same pace, stopped in
    /// time (with a tenth to spare).
    #[must_use]
    pub fn from_pace(events: u64, now_s: f64, duration_s: f64) -> RunFit {
        let per_s = events as f64 / now_s.max(1e-6);
        let fits_s = 0.9 * super::MAX_EVENTS as f64 / per_s;
        RunFit {
            duration_s: (libm::floor(fits_s.min(duration_s) / 60.0) * 60.0).max(60.0),
            users_scale: two_digits_down((fits_s / duration_s.max(1e-6)).min(1.0)),
        }
    }
}

/// `x` rounded down to two significant digits (0 for anything not positive).
pub(crate) fn two_digits_down(x: f64) -> f64 {
    if x.is_nan() || x <= 0.0 {
        return 0.0;
    }
    let mag = libm::floor(libm::log10(x)) as i32;
    let unit = libm::pow(10.0, f64::from(mag - 1));
    // A small nudge keeps 0.29 from becoming 0.28 through 0.28999….
    libm::floor(x / unit + 1e-9) * unit
}

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
        /// The estimate (or, for a run stopped on the cap, the count so far).
        estimated: u64,
        /// What would make the run fit.
        fit: RunFit,
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
            SimError::TooManyEvents { estimated, .. } => write!(
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
    fn two_digits_round_down() {
        assert_eq!(two_digits_down(0.2999), 0.29);
        assert_eq!(two_digits_down(0.29), 0.29);
        assert_eq!(two_digits_down(0.0456), 0.045);
        assert_eq!(two_digits_down(1.0), 1.0);
        assert_eq!(two_digits_down(0.0), 0.0);
        assert_eq!(two_digits_down(-1.0), 0.0);
    }

    #[test]
    fn a_run_stopped_on_the_cap_is_offered_what_its_pace_allows() {
        // Half the cap in 100 s of 900: 200 s would reach it, 180 s is
        // nine tenths of that.
        let fit = RunFit::from_pace(super::super::MAX_EVENTS / 2, 100.0, 900.0);
        assert_eq!(fit.duration_s, 180.0);
        assert_eq!(fit.users_scale, 0.2);
        // A pace far beyond the cap still offers a minute.
        assert_eq!(RunFit::from_pace(u64::MAX, 1.0, 900.0).duration_s, 60.0);
    }

    #[test]
    fn the_fit_travels_to_the_page_and_back() {
        let e = SimError::TooManyEvents {
            estimated: 7,
            fit: RunFit {
                duration_s: 60.0,
                users_scale: 0.5,
            },
        };
        let bytes = postcard::to_allocvec(&e).expect("encodes");
        assert_eq!(
            postcard::from_bytes::<SimError>(&bytes).expect("decodes"),
            e
        );
    }

    #[test]
    fn messages_are_plain() {
        let m = SimError::TooManyEvents {
            estimated: 3_400_000_000,
            fit: RunFit {
                duration_s: 480.0,
                users_scale: 0.58,
            },
        }
        .to_string();
        assert_eq!(
            m,
            "this scenario needs about 3,400,000,000 events; shorten it or lower the rate"
        );
    }
}
