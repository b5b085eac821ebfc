//! What travels through a run: a user request, the context a call answers
//! to, one visit of a request to an instance, why a request ended badly, and
//! the user-side counters. A leaf: every part of the simulator may use it.

use super::ix::InstIx;
use crate::run::{DenseHistogram, Errors};
use crate::sim::model::NIL;
use crate::sim::time::SimTime;

/// Why a request ended badly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cause {
    Rejected,
    /// Refused by a load balancer still scaling up to its traffic (503).
    LbScaling,
    NoTarget,
    Failed,
    /// Refused by a rate or concurrency limit (429).
    Throttled,
    /// Lost with the instance serving it (failed or terminated).
    InstanceLost,
    /// The database had no primary in service (failing over or down).
    Database,
    /// The load balancer's idle timeout passed with no answer (504).
    TimedOut,
}

/// A user request (all its attempts).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Req {
    pub(crate) src: u16,
    pub(crate) attempt: u8,
    /// When the user sent it (its first attempt).
    pub(crate) first: SimTime,
    pub(crate) client: u32,
    pub(crate) write: bool,
    /// When the load balancer in front gives up on this attempt (its idle
    /// timeout); `SimTime::ZERO` when none waits on it.
    pub(crate) idle_until: SimTime,
}

/// Who to answer when a call ends.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ctx {
    pub(crate) req: u32,
    pub(crate) rgen: u32,
    pub(crate) attempt: u8,
    pub(crate) parent: u32,
    pub(crate) pgen: u32,
    /// The calling instance (for inter-AZ data), or NIL.
    pub(crate) from_inst: InstIx,
}

impl Ctx {
    /// A call no request and no caller waits on (an alarm's invocation, an
    /// asynchronous retry, a detached downstream call), made from instance
    /// `from_inst` (or NIL).
    pub(crate) fn detached(attempt: u8, from_inst: InstIx) -> Ctx {
        Ctx {
            req: NIL,
            rgen: 0,
            attempt,
            parent: NIL,
            pgen: 0,
            from_inst,
        }
    }
}

/// One visit of a request to an instance.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Call {
    pub(crate) ctx: Ctx,
    pub(crate) inst: InstIx,
    pub(crate) arrived: SimTime,
    /// The downstream entry it is at.
    pub(crate) step: u8,
    /// Calls already made to that entry (it may be called several times).
    pub(crate) rep: u8,
    pub(crate) active_pos: u32,
    pub(crate) measured: bool,
}

/// User-side counters of one bucket or of the measured run.
#[derive(Debug, Clone)]
pub(crate) struct UserAcc {
    pub(crate) requests: u64,
    pub(crate) completions: u64,
    pub(crate) errors: Errors,
    pub(crate) retries: u64,
    pub(crate) lat_sum_us: f64,
    pub(crate) hist: DenseHistogram,
}

impl UserAcc {
    pub(crate) fn new() -> Self {
        UserAcc {
            requests: 0,
            completions: 0,
            errors: Errors::default(),
            retries: 0,
            lat_sum_us: 0.0,
            hist: DenseHistogram::new(),
        }
    }

    /// The run's totals: a histogram read only at the end.
    pub(crate) fn whole_run() -> Self {
        UserAcc {
            hist: DenseHistogram::whole_run(),
            ..UserAcc::new()
        }
    }
}
