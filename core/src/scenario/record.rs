//! How timeline events and traffic shapes are read: each as one flat record
//! of optional fields, then checked by its `type`.
//!
//! Written as `{"type": "az_outage", "az": "us-east-1a", …}` (serde's
//! internally tagged form), they are read through these records instead of
//! serde's derived reader for tagged enums, which buffers every event and
//! carries one reader per variant: the page is about 8 KB lighter (gzip) for
//! the same documents and the same defaults.

use serde::Deserialize;

use super::shape::Shape;
use super::timeline::{Event, FailureMode, Process};
use crate::design::{ComponentId, LinkId};

/// Why an event or shape record does not fit its type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordError(String);

impl std::fmt::Display for RecordError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A required field, or an error naming it and the record's type.
fn need<T>(v: Option<T>, field: &str, kind: &str) -> Result<T, RecordError> {
    v.ok_or_else(|| RecordError(format!("missing field `{field}` in a `{kind}` record")))
}

/// Every field any timeline event has.
#[derive(Deserialize)]
pub(super) struct EventRecord {
    #[serde(rename = "type")]
    kind: String,
    target: Option<ComponentId>,
    count: Option<u32>,
    mode: Option<FailureMode>,
    az: Option<String>,
    region: Option<String>,
    duration_s: Option<f64>,
    share: Option<f64>,
    instance_type: Option<String>,
    factor: Option<f64>,
    error_rate: Option<f64>,
    min: Option<u32>,
    max: Option<u32>,
    desired: Option<u32>,
    process: Option<Process>,
    link: Option<LinkId>,
    weight: Option<f64>,
    min_healthy: Option<f64>,
    warmup_s: Option<f64>,
    decrement: Option<bool>,
    canary: Option<f64>,
}

impl TryFrom<EventRecord> for Event {
    type Error = RecordError;

    fn try_from(r: EventRecord) -> Result<Self, RecordError> {
        let k = r.kind.as_str();
        Ok(match k {
            "instance_failure" => Event::InstanceFailure {
                target: need(r.target, "target", k)?,
                count: r.count.unwrap_or(1),
                mode: r.mode.unwrap_or_default(),
            },
            "az_outage" => Event::AzOutage {
                az: need(r.az, "az", k)?,
                duration_s: r.duration_s,
            },
            "az_recovery" => Event::AzRecovery {
                az: need(r.az, "az", k)?,
            },
            "region_outage" => Event::RegionOutage {
                region: r.region,
                duration_s: r.duration_s,
            },
            "spot_interruption" => Event::SpotInterruption {
                target: r.target,
                share: r.share.unwrap_or(1.0),
            },
            "spot_price_change" => Event::SpotPriceChange {
                instance_type: r.instance_type,
                az: r.az,
                factor: need(r.factor, "factor", k)?,
            },
            "dependency_slowdown" => Event::DependencySlowdown {
                target: need(r.target, "target", k)?,
                factor: need(r.factor, "factor", k)?,
                duration_s: r.duration_s,
            },
            "bad_deployment" => Event::BadDeployment {
                target: need(r.target, "target", k)?,
                error_rate: need(r.error_rate, "error_rate", k)?,
                duration_s: r.duration_s,
            },
            "scheduled_action" => Event::ScheduledAction {
                target: need(r.target, "target", k)?,
                min: r.min,
                max: r.max,
                desired: r.desired,
            },
            "suspend" => Event::Suspend {
                target: need(r.target, "target", k)?,
                process: need(r.process, "process", k)?,
            },
            "resume" => Event::Resume {
                target: need(r.target, "target", k)?,
                process: need(r.process, "process", k)?,
            },
            "instance_refresh" => Event::InstanceRefresh {
                target: need(r.target, "target", k)?,
                min_healthy: r.min_healthy.unwrap_or(0.9),
                warmup_s: r.warmup_s,
            },
            "ecs_deployment" => Event::EcsDeployment {
                target: need(r.target, "target", k)?,
                error_rate: r.error_rate.unwrap_or(0.0),
            },
            "api_deployment" | "stage_rollback" => stage_event(r)?,
            "terminate_instances" => Event::TerminateInstances {
                target: need(r.target, "target", k)?,
                count: r.count.unwrap_or(1),
                decrement: r.decrement.unwrap_or(false),
            },
            "weight_change" => Event::WeightChange {
                link: need(r.link, "link", k)?,
                weight: need(r.weight, "weight", k)?,
            },
            other => return Err(RecordError(format!("unknown event type `{other}`"))),
        })
    }
}

/// An API stage's deployment or rollback record.
fn stage_event(r: EventRecord) -> Result<Event, RecordError> {
    let target = need(r.target, "target", &r.kind)?;
    Ok(if r.kind == "stage_rollback" {
        Event::StageRollback { target }
    } else {
        Event::ApiDeployment {
            target,
            error_rate: r.error_rate.unwrap_or(0.0),
            canary: r.canary,
        }
    })
}

/// Every field any traffic shape has.
#[derive(Deserialize)]
pub(super) struct ShapeRecord {
    #[serde(rename = "type")]
    kind: String,
    factor: Option<f64>,
    from: Option<f64>,
    to: Option<f64>,
    start_s: Option<f64>,
    end_s: Option<f64>,
    at_s: Option<f64>,
    duration_s: Option<f64>,
    period_s: Option<f64>,
    amplitude: Option<f64>,
    peak_s: Option<f64>,
    every_s: Option<f64>,
    step_s: Option<f64>,
    factors: Option<Vec<f64>>,
}

impl TryFrom<ShapeRecord> for Shape {
    type Error = RecordError;

    fn try_from(r: ShapeRecord) -> Result<Self, RecordError> {
        let k = r.kind.as_str();
        Ok(match k {
            "constant" => Shape::Constant {
                factor: need(r.factor, "factor", k)?,
            },
            "ramp" => Shape::Ramp {
                from: need(r.from, "from", k)?,
                to: need(r.to, "to", k)?,
                start_s: need(r.start_s, "start_s", k)?,
                end_s: need(r.end_s, "end_s", k)?,
            },
            "step" => Shape::Step {
                at_s: need(r.at_s, "at_s", k)?,
                factor: need(r.factor, "factor", k)?,
            },
            "spike" => Shape::Spike {
                at_s: need(r.at_s, "at_s", k)?,
                duration_s: need(r.duration_s, "duration_s", k)?,
                factor: need(r.factor, "factor", k)?,
            },
            "diurnal" => Shape::Diurnal {
                period_s: need(r.period_s, "period_s", k)?,
                amplitude: need(r.amplitude, "amplitude", k)?,
                peak_s: need(r.peak_s, "peak_s", k)?,
            },
            "bursts" => Shape::Bursts {
                every_s: need(r.every_s, "every_s", k)?,
                duration_s: need(r.duration_s, "duration_s", k)?,
                factor: need(r.factor, "factor", k)?,
            },
            "series" => Shape::Series {
                step_s: need(r.step_s, "step_s", k)?,
                factors: need(r.factors, "factors", k)?,
            },
            other => return Err(RecordError(format!("unknown shape type `{other}`"))),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(json: &str) -> Result<Event, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    #[test]
    fn defaults_apply_and_missing_fields_are_named() {
        assert_eq!(
            event(r#"{"type":"instance_failure","target":3}"#),
            Ok(Event::InstanceFailure {
                target: ComponentId(3),
                count: 1,
                mode: FailureMode::Crash
            })
        );
        assert_eq!(
            event(r#"{"type":"spot_interruption"}"#),
            Ok(Event::SpotInterruption {
                target: None,
                share: 1.0
            })
        );
        let e = event(r#"{"type":"bad_deployment","target":2}"#).unwrap_err();
        assert!(
            e.contains("missing field `error_rate` in a `bad_deployment` record"),
            "{e}"
        );
        let e = event(r#"{"type":"meteor_strike"}"#).unwrap_err();
        assert!(e.contains("unknown event type `meteor_strike`"), "{e}");
        assert!(event(r#"{"az":"us-east-1a"}"#).is_err());
        assert!(event(r#"{"type":"az_outage","az":7}"#).is_err());
    }

    #[test]
    fn every_event_and_shape_reads_back_what_it_writes() {
        let id = ComponentId(4);
        let events = [
            Event::InstanceFailure {
                target: id,
                count: 2,
                mode: FailureMode::Hang,
            },
            Event::AzOutage {
                az: "us-east-1a".into(),
                duration_s: Some(60.0),
            },
            Event::AzRecovery {
                az: "us-east-1b".into(),
            },
            Event::RegionOutage {
                region: Some("eu-west-1".into()),
                duration_s: None,
            },
            Event::RegionOutage {
                region: None,
                duration_s: Some(5.0),
            },
            Event::SpotInterruption {
                target: Some(id),
                share: 0.5,
            },
            Event::SpotPriceChange {
                instance_type: Some("m5.large".into()),
                az: None,
                factor: 0.9,
            },
            Event::DependencySlowdown {
                target: id,
                factor: 3.0,
                duration_s: None,
            },
            Event::BadDeployment {
                target: id,
                error_rate: 0.2,
                duration_s: Some(120.0),
            },
            Event::ScheduledAction {
                target: id,
                min: Some(1),
                max: None,
                desired: Some(3),
            },
            Event::Suspend {
                target: id,
                process: Process::AzRebalance,
            },
            Event::Resume {
                target: id,
                process: Process::Launch,
            },
            Event::WeightChange {
                link: LinkId(9),
                weight: 0.0,
            },
            Event::EcsDeployment {
                target: id,
                error_rate: 0.25,
            },
            Event::ApiDeployment {
                target: id,
                error_rate: 0.3,
                canary: Some(0.1),
            },
            Event::ApiDeployment {
                target: id,
                error_rate: 0.0,
                canary: None,
            },
            Event::StageRollback { target: id },
        ];
        for e in events {
            let text = serde_json::to_string(&e).expect("writes");
            assert_eq!(serde_json::from_str::<Event>(&text).expect(&text), e);
        }
        let shapes = [
            Shape::Constant { factor: 2.0 },
            Shape::Ramp {
                from: 1.0,
                to: 3.0,
                start_s: 0.0,
                end_s: 60.0,
            },
            Shape::Step {
                at_s: 30.0,
                factor: 2.0,
            },
            Shape::Spike {
                at_s: 10.0,
                duration_s: 5.0,
                factor: 4.0,
            },
            Shape::Diurnal {
                period_s: 3600.0,
                amplitude: 0.3,
                peak_s: 900.0,
            },
            Shape::Bursts {
                every_s: 60.0,
                duration_s: 5.0,
                factor: 3.0,
            },
            Shape::Series {
                step_s: 10.0,
                factors: vec![1.0, 2.0, 0.5],
            },
        ];
        for s in shapes {
            let text = serde_json::to_string(&s).expect("writes");
            assert_eq!(serde_json::from_str::<Shape>(&text).expect(&text), s);
        }
        let e = serde_json::from_str::<Shape>(r#"{"type":"ramp","from":1}"#).unwrap_err();
        assert!(e.to_string().contains("missing field `to`"), "{e}");
    }
}
