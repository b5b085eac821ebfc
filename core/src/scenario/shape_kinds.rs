//! Every traffic shape the scenario form offers, with its fields (see
//! [`super::fields`]); reading and writing a field by its id.

use super::Shape;
use super::fields::{FieldKind, FieldSpec, Initial, factor, time};

/// The unit of a factor.
pub(super) const X: &str = "×";

/// A kind of traffic shape: its id, its name and its fields in form order.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ShapeKind {
    /// Stable id, the shape's `type` in the document.
    pub id: &'static str,
    /// Name in the form.
    pub name: &'static str,
    /// Editable fields, in form order.
    pub fields: &'static [FieldSpec],
}

/// Every shape the form offers, in its order.
pub const SHAPE_KINDS: [ShapeKind; 6] = [
    ShapeKind {
        id: "constant",
        name: "Constant",
        fields: &[factor("factor", "Factor", X, Initial::Value(1.0))],
    },
    ShapeKind {
        id: "ramp",
        name: "Ramp",
        fields: &[
            factor("from", "From", X, Initial::Value(1.0)),
            factor("to", "To", X, Initial::Value(3.0)),
            time("start_s", "Start", Initial::OfRun(0.2)),
            time("end_s", "End", Initial::OfRun(0.6)),
        ],
    },
    ShapeKind {
        id: "step",
        name: "Step",
        fields: &[
            time("at_s", "At", Initial::OfRun(0.5)),
            factor("factor", "Factor", X, Initial::Value(2.0)),
        ],
    },
    ShapeKind {
        id: "spike",
        name: "Spike",
        fields: &[
            time("at_s", "At", Initial::OfRun(1.0 / 3.0)),
            time("duration_s", "For", Initial::OfRun(0.1)),
            factor("factor", "Factor", X, Initial::Value(4.0)),
        ],
    },
    ShapeKind {
        id: "diurnal",
        name: "Daily wave",
        fields: &[
            time("period_s", "Period", Initial::OfRun(1.0)),
            FieldSpec {
                id: "amplitude",
                label: "Swing",
                unit: "±",
                kind: FieldKind::Number {
                    min: 0.0,
                    max: 1.0,
                    scale: 1.0,
                    whole: false,
                    empty: None,
                },
                initial: Initial::Value(0.3),
            },
            time("peak_s", "Peak at", Initial::OfRun(0.5)),
        ],
    },
    ShapeKind {
        id: "bursts",
        name: "Bursts",
        fields: &[
            time("every_s", "Every", Initial::OfRun(1.0 / 6.0)),
            time("duration_s", "For", Initial::OfRun(1.0 / 30.0)),
            factor("factor", "Factor", X, Initial::Value(3.0)),
        ],
    },
];

/// A replayed series: not offered by the form, and without editable fields.
const SERIES: ShapeKind = ShapeKind {
    id: "series",
    name: "Replayed series",
    fields: &[],
};

/// The shape kind with this id.
#[must_use]
pub fn shape_kind(id: &str) -> Option<&'static ShapeKind> {
    SHAPE_KINDS.iter().find(|k| k.id == id)
}

impl Shape {
    /// The shape's kind (a replayed series has no editable fields).
    #[must_use]
    pub fn kind(&self) -> &'static ShapeKind {
        let id = match self {
            Shape::Constant { .. } => "constant",
            Shape::Ramp { .. } => "ramp",
            Shape::Step { .. } => "step",
            Shape::Spike { .. } => "spike",
            Shape::Diurnal { .. } => "diurnal",
            Shape::Bursts { .. } => "bursts",
            Shape::Series { .. } => return &SERIES,
        };
        shape_kind(id).unwrap_or(&SERIES)
    }

    /// A shape of kind `id` with its fields' first values in a run of
    /// `duration_s`; `None` for an id [`SHAPE_KINDS`] does not have.
    #[must_use]
    pub fn of_kind(id: &str, duration_s: f64) -> Option<Shape> {
        let kind = shape_kind(id)?;
        let mut shape = match id {
            "constant" => Shape::Constant { factor: 0.0 },
            "ramp" => Shape::Ramp {
                from: 0.0,
                to: 0.0,
                start_s: 0.0,
                end_s: 0.0,
            },
            "step" => Shape::Step {
                at_s: 0.0,
                factor: 0.0,
            },
            "spike" => Shape::Spike {
                at_s: 0.0,
                duration_s: 0.0,
                factor: 0.0,
            },
            "diurnal" => Shape::Diurnal {
                period_s: 0.0,
                amplitude: 0.0,
                peak_s: 0.0,
            },
            _ => Shape::Bursts {
                every_s: 0.0,
                duration_s: 0.0,
                factor: 0.0,
            },
        };
        for (slot, spec) in shape.slots().into_iter().zip(kind.fields) {
            *slot = spec.initial.value(duration_s).unwrap_or(0.0);
        }
        Some(shape)
    }

    /// The numbers of the shape in the order of its kind's fields.
    fn slots(&mut self) -> Vec<&mut f64> {
        match self {
            Shape::Constant { factor } => vec![factor],
            Shape::Ramp {
                from,
                to,
                start_s,
                end_s,
            } => vec![from, to, start_s, end_s],
            Shape::Step { at_s, factor } => vec![at_s, factor],
            Shape::Spike {
                at_s,
                duration_s,
                factor,
            }
            | Shape::Bursts {
                every_s: at_s,
                duration_s,
                factor,
            } => vec![at_s, duration_s, factor],
            Shape::Diurnal {
                period_s,
                amplitude,
                peak_s,
            } => vec![period_s, amplitude, peak_s],
            Shape::Series { .. } => Vec::new(),
        }
    }

    /// The field `id` of the shape, when its kind has one.
    pub(crate) fn field_mut(&mut self, id: &str) -> Option<&mut f64> {
        let i = self.kind().fields.iter().position(|f| f.id == id)?;
        self.slots().into_iter().nth(i)
    }

    /// The value of field `id`, when the shape's kind has one.
    #[must_use]
    pub fn field(&self, id: &str) -> Option<f64> {
        self.clone().field_mut(id).map(|v| *v)
    }
}
