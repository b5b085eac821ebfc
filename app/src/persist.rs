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

/// The share code in the current fragment, if it has one (`#d=…`).
fn hash_code() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    hash.strip_prefix("#d=").map(str::to_owned)
}

/// What the page opens with: the fragment's design, else the default template.
#[must_use]
pub fn opening() -> Opening {
    let Some(code) = hash_code() else {
        let (design, scenario) = default_template();
        return Opening {
            design,
            scenario,
            message: None,
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
            }
        }
    }
}

/// The page URL for a share code.
#[must_use]
pub fn link_for(code: &str) -> String {
    let base = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .map(|h| h.split('#').next().unwrap_or_default().to_owned())
        .unwrap_or_default();
    format!("{base}#d={code}")
}

fn write_hash(code: &str) {
    let Some(w) = web_sys::window() else { return };
    if let Ok(h) = w.history() {
        let _ = h.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("#d={code}")),
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
        if let Some(st) = storage() {
            let _ = st.set_item(AUTOSAVE_KEY, &code);
        }
        last_written.set_value(code.clone());
        // Dropping the previous timeout cancels it.
        pending.set_value(Some(Timeout::new(HASH_DEBOUNCE_MS, move || {
            write_hash(&code)
        })));
    });
    let listener =
        gloo::events::EventListener::new(&gloo::utils::window(), "hashchange", move |_| {
            let Some(code) = hash_code() else { return };
            if last_written.with_value(|w| *w == code) {
                return;
            }
            match share::decode(&code) {
                Ok((d, s)) => {
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
