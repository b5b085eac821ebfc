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

    /// Starts a run of the design as drawn now.
    pub fn start(self, editor: Editor) {
        if self.state.with_untracked(|s| matches!(s, RunState::Running(_))) {
            return;
        }
        let design = editor.design.get_untracked();
        let scenario = editor.scenario.get_untracked();
        self.cancel.set_value(false);
        self.state.set(RunState::Running(0.0));
        spawn_local(async move {
            // Let the page paint the running state before the first slice.
            gloo::timers::future::TimeoutFuture::new(0).await;
            if self.cancel.get_value() {
                self.state.set(RunState::Cancelled);
                return;
            }
            let out = sim::run(&design, &scenario);
            self.state.set(match out {
                _ if self.cancel.get_value() => RunState::Cancelled,
                Ok(run) => RunState::Done(Box::new(run)),
                Err(e) => RunState::Failed(format!("The design could not be run: {e}.")),
            });
        });
    }

    /// Asks the run to stop at the end of its current slice.
    pub fn cancel(&self) {
        self.cancel.set_value(true);
        if self.state.with_untracked(|s| matches!(s, RunState::Running(_))) {
            self.state.set(RunState::Cancelled);
        }
    }
}

impl Default for RunCtx {
    fn default() -> Self {
        Self::new()
    }
}

/// A one-line summary of a finished run.
#[must_use]
pub fn summary(run: &Run) -> String {
    let requests: u64 = run.buckets.iter().map(|b| b.requests).sum();
    let done: u64 = run.buckets.iter().map(|b| b.completions).sum();
    let worst_p99 = run
        .buckets
        .iter()
        .filter(|b| b.completions > 0)
        .map(|b| b.p99_ms)
        .filter(|v| v.is_finite())
        .fold(0.0_f64, f64::max);
    format!("Done: {requests} requests, {done} completed, worst p99 {worst_p99:.0} ms.")
}

/// The bottom drawer: progress, status and chart.
#[component]
pub fn RunPanel() -> impl IntoView {
    let ctx = expect_context::<RunCtx>();
    let chart_width = RwSignal::new(760_u32);
    let chart_ref = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let Some(el) = chart_ref.get() {
            let w = u32::try_from(el.client_width()).unwrap_or(0);
            if w >= chart::MIN_SIZE.0 {
                chart_width.set(w);
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
            RunState::Done(run) => match chart::latency_svg(run, chart_width.get(), 260) {
                Ok(svg) => svg,
                Err(e) => format!("<p class=\"chart-note\">{}</p>", escape(&e.to_string())),
            },
            _ => String::new(),
        })
    };
    view! {
        <section class="run-panel" data-testid="run-panel" aria-label="Run">
            <header class="run-head">
                <h2>"Results"</h2>
                {progress}
                <span class="run-status" class:error=failed data-testid="run-status" role="status">{status}</span>
            </header>
            <div class="chart" data-testid="latency-chart" node_ref=chart_ref inner_html=chart_html />
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
    fn escaping_neutralises_markup() {
        assert_eq!(escape("<img src=x onerror='a'>&"), "&lt;img src=x onerror=&#39;a&#39;&gt;&amp;");
    }
}
