//! Self-test of the browser harness against a tiny fixture page
//! (`tests/fixtures/page/`), independent of the app.

use std::path::Path;

use skydraft_tests::chromedriver::Chromedriver;
use skydraft_tests::server::StaticServer;
use skydraft_tests::{Key, Page, Site, TestResult, paths, try_run};
use tempfile::TempDir;

/// The smallest valid WebAssembly module: magic number and version 1.
const EMPTY_WASM: &[u8] = b"\0asm\x01\0\0\0";

/// A temporary copy of the fixture page plus a generated `probe.wasm`.
fn fixture_site() -> TempDir {
    let dir = tempfile::Builder::new()
        .prefix("skydraft-fixture-")
        .tempdir()
        .expect("temporary directory");
    let src = paths::fixtures_dir().join("page");
    for entry in std::fs::read_dir(&src).expect("tests/fixtures/page") {
        let entry = entry.expect("fixture entry");
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).expect("copy fixture");
    }
    std::fs::write(dir.path().join("probe.wasm"), EMPTY_WASM).expect("write probe.wasm");
    dir
}

/// Opens the fixture and waits until its script ran and its wasm loaded.
async fn open_fixture(page: &Page) -> TestResult {
    page.open("/").await?;
    let body = page.find("body").await?;
    skydraft_tests::wait_for("the fixture's wasm to load", async || {
        Ok(body.attr("data-wasm").await?.as_deref() == Some("ok"))
    })
    .await?;
    Ok(())
}

async fn attr_i64(
    page: &Page,
    css: &str,
    name: &str,
) -> Result<i64, Box<dyn std::error::Error + Send + Sync>> {
    let v = page.find(css).await?.attr(name).await?.unwrap_or_default();
    Ok(v.parse()?)
}

#[tokio::test]
async fn server_serves_files_with_their_types() {
    let site = fixture_site();
    let server = StaticServer::start(site.path()).unwrap();
    let client = reqwest::Client::new();
    let get = async |path: &str| {
        let r = client
            .get(format!("{}{path}", server.base_url()))
            .send()
            .await
            .unwrap();
        let ty = r
            .headers()
            .get("content-type")
            .map(|v| v.to_str().unwrap().to_string());
        (r.status().as_u16(), ty, r.bytes().await.unwrap())
    };
    let (status, ty, body) = get("/").await;
    assert_eq!(status, 200);
    assert!(ty.unwrap().starts_with("text/html"));
    assert!(String::from_utf8_lossy(&body).contains("harness fixture"));
    let (status, ty, body) = get("/probe.wasm").await;
    assert_eq!((status, ty.as_deref()), (200, Some("application/wasm")));
    assert_eq!(&body[..], EMPTY_WASM);
    let (status, ty, _) = get("/fixture.js?v=1").await;
    assert_eq!(status, 200);
    assert!(ty.unwrap().starts_with("text/javascript"));
    assert_eq!(get("/missing.js").await.0, 404);
    assert_eq!(get("/../Cargo.toml").await.0, 404);
}

#[tokio::test]
async fn chromedriver_starts_answers_and_stops() {
    let driver = Chromedriver::start().await.unwrap();
    let status = format!("{}/status", driver.url());
    let body = reqwest::get(&status).await.unwrap().text().await.unwrap();
    assert!(body.contains("\"ready\":true"), "{body}");
    drop(driver);
    assert!(
        reqwest::get(&status).await.is_err(),
        "chromedriver still answers after drop"
    );
}

#[tokio::test]
async fn pointer_drag_moves_an_element_and_keys_arrive() {
    let site = fixture_site();
    let result = try_run(
        "harness_pointer_drag",
        Site::Dir(site.path().into()),
        |page| async move {
            open_fixture(&page).await?;
            let before = page.hash().await?;
            let bx = page.find("[data-testid=box]").await?;
            page.drag_by(&bx, 200, 150).await?;
            let hash = page.wait_hash_change(&before).await?;
            assert_eq!(hash, "#x=300,250");
            assert_eq!(attr_i64(&page, "[data-testid=box]", "data-x").await?, 300);
            assert_eq!(attr_i64(&page, "[data-testid=box]", "data-y").await?, 250);
            let moves = attr_i64(&page, "[data-testid=box]", "data-moves").await?;
            assert!(
                moves >= 2,
                "a real drag sends several pointermove events, got {moves}"
            );

            // Drop onto another element, at its centre.
            let target = page.find("[data-testid=target]").await?;
            page.drag_to(&bx, &target, 0, 0).await?;
            let (bx_c, target_c) = (page.center_of(&bx).await?, page.center_of(&target).await?);
            assert!(
                (bx_c.0 - target_c.0).abs() <= 2.0 && (bx_c.1 - target_c.1).abs() <= 2.0,
                "box at {bx_c:?}, target at {target_c:?}"
            );

            // Keyboard: typing into a field, and a named key.
            let field = page.find("[data-testid=field]").await?;
            page.type_into(&field, "abc").await?;
            assert_eq!(field.value().await?.as_deref(), Some("abc"));
            page.press(Key::Escape).await?;
            let body = page.find("body").await?;
            assert_eq!(body.attr("data-last-key").await?.as_deref(), Some("Escape"));

            // The hash survives a reload.
            let hash = page.hash().await?;
            assert_eq!(hash, "#x=620,320", "box dropped centred on the target");
            page.reload().await?;
            assert_eq!(page.hash().await?, hash);
            Ok(())
        },
    )
    .await;
    if let Err(f) = result {
        panic!("{f}");
    }
}

fn assert_artifacts_saved(f: &skydraft_tests::Failure) {
    assert_eq!(f.screenshots.len(), 1, "{f}");
    let png = std::fs::read(&f.screenshots[0]).expect("screenshot file");
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "not a PNG");
    let dom = std::fs::read_to_string(&f.doms[0]).expect("DOM file");
    assert!(dom.contains("harness fixture"), "DOM dump lacks the page");
    assert!(
        f.to_string()
            .contains(&f.screenshots[0].display().to_string())
    );
    remove(&f.screenshots[0]);
    remove(&f.doms[0]);
}

fn remove(p: &Path) {
    std::fs::remove_file(p).expect("remove artifact");
}

#[tokio::test]
async fn a_failing_test_saves_a_screenshot_and_the_dom() {
    let site = fixture_site();
    let failure = try_run(
        "harness_failure_probe",
        Site::Dir(site.path().into()),
        |page| async move {
            open_fixture(&page).await?;
            Err("deliberate failure".into())
        },
    )
    .await
    .unwrap_err();
    assert!(failure.reason.contains("deliberate failure"), "{failure}");
    assert!(failure.screenshots[0].ends_with("tests/artifacts/harness_failure_probe.png"));
    assert_artifacts_saved(&failure);

    let failure = try_run(
        "harness_panic_probe",
        Site::Dir(site.path().into()),
        |page| async move {
            open_fixture(&page).await?;
            assert_eq!(1 + 1, 3, "deliberate panic");
            Ok(())
        },
    )
    .await
    .unwrap_err();
    assert!(failure.reason.contains("deliberate panic"), "{failure}");
    assert_artifacts_saved(&failure);
}

#[tokio::test]
async fn an_uncaught_page_error_fails_the_test() {
    let site = fixture_site();
    let failure = try_run(
        "harness_js_error_probe",
        Site::Dir(site.path().into()),
        |page| async move {
            open_fixture(&page).await?;
            page.click(&page.find("[data-testid=boom]").await?).await?;
            skydraft_tests::wait_for("the error to reach the console", async || {
                Ok(!page.console_errors().await?.is_empty())
            })
            .await?;
            Ok(())
        },
    )
    .await
    .unwrap_err();
    assert!(failure.reason.contains("fixture boom"), "{failure}");
    assert_artifacts_saved(&failure);
}

#[tokio::test]
async fn expected_page_errors_can_be_taken() {
    let site = fixture_site();
    let result = try_run(
        "harness_taken_error",
        Site::Dir(site.path().into()),
        |page| async move {
            open_fixture(&page).await?;
            page.click(&page.find("[data-testid=boom]").await?).await?;
            let errors = skydraft_tests::wait_until(
                "the error to reach the console",
                skydraft_tests::wait::DEFAULT_TIMEOUT,
                async || {
                    let e = page.take_console_errors().await?;
                    Ok(if e.is_empty() {
                        skydraft_tests::Poll::Pending("no errors".into())
                    } else {
                        skydraft_tests::Poll::Ready(e)
                    })
                },
            )
            .await?;
            assert!(
                errors.iter().any(|e| e.contains("fixture boom")),
                "{errors:?}"
            );
            Ok(())
        },
    )
    .await;
    if let Err(f) = result {
        panic!("{f}");
    }
}

#[tokio::test]
async fn a_fresh_browser_has_an_empty_profile() {
    let site = fixture_site();
    let result = try_run(
        "harness_fresh_profile",
        Site::Dir(site.path().into()),
        |page| async move {
            open_fixture(&page).await?;
            page.eval::<()>("localStorage.setItem('k', 'v')").await?;
            assert_eq!(
                page.eval::<Option<String>>("return localStorage.getItem('k')")
                    .await?
                    .as_deref(),
                Some("v")
            );
            let other = page.new_browser().await?;
            open_fixture(&other).await?;
            assert_eq!(
                other
                    .eval::<Option<String>>("return localStorage.getItem('k')")
                    .await?,
                None
            );
            Ok(())
        },
    )
    .await;
    if let Err(f) = result {
        panic!("{f}");
    }
}
