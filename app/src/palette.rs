//! The palette: every catalog kind by category, searchable. Press an item and
//! drag it onto the canvas to place it; click it (or press Enter on it) to
//! place it in the middle of the view (the gesture is in [`drag`]).

mod drag;

use leptos::prelude::*;
use skydraft_core::catalog::{self, Category, KindSpec};

use crate::icons;
use crate::layout::LayoutCtx;
use crate::state::Editor;
use drag::{DragGhost, PaletteDrag};

/// One item: the kind's icon and short name.
#[component]
fn PaletteItem(
    /// The kind placed.
    spec: &'static KindSpec,
    /// The placing gesture.
    drag: PaletteDrag,
) -> impl IntoView {
    let kind = spec.id;
    let editor = Editor::get();
    // The challenge fixes the traffic: no Users component may be added.
    let fixed = move || kind == catalog::Kind::Users.id() && editor.traffic_fixed();
    let (short, name, summary) = (spec.short, spec.name, spec.summary);
    view! {
        <button
            class="palette-item"
            class:locked=fixed
            data-kind=kind
            data-locked=move || fixed().then_some("true")
            aria-disabled=move || fixed().then_some("true")
            title=move || if fixed() {
                format!("{name} — locked: the challenge fixes the traffic")
            } else {
                format!("{name} — {summary}")
            }
            aria-label=move || if fixed() {
                format!("{short}: locked, the challenge fixes the traffic")
            } else {
                format!("{short}: add {name}")
            }
            on:pointerdown=move |ev| drag.press(kind, &ev)
            on:pointermove=move |ev| drag.track(&ev)
            on:pointerup=move |ev| drag.release(&ev)
            on:pointercancel=move |_| drag.cancel()
            on:click=move |_| drag.click(kind)
        >
            <svg class="palette-icon" viewBox="0 0 48 48" aria-hidden="true">
                <use href=icons::href_for(kind) />
            </svg>
            <span>{spec.short}</span>
            <Show when=fixed>
                <span class="palette-lock" data-testid="traffic-lock" aria-hidden="true">"🔒"</span>
            </Show>
        </button>
    }
}

/// One category's heading and items.
#[component]
fn PaletteSection(
    /// The category.
    category: Category,
    /// Its kinds that match the search, in catalog order.
    items: Vec<&'static KindSpec>,
    /// The placing gesture.
    drag: PaletteDrag,
) -> impl IntoView {
    view! {
        <section class="palette-section" data-category=category.id()>
            <h3>{category.label()}</h3>
            <div class="palette-grid">
                {items.into_iter().map(|spec| view! { <PaletteItem spec drag /> }).collect_view()}
            </div>
        </section>
    }
}

/// The palette.
#[component]
pub fn Palette() -> impl IntoView {
    let drag = PaletteDrag::new(Editor::get(), LayoutCtx::get());
    let query = RwSignal::new(String::new());
    let sections = move || {
        let q = query.get();
        Category::ALL
            .iter()
            .filter_map(|&category| {
                let items: Vec<&'static KindSpec> = catalog::kinds()
                    .iter()
                    .filter(|k| k.category == category && catalog::matches(k, &q))
                    .collect();
                (!items.is_empty()).then(|| view! { <PaletteSection category items drag /> })
            })
            .collect_view()
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
            <DragGhost drag />
        </aside>
    }
}
