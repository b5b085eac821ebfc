//! Performing commands: every edit goes through [`apply`].

mod fields;
mod frames;
mod ink;
mod moves;

use std::collections::BTreeSet;

use super::change::{Change, Coalesce, Diff, Op};
use super::{Command, EditError, Selection};
use crate::catalog;
use crate::design::{
    self, AnnotationId, Component, ComponentId, Design, GroupId, Link, LinkId, Params, Point,
};

/// Performs `command` on `design` and returns what changed.
///
/// All or nothing: on error the design is exactly as it was.
///
/// # Errors
/// An [`EditError`] saying why the command cannot be performed (unknown ids,
/// an illegal link with the catalog's reason, a value out of bounds...).
pub fn apply(design: &mut Design, command: &Command) -> Result<Change, EditError> {
    let mut tx = Tx {
        design,
        change: Change::new(command.label()),
    };
    match tx.run(command) {
        Ok(()) => {
            tx.change.coalesce = coalesce_key(command);
            Ok(tx.change)
        }
        Err(e) => {
            tx.change.undo_design(tx.design);
            Err(e)
        }
    }
}

fn coalesce_key(command: &Command) -> Option<Coalesce> {
    match command {
        Command::SetParam { owner, param, .. } => Some(Coalesce::Param(*owner, param.clone())),
        Command::Rename { target, .. } => Some(Coalesce::Rename(*target)),
        _ => None,
    }
}

/// A transaction: every step is applied at once and recorded, so a failure
/// part-way is rolled back by undoing what was recorded.
struct Tx<'a> {
    design: &'a mut Design,
    change: Change,
}

pub(super) fn finite(p: Point) -> Result<Point, EditError> {
    if p.x.is_finite() && p.y.is_finite() {
        Ok(Point {
            x: p.x.clamp(-design::MAX_COORD, design::MAX_COORD),
            y: p.y.clamp(-design::MAX_COORD, design::MAX_COORD),
        })
    } else {
        Err(EditError::BadGeometry)
    }
}

pub(super) fn check_len(text: &str, max: usize) -> Result<(), EditError> {
    if text.chars().count() > max {
        Err(EditError::TextTooLong { max })
    } else {
        Ok(())
    }
}

pub(super) fn add(p: Point, d: Point) -> Point {
    Point {
        x: (p.x + d.x).clamp(-design::MAX_COORD, design::MAX_COORD),
        y: (p.y + d.y).clamp(-design::MAX_COORD, design::MAX_COORD),
    }
}

impl Tx<'_> {
    pub(super) fn push(&mut self, op: Op) {
        op.apply(self.design, true);
        self.change.ops.push(op);
    }

    pub(super) fn run(&mut self, command: &Command) -> Result<(), EditError> {
        match command {
            Command::AddComponent { kind, pos, label } => {
                self.add_component(kind, *pos, label.as_deref())?;
            }
            Command::Remove(sel) => self.remove(sel)?,
            Command::Move { selection, delta } => self.move_by(selection, *delta)?,
            Command::Connect { from, to } => {
                self.connect(*from, *to, Params::new())?;
            }
            Command::Disconnect(id) => self.disconnect(*id)?,
            Command::SetParam {
                owner,
                param,
                value,
            } => self.set_param(*owner, param, value.as_ref())?,
            Command::Rename { target, text } => self.rename(*target, text)?,
            Command::Group { kind, label, rect } => self.add_frame(*kind, label, *rect)?,
            Command::Ungroup(id) => self.ungroup(*id)?,
            Command::Resize { group, rect } => self.resize(*group, *rect)?,
            Command::Annotate { kind, text, pos } => self.annotate(*kind, text, *pos)?,
            Command::Paste { fragment, offset } => self.paste(fragment, *offset)?,
            Command::Draw {
                kind,
                colour,
                points,
            } => self.draw(*kind, *colour, points)?,
            Command::AddStep { index, step } => self.add_step(*index, step)?,
            Command::SetStep { index, step } => self.set_step(*index, step)?,
            Command::RemoveStep(index) => self.remove_step(*index)?,
            Command::Batch(commands) => {
                for c in commands {
                    self.run(c)?;
                }
            }
        }
        Ok(())
    }

    pub(super) fn component_index(&self, id: ComponentId) -> Result<usize, EditError> {
        self.design
            .components
            .iter()
            .position(|c| c.id == id)
            .ok_or(EditError::NoComponent(id))
    }

    pub(super) fn link_index(&self, id: LinkId) -> Result<usize, EditError> {
        self.design
            .links
            .iter()
            .position(|l| l.id == id)
            .ok_or(EditError::NoLink(id))
    }

    pub(super) fn group_index(&self, id: GroupId) -> Result<usize, EditError> {
        self.design
            .groups
            .iter()
            .position(|g| g.id == id)
            .ok_or(EditError::NoGroup(id))
    }

    pub(super) fn note_index(&self, id: AnnotationId) -> Result<usize, EditError> {
        self.design
            .annotations
            .iter()
            .position(|a| a.id == id)
            .ok_or(EditError::NoAnnotation(id))
    }

    pub(super) fn add_component(
        &mut self,
        kind: &str,
        pos: Point,
        label: Option<&str>,
    ) -> Result<ComponentId, EditError> {
        let spec = catalog::kind(kind).ok_or_else(|| EditError::UnknownKind(kind.to_owned()))?;
        if !spec.placement.is_node() {
            return Err(EditError::NotAComponent(kind.to_owned()));
        }
        if self.design.components.len() >= design::MAX_COMPONENTS {
            return Err(EditError::TooMany {
                what: "components",
                max: design::MAX_COMPONENTS,
            });
        }
        let label = match label {
            Some(l) => {
                check_len(l, design::MAX_LABEL)?;
                l.to_owned()
            }
            None => unique_label(self.design, spec.short),
        };
        let id = self.design.next_component_id();
        if self.design.component(id).is_some() {
            return Err(EditError::TooMany {
                what: "component ids",
                max: u32::MAX as usize,
            });
        }
        let record = Component {
            id,
            kind: kind.to_owned(),
            label,
            pos: finite(pos)?,
            params: Params::new(),
        };
        let index = self.design.components.len();
        self.push(Op::Component(Diff::Insert { index, record }));
        Ok(id)
    }

    /// Removes one link.
    fn disconnect(&mut self, id: LinkId) -> Result<(), EditError> {
        let index = self.link_index(id)?;
        let record = self.design.links[index].clone();
        self.push(Op::Link(Diff::Remove { index, record }));
        Ok(())
    }

    fn remove(&mut self, sel: &Selection) -> Result<(), EditError> {
        for id in &sel.components {
            self.component_index(*id)?;
        }
        for id in &sel.links {
            self.link_index(*id)?;
        }
        for id in &sel.groups {
            self.group_index(*id)?;
        }
        for id in &sel.annotations {
            self.note_index(*id)?;
        }
        let gone: BTreeSet<ComponentId> = sel.components.iter().copied().collect();
        // Remove from the back so recorded indices stay valid on undo.
        for index in (0..self.design.links.len()).rev() {
            let l = &self.design.links[index];
            if sel.links.contains(&l.id) || gone.contains(&l.from) || gone.contains(&l.to) {
                let record = l.clone();
                self.push(Op::Link(Diff::Remove { index, record }));
            }
        }
        for index in (0..self.design.components.len()).rev() {
            if gone.contains(&self.design.components[index].id) {
                let record = self.design.components[index].clone();
                self.push(Op::Component(Diff::Remove { index, record }));
            }
        }
        for index in (0..self.design.groups.len()).rev() {
            if sel.groups.contains(&self.design.groups[index].id) {
                let record = self.design.groups[index].clone();
                self.push(Op::Group(Diff::Remove { index, record }));
            }
        }
        for index in (0..self.design.annotations.len()).rev() {
            if sel.annotations.contains(&self.design.annotations[index].id) {
                let record = self.design.annotations[index].clone();
                self.push(Op::Annotation(Diff::Remove { index, record }));
            }
        }
        self.forget_in_steps();
        Ok(())
    }

    pub(super) fn connect(
        &mut self,
        from: ComponentId,
        to: ComponentId,
        params: Params,
    ) -> Result<LinkId, EditError> {
        super::can_connect(self.design, from, to)?;
        if self.design.links.len() >= design::MAX_LINKS {
            return Err(EditError::TooMany {
                what: "links",
                max: design::MAX_LINKS,
            });
        }
        let id = self.design.next_link_id();
        if self.design.link(id).is_some() {
            return Err(EditError::TooMany {
                what: "link ids",
                max: u32::MAX as usize,
            });
        }
        let index = self.design.links.len();
        self.push(Op::Link(Diff::Insert {
            index,
            record: Link {
                id,
                from,
                to,
                params,
            },
        }));
        Ok(id)
    }
}

/// `short`, or `short 2`, `short 3`... whichever no component uses yet.
fn unique_label(d: &Design, short: &str) -> String {
    let taken = |l: &str| d.components.iter().any(|c| c.label == l);
    if !taken(short) {
        return short.to_owned();
    }
    (2..)
        .map(|n| format!("{short} {n}"))
        .find(|l| !taken(l))
        .unwrap_or_else(|| short.to_owned())
}
