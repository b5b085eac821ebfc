//! The top bar: name, My designs, New, templates, undo/redo, share (a
//! menu), export (in [`export_menu`]), theme (in [`theme_switch`]), Run,
//! and on a phone the More menu that holds most of them ([`more_menu`]).

mod export_menu;
mod more_menu;
mod theme_switch;

use leptos::prelude::*;
use skydraft_core::share;

use crate::actions::{self, ActionId};
use crate::library::{self as lib, LibCtx};
use crate::menu::{Menu, MenuButton};
use crate::persist;
use crate::run::RunCtx;
use crate::state::{Editor, Tone};
use export_menu::ExportMenu;
use more_menu::MoreMenu;
use theme_switch::ThemeSwitch;

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

/// An undo or redo button's title naming the step it takes:
/// "Undo change traffic (Ctrl+Z)".
pub fn step_title(id: ActionId, step: Option<&str>) -> String {
    let title = actions::title(id);
    match (step, title.split_once(' ')) {
        (Some(step), Some((verb, keys))) => format!("{verb} {} {keys}", step.to_lowercase()),
        _ => title,
    }
}

/// Opens a copy of the design being viewed (a view-only link) as the
/// user's own design, kept in My designs and editable.
fn edit_copy(editor: Editor, lib_ctx: LibCtx) {
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
}

/// The design's name, editable unless the design is view-only.
#[component]
fn DesignName() -> impl IntoView {
    let editor = Editor::get();
    view! {
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
    }
}

/// "Not saved", while the latest change could not be stored; opens My designs.
#[component]
fn UnsavedBadge() -> impl IntoView {
    let lib_ctx = LibCtx::get();
    view! {
        <Show when=move || lib_ctx.unsaved.with(Option::is_some)>
            <button class="badge warn" data-testid="unsaved" on:click=move |_| lib_ctx.list_open.set(true)
                title=move || lib_ctx.unsaved.with(|u| u.as_ref().map(|u| crate::state::sentence(&u.reason)).unwrap_or_default())>
                "Not saved"
            </button>
        </Show>
    }
}

/// "View only" and "Edit a copy", while the design is view-only.
#[component]
fn ViewOnlyActions() -> impl IntoView {
    let editor = Editor::get();
    let lib_ctx = LibCtx::get();
    view! {
        <Show when=move || editor.read_only.get()>
            <span class="badge" data-testid="view-only">"View only"</span>
            <button class="btn" data-testid="edit-copy" title="Keep your own copy of this design in My designs and edit it"
                on:click=move |_| edit_copy(editor, lib_ctx)>"Edit a copy"</button>
        </Show>
    }
}

/// The Share button and its menu: the link, or a view-only link.
#[component]
fn ShareMenu() -> impl IntoView {
    let editor = Editor::get();
    let menu = Menu::new("share");
    let live = crate::live::LiveCtx::get();
    view! {
        <MenuButton menu testid="share" title="Copy a link to this design" list_label="Share" button=|| "Share">
            <button role="menuitem" tabindex="-1" data-testid="share-link" on:click=move |_| copy_link(editor, false)>
                "Copy link"<span class="muted">"editable"</span></button>
            <button role="menuitem" tabindex="-1" data-testid="share-view-only" on:click=move |_| copy_link(editor, true)>
                "Copy view-only link"<span class="muted">"read only"</span></button>
            <button role="menuitem" tabindex="-1" data-testid="live-start" on:click=move |_| crate::live::start(live, editor)>
                {move || if live.role.get().is_some() { "Show the live class" } else { "Start a live class" }}
                <span class="muted">"students follow"</span></button>
            <button role="menuitem" tabindex="-1" data-testid="live-projector" on:click=move |_| crate::live::projector::open_window(live, editor)>
                "Open a projector window"<span class="muted">"this computer"</span></button>
        </MenuButton>
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
    let challenges = crate::challenge::ChallengeCtx::get();
    view! {
        <header class="topbar">
            <div class="brand">
                <svg class="logo" viewBox="0 0 32 32" aria-hidden="true">
                    <rect width="32" height="32" rx="8" class="logo-bg" />
                    <path d="M9 21.5a5 5 0 0 1 .8-9.9A7 7 0 0 1 23 12.5a4.5 4.5 0 0 1 .5 9z" class="logo-cloud" />
                    <path d="M11 25l4-4 3 2 4-5" class="logo-line" />
                </svg>
                <h1 class="brand-name">"Skydraft"</h1>
            </div>
            <DesignName />
            <UnsavedBadge />
            <nav class="actions">
                <button class="btn" data-testid="my-designs" title="Every design you opened or drew in this browser"
                    on:click=move |_| lib_ctx.list_open.update(|o| *o = !*o)>"My designs"</button>
                <button class="btn" data-testid="new-design" title="Start an empty design; this one stays in My designs"
                    on:click=move |_| lib::new_design(editor, lib_ctx)>"New"</button>
                <button class="btn" data-testid="templates" on:click=move |_| templates_open.update(|o| *o = !*o)>
                    "Templates"
                </button>
                <button class="btn" data-testid="challenges" title="Tasks the simulator judges"
                    on:click=move |_| challenges.gallery_open.update(|o| *o = !*o)>"Challenges"</button>
                <span class="sep" />
                <button class="btn icon" data-testid="undo" title=move || step_title(ActionId::Undo, editor.step_label(true)) aria-label="Undo"
                    disabled=move || !editor.can_undo() || editor.read_only.get() on:click=move |_| editor.undo()>
                    <svg viewBox="0 0 24 24"><path d="M9 14L4 9l5-5M4 9h10a6 6 0 0 1 0 12h-3" /></svg>
                </button>
                <button class="btn icon" data-testid="redo" title=move || step_title(ActionId::Redo, editor.step_label(false)) aria-label="Redo"
                    disabled=move || !editor.can_redo() || editor.read_only.get() on:click=move |_| editor.redo()>
                    <svg viewBox="0 0 24 24"><path d="M15 14l5-5-5-5M20 9H10a6 6 0 0 0 0 12h3" /></svg>
                </button>
                <span class="sep after-history" />
                <ViewOnlyActions />
                <ShareMenu />
                <ExportMenu />
                <ThemeSwitch />
                <MoreMenu templates_open />
                <button class="btn primary" data-testid="run" disabled=move || run.running() on:click=move |_| run.start(editor)>
                    <svg viewBox="0 0 24 24" class="play"><path d="M7 4l13 8-13 8z" /></svg>
                    "Run"
                </button>
            </nav>
        </header>
    }
}
