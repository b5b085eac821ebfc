//! Installable, offline, locked down: the manifest, the service worker that
//! lets a loaded page reload and run with the network cut, the notice of a new
//! version, and the Content-Security-Policy that refuses injected scripts.

use std::path::Path;
use std::time::Duration;

use skydraft_tests::page::touch::{PHONE, Screen, TABLET};
use skydraft_tests::server::StaticServer;
use skydraft_tests::{HarnessError, Page, Poll, paths, ui, wait};

use crate::app::Error;
use crate::run_page::{click, shot};

type R<T> = Result<T, Error>;

/// Opens `url` and waits for the design on the canvas.
async fn open_at(page: &Page, url: &str) -> R<()> {
    page.driver().goto(url).await?;
    page.wait_for_count(&ui::components(), "components on the canvas", |n| n > 0)
        .await?;
    Ok(())
}

/// Waits until a service worker controls the page (it has cached the page).
async fn wait_controlled(page: &Page) -> R<()> {
    wait::wait_until(
        "a service worker to control the page",
        Duration::from_secs(30),
        async || {
            let on: bool = page
                .eval("return !!(navigator.serviceWorker && navigator.serviceWorker.controller);")
                .await?;
            Ok(if on {
                Poll::Ready(())
            } else {
                Poll::Pending("no controller yet".into())
            })
        },
    )
    .await?;
    Ok(())
}

/// The names of the page's caches.
async fn cache_names(page: &Page) -> R<Vec<String>> {
    let names: Vec<String> = page
        .driver()
        .execute_async(
            "const done = arguments[arguments.length - 1]; caches.keys().then(done, () => done([]));",
            Vec::new(),
        )
        .await?
        .convert()
        .map_err(HarnessError::from)?;
    Ok(names)
}

/// A copy of the built page in a temporary folder, to change and serve.
fn copy_of_page() -> R<tempfile::TempDir> {
    let dist = paths::dist_dir()?;
    let dir = tempfile::Builder::new()
        .prefix("skydraft-page-")
        .tempdir()?;
    for entry in std::fs::read_dir(&dist)? {
        let entry = entry?;
        if entry.file_type()?.is_file() {
            std::fs::copy(entry.path(), dir.path().join(entry.file_name()))?;
        }
    }
    Ok(dir)
}

/// Console errors left by the network being cut (failed loads), taken so the
/// harness does not count them; anything else is returned.
async fn unexpected_errors(page: &Page) -> R<Vec<String>> {
    Ok(page
        .take_console_errors()
        .await?
        .into_iter()
        .filter(|e| !e.contains("ERR_CONNECTION_REFUSED") && !e.contains("Failed to fetch"))
        .collect())
}

/// On `screen` (the desktop window when `None`): loads the page from a
/// server, cuts the network, reloads and runs.
async fn reload_and_run_offline(page: &Page, screen: Option<Screen>) -> R<()> {
    if let Some(screen) = screen {
        page.emulate(screen).await?;
    }
    let server = StaticServer::start(&paths::dist_dir()?)?;
    let url = format!("{}/", server.base_url());
    open_at(page, &url).await?;
    wait_controlled(page).await?;
    let manifest: String = page
        .eval("return document.querySelector('link[rel=manifest]').href;")
        .await?;
    assert!(manifest.ends_with("/manifest.webmanifest"), "{manifest}");

    // The network goes: the server stops answering.
    drop(server);
    let reachable: bool = page
        .driver()
        .execute_async(
            "const done = arguments[arguments.length - 1];
             fetch('probe-' + Date.now(), {signal: AbortSignal.timeout(3000)})
               .then(() => done(true), () => done(false));",
            Vec::new(),
        )
        .await?
        .convert()
        .map_err(HarnessError::from)?;
    assert!(!reachable, "the server still answers");

    // Reload, and run: the page and the simulation worker come from the cache.
    page.driver().refresh().await?;
    page.wait_for_count(
        &ui::components(),
        "components after an offline reload",
        |n| n > 0,
    )
    .await?;
    let run = if screen.is_some() {
        "mobile-run"
    } else {
        ui::RUN
    };
    let button = page.wait_for(&ui::testid(run)).await?;
    if screen.is_some() {
        let (x, y) = page.center_of(&button).await?;
        page.tap(x, y).await?;
    } else {
        page.click(&button).await?;
    }
    wait::run_finished(page).await?;
    page.wait_for(&ui::testid(ui::LATENCY_CHART)).await?;
    let name = screen.map_or("desktop", |s| s.name);
    shot(page, &format!("offline-run-{name}")).await?;
    let left = unexpected_errors(page).await?;
    assert!(left.is_empty(), "errors while offline: {left:?}");
    Ok(())
}

#[tokio::test]
async fn a_loaded_page_reloads_and_runs_with_the_network_cut() {
    skydraft_tests::run(
        "a_loaded_page_reloads_and_runs_with_the_network_cut",
        |page| async move { reload_and_run_offline(&page, None).await },
    )
    .await;
}

#[tokio::test]
async fn a_loaded_page_reloads_and_runs_offline_on_a_tablet() {
    skydraft_tests::run(
        "a_loaded_page_reloads_and_runs_offline_on_a_tablet",
        |page| async move { reload_and_run_offline(&page, Some(TABLET)).await },
    )
    .await;
}

#[tokio::test]
async fn a_loaded_page_reloads_and_runs_offline_on_a_phone() {
    skydraft_tests::run(
        "a_loaded_page_reloads_and_runs_offline_on_a_phone",
        |page| async move { reload_and_run_offline(&page, Some(PHONE)).await },
    )
    .await;
}

#[tokio::test]
async fn a_new_version_is_offered_and_taken_up_on_reload() {
    skydraft_tests::run(
        "a_new_version_is_offered_and_taken_up_on_reload",
        |page| async move {
            let copy = copy_of_page()?;
            let server = StaticServer::start(copy.path())?;
            let url = format!("{}/", server.base_url());
            open_at(&page, &url).await?;
            wait_controlled(&page).await?;
            let first = cache_names(&page).await?;
            assert_eq!(first.len(), 1, "one cache: {first:?}");
            assert!(
                page.find_all(&ui::testid("update-notice"))
                    .await?
                    .is_empty(),
                "no notice on the first visit"
            );

            // A new build is deployed: its service worker differs.
            next_version(copy.path(), "test-next")?;
            page.driver().refresh().await?;
            page.wait_for(&ui::testid("update-notice")).await?;
            shot(&page, "offline-new-version").await?;
            click(&page, &ui::testid("update-reload")).await?;
            wait::wait_until(
                "the new version to take over",
                Duration::from_secs(20),
                async || {
                    let names = cache_names(&page)
                        .await
                        .map_err(|e| HarnessError::Check(format!("reading the caches: {e}")))?;
                    let notice = page.find_all(&ui::testid("update-notice")).await?;
                    Ok(if names == ["skydraft-test-next"] && notice.is_empty() {
                        Poll::Ready(())
                    } else {
                        Poll::Pending(format!(
                            "caches {names:?}, notice shown: {}",
                            !notice.is_empty()
                        ))
                    })
                },
            )
            .await?;
            page.wait_for_count(&ui::components(), "components after the update", |n| n > 0)
                .await?;
            drop(server);
            Ok(())
        },
    )
    .await;
}

/// Rewrites the served sw.js as the next build would: another version.
fn next_version(dir: &Path, version: &str) -> R<()> {
    let path = dir.join("sw.js");
    let sw = std::fs::read_to_string(&path)?;
    let start = sw
        .find("const VERSION = \"")
        .ok_or("sw.js has no VERSION")?
        + 17;
    let end = start + sw[start..].find('"').ok_or("VERSION is not closed")?;
    let next = format!("{}{version}{}", &sw[..start], &sw[end..]);
    std::fs::write(&path, next)?;
    Ok(())
}

#[tokio::test]
async fn an_injected_script_does_not_run() {
    skydraft_tests::run("an_injected_script_does_not_run", |page| async move {
        page.open("/").await?;
        page.wait_for_count(&ui::components(), "components on the canvas", |n| n > 0)
            .await?;
        // The page's own inline script (the theme, allowed by its hash) ran.
        let theme: String = page
            .eval("return document.documentElement.dataset.theme || '';")
            .await?;
        assert!(
            theme == "light" || theme == "dark",
            "theme script: {theme:?}"
        );
        let policy: String = page
            .eval(
                "const m = document.querySelector('meta[http-equiv=\"Content-Security-Policy\"]');
                 return m ? m.content : '';",
            )
            .await?;
        let scripts = policy
            .split(';')
            .map(str::trim)
            .find(|d| d.starts_with("script-src "))
            .ok_or_else(|| format!("no script-src in {policy:?}"))?;
        assert!(scripts.starts_with("script-src 'self' "), "{scripts}");
        assert!(
            scripts
                .split_whitespace()
                .all(|t| t != "'unsafe-inline'" && t != "'unsafe-eval'"),
            "{scripts}"
        );

        // An inline script, a foreign script and an eval, as an injection
        // would try them; none runs, and the browser reports each refusal.
        let _: bool = page
            .eval(
                "window.__injected = [];
                 window.__refused = [];
                 document.addEventListener('securitypolicyviolation',
                   e => window.__refused.push(e.effectiveDirective));
                 const s = document.createElement('script');
                 s.textContent = 'window.__injected.push(\"inline\")';
                 document.body.appendChild(s);
                 const f = document.createElement('script');
                 f.src = 'data:text/javascript,window.__injected.push(\"data\")';
                 document.body.appendChild(f);
                 const x = document.createElement('script');
                 x.src = 'http://localhost:9/x.js';
                 document.body.appendChild(x);
                 const img = document.createElement('img');
                 img.setAttribute('onload', 'window.__injected.push(\"handler\")');
                 img.setAttribute('src', 'icon-192.png');
                 document.body.appendChild(img);
                 return true;",
            )
            .await?;
        let refused: Vec<String> = wait::wait_until(
            "the browser to report the refusals",
            Duration::from_secs(5),
            async || {
                let r: Vec<String> = page.eval("return window.__refused;").await?;
                Ok(if r.len() >= 4 {
                    Poll::Ready(r)
                } else {
                    Poll::Pending(format!("{r:?}"))
                })
            },
        )
        .await?;
        let ran: Vec<String> = page.eval("return window.__injected;").await?;
        assert!(ran.is_empty(), "injected code ran: {ran:?}");
        assert!(
            refused.iter().all(|d| d.starts_with("script-src")),
            "refused by {refused:?}"
        );
        // The refusals are logged as errors; they were provoked here.
        let logged = page.take_console_errors().await?;
        assert!(
            logged.iter().all(|e| e.contains("Content Security Policy")),
            "other errors: {logged:?}"
        );
        Ok(())
    })
    .await;
}
