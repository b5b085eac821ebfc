//! A challenge judged in the worker: the verdict core gives for the runs it
//! sent back (`challenge::verdict_from_runs`, as `skydraft grade` does), and
//! each variant's run, so a reason can show its moment in the replay.

use std::sync::Arc;

use skydraft_core::challenge::{self, Challenge, Variant, Verdict};
use skydraft_core::design::Design;
use skydraft_core::run::Run;
use skydraft_core::sim::SimError;

use super::RunState;

/// A variant's run, or why it could not run.
pub type VariantRun = (Variant, Result<Arc<Run>, Arc<SimError>>);

/// One judgement of the attempted challenge.
#[derive(Debug)]
pub struct Judgement {
    /// The challenge judged.
    pub challenge: Arc<Challenge>,
    /// The verdict.
    pub verdict: Verdict,
    /// Each variant with its run, or why it could not run.
    pub runs: Vec<VariantRun>,
}

impl Judgement {
    /// The verdict on `design` from the worker's runs.
    #[must_use]
    pub fn new(
        challenge: Arc<Challenge>,
        design: &Design,
        runs: Vec<(Variant, Result<Run, SimError>)>,
    ) -> Self {
        let verdict = challenge::verdict_from_runs(&challenge, design, &runs);
        let runs = runs
            .into_iter()
            .map(|(v, r)| (v, r.map(Arc::new).map_err(Arc::new)))
            .collect();
        Judgement {
            challenge,
            verdict,
            runs,
        }
    }

    /// The run of a variant, when it ran.
    #[must_use]
    pub fn run_of(&self, variant: &Variant) -> Option<Arc<Run>> {
        self.runs
            .iter()
            .find(|(v, _)| v == variant)
            .and_then(|(_, r)| r.as_ref().ok().map(Arc::clone))
    }

    /// The variant the results show first: the worst run of the first
    /// failed goal, else the first run.
    #[must_use]
    pub fn shown_variant(&self) -> Option<Variant> {
        self.verdict
            .goals
            .iter()
            .find(|g| !g.passed)
            .map(|g| g.worst.variant.clone())
            .filter(|v| self.run_of(v).is_some())
            .or_else(|| {
                self.runs
                    .iter()
                    .find(|(_, r)| r.is_ok())
                    .map(|(v, _)| v.clone())
            })
    }

    /// The run state the results show: that variant's run, or why none ran.
    #[must_use]
    pub fn shown_state(&self) -> RunState {
        if let Some(run) = self.shown_variant().and_then(|v| self.run_of(&v)) {
            return RunState::Done(run);
        }
        match self.runs.iter().find_map(|(_, r)| r.as_ref().err()) {
            Some(e) => RunState::Failed(Arc::clone(e)),
            None => RunState::Broken("no run came back".to_owned()),
        }
    }
}
