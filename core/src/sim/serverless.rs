//! Managed serverless services: Lambda functions, API Gateway stages,
//! DynamoDB tables and S3 buckets.
//!
//! Each is a [`Pool`] of kind [`PoolKind::Managed`], so requests flow through
//! it with the same calls, statistics and answers as through instances; what
//! differs lives here, as methods of [`Serverless`] the run's hooks call:
//!
//! * a request reaches the service (concurrency, throttling, picking or
//!   creating an execution environment): `lambda_invoke`, `api_call`,
//!   `table_call`, `bucket_call`, each returning a [`Reached`];
//! * [`Serverless::service_us`] — how long the service works on it (cold
//!   starts, memory, timeouts);
//! * `lambda_served`, `api_served`, [`Serverless::store_served`] — what
//!   happens when that work is done (errors of a version, the stage cache,
//!   notifications);
//! * [`Serverless::finished`] — the call is over (billing, the environment
//!   goes idle, asynchronous retries).
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

pub(crate) use build::{api_knows_clients, managed_pool};
pub(crate) use lambda::lb_invokes;
pub(crate) use state::*;

use super::Ev;
use super::cx::Cx;
use super::model::*;
use super::request::{Call, Cause, Ctx, Req};
use super::slab::Slab;
use super::time::SimTime;
use crate::scenario::RequestMix;

impl Serverless {
    /// The Lambda function behind part `k`, if it is one.
    pub(crate) fn lambda_of(&self, k: usize) -> Option<usize> {
        match self.parts[k] {
            Part::Lambda(f) => Some(f as usize),
            _ => None,
        }
    }

    /// How long part `k` works on call `c` (generation `g`) on instance
    /// `env` before its calls, µs; arms its timeout. Also whether `env` was
    /// a cold environment, now in service, which the run records.
    pub(crate) fn service_us(
        &mut self,
        cx: &mut Cx,
        (c, g): (u32, u32),
        k: usize,
        env: &Inst,
        mix: &RequestMix,
        pools: &mut [Pool],
    ) -> (f64, bool) {
        match self.parts[k] {
            Part::Lambda(f) => self.lambda_service_us(cx, (c, g), f as usize, env, mix.work, pools),
            // The engine's glue asks a stage itself with the caller
            // (`api_service_us`); here the caller is unknown.
            Part::Api(a) => (self.api_service_us(cx, (c, g), a as usize, None), false),
            Part::Table(t) => {
                let mean = self.tables[t as usize].latency_us;
                (store_service_us(&mut pools[env.pool.idx()], mean), false)
            }
            Part::Bucket(b) => {
                let mean = self.buckets[b as usize].latency_us;
                (store_service_us(&mut pools[env.pool.idx()], mean), false)
            }
        }
    }

    /// Whether a storage request triggers the service's notifications
    /// (DynamoDB streams, S3 event notifications): writes only.
    fn notifies(&self, k: usize, ctx: &Ctx, reqs: &Slab<Req>) -> bool {
        match self.parts[k] {
            Part::Table(t) => self.tables[t as usize].streams && is_write(reqs, ctx),
            Part::Bucket(b) => self.is_upload(b as usize, ctx, reqs),
            Part::Lambda(_) | Part::Api(_) => true,
        }
    }

    /// A table's or bucket's own work on `call` is done: notifications
    /// (streams, S3 events) follow writes only, so other requests skip the
    /// calls of `pool`, the storage's.
    pub(crate) fn store_served(&self, k: usize, call: &mut Call, pool: &Pool, reqs: &Slab<Req>) {
        if !self.notifies(k, &call.ctx, reqs) {
            call.step = pool.downstream.len() as u8;
        }
    }

    /// Call `call` on part `k` ended with `result` (its worker is free).
    pub(crate) fn finished(
        &mut self,
        cx: &mut Cx,
        k: usize,
        call: &Call,
        result: Result<(), Cause>,
        pools: &mut [Pool],
        insts: &[Inst],
    ) {
        match self.parts[k] {
            Part::Lambda(f) => self.lambda_finished(cx, f as usize, call, result, pools, insts),
            Part::Api(_) | Part::Table(_) | Part::Bucket(_) => {}
        }
    }

    /// A call's timeout: a function's timeout or an integration timeout.
    /// `true` when call `c` (generation `g`) is still on and now fails.
    pub(crate) fn call_timeout(
        &mut self,
        cx: &Cx,
        (c, g): (u32, u32),
        calls: &Slab<Call>,
        insts: &mut [Inst],
        pools: &mut [Pool],
    ) -> bool {
        if !calls.valid(c, g) {
            return false;
        }
        let now = cx.now;
        let measured = now >= cx.warm;
        let call = *calls.get(c);
        let inst = &mut insts[call.inst.idx()];
        let pool = &mut pools[inst.pool.idx()];
        if call.step == 0 && call.rep == 0 {
            // Still computing: the CPU it held is released here, not at the
            // (now stale) end of its service.
            inst.computing(now, false);
            pool.stop_computing(now);
        }
        if measured && let Some(k) = part_of(pool) {
            match self.parts[k] {
                Part::Lambda(f) => self.fns[f as usize].timeouts += 1,
                Part::Api(a) => self.apis[a as usize].timeouts += 1,
                Part::Table(_) | Part::Bucket(_) => {}
            }
        }
        true
    }

    /// Schedules the next housekeeping, once a minute: idle environments go
    /// away, rollback alarms evaluate, on-demand tables learn their peak.
    pub(crate) fn tick_again(&self, cx: &mut Cx) {
        if cx.now + TICK_US < cx.end {
            cx.q.push(cx.now + TICK_US, Ev::ServerlessTick);
        }
    }

    /// The housekeeping of every table: on-demand ones learn their peak.
    pub(crate) fn tables_tick(&mut self, now: SimTime) {
        for t in 0..self.tables.len() {
            self.table_tick(now, t);
        }
    }

    /// Adds the time-based costs of the managed services for a bucket of
    /// `width_s` seconds: provisioned concurrency, API caches, provisioned
    /// table capacity.
    pub(crate) fn accrue(&self, pools: &mut [Pool], width_s: f64) {
        for f in &self.fns {
            let c =
                f64::from(f.provisioned) * f.memory_gb * width_s * crate::cost::LAMBDA_PC_PER_GB_S;
            pools[f.pool.idx()].cost_bucket += c;
        }
        for a in &self.apis {
            if a.cache.is_some() {
                pools[a.pool.idx()].cost_bucket += crate::cost::APIGW_CACHE_HOUR * width_s / 3600.0;
            }
        }
        for t in &self.tables {
            pools[t.pool.idx()].cost_bucket += t.hourly() * width_s / 3600.0;
        }
    }

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

/// A storage request's latency: around its mean, by the pool's
/// distribution (lognormal, assumption), slower in a slowdown.
fn store_service_us(pool: &mut Pool, mean_us: f64) -> f64 {
    pool.dist.sample(&mut pool.rng, mean_us * pool.slowdown)
}

#[cfg(test)]
mod tests {
    use crate::catalog::{self, DefaultValue};

    fn help(kind: &str, param: &str) -> &'static str {
        catalog::kind(kind)
            .and_then(|k| k.params.iter().find(|p| p.id == param))
            .map_or("", |p| p.help)
    }

    fn ms(us: f64) -> String {
        format!("{:.0} ms", us / 1000.0)
    }

    #[test]
    fn help_texts_give_the_course_figure_and_the_one_the_simulator_uses() {
        let lambda = help("lambda", "init_ms");
        let api = help("apigw", "endpoint");
        let edge = help("cloudfront", "edge_ms");
        for h in [lambda, api, edge] {
            assert!(
                h.contains("course notes say") && h.contains("about 100 ms"),
                "{h}"
            );
        }
        // The figures the simulator runs with, read from where it reads them.
        assert!(
            lambda.contains(&ms(super::lambda::PLATFORM_COLD_US)),
            "{lambda}"
        );
        for runtime in ["rust", "java21"] {
            let init = super::lambda::runtime_init_ms(runtime);
            assert!(
                lambda.contains(&format!("{init:.0} ms")),
                "{runtime}: {lambda}"
            );
        }
        assert!(api.contains(&ms(super::apigw::OVERHEAD_US)), "{api}");
        assert!(api.contains(&ms(super::apigw::EDGE_HOP_US)), "{api}");
        let edge_default = catalog::kind("cloudfront")
            .and_then(|k| k.params.iter().find(|p| p.id == "edge_ms"))
            .map(|p| p.default);
        let Some(DefaultValue::Number(v)) = edge_default else {
            panic!("no edge latency default");
        };
        assert!(edge.contains(&format!("{v:.0} ms")), "{edge}");
    }
}
