//! Authoring presentation steps in the presentation bar: a step's target
//! chosen from "This view", "Whole design" or a frame by its label; a step
//! holding the replay moment of the last run, so walking to it seeks the
//! replay there; walking by keyboard fits the chosen frame or the whole design.

use skydraft_core::design::{Design, Group, GroupId, GroupKind, Rect, StepTarget};
use skydraft_core::scenario::Scenario;
use skydraft_core::{share, template};
use skydraft_tests::page::touch::Screen;
use skydraft_tests::{Key, Page, Poll, run, ui, wait};

use crate::app::{self, Error};
use crate::run_page::shot;

type R<T> = Result<T, Error>;

/// The default template with an AZ frame around its first two components,
/// and a two-minute run.
fn framed() -> (Design, Scenario, GroupId) {
    let t = template::get(template::DEFAULT_ID).expect("a default template");
    let mut d = t.design.clone();
    let ps: Vec<_> = d.components.iter().take(2).map(|c| c.pos).collect();
    let (x0, x1) = (
        ps.iter().map(|p| p.x).fold(f64::MAX, f64::min),
        ps.iter().map(|p| p.x).fold(f64::MIN, f64::max),
    );
    let (y0, y1) = (
        ps.iter().map(|p| p.y).fold(f64::MAX, f64::min),
        ps.iter().map(|p| p.y).fold(f64::MIN, f64::max),
    );
    let id = GroupId(900);
    d.groups.push(Group {
        id,
        kind: GroupKind::AvailabilityZone,
        label: "Checkout".into(),
        rect: Rect {
            x: x0 - 60.0,
            y: y0 - 60.0,
            w: x1 - x0 + 280.0,
            h: y1 - y0 + 200.0,
        },
    });
    (
        d,
        Scenario {
            duration_s: 120.0,
            ..t.scenario
        },
        id,
    )
}

/// The frame's box and the canvas' box on screen, `[left, top, right, bottom]`.
async fn frame_and_canvas(
    page: &Page,
    id: GroupId,
) -> skydraft_tests::Result<(Vec<f64>, Vec<f64>)> {
    page
        .eval(&format!(
            "const b = e => {{ const r = e.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; }};
             return [b(document.querySelector('[data-group-id=\"{id}\"] .frame-box')),
                     b(document.querySelector('[data-testid=canvas]'))];"
        ))
        .await
}

/// Waits until the view fits the frame: inside the canvas and centred in
/// it (a fit never zooms in past 100 %, so a small frame stays its size,
/// nor out past readable labels, so on a phone a wide frame overflows).
async fn wait_frame_fits(page: &Page, id: GroupId) -> R<()> {
    wait::wait_until(
        "the view to fit the frame",
        wait::DEFAULT_TIMEOUT,
        async || {
            let (f, c) = frame_and_canvas(page, id).await?;
            let inside = f[0] >= c[0] - 1.0
                && f[1] >= c[1] - 1.0
                && f[2] <= c[2] + 1.0
                && f[3] <= c[3] + 1.0;
            let centred = ((f[0] + f[2]) - (c[0] + c[2])).abs() <= 4.0
                && ((f[1] + f[3]) - (c[1] + c[3])).abs() <= 4.0;
            let larger = f[2] - f[0] > c[2] - c[0] || f[3] - f[1] > c[3] - c[1];
            Ok(if centred && (inside || larger) {
                Poll::Ready(())
            } else {
                Poll::Pending(format!("frame {f:?} canvas {c:?}"))
            })
        },
    )
    .await?;
    Ok(())
}

/// Waits until every component is inside the canvas.
async fn wait_whole(page: &Page) -> R<()> {
    wait::wait_until("every component inside the canvas", wait::DEFAULT_TIMEOUT, async || {
        let out: Vec<String> = page
            .eval(
                "const c = document.querySelector('[data-testid=canvas]').getBoundingClientRect();
                 return [...document.querySelectorAll('[data-component-id]')].filter(e => {
                   const b = e.getBoundingClientRect();
                   return b.left < c.left - 1 || b.top < c.top - 1 || b.right > c.right + 1 || b.bottom > c.bottom + 1; })
                 .map(e => e.dataset.componentId);",
            )
            .await?;
        Ok(if out.is_empty() { Poll::Ready(()) } else { Poll::Pending(format!("outside: {out:?}")) })
    })
    .await?;
    Ok(())
}

async fn scrubber(page: &Page) -> R<f64> {
    let v: String = page
        .eval("const s = document.querySelector('[data-testid=replay-scrubber]'); return s ? s.value : '';")
        .await?;
    Ok(v.parse()?)
}

/// Chooses the option of the step-target `<select>` whose text starts with `text`, by typing.
async fn choose_target(page: &Page, text: &str) -> R<()> {
    let select = page.find(&ui::testid("present-step-target")).await?;
    select.focus().await?;
    select.send_keys(text).await?;
    Ok(())
}

async fn run_and_scrub(page: &Page) -> R<f64> {
    page.click(&page.wait_for(&ui::testid(ui::RUN)).await?)
        .await?;
    wait::run_finished(page).await?;
    let scrub = page.wait_for(&ui::testid("replay-scrubber")).await?;
    scrub.focus().await?;
    scrub.send_keys(Key::Home).await?;
    for _ in 0..5 {
        scrub.send_keys(Key::Right).await?;
    }
    let at = scrubber(page).await?;
    assert!(at > 0.0, "the scrubber did not move");
    Ok(at)
}

/// Presses F5 with the focus out of any field (keys typed into a field stay there).
async fn present(page: &Page) -> R<()> {
    let _: bool = page
        .eval("document.activeElement && document.activeElement.blur(); return true;")
        .await?;
    page.press(Key::F5).await?;
    Ok(())
}

async fn author_steps(page: &Page, id: GroupId, at: f64) -> R<()> {
    present(page).await?;
    page.wait_for(&ui::testid("present-bar")).await?;
    page.click(&page.find(&ui::testid("present-add-step")).await?)
        .await?;
    page.wait_for(&ui::testid("present-step-target")).await?;
    choose_target(page, "AZ Checkout").await?;
    app::wait_saved(page, "a step fitting the frame", |d| {
        d.steps.len() == 1 && d.steps[0].target == StepTarget::Frame(id)
    })
    .await?;
    wait_frame_fits(page, id).await?;
    page.click(&page.find(&ui::testid("present-hold-moment")).await?)
        .await?;
    let d = app::wait_saved(page, "a step holding the moment", |d| {
        d.steps[0].moment.is_some()
    })
    .await?;
    let held = d.steps[0].moment.ok_or("no moment")?;
    assert!(
        (held - at).abs() < 0.01,
        "held {held}, the replay was at {at}"
    );
    shot(page, "present-steps-frame-1280").await?;
    page.click(&page.find(&ui::testid("present-add-step")).await?)
        .await?;
    choose_target(page, "Whole").await?;
    app::wait_saved(page, "a second step showing the whole design", |d| {
        d.steps.len() == 2 && d.steps[1].target == StepTarget::Whole && d.steps[1].moment.is_none()
    })
    .await?;
    Ok(())
}

#[tokio::test]
async fn a_step_fits_a_chosen_frame_or_the_whole_design_and_holds_a_replay_moment() {
    run(
        "a_step_fits_a_chosen_frame_or_the_whole_design_and_holds_a_replay_moment",
        |page| async move {
            page.emulate_window(Screen {
                name: "desktop",
                width: 1280,
                height: 800,
            })
            .await?;
            let (d, s, id) = framed();
            app::open_app(
                &page,
                &format!("{}{}", ui::HASH_PREFIX, share::encode(&d, &s)),
            )
            .await?;
            let at = run_and_scrub(&page).await?;
            author_steps(&page, id, at).await?;
            wait_whole(&page).await?;
            shot(&page, "present-steps-whole-1280").await?;
            // Walking by keyboard: back to the frame, forward to the whole design
            // (with the focus out of the step's fields, as a presenter's clicker is).
            let _: bool = page
                .eval("document.activeElement.blur(); return true;")
                .await?;
            page.press(Key::PageUp).await?;
            wait_frame_fits(&page, id).await?;
            page.press(Key::PageDown).await?;
            wait_whole(&page).await?;
            // The replay moves to the step's moment: leave, scrub back to
            // the start, present again (F5 opens at the first step, which
            // holds the moment).
            page.press(Key::Escape).await?;
            page.wait_gone(&ui::testid("present-bar")).await?;
            let scrub = page.wait_for(&ui::testid("replay-scrubber")).await?;
            scrub.focus().await?;
            scrub.send_keys(Key::Home).await?;
            assert_eq!(scrubber(&page).await?, 0.0, "the scrubber did not go home");
            present(&page).await?;
            wait_frame_fits(&page, id).await?;
            wait::wait_until(
                "the replay at the step's moment",
                wait::DEFAULT_TIMEOUT,
                async || {
                    let v: String = page
                    .eval("const s = document.querySelector('[data-testid=replay-scrubber]'); return s ? s.value : '';")
                    .await?;
                let now: f64 = v.parse().unwrap_or(f64::NAN);
                    Ok(if (now - at).abs() < 0.01 {
                        Poll::Ready(())
                    } else {
                        Poll::Pending(format!("scrubber at {now}, the step holds {at}"))
                    })
                },
            )
            .await?;
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn on_a_phone_the_step_controls_fit_the_screen() {
    run("on_a_phone_the_step_controls_fit_the_screen", |page| async move {
        page.emulate(skydraft_tests::page::touch::PHONE).await?;
        let (d, s, id) = framed();
        app::open_app(&page, &format!("{}{}", ui::HASH_PREFIX, share::encode(&d, &s))).await?;
        page.press(Key::F5).await?;
        page.wait_for(&ui::testid("present-bar")).await?;
        crate::screens::tap(&page, &ui::testid("present-add-step")).await?;
        page.wait_for(&ui::testid("present-step-target")).await?;
        choose_target(&page, "AZ Checkout").await?;
        app::wait_saved(&page, "a step fitting the frame", |d| d.steps.len() == 1 && d.steps[0].target == StepTarget::Frame(id)).await?;
        let outside: Vec<String> = page
            .eval(
                "return [...document.querySelectorAll('[data-testid=present-bar] button, [data-testid=present-bar] select, [data-testid=present-bar] input')]
                   .filter(e => { const b = e.getBoundingClientRect(); return b.width > 0 && (b.left < 0 || b.right > innerWidth + 0.5 || b.bottom > innerHeight + 0.5); })
                   .map(e => e.dataset.testid);",
            )
            .await?;
        assert!(outside.is_empty(), "controls off screen: {outside:?}");
        shot(&page, "present-steps-phone").await?;
        Ok(())
    })
    .await;
}
