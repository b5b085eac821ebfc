//! The splitter between the canvas and the run drawer: drag it (or focus it
//! and press the arrow keys) to share the height between the diagram and the
//! results. The height is remembered in local storage, so the next visit
//! opens the drawer as the user left it; a double click gives back the default.
//! On a small screen the drawer is a bottom sheet and the splitter is hidden.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Local-storage key of the drawer body's height, in CSS pixels.
pub const STORAGE_KEY: &str = "skydraft.drawer.height";
/// The drawer body is never shorter than this, in CSS pixels: a chart and its
/// tabs still show.
pub const MIN_BODY: f64 = 120.0;
/// The canvas keeps at least this much height, in CSS pixels.
pub const MIN_CANVAS: f64 = 160.0;
/// The body's default share of the window's height (`.run-body` in run.css).
const DEFAULT_SHARE: f64 = 0.48;
/// How far one arrow key press moves the splitter, in CSS pixels.
pub const KEY_STEP: f64 = 24.0;

/// The body height a drag or key asks for, kept between [`MIN_BODY`] and what
/// leaves the canvas [`MIN_CANVAS`]; `room` is the height the canvas and the
/// body share. When there is not room for both minimums the body gets its own.
#[must_use]
pub fn clamp_body(wanted: f64, room: f64) -> f64 {
    let most = (room - MIN_CANVAS).max(MIN_BODY);
    if wanted.is_finite() {
        wanted.clamp(MIN_BODY, most)
    } else {
        MIN_BODY
    }
}

/// The body height a key asks for from height `h`: up and down by
/// [`KEY_STEP`], Home for the smallest, End for the largest (clamped later);
/// `None` for any other key.
#[must_use]
pub fn key_target(key: &str, h: f64) -> Option<f64> {
    match key {
        "ArrowUp" => Some(h + KEY_STEP),
        "ArrowDown" => Some(h - KEY_STEP),
        "Home" => Some(MIN_BODY),
        "End" => Some(f64::MAX),
        _ => None,
    }
}

/// A stored height read back: a positive, finite number of pixels, or `None`
/// (nothing stored, or something a person or another version wrote).
#[must_use]
pub fn parse_stored(text: &str) -> Option<f64> {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|h| h.is_finite() && *h >= MIN_BODY && *h <= 10_000.0)
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The remembered body height, if any.
#[must_use]
pub fn load() -> Option<f64> {
    storage()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .and_then(|t| parse_stored(&t))
}

/// Remembers the body height, or forgets it (`None`, back to the default).
/// A browser that refuses storage just forgets.
fn save(height: Option<f64>) {
    if let Some(s) = storage() {
        let _ = match height {
            Some(h) => s.set_item(STORAGE_KEY, &format!("{h:.0}")),
            None => s.remove_item(STORAGE_KEY),
        };
    }
}

/// The height the canvas and the drawer body share: the stage's height less
/// everything in it that is neither (the status line, the drawer's header).
fn shared_room(body: &web_sys::Element) -> f64 {
    let Some(stage) = body.closest(".stage").ok().flatten() else {
        return f64::INFINITY;
    };
    let canvas = stage
        .query_selector(".canvas-wrap")
        .ok()
        .flatten()
        .map_or(0.0, |c| c.get_bounding_client_rect().height());
    canvas + body.get_bounding_client_rect().height()
}

/// The body's height from the stylesheet (48 % of the window's height).
fn default_body() -> f64 {
    web_sys::window()
        .and_then(|w| w.inner_height().ok())
        .and_then(|h| h.as_f64())
        .map_or(MIN_BODY, |h| h * DEFAULT_SHARE)
}

/// The drawer body's element, next to the splitter.
fn body_of(splitter: &web_sys::EventTarget) -> Option<web_sys::Element> {
    splitter
        .dyn_ref::<web_sys::Element>()?
        .closest(".run-panel")
        .ok()
        .flatten()?
        .query_selector(".run-body")
        .ok()
        .flatten()
}

/// A drag in progress: where the pointer went down and the body's height then.
#[derive(Debug, Clone, Copy)]
struct Drag {
    pointer: i32,
    start_y: f64,
    start_h: f64,
}

/// The splitter bar. `height` holds the body's height (`None`: the default
/// from the stylesheet); the drawer applies it.
#[component]
pub fn Splitter(height: RwSignal<Option<f64>>) -> impl IntoView {
    let drag = StoredValue::new(None::<Drag>);
    let set_to = move |target: &web_sys::EventTarget, wanted: f64| {
        if let Some(body) = body_of(target) {
            height.set(Some(clamp_body(wanted, shared_room(&body))));
        }
    };
    let current = move |target: &web_sys::EventTarget| {
        body_of(target).map_or(MIN_BODY, |b| b.get_bounding_client_rect().height())
    };
    let on_down = move |ev: web_sys::PointerEvent| {
        if ev.button() != 0 {
            return;
        }
        let Some(target) = ev.current_target() else {
            return;
        };
        if let Some(el) = target.dyn_ref::<web_sys::Element>() {
            let _ = el.set_pointer_capture(ev.pointer_id());
        }
        ev.prevent_default();
        drag.set_value(Some(Drag {
            pointer: ev.pointer_id(),
            start_y: f64::from(ev.client_y()),
            start_h: current(&target),
        }));
    };
    let on_move = move |ev: web_sys::PointerEvent| {
        let Some(d) = drag.get_value().filter(|d| d.pointer == ev.pointer_id()) else {
            return;
        };
        if let Some(target) = ev.current_target() {
            set_to(&target, d.start_h + d.start_y - f64::from(ev.client_y()));
        }
    };
    let on_up = move |ev: web_sys::PointerEvent| {
        if drag
            .get_value()
            .is_some_and(|d| d.pointer == ev.pointer_id())
        {
            drag.set_value(None);
            save(height.get_untracked());
        }
    };
    let on_key = move |ev: web_sys::KeyboardEvent| {
        let Some(target) = ev.current_target() else {
            return;
        };
        if let Some(wanted) = key_target(&ev.key(), current(&target)) {
            ev.prevent_default();
            set_to(&target, wanted);
            save(height.get_untracked());
        }
    };
    view! {
        <div
            class="splitter"
            role="separator"
            aria-orientation="horizontal"
            aria-label="Resize the drawer: drag, or use the arrow keys"
            aria-valuemin=MIN_BODY
            aria-valuenow=move || format!("{:.0}", height.get().unwrap_or_else(default_body))
            tabindex="0"
            data-testid="splitter"
            title="Drag to resize; double-click for the default height"
            on:pointerdown=on_down
            on:pointermove=on_move
            on:pointerup=on_up
            on:pointercancel=on_up
            on:keydown=on_key
            on:dblclick=move |_| {
                height.set(None);
                save(None);
            }
        />
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_body_keeps_its_minimum_and_leaves_the_canvas_its_own() {
        assert_eq!(clamp_body(300.0, 800.0), 300.0);
        assert_eq!(clamp_body(10.0, 800.0), MIN_BODY);
        assert_eq!(clamp_body(790.0, 800.0), 800.0 - MIN_CANVAS);
        // Too little room for both: the body keeps its minimum.
        assert_eq!(clamp_body(200.0, 150.0), MIN_BODY);
        assert_eq!(clamp_body(f64::NAN, 800.0), MIN_BODY);
        assert_eq!(clamp_body(1e6, f64::INFINITY), 1e6);
    }

    #[test]
    fn keys_move_by_a_step_or_to_either_end() {
        assert_eq!(key_target("ArrowUp", 300.0), Some(300.0 + KEY_STEP));
        assert_eq!(key_target("ArrowDown", 300.0), Some(300.0 - KEY_STEP));
        assert_eq!(key_target("Home", 300.0), Some(MIN_BODY));
        assert_eq!(
            key_target("End", 300.0).map(|h| clamp_body(h, 800.0)),
            Some(800.0 - MIN_CANVAS)
        );
        assert_eq!(key_target("a", 300.0), None);
    }

    #[test]
    fn a_stored_height_reads_back_only_when_it_is_sensible() {
        assert_eq!(parse_stored("320"), Some(320.0));
        assert_eq!(parse_stored(" 240 "), Some(240.0));
        assert_eq!(parse_stored("12"), None);
        assert_eq!(parse_stored("NaN"), None);
        assert_eq!(parse_stored("1e9"), None);
        assert_eq!(parse_stored("<b>"), None);
        assert_eq!(parse_stored(""), None);
    }
}
