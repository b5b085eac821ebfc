//! What a step of the gesture machine asks the page to do, in order.

use skydraft_core::edit::Command;

use super::input::PointerId;
use crate::geom::Viewport;
use crate::state::Selection;

/// One thing the page does after a pointer event.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Replace the selection.
    Select(Selection),
    /// Show the canvas through this viewport (pan, pinch).
    Viewport(Viewport),
    /// Keep the browser from its own handling of the press (text selection,
    /// a focus change elsewhere).
    PreventDefault,
    /// Send this pointer's later events to the canvas, even outside it.
    Capture(PointerId),
    /// Stop sending this pointer's events to the canvas.
    Release(PointerId),
    /// Give the canvas the keyboard focus (so Delete and the arrows act on
    /// what the press selected).
    Focus,
    /// End the history's run of merged edits, so the next command is an undo
    /// step of its own.
    Seal,
    /// Apply this edit to the design as one undo step; a link it adds becomes
    /// the selection.
    Command(Command),
    /// Say why releasing here did nothing (a link the rules refuse).
    Refuse(String),
}
