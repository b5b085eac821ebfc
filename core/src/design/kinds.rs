//! What frames and notes are: a leaf the catalog uses to list them in the
//! palette, without importing the rest of the document model.

use serde::{Deserialize, Serialize};

/// What a grouping frame stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupKind {
    /// An AWS Region.
    Region,
    /// An Availability Zone.
    AvailabilityZone,
    /// A virtual private cloud.
    Vpc,
}

/// What an annotation looks like.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnnotationKind {
    /// Free text on the canvas.
    Text,
    /// A sticky note.
    Sticky,
    /// A pen stroke drawn by hand.
    Pen,
    /// A highlighter stroke: wide and see-through.
    Highlighter,
}
