//! A small editor without a browser for the gesture tests: a design, a
//! selection and a viewport, driven by pointer events whose effects it
//! carries out the way the canvas does.

use skydraft_core::catalog::Kind;
use std::collections::BTreeSet;

use skydraft_core::design::{
    Annotation, AnnotationId, AnnotationKind, Component, ComponentId, Design, Group, GroupId,
    GroupKind, Point, Rect,
};
use skydraft_core::edit::{self, Command};

use super::{
    Button, Device, Effect, Gesture, GestureCtx, GestureMachine, Hit, Modifiers, Phase, PointerId,
    PointerInput,
};
use crate::geom::Viewport;
use crate::state::Selection;

/// The design, session and machine a test drives.
#[derive(Debug, Default)]
pub struct TestEditor {
    /// The document.
    pub design: Design,
    /// What is selected.
    pub selection: Selection,
    /// Pan and zoom.
    pub viewport: Viewport,
    /// Whether moves snap to the grid.
    pub snap: bool,
    /// Whether the design is view-only.
    pub read_only: bool,
    /// The pointer machine.
    pub machine: GestureMachine,
    /// Commands applied, in order.
    pub applied: Vec<Command>,
    /// Refusals shown, in order.
    pub refusals: Vec<String>,
    /// Pointers the canvas holds.
    pub captured: BTreeSet<PointerId>,
    /// Where the mouse was last sent.
    pub at: (f64, f64),
}

impl TestEditor {
    /// An editor over an empty design, snapping on, at the default viewport.
    pub fn new() -> TestEditor {
        TestEditor {
            snap: true,
            ..TestEditor::default()
        }
    }

    /// Adds a component of `kind` centred at (x, y); its id is its place (1, 2…).
    pub fn component(mut self, kind: Kind, x: f64, y: f64) -> TestEditor {
        let id = u32::try_from(self.design.components.len() + 1).unwrap();
        self.design.components.push(Component {
            pos: Point { x, y },
            ..Component::new(id, kind, &[])
        });
        self
    }

    /// Adds a region frame over `rect`; its id is its place (1, 2…).
    pub fn frame(mut self, rect: Rect) -> TestEditor {
        let id = GroupId(u32::try_from(self.design.groups.len() + 1).unwrap());
        self.design.groups.push(Group {
            id,
            kind: GroupKind::Region,
            label: "us-east-1".into(),
            rect,
        });
        self
    }

    /// Adds a text note with its corner at (x, y); its id is its place (1, 2…).
    pub fn note(mut self, x: f64, y: f64) -> TestEditor {
        let id = AnnotationId(u32::try_from(self.design.annotations.len() + 1).unwrap());
        self.design.annotations.push(Annotation {
            id,
            kind: AnnotationKind::Text,
            text: "Note".into(),
            pos: Point { x, y },
            stroke: None,
        });
        self
    }

    /// The gesture under way.
    pub fn gesture(&self) -> &Gesture {
        self.machine.gesture()
    }

    /// Where component `id` is.
    pub fn pos(&self, id: u32) -> Point {
        self.design.component(ComponentId(id)).unwrap().pos
    }

    /// Sends one event, carries out its effects and returns them.
    pub fn send(&mut self, input: PointerInput) -> Vec<Effect> {
        let ctx = GestureCtx {
            design: &self.design,
            selection: &self.selection,
            viewport: self.viewport,
            snap: self.snap,
            read_only: self.read_only,
        };
        let (next, effects) = self.machine.step(&ctx, &input);
        self.machine = next;
        for e in &effects {
            self.apply(e);
        }
        effects
    }

    fn apply(&mut self, effect: &Effect) {
        match effect {
            Effect::Select(s) => self.selection = s.clone(),
            Effect::Viewport(v) => self.viewport = *v,
            Effect::Capture(p) => {
                self.captured.insert(*p);
            }
            Effect::Release(p) => {
                self.captured.remove(p);
            }
            Effect::Command(cmd) => {
                let change = edit::apply(&mut self.design, cmd).unwrap();
                if let Some(id) = change.added_links().first() {
                    self.selection = Selection::link(*id);
                }
                self.applied.push(cmd.clone());
            }
            Effect::Refuse(why) => self.refusals.push(why.clone()),
            Effect::PreventDefault | Effect::Focus | Effect::Seal => {}
        }
    }

    /// A main-button mouse press at (x, y) on `hit`.
    pub fn press(&mut self, hit: Hit, x: f64, y: f64) -> Vec<Effect> {
        self.press_with(hit, x, y, |_| {})
    }

    /// A mouse press at (x, y) on `hit`, adjusted by `change` (modifiers, button).
    pub fn press_with(
        &mut self,
        hit: Hit,
        x: f64,
        y: f64,
        change: impl FnOnce(&mut PointerInput),
    ) -> Vec<Effect> {
        self.at = (x, y);
        let mut input = PointerInput {
            hit,
            ..PointerInput::new(Phase::Down, (x, y))
        };
        change(&mut input);
        self.send(input)
    }

    /// A Shift-press at (x, y) on `hit`.
    pub fn shift_press(&mut self, hit: Hit, x: f64, y: f64) -> Vec<Effect> {
        self.press_with(hit, x, y, |i| {
            i.modifiers = Modifiers {
                shift: true,
                ..Modifiers::default()
            };
        })
    }

    /// A middle-button press at (x, y).
    pub fn middle_press(&mut self, x: f64, y: f64) -> Vec<Effect> {
        self.press_with(Hit::Empty, x, y, |i| i.button = Button::Middle)
    }

    /// Moves the mouse to (x, y).
    pub fn move_to(&mut self, x: f64, y: f64) -> Vec<Effect> {
        self.at = (x, y);
        self.send(PointerInput::new(Phase::Move, (x, y)))
    }

    /// Releases the mouse where it is.
    pub fn release(&mut self) -> Vec<Effect> {
        self.send(PointerInput::new(Phase::Up, self.at))
    }

    /// The browser cancels the mouse.
    pub fn cancel(&mut self) -> Vec<Effect> {
        self.send(PointerInput::new(Phase::Cancel, self.at))
    }

    /// Finger `id` touches the screen at (x, y) (on empty canvas).
    pub fn finger(&mut self, phase: Phase, id: i32, x: f64, y: f64) -> Vec<Effect> {
        // As a browser does: the first finger down while none is, is primary.
        let primary = self.machine.touches().is_empty();
        self.send(PointerInput {
            pointer: PointerId(id),
            device: Device::Touch,
            primary,
            ..PointerInput::new(phase, (x, y))
        })
    }
}
