//! The embed layout (`&embed`): the canvas fitted to the frame (the whole
//! design, however small its labels get), with run, replay and step controls and a link that opens the design in Skydraft.

use leptos::prelude::*;
use skydraft_core::share;

use super::Present;
use crate::run::{ReplayBar, RunCtx};
use crate::state::Editor;

/// The address of the design as an ordinary (editable) link.
fn open_href(editor: Editor) -> String {
    let code = editor
        .design
        .with(|d| editor.scenario.with(|s| share::encode(d, s)));
    let loc = gloo::utils::window().location();
    let base = format!(
        "{}{}",
        loc.origin().unwrap_or_default(),
        loc.pathname().unwrap_or_default()
    );
    format!("{base}{}", crate::persist::fragment(&code, false))
}

/// The controls under an embedded canvas.
#[component]
pub fn EmbedBar() -> impl IntoView {
    let editor = Editor::get();
    let present = Present::get();
    let run = expect_context::<RunCtx>();
    let steps = Memo::new(move |_| editor.design.with(|d| d.steps.len()));
    view! {
        <Show when=move || present.embed.get()>
            <div class="embed-bar" data-testid="embed-bar">
                {move || match run.run() {
                    Some(r) => view! { <ReplayBar run=r /> }.into_any(),
                    None => view! {
                        <button class="btn primary" data-testid="embed-run" disabled=move || run.running()
                            on:click=move |_| run.start(editor)>
                            {move || if run.running() { "Running…" } else { "▶ Run" }}
                        </button>
                    }.into_any(),
                }}
                <Show when=move || { steps.get() > 1 }>
                    <button class="btn icon" data-testid="embed-prev" aria-label="Previous step"
                        on:click=move |_| { step_in(editor, present, false); }>"◀"</button>
                    <button class="btn icon" data-testid="embed-next" aria-label="Next step"
                        on:click=move |_| { step_in(editor, present, true); }>"▶"</button>
                </Show>
                <a class="btn ghost embed-open" data-testid="embed-open" target="_blank" rel="noopener"
                    href=move || open_href(editor)>"Open in Skydraft"</a>
            </div>
        </Show>
    }
}

/// A step forward or back in an embed, which shows steps without the
/// presentation bar.
fn step_in(editor: Editor, present: Present, forward: bool) {
    if !present.on.get_untracked() {
        present.on.set(true);
    }
    if forward {
        present.next(editor);
    } else {
        present.prev(editor);
    }
}

/// Applies what a link asks for once the page is up: the embed layout, a
/// presentation step (`&step=N`), and the replay at a moment (`&t=…`),
/// which runs the design first and moves to the moment when it is done.
pub fn apply_showing(editor: Editor, show: crate::persist::Showing) {
    let present = Present::get();
    let run = expect_context::<RunCtx>();
    present.embed.set(show.embed);
    if show.embed {
        editor.fit_least.set(crate::geom::MIN_ZOOM);
        // Fit the frame once the embed layout is in, and again when the
        // replay bar takes its place under the canvas.
        Effect::new(move |_| {
            run.state.track();
            request_animation_frame(move || crate::canvas::zoom_to_fit(editor));
        });
    }
    if let Some(n) = show.step {
        request_animation_frame(move || {
            if present.embed.get_untracked() {
                present.on.set(true);
                present.go(editor, n - 1);
            } else {
                present.enter(editor, n - 1, false);
            }
        });
    }
    let Some(at) = show.at else {
        return;
    };
    run.start(editor);
    let pending = StoredValue::new(Some(at));
    Effect::new(move |_| {
        if let Some(r) = run.run()
            && let Some(t) = pending.get_value()
        {
            pending.set_value(None);
            run.moment.set(Some(t.min(r.duration_s.max(0.0))));
        }
    });
}
