//! Selecting several things (rectangle, Shift-click), panning with Space-drag,
//! zooming with the buttons, the templates gallery and JSON import.

use skydraft_core::scenario::Scenario;
use skydraft_core::{share, template};
use skydraft_tests::{Key, Page, run, ui};

use crate::app;

/// Screen centres of every component, by id.
async fn centres(page: &Page) -> Result<Vec<(String, (f64, f64))>, app::Error> {
    let mut out = Vec::new();
    for c in app::components(page).await? {
        out.push((c.id.clone(), app::component_center(page, &c.id).await?));
    }
    Ok(out)
}

/// The canvas' rectangle on screen: left, top, right, bottom.
async fn canvas_rect(page: &Page) -> Result<(f64, f64, f64, f64), app::Error> {
    Ok(page
        .eval(&format!(
            "const r = document.querySelector('{}').getBoundingClientRect();
             return [r.left, r.top, r.right, r.bottom];",
            ui::testid(ui::CANVAS)
        ))
        .await?)
}

#[tokio::test]
async fn a_rectangle_drawn_on_empty_canvas_selects_what_it_covers() {
    run(
        "a_rectangle_drawn_on_empty_canvas_selects_what_it_covers",
        |page| async move {
            let comps = app::open_app(&page, "/").await?;
            let pts = centres(&page).await?;
            let (l, t, r, b) = canvas_rect(&page).await?;
            // From the top-left corner of the canvas (empty after zoom to fit)
            // to just past the first component's centre in both directions.
            let (first, (fx, fy)) = pts
                .iter()
                .min_by(|a, b| (a.1.0 + a.1.1).total_cmp(&(b.1.0 + b.1.1)))
                .ok_or("no components")?
                .clone();
            let covered: Vec<&String> = pts
                .iter()
                .filter(|(_, (x, y))| *x <= fx + 1.0 && *y <= fy + 1.0)
                .map(|(id, _)| id)
                .collect();
            assert!(
                covered.len() < comps.len(),
                "the rectangle would cover everything"
            );
            let start = ((l + 4.0) as i64, (t + 4.0) as i64);
            assert!(fx < r && fy < b);
            page.driver()
                .action_chain()
                .move_to(start.0, start.1)
                .click_and_hold()
                .move_to((fx + 1.0) as i64, (fy + 1.0) as i64)
                .release()
                .perform()
                .await?;
            page.press(Key::Delete).await?;
            page.wait_gone(&ui::component(&first)).await?;
            let left = app::components(&page).await?;
            assert_eq!(
                left.len(),
                comps.len() - covered.len(),
                "the rectangle over {covered:?} deleted another number of components"
            );
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn shift_click_adds_to_the_selection() {
    run("shift_click_adds_to_the_selection", |page| async move {
        let comps = app::open_app(&page, "/").await?;
        let (a, b) = match comps.as_slice() {
            [a, b, ..] => (a.clone(), b.clone()),
            _ => return Err("the template has fewer than two components".into()),
        };
        page.click(&page.find(&ui::component(&a.id)).await?).await?;
        let el = page.find(&ui::component(&b.id)).await?;
        page.driver()
            .action_chain()
            .key_down(Key::Shift)
            .move_to_element_center(&el)
            .click()
            .key_up(Key::Shift)
            .perform()
            .await?;
        page.press(Key::Delete).await?;
        page.wait_gone(&ui::component(&a.id)).await?;
        page.wait_gone(&ui::component(&b.id)).await?;
        assert_eq!(app::components(&page).await?.len(), comps.len() - 2);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn space_drag_pans_without_changing_the_design() {
    run(
        "space_drag_pans_without_changing_the_design",
        |page| async move {
            app::open_app(&page, "/").await?;
            let before = centres(&page).await?;
            let design = app::saved_design(&page).await?;
            let (l, t, _, _) = canvas_rect(&page).await?;
            page.click(&page.find(&ui::testid(ui::CANVAS)).await?)
                .await?;
            page.driver()
                .action_chain()
                .key_down(Key::Space)
                .move_to((l + 20.0) as i64, (t + 20.0) as i64)
                .click_and_hold()
                .move_by_offset(60, 40)
                .move_by_offset(60, 40)
                .release()
                .key_up(Key::Space)
                .perform()
                .await?;
            let after = centres(&page).await?;
            for ((id, (x0, y0)), (_, (x1, y1))) in before.iter().zip(&after) {
                assert!(
                    (x1 - x0 - 120.0).abs() < 2.0 && (y1 - y0 - 80.0).abs() < 2.0,
                    "{id} moved on screen by ({:.0}, {:.0}), the pan was (120, 80)",
                    x1 - x0,
                    y1 - y0
                );
            }
            assert_eq!(
                app::saved_design(&page).await?,
                design,
                "panning changed the design"
            );
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn zoom_in_spreads_the_components_apart() {
    run("zoom_in_spreads_the_components_apart", |page| async move {
        app::open_app(&page, "/").await?;
        let dist = |v: &[(String, (f64, f64))]| -> f64 {
            let (a, b) = (v[0].1, v[v.len() - 1].1);
            (a.0 - b.0).hypot(a.1 - b.1)
        };
        let before = dist(&centres(&page).await?);
        page.click(&page.find(&ui::testid("zoom-in")).await?)
            .await?;
        let after = dist(&centres(&page).await?);
        let ratio = after / before;
        assert!(
            (ratio - 1.2).abs() < 0.02,
            "zoom in scaled distances by {ratio:.3}"
        );
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn the_gallery_opens_another_template() {
    run("the_gallery_opens_another_template", |page| async move {
        app::open_app(&page, "/").await?;
        let t = template::all()
            .into_iter()
            .find(|t| t.id != template::DEFAULT_ID)
            .ok_or("core has only one template")?;
        page.click(&page.find(&ui::testid("templates")).await?)
            .await?;
        let card = page
            .wait_for(&format!(
                "[data-testid=\"templates-gallery\"] [data-template=\"{}\"]",
                t.id
            ))
            .await?;
        card.scroll_into_view().await?;
        page.click(&card).await?;
        app::wait_saved(&page, "the template's design autosaved", |d| *d == t.design).await?;
        page.wait_for_count(&ui::components(), "the template's components", |n| {
            n == t.design.components.len()
        })
        .await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn importing_a_json_file_opens_its_design() {
    run(
        "importing_a_json_file_opens_its_design",
        |page| async move {
            app::open_app(&page, "/").await?;
            let t = template::all()
                .into_iter()
                .find(|t| t.id != template::DEFAULT_ID)
                .ok_or("core has only one template")?;
            let dir = tempfile::tempdir()?;
            let file = dir.path().join("design.json");
            std::fs::write(&file, share::export_json(&t.design, &Scenario::default()))?;
            page.click(&page.find(&ui::testid(ui::EXPORT)).await?)
                .await?;
            let input = page.wait_for(&ui::testid("import-json")).await?;
            input.send_keys(file.display().to_string()).await?;
            app::wait_saved(&page, "the imported design autosaved", |d| *d == t.design).await?;
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn the_plus_and_minus_keys_zoom_as_their_buttons_say() {
    run(
        "the_plus_and_minus_keys_zoom_as_their_buttons_say",
        |page| async move {
            app::open_app(&page, "/").await?;
            let dist = |v: &[(String, (f64, f64))]| -> f64 {
                let (a, b) = (v[0].1, v[v.len() - 1].1);
                (a.0 - b.0).hypot(a.1 - b.1)
            };
            let title: Option<String> = page
                .find(&ui::testid("zoom-in"))
                .await?
                .attr("title")
                .await?;
            assert_eq!(title.as_deref(), Some("Zoom in (+)"));
            let before = dist(&centres(&page).await?);
            page.press("+").await?;
            let ratio = dist(&centres(&page).await?) / before;
            assert!(
                (ratio - 1.2).abs() < 0.02,
                "+ scaled distances by {ratio:.3}"
            );
            page.press("-").await?;
            page.press("-").await?;
            let ratio = dist(&centres(&page).await?) / before;
            assert!(
                (ratio - 1.0 / 1.2).abs() < 0.02,
                "+ then - twice scaled distances by {ratio:.3}"
            );
            // The shortcut list shows what is bound.
            page.press("?").await?;
            let list = page
                .wait_for(&ui::testid("shortcuts"))
                .await?
                .text()
                .await?;
            for row in ["Zoom in", "Zoom out", "Ctrl/Cmd+Z"] {
                assert!(
                    list.contains(row),
                    "the shortcut list lacks {row:?}: {list}"
                );
            }
            Ok(())
        },
    )
    .await;
}
