//! Locked parts are marked and refuse edits: a link between two locked
//! components carries a lock and says so to a screen reader, and deleting it
//! is refused with a message; with the traffic fixed the palette's Users is
//! marked locked, and adding one is refused with a message.

use skydraft_core::catalog::Kind;
use skydraft_core::challenge::{self, Draft};
use skydraft_core::template;
use skydraft_tests::page::touch::PHONE;
use skydraft_tests::{Key, Page, ui};

use crate::app::{self, Error};
use crate::run_page::shot;

type R<T> = Result<T, Error>;

/// A teacher's challenge on the default template locking Users and what it
/// calls, with the traffic fixed; its fragment and the locked link's ends.
fn locked_challenge() -> R<(String, String, String)> {
    let t = template::get(template::DEFAULT_ID).ok_or("no template")?;
    let users = t
        .design
        .components
        .iter()
        .find(|c| c.is(Kind::Users))
        .ok_or("no users")?
        .id;
    let link = t
        .design
        .links
        .iter()
        .find(|l| l.from == users)
        .ok_or("no link from users")?;
    let mut goals = challenge::goal_choices();
    goals.truncate(1);
    goals[0].value = 100.0;
    let c = challenge::author(Draft {
        title: "Locked".into(),
        brief: String::new(),
        start: t.design.clone(),
        scenario: t.scenario.clone(),
        goals,
        locked: vec![link.from, link.to],
        lock_traffic: true,
        bonus: Vec::new(),
        seeds: 1,
        each_az: false,
        hints: String::new(),
        hints_after: 1,
    })?;
    Ok((
        format!("#{}", challenge::link::encode(&c, None, None)),
        link.from.to_string(),
        link.to.to_string(),
    ))
}

async fn toast_saying(page: &Page, words: &str) -> R<()> {
    let said = app::wait_toast(page).await?;
    assert!(said.contains(words), "the message was {said:?}");
    Ok(())
}

async fn check_marks(page: &Page, from: &str, to: &str) -> R<()> {
    let link = page.wait_for(&ui::link(from, to)).await?;
    assert_eq!(link.attr("data-locked").await?.as_deref(), Some("true"));
    let name = link.attr("aria-label").await?.unwrap_or_default();
    assert!(name.ends_with("locked by the challenge"), "{name}");
    let lock = page
        .find(&format!(
            "{} [data-testid=link-lock-mark]",
            ui::link(from, to)
        ))
        .await?;
    assert!(lock.is_displayed().await?);
    let users = page
        .find(&format!("{}[data-kind=users]", ui::palette_items()))
        .await?;
    assert_eq!(users.attr("data-locked").await?.as_deref(), Some("true"));
    let name = users.attr("aria-label").await?.unwrap_or_default();
    assert!(
        name.contains("locked") && name.contains("traffic"),
        "{name}"
    );
    let card = page
        .find(&ui::component(from))
        .await?
        .attr("aria-label")
        .await?
        .unwrap_or_default();
    assert!(card.contains("fixes the traffic"), "{card}");
    Ok(())
}

#[tokio::test]
async fn locked_links_and_fixed_traffic_are_marked_and_refuse_edits() {
    skydraft_tests::run(
        "locked_links_and_fixed_traffic_are_marked_and_refuse_edits",
        |page| async move {
            let (frag, from, to) = locked_challenge()?;
            app::open_app(&page, &frag).await?;
            page.wait_for(&ui::testid("challenge-panel")).await?;
            check_marks(&page, &from, &to).await?;
            let before = app::saved_design(&page).await?;
            shot(&page, "challenge-locks-1280").await?;
            // Select the locked link by pressing its lock, then Delete.
            let lock = page
                .find(&format!(
                    "{} [data-testid=link-lock-mark]",
                    ui::link(&from, &to)
                ))
                .await?;
            page.click(&lock).await?;
            page.wait_for(&format!("{}.selected", ui::link(&from, &to)))
                .await?;
            page.press(Key::Delete).await?;
            toast_saying(&page, "locked by the challenge").await?;
            assert!(
                !page.find_all(&ui::link(&from, &to)).await?.is_empty(),
                "the locked link is gone"
            );
            // Adding Users is refused.
            let users = page
                .find(&format!("{}[data-kind=users]", ui::palette_items()))
                .await?;
            page.click(&users).await?;
            toast_saying(&page, "fixes the traffic").await?;
            assert_eq!(
                app::saved_design(&page).await?.components.len(),
                before.components.len()
            );

            let phone = page.new_browser().await?;
            phone.emulate(PHONE).await?;
            app::open_app(&phone, &frag).await?;
            let link = phone.wait_for(&ui::link(&from, &to)).await?;
            assert_eq!(link.attr("data-locked").await?.as_deref(), Some("true"));
            shot(&phone, "challenge-locks-phone").await?;
            Ok(())
        },
    )
    .await;
}
