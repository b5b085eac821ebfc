//! Validation: what the simulator refuses (errors) and what a teacher would
//! point at (warnings). Every [`Diagnostic`] names its rule, the components and
//! links it is about, what goes wrong, the consequence and a fix.
//!
//! ```
//! use skydraft_core::{template, validate};
//! let t = template::get(template::DEFAULT_ID).ok_or("no default template")?;
//! let diagnostics = validate::validate(&t.design);
//! assert!(diagnostics.iter().all(|d| d.severity != validate::Severity::Error));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod ctx;
mod rules;

use std::fmt;

use serde::Serialize;

use crate::design::{ComponentId, Design, LinkId};

pub use rules::RULES;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The design runs, but a teacher would point at this.
    Warning,
    /// The simulator refuses the design until this is fixed.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Stable rule id ("asg-min-max").
    pub rule: &'static str,
    /// Components concerned (the canvas marks them).
    pub components: Vec<ComponentId>,
    /// Links concerned.
    pub links: Vec<LinkId>,
    /// What is wrong, naming the components by label.
    pub message: String,
    /// What happens because of it.
    pub consequence: String,
    /// How to fix it.
    pub fix: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} [{}]: {} — {} Fix: {}",
            self.severity, self.rule, self.message, self.consequence, self.fix
        )
    }
}

/// A validation rule.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// Stable id.
    pub id: &'static str,
    /// Error or warning.
    pub severity: Severity,
    /// One-line statement of the rule.
    pub title: &'static str,
    pub(crate) check: fn(&ctx::Ctx<'_>, &mut Vec<Diagnostic>),
}

/// Every finding for the design, errors first, then in rule order.
#[must_use]
pub fn validate(design: &Design) -> Vec<Diagnostic> {
    let ctx = ctx::Ctx::new(design);
    let mut out = Vec::new();
    for rule in RULES {
        (rule.check)(&ctx, &mut out);
    }
    out.sort_by_key(|d| std::cmp::Reverse(d.severity));
    out
}

/// Whether the simulator accepts the design (no error diagnostics).
#[must_use]
pub fn is_runnable(design: &Design) -> bool {
    validate(design)
        .iter()
        .all(|d| d.severity != Severity::Error)
}

/// Findings about one component (for the inspector).
#[must_use]
pub fn for_component(diagnostics: &[Diagnostic], id: ComponentId) -> Vec<&Diagnostic> {
    diagnostics
        .iter()
        .filter(|d| d.components.contains(&id))
        .collect()
}
