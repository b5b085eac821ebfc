//! Submit: a link holding the challenge and the student's design (and a
//! name, if given), copied to the clipboard and shown in a read-only field.
//! The link carries no verdict: whoever opens it judges the design again.

use leptos::prelude::*;
use skydraft_core::challenge::link;

use super::ChallengeCtx;
use crate::dialog::Modal;
use crate::state::{Editor, Tone};

/// The page's address with `fragment` (without `#`) as its fragment.
pub(super) fn page_link(fragment: &str) -> String {
    let base = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .map(|h| h.split('#').next().unwrap_or_default().to_owned())
        .unwrap_or_default();
    format!("{base}#{fragment}")
}

/// Writes `text` to the clipboard and says how it went.
pub(super) fn copy_text(editor: Editor, text: &str, done: &'static str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let promise = window.navigator().clipboard().write_text(text);
    leptos::task::spawn_local(async move {
        match wasm_bindgen_futures::JsFuture::from(promise).await {
            Ok(_) => editor.notify(done, Tone::Info),
            Err(_) => editor.notify(
                "The browser did not allow copying; the link is in the field to copy by hand.",
                Tone::Error,
            ),
        }
    });
}

/// The Submit dialog.
#[component]
pub fn SubmitDialog() -> impl IntoView {
    let editor = Editor::get();
    let ctx = ChallengeCtx::get();
    let name = RwSignal::new(String::new());
    let made = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        if !ctx.submit_open.get() {
            made.set(None);
        }
    });
    let submit = move || {
        let Some(c) = editor.challenge.get_untracked() else {
            return;
        };
        let who = name.get_untracked();
        let fragment = editor
            .design
            .with_untracked(|d| link::encode(&c, Some(d), Some(who.as_str())));
        let text = page_link(&fragment);
        copy_text(
            editor,
            &text,
            "Submission link copied: it holds the challenge and your design.",
        );
        made.set(Some(text));
    };
    view! {
        <Modal open=ctx.submit_open label="Submit your design" testid="submit-dialog" class="small">
            <header class="modal-head">
                <h2>"Submit your design"</h2>
                <button class="btn icon" aria-label="Close" on:click=move |_| ctx.submit_open.set(false)>"×"</button>
            </header>
            <p>"The link holds the challenge and your design. Whoever opens it, or grades it with "
                <code>"skydraft grade"</code>", runs the judge again."</p>
            <label class="field-row">
                <span>"Your name (optional)"</span>
                <input type="text" data-testid="submit-name" maxlength="80" autocomplete="name"
                    prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
            </label>
            <div class="dialog-actions">
                <button class="btn primary" data-testid="submit-copy" on:click=move |_| submit()>"Copy the link"</button>
            </div>
            {move || made.get().map(|l| view! {
                <label class="field-row">
                    <span>"Submission link"</span>
                    <input type="text" readonly data-testid="submit-link" prop:value=l
                        on:focus=|ev| {
                            use wasm_bindgen::JsCast;
                            if let Some(i) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                                i.select();
                            }
                        } />
                </label>
            })}
        </Modal>
    }
}
