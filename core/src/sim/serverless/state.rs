//! The serverless side's state: which managed service each pool is, the
//! account-wide limits, and the token buckets that rate limits use. Plain
//! data with small helpers; the behaviour is in `serverless` and its
//! service files.

use super::super::ix::InstIx;
use super::super::time::SimTime;
use super::apigw::stage::{self, Api};
use super::dynamodb::table::Table;
use super::lambda::function::Function;
use super::s3::bucket::Bucket;
use super::tokens::TokenBucket;
use crate::sim::cx::Cx;
use crate::sim::model::{NIL, Pool, PoolKind};
use crate::sim::request::{Cause, Ctx, Req};
use crate::sim::slab::Slab;

/// One managed service of the run: an index into its kind's list.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Part {
    Lambda(u16),
    Api(u16),
    Table(u16),
    Bucket(u16),
}

/// The serverless side of a run: the services and the account-wide limits.
#[derive(Debug)]
pub(crate) struct Serverless {
    /// Indexed by [`PoolKind::Managed`].
    pub(crate) parts: Vec<Part>,
    pub(crate) fns: Vec<Function>,
    pub(crate) apis: Vec<Api>,
    pub(crate) tables: Vec<Table>,
    pub(crate) buckets: Vec<Bucket>,
    /// Lambda concurrent executions of the account and region [LAM-LIM].
    pub(crate) account_limit: u32,
    /// Sum of the functions' reserved concurrency [LAM-RES].
    pub(crate) reserved_total: u32,
    /// Synchronous invocations in the current second (the invoke-rate cap).
    pub(crate) invoke_second: u64,
    pub(crate) invokes: u32,
    /// API Gateway's account throttle, shared by every API [APIGW-LIM].
    pub(crate) api_account: TokenBucket,
}

impl Default for Serverless {
    fn default() -> Self {
        Serverless {
            parts: Vec::new(),
            fns: Vec::new(),
            apis: Vec::new(),
            tables: Vec::new(),
            buckets: Vec::new(),
            account_limit: 1000,
            reserved_total: 0,
            invoke_second: 0,
            invokes: 0,
            api_account: TokenBucket::new(
                stage::ACCOUNT_RPS,
                stage::ACCOUNT_BURST,
                stage::ACCOUNT_BURST,
            ),
        }
    }
}

impl Serverless {
    /// Counts a synchronous invocation; `false` above the region's cap of
    /// 10 × the concurrency quota per second [LAM-LIM].
    pub(crate) fn invoke_allowed(&mut self, now: SimTime) -> bool {
        let s = now.whole_secs();
        if s != self.invoke_second {
            self.invoke_second = s;
            self.invokes = 0;
        }
        if u64::from(self.invokes) >= 10 * u64::from(self.account_limit) {
            return false;
        }
        self.invokes += 1;
        true
    }

    /// Concurrency left for functions without a reservation [LAM-RES].
    pub(crate) fn unreserved(&self) -> u32 {
        self.account_limit.saturating_sub(self.reserved_total)
    }
}

/// What a managed service hands back when a request reaches it: the run
/// performs it at once.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Reached {
    /// The request enters instance `.0` (an environment or the endpoint)
    /// with the caller context `.1`.
    Enter(InstIx, Ctx),
    /// The caller is answered at once.
    Respond(Ctx, Result<(), Cause>),
    /// Nothing crosses to the run: a refused asynchronous event was
    /// retried or given up inside the service.
    Done,
}

/// The managed part behind `pool`, if it is one.
pub(crate) fn part_of(pool: &Pool) -> Option<usize> {
    match pool.kind {
        PoolKind::Managed(k) => Some(k as usize),
        _ => None,
    }
}

/// Whether the request behind `ctx` writes (the scenario's request mix).
pub(crate) fn is_write(reqs: &Slab<Req>, ctx: &Ctx) -> bool {
    ctx.req != NIL && reqs.valid(ctx.req, ctx.rgen) && reqs.get(ctx.req).write
}

/// A regional endpoint (a stage, a table, a bucket) takes the request on
/// its one instance; without one the caller fails at once.
pub(crate) fn enter_endpoint(pool: &Pool, ctx: Ctx) -> Reached {
    let Some(&i) = pool.insts.first() else {
        return Reached::Respond(ctx, Err(Cause::Failed));
    };
    Reached::Enter(
        i,
        Ctx {
            from_inst: InstIx::NIL,
            ..ctx
        },
    )
}

/// Counts a request refused by `pool` before service (throttled or failed).
pub(crate) fn count_refusal(cx: &Cx, pool: &mut Pool, throttled: bool) {
    let measured = cx.now >= cx.warm;
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

/// How often the serverless housekeeping runs (idle environments, rollback
/// alarms, on-demand table peaks): once a simulated minute, the alarms'
/// period [CW-ALARM].
pub(crate) const TICK_US: u64 = 60_000_000;
