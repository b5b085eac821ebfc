//! The parts of format 1 added after its first release, each left out when
//! empty so a design without them encodes exactly as before:
//!
//! ```text
//!  "a":[...,[id,"p"|"h","r"|"b"|"g"|"y",x,y,[x0,y0,dx1,dy1,...]],...]
//!  "p":[{"f":frame,"r":[x,y,w,h],"t":"caption","c":[ids],"l":[ids],"m":seconds},...]
//! ```
//!
//! A stroke is a note entry with a sixth field: its points relative to
//! `x,y`, the first one whole and each next one as the step from the one
//! before, in whole canvas units.

use serde::{Deserialize, Serialize};

use super::Num;
use crate::design::{
    AnnotationKind, ComponentId, GroupId, InkColour, LinkId, Point, Rect, Step, StepTarget, Stroke,
};

/// The code of a stroke kind, or `None` for a text or sticky note.
pub(super) fn ink_code(k: AnnotationKind) -> Option<&'static str> {
    match k {
        AnnotationKind::Pen => Some("p"),
        AnnotationKind::Highlighter => Some("h"),
        AnnotationKind::Text | AnnotationKind::Sticky => None,
    }
}

/// The stroke kind a code names (the inverse of [`ink_code`]).
pub(super) fn ink_kind(code: &str) -> Option<AnnotationKind> {
    match code {
        "p" => Some(AnnotationKind::Pen),
        "h" => Some(AnnotationKind::Highlighter),
        _ => None,
    }
}

/// A stroke's points as whole-unit steps.
pub(super) fn pack_points(points: &[Point]) -> Vec<i64> {
    let mut out = Vec::with_capacity(points.len() * 2);
    let mut last = (0i64, 0i64);
    for p in points {
        // Stored points are whole and within the span, so this is exact.
        #[allow(clippy::cast_possible_truncation)]
        let q = (p.x.round() as i64, p.y.round() as i64);
        out.push(q.0 - last.0);
        out.push(q.1 - last.1);
        last = q;
    }
    out
}

/// The points a list of steps describes (the inverse of [`pack_points`]); an
/// odd last number is ignored and the load path tidies what comes out.
pub(super) fn unpack_points(steps: &[i64]) -> Vec<Point> {
    let mut at = (0.0f64, 0.0f64);
    steps
        .chunks_exact(2)
        .map(|d| {
            #[allow(clippy::cast_precision_loss)]
            let d = (d[0] as f64, d[1] as f64);
            at = (at.0 + d.0, at.1 + d.1);
            Point { x: at.0, y: at.1 }
        })
        .collect()
}

/// A stroke from its wire colour code and points; an unknown colour reads as
/// the default.
pub(super) fn stroke(colour: &str, steps: &[i64]) -> Stroke {
    Stroke {
        colour: InkColour::from_code(colour).unwrap_or_default(),
        points: unpack_points(steps),
    }
}

/// One presentation step on the wire.
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct WStep {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    f: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    r: Option<(Num, Num, Num, Num)>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    t: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    c: Vec<u32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    l: Vec<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    m: Option<Num>,
}

impl WStep {
    /// The wire form of a step.
    pub(super) fn from_step(s: &Step) -> Self {
        let (f, r) = match s.target {
            StepTarget::Whole => (None, None),
            StepTarget::Frame(g) => (Some(g.0), None),
            StepTarget::Region(r) => (None, Some((Num(r.x), Num(r.y), Num(r.w), Num(r.h)))),
        };
        WStep {
            f,
            r,
            t: s.caption.clone(),
            c: s.components.iter().map(|c| c.0).collect(),
            l: s.links.iter().map(|l| l.0).collect(),
            m: s.moment.map(Num),
        }
    }

    /// The step (not yet repaired: the load path checks ids and bounds).
    pub(super) fn into_step(self) -> Step {
        let target = match (self.f, self.r) {
            (Some(g), _) => StepTarget::Frame(GroupId(g)),
            (None, Some((x, y, w, h))) => StepTarget::Region(Rect {
                x: x.0,
                y: y.0,
                w: w.0,
                h: h.0,
            }),
            (None, None) => StepTarget::Whole,
        };
        Step {
            target,
            caption: self.t,
            components: self.c.into_iter().map(ComponentId).collect(),
            links: self.l.into_iter().map(LinkId).collect(),
            moment: self.m.map(|m| m.0),
        }
    }
}
