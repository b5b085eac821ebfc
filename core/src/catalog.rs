//! The catalog of component kinds: one data-driven table.
//!
//! Every kind a user can place on the canvas is one [`KindSpec`]: its id, name,
//! category, parameters (with unit, default, bounds and the AWS fact
//! behind them) and the connections it accepts. The palette and the inspector
//! in the app are generated from this table, and the simulator reads parameter
//! values through it, so adding a kind is one entry here plus its behaviour.

use crate::design::kinds::{AnnotationKind, GroupKind};

mod kind;
mod kinds;
mod links;
mod rules;
pub mod sources;
mod value;

pub use kind::{EventTargets, Kind, Role, UnknownKind, kinds_where};
pub use kinds::{INSTANCE_TYPES, KINDS};
pub use links::{LINK_PARAMS, LinkParamSpec, link_param, link_params_for, target_group_cross_zone};
pub use rules::{LinkRefusal, check_link};
pub use value::ValueError;

/// The zones of us-east-1, in order: the zones every run knows before a
/// design names others, and the zones a group spreads over (`azs` = N takes
/// the first N).
pub const ZONES: [&str; 6] = [
    "us-east-1a",
    "us-east-1b",
    "us-east-1c",
    "us-east-1d",
    "us-east-1e",
    "us-east-1f",
];

/// Where a kind sits in the palette; also picks its colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    /// Users and clients that send traffic.
    Clients,
    /// DNS, CDN and API front doors.
    Edge,
    /// Load balancers.
    Networking,
    /// Instances, groups, containers and functions.
    Compute,
    /// Queues, topics, streams and event buses.
    Integration,
    /// Databases, caches and object storage.
    Data,
    /// Alarms, roles and secrets.
    Management,
    /// Regions, Availability Zones, VPCs.
    Grouping,
    /// Text and sticky notes.
    Annotation,
}

impl Category {
    /// Every category, in palette order.
    pub const ALL: [Category; 9] = [
        Category::Clients,
        Category::Edge,
        Category::Networking,
        Category::Compute,
        Category::Integration,
        Category::Data,
        Category::Management,
        Category::Grouping,
        Category::Annotation,
    ];

    /// The heading shown in the palette.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Category::Clients => "Clients",
            Category::Edge => "Edge & DNS",
            Category::Networking => "Load balancing",
            Category::Compute => "Compute",
            Category::Integration => "Application integration",
            Category::Data => "Data",
            Category::Management => "Management",
            Category::Grouping => "Groups",
            Category::Annotation => "Annotations",
        }
    }

    /// A stable id for CSS classes and tests.
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            Category::Clients => "clients",
            Category::Edge => "edge",
            Category::Networking => "networking",
            Category::Compute => "compute",
            Category::Integration => "integration",
            Category::Data => "data",
            Category::Management => "management",
            Category::Grouping => "grouping",
            Category::Annotation => "annotation",
        }
    }
}

/// The type of a parameter's value, with its bounds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ParamType {
    /// A number between `min` and `max` inclusive, edited in steps of `step`.
    Number {
        /// Smallest accepted value.
        min: f64,
        /// Largest accepted value.
        max: f64,
        /// Granularity of the editor (1.0 for whole numbers).
        step: f64,
    },
    /// On or off.
    Bool,
    /// One of a fixed list of option ids.
    Choice(&'static [&'static str]),
    /// Free text (names, cron expressions, lists).
    Text {
        /// Longest accepted length in characters.
        max_len: usize,
    },
}

/// A default value in the static catalog.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DefaultValue {
    /// A number.
    Number(f64),
    /// A boolean.
    Bool(bool),
    /// A choice id or a text.
    Text(&'static str),
}

/// One parameter of a kind.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ParamSpec {
    /// Stable id, used in the document and the share link.
    pub id: &'static str,
    /// Label shown in the inspector.
    pub label: &'static str,
    /// Unit shown beside the value ("s", "ms", "MB", "req/s", "%"), or "".
    pub unit: &'static str,
    /// Type and bounds.
    pub ty: ParamType,
    /// Value used when the document does not set one.
    pub default: DefaultValue,
    /// Help text: what it does and the AWS fact behind the default.
    pub help: &'static str,
    /// For a number whose one value means "not set" (a feature AWS leaves
    /// off by default): that value and how the inspector says it.
    pub unset: Option<Unset>,
}

/// A number setting's "not set" state, shown as a checkbox beside the number
/// instead of a magic value to type.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Unset {
    /// The stored value that means "not set" (−1 for the settings that have one).
    pub value: f64,
    /// What the checkbox says ("Not enabled", "None").
    pub label: &'static str,
    /// The value stored when the box is cleared: the first one that sets it.
    pub enabled: f64,
}

impl ParamSpec {
    /// Whether `v` is this setting's "not set" value.
    #[must_use]
    pub fn is_unset(&self, v: &crate::design::ParamValue) -> bool {
        match (self.unset, v) {
            (Some(u), crate::design::ParamValue::Number(n)) => *n == u.value,
            _ => false,
        }
    }
}

/// What a connection from one kind to another means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LinkMeaning {
    /// The caller waits for the answer and holds a worker while it waits.
    SyncCall,
    /// The caller hands a message over and moves on.
    AsyncHandOff,
    /// A DNS record answers with the target.
    DnsAnswer,
    /// The target is registered in the load balancer's target group.
    TargetGroup,
    /// The target polls or is invoked by the source (event source mapping).
    EventSource,
    /// The source watches or configures the target (alarm actions, roles).
    Control,
}

/// A connection a kind accepts as its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Accept {
    /// Kind id of the target.
    pub to: &'static str,
    /// What the link means.
    pub meaning: LinkMeaning,
}

/// How a palette entry lands on the canvas.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Placement {
    /// A component with parameters and links.
    Node,
    /// A grouping frame (Region, Availability Zone, VPC).
    Frame(GroupKind),
    /// A text or sticky-note annotation.
    Note(AnnotationKind),
}

impl Placement {
    /// Whether entries of this placement become [`crate::design::Component`]s.
    #[must_use]
    pub fn is_node(self) -> bool {
        matches!(self, Placement::Node)
    }
}

/// One kind of component.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KindSpec {
    /// Stable id (`"alb"`, `"asg"`), used in documents, links and tests.
    pub id: &'static str,
    /// The same kind as a type.
    pub kind: Kind,
    /// What the simulator makes of it.
    pub role: Role,
    /// Which timeline events may name it.
    pub targets: EventTargets,
    /// Display name ("Application Load Balancer").
    pub name: &'static str,
    /// Short name for the canvas ("ALB").
    pub short: &'static str,
    /// Palette category.
    pub category: Category,
    /// Component, frame or note.
    pub placement: Placement,
    /// One-line description for the palette tooltip.
    pub summary: &'static str,
    /// Parameters, in inspector order.
    pub params: &'static [ParamSpec],
    /// Outgoing connections this kind may make.
    pub accepts: &'static [Accept],
    /// Settings the kind does not expose, with the value the simulator uses
    /// for them (a Spot Fleet has no scaling policy of its own: its target
    /// CPU is fixed). Parameter reads fall back to these after `params`.
    pub fixed: &'static [FixedParam],
}

/// A setting a kind does not let the user change, and its value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FixedParam {
    /// The parameter id other kinds expose (`"queue"`, `"error_pct"`).
    pub id: &'static str,
    /// The value this kind always has.
    pub value: DefaultValue,
}

impl KindSpec {
    /// The parameter with this id, if the kind has it.
    #[must_use]
    pub fn param(&self, id: &str) -> Option<&'static ParamSpec> {
        self.params.iter().find(|p| p.id == id)
    }

    /// The value a parameter takes when the document does not set it: the
    /// parameter's default, else the kind's fixed value for it; `None` when
    /// the kind knows neither.
    #[must_use]
    pub fn default_of(&self, id: &str) -> Option<DefaultValue> {
        self.param(id)
            .map(|p| p.default)
            .or_else(|| self.fixed.iter().find(|f| f.id == id).map(|f| f.value))
    }

    /// What a link from this kind to `to` would mean, or `None` if it is not allowed.
    #[must_use]
    pub fn link_to(&self, to: &str) -> Option<LinkMeaning> {
        self.accepts.iter().find(|a| a.to == to).map(|a| a.meaning)
    }
}

/// Every kind, in palette order.
#[must_use]
pub fn kinds() -> &'static [KindSpec] {
    KINDS
}

/// The kind with this id.
#[must_use]
pub fn kind(id: &str) -> Option<&'static KindSpec> {
    KINDS.iter().find(|k| k.id == id)
}

/// The palette: every category that has kinds, with its kinds in order.
#[must_use]
pub fn palette() -> Vec<(Category, Vec<&'static KindSpec>)> {
    Category::ALL
        .iter()
        .map(|&c| {
            (
                c,
                KINDS.iter().filter(|k| k.category == c).collect::<Vec<_>>(),
            )
        })
        .filter(|(_, ks)| !ks.is_empty())
        .collect()
}

/// Whether kind `k`'s id, name, short name, summary or category contains
/// `query` (ASCII letters in any case: the catalog's words are ASCII, and the
/// case tables of every script would weigh on the page); every kind matches
/// an empty query. The palette's search box filters with this.
#[must_use]
pub fn matches(k: &KindSpec, query: &str) -> bool {
    let q = query.trim().to_ascii_lowercase();
    q.is_empty()
        || [k.id, k.name, k.short, k.summary, k.category.label()]
            .iter()
            .any(|s| s.to_ascii_lowercase().contains(&q))
}

/// Kinds that [`matches`] `query`, in palette order.
#[must_use]
pub fn search(query: &str) -> Vec<&'static KindSpec> {
    KINDS.iter().filter(|k| matches(k, query)).collect()
}

/// Kinds a component of kind `from` may link to, with what each link means:
/// what the canvas highlights while a connection is being dragged.
#[must_use]
pub fn targets_of(from: &str) -> Vec<(&'static KindSpec, LinkMeaning)> {
    kind(from)
        .map(|k| {
            k.accepts
                .iter()
                .filter_map(|a| kind(a.to).map(|t| (t, a.meaning)))
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests;
