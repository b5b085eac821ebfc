//! The page's state: the document (design + scenario) and the session around
//! it (selection, viewport, messages). One `Copy` handle, provided as context.
//!
//! Every change to the document is a core [`Command`] applied through core's
//! [`History`], so undo and redo are exact and the page never mutates the
//! design on its own.

use std::sync::Arc;

use leptos::prelude::*;
use skydraft_core::catalog::{self, Placement};
use skydraft_core::challenge::{self, Challenge};
use skydraft_core::design::{ComponentId, Design, GroupKind, ParamValue, Point, Rect};
use skydraft_core::edit::{
    self, Command, Doc, EditError, History, Named, ParamOwner, ScenarioCommand,
};
use skydraft_core::scenario::Scenario;

use crate::geom::{self, Viewport};

/// What is selected on the canvas: core's selection, kept as session state
/// (never in the document or history).
pub use skydraft_core::edit::Selection;

/// How a message looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Neutral information ("Link copied").
    Info,
    /// Something was refused or failed.
    Error,
}

/// A button in a message ("Undo", "Open the original").
///
/// Its action is a plain shared closure rather than a reactive `Callback`:
/// the component that made the message (a list row) may be gone by the time
/// the button is pressed, and its reactive values with it.
#[derive(Clone)]
pub struct ToastAction {
    /// The button's text.
    pub label: &'static str,
    /// What pressing it does (the message closes first).
    pub run: std::sync::Arc<dyn Fn() + Send + Sync>,
}

impl std::fmt::Debug for ToastAction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ToastAction")
            .field("label", &self.label)
            .finish_non_exhaustive()
    }
}

/// A short message shown over the canvas.
#[derive(Debug, Clone)]
pub struct Toast {
    /// The message, plain text.
    pub text: String,
    /// Its look.
    pub tone: Tone,
    /// Increments with each message so a repeat still restarts its timer.
    pub serial: u64,
    /// An optional button.
    pub action: Option<ToastAction>,
}

/// A sentence from an error's words: capital first letter, final full stop.
#[must_use]
pub fn sentence(words: &str) -> String {
    let mut chars = words.trim().chars();
    let mut out: String = chars
        .next()
        .map(|c| c.to_ascii_uppercase().to_string())
        .unwrap_or_default();
    out.push_str(chars.as_str());
    if !out.ends_with(['.', '!', '?']) {
        out.push('.');
    }
    out
}

/// The page's state handle, provided as context.
#[derive(Clone, Copy)]
pub struct Editor {
    /// The document being drawn.
    pub design: RwSignal<Design>,
    /// The scenario it runs against.
    pub scenario: RwSignal<Scenario>,
    /// What is selected.
    pub selection: RwSignal<Selection>,
    /// Pan and zoom of the canvas.
    pub viewport: RwSignal<Viewport>,
    /// The smallest zoom Fit picks: [`geom::READABLE_ZOOM`] in the editor;
    /// an embed (`&embed`) lowers it to [`geom::MIN_ZOOM`], so its small
    /// frame shows the whole design rather than a readable corner of it.
    pub fit_least: RwSignal<f64>,
    /// The current message, if any.
    pub toast: RwSignal<Option<Toast>>,
    /// Whether moves snap to the grid.
    pub snap: RwSignal<bool>,
    /// Opened from a view-only link: the design can be looked at, not edited.
    pub read_only: RwSignal<bool>,
    /// Why the design is read-only when it is not a view-only link (a live
    /// class's locked board): the message an edit gets.
    pub read_only_why: RwSignal<Option<&'static str>>,
    /// The challenge being attempted: its locked parts refuse edits
    /// (`challenge::check_edit`) and its scenario replaces the user's.
    pub challenge: RwSignal<Option<Arc<Challenge>>>,
    history: StoredValue<History>,
    /// Bumped whenever the history changes, so undo/redo buttons can track it.
    history_rev: RwSignal<u64>,
}

impl Editor {
    /// A new editor over a design and scenario.
    #[must_use]
    pub fn new(design: Design, scenario: Scenario) -> Self {
        Editor {
            design: RwSignal::new(design),
            scenario: RwSignal::new(scenario),
            selection: RwSignal::new(Selection::default()),
            viewport: RwSignal::new(Viewport::default()),
            fit_least: RwSignal::new(geom::READABLE_ZOOM),
            toast: RwSignal::new(None),
            snap: RwSignal::new(true),
            read_only: RwSignal::new(false),
            read_only_why: RwSignal::new(None),
            challenge: RwSignal::new(None),
            history: StoredValue::new(History::new()),
            history_rev: RwSignal::new(0),
        }
    }

    /// The editor provided by [`crate::App`].
    ///
    /// # Panics
    /// Outside the app's component tree (a programming error, not user input).
    #[must_use]
    pub fn get() -> Self {
        expect_context::<Editor>()
    }

    /// Shows a message.
    pub fn notify(&self, text: impl Into<String>, tone: Tone) {
        self.show_toast(text.into(), tone, None);
    }

    /// Shows a message with a button that runs `run`.
    pub fn notify_with(
        &self,
        text: impl Into<String>,
        tone: Tone,
        label: &'static str,
        run: impl Fn() + Send + Sync + 'static,
    ) {
        let action = ToastAction {
            label,
            run: std::sync::Arc::new(run),
        };
        self.show_toast(text.into(), tone, Some(action));
    }

    fn show_toast(&self, text: String, tone: Tone, action: Option<ToastAction>) {
        let serial = self
            .toast
            .with_untracked(|t| t.as_ref().map_or(0, |t| t.serial + 1));
        self.toast.set(Some(Toast {
            text,
            tone,
            serial,
            action,
        }));
    }

    /// Whether the attempted challenge locks component `id`; reactive.
    #[must_use]
    pub fn locks(&self, id: ComponentId) -> bool {
        self.challenge
            .with(|c| c.as_ref().is_some_and(|c| challenge::is_locked(c, id)))
    }

    /// Whether the attempted challenge locks the link from `from` to `to`
    /// (both its ends locked); reactive.
    #[must_use]
    pub fn locks_link(&self, from: ComponentId, to: ComponentId) -> bool {
        self.challenge.with(|c| {
            c.as_ref()
                .is_some_and(|c| challenge::locks_link(c, from, to))
        })
    }

    /// Whether the attempted challenge fixes the traffic; reactive.
    #[must_use]
    pub fn traffic_fixed(&self) -> bool {
        self.challenge
            .with(|c| c.as_ref().is_some_and(|c| c.locked.traffic))
    }

    /// Replaces the whole document (a template or a link); clears history.
    pub fn load(&self, design: Design, scenario: Scenario) {
        self.selection.set(Selection::default());
        self.design.set(design);
        self.scenario.set(scenario);
        self.history.update_value(History::clear);
        self.history_rev.update(|r| *r += 1);
    }

    /// Applies a command as one undo step (typing into the same field merges).
    fn try_dispatch(&self, cmd: &Command) -> Result<edit::Change, String> {
        let mut draft = self.design.get_untracked();
        let change = edit::apply(&mut draft, cmd).map_err(|e: EditError| e.to_string())?;
        if let Some(c) = self.challenge.get_untracked() {
            self.design
                .with_untracked(|before| challenge::check_edit(&c, before, &draft))
                .map_err(|e| e.to_string())?;
        }
        self.design.set(draft);
        let out = change.clone();
        self.history.update_value(|h| h.record(change));
        self.history_rev.update(|r| *r += 1);
        Ok(out)
    }

    /// Whether edits are refused (a view-only link), saying so when they are.
    fn refuse_read_only(&self) -> bool {
        let ro = self.read_only.get_untracked();
        if ro {
            let why = self
                .read_only_why
                .get_untracked()
                .unwrap_or("This is a view-only link. Choose \"Edit a copy\" to change it.");
            self.notify(why, Tone::Info);
        }
        ro
    }

    /// Applies a scenario command as one undo step in the same history as
    /// design edits; a refusal is shown as a message. Returns whether it applied.
    pub fn dispatch_scenario(&self, cmd: &ScenarioCommand) -> bool {
        if self.refuse_read_only() {
            return false;
        }
        if self.challenge.with_untracked(Option::is_some) {
            self.notify(
                "The challenge sets the scenario; every attempt runs against it.",
                Tone::Info,
            );
            return false;
        }
        let mut draft = self.scenario.get_untracked();
        match edit::apply_scenario(&mut draft, cmd) {
            Ok(change) => {
                if change.touches_scenario() {
                    self.scenario.set(draft);
                }
                self.history.update_value(|h| h.record(change));
                self.history_rev.update(|r| *r += 1);
                true
            }
            Err(e) => {
                self.notify(sentence(&e.to_string()), Tone::Error);
                false
            }
        }
    }

    /// Applies a command; a refusal is shown as a message.
    pub fn dispatch(&self, cmd: &Command) -> Option<edit::Change> {
        if self.refuse_read_only() {
            return None;
        }
        match self.try_dispatch(cmd) {
            Ok(c) => Some(c),
            Err(e) => {
                self.notify(sentence(&e), Tone::Error);
                None
            }
        }
    }

    /// Ends a run of merged edits (leaving a field), so the next edit is a new step.
    pub fn seal(&self) {
        self.history.update_value(History::seal);
    }

    /// Places a catalog kind centred at `at` (snapped when snapping is on):
    /// components, frames and notes all come from the palette.
    pub fn place(&self, kind_id: &str, at: Point) {
        let Some(spec) = catalog::kind(kind_id) else {
            self.notify(
                format!("Unknown component kind \"{kind_id}\"."),
                Tone::Error,
            );
            return;
        };
        let at = if self.snap.get_untracked() {
            geom::snap_point(at)
        } else {
            at
        };
        let cmd = match spec.placement {
            Placement::Node => Command::AddComponent {
                kind: spec.id.to_owned(),
                pos: at,
                label: None,
            },
            Placement::Frame(kind) => Command::Group {
                kind,
                label: match kind {
                    GroupKind::Region => "us-east-1",
                    GroupKind::AvailabilityZone => "us-east-1a",
                    GroupKind::Vpc => "VPC",
                }
                .to_owned(),
                rect: Rect {
                    x: at.x - 240.0,
                    y: at.y - 160.0,
                    w: 480.0,
                    h: 320.0,
                },
            },
            Placement::Note(kind) => Command::Annotate {
                kind,
                text: "New note".to_owned(),
                pos: at,
            },
        };
        self.seal();
        if let Some(id) = self
            .dispatch(&cmd)
            .and_then(|c| c.added_components().first().copied())
        {
            self.selection.set(Selection::one(id));
        }
    }

    /// Moves what is selected by `delta` as one undo step.
    pub fn move_selection(&self, sel: &Selection, delta: Point) {
        if sel.is_empty() || (delta.x == 0.0 && delta.y == 0.0) {
            return;
        }
        self.seal();
        self.dispatch(&Command::Move {
            selection: sel.clone(),
            delta,
        });
    }

    /// Connects `from` to `to` if the catalog allows it; otherwise shows why not.
    pub fn connect(&self, from: ComponentId, to: ComponentId) -> bool {
        self.seal();
        match self.dispatch(&Command::Connect { from, to }) {
            Some(change) => {
                if let Some(id) = change.added_links().first() {
                    self.selection.set(Selection::link(*id));
                }
                true
            }
            None => false,
        }
    }

    /// Deletes the selection (components take their links along).
    pub fn delete_selection(&self) {
        let sel = self.selection.get_untracked();
        if sel.is_empty() {
            return;
        }
        self.seal();
        if self.dispatch(&Command::Remove(sel)).is_some() {
            self.selection.set(Selection::default());
        }
    }

    /// Renames a component, frame, note or the design.
    pub fn rename(&self, target: Named, text: String) {
        self.dispatch(&Command::Rename { target, text });
    }

    /// Sets a component's or link's parameter; a value equal to the default resets it.
    pub fn set_param(&self, owner: ParamOwner, param: &str, value: ParamValue) {
        self.dispatch(&Command::SetParam {
            owner,
            param: param.to_owned(),
            value: Some(value),
        });
    }

    /// Selects every component, frame and note.
    pub fn select_all(&self) {
        let sel = self.design.with_untracked(Selection::all);
        self.selection.set(sel);
    }

    /// Whether there is something to undo (tracked).
    #[must_use]
    pub fn can_undo(&self) -> bool {
        self.history_rev.track();
        self.history.with_value(History::can_undo)
    }

    /// Whether there is something to redo (tracked).
    #[must_use]
    pub fn can_redo(&self) -> bool {
        self.history_rev.track();
        self.history.with_value(History::can_redo)
    }

    /// Undoes the last step.
    pub fn undo(&self) {
        self.step(true);
    }

    /// Redoes the last undone step.
    pub fn redo(&self) {
        self.step(false);
    }

    fn step(&self, back: bool) {
        if self.read_only.get_untracked() {
            return;
        }
        let mut doc = Doc {
            design: self.design.get_untracked(),
            scenario: self.scenario.get_untracked(),
        };
        let touched = self
            .history
            .try_update_value(|h| {
                let change = if back {
                    h.undo(&mut doc)
                } else {
                    h.redo(&mut doc)
                };
                change.map(|c| (c.touches_design(), c.touches_scenario()))
            })
            .flatten();
        let Some((design, scenario)) = touched else {
            return;
        };
        if design {
            self.selection.update(|s| s.retain_existing(&doc.design));
            self.design.set(doc.design);
        }
        if scenario {
            self.scenario.set(doc.scenario);
        }
        self.history_rev.update(|r| *r += 1);
    }

    /// The name of the step undo (`back`) or redo would take ("Change traffic"), tracked.
    #[must_use]
    pub fn step_label(&self, back: bool) -> Option<&'static str> {
        self.history_rev.track();
        self.history
            .with_value(|h| if back { h.undo_label() } else { h.redo_label() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_read_as_sentences() {
        assert_eq!(
            sentence("a component cannot be linked to itself"),
            "A component cannot be linked to itself."
        );
        assert_eq!(sentence("Done."), "Done.");
        assert_eq!(sentence(""), ".");
    }
}
