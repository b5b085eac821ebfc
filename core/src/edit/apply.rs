//! Performing commands: every edit goes through [`apply`].

use std::collections::{BTreeMap, BTreeSet};

use super::change::{Change, Coalesce, Diff, Op};
use super::{Command, EditError, Fragment, Named, ParamOwner, Selection};
use crate::catalog::{self, ParamSpec};
use crate::design::{
    self, Annotation, AnnotationId, Component, ComponentId, Design, Group, GroupId, Link, LinkId,
    ParamValue, Params, Point, Rect,
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
            tx.change.undo(tx.design);
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

fn finite(p: Point) -> Result<Point, EditError> {
    if p.x.is_finite() && p.y.is_finite() {
        Ok(Point {
            x: p.x.clamp(-design::MAX_COORD, design::MAX_COORD),
            y: p.y.clamp(-design::MAX_COORD, design::MAX_COORD),
        })
    } else {
        Err(EditError::BadGeometry)
    }
}

fn valid_rect(r: Rect) -> Result<Rect, EditError> {
    let ok = [r.x, r.y, r.w, r.h].iter().all(|v| v.is_finite()) && r.w >= 0.0 && r.h >= 0.0;
    if ok {
        Ok(r)
    } else {
        Err(EditError::BadGeometry)
    }
}

fn check_len(text: &str, max: usize) -> Result<(), EditError> {
    if text.chars().count() > max {
        Err(EditError::TextTooLong { max })
    } else {
        Ok(())
    }
}

fn add(p: Point, d: Point) -> Point {
    Point {
        x: (p.x + d.x).clamp(-design::MAX_COORD, design::MAX_COORD),
        y: (p.y + d.y).clamp(-design::MAX_COORD, design::MAX_COORD),
    }
}

impl Tx<'_> {
    fn push(&mut self, op: Op) {
        op.apply(self.design, true);
        self.change.ops.push(op);
    }

    fn run(&mut self, command: &Command) -> Result<(), EditError> {
        match command {
            Command::AddComponent { kind, pos, label } => {
                self.add_component(kind, *pos, label.as_deref())?;
            }
            Command::Remove(sel) => self.remove(sel)?,
            Command::Move { selection, delta } => self.move_by(selection, *delta)?,
            Command::Connect { from, to } => {
                self.connect(*from, *to, Params::new())?;
            }
            Command::Disconnect(id) => {
                let index = self.link_index(*id)?;
                let record = self.design.links[index].clone();
                self.push(Op::Link(Diff::Remove { index, record }));
            }
            Command::SetParam {
                owner,
                param,
                value,
            } => self.set_param(*owner, param, value.as_ref())?,
            Command::Rename { target, text } => self.rename(*target, text)?,
            Command::Group { kind, label, rect } => {
                check_len(label, design::MAX_LABEL)?;
                if self.design.groups.len() >= design::MAX_GROUPS {
                    return Err(EditError::TooMany {
                        what: "frames",
                        max: design::MAX_GROUPS,
                    });
                }
                let record = Group {
                    id: next_group_id(self.design),
                    kind: *kind,
                    label: label.clone(),
                    rect: valid_rect(*rect)?,
                };
                let index = self.design.groups.len();
                self.push(Op::Group(Diff::Insert { index, record }));
            }
            Command::Ungroup(id) => {
                let index = self.group_index(*id)?;
                let record = self.design.groups[index].clone();
                self.push(Op::Group(Diff::Remove { index, record }));
            }
            Command::Resize { group, rect } => {
                let index = self.group_index(*group)?;
                let before = self.design.groups[index].clone();
                let after = Group {
                    rect: valid_rect(*rect)?,
                    ..before.clone()
                };
                if before != after {
                    self.push(Op::Group(Diff::Update {
                        index,
                        before,
                        after,
                    }));
                }
            }
            Command::Annotate { kind, text, pos } => {
                check_len(text, design::MAX_NOTE)?;
                if self.design.annotations.len() >= design::MAX_ANNOTATIONS {
                    return Err(EditError::TooMany {
                        what: "notes",
                        max: design::MAX_ANNOTATIONS,
                    });
                }
                let record = Annotation {
                    id: next_note_id(self.design),
                    kind: *kind,
                    text: text.clone(),
                    pos: finite(*pos)?,
                };
                let index = self.design.annotations.len();
                self.push(Op::Annotation(Diff::Insert { index, record }));
            }
            Command::Paste { fragment, offset } => self.paste(fragment, *offset)?,
            Command::Batch(commands) => {
                for c in commands {
                    self.run(c)?;
                }
            }
        }
        Ok(())
    }

    fn component_index(&self, id: ComponentId) -> Result<usize, EditError> {
        self.design
            .components
            .iter()
            .position(|c| c.id == id)
            .ok_or(EditError::NoComponent(id))
    }

    fn link_index(&self, id: LinkId) -> Result<usize, EditError> {
        self.design
            .links
            .iter()
            .position(|l| l.id == id)
            .ok_or(EditError::NoLink(id))
    }

    fn group_index(&self, id: GroupId) -> Result<usize, EditError> {
        self.design
            .groups
            .iter()
            .position(|g| g.id == id)
            .ok_or(EditError::NoGroup(id))
    }

    fn note_index(&self, id: AnnotationId) -> Result<usize, EditError> {
        self.design
            .annotations
            .iter()
            .position(|a| a.id == id)
            .ok_or(EditError::NoAnnotation(id))
    }

    fn add_component(
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
        Ok(())
    }

    fn move_by(&mut self, sel: &Selection, delta: Point) -> Result<(), EditError> {
        let delta = finite(delta)?;
        for id in &sel.components {
            self.component_index(*id)?;
        }
        for id in &sel.annotations {
            self.note_index(*id)?;
        }
        let mut comps: BTreeSet<ComponentId> = sel.components.iter().copied().collect();
        let mut notes: BTreeSet<AnnotationId> = sel.annotations.iter().copied().collect();
        let mut groups: BTreeSet<GroupId> = BTreeSet::new();
        for id in &sel.groups {
            let frame = self.design.groups[self.group_index(*id)?].rect;
            groups.insert(*id);
            // A frame carries what lies inside it, nested frames included.
            for c in &self.design.components {
                if frame.contains(c.pos) {
                    comps.insert(c.id);
                }
            }
            for a in &self.design.annotations {
                if frame.contains(a.pos) {
                    notes.insert(a.id);
                }
            }
            for g in &self.design.groups {
                let r = g.rect;
                let inside = frame.contains(Point { x: r.x, y: r.y })
                    && frame.contains(Point {
                        x: r.x + r.w,
                        y: r.y + r.h,
                    });
                if inside {
                    groups.insert(g.id);
                }
            }
        }
        if delta.x == 0.0 && delta.y == 0.0 {
            return Ok(());
        }
        for index in 0..self.design.components.len() {
            let before = self.design.components[index].clone();
            if comps.contains(&before.id) {
                let after = Component {
                    pos: add(before.pos, delta),
                    ..before.clone()
                };
                self.push(Op::Component(Diff::Update {
                    index,
                    before,
                    after,
                }));
            }
        }
        for index in 0..self.design.annotations.len() {
            let before = self.design.annotations[index].clone();
            if notes.contains(&before.id) {
                let after = Annotation {
                    pos: add(before.pos, delta),
                    ..before.clone()
                };
                self.push(Op::Annotation(Diff::Update {
                    index,
                    before,
                    after,
                }));
            }
        }
        for index in 0..self.design.groups.len() {
            let before = self.design.groups[index].clone();
            if groups.contains(&before.id) {
                let p = add(
                    Point {
                        x: before.rect.x,
                        y: before.rect.y,
                    },
                    delta,
                );
                let after = Group {
                    rect: Rect {
                        x: p.x,
                        y: p.y,
                        ..before.rect
                    },
                    ..before.clone()
                };
                self.push(Op::Group(Diff::Update {
                    index,
                    before,
                    after,
                }));
            }
        }
        Ok(())
    }

    fn connect(
        &mut self,
        from: ComponentId,
        to: ComponentId,
        params: Params,
    ) -> Result<LinkId, EditError> {
        let f = &self.design.components[self.component_index(from)?];
        let t = &self.design.components[self.component_index(to)?];
        if from == to {
            return Err(EditError::SelfLink);
        }
        if self
            .design
            .links
            .iter()
            .any(|l| l.from == from && l.to == to)
        {
            return Err(EditError::AlreadyLinked);
        }
        catalog::check_link(&f.kind, &t.kind)?;
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

    fn link_spec(&self, index: usize, param: &str) -> Option<&'static ParamSpec> {
        let l = &self.design.links[index];
        let from = self.design.component(l.from)?;
        let to = self.design.component(l.to)?;
        let meaning = catalog::check_link(&from.kind, &to.kind).ok()?;
        catalog::link_params_for(meaning).find(|p| p.id == param)
    }

    fn set_param(
        &mut self,
        owner: ParamOwner,
        param: &str,
        value: Option<&ParamValue>,
    ) -> Result<(), EditError> {
        let unknown = || EditError::UnknownParam {
            owner: match owner {
                ParamOwner::Component(id) => id.to_string(),
                ParamOwner::Link(id) => id.to_string(),
            },
            param: param.chars().take(40).collect(),
        };
        let (spec, current) = match owner {
            ParamOwner::Component(id) => {
                let index = self.component_index(id)?;
                let c = &self.design.components[index];
                let spec = c.spec().and_then(|k| k.param(param)).ok_or_else(unknown)?;
                (spec, &c.params)
            }
            ParamOwner::Link(id) => {
                let index = self.link_index(id)?;
                let spec = self.link_spec(index, param).ok_or_else(unknown)?;
                (spec, &self.design.links[index].params)
            }
        };
        let mut params = current.clone();
        match value {
            Some(v) => {
                spec.check(v)?;
                if spec.is_default(v) {
                    params.remove(param);
                } else {
                    params.insert(param.to_owned(), v.clone());
                }
            }
            None => {
                params.remove(param);
            }
        }
        if params == *current {
            return Ok(());
        }
        match owner {
            ParamOwner::Component(id) => {
                let index = self.component_index(id)?;
                let before = self.design.components[index].clone();
                let after = Component {
                    params,
                    ..before.clone()
                };
                self.push(Op::Component(Diff::Update {
                    index,
                    before,
                    after,
                }));
            }
            ParamOwner::Link(id) => {
                let index = self.link_index(id)?;
                let before = self.design.links[index].clone();
                let after = Link {
                    params,
                    ..before.clone()
                };
                self.push(Op::Link(Diff::Update {
                    index,
                    before,
                    after,
                }));
            }
        }
        Ok(())
    }

    fn rename(&mut self, target: Named, text: &str) -> Result<(), EditError> {
        match target {
            Named::Design => {
                check_len(text, design::MAX_LABEL)?;
                if self.design.name != text {
                    self.push(Op::Name {
                        before: self.design.name.clone(),
                        after: text.to_owned(),
                    });
                }
            }
            Named::Component(id) => {
                check_len(text, design::MAX_LABEL)?;
                let index = self.component_index(id)?;
                let before = self.design.components[index].clone();
                if before.label != text {
                    let after = Component {
                        label: text.to_owned(),
                        ..before.clone()
                    };
                    self.push(Op::Component(Diff::Update {
                        index,
                        before,
                        after,
                    }));
                }
            }
            Named::Group(id) => {
                check_len(text, design::MAX_LABEL)?;
                let index = self.group_index(id)?;
                let before = self.design.groups[index].clone();
                if before.label != text {
                    let after = Group {
                        label: text.to_owned(),
                        ..before.clone()
                    };
                    self.push(Op::Group(Diff::Update {
                        index,
                        before,
                        after,
                    }));
                }
            }
            Named::Annotation(id) => {
                check_len(text, design::MAX_NOTE)?;
                let index = self.note_index(id)?;
                let before = self.design.annotations[index].clone();
                if before.text != text {
                    let after = Annotation {
                        text: text.to_owned(),
                        ..before.clone()
                    };
                    self.push(Op::Annotation(Diff::Update {
                        index,
                        before,
                        after,
                    }));
                }
            }
        }
        Ok(())
    }

    fn paste(&mut self, fragment: &Fragment, offset: Point) -> Result<(), EditError> {
        let offset = finite(offset)?;
        let mut ids = BTreeMap::new();
        for c in &fragment.components {
            let label = Some(c.label.as_str());
            let id = self.add_component(&c.kind, add(c.pos, offset), label)?;
            ids.insert(c.id, id);
            for (param, value) in &c.params {
                self.set_param(ParamOwner::Component(id), param, Some(value))?;
            }
        }
        for l in &fragment.links {
            let (Some(&from), Some(&to)) = (ids.get(&l.from), ids.get(&l.to)) else {
                continue;
            };
            let link = self.connect(from, to, Params::new())?;
            for (param, value) in &l.params {
                self.set_param(ParamOwner::Link(link), param, Some(value))?;
            }
        }
        for g in &fragment.groups {
            let p = add(
                Point {
                    x: g.rect.x,
                    y: g.rect.y,
                },
                offset,
            );
            self.run(&Command::Group {
                kind: g.kind,
                label: g.label.clone(),
                rect: Rect {
                    x: p.x,
                    y: p.y,
                    ..g.rect
                },
            })?;
        }
        for a in &fragment.annotations {
            self.run(&Command::Annotate {
                kind: a.kind,
                text: a.text.clone(),
                pos: add(a.pos, offset),
            })?;
        }
        Ok(())
    }
}

fn next_group_id(d: &Design) -> GroupId {
    GroupId(
        d.groups
            .iter()
            .map(|g| g.id.0.saturating_add(1))
            .max()
            .unwrap_or(1),
    )
}

fn next_note_id(d: &Design) -> AnnotationId {
    AnnotationId(
        d.annotations
            .iter()
            .map(|a| a.id.0.saturating_add(1))
            .max()
            .unwrap_or(1),
    )
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
