//! Event markers: the run's log entries as vertical marks on time axes.

use crate::run::{LogEntry, Run};

use super::scope::Scope;

/// What kind of event a marker shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MarkerKind {
    /// Something broke: an instance, a zone, the region, a health check.
    Failure,
    /// A scaling action changed a group's desired capacity.
    Scaling,
    /// Any other event of the log (a timeline event, a recovery, a deploy).
    Event,
}

impl MarkerKind {
    /// A lower-case name (`failure`, `scaling`, `event`).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            MarkerKind::Failure => "failure",
            MarkerKind::Scaling => "scaling",
            MarkerKind::Event => "event",
        }
    }
}

/// One event on the time axis.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    /// When, simulated seconds.
    pub t_s: f64,
    /// Its kind.
    pub kind: MarkerKind,
    /// The log line's text.
    pub text: String,
}

/// Words of the log that mean a failure. The log is written by the simulator
/// in fixed English phrases (`… is unhealthy`, `Availability Zone … is down`,
/// `the region stops answering`, `… failed`, Spot interruptions).
const FAILURE_WORDS: [&str; 6] = [
    "unhealthy",
    "is down",
    "stops answering",
    "fail",
    "interrupt",
    "crash",
];

/// The kind of a log entry, from the simulator's phrasing: scaling actions
/// always name the new desired capacity.
#[must_use]
pub fn classify(entry: &LogEntry) -> MarkerKind {
    let text = entry.text.to_lowercase();
    if text.contains("desired") {
        MarkerKind::Scaling
    } else if FAILURE_WORDS.iter().any(|w| text.contains(w)) {
        MarkerKind::Failure
    } else {
        MarkerKind::Event
    }
}

/// The markers of `scope`: every log entry for the whole system; for one
/// component, its own entries and those about no component (zone and
/// region events).
#[must_use]
pub fn markers(run: &Run, scope: Scope) -> Vec<Marker> {
    run.log
        .iter()
        .filter(|e| e.t_s.is_finite())
        .filter(|e| match scope {
            Scope::System => true,
            Scope::Component(id) => e.component.is_none_or(|c| c == id),
        })
        .map(|e| Marker {
            t_s: e.t_s,
            kind: classify(e),
            text: e.text.clone(),
        })
        .collect()
}
