//! Reading and writing an event's fields by their ids, as the scenario form
//! and [`crate::edit::ScenarioCommand`] do.

use super::super::fields::FieldValue;
use super::super::{Event, FailureMode};
use super::{DECREMENT, PROCESSES, Process};

/// The id of a process option.
fn process_id(p: Process) -> &'static str {
    Process::ALL
        .iter()
        .position(|q| *q == p)
        .map_or("launch", |i| PROCESSES[i].0)
}

impl Event {
    /// The value of field `id`, when the event's kind has one.
    #[must_use]
    pub fn field(&self, id: &str) -> Option<FieldValue> {
        use FieldValue::{Component, Link, Number, Text};
        let n = |v: f64| Some(Number(Some(v)));
        let count = |v: &Option<u32>| Some(Number(v.map(f64::from)));
        match (self, id) {
            (
                Event::InstanceFailure { target, .. }
                | Event::DependencySlowdown { target, .. }
                | Event::BadDeployment { target, .. }
                | Event::ScheduledAction { target, .. }
                | Event::Suspend { target, .. }
                | Event::Resume { target, .. }
                | Event::InstanceRefresh { target, .. }
                | Event::TerminateInstances { target, .. }
                | Event::EcsDeployment { target, .. }
                | Event::ApiDeployment { target, .. }
                | Event::StageRollback { target },
                "target",
            ) => Some(Component(Some(*target))),
            (Event::SpotInterruption { target, .. }, "target") => Some(Component(*target)),
            (
                Event::InstanceFailure { count, .. } | Event::TerminateInstances { count, .. },
                "count",
            ) => n(f64::from(*count)),
            (Event::InstanceRefresh { min_healthy, .. }, "min_healthy") => n(*min_healthy),
            (Event::InstanceRefresh { warmup_s, .. }, "warmup_s") => Some(Number(*warmup_s)),
            (Event::TerminateInstances { decrement, .. }, "decrement") => {
                Some(Text(Some(DECREMENT[usize::from(*decrement)].0.to_owned())))
            }
            (Event::InstanceFailure { mode, .. }, "mode") => Some(Text(Some(
                if *mode == FailureMode::Hang {
                    "hang"
                } else {
                    "crash"
                }
                .to_owned(),
            ))),
            (Event::AzOutage { az, .. } | Event::AzRecovery { az }, "az") => {
                Some(Text(Some(az.clone())))
            }
            (Event::RegionOutage { region, .. }, "region") => Some(Text(region.clone())),
            (Event::SpotPriceChange { instance_type, .. }, "instance_type") => {
                Some(Text(instance_type.clone()))
            }
            (Event::SpotPriceChange { az, .. }, "az") => Some(Text(az.clone())),
            (
                Event::AzOutage { duration_s, .. }
                | Event::RegionOutage { duration_s, .. }
                | Event::DependencySlowdown { duration_s, .. }
                | Event::BadDeployment { duration_s, .. },
                "duration_s",
            ) => Some(Number(*duration_s)),
            (Event::SpotInterruption { share, .. }, "share") => n(*share),
            (
                Event::BadDeployment { error_rate, .. }
                | Event::EcsDeployment { error_rate, .. }
                | Event::ApiDeployment { error_rate, .. },
                "error_rate",
            ) => n(*error_rate),
            (Event::ApiDeployment { canary, .. }, "canary") => Some(Number(*canary)),
            (
                Event::DependencySlowdown { factor, .. } | Event::SpotPriceChange { factor, .. },
                "factor",
            ) => n(*factor),
            (Event::ScheduledAction { min, .. }, "min") => count(min),
            (Event::ScheduledAction { max, .. }, "max") => count(max),
            (Event::ScheduledAction { desired, .. }, "desired") => count(desired),
            (Event::Suspend { process, .. } | Event::Resume { process, .. }, "process") => {
                Some(Text(Some(process_id(*process).to_owned())))
            }
            (Event::WeightChange { link, .. }, "link") => Some(Link(*link)),
            (Event::WeightChange { weight, .. }, "weight") => n(*weight),
            _ => None,
        }
    }

    /// Sets field `id` to `value`, already checked against the field's spec.
    /// Returns whether the event has such a field taking such a value.
    pub(crate) fn set_field(&mut self, id: &str, value: FieldValue) -> bool {
        use FieldValue::{Component, Link, Number, Text};
        match (self, id, value) {
            (
                Event::InstanceFailure { target, .. }
                | Event::DependencySlowdown { target, .. }
                | Event::BadDeployment { target, .. }
                | Event::ScheduledAction { target, .. }
                | Event::Suspend { target, .. }
                | Event::Resume { target, .. }
                | Event::InstanceRefresh { target, .. }
                | Event::TerminateInstances { target, .. }
                | Event::EcsDeployment { target, .. }
                | Event::ApiDeployment { target, .. }
                | Event::StageRollback { target },
                "target",
                Component(Some(c)),
            ) => *target = c,
            (Event::SpotInterruption { target, .. }, "target", Component(c)) => *target = c,
            (
                Event::InstanceFailure { count, .. } | Event::TerminateInstances { count, .. },
                "count",
                Number(Some(v)),
            ) => *count = v as u32,
            (Event::InstanceFailure { mode, .. }, "mode", Text(Some(t))) => {
                *mode = if t == "hang" {
                    FailureMode::Hang
                } else {
                    FailureMode::Crash
                };
            }
            (Event::AzOutage { az, .. } | Event::AzRecovery { az }, "az", Text(Some(t))) => *az = t,
            (Event::RegionOutage { region: name, .. }, "region", Text(t))
            | (Event::SpotPriceChange { az: name, .. }, "az", Text(t))
            | (
                Event::SpotPriceChange {
                    instance_type: name,
                    ..
                },
                "instance_type",
                Text(t),
            ) => {
                // Empty means every region, zone or type.
                *name = t.filter(|t| !t.is_empty());
            }
            (
                Event::AzOutage { duration_s, .. }
                | Event::RegionOutage { duration_s, .. }
                | Event::DependencySlowdown { duration_s, .. }
                | Event::BadDeployment { duration_s, .. },
                "duration_s",
                Number(v),
            ) => *duration_s = v,
            (Event::SpotInterruption { share: p, .. }, "share", Number(Some(v)))
            | (Event::BadDeployment { error_rate: p, .. }, "error_rate", Number(Some(v)))
            | (Event::EcsDeployment { error_rate: p, .. }, "error_rate", Number(Some(v)))
            | (Event::ApiDeployment { error_rate: p, .. }, "error_rate", Number(Some(v)))
            | (Event::DependencySlowdown { factor: p, .. }, "factor", Number(Some(v)))
            | (Event::SpotPriceChange { factor: p, .. }, "factor", Number(Some(v)))
            | (Event::WeightChange { weight: p, .. }, "weight", Number(Some(v)))
            | (Event::InstanceRefresh { min_healthy: p, .. }, "min_healthy", Number(Some(v))) => {
                *p = v;
            }
            (Event::WeightChange { link, .. }, "link", Link(l)) => *link = l,
            (event, id, value) => return event.set_group_field(id, value),
        }
        true
    }

    /// [`Event::set_field`] for the fields only group events have.
    fn set_group_field(&mut self, id: &str, value: FieldValue) -> bool {
        use FieldValue::{Number, Text};
        let count = |v: Option<f64>| v.map(|v| v as u32);
        let pick = |options: &[(&str, &str)], t: &str| options.iter().position(|o| o.0 == t);
        match (self, id, value) {
            (Event::ScheduledAction { min, .. }, "min", Number(v)) => *min = count(v),
            (Event::ScheduledAction { max, .. }, "max", Number(v)) => *max = count(v),
            (Event::ScheduledAction { desired, .. }, "desired", Number(v)) => {
                *desired = count(v);
            }
            (
                Event::Suspend { process, .. } | Event::Resume { process, .. },
                "process",
                Text(Some(t)),
            ) => match pick(&PROCESSES, &t) {
                Some(i) => *process = Process::ALL[i],
                None => return false,
            },
            (Event::InstanceRefresh { warmup_s, .. }, "warmup_s", Number(v)) => *warmup_s = v,
            (Event::ApiDeployment { canary, .. }, "canary", Number(v)) => *canary = v,
            (Event::TerminateInstances { decrement, .. }, "decrement", Text(Some(t))) => {
                match pick(&DECREMENT, &t) {
                    Some(i) => *decrement = i == 1,
                    None => return false,
                }
            }
            _ => return false,
        }
        true
    }
}
