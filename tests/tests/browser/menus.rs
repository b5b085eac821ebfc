//! Menus and dialogs behave alike (open, Escape, outside press, focus back to
//! the opener, one at a time), and the small things around them: the replay
//! scrubber keeps its width while dragged, exports take in notes, the
//! view-only inspector offers no editing, New design starts afresh.

use skydraft_core::design::{Annotation, AnnotationKind, Design, Point};
use skydraft_core::scenario::Scenario;
use skydraft_core::{share, template};
use skydraft_tests::{Key, Page, run, ui, wait};

use crate::app;
use crate::run_page::{click, run_and_wait, set_minutes, shot};

type R<T> = Result<T, app::Error>;

/// The top bar's menus: (button, its list).
const MENUS: [(&str, &str); 3] = [
    ("share", "share-menu"),
    ("export", "export-menu"),
    ("theme-toggle", "theme-toggle-menu"),
];

/// The `data-testid` of the focused element, or of the nearest ancestor
/// with one ("" when none).
async fn focused(page: &Page) -> R<String> {
    Ok(page
        .eval(
            "const a = document.activeElement; const t = a && a.closest('[data-testid]'); \
             return t ? t.getAttribute('data-testid') : '';",
        )
        .await?)
}

/// Whether focus is inside the element with this test id.
async fn focus_inside(page: &Page, testid: &str) -> R<bool> {
    focus_in(page, &ui::testid(testid)).await
}

/// Whether focus is inside the element `css`.
pub(crate) async fn focus_in(page: &Page, css: &str) -> R<bool> {
    Ok(page
        .eval_with(
            "const m = document.querySelector(arguments[0]); return !!m && m.contains(document.activeElement);",
            vec![serde_json::json!(css)],
        )
        .await?)
}

/// A button's `aria-expanded`.
async fn expanded(page: &Page, testid: &str) -> R<String> {
    Ok(page
        .eval(&format!(
            "return document.querySelector('[data-testid=\"{testid}\"]').getAttribute('aria-expanded') || '';"
        ))
        .await?)
}

/// Presses the pointer at viewport point (`x`, `y`).
async fn press_at(page: &Page, x: i64, y: i64) -> R<()> {
    page.driver()
        .action_chain()
        .move_to(x, y)
        .click()
        .perform()
        .await?;
    Ok(())
}

/// Waits until focus is on the element with this test id.
async fn wait_focus(page: &Page, testid: &str) -> R<()> {
    wait::wait_for(&format!("focus on {testid}"), async || {
        Ok(focused(page).await.unwrap_or_default() == testid)
    })
    .await?;
    Ok(())
}

#[tokio::test]
async fn every_menu_opens_closes_and_gives_focus_back() {
    run(
        "every_menu_opens_closes_and_gives_focus_back",
        |page| async move {
            app::open_app(&page, "/").await?;
            for (button, list) in MENUS {
                // Opens with focus inside and says so.
                click(&page, &ui::testid(button)).await?;
                page.wait_for(&ui::testid(list)).await?;
                assert_eq!(expanded(&page, button).await?, "true", "{button}");
                assert_eq!(
                    page.eval::<String>(&format!(
                        "return document.querySelector('[data-testid=\"{button}\"]').getAttribute('aria-haspopup');"
                    ))
                    .await?,
                    "menu"
                );
                wait::wait_for(&format!("focus inside {list}"), async || {
                    Ok(focus_inside(&page, list).await.unwrap_or(false))
                })
                .await?;
                // Escape closes it and gives focus back to its button.
                page.press(Key::Escape).await?;
                page.wait_gone(&ui::testid(list)).await?;
                wait_focus(&page, button).await?;
                assert_eq!(expanded(&page, button).await?, "false", "{button}");

                // A press outside closes it.
                click(&page, &ui::testid(button)).await?;
                page.wait_for(&ui::testid(list)).await?;
                press_at(&page, 300, 620).await?;
                page.wait_gone(&ui::testid(list)).await?;
            }

            // Opening a second menu closes the first.
            click(&page, &ui::testid("share")).await?;
            page.wait_for(&ui::testid("share-menu")).await?;
            click(&page, &ui::testid("export")).await?;
            page.wait_for(&ui::testid("export-menu")).await?;
            page.wait_gone(&ui::testid("share-menu")).await?;
            assert_eq!(page.find_all("[role=menu]").await?.len(), 1);

            // The arrows move between the items, around the ends.
            wait_focus(&page, "export-json").await?;
            page.press(Key::Down).await?;
            wait_focus(&page, "export-svg").await?;
            page.press(Key::Up).await?;
            page.press(Key::Up).await?;
            assert!(
                focus_inside(&page, "export-menu").await?
                    && focused(&page).await? != "export-json",
                "Up from the first item goes to the last"
            );
            page.press(Key::Home).await?;
            wait_focus(&page, "export-json").await?;
            page.press(Key::Escape).await?;
            page.wait_gone(&ui::testid("export-menu")).await?;

            // The keyboard alone: Enter on the button opens, Enter on an item chooses.
            click(&page, &ui::testid("share")).await?;
            page.press(Key::Escape).await?;
            wait_focus(&page, "share").await?;
            app::capture_outputs(&page).await?;
            page.press(Key::Enter).await?;
            wait_focus(&page, "share-link").await?;
            page.press(Key::Enter).await?;
            let link = app::wait_copied(&page).await?;
            assert!(link.contains(ui::HASH_PREFIX), "{link:.60}");
            page.wait_gone(&ui::testid("share-menu")).await?;
            wait_focus(&page, "share").await?;
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn dialogs_trap_focus_close_and_close_menus() {
    run(
        "dialogs_trap_focus_close_and_close_menus",
        |page| async move {
            app::open_app(&page, "/").await?;
            // Templates: modal, focus inside, Escape closes, focus back.
            click(&page, &ui::testid("templates")).await?;
            page.wait_for(&ui::testid("templates-gallery")).await?;
            let modal: String = page
                .eval("const d = document.querySelector('dialog[open]'); return d ? d.getAttribute('aria-modal') : '';")
                .await?;
            assert_eq!(modal, "true");
            wait::wait_for("focus inside the templates dialog", async || {
                Ok(page
                    .eval::<bool>("const d = document.querySelector('dialog[open]'); return !!d && d.contains(document.activeElement);")
                    .await
                    .unwrap_or(false))
            })
            .await?;
            // Tab stays inside (the rest of the page is inert).
            for _ in 0..12 {
                page.press(Key::Tab).await?;
                let inside: bool = page
                    .eval("const d = document.querySelector('dialog[open]'); return !!d && (d.contains(document.activeElement) || document.activeElement === document.body);")
                    .await?;
                assert!(inside, "Tab left the dialog for {}", focused(&page).await?);
            }
            page.press(Key::Escape).await?;
            page.wait_gone(&ui::testid("templates-gallery")).await?;
            wait_focus(&page, "templates").await?;

            // A press on the backdrop closes it.
            click(&page, &ui::testid("templates")).await?;
            page.wait_for(&ui::testid("templates-gallery")).await?;
            press_at(&page, 4, 740).await?;
            page.wait_gone(&ui::testid("templates-gallery")).await?;

            // A dialog opening closes an open menu: `?` from the Export menu.
            click(&page, &ui::testid("export")).await?;
            page.wait_for(&ui::testid("export-menu")).await?;
            wait_focus(&page, "export-json").await?;
            page.press("?").await?;
            page.wait_for(&ui::testid("shortcuts")).await?;
            page.wait_gone(&ui::testid("export-menu")).await?;
            page.press(Key::Escape).await?;
            page.wait_gone(&ui::testid("shortcuts")).await?;
            Ok(())
        },
    )
    .await;
}

/// A viewport of `w` × `h` CSS pixels.
async fn viewport(page: &Page, w: u32, h: u32) -> R<()> {
    page.driver()
        .cdp()
        .send_raw(
            "Emulation.setDeviceMetricsOverride",
            serde_json::json!({ "width": w, "height": h, "deviceScaleFactor": 1, "mobile": false }),
        )
        .await?;
    Ok(())
}

/// A box in viewport pixels: left, top, right, bottom.
type Box4 = (f64, f64, f64, f64);

/// The box of the element with this test id.
async fn rect(page: &Page, testid: &str) -> R<Box4> {
    Ok(page
        .eval(&format!(
            "const r = document.querySelector('[data-testid=\"{testid}\"]').getBoundingClientRect(); \
             return [r.left, r.top, r.right, r.bottom];"
        ))
        .await?)
}

fn overlap(a: Box4, b: Box4) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

#[tokio::test]
async fn the_scrubber_keeps_its_width_while_dragged() {
    run(
        "the_scrubber_keeps_its_width_while_dragged",
        |page| async move {
            viewport(&page, 1280, 720).await?;
            app::open_app(&page, "/").await?;
            set_minutes(&page, 10).await?;
            run_and_wait(&page).await?;
            let scrub = page.wait_for(&ui::testid("replay-scrubber")).await?;
            let before = rect(&page, "replay-scrubber").await?;
            shot(&page, "menus-replay-1280-before").await?;
            let width = before.2 - before.0;
            assert!(width > 100.0, "the scrubber is {width} px wide");

            // Press a quarter of the way along, then drag a little to the right.
            let y = ((before.1 + before.3) / 2.0) as i64;
            let x0 = (before.0 + width * 0.25) as i64;
            page.driver()
                .action_chain()
                .move_to(x0, y)
                .click_and_hold()
                .perform()
                .await?;
            let pressed = rect(&page, "replay-scrubber").await?;
            page.driver()
                .action_chain()
                .move_to(x0 + 20, y)
                .perform()
                .await?;
            let dragged = rect(&page, "replay-scrubber").await?;
            page.driver().action_chain().release().perform().await?;
            for r in [pressed, dragged] {
                assert!(
                    (r.2 - r.0 - width).abs() < 0.5 && (r.0 - before.0).abs() < 0.5,
                    "the scrubber moved from {before:?} to {r:?}"
                );
            }
            // The moment is where the pointer let go, not the end of the run.
            let (value, max): (f64, f64) = page
                .eval_with(
                    "return [parseFloat(arguments[0].value), parseFloat(arguments[0].max)];",
                    vec![scrub.to_json()?],
                )
                .await?;
            let share = value / max;
            assert!(
                (0.15..0.45).contains(&share),
                "the drag left the replay at {value} of {max}"
            );
            let t = page.find(&ui::testid("replay-time")).await?.text().await?;
            assert!(t.contains(" of "), "{t}");
            shot(&page, "menus-replay-1280-dragged").await?;

            // Nothing in the replay bar lies under the side panel's buttons,
            // and Exit is inside the results column.
            let exit = rect(&page, "replay-exit").await?;
            let pin = rect(&page, "pin-run").await?;
            let csv = rect(&page, "download-csv").await?;
            assert!(
                !overlap(exit, pin) && !overlap(exit, csv),
                "Exit {exit:?} under {pin:?}"
            );
            let main: Box4 = page
                .eval(
                    "const r = document.querySelector('.res-main').getBoundingClientRect(); \
                     return [r.left, r.top, r.right, r.bottom];",
                )
                .await?;
            assert!(
                exit.2 <= main.2 + 0.5,
                "Exit {exit:?} spills out of {main:?}"
            );
            Ok(())
        },
    )
    .await;
}

/// The default template with a sticky note well below its lowest card.
fn design_with_note_below() -> R<(Design, f64)> {
    let mut d = template::get(template::DEFAULT_ID)
        .ok_or("no default template")?
        .design;
    let lowest = d
        .components
        .iter()
        .map(|c| c.pos.y)
        .fold(f64::MIN, f64::max);
    let y = lowest + 400.0;
    let id = d.next_annotation_id();
    d.annotations.push(Annotation {
        id,
        kind: AnnotationKind::Sticky,
        text: "Note below everything".into(),
        pos: Point { x: 0.0, y },
        stroke: None,
    });
    Ok((d, y))
}

#[tokio::test]
async fn svg_export_takes_in_a_note_below_the_last_component() {
    run(
        "svg_export_takes_in_a_note_below_the_last_component",
        |page| async move {
            let (design, note_y) = design_with_note_below()?;
            let code = share::encode(&design, &Scenario::default());
            app::open_app(&page, &format!("{}{code}", ui::HASH_PREFIX)).await?;
            app::capture_outputs(&page).await?;
            click(&page, &ui::testid(ui::EXPORT)).await?;
            click(&page, &ui::testid(ui::EXPORT_SVG)).await?;
            let svg = app::wait_download(&page, 1)
                .await?
                .text
                .ok_or("the SVG export has no content")?;
            assert!(
                svg.contains("Note below everything"),
                "the note's text is missing"
            );
            let view_box: Vec<f64> = page
                .eval_with(
                    "const doc = new DOMParser().parseFromString(arguments[0], 'image/svg+xml'); \
                     return doc.documentElement.getAttribute('viewBox').split(/\\s+/).map(Number);",
                    vec![svg.into()],
                )
                .await?;
            let [_, y, _, h] = view_box[..] else {
                return Err(format!("viewBox {view_box:?}").into());
            };
            // A sticky note is 112 units tall.
            assert!(
                y + h >= note_y + 112.0,
                "the viewBox ends at {} but the note reaches {}",
                y + h,
                note_y + 112.0
            );
            Ok(())
        },
    )
    .await;
}

/// The inspector's visible text.
async fn inspector_text(page: &Page) -> R<String> {
    Ok(page.find(&ui::testid(ui::INSPECTOR)).await?.text().await?)
}

#[tokio::test]
async fn the_view_only_inspector_offers_no_editing() {
    run(
        "the_view_only_inspector_offers_no_editing",
        |page| async move {
            let t = template::get(template::DEFAULT_ID).ok_or("no default template")?;
            let code = share::encode(&t.design, &t.scenario);
            let comps = app::open_app(&page, &format!("{}{code}&view", ui::HASH_PREFIX)).await?;
            page.wait_for(&ui::testid("view-only")).await?;
            let empty = inspector_text(&page).await?;
            // Several selected: the hint must not offer Delete.
            let a = page.find(&ui::component(&comps[0].id)).await?;
            page.click(&a).await?;
            let b = page.find(&ui::component(&comps[1].id)).await?;
            page.driver()
                .action_chain()
                .key_down(Key::Shift)
                .move_to_element_center(&b)
                .click()
                .key_up(Key::Shift)
                .perform()
                .await?;
            let several = wait::wait_until("two selected", wait::DEFAULT_TIMEOUT, async || {
                let text = inspector_text(&page).await.unwrap_or_default();
                Ok(if text.contains("items selected") {
                    skydraft_tests::Poll::Ready(text)
                } else {
                    skydraft_tests::Poll::Pending(text)
                })
            })
            .await?;
            for text in [&empty, &several] {
                assert!(
                    !text.contains("Delete"),
                    "view-only inspector says {text:?}"
                );
                assert!(!text.contains("Drag"), "view-only inspector says {text:?}");
            }
            // One component: no connect or delete controls.
            page.click(&page.find(&ui::component(&comps[2].id)).await?)
                .await?;
            page.wait_for(&format!("{} [data-param=label]", ui::testid(ui::INSPECTOR)))
                .await?;
            assert!(page.find_all(&ui::testid("connect-to")).await?.is_empty());
            assert!(!inspector_text(&page).await?.contains("Delete"));
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn new_design_starts_empty_and_keeps_the_old_one() {
    run(
        "new_design_starts_empty_and_keeps_the_old_one",
        |page| async move {
            app::open_app(&page, "/").await?;
            let name = page.find(&ui::testid(ui::DESIGN_NAME)).await?;
            page.type_into(&name, "Old shop\n").await?;
            app::wait_saved(&page, "the renamed design", |d| d.name == "Old shop").await?;

            click(&page, &ui::testid("new-design")).await?;
            page.wait_for_count(&ui::components(), "an empty canvas", |n| n == 0)
                .await?;
            let new_name: String = page
                .eval(&format!(
                    "return document.querySelector('{}').value;",
                    ui::testid(ui::DESIGN_NAME)
                ))
                .await?;
            assert!(
                !new_name.is_empty() && new_name != "Old shop",
                "{new_name:?}"
            );
            let toast = app::wait_toast(&page).await?;
            assert!(toast.contains("Old shop"), "{toast}");

            // The old design is still in My designs, under its name.
            let entries = app::library_entries(&page).await?;
            assert!(
                entries.iter().any(|e| e.name == "Old shop"),
                "{:?}",
                entries.iter().map(|e| &e.name).collect::<Vec<_>>()
            );
            click(&page, &ui::testid(ui::MY_DESIGNS)).await?;
            page.wait_for(&format!(
                "{} [data-name=\"Old shop\"]",
                ui::testid(ui::MY_DESIGNS_DIALOG)
            ))
            .await?;
            Ok(())
        },
    )
    .await;
}
