//! The rule table. Each rule is one function; facts cite the reference keys.

mod balancing;
mod dns;
mod dns_zone;
mod edge;
mod integration;
mod routing;
mod scaling;
mod serverless;
mod structure;

use super::{Rule, Severity};

const fn rule(
    id: &'static str,
    severity: Severity,
    title: &'static str,
    check: fn(&super::ctx::Ctx<'_>, &mut Vec<super::Diagnostic>),
) -> Rule {
    Rule {
        id,
        severity,
        title,
        check,
    }
}

use Severity::{Error, Warning};

/// Every rule, in the order findings are reported within a severity.
pub static RULES: &[Rule] = &[
    rule(
        "illegal-link",
        Error,
        "Every link must be one the catalog allows",
        structure::illegal_link,
    ),
    rule(
        "no-users",
        Warning,
        "A design needs users (or another traffic source) to simulate",
        structure::no_users,
    ),
    rule(
        "unreached",
        Warning,
        "Every serving component should receive traffic from something",
        structure::unreached,
    ),
    rule(
        "internal-from-internet",
        Error,
        "Users on the internet cannot reach an internal load balancer or a private API",
        structure::internal_from_internet,
    ),
    rule(
        "single-instance",
        Warning,
        "Users calling one EC2 instance directly have no failover",
        structure::single_instance,
    ),
    rule(
        "lb-no-targets",
        Error,
        "A load balancer needs at least one target",
        balancing::no_targets,
    ),
    rule(
        "lb-public-ip-target",
        Error,
        "IP targets are private addresses, not services on the internet",
        balancing::public_ip_target,
    ),
    rule(
        "lb-hc-timeout",
        Error,
        "A health-check timeout must be shorter than its interval",
        balancing::hc_timeout,
    ),
    rule(
        "clb-one-certificate",
        Error,
        "A Classic Load Balancer listener holds one certificate",
        balancing::clb_certificates,
    ),
    rule(
        "sticky-uneven",
        Warning,
        "Sticky sessions make load uneven",
        balancing::sticky_uneven,
    ),
    rule(
        "alb-slow-start",
        Error,
        "ALB slow start is 0 or 30–900 s and not with least outstanding requests",
        balancing::slow_start,
    ),
    rule(
        "allow-list-changing-ips",
        Warning,
        "Clients that allow-list IP addresses need a load balancer with fixed ones (NLB)",
        balancing::allow_list_changing_ips,
    ),
    rule(
        "nlb-alb-target-tcp",
        Error,
        "An ALB as an NLB's target needs a TCP listener",
        balancing::nlb_alb_target_tcp,
    ),
    rule(
        "nlb-eip-internal",
        Error,
        "Only an internet-facing NLB has Elastic IPs",
        balancing::nlb_eip_internal,
    ),
    rule(
        "nlb-privatelink-udp",
        Error,
        "A PrivateLink endpoint service carries TCP, not UDP",
        balancing::nlb_privatelink_udp,
    ),
    rule(
        "nlb-cross-zone-off",
        Warning,
        "With cross-zone off (NLB and CLB by default), uneven AZs get uneven load",
        balancing::cross_zone_off,
    ),
    rule(
        "asg-min-max",
        Error,
        "An Auto Scaling group's minimum cannot exceed its maximum",
        scaling::min_max,
    ),
    rule(
        "asg-desired-range",
        Error,
        "Desired capacity must lie within [min, max]",
        scaling::desired_range,
    ),
    rule(
        "asg-single-az",
        Warning,
        "A single-AZ Auto Scaling group fails with its AZ",
        scaling::single_az,
    ),
    rule(
        "asg-ec2-health-check",
        Warning,
        "A group behind a load balancer should use ELB health checks",
        scaling::ec2_health_check,
    ),
    rule(
        "asg-grace-short",
        Warning,
        "The health-check grace period should cover boot time",
        scaling::grace_short,
    ),
    rule(
        "asg-all-spot",
        Warning,
        "All-Spot capacity can vanish in one interruption wave",
        scaling::all_spot,
    ),
    rule(
        "spot-fleet-capacity",
        Error,
        "A Spot Fleet's target capacity is at most 10,000",
        scaling::fleet_capacity_limit,
    ),
    rule(
        "spot-fleet-region-capacity",
        Error,
        "Spot Fleets of a region hold at most 100,000 together",
        scaling::region_capacity_limit,
    ),
    rule(
        "asg-no-policy",
        Warning,
        "A group that cannot scale gets no help from a traffic peak",
        scaling::no_policy,
    ),
    rule(
        "ecs-task-role",
        Warning,
        "An ECS task needs a task role for its AWS permissions",
        scaling::task_role,
    ),
    rule(
        "ecs-host-port",
        Warning,
        "Host network mode fits one task per port per instance",
        scaling::host_port,
    ),
    rule(
        "ecs-network-none",
        Error,
        "Tasks in network mode none cannot receive requests",
        scaling::network_none,
    ),
    rule(
        "ecs-no-cluster",
        Error,
        "An ECS service on EC2 needs a cluster to place tasks on",
        scaling::no_cluster,
    ),
    rule(
        "ecs-deploy-stuck",
        Error,
        "An ECS service's deployment percentages must leave room to replace a task",
        scaling::deploy_stuck,
    ),
    rule(
        "lambda-timeout",
        Error,
        "A Lambda function's timeout is at most 15 minutes",
        serverless::timeout,
    ),
    rule(
        "lambda-reserved-zero",
        Warning,
        "Reserved concurrency 0 throttles every invocation",
        serverless::reserved_zero,
    ),
    rule(
        "lambda-provisioned-over-reserved",
        Error,
        "Provisioned concurrency cannot exceed reserved concurrency",
        serverless::provisioned_over_reserved,
    ),
    rule(
        "lambda-unreserved-floor",
        Error,
        "100 concurrent executions must stay unreserved",
        serverless::unreserved_floor,
    ),
    rule(
        "lambda-payload",
        Error,
        "Synchronous Lambda payloads are at most 6 MB",
        serverless::payload,
    ),
    rule(
        "lambda-package-size",
        Error,
        "A Lambda package is at most 250 MB unzipped, an image at most 10 GB",
        serverless::package_size,
    ),
    rule(
        "lambda-resource-policy",
        Error,
        "A service that invokes a function needs its resource-based policy to allow it",
        serverless::resource_policy,
    ),
    rule(
        "sqs-visibility-short",
        Warning,
        "A queue's visibility timeout should exceed its consumer's timeout",
        serverless::visibility_short,
    ),
    rule(
        "dynamodb-streams-off",
        Error,
        "A Lambda reading a DynamoDB table's changes needs streams on",
        serverless::streams_off,
    ),
    rule(
        "apigw-payload",
        Error,
        "API Gateway payloads are at most 10 MB",
        edge::apigw_payload,
    ),
    rule(
        "apigw-timeout",
        Error,
        "API Gateway integrations time out at 29 s (REST) or 30 s (HTTP)",
        edge::apigw_timeout,
    ),
    rule(
        "apigw-cache-http",
        Error,
        "HTTP APIs have no response cache",
        edge::apigw_cache_http,
    ),
    rule(
        "apigw-usage-plan-http",
        Error,
        "HTTP APIs have no API keys or usage plans",
        edge::apigw_usage_plan_http,
    ),
    rule(
        "apigw-cors",
        Warning,
        "A browser page calling an API on another origin needs CORS",
        edge::apigw_cors,
    ),
    rule(
        "sns-message-size",
        Error,
        "SNS messages are at most 256 KB",
        integration::sns_size,
    ),
    rule(
        "alarm-datapoints",
        Error,
        "An alarm cannot need more datapoints than it evaluates",
        integration::alarm_datapoints,
    ),
    rule(
        "alarm-period",
        Error,
        "Alarm periods are 10 s, 30 s or a multiple of 60 s",
        integration::alarm_period,
    ),
    rule(
        "alarm-unwired",
        Warning,
        "An alarm should watch something and act on something",
        integration::alarm_unwired,
    ),
    rule(
        "rds-single-az",
        Warning,
        "A primary database without Multi-AZ fails with its AZ",
        integration::rds_single_az,
    ),
    rule(
        "r53-simple-health-check",
        Error,
        "Simple routing cannot have health checks",
        dns::simple_health_check,
    ),
    rule(
        "r53-private-health-check",
        Error,
        "Route 53 health checkers cannot reach a private endpoint",
        dns::private_health_check,
    ),
    rule(
        "r53-multivalue-8",
        Warning,
        "Multivalue answers return at most 8 records",
        dns::multivalue_eight,
    ),
    rule(
        "r53-failover-roles",
        Error,
        "Failover routing needs one primary and one secondary",
        dns::failover_roles,
    ),
    rule(
        "r53-failover-unchecked",
        Warning,
        "A failover primary without a health check never fails over",
        dns::failover_unchecked,
    ),
    rule(
        "r53-weights-zero",
        Warning,
        "Weighted routing with every weight 0 sends traffic equally",
        dns::weights_zero,
    ),
    rule(
        "r53-long-ttl",
        Warning,
        "A long TTL delays failover by up to the TTL",
        dns::long_ttl,
    ),
    rule(
        "r53-cname-apex",
        Error,
        "A CNAME cannot sit at the zone apex: use an alias",
        dns_zone::cname_apex,
    ),
    rule(
        "r53-use-alias",
        Warning,
        "A record for a load balancer or CloudFront should be an alias",
        dns_zone::use_alias,
    ),
    rule(
        "r53-alias-target",
        Error,
        "An alias record points only at an AWS resource",
        dns_zone::alias_targets,
    ),
    rule(
        "r53-private-vpc-dns",
        Error,
        "A private hosted zone needs enableDnsSupport and enableDnsHostnames",
        dns_zone::private_vpc_dns,
    ),
    rule(
        "r53-private-from-internet",
        Error,
        "Users on the internet cannot resolve a private hosted zone",
        dns_zone::private_from_internet,
    ),
    rule(
        "r53-private-other-vpc",
        Error,
        "A private hosted zone answers only inside its own VPC",
        dns_zone::private_other_vpc,
    ),
    rule(
        "r53-registrar-ns",
        Error,
        "A third-party registrar must delegate the domain to Route 53",
        dns_zone::registrar_ns,
    ),
    rule(
        "r53-dnssec-ds",
        Warning,
        "DNSSEC with a third-party registrar needs the DS record there",
        dns_zone::dnssec_ds,
    ),
    rule(
        "call-probability",
        Error,
        "A call's probability is a share between 0 and 1",
        routing::call_probability,
    ),
    rule(
        "call-count",
        Error,
        "Calls per request are a whole number from 1 to 10",
        routing::call_count,
    ),
    rule(
        "route-weights-zero",
        Error,
        "Routing to one downstream by weight needs a weight above 0",
        routing::weights_zero,
    ),
    rule(
        "route-mode",
        Warning,
        "Routing by weight needs a compute tier with at least two calls",
        routing::mode_fits,
    ),
    rule(
        "alb-path-shares",
        Error,
        "An ALB's path rules match at most 100 % of requests",
        routing::path_shares,
    ),
    rule(
        "alb-path-unmatched",
        Warning,
        "Requests no path rule matches need a default target group",
        routing::path_unmatched,
    ),
    rule(
        "call-settings-ignored",
        Warning,
        "Messaging delivers every message: a probability or count on its links is ignored",
        routing::settings_ignored,
    ),
];
