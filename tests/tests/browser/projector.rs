//! A projector window on the presenter's computer: opened from the Share
//! menu, it shows the board alone and follows the presenter's moves and
//! presentation through a `BroadcastChannel`, with no relay running.

use std::time::Duration;

use skydraft_tests::{Key, Page, Poll, run, ui, wait};

use crate::app::{self, Error};

type R<T> = Result<T, Error>;

/// Each component's id and its `transform` on the canvas, in order.
async fn board(page: &Page) -> R<Vec<(String, String)>> {
    Ok(page
        .eval(&format!(
            "return [...document.querySelectorAll('{}')].map(e => \
             [e.getAttribute('data-component-id'), e.getAttribute('transform') || '']);",
            ui::components()
        ))
        .await?)
}

/// Waits until the window shows `want`.
async fn wait_board(page: &Page, want: &[(String, String)], what: &str) -> R<()> {
    wait::wait_until(what, Duration::from_secs(5), async || {
        let now = board(page)
            .await
            .map_err(|e| skydraft_tests::HarnessError::Check(e.to_string()))?;
        Ok(if now == want {
            Poll::Ready(())
        } else {
            Poll::Pending(format!(
                "the projector shows {now:?}, the presenter {want:?}"
            ))
        })
    })
    .await?;
    Ok(())
}

#[tokio::test]
async fn a_projector_window_follows_the_presenters_board_and_presentation() {
    run(
        "a_projector_window_follows_the_presenters_board_and_presentation",
        |page| async move {
            let comps = app::open_app(&page, "/").await?;
            let driver = page.driver().clone();
            let presenter = driver.window().await?;
            page.click(&page.find(&ui::testid("share")).await?).await?;
            page.click(&page.find(&ui::testid("live-projector")).await?)
                .await?;
            let projector =
                wait::wait_until("the projector window", Duration::from_secs(5), async || {
                    let other = driver
                        .windows()
                        .await
                        .unwrap_or_default()
                        .into_iter()
                        .find(|w| *w != presenter);
                    Ok(other.map_or_else(|| Poll::Pending("one window".into()), Poll::Ready))
                })
                .await?;

            // It opens on the presenter's board, chrome-less and view only.
            let start = board(&page).await?;
            driver.switch_to_window(projector.clone()).await?;
            wait_board(&page, &start, "the projector shows the board").await?;
            let bare: bool = page
                .eval(
                    "return document.querySelector('.app.projector') !== null \
                     && getComputedStyle(document.querySelector('.topbar')).display === 'none' \
                     && location.hash.startsWith('#projector=');",
                )
                .await?;
            assert!(bare, "the projector window shows the board alone");

            // A move on the presenter's screen, with the mouse.
            driver.switch_to_window(presenter.clone()).await?;
            let id = &comps.get(1).ok_or("a second component")?.id;
            let (x, y) = app::component_center(&page, id).await?;
            #[allow(clippy::cast_possible_truncation)]
            let (x, y) = (x as i64, y as i64 - 8);
            driver
                .action_chain()
                .move_to(x, y)
                .click_and_hold()
                .move_to(x + 30, y + 40)
                .move_to(x + 60, y + 100)
                .release()
                .perform()
                .await?;
            let moved = board(&page).await?;
            assert_ne!(moved, start, "the presenter moved a component");
            driver.switch_to_window(projector.clone()).await?;
            wait_board(&page, &moved, "the projector follows the move").await?;

            // Presenting: the projector presents too, and leaves with it.
            driver.switch_to_window(presenter.clone()).await?;
            page.press(Key::F5).await?;
            page.wait_for(&ui::testid("present-bar")).await?;
            driver.switch_to_window(projector.clone()).await?;
            page.wait_for(".app.presenting").await?;
            driver.switch_to_window(presenter).await?;
            page.press(Key::Escape).await?;
            page.wait_gone(".app.presenting").await?;
            driver.switch_to_window(projector).await?;
            page.wait_gone(".app.presenting").await?;
            Ok(())
        },
    )
    .await;
}
