//! The SVG canvas: components, links, frames and notes, with pointer gestures
//! to select, move, connect, pan and zoom.
//!
//! Pointer handling is delegated: the `<svg>` takes every pointer event,
//! reads it into a [`PointerInput`] (finding what a press hit through
//! `data-*` attributes), steps the [`GestureMachine`] and carries out the
//! [`Effect`]s it returns. The document changes only when a gesture ends.

mod controls;
mod feedback;
mod gesture;
mod hold;
mod items;
mod layers;
mod minimap;
mod resize;

use leptos::prelude::*;
use skydraft_core::design::{AnnotationId, ComponentId, GroupId, LinkId};
use wasm_bindgen::JsCast;
use web_sys::{Element, PointerEvent, WheelEvent};

use controls::{EmptyHint, ZoomControls};
use feedback::ConnectHint;
pub use gesture::{
    Button, Device, Effect, Gesture, GestureCtx, GestureMachine, Hit, Item, Modifiers, Phase,
    PointerId, PointerInput, Touches, connect_over, move_delta, pinch_viewport,
};
use hold::Hold;
use items::MoveOffset;
use layers::{CanvasDefs, World};
use minimap::Minimap;

use crate::geom::{self, Viewport};
use crate::layout::{LayoutCtx, Sheet};
use crate::state::{Editor, Selection, Tone};

/// How much one step of the zoom buttons and keys zooms.
pub const ZOOM_STEP: f64 = 1.2;

/// Zooms by `factor` about the centre of the canvas.
pub fn zoom_by(editor: Editor, factor: f64) {
    let (w, h) = canvas_size();
    editor
        .viewport
        .update(|v| *v = v.zoom_at(w / 2.0, h / 2.0, factor));
}

/// The canvas element, for code outside this module (palette drops, fit).
#[must_use]
pub fn canvas_element() -> Option<Element> {
    gloo::utils::document()
        .query_selector("[data-testid=canvas]")
        .ok()
        .flatten()
}

/// Size of the canvas on screen, in CSS pixels.
#[must_use]
pub fn canvas_size() -> (f64, f64) {
    canvas_element().map_or((800.0, 600.0), |el| {
        let r = el.get_bounding_client_rect();
        (r.width(), r.height())
    })
}

/// Fits the whole design into view, zooming out no further than
/// [`Editor::fit_least`].
pub fn zoom_to_fit(editor: Editor) {
    let (w, h) = canvas_size();
    let least = editor.fit_least.get_untracked();
    let v = editor
        .design
        .with_untracked(geom::bounds)
        .map_or_else(Viewport::default, |b| Viewport::fit_down_to(b, w, h, least));
    editor.viewport.set(v);
}

/// The point of an event relative to the canvas' top-left corner.
fn local_point(ev: &PointerEvent) -> (f64, f64) {
    let rect = ev
        .current_target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .map(|e| e.get_bounding_client_rect());
    rect.map_or((f64::from(ev.client_x()), f64::from(ev.client_y())), |r| {
        (
            f64::from(ev.client_x()) - r.left(),
            f64::from(ev.client_y()) - r.top(),
        )
    })
}

/// The value of `attr` on the nearest ancestor of the event's target that
/// carries it, parsed.
fn hit_attr<T: std::str::FromStr>(ev: &PointerEvent, attr: &str) -> Option<T> {
    let el = ev.target()?.dyn_into::<Element>().ok()?;
    el.closest(&format!("[{attr}]"))
        .ok()
        .flatten()?
        .get_attribute(attr)?
        .parse()
        .ok()
}

/// What a press landed on: a handle first (it sits inside its card), then a
/// card, a note, a frame's title bar, a link, else empty canvas.
fn hit_of(ev: &PointerEvent) -> Hit {
    hit_attr::<ComponentId>(ev, "data-handle-for")
        .map(Hit::Handle)
        .or_else(|| hit_attr::<ComponentId>(ev, "data-component-id").map(Hit::Component))
        .or_else(|| hit_attr::<AnnotationId>(ev, "data-note-id").map(Hit::Note))
        .or_else(|| hit_attr::<GroupId>(ev, "data-group-grip").map(Hit::FrameGrip))
        .or_else(|| hit_attr::<LinkId>(ev, "data-link-id").map(Hit::Link))
        .unwrap_or_default()
}

/// A DOM pointer event as the gesture machine's input; `screen` is its point
/// relative to the canvas. Only a press is hit-tested.
fn pointer_input(
    ev: &PointerEvent,
    phase: Phase,
    screen: (f64, f64),
    space_held: bool,
) -> PointerInput {
    PointerInput {
        phase,
        pointer: PointerId(ev.pointer_id()),
        device: Device::from_dom(&ev.pointer_type()),
        primary: ev.is_primary(),
        screen,
        button: Button::from_dom(ev.button()),
        modifiers: Modifiers {
            shift: ev.shift_key(),
            ctrl: ev.ctrl_key(),
            meta: ev.meta_key(),
            alt: ev.alt_key(),
        },
        space_held,
        hit: if phase == Phase::Down {
            hit_of(ev)
        } else {
            Hit::Empty
        },
    }
}

/// Steps the machine with the editor's state as the context.
fn step(
    editor: Editor,
    machine: RwSignal<GestureMachine>,
    input: &PointerInput,
) -> (GestureMachine, Vec<Effect>) {
    let viewport = editor.viewport.get_untracked();
    let snap = editor.snap.get_untracked();
    let read_only = editor.read_only.get_untracked();
    editor.design.with_untracked(|design| {
        editor.selection.with_untracked(|selection| {
            let ctx = GestureCtx {
                design,
                selection,
                viewport,
                snap,
                read_only,
            };
            machine.with_untracked(|m| m.step(&ctx, input))
        })
    })
}

/// Carries out a step's effects, in order, on the editor and the canvas
/// element the event reached.
fn apply_effects(editor: Editor, ev: &PointerEvent, effects: Vec<Effect>) {
    let canvas = ev
        .current_target()
        .and_then(|t| t.dyn_into::<Element>().ok());
    for effect in effects {
        match effect {
            Effect::Select(s) => editor.selection.set(s),
            Effect::Viewport(v) => editor.viewport.set(v),
            Effect::PreventDefault => ev.prevent_default(),
            Effect::Capture(p) => {
                if let Some(el) = &canvas {
                    let _ = el.set_pointer_capture(p.0);
                }
            }
            Effect::Release(p) => {
                if let Some(el) = &canvas {
                    let _ = el.release_pointer_capture(p.0);
                }
            }
            Effect::Focus => {
                if let Some(h) = canvas
                    .as_ref()
                    .and_then(|el| el.dyn_ref::<web_sys::HtmlElement>())
                {
                    let _ = h.focus();
                }
            }
            Effect::Seal => editor.seal(),
            Effect::Command(cmd) => {
                let added = editor.dispatch(&cmd).map(|c| c.added_links());
                if let Some(id) = added.as_ref().and_then(|l| l.first()) {
                    editor.selection.set(Selection::link(*id));
                }
            }
            Effect::Refuse(why) => editor.notify(why, Tone::Error),
        }
    }
}

/// Zooms about the pointer by the wheel's travel.
fn on_wheel(editor: Editor, ev: &WheelEvent) {
    ev.prevent_default();
    let rect = ev
        .current_target()
        .and_then(|t| t.dyn_into::<Element>().ok())
        .map(|e| e.get_bounding_client_rect());
    let (sx, sy) = rect.map_or((0.0, 0.0), |r| {
        (
            f64::from(ev.client_x()) - r.left(),
            f64::from(ev.client_y()) - r.top(),
        )
    });
    let factor = (-ev.delta_y() * 0.0015).exp();
    editor.viewport.update(|v| *v = v.zoom_at(sx, sy, factor));
}

/// The canvas.
#[component]
pub fn Canvas(
    /// Whether Space is held, which turns a drag into a pan.
    space_held: ReadSignal<bool>,
) -> impl IntoView {
    let editor = Editor::get();
    let machine = RwSignal::new(GestureMachine::default());
    let gesture = Memo::new(move |_| machine.with(|m| m.gesture().clone()));
    let offset = MoveOffset {
        carried: Memo::new(move |_| gesture.with(Gesture::carried)),
        delta: Memo::new(move |_| gesture.with(Gesture::delta)),
        positions: Memo::new(move |_| {
            editor
                .design
                .with(|d| d.components.iter().map(|c| (c.id, c.pos)).collect())
        }),
    };
    // The canvas' top-left corner on screen, read once per press: reading it
    // on every move would force a layout of what the last move changed.
    let corner = StoredValue::new((0.0, 0.0));
    let hold = Hold::new();
    let layout = LayoutCtx::get();
    let on_pointer = move |ev: PointerEvent, phase: Phase| {
        let screen = if phase == Phase::Down {
            let (sx, sy) = local_point(&ev);
            corner.set_value((f64::from(ev.client_x()) - sx, f64::from(ev.client_y()) - sy));
            (sx, sy)
        } else {
            let (cx, cy) = corner.get_value();
            (f64::from(ev.client_x()) - cx, f64::from(ev.client_y()) - cy)
        };
        let input = pointer_input(&ev, phase, screen, space_held.get_untracked());
        let (next, effects) = step(editor, machine, &input);
        hold.follow(&input, next.gesture(), move || {
            layout.sheet.set(Sheet::Inspector)
        });
        machine.maybe_update(|m| {
            let changed = *m != next;
            *m = next;
            changed
        });
        apply_effects(editor, &ev, effects);
    };
    let panning =
        move || gesture.with(|g| matches!(g, Gesture::Panning { .. })) || space_held.get();
    // The wrapper, not the <svg>: an SVG element's observed box is its content's.
    let wrap = NodeRef::<leptos::html::Div>::new();
    wrap.on_load(move |el| resize::keep_centre(editor, &el));
    view! {
        <div class="canvas-wrap" node_ref=wrap>
            <svg
                data-testid="canvas"
                id="canvas"
                class="canvas"
                class:panning=panning
                tabindex="0"
                role="application"
                aria-label="Design canvas. Drag components from the palette; drag from a component's right handle to connect."
                on:pointerdown=move |ev| on_pointer(ev, Phase::Down)
                on:pointermove=move |ev| on_pointer(ev, Phase::Move)
                on:pointerup=move |ev| on_pointer(ev, Phase::Up)
                on:pointercancel=move |ev| on_pointer(ev, Phase::Cancel)
                on:wheel=move |ev| on_wheel(editor, &ev)
            >
                <CanvasDefs />
                <rect class="canvas-bg" width="100%" height="100%" fill="url(#grid)" />
                <World gesture offset />
            </svg>
            <ConnectHint gesture />
            <EmptyHint />
            <ZoomControls />
            <Minimap />
            <crate::present::ink::InkSurface />
            <crate::live::student::LiveLaser />
            <crate::present::ink::InkBar />
        </div>
    }
}
