//! Accessibility checks with axe-core, injected into the page under test
//! (installed by `scripts/install.sh --browser` into `.tools/`).

use serde::Deserialize;

use super::Page;
use crate::error::{HarnessError, Result};
use crate::paths;

/// One rule axe-core found broken, with where.
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct Violation {
    /// The rule's id ("label", "color-contrast").
    pub id: String,
    /// "minor", "moderate", "serious" or "critical".
    pub impact: String,
    /// What the rule asks for.
    pub help: String,
    /// CSS selectors of the first elements that break it.
    pub targets: Vec<String>,
}

impl std::fmt::Display for Violation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} ({}): {} at {}",
            self.id,
            self.impact,
            self.help,
            self.targets.join(", ")
        )
    }
}

/// Runs axe-core over the page as it is now and returns its critical and
/// serious findings.
const RUN: &str = "
    return axe.run(document, { resultTypes: ['violations'] }).then(r => r.violations
      .filter(v => v.impact === 'critical' || v.impact === 'serious')
      .map(v => ({ id: v.id, impact: v.impact, help: v.help,
                   targets: v.nodes.slice(0, 4).map(n => n.target.join(' ')) })));";

impl Page {
    /// axe-core's critical and serious findings on the page as it is now.
    ///
    /// # Errors
    /// [`HarnessError::ToolMissing`] when axe-core is not installed; WebDriver failures.
    pub async fn axe(&self) -> Result<Vec<Violation>> {
        let path = paths::repo_root().join(".tools/node_modules/axe-core/axe.min.js");
        let path = paths::check_tool("axe-core", "SKYDRAFT_AXE", path)?;
        let loaded: bool = self.eval("return typeof axe !== 'undefined';").await?;
        if !loaded {
            let source = std::fs::read_to_string(&path)
                .map_err(|e| HarnessError::io("reading axe-core", e))?;
            self.driver().execute(&source, Vec::new()).await?;
        }
        self.eval(RUN).await
    }
}
