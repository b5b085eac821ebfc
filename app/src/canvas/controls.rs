//! What sits over the canvas without belonging to the design: the zoom
//! buttons and the hint shown on an empty design.

use leptos::prelude::*;

use super::{ZOOM_STEP, canvas_size, zoom_by, zoom_to_fit};
use crate::actions::{self, ActionId};
use crate::library::LibCtx;
use crate::state::Editor;

/// Zoom out, the zoom level (a click resets it to 100%), zoom in, fit.
#[component]
pub fn ZoomControls() -> impl IntoView {
    let editor = Editor::get();
    let reset = move |_| {
        let (w, h) = canvas_size();
        editor
            .viewport
            .update(|v| *v = v.zoom_at(w / 2.0, h / 2.0, 1.0 / v.zoom));
    };
    let level = move || format!("{:.0}%", editor.viewport.with(|v| v.zoom * 100.0));
    view! {
        <div class="zoom-controls" role="group" aria-label="Zoom">
            <button data-testid="zoom-out" title=actions::title(ActionId::ZoomOut) aria-label="Zoom out"
                on:click=move |_| zoom_by(editor, 1.0 / ZOOM_STEP)>"−"</button>
            <button class="zoom-level" data-testid="zoom-reset" title="Reset zoom to 100%" on:click=reset>{level}</button>
            <button data-testid="zoom-in" title=actions::title(ActionId::ZoomIn) aria-label="Zoom in"
                on:click=move |_| zoom_by(editor, ZOOM_STEP)>"+"</button>
            <button data-testid="zoom-fit" title=actions::title(ActionId::ZoomFit) on:click=move |_| zoom_to_fit(editor)>"Fit"</button>
        </div>
    }
}

/// Where to start, while the design has no component.
#[component]
pub fn EmptyHint() -> impl IntoView {
    let editor = Editor::get();
    let lib_ctx = LibCtx::get();
    view! {
        <Show when=move || editor.design.with(|d| d.components.is_empty())>
            <div class="empty-hint">
                <strong>"Start drawing"</strong>
                <span>"Drag a component from the palette, open a template, or pick up one of your designs."</span>
                <button class="btn" data-testid="empty-my-designs"
                    on:click=move |_| lib_ctx.list_open.set(true)>"My designs"</button>
            </div>
        </Show>
    }
}
