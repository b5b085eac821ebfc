//! Running the design away from the page's thread: core's simulator runs in a
//! Web Worker (`skydraft-sim`, built by trunk beside the page), started the
//! first time a run or a check is asked for. The page posts a request and
//! reads progress, the finished run or the reason it failed; Cancel
//! terminates the worker and the next request starts a fresh one.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

use js_sys::Uint8Array;
use leptos::prelude::*;
use skydraft_core::challenge::Challenge;
use skydraft_core::design::Design;
use skydraft_core::remote::{Op, Reply, Request};
use skydraft_core::run::Run;
use skydraft_core::sim::SimError;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{ErrorEvent, Event, MessageEvent, Worker};

mod aside;

use super::judging::Judgement;
use crate::state::Editor;

/// The worker's loader, written by trunk next to the page.
const WORKER_SCRIPT: &str = "skydraft-sim_loader.js";

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
    /// The simulator itself could not load or stopped unexpectedly.
    Broken(String),
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
    /// Why the simulator would refuse the design and scenario, by its
    /// answer to the latest check; `None` when they would run or it has not
    /// said yet.
    pub checked: RwSignal<Option<Arc<SimError>>>,
    /// The latest judgement of the challenge being attempted.
    pub judged: RwSignal<Option<Arc<Judgement>>>,
    /// The challenge and design of the judging under way.
    judging: StoredValue<Option<(Arc<Challenge>, Design)>>,
    /// Serial number of the latest request; replies to older ones are stale.
    serial: StoredValue<u64>,
    /// Serial number of the run under way, if any.
    running: StoredValue<Option<u64>>,
    /// The worker, once started.
    worker: StoredValue<Option<SimWorker>, LocalStorage>,
    /// Judgements asked aside (a live class's hand-ins), by serial: the
    /// challenge, the design and where the verdict goes.
    asides: StoredValue<Vec<Aside>, LocalStorage>,
    /// Single runs asked aside (a comparison's), by serial.
    run_asides: StoredValue<Vec<aside::RunAside>, LocalStorage>,
}

/// What the worker sends back for a judgement: each variant and its run.
type JudgedRuns = Vec<(skydraft_core::challenge::Variant, Result<Run, SimError>)>;

/// A judgement asked aside, and where its verdict goes.
struct Aside {
    serial: u64,
    challenge: Arc<Challenge>,
    design: Design,
    done: Box<dyn FnOnce(Result<Judgement, String>)>,
}

/// A started worker and the requests waiting for it to be ready.
struct SimWorker {
    worker: Worker,
    /// Requests posted before the worker said it was ready (`None` once ready).
    waiting: Rc<RefCell<Option<Vec<Vec<u8>>>>>,
    _on_message: Closure<dyn Fn(MessageEvent)>,
    _on_error: Closure<dyn Fn(Event)>,
}

impl SimWorker {
    /// Posts `bytes` now, or once the worker is ready.
    fn post(&self, bytes: Vec<u8>) -> Result<(), String> {
        if let Some(waiting) = self.waiting.borrow_mut().as_mut() {
            waiting.push(bytes);
            return Ok(());
        }
        post_bytes(&self.worker, &bytes)
    }
}

impl Drop for SimWorker {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}

fn post_bytes(worker: &Worker, bytes: &[u8]) -> Result<(), String> {
    worker
        .post_message(&Uint8Array::from(bytes))
        .map_err(|e| format!("{e:?}"))
}

impl RunCtx {
    /// A fresh context with no run.
    #[must_use]
    pub fn new() -> Self {
        RunCtx {
            state: RwSignal::new(RunState::Idle),
            moment: RwSignal::new(None),
            pinned: RwSignal::new(None),
            checked: RwSignal::new(None),
            judged: RwSignal::new(None),
            judging: StoredValue::new(None),
            serial: StoredValue::new(0),
            running: StoredValue::new(None),
            worker: StoredValue::new_local(None),
            asides: StoredValue::new_local(Vec::new()),
            run_asides: StoredValue::new_local(Vec::new()),
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

    /// Whether the simulator has been started (a run or check was asked for).
    #[must_use]
    pub fn started(&self) -> bool {
        self.worker.with_value(Option::is_some)
    }

    /// Starts a run of the design and scenario as they are now; while a
    /// challenge is attempted, judges the design instead: every variant of
    /// the challenge runs in the worker, and [`RunCtx::judged`] gets the verdict.
    pub fn start(self, editor: Editor) {
        if self.running.get_value().is_some() {
            return;
        }
        let (request, duration_s) = match editor.challenge.get_untracked() {
            Some(c) => {
                let design = editor.design.get_untracked();
                let request = Request::judge(self.next_serial(), &c, &design);
                #[allow(clippy::cast_precision_loss)]
                let runs = skydraft_core::challenge::variants(&c).len() as f64;
                let duration_s = c.scenario.duration_s * runs;
                self.judging.set_value(Some((c, design)));
                (request, duration_s)
            }
            None => {
                let scenario = editor.scenario.get_untracked();
                let request = editor
                    .design
                    .with_untracked(|d| Request::new(self.next_serial(), Op::Run, d, &scenario));
                self.judging.set_value(None);
                (request, scenario.duration_s)
            }
        };
        self.running.set_value(Some(request.serial));
        self.moment.set(None);
        self.state.set(RunState::Running {
            now_s: 0.0,
            duration_s,
        });
        if let Err(e) = self.send(request.to_bytes()) {
            self.broken(e);
        }
    }

    /// Judges `design` against `challenge` in the worker without touching
    /// the run on screen (a hand-in); `done` gets the judgement, or why it
    /// could not be made.
    pub fn judge_aside(
        self,
        challenge: Arc<Challenge>,
        design: Design,
        done: impl FnOnce(Result<Judgement, String>) + 'static,
    ) {
        let serial = self.next_serial();
        let request = Request::judge(serial, &challenge, &design);
        self.asides.update_value(|a| {
            a.push(Aside {
                serial,
                challenge,
                design,
                done: Box::new(done),
            });
        });
        if let Err(e) = self.send(request.to_bytes()) {
            self.finish_aside(serial, Err(e));
        }
    }

    fn is_aside(self, serial: u64) -> bool {
        self.asides
            .with_value(|a| a.iter().any(|x| x.serial == serial))
    }

    /// Hands an aside judgement its outcome.
    fn finish_aside(self, serial: u64, outcome: Result<JudgedRuns, String>) {
        let mut found = None;
        self.asides.update_value(|a| {
            if let Some(i) = a.iter().position(|x| x.serial == serial) {
                found = Some(a.remove(i));
            }
        });
        if let Some(aside) = found {
            let result = outcome.map(|runs| Judgement::new(aside.challenge, &aside.design, runs));
            (aside.done)(result);
        }
    }

    /// Asks the simulator whether the design and scenario as they are now
    /// would run; the answer lands in [`RunCtx::checked`]. Skipped while a
    /// run is under way (the run will say).
    pub fn check(self, editor: Editor) {
        if self.running.get_value().is_some() {
            return;
        }
        let request = editor.design.with_untracked(|d| {
            editor
                .scenario
                .with_untracked(|s| Request::new(self.next_serial(), Op::Check, d, s))
        });
        if self.send(request.to_bytes()).is_err() {
            self.checked.set(None);
        }
    }

    /// Stops the run under way: the worker is terminated and the next
    /// request starts a fresh one.
    pub fn cancel(&self) {
        self.running.set_value(None);
        self.worker.set_value(None);
        self.fail_run_asides("the simulator was stopped (Cancel)");
        let at = self.state.with_untracked(|s| match s {
            RunState::Running { now_s, .. } => Some(*now_s),
            _ => None,
        });
        if let Some(at) = at {
            self.state.set(RunState::Cancelled(at));
        }
    }

    fn next_serial(&self) -> u64 {
        self.serial.update_value(|s| *s += 1);
        self.serial.get_value()
    }

    /// Posts a request, starting the worker first if needed.
    fn send(self, bytes: Vec<u8>) -> Result<(), String> {
        if !self.started() {
            let w = self.spawn()?;
            self.worker.set_value(Some(w));
        }
        self.worker
            .with_value(|w| w.as_ref().map(|w| w.post(bytes)))
            .unwrap_or_else(|| Err("the simulator is not running".to_owned()))
    }

    /// Starts the worker and listens to it.
    fn spawn(self) -> Result<SimWorker, String> {
        let url = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.base_uri().ok().flatten())
            .and_then(|base| web_sys::Url::new_with_base(WORKER_SCRIPT, &base).ok())
            .map_or_else(|| WORKER_SCRIPT.to_owned(), |u| u.href());
        let worker = Worker::new(&url).map_err(|e| format!("{e:?}"))?;
        let waiting = Rc::new(RefCell::new(Some(Vec::<Vec<u8>>::new())));
        let on_message = {
            let waiting = Rc::clone(&waiting);
            let worker = worker.clone();
            Closure::<dyn Fn(MessageEvent)>::new(move |ev: MessageEvent| {
                let bytes = Uint8Array::new(&ev.data()).to_vec();
                match Reply::from_bytes(&bytes) {
                    Ok(Reply::Ready) => {
                        let queued = waiting.borrow_mut().take().unwrap_or_default();
                        for b in queued {
                            if let Err(e) = post_bytes(&worker, &b) {
                                self.broken(e);
                            }
                        }
                    }
                    Ok(reply) => self.receive(reply),
                    Err(e) => self.broken(e.to_string()),
                }
            })
        };
        // An uncaught error inside the worker arrives as an `ErrorEvent`; a
        // script that fails to load, as a plain `Event` without a message.
        let on_error = Closure::<dyn Fn(Event)>::new(move |ev: Event| {
            ev.prevent_default();
            let what = ev
                .dyn_ref::<ErrorEvent>()
                .map(ErrorEvent::message)
                .unwrap_or_default();
            self.broken(if what.is_empty() {
                "its code could not be loaded (check the connection)".to_owned()
            } else {
                what
            });
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(SimWorker {
            worker,
            waiting,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    /// Takes in one reply of the worker, dropping stale ones.
    fn receive(self, reply: Reply) {
        let Some(reply) = self.run_aside_reply(reply) else {
            return;
        };
        let latest = self.serial.get_value();
        let run = self.running.get_value();
        match reply {
            Reply::Ready => {}
            Reply::Checked { serial, error } => {
                if serial == latest {
                    self.checked.set(error.map(Arc::new));
                }
            }
            Reply::Progress {
                serial,
                now_s,
                duration_s,
            } => {
                if run == Some(serial) {
                    self.state.set(RunState::Running { now_s, duration_s });
                }
            }
            Reply::Done { serial, run: done } => {
                if run == Some(serial) {
                    self.running.set_value(None);
                    self.state.set(RunState::Done(Arc::new(*done)));
                }
            }
            Reply::Judged { serial, runs } if self.is_aside(serial) => {
                self.finish_aside(serial, Ok(runs));
            }
            Reply::Failed { serial, error } if self.is_aside(serial) => {
                self.finish_aside(serial, Err(error.to_string()));
            }
            Reply::Judged { serial, runs } => {
                if run == Some(serial) {
                    self.running.set_value(None);
                    if let Some((c, design)) = self.judging.get_value() {
                        let judgement = Judgement::new(c, &design, runs);
                        self.state.set(judgement.shown_state());
                        self.judged.set(Some(Arc::new(judgement)));
                    }
                }
            }
            Reply::Failed { serial, error } => {
                if run == Some(serial) {
                    self.running.set_value(None);
                    self.state.set(RunState::Failed(Arc::new(error)));
                } else if serial == latest {
                    self.checked.set(Some(Arc::new(error)));
                }
            }
        }
    }

    /// The worker failed: say so and start a fresh one next time.
    fn broken(self, why: String) {
        // This may run inside the worker's own handlers: let go of it (and
        // them) only after they return.
        let mut dead = None;
        self.worker.update_value(|w| dead = w.take());
        if let Some(dead) = dead {
            gloo::timers::callback::Timeout::new(0, move || drop(dead)).forget();
        }
        self.checked.set(None);
        self.fail_run_asides(&format!("the simulator stopped: {why}"));
        if self.running.get_value().is_some() {
            self.running.set_value(None);
            self.state.set(RunState::Broken(why));
        }
    }
}

impl Default for RunCtx {
    fn default() -> Self {
        Self::new()
    }
}
