//! What a chart covers: the whole system or one component. A leaf, so the
//! chart's data and its event markers both use it without using each other.

use crate::design::ComponentId;

/// What a chart covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scope {
    /// The whole system.
    #[default]
    System,
    /// One component (drill-down).
    Component(ComponentId),
}
