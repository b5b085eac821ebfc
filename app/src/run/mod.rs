//! The run drawer under the canvas: the scenario (presets, traffic, timeline),
//! running it in slices with progress and Cancel, the results (totals,
//! charts with hover and tables, CSV, event log), the replay controls and the
//! comparison with a pinned run.

mod compare;
mod fit;
mod form;
mod judging;
mod log;
mod replay;
mod results;
mod runner;
mod scenario;
mod splitter;
pub mod text;

pub use judging::Judgement;
pub use replay::ReplayBar;
pub use runner::{RunCtx, RunState};

use leptos::prelude::*;

use crate::replay::Replay;

/// The drawer's tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tab {
    Scenario,
    Results,
    Compare,
}

/// The status next to the tabs: progress while running, the outcome after.
#[component]
fn Status() -> impl IntoView {
    let ctx = expect_context::<RunCtx>();
    move || match ctx.state.get() {
        RunState::Idle => view! {
            <span class="run-status" data-testid="run-status" role="status">
                "Pick a scenario, then press Run."
            </span>
        }
        .into_any(),
        RunState::Running { now_s, duration_s } => {
            let pct = if duration_s > 0.0 {
                now_s / duration_s * 100.0
            } else {
                0.0
            };
            view! {
                <div class="progress" data-testid="run-progress" role="progressbar" aria-valuemin="0"
                    aria-valuemax="100" aria-valuenow=format!("{pct:.0}")>
                    <div class="progress-bar" style=format!("width:{pct:.1}%") />
                </div>
                <span class="run-status" data-testid="run-status" role="status">
                    {text::sim_progress(now_s, duration_s)}
                </span>
                <button class="btn" data-testid="cancel" on:click=move |_| ctx.cancel()>"Cancel"</button>
            }
            .into_any()
        }
        RunState::Done(run) => view! {
            <span class="run-status" data-testid="run-status" role="status">
                {format!("Finished: {} simulated.", text::dur(run.duration_s))}
            </span>
        }
        .into_any(),
        RunState::Failed(e) => {
            let (what, fix) = text::explain(&e);
            let buttons = match *e {
                skydraft_core::sim::SimError::TooManyEvents { fit, .. } => {
                    Some(view! { <fit::FitButtons fit=fit /> })
                }
                _ => None,
            };
            view! {
                <span class="run-status error" data-testid="run-status" role="alert">
                    <strong>{what}</strong>" "{fix}
                </span>
                {buttons}
            }
            .into_any()
        }
        RunState::Broken(why) => view! {
            <span class="run-status error" data-testid="run-status" role="alert">
                <strong>{format!("The simulator stopped: {}.", why.trim_end_matches('.'))}</strong>
                " Press Run to try again (a fresh simulator starts); your design is saved."
            </span>
        }
        .into_any(),
        RunState::Cancelled(at) => view! {
            <span class="run-status" data-testid="run-status" role="status">
                {format!("Cancelled at {}. Press Run to start again.", text::dur(at))}
            </span>
        }
        .into_any(),
    }
}

/// The latest verdict of the attempted challenge in one line, at the top of
/// the drawer: on a small screen the drawer is a sheet over the challenge
/// panel, and this keeps the verdict in sight (the stylesheet shows it there
/// only).
#[component]
fn JudgedLine() -> impl IntoView {
    let ctx = expect_context::<RunCtx>();
    move || {
        ctx.judged.with(|j| {
            j.as_ref().map(|j| {
                let v = &j.verdict;
                view! {
                    <p class="run-verdict" class:passed=v.passed data-testid="sheet-verdict"
                        data-passed=v.passed.to_string()>
                        <span class="mark" aria-hidden="true">{if v.passed { "✓" } else { "✗" }}</span>
                        {format!("{}: {}", j.challenge.title, v.summary())}
                    </p>
                }
            })
        })
    }
}

/// The drawer under the canvas.
#[component]
pub fn RunPanel() -> impl IntoView {
    let ctx = expect_context::<RunCtx>();
    let tab = RwSignal::new(Tab::Scenario);
    // Collapsed until the first run or until a tab is opened: the diagram has
    // the room first.
    let open = RwSignal::new(false);
    // The body's height as the splitter left it (`None`: the stylesheet's).
    let height = RwSignal::new(splitter::load());
    // A run shows its results.
    Effect::new(move |_| {
        if ctx.running() {
            open.set(true);
            tab.set(Tab::Results);
        }
    });
    let tab_btn = move |t: Tab, label: &'static str, id: &'static str| {
        view! {
            <button role="tab" class="tab" data-testid=id aria-selected=move || (tab.get() == t).to_string()
                on:click=move |_| { tab.set(t); open.set(true); }>{label}</button>
        }
    };
    view! {
        <section class="run-panel" id="run-panel" tabindex="-1" class:closed=move || !open.get() data-testid="run-panel" aria-label="Scenario and results">
            <Show when=move || open.get()>
                <splitter::Splitter height />
            </Show>
            <header class="run-head">
                <div class="tabs" role="tablist">
                    {tab_btn(Tab::Scenario, "Scenario", "tab-scenario")}
                    {tab_btn(Tab::Results, "Results", "tab-results")}
                    {tab_btn(Tab::Compare, "Compare", "tab-compare")}
                </div>
                <Status />
                <JudgedLine />
                <span class="grow" />
                <button class="btn ghost" data-testid="results-toggle" aria-expanded=move || open.get().to_string()
                    on:click=move |_| open.update(|o| *o = !*o)>
                    {move || if open.get() { "Hide" } else { "Show" }}
                </button>
            </header>
            <Show when=move || open.get()>
                <div class="run-body" style:height=move || height.get().map(|h| format!("{h:.0}px"))>
                    {move || match tab.get() {
                        Tab::Scenario => view! { <scenario::ScenarioPanel /> }.into_any(),
                        Tab::Results => view! { <results::Results /> }.into_any(),
                        Tab::Compare => view! { <compare::Compare /> }.into_any(),
                    }}
                </div>
            </Show>
        </section>
    }
}

/// Keeps the canvas painting the run at the replay moment: while a finished
/// run has a moment picked, `replay` holds that moment's frame; otherwise it
/// is empty and the canvas is the plain editor.
pub fn paint_moment(ctx: RunCtx, replay: Replay) {
    Effect::new(move |_| {
        let frame = match (ctx.moment.get(), ctx.run()) {
            (Some(t), Some(run)) => Some(run.frame_at(t)),
            _ => None,
        };
        replay.0.set(frame);
    });
}
