//! Palette entries that are not components: frames and notes.

use super::{Category, KindSpec, Placement};
use crate::design::{AnnotationKind, GroupKind};

const fn entry(
    id: &'static str,
    name: &'static str,
    category: Category,
    placement: Placement,
    summary: &'static str,
) -> KindSpec {
    KindSpec {
        id,
        name,
        short: name,
        category,
        placement,
        icon: id,
        summary,
        params: &[],
        accepts: &[],
    }
}

/// A Region frame.
pub(super) const REGION: KindSpec = entry(
    "region",
    "Region",
    Category::Grouping,
    Placement::Frame(GroupKind::Region),
    "An AWS Region; latency routing and multi-region failover use it.",
);

/// An Availability Zone frame.
pub(super) const AZ: KindSpec = entry(
    "az",
    "Availability Zone",
    Category::Grouping,
    Placement::Frame(GroupKind::AvailabilityZone),
    "One AZ; a component inside it is pinned to it and fails with it.",
);

/// A VPC frame.
pub(super) const VPC: KindSpec = entry(
    "vpc",
    "VPC",
    Category::Grouping,
    Placement::Frame(GroupKind::Vpc),
    "A virtual private cloud: components inside have private addresses.",
);

/// A text annotation.
pub(super) const TEXT: KindSpec = entry(
    "text",
    "Text",
    Category::Annotation,
    Placement::Note(AnnotationKind::Text),
    "Free text on the canvas.",
);

/// A sticky note.
pub(super) const STICKY: KindSpec = entry(
    "sticky",
    "Sticky note",
    Category::Annotation,
    Placement::Note(AnnotationKind::Sticky),
    "A note for the class or the reviewer.",
);
