//! Assembling the managed services from their components' parameters.

use super::super::asg::new_inst;
use super::super::ix::InstIx;
use super::super::ix::NodeIx;
use super::super::ix::PoolIx;
use super::super::model::*;
use super::super::pool::PoolConfig;
use super::super::rng::{Dist, Purpose, Stream};
use super::super::time::SimTime;
use super::apigw::{
    self, stage::Api, stage::Authorizer, stage::Cache, stage::Deploys, stage::Plan,
};
use super::deploy::shift::Shift;
use super::dynamodb::table::Table;
use super::lambda::{self, function::Function};
use super::s3::bucket::Bucket;
use super::state::{Part, Serverless};
use super::tokens::TokenBucket;
use crate::catalog::Kind;
use crate::design::Component;

/// Requests a regional endpoint (an API stage, a table, a bucket) serves at
/// once: as many as come; its limits are modelled as rates, not workers.
const ENDPOINT_WORKERS: u32 = 1_000_000;

fn secs(v: f64) -> u64 {
    (v.max(0.0) * 1e6) as u64
}

/// An empty pool for a managed service.
fn blank(n: NodeIx, k: u16, workers: u32, dist: Dist, seed: u64, id: u32) -> Pool {
    Pool::new(PoolConfig {
        node: n,
        kind: PoolKind::Managed(k),
        // Two "types": the function's two versions (no price of their own).
        types: (0..2)
            .map(|v| TypeSpec {
                name: format!("version {}", v + 1),
                price: 0.0,
                rel: 1.0,
            })
            .collect(),
        workers,
        queue_cap: 0,
        mean_us: 0.0,
        dist,
        seed,
        id,
        error_rate: 0.0,
        price_hour: 0.0,
        failover_us: None,
        cache: None,
    })
}

/// The pool (index `p`, node `n`) of managed component `c`, with its part
/// added to `sls` and its first instances to `insts`.
pub(crate) fn managed_pool(
    c: &Component,
    n: NodeIx,
    p: PoolIx,
    seed: u64,
    sls: &mut Serverless,
    insts: &mut Vec<Inst>,
    next_name: &mut u32,
) -> Pool {
    let id = c.id.0;
    let k = sls.parts.len() as u16;
    if !c.is(Kind::Lambda) {
        let mut pool = blank(n, k, ENDPOINT_WORKERS, Dist::Lognormal, seed, id);
        let i = InstIx::new(insts.len());
        insts.push(new_inst(
            p,
            *next_name,
            0,
            St::InService,
            false,
            SimTime::ZERO,
        ));
        *next_name += 1;
        pool.insts.push(i);
        pool.capacity_change(SimTime::ZERO, true, ENDPOINT_WORKERS);
        let part = endpoint_part(c, p, seed, sls);
        sls.parts.push(part);
        return pool;
    }
    let mut pool = blank(n, k, 1, Dist::Exponential, seed, id);
    // Lambda: one worker per execution environment.
    let reserved = c.number("reserved");
    let reserved = (reserved >= 0.0).then_some(reserved as u32);
    let provisioned = (c.number("provisioned").max(0.0) as u32).min(reserved.unwrap_or(u32::MAX));
    let account = c.number("account_limit").max(1.0) as u32;
    sls.account_limit = if sls.parts.is_empty() {
        account
    } else {
        sls.account_limit.min(account)
    };
    sls.reserved_total += reserved.unwrap_or(0);
    let pc_envs = provision(&mut pool, p, provisioned, insts, next_name);
    let f = function(c, p, seed, reserved, provisioned, pc_envs);
    sls.parts.push(Part::Lambda(sls.fns.len() as u16));
    sls.fns.push(f);
    pool
}

/// Adds the regional endpoint of component `c` (pool `p`): an API stage, a
/// table or a bucket, to its list in `sls`; returns its part.
fn endpoint_part(c: &Component, p: PoolIx, seed: u64, sls: &mut Serverless) -> Part {
    match c.kind_of() {
        Some(Kind::ApiGateway) => {
            sls.apis.push(api(c, p, seed));
            Part::Api(sls.apis.len() as u16 - 1)
        }
        Some(Kind::DynamoDb) => {
            let provisioned =
                (c.text("mode") == "provisioned").then(|| (c.number("rcu"), c.number("wcu")));
            sls.tables.push(Table::new(
                p,
                c.number("latency_ms").max(0.0) * 1000.0,
                c.flag("streams"),
                provisioned,
            ));
            Part::Table(sls.tables.len() as u16 - 1)
        }
        _ => {
            sls.buckets.push(Bucket {
                pool: p,
                latency_us: c.number("latency_ms").max(0.0) * 1000.0,
                presigned: c.flag("presigned_uploads"),
            });
            Part::Bucket(sls.buckets.len() as u16 - 1)
        }
    }
}

/// Starts `count` provisioned execution environments (at most 100,000) of
/// the function's pool `pool` (index `p`), spread over three zones; returns
/// their instances.
fn provision(
    pool: &mut Pool,
    p: PoolIx,
    count: u32,
    insts: &mut Vec<Inst>,
    next_name: &mut u32,
) -> Vec<InstIx> {
    let mut pc_envs = Vec::new();
    for _ in 0..count.min(100_000) {
        let i = InstIx::new(insts.len());
        // Provisioned environments are initialised ahead of traffic [LAM-PC].
        insts.push(new_inst(
            p,
            *next_name,
            (i.idx() % 3) as u8,
            St::InService,
            false,
            SimTime::ZERO,
        ));
        *next_name += 1;
        pool.insts.push(i);
        pool.capacity_change(SimTime::ZERO, true, 1);
        pc_envs.push(i);
    }
    pc_envs
}

/// The Lambda function of component `c` (pool `p`) with its `reserved` and
/// `provisioned` concurrency, the latter in environments `pc_envs`.
fn function(
    c: &Component,
    p: PoolIx,
    seed: u64,
    reserved: Option<u32>,
    provisioned: u32,
    pc_envs: Vec<InstIx>,
) -> Function {
    let memory = c.number("memory_mb").clamp(128.0, 10_240.0);
    // CPU is proportional to memory, 1 vCPU at 1,769 MB [LAM-LIM]; the
    // handler is taken as single-threaded, so more memory than that does
    // not speed it up (assumption).
    let cpu_factor = lambda::MB_PER_VCPU / memory.min(lambda::MB_PER_VCPU);
    // A bigger package starts colder (assumption per MB, see the constants).
    let init_ms = lambda::runtime_init_ms(&c.text("runtime"))
        + c.number("init_ms").max(0.0)
        + lambda::package_init_ms(&c.text("package"), c.number("package_mb"));
    // 512–10,240 MB, the first 512 MB free [LAM-LIM].
    let ephemeral = c
        .number("ephemeral_mb")
        .clamp(lambda::EPHEMERAL_FREE_MB, lambda::EPHEMERAL_MAX_MB);
    Function {
        pool: p,
        memory_gb: memory / 1024.0,
        ephemeral_gb: (ephemeral - lambda::EPHEMERAL_FREE_MB) / 1024.0,
        mean_us: c.number("duration_ms").max(0.0) * 1000.0 * cpu_factor,
        init_us: lambda::PLATFORM_COLD_US + init_ms * 1000.0,
        // At most 900 s [LAM-LIM]; validation refuses more.
        timeout_us: secs(c.number("timeout_s").min(900.0)),
        reserved,
        provisioned,
        idle: [
            pc_envs.iter().rev().map(|&i| (i, SimTime::ZERO)).collect(),
            Vec::new(),
        ],
        pc_envs,
        scale_tokens: lambda::SCALE_BURST,
        scale_at: SimTime::ZERO,
        next_zone: 0,
        primary: 0,
        weight: (c.number("new_version_pct") / 100.0).clamp(0.0, 1.0),
        error: [0.0; 2],
        shift: Shift::parse(&c.text("shift")),
        alarm_share: (c.number("rollback_error_pct") / 100.0).clamp(0.0, 1.0),
        deploy: None,
        minute: [(0, 0); 2],
        route: Stream::new(seed, c.id.0, Purpose::Routing),
        on_success: Vec::new(),
        on_failure: Vec::new(),
        cold_starts: 0,
        throttles: 0,
        timeouts: 0,
        async_retries: 0,
        async_failed: 0,
        peak: 0,
    }
}

/// An API stage from its parameters.
fn api(c: &Component, p: PoolIx, seed: u64) -> Api {
    let rest = c.text("api_type") == "rest";
    let edge = c.text("endpoint") == "edge";
    // The stage cannot be looser than the account [APIGW-LIM].
    let rate = c.number("rate_limit").min(apigw::stage::ACCOUNT_RPS);
    let burst = c.number("burst").min(apigw::stage::ACCOUNT_BURST);
    let ttl = c.number("cache_ttl_s").clamp(0.0, 3600.0);
    // REST only; TTL 0 turns caching off [APIGW-CACHE].
    let cache = (rest && c.flag("cache") && ttl > 0.0).then(|| Cache {
        ttl_us: secs(ttl),
        expiry: vec![SimTime::ZERO; c.number("cache_keys").clamp(1.0, 1_000_000.0) as usize],
        rng: Stream::new(seed, c.id.0, Purpose::Mix),
    });
    Api {
        pool: p,
        authorizer: authorizer(c),
        plan: plan(c, rest),
        deploys: Deploys::new(Stream::new(seed, c.id.0, Purpose::Deploys)),
        rest,
        overhead_us: apigw::OVERHEAD_US + if edge { apigw::EDGE_HOP_US } else { 0.0 },
        timeout_us: (c.number("timeout_ms").max(50.0) * 1000.0) as u64,
        // The bucket starts full.
        throttle: TokenBucket::new(rate, burst, burst),
        cache,
        throttles: 0,
        timeouts: 0,
        hits: 0,
        misses: 0,
    }
}

/// The Lambda authorizer of API component `c`, if it has one: IAM and
/// Cognito are checked inside the stage's own time (assumption).
fn authorizer(c: &Component) -> Option<Authorizer> {
    matches!(
        c.text("authorizer").as_str(),
        "lambda_token" | "lambda_request"
    )
    .then(|| Authorizer {
        latency_us: apigw::AUTHORIZER_US,
        ttl_us: secs(c.number("authorizer_cache_s").clamp(0.0, 3600.0)),
        until: Vec::new(),
    })
}

/// The usage plan of API component `c`: REST APIs only, and only with a
/// rate or a quota set.
fn plan(c: &Component, rest: bool) -> Option<Plan> {
    let rate = c.number("usage_plan_rps").max(0.0);
    let quota = c.number("usage_plan_quota").max(0.0);
    (rest && (rate > 0.0 || quota > 0.0)).then(|| Plan {
        // Without a rate, only the quota limits a key.
        rate: if rate > 0.0 { rate } else { f64::MAX },
        burst: if rate > 0.0 {
            c.number("usage_plan_burst").max(1.0)
        } else {
            f64::MAX
        },
        quota: (quota > 0.0).then_some(quota as u64),
        keys: Vec::new(),
    })
}

/// Whether API component `c` tells its clients apart: a Lambda authorizer
/// with a cache keeps each client's answer.
pub(crate) fn api_knows_clients(c: &Component) -> bool {
    c.is(Kind::ApiGateway) && authorizer(c).is_some_and(|a| a.ttl_us > 0)
}
