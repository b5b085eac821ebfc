//! Edits of the scenario: every change the scenario tab makes, as data, and
//! [`apply_scenario`], which checks values against the fields' specs
//! ([`crate::scenario::fields`]) and returns a [`Change`] the same
//! [`super::History`] undoes as it does design edits.

use super::EditError;
use super::change::{Change, Coalesce, Diff};
use crate::catalog::ValueError;
use crate::design::ComponentId;
use crate::scenario::fields::{AT, FieldValue, MAX_TIME_S};
use crate::scenario::{Scenario, Shape, TimedEvent, Traffic, event_field};

/// Every change the scenario tab can make.
#[derive(Debug, Clone, PartialEq)]
pub enum ScenarioCommand {
    /// Replaces the whole scenario (a preset).
    Replace(Box<Scenario>),
    /// Sets the simulated duration, seconds.
    SetDuration(f64),
    /// Sets the seed of the run's random streams.
    SetSeed(u64),
    /// Adds a traffic shape at the end of the list.
    AddTraffic(Traffic),
    /// Removes the traffic shape at this index.
    RemoveTraffic(usize),
    /// Aims a traffic shape at one Users component (`None`: every one).
    SetTrafficSource {
        /// Which traffic shape.
        index: usize,
        /// The Users component, or none for all.
        source: Option<ComponentId>,
    },
    /// Changes a traffic shape's kind; its fields start from the kind's first values.
    SetShapeKind {
        /// Which traffic shape.
        index: usize,
        /// A [`crate::scenario::SHAPE_KINDS`] id.
        kind: &'static str,
    },
    /// Sets one field of a traffic shape.
    SetShapeField {
        /// Which traffic shape.
        index: usize,
        /// The field's id in the shape kind's fields.
        field: &'static str,
        /// The new value.
        value: f64,
    },
    /// Adds an event to the timeline.
    AddEvent(TimedEvent),
    /// Removes the event at this index (in stored order).
    RemoveEvent(usize),
    /// Sets one field of an event: `at_s` or a field of its kind.
    SetEventField {
        /// Which event (in stored order).
        index: usize,
        /// The field's id.
        field: &'static str,
        /// The new value.
        value: FieldValue,
    },
}

impl ScenarioCommand {
    /// A short name for menus ("Undo Change traffic").
    #[must_use]
    pub fn label(&self) -> &'static str {
        match self {
            ScenarioCommand::Replace(_) => "Apply preset",
            ScenarioCommand::SetDuration(_) => "Change duration",
            ScenarioCommand::SetSeed(_) => "Change seed",
            ScenarioCommand::AddTraffic(_) => "Add traffic shape",
            ScenarioCommand::RemoveTraffic(_) => "Remove traffic shape",
            ScenarioCommand::SetTrafficSource { .. } => "Change traffic source",
            ScenarioCommand::SetShapeKind { .. } => "Change traffic shape",
            ScenarioCommand::SetShapeField { .. } => "Change traffic",
            ScenarioCommand::AddEvent(_) => "Add event",
            ScenarioCommand::RemoveEvent(_) => "Remove event",
            ScenarioCommand::SetEventField { field: "at_s", .. } => "Move event",
            ScenarioCommand::SetEventField { .. } => "Change event",
        }
    }
}

/// One reversible step of a scenario edit.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ScenarioOp {
    Traffic(Diff<Traffic>),
    Timeline(Diff<TimedEvent>),
    Whole {
        before: Box<Scenario>,
        after: Box<Scenario>,
    },
}

impl ScenarioOp {
    pub(crate) fn apply(&self, s: &mut Scenario, forward: bool) {
        match self {
            ScenarioOp::Traffic(diff) => diff.apply(&mut s.traffic, forward),
            ScenarioOp::Timeline(diff) => diff.apply(&mut s.timeline, forward),
            ScenarioOp::Whole { before, after } => {
                s.clone_from(if forward { after } else { before });
            }
        }
    }
}

/// Performs `command` on `scenario` and returns what changed (an
/// empty change when the value was already set).
///
/// All or nothing: on error the scenario is exactly as it was.
///
/// # Errors
/// [`EditError::NoTraffic`] or [`EditError::NoEvent`] for an index the
/// scenario does not have, [`EditError::UnknownField`] for a field the shape
/// or event does not have, [`EditError::InvalidValue`] for a value outside
/// the field's bounds.
pub fn apply_scenario(
    scenario: &mut Scenario,
    command: &ScenarioCommand,
) -> Result<Change, EditError> {
    let op = plan(scenario, command)?;
    let mut change = Change::new(command.label());
    if let Some(op) = op {
        op.apply(scenario, true);
        change.scenario_ops.push(op);
    }
    if let ScenarioCommand::SetEventField {
        index,
        field: "at_s",
        ..
    } = command
    {
        change.coalesce = Some(Coalesce::EventAt(*index));
    }
    Ok(change)
}

fn traffic(s: &Scenario, index: usize) -> Result<&Traffic, EditError> {
    s.traffic.get(index).ok_or(EditError::NoTraffic(index))
}

fn event(s: &Scenario, index: usize) -> Result<&TimedEvent, EditError> {
    s.timeline.get(index).ok_or(EditError::NoEvent(index))
}

fn update<T: Clone + PartialEq>(index: usize, before: &T, after: T) -> Option<Diff<T>> {
    (*before != after).then(|| Diff::Update {
        index,
        before: before.clone(),
        after,
    })
}

/// The step `command` takes, checked, without taking it (`None`: nothing changes).
fn plan(s: &Scenario, command: &ScenarioCommand) -> Result<Option<ScenarioOp>, EditError> {
    let whole = |after: Scenario| {
        (after != *s).then(|| ScenarioOp::Whole {
            before: Box::new(s.clone()),
            after: Box::new(after),
        })
    };
    Ok(match command {
        ScenarioCommand::Replace(after) => {
            check_scenario(after)?;
            whole((**after).clone())
        }
        ScenarioCommand::SetDuration(d) => {
            check_duration(*d)?;
            whole(Scenario {
                duration_s: *d,
                ..s.clone()
            })
        }
        ScenarioCommand::SetSeed(seed) => whole(Scenario {
            seed: *seed,
            ..s.clone()
        }),
        ScenarioCommand::AddEvent(e) => {
            check_event(e)?;
            Some(ScenarioOp::Timeline(Diff::Insert {
                index: s.timeline.len(),
                record: e.clone(),
            }))
        }
        ScenarioCommand::RemoveEvent(index) => Some(ScenarioOp::Timeline(Diff::Remove {
            index: *index,
            record: event(s, *index)?.clone(),
        })),
        ScenarioCommand::SetEventField {
            index,
            field,
            value,
        } => {
            let before = event(s, *index)?;
            let after = set_event_field(before, field, value.clone())?;
            update(*index, before, after).map(ScenarioOp::Timeline)
        }
        _ => plan_traffic(s, command)?.map(ScenarioOp::Traffic),
    })
}

/// The step a traffic command takes, checked.
fn plan_traffic(
    s: &Scenario,
    command: &ScenarioCommand,
) -> Result<Option<Diff<Traffic>>, EditError> {
    Ok(match command {
        ScenarioCommand::AddTraffic(t) => {
            check_shape(&t.shape)?;
            Some(Diff::Insert {
                index: s.traffic.len(),
                record: t.clone(),
            })
        }
        ScenarioCommand::RemoveTraffic(index) => Some(Diff::Remove {
            index: *index,
            record: traffic(s, *index)?.clone(),
        }),
        ScenarioCommand::SetTrafficSource { index, source } => {
            let before = traffic(s, *index)?;
            let after = Traffic {
                source: *source,
                ..before.clone()
            };
            update(*index, before, after)
        }
        ScenarioCommand::SetShapeKind { index, kind } => {
            let before = traffic(s, *index)?;
            let shape = Shape::of_kind(kind, s.duration_s).ok_or(EditError::UnknownField {
                field: (*kind).to_owned(),
            })?;
            if before.shape.kind().id == *kind {
                return Ok(None);
            }
            let after = Traffic {
                shape,
                ..before.clone()
            };
            update(*index, before, after)
        }
        ScenarioCommand::SetShapeField {
            index,
            field,
            value,
        } => {
            let before = traffic(s, *index)?;
            let after = set_shape_field(before, field, *value)?;
            update(*index, before, after)
        }
        _ => None,
    })
}

fn set_shape_field(t: &Traffic, field: &str, value: f64) -> Result<Traffic, EditError> {
    let unknown = || EditError::UnknownField {
        field: field.to_owned(),
    };
    let spec = t
        .shape
        .kind()
        .fields
        .iter()
        .find(|f| f.id == field)
        .ok_or_else(unknown)?;
    spec.check(&FieldValue::Number(Some(value)))?;
    let mut after = t.clone();
    *after.shape.field_mut(field).ok_or_else(unknown)? = value;
    Ok(after)
}

fn set_event_field(
    e: &TimedEvent,
    field: &str,
    value: FieldValue,
) -> Result<TimedEvent, EditError> {
    let unknown = || EditError::UnknownField {
        field: field.to_owned(),
    };
    let spec = event_field(&e.event, field).ok_or_else(unknown)?;
    spec.check(&value)?;
    let mut after = e.clone();
    if field == AT.id {
        match value {
            FieldValue::Number(Some(at_s)) => after.at_s = at_s,
            _ => return Err(unknown()),
        }
    } else if !after.event.set_field(field, value) {
        return Err(unknown());
    }
    Ok(after)
}

fn check_duration(d: f64) -> Result<(), EditError> {
    if d.is_finite() && (1.0..=MAX_TIME_S).contains(&d) {
        Ok(())
    } else {
        Err(EditError::InvalidValue(ValueError::OutOfRange {
            param: "Duration (s)",
            value: d,
            min: 1.0,
            max: MAX_TIME_S,
        }))
    }
}

/// Every field of a shape within its bounds.
fn check_shape(shape: &Shape) -> Result<(), EditError> {
    for spec in shape.kind().fields {
        spec.check(&FieldValue::Number(shape.field(spec.id)))?;
    }
    Ok(())
}

/// The time and every field of an event within their bounds.
fn check_event(e: &TimedEvent) -> Result<(), EditError> {
    AT.check(&FieldValue::Number(Some(e.at_s)))?;
    for spec in e.event.kind().fields {
        if let Some(v) = e.event.field(spec.id) {
            spec.check(&v)?;
        }
    }
    Ok(())
}

/// A whole scenario: its duration, shapes and events within their bounds.
fn check_scenario(s: &Scenario) -> Result<(), EditError> {
    check_duration(s.duration_s)?;
    for t in &s.traffic {
        check_shape(&t.shape)?;
    }
    for e in &s.timeline {
        check_event(e)?;
    }
    Ok(())
}
