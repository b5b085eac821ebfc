//! What can go wrong while setting up or driving the browser.

use std::fmt;
use std::path::PathBuf;

/// A failure of the harness itself or of a check made through it.
///
/// Setup failures (`DistMissing`, `ToolMissing`, `DriverStart`) always end the
/// test: a browser test that cannot run must fail, never pass silently.
#[derive(Debug)]
#[non_exhaustive]
pub enum HarnessError {
    /// The page directory (or its `index.html`) does not exist.
    DistMissing {
        /// Where the page was looked for.
        path: PathBuf,
    },
    /// A program the harness starts is not installed.
    ToolMissing {
        /// What is missing ("chromedriver", "chromium").
        tool: &'static str,
        /// Where it was looked for.
        path: PathBuf,
        /// The environment variable that overrides the path.
        env: &'static str,
    },
    /// A file or process operation failed.
    Io {
        /// What the harness was doing.
        context: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// chromedriver did not start or did not answer in time.
    DriverStart {
        /// Why, with the tail of chromedriver's log.
        detail: String,
    },
    /// A WebDriver command failed.
    WebDriver(thirtyfour::error::WebDriverError),
    /// A condition did not hold before its deadline.
    Timeout {
        /// The condition that was waited for.
        what: String,
        /// How long the harness waited, in milliseconds.
        waited_ms: u128,
        /// The last thing observed, if the condition reported one.
        last: String,
    },
    /// A check made by a test or a helper failed.
    Check(String),
}

impl HarnessError {
    /// An I/O error with the action that caused it.
    pub fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        HarnessError::Io {
            context: context.into(),
            source,
        }
    }
}

impl fmt::Display for HarnessError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HarnessError::DistMissing { path } => write!(
                f,
                "the built page is missing: {} has no index.html. Build it first with \
                 `trunk build --release` in the repository root (or set SKYDRAFT_DIST to a \
                 directory holding a built page).",
                path.display()
            ),
            HarnessError::ToolMissing { tool, path, env } => write!(
                f,
                "{tool} is not installed at {}. Install what the browser tests need (the \
                 Debian packages chromium and chromium-driver, npm axe-core) with \
                 `bash scripts/install.sh --browser` (or set {env} to its path).",
                path.display()
            ),
            HarnessError::Io { context, source } => write!(f, "{context}: {source}"),
            HarnessError::DriverStart { detail } => {
                write!(f, "chromedriver did not start: {detail}")
            }
            HarnessError::WebDriver(e) => write!(f, "WebDriver: {e}"),
            HarnessError::Timeout {
                what,
                waited_ms,
                last,
            } => {
                write!(f, "timed out after {waited_ms} ms waiting for {what}")?;
                if !last.is_empty() {
                    write!(f, " (last seen: {last})")?;
                }
                Ok(())
            }
            HarnessError::Check(msg) => f.write_str(msg),
        }
    }
}

impl std::error::Error for HarnessError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            HarnessError::Io { source, .. } => Some(source),
            HarnessError::WebDriver(e) => Some(e),
            _ => None,
        }
    }
}

impl From<thirtyfour::error::WebDriverError> for HarnessError {
    fn from(e: thirtyfour::error::WebDriverError) -> Self {
        HarnessError::WebDriver(e)
    }
}

/// Shorthand for harness results.
pub type Result<T, E = HarnessError> = std::result::Result<T, E>;
