//! Undo and redo: every edit can be taken back and redone, by keyboard
//! (Ctrl+Z, Ctrl+Shift+Z, Ctrl+Y) and by the top bar's buttons.

use skydraft_tests::{Key, run, ui};

use crate::app::{self, Comp};

/// Places a component and returns it with the number of components before.
async fn place_one(page: &skydraft_tests::Page) -> Result<(Comp, usize), app::Error> {
    let before = app::components(page).await?.len();
    let (kind, _) = app::legal_pair().ok_or("core has no component kinds")?;
    let (added, _) = app::place_by_drag(page, kind).await?;
    Ok((added, before))
}

async fn wait_shown(page: &skydraft_tests::Page, c: &Comp, shown: bool) -> Result<(), app::Error> {
    if shown {
        page.wait_for(&ui::component(&c.id)).await?;
    } else {
        page.wait_gone(&ui::component(&c.id)).await?;
    }
    Ok(())
}

#[tokio::test]
async fn undo_and_redo_by_keyboard() {
    run("undo_and_redo_by_keyboard", |page| async move {
        app::open_app(&page, "/").await?;
        let (added, before) = place_one(&page).await?;
        // Keys go to the page, not to a field.
        page.click(&page.find(&ui::testid(ui::CANVAS)).await?)
            .await?;

        page.press_with(Key::Control, 'z').await?;
        wait_shown(&page, &added, false).await?;
        let d = app::wait_saved(&page, "the undone design autosaved", |d| {
            d.components.len() == before
        })
        .await?;
        assert!(d.components.iter().all(|c| c.id.to_string() != added.id));

        app::press_ctrl_shift(&page, 'z').await?;
        wait_shown(&page, &added, true).await?;

        page.press_with(Key::Control, 'z').await?;
        wait_shown(&page, &added, false).await?;

        page.press_with(Key::Control, 'y').await?;
        wait_shown(&page, &added, true).await?;
        app::wait_saved(&page, "the redone design autosaved", |d| {
            d.components.len() == before + 1
        })
        .await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn undo_and_redo_by_buttons() {
    run("undo_and_redo_by_buttons", |page| async move {
        app::open_app(&page, "/").await?;
        let redo = page.wait_for(&ui::testid(ui::REDO)).await?;
        assert!(
            !redo.is_enabled().await?,
            "Redo is enabled before anything was undone"
        );
        let (added, _) = place_one(&page).await?;

        page.click(&page.find(&ui::testid(ui::UNDO)).await?).await?;
        wait_shown(&page, &added, false).await?;
        let redo = page.find(&ui::testid(ui::REDO)).await?;
        assert!(redo.is_enabled().await?, "Redo is disabled after an undo");
        page.click(&redo).await?;
        wait_shown(&page, &added, true).await?;
        Ok(())
    })
    .await;
}

/// A script returning the value of the form field `css` selects.
fn value_script(css: &str) -> String {
    format!(
        "const f = document.querySelector('{}'); return f ? f.value : '';",
        css.replace('\'', "\\'")
    )
}

/// The value a form field shows.
async fn field_value(page: &skydraft_tests::Page, css: &str) -> Result<String, app::Error> {
    Ok(page.eval(&value_script(css)).await?)
}

/// Waits until the field shows `want`.
async fn wait_value(page: &skydraft_tests::Page, css: &str, want: &str) -> Result<(), app::Error> {
    let script = value_script(css);
    skydraft_tests::wait_for(&format!("{css} to show {want}"), async || {
        Ok(page.eval::<String>(&script).await? == want)
    })
    .await?;
    Ok(())
}

#[tokio::test]
async fn scenario_edits_undo_and_redo_in_order_with_design_edits() {
    run(
        "scenario_edits_undo_and_redo_in_order_with_design_edits",
        |page| async move {
            app::open_app(&page, "/").await?;
            crate::run_page::open_scenario(&page).await?;
            let seed_css = ui::testid("seed");
            let seed = page.wait_for(&seed_css).await?;
            let old = field_value(&page, &seed_css).await?;
            let new = if old == "42" { "43" } else { "42" };

            // Typed into the Scenario tab's seed field, then undone and redone by keyboard.
            page.type_into(&seed, new).await?;
            page.press(Key::Tab).await?;
            page.click(&page.find(&ui::testid(ui::CANVAS)).await?)
                .await?;
            page.press_with(Key::Control, 'z').await?;
            wait_value(&page, &seed_css, &old).await?;
            app::press_ctrl_shift(&page, 'z').await?;
            wait_value(&page, &seed_css, new).await?;

            // A design edit between two scenario edits: undone in reverse order.
            let (added, _) = place_one(&page).await?;
            let add = page.wait_for(&ui::testid("add-traffic")).await?;
            page.click(&add).await?;
            let rows = ui::testid("traffic-row");
            page.wait_for_count(&rows, "one traffic row", |n| n == 1)
                .await?;
            let title = page
                .find(&ui::testid(ui::UNDO))
                .await?
                .attr("title")
                .await?
                .unwrap_or_default();
            assert!(title.starts_with("Undo add traffic shape"), "{title}");

            page.press_with(Key::Control, 'z').await?;
            page.wait_for_count(&rows, "no traffic row", |n| n == 0)
                .await?;
            wait_shown(&page, &added, true).await?;
            page.press_with(Key::Control, 'z').await?;
            wait_shown(&page, &added, false).await?;
            assert_eq!(field_value(&page, &seed_css).await?, new);
            page.press_with(Key::Control, 'z').await?;
            wait_value(&page, &seed_css, &old).await?;
            Ok(())
        },
    )
    .await;
}
