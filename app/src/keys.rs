//! Keyboard shortcuts, listened for on the window: a key press is looked up
//! in [`crate::actions`]'s table and run here. Keys typed into a field are
//! left to the field; Space held turns a drag into a pan.

use leptos::prelude::*;
use skydraft_core::design::Point;
use wasm_bindgen::JsCast;
use web_sys::KeyboardEvent;

use crate::actions::{self, ActionId};
use crate::clipboard::{self, ClipCtx};
use crate::geom::GRID;
use crate::present::Present;
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

/// Runs a keyboard action; `fast` (Shift held) makes a nudge four grid
/// steps. Returns whether the key was used (so the browser's own use of it
/// is prevented).
fn run(
    id: ActionId,
    editor: Editor,
    clip: ClipCtx,
    help_open: RwSignal<bool>,
    fast: bool,
    present: Present,
) -> bool {
    let step = if fast { GRID * 4.0 } else { GRID };
    let nudge = |delta: Point| {
        let sel = editor.selection.get_untracked();
        editor.move_selection(&sel, delta);
        !sel.is_empty()
    };
    match id {
        ActionId::Undo => editor.undo(),
        ActionId::Redo => editor.redo(),
        ActionId::Copy => clipboard::copy(editor, clip, false),
        ActionId::Cut => clipboard::copy(editor, clip, true),
        ActionId::Paste => clipboard::paste(editor, clip),
        ActionId::Duplicate => clipboard::duplicate(editor),
        ActionId::SelectAll => editor.select_all(),
        ActionId::Delete => editor.delete_selection(),
        ActionId::Escape => {
            editor.selection.set(Selection::default());
            help_open.set(false);
        }
        ActionId::ZoomIn => crate::canvas::zoom_by(editor, crate::canvas::ZOOM_STEP),
        ActionId::ZoomOut => crate::canvas::zoom_by(editor, 1.0 / crate::canvas::ZOOM_STEP),
        ActionId::ZoomFit => crate::canvas::zoom_to_fit(editor),
        ActionId::Help => help_open.update(|o| *o = !*o),
        ActionId::NudgeLeft => return nudge(Point { x: -step, y: 0.0 }),
        ActionId::NudgeRight => return nudge(Point { x: step, y: 0.0 }),
        ActionId::NudgeUp => return nudge(Point { x: 0.0, y: -step }),
        ActionId::NudgeDown => return nudge(Point { x: 0.0, y: step }),
        ActionId::Present => present.enter(editor, 0, true),
        ActionId::NextStep => {
            present.next(editor);
        }
        ActionId::PrevStep => {
            present.prev(editor);
        }
        ActionId::LeavePresentation => present.leave(editor),
    }
    true
}

/// Installs the shortcuts. `space_held` follows the Space key (drag to pan);
/// `help_open` toggles with `?`.
pub fn install(
    editor: Editor,
    clip: ClipCtx,
    space_held: WriteSignal<bool>,
    help_open: RwSignal<bool>,
) {
    let present = Present::get();
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
            let key = ev.key();
            if key == " " {
                space_held.set(true);
                ev.prevent_default();
                return;
            }
            let presenting = present.on.get_untracked();
            let command = ev.ctrl_key() || ev.meta_key();
            let Some(id) = actions::for_key(&key, command, ev.shift_key(), presenting) else {
                return;
            };
            let handled = run(id, editor, clip, help_open, ev.shift_key(), present);
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
