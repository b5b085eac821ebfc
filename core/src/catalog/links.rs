//! Settings a link can carry, by what the link means.

use super::{DefaultValue, Kind, LinkMeaning, ParamSpec, ParamType};
use crate::design::{Component, Link};

/// A per-link setting and the kinds of link it applies to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LinkParamSpec {
    /// The setting itself (id, label, unit, type, default, help).
    pub spec: ParamSpec,
    /// Link meanings that carry this setting.
    pub meanings: &'static [LinkMeaning],
}

/// Every per-link setting, in inspector order.
pub static LINK_PARAMS: &[LinkParamSpec] = &[
    LinkParamSpec {
        spec: ParamSpec {
            id: "weight",
            label: "Weight",
            unit: "",
            ty: ParamType::Number {
                min: 0.0,
                max: 255.0,
                step: 1.0,
            },
            default: DefaultValue::Number(1.0),
            help: "Share of traffic is weight ÷ sum of weights; Route 53 weights are 0–255, 0 sends nothing [R53-WEIGHT]. On a call or hand-off it counts only when the caller routes to one downstream by weight.",
            unset: None,
        },
        meanings: &[
            LinkMeaning::DnsAnswer,
            LinkMeaning::TargetGroup,
            LinkMeaning::SyncCall,
            LinkMeaning::AsyncHandOff,
        ],
    },
    LinkParamSpec {
        spec: ParamSpec {
            id: "probability",
            label: "Probability",
            unit: "",
            ty: ParamType::Number {
                min: 0.0,
                max: 1.0,
                step: 0.01,
            },
            default: DefaultValue::Number(1.0),
            help: "Share of the caller's requests that make this call (0–1): 0.2 after a cache with an 80 % hit ratio is cache-aside, where only misses reach the database. Drawn per request. Assumption: you set it from what your code does.",
            unset: None,
        },
        meanings: &[LinkMeaning::SyncCall, LinkMeaning::AsyncHandOff],
    },
    LinkParamSpec {
        spec: ParamSpec {
            id: "count",
            label: "Calls per request",
            unit: "",
            ty: ParamType::Number {
                min: 1.0,
                max: 10.0,
                step: 1.0,
            },
            default: DefaultValue::Number(1.0),
            help: "How many times one request makes this call (1–10), one after the other: 2 doubles the callee's load, and a synchronous caller waits for both answers.",
            unset: None,
        },
        meanings: &[LinkMeaning::SyncCall, LinkMeaning::AsyncHandOff],
    },
    LinkParamSpec {
        spec: ParamSpec {
            id: "failover",
            label: "Failover role",
            unit: "",
            ty: ParamType::Choice(&["none", "primary", "secondary"]),
            default: DefaultValue::Text("none"),
            help: "For failover routing: Route 53 answers with the primary while its health check passes, else the secondary [R53-HEALTH].",
            unset: None,
        },
        meanings: &[LinkMeaning::DnsAnswer],
    },
    LinkParamSpec {
        spec: ParamSpec {
            id: "health_check",
            label: "Route 53 health check",
            unit: "",
            ty: ParamType::Bool,
            default: DefaultValue::Bool(false),
            help: "Checked every 30 s (or 10 s fast) from outside the VPC; unhealthy after 3 failures [R53-HCV].",
            unset: None,
        },
        meanings: &[LinkMeaning::DnsAnswer],
    },
    LinkParamSpec {
        spec: ParamSpec {
            id: "path",
            label: "Path rule",
            unit: "",
            ty: ParamType::Text { max_len: 128 },
            default: DefaultValue::Text("/*"),
            help: "Listener rule path pattern routed to this target group (ALB only; first 10 rules free of LCU charge) [P-VANTAGE-ELB].",
            unset: None,
        },
        meanings: &[LinkMeaning::TargetGroup],
    },
    LinkParamSpec {
        spec: ParamSpec {
            id: "path_pct",
            label: "Requests matching the path",
            unit: "%",
            ty: ParamType::Number {
                min: 0.0,
                max: 100.0,
                step: 1.0,
            },
            default: DefaultValue::Number(0.0),
            help: "ALB only: share of requests whose path matches this rule; they all go to this target group. 0 = the default rule (/*), which takes what no rule matches, split by weight. The shares on one load balancer total at most 100 %. Assumption: the mix of paths is yours to set.",
            unset: None,
        },
        meanings: &[LinkMeaning::TargetGroup],
    },
    LinkParamSpec {
        spec: ParamSpec {
            id: "hc_path",
            label: "Health-check path",
            unit: "",
            ty: ParamType::Text { max_len: 128 },
            default: DefaultValue::Text("/"),
            help: "Path the load balancer checks; default / [ALB-HC]. The path itself is only shown: what it checks is the depth below.",
            unset: None,
        },
        meanings: &[LinkMeaning::TargetGroup],
    },
    LinkParamSpec {
        spec: ParamSpec {
            id: "hc_depth",
            label: "Health check depth",
            unit: "",
            ty: ParamType::Choice(&["shallow", "deep"]),
            default: DefaultValue::Text("shallow"),
            help: "Shallow: the path answers from the application alone, so it passes while the application's database is down and requests keep coming to fail. Deep: the path queries the database, so a database outage fails the check and the target leaves rotation; if every target fails, the load balancer fails open and sends to all [ALB-HC]. Assumption: a deep check fails while no database instance the target calls is in service.",
            unset: None,
        },
        meanings: &[LinkMeaning::TargetGroup],
    },
    LinkParamSpec {
        spec: ParamSpec {
            id: "cross_zone",
            label: "Cross-zone load balancing",
            unit: "",
            ty: ParamType::Choice(&["inherit", "on", "off"]),
            default: DefaultValue::Text("inherit"),
            help: "This target group's own cross-zone setting: inherit takes the load balancer's. An ALB is always cross-zone at the load-balancer level and can turn it off per target group [ALB-XZ]: off, each zone's load-balancer node sends only to this group's targets in its zone, so a zone with fewer targets loads each of them more. NLB target groups take the same setting (assumption: the reference documents it for ALB only; crossing zones is billed on an NLB [NLB-XZ]). A Classic Load Balancer has no target groups and ignores it.",
            unset: None,
        },
        meanings: &[LinkMeaning::TargetGroup],
    },
    LinkParamSpec {
        spec: ParamSpec {
            id: "destination",
            label: "Send when",
            unit: "",
            ty: ParamType::Choice(&["always", "on_success", "on_failure"]),
            default: DefaultValue::Text("always"),
            help: "From a Lambda function only, to a queue, topic, event bus or another function: on_success or on_failure makes the link a destination. An asynchronous invocation (from S3, SNS, EventBridge or an alarm) sends its record there when it succeeds, or when it has failed its 2 retries [LAM-ASYNC]; the handler itself no longer calls it, and synchronous invocations send nothing. always: an ordinary call or hand-off.",
            unset: None,
        },
        meanings: &[LinkMeaning::AsyncHandOff, LinkMeaning::SyncCall],
    },
    LinkParamSpec {
        spec: ParamSpec {
            id: "batch_size",
            label: "Batch size",
            unit: "msg",
            ty: ParamType::Number {
                min: 1.0,
                max: 10_000.0,
                step: 1.0,
            },
            default: DefaultValue::Number(10.0),
            help: "Messages handed to one invocation by an event source mapping. Assumption: 10, the SQS default.",
            unset: None,
        },
        meanings: &[LinkMeaning::EventSource],
    },
];

/// The per-link setting with this id.
#[must_use]
pub fn link_param(id: &str) -> Option<&'static LinkParamSpec> {
    LINK_PARAMS.iter().find(|p| p.spec.id == id)
}

/// The settings a link of this meaning carries, in inspector order.
pub fn link_params_for(meaning: LinkMeaning) -> impl Iterator<Item = &'static ParamSpec> {
    LINK_PARAMS
        .iter()
        .filter(move |p| p.meanings.contains(&meaning))
        .map(|p| &p.spec)
}

/// Whether load balancer `lb` spreads the requests of the target group on
/// `link` across zones: the link's own setting, else (`inherit`, or a
/// Classic Load Balancer, which has no target groups) the load balancer's
/// [ALB-XZ].
#[must_use]
pub fn target_group_cross_zone(lb: &Component, link: &Link) -> bool {
    if lb.is(Kind::Clb) {
        return lb.flag("cross_zone");
    }
    match link.text("cross_zone").as_str() {
        "on" => true,
        "off" => false,
        _ => lb.flag("cross_zone"),
    }
}
