//! The typed handle of a kind, what the simulator makes of it, and which
//! timeline events may name it.
//!
//! Documents keep a kind as its id string (`"alb"`), so links and files stay
//! readable and stable; code asks [`Kind`] and [`Role`] instead of comparing
//! strings, and the compiler then sees every place a new kind must be handled.

use std::fmt;
use std::str::FromStr;

use super::KindSpec;

macro_rules! kinds {
    ($($(#[$doc:meta])* $variant:ident = $id:literal,)*) => {
        /// One kind of palette entry, as a type. `Kind::Alb.id()` is `"alb"`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Kind {
            $($(#[$doc])* $variant,)*
        }

        impl Kind {
            /// Every kind, in palette order (the order of [`super::KINDS`]).
            pub const ALL: &'static [Kind] = &[$(Kind::$variant,)*];

            /// The stable id used in documents, links and the command line.
            #[must_use]
            pub const fn id(self) -> &'static str {
                match self {
                    $(Kind::$variant => $id,)*
                }
            }
        }

        impl FromStr for Kind {
            type Err = UnknownKind;

            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($id => Ok(Kind::$variant),)*
                    _ => Err(UnknownKind(s.chars().take(40).collect())),
                }
            }
        }
    };
}

kinds! {
    /// Users or clients sending requests.
    Users = "users",
    /// Route 53 DNS.
    Route53 = "route53",
    /// CloudFront, the content delivery network.
    CloudFront = "cloudfront",
    /// API Gateway.
    ApiGateway = "apigw",
    /// Application Load Balancer.
    Alb = "alb",
    /// Network Load Balancer.
    Nlb = "nlb",
    /// Classic Load Balancer.
    Clb = "clb",
    /// One EC2 instance.
    Ec2 = "ec2",
    /// An EC2 Auto Scaling group.
    Asg = "asg",
    /// A Spot Fleet.
    SpotFleet = "spot_fleet",
    /// An ECS cluster of EC2 container instances.
    EcsCluster = "ecs_cluster",
    /// An ECS service on EC2.
    EcsService = "ecs_service",
    /// An ECS service on Fargate.
    Fargate = "fargate",
    /// A Lambda function.
    Lambda = "lambda",
    /// An HTTP backend outside AWS.
    HttpBackend = "http_backend",
    /// A server on premises, registered by IP address.
    OnPremIp = "onprem_ip",
    /// An SQS queue.
    Sqs = "sqs",
    /// An SNS topic.
    Sns = "sns",
    /// A Kinesis data stream.
    Kinesis = "kinesis",
    /// An EventBridge event bus.
    EventBridge = "eventbridge",
    /// A DynamoDB table.
    DynamoDb = "dynamodb",
    /// An RDS database.
    Rds = "rds",
    /// An ElastiCache cluster.
    ElastiCache = "elasticache",
    /// An S3 bucket.
    S3 = "s3",
    /// A CloudWatch alarm.
    CwAlarm = "cw_alarm",
    /// An IAM role.
    IamRole = "iam_role",
    /// A Secrets Manager secret.
    Secrets = "secrets",
    /// A Region frame.
    Region = "region",
    /// An Availability Zone frame.
    Az = "az",
    /// A VPC frame.
    Vpc = "vpc",
    /// A text note.
    Text = "text",
    /// A sticky note.
    Sticky = "sticky",
}

impl Kind {
    /// This kind's catalog entry.
    #[must_use]
    pub fn spec(self) -> &'static KindSpec {
        // `KINDS` lists the kinds in the order of `Kind::ALL`; a test checks it.
        &super::KINDS[self as usize]
    }

    /// What the simulator makes of this kind.
    #[must_use]
    pub fn role(self) -> Role {
        self.spec().role
    }

    /// Which timeline events may name this kind.
    #[must_use]
    pub fn targets(self) -> EventTargets {
        self.spec().targets
    }

    /// Whether the id `s` names this kind.
    #[must_use]
    pub fn is(self, s: &str) -> bool {
        self.id() == s
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// A kind id the catalog does not know (its first 40 characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownKind(pub String);

impl fmt::Display for UnknownKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown kind \"{}\"", self.0)
    }
}

impl std::error::Error for UnknownKind {}

/// What the simulator makes of a kind: which of its parts runs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// Sends requests into the design.
    Source,
    /// Answers DNS queries with the records' targets.
    Dns,
    /// Spreads requests over the targets registered with it.
    LoadBalancer,
    /// Instances or tasks that run the application: a pool of workers that
    /// can scale, fail and be replaced.
    Compute,
    /// A server outside AWS: a pool of workers that never scales.
    External,
    /// A relational database: a pool of connections with replicas and failover.
    Database,
    /// A cache in front of an origin: answers hits itself, forwards misses.
    Cache,
    /// A function the platform runs per request (concurrency, cold starts).
    Function,
    /// A managed service billed and throttled per request (API Gateway,
    /// DynamoDB, S3).
    Managed,
    /// A queue, topic, stream or bus that holds or fans out messages.
    Messaging,
    /// Watches a metric and acts on it.
    Alarm,
    /// Drawn and checked, with no runtime behaviour of its own (clusters,
    /// roles, secrets).
    Passive,
    /// A frame or a note: layout only.
    Layout,
}

impl Role {
    /// Whether the simulator runs this kind as a pool of workers.
    #[must_use]
    pub fn is_pool(self) -> bool {
        matches!(
            self,
            Role::Compute | Role::External | Role::Database | Role::Cache
        )
    }

    /// Whether the platform runs this kind per request (no instances to see).
    #[must_use]
    pub fn is_managed(self) -> bool {
        matches!(self, Role::Function | Role::Managed)
    }

    /// Whether a request limit of this kind refuses requests with a 429
    /// (throttling): functions' concurrency, managed services' rates, and
    /// queues', topics' and streams' quotas.
    #[must_use]
    pub fn throttles(self) -> bool {
        matches!(self, Role::Function | Role::Managed | Role::Messaging)
    }

    /// Whether this kind runs the user's own application code (what a
    /// scenario's traffic presets put load on).
    #[must_use]
    pub fn runs_code(self) -> bool {
        matches!(self, Role::Compute | Role::External | Role::Function)
    }
}

/// Which timeline events may name a kind as their target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct EventTargets {
    /// Instance failures, slowdowns and bad deployments: it serves requests
    /// with code or data that can break.
    pub serving: bool,
    /// Scheduled actions, suspended processes and Spot interruptions: it is a
    /// group whose capacity is managed.
    pub group: bool,
}

impl EventTargets {
    /// Named by no event.
    pub const NONE: EventTargets = EventTargets {
        serving: false,
        group: false,
    };
    /// Named by failures, slowdowns and deployments.
    pub const SERVING: EventTargets = EventTargets {
        serving: true,
        group: false,
    };
    /// Named by those and by the group events too.
    pub const GROUP: EventTargets = EventTargets {
        serving: true,
        group: true,
    };
}

/// Every kind whose role passes `keep`, in palette order.
#[must_use]
pub fn kinds_where(keep: impl Fn(&KindSpec) -> bool) -> Vec<Kind> {
    Kind::ALL
        .iter()
        .copied()
        .filter(|k| keep(k.spec()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_enum_and_the_table_list_the_same_kinds_in_the_same_order() {
        assert_eq!(Kind::ALL.len(), super::super::KINDS.len());
        for (k, spec) in Kind::ALL.iter().zip(super::super::KINDS) {
            assert_eq!(k.id(), spec.id);
            assert_eq!(spec.kind, *k);
            assert_eq!(k.spec().id, spec.id);
            assert_eq!(spec.id.parse::<Kind>(), Ok(*k));
        }
    }

    #[test]
    fn an_unknown_id_is_an_error_that_names_it() {
        let e = "ec3".parse::<Kind>().unwrap_err();
        assert_eq!(e.to_string(), "unknown kind \"ec3\"");
        let long = "x".repeat(500);
        assert_eq!(long.parse::<Kind>().unwrap_err().0.len(), 40);
    }

    #[test]
    fn roles_sort_the_kinds_as_the_simulator_runs_them() {
        let pools = kinds_where(|s| s.role.is_pool());
        assert_eq!(
            pools,
            [
                Kind::CloudFront,
                Kind::Ec2,
                Kind::Asg,
                Kind::SpotFleet,
                Kind::EcsService,
                Kind::Fargate,
                Kind::HttpBackend,
                Kind::OnPremIp,
                Kind::Rds,
                Kind::ElastiCache,
            ]
        );
        let managed = kinds_where(|s| s.role.is_managed());
        assert_eq!(
            managed,
            [Kind::ApiGateway, Kind::Lambda, Kind::DynamoDb, Kind::S3]
        );
        for k in Kind::ALL {
            let layout = !k.spec().placement.is_node();
            assert_eq!(k.role() == Role::Layout, layout, "{k}");
            if k.targets().group {
                assert!(k.targets().serving && k.role() == Role::Compute, "{k}");
            }
        }
    }
}
