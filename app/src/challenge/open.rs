//! Challenge links (`#c=…&d=…&n=…`) when the page opens and when one is
//! pasted into the address bar: decoded by core with its caps and typed
//! errors; the attempt becomes a library entry of its own (the same link
//! again finds it); a link that does not open says why and keeps the
//! autosaved work open.

use skydraft_core::challenge::link::{self, ChallengeLink};
use skydraft_core::library::{Library, LibraryError};
use skydraft_core::share;

use super::remember_attempt;
use crate::library::{self as lib, LibCtx, LocalStore};
use crate::opening::{Opening, last_design};
use crate::persist::repairs_sentence;
use crate::state::{Editor, Tone};

thread_local! {
    /// A submission was opened: judge it once its challenge is active.
    static JUDGE_ON_OPEN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Judges an opened submission as soon as its challenge is active, so the
/// teacher sees its verdict without pressing Run.
pub fn judge_on_open(editor: Editor, run: crate::run::RunCtx) {
    leptos::prelude::Effect::new(move |_| {
        use leptos::prelude::*;
        if editor.challenge.with(Option::is_some) && JUDGE_ON_OPEN.with(|j| j.replace(false)) {
            request_animation_frame(move || run.start(editor));
        }
    });
}

/// What opening a challenge link says first; `attempt` for work in
/// progress (a reload, a copied address) rather than a submission.
fn greeting(l: &ChallengeLink, attempt: bool) -> String {
    let name = l.name.as_deref().filter(|n| !n.is_empty());
    if attempt {
        return format!(
            "Your attempt at \"{}\" is open again: press Run to be judged.",
            l.challenge.title
        );
    }
    match (name, &l.design) {
        (Some(n), _) => format!(
            "{n}'s submission to \"{}\" is open and being judged again.",
            l.challenge.title
        ),
        (None, Some(_)) => format!(
            "A design submitted to \"{}\" is open and being judged.",
            l.challenge.title
        ),
        (None, None) => format!(
            "Challenge \"{}\": read the brief, change the design, press Run to be judged.",
            l.challenge.title
        ),
    }
}

/// The page's opening for a challenge link in the address.
pub(crate) fn opening(library: &mut Library<LocalStore>, hash: &str) -> Opening {
    let l = match link::decode(hash) {
        Ok(l) => l,
        Err(e) => return last_design(library, Some(e.to_string())),
    };
    // A submission is judged as soon as it is open (`judge_on_open`); an
    // attempt in progress waits for Run.
    let attempt = link::is_attempt(hash);
    JUDGE_ON_OPEN.with(|j| j.set(l.design.is_some() && !attempt));
    let design = l
        .design
        .clone()
        .unwrap_or_else(|| l.challenge.start.clone());
    let code = share::encode(&design, &l.challenge.scenario);
    let mut message = greeting(&l, attempt);
    if let Some(r) = repairs_sentence(&l.repairs) {
        message = format!("{message} The link was opened with {r}");
    }
    match library.open_link(&code, lib::tab_hint().as_ref(), lib::now(), lib::nonce()) {
        Ok(o) => {
            remember_attempt(&o.entry.id, &link::encode_challenge(&l.challenge));
            Opening {
                message: Some((message, Tone::Info)),
                ..Opening::of_entry(o.entry, o.design, o.scenario)
            }
        }
        Err(LibraryError::Decode(e)) => last_design(library, Some(e.to_string())),
        Err(e) => Opening {
            store_error: Some(e),
            ..Opening::unstored(design, l.challenge.scenario, None)
        },
    }
}

/// A challenge link pasted into the address bar of the open page.
pub(crate) fn on_hash(editor: Editor, ctx: LibCtx, hash: &str) {
    match link::decode(hash) {
        Ok(l) => {
            let attempt = link::is_attempt(hash);
            let text = greeting(&l, attempt);
            JUDGE_ON_OPEN.with(|j| j.set(l.design.is_some() && !attempt));
            super::start(editor, ctx, l.challenge, l.design);
            editor.notify(text, Tone::Info);
        }
        Err(e) => editor.notify(
            format!("This challenge link could not be opened: {e}. Your design is unchanged."),
            Tone::Error,
        ),
    }
}
