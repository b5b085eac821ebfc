//! The Fullscreen API, where the browser allows it; presentation mode falls
//! back to the full-window layout its styles give when it does not.

use gloo::events::EventListener;
use leptos::prelude::*;

use super::Present;

/// Asks the browser to enter (or leave) full screen; a refusal is fine.
pub(super) fn full_screen(on: bool) {
    let doc = gloo::utils::document();
    if on {
        if let Some(el) = doc.document_element() {
            // The promise rejects without a user gesture or where full screen
            // is not allowed (an iframe); the full-window layout stays.
            call_quietly(&el, "requestFullscreen");
        }
    } else if doc.fullscreen_element().is_some() {
        call_quietly(&doc, "exitFullscreen");
    }
}

/// Calls a method that returns a promise, and ignores its rejection.
fn call_quietly(target: &wasm_bindgen::JsValue, method: &str) {
    use wasm_bindgen::JsCast;
    let Some(f) = js_sys::Reflect::get(target, &method.into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    else {
        return;
    };
    if let Ok(p) = f
        .call0(target)
        .and_then(|p| p.dyn_into::<js_sys::Promise>())
    {
        let ignore =
            wasm_bindgen::closure::Closure::<dyn FnMut(wasm_bindgen::JsValue)>::new(|_| {});
        let _ = p.catch(&ignore);
        // Kept for the promise's life: a few bytes per entry or exit.
        ignore.forget();
    }
}

/// Leaves presentation mode when the browser leaves full screen (its own
/// Escape never reaches the page).
pub(super) fn leave_on_exit(present: Present, editor: crate::state::Editor) {
    let doc = gloo::utils::document();
    let listener = EventListener::new(&doc, "fullscreenchange", move |_| {
        let doc = gloo::utils::document();
        if doc.fullscreen_element().is_none() && present.on.get_untracked() {
            present.on.set(false);
            crate::canvas::zoom_to_fit(editor);
        }
    });
    // One listener for the page's life: later calls replace nothing, so
    // keep only the first.
    thread_local! {
        static HELD: std::cell::RefCell<Option<EventListener>> = const { std::cell::RefCell::new(None) };
    }
    HELD.with(|h| {
        if h.borrow().is_none() {
            *h.borrow_mut() = Some(listener);
        }
    });
}
