//! Skydraft's page: a thin Leptos layer over `skydraft-core`.
//!
//! Gestures become edits of the design held by [`state::Editor`]; effects
//! mirror the design into the URL fragment and local storage
//! ([`persist`]); the Run button simulates it in core and charts the result
//! ([`run`]). Pure UI logic (geometry, viewport, gestures, link rules'
//! wording) lives in plain modules tested natively.
#![forbid(unsafe_code)]

pub mod actions;
pub mod canvas;
pub mod challenge;
pub mod cite;
pub mod clipboard;
pub mod compare;
pub mod designs;
pub mod diagnostics;
pub mod dialog;
pub mod export;
pub mod geom;
pub mod icons;
pub mod inspector;
pub mod keys;
pub mod layout;
pub mod library;
pub mod live;
pub mod menu;
pub mod offline;
pub mod opening;
pub mod palette;
pub mod persist;
pub mod present;
pub mod replay;
pub mod rules;
pub mod run;
pub mod state;
pub mod theme;
pub mod topbar;

use gloo::timers::callback::Timeout;
use leptos::prelude::*;
use skydraft_core::template;

use canvas::Canvas;
use dialog::Modal;
use inspector::Inspector;
use palette::Palette;
use run::{RunCtx, RunPanel};
use state::{Editor, Tone};
use topbar::TopBar;

/// The message banner over the canvas; hides itself after a while.
#[component]
fn ToastView() -> impl IntoView {
    let editor = Editor::get();
    let timer = StoredValue::new_local(None::<Timeout>);
    Effect::new(move |_| {
        if let Some(t) = editor.toast.get() {
            // A message with a button stays long enough to reach the button.
            let ms = if t.tone == Tone::Error || t.action.is_some() {
                9000
            } else {
                4000
            };
            timer.set_value(Some(Timeout::new(ms, move || editor.toast.set(None))));
        }
    });
    move || {
        editor.toast.get().map(|t| {
            let class = if t.tone == Tone::Error { "toast error" } else { "toast" };
            view! {
                <div class=class data-testid="toast" role="alert">
                    <span>{t.text}</span>
                    {t.action.map(|a| {
                        let label = a.label;
                        view! {
                            <button class="toast-action" data-testid="toast-action" on:click=move |_| {
                                editor.toast.set(None);
                                (a.run)();
                            }>{label}</button>
                        }
                    })}
                    <button class="toast-close" aria-label="Dismiss" on:click=move |_| editor.toast.set(None)>"×"</button>
                </div>
            }
        })
    }
}

/// The templates gallery.
#[component]
fn Templates(
    /// Whether the gallery is open.
    open: RwSignal<bool>,
) -> impl IntoView {
    let editor = Editor::get();
    let lib_ctx = library::LibCtx::get();
    let pick = move |id: &'static str| {
        if let Some(t) = template::get(id) {
            open.set(false);
            library::open_template(editor, lib_ctx, id, t.design, t.scenario);
            editor.notify(
                format!("Opened the template \"{}\" as a new design; your other designs are in My designs.", t.name),
                Tone::Info,
            );
        }
    };
    view! {
        <Modal open label="Templates" testid="templates-gallery">
                    <header class="modal-head">
                        <h2>"Start from a classic architecture"</h2>
                        <button class="btn icon" aria-label="Close" on:click=move |_| open.set(false)>"×"</button>
                    </header>
                    <div class="template-grid">
                        {template::all()
                            .into_iter()
                            .map(|t| {
                                let id = t.id;
                                let n = t.design.components.len();
                                view! {
                                    <button class="template-card" data-template=id on:click=move |_| pick(id)>
                                        <strong>{t.name}</strong>
                                        <span class="muted">{diagnostics::counted(n, "component")}</span>
                                        <p>{t.note}</p>
                                    </button>
                                }
                            })
                            .collect_view()}
                    </div>
        </Modal>
    }
}

/// The list of shortcuts, toggled with `?`.
#[component]
fn Shortcuts(
    /// Whether the list is open.
    open: RwSignal<bool>,
) -> impl IntoView {
    // Pointer gestures, then every keyboard action from the one table.
    let gestures = [
        ("Drag from palette", "Place a component"),
        ("Drag a card's right dot", "Connect"),
        ("Drag on empty canvas", "Select with a rectangle"),
        ("Space + drag, middle drag", "Pan"),
        ("Wheel", "Zoom"),
        ("One finger on empty canvas", "Pan (touch screens)"),
        ("Two fingers", "Pan and zoom (touch screens)"),
        ("Long-press a component", "Its settings (touch screens)"),
    ];
    let rows: Vec<(&str, &str)> = gestures
        .into_iter()
        .chain(actions::shortcut_rows())
        .collect();
    view! {
        <Modal open label="Keyboard shortcuts" testid="shortcuts" class="small">
                    <header class="modal-head">
                        <h2>"Shortcuts"</h2>
                        <button class="btn icon" aria-label="Close" on:click=move |_| open.set(false)>"×"</button>
                    </header>
                    <table class="shortcuts">
                        {rows.iter().map(|(k, v)| view! { <tr><td><kbd>{*k}</kbd></td><td>{*v}</td></tr> }).collect_view()}
                    </table>
        </Modal>
    }
}

/// The status line under the canvas.
#[component]
fn StatusLine() -> impl IntoView {
    let editor = Editor::get();
    let counts = move || {
        editor.design.with(|d| {
            [
                (d.components.len(), "component"),
                (d.links.len(), "link"),
                (d.groups.len(), "frame"),
                (d.annotations.len(), "note"),
            ]
            .map(|(n, noun)| diagnostics::counted(n, noun))
            .join(" · ")
        })
    };
    let diags = diagnostics::DiagCtx::get();
    let validation = move || {
        let (e, w) = diags.counts();
        let class = if e > 0 {
            "validation error"
        } else if w > 0 {
            "validation warning"
        } else {
            "validation ok"
        };
        view! {
            <button class=class data-testid="validation-status" title="Show the findings"
                on:click=move |_| editor.selection.set(state::Selection::default())>
                <span class="dot" />{diagnostics::summary(e, w)}
            </button>
        }
    };
    view! {
        <footer class="statusline" data-testid="status-line">
            {validation}
            <span>{counts}</span>
            <span class="grow" />
            <label class="snap-toggle">
                <input type="checkbox" data-testid="snap" prop:checked=move || editor.snap.get()
                    on:change=move |ev| editor.snap.set(event_target_checked(&ev)) />
                " Snap to grid"
            </label>
            <span class="muted">"Press ? for shortcuts"</span>
        </footer>
    }
}

/// A link, first in the tab order, that moves focus to the element with id
/// `target` (without touching the address: its fragment holds the design).
#[component]
fn SkipLink(
    /// The id of the element focused.
    target: &'static str,
    /// The link's text.
    label: &'static str,
) -> impl IntoView {
    let go = move |ev: web_sys::MouseEvent| {
        ev.prevent_default();
        use wasm_bindgen::JsCast;
        let Some(el) = gloo::utils::document().get_element_by_id(target) else {
            return;
        };
        if let Some(h) = el.dyn_ref::<web_sys::HtmlElement>() {
            let _ = h.focus();
        } else if let Some(svg) = el.dyn_ref::<web_sys::SvgElement>() {
            let _ = svg.focus();
        }
    };
    view! { <a class="skip-link" href=format!("#{target}") on:click=go>{label}</a> }
}

/// The whole page.
#[component]
pub fn App() -> impl IntoView {
    provide_context(theme::ThemeCtx::new());
    let opening = opening::opening();
    let editor = Editor::new(Default::default(), Default::default());
    provide_context(editor);
    let lib_ctx = library::LibCtx::new();
    provide_context(lib_ctx);
    let showing = opening::apply_opening(editor, lib_ctx, opening);
    let run_ctx = RunCtx::new();
    provide_context(run_ctx);
    provide_context(compare::CompareCtx::new());
    let layout = layout::LayoutCtx::new();
    provide_context(layout);
    provide_context(dialog::Dialogs::new());
    provide_context(menu::OpenMenu::new());
    let canvas_replay = replay::Replay::new();
    provide_context(canvas_replay);
    run::paint_moment(run_ctx, canvas_replay);
    provide_context(diagnostics::DiagCtx::new(editor));
    let challenges = challenge::ChallengeCtx::new();
    provide_context(challenges);
    challenge::keep_active(editor, lib_ctx, run_ctx, challenges);
    persist::keep_in_sync(editor, lib_ctx);
    offline::install();
    let presenter = present::Present::new(run_ctx);
    provide_context(presenter);
    let live = live::LiveCtx::new();
    provide_context(live);
    live::install(live, editor, presenter, run_ctx);
    let (space_held, set_space_held) = signal(false);
    let help_open = RwSignal::new(false);
    let templates_open = RwSignal::new(false);
    keys::install(editor, clipboard::ClipCtx::new(), set_space_held, help_open);
    request_animation_frame(move || canvas::zoom_to_fit(editor));
    present::embed::apply_showing(editor, showing);

    view! {
        <svg class="sprite" aria-hidden="true" width="0" height="0" inner_html=icons::sprite() />
        <div class="app" class:read-only=move || editor.read_only.get()
            class:presenting=move || presenter.on.get() class:projector=move || live.role.get() == Some(live::Role::Projector) class:embed=move || presenter.embed.get() data-sheet=move || layout.sheet.get().id()>
            <SkipLink target="canvas" label="Skip to the canvas" />
            <SkipLink target="run-panel" label="Skip to the scenario and results" />
            <TopBar templates_open />
            <main class="workspace">
                <Palette />
                <div class="stage">
                    <live::LiveBanner />
                    <challenge::ChallengePanel />
                    <Canvas space_held />
                    <live::LivePanel />
                    <present::PresentBar />
                    <present::embed::EmbedBar />
                    <StatusLine />
                    <RunPanel />
                </div>
                <Inspector />
            </main>
            <layout::MobileBar />
            <ToastView />
            <offline::UpdateNotice />
            <Templates open=templates_open />
            <challenge::Gallery />
            <challenge::SubmitDialog />
            <challenge::AuthorDialog />
            <designs::MyDesigns />
            <compare::CompareDialog />
            <Shortcuts open=help_open />
        </div>
    }
}
