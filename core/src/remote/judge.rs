//! Judging in the worker: every variant of a challenge run against the
//! design in turn, progress reported over all of them, every run sent back.
//! The page turns the runs into a verdict with
//! [`crate::challenge::verdict_from_runs`], exactly as the command line's
//! `grade` does after [`crate::challenge::judge`].

use super::{Reply, Request, Span, to_end};
use crate::challenge::{self, Challenge, Variant};
use crate::run::Run;
use crate::share::Decoded as Imported;
use crate::sim::{SimError, Simulation};

/// Serves an [`super::Op::Judge`] request whose document was read into
/// `document`.
pub(super) fn serve(
    request: &Request,
    document: Result<Imported, SimError>,
    clock_ms: &mut impl FnMut() -> f64,
    post: &mut impl FnMut(Reply),
) {
    let serial = request.serial;
    let challenge = request
        .challenge
        .as_deref()
        .ok_or_else(|| SimError::Invalid {
            reason: "the request holds no challenge".to_owned(),
        })
        .and_then(|text| {
            crate::json::from_json::<Challenge>(text.as_bytes()).map_err(|e| SimError::Invalid {
                reason: e.to_string(),
            })
        })
        .and_then(|c| {
            challenge::check_challenge(&c)
                .map(|()| c)
                .map_err(|e| SimError::Invalid {
                    reason: e.to_string(),
                })
        });
    let (c, design) = match (challenge, document) {
        (Ok(c), Ok(d)) => (c, d.design),
        (Err(error), _) | (_, Err(error)) => {
            post(Reply::Failed { serial, error });
            return;
        }
    };
    let variants = challenge::variants(&c);
    #[allow(clippy::cast_precision_loss)]
    let total_s = c.scenario.duration_s * variants.len() as f64;
    let mut runs: Vec<(Variant, Result<Run, SimError>)> = Vec::with_capacity(variants.len());
    for (i, v) in variants.into_iter().enumerate() {
        #[allow(clippy::cast_precision_loss)]
        let span = Span {
            serial,
            before_s: c.scenario.duration_s * i as f64,
            total_s: Some(total_s),
        };
        let run = Simulation::new(&design, &challenge::scenario_of(&c, &v))
            .and_then(|sim| to_end(sim, span, clock_ms, post));
        runs.push((v, run));
    }
    post(Reply::Judged { serial, runs });
}
