//! Running the design: the Run and Cancel buttons, progress, status and the
//! latency chart. The simulation runs on the page's thread in slices, yielding
//! to the browser between them, so the page never freezes.

use leptos::prelude::*;
use leptos::task::spawn_local;
use skydraft_core::chart;
use skydraft_core::run::Run;
use skydraft_core::sim;

use crate::state::Editor;

/// Where the current run stands.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum RunState {
    /// No run yet.
    #[default]
    Idle,
    /// Running; fraction done in 0..=1.
    Running(f64),
    /// Finished: the run, and its chart (or why the chart is empty).
    Done(Box<Run>),
    /// Refused or failed, in plain words.
    Failed(String),
    /// Stopped by the user.
    Cancelled,
}

/// The run's state and its cancel flag, provided as context.
#[derive(Clone, Copy)]
pub struct RunCtx {
    /// The state.
    pub state: RwSignal<RunState>,
    cancel: StoredValue<bool>,
}

impl RunCtx {
    /// A fresh context with no run.
    #[must_use]
    pub fn new() -> Self {
        RunCtx {
            state: RwSignal::new(RunState::Idle),
            cancel: StoredValue::new(false),
        }
    }

    /// Whether a run is under way (tracked).
    #[must_use]
    pub fn running(&self) -> bool {
        self.state.with(|s| matches!(s, RunState::Running(_)))
    }

    /// Starts a run of the design as drawn now, in slices of about
    /// [`SLICE_MS`] each, yielding to the browser between slices.
    pub fn start(self, editor: Editor) {
        if self
            .state
            .with_untracked(|s| matches!(s, RunState::Running(_)))
        {
            return;
        }
        let design = editor.design.get_untracked();
        let scenario = editor.scenario.get_untracked();
        self.cancel.set_value(false);
        let mut sim = match sim::Simulation::new(&design, &scenario) {
            Ok(sim) => sim,
            Err(e) => {
                self.state.set(RunState::Failed(format!(
                    "This design cannot run yet: {e}."
                )));
                return;
            }
        };
        self.state.set(RunState::Running(0.0));
        spawn_local(async move {
            let mut budget: u64 = 5_000;
            loop {
                // Let the page paint and handle input between slices.
                gloo::timers::future::TimeoutFuture::new(0).await;
                if self.cancel.get_value() {
                    self.state.set(RunState::Cancelled);
                    return;
                }
                let t0 = now_ms();
                let p = sim.advance(budget);
                budget = next_budget(budget, now_ms() - t0);
                if let Some(e) = p.error {
                    self.state
                        .set(RunState::Failed(format!("The run stopped: {e}.")));
                    return;
                }
                if p.done {
                    self.state.set(RunState::Done(Box::new(sim.finish())));
                    return;
                }
                self.state.set(RunState::Running(p.fraction()));
            }
        });
    }

    /// Asks the run to stop at the end of its current slice.
    pub fn cancel(&self) {
        self.cancel.set_value(true);
        if self
            .state
            .with_untracked(|s| matches!(s, RunState::Running(_)))
        {
            self.state.set(RunState::Cancelled);
        }
    }
}

impl Default for RunCtx {
    fn default() -> Self {
        Self::new()
    }
}

/// Target wall-clock length of one slice of a run, in ms.
pub const SLICE_MS: f64 = 25.0;

/// Milliseconds from the page's performance clock.
fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// The event budget of the next slice, scaled so a slice takes about
/// [`SLICE_MS`], changing by at most 4× at a time.
#[must_use]
pub fn next_budget(budget: u64, took_ms: f64) -> u64 {
    let took = took_ms.max(0.5);
    #[allow(
        clippy::cast_precision_loss,
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss
    )]
    let scaled =
        (budget as f64 * (SLICE_MS / took)).clamp(budget as f64 / 4.0, budget as f64 * 4.0) as u64;
    scaled.clamp(500, 5_000_000)
}

/// A one-line summary of a finished run.
#[must_use]
pub fn summary(run: &Run) -> String {
    let t = &run.totals;
    let errors = t.errors.total();
    #[allow(clippy::cast_precision_loss)]
    let error_pct = if t.requests > 0 {
        errors as f64 * 100.0 / t.requests as f64
    } else {
        0.0
    };
    format!(
        "Done: {} requests over {:.0} s · p50 {:.0} ms · p99 {:.0} ms · errors {:.2}% · cost ${:.2}",
        t.requests, run.duration_s, t.p50_ms, t.p99_ms, error_pct, t.cost_usd
    )
}

/// The bottom drawer: progress, status and chart.
#[component]
pub fn RunPanel() -> impl IntoView {
    let ctx = expect_context::<RunCtx>();
    let chart_width = RwSignal::new(760_u32);
    let open = RwSignal::new(true);
    // A new run opens the panel.
    Effect::new(move |_| {
        if ctx.running() {
            open.set(true);
        }
    });
    let panel_ref = NodeRef::<leptos::html::Section>::new();
    // Size the chart to the panel when a run finishes (the panel is always laid out).
    Effect::new(move |_| {
        let finished = ctx.state.with(|s| matches!(s, RunState::Done(_)));
        if let (true, Some(el)) = (finished, panel_ref.get_untracked()) {
            let w = u32::try_from(el.client_width() - 32).unwrap_or(0);
            if w >= chart::MIN_SIZE.0 {
                chart_width.set(w.min(1400));
            }
        }
    });

    let status = move || match ctx.state.get() {
        RunState::Idle => "Press Run to simulate the design as drawn.".to_owned(),
        RunState::Running(f) => format!("Running… {:.0}%", f * 100.0),
        RunState::Done(run) => summary(&run),
        RunState::Failed(why) => why,
        RunState::Cancelled => "Run cancelled.".to_owned(),
    };
    let failed = move || ctx.state.with(|s| matches!(s, RunState::Failed(_)));
    let progress = move || match ctx.state.get() {
        RunState::Running(f) => Some(view! {
            <div class="progress" data-testid="run-progress" role="progressbar" aria-valuemin="0" aria-valuemax="100" aria-valuenow=format!("{:.0}", f * 100.0)>
                <div class="progress-bar" style=format!("width:{:.1}%", f * 100.0) />
            </div>
            <button class="btn" data-testid="cancel" on:click=move |_| ctx.cancel()>"Cancel"</button>
        }),
        _ => None,
    };
    let chart_html = move || {
        ctx.state.with(|s| match s {
            RunState::Done(run) if open.get() => {
                match chart::latency_svg(run, chart_width.get(), 240) {
                    Ok(svg) => svg,
                    Err(e) => format!("<p class=\"chart-note\">{}</p>", escape(&e.to_string())),
                }
            }
            _ => String::new(),
        })
    };
    view! {
        <section class="run-panel" data-testid="run-panel" aria-label="Run" node_ref=panel_ref>
            <header class="run-head">
                <h2>"Results"</h2>
                {progress}
                <span class="run-status" class:error=failed data-testid="run-status" role="status">{status}</span>
                <span class="grow" />
                <Show when=move || ctx.state.with(|s| matches!(s, RunState::Done(_)))>
                    <button class="btn ghost" data-testid="results-toggle" aria-expanded=move || open.get().to_string()
                        on:click=move |_| open.update(|o| *o = !*o)>
                        {move || if open.get() { "Hide chart" } else { "Show chart" }}
                    </button>
                </Show>
            </header>
            <div class="chart" data-testid="latency-chart" inner_html=chart_html />
        </section>
    }
}

/// Escapes text for inclusion in HTML.
#[must_use]
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slices_adapt_to_the_time_they_take() {
        assert_eq!(next_budget(10_000, 50.0), 5_000);
        assert_eq!(next_budget(10_000, 1.0), 40_000);
        assert_eq!(next_budget(10_000, 25.0), 10_000);
        assert_eq!(next_budget(600, 1000.0), 500);
    }

    #[test]
    fn escaping_neutralises_markup() {
        assert_eq!(
            escape("<img src=x onerror='a'>&"),
            "&lt;img src=x onerror=&#39;a&#39;&gt;&amp;"
        );
    }
}
