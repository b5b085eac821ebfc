//! Placing from the palette: a press that moves past the drag threshold
//! carries a ghost of the kind and drops it where it is released over the
//! canvas; a press that does not move is a click, which places the kind in
//! the middle of the view.

use leptos::prelude::*;
use skydraft_core::catalog;
use skydraft_core::design::Point;
use web_sys::PointerEvent;

use crate::canvas::{canvas_element, canvas_size};
use crate::geom::{self, DRAG_THRESHOLD};
use crate::icons;
use crate::layout::LayoutCtx;
use crate::state::Editor;

/// A drag from the palette in progress.
#[derive(Debug, Clone, PartialEq)]
struct Drag {
    kind: &'static str,
    start: (f64, f64),
    now: (f64, f64),
    moved: bool,
}

/// A free spot near the middle of the visible canvas.
fn centre_spot(editor: Editor) -> Point {
    let (w, h) = canvas_size();
    let centre = editor
        .viewport
        .with_untracked(|v| v.to_world(w / 2.0, h / 2.0));
    editor.design.with_untracked(|d| geom::free_spot(d, centre))
}

/// The canvas point under a client point, if the point is over the canvas.
fn drop_point(editor: Editor, cx: f64, cy: f64) -> Option<Point> {
    let r = canvas_element()?.get_bounding_client_rect();
    let inside = cx >= r.left() && cx <= r.right() && cy >= r.top() && cy <= r.bottom();
    inside.then(|| {
        editor
            .viewport
            .with_untracked(|v| v.to_world(cx - r.left(), cy - r.top()))
    })
}

/// The client point of a pointer event.
fn client_point(ev: &PointerEvent) -> (f64, f64) {
    (f64::from(ev.client_x()), f64::from(ev.client_y()))
}

/// The palette's placing gesture, shared by its items and the ghost.
#[derive(Clone, Copy)]
pub(super) struct PaletteDrag {
    editor: Editor,
    /// On a small screen the palette is a sheet, closed once a kind is placed.
    layout: LayoutCtx,
    drag: RwSignal<Option<Drag>>,
    /// Set when a drag ends, so the click that follows it places nothing.
    suppress_click: StoredValue<bool>,
}

impl PaletteDrag {
    /// A gesture placing into `editor`'s design, with nothing pressed.
    pub(super) fn new(editor: Editor, layout: LayoutCtx) -> Self {
        PaletteDrag {
            editor,
            layout,
            drag: RwSignal::new(None),
            suppress_click: StoredValue::new(false),
        }
    }

    /// The primary button goes down on the item of `kind`.
    pub(super) fn press(self, kind: &'static str, ev: &PointerEvent) {
        if ev.button() != 0 {
            return;
        }
        ev.prevent_default();
        if let Some(el) = ev
            .current_target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(t).ok())
        {
            let _ = el.set_pointer_capture(ev.pointer_id());
        }
        let p = client_point(ev);
        self.drag.set(Some(Drag {
            kind,
            start: p,
            now: p,
            moved: false,
        }));
    }

    /// The pointer moves while pressed.
    pub(super) fn track(self, ev: &PointerEvent) {
        self.drag.update(|d| {
            if let Some(d) = d {
                d.now = client_point(ev);
                d.moved |= (d.now.0 - d.start.0).hypot(d.now.1 - d.start.1) > DRAG_THRESHOLD;
            }
        });
    }

    /// The pointer is released: a drag drops its kind where it is over the canvas.
    pub(super) fn release(self, ev: &PointerEvent) {
        let Some(d) = self.drag.get_untracked() else {
            return;
        };
        self.drag.set(None);
        if !d.moved {
            return; // the click handler places it
        }
        self.suppress_click.set_value(true);
        let (cx, cy) = client_point(ev);
        if let Some(p) = drop_point(self.editor, cx, cy) {
            self.editor.place(d.kind, p);
        }
    }

    /// The browser takes the pointer away: the drag ends without placing.
    pub(super) fn cancel(self) {
        self.drag.set(None);
    }

    /// A click on the item of `kind` (or Enter on it), unless it ends a drag.
    pub(super) fn click(self, kind: &'static str) {
        if self.suppress_click.get_value() {
            self.suppress_click.set_value(false);
            return;
        }
        self.editor.place(kind, centre_spot(self.editor));
        self.layout.close();
    }
}

/// The kind being dragged, following the pointer once it has moved.
#[component]
pub(super) fn DragGhost(
    /// The gesture followed.
    drag: PaletteDrag,
) -> impl IntoView {
    move || {
        drag.drag.get().filter(|d| d.moved).map(|d| {
            let name = catalog::kind(d.kind).map_or("", |k| k.short);
            view! {
                <div class="drag-ghost" style=format!("left:{:.0}px;top:{:.0}px", d.now.0, d.now.1)>
                    <svg viewBox="0 0 48 48" aria-hidden="true"><use href=icons::href_for(d.kind) /></svg>
                    <span>{name}</span>
                </div>
            }
        })
    }
}
