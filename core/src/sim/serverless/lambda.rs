//! A Lambda function: execution environments, concurrency, cold starts,
//! timeouts, throttling and asynchronous retries.
//!
//! Every execution environment is an instance of the function's pool with one
//! worker. A request takes an idle environment of its version (warm) or, if
//! the concurrency limits and the scaling rate allow, a new one that first
//! runs its Init phase (cold start) [LAM-RUNTIME]; otherwise it is throttled
//! [LAM-SCALE].

pub(crate) mod function;

use function::Function;

use super::super::Ev;
use super::super::asg::new_inst;
use super::super::engine::Engine;
use super::super::model::*;
use super::super::request::{Call, Cause, Ctx};
use crate::cost;

/// New execution environments a function may add: 1,000 every 10 seconds,
/// refilled continuously, not accumulated beyond that [LAM-SCALE].
pub(crate) const SCALE_BURST: f64 = 1000.0;
/// The refill of [`SCALE_BURST`]: 1,000 per 10 s [LAM-SCALE].
pub(crate) const SCALE_PER_US: f64 = 1000.0 / 10_000_000.0;
/// Memory that buys one full vCPU: 1,769 MB [LAM-LIM].
pub(crate) const MB_PER_VCPU: f64 = 1769.0;
/// Platform overhead of a cold start (placement, code download) on top of
/// Init. Assumption: the reference suggests ~100–200 ms (UNCONFIRMED) [PERF].
pub(crate) const PLATFORM_COLD_US: f64 = 150_000.0;
/// How long an idle environment is kept before Lambda shuts it down.
/// Assumption: the idle period is not documented [LAM-RUNTIME]; 10 minutes.
pub(crate) const IDLE_US: u64 = 600_000_000;
/// Largest synchronous request: 6 MB [LAM-LIM].
pub(crate) const SYNC_PAYLOAD_KB: f64 = 6.0 * 1024.0;
/// Largest asynchronous event: 256 KB [LAM-LIM].
pub(crate) const ASYNC_PAYLOAD_KB: f64 = 256.0;
/// Retries of a failed asynchronous invocation, after 1 and 2 minutes
/// [LAM-ASYNC]. Throttled asynchronous events are retried the same way
/// (assumption: AWS keeps them longer, not in the reference notes).
pub(crate) const ASYNC_RETRY_WAIT_US: [u64; 2] = [60_000_000, 120_000_000];
/// Zones the environments spread over. Assumption: three, like most regions.
const ENV_ZONES: u8 = 3;

/// Average Init duration of a hello-world function by runtime, ms [PERF]
/// (lambda-perf, 2025-12-21).
#[must_use]
pub(crate) fn runtime_init_ms(runtime: &str) -> f64 {
    match runtime {
        "rust" => 13.0,
        "go" => 40.0,
        "nodejs20.x" => 142.0,
        "java21" => 262.0,
        "dotnet8" => 262.0,
        "ruby3.3" => 192.0,
        _ => 74.0, // python3.12
    }
}

impl Engine {
    fn lambda(&mut self, k: usize) -> &mut Function {
        &mut self.sls.fns[k]
    }

    /// Concurrent executions of functions without a reservation.
    fn unreserved_busy(&self) -> u32 {
        self.sls
            .fns
            .iter()
            .filter(|f| f.reserved.is_none())
            .map(|f| self.pools[f.pool as usize].busy)
            .sum()
    }

    /// An invocation of function `k`: synchronous when a caller waits
    /// (`ctx` names a request or a parent call), asynchronous otherwise.
    pub(crate) fn lambda_invoke(&mut self, k: usize, ctx: Ctx) {
        let now = self.cx.now;
        let asynchronous = ctx.req == NIL && ctx.parent == NIL;
        let p = self.lambda(k).pool as usize;
        let limit = if asynchronous {
            ASYNC_PAYLOAD_KB
        } else {
            SYNC_PAYLOAD_KB
        };
        if self.scenario.mix.request_kb > limit {
            // Too large: refused before any environment runs [LAM-LIM].
            self.count_refusal(p, false);
            return self.lambda_reply(k, ctx, Err(Cause::Failed));
        }
        let f = &mut self.sls.fns[k];
        let v = if f.weight > 0.0 && f.route.uniform() < f.weight {
            1 - f.primary
        } else {
            f.primary
        };
        if !asynchronous && !self.sls.invoke_allowed(now) {
            return self.lambda_throttle(k, p, ctx);
        }
        let busy = self.pools[p].busy;
        let room = match self.lambda(k).reserved {
            Some(r) => busy < r,
            None => self.unreserved_busy() < self.sls.unreserved(),
        };
        if !room {
            return self.lambda_throttle(k, p, ctx);
        }
        // A warm environment of the version, most recently used first.
        let mut env = None;
        while let Some((i, _)) = self.lambda(k).idle[v as usize].pop() {
            let x = &self.insts[i as usize];
            if x.alive() && !x.crashed && x.busy == 0 && x.ty == v {
                env = Some(i);
                break;
            }
        }
        let env = match env {
            Some(i) => i,
            None => {
                let f = &mut self.sls.fns[k];
                f.scale_tokens =
                    (f.scale_tokens + (now - f.scale_at) as f64 * SCALE_PER_US).min(SCALE_BURST);
                f.scale_at = now;
                if f.scale_tokens < 1.0 {
                    return self.lambda_throttle(k, p, ctx);
                }
                f.scale_tokens -= 1.0;
                let zone = f.next_zone;
                f.next_zone = (zone + 1) % ENV_ZONES;
                let i = self.insts.len() as u32;
                let mut x = new_inst(p as u16, self.next_name, zone, St::Pending, false, now);
                x.ty = v;
                self.next_name += 1;
                self.insts.push(x);
                self.pools[p].insts.push(i);
                i
            }
        };
        // Lambda is regional: no inter-AZ data between a caller and its environment.
        let ctx = Ctx {
            from_inst: NIL,
            ..ctx
        };
        self.enter(env, ctx);
        let busy = self.pools[p].busy;
        let f = self.lambda(k);
        f.peak = f.peak.max(busy);
    }

    /// Over the concurrency limit or the scaling rate: 429 [LAM-SCALE].
    fn lambda_throttle(&mut self, k: usize, p: usize, ctx: Ctx) {
        self.count_refusal(p, true);
        if self.cx.now >= self.cx.warm_us {
            self.lambda(k).throttles += 1;
        }
        self.lambda_reply(k, ctx, Err(Cause::Throttled));
    }

    /// Answers the caller, or for an asynchronous event retries or gives up.
    fn lambda_reply(&mut self, k: usize, ctx: Ctx, result: Result<(), Cause>) {
        if ctx.req == NIL && ctx.parent == NIL {
            if result.is_err() {
                self.async_failed(k, ctx.attempt);
            }
        } else {
            self.respond(ctx, result);
        }
    }

    /// An asynchronous event failed: Lambda retries it twice, after 1 and 2
    /// minutes, then sends it to the failure destination [LAM-ASYNC].
    fn async_failed(&mut self, k: usize, attempt: u8) {
        if let Some(&wait) = ASYNC_RETRY_WAIT_US.get(attempt as usize) {
            self.lambda(k).async_retries += 1;
            let t = self.cx.now + wait;
            if t < self.cx.end_us {
                self.cx.q.push(
                    t,
                    Ev::LambdaRetry {
                        func: k as u16,
                        attempt: attempt + 1,
                    },
                );
            }
            return;
        }
        let f = self.lambda(k);
        f.async_failed += 1;
        if f.async_failed == 1 {
            let p = f.pool as usize;
            let node = self.pools[p].node;
            self.cx.log(
                Some(node),
                "an asynchronous event failed after 2 retries and goes to the failure destination"
                    .to_owned(),
            );
        }
    }

    /// A retry of an asynchronous event.
    pub(crate) fn lambda_retry(&mut self, k: usize, attempt: u8) {
        let ctx = Ctx {
            req: NIL,
            rgen: 0,
            attempt,
            parent: NIL,
            pgen: 0,
            from_inst: NIL,
        };
        self.lambda_invoke(k, ctx);
    }

    /// Run time of invocation `c`: Init on a cold environment, then the
    /// handler, slower with less memory; arms the function's timeout.
    pub(crate) fn lambda_service_us(&mut self, c: u32, g: u32, k: usize) -> f64 {
        let now = self.cx.now;
        let i = self.calls.get(c).inst;
        let cold = self.insts[i as usize].state == St::Pending;
        if cold {
            self.set_state(i, St::InService);
        }
        let work = self.scenario.mix.work;
        let f = &mut self.sls.fns[k];
        let (mean, init, timeout) = (f.mean_us, f.init_us, f.timeout_us);
        if cold && now >= self.cx.warm_us {
            f.cold_starts += 1;
        }
        let pool = &mut self.pools[f.pool as usize];
        let run = pool.dist.sample(&mut pool.rng, mean * pool.slowdown * work);
        let st = if cold { init + run } else { run };
        // The timeout only needs an event when it can strike: the work alone
        // is too long, or the function waits on calls it makes.
        if st >= timeout as f64 || pool.downstream.iter().any(|&(_, sync)| sync) {
            self.cx
                .q
                .push(now + timeout, Ev::CallTimeout { call: c, ver: g });
        }
        st
    }

    /// The handler's own work is done: it may fail by its version's error rate.
    pub(crate) fn lambda_served(&mut self, c: u32, k: usize) -> bool {
        let i = self.calls.get(c).inst as usize;
        let v = self.insts[i].ty as usize;
        let rate = self.lambda(k).error[v];
        let p = self.insts[i].pool as usize;
        if rate > 0.0 && self.pools[p].fault_rng.chance(rate) {
            self.finish_call(c, Err(Cause::Failed));
            return true;
        }
        false
    }

    /// An invocation ended: bill it, its environment goes idle, and a failed
    /// asynchronous event is retried.
    pub(crate) fn lambda_finished(&mut self, k: usize, call: &Call, result: Result<(), Cause>) {
        let now = self.cx.now;
        let i = call.inst;
        let f = &mut self.sls.fns[k];
        let v = self.insts[i as usize].ty as usize;
        // Billed duration, rounded up to the millisecond (assumption: 1 ms
        // granularity is not in the reference notes) [P-CLOUDCHIPR-LAMBDA].
        let ms = ((now - call.arrive_us) as f64 / 1000.0).ceil();
        let gb_s = ms / 1000.0 * f.memory_gb;
        let rate = if f.is_pc(i) {
            cost::LAMBDA_PC_DURATION_PER_GB_S
        } else {
            cost::LAMBDA_PER_GB_S
        };
        let c = cost::LAMBDA_PER_REQUEST + gb_s * rate;
        f.minute[v].0 += 1;
        if result.is_err() {
            f.minute[v].1 += 1;
        }
        let x = &self.insts[i as usize];
        if x.alive() && !x.crashed && x.busy == 0 {
            f.idle[x.ty as usize].push((i, now));
        }
        self.pools[f.pool as usize].cost_bucket += c;
        if result.is_err() && call.ctx.req == NIL && call.ctx.parent == NIL {
            self.async_failed(k, call.ctx.attempt);
        }
    }

    /// Shuts down environments idle for longer than [`IDLE_US`]; provisioned
    /// ones stay [LAM-PC].
    pub(crate) fn lambda_reclaim(&mut self, k: usize) {
        let now = self.cx.now;
        let mut gone = Vec::new();
        let f = &mut self.sls.fns[k];
        for v in 0..2 {
            let pc = &f.pc_envs;
            f.idle[v].retain(|&(i, since)| {
                let stale = now.saturating_sub(since) > IDLE_US && pc.binary_search(&i).is_err();
                if stale {
                    gone.push(i);
                }
                !stale
            });
        }
        self.retire_envs(k, &gone);
    }

    /// Shuts down idle environments `envs` of function `k`.
    pub(crate) fn retire_envs(&mut self, k: usize, envs: &[u32]) {
        if envs.is_empty() {
            return;
        }
        for &i in envs {
            self.set_state(i, St::Terminated);
        }
        let p = self.sls.fns[k].pool as usize;
        let insts = &self.insts;
        self.pools[p]
            .insts
            .retain(|&i| insts[i as usize].state != St::Terminated);
    }
}

impl Engine {
    /// An ALB whose target is a Lambda function invokes it synchronously
    /// [ALB-TG]; the function's throttles reach the client.
    #[inline(never)] // off the common request path: keeps its callers lean
    pub(crate) fn lb_to_function(&mut self, l: usize, node: u16, ctx: Ctx) {
        let kb = self.scenario.mix.request_kb + self.scenario.mix.response_kb;
        let lb = &mut self.lbs[l];
        lb.stats.requests += 1;
        lb.bytes += kb * 1000.0;
        // Straight to the function: the hop is already counted from the balancer.
        if let NodeKind::Pool(p) = self.nodes[node as usize].kind
            && let Some(k) = self.managed_of(p as usize)
        {
            self.managed_call(k, ctx);
        }
    }
}
