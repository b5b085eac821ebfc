//! The teacher's challenge dialog: what it sets (a goal's window, a bonus
//! goal, seeds, hints shown after N failed attempts) reaches the challenge
//! the link carries, and a student who opens the link sees the bonus goal,
//! then the hint once an attempt fails.

use skydraft_core::challenge::{self, Aggregation};
use skydraft_tests::{Page, ui};

use crate::app::{self, Error};
use crate::run_page::{click, run_and_wait, set_minutes, shot};

type R<T> = Result<T, Error>;

/// The field `testid` in the row of goal `goal`.
fn in_goal(goal: &str, testid: &str) -> String {
    format!("[data-goal=\"{goal}\"] {}", ui::testid(testid))
}

async fn type_in(page: &Page, css: &str, text: &str) -> R<()> {
    let f = page.wait_for(css).await?;
    page.type_into(&f, text).await?;
    Ok(())
}

/// Fills the dialog: p99 impossible, errors over the worst bucket with two
/// allowed over, cost as a bonus, two seeds, two hints after one failure.
async fn fill_dialog(page: &Page) -> R<()> {
    type_in(page, &ui::testid("author-title"), "Fast and cheap").await?;
    type_in(page, &in_goal("p99", "author-value"), "0.001").await?;
    let over = page.wait_for(&in_goal("errors", "author-over")).await?;
    over.focus().await?;
    over.send_keys("worst").await?;
    type_in(page, &in_goal("errors", "author-allowed"), "2").await?;
    click(page, &in_goal("cost", "author-goal")).await?;
    click(page, &in_goal("cost", "author-bonus")).await?;
    type_in(page, &ui::testid("author-seeds"), "2").await?;
    type_in(
        page,
        &ui::testid("author-hints"),
        "Add a cache in front.\nSpread over two zones.",
    )
    .await?;
    shot(page, "challenge-author-1280").await?;
    Ok(())
}

#[tokio::test]
async fn a_teachers_bonus_goal_and_hint_reach_the_student_through_the_link() {
    run_test().await;
}

async fn run_test() {
    skydraft_tests::run(
        "a_teachers_bonus_goal_and_hint_reach_the_student_through_the_link",
        |page| async move {
            app::open_app(&page, "/").await?;
            app::capture_outputs(&page).await?;
            set_minutes(&page, 2).await?;
            run_and_wait(&page).await?;
            click(&page, &ui::testid("challenges")).await?;
            click(&page, &ui::testid("author-open")).await?;
            page.wait_for(&ui::testid("author-title")).await?;
            fill_dialog(&page).await?;
            click(&page, &ui::testid("author-copy")).await?;
            let link = app::wait_copied(&page).await?;
            let c = challenge::link::decode(&link)?.challenge;
            assert_eq!(c.title, "Fast and cheap");
            let ids: Vec<&str> = c.goals.iter().map(|g| g.id.as_str()).collect();
            assert_eq!(ids, ["errors", "p99"]);
            assert_eq!(c.goals[0].over, Aggregation::WorstBucket { allowed_over: 2 });
            assert_eq!(c.goals[1].value, 0.001);
            assert_eq!(c.bonus.iter().map(|g| g.id.as_str()).collect::<Vec<_>>(), ["cost"]);
            assert_eq!(c.variants.seeds.len(), 2);
            let hints: Vec<(&str, u32)> = c.hints.iter().map(|h| (h.text.as_str(), h.after_failures)).collect();
            assert_eq!(hints, [("Add a cache in front.", 1), ("Spread over two zones.", 1)]);

            let student = page.new_browser().await?;
            app::open_app(&student, &link[link.find('#').ok_or("no fragment")?..]).await?;
            let bonus = student.wait_for(&format!("{} li.bonus", ui::testid("challenge-goals"))).await?;
            let text = bonus.text().await?;
            assert!(text.starts_with("Bonus: cost"), "{text}");
            assert!(student.find_all(&ui::testid("hint")).await?.is_empty(), "a hint before any attempt");
            click(&student, &ui::testid("challenge-run")).await?;
            skydraft_tests::wait::run_finished(&student).await?;
            let v = student.wait_for(&ui::testid("verdict")).await?;
            assert_eq!(v.attr("data-passed").await?.as_deref(), Some("false"));
            let toggle = student.wait_for("[data-testid=\"challenge-toggle\"][aria-expanded=\"false\"]").await?;
            student.click(&toggle).await?;
            student.wait_for("[data-testid=\"hints\"][data-failures=\"1\"]").await?;
            let shown: Vec<String> = student
                .eval("return [...document.querySelectorAll('[data-testid=\"hint\"]')].map(e => e.textContent);")
                .await?;
            assert_eq!(shown, ["Add a cache in front.", "Spread over two zones."]);
            shot(&student, "challenge-author-student-1280").await?;
            Ok(())
        },
    )
    .await;
}
