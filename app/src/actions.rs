//! Every keyboard action of the page as data: its id, label, the keys that
//! trigger it and how the shortcut list shows them. The key handler
//! ([`crate::keys`]), the shortcut list and the buttons' titles all read this
//! one table, so what is advertised is what is bound.
//!
//! Matching a key press to an action is plain Rust, tested natively; running
//! an action and whether it is enabled live in [`crate::keys`], next to the
//! editor they act on.

/// An action the keyboard can trigger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ActionId {
    /// Undo the last edit.
    Undo,
    /// Redo what was undone.
    Redo,
    /// Copy the selection (also between tabs).
    Copy,
    /// Cut the selection.
    Cut,
    /// Paste what was copied.
    Paste,
    /// Duplicate the selection.
    Duplicate,
    /// Select everything.
    SelectAll,
    /// Delete the selection.
    Delete,
    /// Clear the selection and close the shortcut list.
    Escape,
    /// Zoom in about the canvas centre.
    ZoomIn,
    /// Zoom out about the canvas centre.
    ZoomOut,
    /// Fit the design in view.
    ZoomFit,
    /// Move the selection one grid step left (Shift: four).
    NudgeLeft,
    /// Move the selection right.
    NudgeRight,
    /// Move the selection up.
    NudgeUp,
    /// Move the selection down.
    NudgeDown,
    /// Open or close the shortcut list.
    Help,
    /// Start presenting from the first step.
    Present,
    /// The next presentation step (a clicker's Page Down).
    NextStep,
    /// The presentation step before (a clicker's Page Up).
    PrevStep,
    /// Leave presentation mode.
    LeavePresentation,
}

/// When an action's keys are listened for: the arrows nudge while editing
/// and walk the steps while presenting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// While editing (or viewing) the design.
    Edit,
    /// While presenting.
    Present,
    /// Always.
    Any,
}

impl Mode {
    /// Whether an action of this mode listens while presenting (or not).
    #[must_use]
    pub fn listens(self, presenting: bool) -> bool {
        match self {
            Mode::Edit => !presenting,
            Mode::Present => presenting,
            Mode::Any => true,
        }
    }
}

/// One way to press an action: a key (as `KeyboardEvent.key` reports it,
/// compared without case) and whether Ctrl/Cmd and Shift must be held.
/// `shift: None` accepts either.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Chord {
    /// The key.
    pub key: &'static str,
    /// Ctrl (or Cmd on a Mac) held.
    pub command: bool,
    /// Shift held, not held, or either.
    pub shift: Option<bool>,
}

const fn key(key: &'static str) -> Chord {
    Chord {
        key,
        command: false,
        shift: None,
    }
}

const fn cmd(key: &'static str) -> Chord {
    Chord {
        key,
        command: true,
        shift: Some(false),
    }
}

const fn cmd_shift(key: &'static str) -> Chord {
    Chord {
        key,
        command: true,
        shift: Some(true),
    }
}

/// An action's row in the table.
#[derive(Debug, Clone, Copy)]
pub struct Action {
    /// Which action.
    pub id: ActionId,
    /// What it does, for the shortcut list and titles ("Undo").
    pub label: &'static str,
    /// The keys that trigger it.
    pub chords: &'static [Chord],
    /// How the shortcut list shows the keys; `None` when another row of the
    /// list already covers it (the four arrows share one row).
    pub shown: Option<&'static str>,
    /// When its keys are listened for.
    pub mode: Mode,
}

/// Every action, in the order the shortcut list shows them.
pub const ACTIONS: &[Action] = &[
    Action {
        id: ActionId::ZoomIn,
        label: "Zoom in",
        chords: &[key("+"), key("=")],
        shown: Some("+"),
        mode: Mode::Any,
    },
    Action {
        id: ActionId::ZoomOut,
        label: "Zoom out",
        chords: &[key("-"), key("_")],
        shown: Some("-"),
        mode: Mode::Any,
    },
    Action {
        id: ActionId::ZoomFit,
        label: "Zoom to fit",
        chords: &[Chord {
            key: "!",
            command: false,
            shift: Some(true),
        }],
        shown: Some("Shift+1"),
        mode: Mode::Any,
    },
    Action {
        id: ActionId::NudgeLeft,
        label: "Nudge the selection",
        chords: &[key("ArrowLeft")],
        shown: Some("Arrows (Shift: ×4)"),
        mode: Mode::Edit,
    },
    Action {
        id: ActionId::NudgeRight,
        label: "Nudge right",
        chords: &[key("ArrowRight")],
        shown: None,
        mode: Mode::Edit,
    },
    Action {
        id: ActionId::NudgeUp,
        label: "Nudge up",
        chords: &[key("ArrowUp")],
        shown: None,
        mode: Mode::Edit,
    },
    Action {
        id: ActionId::NudgeDown,
        label: "Nudge down",
        chords: &[key("ArrowDown")],
        shown: None,
        mode: Mode::Edit,
    },
    Action {
        id: ActionId::Delete,
        label: "Delete the selection",
        chords: &[key("Delete"), key("Backspace")],
        shown: Some("Delete / Backspace"),
        mode: Mode::Edit,
    },
    Action {
        id: ActionId::Copy,
        label: "Copy (also between tabs)",
        chords: &[cmd("c")],
        shown: Some("Ctrl/Cmd+C"),
        mode: Mode::Edit,
    },
    Action {
        id: ActionId::Cut,
        label: "Cut",
        chords: &[cmd("x")],
        shown: Some("Ctrl/Cmd+X"),
        mode: Mode::Edit,
    },
    Action {
        id: ActionId::Paste,
        label: "Paste",
        chords: &[cmd("v")],
        shown: Some("Ctrl/Cmd+V"),
        mode: Mode::Edit,
    },
    Action {
        id: ActionId::Duplicate,
        label: "Duplicate",
        chords: &[cmd("d")],
        shown: Some("Ctrl/Cmd+D"),
        mode: Mode::Edit,
    },
    Action {
        id: ActionId::SelectAll,
        label: "Select everything",
        chords: &[cmd("a")],
        shown: Some("Ctrl/Cmd+A"),
        mode: Mode::Edit,
    },
    Action {
        id: ActionId::Undo,
        label: "Undo",
        chords: &[cmd("z")],
        shown: Some("Ctrl/Cmd+Z"),
        mode: Mode::Edit,
    },
    Action {
        id: ActionId::Redo,
        label: "Redo",
        chords: &[cmd_shift("z"), cmd("y")],
        shown: Some("Ctrl/Cmd+Shift+Z, Ctrl+Y"),
        mode: Mode::Edit,
    },
    Action {
        id: ActionId::Escape,
        label: "Clear the selection",
        chords: &[key("Escape")],
        shown: Some("Escape"),
        mode: Mode::Edit,
    },
    Action {
        id: ActionId::Help,
        label: "Show or hide these shortcuts",
        chords: &[key("?")],
        shown: Some("?"),
        mode: Mode::Any,
    },
    Action {
        id: ActionId::Present,
        label: "Present (steps, full screen)",
        chords: &[key("F5")],
        shown: Some("F5"),
        mode: Mode::Edit,
    },
    Action {
        id: ActionId::NextStep,
        label: "Next step (presenting)",
        chords: &[key("PageDown"), key("ArrowRight"), key("ArrowDown")],
        shown: Some("Page Down, → ↓"),
        mode: Mode::Present,
    },
    Action {
        id: ActionId::PrevStep,
        label: "Previous step (presenting)",
        chords: &[key("PageUp"), key("ArrowLeft"), key("ArrowUp")],
        shown: Some("Page Up, ← ↑"),
        mode: Mode::Present,
    },
    Action {
        id: ActionId::LeavePresentation,
        label: "Leave the presentation",
        chords: &[key("Escape")],
        shown: Some("Escape (presenting)"),
        mode: Mode::Present,
    },
];

/// The table's row for an action.
#[must_use]
pub fn action(id: ActionId) -> Option<&'static Action> {
    ACTIONS.iter().find(|a| a.id == id)
}

/// A button's title: the label and the first way to press it, as the
/// shortcut list shows it ("Undo (Ctrl/Cmd+Z)").
#[must_use]
pub fn title(id: ActionId) -> String {
    match action(id) {
        Some(Action {
            label,
            shown: Some(keys),
            ..
        }) => format!("{label} ({keys})"),
        Some(a) => a.label.to_owned(),
        None => String::new(),
    }
}

/// The action a key press triggers: `key` as `KeyboardEvent.key` reports
/// it, `command` for Ctrl or Cmd held, `shift` for Shift held, `presenting`
/// while presentation mode is on.
#[must_use]
pub fn for_key(key: &str, command: bool, shift: bool, presenting: bool) -> Option<ActionId> {
    ACTIONS
        .iter()
        .filter(|a| a.mode.listens(presenting))
        .find(|a| {
            a.chords.iter().any(|c| {
                c.key.eq_ignore_ascii_case(key)
                    && c.command == command
                    && c.shift.is_none_or(|s| s == shift)
            })
        })
        .map(|a| a.id)
}

/// The rows of the shortcut list: keys as shown, and what they do.
pub fn shortcut_rows() -> impl Iterator<Item = (&'static str, &'static str)> {
    ACTIONS
        .iter()
        .filter_map(|a| a.shown.map(|keys| (keys, a.label)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_find_their_actions() {
        assert_eq!(for_key("z", true, false, false), Some(ActionId::Undo));
        assert_eq!(for_key("Z", true, true, false), Some(ActionId::Redo));
        assert_eq!(for_key("y", true, false, false), Some(ActionId::Redo));
        assert_eq!(for_key("+", false, true, false), Some(ActionId::ZoomIn));
        assert_eq!(for_key("=", false, false, false), Some(ActionId::ZoomIn));
        assert_eq!(for_key("-", false, false, false), Some(ActionId::ZoomOut));
        assert_eq!(for_key("!", false, true, false), Some(ActionId::ZoomFit));
        assert_eq!(
            for_key("ArrowLeft", false, true, false),
            Some(ActionId::NudgeLeft)
        );
        assert_eq!(
            for_key("Backspace", false, false, false),
            Some(ActionId::Delete)
        );
        // Plain letters are not shortcuts (they type into nothing); Ctrl+Shift+C is not copy.
        assert_eq!(for_key("z", false, false, false), None);
        assert_eq!(for_key("c", true, true, false), None);
        assert_eq!(for_key("Delete", true, false, false), None);
    }

    #[test]
    fn every_shown_shortcut_is_bound_and_every_chord_is_unique() {
        for a in ACTIONS {
            assert!(!a.chords.is_empty(), "{:?} has no keys", a.id);
            for c in a.chords {
                let shifts: &[bool] = match c.shift {
                    Some(s) => {
                        if s {
                            &[true]
                        } else {
                            &[false]
                        }
                    }
                    None => &[false, true],
                };
                for &shift in shifts {
                    assert_eq!(
                        for_key(c.key, c.command, shift, a.mode == Mode::Present),
                        Some(a.id),
                        "{c:?} reaches another action"
                    );
                }
            }
        }
        assert!(shortcut_rows().any(|(k, _)| k == "+"), "zoom in is listed");
        assert_eq!(title(ActionId::Undo), "Undo (Ctrl/Cmd+Z)");
        assert_eq!(title(ActionId::NudgeRight), "Nudge right");
        // While presenting the arrows and a clicker's keys walk the steps.
        assert_eq!(
            for_key("ArrowRight", false, false, true),
            Some(ActionId::NextStep)
        );
        assert_eq!(
            for_key("PageUp", false, false, true),
            Some(ActionId::PrevStep)
        );
        assert_eq!(
            for_key("Escape", false, false, true),
            Some(ActionId::LeavePresentation)
        );
        assert_eq!(
            for_key("Escape", false, false, false),
            Some(ActionId::Escape)
        );
        assert_eq!(for_key("Delete", false, false, true), None);
    }
}
