//! The design document: what a user draws, as plain serde records.
//!
//! A [`Design`] holds components, the links between them, grouping frames
//! (Region, Availability Zone, VPC) and annotations. It carries no UI state
//! (selection, viewport) and no run results. Parameter values that equal the
//! catalog default are not stored, which keeps share links short.
//!
//! Everything that comes from outside (a link, a file, local storage) enters
//! through one load path, [`load_json`] / [`repair`]: it drops what it cannot
//! use (unknown kinds and settings), brings values within their bounds,
//! removes dangling links, renumbers duplicate ids, reports each of these as a
//! [`Repair`], and refuses with a [`LoadError`] only what it cannot repair (a
//! newer schema, a design beyond the size limits). [`SCHEMA_VERSION`] names the
//! layout; a change to it comes with a named migration in that path.

mod id;
mod ink;
pub(crate) mod kinds;
mod load;
mod params;
mod present;

pub use id::{AnnotationId, ComponentId, GroupId, LinkId, ParseIdError};
pub use ink::{InkColour, MAX_STROKE_POINTS, MAX_STROKE_SPAN, MAX_STROKES, Stroke, quantise, tidy};
pub use kinds::{AnnotationKind, GroupKind};
pub use load::{
    LoadError, MAX_ANNOTATIONS, MAX_COMPONENTS, MAX_COORD, MAX_GROUPS, MAX_JSON_BYTES, MAX_LABEL,
    MAX_LINKS, MAX_NOTE, Repair, load_json, repair, to_json,
};
pub use params::{ParamValue, Params};
pub(crate) use present::step_problem;
pub use present::{MAX_CAPTION, MAX_MOMENT, MAX_STEPS, Step, StepTarget};

use serde::{Deserialize, Serialize};

use crate::catalog::{self, Kind, KindSpec, Role};

/// Version of the document's schema. Bumped with a named migration whenever the
/// shape of a stored design changes, so old links and files still load.
pub const SCHEMA_VERSION: u32 = 1;

/// A point on the canvas, in canvas units (x right, y down).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Point {
    /// Horizontal position.
    pub x: f64,
    /// Vertical position.
    pub y: f64,
}

/// A rectangle on the canvas.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Rect {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

impl Rect {
    /// Whether the point lies inside the rectangle (edges included).
    #[must_use]
    pub fn contains(&self, p: Point) -> bool {
        p.x >= self.x && p.x <= self.x + self.w && p.y >= self.y && p.y <= self.y + self.h
    }
}

/// One placed component.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Component {
    /// Identity within the design; never reused while the component exists.
    pub id: ComponentId,
    /// Catalog kind id (`"alb"`, `"asg"`).
    pub kind: String,
    /// The user's label; plain text, never markup.
    pub label: String,
    /// Centre of the component on the canvas.
    pub pos: Point,
    /// Parameter values that differ from the catalog defaults.
    #[serde(default, skip_serializing_if = "Params::is_empty")]
    pub params: Params,
}

impl Component {
    /// A component of `kind` at the origin, labelled with its kind id, with
    /// these parameter values (the others take the catalog's defaults).
    #[must_use]
    pub fn new(id: u32, kind: Kind, params: &[(&str, ParamValue)]) -> Self {
        Component {
            id: ComponentId(id),
            kind: kind.id().into(),
            label: kind.id().into(),
            pos: Point::default(),
            params: params
                .iter()
                .map(|(k, v)| ((*k).to_owned(), v.clone()))
                .collect(),
        }
    }

    /// The catalog entry of this component's kind.
    #[must_use]
    pub fn spec(&self) -> Option<&'static KindSpec> {
        catalog::kind(&self.kind)
    }

    /// The value of a parameter: the stored one, else the catalog default.
    #[must_use]
    pub fn param(&self, id: &str) -> Option<ParamValue> {
        if let Some(v) = self.params.get(id) {
            return Some(v.clone());
        }
        self.spec()?.param(id).map(|p| ParamValue::from(p.default))
    }

    /// A numeric parameter: the stored number, else the catalog's default.
    ///
    /// Every simulator and view read goes through here, so the catalog is the
    /// one place a default lives. Asking for a parameter the kind does not
    /// have is a programming error: debug builds stop on it, and a release
    /// build reads 0.
    #[must_use]
    pub fn number(&self, id: &str) -> f64 {
        self.stored_or_default(id, ParamValue::as_number)
            .unwrap_or_default()
    }

    /// A boolean parameter: the stored one, else the catalog's default.
    #[must_use]
    pub fn flag(&self, id: &str) -> bool {
        self.stored_or_default(id, ParamValue::as_bool)
            .unwrap_or_default()
    }

    /// A choice or text parameter: the stored one, else the catalog's default.
    #[must_use]
    pub fn text(&self, id: &str) -> String {
        self.stored_or_default(id, |v| v.as_text().map(str::to_owned))
            .unwrap_or_default()
    }

    /// Whether this component's kind has parameter `id`.
    #[must_use]
    pub fn has_param(&self, id: &str) -> bool {
        self.spec().is_some_and(|k| k.param(id).is_some())
    }

    /// Whether this component is of kind `k`.
    #[must_use]
    pub fn is(&self, k: Kind) -> bool {
        self.kind == k.id()
    }

    /// This component's kind as a type, `None` for an id the catalog does not know.
    #[must_use]
    pub fn kind_of(&self) -> Option<Kind> {
        self.kind.parse().ok()
    }

    /// What the simulator makes of this component, `None` for an unknown kind.
    #[must_use]
    pub fn role(&self) -> Option<Role> {
        self.spec().map(|s| s.role)
    }

    /// The stored value of `id` read by `read`, else the catalog default read
    /// the same way.
    fn stored_or_default<T>(&self, id: &str, read: impl Fn(&ParamValue) -> Option<T>) -> Option<T> {
        let stored = self.params.get(id).and_then(&read);
        stored.or_else(|| {
            let default = self.spec().and_then(|k| k.default_of(id));
            debug_assert!(
                default.is_some() || self.spec().is_none(),
                "kind {} has no parameter {id}",
                self.kind
            );
            default.and_then(|d| read(&ParamValue::from(d)))
        })
    }
}

/// A connection between two components.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Link {
    /// Identity within the design.
    pub id: LinkId,
    /// The calling or sending component.
    pub from: ComponentId,
    /// The called or receiving component.
    pub to: ComponentId,
    /// Per-link settings (target-group weight, path rule, health check path).
    #[serde(default, skip_serializing_if = "Params::is_empty")]
    pub params: Params,
}

impl Link {
    /// A numeric link setting: the stored number, else the catalog's default
    /// for link settings. Asking for a setting the catalog does not list is
    /// a programming error: debug builds stop on it, a release build reads 0.
    #[must_use]
    pub fn number(&self, id: &str) -> f64 {
        self.stored_or_default(id, ParamValue::as_number)
            .unwrap_or_default()
    }

    /// A boolean link setting: the stored one, else the catalog's default.
    #[must_use]
    pub fn flag(&self, id: &str) -> bool {
        self.stored_or_default(id, ParamValue::as_bool)
            .unwrap_or_default()
    }

    /// A choice or text link setting: the stored one, else the catalog's default.
    #[must_use]
    pub fn text(&self, id: &str) -> String {
        self.stored_or_default(id, |v| v.as_text().map(str::to_owned))
            .unwrap_or_default()
    }

    fn stored_or_default<T>(&self, id: &str, read: impl Fn(&ParamValue) -> Option<T>) -> Option<T> {
        self.params.get(id).and_then(&read).or_else(|| {
            let spec = catalog::link_param(id);
            debug_assert!(spec.is_some(), "no link setting {id}");
            spec.and_then(|p| read(&ParamValue::from(p.spec.default)))
        })
    }
}

/// A frame drawn around components. Membership is geometric: a component
/// belongs to a frame when its centre lies inside it, so moving a frame moves
/// what it holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Group {
    /// Identity within the design.
    pub id: GroupId,
    /// Region, AZ or VPC.
    pub kind: GroupKind,
    /// The user's label ("us-east-1", "us-east-1a").
    pub label: String,
    /// Frame on the canvas.
    pub rect: Rect,
}

/// A note on the canvas, or a pen or highlighter stroke. Its text is plain
/// text, never markup.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Annotation {
    /// Identity within the design.
    pub id: AnnotationId,
    /// Text or sticky note, pen or highlighter stroke.
    pub kind: AnnotationKind,
    /// The note (empty for a stroke).
    pub text: String,
    /// Top-left corner of a note; a stroke's first point.
    pub pos: Point,
    /// A pen or highlighter's stroke (`None` for a note).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stroke: Option<Stroke>,
}

/// The whole document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Design {
    /// Schema version this document was written with; see [`SCHEMA_VERSION`].
    pub schema: u32,
    /// The design's title.
    #[serde(default)]
    pub name: String,
    /// Placed components.
    #[serde(default)]
    pub components: Vec<Component>,
    /// Links between components.
    #[serde(default)]
    pub links: Vec<Link>,
    /// Region, AZ and VPC frames.
    #[serde(default)]
    pub groups: Vec<Group>,
    /// Text and sticky notes, pen and highlighter strokes.
    #[serde(default)]
    pub annotations: Vec<Annotation>,
    /// Presentation steps, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub steps: Vec<Step>,
}

impl Default for Design {
    fn default() -> Self {
        Design {
            schema: SCHEMA_VERSION,
            name: String::new(),
            components: Vec::new(),
            links: Vec::new(),
            groups: Vec::new(),
            annotations: Vec::new(),
            steps: Vec::new(),
        }
    }
}

impl Design {
    /// The component with this id.
    #[must_use]
    pub fn component(&self, id: ComponentId) -> Option<&Component> {
        self.components.iter().find(|c| c.id == id)
    }

    /// The link with this id.
    #[must_use]
    pub fn link(&self, id: LinkId) -> Option<&Link> {
        self.links.iter().find(|l| l.id == id)
    }

    /// An id no component uses yet.
    #[must_use]
    pub fn next_component_id(&self) -> ComponentId {
        ComponentId(fresh_id(self.components.iter().map(|c| c.id.0)))
    }

    /// An id no link uses yet.
    #[must_use]
    pub fn next_link_id(&self) -> LinkId {
        LinkId(fresh_id(self.links.iter().map(|l| l.id.0)))
    }

    /// An id no frame uses yet.
    #[must_use]
    pub fn next_group_id(&self) -> GroupId {
        GroupId(fresh_id(self.groups.iter().map(|g| g.id.0)))
    }

    /// An id no note uses yet.
    #[must_use]
    pub fn next_annotation_id(&self) -> AnnotationId {
        AnnotationId(fresh_id(self.annotations.iter().map(|a| a.id.0)))
    }

    /// Links leaving a component.
    pub fn links_from(&self, id: ComponentId) -> impl Iterator<Item = &Link> {
        self.links.iter().filter(move |l| l.from == id)
    }

    /// Links arriving at a component.
    pub fn links_to(&self, id: ComponentId) -> impl Iterator<Item = &Link> {
        self.links.iter().filter(move |l| l.to == id)
    }
}

/// The one fresh-id rule for every kind of id: one past the largest, or,
/// when the largest is `u32::MAX` (a hostile link), the smallest unused.
fn fresh_id(ids: impl Iterator<Item = u32> + Clone) -> u32 {
    match ids.clone().max() {
        None => 1,
        Some(u32::MAX) => {
            let used: std::collections::BTreeSet<u32> = ids.collect();
            (1..u32::MAX)
                .find(|n| !used.contains(n))
                .unwrap_or(u32::MAX)
        }
        Some(max) => max + 1,
    }
}
