//! A Lambda function: execution environments, concurrency, cold starts,
//! timeouts, throttling and asynchronous retries.
//!
//! Every execution environment is an instance of the function's pool with one
//! worker. A request takes an idle environment of its version (warm) or, if
//! the concurrency limits and the scaling rate allow, a new one that first
//! runs its Init phase (cold start) [LAM-RUNTIME]; otherwise it is throttled
//! [LAM-SCALE].

pub(crate) mod function;

use super::super::ix::InstIx;
use super::super::ix::NodeIx;
use super::super::time::SimTime;
use function::Function;

use super::super::Ev;
use super::super::asg::new_inst;
use super::super::cx::Cx;
use super::super::model::*;
use super::super::request::{Call, Cause, Ctx};
use super::state::{Reached, Serverless, count_refusal};
use crate::cost;
use crate::scenario::RequestMix;

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

/// Package size the Init times already include: a package up to this size
/// adds nothing to a cold start. Assumption: the runtime's hello-world init
/// and the function's extra init time are taken to cover 10 MB.
pub(crate) const PACKAGE_BASE_MB: f64 = 10.0;
/// Cold-start time each MB of a .zip package over [`PACKAGE_BASE_MB`] adds
/// (code download and unpacking). Assumption: the reference says Init grows
/// with package size but gives no figure [PERF]; 1 ms per MB.
pub(crate) const ZIP_INIT_MS_PER_MB: f64 = 1.0;
/// The same for a container image. Assumption: Lambda loads an image's
/// layers lazily, so a MB costs less; 0.25 ms per MB.
pub(crate) const IMAGE_INIT_MS_PER_MB: f64 = 0.25;
/// Ephemeral storage every function has at no charge: 512 MB [LAM-LIM].
pub(crate) const EPHEMERAL_FREE_MB: f64 = 512.0;
/// Largest ephemeral storage: 10,240 MB [LAM-LIM].
pub(crate) const EPHEMERAL_MAX_MB: f64 = 10_240.0;

/// Cold-start time a deployment package of `mb` MB adds, ms: 0 up to
/// [`PACKAGE_BASE_MB`], then a fixed amount per MB (`package` is the
/// catalog's `package` choice).
#[must_use]
pub(crate) fn package_init_ms(package: &str, mb: f64) -> f64 {
    let per_mb = if package == "image" {
        IMAGE_INIT_MS_PER_MB
    } else {
        ZIP_INIT_MS_PER_MB
    };
    (mb - PACKAGE_BASE_MB).max(0.0) * per_mb
}

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

impl Serverless {
    /// Concurrent executions of functions without a reservation.
    fn unreserved_busy(&self, pools: &[Pool]) -> u32 {
        self.fns
            .iter()
            .filter(|f| f.reserved.is_none())
            .map(|f| pools[f.pool.idx()].busy)
            .sum()
    }

    /// An invocation of function `k`: synchronous when a caller waits
    /// (`ctx` names a request or a parent call), asynchronous otherwise.
    /// A new execution environment joins `insts`, named from `next_name`.
    #[allow(clippy::too_many_arguments)] // the arrays an invocation touches, each named
    pub(crate) fn lambda_invoke(
        &mut self,
        cx: &mut Cx,
        k: usize,
        ctx: Ctx,
        mix: &RequestMix,
        pools: &mut [Pool],
        insts: &mut Vec<Inst>,
        next_name: &mut u32,
    ) -> Reached {
        let now = cx.now;
        let asynchronous = ctx.req == NIL && ctx.parent == NIL;
        let p = self.fns[k].pool;
        let limit = if asynchronous {
            ASYNC_PAYLOAD_KB
        } else {
            SYNC_PAYLOAD_KB
        };
        if mix.request_kb > limit {
            // Too large: refused before any environment runs [LAM-LIM].
            count_refusal(cx, &mut pools[p.idx()], false);
            return self.lambda_reply(cx, pools, k, ctx, Err(Cause::Failed));
        }
        let f = &mut self.fns[k];
        let v = if f.weight > 0.0 && f.route.uniform() < f.weight {
            1 - f.primary
        } else {
            f.primary
        };
        if !asynchronous && !self.invoke_allowed(now) {
            return self.lambda_throttle(cx, pools, k, ctx);
        }
        let busy = pools[p.idx()].busy;
        let room = match self.fns[k].reserved {
            Some(r) => busy < r,
            None => self.unreserved_busy(pools) < self.unreserved(),
        };
        if !room {
            return self.lambda_throttle(cx, pools, k, ctx);
        }
        let env = match warm_env(&mut self.fns[k], v, insts) {
            Some(i) => i,
            None => {
                let f = &mut self.fns[k];
                if !scale_take(f, now) {
                    return self.lambda_throttle(cx, pools, k, ctx);
                }
                let zone = f.next_zone;
                f.next_zone = (zone + 1) % ENV_ZONES;
                let i = InstIx::new(insts.len());
                let mut x = new_inst(p, *next_name, zone, St::Pending, false, now);
                x.ty = v;
                *next_name += 1;
                insts.push(x);
                pools[p.idx()].insts.push(i);
                i
            }
        };
        // Lambda is regional: no inter-AZ data between a caller and its environment.
        let ctx = Ctx {
            from_inst: InstIx::NIL,
            ..ctx
        };
        Reached::Enter(env, ctx)
    }

    /// After an invocation entered its environment: the function's peak
    /// concurrency.
    pub(crate) fn lambda_entered(&mut self, k: usize, pools: &[Pool]) {
        let f = &mut self.fns[k];
        f.peak = f.peak.max(pools[f.pool.idx()].busy);
    }

    /// Over the concurrency limit or the scaling rate: 429 [LAM-SCALE].
    fn lambda_throttle(&mut self, cx: &mut Cx, pools: &mut [Pool], k: usize, ctx: Ctx) -> Reached {
        let p = self.fns[k].pool;
        count_refusal(cx, &mut pools[p.idx()], true);
        if cx.now >= cx.warm {
            self.fns[k].throttles += 1;
        }
        self.lambda_reply(cx, pools, k, ctx, Err(Cause::Throttled))
    }

    /// Answers the caller, or for an asynchronous event retries or gives up.
    fn lambda_reply(
        &mut self,
        cx: &mut Cx,
        pools: &[Pool],
        k: usize,
        ctx: Ctx,
        result: Result<(), Cause>,
    ) -> Reached {
        if ctx.req == NIL && ctx.parent == NIL {
            if result.is_err() {
                self.async_failed(cx, pools, k, ctx.attempt);
            }
            Reached::Done
        } else {
            Reached::Respond(ctx, result)
        }
    }

    /// An asynchronous event failed: Lambda retries it twice, after 1 and 2
    /// minutes, then sends it to the failure destination [LAM-ASYNC].
    fn async_failed(&mut self, cx: &mut Cx, pools: &[Pool], k: usize, attempt: u8) {
        if let Some(&wait) = ASYNC_RETRY_WAIT_US.get(attempt as usize) {
            self.fns[k].async_retries += 1;
            let t = cx.now + wait;
            if t < cx.end {
                cx.q.push(
                    t,
                    Ev::LambdaRetry {
                        func: k as u16,
                        attempt: attempt + 1,
                    },
                );
            }
            return;
        }
        let f = &mut self.fns[k];
        f.async_failed += 1;
        if f.async_failed == 1 {
            let node = pools[f.pool.idx()].node;
            let text = if f.on_failure.is_empty() {
                "an asynchronous event failed after 2 retries and is dropped: the function has no failure destination"
            } else {
                "an asynchronous event failed after 2 retries and goes to the failure destination"
            };
            cx.log(Some(node), text.to_owned());
        }
        send_record(cx, &f.on_failure);
    }

    /// Run time of invocation `c` on environment `env`: Init on a cold
    /// environment, then the handler, slower with less memory; arms the
    /// function's timeout. Also whether `env` was cold: it is then in
    /// service, which the run records.
    pub(crate) fn lambda_service_us(
        &mut self,
        cx: &mut Cx,
        (c, g): (u32, u32),
        k: usize,
        env: &Inst,
        work: f64,
        pools: &mut [Pool],
    ) -> (f64, bool) {
        let now = cx.now;
        let cold = env.state == St::Pending;
        let f = &mut self.fns[k];
        let (mean, init, timeout) = (f.mean_us, f.init_us, f.timeout_us);
        if cold && now >= cx.warm {
            f.cold_starts += 1;
        }
        let pool = &mut pools[f.pool.idx()];
        let run = pool.dist.sample(&mut pool.rng, mean * pool.slowdown * work);
        let st = if cold { init + run } else { run };
        // The timeout only needs an event when it can strike: the work alone
        // is too long, or the function waits on calls it makes.
        if st >= timeout as f64 || pool.downstream.iter().any(|d| d.sync) {
            cx.q.push(now + timeout, Ev::CallTimeout { call: c, ver: g });
        }
        (st, cold)
    }

    /// The handler's own work on environment `env` is done: it fails by its
    /// version's error rate (`Some` when the call ends here).
    pub(crate) fn lambda_served(
        &mut self,
        k: usize,
        env: &Inst,
        pools: &mut [Pool],
    ) -> Option<Result<(), Cause>> {
        let rate = self.fns[k].error[env.ty as usize];
        let pool = &mut pools[env.pool.idx()];
        if rate > 0.0 && pool.fault_rng.chance(rate) {
            return Some(Err(Cause::Failed));
        }
        None
    }

    /// An invocation ended: bill it, its environment goes idle, and a failed
    /// asynchronous event is retried.
    pub(crate) fn lambda_finished(
        &mut self,
        cx: &mut Cx,
        k: usize,
        call: &Call,
        result: Result<(), Cause>,
        pools: &mut [Pool],
        insts: &[Inst],
    ) {
        let now = cx.now;
        let i = call.inst;
        let f = &mut self.fns[k];
        let v = insts[i.idx()].ty as usize;
        // Billed duration, rounded up to the millisecond (assumption: 1 ms
        // granularity is not in the reference notes) [P-CLOUDCHIPR-LAMBDA].
        let ms = ((now - call.arrived) as f64 / 1000.0).ceil();
        let gb_s = ms / 1000.0 * f.memory_gb;
        let rate = if f.is_pc(i) {
            cost::LAMBDA_PC_DURATION_PER_GB_S
        } else {
            cost::LAMBDA_PER_GB_S
        };
        let mut c = cost::LAMBDA_PER_REQUEST + gb_s * rate;
        if f.ephemeral_gb > 0.0 {
            // Storage above the free 512 MB, per GB-second of the same
            // billed duration (assumption: price not in the reference).
            c += ms / 1000.0 * f.ephemeral_gb * cost::LAMBDA_EPHEMERAL_PER_GB_S;
        }
        f.minute[v].0 += 1;
        if result.is_err() {
            f.minute[v].1 += 1;
        }
        let x = &insts[i.idx()];
        if x.alive() && !x.crashed && x.busy == 0 {
            f.idle[x.ty as usize].push((i, now));
        }
        pools[f.pool.idx()].cost_bucket += c;
        if call.ctx.req == NIL && call.ctx.parent == NIL {
            match result {
                Err(_) => self.async_failed(cx, pools, k, call.ctx.attempt),
                Ok(()) => send_record(cx, &self.fns[k].on_success),
            }
        }
    }

    /// Environments of function `k` idle for longer than [`IDLE_US`] leave
    /// its idle lists; provisioned ones stay [LAM-PC]. Returns them, for the
    /// run to shut down.
    pub(crate) fn lambda_reclaim(&mut self, now: SimTime, k: usize) -> Vec<InstIx> {
        let mut gone = Vec::new();
        let f = &mut self.fns[k];
        for v in 0..2 {
            let pc = &f.pc_envs;
            f.idle[v].retain(|&(i, since)| {
                let stale = now.saturating_since(since) > IDLE_US && pc.binary_search(&i).is_err();
                if stale {
                    gone.push(i);
                }
                !stale
            });
        }
        gone
    }

    /// Function `k`'s shut-down environments leave its pool.
    pub(crate) fn drop_retired(&self, k: usize, pools: &mut [Pool], insts: &[Inst]) {
        pools[self.fns[k].pool.idx()]
            .insts
            .retain(|&i| insts[i.idx()].state != St::Terminated);
    }
}

/// A warm environment of version `v` of function `f`, most recently used
/// first; entries no longer usable are dropped on the way.
fn warm_env(f: &mut Function, v: u8, insts: &[Inst]) -> Option<InstIx> {
    while let Some((i, _)) = f.idle[v as usize].pop() {
        let x = &insts[i.idx()];
        if x.alive() && !x.crashed && x.busy == 0 && x.ty == v {
            return Some(i);
        }
    }
    None
}

/// Takes a token for a new execution environment of `f`, refilled up to
/// `now`; `false` when none is left [LAM-SCALE].
fn scale_take(f: &mut Function, now: SimTime) -> bool {
    f.scale_tokens = (f.scale_tokens + (now - f.scale_at) as f64 * SCALE_PER_US).min(SCALE_BURST);
    f.scale_at = now;
    if f.scale_tokens < 1.0 {
        return false;
    }
    f.scale_tokens -= 1.0;
    true
}

/// An ALB whose target is a Lambda function invokes it synchronously
/// [ALB-TG]: the balancer counts the request and its bytes, then the
/// function's throttles reach the client.
pub(crate) fn lb_invokes(lb: &mut Lb, mix: &RequestMix) {
    let kb = mix.request_kb + mix.response_kb;
    lb.stats.requests += 1;
    lb.bytes += kb * 1000.0;
}

/// An asynchronous invocation's record goes to each of `destinations` now
/// [LAM-ASYNC].
fn send_record(cx: &mut Cx, destinations: &[NodeIx]) {
    for &node in destinations {
        cx.q.push(cx.now, Ev::Destination { node });
    }
}
