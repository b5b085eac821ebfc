//! Room for the diagram: the drawer collapsed until the first run, Fit that
//! keeps labels readable (with a minimap when the design is larger than the
//! screen), and a splitter between canvas and drawer that is remembered.

use std::time::Duration;

use skydraft_core::scenario::Scenario;
use skydraft_core::share;
use skydraft_tests::{Page, Poll, designs, ui, wait};
use thirtyfour::Key;

use crate::app::{self, Error};
use crate::run_page::{click, run_and_wait, shot};

type R<T> = Result<T, Error>;

/// The canvas' height, the drawer body's height (0 when collapsed) and the
/// on-screen size of the first component label, in CSS pixels, and the
/// viewport's height.
async fn room(page: &Page) -> R<(f64, f64, f64, f64)> {
    Ok(page
        .eval(
            "const c = document.querySelector('[data-testid=\"canvas\"]').getBoundingClientRect();
             const b = document.querySelector('.run-body');
             const t = document.querySelector('[data-testid=\"canvas\"] g.world').getAttribute('transform');
             const zoom = parseFloat(/scale\\(([^)]+)\\)/.exec(t)[1]);
             const label = document.querySelector('.node-label');
             const px = parseFloat(getComputedStyle(label).fontSize) * zoom;
             return [c.height, b ? b.getBoundingClientRect().height : 0, px, innerHeight];",
        )
        .await?)
}

/// The drawer body's height, once it has settled at `expected` (± 2 px).
async fn wait_body(page: &Page, expected: f64) -> R<f64> {
    Ok(wait::wait_until(
        &format!("the drawer body to be {expected:.0} px high"),
        Duration::from_secs(5),
        async || {
            let body: f64 = page
                .eval(
                    "const b = document.querySelector('.run-body'); \
                     return b ? b.getBoundingClientRect().height : 0;",
                )
                .await?;
            Ok(if (body - expected).abs() <= 2.0 {
                Poll::Ready(body)
            } else {
                Poll::Pending(format!("{body:.1} px"))
            })
        },
    )
    .await?)
}

#[tokio::test]
async fn the_drawer_waits_for_the_first_run_and_fit_keeps_labels_readable() {
    skydraft_tests::run(
        "the_drawer_waits_for_the_first_run_and_fit_keeps_labels_readable",
        |page| async move {
            app::open_app(&page, "/").await?;
            click(&page, &ui::testid("zoom-fit")).await?;
            let (canvas, body, label, screen) = room(&page).await?;
            assert_eq!(body, 0.0, "the drawer is collapsed before a run");
            // Everything but the top bar, the status line and the drawer's tabs.
            assert!(
                canvas >= screen - 150.0,
                "the canvas is only {canvas} px of {screen}"
            );
            assert!(label >= 11.0 - 1e-6, "labels are {label:.2} px after Fit");
            assert!(
                page.find_all(&ui::testid("minimap")).await?.is_empty(),
                "the default design fits: no minimap"
            );

            // A design far larger than the screen: Fit stops at the readable
            // zoom and the minimap shows where the view is.
            let big = designs::grid(120, 140)?;
            let link = format!(
                "{}{}",
                ui::HASH_PREFIX,
                share::encode(&big, &Scenario::default())
            );
            app::open_app(&page, &link).await?;
            click(&page, &ui::testid("zoom-fit")).await?;
            let (_, _, label, _) = room(&page).await?;
            assert!(
                label >= 11.0 - 1e-6,
                "labels are {label:.2} px on a big design"
            );
            page.wait_for(&ui::testid("minimap")).await?;
            shot(&page, "room-big-design-minimap").await?;
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn the_splitter_resizes_the_drawer_by_pointer_and_keys_and_is_remembered() {
    skydraft_tests::run(
        "the_splitter_resizes_the_drawer_by_pointer_and_keys_and_is_remembered",
        |page| async move {
            app::open_app(&page, "/").await?;
            run_and_wait(&page).await?;
            let (canvas0, body0, _, _) = room(&page).await?;
            assert!(body0 > 100.0, "the drawer opened for the run: {body0} px");

            // Dragged down by 100 px: the canvas grows by as much as the drawer shrinks.
            let splitter = page.wait_for(&ui::testid("splitter")).await?;
            page.drag_by(&splitter, 0, 100).await?;
            let body1 = wait_body(&page, body0 - 100.0).await?;
            let (canvas1, _, _, _) = room(&page).await?;
            assert!(
                (canvas1 - canvas0 - 100.0).abs() <= 2.0,
                "the canvas went from {canvas0} to {canvas1} px"
            );
            shot(&page, "room-splitter-dragged").await?;

            // The keyboard: ArrowUp takes 24 px back.
            let splitter = page.find(&ui::testid("splitter")).await?;
            splitter.focus().await?;
            page.press(Key::Up).await?;
            let body2 = wait_body(&page, body1 + 24.0).await?;

            // Remembered: after a reload and a run, the drawer has that height.
            page.reload().await?;
            page.wait_for_count(&ui::components(), "components", |n| n > 0)
                .await?;
            run_and_wait(&page).await?;
            wait_body(&page, body2).await?;

            // Dragged far down, it keeps its minimum; a double click gives the default.
            let splitter = page.find(&ui::testid("splitter")).await?;
            page.drag_by(&splitter, 0, 300).await?;
            wait_body(&page, 120.0).await?;
            let splitter = page.find(&ui::testid("splitter")).await?;
            page.driver()
                .action_chain()
                .double_click_element(&splitter)
                .perform()
                .await?;
            wait_body(&page, body0).await?;
            let stored: Option<String> = page
                .eval("return localStorage.getItem('skydraft.drawer.height');")
                .await?;
            assert_eq!(stored, None, "the default is not stored");
            Ok(())
        },
    )
    .await;
}
