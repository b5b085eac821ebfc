//! Undo and redo over [`Change`]s.

use super::{Change, Command, Doc, EditError, ScenarioCommand, apply, apply_scenario};

/// Most undo steps kept by default.
pub const DEFAULT_LIMIT: usize = 200;

/// The undo and redo stacks of one editing session.
///
/// Only user edits belong here; selection, viewport and run results never do.
/// A drag is one step: either the app applies one `Move` with the total delta
/// when the pointer is released, or it applies a `Move` per pointer event and
/// records all but the first with [`History::record_continuing`]. Consecutive
/// edits of the same setting or label (typing) merge into one step until
/// [`History::seal`] is called or something else is edited.
#[derive(Debug, Clone, PartialEq)]
pub struct History {
    undo: Vec<Change>,
    redo: Vec<Change>,
    limit: usize,
    sealed: bool,
}

impl Default for History {
    fn default() -> Self {
        History::new()
    }
}

impl History {
    /// Empty history keeping [`DEFAULT_LIMIT`] steps.
    #[must_use]
    pub fn new() -> Self {
        History::with_limit(DEFAULT_LIMIT)
    }

    /// Empty history keeping at most `limit` steps (at least one).
    #[must_use]
    pub fn with_limit(limit: usize) -> Self {
        History {
            undo: Vec::new(),
            redo: Vec::new(),
            limit: limit.max(1),
            sealed: true,
        }
    }

    /// Applies `command` to the design of `doc` and records it.
    ///
    /// # Errors
    /// The [`EditError`] of [`apply`]; nothing is recorded and the design is unchanged.
    pub fn apply(&mut self, doc: &mut Doc, command: &Command) -> Result<(), EditError> {
        let change = apply(&mut doc.design, command)?;
        self.record(change);
        Ok(())
    }

    /// Applies `command` to the scenario of `doc` and records it.
    ///
    /// # Errors
    /// The [`EditError`] of [`apply_scenario`]; nothing is recorded and the
    /// scenario is unchanged.
    pub fn apply_scenario(
        &mut self,
        doc: &mut Doc,
        command: &ScenarioCommand,
    ) -> Result<(), EditError> {
        let change = apply_scenario(&mut doc.scenario, command)?;
        self.record(change);
        Ok(())
    }

    /// Records an applied change as a new step (or merges it into the last one
    /// when both edit the same field). Empty changes are ignored. Clears redo.
    pub fn record(&mut self, change: Change) {
        if change.is_empty() {
            return;
        }
        self.redo.clear();
        if let Some(last) = self.undo.last_mut() {
            let same = change.coalesce.is_some() && change.coalesce == last.coalesce;
            if same && !self.sealed {
                last.merge(change);
                return;
            }
        }
        self.sealed = false;
        self.undo.push(change);
        if self.undo.len() > self.limit {
            self.undo.remove(0);
        }
    }

    /// Adds an applied change to the last step: the rest of a gesture in progress.
    pub fn record_continuing(&mut self, change: Change) {
        if change.is_empty() {
            return;
        }
        self.redo.clear();
        match self.undo.last_mut() {
            Some(last) => last.merge(change),
            None => self.undo.push(change),
        }
    }

    /// Ends merging: the next edit starts a new step even if it edits the same field.
    pub fn seal(&mut self) {
        self.sealed = true;
    }

    /// Undoes the last step, design or scenario. Returns the step undone, if any.
    pub fn undo(&mut self, doc: &mut Doc) -> Option<&Change> {
        let change = self.undo.pop()?;
        change.undo(doc);
        self.redo.push(change);
        self.sealed = true;
        self.redo.last()
    }

    /// Redoes the last undone step. Returns the step redone, if any.
    pub fn redo(&mut self, doc: &mut Doc) -> Option<&Change> {
        let change = self.redo.pop()?;
        change.redo(doc);
        self.undo.push(change);
        self.sealed = true;
        self.undo.last()
    }

    /// Whether there is a step to undo.
    #[must_use]
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is a step to redo.
    #[must_use]
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Name of the step undo would revert ("Move").
    #[must_use]
    pub fn undo_label(&self) -> Option<&'static str> {
        self.undo.last().map(Change::label)
    }

    /// Name of the step redo would replay.
    #[must_use]
    pub fn redo_label(&self) -> Option<&'static str> {
        self.redo.last().map(Change::label)
    }

    /// Number of undo steps.
    #[must_use]
    pub fn len(&self) -> usize {
        self.undo.len()
    }

    /// Whether there is nothing to undo.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.undo.is_empty()
    }

    /// Forgets every step (e.g. after opening another design).
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
        self.sealed = true;
    }
}
