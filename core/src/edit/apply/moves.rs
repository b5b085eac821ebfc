//! Moving selections and pasting fragments.

use std::collections::BTreeMap;

use super::{Tx, add, finite};
use crate::design::{Annotation, Component, Group, Params, Point, Rect};
use crate::edit::change::{Diff, Op};
use crate::edit::{Command, EditError, Fragment, ParamOwner, Selection};

impl Tx<'_> {
    pub(super) fn move_by(&mut self, sel: &Selection, delta: Point) -> Result<(), EditError> {
        let delta = finite(delta)?;
        for id in &sel.components {
            self.component_index(*id)?;
        }
        for id in &sel.annotations {
            self.note_index(*id)?;
        }
        for id in &sel.groups {
            self.group_index(*id)?;
        }
        let moved = crate::edit::carried(self.design, sel);
        let (comps, notes, groups) = (moved.components, moved.annotations, moved.groups);
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

    pub(super) fn paste(&mut self, fragment: &Fragment, offset: Point) -> Result<(), EditError> {
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
