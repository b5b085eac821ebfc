//! Compare architectures: the design on the canvas and a template picked
//! with real clicks and keys, every run of the comparison in the worker with
//! progress, then one table with a row per design, the best figure marked,
//! the CLI's CSV copied; at 1280 px and 390 px, light and dark; Cancel and
//! input that cannot run.

use std::time::Duration;

use skydraft_tests::page::touch::PHONE;
use skydraft_tests::{Key, Page, Poll, ui, wait};

use crate::app;
use crate::run_page::{click, shot};

type R<T> = Result<T, app::Error>;

/// The template picked beside the design on the canvas (the starter,
/// `alb-asg`): serverless, so its cost and latency differ.
const OTHER: &str = "apigw-lambda";

/// Each row: its name, and the cost, p99 and whether cost is marked best.
async fn table(page: &Page) -> R<Vec<(String, String, String, bool)>> {
    Ok(page
        .eval(
            "return [...document.querySelectorAll('[data-testid=\"arch-row\"]')].map(r => {
               const cell = c => r.querySelector(`td[data-col=\"${c}\"]`);
               const first = c => cell(c).childNodes[0].textContent.trim();
               return [r.querySelector('th').textContent, first('cost_per_hour'), first('p99_ms'),
                       cell('cost_per_hour').dataset.best === 'true'];
             });",
        )
        .await?)
}

/// Opens the view from the run drawer's Compare tab with the pointer.
async fn open_view(page: &Page) -> R<()> {
    click(page, &ui::testid("tab-compare")).await?;
    click(page, &ui::testid("open-arch-compare")).await?;
    page.wait_for(&ui::testid("arch-dialog")).await?;
    Ok(())
}

/// Picks the template with the keyboard: focus on its checkbox, Space.
async fn pick_with_space(page: &Page, id: &str) -> R<()> {
    let css = format!("[data-pick=\"template:{id}\"] input");
    let _: bool = page
        .eval(&format!(
            "const i = document.querySelector('{css}'); i.focus(); return document.activeElement === i;"
        ))
        .await?;
    page.press(Key::Space).await?;
    wait::wait_for("the template to be picked", async || {
        page.eval::<bool>(&format!("return document.querySelector('{css}').checked"))
            .await
    })
    .await?;
    Ok(())
}

/// Runs the comparison and waits for its table, checking progress on the way.
async fn run_and_wait(page: &Page) -> R<()> {
    click(page, &ui::testid("arch-run")).await?;
    let status = page
        .wait_for(&ui::testid("arch-status"))
        .await?
        .text()
        .await?;
    assert!(
        status.starts_with("Run ") && status.contains(" of 6: "),
        "progress: {status}"
    );
    shot(page, "compare-arch-progress-1280").await?;
    wait::wait_until(
        "the comparison's table",
        Duration::from_secs(400),
        async || {
            let n: u64 = page
                .eval("return document.querySelectorAll('[data-testid=\"arch-row\"]').length")
                .await?;
            let s: String = page
                .eval("const s = document.querySelector('[data-testid=\"arch-status\"]'); return s ? s.textContent : ''")
                .await?;
            Ok(if n > 0 {
                Poll::Ready(())
            } else {
                Poll::Pending(s)
            })
        },
    )
    .await?;
    Ok(())
}

/// Fails with every serious finding of axe-core, named by `what`.
async fn no_findings(page: &Page, what: &str) -> R<()> {
    let found = page.axe().await?;
    let list: Vec<String> = found.iter().map(ToString::to_string).collect();
    assert!(list.is_empty(), "{what}: {}", list.join("\n"));
    Ok(())
}

fn number(cell: &str, what: &str) -> R<f64> {
    Ok(cell
        .parse::<f64>()
        .map_err(|e| format!("{what} {cell:?} is not a number: {e}"))?)
}

#[tokio::test]
async fn compare_architectures_runs_this_design_and_a_template_into_one_table() {
    skydraft_tests::run(
        "compare_architectures_runs_this_design_and_a_template_into_one_table",
        |page| async move {
            app::open_app(&page, "/").await?;
            app::capture_outputs(&page).await?;
            open_view(&page).await?;
            // "This design" is picked from the start; a template joins it.
            let current: bool = page
                .eval("return document.querySelector('[data-pick=\"current\"] input').checked")
                .await?;
            assert!(current, "this design is picked");
            pick_with_space(&page, OTHER).await?;
            shot(&page, "compare-arch-pick-1280").await?;
            run_and_wait(&page).await?;

            let done = page.find(&ui::testid("arch-status")).await?.text().await?;
            assert_eq!(done, "Done: 2 designs compared in the table below.");
            let rows = table(&page).await?;
            assert_eq!(rows.len(), 2, "{rows:?}");
            assert!(rows[0].0.starts_with("This design: "), "{rows:?}");
            assert!(rows[1].0.starts_with("Template: API Gateway"), "{rows:?}");
            let costs = [number(&rows[0].1, "cost")?, number(&rows[1].1, "cost")?];
            for r in &rows {
                number(&r.2, "p99")?;
            }
            let best: Vec<usize> = (0..2).filter(|&i| rows[i].3).collect();
            assert_eq!(best.len(), 1, "one design is cheapest: {rows:?}");
            let other = 1 - best[0];
            assert!(costs[best[0]] < costs[other], "{rows:?}");
            // The mark is a star and words, not colour alone.
            let marked: String = page
                .eval("return document.querySelector('td[data-col=\"cost_per_hour\"].best').textContent")
                .await?;
            assert!(marked.contains('\u{2605}') && marked.contains("(best)"), "{marked}");
            // Lambda has no zone to fail: its notes say so.
            let notes = page.find(&ui::testid("arch-notes")).await?.text().await?;
            assert!(notes.contains("AZ outage"), "{notes}");
            shot(&page, "compare-arch-table-1280").await?;
            no_findings(&page, "the comparison, light").await?;

            // The CLI's CSV, copied.
            click(&page, &ui::testid("arch-copy-csv")).await?;
            let csv = app::wait_copied(&page).await?;
            let lines: Vec<&str> = csv.lines().collect();
            assert!(lines[0].starts_with("design,cost_per_hour,p50_ms,p99_ms,"), "{csv}");
            assert_eq!(lines.len(), 3, "{csv}");

            let _: bool = page
                .eval("document.documentElement.dataset.theme = 'dark'; return true;")
                .await?;
            // Let the buttons' colour transitions end.
            tokio::time::sleep(Duration::from_millis(500)).await;
            shot(&page, "compare-arch-table-1280-dark").await?;
            no_findings(&page, "the comparison, dark").await?;

            // A phone's width: the dialog fits, the table scrolls inside its box.
            page.emulate_window(PHONE).await?;
            tokio::time::sleep(Duration::from_millis(500)).await;
            let (page_w, dialog_w, scrolls): (f64, f64, bool) = page
                .eval(
                    "const b = document.querySelector('[data-testid=\"arch-scroll\"]');
                     const d = document.querySelector('[data-testid=\"arch-dialog\"]').getBoundingClientRect();
                     return [document.documentElement.scrollWidth, d.right, b.scrollWidth > b.clientWidth];",
                )
                .await?;
            assert!(page_w <= 390.0 && dialog_w <= 390.0, "page {page_w} px, dialog to {dialog_w} px");
            assert!(scrolls, "the table scrolls sideways inside its box");
            shot(&page, "compare-arch-table-390-dark").await?;
            let _: bool = page
                .eval("document.documentElement.dataset.theme = 'light'; \
                       document.querySelector('[data-testid=\"arch-results\"]').scrollIntoView(); return true;")
                .await?;
            tokio::time::sleep(Duration::from_millis(500)).await;
            shot(&page, "compare-arch-table-390").await?;
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn compare_architectures_says_why_it_cannot_start() {
    skydraft_tests::run(
        "compare_architectures_says_why_it_cannot_start",
        |page| async move {
            app::open_app(&page, "/").await?;
            open_view(&page).await?;
            // Nothing picked.
            click(&page, "[data-pick=\"current\"] input").await?;
            click(&page, &ui::testid("arch-run")).await?;
            let why = page.find(&ui::testid("arch-status")).await?.text().await?;
            assert_eq!(why, "Pick at least one design to compare.");
            // Cancel stops the runs under way and leaves no table.
            click(&page, "[data-pick=\"current\"] input").await?;
            click(&page, &format!("[data-pick=\"template:{OTHER}\"] input")).await?;
            click(&page, &ui::testid("arch-run")).await?;
            click(&page, &ui::testid("arch-cancel")).await?;
            page.wait_for(&ui::testid("arch-run")).await?;
            let why = page.find(&ui::testid("arch-status")).await?.text().await?;
            assert!(
                why.starts_with("Cancelled after ") && why.contains(" of 6 runs"),
                "{why}"
            );
            tokio::time::sleep(Duration::from_millis(1500)).await;
            assert!(page.find_all(&ui::testid("arch-row")).await?.is_empty());
            let why = page.find(&ui::testid("arch-status")).await?.text().await?;
            assert!(
                why.starts_with("Cancelled after "),
                "it stays cancelled: {why}"
            );
            // A rate that is not one.
            let rate = page.find(&ui::testid("arch-rate")).await?;
            page.type_into(&rate, "-5").await?;
            click(&page, &ui::testid("arch-run")).await?;
            let why = page.find(&ui::testid("arch-status")).await?.text().await?;
            assert!(
                why.contains("not a positive number of requests per second"),
                "{why}"
            );
            assert!(page.find_all(&ui::testid("arch-row")).await?.is_empty());
            // Escape closes the view.
            page.press(Key::Escape).await?;
            page.wait_gone(&ui::testid("arch-dialog")).await?;
            Ok(())
        },
    )
    .await;
}
