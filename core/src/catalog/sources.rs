//! The sources the catalog's help texts and the diagnostics cite: each key
//! written in a text as `[AS-TT]` names a page of AWS documentation (or, for
//! a few figures, another public page), so a reader sees the page's title and
//! follows a link instead of reading the key.

/// A cited page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Source {
    /// The key texts cite it by, without brackets (`"AS-TT"`).
    pub key: &'static str,
    /// A readable title (`"EC2 Auto Scaling: target tracking scaling policies"`).
    pub title: &'static str,
    /// Where to read it; pinned to the revision that was read where one is known.
    pub url: &'static str,
}

/// Every cited source, sorted by key.
pub const SOURCES: &[Source] = &[
    Source {
        key: "AAS-TT",
        title: "Application Auto Scaling: target tracking scaling policies",
        url: "https://docs.aws.amazon.com/autoscaling/application/userguide/target-tracking-scaling-policy-overview.html",
    },
    Source {
        key: "ALB-HC",
        title: "Application Load Balancer: health checks for target groups",
        url: "https://github.com/awsdocs/elb-application-load-balancers-user-guide/blob/8600c69/doc_source/target-group-health-checks.md",
    },
    Source {
        key: "ALB-LCUR",
        title: "Application Load Balancer: capacity unit reservation",
        url: "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/capacity-unit-reservation.html",
    },
    Source {
        key: "ALB-STICKY",
        title: "Application Load Balancer: sticky sessions",
        url: "https://github.com/awsdocs/elb-application-load-balancers-user-guide/blob/8600c69/doc_source/sticky-sessions.md",
    },
    Source {
        key: "ALB-TG",
        title: "Application Load Balancer: target groups",
        url: "https://github.com/awsdocs/elb-application-load-balancers-user-guide/blob/8600c69/doc_source/load-balancer-target-groups.md",
    },
    Source {
        key: "ALB-XZ",
        title: "Application Load Balancer: cross-zone load balancing",
        url: "https://github.com/awsdocs/elb-application-load-balancers-user-guide/blob/8600c69/doc_source/disable-cross-zone.md",
    },
    Source {
        key: "APIGW-CACHE",
        title: "API Gateway: caching",
        url: "https://github.com/awsdocs/amazon-api-gateway-developer-guide/blob/6060e21/doc_source/api-gateway-caching.md",
    },
    Source {
        key: "APIGW-LIM",
        title: "API Gateway: quotas",
        url: "https://github.com/awsdocs/amazon-api-gateway-developer-guide/blob/6060e21/doc_source/limits.md",
    },
    Source {
        key: "APIGW-THR",
        title: "API Gateway: request throttling",
        url: "https://github.com/awsdocs/amazon-api-gateway-developer-guide/blob/6060e21/doc_source/api-gateway-request-throttling.md",
    },
    Source {
        key: "AS-CD",
        title: "EC2 Auto Scaling: scaling cooldowns",
        url: "https://github.com/awsdocs/amazon-ec2-auto-scaling-user-guide/blob/5f2b71d/doc_source/ec2-auto-scaling-scaling-cooldowns.md",
    },
    Source {
        key: "AS-CR",
        title: "EC2 Auto Scaling: Capacity Rebalancing",
        url: "https://github.com/awsdocs/amazon-ec2-auto-scaling-user-guide/blob/5f2b71d/doc_source/ec2-auto-scaling-capacity-rebalancing.md",
    },
    Source {
        key: "AS-DIW",
        title: "EC2 Auto Scaling: default instance warm-up",
        url: "https://github.com/awsdocs/amazon-ec2-auto-scaling-user-guide/blob/5f2b71d/doc_source/ec2-auto-scaling-default-instance-warmup.md",
    },
    Source {
        key: "AS-HC",
        title: "EC2 Auto Scaling: health checks",
        url: "https://github.com/awsdocs/amazon-ec2-auto-scaling-user-guide/blob/5f2b71d/doc_source/ec2-auto-scaling-health-checks.md",
    },
    Source {
        key: "AS-HCGP",
        title: "EC2 Auto Scaling: health check grace period",
        url: "https://github.com/awsdocs/amazon-ec2-auto-scaling-user-guide/blob/5f2b71d/doc_source/health-check-grace-period.md",
    },
    Source {
        key: "AS-LH",
        title: "EC2 Auto Scaling: lifecycle hooks",
        url: "https://github.com/awsdocs/amazon-ec2-auto-scaling-user-guide/blob/5f2b71d/doc_source/lifecycle-hooks.md",
    },
    Source {
        key: "AS-SCHED",
        title: "EC2 Auto Scaling: scheduled scaling",
        url: "https://github.com/awsdocs/amazon-ec2-auto-scaling-user-guide/blob/5f2b71d/doc_source/ec2-auto-scaling-scheduled-scaling.md",
    },
    Source {
        key: "AS-STEP",
        title: "EC2 Auto Scaling: step and simple scaling",
        url: "https://github.com/awsdocs/amazon-ec2-auto-scaling-user-guide/blob/5f2b71d/doc_source/as-scaling-simple-step.md",
    },
    Source {
        key: "AS-SUSP",
        title: "EC2 Auto Scaling: suspending processes",
        url: "https://github.com/awsdocs/amazon-ec2-auto-scaling-user-guide/blob/5f2b71d/doc_source/as-suspend-resume-processes.md",
    },
    Source {
        key: "AS-TERM",
        title: "EC2 Auto Scaling: termination policies",
        url: "https://github.com/awsdocs/amazon-ec2-auto-scaling-user-guide/blob/5f2b71d/doc_source/ec2-auto-scaling-termination-policies.md",
    },
    Source {
        key: "AS-TT",
        title: "EC2 Auto Scaling: target tracking scaling policies",
        url: "https://github.com/awsdocs/amazon-ec2-auto-scaling-user-guide/blob/5f2b71d/doc_source/as-scaling-target-tracking.md",
    },
    Source {
        key: "AS-WU",
        title: "EC2 Auto Scaling: warm-up and cooldown settings",
        url: "https://github.com/awsdocs/amazon-ec2-auto-scaling-user-guide/blob/5f2b71d/doc_source/consolidated-view-of-warm-up-and-cooldown-settings.md",
    },
    Source {
        key: "ASG-SPOT-EXAMPLE",
        title: "EC2 Auto Scaling: Spot price per unit hour example",
        url: "https://docs.amazonaws.cn/en_us/autoscaling/ec2/userguide/weights-spot-price-per-unit-hour-example.html",
    },
    Source {
        key: "BOOT-BREVDEV",
        title: "brevdev: EC2 cold boot research",
        url: "https://github.com/brevdev/ec2-coldboot-research",
    },
    Source {
        key: "CDK-CD",
        title: "AWS CDK: LambdaDeploymentConfig",
        url: "https://docs.amazonaws.cn/cdk/api/v1/python/aws_cdk.aws_codedeploy/LambdaDeploymentConfig.html",
    },
    Source {
        key: "CF-PRICE",
        title: "Amazon CloudFront pricing",
        url: "http://aws.amazon.com/cloudfront/pricing",
    },
    Source {
        key: "CF-TTL",
        title: "CloudFront: how long content stays in the cache",
        url: "https://github.com/awsdocs/amazon-cloudfront-developer-guide/blob/feddd10/doc_source/Expiration.md",
    },
    Source {
        key: "CLB-DRAIN",
        title: "Classic Load Balancer: connection draining",
        url: "https://github.com/awsdocs/elb-classic-load-balancers-user-guide/blob/4678ffc/doc_source/config-conn-drain.md",
    },
    Source {
        key: "CLB-HC",
        title: "Classic Load Balancer: health checks",
        url: "https://github.com/awsdocs/elb-classic-load-balancers-user-guide/blob/4678ffc/doc_source/elb-healthchecks.md",
    },
    Source {
        key: "CLB-IDLE",
        title: "Classic Load Balancer: idle connection timeout",
        url: "https://github.com/awsdocs/elb-classic-load-balancers-user-guide/blob/4678ffc/doc_source/config-idle-timeout.md",
    },
    Source {
        key: "CLB-STICKY",
        title: "Classic Load Balancer: sticky sessions",
        url: "https://github.com/awsdocs/elb-classic-load-balancers-user-guide/blob/4678ffc/doc_source/elb-sticky-sessions.md",
    },
    Source {
        key: "CLB-XZ",
        title: "Classic Load Balancer: cross-zone load balancing",
        url: "https://github.com/awsdocs/elb-classic-load-balancers-user-guide/blob/4678ffc/doc_source/enable-disable-crosszone-lb.md",
    },
    Source {
        key: "CW-ALARM",
        title: "CloudWatch: creating alarms",
        url: "https://github.com/awsdocs/amazon-cloudwatch-user-guide/blob/cd4004c/doc_source/AlarmThatSendsEmail.md",
    },
    Source {
        key: "DDB-MODES",
        title: "DynamoDB: read/write capacity mode",
        url: "https://github.com/awsdocs/amazon-dynamodb-developer-guide/blob/23686b6/doc_source/HowItWorks.ReadWriteCapacityMode.md",
    },
    Source {
        key: "DDB-PART",
        title: "DynamoDB: designing partition keys",
        url: "https://github.com/awsdocs/amazon-dynamodb-developer-guide/blob/23686b6/doc_source/bp-partition-key-design.md",
    },
    Source {
        key: "DDB-QUOTA",
        title: "DynamoDB: service quotas",
        url: "https://github.com/awsdocs/amazon-dynamodb-developer-guide/blob/23686b6/doc_source/ServiceQuotas.md",
    },
    Source {
        key: "EC-FAILOVER",
        title: "ElastiCache for Redis: automatic failover",
        url: "https://github.com/awsdocs/amazon-elasticache-docs/blob/1acbf64/doc_source/redis/AutoFailover.md",
    },
    Source {
        key: "EC2-FLEET-ALLOC",
        title: "EC2 Fleet: allocation strategies",
        url: "https://github.com/awsdocs/amazon-ec2-user-guide/blob/0992ede/doc_source/ec2-fleet-allocation-strategy.md",
    },
    Source {
        key: "EC2-SPOT-BILL",
        title: "EC2: billing for interrupted Spot Instances",
        url: "https://github.com/awsdocs/amazon-ec2-user-guide/blob/0992ede/doc_source/billing-for-interrupted-spot-instances.md",
    },
    Source {
        key: "EC2-SPOT-INT",
        title: "EC2: Spot Instance interruptions",
        url: "https://github.com/awsdocs/amazon-ec2-user-guide/blob/0992ede/doc_source/spot-interruptions.md",
    },
    Source {
        key: "EC2-SPOT-MAXPRICE",
        title: "EC2: using Spot Instances",
        url: "https://github.com/awsdocs/amazon-ec2-user-guide/blob/0992ede/doc_source/using-spot-instances.md",
    },
    Source {
        key: "EC2-SPOT-NOTICE",
        title: "EC2: Spot Instance interruption notices",
        url: "https://github.com/awsdocs/amazon-ec2-user-guide/blob/0992ede/doc_source/spot-instance-termination-notices.md",
    },
    Source {
        key: "EC2-SPOT-USING",
        title: "EC2: using Spot Instances",
        url: "https://github.com/awsdocs/amazon-ec2-user-guide/blob/0992ede/doc_source/using-spot-instances.md",
    },
    Source {
        key: "ECS-LAUNCH",
        title: "Amazon ECS: task recommendations",
        url: "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-recommendations.html",
    },
    Source {
        key: "ECS-SVC",
        title: "Amazon ECS: service definition parameters",
        url: "https://github.com/awsdocs/amazon-ecs-developer-guide/blob/3aef759/doc_source/service_definition_parameters.md",
    },
    Source {
        key: "ECS-TASKDEF",
        title: "Amazon ECS: task definition parameters",
        url: "https://github.com/awsdocs/amazon-ecs-developer-guide/blob/3aef759/doc_source/task_definition_parameters.md",
    },
    Source {
        key: "KDS-LIM",
        title: "Kinesis Data Streams: quotas and limits",
        url: "https://github.com/awsdocs/amazon-kinesis-data-streams-developer-guide/blob/c624b87/doc_source/service-sizes-and-limits.md",
    },
    Source {
        key: "LAM-ALIAS",
        title: "Lambda: function aliases",
        url: "https://github.com/awsdocs/aws-lambda-developer-guide/blob/87e7234/doc_source/configuration-aliases.md",
    },
    Source {
        key: "LAM-ASYNC",
        title: "Lambda: asynchronous invocation",
        url: "https://github.com/awsdocs/aws-lambda-developer-guide/blob/119ccaa/doc_source/invocation-async.md",
    },
    Source {
        key: "LAM-CONC",
        title: "Lambda: concurrency",
        url: "https://docs.aws.amazon.com/lambda/latest/dg/lambda-concurrency.html",
    },
    Source {
        key: "LAM-LIM",
        title: "Lambda: quotas",
        url: "https://github.com/awsdocs/aws-lambda-developer-guide/blob/237b9b6/doc_source/gettingstarted-limits.md",
    },
    Source {
        key: "LAM-PC",
        title: "Lambda: provisioned concurrency",
        url: "https://github.com/awsdocs/aws-lambda-developer-guide/blob/8887987/doc_source/provisioned-concurrency.md",
    },
    Source {
        key: "LAM-PRICING-AWS",
        title: "AWS Lambda pricing",
        url: "https://aws.amazon.com/lambda/pricing/",
    },
    Source {
        key: "LAM-RES",
        title: "Lambda: reserved concurrency",
        url: "https://github.com/awsdocs/aws-lambda-developer-guide/blob/2be81b8/doc_source/configuration-concurrency.md",
    },
    Source {
        key: "LAM-SCALE",
        title: "Lambda: scaling behaviour",
        url: "https://docs.aws.amazon.com/lambda/latest/dg/scaling-behavior.html",
    },
    Source {
        key: "NLB-HC",
        title: "Network Load Balancer: health checks for target groups",
        url: "https://github.com/awsdocs/elb-network-load-balancers-user-guide/blob/1b5c550/doc_source/target-group-health-checks.md",
    },
    Source {
        key: "NLB-TG",
        title: "Network Load Balancer: target groups",
        url: "https://github.com/awsdocs/elb-network-load-balancers-user-guide/blob/1b5c550/doc_source/load-balancer-target-groups.md",
    },
    Source {
        key: "NLB-XZ",
        title: "Network Load Balancer: cross-zone load balancing",
        url: "https://docs.aws.amazon.com/elasticloadbalancing/latest/network/target-group-cross-zone.html",
    },
    Source {
        key: "P-AMNIC",
        title: "Amnic: API Gateway pricing",
        url: "https://amnic.com/blogs/aws-api-gateway-pricing",
    },
    Source {
        key: "P-APIGW-COST",
        title: "API Gateway cost calculator",
        url: "https://www.apigatewaycost.com/aws",
    },
    Source {
        key: "P-CLOUDBURN-NAT",
        title: "CloudBurn: NAT Gateway pricing",
        url: "https://cloudburn.io/blog/aws-nat-gateway-pricing",
    },
    Source {
        key: "P-VANTAGE-ELB",
        title: "Vantage: Elastic Load Balancing pricing",
        url: "https://handbook.vantage.sh/aws/services/elb-pricing",
    },
    Source {
        key: "P-VANTAGE-FARGATE",
        title: "Vantage: Fargate pricing",
        url: "https://www.vantage.sh/blog/fargate-pricing",
    },
    Source {
        key: "P-WRING-FARGATE",
        title: "Wring: AWS Fargate pricing guide",
        url: "https://www.wring.co/blog/aws-fargate-pricing-guide",
    },
    Source {
        key: "R53-ALIAS",
        title: "Route 53: alias and non-alias records",
        url: "https://github.com/awsdocs/amazon-route53-docs/blob/b6a8f0c/doc_source/resource-record-sets-choosing-alias-non-alias.md",
    },
    Source {
        key: "R53-HCV",
        title: "Route 53: values for health checks",
        url: "https://github.com/awsdocs/amazon-route53-docs/blob/b6a8f0c/doc_source/health-checks-creating-values.md",
    },
    Source {
        key: "R53-HEALTH",
        title: "Route 53: how health is determined",
        url: "https://github.com/awsdocs/amazon-route53-docs/blob/b6a8f0c/doc_source/dns-failover-determining-health-of-endpoints.md",
    },
    Source {
        key: "R53-MV",
        title: "Route 53: multivalue answer routing",
        url: "https://github.com/awsdocs/amazon-route53-docs/blob/b6a8f0c/doc_source/routing-policy-multivalue.md",
    },
    Source {
        key: "R53-PRIVATE",
        title: "Route 53: private hosted zones",
        url: "https://github.com/awsdocs/amazon-route53-docs/blob/b6a8f0c/doc_source/hosted-zones-private.md",
    },
    Source {
        key: "R53-WEIGHT",
        title: "Route 53: weighted routing",
        url: "https://github.com/awsdocs/amazon-route53-docs/blob/b6a8f0c/doc_source/routing-policy-weighted.md",
    },
    Source {
        key: "RDS-BILL",
        title: "Amazon RDS: On-Demand DB instances",
        url: "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_OnDemandDBInstances.html",
    },
    Source {
        key: "RDS-MAZ",
        title: "Amazon RDS: Multi-AZ deployments with one standby",
        url: "https://github.com/awsdocs/amazon-rds-user-guide/blob/50e7617/doc_source/Concepts.MultiAZSingleStandby.md",
    },
    Source {
        key: "RDS-RR",
        title: "Amazon RDS: read replicas",
        url: "https://github.com/awsdocs/amazon-rds-user-guide/blob/50e7617/doc_source/USER_ReadRepl.md",
    },
    Source {
        key: "SNS-RETRY",
        title: "Amazon SNS: message delivery retries",
        url: "https://github.com/awsdocs/amazon-sns-developer-guide/blob/b77cf3e/doc_source/sns-message-delivery-retries.md",
    },
    Source {
        key: "SNS-SIZE",
        title: "Amazon SNS: message attributes",
        url: "https://github.com/awsdocs/amazon-sns-developer-guide/blob/b77cf3e/doc_source/sns-message-attributes.md",
    },
    Source {
        key: "SQS-ARCH",
        title: "Amazon SQS: basic architecture",
        url: "https://github.com/awsdocs/amazon-sqs-developer-guide/blob/9b724f5/doc_source/sqs-basic-architecture.md",
    },
    Source {
        key: "SQS-DELAY",
        title: "Amazon SQS: delay queues",
        url: "https://github.com/awsdocs/amazon-sqs-developer-guide/blob/9b724f5/doc_source/sqs-delay-queues.md",
    },
    Source {
        key: "SQS-FIFO",
        title: "Amazon SQS: FIFO queue partitions",
        url: "https://github.com/awsdocs/amazon-sqs-developer-guide/blob/9b724f5/doc_source/partitions-and-data-distribution.md",
    },
    Source {
        key: "SQS-POLL",
        title: "Amazon SQS: short and long polling",
        url: "https://github.com/awsdocs/amazon-sqs-developer-guide/blob/9b724f5/doc_source/sqs-short-and-long-polling.md",
    },
    Source {
        key: "SQS-STD",
        title: "Amazon SQS: standard queues",
        url: "https://github.com/awsdocs/amazon-sqs-developer-guide/blob/9b724f5/doc_source/standard-queues.md",
    },
    Source {
        key: "SQS-VIS",
        title: "Amazon SQS: visibility timeout",
        url: "https://github.com/awsdocs/amazon-sqs-developer-guide/blob/9b724f5/doc_source/sqs-visibility-timeout.md",
    },
    Source {
        key: "VANTAGE-EC2",
        title: "Vantage: EC2 pricing",
        url: "https://handbook.vantage.sh/aws/services/ec2-pricing/",
    },
];

/// The source cited as `key` (without brackets), if the table holds it.
#[must_use]
pub fn source(key: &str) -> Option<&'static Source> {
    SOURCES
        .binary_search_by(|s| s.key.cmp(key))
        .ok()
        .map(|i| &SOURCES[i])
}

/// A piece of a text with its citations resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cited<'a> {
    /// Plain text, shown as it is.
    Text(&'a str),
    /// One or more sources cited together (`[AS-TT], [AS-STEP]`).
    Sources(Vec<&'static Source>),
}

/// Whether `key` is written like a citation key: capitals and digits in parts
/// joined by dashes (`AS-TT`, `EC2-SPOT-USING`).
fn looks_like_key(key: &str) -> bool {
    key.contains('-')
        && key.split('-').all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        })
}

/// The source a bracketed key at the start of `text` cites, and the length
/// of the key with its brackets.
fn key_at(text: &str) -> Option<(&'static Source, usize)> {
    let rest = text.strip_prefix('[')?;
    let end = rest.find(']')?;
    let key = &rest[..end];
    looks_like_key(key)
        .then(|| source(key))
        .flatten()
        .map(|s| (s, end + 2))
}

/// Splits `text` into plain pieces and groups of cited sources. Keys that
/// follow one another, apart only by a comma and spaces, form one group; a
/// space just before a group is dropped with it (the page sets the group
/// off itself). A bracketed text that is no known key stays text.
#[must_use]
pub fn cite(text: &str) -> Vec<Cited<'_>> {
    let mut out = Vec::new();
    let mut plain = 0;
    let mut i = 0;
    while let Some(off) = text[i..].find('[') {
        let at = i + off;
        let Some((first, len)) = key_at(&text[at..]) else {
            i = at + 1;
            continue;
        };
        let mut group = vec![first];
        let mut end = at + len;
        loop {
            let gap = text[end..].len() - text[end..].trim_start_matches([',', ' ']).len();
            let more = (gap > 0).then(|| key_at(&text[end + gap..])).flatten();
            let Some((s, len)) = more else {
                break;
            };
            group.push(s);
            end += gap + len;
        }
        let before = text[plain..at].trim_end_matches(' ');
        if !before.is_empty() {
            out.push(Cited::Text(before));
        }
        out.push(Cited::Sources(group));
        plain = end;
        i = end;
    }
    if plain < text.len() {
        out.push(Cited::Text(&text[plain..]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog;

    #[test]
    fn the_table_is_sorted_and_every_source_has_a_title_and_a_link() {
        assert!(SOURCES.windows(2).all(|w| w[0].key < w[1].key));
        for s in SOURCES {
            assert!(looks_like_key(s.key), "{}", s.key);
            assert!(!s.title.is_empty() && !s.title.contains('['), "{}", s.key);
            assert!(
                s.url.starts_with("https://") || s.url.starts_with("http://"),
                "{}",
                s.key
            );
        }
    }

    #[test]
    fn keys_become_sources_and_the_rest_stays_text() {
        let tt = source("AS-TT").unwrap();
        let step = source("AS-STEP").unwrap();
        assert_eq!(
            cite("How the group decides to scale [AS-TT], [AS-STEP]."),
            vec![
                Cited::Text("How the group decides to scale"),
                Cited::Sources(vec![tt, step]),
                Cited::Text("."),
            ]
        );
        assert_eq!(
            cite("A [b] and [NOT-A-KEY]"),
            vec![Cited::Text("A [b] and [NOT-A-KEY]")]
        );
        assert_eq!(cite("[AS-TT]"), vec![Cited::Sources(vec![tt])]);
        assert_eq!(cite(""), vec![]);
    }

    /// Every text of the catalog a reader sees: kind summaries, parameter
    /// and link parameter help.
    fn catalog_texts() -> Vec<&'static str> {
        let mut texts = Vec::new();
        for k in catalog::kinds() {
            texts.push(k.summary);
            texts.extend(k.params.iter().map(|p| p.help));
        }
        texts.extend(catalog::LINK_PARAMS.iter().map(|p| p.spec.help));
        texts
    }

    /// Whether a piece of text still holds something that reads like a key.
    fn bare_key(text: &str) -> Option<&str> {
        text.match_indices('[').find_map(|(i, _)| {
            let rest = &text[i + 1..];
            let key = &rest[..rest.find(']')?];
            looks_like_key(key).then_some(key)
        })
    }

    #[test]
    fn no_catalog_text_shows_a_bare_key() {
        for text in catalog_texts() {
            for piece in cite(text) {
                if let Cited::Text(t) = piece {
                    assert_eq!(bare_key(t), None, "unknown source in {text:?}");
                }
            }
        }
    }

    #[test]
    fn every_key_the_diagnostics_cite_is_known() {
        // The diagnostics' texts are built in code; their keys are read from it.
        let rules = [
            include_str!("../validate/rules/balancing.rs"),
            include_str!("../validate/rules/dns.rs"),
            include_str!("../validate/rules/edge.rs"),
            include_str!("../validate/rules/integration.rs"),
            include_str!("../validate/rules/scaling.rs"),
            include_str!("../validate/rules/serverless.rs"),
            include_str!("../validate/rules/structure.rs"),
        ];
        let mut checked = 0;
        for code in rules {
            for (i, _) in code.match_indices('[') {
                let rest = &code[i + 1..];
                let Some(key) = rest.find(']').map(|e| &rest[..e]) else {
                    continue;
                };
                if looks_like_key(key) {
                    assert!(source(key).is_some(), "no source for [{key}]");
                    checked += 1;
                }
            }
        }
        assert!(checked > 10, "only {checked} keys found in the diagnostics");
    }
}
