//! Serverless prices, us-east-1 (keys of the AWS reference notes, §16).
//! Managed services bill by use; the simulator accrues these per request,
//! per GB-second or per hour of provisioned capacity as the run goes.

/// Lambda: per request, $0.20 per million [P-LAMBDA-COST] (2025/26).
pub const LAMBDA_PER_REQUEST: f64 = 0.20 / 1e6;
/// Lambda duration, x86, per GB-second (first 6 billion GB-s a month)
/// [P-CLOUDCHIPR-LAMBDA] (2024). The monthly free tier (1 M requests,
/// 400,000 GB-s) is left out: a run is a slice of a month.
pub const LAMBDA_PER_GB_S: f64 = 0.000_016_666_7;
/// Provisioned concurrency, per GB-second it is enabled. Assumption: sources
/// disagree (UNCONFIRMED); the commonly quoted x86 figure
/// [P-LAMBDA-COST], [LAM-PRICING-AWS].
pub const LAMBDA_PC_PER_GB_S: f64 = 0.000_004_166_7;
/// Duration of invocations served by provisioned concurrency, per GB-second.
/// Assumption: commonly quoted, UNCONFIRMED [P-LAMBDA-COST].
pub const LAMBDA_PC_DURATION_PER_GB_S: f64 = 0.000_009_722_2;
