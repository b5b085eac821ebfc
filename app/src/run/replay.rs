//! The replay controls: a scrubber over simulated time and play/pause at a
//! chosen speed. The moment is kept in [`RunCtx::moment`]; the charts mark it,
//! the event log highlights its lines and the canvas paints it.

use std::sync::Arc;

use gloo::timers::callback::Interval;
use leptos::prelude::*;
use skydraft_core::run::Run;

use super::{RunCtx, text};

/// Replay speeds offered, simulated seconds per second.
const SPEEDS: [u32; 5] = [1, 10, 60, 300, 900];
/// Time between replay steps, ms.
const TICK_MS: u32 = 100;

/// Scrubber, play/pause and speed for a finished run.
#[component]
pub fn ReplayBar(run: Arc<Run>) -> impl IntoView {
    let ctx = expect_context::<RunCtx>();
    let end = run.duration_s.max(0.0);
    let speed = RwSignal::new(60_u32);
    let timer = StoredValue::new_local(None::<Interval>);
    let playing = RwSignal::new(false);
    let stop = move || {
        timer.set_value(None);
        playing.set(false);
    };
    let play = move || {
        if ctx.moment.get_untracked().is_none_or(|t| t >= end) {
            ctx.moment.set(Some(0.0));
        }
        playing.set(true);
        timer.set_value(Some(Interval::new(TICK_MS, move || {
            let step = f64::from(speed.get_untracked()) * f64::from(TICK_MS) / 1000.0;
            let t = (ctx.moment.get_untracked().unwrap_or(0.0) + step).min(end);
            ctx.moment.set(Some(t));
            if t >= end {
                timer.set_value(None);
                playing.set(false);
            }
        })));
    };
    let step = (run.bucket_s / 2.0).max(1.0);
    // The widest the time label gets: every moment's text is at most as long.
    let room = format!("{} of {}", text::dur(end), text::dur(end));
    view! {
        <div class="replay" data-testid="replay">
            <button class="btn small play-btn" data-testid="replay-play"
                aria-label=move || if playing.get() { "Pause the replay" } else { "Play the replay" }
                on:click=move |_| if playing.get_untracked() { stop() } else { play() }>
                {move || if playing.get() { "❚❚ Pause" } else { "▶ Replay" }}
            </button>
            <select class="speed" data-testid="replay-speed" aria-label="Replay speed"
                on:change=move |ev| speed.set(event_target_value(&ev).parse().unwrap_or(60))>
                {SPEEDS.iter().map(|s| view! { <option value=s.to_string() selected=*s == 60>{format!("{s}×")}</option> }).collect_view()}
            </select>
            <input type="range" class="scrub" data-testid="replay-scrubber" aria-label="Moment of the run"
                min="0" max=format!("{end}") step=format!("{step}")
                prop:value=move || format!("{}", ctx.moment.get().unwrap_or(0.0))
                on:input=move |ev| {
                    stop();
                    ctx.moment.set(event_target_value(&ev).parse().ok());
                } />
            // The label and Exit keep their space while no moment is shown, so the
            // scrubber never changes width under a dragging pointer.
            <span class="replay-time">
                <span class="replay-time-room" aria-hidden="true">{room}</span>
                <span class="replay-time-room" aria-hidden="true">"Replay the run"</span>
                <span class="replay-time-now" data-testid="replay-time">
                    {move || match ctx.moment.get() {
                        Some(t) => format!("{} of {}", text::dur(t), text::dur(end)),
                        None => "Replay the run".to_owned(),
                    }}
                </span>
            </span>
            <button class="btn small ghost replay-exit" data-testid="replay-exit"
                class:idle=move || ctx.moment.get().is_none()
                disabled=move || ctx.moment.get().is_none()
                on:click=move |_| { stop(); ctx.moment.set(None); }>"× Exit replay"</button>
        </div>
    }
}
