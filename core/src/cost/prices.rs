//! The us-east-1 price table, with sources (keys of the AWS reference notes, §16).

use crate::catalog::Kind;

/// The date of the table: the newest source it uses (prices are 2024–2026).
pub const PRICES_AS_OF: &str = "2026-06 (us-east-1; sources dated 2024-2026, see [P-*] keys)";

/// EC2 on-demand price per hour (Linux) and vCPUs, by instance type.
const EC2: &[(&str, f64, f64)] = &[
    // [P-WRING-EC2] Mar 2026
    ("t3.micro", 0.0104, 2.0),
    // [P-HACECUENTAS] Apr 2026
    ("t3.medium", 0.0416, 2.0),
    // [P-CODE-ONDEMAND]
    ("m5.large", 0.096, 2.0),
    // [P-CODE-ONDEMAND], [P-QLOUDX]
    ("m5.xlarge", 0.192, 4.0),
    // derived from c5.2xlarge $0.34 / 4 [ASG-SPOT-EXAMPLE]
    ("c5.large", 0.085, 2.0),
    // [P-QLOUDX]
    ("c5.xlarge", 0.170, 4.0),
    // derived from r5.xlarge / 2 [P-QLOUDX]
    ("r5.large", 0.126, 2.0),
    // [P-FM-EC2] Jun 2026
    ("m7g.large", 0.0816, 2.0),
];

/// On-demand price per hour of an EC2 instance type, if the table has it.
#[must_use]
pub fn ec2_on_demand_hour(instance_type: &str) -> Option<f64> {
    EC2.iter().find(|r| r.0 == instance_type).map(|r| r.1)
}

/// vCPUs of an instance type (2 when unknown).
#[must_use]
pub fn instance_vcpus(instance_type: &str) -> f64 {
    EC2.iter()
        .find(|r| r.0 == instance_type)
        .map_or(2.0, |r| r.2)
}

/// EC2 bills per second with a 60-second minimum [VANTAGE-EC2], [AS-TERM].
pub const EC2_MIN_BILLED_S: f64 = 60.0;

/// Spot price at the start of a run as a factor of On-Demand. Assumption: AWS's
/// own example shows 44–62 % below On-Demand [ASG-SPOT-EXAMPLE]; we start at 40 %
/// of the On-Demand price and let it move.
pub const SPOT_START_FACTOR: f64 = 0.40;

/// ALB per hour [P-CLUSTERCOST] (2025).
pub const ALB_HOUR: f64 = 0.0225;
/// NLB per hour [P-CLUSTERCOST] (2025).
pub const NLB_HOUR: f64 = 0.0225;
/// CLB per hour. Assumption: UNCONFIRMED in the reference, commonly $0.025/h.
pub const CLB_HOUR: f64 = 0.025;
/// CLB per GB of data processed. Assumption: UNCONFIRMED in the reference
/// (§16, "CLB"), commonly $0.008/GB.
pub const CLB_PER_GB: f64 = 0.008;
/// ALB capacity unit per hour. Assumption: $0.008 [P-DARCY], UNCONFIRMED for us-east-1.
pub const ALB_LCU_HOUR: f64 = 0.008;
/// NLB capacity unit per hour. Assumption: $0.006 [P-DARCY], region UNCONFIRMED.
pub const NLB_LCU_HOUR: f64 = 0.006;
/// New connections per second in one LCU [P-VANTAGE-ELB].
pub const LCU_NEW_CONN_PER_S: f64 = 25.0;
/// Processed GB per hour in one LCU [P-VANTAGE-ELB].
pub const LCU_GB_PER_HOUR: f64 = 1.0;
/// Requests carried by one client connection (keep-alive). Assumption.
pub const REQUESTS_PER_CONNECTION: f64 = 10.0;
/// Data between Availability Zones, per GB and direction [P-BASAVYTIX].
pub const INTER_AZ_PER_GB: f64 = 0.01;

/// What `gb` gigabytes crossing between two Availability Zones cost: $0.01
/// per GB out of one zone and again into the other, "each direction"
/// [P-BASAVYTIX] (reference §16, "Inter-AZ").
#[must_use]
pub fn inter_az_cost(gb: f64) -> f64 {
    gb * INTER_AZ_PER_GB * 2.0
}
/// A public IPv4 address per hour [P-CLOUDBURN-NAT].
pub const PUBLIC_IPV4_HOUR: f64 = 0.005;

/// Hour price of a load balancer kind.
#[must_use]
pub fn lb_hour(kind: Kind) -> f64 {
    match kind {
        Kind::Nlb => NLB_HOUR,
        Kind::Clb => CLB_HOUR,
        _ => ALB_HOUR,
    }
}

/// RDS price per hour of an instance class; Multi-AZ is billed about twice
/// [RDS-BILL]. db.t4g.large is sourced [P-USAGEAI-RDS]; the others are
/// assumptions (UNCONFIRMED, commonly listed MySQL single-AZ prices).
#[must_use]
pub fn rds_hour(class: &str, multi_az: bool) -> f64 {
    let single = match class {
        "db.t3.micro" => 0.017,
        "db.t4g.large" => 0.073,
        "db.r5.large" => 0.25,
        _ => 0.171, // db.m5.large
    };
    if multi_az { single * 2.0 } else { single }
}
