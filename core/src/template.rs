//! Templates: the classic solution architectures, each a valid design with a
//! default scenario and a short teaching note.

mod build;
mod classic;

use crate::design::Design;
use crate::scenario::Scenario;

/// Id of the template a new page opens with.
pub const DEFAULT_ID: &str = "alb-asg";

/// A ready-made design for the gallery.
#[derive(Debug, Clone, PartialEq)]
pub struct Template {
    /// Stable id, used in URLs (`?t=alb-asg`) and on the command line.
    pub id: &'static str,
    /// Title shown in the gallery.
    pub name: &'static str,
    /// What the design teaches and what to try with it.
    pub note: &'static str,
    /// The design.
    pub design: Design,
    /// The scenario it opens with.
    pub scenario: Scenario,
}

/// Every template, in gallery order.
#[must_use]
pub fn all() -> Vec<Template> {
    vec![classic::ec2_eip(), classic::alb_asg()]
}

/// The template with this id.
#[must_use]
pub fn get(id: &str) -> Option<Template> {
    all().into_iter().find(|t| t.id == id)
}

/// Ids of every template, in gallery order.
#[must_use]
pub fn ids() -> Vec<&'static str> {
    all().iter().map(|t| t.id).collect()
}
