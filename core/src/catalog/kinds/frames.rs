//! Palette entries that are not components: frames and notes.

use super::{Category, EventTargets, Kind, KindSpec, Placement, Role};
use crate::design::{AnnotationKind, GroupKind};

const fn entry(
    kind: Kind,
    name: &'static str,
    category: Category,
    placement: Placement,
    summary: &'static str,
) -> KindSpec {
    KindSpec {
        id: kind.id(),
        kind,
        role: Role::Layout,
        targets: EventTargets::NONE,
        name,
        short: name,
        category,
        placement,
        summary,
        params: &[],
        accepts: &[],
        fixed: &[],
    }
}

/// A Region frame.
pub(super) const REGION: KindSpec = entry(
    Kind::Region,
    "Region",
    Category::Grouping,
    Placement::Frame(GroupKind::Region),
    "An AWS Region; latency routing and multi-region failover use it.",
);

/// An Availability Zone frame.
pub(super) const AZ: KindSpec = entry(
    Kind::Az,
    "Availability Zone",
    Category::Grouping,
    Placement::Frame(GroupKind::AvailabilityZone),
    "One AZ; a component inside it is pinned to it and fails with it.",
);

/// A VPC frame.
pub(super) const VPC: KindSpec = entry(
    Kind::Vpc,
    "VPC",
    Category::Grouping,
    Placement::Frame(GroupKind::Vpc),
    "A virtual private cloud: components inside have private addresses.",
);

/// A text annotation.
pub(super) const TEXT: KindSpec = entry(
    Kind::Text,
    "Text",
    Category::Annotation,
    Placement::Note(AnnotationKind::Text),
    "Free text on the canvas.",
);

/// A sticky note.
pub(super) const STICKY: KindSpec = entry(
    Kind::Sticky,
    "Sticky note",
    Category::Annotation,
    Placement::Note(AnnotationKind::Sticky),
    "A note for the class or the reviewer.",
);
