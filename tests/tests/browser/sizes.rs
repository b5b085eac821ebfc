//! The screen items again at tablet and phone sizes, with touch: a tablet in
//! landscape gets the full-width canvas too; the drawer waits for the first
//! run and Fit keeps labels readable; menus and dialogs behave as on a
//! desktop; the replay scrubber keeps its width under a finger; a run too big
//! offers a shorter one; axe finds nothing serious in any of these views.

use skydraft_core::scenario::{Scenario, Shape, Traffic};
use skydraft_core::{share, template};
use skydraft_tests::page::touch::{PHONE, Screen, TABLET, TABLET_LANDSCAPE};
use skydraft_tests::{Key, Page, Poll, run, ui, wait};

use crate::app::{self, Error};
use crate::menus::focus_in;
use crate::run_page::shot;
use crate::screens::{centre, place_and_connect, shared_link_runs, tap};

type R<T> = Result<T, Error>;

/// Fails with every serious finding of axe-core, named by `what`.
async fn no_findings(page: &Page, what: &str) -> R<()> {
    let found = page.axe().await?;
    let list: Vec<String> = found.iter().map(ToString::to_string).collect();
    assert!(list.is_empty(), "{what}: {}", list.join("\n"));
    Ok(())
}

/// Opens `design` with `scenario` as a share link on `screen`.
async fn open_link(page: &Page, screen: Screen, id: &str, scenario: Option<Scenario>) -> R<()> {
    page.emulate(screen).await?;
    let t = template::get(id).ok_or("no such template")?;
    let scenario = scenario.unwrap_or_else(|| Scenario {
        duration_s: 120.0,
        ..t.scenario.clone()
    });
    let link = format!("{}{}", ui::HASH_PREFIX, share::encode(&t.design, &scenario));
    app::open_app(page, &link).await?;
    Ok(())
}

/// Taps Run in the bottom bar and waits for the run to finish.
async fn tap_run_and_wait(page: &Page) -> R<String> {
    tap(page, &ui::testid("mobile-run")).await?;
    Ok(wait::wait_until(
        "the run to finish",
        std::time::Duration::from_secs(60),
        async || {
            let s = page.find(&ui::testid(ui::RUN_STATUS)).await?.text().await?;
            Ok(if s.starts_with("Finished") {
                Poll::Ready(s)
            } else {
                Poll::Pending(s)
            })
        },
    )
    .await?)
}

/// The drawer body's height (0 when collapsed) and the on-screen size in CSS
/// pixels of the first component label.
async fn drawer_and_label(page: &Page) -> R<(f64, f64)> {
    Ok(page
        .eval(
            "const b = document.querySelector('.run-body');
             const t = document.querySelector('[data-testid=\"canvas\"] g.world').getAttribute('transform');
             const zoom = parseFloat(/scale\\(([^)]+)\\)/.exec(t)[1]);
             const label = document.querySelector('.node-label');
             return [b ? b.getBoundingClientRect().height : 0, parseFloat(getComputedStyle(label).fontSize) * zoom];",
        )
        .await?)
}

#[tokio::test]
async fn a_tablet_in_landscape_runs_a_shared_link_and_connects_by_touch() {
    run(
        "a_tablet_in_landscape_runs_a_shared_link_and_connects_by_touch",
        |page| async move {
            shared_link_runs(&page, TABLET_LANDSCAPE).await?;
            shot(&page, "sizes-landscape-results").await?;
            place_and_connect(&page, TABLET_LANDSCAPE).await
        },
    )
    .await;
}

/// Before a run the drawer is shut and Fit keeps labels at 11 px or more;
/// after one, the results show.
async fn drawer_waits_and_fit_is_readable(page: &Page, screen: Screen) -> R<()> {
    open_link(page, screen, template::DEFAULT_ID, None).await?;
    tap(page, &ui::testid("zoom-fit")).await?;
    let (body, label) = drawer_and_label(page).await?;
    assert_eq!(
        body, 0.0,
        "{}: the drawer is open before a run",
        screen.name
    );
    assert!(
        label >= 11.0 - 1e-6,
        "{}: labels are {label:.2} px after Fit",
        screen.name
    );
    no_findings(page, &format!("{}: the editor", screen.name)).await?;
    tap_run_and_wait(page).await?;
    let (body, _) = drawer_and_label(page).await?;
    assert!(
        body > 100.0,
        "{}: the drawer is {body} px after the run",
        screen.name
    );
    no_findings(page, &format!("{}: the results", screen.name)).await?;
    Ok(())
}

#[tokio::test]
async fn on_a_tablet_the_drawer_waits_for_the_run_and_fit_is_readable() {
    run(
        "on_a_tablet_the_drawer_waits_for_the_run_and_fit_is_readable",
        |page| async move { drawer_waits_and_fit_is_readable(&page, TABLET).await },
    )
    .await;
}

#[tokio::test]
async fn on_a_phone_the_drawer_waits_for_the_run_and_fit_is_readable() {
    run(
        "on_a_phone_the_drawer_waits_for_the_run_and_fit_is_readable",
        |page| async move { drawer_waits_and_fit_is_readable(&page, PHONE).await },
    )
    .await;
}

/// Waits until focus is inside the element `css`.
async fn wait_focus_in(page: &Page, css: &str) -> R<()> {
    wait::wait_for(&format!("focus in {css}"), async || {
        Ok(focus_in(page, css).await.unwrap_or(false))
    })
    .await?;
    Ok(())
}

/// The Templates dialog opened by `opener` taps: modal, focus inside and kept
/// there, axe-clean, closed by Escape with focus back on `back`.
async fn templates_dialog(page: &Page, screen: Screen, opener: &[&str], back: &str) -> R<()> {
    for testid in opener {
        tap(page, &ui::testid(testid)).await?;
    }
    page.wait_for(&ui::testid("templates-gallery")).await?;
    let modal: String = page
        .eval("const d = document.querySelector('dialog[open]'); return d ? d.getAttribute('aria-modal') : '';")
        .await?;
    assert_eq!(modal, "true", "{}", screen.name);
    wait_focus_in(page, "dialog[open]").await?;
    for _ in 0..6 {
        page.press(Key::Tab).await?;
        assert!(
            focus_in(page, "dialog[open]").await?,
            "{}: Tab left the dialog",
            screen.name
        );
    }
    no_findings(page, &format!("{}: the templates dialog", screen.name)).await?;
    shot(page, &format!("sizes-templates-{}", screen.width)).await?;
    page.press(Key::Escape).await?;
    page.wait_gone(&ui::testid("templates-gallery")).await?;
    wait_focus_in(page, &ui::testid(back)).await
}

#[tokio::test]
async fn on_a_phone_the_more_menu_and_dialogs_behave_as_on_a_desktop() {
    run(
        "on_a_phone_the_more_menu_and_dialogs_behave_as_on_a_desktop",
        |page| async move {
            open_link(&page, PHONE, template::DEFAULT_ID, None).await?;
            // The More menu: focus inside, Escape gives it back to More.
            tap(&page, &ui::testid("more")).await?;
            page.wait_for(&ui::testid("more-menu")).await?;
            wait_focus_in(&page, &ui::testid("more-menu")).await?;
            shot(&page, "sizes-more-menu-390").await?;
            page.press(Key::Escape).await?;
            page.wait_gone(&ui::testid("more-menu")).await?;
            wait_focus_in(&page, &ui::testid("more")).await?;
            // A tap outside closes it.
            tap(&page, &ui::testid("more")).await?;
            page.wait_for(&ui::testid("more-menu")).await?;
            // Empty canvas, left of the menu and under the top bar.
            page.tap(60.0, 180.0).await?;
            page.wait_gone(&ui::testid("more-menu")).await?;
            // Templates from the menu: the menu closes and focus returns to More.
            templates_dialog(&page, PHONE, &["more", "more-templates"], "more").await?;
            assert!(page.find_all(&ui::testid("more-menu")).await?.is_empty());
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn on_a_tablet_menus_and_dialogs_behave_as_on_a_desktop() {
    run(
        "on_a_tablet_menus_and_dialogs_behave_as_on_a_desktop",
        |page| async move {
            open_link(&page, TABLET, template::DEFAULT_ID, None).await?;
            tap(&page, &ui::testid(ui::EXPORT)).await?;
            page.wait_for(&ui::testid("export-menu")).await?;
            wait_focus_in(&page, &ui::testid("export-menu")).await?;
            no_findings(&page, "tablet: the export menu").await?;
            // A tap on the canvas closes it and changes nothing.
            let before = app::components(&page).await?;
            let (x, y) = centre(&page, &ui::testid("zoom-fit")).await?;
            page.tap(x - 300.0, y - 60.0).await?;
            page.wait_gone(&ui::testid("export-menu")).await?;
            assert_eq!(app::components(&page).await?, before);
            // Opening the theme menu while Export is open leaves one menu.
            tap(&page, &ui::testid(ui::EXPORT)).await?;
            page.wait_for(&ui::testid("export-menu")).await?;
            tap(&page, &ui::testid("theme-toggle")).await?;
            page.wait_for(&ui::testid("theme-toggle-menu")).await?;
            page.wait_gone(&ui::testid("export-menu")).await?;
            page.press(Key::Escape).await?;
            page.wait_gone(&ui::testid("theme-toggle-menu")).await?;
            templates_dialog(&page, TABLET, &["templates"], "templates").await
        },
    )
    .await;
}

/// A box in viewport pixels: left, top, right, bottom.
type Box4 = (f64, f64, f64, f64);

/// The scrubber's box.
async fn scrubber_box(page: &Page) -> R<Box4> {
    Ok(page
        .eval(
            "const r = document.querySelector('[data-testid=\"replay-scrubber\"]').getBoundingClientRect(); \
             return [r.left, r.top, r.right, r.bottom];",
        )
        .await?)
}

/// After a run, a finger slides along the scrubber: it keeps its place and
/// width while touched, and the moment stays where the finger lifted.
async fn scrubber_under_a_finger(page: &Page, screen: Screen) -> R<()> {
    open_link(page, screen, template::DEFAULT_ID, None).await?;
    tap_run_and_wait(page).await?;
    let scrub = page.wait_for(&ui::testid("replay-scrubber")).await?;
    scrub.scroll_into_view().await?;
    let before = scrubber_box(page).await?;
    let width = before.2 - before.0;
    assert!(
        width > 100.0,
        "{}: the scrubber is {width} px wide",
        screen.name
    );
    let y = (before.1 + before.3) / 2.0;
    let from = (before.0 + width * 0.2, y);
    page.slide(from, (from.0 + width * 0.1, y)).await?;
    let during = scrubber_box(page).await?;
    page.lift().await?;
    assert!(
        (during.2 - during.0 - width).abs() < 0.5 && (during.0 - before.0).abs() < 0.5,
        "{}: the scrubber moved from {before:?} to {during:?}",
        screen.name
    );
    let (value, max): (f64, f64) = page
        .eval_with(
            "return [parseFloat(arguments[0].value), parseFloat(arguments[0].max)];",
            vec![scrub.to_json()?],
        )
        .await?;
    assert!(
        (0.15..0.5).contains(&(value / max)),
        "{}: the replay is at {value} of {max}",
        screen.name
    );
    let t = page.find(&ui::testid("replay-time")).await?.text().await?;
    assert!(t.contains(" of "), "{}: {t}", screen.name);
    shot(page, &format!("sizes-scrubber-{}", screen.width)).await?;
    Ok(())
}

#[tokio::test]
async fn on_a_phone_the_scrubber_follows_a_finger() {
    run(
        "on_a_phone_the_scrubber_follows_a_finger",
        |page| async move { scrubber_under_a_finger(&page, PHONE).await },
    )
    .await;
}

#[tokio::test]
async fn on_a_tablet_the_scrubber_follows_a_finger() {
    run(
        "on_a_tablet_the_scrubber_follows_a_finger",
        |page| async move { scrubber_under_a_finger(&page, TABLET).await },
    )
    .await;
}

#[tokio::test]
async fn on_a_phone_a_run_too_big_offers_a_shorter_one() {
    run(
        "on_a_phone_a_run_too_big_offers_a_shorter_one",
        |page| async move {
            // Two steps of 1,000× at 50 minutes: far beyond the event cap.
            let step = Traffic {
                source: None,
                shape: Shape::Step {
                    at_s: 3_000.0,
                    factor: 1_000.0,
                },
            };
            let t = template::get("ec2-eip").ok_or("no ec2-eip template")?;
            let scenario = Scenario {
                duration_s: 3_600.0,
                traffic: vec![step.clone(), step],
                ..t.scenario.clone()
            };
            open_link(&page, PHONE, "ec2-eip", Some(scenario)).await?;
            tap(&page, &ui::testid("mobile-run")).await?;
            let status = page
                .wait_for("[data-testid='run-status'][role='alert']")
                .await?;
            let text = status.text().await?;
            assert!(text.contains("needs about"), "{text}");
            let offer = page.wait_for(&ui::testid("fit-duration")).await?;
            offer.scroll_into_view().await?;
            assert_eq!(offer.text().await?, "Run 50 minutes instead");
            page.wait_for(&ui::testid("fit-scale")).await?;
            no_findings(&page, "phone: the refused run").await?;
            shot(&page, "sizes-run-too-big-phone").await?;
            tap(&page, &ui::testid("fit-duration")).await?;
            crate::run_page::wait_run_status(&page, "of 50:00 simulated").await?;
            tap(&page, &ui::testid(ui::CANCEL)).await?;
            page.wait_for(&ui::testid("mobile-run")).await?;
            Ok(())
        },
    )
    .await;
}
