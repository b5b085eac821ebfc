//! Every change the editor can make to a design, as data.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::design::{
    Annotation, AnnotationId, AnnotationKind, Component, ComponentId, Design, Group, GroupId,
    GroupKind, InkColour, Link, LinkId, ParamValue, Point, Rect, Step,
};

/// A set of things on the canvas: what a selection, a delete or a move covers.
///
/// The page keeps its selection in this type too (session state: never in
/// the document or the history); it selects one link at a time.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Selection {
    /// Selected components.
    #[serde(default)]
    pub components: BTreeSet<ComponentId>,
    /// Selected links.
    #[serde(default)]
    pub links: BTreeSet<LinkId>,
    /// Selected frames.
    #[serde(default)]
    pub groups: BTreeSet<GroupId>,
    /// Selected annotations.
    #[serde(default)]
    pub annotations: BTreeSet<AnnotationId>,
}

impl Selection {
    /// A selection of these components.
    #[must_use]
    pub fn components(ids: impl IntoIterator<Item = ComponentId>) -> Self {
        Selection {
            components: ids.into_iter().collect(),
            ..Selection::default()
        }
    }

    /// Only this component.
    #[must_use]
    pub fn one(id: ComponentId) -> Self {
        Selection::components([id])
    }

    /// Only this link.
    #[must_use]
    pub fn link(id: LinkId) -> Self {
        Selection {
            links: BTreeSet::from([id]),
            ..Selection::default()
        }
    }

    /// Everything in the design but its links.
    #[must_use]
    pub fn all(design: &Design) -> Self {
        Selection {
            components: design.components.iter().map(|c| c.id).collect(),
            links: BTreeSet::new(),
            groups: design.groups.iter().map(|g| g.id).collect(),
            annotations: design.annotations.iter().map(|a| a.id).collect(),
        }
    }

    /// Whether nothing is selected.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.components.is_empty()
            && self.links.is_empty()
            && self.groups.is_empty()
            && self.annotations.is_empty()
    }

    /// Drops ids the design no longer has (after an undo, say).
    pub fn retain_existing(&mut self, design: &Design) {
        self.components.retain(|id| design.component(*id).is_some());
        self.links.retain(|id| design.link(*id).is_some());
        self.groups
            .retain(|id| design.groups.iter().any(|g| g.id == *id));
        self.annotations
            .retain(|id| design.annotations.iter().any(|a| a.id == *id));
    }
}

/// A piece of a design on the clipboard: records with their original ids,
/// renumbered when pasted.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Fragment {
    /// Copied components.
    #[serde(default)]
    pub components: Vec<Component>,
    /// Links between copied components.
    #[serde(default)]
    pub links: Vec<Link>,
    /// Copied frames.
    #[serde(default)]
    pub groups: Vec<Group>,
    /// Copied annotations.
    #[serde(default)]
    pub annotations: Vec<Annotation>,
}

impl Fragment {
    /// Copies the selected records; links whose two ends are both selected come along.
    #[must_use]
    pub fn copy(design: &Design, selection: &Selection) -> Self {
        let components: Vec<Component> = design
            .components
            .iter()
            .filter(|c| selection.components.contains(&c.id))
            .cloned()
            .collect();
        let links = design
            .links
            .iter()
            .filter(|l| {
                selection.components.contains(&l.from) && selection.components.contains(&l.to)
            })
            .cloned()
            .collect();
        Fragment {
            components,
            links,
            groups: design
                .groups
                .iter()
                .filter(|g| selection.groups.contains(&g.id))
                .cloned()
                .collect(),
            annotations: design
                .annotations
                .iter()
                .filter(|a| selection.annotations.contains(&a.id))
                .cloned()
                .collect(),
        }
    }

    /// Whether there is nothing to paste.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.components.is_empty() && self.groups.is_empty() && self.annotations.is_empty()
    }
}

/// What owns a parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ParamOwner {
    /// A component's parameter.
    Component(ComponentId),
    /// A link's setting.
    Link(LinkId),
}

/// What carries a label or text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Named {
    /// The design's title.
    Design,
    /// A component's label.
    Component(ComponentId),
    /// A frame's label.
    Group(GroupId),
    /// An annotation's text.
    Annotation(AnnotationId),
}

/// One edit. The app turns gestures into commands; [`super::apply`] performs them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Command {
    /// Places a new component of a catalog kind, centred at `pos`. The label
    /// defaults to the kind's short name, numbered when already used.
    AddComponent {
        /// Catalog kind id.
        kind: String,
        /// Centre on the canvas.
        pos: Point,
        /// Label, or `None` for the default.
        label: Option<String>,
    },
    /// Deletes what is selected; links touching a deleted component go too.
    Remove(Selection),
    /// Moves what is selected by `delta`. A moved frame carries what lies inside it.
    /// A whole drag is one `Move` with the total delta.
    Move {
        /// What moves.
        selection: Selection,
        /// Offset in canvas units.
        delta: Point,
    },
    /// Links two components, if the catalog allows it.
    Connect {
        /// Caller or sender.
        from: ComponentId,
        /// Callee or receiver.
        to: ComponentId,
    },
    /// Removes a link.
    Disconnect(LinkId),
    /// Sets a parameter (`Some`) or resets it to the catalog default (`None`).
    SetParam {
        /// Component or link.
        owner: ParamOwner,
        /// Parameter id.
        param: String,
        /// New value.
        value: Option<ParamValue>,
    },
    /// Changes a label, a frame's title, a note's text or the design's name.
    Rename {
        /// What is renamed.
        target: Named,
        /// The new text (plain text).
        text: String,
    },
    /// Draws a Region, AZ or VPC frame.
    Group {
        /// Region, AZ or VPC.
        kind: GroupKind,
        /// Title ("us-east-1a").
        label: String,
        /// Frame; see [`super::frame_around`] to fit one around a selection.
        rect: Rect,
    },
    /// Removes a frame; what it held stays where it is.
    Ungroup(GroupId),
    /// Changes a frame's rectangle without moving what is inside.
    Resize {
        /// The frame.
        group: GroupId,
        /// Its new rectangle.
        rect: Rect,
    },
    /// Adds a text or sticky note with its top-left corner at `pos`.
    Annotate {
        /// Text or sticky.
        kind: AnnotationKind,
        /// The note.
        text: String,
        /// Top-left corner.
        pos: Point,
    },
    /// Adds a pen or highlighter stroke through `points` (canvas units),
    /// quantised to whole units and capped (see [`crate::design::quantise`]).
    Draw {
        /// Pen or highlighter.
        kind: AnnotationKind,
        /// Its colour.
        colour: InkColour,
        /// The points, in the order drawn.
        points: Vec<Point>,
    },
    /// Inserts a presentation step at `index` (at the end when past it).
    AddStep {
        /// Where it goes.
        index: usize,
        /// The step.
        step: Step,
    },
    /// Replaces the presentation step at `index`.
    SetStep {
        /// Which step.
        index: usize,
        /// Its new content.
        step: Step,
    },
    /// Removes the presentation step at `index`.
    RemoveStep(usize),
    /// Pastes a fragment with fresh ids, shifted by `offset`.
    Paste {
        /// What to paste.
        fragment: Fragment,
        /// Shift from the copied positions.
        offset: Point,
    },
    /// Several commands as one undo step; all or nothing.
    Batch(Vec<Command>),
}

impl Command {
    /// A short name for menus ("Undo Move").
    #[must_use]
    pub fn label(&self) -> &'static str {
        match self {
            Command::AddComponent { .. } => "Add",
            Command::Remove(_) => "Delete",
            Command::Move { .. } => "Move",
            Command::Connect { .. } => "Connect",
            Command::Disconnect(_) => "Disconnect",
            Command::SetParam { .. } => "Change setting",
            Command::Rename { .. } => "Rename",
            Command::Group { .. } => "Add frame",
            Command::Ungroup(_) => "Remove frame",
            Command::Resize { .. } => "Resize frame",
            Command::Annotate { .. } => "Add note",
            Command::Draw { .. } => "Draw",
            Command::AddStep { .. } => "Add step",
            Command::SetStep { .. } => "Change step",
            Command::RemoveStep(_) => "Remove step",
            Command::Paste { .. } => "Paste",
            Command::Batch(_) => "Edit",
        }
    }
}

/// The smallest frame around the selected components (by their centres) and
/// annotations, grown by `padding` on every side; `None` when nothing is selected.
#[must_use]
pub fn frame_around(design: &Design, selection: &Selection, padding: f64) -> Option<Rect> {
    let points = design
        .components
        .iter()
        .filter(|c| selection.components.contains(&c.id))
        .map(|c| c.pos)
        .chain(
            design
                .annotations
                .iter()
                .filter(|a| selection.annotations.contains(&a.id))
                .map(|a| a.pos),
        );
    let mut bounds: Option<(f64, f64, f64, f64)> = None;
    for p in points {
        bounds = Some(match bounds {
            None => (p.x, p.y, p.x, p.y),
            Some((x0, y0, x1, y1)) => (x0.min(p.x), y0.min(p.y), x1.max(p.x), y1.max(p.y)),
        });
    }
    let (x0, y0, x1, y1) = bounds?;
    Some(Rect {
        x: x0 - padding,
        y: y0 - padding,
        w: x1 - x0 + 2.0 * padding,
        h: y1 - y0 + 2.0 * padding,
    })
}
