//! Prices and cost accrual.
//!
//! One dated price table for us-east-1 ([`PRICES_AS_OF`]); every row cites the
//! key of its source in the project's AWS reference notes. The simulator
//! accrues cost as the run goes: instances by the second while they exist
//! (with EC2's 60-second minimum [VANTAGE-EC2]), load balancers by the hour and
//! by capacity unit, databases by the hour, and data between zones by the GB.

use crate::catalog::Kind;

mod edge;
mod messaging;
mod prices;
mod serverless;

pub use edge::*;
pub use messaging::{
    EVENTBRIDGE_PER_M, KDS_ON_DEMAND_PER_GB, KDS_ON_DEMAND_STREAM_HOUR, KDS_PUT_UNITS_PER_M,
    KDS_SHARD_HOUR, SNS_PUBLISH_PER_M, SQS_FIFO_PER_M, SQS_STANDARD_PER_M,
};

pub use prices::{
    ALB_HOUR, ALB_LCU_HOUR, CLB_HOUR, CLB_PER_GB, EC2_MIN_BILLED_S, INTER_AZ_PER_GB,
    LCU_GB_PER_HOUR, LCU_NEW_CONN_PER_S, NLB_HOUR, NLB_LCU_HOUR, PRICES_AS_OF, PUBLIC_IPV4_HOUR,
    REQUESTS_PER_CONNECTION, SPOT_START_FACTOR, ec2_on_demand_hour, instance_vcpus, inter_az_cost,
    lb_hour, rds_hour,
};
pub use serverless::{
    APIGW_CACHE_HOUR, APIGW_HTTP_PER_REQUEST, APIGW_REST_PER_REQUEST, DYNAMODB_RCU_HOUR,
    DYNAMODB_RRU, DYNAMODB_WCU_HOUR, DYNAMODB_WRU, LAMBDA_EPHEMERAL_PER_GB_S,
    LAMBDA_PC_DURATION_PER_GB_S, LAMBDA_PC_PER_GB_S, LAMBDA_PER_GB_S, LAMBDA_PER_REQUEST, S3_GET,
    S3_PUT,
};

/// Requests a second one load-balancer capacity unit (LCU) carries: 25 new
/// connections a second [P-VANTAGE-ELB] of [`REQUESTS_PER_CONNECTION`]
/// requests each (assumption), as [`lb_cost_per_hour`] counts them.
pub const LCU_REQUESTS_PER_S: f64 = LCU_NEW_CONN_PER_S * REQUESTS_PER_CONNECTION;

/// Hourly cost of a load balancer of `kind` at `requests_per_s` carrying
/// `gb_per_hour`: the hour price plus capacity units.
///
/// An ALB capacity unit (LCU) is the largest of its dimensions; we count new
/// connections (one per [`REQUESTS_PER_CONNECTION`] requests, assumption) and
/// processed bytes [P-VANTAGE-ELB].
#[must_use]
pub fn lb_cost_per_hour(kind: Kind, requests_per_s: f64, gb_per_hour: f64) -> f64 {
    reserved_lb_cost_per_hour(kind, requests_per_s, gb_per_hour, 0.0)
}

/// Hourly cost of a load balancer as [`lb_cost_per_hour`], with
/// `reserved_lcu` capacity units reserved: each reserved LCU-hour is billed
/// at the LCU price whether used or not, use above it as usual [ALB-LCUR].
#[must_use]
pub fn reserved_lb_cost_per_hour(
    kind: Kind,
    requests_per_s: f64,
    gb_per_hour: f64,
    reserved_lcu: f64,
) -> f64 {
    let conns = requests_per_s / REQUESTS_PER_CONNECTION;
    let lcu = (conns / LCU_NEW_CONN_PER_S)
        .max(gb_per_hour / LCU_GB_PER_HOUR)
        .max(reserved_lcu);
    match kind {
        // A CLB bills its hours and each GB it processes (reference §16).
        Kind::Clb => lb_hour(kind) + gb_per_hour * CLB_PER_GB,
        Kind::Nlb => lb_hour(kind) + lcu * NLB_LCU_HOUR,
        _ => lb_hour(kind) + lcu * ALB_LCU_HOUR,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reserved_capacity_units_are_billed_used_or_not() {
        let per_lcu = LCU_REQUESTS_PER_S;
        let idle = reserved_lb_cost_per_hour(Kind::Alb, 0.0, 0.0, 10.0);
        assert!((idle - (ALB_HOUR + 10.0 * ALB_LCU_HOUR)).abs() < 1e-12);
        // Use below the reservation costs nothing more; above it, as usual.
        let under = reserved_lb_cost_per_hour(Kind::Alb, 5.0 * per_lcu, 0.0, 10.0);
        assert!((under - idle).abs() < 1e-12);
        let over = reserved_lb_cost_per_hour(Kind::Alb, 20.0 * per_lcu, 0.0, 10.0);
        assert!((over - lb_cost_per_hour(Kind::Alb, 20.0 * per_lcu, 0.0)).abs() < 1e-12);
        assert!((over - (ALB_HOUR + 20.0 * ALB_LCU_HOUR)).abs() < 1e-12);
        let nlb = reserved_lb_cost_per_hour(Kind::Nlb, 0.0, 0.0, 4.0);
        assert!((nlb - (NLB_HOUR + 4.0 * NLB_LCU_HOUR)).abs() < 1e-12);
    }

    #[test]
    fn known_prices() {
        assert_eq!(ec2_on_demand_hour("m5.large"), Some(0.096));
        assert_eq!(ec2_on_demand_hour("t3.micro"), Some(0.0104));
        assert_eq!(ec2_on_demand_hour("z9.huge"), None);
        assert_eq!(instance_vcpus("m5.xlarge"), 4.0);
        assert_eq!(rds_hour("db.t4g.large", false), 0.073);
        assert_eq!(rds_hour("db.t4g.large", true), 0.146);
    }

    #[test]
    fn lb_cost_grows_with_traffic() {
        let idle = lb_cost_per_hour(Kind::Alb, 0.0, 0.0);
        assert_eq!(idle, ALB_HOUR);
        assert!(lb_cost_per_hour(Kind::Alb, 1000.0, 0.0) > idle);
    }
}
