//! The palette: every catalog kind by category, searchable. Press an item and
//! drag it onto the canvas to place it; click it (or press Enter on it) to
//! place it in the middle of the view.

use leptos::prelude::*;
use skydraft_core::catalog::{self, Category, KindSpec};
use skydraft_core::design::Point;
use web_sys::PointerEvent;

use crate::canvas::{canvas_element, canvas_size};
use crate::geom::{self, DRAG_THRESHOLD};
use crate::icons;
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

/// The palette.
#[component]
pub fn Palette() -> impl IntoView {
    let editor = Editor::get();
    let query = RwSignal::new(String::new());
    let drag = RwSignal::new(None::<Drag>);
    let suppress_click = StoredValue::new(false);

    let on_down = move |kind: &'static str, ev: PointerEvent| {
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
        let p = (f64::from(ev.client_x()), f64::from(ev.client_y()));
        drag.set(Some(Drag {
            kind,
            start: p,
            now: p,
            moved: false,
        }));
    };
    let on_move = move |ev: PointerEvent| {
        drag.update(|d| {
            if let Some(d) = d {
                d.now = (f64::from(ev.client_x()), f64::from(ev.client_y()));
                d.moved |= (d.now.0 - d.start.0).hypot(d.now.1 - d.start.1) > DRAG_THRESHOLD;
            }
        });
    };
    let on_up = move |ev: PointerEvent| {
        let Some(d) = drag.get_untracked() else {
            return;
        };
        drag.set(None);
        if !d.moved {
            return; // the click handler places it
        }
        suppress_click.set_value(true);
        if let Some(p) = drop_point(editor, f64::from(ev.client_x()), f64::from(ev.client_y())) {
            editor.place(d.kind, p);
        }
    };
    let on_click = move |kind: &'static str| {
        if suppress_click.get_value() {
            suppress_click.set_value(false);
            return;
        }
        editor.place(kind, centre_spot(editor));
    };

    let sections = move || {
        let q = query.get();
        Category::ALL
            .iter()
            .filter_map(|&cat| {
                let items: Vec<&'static KindSpec> =
                    catalog::kinds().iter().filter(|k| k.category == cat && catalog::matches(k, &q)).collect();
                (!items.is_empty()).then(|| {
                    view! {
                        <section class="palette-section" data-category=cat.id()>
                            <h3>{cat.label()}</h3>
                            <div class="palette-grid">
                                {items
                                    .into_iter()
                                    .map(|k| {
                                        let kind = k.id;
                                        view! {
                                            <button
                                                class="palette-item"
                                                data-kind=kind
                                                title=format!("{} — {}", k.name, k.summary)
                                                aria-label=format!("Add {}", k.name)
                                                on:pointerdown=move |ev| on_down(kind, ev)
                                                on:pointermove=on_move
                                                on:pointerup=on_up
                                                on:pointercancel=move |_| drag.set(None)
                                                on:click=move |_| on_click(kind)
                                            >
                                                <svg class="palette-icon" viewBox="0 0 48 48" aria-hidden="true">
                                                    <use href=icons::href_for(kind) />
                                                </svg>
                                                <span>{k.short}</span>
                                            </button>
                                        }
                                    })
                                    .collect_view()}
                            </div>
                        </section>
                    }
                })
            })
            .collect_view()
    };

    let ghost = move || {
        drag.get().filter(|d| d.moved).map(|d| {
            let name = catalog::kind(d.kind).map_or("", |k| k.short);
            view! {
                <div class="drag-ghost" style=format!("left:{:.0}px;top:{:.0}px", d.now.0, d.now.1)>
                    <svg viewBox="0 0 48 48" aria-hidden="true"><use href=icons::href_for(d.kind) /></svg>
                    <span>{name}</span>
                </div>
            }
        })
    };

    view! {
        <aside class="palette" data-testid="palette" aria-label="Components">
            <div class="palette-search">
                <input
                    type="search"
                    data-testid="palette-search"
                    placeholder="Search components"
                    aria-label="Search components"
                    prop:value=move || query.get()
                    on:input=move |ev| query.set(event_target_value(&ev))
                />
            </div>
            <div class="palette-scroll">
                {sections}
                <Show when=move || catalog::kinds().iter().all(|k| !catalog::matches(k, &query.get()))>
                    <p class="palette-empty">"No component matches."</p>
                </Show>
            </div>
            {ghost}
        </aside>
    }
}
