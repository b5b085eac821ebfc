//! Takes the README's screenshot: the default template after a run of the
//! "AZ outage at peak" preset, replayed at the outage, in headless Chromium.
//!
//! ```sh
//! trunk build --release
//! cargo run -p skydraft-tests --bin docs-screenshot [-- OUT.png]   # default docs/screenshot.png
//! ```

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use skydraft_tests::{Page, Session, paths, ui, wait};

type Error = Box<dyn std::error::Error + Send + Sync>;

/// Window of the screenshot, CSS pixels.
const WINDOW: (u32, u32) = (1600, 1000);

async fn click(page: &Page, css: &str) -> Result<(), Error> {
    let el = page.wait_for(css).await?;
    page.click(&el).await?;
    Ok(())
}

async fn shoot(session: &Session, out: &Path) -> Result<(), Error> {
    let page = session.page();
    page.driver()
        .set_window_rect(0, 0, WINDOW.0, WINDOW.1)
        .await?;
    page.open("/").await?;
    page.wait_for_count(&ui::components(), "components on the canvas", |n| n > 0)
        .await?;
    click(&page, "[data-preset=\"az-outage\"]").await?;
    click(&page, &ui::testid(ui::RUN)).await?;
    wait::run_finished(&page).await?;
    // Replay the moment the zone fails: its frame shaded, the load moved.
    let _: bool = page
        .eval(
            "const lines = [...document.querySelectorAll('[data-testid=\"log-line\"]')];
             const hit = lines.find(l => l.textContent.includes('is down')) || lines[0];
             hit.querySelector('button').click(); return true;",
        )
        .await?;
    page.wait_for("[data-group-id][data-outage]").await?;
    click(&page, &ui::testid("zoom-fit")).await?;
    tokio::time::sleep(Duration::from_millis(500)).await;
    page.screenshot(out).await?;
    Ok(())
}

#[tokio::main]
async fn main() -> ExitCode {
    let out = std::env::args().nth(1).map_or_else(
        || paths::repo_root().join("docs/screenshot.png"),
        PathBuf::from,
    );
    let session = match Session::start().await {
        Ok(s) => s,
        Err(e) => {
            eprintln!("docs-screenshot: {e}");
            return ExitCode::FAILURE;
        }
    };
    let result = shoot(&session, &out).await;
    if let Err(e) = session.close().await {
        eprintln!("docs-screenshot: could not close the browser: {e}");
    }
    match result {
        Ok(()) => {
            println!("wrote {}", out.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("docs-screenshot: {e}");
            ExitCode::FAILURE
        }
    }
}
