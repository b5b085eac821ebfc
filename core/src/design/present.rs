//! Presentation steps: the slides a teacher walks through. Each step fits
//! the view to a frame or a region, may show a caption (plain text, never
//! markup), reveals components and links, and may hold a moment of the last
//! run's replay. A component or link that no step reveals is always shown;
//! one that a step reveals appears from that step on.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::{ComponentId, Design, GroupId, LinkId, Rect};

/// Most steps a design holds.
pub const MAX_STEPS: usize = 100;
/// Longest caption, in characters.
pub const MAX_CAPTION: usize = 500;
/// Longest replay moment a step may name, in seconds.
pub const MAX_MOMENT: f64 = 1.0e7;

/// What a step fits the view to.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepTarget {
    /// The whole design.
    #[default]
    Whole,
    /// A Region, AZ or VPC frame.
    Frame(GroupId),
    /// A rectangle of the canvas.
    Region(Rect),
}

/// One presentation step.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Step {
    /// What the view fits.
    #[serde(default)]
    pub target: StepTarget,
    /// A caption shown under the canvas (plain text).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub caption: String,
    /// Components that appear at this step.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub components: Vec<ComponentId>,
    /// Links that appear at this step.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<LinkId>,
    /// A moment of the last run's replay to show, in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub moment: Option<f64>,
}

impl Design {
    /// The rectangle a step fits: its region, its frame's rectangle, or
    /// `None` for the whole design (or a frame that no longer exists).
    #[must_use]
    pub fn step_rect(&self, step: &Step) -> Option<Rect> {
        match step.target {
            StepTarget::Whole => None,
            StepTarget::Frame(id) => self.groups.iter().find(|g| g.id == id).map(|g| g.rect),
            StepTarget::Region(r) => Some(r),
        }
    }

    /// Components and links hidden at step `index` (0-based): those a later
    /// step reveals.
    #[must_use]
    pub fn hidden_at(&self, index: usize) -> (BTreeSet<ComponentId>, BTreeSet<LinkId>) {
        let later = self.steps.iter().skip(index.saturating_add(1));
        let mut components = BTreeSet::new();
        let mut links = BTreeSet::new();
        for s in later {
            components.extend(s.components.iter().copied());
            links.extend(s.links.iter().copied());
        }
        (components, links)
    }
}

/// Why a step cannot be stored as it is, or `None` when it can.
#[must_use]
pub(crate) fn step_problem(step: &Step) -> Option<&'static str> {
    if step.caption.chars().count() > MAX_CAPTION {
        return Some("its caption is too long");
    }
    if step.components.len() > super::MAX_COMPONENTS || step.links.len() > super::MAX_LINKS {
        return Some("it reveals too many records");
    }
    if let Some(m) = step.moment
        && !(m.is_finite() && (0.0..=MAX_MOMENT).contains(&m))
    {
        return Some("its replay moment is not a time in the run");
    }
    if let StepTarget::Region(r) = step.target {
        let ok = [r.x, r.y, r.w, r.h].iter().all(|v| v.is_finite())
            && r.w > 0.0
            && r.h > 0.0
            && [r.x, r.y, r.w, r.h]
                .iter()
                .all(|v| v.abs() <= 2.0 * super::MAX_COORD);
        if !ok {
            return Some("its region is not a rectangle on the canvas");
        }
    }
    None
}

/// Repairs the steps of a loaded design: a step with a bad caption length is
/// shortened, a bad moment or region is cleared, ids that do not exist are
/// dropped. Returns what it did, one line per step touched.
pub(super) fn repair_steps(design: &mut Design) -> Vec<(usize, &'static str)> {
    let components: BTreeSet<ComponentId> = design.components.iter().map(|c| c.id).collect();
    let links: BTreeSet<LinkId> = design.links.iter().map(|l| l.id).collect();
    let groups: BTreeSet<GroupId> = design.groups.iter().map(|g| g.id).collect();
    let mut out = Vec::new();
    for (i, step) in design.steps.iter_mut().enumerate() {
        if step.caption.chars().count() > MAX_CAPTION {
            step.caption = step.caption.chars().take(MAX_CAPTION).collect();
            out.push((i, "its caption was shortened"));
        }
        let before = (step.components.len(), step.links.len());
        step.components.retain(|c| components.contains(c));
        step.links.retain(|l| links.contains(l));
        if before != (step.components.len(), step.links.len()) {
            out.push((i, "records that do not exist were dropped"));
        }
        if let Some(m) = step.moment
            && !(m.is_finite() && (0.0..=MAX_MOMENT).contains(&m))
        {
            step.moment = None;
            out.push((i, "its replay moment was cleared"));
        }
        let bad_frame = matches!(step.target, StepTarget::Frame(g) if !groups.contains(&g));
        let probe = Step {
            target: step.target,
            ..Step::default()
        };
        if bad_frame || step_problem(&probe).is_some() {
            step.target = StepTarget::Whole;
            out.push((i, "it now shows the whole design"));
        }
    }
    out
}
