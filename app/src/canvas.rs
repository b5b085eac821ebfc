//! The SVG canvas: components, links, frames and notes, with pointer gestures
//! to select, move, connect, pan and zoom.
//!
//! Pointer handling is delegated: the `<svg>` takes every press, finds what was
//! hit through `data-*` attributes, captures the pointer and drives a
//! [`Gesture`]. The document changes only when a gesture ends.

mod gesture;
mod items;

use std::collections::BTreeSet;

use leptos::prelude::*;
use skydraft_core::design::{AnnotationId, ComponentId, GroupId, LinkId, Point};
use wasm_bindgen::JsCast;
use web_sys::{Element, PointerEvent, WheelEvent};

pub use gesture::Gesture;
use gesture::{connect_over, move_delta};
use items::{FrameView, LinkView, MoveOffset, NodeView, NoteView};

use crate::actions::{self, ActionId};
use crate::geom::{self, Viewport};
use crate::state::{Editor, Selection};

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

/// Fits the whole design into view.
pub fn zoom_to_fit(editor: Editor) {
    let (w, h) = canvas_size();
    let v = editor
        .design
        .with_untracked(geom::bounds)
        .map_or_else(Viewport::default, |b| Viewport::fit(b, w, h));
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

/// The nearest ancestor of the event's target carrying `attr`, and its value.
fn hit_attr(ev: &PointerEvent, attr: &str) -> Option<String> {
    let el = ev.target()?.dyn_into::<Element>().ok()?;
    el.closest(&format!("[{attr}]"))
        .ok()
        .flatten()?
        .get_attribute(attr)
}

/// Something that can be picked up and moved.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Item {
    Component(ComponentId),
    Note(AnnotationId),
    Frame(GroupId),
}

impl Item {
    fn is_in(self, s: &Selection) -> bool {
        match self {
            Item::Component(id) => s.components.contains(&id),
            Item::Note(id) => s.annotations.contains(&id),
            Item::Frame(id) => s.groups.contains(&id),
        }
    }

    fn toggle_in(self, s: &mut Selection) {
        fn flip<T: Ord>(set: &mut BTreeSet<T>, v: T) {
            if !set.remove(&v) {
                set.insert(v);
            }
        }
        match self {
            Item::Component(id) => flip(&mut s.components, id),
            Item::Note(id) => flip(&mut s.annotations, id),
            Item::Frame(id) => flip(&mut s.groups, id),
        }
    }

    fn alone(self) -> Selection {
        let mut s = Selection::default();
        self.toggle_in(&mut s);
        s
    }
}

/// The movable item under a press, with the point that snapping aligns.
fn pick_item(ev: &PointerEvent, editor: Editor) -> Option<(Item, Point)> {
    let d = editor.design;
    if let Some(id) = hit_attr(ev, "data-component-id").and_then(|s| s.parse::<ComponentId>().ok())
    {
        let pos = d.with_untracked(|d| d.component(id).map(|c| c.pos))?;
        return Some((Item::Component(id), pos));
    }
    if let Some(id) = hit_attr(ev, "data-note-id").and_then(|s| s.parse::<AnnotationId>().ok()) {
        let pos = d.with_untracked(|d| d.annotations.iter().find(|a| a.id == id).map(|a| a.pos))?;
        return Some((Item::Note(id), pos));
    }
    if let Some(id) = hit_attr(ev, "data-group-grip").and_then(|s| s.parse::<GroupId>().ok()) {
        let r = d.with_untracked(|d| d.groups.iter().find(|g| g.id == id).map(|g| g.rect))?;
        return Some((Item::Frame(id), Point { x: r.x, y: r.y }));
    }
    None
}

/// Midpoint and distance of the first two touch points, if there are two.
fn two_fingers(t: &[(i32, (f64, f64))]) -> Option<((f64, f64), f64)> {
    let [(_, a), (_, b), ..] = t else { return None };
    Some((
        ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0),
        (a.0 - b.0).hypot(a.1 - b.1),
    ))
}

/// The canvas.
#[component]
pub fn Canvas(
    /// Whether Space is held, which turns a drag into a pan.
    space_held: ReadSignal<bool>,
) -> impl IntoView {
    let editor = Editor::get();
    let lib_ctx = crate::library::LibCtx::get();
    let gesture = RwSignal::new(Gesture::Idle);
    // Touch points on the canvas (pointer id, screen point), for two-finger pan and pinch.
    let touches = StoredValue::new(Vec::<(i32, (f64, f64))>::new());
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

    let on_down = move |ev: PointerEvent| {
        let (sx, sy) = local_point(&ev);
        corner.set_value((f64::from(ev.client_x()) - sx, f64::from(ev.client_y()) - sy));
        if ev.pointer_type() == "touch" {
            touches.update_value(|t| t.push((ev.pointer_id(), (sx, sy))));
            if let Some((mid, dist)) = touches.with_value(|t| two_fingers(t)) {
                if let Some(el) = ev
                    .current_target()
                    .and_then(|t| t.dyn_into::<Element>().ok())
                {
                    let _ = el.set_pointer_capture(ev.pointer_id());
                }
                gesture.set(Gesture::Pinch {
                    mid,
                    dist,
                    origin: editor.viewport.get_untracked(),
                });
                return;
            }
        }
        let world = editor.viewport.with_untracked(|v| v.to_world(sx, sy));
        let button = ev.button();
        let next = if button == 1 || (button == 0 && space_held.get_untracked()) {
            Gesture::Panning {
                start: (sx, sy),
                origin: editor.viewport.get_untracked(),
            }
        } else if button != 0 {
            return;
        } else if let Some(from) =
            hit_attr(&ev, "data-handle-for").and_then(|s| s.parse::<ComponentId>().ok())
        {
            editor
                .design
                .with_untracked(|d| connect_over(d, from, world))
        } else if let Some((item, anchor)) = pick_item(&ev, editor) {
            let toggle = ev.shift_key() || ev.meta_key() || ev.ctrl_key();
            editor.selection.update(|sel| {
                sel.links.clear();
                if toggle {
                    item.toggle_in(sel);
                } else if !item.is_in(sel) {
                    *sel = item.alone();
                }
            });
            let sel = editor.selection.get_untracked();
            if !item.is_in(&sel) {
                return;
            }
            let carried = editor
                .design
                .with_untracked(|d| skydraft_core::edit::carried(d, &sel));
            Gesture::Moving {
                sel,
                carried,
                grab: world,
                anchor,
                delta: Point::default(),
            }
        } else if let Some(id) =
            hit_attr(&ev, "data-link-id").and_then(|s| s.parse::<LinkId>().ok())
        {
            editor.selection.set(Selection::link(id));
            return;
        } else {
            let additive = ev.shift_key();
            if !additive {
                editor.selection.set(Selection::default());
            }
            Gesture::Marquee {
                start: world,
                now: world,
                additive,
            }
        };
        // A view-only design can be selected and panned, not changed.
        if editor.read_only.get_untracked()
            && matches!(next, Gesture::Moving { .. } | Gesture::Connecting { .. })
        {
            return;
        }
        ev.prevent_default();
        if let Some(el) = ev
            .current_target()
            .and_then(|t| t.dyn_into::<Element>().ok())
        {
            let _ = el.set_pointer_capture(ev.pointer_id());
            if let Some(h) = el.dyn_ref::<web_sys::HtmlElement>() {
                let _ = h.focus();
            }
        }
        gesture.set(next);
    };

    let on_move = move |ev: PointerEvent| {
        if ev.pointer_type() == "touch" {
            let p = local_point(&ev);
            touches.update_value(|t| {
                if let Some(e) = t.iter_mut().find(|e| e.0 == ev.pointer_id()) {
                    e.1 = p;
                }
            });
            if let Gesture::Pinch { mid, dist, origin } = gesture.get_untracked() {
                if let Some((m, d)) = touches.with_value(|t| two_fingers(t)) {
                    editor
                        .viewport
                        .set(gesture::pinch_viewport(origin, mid, dist, m, d));
                }
                return;
            }
        }
        if gesture.with_untracked(|g| matches!(g, Gesture::Idle)) {
            return;
        }
        let (cx, cy) = corner.get_value();
        let (sx, sy) = (f64::from(ev.client_x()) - cx, f64::from(ev.client_y()) - cy);
        let world = editor.viewport.with_untracked(|v| v.to_world(sx, sy));
        let snap = editor.snap.get_untracked();
        let g = gesture.get_untracked();
        let next = match g {
            Gesture::Moving {
                sel,
                carried,
                grab,
                anchor,
                ..
            } => Gesture::Moving {
                delta: move_delta(anchor, grab, world, snap),
                sel,
                carried,
                grab,
                anchor,
            },
            Gesture::Connecting { from, .. } => editor
                .design
                .with_untracked(|d| connect_over(d, from, world)),
            Gesture::Panning { start, origin } => {
                editor.viewport.set(Viewport {
                    x: origin.x + sx - start.0,
                    y: origin.y + sy - start.1,
                    zoom: origin.zoom,
                });
                return;
            }
            Gesture::Marquee {
                start, additive, ..
            } => Gesture::Marquee {
                start,
                now: world,
                additive,
            },
            Gesture::Pinch { .. } | Gesture::Idle => return,
        };
        gesture.set(next);
    };

    let on_up = move |ev: PointerEvent| {
        touches.update_value(|t| t.retain(|e| e.0 != ev.pointer_id()));
        if let Some(el) = ev
            .current_target()
            .and_then(|t| t.dyn_into::<Element>().ok())
        {
            let _ = el.release_pointer_capture(ev.pointer_id());
        }
        match gesture.get_untracked() {
            Gesture::Moving { sel, delta, .. } => {
                gesture.set(Gesture::Idle);
                editor.move_selection(&sel, delta);
            }
            Gesture::Connecting { from, over, .. } => {
                gesture.set(Gesture::Idle);
                if let Some(to) = over {
                    editor.connect(from, to);
                }
            }
            Gesture::Marquee {
                start,
                now,
                additive,
            } => {
                gesture.set(Gesture::Idle);
                let rect = geom::rect_between(start, now);
                let hit = editor
                    .design
                    .with_untracked(|d| geom::components_in(d, rect));
                editor.selection.update(|sel| {
                    if !additive {
                        *sel = Selection::default();
                    }
                    sel.links.clear();
                    sel.components.extend(hit);
                });
            }
            Gesture::Panning { .. } | Gesture::Pinch { .. } | Gesture::Idle => {
                gesture.set(Gesture::Idle);
            }
        }
    };

    let on_wheel = move |ev: WheelEvent| {
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
    };

    let component_ids = Memo::new(move |_| {
        editor
            .design
            .with(|d| d.components.iter().map(|c| c.id).collect::<Vec<_>>())
    });
    let link_ids = Memo::new(move |_| {
        editor
            .design
            .with(|d| d.links.iter().map(|l| l.id).collect::<Vec<_>>())
    });
    let group_ids = Memo::new(move |_| {
        editor
            .design
            .with(|d| d.groups.iter().map(|g| g.id).collect::<Vec<_>>())
    });
    let note_ids = Memo::new(move |_| {
        editor
            .design
            .with(|d| d.annotations.iter().map(|a| a.id).collect::<Vec<_>>())
    });

    let transform = move || editor.viewport.with(Viewport::transform);
    let grid_transform = move || {
        editor
            .viewport
            .with(|v| format!("translate({:.2} {:.2}) scale({:.4})", v.x, v.y, v.zoom))
    };
    let ghost_link = move || {
        gesture.with(|g| match g {
            Gesture::Connecting { from, at, verdict, .. } => {
                let start = editor.design.with(|d| d.component(*from).map(|c| geom::handle_pos(c.pos)))?;
                let class = match verdict {
                    Some(Ok(())) => "ghost-link ok",
                    Some(Err(_)) => "ghost-link refused",
                    None => "ghost-link",
                };
                Some(view! { <path class=class d=geom::curve(start, *at) marker-end="url(#arrow)" /> })
            }
            _ => None,
        })
    };
    let connect_hint = move || {
        gesture.with(|g| match g {
            Gesture::Connecting { verdict: Some(v), at, .. } => {
                let (text, class) = match v {
                    Ok(()) => ("Release to connect".to_owned(), "connect-hint ok"),
                    Err(why) => (why.clone(), "connect-hint refused"),
                };
                let (sx, sy) = editor.viewport.with(|vp| vp.to_screen(*at));
                Some(view! {
                    <div class=class data-testid="connect-hint" style=format!("left:{:.0}px;top:{:.0}px", sx + 14.0, sy + 14.0)>
                        {text}
                    </div>
                })
            }
            _ => None,
        })
    };
    let marquee = move || {
        gesture.with(Gesture::marquee).map(|r| {
            view! { <rect class="marquee" x=r.x y=r.y width=r.w height=r.h /> }
        })
    };
    let hover_target = Memo::new(move |_| {
        gesture.with(|g| match g {
            Gesture::Connecting {
                over: Some(id),
                verdict: Some(v),
                ..
            } => Some((*id, v.is_ok())),
            _ => None,
        })
    });
    let panning =
        move || gesture.with(|g| matches!(g, Gesture::Panning { .. })) || space_held.get();

    view! {
        <div class="canvas-wrap">
            <svg
                data-testid="canvas"
                class="canvas"
                class:panning=panning
                tabindex="0"
                role="application"
                aria-label="Design canvas. Drag components from the palette; drag from a component's right handle to connect."
                on:pointerdown=on_down
                on:pointermove=on_move
                on:pointerup=on_up
                on:pointercancel=move |ev: PointerEvent| {
                    touches.update_value(|t| t.retain(|e| e.0 != ev.pointer_id()));
                    gesture.set(Gesture::Idle);
                }
                on:wheel=on_wheel
            >
                <defs>
                    <pattern id="grid" width="16" height="16" patternUnits="userSpaceOnUse" patternTransform=grid_transform>
                        <circle cx="1" cy="1" r="1" class="grid-dot" />
                    </pattern>
                    <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="14" markerHeight="14" orient="auto-start-reverse">
                        <path d="M0 0L10 5L0 10z" class="arrow-head" />
                    </marker>
                    <marker id="arrow-selected" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="14" markerHeight="14" orient="auto-start-reverse">
                        <path d="M0 0L10 5L0 10z" class="arrow-head selected" />
                    </marker>
                </defs>
                <rect class="canvas-bg" width="100%" height="100%" fill="url(#grid)" />
                <g class="world" transform=transform>
                    <g class="frames">
                        <For each=move || group_ids.get() key=|id| *id children=move |id| view! { <FrameView id offset /> } />
                    </g>
                    <g class="links">
                        <For each=move || link_ids.get() key=|id| *id children=move |id| view! { <LinkView id offset /> } />
                    </g>
                    {ghost_link}
                    <g class="nodes">
                        <For
                            each=move || component_ids.get()
                            key=|id| *id
                            children=move |id| view! { <NodeView id offset hover_target /> }
                        />
                    </g>
                    <g class="notes">
                        <For each=move || note_ids.get() key=|id| *id children=move |id| view! { <NoteView id offset /> } />
                    </g>
                    {marquee}
                </g>
            </svg>
            {connect_hint}
            <Show when=move || editor.design.with(|d| d.components.is_empty())>
                <div class="empty-hint">
                    <strong>"Start drawing"</strong>
                    <span>"Drag a component from the palette, open a template, or pick up one of your designs."</span>
                    <button class="btn" data-testid="empty-my-designs"
                        on:click=move |_| lib_ctx.list_open.set(true)>"My designs"</button>
                </div>
            </Show>
            <div class="zoom-controls" role="group" aria-label="Zoom">
                <button data-testid="zoom-out" title=actions::title(ActionId::ZoomOut) aria-label="Zoom out"
                    on:click=move |_| zoom_by(editor, 1.0 / ZOOM_STEP)>"−"</button>
                <button class="zoom-level" data-testid="zoom-reset" title="Reset zoom to 100%" on:click=move |_| {
                    let (w, h) = canvas_size();
                    editor.viewport.update(|v| *v = v.zoom_at(w / 2.0, h / 2.0, 1.0 / v.zoom));
                }>{move || format!("{:.0}%", editor.viewport.with(|v| v.zoom * 100.0))}</button>
                <button data-testid="zoom-in" title=actions::title(ActionId::ZoomIn) aria-label="Zoom in"
                    on:click=move |_| zoom_by(editor, ZOOM_STEP)>"+"</button>
                <button data-testid="zoom-fit" title=actions::title(ActionId::ZoomFit) on:click=move |_| zoom_to_fit(editor)>"Fit"</button>
            </div>
        </div>
    }
}
