//! A browser tab under test: navigation, queries, scripts, console errors.
//!
//! Input (pointer drags, clicks, keys) lives in [`input`](crate::page::input).

pub mod axe;
pub mod input;
pub mod touch;

use std::path::Path;
use std::sync::{Arc, Mutex, Weak};

use serde::de::DeserializeOwned;
use thirtyfour::{By, WebDriver, WebElement};

use crate::error::{HarnessError, Result};
use crate::session::Launcher;
use crate::wait::{self, Poll};

/// One browser tab of a [`Session`](crate::Session). Cheap to clone; clones share the tab.
#[derive(Clone)]
pub struct Page {
    driver: WebDriver,
    launcher: Weak<Launcher>,
    base_url: Arc<str>,
    /// Console errors read from the browser so far and not yet taken.
    errors: Arc<Mutex<Vec<String>>>,
}

impl std::fmt::Debug for Page {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Page")
            .field("base_url", &self.base_url)
            .finish_non_exhaustive()
    }
}

impl Page {
    pub(crate) fn new(driver: WebDriver, launcher: &Arc<Launcher>) -> Self {
        Page {
            base_url: Arc::from(launcher.base_url()),
            driver,
            launcher: Arc::downgrade(launcher),
            errors: Arc::new(Mutex::new(Vec::new())),
        }
    }

    /// The underlying WebDriver session, for anything the helpers do not cover.
    #[must_use]
    pub fn driver(&self) -> &WebDriver {
        &self.driver
    }

    /// The absolute URL for a path (`/`, `index.html`) or a fragment (`#d=…`).
    #[must_use]
    pub fn url_for(&self, path_or_fragment: &str) -> String {
        if path_or_fragment.starts_with('#') {
            format!("{}/{path_or_fragment}", self.base_url)
        } else {
            format!(
                "{}/{}",
                self.base_url,
                path_or_fragment.trim_start_matches('/')
            )
        }
    }

    /// Navigates to a path or fragment on the page server and waits for the load to finish.
    ///
    /// # Errors
    /// WebDriver failures, or the document not completing within the default timeout.
    pub async fn open(&self, path_or_fragment: &str) -> Result<()> {
        self.driver.goto(self.url_for(path_or_fragment)).await?;
        self.wait_loaded().await
    }

    /// Reloads the tab and waits for the load to finish.
    ///
    /// # Errors
    /// As for [`Page::open`].
    pub async fn reload(&self) -> Result<()> {
        self.driver.refresh().await?;
        self.wait_loaded().await
    }

    async fn wait_loaded(&self) -> Result<()> {
        wait::wait_for("document.readyState == complete", async || {
            Ok(self.eval::<String>("return document.readyState").await? == "complete")
        })
        .await
    }

    /// Opens a new headless browser with a fresh profile (empty storage) on the same server.
    ///
    /// # Errors
    /// If the session has ended or Chromium cannot start.
    pub async fn new_browser(&self) -> Result<Page> {
        let launcher = self
            .launcher
            .upgrade()
            .ok_or_else(|| HarnessError::Check("the session has ended".into()))?;
        launcher.launch().await
    }

    /// Runs `script` (a function body; use `return`) and converts its result.
    ///
    /// # Errors
    /// Script errors, or a result that does not convert to `T`.
    pub async fn eval<T: DeserializeOwned>(&self, script: &str) -> Result<T> {
        self.eval_with(script, Vec::new()).await
    }

    /// Like [`Page::eval`] with `arguments[0..]` bound to `args`.
    ///
    /// # Errors
    /// As for [`Page::eval`].
    pub async fn eval_with<T: DeserializeOwned>(
        &self,
        script: &str,
        args: Vec<serde_json::Value>,
    ) -> Result<T> {
        let ret = self.driver.execute(script, args).await?;
        ret.convert().map_err(HarnessError::from)
    }

    /// The current `location.hash`, including the `#` (empty if none).
    ///
    /// # Errors
    /// WebDriver failures.
    pub async fn hash(&self) -> Result<String> {
        self.eval("return location.hash").await
    }

    /// The first element matching a CSS selector.
    ///
    /// # Errors
    /// `NoSuchElement` (as [`HarnessError::WebDriver`]) if none matches now.
    pub async fn find(&self, css: &str) -> Result<WebElement> {
        Ok(self.driver.find(By::Css(css)).await?)
    }

    /// Every element matching a CSS selector (possibly none).
    ///
    /// # Errors
    /// WebDriver failures.
    pub async fn find_all(&self, css: &str) -> Result<Vec<WebElement>> {
        Ok(self.driver.find_all(By::Css(css)).await?)
    }

    /// Waits until an element matches `css` and returns it.
    ///
    /// # Errors
    /// [`HarnessError::Timeout`] after [`wait::DEFAULT_TIMEOUT`].
    pub async fn wait_for(&self, css: &str) -> Result<WebElement> {
        wait::wait_until(
            &format!("an element matching {css}"),
            wait::DEFAULT_TIMEOUT,
            async || {
                Ok(match self.find_all(css).await?.into_iter().next() {
                    Some(e) => Poll::Ready(e),
                    None => Poll::Pending("no match".into()),
                })
            },
        )
        .await
    }

    /// Waits until the number of elements matching `css` satisfies `ok`, and returns them.
    ///
    /// # Errors
    /// [`HarnessError::Timeout`] after [`wait::DEFAULT_TIMEOUT`], with the last count.
    pub async fn wait_for_count(
        &self,
        css: &str,
        what: &str,
        ok: impl Fn(usize) -> bool,
    ) -> Result<Vec<WebElement>> {
        wait::wait_until(
            &format!("{what} ({css})"),
            wait::DEFAULT_TIMEOUT,
            async || {
                let all = self.find_all(css).await?;
                Ok(if ok(all.len()) {
                    Poll::Ready(all)
                } else {
                    Poll::Pending(format!("{} matches", all.len()))
                })
            },
        )
        .await
    }

    /// Waits until no element matches `css`.
    ///
    /// # Errors
    /// [`HarnessError::Timeout`] after [`wait::DEFAULT_TIMEOUT`].
    pub async fn wait_gone(&self, css: &str) -> Result<()> {
        self.wait_for_count(css, "no matching element", |n| n == 0)
            .await
            .map(drop)
    }

    /// Waits until `location.hash` differs from `old` and returns the new one.
    ///
    /// # Errors
    /// [`HarnessError::Timeout`] after [`wait::DEFAULT_TIMEOUT`].
    pub async fn wait_hash_change(&self, old: &str) -> Result<String> {
        wait::wait_until(
            "location.hash to change",
            wait::DEFAULT_TIMEOUT,
            async || {
                let now = self.hash().await?;
                Ok(if now == old {
                    Poll::Pending(now)
                } else {
                    Poll::Ready(now)
                })
            },
        )
        .await
    }

    /// The serialized DOM as it is now (not the served HTML).
    ///
    /// # Errors
    /// WebDriver failures.
    pub async fn dom(&self) -> Result<String> {
        self.eval("return document.documentElement.outerHTML").await
    }

    /// Saves a PNG screenshot of the viewport to `path`.
    ///
    /// # Errors
    /// WebDriver or file-system failures.
    pub async fn screenshot(&self, path: &Path) -> Result<()> {
        let png = self.driver.screenshot_as_png().await?;
        std::fs::write(path, png)
            .map_err(|e| HarnessError::io(format!("writing {}", path.display()), e))
    }

    /// Reads new browser console entries and returns every error seen so far
    /// (uncaught exceptions, `console.error` — which is where Rust panics go —
    /// and failed loads), without taking them.
    ///
    /// # Errors
    /// WebDriver failures.
    pub async fn console_errors(&self) -> Result<Vec<String>> {
        let fresh: Vec<String> = self
            .driver
            .browser_log()
            .await?
            .into_iter()
            .filter(|e| is_error(&e.level, &e.message))
            .map(|e| e.message)
            .collect();
        let mut errors = self
            .errors
            .lock()
            .map_err(|_| HarnessError::Check("console list poisoned".into()))?;
        errors.extend(fresh);
        Ok(errors.clone())
    }

    /// Like [`Page::console_errors`], but also forgets them: for tests that
    /// provoke an error on purpose. The harness fails any test that leaves
    /// errors behind.
    ///
    /// # Errors
    /// WebDriver failures.
    pub async fn take_console_errors(&self) -> Result<Vec<String>> {
        let all = self.console_errors().await?;
        if let Ok(mut errors) = self.errors.lock() {
            errors.clear();
        }
        Ok(all)
    }
}

/// Whether a console entry is an error the test should fail on.
///
/// Chromium asks every site for `/favicon.ico`; its absence is not the page's fault.
#[must_use]
pub fn is_error(level: &str, message: &str) -> bool {
    level.eq_ignore_ascii_case("SEVERE") && !message.contains("/favicon.ico")
}

#[cfg(test)]
mod tests {
    use super::is_error;

    #[test]
    fn severe_entries_except_the_favicon_are_errors() {
        assert!(is_error("SEVERE", "http://x/ 3:7 Uncaught Error: boom"));
        assert!(!is_error("WARNING", "deprecated"));
        assert!(!is_error(
            "SEVERE",
            "http://127.0.0.1:1/favicon.ico - Failed to load resource: 404"
        ));
    }
}
