//! Copy, cut, paste and duplicate. The copied records travel as JSON through
//! the system clipboard (so they paste into another tab) and are also kept in
//! the page, for browsers that refuse to read the clipboard.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use skydraft_core::design::Point;
use skydraft_core::edit::{Command, Fragment};

use crate::state::{Editor, Selection, Tone};

/// Offset of a paste or duplicate from the copied positions, in canvas units.
const PASTE_STEP: f64 = 32.0;

/// The clipboard payload: a tagged fragment, so other text is never taken for a design.
#[derive(Debug, Serialize, Deserialize)]
struct Payload {
    /// Always `"skydraft.fragment"`.
    kind: String,
    /// Payload version.
    version: u32,
    /// The copied records.
    fragment: Fragment,
}

const KIND: &str = "skydraft.fragment";

/// JSON of a fragment for the clipboard.
#[must_use]
pub fn to_text(fragment: &Fragment) -> String {
    let p = Payload {
        kind: KIND.to_owned(),
        version: 1,
        fragment: fragment.clone(),
    };
    skydraft_core::json::to_json(&p)
}

/// The fragment in clipboard text, if the text is one of ours.
#[must_use]
pub fn from_text(text: &str) -> Option<Fragment> {
    let p: Payload = skydraft_core::json::from_json(text.as_bytes()).ok()?;
    (p.kind == KIND && p.version == 1).then_some(p.fragment)
}

/// The page's own copy of the last copied fragment, and how often it was pasted.
#[derive(Clone, Copy)]
pub struct ClipCtx {
    last: StoredValue<Option<(Fragment, u32)>>,
}

impl ClipCtx {
    /// An empty clipboard.
    #[must_use]
    pub fn new() -> Self {
        ClipCtx {
            last: StoredValue::new(None),
        }
    }
}

impl Default for ClipCtx {
    fn default() -> Self {
        Self::new()
    }
}

fn selected_fragment(editor: Editor) -> Option<Fragment> {
    let sel = editor.selection.get_untracked();
    let frag = editor.design.with_untracked(|d| Fragment::copy(d, &sel));
    (!frag.is_empty()).then_some(frag)
}

/// Copies the selection; with `cut`, also deletes it.
pub fn copy(editor: Editor, clip: ClipCtx, cut: bool) {
    let Some(frag) = selected_fragment(editor) else {
        return;
    };
    let text = to_text(&frag);
    clip.last.set_value(Some((frag, 0)));
    if let Some(w) = web_sys::window() {
        // Best effort: the page keeps its own copy when the browser refuses.
        let _ = w.navigator().clipboard().write_text(&text);
    }
    if cut {
        editor.delete_selection();
    }
}

fn paste_fragment(editor: Editor, frag: Fragment, times: u32) {
    let step = PASTE_STEP * f64::from(times.max(1));
    if let Some(change) = editor.dispatch(&Command::Paste {
        fragment: frag,
        offset: Point { x: step, y: step },
    }) {
        editor.selection.set(Selection {
            components: change.added_components().into_iter().collect(),
            ..Selection::default()
        });
    }
}

/// Pastes from the system clipboard if it holds a fragment, else the page's copy.
pub fn paste(editor: Editor, clip: ClipCtx) {
    let local = move || {
        let next = clip.last.try_update_value(|l| {
            l.as_mut().map(|(f, n)| {
                *n += 1;
                (f.clone(), *n)
            })
        });
        match next.flatten() {
            Some((f, n)) => paste_fragment(editor, f, n),
            None => editor.notify("Nothing to paste: copy components first.", Tone::Info),
        }
    };
    let Some(w) = web_sys::window() else {
        return local();
    };
    let promise = w.navigator().clipboard().read_text();
    leptos::task::spawn_local(async move {
        let text = wasm_bindgen_futures::JsFuture::from(promise)
            .await
            .ok()
            .and_then(|v| v.as_string());
        match text.as_deref().and_then(from_text) {
            // A fragment from another tab (or this one): paste it.
            Some(f)
                if clip
                    .last
                    .with_value(|l| l.as_ref().is_none_or(|(mine, _)| *mine != f)) =>
            {
                clip.last.set_value(Some((f.clone(), 1)));
                paste_fragment(editor, f, 1);
            }
            _ => local(),
        }
    });
}

/// Duplicates the selection next to itself.
pub fn duplicate(editor: Editor) {
    if let Some(frag) = selected_fragment(editor) {
        paste_fragment(editor, frag, 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_our_payloads_paste() {
        let f = Fragment::default();
        assert_eq!(from_text(&to_text(&f)), Some(f));
        assert_eq!(from_text("hello"), None);
        assert_eq!(
            from_text(r#"{"kind":"other","version":1,"fragment":{}}"#),
            None
        );
    }
}
