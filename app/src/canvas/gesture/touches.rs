//! The fingers on the canvas, for two-finger pan and pinch.

use super::input::PointerId;

/// Each finger down on the canvas with its screen point, in the order they
/// came down.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Touches(Vec<(PointerId, (f64, f64))>);

impl Touches {
    /// A finger came down at `at`.
    pub fn down(&mut self, id: PointerId, at: (f64, f64)) {
        self.0.push((id, at));
    }

    /// A finger moved to `at` (a pointer not down is ignored).
    pub fn moved(&mut self, id: PointerId, at: (f64, f64)) {
        if let Some(e) = self.0.iter_mut().find(|e| e.0 == id) {
            e.1 = at;
        }
    }

    /// A pointer came up or was cancelled.
    pub fn lifted(&mut self, id: PointerId) {
        self.0.retain(|e| e.0 != id);
    }

    /// How many fingers are down.
    #[must_use]
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether no finger is down.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Midpoint and distance of the first two fingers, if two are down.
    #[must_use]
    pub fn two_fingers(&self) -> Option<((f64, f64), f64)> {
        let [(_, a), (_, b), ..] = self.0.as_slice() else {
            return None;
        };
        Some((
            ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0),
            (a.0 - b.0).hypot(a.1 - b.1),
        ))
    }
}
