//! The local library: no sequence of opening links, reloading, closing tabs
//! and editing in two tabs loses an edit. Each test is a story a user lives.

use std::collections::BTreeSet;

use skydraft_core::design::Design;
use skydraft_core::library::Origin;
use skydraft_core::{share, template};
use skydraft_tests::{Page, Poll, run, ui, wait};
use thirtyfour::WindowHandle;

use crate::app::{self, Comp, Error};

/// A template other than the starter, as a link fragment, with its design.
pub(crate) fn other_template_link() -> Result<(String, Design), Error> {
    let t = template::all()
        .into_iter()
        .find(|t| t.id != template::DEFAULT_ID)
        .ok_or("core has only one template")?;
    Ok((
        format!(
            "{}{}",
            ui::HASH_PREFIX,
            share::encode(&t.design, &t.scenario)
        ),
        t.design,
    ))
}

/// Loads the page anew at `fragment` (a fresh document, as when a link is
/// opened from elsewhere, not a same-page fragment change).
pub(crate) async fn load(page: &Page, fragment: &str) -> Result<Vec<Comp>, Error> {
    page.driver().goto("about:blank").await?;
    app::open_app(page, fragment).await
}

/// Draws a component on the open design and waits until it is saved.
pub(crate) async fn draw(page: &Page) -> Result<Comp, Error> {
    let (kind, _) = app::legal_pair().ok_or("core has no component kinds")?;
    let (added, _) = app::place_by_drag(page, kind).await?;
    let id = added.id.clone();
    app::wait_saved(page, "the drawn component saved", |d| {
        d.components.iter().any(|c| c.id.to_string() == id)
    })
    .await?;
    Ok(added)
}

/// Waits for a visible message containing `needle` (case-insensitive).
pub(crate) async fn wait_message(page: &Page, needle: &str) -> Result<String, Error> {
    let css = ui::testid(ui::TOAST);
    let needle_lc = needle.to_lowercase();
    let text = wait::wait_until(
        &format!("a message saying {needle:?}"),
        wait::DEFAULT_TIMEOUT,
        async || {
            let mut seen = Vec::new();
            for el in page.find_all(&css).await? {
                let t = el.text().await?;
                if t.to_lowercase().contains(&needle_lc) {
                    return Ok(Poll::Ready(t));
                }
                seen.push(t);
            }
            Ok(Poll::Pending(format!("messages: {seen:?}")))
        },
    )
    .await?;
    Ok(text)
}

/// The names and ids the "My designs" list shows, after opening it.
pub(crate) async fn listed(page: &Page) -> Result<Vec<(String, String)>, Error> {
    if page
        .find_all(&ui::testid(ui::MY_DESIGNS_DIALOG))
        .await?
        .is_empty()
    {
        page.click(&page.find(&ui::testid(ui::MY_DESIGNS)).await?)
            .await?;
        page.wait_for(&ui::testid(ui::MY_DESIGNS_DIALOG)).await?;
    }
    let rows: Vec<(String, String)> = page
        .eval(&format!(
            "return [...document.querySelectorAll('{}')].map(e => [e.getAttribute('data-entry'), e.getAttribute('data-name')]);",
            ui::testid(ui::DESIGN_ENTRY)
        ))
        .await?;
    Ok(rows)
}

/// Closes the "My designs" dialog with Escape.
pub(crate) async fn close_list(page: &Page) -> Result<(), Error> {
    page.press(thirtyfour::Key::Escape).await?;
    page.wait_gone(&ui::testid(ui::MY_DESIGNS_DIALOG)).await?;
    Ok(())
}

/// Checks that the library holds `n` entries.
pub(crate) async fn assert_entries(page: &Page, n: usize, why: &str) -> Result<(), Error> {
    let entries = app::library_entries(page).await?;
    assert_eq!(entries.len(), n, "{why}: {entries:?}");
    Ok(())
}

pub(crate) async fn switch(page: &Page, tab: &WindowHandle) -> Result<(), Error> {
    page.driver().switch_to_window(tab.clone()).await?;
    Ok(())
}

#[tokio::test]
async fn the_plain_address_reopens_the_design_drawn_before_the_tab_closed() {
    run(
        "the_plain_address_reopens_the_design_drawn_before_the_tab_closed",
        |page| async move {
            app::open_app(&page, "/").await?;
            let added = draw(&page).await?;
            // Close the tab; later, a new tab opens the plain address (a bookmark).
            let later = page.driver().new_tab().await?;
            page.driver().close_window().await?;
            switch(&page, &later).await?;
            let comps = app::open_app(&page, "/").await?;
            assert!(
                comps.contains(&added),
                "the drawn component is gone at the plain address: {comps:?}"
            );
            assert_entries(&page, 1, "the starter was not stored twice").await?;
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn a_template_link_then_the_plain_address_keeps_both_designs() {
    run(
        "a_template_link_then_the_plain_address_keeps_both_designs",
        |page| async move {
            app::open_app(&page, "/").await?;
            let added = draw(&page).await?;
            let mine = app::saved_design(&page).await?;

            let (link, theirs) = other_template_link()?;
            let comps = load(&page, &link).await?;
            assert_eq!(
                comps.len(),
                theirs.components.len(),
                "the link's design is not shown"
            );
            assert_eq!(app::saved_design(&page).await?, theirs);

            let comps = load(&page, "/").await?;
            assert!(
                comps.contains(&added),
                "the plain address did not reopen the drawn design: {comps:?}"
            );
            let entries = app::library_entries(&page).await?;
            let designs: Vec<Design> = entries
                .iter()
                .map(|e| share::decode(&e.code).map(|(d, _)| d))
                .collect::<Result<_, _>>()?;
            assert!(
                designs.contains(&mine),
                "the drawn design is not in the library"
            );
            assert!(
                designs.contains(&theirs),
                "the link's design is not in the library"
            );
            assert!(
                entries
                    .iter()
                    .any(|e| matches!(e.origin, Origin::Link { .. }) && e.edited.is_none()),
                "the link's entry is not marked as an unedited link: {entries:?}"
            );
            let rows = listed(&page).await?;
            assert_eq!(rows.len(), 2, "My designs lists {rows:?}");
            page.wait_for(&ui::testid("from-link")).await?;
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn the_same_link_again_brings_back_the_edits_and_offers_the_original() {
    run(
        "the_same_link_again_brings_back_the_edits_and_offers_the_original",
        |page| async move {
            let (link, theirs) = other_template_link()?;
            app::open_app(&page, &link).await?;
            let added = draw(&page).await?;

            let comps = load(&page, &link).await?;
            assert!(
                comps.contains(&added),
                "the edits made after opening the link are gone: {comps:?}"
            );
            wait_message(&page, "edited this design").await?;
            page.click(&page.find(&ui::testid(ui::TOAST_ACTION)).await?)
                .await?;
            app::wait_saved(&page, "the original open as its own entry", |d| {
                *d == theirs
            })
            .await?;
            page.wait_for_count(&ui::components(), "the original's components", |n| {
                n == theirs.components.len()
            })
            .await?;
            let entries = app::library_entries(&page).await?;
            assert_eq!(
                entries.len(),
                2,
                "the edited copy and the original: {entries:?}"
            );
            assert!(
                entries
                    .iter()
                    .any(|e| share::decode(&e.code).is_ok_and(|(d, _)| d
                        .components
                        .iter()
                        .any(|c| c.id.to_string() == added.id && c.kind == added.kind))),
                "the edited copy was lost"
            );
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn a_fragment_that_is_no_link_says_so_and_opens_the_last_design() {
    run(
        "a_fragment_that_is_no_link_says_so_and_opens_the_last_design",
        |page| async move {
            app::open_app(&page, "/").await?;
            let added = draw(&page).await?;
            let work = app::saved_design(&page).await?;
            for garbage in ["#hello", "#view", "#dx=1.abc", "#%3Cscript%3E"] {
                let comps = load(&page, garbage).await?;
                let message = wait_message(&page, "this link could not be opened").await?;
                assert!(
                    comps.contains(&added),
                    "{garbage}: the last design is not open: {comps:?}"
                );
                assert!(message.contains("Nothing was lost"), "{garbage}: {message}");
                assert_eq!(
                    app::saved_design(&page).await?,
                    work,
                    "{garbage}: the design changed"
                );
            }
            assert_entries(&page, 1, "a bad link added an entry").await?;
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn two_tabs_on_two_designs_never_overwrite_each_other() {
    run(
        "two_tabs_on_two_designs_never_overwrite_each_other",
        |page| async move {
            app::open_app(&page, "/").await?;
            let tab_a = page.driver().window().await?;
            let a1 = draw(&page).await?;

            let tab_b = page.driver().new_tab().await?;
            switch(&page, &tab_b).await?;
            let (link, _) = other_template_link()?;
            app::open_app(&page, &link).await?;
            let b1 = draw(&page).await?;

            switch(&page, &tab_a).await?;
            let a2 = draw(&page).await?;
            switch(&page, &tab_b).await?;
            let b2 = draw(&page).await?;

            let entries = app::library_entries(&page).await?;
            assert_eq!(entries.len(), 2, "{entries:?}");
            let has = |c: &Comp| {
                entries.iter().any(|e| {
                    share::decode(&e.code).is_ok_and(|(d, _)| {
                        d.components
                            .iter()
                            .any(|x| x.id.to_string() == c.id && x.kind == c.kind)
                    })
                })
            };
            let holding = |cs: &[&Comp]| {
                entries
                    .iter()
                    .filter(|e| {
                        share::decode(&e.code).is_ok_and(|(d, _)| {
                            cs.iter().all(|c| {
                                d.components.iter().any(|x| {
                                    x.id.to_string() == c.id
                                        && x.kind == c.kind
                                        && x.pos.x.is_finite()
                                })
                            })
                        })
                    })
                    .count()
            };
            assert!(
                has(&a1) && has(&a2) && has(&b1) && has(&b2),
                "an edit is missing"
            );
            assert!(
                holding(&[&a1, &a2]) >= 1 && holding(&[&b1, &b2]) >= 1,
                "a tab's two edits are not in one entry"
            );
            // Each tab reloads its own design.
            page.reload().await?;
            page.wait_for(&ui::component(&b2.id)).await?;
            switch(&page, &tab_a).await?;
            page.reload().await?;
            page.wait_for(&ui::component(&a2.id)).await?;
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn two_tabs_on_the_same_design_follow_the_later_edit() {
    run(
        "two_tabs_on_the_same_design_follow_the_later_edit",
        |page| async move {
            app::open_app(&page, "/").await?;
            let tab_a = page.driver().window().await?;
            let a1 = draw(&page).await?;

            let tab_b = page.driver().new_tab().await?;
            switch(&page, &tab_b).await?;
            let comps = app::open_app(&page, "/").await?;
            assert!(comps.contains(&a1), "tab B did not open the same design");
            let b1 = draw(&page).await?;

            // Tab A says so and shows B's edit; its next edit keeps it.
            switch(&page, &tab_a).await?;
            wait_message(&page, "changed in another tab").await?;
            page.wait_for(&ui::component(&b1.id)).await?;
            let a2 = draw(&page).await?;
            let saved = app::saved_design(&page).await?;
            let ids: BTreeSet<String> = saved.components.iter().map(|c| c.id.to_string()).collect();
            for c in [&a1, &b1, &a2] {
                assert!(
                    ids.contains(&c.id),
                    "{} is missing from the saved design: {ids:?}",
                    c.id
                );
            }
            assert_entries(&page, 1, "no copy was needed").await?;

            // And tab B follows A in turn.
            switch(&page, &tab_b).await?;
            page.wait_for(&ui::component(&a2.id)).await?;
            Ok(())
        },
    )
    .await;
}
