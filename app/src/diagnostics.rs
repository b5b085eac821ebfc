//! Validation results from core, shared by the canvas markers, the status
//! line and the inspector.

use leptos::prelude::*;
use skydraft_core::design::{ComponentId, LinkId};
use skydraft_core::validate::{self, Diagnostic, Severity};

use crate::state::Editor;

/// The current findings, recomputed when the design changes; provided as context.
#[derive(Clone, Copy)]
pub struct DiagCtx(pub Memo<Vec<Diagnostic>>);

impl DiagCtx {
    /// Findings of the editor's design.
    #[must_use]
    pub fn new(editor: Editor) -> Self {
        DiagCtx(Memo::new(move |_| editor.design.with(validate::validate)))
    }

    /// The context provided by the app.
    ///
    /// # Panics
    /// Outside the app's component tree (a programming error).
    #[must_use]
    pub fn get() -> Self {
        expect_context::<DiagCtx>()
    }

    /// Errors and warnings (tracked).
    #[must_use]
    pub fn counts(&self) -> (usize, usize) {
        self.0.with(|ds| counts(ds))
    }

    /// The worst severity about a component (tracked).
    #[must_use]
    pub fn worst_for_component(&self, id: ComponentId) -> Option<Severity> {
        self.0.with(|ds| {
            ds.iter()
                .filter(|d| d.components.contains(&id))
                .map(|d| d.severity)
                .max()
        })
    }

    /// The worst severity about a link (tracked).
    #[must_use]
    pub fn worst_for_link(&self, id: LinkId) -> Option<Severity> {
        self.0.with(|ds| {
            ds.iter()
                .filter(|d| d.links.contains(&id))
                .map(|d| d.severity)
                .max()
        })
    }
}

/// Numbers of errors and warnings.
#[must_use]
pub fn counts(ds: &[Diagnostic]) -> (usize, usize) {
    let errors = ds.iter().filter(|d| d.severity == Severity::Error).count();
    (errors, ds.len() - errors)
}

/// The status line's wording of the counts.
#[must_use]
pub fn summary(errors: usize, warnings: usize) -> String {
    match (errors, warnings) {
        (0, 0) => "No problems found".to_owned(),
        (e, w) => format!("{} · {}", counted(e, "error"), counted(w, "warning")),
    }
}

/// `n` and a noun that takes an s: "1 frame", "2 frames".
pub fn counted(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}

/// One finding with its consequence and fix.
#[component]
pub fn DiagnosticCard(
    /// The finding.
    diagnostic: Diagnostic,
) -> impl IntoView {
    let class = match diagnostic.severity {
        Severity::Error => "diag error",
        Severity::Warning => "diag warning",
    };
    view! {
        <div class=class data-rule=diagnostic.rule>
            <p class="diag-msg"><span class="diag-sev">{diagnostic.severity.to_string()}</span>{crate::cite::cited(&diagnostic.message)}</p>
            <p class="diag-more">{crate::cite::cited(&diagnostic.consequence)}</p>
            <p class="diag-fix"><strong>"Fix: "</strong>{crate::cite::cited(&diagnostic.fix)}</p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summaries_read_well() {
        assert_eq!(summary(0, 0), "No problems found");
        assert_eq!(summary(1, 2), "1 error · 2 warnings");
    }
}
