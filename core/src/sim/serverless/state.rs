//! The serverless side's state: which managed service each pool is, the
//! account-wide limits, and the token buckets that rate limits use. Plain
//! data with small helpers; the behaviour is in `serverless` and its
//! service files.

use super::apigw::stage::{self, Api};
use super::dynamodb::table::Table;
use super::lambda::function::Function;
use super::s3::bucket::Bucket;
use super::tokens::TokenBucket;

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
    pub(crate) fn invoke_allowed(&mut self, now: u64) -> bool {
        let s = now / 1_000_000;
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

/// How often the serverless housekeeping runs (idle environments, rollback
/// alarms, on-demand table peaks): once a simulated minute, the alarms'
/// period [CW-ALARM].
pub(crate) const TICK_US: u64 = 60_000_000;
