//! The page's test contract: the stable attributes browser tests find things by.
//!
//! The app renders these attributes; tests never rely on classes, text or
//! layout. Each function returns a CSS selector.

/// `data-testid` of the palette container.
pub const PALETTE: &str = "palette";
/// `data-testid` of the design canvas (`<svg>`).
pub const CANVAS: &str = "canvas";
/// `data-testid` of the Run button.
pub const RUN: &str = "run";
/// `data-testid` of the Cancel button.
pub const CANCEL: &str = "cancel";
/// `data-testid` of the Undo button.
pub const UNDO: &str = "undo";
/// `data-testid` of the Redo button.
pub const REDO: &str = "redo";
/// `data-testid` of the Share menu button.
pub const SHARE: &str = "share";
/// `data-testid` of the Share menu's item that copies the link.
pub const SHARE_LINK: &str = "share-link";
/// `data-testid` of the Share menu's item that copies the view-only link.
pub const SHARE_VIEW_ONLY: &str = "share-view-only";
/// `data-testid` of the Export menu button.
pub const EXPORT: &str = "export";
/// `data-testid` of the Export menu's JSON item.
pub const EXPORT_JSON: &str = "export-json";
/// `data-testid` of the Export menu's SVG item.
pub const EXPORT_SVG: &str = "export-svg";
/// `data-testid` of the Export menu's PNG item.
pub const EXPORT_PNG: &str = "export-png";
/// `data-testid` of the design name field.
pub const DESIGN_NAME: &str = "design-name";
/// `data-testid` of the run status text.
pub const RUN_STATUS: &str = "run-status";
/// `data-testid` of the run progress indicator.
pub const RUN_PROGRESS: &str = "run-progress";
/// `data-testid` of the latency chart container.
pub const LATENCY_CHART: &str = "latency-chart";
/// `data-testid` of error and notice messages.
pub const TOAST: &str = "toast";
/// `data-testid` of the inspector panel.
pub const INSPECTOR: &str = "inspector";
/// The URL fragment prefix that holds a design.
pub const HASH_PREFIX: &str = "#d=";
/// The sessionStorage key naming the library entry a tab has open; the
/// entry's record is in localStorage under `skydraft_core::library::KEY_PREFIX`
/// followed by that id.
pub const TAB_KEY: &str = "skydraft.tab";
/// `data-testid` of the top bar's "My designs" button.
pub const MY_DESIGNS: &str = "my-designs";
/// `data-testid` of the "My designs" dialog.
pub const MY_DESIGNS_DIALOG: &str = "my-designs-dialog";
/// `data-testid` of one entry (a row) of "My designs"; the row carries
/// `data-entry` (its id) and `data-name`.
pub const DESIGN_ENTRY: &str = "design-entry";
/// `data-testid` of a message's button ("Undo", "Open the original").
pub const TOAST_ACTION: &str = "toast-action";
/// `data-testid` of the "Not saved" marker in the top bar.
pub const UNSAVED: &str = "unsaved";

/// Selector for an element by `data-testid`.
#[must_use]
pub fn testid(id: &str) -> String {
    format!("[data-testid=\"{id}\"]")
}

/// Selector for the palette item of a kind.
#[must_use]
pub fn palette_item(kind: &str) -> String {
    format!("{} [data-kind=\"{kind}\"]", testid(PALETTE))
}

/// Selector for every palette item.
#[must_use]
pub fn palette_items() -> String {
    format!("{} [data-kind]", testid(PALETTE))
}

/// Selector for every component on the canvas.
#[must_use]
pub fn components() -> String {
    format!("{} [data-component-id]", testid(CANVAS))
}

/// Selector for the canvas components of one kind.
#[must_use]
pub fn components_of(kind: &str) -> String {
    format!(
        "{} [data-component-id][data-kind=\"{kind}\"]",
        testid(CANVAS)
    )
}

/// Selector for one component by id.
#[must_use]
pub fn component(id: &str) -> String {
    format!("{} [data-component-id=\"{id}\"]", testid(CANVAS))
}

/// Selector for a component's connect handle.
#[must_use]
pub fn handle_for(id: &str) -> String {
    format!("[data-handle-for=\"{id}\"]")
}

/// Selector for every link on the canvas.
#[must_use]
pub fn links() -> String {
    format!("{} [data-link-id]", testid(CANVAS))
}

/// Selector for the links from one component to another.
#[must_use]
pub fn link(from: &str, to: &str) -> String {
    format!(
        "{} [data-link-id][data-from=\"{from}\"][data-to=\"{to}\"]",
        testid(CANVAS)
    )
}

/// Selector for an inspector field by parameter id.
#[must_use]
pub fn param(id: &str) -> String {
    format!("{} [data-param=\"{id}\"]", testid(INSPECTOR))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selectors_combine_the_contract_attributes() {
        assert_eq!(
            palette_item("alb"),
            "[data-testid=\"palette\"] [data-kind=\"alb\"]"
        );
        assert_eq!(
            link("c1", "c2"),
            "[data-testid=\"canvas\"] [data-link-id][data-from=\"c1\"][data-to=\"c2\"]"
        );
    }
}
