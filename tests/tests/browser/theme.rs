//! The theme control in the top bar: System, Light or Dark, kept across
//! reloads, followed by the page's colours and by the charts' own colours.

use std::time::Duration;

use skydraft_tests::{Key, Page, Poll, ui, wait};

use crate::app;
use crate::run_page::{click, run_and_wait, set_minutes, shot};

type R<T> = Result<T, app::Error>;

const TOGGLE: &str = "theme-toggle";
/// The canvas background of each theme (`--canvas` in skydraft.css).
const CANVAS_LIGHT: &str = "rgb(251, 252, 253)";
const CANVAS_DARK: &str = "rgb(18, 24, 33)";
/// Core's chart colours (`Theme::background` and `Theme::text`), as plotters writes them.
const CHART_LIGHT: (&str, &str) = ("#ffffff", "#475569");
const CHART_DARK: (&str, &str) = ("#0f172a", "#cbd5e1");

/// `<html data-theme>`, empty when absent.
async fn data_theme(page: &Page) -> skydraft_tests::Result<String> {
    page.eval("return document.documentElement.getAttribute('data-theme') || '';")
        .await
}

/// The canvas' computed background colour.
async fn canvas_background(page: &Page) -> skydraft_tests::Result<String> {
    page.eval(&format!(
        "return getComputedStyle(document.querySelector('{}')).backgroundColor;",
        ui::testid(ui::CANVAS)
    ))
    .await
}

/// The toggle's accessible name.
async fn toggle_label(page: &Page) -> R<String> {
    Ok(page
        .eval(&format!(
            "return document.querySelector('{}').getAttribute('aria-label');",
            ui::testid(TOGGLE)
        ))
        .await?)
}

/// Waits until the page shows `theme` (`light` or `dark`) on `<html>` and on the canvas.
async fn wait_theme(page: &Page, theme: &str) -> R<()> {
    let want = if theme == "dark" {
        CANVAS_DARK
    } else {
        CANVAS_LIGHT
    };
    wait::wait_until(
        &format!("the page to turn {theme}"),
        Duration::from_secs(5),
        async || {
            let (attr, bg) = (data_theme(page).await?, canvas_background(page).await?);
            Ok(if attr == theme && bg == want {
                Poll::Ready(())
            } else {
                Poll::Pending(format!("data-theme={attr:?}, canvas {bg}"))
            })
        },
    )
    .await?;
    Ok(())
}

/// Opens the theme menu with a click and picks `choice` with a click.
async fn pick(page: &Page, choice: &str) -> R<()> {
    click(page, &ui::testid(TOGGLE)).await?;
    click(page, &ui::testid(&format!("theme-{choice}"))).await?;
    page.wait_gone(&ui::testid(&format!("theme-{choice}")))
        .await?;
    Ok(())
}

/// The chart's background and first text colour, lower case.
async fn chart_colours(page: &Page, testid: &str) -> skydraft_tests::Result<(String, String)> {
    let (bg, text): (String, String) = page
        .eval(&format!(
            "const s = document.querySelector('[data-testid=\"{testid}\"] svg');
             if (!s) return ['', ''];
             const r = s.querySelector('rect');
             const t = s.querySelector('text');
             return [(r && r.getAttribute('fill')) || '', (t && t.getAttribute('fill')) || ''];"
        ))
        .await?;
    Ok((bg.to_lowercase(), text.to_lowercase()))
}

/// Waits until the chart is drawn in the given (background, text) colours.
async fn wait_chart(page: &Page, testid: &str, want: (&str, &str)) -> R<()> {
    wait::wait_until(
        &format!("{testid} to be drawn in {want:?}"),
        Duration::from_secs(5),
        async || {
            let got = chart_colours(page, testid).await?;
            Ok(if got.0 == want.0 && got.1 == want.1 {
                Poll::Ready(())
            } else {
                Poll::Pending(format!("{got:?}"))
            })
        },
    )
    .await?;
    Ok(())
}

#[tokio::test]
async fn theme_switch_recolours_the_page_and_survives_a_reload() {
    skydraft_tests::run(
        "theme_switch_recolours_the_page_and_survives_a_reload",
        |page| async move {
            app::open_app(&page, "/").await?;
            // Headless Chromium prefers light, and nothing is stored yet.
            wait_theme(&page, "light").await?;
            assert_eq!(toggle_label(&page).await?, "Theme: System (now light)");
            // The drawer starts collapsed, so the canvas is large for the
            // pictures; a component selected so the inspector shows its fields.
            click(&page, &ui::testid("zoom-fit")).await?;
            let first = app::components(&page).await?.remove(0);
            click(&page, &ui::component(&first.id)).await?;
            shot(&page, "theme-editor-light").await?;

            pick(&page, "dark").await?;
            wait_theme(&page, "dark").await?;
            assert_eq!(toggle_label(&page).await?, "Theme: Dark");
            let stored: String = page
                .eval("return localStorage.getItem('skydraft.theme') || '';")
                .await?;
            assert_eq!(stored, "dark");
            shot(&page, "theme-editor-dark").await?;
            click(&page, &ui::testid(TOGGLE)).await?;
            page.wait_for(&ui::testid("theme-system")).await?;
            shot(&page, "theme-menu-dark").await?;
            page.press(Key::Escape).await?;
            page.wait_gone(&ui::testid("theme-system")).await?;

            // The choice survives a reload.
            page.reload().await?;
            page.wait_for(&ui::testid(ui::CANVAS)).await?;
            wait_theme(&page, "dark").await?;

            // Keyboard only: Space opens the menu on the current choice,
            // the up arrow moves to Light, Enter picks it.
            let _: bool = page
                .eval(&format!(
                    "document.querySelector('{}').focus(); return true;",
                    ui::testid(TOGGLE)
                ))
                .await?;
            page.press(Key::Space).await?;
            page.wait_for(&format!("{}:focus", ui::testid("theme-dark")))
                .await?;
            page.press(Key::Up).await?;
            page.wait_for(&format!("{}:focus", ui::testid("theme-light")))
                .await?;
            page.press(Key::Enter).await?;
            wait_theme(&page, "light").await?;
            page.wait_gone(&ui::testid("theme-light")).await?;
            page.wait_for(&format!("{}:focus", ui::testid(TOGGLE)))
                .await?;
            assert_eq!(toggle_label(&page).await?, "Theme: Light");

            // System follows the system's preference as it changes.
            pick(&page, "system").await?;
            wait_theme(&page, "light").await?;
            page.driver()
                .cdp()
                .send_raw(
                    "Emulation.setEmulatedMedia",
                    serde_json::json!({
                        "features": [{"name": "prefers-color-scheme", "value": "dark"}],
                    }),
                )
                .await?;
            wait_theme(&page, "dark").await?;
            assert_eq!(toggle_label(&page).await?, "Theme: System (now dark)");
            // Light overrides a dark system.
            pick(&page, "light").await?;
            wait_theme(&page, "light").await?;
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn charts_are_drawn_in_the_theme_colours() {
    skydraft_tests::run("charts_are_drawn_in_the_theme_colours", |page| async move {
        app::open_app(&page, "/").await?;
        set_minutes(&page, 5).await?;
        run_and_wait(&page).await?;
        wait_chart(&page, ui::LATENCY_CHART, CHART_LIGHT).await?;
        shot(&page, "theme-results-light").await?;

        // The chart is redrawn, not filtered: no CSS filter on it.
        pick(&page, "dark").await?;
        wait_theme(&page, "dark").await?;
        wait_chart(&page, ui::LATENCY_CHART, CHART_DARK).await?;
        let filter: String = page
            .eval(&format!(
                "return getComputedStyle(document.querySelector('{} svg')).filter;",
                ui::testid(ui::LATENCY_CHART)
            ))
            .await?;
        assert_eq!(filter, "none");
        // The hover read-out over a dark chart.
        let chart = page.find(&ui::testid(ui::LATENCY_CHART)).await?;
        page.driver()
            .action_chain()
            .move_to_element_center(&chart)
            .perform()
            .await?;
        page.wait_for(&ui::testid("chart-tip")).await?;
        shot(&page, "theme-results-dark").await?;
        // The run replayed on the dark canvas.
        click(&page, &ui::testid("replay-scrubber")).await?;
        page.wait_for(&format!("{} [data-health]", ui::testid(ui::CANVAS)))
            .await?;
        shot(&page, "theme-replay-dark").await?;

        // Compare: pin, run again, both charts in the dark colours.
        click(&page, &ui::testid("pin-run")).await?;
        run_and_wait(&page).await?;
        click(&page, &ui::testid("tab-compare")).await?;
        wait_chart(&page, "compare-pinned", CHART_DARK).await?;
        wait_chart(&page, "compare-latest", CHART_DARK).await?;
        shot(&page, "theme-compare-dark").await?;

        pick(&page, "light").await?;
        wait_theme(&page, "light").await?;
        wait_chart(&page, "compare-latest", CHART_LIGHT).await?;
        Ok(())
    })
    .await;
}
