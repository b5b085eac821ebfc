//! The top bar: name, templates, undo/redo, share, export, theme and Run.

use leptos::html;
use leptos::prelude::*;
use skydraft_core::share;
use wasm_bindgen::JsCast;

use crate::actions::{self, ActionId};
use crate::library::{self as lib, LibCtx};
use crate::run::RunCtx;
use crate::state::{Editor, Tone};
use crate::theme::{self, Choice, ThemeCtx};
use crate::{export, persist};

/// Copies the link of the current design to the clipboard; a `view_only`
/// link opens the design without editing.
pub fn copy_link(editor: Editor, view_only: bool) {
    let code = editor
        .design
        .with_untracked(|d| editor.scenario.with_untracked(|s| share::encode(d, s)));
    let link = persist::link_for(&code, view_only);
    let Some(window) = web_sys::window() else {
        return;
    };
    let promise = window.navigator().clipboard().write_text(&link);
    leptos::task::spawn_local(async move {
        match wasm_bindgen_futures::JsFuture::from(promise).await {
            Ok(_) if view_only => editor.notify(
                "View-only link copied. It shows this design and cannot change it.",
                Tone::Info,
            ),
            Ok(_) => editor.notify(
                "Link copied. Anyone who opens it sees this design.",
                Tone::Info,
            ),
            Err(_) => editor.notify(
                "The browser did not allow copying; the address bar holds the link to share.",
                Tone::Error,
            ),
        }
    });
}

/// The icon of a theme choice: a monitor, a sun or a moon (constant markup).
fn theme_icon(choice: Choice) -> &'static str {
    match choice {
        Choice::System => {
            r#"<rect x="3" y="4" width="18" height="12" rx="2"/><path d="M8 20h8M12 16v4"/>"#
        }
        Choice::Light => {
            r#"<circle cx="12" cy="12" r="4"/><path d="M12 2v2M12 20v2M4.9 4.9l1.4 1.4M17.7 17.7l1.4 1.4M2 12h2M20 12h2M4.9 19.1l1.4-1.4M17.7 6.3l1.4-1.4"/>"#
        }
        Choice::Dark => r#"<path d="M20.5 14.2A8.5 8.5 0 1 1 9.8 3.5a7 7 0 0 0 10.7 10.7z"/>"#,
    }
}

/// An undo or redo button's title naming the step it takes:
/// "Undo change traffic (Ctrl+Z)".
fn step_title(id: ActionId, step: Option<&str>) -> String {
    let title = actions::title(id);
    match (step, title.split_once(' ')) {
        (Some(step), Some((verb, keys))) => format!("{verb} {} {keys}", step.to_lowercase()),
        _ => title,
    }
}

/// The theme control: a button showing the current choice that opens a
/// menu of System, Light and Dark. Arrow keys move through the menu,
/// Escape closes it, leaving focus elsewhere closes it too.
#[component]
fn ThemeSwitch() -> impl IntoView {
    let ctx = ThemeCtx::get();
    let open = RwSignal::new(false);
    let button = NodeRef::<html::Button>::new();
    let menu = NodeRef::<html::Div>::new();
    let items = move || -> Vec<web_sys::HtmlElement> {
        let first = menu.get_untracked().and_then(|m| m.first_element_child());
        std::iter::successors(first, web_sys::Element::next_element_sibling)
            .filter_map(|e| e.dyn_into().ok())
            .collect()
    };
    // Opening puts focus on the current choice, as menus do.
    let show = move || {
        open.set(true);
        request_animation_frame(move || {
            let current = ctx.choice.get_untracked();
            if let Some(el) = items()
                .into_iter()
                .find(|e| e.get_attribute("data-choice").as_deref() == Some(current.as_str()))
            {
                let _ = el.focus();
            }
        });
    };
    let close = move |refocus: bool| {
        open.set(false);
        if refocus && let Some(b) = button.get_untracked() {
            let _ = b.focus();
        }
    };
    let pick = move |c: Choice| {
        ctx.choice.set(c);
        close(true);
    };
    let on_button_key = move |ev: web_sys::KeyboardEvent| {
        // Handled here: the page's shortcuts use Space (pan) and the arrows (nudge).
        if matches!(ev.key().as_str(), " " | "ArrowDown" | "ArrowUp") {
            ev.prevent_default();
            ev.stop_propagation();
            show();
        }
    };
    let on_menu_key = move |ev: web_sys::KeyboardEvent| {
        let all = items();
        let at = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
            .and_then(|t| all.iter().position(|e| *e == t));
        let n = all.len();
        let go = |i: usize| {
            if let Some(e) = all.get(i) {
                let _ = e.focus();
            }
        };
        match ev.key().as_str() {
            "ArrowDown" => go(at.map_or(0, |i| (i + 1) % n.max(1))),
            "ArrowUp" => go(at.map_or(0, |i| (i + n.max(1) - 1) % n.max(1))),
            "Home" => go(0),
            "End" => go(n.saturating_sub(1)),
            "Escape" | "Tab" => close(ev.key() == "Escape"),
            " " => {
                if let Some(c) = at.and_then(|i| Choice::ALL.get(i)) {
                    pick(*c);
                }
            }
            _ => return,
        }
        if ev.key() != "Tab" {
            ev.prevent_default();
        }
        ev.stop_propagation();
    };
    let on_focus_out = move |ev: web_sys::FocusEvent| {
        let inside = ev
            .related_target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
            .zip(
                ev.current_target()
                    .and_then(|t| t.dyn_into::<web_sys::Node>().ok()),
            )
            .is_some_and(|(to, wrap)| wrap.contains(Some(&to)));
        if !inside {
            open.set(false);
        }
    };
    let label = move || theme::describe(ctx.choice.get(), ctx.effective());
    view! {
        <div class="menu-wrap theme-switch" on:focusout=on_focus_out>
            <button class="btn icon" node_ref=button data-testid="theme-toggle" aria-haspopup="menu"
                aria-expanded=move || open.get().to_string() aria-label=label title=label
                data-choice=move || ctx.choice.get().as_str()
                on:click=move |_| if open.get_untracked() { close(false) } else { show() }
                on:keydown=on_button_key>
                <svg viewBox="0 0 24 24" aria-hidden="true" inner_html=move || theme_icon(ctx.choice.get()) />
            </button>
            <Show when=move || open.get()>
                <div class="menu theme-menu" role="menu" aria-label="Theme" node_ref=menu on:keydown=on_menu_key>
                    {Choice::ALL.into_iter().map(|c| view! {
                        <button role="menuitemradio" tabindex="-1" data-testid=format!("theme-{}", c.as_str())
                            data-choice=c.as_str() aria-checked=move || (ctx.choice.get() == c).to_string()
                            on:click=move |_| pick(c)>
                            <svg viewBox="0 0 24 24" aria-hidden="true" inner_html=theme_icon(c) />
                            <span class="grow">{c.label()}</span>
                            <span class="check" aria-hidden="true">{move || if ctx.choice.get() == c { "✓" } else { "" }}</span>
                        </button>
                    }).collect_view()}
                </div>
            </Show>
        </div>
    }
}

/// The top bar.
#[component]
pub fn TopBar(
    /// Opens or closes the templates gallery.
    templates_open: RwSignal<bool>,
) -> impl IntoView {
    let editor = Editor::get();
    let lib_ctx = LibCtx::get();
    let run = expect_context::<RunCtx>();
    let menu_open = RwSignal::new(false);
    let edit_copy = move |_| {
        let (d, s) = (
            editor.design.get_untracked(),
            editor.scenario.get_untracked(),
        );
        lib::open_new(
            editor,
            lib_ctx,
            d,
            s,
            skydraft_core::library::Origin::Copy,
            true,
        );
        editor.notify(
            "You are editing your own copy, kept in My designs; the original link is unchanged.",
            Tone::Info,
        );
    };
    view! {
        <header class="topbar">
            <div class="brand">
                <svg class="logo" viewBox="0 0 32 32" aria-hidden="true">
                    <rect width="32" height="32" rx="8" class="logo-bg" />
                    <path d="M9 21.5a5 5 0 0 1 .8-9.9A7 7 0 0 1 23 12.5a4.5 4.5 0 0 1 .5 9z" class="logo-cloud" />
                    <path d="M11 25l4-4 3 2 4-5" class="logo-line" />
                </svg>
                <span class="brand-name">"Skydraft"</span>
            </div>
            <input
                class="design-name"
                data-testid="design-name"
                aria-label="Design name"
                placeholder="Untitled design"
                maxlength="80"
                disabled=move || editor.read_only.get()
                prop:value=move || editor.design.with(|d| d.name.clone())
                on:change=move |ev| editor.rename(skydraft_core::edit::Named::Design, event_target_value(&ev))
            />
            <Show when=move || lib_ctx.unsaved.with(Option::is_some)>
                <button class="badge warn" data-testid="unsaved" on:click=move |_| lib_ctx.list_open.set(true)
                    title=move || lib_ctx.unsaved.with(|u| u.as_ref().map(|u| crate::state::sentence(&u.reason)).unwrap_or_default())>
                    "Not saved"
                </button>
            </Show>
            <nav class="actions">
                <button class="btn" data-testid="my-designs" title="Every design you opened or drew in this browser"
                    on:click=move |_| lib_ctx.list_open.update(|o| *o = !*o)>"My designs"</button>
                <button class="btn" data-testid="templates" on:click=move |_| templates_open.update(|o| *o = !*o)>
                    "Templates"
                </button>
                <span class="sep" />
                <button class="btn icon" data-testid="undo" title=move || step_title(ActionId::Undo, editor.step_label(true)) aria-label="Undo"
                    disabled=move || !editor.can_undo() || editor.read_only.get() on:click=move |_| editor.undo()>
                    <svg viewBox="0 0 24 24"><path d="M9 14L4 9l5-5M4 9h10a6 6 0 0 1 0 12h-3" /></svg>
                </button>
                <button class="btn icon" data-testid="redo" title=move || step_title(ActionId::Redo, editor.step_label(false)) aria-label="Redo"
                    disabled=move || !editor.can_redo() || editor.read_only.get() on:click=move |_| editor.redo()>
                    <svg viewBox="0 0 24 24"><path d="M15 14l5-5-5-5M20 9H10a6 6 0 0 0 0 12h3" /></svg>
                </button>
                <span class="sep" />
                <Show when=move || editor.read_only.get()>
                    <span class="badge" data-testid="view-only">"View only"</span>
                    <button class="btn" data-testid="edit-copy" title="Keep your own copy of this design in My designs and edit it"
                        on:click=edit_copy>"Edit a copy"</button>
                </Show>
                <button class="btn" data-testid="share" title="Copy a link to this design" on:click=move |_| copy_link(editor, false)>"Share"</button>
                <button class="btn icon" data-testid="share-view-only" title="Copy a view-only link" aria-label="Copy a view-only link"
                    on:click=move |_| copy_link(editor, true)>
                    <svg viewBox="0 0 24 24"><path d="M2 12s3.5-7 10-7 10 7 10 7-3.5 7-10 7S2 12 2 12z" /><circle cx="12" cy="12" r="3" /></svg>
                </button>
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
                        </div>
                    </Show>
                </div>
                <ThemeSwitch />
                <button class="btn primary" data-testid="run" disabled=move || run.running() on:click=move |_| run.start(editor)>
                    <svg viewBox="0 0 24 24" class="play"><path d="M7 4l13 8-13 8z" /></svg>
                    "Run"
                </button>
            </nav>
        </header>
    }
}
