//! Moving, copying, pasting and deleting with real pointer and keyboard input;
//! frames carry what they hold.

use skydraft_core::design::{Design, Point};
use skydraft_tests::{Key, run, ui};

use crate::app;

fn pos_of(d: &Design, id: &str) -> Option<Point> {
    d.components
        .iter()
        .find(|c| c.id.to_string() == id)
        .map(|c| c.pos)
}

#[tokio::test]
async fn dragging_a_component_moves_it() {
    run("dragging_a_component_moves_it", |page| async move {
        let comps = app::open_app(&page, "/").await?;
        let c = comps
            .last()
            .ok_or("the template has no components")?
            .clone();
        let start = app::saved_design(&page).await?;
        let was = pos_of(&start, &c.id).ok_or("component missing from the design")?;
        let (x0, y0) = app::component_center(&page, &c.id).await?;

        let el = page.find(&ui::component(&c.id)).await?;
        page.drag_by(&el, 90, 60).await?;

        let d = app::wait_saved(&page, "the moved component autosaved", |d| {
            pos_of(d, &c.id).is_some_and(|p| p != was)
        })
        .await?;
        let now = pos_of(&d, &c.id).ok_or("the component vanished")?;
        assert!(
            now.x > was.x && now.y > was.y,
            "dragged right and down, moved from {was:?} to {now:?}"
        );
        let (x1, y1) = app::component_center(&page, &c.id).await?;
        // Snapping to the grid moves the card by up to half a cell.
        assert!(
            (x1 - x0 - 90.0).abs() <= 20.0 && (y1 - y0 - 60.0).abs() <= 20.0,
            "dragged by (90, 60) px, the card moved by ({:.0}, {:.0})",
            x1 - x0,
            y1 - y0
        );
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn copy_and_paste_add_a_second_component() {
    run("copy_and_paste_add_a_second_component", |page| async move {
        let comps = app::open_app(&page, "/").await?;
        let c = comps
            .last()
            .ok_or("the template has no components")?
            .clone();
        page.click(&page.find(&ui::component(&c.id)).await?).await?;
        page.press_with(Key::Control, 'c').await?;
        page.press_with(Key::Control, 'v').await?;
        let all = page
            .wait_for_count(&ui::components_of(&c.kind), "the pasted copy", |n| {
                n == comps.iter().filter(|x| x.kind == c.kind).count() + 1
            })
            .await?;
        assert!(!all.is_empty());
        let d = app::wait_saved(&page, "the paste autosaved", |d| {
            d.components.len() == comps.len() + 1
        })
        .await?;
        let original = pos_of(&d, &c.id).ok_or("the copied component vanished")?;
        let pasted = d
            .components
            .iter()
            .find(|x| x.kind == c.kind && comps.iter().all(|o| o.id != x.id.to_string()))
            .ok_or("no new component of the copied kind")?;
        assert_ne!(
            pasted.pos, original,
            "the copy lies exactly on the original"
        );
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn backspace_deletes_the_selection_and_its_links() {
    run(
        "backspace_deletes_the_selection_and_its_links",
        |page| async move {
            let comps = app::open_app(&page, "/").await?;
            let links = app::links(&page).await?;
            let c = comps
                .iter()
                .find(|c| links.iter().any(|l| l.from == c.id || l.to == c.id))
                .ok_or("no linked component in the template")?
                .clone();
            page.click(&page.find(&ui::component(&c.id)).await?).await?;
            page.press(Key::Backspace).await?;
            page.wait_gone(&ui::component(&c.id)).await?;
            let left = app::links(&page).await?;
            assert!(
                left.iter().all(|l| l.from != c.id && l.to != c.id),
                "links of the deleted {} remain: {left:?}",
                c.id
            );
            app::wait_saved(&page, "the deletion autosaved", |d| {
                d.components.len() == comps.len() - 1
            })
            .await?;
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn dragging_a_frame_moves_what_it_holds() {
    run("dragging_a_frame_moves_what_it_holds", |page| async move {
        app::open_app(&page, "/").await?;
        let start = app::saved_design(&page).await?;
        // The largest frame (the Region): it holds every component inside it.
        let frame = start
            .groups
            .iter()
            .max_by(|a, b| (a.rect.w * a.rect.h).total_cmp(&(b.rect.w * b.rect.h)))
            .ok_or("the template has no frame")?
            .clone();
        let inside: Vec<String> = start
            .components
            .iter()
            .filter(|c| frame.rect.contains(c.pos))
            .map(|c| c.id.to_string())
            .collect();
        let outside: Vec<String> = start
            .components
            .iter()
            .filter(|c| !frame.rect.contains(c.pos))
            .map(|c| c.id.to_string())
            .collect();
        assert!(!inside.is_empty(), "the frame holds no component");

        let grip = page
            .find(&format!("[data-group-grip=\"{}\"]", frame.id))
            .await?;
        page.drag_by(&grip, 80, 48).await?;

        let d = app::wait_saved(&page, "the moved frame autosaved", |d| {
            d.groups
                .iter()
                .any(|g| g.id == frame.id && g.rect != frame.rect)
        })
        .await?;
        let moved = d
            .groups
            .iter()
            .find(|g| g.id == frame.id)
            .ok_or("the frame vanished")?;
        let (dx, dy) = (moved.rect.x - frame.rect.x, moved.rect.y - frame.rect.y);
        assert!(dx > 0.0 && dy > 0.0, "frame moved by ({dx}, {dy})");
        for id in &inside {
            let (a, b) = (pos_of(&start, id), pos_of(&d, id));
            let (a, b) = (a.ok_or("missing")?, b.ok_or("missing")?);
            assert!(
                (b.x - a.x - dx).abs() < 1e-6 && (b.y - a.y - dy).abs() < 1e-6,
                "{id} inside the frame moved by ({}, {}), the frame by ({dx}, {dy})",
                b.x - a.x,
                b.y - a.y
            );
        }
        for id in &outside {
            assert_eq!(
                pos_of(&start, id),
                pos_of(&d, id),
                "{id} outside the frame moved"
            );
        }
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_copy_in_one_tab_pastes_in_another() {
    run("a_copy_in_one_tab_pastes_in_another", |page| async move {
        let comps = app::open_app(&page, "/").await?;
        let origin: String = page.eval("return location.origin").await?;
        page.driver()
            .cdp()
            .send_raw(
                "Browser.grantPermissions",
                serde_json::json!({
                    "origin": origin,
                    "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"],
                }),
            )
            .await?;
        let c = comps
            .last()
            .ok_or("the template has no components")?
            .clone();
        page.click(&page.find(&ui::component(&c.id)).await?).await?;
        page.press_with(Key::Control, 'c').await?;

        // A second tab of the same browser: its page has copied nothing itself,
        // so only the system clipboard can bring the component over.
        let first = page.driver().window().await?;
        let tab = page.driver().new_tab().await?;
        page.driver().switch_to_window(tab).await?;
        let there = app::open_app(&page, "/").await?;
        page.click(&page.find(&ui::testid(ui::CANVAS)).await?)
            .await?;
        page.press_with(Key::Control, 'v').await?;
        page.wait_for_count(
            &ui::components_of(&c.kind),
            "the component pasted from the other tab",
            |n| n == there.iter().filter(|x| x.kind == c.kind).count() + 1,
        )
        .await?;
        page.driver().switch_to_window(first).await?;
        Ok(())
    })
    .await;
}
