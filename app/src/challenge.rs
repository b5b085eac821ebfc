//! Challenges in the page: the gallery beside the templates, the challenge
//! being attempted (its brief, goals and locked parts, the verdict of each
//! Run, hints after failed attempts), Submit and a teacher's own challenge.
//!
//! What a challenge is, how it is judged and what a link holds are core's
//! (`skydraft_core::challenge`); the page keeps only which library entry is
//! an attempt at which challenge (so a reload or My designs reopens the
//! challenge, not just the design) and how often each challenge failed here.

mod author;
mod author_goal;
pub mod open;
mod panel;
mod submit;
mod verdict;

use std::sync::Arc;

use leptos::prelude::*;
use skydraft_core::challenge::{self, Challenge, link};
use skydraft_core::design::Design;
use skydraft_core::library::EntryId;
use skydraft_core::share;

use crate::dialog::Modal;
use crate::library::{self as lib, LibCtx};
use crate::run::RunCtx;
use crate::state::{Editor, Tone};

pub use author::AuthorDialog;
pub use panel::ChallengePanel;
pub use submit::SubmitDialog;

/// Local-storage key prefix: which challenge a library entry attempts.
const ATTEMPT_PREFIX: &str = "skydraft.attempt.";
/// Local-storage key prefix: failed judgements per challenge id.
const FAILURES_PREFIX: &str = "skydraft.challenge-failures.";

/// The page's challenge dialogs and the failure count; provided as context.
#[derive(Clone, Copy)]
pub struct ChallengeCtx {
    /// Whether the gallery is open.
    pub gallery_open: RwSignal<bool>,
    /// Whether the Submit dialog is open.
    pub submit_open: RwSignal<bool>,
    /// Whether the teacher's dialog is open.
    pub author_open: RwSignal<bool>,
    /// Failed judgements of the attempted challenge in this browser.
    pub failures: RwSignal<u32>,
}

impl ChallengeCtx {
    /// Closed dialogs, no failures.
    #[must_use]
    pub fn new() -> Self {
        ChallengeCtx {
            gallery_open: RwSignal::new(false),
            submit_open: RwSignal::new(false),
            author_open: RwSignal::new(false),
            failures: RwSignal::new(0),
        }
    }

    /// The context provided by the app.
    ///
    /// # Panics
    /// Outside the app's component tree (a programming error).
    #[must_use]
    pub fn get() -> Self {
        expect_context::<ChallengeCtx>()
    }
}

impl Default for ChallengeCtx {
    fn default() -> Self {
        Self::new()
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Records that entry `id` attempts the challenge with `c=` value `code`.
pub(crate) fn remember_attempt(id: &EntryId, code: &str) {
    if let Some(s) = storage() {
        let _ = s.set_item(&format!("{ATTEMPT_PREFIX}{id}"), code);
    }
}

/// The challenge entry `id` attempts, when it is one.
fn attempt_of(id: &EntryId) -> Option<Challenge> {
    let code = storage()?
        .get_item(&format!("{ATTEMPT_PREFIX}{id}"))
        .ok()
        .flatten()?;
    link::decode_challenge(&code).ok().map(|(c, _, _)| c)
}

fn load_failures(id: &str) -> u32 {
    storage()
        .and_then(|s| s.get_item(&format!("{FAILURES_PREFIX}{id}")).ok().flatten())
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

fn store_failures(id: &str, n: u32) {
    if let Some(s) = storage() {
        let _ = s.set_item(&format!("{FAILURES_PREFIX}{id}"), &n.to_string());
    }
}

/// Keeps the attempted challenge in step with the open library entry (a
/// reload, My designs, a template all land here), puts the challenge's
/// scenario in place, and counts failed judgements in local storage.
pub fn keep_active(editor: Editor, lib_ctx: LibCtx, run: RunCtx, ctx: ChallengeCtx) {
    open::judge_on_open(editor, run);
    let open_id = Memo::new(move |_| lib_ctx.open.with(|o| o.as_ref().map(|o| o.id.clone())));
    Effect::new(move |_| {
        let Some(id) = open_id.get() else {
            return;
        };
        let next = attempt_of(&id).map(Arc::new);
        if next.as_deref() != editor.challenge.get_untracked().as_deref() {
            run.judged.set(None);
            editor.challenge.set(next);
        }
    });
    Effect::new(move |_| {
        let Some(c) = editor.challenge.get() else {
            return;
        };
        ctx.failures.set(load_failures(&c.id));
        if editor.scenario.with_untracked(|s| *s != c.scenario) {
            editor.scenario.set(c.scenario.clone());
        }
    });
    Effect::new(move |prev: Option<Option<usize>>| {
        let judged = run.judged.get();
        let key = judged.as_ref().map(|j| Arc::as_ptr(j) as usize);
        if let Some(j) = judged
            && prev.flatten() != key
            && !j.verdict.passed
        {
            let n = load_failures(&j.challenge.id).saturating_add(1);
            store_failures(&j.challenge.id, n);
            ctx.failures.set(n);
        }
        key
    });
}

/// Opens `c` with `design` (its start when `None`) as a library entry of its
/// own; the same challenge and design again finds that entry and the work in it.
pub fn start(editor: Editor, lib_ctx: LibCtx, c: Challenge, design: Option<Design>) {
    let design = design.unwrap_or_else(|| c.start.clone());
    let code = share::encode(&design, &c.scenario);
    let mut library = lib::open_library();
    match library.open_link(&code, None, lib::now(), lib::nonce()) {
        Ok(o) => {
            remember_attempt(&o.entry.id, &link::encode_challenge(&c));
            lib::show_entry(editor, lib_ctx, &o.entry, o.design, o.scenario);
        }
        Err(e) => {
            // Storage refused: the attempt runs all the same, unsaved.
            lib::save_open(editor, lib_ctx);
            lib_ctx.set_unstored(None);
            editor.load(design, c.scenario.clone());
            editor.challenge.set(Some(Arc::new(c)));
            lib_ctx.report(editor, Err(e));
        }
    }
}

/// The challenges gallery.
#[component]
pub fn Gallery() -> impl IntoView {
    let editor = Editor::get();
    let lib_ctx = LibCtx::get();
    let ctx = ChallengeCtx::get();
    let open = ctx.gallery_open;
    let pick = move |id: &str| {
        if let Some(c) = challenge::get(id) {
            open.set(false);
            let title = c.title.clone();
            start(editor, lib_ctx, c, None);
            editor.notify(
                format!("Challenge \"{title}\": read the brief, change the design, press Run to be judged."),
                Tone::Info,
            );
        }
    };
    view! {
        <Modal open label="Challenges" testid="challenges-gallery">
            <header class="modal-head">
                <h2>"Challenges the simulator judges"</h2>
                <button class="btn" data-testid="author-open" on:click=move |_| ctx.author_open.set(true)>
                    "Make one from this design"
                </button>
                <button class="btn icon" aria-label="Close" on:click=move |_| open.set(false)>"×"</button>
            </header>
            <div class="template-grid">
                {challenge::all().into_iter().map(|c| {
                    let id = c.id.clone();
                    let goals = c.goals.len();
                    let first = c.brief.first().cloned().unwrap_or_default();
                    view! {
                        <button class="template-card" data-challenge=c.id.clone() on:click=move |_| pick(&id)>
                            <strong>{c.title}</strong>
                            <span class="muted">{format!("{goals} goal{}", if goals == 1 { "" } else { "s" })}</span>
                            <p>{first}</p>
                        </button>
                    }
                }).collect_view()}
            </div>
        </Modal>
    }
}
