//! The design lives in the URL fragment: it survives a reload and opens in a
//! fresh browser.

use skydraft_tests::ui;

use crate::app;

#[tokio::test]
async fn a_placed_component_survives_a_reload() {
    skydraft_tests::run("a_placed_component_survives_a_reload", |page| async move {
        app::open_app(&page, "/").await?;
        let (kind, _) = app::legal_pair().ok_or("core has no component kinds")?;
        // Let the page write the template's hash first, so the next change is ours.
        skydraft_tests::wait_for("the design in the URL fragment", async || {
            Ok(page.hash().await?.starts_with(ui::HASH_PREFIX))
        })
        .await?;
        let before = page.hash().await?;

        let (added, _) = app::place_by_drag(&page, kind).await?;
        let hash = page.wait_hash_change(&before).await?;
        assert!(
            hash.starts_with(ui::HASH_PREFIX),
            "unexpected fragment {hash:?}"
        );

        page.reload().await?;
        let after = app::open_app(&page, &hash).await?;
        assert!(
            after.contains(&added),
            "{added:?} is gone after a reload: {after:?}"
        );

        // The fragment alone carries it: a fresh profile has no autosave.
        let fresh = page.new_browser().await?;
        let shared = app::open_app(&fresh, &hash).await?;
        assert!(
            shared.contains(&added),
            "{added:?} is missing when the link opens in a fresh browser: {shared:?}"
        );
        assert_eq!(shared.len(), after.len());
        Ok(())
    })
    .await;
}
