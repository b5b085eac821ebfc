//! Running one browser test: set up, run the body, check the console, save
//! artifacts on failure, tear down.

use std::fmt;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::time::Duration;

use futures_util::FutureExt;

use crate::error::HarnessError;
use crate::page::Page;
use crate::paths;
use crate::session::Session;

/// Longest a test body may run before it fails (so a hung page cannot hang CI).
pub const TEST_TIMEOUT: Duration = Duration::from_secs(180);

/// What a test body returns: any error fails the test.
pub type TestResult = std::result::Result<(), Box<dyn std::error::Error + Send + Sync>>;

/// Where a test gets its page from.
#[derive(Debug, Clone)]
pub enum Site {
    /// The built page (`$SKYDRAFT_DIST` or `<repo>/dist`).
    Dist,
    /// Another directory (fixtures, a copy of the page).
    Dir(PathBuf),
}

/// A failed browser test, with what was saved to explain it.
#[derive(Debug)]
pub struct Failure {
    /// The test's name.
    pub test: String,
    /// Why it failed.
    pub reason: String,
    /// Screenshots written, one per browser.
    pub screenshots: Vec<PathBuf>,
    /// DOM dumps written, one per browser.
    pub doms: Vec<PathBuf>,
    /// Problems while saving the artifacts, if any.
    pub artifact_problems: Vec<String>,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "browser test `{}` failed: {}", self.test, self.reason)?;
        for p in self.screenshots.iter().chain(&self.doms) {
            write!(f, "\n  saved {}", p.display())?;
        }
        for p in &self.artifact_problems {
            write!(f, "\n  could not save an artifact: {p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Failure {}

/// Runs `body` against the built page in a fresh browser and panics with a
/// [`Failure`] (screenshot and DOM saved) if anything goes wrong: a setup
/// problem, an error or panic in the body, or an error in the page's console.
///
/// `test` names the artifacts: `tests/artifacts/<test>.png` and `.html`.
pub async fn run<F, Fut>(test: &str, body: F)
where
    F: FnOnce(Page) -> Fut,
    Fut: Future<Output = TestResult>,
{
    if let Err(failure) = try_run(test, Site::Dist, body).await {
        panic!("{failure}");
    }
}

/// Like [`run`] but returns the failure instead of panicking, and can serve any directory.
///
/// # Errors
/// A [`Failure`] describing what went wrong and which artifacts were saved.
pub async fn try_run<F, Fut>(test: &str, site: Site, body: F) -> Result<(), Failure>
where
    F: FnOnce(Page) -> Fut,
    Fut: Future<Output = TestResult>,
{
    let fail = |reason: String| Failure {
        test: test.to_string(),
        reason,
        screenshots: Vec::new(),
        doms: Vec::new(),
        artifact_problems: Vec::new(),
    };
    let started = match &site {
        Site::Dist => Session::start().await,
        Site::Dir(dir) => Session::start_serving(dir).await,
    };
    let session = started.map_err(|e| fail(e.to_string()))?;

    // A panic in the body (a failed assert!) is caught here so that the
    // browser can still be photographed and shut down.
    let outcome = tokio::time::timeout(
        TEST_TIMEOUT,
        AssertUnwindSafe(body(session.page())).catch_unwind(),
    )
    .await;
    let mut reason = match outcome {
        Ok(Ok(Ok(()))) => None,
        Ok(Ok(Err(e))) => Some(e.to_string()),
        Ok(Err(panic)) => Some(panic_message(panic)),
        Err(_) => Some(format!(
            "the test did not finish within {} s",
            TEST_TIMEOUT.as_secs()
        )),
    };

    let pages = session.pages();
    let mut console = Vec::new();
    for page in &pages {
        match page.console_errors().await {
            Ok(errors) => console.extend(errors),
            Err(e) => console.push(format!("(could not read the console: {e})")),
        }
    }
    if !console.is_empty() {
        let list = console.join("\n    ");
        reason = Some(match reason {
            None => format!(
                "errors in the page's console (uncaught JS error or Rust panic):\n    {list}"
            ),
            Some(r) => format!("{r}\n  console errors:\n    {list}"),
        });
    }

    let result = match reason {
        None => {
            clear_artifacts(&paths::artifacts_dir(), test, pages.len());
            Ok(())
        }
        Some(reason) => {
            let mut failure = fail(reason);
            save_artifacts(&pages, &paths::artifacts_dir(), test, &mut failure).await;
            Err(failure)
        }
    };
    let closed = session.close().await;
    match (result, closed) {
        (Err(f), _) => Err(f),
        (Ok(()), Err(e)) => Err(fail(format!("could not close the browser: {e}"))),
        (Ok(()), Ok(())) => Ok(()),
    }
}

/// Removes artifacts an earlier failing run of `test` left, so that what is in
/// the folder always belongs to the last run.
fn clear_artifacts(dir: &Path, test: &str, pages: usize) {
    let stem = paths::artifact_stem(test);
    for i in 0..pages.max(1) {
        let name = if i == 0 {
            stem.clone()
        } else {
            format!("{stem}-{}", i + 1)
        };
        for ext in ["png", "html"] {
            // Usually absent; nothing to report either way.
            let _ = std::fs::remove_file(dir.join(format!("{name}.{ext}")));
        }
    }
}

/// Saves a screenshot and the DOM of every page as `<dir>/<test>[-n].png/.html`.
async fn save_artifacts(pages: &[Page], dir: &Path, test: &str, failure: &mut Failure) {
    if let Err(e) = std::fs::create_dir_all(dir) {
        failure
            .artifact_problems
            .push(HarnessError::io(format!("creating {}", dir.display()), e).to_string());
        return;
    }
    let stem = paths::artifact_stem(test);
    for (i, page) in pages.iter().enumerate() {
        let name = if i == 0 {
            stem.clone()
        } else {
            format!("{stem}-{}", i + 1)
        };
        let png = dir.join(format!("{name}.png"));
        match page.screenshot(&png).await {
            Ok(()) => failure.screenshots.push(png),
            Err(e) => failure
                .artifact_problems
                .push(format!("{}: {e}", png.display())),
        }
        let html = dir.join(format!("{name}.html"));
        let saved = match page.dom().await {
            Ok(dom) => std::fs::write(&html, dom)
                .map_err(|e| HarnessError::io(format!("writing {}", html.display()), e)),
            Err(e) => Err(e),
        };
        match saved {
            Ok(()) => failure.doms.push(html),
            Err(e) => failure.artifact_problems.push(e.to_string()),
        }
    }
}

/// The text of a panic payload (`panic!` with a literal or a formatted message).
fn panic_message(payload: Box<dyn std::any::Any + Send>) -> String {
    match payload.downcast::<String>() {
        Ok(s) => format!("panicked: {s}"),
        Err(payload) => match payload.downcast::<&'static str>() {
            Ok(s) => format!("panicked: {s}"),
            Err(_) => "panicked".to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn panic_payloads_become_text() {
        assert_eq!(panic_message(Box::new("static")), "panicked: static");
        assert_eq!(
            panic_message(Box::new(String::from("owned"))),
            "panicked: owned"
        );
        assert_eq!(panic_message(Box::new(3_u8)), "panicked");
    }

    #[test]
    fn failures_list_their_artifacts() {
        let f = Failure {
            test: "t".into(),
            reason: "r".into(),
            screenshots: vec![PathBuf::from("/a/t.png")],
            doms: vec![PathBuf::from("/a/t.html")],
            artifact_problems: Vec::new(),
        };
        let text = f.to_string();
        assert!(
            text.contains("`t` failed: r") && text.contains("saved /a/t.png"),
            "{text}"
        );
        assert!(text.contains("saved /a/t.html"), "{text}");
    }
}
