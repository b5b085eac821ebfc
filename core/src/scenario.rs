//! Scenarios: the traffic and the timeline of events a design is run against.
//!
//! A [`Scenario`] says how long to run, with which seed and metric bucket,
//! how the users' request rates move over time ([`Traffic`] with a [`Shape`]),
//! what a request looks like ([`RequestMix`]) and what goes wrong when
//! ([`TimedEvent`]). The fields the page edits are described as data in
//! [`fields`] and [`SHAPE_KINDS`] / [`EVENT_KINDS`]. Every field after the first three carries
//! `#[serde(default)]`, so share links made with older scenarios keep decoding.

pub mod fields;
mod kinds;
pub mod presets;
mod record;
mod shape;
mod shape_kinds;
mod timeline;

pub use kinds::{EVENT_KINDS, EventKind, event_field, event_kind, new_event, weighted_links};
pub use shape::Shape;
pub use shape_kinds::{SHAPE_KINDS, ShapeKind, shape_kind};
pub use timeline::{Event, FailureMode, Process, TimedEvent};

use serde::{Deserialize, Serialize};

use crate::design::ComponentId;

/// What a run is driven by: how long, which seed, the traffic and the timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Scenario {
    /// Simulated duration in seconds.
    pub duration_s: f64,
    /// Seed of every random stream in the run.
    pub seed: u64,
    /// Width of one metric bucket in seconds.
    pub bucket_s: f64,
    /// Seconds at the start left out of the totals and per-component
    /// statistics (the time series still show them).
    #[serde(default)]
    pub warmup_s: f64,
    /// How the users' request rates move; entries for the same source multiply.
    #[serde(default)]
    pub traffic: Vec<Traffic>,
    /// What one request carries and costs.
    #[serde(default)]
    pub mix: RequestMix,
    /// Failures and operations at given times.
    #[serde(default)]
    pub timeline: Vec<TimedEvent>,
}

impl Default for Scenario {
    fn default() -> Self {
        Scenario {
            duration_s: 600.0,
            seed: 1,
            bucket_s: 10.0,
            warmup_s: 0.0,
            traffic: Vec::new(),
            mix: RequestMix::default(),
            timeline: Vec::new(),
        }
    }
}

/// A traffic shape applied to one Users component (or all of them).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Traffic {
    /// The Users component; `None` applies to every one.
    #[serde(default)]
    pub source: Option<ComponentId>,
    /// How the rate moves; it multiplies the component's request rate.
    pub shape: Shape,
}

/// What a request looks like.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequestMix {
    /// Request payload, kB.
    #[serde(default = "default_request_kb")]
    pub request_kb: f64,
    /// Response payload, kB.
    #[serde(default = "default_response_kb")]
    pub response_kb: f64,
    /// Work per request relative to the components' service times (1 = as set).
    #[serde(default = "one")]
    pub work: f64,
    /// Share of requests that write (0..1). Writes cost a database twice the
    /// query time of a read (assumption).
    #[serde(default = "default_write_share")]
    pub write_share: f64,
}

fn default_request_kb() -> f64 {
    2.0
}
fn default_response_kb() -> f64 {
    16.0
}
fn one() -> f64 {
    1.0
}
fn default_write_share() -> f64 {
    0.2
}

impl Default for RequestMix {
    fn default() -> Self {
        RequestMix {
            request_kb: default_request_kb(),
            response_kb: default_response_kb(),
            work: 1.0,
            write_share: default_write_share(),
        }
    }
}

impl Scenario {
    /// The product of every traffic factor that applies to `source` at `t_s`.
    #[must_use]
    pub fn factor(&self, source: ComponentId, t_s: f64) -> f64 {
        self.traffic
            .iter()
            .filter(|t| t.source.is_none_or(|s| s == source))
            .map(|t| t.shape.factor(t_s))
            .product()
    }

    /// An upper bound of [`Scenario::factor`] over `[t0_s, t1_s]`.
    #[must_use]
    pub fn max_factor(&self, source: ComponentId, t0_s: f64, t1_s: f64) -> f64 {
        self.traffic
            .iter()
            .filter(|t| t.source.is_none_or(|s| s == source))
            .map(|t| t.shape.max_factor(t0_s, t1_s))
            .product()
    }

    /// Whether the rate of `source` never changes.
    #[must_use]
    pub fn is_constant(&self, source: ComponentId) -> bool {
        self.traffic
            .iter()
            .filter(|t| t.source.is_none_or(|s| s == source))
            .all(|t| matches!(t.shape, Shape::Constant { .. }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_scenarios_decode() {
        let s: Scenario =
            serde_json::from_str(r#"{"duration_s":60,"seed":3,"bucket_s":5}"#).expect("decodes");
        assert_eq!(s.mix, RequestMix::default());
        assert!(s.timeline.is_empty());
    }

    #[test]
    fn factors_multiply() {
        let s = Scenario {
            traffic: vec![
                Traffic {
                    source: None,
                    shape: Shape::Constant { factor: 2.0 },
                },
                Traffic {
                    source: Some(ComponentId(1)),
                    shape: Shape::Step {
                        at_s: 10.0,
                        factor: 3.0,
                    },
                },
            ],
            ..Scenario::default()
        };
        assert_eq!(s.factor(ComponentId(1), 5.0), 2.0);
        assert_eq!(s.factor(ComponentId(1), 15.0), 6.0);
        assert_eq!(s.factor(ComponentId(2), 15.0), 2.0);
        assert!(s.max_factor(ComponentId(1), 0.0, 20.0) >= 6.0);
    }
}
