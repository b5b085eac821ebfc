//! The run drawer: scenario presets and edits, a run that never freezes the
//! page, results (charts, totals, tables, CSV, event log), replay and compare.

use std::time::Duration;

use skydraft_tests::{Page, paths, ui, wait};

use crate::app;

type R<T> = Result<T, app::Error>;

/// Most points in any polyline/path of the element with this test id.
async fn points(page: &Page, testid: &str) -> R<u64> {
    Ok(page
        .eval(&format!(
            "const c = document.querySelector('[data-testid=\"{testid}\"]');
         if (!c) return 0;
         let best = 0;
         for (const el of c.querySelectorAll('polyline, path')) {{
           const s = el.getAttribute('points') || el.getAttribute('d') || '';
           const nums = s.match(/-?\\d+(\\.\\d+)?/g) || [];
           best = Math.max(best, Math.floor(nums.length / 2));
         }}
         return best;"
        ))
        .await?)
}

pub(crate) async fn click(page: &Page, css: &str) -> R<()> {
    let el = page.wait_for(css).await?;
    page.click(&el).await?;
    Ok(())
}

/// Saves a screenshot to the artifacts folder (for looking, not asserting).
pub(crate) async fn shot(page: &Page, name: &str) -> R<()> {
    let dir = paths::artifacts_dir();
    let _ = std::fs::create_dir_all(&dir);
    page.screenshot(&dir.join(format!("{name}.png"))).await?;
    Ok(())
}

/// Opens the drawer on its Scenario tab (it is collapsed until the first run).
pub(crate) async fn open_scenario(page: &Page) -> R<()> {
    click(page, &ui::testid("tab-scenario")).await?;
    page.wait_for(&ui::testid("duration")).await?;
    Ok(())
}

/// Sets the scenario's duration in minutes through its field.
pub(crate) async fn set_minutes(page: &Page, minutes: u32) -> R<()> {
    open_scenario(page).await?;
    let _: bool = page
        .eval(&format!(
            "const f = document.querySelector('[data-testid=\"duration\"]'); f.value = '{minutes}'; \
             f.dispatchEvent(new Event('change', {{bubbles: true}})); return true;"
        ))
        .await?;
    Ok(())
}

pub(crate) async fn run_and_wait(page: &Page) -> R<()> {
    click(page, &ui::testid(ui::RUN)).await?;
    Ok(wait::run_finished(page).await?)
}

/// The progress bar's value, if a run is under way.
async fn progress(page: &Page) -> R<Option<f64>> {
    Ok(page
        .eval(
            "const p = document.querySelector('[data-testid=\"run-progress\"]');
         return p ? parseFloat(p.getAttribute('aria-valuenow')) : null;",
        )
        .await?)
}

async fn total(page: &Page, name: &str) -> R<String> {
    Ok(page.eval(&format!(
        "const e = document.querySelector('[data-total=\"{name}\"]'); return e ? e.textContent : '';"
    ))
    .await?)
}

#[tokio::test]
async fn run_default_template_shows_charts_totals_table_and_csv() {
    skydraft_tests::run("run_default_template_shows_charts_totals_table_and_csv", |page| async move {
        app::open_app(&page, "/").await?;
        app::capture_outputs(&page).await?;
        shot(&page, "run-0-scenario").await?;
        run_and_wait(&page).await?;
        assert!(points(&page, ui::LATENCY_CHART).await? >= 3, "latency series is empty");
        let requests: u64 = total(&page, "Requests").await?.parse().map_err(|e| format!("{e}"))?;
        assert!(requests > 1000, "{requests} requests");
        shot(&page, "run-1-results").await?;

        // Another chart, its hover read-out and its table.
        click(&page, &ui::testid("chart-tab-throughput")).await?;
        let chart = page.wait_for(&ui::testid("chart-throughput")).await?;
        assert!(points(&page, "chart-throughput").await? >= 3);
        page.driver()
            .action_chain()
            .move_to_element_center(&chart)
            .perform()
            .await
            .map_err(|e| e.to_string())?;
        let tip = page.wait_for(&ui::testid("chart-tip")).await?.text().await.map_err(|e| e.to_string())?;
        assert!(tip.contains(":"), "{tip}");
        // Time in m:ss like the log; the legend sits under the plot, below the axis text.
        let (axis_y, legend_y, zero): (f64, f64, bool) = page
            .eval("const t = [...document.querySelectorAll('[data-testid=\"chart-throughput\"] svg text')]; \
                   const y = s => Math.max(...t.filter(e => e.textContent.trim() === s).map(e => e.getBoundingClientRect().top)); \
                   return [y('simulated time (m:ss)'), y('completions'), t.some(e => e.textContent.trim() === '0:00')];")
            .await?;
        assert!(zero && legend_y > axis_y, "axis text at {axis_y}, legend at {legend_y}, 0:00 shown: {zero}");
        click(&page, &ui::testid("table-toggle")).await?;
        page.wait_for_count(&format!("{} tbody tr", ui::testid("chart-table")), "table rows", |n| n >= 10).await?;

        // Drill down into a component.
        let _: bool = page
            .eval("const s = document.querySelector('[data-testid=\"drill\"]'); s.selectedIndex = s.options.length - 1; s.dispatchEvent(new Event('change', {bubbles:true})); return true;")
            .await?;
        page.wait_for("[data-testid=\"chart-tab-utilization\"]").await?;
        shot(&page, "run-2-component").await?;

        click(&page, &ui::testid("download-csv")).await?;
        let d = app::wait_download(&page, 1).await?;
        assert!(d.name.ends_with("-run.csv"), "{}", d.name);
        let text = d.text.unwrap_or_default();
        assert!(text.starts_with("scope,component_id"), "{}", &text[..40.min(text.len())]);
        assert!(text.lines().count() > 10);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn run_cancel_stops_a_long_run() {
    skydraft_tests::run("run_cancel_stops_a_long_run", |page| async move {
        app::open_app(&page, "/").await?;
        set_minutes(&page, 600).await?;
        click(&page, &ui::testid(ui::RUN)).await?;
        page.wait_for(&ui::testid(ui::RUN_PROGRESS)).await?;
        let status = page
            .find(&ui::testid(ui::RUN_STATUS))
            .await?
            .text()
            .await
            .map_err(|e| e.to_string())?;
        assert!(status.contains("of 10:00:00 simulated"), "{status}");
        shot(&page, "run-3-progress").await?;
        click(&page, &ui::testid(ui::CANCEL)).await?;
        page.wait_gone(&ui::testid(ui::RUN_PROGRESS)).await?;
        let status = page
            .find(&ui::testid(ui::RUN_STATUS))
            .await?
            .text()
            .await
            .map_err(|e| e.to_string())?;
        assert!(status.starts_with("Cancelled at"), "{status}");
        // And it stays cancelled.
        tokio::time::sleep(Duration::from_millis(500)).await;
        assert_eq!(progress(&page).await?, None);
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn run_page_answers_clicks_during_a_long_run() {
    skydraft_tests::run("run_page_answers_clicks_during_a_long_run", |page| async move {
        app::open_app(&page, "/").await?;
        set_minutes(&page, 600).await?;
        click(&page, &ui::testid(ui::RUN)).await?;
        page.wait_for(&ui::testid(ui::RUN_PROGRESS)).await?;
        let before = progress(&page).await?.unwrap_or(0.0);
        // Toggle snapping mid-run: the checkbox answers at once.
        let snap = page.find(&ui::testid("snap")).await?;
        let was: bool = page.eval("return document.querySelector('[data-testid=\"snap\"]').checked").await?;
        page.click(&snap).await?;
        wait::wait_for("the snap toggle to change", async || {
            let now: bool = page.eval("return document.querySelector('[data-testid=\"snap\"]').checked").await?;
            Ok(now != was)
        })
        .await?;
        // Open the templates gallery mid-run.
        click(&page, &ui::testid("templates")).await?;
        page.wait_for(&ui::testid("templates-gallery")).await?;
        wait::wait_for("the run to keep going", async || {
            let p: Option<f64> = page
                .eval("const p = document.querySelector('[data-testid=\"run-progress\"]'); return p ? parseFloat(p.getAttribute('aria-valuenow')) : null;")
                .await?;
            Ok(p.is_some_and(|p| p > before))
        })
        .await?;
        click(&page, &ui::testid(ui::CANCEL)).await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn run_az_outage_preset_shows_in_log_and_errors() {
    skydraft_tests::run("run_az_outage_preset_shows_in_log_and_errors", |page| async move {
        app::open_app(&page, "/").await?;
        open_scenario(&page).await?;
        click(&page, "[data-preset=\"az-outage\"]").await?;
        let note = page.wait_for(&ui::testid("preset-note")).await?.text().await.map_err(|e| e.to_string())?;
        assert!(note.contains("us-east-1a"), "{note}");
        page.wait_for_count(&ui::testid("timeline-row"), "one row", |n| n == 1).await?;
        page.wait_for_count(&ui::testid("timeline-marker"), "one row", |n| n == 1).await?;
        shot(&page, "run-4-preset").await?;
        run_and_wait(&page).await?;
        let lines: Vec<String> = page
            .eval("return [...document.querySelectorAll('[data-testid=\"log-line\"]')].map(l => l.textContent)")
            .await?;
        assert!(lines.iter().any(|l| l.contains("us-east-1a")), "{lines:?}");
        // A failed instance is named with its component and what follows.
        assert!(
            lines.iter().any(|l| l.contains("): instance i-") && l.contains("failed with its Availability Zone; the group launches a replacement")),
            "{lines:?}"
        );
        // Errors, or p99 latency well above what it was before the outage.
        let errors = total(&page, "Errors").await?;
        assert!(
            !errors.starts_with("0 "),
            "the AZ outage caused no errors: {errors}"
        );
        let causes = total(&page, "Errors by cause").await?;
        assert!(
            causes
                .split(", ")
                .all(|c| c.split_once(' ').is_some_and(|(_, name)| name != "failed")),
            "errors are named by cause: {causes}"
        );
        shot(&page, "run-5-outage-results").await?;

        // Clicking a log line moves the replay there and highlights it.
        click(&page, "[data-testid=\"log-line\"] button").await?;
        page.wait_for("[data-testid=\"event-log\"] li.hit").await?;
        let t = page.find(&ui::testid("replay-time")).await?.text().await.map_err(|e| e.to_string())?;
        assert!(t.contains(" of "), "{t}");
        // Scrubbing moves the moment.
        let _: bool = page
            .eval("const r = document.querySelector('[data-testid=\"replay-scrubber\"]'); r.value = 60; r.dispatchEvent(new Event('input', {bubbles:true})); return true;")
            .await?;
        wait::wait_for("the replay at 1:00", async || {
            let t: String = page.eval("return document.querySelector('[data-testid=\"replay-time\"]').textContent").await?;
            Ok(t.starts_with("1:00 of"))
        })
        .await?;
        shot(&page, "run-6-replay").await?;
        let _: bool = page.eval("document.documentElement.dataset.theme = 'dark'; return true;").await?;
        shot(&page, "run-6-replay-dark").await?;
        click(&page, &ui::testid("tab-scenario")).await?;
        shot(&page, "run-4-preset-dark").await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn run_compare_shows_both_runs() {
    skydraft_tests::run("run_compare_shows_both_runs", |page| async move {
        app::open_app(&page, "/").await?;
        set_minutes(&page, 5).await?;
        run_and_wait(&page).await?;
        click(&page, &ui::testid("pin-run")).await?;
        click(&page, &ui::testid("tab-scenario")).await?;
        click(&page, "[data-preset=\"launch-spike\"]").await?;
        set_minutes(&page, 15).await?;
        run_and_wait(&page).await?;
        click(&page, &ui::testid("tab-compare")).await?;
        page.wait_for(&ui::testid("compare-table")).await?;
        assert!(points(&page, "compare-pinned").await? >= 3);
        assert!(points(&page, "compare-latest").await? >= 3);
        let rows: u64 = page.eval("return document.querySelectorAll('[data-testid=\"compare-table\"] tbody tr').length").await?;
        assert_eq!(rows, 6);
        let warning = page.find(&ui::testid("compare-warning")).await?.text().await.map_err(|e| e.to_string())?;
        assert!(warning.starts_with("These runs differ: duration 5 min vs 15 min"), "{warning}");
        shot(&page, "run-7-compare").await?;
        Ok(())
    })
    .await;
}

#[tokio::test]
async fn run_scenario_edit_survives_reload_and_travels_in_link() {
    skydraft_tests::run(
        "run_scenario_edit_survives_reload_and_travels_in_link",
        |page| async move {
            app::open_app(&page, "/").await?;
            skydraft_tests::wait_for("the design in the URL fragment", async || {
                Ok(page.hash().await?.starts_with(ui::HASH_PREFIX))
            })
            .await?;
            let before = page.hash().await?;
            open_scenario(&page).await?;
            click(&page, &ui::testid("add-traffic")).await?;
            page.wait_for_count(&ui::testid("traffic-row"), "one row", |n| n == 1)
                .await?;
            let hash = page.wait_hash_change(&before).await?;
            page.reload().await?;
            app::open_app(&page, &hash).await?;
            open_scenario(&page).await?;
            page.wait_for_count(&ui::testid("traffic-row"), "one row", |n| n == 1)
                .await?;
            let fresh = page.new_browser().await?;
            app::open_app(&fresh, &hash).await?;
            open_scenario(&fresh).await?;
            fresh
                .wait_for_count(&ui::testid("traffic-row"), "one row", |n| n == 1)
                .await?;
            // The preview draws the shape.
            assert!(points(&fresh, "rate-preview").await? >= 50);
            Ok(())
        },
    )
    .await;
}

/// What the canvas paints: components with a health, links with a rate,
/// frames shaded as down, and each component's instance badge.
#[derive(Debug, PartialEq, serde::Deserialize)]
struct Paint {
    healths: Vec<String>,
    rates: Vec<String>,
    down: Vec<String>,
    instances: Vec<String>,
}

async fn paint(page: &Page) -> skydraft_tests::Result<Paint> {
    page
        .eval(
            "const all = (sel, attr) => [...document.querySelectorAll(sel)].map(e => e.getAttribute(attr));
             return {
               healths: all('[data-component-id][data-health]', 'data-health'),
               rates: all('[data-link-id][data-rate]', 'data-rate'),
               down: all('[data-group-id][data-outage]', 'data-group-id'),
               instances: all('[data-component-id][data-instances]', 'data-instances'),
             };",
        )
        .await
}

#[tokio::test]
async fn run_scrubbing_repaints_the_canvas() {
    skydraft_tests::run("run_scrubbing_repaints_the_canvas", |page| async move {
        app::open_app(&page, "/").await?;
        open_scenario(&page).await?;
        click(&page, "[data-preset=\"az-outage\"]").await?;
        run_and_wait(&page).await?;
        let idle = paint(&page).await?;
        assert!(idle.healths.is_empty() && idle.rates.is_empty() && idle.down.is_empty(), "{idle:?}");

        // Click the scrubber two thirds along: 20:00 of 30:00, the zone is down.
        let scrubber = page.wait_for(&ui::testid("replay-scrubber")).await?;
        let width: f64 = page
            .eval("return document.querySelector('[data-testid=\"replay-scrubber\"]').getBoundingClientRect().width")
            .await?;
        #[allow(clippy::cast_possible_truncation)]
        let dx = (width * (2.0 / 3.0 - 0.5)) as i64;
        page.driver()
            .action_chain()
            .move_to_element_with_offset(&scrubber, dx, 0)
            .click()
            .perform()
            .await
            .map_err(|e| e.to_string())?;
        let mut during = paint(&page).await?;
        wait::wait_for("the outage painted on the canvas", async || {
            during = paint(&page).await?;
            Ok(!during.down.is_empty())
        })
        .await?;
        let components: u64 = page.eval("return document.querySelectorAll('[data-component-id]').length").await?;
        assert_eq!(during.healths.len() as u64, components, "{during:?}");
        assert!(!during.rates.is_empty(), "{during:?}");
        assert!(during.rates.iter().any(|r| r.parse::<f64>().is_ok_and(|w| w > 1.5)), "{during:?}");
        assert!(!during.instances.is_empty(), "{during:?}");
        shot(&page, "run-8-scrub-outage").await?;

        // Home on the focused scrubber goes back to the start: nothing is down.
        page.press(skydraft_tests::Key::Home).await?;
        let mut start = paint(&page).await?;
        wait::wait_for("the canvas repainted at 0:00", async || {
            start = paint(&page).await?;
            Ok(start.down.is_empty() && !start.healths.is_empty())
        })
        .await?;
        assert_ne!(start, during);
        let t = page.find(&ui::testid("replay-time")).await?.text().await.map_err(|e| e.to_string())?;
        assert!(t.starts_with("0:00 of"), "{t}");

        // Leaving the replay gives the editor back.
        click(&page, &ui::testid("replay-exit")).await?;
        wait::wait_for("the plain canvas", async || {
            let p = paint(&page).await?;
            Ok(p.healths.is_empty() && p.rates.is_empty())
        })
        .await?;
        Ok(())
    })
    .await;
}

/// Whether the page has fetched a file whose URL contains `name`.
async fn fetched(page: &Page, name: &str) -> skydraft_tests::Result<bool> {
    page.eval(&format!(
        "return performance.getEntriesByType('resource').some(e => e.name.includes('{name}'));"
    ))
    .await
}

#[tokio::test]
async fn run_happens_in_a_worker_fetched_on_the_first_run_which_then_checks_edits() {
    skydraft_tests::run(
        "run_happens_in_a_worker_fetched_on_the_first_run_which_then_checks_edits",
        |page| async move {
            app::open_app(&page, "/").await?;
            // The worker's own fetches (its wasm) are not in the page's
            // timeline; its loader script is.
            assert!(
                !fetched(&page, "skydraft-sim_loader.js").await?,
                "the simulator was fetched before anyone asked for a run"
            );
            set_minutes(&page, 5).await?;
            run_and_wait(&page).await?;
            let names: Vec<String> = page
                .eval("return performance.getEntriesByType('resource').map(e => e.name);")
                .await?;
            assert!(
                fetched(&page, "skydraft-sim_loader.js").await?,
                "the run did not start the worker: {names:?}"
            );
            assert!(points(&page, ui::LATENCY_CHART).await? >= 3);

            // With the simulator loaded, an edit that makes the design unrunnable
            // is explained in the Scenario tab before the next run.
            // With the drawer hidden the whole design is in view again.
            click(&page, &ui::testid("results-toggle")).await?;
            page.click(&page.find(&ui::testid("zoom-fit")).await?)
                .await?;
            let users = page.find(&ui::components_of("users")).await?;
            page.click(&users).await?;
            page.press(skydraft_tests::Key::Delete).await?;
            click(&page, &ui::testid("tab-scenario")).await?;
            let note = page.wait_for(&ui::testid("run-precheck")).await?;
            let text = note.text().await.map_err(|e| e.to_string())?;
            assert!(text.contains("Users"), "{text}");
            // Undo brings the Users back and the explanation goes.
            page.press_with(skydraft_tests::Key::Control, 'z').await?;
            page.wait_gone(&ui::testid("run-precheck")).await?;
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn a_simulator_that_cannot_load_is_explained_and_run_again_starts_a_fresh_one() {
    skydraft_tests::run(
        "a_simulator_that_cannot_load_is_explained_and_run_again_starts_a_fresh_one",
        |page| async move {
            app::open_app(&page, "/").await?;
            set_minutes(&page, 5).await?;
            // The worker's script is missing (a network failure, a broken deploy).
            let _: bool = page
                .eval(
                    "window.__realWorker = window.Worker; \
                     window.Worker = function (url, options) { \
                         return new window.__realWorker('/no-such-simulator.js', options); }; \
                     return true;",
                )
                .await?;
            click(&page, &ui::testid(ui::RUN)).await?;
            let status = page
                .wait_for("[data-testid='run-status'][role='alert']")
                .await?;
            let text = status.text().await.map_err(|e| e.to_string())?;
            assert!(text.contains("The simulator stopped"), "{text}");
            assert!(text.contains("your design is saved"), "{text}");
            shot(&page, "simulator-failed-to-load").await?;
            // The failed load is logged by the browser; nothing else is.
            let errors = page.take_console_errors().await?;
            assert!(
                errors.iter().all(|e| e.contains("no-such-simulator.js")),
                "{errors:?}"
            );
            // The design is untouched, and Run starts a fresh simulator.
            assert!(!page.find_all(&ui::components_of("users")).await?.is_empty());
            let _: bool = page
                .eval("window.Worker = window.__realWorker; return true;")
                .await?;
            run_and_wait(&page).await?;
            assert!(points(&page, ui::LATENCY_CHART).await? >= 3);
            Ok(())
        },
    )
    .await;
}

#[tokio::test]
async fn a_run_too_big_offers_a_shorter_one_and_starts_it() {
    skydraft_tests::run(
        "a_run_too_big_offers_a_shorter_one_and_starts_it",
        |page| async move {
            use skydraft_core::scenario::{Scenario, Shape, Traffic};
            use skydraft_core::{share, template};
            // An hour whose last ten minutes send a million times the rate
            // (two steps of 1,000×): far beyond the event cap, while the
            // first 50 minutes are small.
            let t = template::get("ec2-eip").ok_or("no ec2-eip template")?;
            let step = Traffic {
                source: None,
                shape: Shape::Step {
                    at_s: 3_000.0,
                    factor: 1_000.0,
                },
            };
            let scenario = Scenario {
                duration_s: 3_600.0,
                traffic: vec![step.clone(), step],
                ..t.scenario.clone()
            };
            let link = format!("{}{}", ui::HASH_PREFIX, share::encode(&t.design, &scenario));
            app::open_app(&page, &link).await?;
            click(&page, &ui::testid(ui::RUN)).await?;
            let status = page
                .wait_for("[data-testid='run-status'][role='alert']")
                .await?;
            let text = status.text().await.map_err(|e| e.to_string())?;
            assert!(text.contains("needs about"), "{text}");
            let scale = page.wait_for(&ui::testid("fit-scale")).await?;
            let label = scale.text().await.map_err(|e| e.to_string())?;
            assert!(label.starts_with("Scale every Users to "), "{label}");
            let shorter = page.wait_for(&ui::testid("fit-duration")).await?;
            let label = shorter.text().await.map_err(|e| e.to_string())?;
            assert_eq!(label, "Run 50 minutes instead");
            shot(&page, "run-too-big").await?;
            page.click(&shorter).await?;
            // The offered run is the longest that fits under the event cap,
            // so it is long: it starts at the new length, and Cancel stops it.
            wait_run_status(&page, "of 50:00 simulated").await?;
            click(&page, &ui::testid(ui::CANCEL)).await?;
            open_scenario(&page).await?;
            let minutes: String = page
                .eval("return document.querySelector('[data-testid=\"duration\"]').value;")
                .await?;
            assert_eq!(minutes, "50");
            Ok(())
        },
    )
    .await;
}

/// Waits until the run's status line says `what`.
pub(crate) async fn wait_run_status(page: &Page, what: &str) -> R<()> {
    wait::wait_for(&format!("the run status to say {what}"), async || {
        let text: String = page
            .eval("const s = document.querySelector('[data-testid=\"run-status\"]'); return s ? s.textContent : '';")
            .await?;
        Ok(text.contains(what))
    })
    .await?;
    Ok(())
}
