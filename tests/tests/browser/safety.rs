//! User text is never markup: labels with `<script>` or `<img onerror>` show
//! as text, on the canvas, in the inspector and in exports, and run nothing.

use skydraft_core::design::{Annotation, AnnotationId, AnnotationKind, Point};
use skydraft_core::scenario::Scenario;
use skydraft_core::{share, template};
use skydraft_tests::{Key, Page, run, ui};

use crate::app;

/// Sets `window.__sdXss` if it ever runs.
const IMG: &str = "<img src=x onerror=window.__sdXss=1>";
/// Sets `window.__sdXss` if it ever runs.
const SCRIPT: &str = "<script>window.__sdXss=2</script>";

/// Elements that hostile text would have created, and the flag it would set.
async fn injected(page: &Page) -> Result<(usize, usize, Option<i64>), app::Error> {
    Ok(page
        .eval(
            "const imgs = [...document.querySelectorAll('img')]
               .filter(i => (i.getAttribute('src') || '') === 'x').length;
             const scripts = [...document.querySelectorAll('script')]
               .filter(s => s.textContent.includes('__sdXss')).length;
             return [imgs, scripts, window.__sdXss === undefined ? null : window.__sdXss];",
        )
        .await?)
}

async fn assert_clean(page: &Page) -> Result<(), app::Error> {
    // onerror of a broken image fires asynchronously: give it time.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let (imgs, scripts, flag) = injected(page).await?;
    assert_eq!(
        (imgs, scripts, flag),
        (0, 0, None),
        "user text became markup (img elements, script elements, flag set)"
    );
    Ok(())
}

/// The text of a component's card on the canvas.
async fn card_text(page: &Page, id: &str) -> Result<String, app::Error> {
    Ok(page
        .eval_with(
            "return arguments[0].textContent",
            vec![page.find(&ui::component(id)).await?.to_json()?],
        )
        .await?)
}

#[tokio::test]
async fn a_hostile_label_typed_in_the_inspector_stays_text() {
    run(
        "a_hostile_label_typed_in_the_inspector_stays_text",
        |page| async move {
            let comps = app::open_app(&page, "/").await?;
            for (c, label) in comps.iter().zip([IMG, SCRIPT]) {
                page.click(&page.find(&ui::component(&c.id)).await?).await?;
                let field = page.wait_for(&ui::param("label")).await?;
                page.type_into(&field, label).await?;
                page.press(Key::Enter).await?;
                page.press(Key::Tab).await?;
                app::wait_saved(&page, "the label autosaved", |d| {
                    d.components
                        .iter()
                        .any(|x| x.id.to_string() == c.id && x.label == label)
                })
                .await?;
                let text = card_text(&page, &c.id).await?;
                let head: String = label.chars().take(10).collect();
                assert!(
                    text.contains(&head),
                    "the card does not show the label as text: {text:?}"
                );
            }
            assert_clean(&page).await?;
            page.reload().await?;
            app::open_app(&page, &page.hash().await?).await?;
            assert_clean(&page).await?;
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn a_hostile_link_shows_its_text_and_runs_nothing() {
    run(
        "a_hostile_link_shows_its_text_and_runs_nothing",
        |page| async move {
            let t = template::get(template::DEFAULT_ID).ok_or("no default template")?;
            let mut d = t.design;
            d.name = SCRIPT.to_owned();
            for (i, c) in d.components.iter_mut().enumerate() {
                c.label = if i % 2 == 0 { IMG } else { SCRIPT }.to_owned();
            }
            for g in &mut d.groups {
                g.label = IMG.to_owned();
            }
            d.annotations.push(Annotation {
                id: AnnotationId(900),
                kind: AnnotationKind::Sticky,
                text: format!("{IMG}\n{SCRIPT}"),
                pos: Point { x: 700.0, y: 80.0 },
                stroke: None,
            });
            let link = format!(
                "{}{}",
                ui::HASH_PREFIX,
                share::encode(&d, &Scenario::default())
            );
            let comps = app::open_app(&page, &link).await?;
            assert_eq!(comps.len(), d.components.len());
            let name = page
                .find(&ui::testid(ui::DESIGN_NAME))
                .await?
                .prop("value")
                .await?
                .unwrap_or_default();
            assert_eq!(name, SCRIPT, "the design name is not shown as typed");
            let body: String = page.eval("return document.body.textContent").await?;
            assert!(
                body.contains("<img src=x") && body.contains("<script>"),
                "the hostile text is not shown literally"
            );
            assert_clean(&page).await?;

            // Exports carry the text as text too.
            app::capture_outputs(&page).await?;
            page.click(&page.find(&ui::testid(ui::EXPORT)).await?)
                .await?;
            page.click(&page.wait_for(&ui::testid(ui::EXPORT_SVG)).await?)
                .await?;
            let svg = app::wait_download(&page, 1).await?.text.unwrap_or_default();
            let (scripts, imgs, texts): (usize, usize, bool) = page
                .eval_with(
                    "const doc = new DOMParser().parseFromString(arguments[0], 'image/svg+xml');
                     return [doc.querySelectorAll('script').length,
                             doc.querySelectorAll('img, image[href=\"x\"]').length,
                             doc.documentElement.textContent.includes('<img src=x')];",
                    vec![svg.into()],
                )
                .await?;
            assert_eq!(
                (scripts, imgs),
                (0, 0),
                "the SVG export holds markup from user text"
            );
            assert!(texts, "the SVG export lost the labels' text");
            assert_clean(&page).await?;
            Ok(())
        },
    )
    .await;
}
