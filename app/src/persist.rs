//! Keeping the document outside the page: the URL fragment (`#d=<share code>`)
//! and the autosave in local storage.
//!
//! On start the fragment wins; without one the default template opens. A link
//! that does not decode shows why and falls back to the autosave, so a bad link
//! never loses work. Every change is autosaved at once and written to the
//! fragment after a short pause (with `history.replaceState`, so the back
//! button is not flooded).

use gloo::timers::callback::Timeout;
use leptos::prelude::*;
use skydraft_core::design::Design;
use skydraft_core::scenario::Scenario;
use skydraft_core::{share, template};

use crate::state::{Editor, Tone};

/// Local-storage key of the autosaved share code.
pub const AUTOSAVE_KEY: &str = "skydraft.autosave";
/// Delay between the last change and the fragment update, in ms.
const HASH_DEBOUNCE_MS: u32 = 300;

/// Where the opening document came from, and anything the user should know.
pub struct Opening {
    /// The design to open.
    pub design: Design,
    /// Its scenario.
    pub scenario: Scenario,
    /// A message to show once the page is up (bad link, repairs).
    pub message: Option<(String, Tone)>,
    /// Opened from a view-only link.
    pub read_only: bool,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn read_autosave() -> Option<(Design, Scenario)> {
    let code = storage()?.get_item(AUTOSAVE_KEY).ok().flatten()?;
    share::decode(&code).ok()
}

fn default_template() -> (Design, Scenario) {
    template::get(template::DEFAULT_ID)
        .or_else(|| template::all().into_iter().next())
        .map_or_else(
            || (Design::default(), Scenario::default()),
            |t| (t.design, t.scenario),
        )
}

/// The share code in the current fragment (`#d=…`, with `&view` for a
/// view-only link), and whether it is view-only.
fn hash_code() -> Option<(String, bool)> {
    let hash = web_sys::window()?.location().hash().ok()?;
    parse_hash(&hash)
}

/// Splits a fragment into its share code and whether it is view-only.
/// The layout (`d=<code>` among `&`-separated parts) is the one core's
/// `share::code_from_link` reads.
#[must_use]
pub fn parse_hash(hash: &str) -> Option<(String, bool)> {
    let parts = hash.strip_prefix('#')?.split('&');
    let mut code = None;
    let mut view = false;
    for part in parts {
        if let Some(c) = part.strip_prefix("d=") {
            code = Some(c.to_owned());
        } else if part == "view" {
            view = true;
        }
    }
    code.map(|c| (c, view))
}

/// The fragment for a share code.
#[must_use]
pub fn fragment(code: &str, view_only: bool) -> String {
    if view_only {
        format!("#d={code}&view")
    } else {
        format!("#d={code}")
    }
}

/// What the page opens with: the fragment's design, else the default template.
#[must_use]
pub fn opening() -> Opening {
    let Some((code, read_only)) = hash_code() else {
        let (design, scenario) = default_template();
        return Opening {
            design,
            scenario,
            message: None,
            read_only: false,
        };
    };
    match share::decode_with_repairs(&code) {
        Ok(dec) => {
            let message = (!dec.repairs.is_empty()).then(|| {
                (
                    format!(
                        "The link was opened with {} repair(s): {}",
                        dec.repairs.len(),
                        dec.repairs
                            .iter()
                            .map(ToString::to_string)
                            .collect::<Vec<_>>()
                            .join("; ")
                    ),
                    Tone::Info,
                )
            });
            Opening {
                design: dec.design,
                scenario: dec.scenario,
                message,
                read_only,
            }
        }
        Err(e) => {
            let (design, scenario, fallback) = match read_autosave() {
                Some((d, s)) => (d, s, "your autosaved design is open instead"),
                None => {
                    let (d, s) = default_template();
                    (d, s, "the starter template is open instead")
                }
            };
            let text = format!("This link could not be opened: {e}. Nothing was lost: {fallback}.");
            Opening {
                design,
                scenario,
                message: Some((text, Tone::Error)),
                read_only: false,
            }
        }
    }
}

/// The page URL for a share code; `view_only` links open without editing.
#[must_use]
pub fn link_for(code: &str, view_only: bool) -> String {
    let base = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .map(|h| h.split('#').next().unwrap_or_default().to_owned())
        .unwrap_or_default();
    format!("{base}{}", fragment(code, view_only))
}

fn write_hash(code: &str, view_only: bool) {
    let Some(w) = web_sys::window() else { return };
    if let Ok(h) = w.history() {
        let _ = h.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&fragment(code, view_only)),
        );
    }
}

/// Autosaves every change and mirrors it into the fragment (debounced).
/// Also opens a new link pasted into the address bar of this tab.
pub fn keep_in_sync(editor: Editor) {
    let pending = StoredValue::new_local(None::<Timeout>);
    let last_written = StoredValue::new_local(String::new());
    Effect::new(move |_| {
        let code = editor
            .design
            .with(|d| editor.scenario.with(|s| share::encode(d, s)));
        let view_only = editor.read_only.get();
        // A view-only link never replaces the visitor's own autosaved work.
        if let (false, Some(st)) = (view_only, storage()) {
            let _ = st.set_item(AUTOSAVE_KEY, &code);
        }
        last_written.set_value(code.clone());
        // Dropping the previous timeout cancels it.
        pending.set_value(Some(Timeout::new(HASH_DEBOUNCE_MS, move || {
            write_hash(&code, view_only);
        })));
    });
    let listener =
        gloo::events::EventListener::new(&gloo::utils::window(), "hashchange", move |_| {
            let Some((code, view_only)) = hash_code() else {
                return;
            };
            if last_written.with_value(|w| *w == code)
                && editor.read_only.get_untracked() == view_only
            {
                return;
            }
            match share::decode(&code) {
                Ok((d, s)) => {
                    editor.read_only.set(view_only);
                    editor.load(d, s);
                    editor.notify("Opened the design from the link.", Tone::Info);
                }
                Err(e) => editor.notify(
                    format!("This link could not be opened: {e}. Your design is unchanged."),
                    Tone::Error,
                ),
            }
        });
    listener.forget();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fragments_name_their_mode() {
        assert_eq!(parse_hash("#d=1.abc"), Some(("1.abc".to_owned(), false)));
        assert_eq!(
            parse_hash("#d=1.abc&view"),
            Some(("1.abc".to_owned(), true))
        );
        assert_eq!(
            parse_hash(&fragment("1.x", true)),
            Some(("1.x".to_owned(), true))
        );
        assert_eq!(parse_hash("#x=1"), None);
        assert_eq!(parse_hash(""), None);
        // Core reads the same layout.
        assert_eq!(
            skydraft_core::share::code_from_link(&fragment("1.x", true)),
            "1.x"
        );
    }
}
