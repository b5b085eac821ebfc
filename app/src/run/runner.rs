//! Running the design on the page's thread without freezing it.
//!
//! The simulation advances in small chunks of events; a slice keeps taking
//! chunks until it has held the thread for [`SLICE_MS`] of wall time (read from
//! `performance.now()`), then yields to the event loop with a zero timeout so
//! clicks, typing and painting go on between slices.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use skydraft_core::run::Run;
use skydraft_core::sim::{self, SimError};

use crate::state::Editor;

/// Longest a slice holds the main thread, in ms of wall time.
pub const SLICE_MS: f64 = 25.0;
/// Wall time one chunk of events aims at, in ms (a slice is several chunks).
const CHUNK_MS: f64 = 3.0;

/// Where the current run stands.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum RunState {
    /// No run yet.
    #[default]
    Idle,
    /// Running: simulated seconds reached and to reach.
    Running {
        /// Simulated seconds reached.
        now_s: f64,
        /// Simulated seconds the run covers.
        duration_s: f64,
    },
    /// Finished.
    Done(Arc<Run>),
    /// Refused or stopped by the simulator.
    Failed(Arc<SimError>),
    /// Stopped by the user at this simulated second.
    Cancelled(f64),
}

/// The run's state, the replay moment and the pinned run; provided as context.
#[derive(Clone, Copy)]
pub struct RunCtx {
    /// The state.
    pub state: RwSignal<RunState>,
    /// The moment of the run the replay shows, simulated seconds.
    pub moment: RwSignal<Option<f64>>,
    /// A run kept for comparison, with its name.
    pub pinned: RwSignal<Option<(String, Arc<Run>)>>,
    /// Runs started, so a cancelled run's slices stop.
    serial: StoredValue<u64>,
}

impl RunCtx {
    /// A fresh context with no run.
    #[must_use]
    pub fn new() -> Self {
        RunCtx {
            state: RwSignal::new(RunState::Idle),
            moment: RwSignal::new(None),
            pinned: RwSignal::new(None),
            serial: StoredValue::new(0),
        }
    }

    /// Whether a run is under way (tracked).
    #[must_use]
    pub fn running(&self) -> bool {
        self.state.with(|s| matches!(s, RunState::Running { .. }))
    }

    /// The finished run, if any (tracked).
    #[must_use]
    pub fn run(&self) -> Option<Arc<Run>> {
        self.state.with(|s| match s {
            RunState::Done(r) => Some(Arc::clone(r)),
            _ => None,
        })
    }

    /// Starts a run of the design and scenario as they are now.
    pub fn start(self, editor: Editor) {
        if self
            .state
            .with_untracked(|s| matches!(s, RunState::Running { .. }))
        {
            return;
        }
        let design = editor.design.get_untracked();
        let scenario = editor.scenario.get_untracked();
        let mut sim = match sim::Simulation::new(&design, &scenario) {
            Ok(sim) => sim,
            Err(e) => {
                self.state.set(RunState::Failed(Arc::new(e)));
                return;
            }
        };
        let serial = self.serial.get_value() + 1;
        self.serial.set_value(serial);
        self.moment.set(None);
        self.state.set(RunState::Running {
            now_s: 0.0,
            duration_s: scenario.duration_s,
        });
        spawn_local(async move {
            let mut chunk: u64 = 2_000;
            loop {
                // Let the page paint and handle input between slices.
                gloo::timers::future::TimeoutFuture::new(0).await;
                if self.serial.get_value() != serial {
                    return;
                }
                let start = now_ms();
                let p = loop {
                    let t0 = now_ms();
                    let p = sim.advance(chunk);
                    let t1 = now_ms();
                    chunk = next_chunk(chunk, t1 - t0);
                    if p.done || t1 - start + (t1 - t0) > SLICE_MS {
                        break p;
                    }
                };
                if let Some(e) = p.error {
                    self.state.set(RunState::Failed(Arc::new(e)));
                    return;
                }
                if p.done {
                    self.state.set(RunState::Done(Arc::new(sim.finish())));
                    return;
                }
                self.state.set(RunState::Running {
                    now_s: p.now_s,
                    duration_s: p.duration_s,
                });
            }
        });
    }

    /// Stops the run under way; its next slice does not start.
    pub fn cancel(&self) {
        self.serial.update_value(|s| *s += 1);
        let at = self.state.with_untracked(|s| match s {
            RunState::Running { now_s, .. } => Some(*now_s),
            _ => None,
        });
        if let Some(at) = at {
            self.state.set(RunState::Cancelled(at));
        }
    }
}

impl Default for RunCtx {
    fn default() -> Self {
        Self::new()
    }
}

/// Milliseconds from the page's performance clock.
fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// The next chunk of events, scaled so a chunk takes about [`CHUNK_MS`],
/// changing by at most 4× at a time.
#[must_use]
pub fn next_chunk(chunk: u64, took_ms: f64) -> u64 {
    let took = took_ms.max(0.1);
    #[allow(
        clippy::cast_precision_loss,
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss
    )]
    let scaled =
        (chunk as f64 * (CHUNK_MS / took)).clamp(chunk as f64 / 4.0, chunk as f64 * 4.0) as u64;
    scaled.clamp(200, 500_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_adapt_to_the_time_they_take() {
        assert_eq!(next_chunk(10_000, 6.0), 5_000);
        assert_eq!(next_chunk(10_000, 0.1), 40_000);
        assert_eq!(next_chunk(10_000, 3.0), 10_000);
        assert_eq!(next_chunk(300, 1000.0), 200);
    }
}
