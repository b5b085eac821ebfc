//! Managed serverless services: Lambda functions, API Gateway stages,
//! DynamoDB tables and S3 buckets.
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

mod apigw;
mod build;
mod deploy;
mod dynamodb;
mod lambda;
mod s3;
pub(crate) mod state;
mod tokens;

pub(crate) use build::managed_pool;
pub(crate) use state::*;

use super::Ev;
use super::engine::Engine;
use super::model::*;
use super::request::{Call, Cause, Ctx};

impl Engine {
    /// The managed part behind pool `p`, if it is one.
    pub(crate) fn managed_of(&self, p: usize) -> Option<usize> {
        match self.pools[p].kind {
            PoolKind::Managed(k) => Some(k as usize),
            _ => None,
        }
    }

    /// Whether the request behind `ctx` writes (the scenario's request mix).
    pub(crate) fn is_write(&self, ctx: &Ctx) -> bool {
        ctx.req != NIL && self.reqs.valid(ctx.req, ctx.rgen) && self.reqs.get(ctx.req).write
    }

    /// Counts a request refused before service (throttled or failed).
    pub(crate) fn count_refusal(&mut self, p: usize, throttled: bool) {
        let measured = self.cx.now >= self.cx.warm_us;
        let pool = &mut self.pools[p];
        pool.bucket.requests += 1;
        if measured {
            pool.total.requests += 1;
        }
        if throttled {
            pool.bucket.rejections += 1;
            if measured {
                pool.total.rejections += 1;
            }
        } else {
            pool.bucket.failures += 1;
            if measured {
                pool.total.failures += 1;
            }
        }
    }

    /// A request reaches managed pool `p`.
    #[inline(never)] // off the common request path: keeps its callers lean
    pub(crate) fn managed_call(&mut self, k: usize, ctx: Ctx) {
        match self.sls.parts[k] {
            Part::Lambda(f) => self.lambda_invoke(f as usize, ctx),
            Part::Api(a) => self.api_call(a as usize, ctx),
            Part::Table(t) => self.table_call(t as usize, ctx),
            Part::Bucket(b) => self.bucket_call(b as usize, ctx),
        }
    }

    /// How long managed call `c` works before its calls, µs; arms its timeout.
    #[inline(never)] // off the common request path: keeps its callers lean
    pub(crate) fn managed_service_us(&mut self, c: u32, g: u32, k: usize) -> f64 {
        match self.sls.parts[k] {
            Part::Lambda(f) => self.lambda_service_us(c, g, f as usize),
            Part::Api(a) => self.api_service_us(c, g, a as usize),
            Part::Table(t) => self.store_service_us(c, self.sls.tables[t as usize].latency_us),
            Part::Bucket(b) => self.store_service_us(c, self.sls.buckets[b as usize].latency_us),
        }
    }

    /// A storage request's latency: around its mean, by the pool's
    /// distribution (lognormal, assumption), slower in a slowdown.
    fn store_service_us(&mut self, c: u32, mean_us: f64) -> f64 {
        let p = self.insts[self.calls.get(c).inst as usize].pool as usize;
        let pool = &mut self.pools[p];
        pool.dist.sample(&mut pool.rng, mean_us * pool.slowdown)
    }

    /// Whether a storage request triggers the service's notifications
    /// (DynamoDB streams, S3 event notifications): writes only.
    fn notifies(&self, k: usize, ctx: &Ctx) -> bool {
        match self.sls.parts[k] {
            Part::Table(t) => self.sls.tables[t as usize].streams && self.is_write(ctx),
            Part::Bucket(b) => self.is_upload(b as usize, ctx),
            Part::Lambda(_) | Part::Api(_) => true,
        }
    }

    /// The service's own work on call `c` is done; `true` when the hook
    /// ended the call itself.
    #[inline(never)] // off the common request path: keeps its callers lean
    pub(crate) fn managed_served(&mut self, c: u32, k: usize) -> bool {
        match self.sls.parts[k] {
            Part::Lambda(f) => self.lambda_served(c, f as usize),
            Part::Api(a) => self.api_served(c, a as usize),
            Part::Table(_) | Part::Bucket(_) => {
                // Notifications (streams, S3 events) follow writes only.
                let call = *self.calls.get(c);
                if !self.notifies(k, &call.ctx) {
                    let p = self.insts[call.inst as usize].pool as usize;
                    self.calls.get_mut(c).step = self.pools[p].downstream.len() as u8;
                }
                false
            }
        }
    }

    /// Call `call` on a managed pool ended with `result` (its worker is free).
    #[inline(never)] // off the common request path: keeps its callers lean
    pub(crate) fn managed_finished(&mut self, k: usize, call: &Call, result: Result<(), Cause>) {
        match self.sls.parts[k] {
            Part::Lambda(f) => self.lambda_finished(f as usize, call, result),
            Part::Api(_) | Part::Table(_) | Part::Bucket(_) => {}
        }
    }

    /// A call's timeout: a function's timeout or an integration timeout.
    pub(crate) fn call_timeout(&mut self, c: u32, g: u32) {
        if !self.calls.valid(c, g) {
            return;
        }
        let now = self.cx.now;
        let measured = now >= self.cx.warm_us;
        let call = *self.calls.get(c);
        let i = call.inst as usize;
        let inst = &mut self.insts[i];
        let pool = &mut self.pools[inst.pool as usize];
        if call.step == 0 {
            // Still computing: the CPU it held is released here, not at the
            // (now stale) end of its service.
            inst.computing(now, false);
            pool.stop_computing(now);
        }
        if measured && let Some(k) = self.managed_of(self.insts[i].pool as usize) {
            match self.sls.parts[k] {
                Part::Lambda(f) => self.sls.fns[f as usize].timeouts += 1,
                Part::Api(a) => self.sls.apis[a as usize].timeouts += 1,
                Part::Table(_) | Part::Bucket(_) => {}
            }
        }
        self.finish_call(c, Err(Cause::Failed));
    }

    /// Once a minute: idle environments go away, rollback alarms evaluate,
    /// on-demand tables learn their peak.
    pub(crate) fn serverless_tick(&mut self) {
        if self.cx.now + TICK_US < self.cx.end_us {
            self.cx.q.push(self.cx.now + TICK_US, Ev::ServerlessTick);
        }
        for f in 0..self.sls.fns.len() {
            self.lambda_reclaim(f);
            self.deploy_alarm(f);
        }
        for t in 0..self.sls.tables.len() {
            self.table_tick(t);
        }
    }

    /// Adds the time-based costs of the managed services for a bucket of
    /// `width_s` seconds: provisioned concurrency, API caches, provisioned
    /// table capacity.
    pub(crate) fn accrue_serverless(&mut self, width_s: f64) {
        let sls = &self.sls;
        for f in &sls.fns {
            let c =
                f64::from(f.provisioned) * f.memory_gb * width_s * crate::cost::LAMBDA_PC_PER_GB_S;
            self.pools[f.pool as usize].cost_bucket += c;
        }
        for a in &sls.apis {
            if a.cache.is_some() {
                self.pools[a.pool as usize].cost_bucket +=
                    crate::cost::APIGW_CACHE_HOUR * width_s / 3600.0;
            }
        }
        for t in &sls.tables {
            self.pools[t.pool as usize].cost_bucket += t.hourly() * width_s / 3600.0;
        }
    }

    /// The timeline deploys a bad version of a managed service.
    pub(crate) fn managed_deploy(&mut self, k: usize, error_rate: f64) -> bool {
        match self.sls.parts[k] {
            Part::Lambda(f) => {
                self.lambda_deploy(f as usize, error_rate);
                true
            }
            _ => false,
        }
    }

    /// The timeline's bad deployment ends.
    pub(crate) fn managed_undeploy(&mut self, k: usize) -> bool {
        match self.sls.parts[k] {
            Part::Lambda(f) => {
                self.lambda_undeploy(f as usize);
                true
            }
            _ => false,
        }
    }
}

impl Serverless {
    /// Fills the serverless figures of part `k` into its summary.
    pub(crate) fn summarize(&self, k: usize, s: &mut crate::run::ComponentSummary) {
        let mut out = crate::run::ServerlessSummary::default();
        match self.parts[k] {
            Part::Lambda(f) => {
                let f = &self.fns[f as usize];
                out.throttled = f.throttles;
                out.cold_starts = f.cold_starts;
                out.peak_concurrency = f.peak;
                out.timeouts = f.timeouts;
                out.async_retries = f.async_retries;
                out.async_failed = f.async_failed;
            }
            Part::Api(a) => {
                let a = &self.apis[a as usize];
                out.throttled = a.throttles;
                out.timeouts = a.timeouts;
                out.cache_hits = a.hits;
                out.cache_misses = a.misses;
            }
            Part::Table(t) => out.throttled = self.tables[t as usize].throttles,
            Part::Bucket(_) => {}
        }
        s.serverless = Some(out);
    }
}
