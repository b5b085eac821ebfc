//! The canvas' pointer gestures as a state machine in plain data, after
//! tldraw's tools: a [`PointerInput`] (phase, pointer, screen point, button,
//! modifiers, what was hit) goes into [`GestureMachine::step`] with a
//! read-only [`GestureCtx`] (design, selection, viewport, snap), and out come
//! the next machine and the [`Effect`]s the page carries out (select, pan,
//! capture the pointer, apply one command when a drag ends). Nothing here
//! touches the DOM or a signal, so every transition is tested natively.
//!
//! A press picks the gesture: the middle button (or Space) pans, a handle
//! starts a link, an item is selected and dragged, a link is selected, and
//! empty canvas draws a selection rectangle (one finger pans it instead).
//! Two fingers pan and pinch.

mod effect;
mod input;
mod item;
mod machine;
mod motion;
#[cfg(test)]
mod test_editor;
#[cfg(test)]
mod tests;
mod touches;

use skydraft_core::design::{ComponentId, Point, Rect};

pub use effect::Effect;
pub use input::{Button, Device, Hit, Modifiers, Phase, PointerId, PointerInput};
pub use item::Item;
pub use machine::{GestureCtx, GestureMachine};
pub use motion::{connect_over, move_delta, pinch_viewport};
pub use touches::Touches;

use crate::geom::{self, Viewport};
use crate::state::Selection;

/// What the pointer is doing on the canvas.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Gesture {
    /// Nothing pressed.
    #[default]
    Idle,
    /// Dragging the selection; the document changes only on release.
    Moving {
        /// What was picked up (sent to core on release).
        sel: Selection,
        /// What moves on screen: the selection plus the contents of its frames.
        carried: Selection,
        /// Canvas point where the press started.
        grab: Point,
        /// Position of the pressed item at the start (snapping aligns it).
        anchor: Point,
        /// Current offset.
        delta: Point,
    },
    /// Dragging a new link out of a component's handle.
    Connecting {
        /// Source component.
        from: ComponentId,
        /// Pointer position on the canvas.
        at: Point,
        /// Component under the pointer, if any.
        over: Option<ComponentId>,
        /// Whether releasing here would connect, or why not.
        verdict: Option<Result<(), String>>,
    },
    /// Panning the view.
    Panning {
        /// Screen point where the press started.
        start: (f64, f64),
        /// Viewport at the start.
        origin: Viewport,
    },
    /// Two fingers: pan and pinch-zoom together.
    Pinch {
        /// Midpoint of the fingers at the start (screen).
        mid: (f64, f64),
        /// Distance between the fingers at the start (screen).
        dist: f64,
        /// Viewport at the start.
        origin: Viewport,
    },
    /// Drawing a selection rectangle.
    Marquee {
        /// Canvas point where the press started.
        start: Point,
        /// Current canvas point.
        now: Point,
        /// Add to the selection instead of replacing it (Shift).
        additive: bool,
    },
}

impl Gesture {
    /// What moves on screen, while a move is under way.
    #[must_use]
    pub fn carried(&self) -> Option<Selection> {
        match self {
            Gesture::Moving { carried, .. } => Some(carried.clone()),
            _ => None,
        }
    }

    /// The offset of the move under way (zero when none is).
    #[must_use]
    pub fn delta(&self) -> Point {
        match self {
            Gesture::Moving { delta, .. } => *delta,
            _ => Point::default(),
        }
    }

    /// The selection rectangle, while one is drawn.
    #[must_use]
    pub fn marquee(&self) -> Option<Rect> {
        match self {
            Gesture::Marquee { start, now, .. } => Some(geom::rect_between(*start, *now)),
            _ => None,
        }
    }
}
