//! A simulation run away from the page, in a Web Worker: the requests the
//! page sends, the replies it gets back, and the loop that serves a request.
//! It sits above `sim` and `share` (it uses both; neither knows it).
//!
//! Requests carry the design and scenario as Skydraft's JSON export (the same
//! repairing load path as a file import); replies travel as compact bytes
//! ([postcard](https://docs.rs/postcard)), so a finished [`Run`] of an hour
//! decodes on the page in a few milliseconds. Every request and reply carries
//! the page's serial number, so the page can drop answers to requests it no
//! longer cares about.

use serde::{Deserialize, Serialize};

use crate::challenge::{Challenge, Variant};
use crate::design::Design;
use crate::run::Run;
use crate::scenario::Scenario;
use crate::share;
use crate::sim::{SimError, Simulation};

mod judge;

/// Wall time between two progress replies of a run, ms.
pub const PROGRESS_MS: f64 = 50.0;
/// Wall time one chunk of events aims at, ms (progress is sent between chunks).
const CHUNK_MS: f64 = 10.0;

/// What the page asks of the simulator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Op {
    /// Say whether the design and scenario would run, and if not why.
    Check,
    /// Run them to the end, with progress.
    Run,
    /// Run the design against every variant of [`Request::challenge`], with
    /// progress over all of them, and send every run back (the page judges
    /// them with `challenge::verdict_from_runs`).
    Judge,
}

/// A request from the page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Request {
    /// The page's number for this request, echoed in every reply.
    pub serial: u64,
    /// What to do.
    pub op: Op,
    /// The design and scenario as Skydraft's JSON export.
    pub document: String,
    /// For [`Op::Judge`], the challenge as JSON (its own scenario replaces
    /// the document's).
    pub challenge: Option<String>,
}

impl Request {
    /// A request for `design` and `scenario`.
    #[must_use]
    pub fn new(serial: u64, op: Op, design: &Design, scenario: &Scenario) -> Self {
        Request {
            serial,
            op,
            document: share::export_json(design, scenario),
            challenge: None,
        }
    }

    /// A request to judge `design` against every variant of `challenge`.
    #[must_use]
    pub fn judge(serial: u64, challenge: &Challenge, design: &Design) -> Self {
        Request {
            serial,
            op: Op::Judge,
            document: share::export_json(design, &challenge.scenario),
            challenge: Some(crate::json::to_json(challenge)),
        }
    }

    /// The request as bytes.
    #[must_use]
    pub fn to_bytes(&self) -> Vec<u8> {
        // Encoding into a Vec cannot fail for these plain records.
        postcard::to_allocvec(self).unwrap_or_default()
    }

    /// A request from bytes.
    ///
    /// # Errors
    /// [`WireError`] when the bytes are not a request.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, WireError> {
        postcard::from_bytes(bytes).map_err(|e| WireError(e.to_string()))
    }
}

/// A reply from the simulator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Reply {
    /// The simulator is loaded and takes requests.
    Ready,
    /// The answer to [`Op::Check`]: `None` when the run would start.
    Checked {
        /// The request's serial number.
        serial: u64,
        /// Why the simulator would refuse the run.
        error: Option<SimError>,
    },
    /// How far the run has come.
    Progress {
        /// The request's serial number.
        serial: u64,
        /// Simulated seconds reached.
        now_s: f64,
        /// Simulated seconds the run covers.
        duration_s: f64,
    },
    /// The finished run.
    Done {
        /// The request's serial number.
        serial: u64,
        /// The run.
        run: Box<Run>,
    },
    /// The answer to [`Op::Judge`]: every variant's run, or why it could
    /// not run, in the order of `challenge::variants`.
    Judged {
        /// The request's serial number.
        serial: u64,
        /// Each variant with its run.
        runs: Vec<(Variant, Result<Run, SimError>)>,
    },
    /// The run was refused or stopped.
    Failed {
        /// The request's serial number.
        serial: u64,
        /// Why.
        error: SimError,
    },
}

impl Reply {
    /// The reply as bytes.
    #[must_use]
    pub fn to_bytes(&self) -> Vec<u8> {
        // Encoding into a Vec cannot fail for these plain records.
        postcard::to_allocvec(self).unwrap_or_default()
    }

    /// A reply from bytes.
    ///
    /// # Errors
    /// [`WireError`] when the bytes are not a reply.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, WireError> {
        postcard::from_bytes(bytes).map_err(|e| WireError(e.to_string()))
    }
}

/// Bytes that are not a request or reply of this version of Skydraft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WireError(pub String);

impl std::fmt::Display for WireError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "a message between the page and the simulator was garbled: {}",
            self.0
        )
    }
}

impl std::error::Error for WireError {}

/// Serves one request: checks it, or runs it to the end sending a
/// [`Reply::Progress`] at most every [`PROGRESS_MS`] of wall time (read from
/// `clock_ms`), then [`Reply::Done`] or [`Reply::Failed`]; or judges it
/// ([`Op::Judge`]): every variant run in turn, then [`Reply::Judged`].
pub fn serve(request: &Request, mut clock_ms: impl FnMut() -> f64, mut post: impl FnMut(Reply)) {
    let serial = request.serial;
    let document = share::import_json(&request.document).map_err(|e| SimError::Invalid {
        reason: e.to_string(),
    });
    if request.op == Op::Judge {
        judge::serve(request, document, &mut clock_ms, &mut post);
        return;
    }
    let sim = document.and_then(|d| Simulation::new(&d.design, &d.scenario));
    let sim = match (request.op, sim) {
        (Op::Check, sim) => {
            post(Reply::Checked {
                serial,
                error: sim.err(),
            });
            return;
        }
        (_, Err(error)) => {
            post(Reply::Failed { serial, error });
            return;
        }
        (_, Ok(sim)) => sim,
    };
    let span = Span {
        serial,
        before_s: 0.0,
        total_s: None,
    };
    match to_end(sim, span, &mut clock_ms, &mut post) {
        Ok(run) => post(Reply::Done {
            serial,
            run: Box::new(run),
        }),
        Err(error) => post(Reply::Failed { serial, error }),
    }
}

/// Where one run sits in the progress a request reports.
#[derive(Clone, Copy)]
struct Span {
    serial: u64,
    /// Simulated seconds of the request's earlier runs.
    before_s: f64,
    /// Simulated seconds of all its runs (`None`: this run's own).
    total_s: Option<f64>,
}

/// Advances `sim` to its end, posting progress, and finishes it.
fn to_end(
    mut sim: Simulation,
    span: Span,
    clock_ms: &mut impl FnMut() -> f64,
    post: &mut impl FnMut(Reply),
) -> Result<Run, SimError> {
    let mut chunk: u64 = 5_000;
    let mut last_post = clock_ms();
    loop {
        let t0 = clock_ms();
        let p = sim.advance(chunk);
        let t1 = clock_ms();
        chunk = next_chunk(chunk, t1 - t0);
        if let Some(error) = p.error {
            return Err(error);
        }
        if p.done {
            return Ok(sim.finish());
        }
        if t1 - last_post >= PROGRESS_MS {
            last_post = t1;
            post(Reply::Progress {
                serial: span.serial,
                now_s: span.before_s + p.now_s,
                duration_s: span.total_s.unwrap_or(p.duration_s),
            });
        }
    }
}

/// The next chunk of events, scaled so a chunk takes about [`CHUNK_MS`],
/// changing by at most 4× at a time.
#[must_use]
pub fn next_chunk(chunk: u64, took_ms: f64) -> u64 {
    let took = if took_ms.is_finite() {
        took_ms.max(0.1)
    } else {
        0.1
    };
    #[allow(
        clippy::cast_precision_loss,
        clippy::cast_possible_truncation,
        clippy::cast_sign_loss
    )]
    let scaled =
        (chunk as f64 * (CHUNK_MS / took)).clamp(chunk as f64 / 4.0, chunk as f64 * 4.0) as u64;
    scaled.clamp(500, 2_000_000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_adapt_to_the_time_they_take() {
        assert_eq!(next_chunk(10_000, 20.0), 5_000);
        assert_eq!(next_chunk(10_000, 0.1), 40_000);
        assert_eq!(next_chunk(10_000, 10.0), 10_000);
        assert_eq!(next_chunk(600, 1000.0), 500);
        assert_eq!(next_chunk(10_000, f64::NAN), 40_000);
    }

    #[test]
    fn garbage_is_a_wire_error_not_a_panic() {
        assert!(Reply::from_bytes(&[0xff, 0xff, 0xff]).is_err());
        assert!(Request::from_bytes(&[]).is_err());
        let e = Reply::from_bytes(&[42]).unwrap_err();
        assert!(e.to_string().contains("garbled"), "{e}");
    }
}
