//! Running the design: the Run button runs core's simulator and draws a chart.

use skydraft_tests::{Poll, run, ui, wait};

use crate::app;

/// The most points in any line, path or polygon of the latency chart.
const SERIES_POINTS: &str = "
    const c = document.querySelector('[data-testid=\"latency-chart\"]');
    if (!c) return 0;
    let best = 0;
    for (const el of c.querySelectorAll('polyline, polygon, path')) {
      const s = el.getAttribute('points') || el.getAttribute('d') || '';
      const nums = s.match(/-?\\d+(\\.\\d+)?(e-?\\d+)?/g) || [];
      best = Math.max(best, Math.floor(nums.length / 2));
    }
    return best;";

#[tokio::test]
async fn run_draws_a_latency_chart() {
    run("run_draws_a_latency_chart", |page| async move {
        app::open_app(&page, "/").await?;
        let before: u64 = page.eval(SERIES_POINTS).await?;
        assert!(
            before < 3,
            "a series is drawn before any run ({before} points)"
        );

        let button = page.wait_for(&ui::testid(ui::RUN)).await?;
        page.click(&button).await?;

        let points = wait::wait_until(
            "a latency series with at least 3 points",
            std::time::Duration::from_secs(60),
            async || {
                let n: u64 = page.eval(SERIES_POINTS).await?;
                Ok(if n >= 3 {
                    Poll::Ready(n)
                } else {
                    Poll::Pending(format!("{n} points"))
                })
            },
        )
        .await?;
        assert!(points >= 3);
        let status = page.find(&ui::testid(ui::RUN_STATUS)).await?.text().await?;
        assert!(!status.trim().is_empty(), "no run status after the run");
        Ok(())
    })
    .await;
}
