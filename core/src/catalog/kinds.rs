//! The table of kinds, one file per palette category. Facts cite keys of the
//! project's AWS reference notes (for example `[ALB-HC]`); values marked
//! "Assumption" are ours, and the inspector shows them as such.

use super::{
    Accept, Category, DefaultValue, EventTargets, FixedParam, Kind, KindSpec, LinkMeaning,
    ParamSpec, ParamType, Placement, Role, Unset,
};

mod compute;
mod containers;
mod data;
mod edge;
mod external;
mod fixed;
mod frames;
mod integration;
mod management;
mod networking;
mod serverless;

/// EC2 instance types the simulator prices and scales (on-demand prices in `cost`).
pub const INSTANCE_TYPES: &[&str] = &[
    "t3.micro",
    "t3.medium",
    "m5.large",
    "m5.xlarge",
    "c5.large",
    "c5.xlarge",
    "r5.large",
    "m7g.large",
];

/// Every kind, in palette order.
pub static KINDS: &[KindSpec] = &[
    edge::USERS,
    edge::ROUTE53,
    edge::CLOUDFRONT,
    edge::APIGW,
    networking::ALB,
    networking::NLB,
    networking::CLB,
    compute::EC2,
    compute::ASG,
    compute::SPOT_FLEET,
    containers::ECS_CLUSTER,
    containers::ECS_SERVICE,
    containers::FARGATE,
    serverless::LAMBDA,
    external::HTTP_BACKEND,
    external::ONPREM_IP,
    integration::SQS,
    integration::SNS,
    integration::KINESIS,
    integration::EVENTBRIDGE,
    data::DYNAMODB,
    data::RDS,
    data::ELASTICACHE,
    data::S3,
    management::CW_ALARM,
    management::IAM_ROLE,
    management::SECRETS,
    frames::REGION,
    frames::AZ,
    frames::VPC,
    frames::TEXT,
    frames::STICKY,
];

#[allow(clippy::too_many_arguments)] // one table row per call reads best
const fn num(
    id: &'static str,
    label: &'static str,
    unit: &'static str,
    min: f64,
    max: f64,
    step: f64,
    default: f64,
    help: &'static str,
) -> ParamSpec {
    ParamSpec {
        id,
        label,
        unit,
        ty: ParamType::Number { min, max, step },
        default: DefaultValue::Number(default),
        help,
        unset: None,
    }
}

/// `spec` with a "not set" value, shown as a checkbox labelled `label`;
/// clearing the box stores `enabled`.
const fn unset(spec: ParamSpec, value: f64, label: &'static str, enabled: f64) -> ParamSpec {
    ParamSpec {
        unset: Some(Unset {
            value,
            label,
            enabled,
        }),
        ..spec
    }
}

const fn flag(
    id: &'static str,
    label: &'static str,
    default: bool,
    help: &'static str,
) -> ParamSpec {
    ParamSpec {
        id,
        label,
        unit: "",
        ty: ParamType::Bool,
        default: DefaultValue::Bool(default),
        help,
        unset: None,
    }
}

const fn choice(
    id: &'static str,
    label: &'static str,
    options: &'static [&'static str],
    default: &'static str,
    help: &'static str,
) -> ParamSpec {
    ParamSpec {
        id,
        label,
        unit: "",
        ty: ParamType::Choice(options),
        default: DefaultValue::Text(default),
        help,
        unset: None,
    }
}

const fn text(
    id: &'static str,
    label: &'static str,
    max_len: usize,
    default: &'static str,
    help: &'static str,
) -> ParamSpec {
    ParamSpec {
        id,
        label,
        unit: "",
        ty: ParamType::Text { max_len },
        default: DefaultValue::Text(default),
        help,
        unset: None,
    }
}

const fn sync(to: &'static str) -> Accept {
    Accept {
        to,
        meaning: LinkMeaning::SyncCall,
    }
}

const fn target(to: &'static str) -> Accept {
    Accept {
        to,
        meaning: LinkMeaning::TargetGroup,
    }
}

const fn handoff(to: &'static str) -> Accept {
    Accept {
        to,
        meaning: LinkMeaning::AsyncHandOff,
    }
}

const fn dns(to: &'static str) -> Accept {
    Accept {
        to,
        meaning: LinkMeaning::DnsAnswer,
    }
}

const fn source(to: &'static str) -> Accept {
    Accept {
        to,
        meaning: LinkMeaning::EventSource,
    }
}

const fn control(to: &'static str) -> Accept {
    Accept {
        to,
        meaning: LinkMeaning::Control,
    }
}

/// Parameters every compute node shares: how one instance serves requests.
const SERVING: [ParamSpec; 4] = [
    num(
        "workers",
        "Workers per instance",
        "",
        1.0,
        4096.0,
        1.0,
        8.0,
        "Requests one instance serves at once (threads or connections). Assumption: 8 for a 2-vCPU m5.large.",
    ),
    num(
        "queue",
        "Queue per instance",
        "req",
        0.0,
        100_000.0,
        1.0,
        100.0,
        "Requests that may wait for a worker; arrivals beyond are rejected (503). Assumption.",
    ),
    num(
        "service_ms",
        "Service time",
        "ms",
        0.01,
        600_000.0,
        1.0,
        40.0,
        "Mean time one request needs on an m5.large; other types scale it by their vCPUs. Assumption.",
    ),
    choice(
        "service_dist",
        "Service-time distribution",
        &["exponential", "deterministic", "lognormal"],
        "exponential",
        "Shape of the service time around its mean.",
    ),
];

/// How a compute tier uses its outgoing calls and hand-offs.
const ROUTING: ParamSpec = choice(
    "routing",
    "Downstream calls",
    &["each", "weight"],
    "each",
    "each: every request makes each of its calls in turn (a link's probability and calls per request still apply). weight: every request makes one of them, drawn by the links' weights (a service routing to one of several backends).",
);

/// The Availability Zone of a lone instance or database.
const AZ: ParamSpec = text(
    "az",
    "Availability Zone",
    32,
    "",
    "Zone name such as us-east-1a; empty = the AZ frame the component sits in. An AZ outage stops it.",
);

/// A baseline share of failing requests (a bug, a bad dependency).
const ERROR_PCT: ParamSpec = num(
    "error_pct",
    "Error rate",
    "%",
    0.0,
    100.0,
    0.1,
    0.0,
    "Share of requests that fail even when healthy; a bad deployment on the timeline raises it.",
);

/// Calls an application tier typically makes: data stores, messaging, roles.
const APP_CALLS: [Accept; 18] = [
    sync("rds"),
    sync("route53"),
    sync("dynamodb"),
    sync("elasticache"),
    sync("s3"),
    sync("http_backend"),
    sync("onprem_ip"),
    sync("alb"),
    sync("nlb"),
    sync("apigw"),
    handoff("sqs"),
    handoff("sns"),
    handoff("kinesis"),
    handoff("eventbridge"),
    handoff("ec2"),
    control("iam_role"),
    control("secrets"),
    control("cw_alarm"),
];
