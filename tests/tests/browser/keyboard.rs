//! Keyboard editing: cut and paste, duplicate, nudge with the arrows, select
//! all, Escape, and `?` for the shortcut list.

use skydraft_core::design::Design;
use skydraft_tests::{Key, Page, paths, run, ui};

use crate::app::{self, Comp};

fn pos(d: &Design, id: &str) -> Option<(f64, f64)> {
    d.components
        .iter()
        .find(|c| c.id.to_string() == id)
        .map(|c| (c.pos.x, c.pos.y))
}

/// Opens the template and selects its last component with a click.
async fn select_last(page: &Page) -> Result<(Vec<Comp>, Comp), app::Error> {
    let comps = app::open_app(page, "/").await?;
    let c = comps
        .last()
        .ok_or("the template has no components")?
        .clone();
    page.click(&page.find(&ui::component(&c.id)).await?).await?;
    Ok((comps, c))
}

#[tokio::test]
async fn cut_then_paste_brings_the_component_back() {
    run(
        "cut_then_paste_brings_the_component_back",
        |page| async move {
            let (comps, c) = select_last(&page).await?;
            page.press_with(Key::Control, 'x').await?;
            page.wait_gone(&ui::component(&c.id)).await?;
            page.press_with(Key::Control, 'v').await?;
            page.wait_for_count(&ui::components_of(&c.kind), "the pasted component", |n| {
                n == comps.iter().filter(|x| x.kind == c.kind).count()
            })
            .await?;
            app::wait_saved(&page, "the paste autosaved", |d| {
                d.components.len() == comps.len()
            })
            .await?;
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn ctrl_d_duplicates_the_selection() {
    run("ctrl_d_duplicates_the_selection", |page| async move {
        let (comps, c) = select_last(&page).await?;
        page.press_with(Key::Control, 'd').await?;
        let d = app::wait_saved(&page, "the duplicate autosaved", |d| {
            d.components.len() == comps.len() + 1
        })
        .await?;
        let copy = d
            .components
            .iter()
            .find(|x| comps.iter().all(|o| o.id != x.id.to_string()))
            .ok_or("no new component")?;
        assert_eq!(copy.kind, c.kind, "Ctrl+D made a component of another kind");
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn arrows_nudge_the_selection_and_shift_nudges_further() {
    run(
        "arrows_nudge_the_selection_and_shift_nudges_further",
        |page| async move {
            let (_, c) = select_last(&page).await?;
            let (x0, y0) = pos(&app::saved_design(&page).await?, &c.id).ok_or("missing")?;
            page.press(Key::Right).await?;
            let d = app::wait_saved(&page, "the nudge autosaved", |d| {
                pos(d, &c.id).is_some_and(|p| p.0 > x0)
            })
            .await?;
            let (x1, y1) = pos(&d, &c.id).ok_or("missing")?;
            assert_eq!(y1, y0, "a right nudge moved the component vertically");
            let step = x1 - x0;
            page.driver()
                .action_chain()
                .key_down(Key::Shift)
                .key_down(Key::Down)
                .key_up(Key::Down)
                .key_up(Key::Shift)
                .perform()
                .await?;
            let d = app::wait_saved(&page, "the Shift nudge autosaved", |d| {
                pos(d, &c.id).is_some_and(|p| p.1 > y1)
            })
            .await?;
            let (_, y2) = pos(&d, &c.id).ok_or("missing")?;
            assert!(
                y2 - y1 > step,
                "Shift+Down moved {} units, a plain arrow {step}",
                y2 - y1
            );
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn ctrl_a_then_delete_empties_the_canvas_and_undo_restores_it() {
    run(
        "ctrl_a_then_delete_empties_the_canvas_and_undo_restores_it",
        |page| async move {
            let comps = app::open_app(&page, "/").await?;
            page.click(&page.find(&ui::testid(ui::CANVAS)).await?)
                .await?;
            page.press_with(Key::Control, 'a').await?;
            page.press(Key::Delete).await?;
            page.wait_gone(&ui::components()).await?;
            page.press_with(Key::Control, 'z').await?;
            page.wait_for_count(&ui::components(), "every component back", |n| {
                n == comps.len()
            })
            .await?;
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn escape_clears_the_selection_so_delete_removes_nothing() {
    run(
        "escape_clears_the_selection_so_delete_removes_nothing",
        |page| async move {
            let (comps, _) = select_last(&page).await?;
            page.press(Key::Escape).await?;
            page.press(Key::Delete).await?;
            tokio::time::sleep(std::time::Duration::from_millis(400)).await;
            assert_eq!(app::components(&page).await?.len(), comps.len());
            assert_eq!(
                app::saved_design(&page).await?.components.len(),
                comps.len()
            );
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn question_mark_opens_the_shortcut_list() {
    run("question_mark_opens_the_shortcut_list", |page| async move {
        app::open_app(&page, "/").await?;
        page.click(&page.find(&ui::testid(ui::CANVAS)).await?)
            .await?;
        page.press("?").await?;
        let list = page.wait_for(&ui::testid("shortcuts")).await?;
        let text = list.text().await?;
        assert!(text.contains("Undo") && text.contains("Redo"), "{text}");
        page.press(Key::Escape).await?;
        page.wait_gone(&ui::testid("shortcuts")).await?;
        Ok(())
    })
    .await;
}

/// Whatever element has the focus, as `tag[data-testid|data-kind|data-component-id]`.
async fn focused(page: &Page) -> Result<String, app::Error> {
    Ok(page
        .eval(
            "const e = document.activeElement; if (!e) return '';
             return e.tagName.toLowerCase() + '[' + (e.dataset.testid || e.dataset.kind || '') + '|' +
               (e.dataset.componentId || '') + ']';",
        )
        .await?)
}

#[tokio::test]
async fn a_design_is_built_with_the_keyboard_alone() {
    run(
        "a_design_is_built_with_the_keyboard_alone",
        |page| async move {
            let before = app::open_app(&page, "/").await?;
            // Search the palette, Tab to the first match, Enter places it.
            let search = page.find(&ui::testid("palette-search")).await?;
            page.click(&search).await?;
            page.press("ec2").await?;
            page.press(Key::Tab).await?;
            let f = focused(&page).await?;
            assert!(f.contains("[ec2|"), "Tab from the search reached {f}");
            page.press(Key::Enter).await?;
            page.wait_for_count(&ui::components(), "the placed component", |n| {
                n == before.len() + 1
            })
            .await?;
            let after = app::components(&page).await?;
            let added = after
                .iter()
                .find(|c| !before.iter().any(|b| b.id == c.id))
                .ok_or("no new component")?
                .clone();
            assert_eq!(added.kind, "ec2");
            let placed = app::wait_saved(&page, "the placed component saved", |d| {
                pos(d, &added.id).is_some()
            })
            .await?;
            let at = pos(&placed, &added.id).ok_or("not saved")?;
            // It lands clear of the cards already there.
            for c in placed
                .components
                .iter()
                .filter(|c| c.id.to_string() != added.id)
            {
                let apart = (c.pos.x - at.0).abs() >= 64.0 || (c.pos.y - at.1).abs() >= 64.0;
                assert!(
                    apart,
                    "placed at {at:?}, on top of {} at {:?}",
                    c.label, c.pos
                );
            }

            // The new component is selected: the arrows move it.
            page.press(Key::Right).await?;
            page.press(Key::Right).await?;
            let moved = app::wait_saved(&page, "the component moved right", |d| {
                pos(d, &added.id).is_some_and(|p| p.0 > at.0)
            })
            .await?;
            assert_eq!(pos(&moved, &added.id).map(|p| p.1), Some(at.1));

            // Connect it from the inspector's list, with keys only.
            let links = app::links(&page).await?.len();
            let pick = page.find(&ui::testid("connect-to")).await?;
            pick.focus().await.map_err(|e| e.to_string())?;
            page.press(Key::Down).await?;
            page.press(Key::Tab).await?;
            let f = focused(&page).await?;
            assert!(
                f.contains("[connect-button|"),
                "Tab from the list reached {f}"
            );
            page.press(Key::Enter).await?;
            page.wait_for_count(&ui::links(), "the new link", |n| n == links + 1)
                .await?;
            let l = app::links(&page).await?;
            assert!(l.iter().any(|l| l.from == added.id), "{l:?}");

            // Tab from the canvas reaches the cards; the focused card is the
            // selection, so Delete removes it.
            page.press(Key::Escape).await?;
            let canvas = page.find(&ui::testid(ui::CANVAS)).await?;
            canvas.focus().await.map_err(|e| e.to_string())?;
            page.press(Key::Tab).await?;
            let f = focused(&page).await?;
            let first = after.first().ok_or("no component")?;
            assert!(
                f.contains(&format!("|{}]", first.id)),
                "Tab from the canvas reached {f}"
            );
            page.wait_for(&format!("{}.selected", ui::component(&first.id)))
                .await?;
            let _ = std::fs::create_dir_all(paths::artifacts_dir());
            page.screenshot(&paths::artifacts_dir().join("keyboard-focus.png"))
                .await?;
            page.press(Key::Delete).await?;
            page.wait_for_count(&ui::components(), "one component less", |n| {
                n == after.len() - 1
            })
            .await?;
            assert!(
                !app::components(&page)
                    .await?
                    .iter()
                    .any(|c| c.id == first.id)
            );
            Ok(())
        },
    )
    .await;
}
