//! Single runs asked aside (a comparison's): posted like any request,
//! their progress and outcome handed to the asker instead of the drawer.

use leptos::prelude::*;
use skydraft_core::design::Design;
use skydraft_core::remote::{Op, Reply, Request};
use skydraft_core::run::Run;
use skydraft_core::scenario::Scenario;

use super::RunCtx;

/// A run asked aside, and where its progress and outcome go.
pub(super) struct RunAside {
    serial: u64,
    progress: Box<dyn Fn(f64, f64)>,
    done: Box<dyn FnOnce(Result<Run, String>)>,
}

impl RunCtx {
    /// Runs `design` under `scenario` in the worker without touching the
    /// run on screen (one run of a comparison): `progress` gets the
    /// simulated seconds reached and to reach, `done` the run or why there is
    /// none (also when the worker is stopped or breaks). Requests wait in
    /// turn: the worker serves one at a time.
    pub fn run_aside(
        self,
        design: &Design,
        scenario: &Scenario,
        progress: impl Fn(f64, f64) + 'static,
        done: impl FnOnce(Result<Run, String>) + 'static,
    ) {
        let serial = self.next_serial();
        let request = Request::new(serial, Op::Run, design, scenario);
        self.run_asides.update_value(|a| {
            a.push(RunAside {
                serial,
                progress: Box::new(progress),
                done: Box::new(done),
            });
        });
        if let Err(e) = self.send(request.to_bytes()) {
            self.finish_run_aside(serial, Err(e));
        }
    }

    /// Hands a run asked aside its outcome.
    pub(super) fn finish_run_aside(self, serial: u64, outcome: Result<Run, String>) {
        let mut found = None;
        self.run_asides.update_value(|a| {
            if let Some(i) = a.iter().position(|x| x.serial == serial) {
                found = Some(a.remove(i));
            }
        });
        if let Some(aside) = found {
            (aside.done)(outcome);
        }
    }

    /// Tells every run asked aside that it will not finish.
    pub(super) fn fail_run_asides(self, why: &str) {
        let mut all = Vec::new();
        self.run_asides.update_value(|a| all = std::mem::take(a));
        for aside in all {
            (aside.done)(Err(why.to_owned()));
        }
    }

    /// Takes a reply to a run asked aside; gives back any other reply.
    pub(super) fn run_aside_reply(self, reply: Reply) -> Option<Reply> {
        let serial = match &reply {
            Reply::Progress { serial, .. }
            | Reply::Done { serial, .. }
            | Reply::Failed { serial, .. } => *serial,
            _ => return Some(reply),
        };
        if !self
            .run_asides
            .with_value(|a| a.iter().any(|x| x.serial == serial))
        {
            return Some(reply);
        }
        match reply {
            Reply::Progress {
                now_s, duration_s, ..
            } => self.run_asides.with_value(|a| {
                if let Some(x) = a.iter().find(|x| x.serial == serial) {
                    (x.progress)(now_s, duration_s);
                }
            }),
            Reply::Done { run, .. } => self.finish_run_aside(serial, Ok(*run)),
            Reply::Failed { error, .. } => self.finish_run_aside(serial, Err(error.to_string())),
            _ => {}
        }
        None
    }
}
