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
/// Lambda ephemeral storage above the free 512 MB, per GB-second, x86.
/// Assumption: the reference notes give only the 512–10,240 MB range
/// [LAM-LIM], no price; this is the commonly quoted us-east-1 price.
pub const LAMBDA_EPHEMERAL_PER_GB_S: f64 = 0.000_000_030_9;

/// API Gateway REST APIs: $3.50 per million requests (first 333 million)
/// [P-APIGW-COST], [P-AMNIC] (2025/26). Throttled requests are not billed
/// (assumption).
pub const APIGW_REST_PER_REQUEST: f64 = 3.50 / 1e6;
/// API Gateway HTTP APIs: $1.00 per million (first 300 million)
/// [P-APIGW-COST], [P-AMNIC].
pub const APIGW_HTTP_PER_REQUEST: f64 = 1.00 / 1e6;
/// API Gateway stage cache of 0.5 GB, per hour [P-AMNIC].
pub const APIGW_CACHE_HOUR: f64 = 0.02;
/// DynamoDB on-demand, per write request unit: $0.625 per million, after
/// the November 2024 cut [P-AIRBYTE] (Jul 2025).
pub const DYNAMODB_WRU: f64 = 0.625 / 1e6;
/// DynamoDB on-demand, per read request unit: $0.125 per million [P-AIRBYTE].
pub const DYNAMODB_RRU: f64 = 0.125 / 1e6;
/// DynamoDB provisioned write capacity unit per hour [P-ZEONEDGE].
pub const DYNAMODB_WCU_HOUR: f64 = 0.000_65;
/// DynamoDB provisioned read capacity unit per hour [P-ZEONEDGE].
pub const DYNAMODB_RCU_HOUR: f64 = 0.000_13;
/// S3 Standard PUT (and COPY, POST, LIST) request. Assumption: not in the
/// reference notes (UNCONFIRMED); commonly $0.005 per 1,000.
pub const S3_PUT: f64 = 0.005 / 1000.0;
/// S3 Standard GET request. Assumption: UNCONFIRMED; commonly $0.0004 per 1,000.
pub const S3_GET: f64 = 0.0004 / 1000.0;
