//! "Compare architectures": the designs the user picks (this design,
//! built-in templates, designs from My designs) under one workload, run one
//! after another in the simulation worker (core's `compare::Queue`), then one
//! table with a row per design. The picks ([`pick`]) and the table
//! ([`table`]) are views; the comparison itself is core's.

mod pick;
mod table;

use std::sync::Arc;

use leptos::prelude::*;
use skydraft_core::compare::{CompareError, Queue, Row, Workload};
use skydraft_core::design::Design;
use skydraft_core::library::{EntryId, display_name};
use skydraft_core::{share, template};

use crate::dialog::Modal;
use crate::library::open_library;
use crate::run::RunCtx;
use crate::state::Editor;

/// A design the user can put in the comparison.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Source {
    /// The design on the canvas.
    Current,
    /// A built-in template, by id.
    Template(&'static str),
    /// An entry of My designs.
    Entry(EntryId),
}

/// Where the comparison stands.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Phase {
    /// Nothing run yet.
    #[default]
    Idle,
    /// A run is under way.
    Running {
        /// "Run 4 of 9: …".
        label: String,
        /// Runs finished before this one.
        finished: usize,
        /// Runs in all.
        total: usize,
        /// This run's share done, 0 to 1.
        part: f64,
    },
    /// Every run is in: the rows and the workload in words.
    Done(Arc<Vec<Row>>, String),
    /// Stopped by the user after this many of that many runs.
    Cancelled(usize, usize),
    /// Could not start, in words.
    Refused(String),
}

/// The comparison view's state; provided as context, so a comparison goes
/// on while its dialog is closed.
#[derive(Clone, Copy)]
pub struct CompareCtx {
    /// Whether the view is open.
    pub open: RwSignal<bool>,
    /// The designs picked.
    pub picks: RwSignal<Vec<Source>>,
    /// The base workload's preset id.
    pub preset: RwSignal<String>,
    /// The common rate as typed (empty: the first design's).
    pub rate: RwSignal<String>,
    /// Where it stands.
    pub phase: RwSignal<Phase>,
    queue: StoredValue<Option<Queue>>,
    /// Bumped by every start and cancel: replies of older ones are dropped.
    generation: StoredValue<u64>,
}

impl CompareCtx {
    /// Nothing picked but this design, a steady day, no run.
    #[must_use]
    pub fn new() -> Self {
        CompareCtx {
            open: RwSignal::new(false),
            picks: RwSignal::new(vec![Source::Current]),
            preset: RwSignal::new(Workload::default().preset),
            rate: RwSignal::new(String::new()),
            phase: RwSignal::new(Phase::Idle),
            queue: StoredValue::new(None),
            generation: StoredValue::new(0),
        }
    }

    /// The page's, from its context.
    #[must_use]
    pub fn get() -> Self {
        expect_context::<CompareCtx>()
    }

    /// Whether runs are under way (tracked).
    #[must_use]
    pub fn running(&self) -> bool {
        self.phase.with(|p| matches!(p, Phase::Running { .. }))
    }

    /// Picks `s` or leaves it out.
    pub fn toggle(&self, s: &Source) {
        self.picks.update(|p| {
            if let Some(i) = p.iter().position(|x| x == s) {
                p.remove(i);
            } else {
                p.push(s.clone());
            }
        });
    }

    /// Starts the comparison of the picks; says why when it cannot.
    pub fn start(self, run: RunCtx, editor: Editor) {
        if self.running() {
            return;
        }
        let workload = match self.workload() {
            Ok(w) => w,
            Err(why) => return self.phase.set(Phase::Refused(why)),
        };
        let contenders = match contenders(&self.picks.get_untracked(), editor) {
            Ok(c) => c,
            Err(why) => return self.phase.set(Phase::Refused(why)),
        };
        let first_rate = contenders
            .first()
            .map_or(0.0, |(_, d)| skydraft_core::compare::drawn_rate(d));
        match Queue::new(contenders, &workload) {
            Ok(q) => {
                self.generation.update_value(|g| *g += 1);
                self.queue.set_value(Some(q));
                let about = workload_words(&workload, first_rate);
                self.step(run, self.generation.get_value(), Arc::new(about));
            }
            Err(e) => self.phase.set(Phase::Refused(refusal(&e))),
        }
    }

    /// The workload from the fields, or why they do not make one.
    fn workload(self) -> Result<Workload, String> {
        let text = self.rate.get_untracked();
        let rate = match text.trim() {
            "" => None,
            t => Some(t.parse::<f64>().map_err(|_| {
                format!("The rate \u{201c}{t}\u{201d} is not a number of requests per second.")
            })?),
        };
        Ok(Workload {
            preset: self.preset.get_untracked(),
            rate,
            ..Workload::default()
        })
    }

    /// Sends the next run to the worker, or shows the table when all are in.
    fn step(self, run: RunCtx, generation: u64, about: Arc<String>) {
        let mut next = None;
        let mut counts = (0, 0);
        let mut rows = None;
        self.queue.update_value(|q| {
            if let Some(q) = q.as_mut() {
                next = q.next_run();
                counts = (q.finished(), q.total());
                if next.is_none() {
                    rows = Some(q.rows());
                }
            }
        });
        let Some(n) = next else {
            if let Some(rows) = rows {
                self.phase
                    .set(Phase::Done(Arc::new(rows), about.as_ref().clone()));
            }
            return;
        };
        let current = move || self.generation.get_value() == generation;
        self.phase.set(Phase::Running {
            label: n.label.clone(),
            finished: counts.0,
            total: counts.1,
            part: 0.0,
        });
        let index = n.index;
        let progress = move |now_s: f64, duration_s: f64| {
            if current() && duration_s > 0.0 {
                self.phase.update(|p| {
                    if let Phase::Running { part, .. } = p {
                        *part = (now_s / duration_s).clamp(0.0, 1.0);
                    }
                });
            }
        };
        let done = move |outcome| {
            if current() {
                self.queue.update_value(|q| {
                    if let Some(q) = q.as_mut() {
                        q.record(index, outcome);
                    }
                });
                self.step(run, generation, about);
            }
        };
        run.run_aside(&n.design, &n.scenario, progress, done);
    }

    /// Stops the comparison: the worker is stopped with the run under way.
    pub fn cancel(self, run: RunCtx) {
        let (finished, total) = self.phase.with_untracked(|p| match p {
            Phase::Running {
                finished, total, ..
            } => (*finished, *total),
            _ => (0, 0),
        });
        self.generation.update_value(|g| *g += 1);
        self.queue.set_value(None);
        self.phase.set(Phase::Cancelled(finished, total));
        run.cancel();
    }
}

impl Default for CompareCtx {
    fn default() -> Self {
        Self::new()
    }
}

/// The workload in words, above the table.
fn workload_words(w: &Workload, first_rate: f64) -> String {
    let name =
        skydraft_core::scenario::presets::preset(&w.preset).map_or(w.preset.as_str(), |p| p.name);
    let rate = w.rate.unwrap_or(first_rate);
    format!(
        "{name} at {rate:.0} requests/s for every design (seed {}); each also faces the busiest \
         Availability Zone failing at peak and a 4\u{d7} spike at 10:00.",
        w.seed
    )
}

/// Why a comparison cannot start, for the page (the CLI's words name its
/// flags).
fn refusal(e: &CompareError) -> String {
    match e {
        CompareError::Empty => "Pick at least one design to compare.".to_owned(),
        CompareError::NoTraffic => "The first design picked sends no requests: type a rate, or \
                                    pick a design with Users first."
            .to_owned(),
        other => crate::state::sentence(&other.to_string()),
    }
}

/// The row name of a pick: which design it is.
fn contender(s: &Source, editor: Editor) -> Result<(String, Design), String> {
    match s {
        Source::Current => {
            let d = editor.design.get_untracked();
            Ok((format!("This design: {}", display_name(&d)), d))
        }
        Source::Template(id) => template::get(id)
            .map(|t| (format!("Template: {}", t.name), t.design))
            .ok_or_else(|| format!("There is no template \u{201c}{id}\u{201d}.")),
        Source::Entry(id) => {
            let entry = open_library()
                .get(id)
                .ok_or("A design picked from My designs is gone (deleted in another tab?).")?;
            share::decode(&entry.code)
                .map(|(d, _)| (format!("My designs: {}", entry.name), d))
                .map_err(|e| format!("\u{201c}{}\u{201d} could not be read: {e}.", entry.name))
        }
    }
}

/// The picks as named designs, in the order the picker lists them.
fn contenders(picks: &[Source], editor: Editor) -> Result<Vec<(String, Design)>, String> {
    let gallery = template::ids();
    let mut ordered: Vec<&Source> = picks.iter().collect();
    ordered.sort_by_key(|s| match s {
        Source::Current => (0, 0),
        Source::Template(id) => (1, gallery.iter().position(|t| t == id).unwrap_or(0)),
        Source::Entry(_) => (2, 0),
    });
    ordered.into_iter().map(|s| contender(s, editor)).collect()
}

/// The "Compare architectures" dialog.
#[component]
pub fn CompareDialog() -> impl IntoView {
    let ctx = CompareCtx::get();
    let run = expect_context::<RunCtx>();
    let editor = Editor::get();
    view! {
        <Modal open=ctx.open label="Compare architectures" testid="arch-dialog" class="arch">
            <header class="modal-head">
                <h2>"Compare architectures"</h2>
                <button class="btn icon" aria-label="Close" on:click=move |_| ctx.open.set(false)>"×"</button>
            </header>
            <p class="muted arch-intro">"Each design runs three times with the same traffic: the base \
                workload, the busiest Availability Zone failing at peak, and a 4\u{d7} spike. \
                Lower is better in every column."</p>
            <pick::Picker />
            <pick::RunBar run editor />
            <table::Results />
        </Modal>
    }
}
