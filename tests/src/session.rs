//! One browser test's world: the page server, chromedriver, and headless Chromium
//! sessions with fresh profiles.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use tempfile::TempDir;
use thirtyfour::{ChromiumLikeCapabilities, DesiredCapabilities, LoggingPrefsLogLevel, WebDriver};

use crate::chromedriver::Chromedriver;
use crate::error::{HarnessError, Result};
use crate::page::Page;
use crate::paths;
use crate::server::StaticServer;

/// Environment variable that overrides the Chromium path.
pub const CHROMIUM_ENV: &str = "CHROMIUM";
/// Where Debian's `chromium` package installs the browser.
pub const DEFAULT_CHROMIUM: &str = "/usr/bin/chromium";
/// Window size of every session, in CSS pixels.
pub const WINDOW_SIZE: (u32, u32) = (1400, 900);

/// Chromium switches for a quiet, reproducible headless browser.
const CHROMIUM_ARGS: &[&str] = &[
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
];

/// A browser with its own, fresh profile directory.
struct Browser {
    page: Page,
    /// The `--user-data-dir`; removed after the browser quits.
    profile: TempDir,
}

/// What pages need to open more browsers against the same server and chromedriver.
pub(crate) struct Launcher {
    chromium: PathBuf,
    chromedriver_url: String,
    base_url: String,
    browsers: Mutex<Vec<Browser>>,
}

impl Launcher {
    /// Opens a new headless Chromium with a fresh profile and returns its page.
    pub(crate) async fn launch(self: &Arc<Self>) -> Result<Page> {
        let profile = tempfile::Builder::new()
            .prefix("skydraft-profile-")
            .tempdir()
            .map_err(|e| HarnessError::io("creating a browser profile directory", e))?;
        let mut caps = DesiredCapabilities::chrome();
        let chromium = self.chromium.to_string_lossy();
        caps.set_binary(&chromium)?;
        for arg in CHROMIUM_ARGS {
            caps.add_arg(arg)?;
        }
        caps.add_arg(&format!(
            "--window-size={},{}",
            WINDOW_SIZE.0, WINDOW_SIZE.1
        ))?;
        caps.add_arg(&format!("--user-data-dir={}", profile.path().display()))?;
        caps.set_browser_log_level(LoggingPrefsLogLevel::All)?;
        let driver = WebDriver::new(&self.chromedriver_url, caps).await?;
        let page = Page::new(driver, self);
        self.browsers
            .lock()
            .map_err(|_| HarnessError::Check("browser list poisoned".into()))?
            .push(Browser {
                page: page.clone(),
                profile,
            });
        Ok(page)
    }

    /// The page server's address (`http://127.0.0.1:PORT`).
    pub(crate) fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Quits every browser; the first error is returned after all were tried.
    async fn quit_all(&self) -> Result<()> {
        let browsers: Vec<Browser> = match self.browsers.lock() {
            Ok(mut list) => list.drain(..).collect(),
            Err(poisoned) => poisoned.into_inner().drain(..).collect(),
        };
        let mut first = Ok(());
        for b in browsers {
            let quit = b.page.driver().clone().quit().await;
            drop(b.profile);
            if let (Err(e), Ok(())) = (quit, &first) {
                first = Err(e.into());
            }
        }
        first
    }
}

/// A page server, a chromedriver and a first browser, all owned by one test.
///
/// Call [`Session::close`] at the end; dropping without it still kills
/// chromedriver and stops the server, but quits browsers the slow way.
pub struct Session {
    launcher: Arc<Launcher>,
    page: Page,
    // Declared after the browsers' owner so it outlives them on drop.
    chromedriver: Chromedriver,
    server: StaticServer,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("server", &self.server)
            .field("chromedriver", &self.chromedriver.url())
            .finish_non_exhaustive()
    }
}

impl Session {
    /// Serves the built page (see [`paths::dist_dir`]) and opens a browser.
    ///
    /// # Errors
    /// Fails loudly, with the command to run, when the page is not built or
    /// Chromium/chromedriver are not installed.
    pub async fn start() -> Result<Self> {
        Self::start_serving(&paths::dist_dir()?).await
    }

    /// Serves `root` and opens a browser.
    ///
    /// # Errors
    /// See [`Session::start`].
    pub async fn start_serving(root: &Path) -> Result<Self> {
        let chromium = paths::tool("chromium", CHROMIUM_ENV, DEFAULT_CHROMIUM)?;
        let server = StaticServer::start(root)?;
        let chromedriver = Chromedriver::start().await?;
        let launcher = Arc::new(Launcher {
            chromium,
            chromedriver_url: chromedriver.url().to_string(),
            base_url: server.base_url().to_string(),
            browsers: Mutex::new(Vec::new()),
        });
        let page = match launcher.launch().await {
            Ok(page) => page,
            Err(e) => {
                return Err(HarnessError::DriverStart {
                    detail: format!(
                        "could not open Chromium: {e}; chromedriver log: {}",
                        chromedriver.log_tail()
                    ),
                });
            }
        };
        Ok(Session {
            launcher,
            page,
            chromedriver,
            server,
        })
    }

    /// The first browser's page (not yet navigated; call [`Page::open`]).
    #[must_use]
    pub fn page(&self) -> Page {
        self.page.clone()
    }

    /// Every page opened in this session (the first one, then fresh-profile ones).
    #[must_use]
    pub fn pages(&self) -> Vec<Page> {
        match self.launcher.browsers.lock() {
            Ok(list) => list.iter().map(|b| b.page.clone()).collect(),
            Err(_) => vec![self.page.clone()],
        }
    }

    /// The page server's address.
    #[must_use]
    pub fn base_url(&self) -> &str {
        self.server.base_url()
    }

    /// Quits every browser, then stops chromedriver and the server.
    ///
    /// # Errors
    /// The first browser that failed to quit (everything is still stopped).
    pub async fn close(self) -> Result<()> {
        let quit = self.launcher.quit_all().await;
        drop(self);
        quit
    }
}
