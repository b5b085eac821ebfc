//! Printing diagnostics for people and for scripts.

use skydraft_core::design::{Design, Repair};
use skydraft_core::validate::{Diagnostic, Severity};

/// Diagnostics as text: one block per finding, then a summary line.
pub fn text(design: &Design, found: &[Diagnostic], repairs: &[Repair]) -> String {
    let mut out = String::new();
    for r in repairs {
        out.push_str(&format!("note: {r}\n"));
    }
    for d in found {
        let subjects: Vec<String> = d
            .components
            .iter()
            .map(|id| match design.component(*id) {
                Some(c) => format!("{id} \"{}\"", c.label),
                None => id.to_string(),
            })
            .chain(d.links.iter().map(ToString::to_string))
            .collect();
        let on = if subjects.is_empty() {
            String::new()
        } else {
            format!(" ({})", subjects.join(", "))
        };
        out.push_str(&format!(
            "{} [{}]{on}: {}\n  consequence: {}\n  fix: {}\n",
            d.severity, d.rule, d.message, d.consequence, d.fix
        ));
    }
    let errors = found
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = found.len() - errors;
    out.push_str(&format!(
        "{}: {errors} error{}, {warnings} warning{}",
        if design.name.is_empty() {
            "design"
        } else {
            &design.name
        },
        if errors == 1 { "" } else { "s" },
        if warnings == 1 { "" } else { "s" },
    ));
    out
}

/// Diagnostics and repairs as JSON.
pub fn json(found: &[Diagnostic], repairs: &[Repair]) -> String {
    let repairs: Vec<String> = repairs.iter().map(ToString::to_string).collect();
    serde_json::to_string_pretty(&serde_json::json!({
        "diagnostics": found,
        "repairs": repairs,
    }))
    .unwrap_or_default()
}
