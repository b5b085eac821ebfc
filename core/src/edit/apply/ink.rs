//! Drawing pen and highlighter strokes, and editing presentation steps.

use std::collections::BTreeSet;

use super::Tx;
use crate::design::{self, Annotation, AnnotationKind, InkColour, Point, Step, Stroke};
use crate::edit::EditError;
use crate::edit::change::{Diff, Op};

impl Tx<'_> {
    /// Adds a stroke (`Command::Draw`).
    pub(super) fn draw(
        &mut self,
        kind: AnnotationKind,
        colour: InkColour,
        points: &[Point],
    ) -> Result<(), EditError> {
        if !kind.is_ink() {
            return Err(EditError::NotAStroke);
        }
        let (pos, points) = design::quantise(points).ok_or(EditError::NotAStroke)?;
        let strokes = self.design.annotations.iter().filter(|a| a.kind.is_ink());
        if strokes.count() >= design::MAX_STROKES {
            return Err(EditError::TooMany {
                what: "strokes",
                max: design::MAX_STROKES,
            });
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
            text: String::new(),
            pos,
            stroke: Some(Stroke { colour, points }),
        };
        let index = self.design.annotations.len();
        self.push(Op::Annotation(Diff::Insert { index, record }));
        Ok(())
    }

    /// Inserts a step (`Command::AddStep`).
    pub(super) fn add_step(&mut self, index: usize, step: &Step) -> Result<(), EditError> {
        if self.design.steps.len() >= design::MAX_STEPS {
            return Err(EditError::TooMany {
                what: "steps",
                max: design::MAX_STEPS,
            });
        }
        self.check_step(step)?;
        let index = index.min(self.design.steps.len());
        let record = step.clone();
        self.push(Op::Step(Diff::Insert { index, record }));
        Ok(())
    }

    /// Replaces a step (`Command::SetStep`).
    pub(super) fn set_step(&mut self, index: usize, step: &Step) -> Result<(), EditError> {
        let before = self
            .design
            .steps
            .get(index)
            .cloned()
            .ok_or(EditError::NoStep(index))?;
        self.check_step(step)?;
        if before != *step {
            let after = step.clone();
            self.push(Op::Step(Diff::Update {
                index,
                before,
                after,
            }));
        }
        Ok(())
    }

    /// Removes a step (`Command::RemoveStep`).
    pub(super) fn remove_step(&mut self, index: usize) -> Result<(), EditError> {
        let record = self
            .design
            .steps
            .get(index)
            .cloned()
            .ok_or(EditError::NoStep(index))?;
        self.push(Op::Step(Diff::Remove { index, record }));
        Ok(())
    }

    /// A step may name only records that exist, and must be within bounds.
    fn check_step(&self, step: &Step) -> Result<(), EditError> {
        if let Some(why) = design::step_problem(step) {
            return Err(EditError::BadStep(why));
        }
        if let Some(c) = step
            .components
            .iter()
            .find(|c| self.design.component(**c).is_none())
        {
            return Err(EditError::NoComponent(*c));
        }
        if let Some(l) = step.links.iter().find(|l| self.design.link(**l).is_none()) {
            return Err(EditError::NoLink(*l));
        }
        if let design::StepTarget::Frame(g) = step.target {
            self.group_index(g)?;
        }
        Ok(())
    }

    /// After a removal: steps stop naming components and links that are
    /// gone, and a step fitted to a frame that is gone shows the whole design.
    pub(super) fn forget_in_steps(&mut self) {
        let components: BTreeSet<_> = self.design.components.iter().map(|c| c.id).collect();
        let links: BTreeSet<_> = self.design.links.iter().map(|l| l.id).collect();
        let groups: BTreeSet<_> = self.design.groups.iter().map(|g| g.id).collect();
        for index in 0..self.design.steps.len() {
            let before = self.design.steps[index].clone();
            let mut after = before.clone();
            after.components.retain(|c| components.contains(c));
            after.links.retain(|l| links.contains(l));
            if matches!(after.target, design::StepTarget::Frame(g) if !groups.contains(&g)) {
                after.target = design::StepTarget::Whole;
            }
            if after != before {
                self.push(Op::Step(Diff::Update {
                    index,
                    before,
                    after,
                }));
            }
        }
    }
}
