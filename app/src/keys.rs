//! Keyboard shortcuts, listened for on the window. Keys typed into a field
//! are left to the field.

use leptos::prelude::*;
use skydraft_core::design::Point;
use wasm_bindgen::JsCast;
use web_sys::KeyboardEvent;

use crate::clipboard::{self, ClipCtx};
use crate::geom::GRID;
use crate::state::{Editor, Selection};

/// Whether the event comes from a text field, select or editable element.
fn in_field(ev: &KeyboardEvent) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| {
            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || el.get_attribute("contenteditable").is_some()
        })
}

/// Installs the shortcuts. `space_held` follows the Space key (drag to pan);
/// `help_open` toggles with `?`.
pub fn install(
    editor: Editor,
    clip: ClipCtx,
    space_held: WriteSignal<bool>,
    help_open: RwSignal<bool>,
) {
    let window = gloo::utils::window();
    let down = gloo::events::EventListener::new_with_options(
        &window,
        "keydown",
        gloo::events::EventListenerOptions::enable_prevent_default(),
        move |ev| {
            let Some(ev) = ev.dyn_ref::<KeyboardEvent>() else {
                return;
            };
            if in_field(ev) {
                return;
            }
            let cmd = ev.ctrl_key() || ev.meta_key();
            let key = ev.key();
            let handled = match key.as_str() {
                " " => {
                    space_held.set(true);
                    true
                }
                "Delete" | "Backspace" => {
                    editor.delete_selection();
                    true
                }
                "Escape" => {
                    editor.selection.set(Selection::default());
                    help_open.set(false);
                    true
                }
                "z" | "Z" if cmd && ev.shift_key() => {
                    editor.redo();
                    true
                }
                "z" | "Z" if cmd => {
                    editor.undo();
                    true
                }
                "y" | "Y" if cmd => {
                    editor.redo();
                    true
                }
                "c" | "C" if cmd => {
                    clipboard::copy(editor, clip, false);
                    true
                }
                "x" | "X" if cmd => {
                    clipboard::copy(editor, clip, true);
                    true
                }
                "v" | "V" if cmd => {
                    clipboard::paste(editor, clip);
                    true
                }
                "d" | "D" if cmd => {
                    clipboard::duplicate(editor);
                    true
                }
                "a" | "A" if cmd => {
                    editor.select_all();
                    true
                }
                "?" => {
                    help_open.update(|o| *o = !*o);
                    true
                }
                "!" if ev.shift_key() => {
                    crate::canvas::zoom_to_fit(editor);
                    true
                }
                "ArrowLeft" | "ArrowRight" | "ArrowUp" | "ArrowDown" => {
                    let step = if ev.shift_key() { GRID * 4.0 } else { GRID };
                    let delta = match key.as_str() {
                        "ArrowLeft" => Point { x: -step, y: 0.0 },
                        "ArrowRight" => Point { x: step, y: 0.0 },
                        "ArrowUp" => Point { x: 0.0, y: -step },
                        _ => Point { x: 0.0, y: step },
                    };
                    let sel = editor.selection.get_untracked();
                    editor.move_selection(&sel, delta);
                    !sel.is_empty()
                }
                _ => false,
            };
            if handled {
                ev.prevent_default();
            }
        },
    );
    let up = gloo::events::EventListener::new(&window, "keyup", move |ev| {
        if ev
            .dyn_ref::<KeyboardEvent>()
            .is_some_and(|e| e.key() == " ")
        {
            space_held.set(false);
        }
    });
    down.forget();
    up.forget();
}
