//! Timeline events added from the scenario form and simulated: an instance
//! refresh rolls a new AMI through the default design's group.

use skydraft_tests::{Page, ui};

use crate::app;
use crate::run_page::{open_scenario, run_and_wait, shot};

type R<T> = Result<T, app::Error>;

/// The log lines of the last run.
async fn log_lines(page: &Page) -> R<Vec<String>> {
    Ok(page
        .eval("return [...document.querySelectorAll('[data-testid=\"log-line\"]')].map(l => l.textContent)")
        .await?)
}

#[tokio::test]
async fn an_instance_refresh_added_in_the_form_runs_in_batches() {
    skydraft_tests::run("an_instance_refresh_added_in_the_form_runs_in_batches", |page| async move {
        app::open_app(&page, "/").await?;
        open_scenario(&page).await?;
        // Chosen by typing into the focused list, as a keyboard user does: the
        // list only chooses, so nothing is added until the button is pressed.
        let kinds = page.wait_for(&ui::testid("add-event")).await?;
        kinds.focus().await?;
        kinds.send_keys("Instance refresh").await?;
        let rows = ui::testid("timeline-row");
        assert!(page.find_all(&rows).await?.is_empty(), "typing in the list added events");
        page.click(&page.find(&ui::testid("add-event-button")).await?).await?;
        page.wait_for_count(&rows, "the refresh's row", |n| n == 1).await?;
        let row = page.find(&rows).await?;
        let text = row.text().await?;
        assert!(text.contains("Min healthy") && text.contains("Warm-up"), "{text}");
        let fields: Vec<String> = page
            .eval(
                "return [...document.querySelectorAll('[data-testid=\"timeline-row\"] [data-field]')]\
                 .map(f => f.getAttribute('data-field') + '=' + f.value + '|' + (f.placeholder || ''))",
            )
            .await?;
        assert!(fields.iter().any(|f| f.starts_with("Min healthy=90")), "{fields:?}");
        assert!(fields.iter().any(|f| f.starts_with("Warm-up=|group's")), "{fields:?}");
        shot(&page, "scenario-instance-refresh").await?;

        run_and_wait(&page).await?;
        let lines = log_lines(&page).await?;
        assert!(
            lines.iter().any(|l| l.contains("instance refresh started: replacing 2 instances, 1 at a time (minimum healthy 90 %")),
            "{lines:?}"
        );
        assert!(lines.iter().any(|l| l.contains("instance refresh: replacing i-")), "{lines:?}");
        Ok(())
    })
    .await;
}
