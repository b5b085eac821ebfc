//! The Export menu: the design as JSON, the diagram as SVG or PNG, and
//! importing a JSON design.

use leptos::prelude::*;

use crate::export;
use crate::library::LibCtx;
use crate::state::Editor;

/// The Import JSON… item: a file picker that opens the chosen design.
#[component]
fn ImportItem(
    /// Closed once a file is chosen.
    menu_open: RwSignal<bool>,
) -> impl IntoView {
    let editor = Editor::get();
    let lib_ctx = LibCtx::get();
    view! {
        <label role="menuitem" class="menu-file" on:click=|ev| ev.stop_propagation()>
            "Import JSON…"
            <input type="file" accept=".json,application/json" data-testid="import-json"
                on:change=move |ev| {
                    let input: web_sys::HtmlInputElement = event_target(&ev);
                    if let Some(f) = input.files().and_then(|l| l.get(0)) {
                        export::import_json(editor, lib_ctx, f);
                    }
                    input.set_value("");
                    menu_open.set(false);
                } />
        </label>
    }
}

/// The Export button and its menu.
#[component]
pub(super) fn ExportMenu() -> impl IntoView {
    let editor = Editor::get();
    let menu_open = RwSignal::new(false);
    view! {
        <div class="menu-wrap">
            <button class="btn" data-testid="export" aria-haspopup="menu" aria-expanded=move || menu_open.get().to_string()
                on:click=move |_| menu_open.update(|o| *o = !*o)>"Export"</button>
            <Show when=move || menu_open.get()>
                <div class="menu" role="menu" on:click=move |_| menu_open.set(false)>
                    <button role="menuitem" data-testid="export-json" on:click=move |_| export::export_json(editor)>
                        "Design as JSON"<span class="muted">"re-importable"</span></button>
                    <button role="menuitem" data-testid="export-svg" on:click=move |_| export::export_svg(editor)>
                        "Diagram as SVG"</button>
                    <button role="menuitem" data-testid="export-png" on:click=move |_| export::export_png(editor)>
                        "Diagram as PNG"</button>
                    <ImportItem menu_open />
                </div>
            </Show>
        </div>
    }
}
