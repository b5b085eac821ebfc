//! Shared helpers for Skydraft's end-to-end tests.
//!
//! The browser harness serves a built page directory on 127.0.0.1, starts
//! chromedriver and headless Chromium itself, drives the page with real
//! pointer and keyboard input, and stops everything it started. A failing
//! test leaves `tests/artifacts/<test>.png` and `.html` behind.
//!
//! ```no_run
//! use skydraft_tests::{run, ui};
//!
//! #[tokio::test]
//! async fn palette_is_there() {
//!     run("palette_is_there", |page| async move {
//!         page.open("/").await?;
//!         page.wait_for(&ui::testid(ui::PALETTE)).await?;
//!         Ok(())
//!     })
//!     .await;
//! }
//! ```
//!
//! Missing prerequisites fail the test with the command to run: build the
//! page with `trunk build --release` (or point `SKYDRAFT_DIST` at a build),
//! and install `chromium` and `chromium-driver` (or point `CHROMIUM` and
//! `CHROMEDRIVER` at them).

pub mod chromedriver;
pub mod designs;
pub mod error;
pub mod page;
pub mod paths;
pub mod relay;
pub mod run;
pub mod server;
pub mod session;
pub mod structure;
pub mod ui;
pub mod wait;

pub use error::{HarnessError, Result};
pub use page::Page;
pub use relay::Relay;
pub use run::{Failure, Site, TestResult, run, try_run};
pub use session::Session;
pub use wait::{Poll, wait_for, wait_until};

/// Re-exported so tests need no direct dependency on the WebDriver client.
pub use thirtyfour::{Key, WebElement};
