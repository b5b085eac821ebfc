//! Room on small screens: on phones (390 × 844 and 360 × 640) the challenge
//! panel and the results sheet neither overlap nor hide each other and the
//! canvas keeps a usable strip; in a 757 × 600 window the canvas gets at
//! least 55 % of the screen.

use skydraft_tests::page::touch::{PHONE, Screen};
use skydraft_tests::{Page, run, ui, wait};

use crate::app::{self, Error};
use crate::run_page::shot;

type R<T> = Result<T, Error>;

/// `[left, top, right, bottom]` of every box: canvas, challenge panel,
/// results sheet (zeros when absent), the mobile bar, and the window's size.
async fn boxes(page: &Page) -> R<(Vec<Vec<f64>>, f64, f64)> {
    Ok(page
        .eval(
            "const b = css => { const e = document.querySelector(css);
               if (!e || !e.getClientRects().length) return [0, 0, 0, 0];
               const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; };
             return [[b('[data-testid=canvas]'), b('[data-testid=challenge-panel]'), b('.run-panel:not(.closed)'),
                      b('.mobile-bar')], innerWidth, innerHeight];",
        )
        .await?)
}

/// The height of the canvas no panel, sheet or bar covers.
fn free_canvas(b: &[Vec<f64>]) -> f64 {
    let (canvas, panel, sheet, bar) = (&b[0], &b[1], &b[2], &b[3]);
    let top = canvas[1].max(panel[3]);
    let mut bottom = canvas[3];
    for o in [sheet, bar] {
        if o[3] > o[1] && o[1] > top {
            bottom = bottom.min(o[1]);
        }
    }
    (bottom - top).max(0.0)
}

async fn judged_on(page: &Page, screen: Screen) -> R<()> {
    page.emulate(screen).await?;
    app::open_app(page, "#c=az-outage").await?;
    page.wait_for(&ui::testid("challenge-panel")).await?;
    let (b, _, h) = boxes(page).await?;
    assert!(
        free_canvas(&b) >= 0.25 * h,
        "{}: before a run the canvas has {} px free of {h}: {b:?}",
        screen.name,
        free_canvas(&b)
    );
    crate::screens::tap(page, &ui::testid("challenge-run")).await?;
    wait::run_finished(page).await?;
    page.wait_for(&ui::testid("verdict")).await?;
    let (b, w, h) = boxes(page).await?;
    let (panel, sheet) = (&b[1], &b[2]);
    println!(
        "{} {w}x{h}: canvas {:?} panel {panel:?} sheet {sheet:?} free {}",
        screen.name,
        b[0],
        free_canvas(&b)
    );
    assert!(panel[3] > panel[1], "{}: no challenge panel", screen.name);
    assert!(sheet[3] > sheet[1], "{}: no results sheet", screen.name);
    assert!(
        panel[3] <= sheet[1] + 0.5,
        "{}: the panel {panel:?} and the sheet {sheet:?} overlap",
        screen.name
    );
    assert!(
        free_canvas(&b) >= 0.15 * h,
        "{}: the canvas has {} px free of {h}",
        screen.name,
        free_canvas(&b)
    );
    for id in ["challenge-summary", "sheet-verdict"] {
        let seen: bool = page
            .eval(&format!(
                "const e = document.querySelector('[data-testid={id}]'); if (!e) return false;
                 const r = e.getBoundingClientRect(); const x = r.left + Math.min(20, r.width / 2), y = r.top + r.height / 2;
                 const t = document.elementFromPoint(x, y); return !!t && (e === t || e.contains(t));"
            ))
            .await?;
        assert!(seen, "{}: {id} is hidden", screen.name);
    }
    // The minimap would cover half of the canvas strip; Fit still shows the whole design.
    let minimap: bool = page
        .eval(
            "const m = document.querySelector('[data-testid=minimap]');
             return !!m && getComputedStyle(m).display !== 'none';",
        )
        .await?;
    assert!(!minimap, "{}: the minimap covers the canvas", screen.name);
    shot(page, &format!("challenge-judged-{}", screen.name)).await?;
    Ok(())
}

#[tokio::test]
async fn on_phones_the_challenge_panel_and_the_results_sheet_share_the_screen() {
    run(
        "on_phones_the_challenge_panel_and_the_results_sheet_share_the_screen",
        |page| async move {
            judged_on(&page, PHONE).await?;
            let small = page.new_browser().await?;
            judged_on(
                &small,
                Screen {
                    name: "phone-360",
                    width: 360,
                    height: 640,
                },
            )
            .await?;
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn a_757_by_600_window_gives_the_canvas_most_of_the_screen() {
    run(
        "a_757_by_600_window_gives_the_canvas_most_of_the_screen",
        |page| async move {
            page.emulate_window(Screen {
                name: "window",
                width: 757,
                height: 600,
            })
            .await?;
            app::open_app(&page, "/").await?;
            let (b, w, h) = boxes(&page).await?;
            let c = &b[0];
            let share = (c[2] - c[0]) * (c[3] - c[1]) / (w * h);
            println!(
                "757x600: canvas {c:?}, {:.0} % of the window",
                share * 100.0
            );
            assert!(
                share >= 0.55,
                "the canvas is {:.0} % of the window",
                share * 100.0
            );
            shot(&page, "window-757x600").await?;
            Ok(())
        },
    )
    .await;
}
