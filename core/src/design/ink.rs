//! Ink: pen and highlighter strokes, annotations drawn by hand over the
//! design. A stroke's points are whole canvas units relative to its
//! annotation's position, so moving the annotation moves the stroke, and a
//! link carries small integers. Strokes are capped in points and in number,
//! on the way in (a hostile link or file) and when one is drawn.

use serde::{Deserialize, Serialize};

use super::{Annotation, AnnotationKind, Point};

/// Most points one stroke keeps; the rest of a longer one is cut.
pub const MAX_STROKE_POINTS: usize = 1_000;
/// Most strokes a design holds (they count among its annotations too).
pub const MAX_STROKES: usize = 300;
/// How far a point may lie from its stroke's first point, in canvas units.
pub const MAX_STROKE_SPAN: f64 = 20_000.0;

/// The colour of a stroke, from a small palette that reads in both themes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InkColour {
    /// Red, the default pen.
    #[default]
    Red,
    /// Blue.
    Blue,
    /// Green.
    Green,
    /// Yellow, the default highlighter.
    Yellow,
}

impl InkColour {
    /// Every colour, in the order the toolbar lists them.
    pub const ALL: [InkColour; 4] = [
        InkColour::Red,
        InkColour::Blue,
        InkColour::Green,
        InkColour::Yellow,
    ];

    /// The colour's name, as a person reads it ("red").
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            InkColour::Red => "red",
            InkColour::Blue => "blue",
            InkColour::Green => "green",
            InkColour::Yellow => "yellow",
        }
    }

    /// The colour as CSS / SVG paint.
    #[must_use]
    pub fn css(self) -> &'static str {
        match self {
            InkColour::Red => "#e03131",
            InkColour::Blue => "#1c7ed6",
            InkColour::Green => "#2f9e44",
            InkColour::Yellow => "#f2c200",
        }
    }

    /// The one-letter code a share link writes.
    #[must_use]
    pub fn code(self) -> &'static str {
        &self.name()[..1]
    }

    /// The colour a code names (the inverse of [`InkColour::code`]).
    #[must_use]
    pub fn from_code(code: &str) -> Option<InkColour> {
        InkColour::ALL.into_iter().find(|c| c.code() == code)
    }
}

/// The drawn part of a pen or highlighter annotation.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Stroke {
    /// Its colour.
    pub colour: InkColour,
    /// Whole canvas units relative to the annotation's position; the first is
    /// the origin.
    pub points: Vec<Point>,
}

impl AnnotationKind {
    /// Whether this kind is drawn by hand (pen or highlighter).
    #[must_use]
    pub fn is_ink(self) -> bool {
        matches!(self, AnnotationKind::Pen | AnnotationKind::Highlighter)
    }
}

impl Annotation {
    /// The stroke's points on the canvas (empty for a text or sticky note).
    #[must_use]
    pub fn stroke_points(&self) -> Vec<Point> {
        self.stroke.as_ref().map_or_else(Vec::new, |s| {
            s.points
                .iter()
                .map(|p| Point {
                    x: self.pos.x + p.x,
                    y: self.pos.y + p.y,
                })
                .collect()
        })
    }
}

/// `points` (on the canvas) as a stroke's origin and its relative points
/// (see [`tidy`]). `None` when no point is a finite number.
#[must_use]
pub fn quantise(points: &[Point]) -> Option<(Point, Vec<Point>)> {
    let first = points.iter().find(|p| p.x.is_finite() && p.y.is_finite())?;
    let limit = super::MAX_COORD;
    let origin = Point {
        x: first.x.round().clamp(-limit, limit),
        y: first.y.round().clamp(-limit, limit),
    };
    let relative: Vec<Point> = points
        .iter()
        .map(|p| Point {
            x: p.x - origin.x,
            y: p.y - origin.y,
        })
        .collect();
    Some((origin, tidy(&relative)))
}

/// Relative points as a stroke keeps them: those that are not finite
/// dropped, the rest rounded to whole units within [`MAX_STROKE_SPAN`],
/// repeats dropped, at most [`MAX_STROKE_POINTS`].
#[must_use]
pub fn tidy(points: &[Point]) -> Vec<Point> {
    let mut out: Vec<Point> = Vec::new();
    for p in points.iter().filter(|p| p.x.is_finite() && p.y.is_finite()) {
        if out.len() >= MAX_STROKE_POINTS {
            break;
        }
        let q = Point {
            x: p.x.round().clamp(-MAX_STROKE_SPAN, MAX_STROKE_SPAN),
            y: p.y.round().clamp(-MAX_STROKE_SPAN, MAX_STROKE_SPAN),
        };
        if out.last() != Some(&q) {
            out.push(q);
        }
    }
    out
}

/// Repairs one annotation's ink: a pen or highlighter without points is an
/// `Err` (to be dropped, with the reason); a note loses any stroke; a
/// stroke's points are [`tidy`]. Returns whether anything changed.
pub(super) fn repair_stroke(a: &mut Annotation) -> Result<bool, &'static str> {
    if !a.kind.is_ink() {
        return Ok(a.stroke.take().is_some());
    }
    let Some(stroke) = a.stroke.as_mut() else {
        return Err("a pen stroke without points");
    };
    let points = tidy(&stroke.points);
    if points.is_empty() {
        return Err("a pen stroke without points");
    }
    let changed = points != stroke.points;
    stroke.points = points;
    Ok(changed)
}
