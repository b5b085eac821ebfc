//! What the canvas tells the gesture machine about one pointer event: plain
//! data read off the DOM event, with the hit test already done by the view.

use skydraft_core::design::{AnnotationId, ComponentId, GroupId, LinkId};

/// A pointer as the browser numbers it (one per finger on a touch screen).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PointerId(pub i32);

/// Which moment of a pointer's life an event reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// A button or finger went down.
    Down,
    /// The pointer moved.
    Move,
    /// The button or finger came up.
    Up,
    /// The browser took the pointer away (a scroll, a system gesture).
    Cancel,
}

/// What kind of device the pointer is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Device {
    /// A mouse or trackpad.
    Mouse,
    /// A pen.
    Pen,
    /// A finger on a touch screen: two of them pan and pinch.
    Touch,
}

impl Device {
    /// The device named by a DOM `pointerType` (`"mouse"`, `"pen"`, `"touch"`).
    #[must_use]
    pub fn from_dom(pointer_type: &str) -> Device {
        match pointer_type {
            "touch" => Device::Touch,
            "pen" => Device::Pen,
            _ => Device::Mouse,
        }
    }
}

/// The button a press uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Button {
    /// The main button (left, or a finger or pen tip).
    Primary,
    /// The middle button or wheel: always pans.
    Middle,
    /// Any other button: ignored by the canvas.
    Other,
}

impl Button {
    /// The button numbered as a DOM `button` (0 main, 1 middle, 2 right…).
    #[must_use]
    pub fn from_dom(button: i16) -> Button {
        match button {
            0 => Button::Primary,
            1 => Button::Middle,
            _ => Button::Other,
        }
    }
}

/// Modifier keys held during the event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Modifiers {
    /// Shift: toggles an item in the selection; makes a rectangle add to it.
    pub shift: bool,
    /// Control: toggles an item in the selection.
    pub ctrl: bool,
    /// Command (macOS) or the Windows key: toggles an item in the selection.
    pub meta: bool,
    /// Alt or Option: no gesture reads it yet.
    pub alt: bool,
}

impl Modifiers {
    /// Whether a click on an item adds it to or removes it from the selection
    /// instead of selecting it alone.
    #[must_use]
    pub fn toggles(self) -> bool {
        self.shift || self.ctrl || self.meta
    }
}

/// What a press landed on. The view finds it from the `data-*` attributes
/// of the pressed element; the first that applies wins, in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Hit {
    /// A component's connect handle: starts a link.
    Handle(ComponentId),
    /// A component card.
    Component(ComponentId),
    /// A note.
    Note(AnnotationId),
    /// A frame's title bar (the inside of a frame counts as empty canvas).
    FrameGrip(GroupId),
    /// A link.
    Link(LinkId),
    /// Nothing: the canvas itself.
    #[default]
    Empty,
}

/// One pointer event on the canvas.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PointerInput {
    /// Down, move, up or cancel.
    pub phase: Phase,
    /// Which pointer.
    pub pointer: PointerId,
    /// Mouse, pen or finger.
    pub device: Device,
    /// Whether the browser calls this the primary pointer: for touch, the
    /// first finger down when no other finger is.
    pub primary: bool,
    /// Position relative to the canvas' top-left corner, in screen pixels
    /// (the machine turns it into a canvas point through the viewport).
    pub screen: (f64, f64),
    /// The button pressed (read on a press only).
    pub button: Button,
    /// Modifier keys held.
    pub modifiers: Modifiers,
    /// Whether Space is held, which turns a drag into a pan.
    pub space_held: bool,
    /// What was hit (found on a press only; [`Hit::Empty`] otherwise).
    pub hit: Hit,
}

impl PointerInput {
    /// A mouse event of `phase` at `screen` with the main button, no
    /// modifiers and nothing hit; change fields from there.
    #[must_use]
    pub fn new(phase: Phase, screen: (f64, f64)) -> PointerInput {
        PointerInput {
            phase,
            pointer: PointerId(1),
            device: Device::Mouse,
            primary: true,
            screen,
            button: Button::Primary,
            modifiers: Modifiers::default(),
            space_held: false,
            hit: Hit::Empty,
        }
    }
}
