//! Messaging prices, us-east-1: SQS and SNS requests, Kinesis shards and PUT
//! units, EventBridge events (keys of the AWS reference notes, §16).
//!
//! Free tiers (1 M SQS requests a month and the like) are not subtracted: a
//! run is too short to say which month it falls in.

/// SQS standard queue, per million requests [P-CLOUDBURN-SQS] (Mar 2026).
pub const SQS_STANDARD_PER_M: f64 = 0.40;
/// SQS FIFO queue, per million requests [P-CLOUDBURN-SQS], [P-FM-SQS].
pub const SQS_FIFO_PER_M: f64 = 0.50;
/// SNS publishes, per million (standard topics) [P-AWSNEG] (approximate).
/// Deliveries are not billed here (their prices are not in the reference).
pub const SNS_PUBLISH_PER_M: f64 = 0.50;
/// Kinesis provisioned shard, per hour. Assumption: not in the reference
/// (UNCONFIRMED; commonly $0.015).
pub const KDS_SHARD_HOUR: f64 = 0.015;
/// Kinesis PUT payload units (25 KB each), per million. Assumption: not in
/// the reference (UNCONFIRMED; commonly $0.014).
pub const KDS_PUT_UNITS_PER_M: f64 = 0.014;
/// Kinesis on-demand stream, per hour. Assumption: not in the reference
/// (UNCONFIRMED; commonly $0.04).
pub const KDS_ON_DEMAND_STREAM_HOUR: f64 = 0.04;
/// Kinesis on-demand data written, per GB. Assumption: not in the reference
/// (UNCONFIRMED; commonly $0.08).
pub const KDS_ON_DEMAND_PER_GB: f64 = 0.08;
/// EventBridge custom events published, per million. Assumption: not in the
/// reference (UNCONFIRMED; commonly $1.00).
pub const EVENTBRIDGE_PER_M: f64 = 1.00;
