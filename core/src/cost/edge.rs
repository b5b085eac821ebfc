//! Prices of the edge, container and data services (us-east-1), with the
//! keys of their sources in the AWS reference notes (§16). Rows the notes mark
//! UNCONFIRMED are assumptions and say so.

/// Hours in a month for monthly prices (AWS uses 730) [P-QLOUDX].
pub const HOURS_PER_MONTH: f64 = 730.0;

/// A Route 53 hosted zone per month (first 25 zones) [P-R53-EATSIP], [P-NS1].
pub const R53_ZONE_MONTH: f64 = 0.50;

/// Route 53 queries per million by routing policy. Assumption: UNCONFIRMED in
/// the notes; commonly $0.40 standard, $0.60 latency, $0.70 geolocation.
#[must_use]
pub fn r53_query_per_million(policy: &str) -> f64 {
    match policy {
        "latency" => 0.60,
        "geolocation" => 0.70,
        _ => 0.40,
    }
}

/// A Route 53 health check per month on an AWS endpoint. Assumption:
/// UNCONFIRMED in the notes; commonly $0.50 (fast interval costs extra)
/// (reference §16, "Route 53 health checks").
pub const R53_HEALTH_CHECK_MONTH: f64 = 0.50;
/// A Route 53 health check per month on an endpoint outside AWS.
/// Assumption: UNCONFIRMED; commonly $0.75 (reference §16).
pub const R53_HEALTH_CHECK_OUTSIDE_MONTH: f64 = 0.75;

/// One Route 53 health check per month by endpoint type: an AWS endpoint
/// or one outside AWS, plus the fast interval's extra (reference §16).
#[must_use]
pub fn r53_health_check_month(outside_aws: bool, fast: bool) -> f64 {
    let base = if outside_aws {
        R53_HEALTH_CHECK_OUTSIDE_MONTH
    } else {
        R53_HEALTH_CHECK_MONTH
    };
    base + if fast {
        R53_FAST_CHECK_EXTRA_MONTH
    } else {
        0.0
    }
}
/// Extra per month for the fast (10 s) interval. Assumption: UNCONFIRMED;
/// commonly $1.00.
pub const R53_FAST_CHECK_EXTRA_MONTH: f64 = 1.00;

/// CloudFront HTTPS requests, per request ($0.0100 per 10,000) [P-FM-CF] (Jun 2026).
pub const CF_PER_REQUEST: f64 = 0.0100 / 10_000.0;
/// CloudFront data out to the internet, US/Canada/Mexico, first 10 TB, per GB [CF-PRICE].
pub const CF_PER_GB: f64 = 0.085;

/// Fargate Linux x86 per vCPU-hour [P-VANTAGE-FARGATE], [P-FM-FARGATE] (Jun 2026).
pub const FARGATE_VCPU_HOUR: f64 = 0.04048;
/// Fargate Linux x86 per GB-hour [P-VANTAGE-FARGATE], [P-FM-FARGATE].
pub const FARGATE_GB_HOUR: f64 = 0.004445;
/// Fargate Spot as a share of the On-Demand price. Assumption: "up to 70 %"
/// off [P-WRING-FARGATE]; we take the full 70 %.
pub const FARGATE_SPOT_SHARE: f64 = 0.30;

/// A Fargate task's price per hour: vCPUs (1,024 CPU units each) and GB.
#[must_use]
pub fn fargate_task_hour(cpu_units: f64, memory_mb: f64, spot: bool) -> f64 {
    let on_demand = cpu_units / 1024.0 * FARGATE_VCPU_HOUR + memory_mb / 1024.0 * FARGATE_GB_HOUR;
    if spot {
        on_demand * FARGATE_SPOT_SHARE
    } else {
        on_demand
    }
}

/// ElastiCache node price per hour. Assumption: the notes have no ElastiCache
/// prices (UNCONFIRMED); commonly listed on-demand Redis prices.
#[must_use]
pub fn elasticache_node_hour(node_type: &str) -> f64 {
    match node_type {
        "cache.t3.micro" => 0.017,
        "cache.r5.large" => 0.216,
        _ => 0.156, // cache.m5.large
    }
}

/// Memory of an EC2 instance type in MiB, for packing ECS tasks. Assumption:
/// AWS's published instance sizes (not in the reference notes); 8 GiB when unknown.
#[must_use]
pub fn instance_memory_mb(instance_type: &str) -> f64 {
    let gib = match instance_type {
        "t3.micro" => 1.0,
        "t3.medium" | "c5.large" => 4.0,
        "m5.xlarge" | "r5.large" => 16.0,
        "c5.xlarge" => 8.0,
        _ => 8.0, // m5.large, m7g.large
    };
    gib * 1024.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fargate_prices_add_up() {
        // 1 vCPU and 2 GB: 0.04048 + 2 × 0.004445.
        let h = fargate_task_hour(1024.0, 2048.0, false);
        assert!((h - 0.04937).abs() < 1e-9);
        assert!((fargate_task_hour(1024.0, 2048.0, true) - h * 0.3).abs() < 1e-12);
    }

    #[test]
    fn query_prices_by_policy() {
        assert!(r53_query_per_million("geolocation") > r53_query_per_million("simple"));
        assert_eq!(CF_PER_REQUEST * 10_000.0, 0.01);
    }
}
