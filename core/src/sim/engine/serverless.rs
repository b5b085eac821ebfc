//! The engine's side of the managed serverless services: each hook splits
//! the engine's borrows, hands `sim::serverless` the context and the arrays
//! it works on, and carries out what comes back (a request entering an
//! environment, an answer to the caller, a call ending, environments shut
//! down) in the order the services give it.

use super::super::ix::InstIx;
use super::super::ix::PoolIx;
use super::Engine;
use crate::sim::ix::NodeIx;
use crate::sim::model::{NIL, NodeKind, St};
use crate::sim::request::{Call, Cause, Ctx};
use crate::sim::serverless::{self, Part, Reached};
use crate::sim::timeline::Applied;

impl Engine {
    /// The managed part behind pool `p`, if it is one.
    pub(crate) fn managed_of(&self, p: PoolIx) -> Option<usize> {
        serverless::part_of(&self.pools[p.idx()])
    }

    /// Carries out where a request that reached a service goes; `true` when
    /// it entered an instance.
    fn reached(&mut self, out: Reached) -> bool {
        match out {
            Reached::Enter(i, ctx) => {
                self.enter(i, ctx);
                true
            }
            Reached::Respond(ctx, result) => {
                self.respond(ctx, result);
                false
            }
            Reached::Done => false,
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

    /// An invocation of function `k` [LAM-SCALE].
    pub(crate) fn lambda_invoke(&mut self, k: usize, ctx: Ctx) {
        let out = self.sls.lambda_invoke(
            &mut self.cx,
            k,
            ctx,
            &self.scenario.mix,
            &mut self.pools,
            &mut self.insts,
            &mut self.next_name,
        );
        if self.reached(out) {
            self.sls.lambda_entered(k, &self.pools);
        }
    }

    /// A retry of an asynchronous event [LAM-ASYNC].
    pub(crate) fn lambda_retry(&mut self, k: usize, attempt: u8) {
        self.lambda_invoke(k, Ctx::detached(attempt, InstIx::NIL));
    }

    /// A request reaches API stage `a` [APIGW-THR].
    pub(crate) fn api_call(&mut self, a: usize, ctx: Ctx) {
        // Only a usage plan asks who calls.
        let who = if self.sls.apis[a].plan.is_some() {
            self.caller(&ctx)
        } else {
            None
        };
        let out = self
            .sls
            .api_call(&self.cx, a, ctx, who, &self.scenario.mix, &mut self.pools);
        self.reached(out);
    }

    /// The Users source and client of the request behind `ctx`, if any.
    fn caller(&self, ctx: &Ctx) -> Option<(u16, u32)> {
        (ctx.req != NIL && self.reqs.valid(ctx.req, ctx.rgen)).then(|| {
            let r = self.reqs.get(ctx.req);
            (r.src, r.client)
        })
    }

    /// A read or write reaches table `t` [DDB-MODES].
    pub(crate) fn table_call(&mut self, t: usize, ctx: Ctx) {
        let out = self.sls.table_call(
            &self.cx,
            t,
            ctx,
            &self.reqs,
            &self.scenario.mix,
            &mut self.pools,
        );
        self.reached(out);
    }

    /// A request reaches bucket `b`.
    pub(crate) fn bucket_call(&mut self, b: usize, ctx: Ctx) {
        let out = self.sls.bucket_call(b, ctx, &self.reqs, &mut self.pools);
        self.reached(out);
    }

    /// An ALB whose target is a Lambda function invokes it synchronously
    /// [ALB-TG]; the function's throttles reach the client.
    #[inline(never)] // off the common request path: keeps its callers lean
    pub(crate) fn lb_to_function(&mut self, l: usize, node: NodeIx, ctx: Ctx) {
        serverless::lb_invokes(&mut self.lbs[l], &self.scenario.mix);
        // Straight to the function: the hop is already counted from the balancer.
        if let NodeKind::Pool(p) = self.nodes[node.idx()].kind
            && let Some(k) = self.managed_of(p)
        {
            self.managed_call(k, ctx);
        }
    }

    /// How long managed call `c` works before its calls, µs; arms its timeout.
    #[inline(never)] // off the common request path: keeps its callers lean
    pub(crate) fn managed_service_us(&mut self, c: u32, g: u32, k: usize) -> f64 {
        let i = self.calls.get(c).inst;
        if let Part::Api(a) = self.sls.parts[k] {
            // Only an authorizer's cache asks who calls.
            let who = if self.sls.apis[a as usize].authorizer.is_some() {
                self.caller(&self.calls.get(c).ctx)
            } else {
                None
            };
            return self
                .sls
                .api_service_us(&mut self.cx, (c, g), a as usize, who);
        }
        let (st, cold) = self.sls.service_us(
            &mut self.cx,
            (c, g),
            k,
            &self.insts[i.idx()],
            &self.scenario.mix,
            &mut self.pools,
        );
        if cold {
            self.set_state(i, St::InService);
        }
        st
    }

    /// The service's own work on call `c` is done; `true` when the hook
    /// ended the call itself.
    #[inline(never)] // off the common request path: keeps its callers lean
    pub(crate) fn managed_served(&mut self, c: u32, k: usize) -> bool {
        let call = self.calls.get_mut(c);
        let env = &self.insts[call.inst.idx()];
        let end = match self.sls.parts[k] {
            Part::Lambda(f) => self.sls.lambda_served(f as usize, env, &mut self.pools),
            Part::Api(a) => {
                let ctx = call.ctx;
                let mix = &self.scenario.mix;
                self.sls
                    .api_served(&self.cx, a as usize, &ctx, &self.reqs, mix)
            }
            Part::Table(_) | Part::Bucket(_) => {
                let pool = &self.pools[env.pool.idx()];
                self.sls.store_served(k, call, pool, &self.reqs);
                None
            }
        };
        match end {
            Some(result) => {
                self.finish_call(c, result);
                true
            }
            None => false,
        }
    }

    /// Call `call` on a managed pool ended with `result` (its worker is free).
    #[inline(never)] // off the common request path: keeps its callers lean
    pub(crate) fn managed_finished(&mut self, k: usize, call: &Call, result: Result<(), Cause>) {
        self.sls
            .finished(&mut self.cx, k, call, result, &mut self.pools, &self.insts);
    }

    /// A call's timeout: a function's timeout or an integration timeout.
    pub(crate) fn call_timeout(&mut self, c: u32, g: u32) {
        if self.sls.call_timeout(
            &self.cx,
            (c, g),
            &self.calls,
            &mut self.insts,
            &mut self.pools,
        ) {
            self.finish_call(c, Err(Cause::Failed));
        }
    }

    /// Once a minute: idle environments go away, rollback alarms evaluate,
    /// on-demand tables learn their peak.
    pub(crate) fn serverless_tick(&mut self) {
        self.sls.tick_again(&mut self.cx);
        for f in 0..self.sls.fns.len() {
            let gone = self.sls.lambda_reclaim(self.cx.now, f);
            self.retire_envs(f, &gone);
            self.sls.deploy_alarm(&mut self.cx, &self.pools, f);
        }
        self.sls.tables_tick(self.cx.now);
    }

    /// Shuts down idle environments `envs` of function `k`.
    fn retire_envs(&mut self, k: usize, envs: &[InstIx]) {
        if envs.is_empty() {
            return;
        }
        for &i in envs {
            self.set_state(i, St::Terminated);
        }
        self.sls.drop_retired(k, &mut self.pools, &self.insts);
    }

    /// Adds the time-based costs of the managed services for a bucket of
    /// `width_s` seconds.
    pub(crate) fn accrue_serverless(&mut self, width_s: f64) {
        self.sls.accrue(&mut self.pools, width_s);
    }

    /// The timeline deploys a bad version of a managed service; `false`
    /// when the service has no versions.
    pub(crate) fn managed_deploy(&mut self, k: usize, error_rate: f64) -> bool {
        let Some(f) = self.sls.lambda_of(k) else {
            return false;
        };
        let old = self.sls.lambda_publish(f, error_rate);
        self.retire_envs(f, &old);
        self.sls.lambda_deploy(
            &mut self.cx,
            &mut self.pools,
            &mut self.insts,
            f,
            error_rate,
        );
        true
    }

    /// The timeline's bad deployment ends; `false` when the service has no
    /// versions.
    pub(crate) fn managed_undeploy(&mut self, k: usize) -> bool {
        let Some(f) = self.sls.lambda_of(k) else {
            return false;
        };
        self.sls.lambda_undeploy(&mut self.cx, &self.pools, f);
        true
    }

    /// The timeline deploys to API stage `p`; ignored when `p` is no stage.
    pub(crate) fn api_deploy(
        &mut self,
        p: PoolIx,
        error_rate: f64,
        canary: Option<f64>,
    ) -> Applied {
        let Some(Part::Api(a)) = self.managed_of(p).map(|k| self.sls.parts[k]) else {
            return Applied::Ignored;
        };
        let text = self.sls.api_deploy(a as usize, error_rate, canary);
        let node = self.pools[p.idx()].node;
        self.cx.log(Some(node), text);
        Applied::Done
    }

    /// The timeline rolls API stage `p` back; ignored when `p` is no stage,
    /// logged when there is nothing to roll back to.
    pub(crate) fn api_rollback(&mut self, p: PoolIx) -> Applied {
        let Some(Part::Api(a)) = self.managed_of(p).map(|k| self.sls.parts[k]) else {
            return Applied::Ignored;
        };
        let node = self.pools[p.idx()].node;
        let text = self.sls.api_rollback(a as usize).unwrap_or_else(|| {
            "stage rollback skipped: the stage has no earlier deployment or canary".to_owned()
        });
        self.cx.log(Some(node), text);
        Applied::Done
    }

    /// The next step of a canary or linear shift [CDK-CD].
    pub(crate) fn lambda_shift(&mut self, k: usize) {
        self.sls
            .lambda_shift(&mut self.cx, &mut self.pools, &mut self.insts, k);
    }
}
