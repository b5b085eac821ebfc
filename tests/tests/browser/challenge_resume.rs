//! A challenge attempt lives in the address: `#c=<challenge>&d=<work>&a=1`,
//! written as the student edits, so a reload or a copied address resumes
//! the attempt with the edit; leaving the challenge gives the address back
//! to the design (`#d=…`).

use skydraft_core::challenge;
use skydraft_core::design::Design;
use skydraft_tests::{Key, Page, Poll, run, ui, wait};

use crate::app::{self, Error};
use crate::run_page::{click, shot};

type R<T> = Result<T, Error>;

fn asg_max(d: &Design) -> Option<f64> {
    d.components
        .iter()
        .find(|c| c.kind == "asg")
        .map(|c| c.number("max"))
}

/// Waits until the address is an attempt at `id` whose design passes `check`.
async fn wait_attempt(page: &Page, id: &str, check: impl Fn(&Design) -> bool) -> R<String> {
    Ok(wait::wait_until(
        "the attempt in the address",
        wait::DEFAULT_TIMEOUT,
        async || {
            let h = page.hash().await?;
            let ok = challenge::link::is_attempt(&h)
                && challenge::link::decode(&h)
                    .is_ok_and(|l| l.challenge.id == id && l.design.as_ref().is_some_and(&check));
            Ok(if ok {
                Poll::Ready(h)
            } else {
                Poll::Pending(h.chars().take(80).collect::<String>())
            })
        },
    )
    .await?)
}

async fn panel_challenge(page: &Page) -> R<Option<String>> {
    Ok(page
        .wait_for(&ui::testid("challenge-panel"))
        .await?
        .attr("data-challenge")
        .await?)
}

#[tokio::test]
async fn a_reload_or_a_copied_address_resumes_the_attempt_with_its_edit() {
    run(
        "a_reload_or_a_copied_address_resumes_the_attempt_with_its_edit",
        |page| async move {
            app::open_app(&page, "/").await?;
            click(&page, &ui::testid("challenges")).await?;
            click(&page, "[data-challenge=\"az-outage\"]").await?;
            page.wait_for(&ui::testid("challenge-title")).await?;
            let start = asg_max(&app::saved_design(&page).await?).ok_or("no asg")?;
            let want = start + 3.0;
            // Edit with the keyboard in the inspector.
            let d = app::saved_design(&page).await?;
            let asg = d
                .components
                .iter()
                .find(|c| c.kind == "asg")
                .ok_or("no asg")?
                .id
                .to_string();
            click(&page, &ui::component(&asg)).await?;
            let field = page
                .wait_for(&format!(
                    "{} [data-param=\"max\"]",
                    ui::testid(ui::INSPECTOR)
                ))
                .await?;
            page.type_into(&field, &format!("{want}")).await?;
            page.press(Key::Tab).await?;
            let hash = wait_attempt(&page, "az-outage", |d| asg_max(d) == Some(want)).await?;
            assert!(
                hash.starts_with("#c=az-outage&d="),
                "the built-in travels by id: {hash}"
            );
            shot(&page, "challenge-resume-1280").await?;

            page.reload().await?;
            assert_eq!(panel_challenge(&page).await?.as_deref(), Some("az-outage"));
            assert_eq!(
                asg_max(&app::saved_design(&page).await?),
                Some(want),
                "the edit is lost"
            );
            assert!(
                page.find_all(&ui::testid("verdict")).await?.is_empty(),
                "work in progress was judged"
            );

            let other = page.new_browser().await?;
            app::open_app(&other, &hash).await?;
            assert_eq!(panel_challenge(&other).await?.as_deref(), Some("az-outage"));
            assert_eq!(asg_max(&app::saved_design(&other).await?), Some(want));
            let said = app::wait_toast(&other).await?;
            assert!(said.contains("attempt"), "{said}");

            click(&page, &ui::testid("challenge-leave")).await?;
            page.wait_gone(&ui::testid("challenge-panel")).await?;
            wait::wait_until(
                "the design's own address",
                wait::DEFAULT_TIMEOUT,
                async || {
                    let h = page.hash().await?;
                    Ok(if h.starts_with(ui::HASH_PREFIX) && !h.contains("c=") {
                        Poll::Ready(())
                    } else {
                        Poll::Pending(h)
                    })
                },
            )
            .await?;
            Ok(())
        },
    )
    .await;
}
