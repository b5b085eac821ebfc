//! Reversible changes: what an applied command did, record by record.

use super::scenario::ScenarioOp;
use crate::design::{Annotation, Component, ComponentId, Design, Group, Link, LinkId, Step};
use crate::scenario::Scenario;

/// What one editing session changes: the design and the scenario it runs
/// against. One [`super::History`] undoes edits of both, in order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Doc {
    /// The design.
    pub design: Design,
    /// The scenario.
    pub scenario: Scenario,
}

/// One record-level step. Indices make undo exact: a removed record comes back
/// at the position it had.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Diff<T> {
    Insert { index: usize, record: T },
    Remove { index: usize, record: T },
    Update { index: usize, before: T, after: T },
}

impl<T: Clone> Diff<T> {
    pub(crate) fn apply(&self, list: &mut Vec<T>, forward: bool) {
        let insert = |list: &mut Vec<T>, index: usize, record: &T| {
            let i = index.min(list.len());
            list.insert(i, record.clone());
        };
        let remove = |list: &mut Vec<T>, index: usize| {
            if index < list.len() {
                list.remove(index);
            }
        };
        match (self, forward) {
            (Diff::Insert { index, record }, true) | (Diff::Remove { index, record }, false) => {
                insert(list, *index, record);
            }
            (Diff::Remove { index, .. }, true) | (Diff::Insert { index, .. }, false) => {
                remove(list, *index);
            }
            (Diff::Update { index, after, .. }, true) => {
                if let Some(slot) = list.get_mut(*index) {
                    *slot = after.clone();
                }
            }
            (Diff::Update { index, before, .. }, false) => {
                if let Some(slot) = list.get_mut(*index) {
                    *slot = before.clone();
                }
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Op {
    Component(Diff<Component>),
    Link(Diff<Link>),
    Group(Diff<Group>),
    Annotation(Diff<Annotation>),
    Step(Diff<Step>),
    Name { before: String, after: String },
}

impl Op {
    pub(crate) fn apply(&self, d: &mut Design, forward: bool) {
        match self {
            Op::Component(diff) => diff.apply(&mut d.components, forward),
            Op::Link(diff) => diff.apply(&mut d.links, forward),
            Op::Group(diff) => diff.apply(&mut d.groups, forward),
            Op::Annotation(diff) => diff.apply(&mut d.annotations, forward),
            Op::Step(diff) => diff.apply(&mut d.steps, forward),
            Op::Name { before, after } => {
                d.name.clone_from(if forward { after } else { before });
            }
        }
    }
}

/// Whether two consecutive changes may merge into one undo step (typing in
/// one field, renaming one thing).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Coalesce {
    Param(super::ParamOwner, String),
    Rename(super::Named),
    /// Moving one timeline event (dragging its marker).
    EventAt(usize),
}

/// What one applied command did. [`Change::undo`] is its exact inverse and
/// [`Change::redo`] replays it; both expect the document to be as the change
/// left it (or found it), which [`super::History`] guarantees.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub(crate) ops: Vec<Op>,
    pub(crate) scenario_ops: Vec<ScenarioOp>,
    pub(crate) label: &'static str,
    pub(crate) coalesce: Option<Coalesce>,
}

impl Change {
    pub(crate) fn new(label: &'static str) -> Self {
        Change {
            ops: Vec::new(),
            scenario_ops: Vec::new(),
            label,
            coalesce: None,
        }
    }

    /// Whether the command changed nothing (history ignores such changes).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.ops.is_empty() && self.scenario_ops.is_empty()
    }

    /// Whether the change edits the design.
    #[must_use]
    pub fn touches_design(&self) -> bool {
        !self.ops.is_empty()
    }

    /// Whether the change edits the scenario.
    #[must_use]
    pub fn touches_scenario(&self) -> bool {
        !self.scenario_ops.is_empty()
    }

    /// A short name for menus ("Move").
    #[must_use]
    pub fn label(&self) -> &'static str {
        self.label
    }

    /// Restores the document to how it was before the change.
    pub fn undo(&self, doc: &mut Doc) {
        for op in self.scenario_ops.iter().rev() {
            op.apply(&mut doc.scenario, false);
        }
        self.undo_design(&mut doc.design);
    }

    /// Restores the design alone (a design command's change has nothing else).
    pub(crate) fn undo_design(&self, design: &mut Design) {
        for op in self.ops.iter().rev() {
            op.apply(design, false);
        }
    }

    /// Performs the change again after an undo.
    pub fn redo(&self, doc: &mut Doc) {
        for op in &self.ops {
            op.apply(&mut doc.design, true);
        }
        for op in &self.scenario_ops {
            op.apply(&mut doc.scenario, true);
        }
    }

    /// Appends `later` so both undo as one step. The design and the scenario
    /// are separate records, so a step holding edits of both undoes exactly.
    pub fn merge(&mut self, later: Change) {
        self.ops.extend(later.ops);
        self.scenario_ops.extend(later.scenario_ops);
    }

    /// Components the change created (added or pasted), e.g. to select them.
    #[must_use]
    pub fn added_components(&self) -> Vec<ComponentId> {
        self.ops
            .iter()
            .filter_map(|op| match op {
                Op::Component(Diff::Insert { record, .. }) => Some(record.id),
                _ => None,
            })
            .collect()
    }

    /// Links the change created.
    #[must_use]
    pub fn added_links(&self) -> Vec<LinkId> {
        self.ops
            .iter()
            .filter_map(|op| match op {
                Op::Link(Diff::Insert { record, .. }) => Some(record.id),
                _ => None,
            })
            .collect()
    }
}
