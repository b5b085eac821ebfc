//! Phones and tablets, with touch: a full-width canvas, Run and Share in the
//! bottom bar, the palette and the inspector as sheets, one finger pans and
//! two pinch, and every control a finger can hit (44 px).

use skydraft_core::scenario::Scenario;
use skydraft_core::{share, template};
use skydraft_tests::page::touch::{PHONE, Screen, TABLET};
use skydraft_tests::{Page, Poll, run, ui, wait};

use crate::app::{self, Error};

/// Sizes of what the page shows: the viewport, the canvas, and the
/// interactive elements smaller than a fingertip (44 × 44 px).
const MEASURE: &str = "
    const r = document.querySelector('[data-testid=\"canvas\"]').getBoundingClientRect();
    const small = [...document.querySelectorAll('button, input, select, a[href], [role=tab]')]
      .filter(e => {
        const b = e.getBoundingClientRect();
        const s = getComputedStyle(e);
        const shown = b.width > 0 && b.height > 0 && s.visibility !== 'hidden'
          && b.bottom > 0 && b.top < innerHeight && b.right > 0 && b.left < innerWidth;
        return shown && (b.width < 43.5 || b.height < 43.5);
      })
      .map(e => (e.dataset.testid || e.getAttribute('aria-label') || e.textContent.trim()).slice(0, 30)
        + ' ' + Math.round(e.getBoundingClientRect().width) + 'x' + Math.round(e.getBoundingClientRect().height));
    return [innerWidth, innerHeight, r.width, r.height, small];";

/// The viewport, the canvas' size and the controls under 44 px.
pub(crate) async fn measure(page: &Page) -> Result<(f64, f64, f64, f64, Vec<String>), Error> {
    Ok(page.eval(MEASURE).await?)
}

/// The centre of the element `css` on screen.
pub(crate) async fn centre(page: &Page, css: &str) -> Result<(f64, f64), Error> {
    let el = page.wait_for(css).await?;
    Ok(page.center_of(&el).await?)
}

/// Taps the element `css` with a finger.
pub(crate) async fn tap(page: &Page, css: &str) -> Result<(), Error> {
    let (x, y) = centre(page, css).await?;
    page.tap(x, y).await?;
    Ok(())
}

/// The canvas' viewport transform, as the `transform` of its content layer.
async fn view_transform(page: &Page) -> Result<String, Error> {
    Ok(page
        .eval("return document.querySelector('[data-testid=\"canvas\"] g.world').getAttribute('transform');")
        .await?)
}

/// Opens a template's share link on `screen`, taps Run in the bottom bar, and
/// reads the results.
pub(crate) async fn shared_link_runs(page: &Page, screen: Screen) -> Result<(), Error> {
    page.emulate(screen).await?;
    let t = template::get(template::DEFAULT_ID).ok_or("no default template")?;
    let scenario = Scenario {
        duration_s: 120.0,
        ..t.scenario.clone()
    };
    let link = format!("{}{}", ui::HASH_PREFIX, share::encode(&t.design, &scenario));
    app::open_app(page, &link).await?;
    let (w, h, cw, ch, small) = measure(page).await?;
    assert_eq!(
        (w, h),
        (f64::from(screen.width), f64::from(screen.height)),
        "{}",
        screen.name
    );
    assert!(
        cw >= w - 1.0,
        "{}: the canvas is {cw} px of {w}",
        screen.name
    );
    assert!(
        ch >= h * 0.4,
        "{}: the canvas is {ch} px high of {h}",
        screen.name
    );
    assert!(
        small.is_empty(),
        "{}: controls under 44 px: {small:?}",
        screen.name
    );

    tap(page, &ui::testid("mobile-run")).await?;
    let status = wait::wait_until(
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
    .await?;
    assert!(status.contains("2:00"), "{status}");
    // The results are on screen, not under the bar or outside the viewport.
    let chart = page.wait_for(&ui::testid(ui::LATENCY_CHART)).await?;
    chart.scroll_into_view().await?;
    let shown: bool = page
        .eval(
            "const c = document.querySelector('[data-testid=\"latency-chart\"]').getBoundingClientRect();
             const bar = document.querySelector('.mobile-bar').getBoundingClientRect();
             return c.width > 200 && c.top >= 0 && c.top < bar.top && c.right <= innerWidth + 1;",
        )
        .await?;
    assert!(shown, "{}: the latency chart is not on screen", screen.name);
    let totals = page.find("[data-total]").await?.text().await?;
    assert!(!totals.trim().is_empty(), "{}: no totals", screen.name);
    Ok(())
}

#[tokio::test]
async fn a_shared_link_runs_and_shows_its_results_on_a_phone() {
    run(
        "a_shared_link_runs_and_shows_its_results_on_a_phone",
        |page| async move { shared_link_runs(&page, PHONE).await },
    )
    .await;
}

#[tokio::test]
async fn a_shared_link_runs_and_shows_its_results_on_a_tablet() {
    run(
        "a_shared_link_runs_and_shows_its_results_on_a_tablet",
        |page| async move { shared_link_runs(&page, TABLET).await },
    )
    .await;
}

/// Adds a component of `kind` from the palette sheet with a tap; returns its id.
async fn add_by_tap(page: &Page, kind: &str) -> Result<String, Error> {
    let before = app::components(page).await?;
    tap(page, &ui::testid("sheet-palette")).await?;
    let item = page.wait_for(&ui::palette_item(kind)).await?;
    item.scroll_into_view().await?;
    tap(page, &ui::palette_item(kind)).await?;
    page.wait_for_count(&ui::components(), "the new component", |n| {
        n == before.len() + 1
    })
    .await?;
    let hidden: bool = page
        .eval("return getComputedStyle(document.querySelector('[data-testid=\"palette\"]')).display === 'none';")
        .await?;
    assert!(
        hidden,
        "the palette sheet stays open over the new component"
    );
    let after = app::components(page).await?;
    let new = after
        .into_iter()
        .find(|c| !before.contains(c))
        .ok_or("no new component")?;
    assert_eq!(new.kind, kind);
    Ok(new.id)
}

/// On `screen`, places two components from the palette sheet and connects
/// them with a finger.
pub(crate) async fn place_and_connect(page: &Page, screen: Screen) -> Result<(), Error> {
    page.emulate(screen).await?;
    app::open_app(page, "/").await?;
    let (from_kind, to_kind) = app::legal_pair().ok_or("no legal pair")?;
    let a = add_by_tap(page, from_kind).await?;
    let b = add_by_tap(page, to_kind).await?;
    let start = centre(page, &ui::handle_for(&a)).await?;
    let end = app::component_center(page, &b).await?;
    page.swipe(start, end).await?;
    page.wait_for(&ui::link(&a, &b)).await?;
    // The inspector sheet opens from the bar and shows the selection.
    tap(page, &ui::testid("sheet-inspector")).await?;
    wait::wait_until(
        "the inspector sheet",
        std::time::Duration::from_secs(10),
        async || {
            let shown: bool = page
                .eval(
                    "return getComputedStyle(document.querySelector('[data-testid=\"inspector\"]')).display !== 'none';",
                )
                .await?;
            let state: String = page
                .eval(
                    "const b = document.querySelector('[data-testid=\"sheet-inspector\"]');
                     return document.querySelector('.app').dataset.sheet + ' ' + b.getAttribute('aria-expanded');",
                )
                .await?;
            Ok(if shown {
                Poll::Ready(())
            } else {
                Poll::Pending(format!("hidden; sheet and button: {state}"))
            })
        },
    )
    .await?;
    Ok(())
}

#[tokio::test]
async fn on_a_phone_two_components_are_placed_and_connected_by_touch() {
    run(
        "on_a_phone_two_components_are_placed_and_connected_by_touch",
        |page| async move { place_and_connect(&page, PHONE).await },
    )
    .await;
}

#[tokio::test]
async fn on_a_tablet_two_components_are_placed_and_connected_by_touch() {
    run(
        "on_a_tablet_two_components_are_placed_and_connected_by_touch",
        |page| async move { place_and_connect(&page, TABLET).await },
    )
    .await;
}

#[tokio::test]
async fn one_finger_pans_and_two_fingers_pinch_the_canvas_on_a_phone() {
    run(
        "one_finger_pans_and_two_fingers_pinch_the_canvas_on_a_phone",
        |page| async move {
            page.emulate(PHONE).await?;
            let comps = app::open_app(&page, "/").await?;
            let empty = app::free_canvas_point(&page).await;
            let (x, y) = match empty {
                Ok((x, y)) => (x as f64, y as f64),
                Err(_) => (40.0, 200.0),
            };
            let before = view_transform(&page).await?;
            page.swipe((x, y), (x + 60.0, y + 40.0)).await?;
            let panned = view_transform(&page).await?;
            assert_ne!(before, panned, "one finger did not pan");
            assert_eq!(
                app::components(&page).await?,
                comps,
                "a pan changed the design"
            );
            let zoom = page.find(&ui::testid("zoom-reset")).await?.text().await?;
            page.pinch((195.0, 400.0), 80.0, 200.0).await?;
            let zoomed = page.find(&ui::testid("zoom-reset")).await?.text().await?;
            assert_ne!(zoom, zoomed, "two fingers did not zoom");
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn a_long_press_on_a_component_opens_its_settings_on_a_phone() {
    run(
        "a_long_press_on_a_component_opens_its_settings_on_a_phone",
        |page| async move {
            page.emulate(PHONE).await?;
            let comps = app::open_app(&page, "/").await?;
            let target = comps.first().ok_or("no component")?;
            let (x, y) = app::component_center(&page, &target.id).await?;
            let before = view_transform(&page).await?;
            // A short tap selects without opening anything.
            page.tap(x, y).await?;
            let sheet: String = page
                .eval("return document.querySelector('.app').dataset.sheet;")
                .await?;
            assert_eq!(sheet, "none", "a tap opened a sheet");
            // Held still past the long-press time: the inspector sheet opens
            // with the component's settings, and nothing moved.
            page.long_press(x, y, std::time::Duration::from_millis(900))
                .await?;
            wait::wait_until(
                "the inspector sheet after a long press",
                std::time::Duration::from_secs(5),
                async || {
                    let state: (String, bool) = page
                        .eval(
                            "const i = document.querySelector('[data-testid=\"inspector\"]');
                             return [document.querySelector('.app').dataset.sheet,
                                     getComputedStyle(i).display !== 'none'];",
                        )
                        .await?;
                    Ok(if state == ("inspector".to_owned(), true) {
                        Poll::Ready(())
                    } else {
                        Poll::Pending(format!("{state:?}"))
                    })
                },
            )
            .await?;
            let fields = page
                .find_all("[data-testid=\"inspector\"] [data-param]")
                .await?;
            assert!(!fields.is_empty(), "the sheet shows no settings");
            let after = app::component_center(&page, &target.id).await?;
            assert!(
                (after.0 - x).abs() < 1.0 && (after.1 - y).abs() < 1.0,
                "the component moved from {:?} to {after:?}",
                (x, y)
            );
            assert_eq!(view_transform(&page).await?, before, "the view moved");
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn a_phone_keeps_the_top_bar_to_one_row_with_the_rest_in_more() {
    run(
        "a_phone_keeps_the_top_bar_to_one_row_with_the_rest_in_more",
        |page| async move {
            page.emulate(PHONE).await?;
            app::open_app(&page, "/").await?;
            let bar: f64 = page
                .eval("return document.querySelector('.topbar').getBoundingClientRect().height;")
                .await?;
            assert!(bar <= 62.0, "the top bar is {bar} px high");
            for hidden in ["my-designs", "templates", "export", "theme-toggle"] {
                let shown: bool = page
                    .eval(&format!(
                        "const e = document.querySelector('[data-testid=\"{hidden}\"]');
                         return !!e && e.getBoundingClientRect().width > 0;"
                    ))
                    .await?;
                assert!(!shown, "{hidden} shows in the phone's top bar");
            }
            // The More menu holds them: Templates opens the gallery.
            tap(&page, &ui::testid("more")).await?;
            page.wait_for(&ui::testid("more-export-png")).await?;
            page.wait_for(&ui::testid("more-theme-dark")).await?;
            tap(&page, &ui::testid("more-templates")).await?;
            page.wait_for(&ui::testid("templates-gallery")).await?;
            Ok(())
        },
    )
    .await;
}
