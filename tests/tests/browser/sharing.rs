//! Share links: the Share button's link opens the same design in a fresh
//! browser; a view-only link cannot edit; a corrupted link shows an error and
//! keeps the autosaved work.

use std::collections::BTreeSet;

use skydraft_core::share;
use skydraft_tests::{Key, Page, run, ui};

use crate::app;

/// Components and links as (id, kind) and (from, to) sets, for comparing pages.
async fn picture(
    page: &Page,
) -> Result<(BTreeSet<(String, String)>, BTreeSet<(String, String)>), app::Error> {
    let comps = app::components(page).await?;
    let links = app::links(page).await?;
    Ok((
        comps.into_iter().map(|c| (c.id, c.kind)).collect(),
        links.into_iter().map(|l| (l.from, l.to)).collect(),
    ))
}

/// The fragment (`#d=…`) of a copied link.
fn fragment_of(link: &str) -> Result<String, app::Error> {
    link.find(ui::HASH_PREFIX)
        .map(|i| link[i..].to_owned())
        .ok_or_else(|| format!("the copied text is not a design link: {link:.80}").into())
}

#[tokio::test]
async fn the_share_link_opens_the_same_design_in_a_fresh_browser() {
    run(
        "the_share_link_opens_the_same_design_in_a_fresh_browser",
        |page| async move {
            app::open_app(&page, "/").await?;
            let (kind, _) = app::legal_pair().ok_or("core has no component kinds")?;
            app::place_by_drag(&page, kind).await?;
            app::capture_outputs(&page).await?;
            page.click(&page.find(&ui::testid(ui::SHARE)).await?)
                .await?;
            page.click(&page.wait_for(&ui::testid(ui::SHARE_LINK)).await?)
                .await?;
            let link = app::wait_copied(&page).await?;
            let (design, _) = share::decode(&link)?;
            assert_eq!(
                design,
                app::saved_design(&page).await?,
                "the shared link holds another design than the page"
            );
            let here = picture(&page).await?;

            let fresh = page.new_browser().await?;
            app::open_app(&fresh, &fragment_of(&link)?).await?;
            let there = picture(&fresh).await?;
            assert_eq!(here, there, "the fresh browser shows another design");
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn a_view_only_link_cannot_edit() {
    run("a_view_only_link_cannot_edit", |page| async move {
        app::open_app(&page, "/").await?;
        app::capture_outputs(&page).await?;
        page.click(&page.find(&ui::testid(ui::SHARE)).await?)
            .await?;
        page.click(&page.wait_for(&ui::testid(ui::SHARE_VIEW_ONLY)).await?)
            .await?;
        let link = app::wait_copied(&page).await?;
        let (design, _) = share::decode(&link)?;

        let viewer = page.new_browser().await?;
        let comps = app::open_app(&viewer, &fragment_of(&link)?).await?;
        let shown = picture(&viewer).await?;
        assert_eq!(shown.0.len(), design.components.len());
        let c = comps.last().ok_or("no components")?.clone();

        // Every way of editing must leave the design as it is.
        let el = viewer.find(&ui::component(&c.id)).await?;
        viewer.drag_by(&el, 90, 60).await?;
        viewer
            .click(&viewer.find(&ui::component(&c.id)).await?)
            .await?;
        viewer.press(Key::Delete).await?;
        viewer.press_with(Key::Control, 'x').await?;
        if let Some((kind, _)) = app::legal_pair()
            && let Ok(item) = viewer.find(&ui::palette_item(kind)).await
            && item.is_displayed().await?
        {
            let (x, y) = app::component_center(&viewer, &c.id).await?;
            viewer
                .drag_to_point(&item, x as i64 + 150, y as i64)
                .await?;
        }
        tokio::time::sleep(std::time::Duration::from_millis(600)).await;
        assert_eq!(picture(&viewer).await?, shown, "the view-only page changed");
        let hash = viewer.hash().await?;
        assert_eq!(
            share::decode(&hash)?.0,
            design,
            "the view-only fragment changed"
        );
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_corrupted_link_shows_an_error_and_keeps_the_autosaved_work() {
    run(
        "a_corrupted_link_shows_an_error_and_keeps_the_autosaved_work",
        |page| async move {
            app::open_app(&page, "/").await?;
            let (kind, _) = app::legal_pair().ok_or("core has no component kinds")?;
            let (added, _) = app::place_by_drag(&page, kind).await?;
            let work = app::wait_saved(&page, "the new component autosaved", |d| {
                d.components.iter().any(|c| c.id.to_string() == added.id)
            })
            .await?;

            // A corrupted link opened in a new page load, in the same profile.
            let good = share::encode(&work, &Default::default());
            let bad = format!("{}{}", ui::HASH_PREFIX, corrupt(&good));
            assert!(
                share::decode(&bad).is_err(),
                "the damaged link still decodes"
            );
            page.driver().goto("about:blank").await?;
            let comps = app::open_app(&page, &bad).await?;
            let message = app::wait_toast(&page).await?;
            assert!(
                message.to_lowercase().contains("link"),
                "the error does not say the link is at fault: {message:?}"
            );
            assert!(
                comps.contains(&added),
                "the autosaved component is gone after a bad link: {comps:?}"
            );
            assert_eq!(
                app::saved_design(&page).await?,
                work,
                "the autosave was overwritten"
            );

            // Pasted into the address bar of the open page.
            let garbage = format!("{}2.not-a-design", ui::HASH_PREFIX);
            page.eval::<bool>(&format!("location.hash = '{garbage}'; return true"))
                .await?;
            let message = app::wait_toast(&page).await?;
            assert!(!message.trim().is_empty());
            page.wait_for(&ui::component(&added.id)).await?;
            assert_eq!(app::saved_design(&page).await?, work);
            Ok(())
        },
    )
    .await;
}

/// A share code with its payload damaged (a stretch of characters replaced).
fn corrupt(code: &str) -> String {
    let (head, body) = code.split_at(code.len().min(6));
    let mid = body.len() / 2;
    let tail: String = body.chars().skip(mid + 12).collect();
    format!("{head}{}{}{tail}", &body[..mid], "AAAAAAAAAAAA")
}
