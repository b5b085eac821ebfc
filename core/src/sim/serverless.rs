//! Managed serverless services: Lambda functions (and, as they are added,
//! the other regional services).
//!
//! Each is a [`Pool`] of kind [`PoolKind::Managed`], so requests flow through
//! it with the same calls, statistics and answers as through instances; what
//! differs lives here, behind a few hooks the flow calls:
//!
//! * [`Engine::managed_call`] — a request reaches the service (concurrency,
//!   throttling, picking or creating an execution environment);
//! * [`Engine::managed_service_us`] — how long the service works on it (cold
//!   starts, memory, timeouts);
//! * [`Engine::managed_served`] — what happens when that work is done
//!   (errors of a version);
//! * [`Engine::managed_finished`] — the call is over (billing, the
//!   environment goes idle, asynchronous retries).
//!
//! Regional services are not tied to one Availability Zone: an AZ outage or
//! an instance failure in the timeline does not stop them (simplification:
//! AWS runs them across zones).

mod build;
mod deploy;
mod lambda;

pub(crate) use build::{is_managed, managed_pool};
pub(crate) use lambda::Function;

use super::Ev;
use super::engine::{Call, Cause, Ctx, Engine};
use super::model::*;

/// One managed service of the run.
#[derive(Debug)]
pub(crate) enum Part {
    /// A Lambda function.
    Lambda(Box<Function>),
}

/// The serverless side of a run: the services and the account-wide limits.
#[derive(Debug, Default)]
pub(crate) struct Serverless {
    /// Indexed by [`PoolKind::Managed`].
    pub(crate) parts: Vec<Part>,
    /// Lambda concurrent executions of the account and region [LAM-LIM].
    pub(crate) account_limit: u32,
    /// Sum of the functions' reserved concurrency [LAM-RES].
    pub(crate) reserved_total: u32,
}

impl Serverless {
    /// Concurrency left for functions without a reservation [LAM-RES].
    pub(crate) fn unreserved(&self) -> u32 {
        self.account_limit.saturating_sub(self.reserved_total)
    }
}

/// How often the serverless housekeeping runs (idle environments, rollback
/// alarms): once a simulated minute, the alarms' period [CW-ALARM].
pub(crate) const TICK_US: u64 = 60_000_000;

impl Engine {
    /// The managed part behind pool `p`, if it is one.
    pub(crate) fn managed_of(&self, p: usize) -> Option<usize> {
        match self.pools[p].kind {
            PoolKind::Managed(k) => Some(k as usize),
            _ => None,
        }
    }

    /// A request reaches managed pool `p`.
    pub(crate) fn managed_call(&mut self, k: usize, ctx: Ctx) {
        match self.sls.parts[k] {
            Part::Lambda(_) => self.lambda_invoke(k, ctx),
        }
    }

    /// How long managed call `c` works before its calls, µs; schedules its
    /// timeout.
    pub(crate) fn managed_service_us(&mut self, c: u32, g: u32, k: usize) -> f64 {
        match self.sls.parts[k] {
            Part::Lambda(_) => self.lambda_service_us(c, g, k),
        }
    }

    /// The service's own work on call `c` is done; `true` when the hook
    /// ended the call itself.
    pub(crate) fn managed_served(&mut self, c: u32, k: usize) -> bool {
        match self.sls.parts[k] {
            Part::Lambda(_) => self.lambda_served(c, k),
        }
    }

    /// Call `call` on a managed pool ended with `result` (its worker is free).
    pub(crate) fn managed_finished(&mut self, k: usize, call: &Call, result: Result<(), Cause>) {
        match self.sls.parts[k] {
            Part::Lambda(_) => self.lambda_finished(k, call, result),
        }
    }

    /// A call's timeout: a function's timeout or an integration timeout.
    pub(crate) fn call_timeout(&mut self, c: u32, g: u32) {
        if !self.calls.valid(c, g) {
            return;
        }
        let now = self.now;
        let call = *self.calls.get(c);
        let i = call.inst as usize;
        let inst = &mut self.insts[i];
        let pool = &mut self.pools[inst.pool as usize];
        if call.step == 0 {
            // Still computing: the CPU it held is released here, not at the
            // (now stale) end of its service.
            inst.touch(now);
            pool.touch(now);
            inst.cpu -= 1;
            pool.cpu -= 1;
        }
        if let Some(k) = self.managed_of(self.insts[i].pool as usize)
            && let Part::Lambda(f) = &mut self.sls.parts[k]
        {
            f.timeouts += 1;
        }
        self.finish_call(c, Err(Cause::Failed));
    }

    /// Once a minute: idle environments go away, rollback alarms evaluate.
    pub(crate) fn serverless_tick(&mut self) {
        if self.now + TICK_US < self.end_us {
            self.q.push(self.now + TICK_US, Ev::ServerlessTick);
        }
        for k in 0..self.sls.parts.len() {
            match self.sls.parts[k] {
                Part::Lambda(_) => {
                    self.lambda_reclaim(k);
                    self.deploy_alarm(k);
                }
            }
        }
    }

    /// Adds the time-based costs of the managed services for a bucket of
    /// `width_s` seconds (provisioned concurrency).
    pub(crate) fn accrue_serverless(&mut self, width_s: f64) {
        for part in &self.sls.parts {
            match part {
                Part::Lambda(f) => {
                    let c = f64::from(f.provisioned)
                        * f.memory_gb
                        * width_s
                        * crate::cost::LAMBDA_PC_PER_GB_S;
                    self.pools[f.pool as usize].cost_bucket += c;
                }
            }
        }
    }
}

impl Engine {
    /// The timeline deploys a bad version of a managed service.
    pub(crate) fn managed_deploy(&mut self, k: usize, error_rate: f64) {
        match self.sls.parts[k] {
            Part::Lambda(_) => self.lambda_deploy(k, error_rate),
        }
    }

    /// The timeline's bad deployment ends.
    pub(crate) fn managed_undeploy(&mut self, k: usize) {
        match self.sls.parts[k] {
            Part::Lambda(_) => self.lambda_undeploy(k),
        }
    }
}

impl Serverless {
    /// Fills the serverless figures of part `k` into its summary.
    pub(crate) fn summarize(&self, k: usize, s: &mut crate::run::ComponentSummary) {
        let mut out = crate::run::ServerlessSummary::default();
        match &self.parts[k] {
            Part::Lambda(f) => {
                out.throttled = f.throttles;
                out.cold_starts = f.cold_starts;
                out.peak_concurrency = f.peak;
                out.timeouts = f.timeouts;
                out.async_retries = f.async_retries;
                out.async_failed = f.async_failed;
            }
        }
        s.serverless = Some(out);
    }
}
