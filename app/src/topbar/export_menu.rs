//! The Export menu: the design as JSON, the diagram as SVG or PNG, and
//! importing a JSON design.

use leptos::prelude::*;

use crate::export;
use crate::library::LibCtx;
use crate::menu::{Menu, MenuButton};
use crate::state::Editor;

/// The Import JSON… item: a file picker that opens the chosen design. The
/// menu stays open while the browser's file chooser is up.
#[component]
pub(super) fn ImportItem(
    /// Closed once a file is chosen.
    menu: Menu,
) -> impl IntoView {
    let editor = Editor::get();
    let lib_ctx = LibCtx::get();
    view! {
        <label role="menuitem" tabindex="-1" class="menu-file" on:click=|ev| ev.stop_propagation()>
            "Import JSON…"
            <input type="file" tabindex="-1" accept=".json,application/json" data-testid="import-json"
                on:change=move |ev| {
                    let input: web_sys::HtmlInputElement = event_target(&ev);
                    if let Some(f) = input.files().and_then(|l| l.get(0)) {
                        export::import_json(editor, lib_ctx, f);
                    }
                    input.set_value("");
                    menu.close(true);
                } />
        </label>
    }
}

/// The three exports, as menu items whose test ids start with `prefix`.
#[component]
pub(super) fn ExportItems(
    /// Put before each item's test id (`""` in the Export menu).
    #[prop(default = "")]
    prefix: &'static str,
) -> impl IntoView {
    let editor = Editor::get();
    view! {
        <button role="menuitem" tabindex="-1" data-testid=format!("{prefix}export-json") on:click=move |_| export::export_json(editor)>
            "Design as JSON"<span class="muted">"re-importable"</span></button>
        <button role="menuitem" tabindex="-1" data-testid=format!("{prefix}export-svg") on:click=move |_| export::export_svg(editor)>
            "Diagram as SVG"</button>
        <button role="menuitem" tabindex="-1" data-testid=format!("{prefix}export-png") on:click=move |_| export::export_png(editor)>
            "Diagram as PNG"</button>
    }
}

/// The Export button and its menu.
#[component]
pub(super) fn ExportMenu() -> impl IntoView {
    let menu = Menu::new("export");
    view! {
        <MenuButton menu testid="export" list_label="Export" button=|| "Export" wrap_class="export-menu">
            <ExportItems />
            <ImportItem menu />
        </MenuButton>
    }
}
