//! The classroom's presenter tools: pen strokes that undo, survive a reload
//! and travel in the link and the SVG export; presentation steps walked by
//! keyboard; the laser's fading trail; a view-only design on the hand tool;
//! the embed layout in a 640 × 360 frame, showing even the largest template
//! whole; under reduced motion the laser is a still dot.

use skydraft_core::design::{AnnotationKind, Design, Step, StepTarget};
use skydraft_core::scenario::Scenario;
use skydraft_core::{share, template};
use skydraft_tests::page::touch::Screen;
use skydraft_tests::{Key, Page, Poll, run, ui, wait};

use crate::app::{self, Error};

type R<T> = Result<T, Error>;

/// Saves a screenshot under `$SKYDRAFT_SHOTS` when it is set, to look at.
async fn shot(page: &Page, name: &str) -> R<()> {
    if let Ok(dir) = std::env::var("SKYDRAFT_SHOTS") {
        page.screenshot(&std::path::Path::new(&dir).join(format!("{name}.png")))
            .await?;
    }
    Ok(())
}

/// Drags the mouse from `(x, y)` along `path` (offsets).
async fn drag_along(page: &Page, (x, y): (i64, i64), path: &[(i64, i64)]) -> R<()> {
    let mut chain = page.driver().action_chain().move_to(x, y).click_and_hold();
    for (dx, dy) in path {
        chain = chain.move_to(x + dx, y + dy);
    }
    chain.release().perform().await?;
    Ok(())
}

fn strokes(d: &Design) -> usize {
    d.annotations.iter().filter(|a| a.kind.is_ink()).count()
}

/// The default template with two steps: the whole design captioned with
/// markup-like text, then a frame-less region revealing the last component.
fn stepped() -> (Design, Scenario, String) {
    let t = template::get(template::DEFAULT_ID).expect("a default template");
    let mut d = t.design.clone();
    let last = d.components.last().expect("components").id;
    d.steps = vec![
        Step {
            caption: "<b>Users</b> first".into(),
            ..Step::default()
        },
        Step {
            target: StepTarget::Whole,
            caption: "Then the database".into(),
            components: vec![last],
            ..Step::default()
        },
    ];
    (d, t.scenario, last.to_string())
}

async fn displayed(page: &Page, css: &str) -> R<bool> {
    Ok(page.find(css).await?.is_displayed().await?)
}

async fn wait_text(page: &Page, css: &str, want: &str) -> R<()> {
    wait::wait_until(
        &format!("{css} to read {want:?}"),
        wait::DEFAULT_TIMEOUT,
        async || {
            let t = page.find(css).await?.text().await?;
            Ok(if t == want {
                Poll::Ready(())
            } else {
                Poll::Pending(t)
            })
        },
    )
    .await?;
    Ok(())
}

#[tokio::test]
async fn a_pen_stroke_undoes_survives_reload_and_travels_in_the_link_and_svg() {
    run(
        "a_pen_stroke_undoes_survives_reload_and_travels_in_the_link_and_svg",
        |page| async move {
            app::open_app(&page, "/").await?;
            // Found before a tool covers the canvas.
            let start = app::free_canvas_point(&page).await?;
            page.click(&page.find(&ui::testid("ink-toggle")).await?)
                .await?;
            page.click(&page.find(&ui::testid("tool-pen")).await?)
                .await?;
            page.click(&page.find(&ui::testid("ink-blue")).await?)
                .await?;
            drag_along(&page, start, &[(30, 10), (60, 30), (90, 20)]).await?;
            page.wait_for_count("[data-testid=stroke]", "one stroke", |n| n == 1)
                .await?;
            shot(&page, "ink-1280").await?;
            let d = app::wait_saved(&page, "a saved stroke", |d| strokes(d) == 1).await?;
            let a = d
                .annotations
                .iter()
                .find(|a| a.kind == AnnotationKind::Pen)
                .ok_or("no pen")?;
            assert!(
                a.stroke.as_ref().is_some_and(|s| s.points.len() >= 3),
                "{a:?}"
            );
            page.press_with(Key::Control, 'z').await?;
            page.wait_gone("[data-testid=stroke]").await?;
            page.press_with(Key::Control, 'y').await?;
            page.wait_for("[data-testid=stroke]").await?;
            let hash =
                app::wait_hash_design(&page, "the stroke in the link", |d| strokes(d) == 1).await?;
            page.reload().await?;
            page.wait_for_count("[data-testid=stroke]", "one stroke", |n| n == 1)
                .await?;
            let other = page.new_browser().await?;
            app::open_app(&other, &hash).await?;
            other
                .wait_for_count("[data-testid=stroke]", "one stroke", |n| n == 1)
                .await?;
            app::capture_outputs(&page).await?;
            page.click(&page.find(&ui::testid(ui::EXPORT)).await?)
                .await?;
            page.click(&page.wait_for(&ui::testid(ui::EXPORT_SVG)).await?)
                .await?;
            let svg = app::wait_download(&page, 1).await?.text.ok_or("no SVG")?;
            assert!(
                svg.contains("stroke-ink") && svg.contains("#1c7ed6"),
                "no stroke in the SVG"
            );
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn presentation_steps_are_walked_by_keyboard_and_escape_leaves() {
    run(
        "presentation_steps_are_walked_by_keyboard_and_escape_leaves",
        |page| async move {
            let (d, s, last) = stepped();
            app::open_app(
                &page,
                &format!("{}{}", ui::HASH_PREFIX, share::encode(&d, &s)),
            )
            .await?;
            page.press(Key::F5).await?;
            page.wait_for(&ui::testid("present-bar")).await?;
            wait_text(&page, &ui::testid("present-step"), "Step 1 of 2").await?;
            // The caption is text, never markup.
            wait_text(&page, &ui::testid("present-caption"), "<b>Users</b> first").await?;
            assert!(
                page.find_all("[data-testid=present-caption] b")
                    .await?
                    .is_empty()
            );
            assert!(
                !displayed(&page, ".topbar").await?,
                "the top bar shows while presenting"
            );
            assert!(
                !displayed(&page, &ui::component(&last)).await?,
                "step 2's component shows at step 1"
            );
            shot(&page, "present-step-1").await?;
            page.press(Key::PageDown).await?;
            wait_text(&page, &ui::testid("present-step"), "Step 2 of 2").await?;
            assert!(displayed(&page, &ui::component(&last)).await?);
            page.press(Key::Left).await?;
            wait_text(&page, &ui::testid("present-step"), "Step 1 of 2").await?;
            page.press(Key::Right).await?;
            wait_text(&page, &ui::testid("present-caption"), "Then the database").await?;
            shot(&page, "present-step-2").await?;
            page.press(Key::Escape).await?;
            page.wait_gone(&ui::testid("present-bar")).await?;
            assert!(displayed(&page, ".topbar").await?);
            // A link can open at a step.
            let link = format!("{}{}&step=2", ui::HASH_PREFIX, share::encode(&d, &s));
            let other = page.new_browser().await?;
            app::open_app(&other, &link).await?;
            wait_text(&other, &ui::testid("present-step"), "Step 2 of 2").await?;
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn the_laser_leaves_a_fading_trail_in_its_colour_and_no_edit() {
    run("the_laser_leaves_a_fading_trail_in_its_colour_and_no_edit", |page| async move {
        app::open_app(&page, "/").await?;
        let before = app::saved_design(&page).await?;
        let start = app::free_canvas_point(&page).await?;
        page.click(&page.find(&ui::testid("ink-toggle")).await?)
            .await?;
        page.click(&page.find(&ui::testid("tool-laser")).await?).await?;
        page.click(&page.find(&ui::testid("ink-green")).await?).await?;
        drag_along(&page, start, &[(20, 0), (40, 10), (60, 20), (80, 25)]).await?;
        let colour: String = page
            .eval("const l = document.querySelector('[data-testid=laser-trail] line'); return l ? l.getAttribute('stroke') : '';")
            .await?;
        assert_eq!(colour, "#2f9e44");
        shot(&page, "laser").await?;
        wait::wait_until("the trail to fade", wait::DEFAULT_TIMEOUT, async || {
            let n: usize = page.eval("return document.querySelectorAll('[data-testid=laser-trail] line').length").await?;
            Ok(if n == 0 { Poll::Ready(()) } else { Poll::Pending(format!("{n} segments")) })
        })
        .await?;
        assert_eq!(app::saved_design(&page).await?, before);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn a_view_only_link_opens_on_the_hand_tool_and_cannot_be_edited() {
    run(
        "a_view_only_link_opens_on_the_hand_tool_and_cannot_be_edited",
        |page| async move {
            let t = template::get(template::DEFAULT_ID).ok_or("no template")?;
            let code = share::encode(&t.design, &t.scenario);
            let comps = app::open_app(&page, &format!("{}{code}&view", ui::HASH_PREFIX)).await?;
            page.click(&page.find(&ui::testid("ink-toggle")).await?)
                .await?;
            assert!(
                page.find_all(&ui::testid("tool-pen")).await?.is_empty(),
                "a pen on a view-only design"
            );
            assert!(!page.find_all(&ui::testid("tool-laser")).await?.is_empty());
            let id = &comps.first().ok_or("no components")?.id;
            let before = app::component_center(&page, id).await?;
            let card = page.find(&ui::component(id)).await?;
            page.drag_by(&card, 120, 40).await?;
            let after = app::component_center(&page, id).await?;
            // The view panned: the card moved on screen, the design did not change.
            assert!(
                (after.0 - before.0 - 120.0).abs() < 4.0,
                "{before:?} -> {after:?}"
            );
            page.press(Key::Delete).await?;
            assert_eq!(app::components(&page).await?.len(), comps.len());
            let pos = t
                .design
                .components
                .iter()
                .find(|c| c.id.to_string() == *id)
                .ok_or("no card")?
                .pos;
            let hash = page.hash().await?;
            let (d, _) = share::decode(&hash)?;
            assert_eq!(
                d.components
                    .iter()
                    .find(|c| c.id.to_string() == *id)
                    .map(|c| c.pos),
                Some(pos)
            );
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn the_embed_fits_a_640_by_360_frame_and_opens_at_a_moment() {
    run("the_embed_fits_a_640_by_360_frame_and_opens_at_a_moment", |page| async move {
        let frame = Screen { name: "iframe", width: 640, height: 360 };
        page.emulate_window(frame).await?;
        let t = template::get(template::DEFAULT_ID).ok_or("no template")?;
        let s = Scenario { duration_s: 120.0, ..t.scenario.clone() };
        let link = format!("{}{}&embed&t=30", ui::HASH_PREFIX, share::encode(&t.design, &s));
        app::open_app(&page, &link).await?;
        page.wait_for(&ui::testid("embed-bar")).await?;
        wait::wait_until("the replay at 30 s", wait::RUN_TIMEOUT, async || {
            let v: String = page
                .eval("const s = document.querySelector('[data-testid=replay-scrubber]'); return s ? s.value : '';")
                .await?;
            Ok(if v == "30" { Poll::Ready(()) } else { Poll::Pending(v) })
        })
        .await?;
        let (w, h, overflow, outside, cards): (f64, f64, bool, Vec<String>, Vec<String>) = page
            .eval(
                "const c = document.querySelector('[data-testid=canvas]').getBoundingClientRect();
                 const shown = e => { const b = e.getBoundingClientRect(); return b.width > 0 && b.height > 0; };
                 const out = [...document.querySelectorAll('button, a[href], input, select')].filter(shown)
                   .filter(e => { const b = e.getBoundingClientRect();
                     return b.left < 0 || b.top < 0 || b.right > innerWidth + 0.5 || b.bottom > innerHeight + 0.5; })
                   .map(e => e.dataset.testid || e.textContent.trim());
                 const cards = [...document.querySelectorAll('[data-component-id]')]
                   .filter(e => { const b = e.getBoundingClientRect();
                     return b.left < c.left - 1 || b.top < c.top - 1 || b.right > c.right + 1 || b.bottom > c.bottom + 1; })
                   .map(e => e.dataset.componentId);
                 const root = document.documentElement;
                 return [innerWidth, innerHeight, root.scrollWidth > innerWidth || root.scrollHeight > innerHeight, out, cards];",
            )
            .await?;
        assert_eq!((w, h), (640.0, 360.0));
        assert!(!overflow, "the page scrolls in the frame");
        assert!(outside.is_empty(), "controls outside the frame: {outside:?}");
        assert!(cards.is_empty(), "components outside the canvas: {cards:?}");
        assert!(!displayed(&page, ".topbar").await?);
        let href = page.find(&ui::testid("embed-open")).await?.attr("href").await?.unwrap_or_default();
        assert!(href.contains("#d=1.") && !href.contains("embed"), "{href}");
        shot(&page, "embed-640").await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn on_a_phone_the_ink_tools_are_fingertip_sized() {
    run(
        "on_a_phone_the_ink_tools_are_fingertip_sized",
        |page| async move {
            page.emulate(skydraft_tests::page::touch::PHONE).await?;
            app::open_app(&page, "/").await?;
            crate::screens::tap(&page, &ui::testid("ink-toggle")).await?;
            crate::screens::tap(&page, &ui::testid("tool-pen")).await?;
            let (_, _, _, _, small) = crate::screens::measure(&page).await?;
            assert!(small.is_empty(), "controls under 44 px: {small:?}");
            shot(&page, "ink-phone").await?;
            Ok(())
        },
    )
    .await;
}

/// Every component's on-screen box outside the canvas', and the canvas zoom.
async fn outside_canvas(page: &Page) -> skydraft_tests::Result<(Vec<String>, usize, f64)> {
    page
        .eval(
            "const c = document.querySelector('[data-testid=canvas]').getBoundingClientRect();
             const all = [...document.querySelectorAll('[data-component-id]')];
             const out = all.filter(e => { const b = e.getBoundingClientRect();
                 return b.left < c.left - 1 || b.top < c.top - 1 || b.right > c.right + 1 || b.bottom > c.bottom + 1; })
               .map(e => e.dataset.componentId);
             const t = document.querySelector('[data-testid=canvas] g.world').getAttribute('transform');
             return [out, all.length, parseFloat(/scale\\(([^)]+)\\)/.exec(t)[1])];",
        )
        .await
}

/// Waits until every component of the embed is inside its canvas; returns the zoom.
async fn wait_whole(page: &Page, count: usize) -> R<f64> {
    Ok(wait::wait_until(
        "every component inside the canvas",
        wait::DEFAULT_TIMEOUT,
        async || {
            let (out, n, zoom) = outside_canvas(page).await?;
            Ok(if out.is_empty() && n == count {
                Poll::Ready(zoom)
            } else {
                Poll::Pending(format!("{n} components, outside: {out:?}, zoom {zoom}"))
            })
        },
    )
    .await?)
}

#[tokio::test]
async fn the_embed_shows_the_largest_template_whole_in_a_640_by_360_frame() {
    run(
        "the_embed_shows_the_largest_template_whole_in_a_640_by_360_frame",
        |page| async move {
            let frame = Screen {
                name: "iframe",
                width: 640,
                height: 360,
            };
            page.emulate_window(frame).await?;
            // The biggest built-in template: the most components, then the widest spread.
            let area = |t: &template::Template| {
                let span = |v: Vec<f64>| {
                    v.iter().copied().fold(f64::MIN, f64::max)
                        - v.iter().copied().fold(f64::MAX, f64::min)
                };
                let c = &t.design.components;
                span(c.iter().map(|c| c.pos.x).collect())
                    * span(c.iter().map(|c| c.pos.y).collect())
            };
            let t = template::all()
                .into_iter()
                .max_by(|a, b| {
                    (a.design.components.len(), area(a))
                        .partial_cmp(&(b.design.components.len(), area(b)))
                        .unwrap_or(std::cmp::Ordering::Equal)
                })
                .ok_or("no templates")?;
            let count = t.design.components.len();
            let link = format!(
                "{}{}&embed",
                ui::HASH_PREFIX,
                share::encode(&t.design, &t.scenario)
            );
            app::open_app(&page, &link).await?;
            page.wait_for(&ui::testid("embed-bar")).await?;
            let zoom = wait_whole(&page, count).await?;
            // Smaller than the editor's Fit would go: the embed shows it all.
            assert!(
                zoom < 11.0 / 13.0,
                "{} fits at the readable zoom ({zoom}): not a large design",
                t.id
            );
            shot(&page, "embed-largest").await?;
            // The replay bar takes the Run button's place: still whole.
            page.click(&page.find(&ui::testid("embed-run")).await?)
                .await?;
            wait::run_finished(&page).await?;
            page.wait_for(&ui::testid("replay-scrubber")).await?;
            wait_whole(&page, count).await?;
            shot(&page, "embed-largest-replay").await?;

            // The editor's Fit on the same design still keeps labels readable.
            let editor = page.new_browser().await?;
            editor.emulate_window(frame).await?;
            app::open_app(
                &editor,
                &format!(
                    "{}{}",
                    ui::HASH_PREFIX,
                    share::encode(&t.design, &t.scenario)
                ),
            )
            .await?;
            editor
                .click(&editor.find(&ui::testid("zoom-fit")).await?)
                .await?;
            let (_, _, zoom) = outside_canvas(&editor).await?;
            assert!(
                zoom >= 11.0 / 13.0 - 1e-6,
                "the editor's Fit went to {zoom}"
            );
            Ok(())
        },
    )
    .await;
}

/// The laser as drawn: its look, segments, dots, the dot's centre in the
/// page and its attributes.
type Laser = (String, usize, usize, (f64, f64), String);

#[tokio::test]
async fn under_reduced_motion_the_laser_is_a_still_dot_that_goes() {
    run("under_reduced_motion_the_laser_is_a_still_dot_that_goes", |page| async move {
        page.emulate_reduced_motion().await?;
        app::open_app(&page, "/").await?;
        let start = app::free_canvas_point(&page).await?;
        page.click(&page.find(&ui::testid("ink-toggle")).await?).await?;
        page.click(&page.find(&ui::testid("tool-laser")).await?).await?;
        let path = [(20, 0), (40, 10), (60, 20), (80, 25)];
        drag_along(&page, start, &path).await?;
        let read = async || -> R<Laser> {
            Ok(page
                .eval(
                    "const g = document.querySelector('[data-testid=laser-trail]');
                     const d = g.querySelector('[data-testid=laser-dot]');
                     const b = d ? d.getBoundingClientRect() : {left: 0, top: 0, width: 0, height: 0};
                     const attrs = d ? [...d.attributes].map(a => a.name + '=' + a.value).join(' ') : '';
                     return [g.dataset.look, g.querySelectorAll('line').length, g.querySelectorAll('[data-testid=laser-dot]').length,
                       [b.left + b.width / 2, b.top + b.height / 2], attrs];",
                )
                .await?)
        };
        let (look, lines, dots, centre, attrs) = read().await?;
        assert_eq!(look, "StillDot");
        assert_eq!((lines, dots), (0, 1), "a trail under reduced motion");
        let last = (
            f64::from(i32::try_from(start.0 + 80)?),
            f64::from(i32::try_from(start.1 + 25)?),
        );
        assert!(
            (centre.0 - last.0).abs() <= 2.0 && (centre.1 - last.1).abs() <= 2.0,
            "the dot is at {centre:?}, the pointer at {last:?}"
        );
        assert!(!attrs.contains("opacity"), "the dot fades: {attrs}");
        shot(&page, "laser-reduced-motion").await?;
        // Nothing changes while it shows: no fading frame by frame.
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        let (_, _, dots, _, again) = read().await?;
        if dots == 1 {
            assert_eq!(again, attrs, "the dot changed while showing");
        }
        wait::wait_until("the dot to go", wait::DEFAULT_TIMEOUT, async || {
            let n: usize = page.eval("return document.querySelectorAll('[data-testid=laser-trail] *').length").await?;
            Ok(if n == 0 { Poll::Ready(()) } else { Poll::Pending(format!("{n} marks")) })
        })
        .await?;
        Ok(())
    })
    .await;
}
