//! Drawing, resizing and removing frames, and adding notes.

use super::{Tx, check_len, finite};
use crate::design::{self, Annotation, AnnotationKind, Group, GroupId, GroupKind, Point, Rect};
use crate::edit::EditError;
use crate::edit::change::{Diff, Op};

/// `r` when its numbers are finite and its size is not negative.
fn valid_rect(r: Rect) -> Result<Rect, EditError> {
    let ok = [r.x, r.y, r.w, r.h].iter().all(|v| v.is_finite()) && r.w >= 0.0 && r.h >= 0.0;
    if ok {
        Ok(r)
    } else {
        Err(EditError::BadGeometry)
    }
}

impl Tx<'_> {
    /// Draws a frame (`Command::Group`).
    pub(super) fn add_frame(
        &mut self,
        kind: GroupKind,
        label: &str,
        rect: Rect,
    ) -> Result<(), EditError> {
        check_len(label, design::MAX_LABEL)?;
        if self.design.groups.len() >= design::MAX_GROUPS {
            return Err(EditError::TooMany {
                what: "frames",
                max: design::MAX_GROUPS,
            });
        }
        let record = Group {
            id: self.design.next_group_id(),
            kind,
            label: label.to_owned(),
            rect: valid_rect(rect)?,
        };
        let index = self.design.groups.len();
        self.push(Op::Group(Diff::Insert { index, record }));
        Ok(())
    }

    /// Removes a frame; what it held stays.
    pub(super) fn ungroup(&mut self, id: GroupId) -> Result<(), EditError> {
        let index = self.group_index(id)?;
        let record = self.design.groups[index].clone();
        self.push(Op::Group(Diff::Remove { index, record }));
        self.forget_in_steps();
        Ok(())
    }

    /// Changes a frame's rectangle; an unchanged rectangle records nothing.
    pub(super) fn resize(&mut self, group: GroupId, rect: Rect) -> Result<(), EditError> {
        let index = self.group_index(group)?;
        let before = self.design.groups[index].clone();
        let after = Group {
            rect: valid_rect(rect)?,
            ..before.clone()
        };
        if before != after {
            self.push(Op::Group(Diff::Update {
                index,
                before,
                after,
            }));
        }
        Ok(())
    }

    /// Adds a text or sticky note.
    pub(super) fn annotate(
        &mut self,
        kind: AnnotationKind,
        text: &str,
        pos: Point,
    ) -> Result<(), EditError> {
        check_len(text, design::MAX_NOTE)?;
        if kind.is_ink() {
            return Err(EditError::NotAStroke);
        }
        if self.design.annotations.len() >= design::MAX_ANNOTATIONS {
            return Err(EditError::TooMany {
                what: "notes",
                max: design::MAX_ANNOTATIONS,
            });
        }
        let record = Annotation {
            id: self.design.next_annotation_id(),
            kind,
            text: text.to_owned(),
            pos: finite(pos)?,
            stroke: None,
        };
        let index = self.design.annotations.len();
        self.push(Op::Annotation(Diff::Insert { index, record }));
        Ok(())
    }
}
