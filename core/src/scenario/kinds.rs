//! Every timeline event the scenario form offers, with its fields (see
//! [`super::fields`]); reading and writing a field by its id; a new event
//! aimed at what the design has.

use super::fields::{
    AT, FOR, FieldKind, FieldSpec, Initial, Targets, factor, optional_percent, other, percent,
    whole,
};
use super::presets;
use super::shape_kinds::X;
use super::{Event, FailureMode, Process};

mod access;
use crate::design::{Design, LinkId};

/// A kind of timeline event: its id, its name and its fields in form order
/// (after [`super::fields::AT`], which every event has).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EventKind {
    /// Stable id, the event's `type` in the document.
    pub id: &'static str,
    /// Name in the form.
    pub name: &'static str,
    /// Editable fields, in form order.
    pub fields: &'static [FieldSpec],
}

const TARGET: FieldSpec = other(
    "target",
    "Target",
    FieldKind::Component {
        kinds: Targets::Serving,
        every: None,
    },
);
const GROUP: FieldSpec = other(
    "target",
    "Group",
    FieldKind::Component {
        kinds: Targets::Group,
        every: None,
    },
);
const API: FieldSpec = other(
    "target",
    "API",
    FieldKind::Component {
        kinds: Targets::Api,
        every: None,
    },
);
const ZONE: FieldSpec = other("az", "Zone", FieldKind::Zone { every: None });
const PROCESSES: [(&str, &str); 8] = [
    ("launch", "Launch"),
    ("terminate", "Terminate"),
    ("health_check", "HealthCheck"),
    ("replace_unhealthy", "ReplaceUnhealthy"),
    ("az_rebalance", "AZRebalance"),
    ("alarm_notification", "AlarmNotification"),
    ("scheduled_actions", "ScheduledActions"),
    ("add_to_load_balancer", "AddToLoadBalancer"),
];
/// What a group does after instances are terminated by hand.
const DECREMENT: [(&str, &str); 2] = [
    ("replace", "Launch replacements"),
    ("decrement", "Lower the desired capacity"),
];
const PROCESS: FieldSpec = other("process", "Process", FieldKind::Choice(&PROCESSES));

/// Every event the form can add, in its order.
pub const EVENT_KINDS: [EventKind; 14] = [
    EventKind {
        id: "instance_failure",
        name: "Instance failure",
        fields: &[
            TARGET,
            whole("count", "Count", 1.0, 1000.0, None),
            other(
                "mode",
                "How",
                FieldKind::Choice(&[("crash", "Crash"), ("hang", "Hang")]),
            ),
        ],
    },
    EventKind {
        id: "az_outage",
        name: "AZ outage",
        fields: &[ZONE, FOR],
    },
    EventKind {
        id: "region_outage",
        name: "Region outage",
        fields: &[
            other(
                "region",
                "Region",
                FieldKind::Region {
                    every: "Every region",
                },
            ),
            FOR,
        ],
    },
    EventKind {
        id: "spot_interruption",
        name: "Spot interruption wave",
        fields: &[
            other(
                "target",
                "Group",
                FieldKind::Component {
                    kinds: Targets::Group,
                    every: Some("Every Spot group"),
                },
            ),
            percent("share", "Share", 0.5),
        ],
    },
    EventKind {
        id: "dependency_slowdown",
        name: "Slowdown",
        fields: &[
            TARGET,
            factor("factor", "Slower", X, Initial::Value(3.0)),
            FOR,
        ],
    },
    EventKind {
        id: "bad_deployment",
        name: "Bad deployment",
        fields: &[TARGET, percent("error_rate", "Failing", 0.2), FOR],
    },
    EventKind {
        id: "scheduled_action",
        name: "Scheduled action",
        fields: &[
            GROUP,
            whole("min", "Min", 0.0, 10_000.0, Some("")),
            whole("max", "Max", 0.0, 10_000.0, Some("")),
            whole("desired", "Desired", 0.0, 10_000.0, Some("")),
        ],
    },
    EventKind {
        id: "instance_refresh",
        name: "Instance refresh (new AMI)",
        fields: &[
            GROUP,
            percent("min_healthy", "Min healthy", 0.9),
            FieldSpec {
                id: "warmup_s",
                label: "Warm-up",
                unit: "s",
                kind: FieldKind::Number {
                    min: 0.0,
                    max: 3600.0,
                    scale: 1.0,
                    whole: false,
                    empty: Some("group's"),
                },
                initial: Initial::FromDesign,
            },
        ],
    },
    EventKind {
        id: "terminate_instances",
        name: "Terminate instances by hand",
        fields: &[
            GROUP,
            whole("count", "Count", 1.0, 1000.0, None),
            other("decrement", "Then", FieldKind::Choice(&DECREMENT)),
        ],
    },
    EventKind {
        id: "ecs_deployment",
        name: "ECS deployment (new task definition)",
        fields: &[
            other(
                "target",
                "Service",
                FieldKind::Component {
                    kinds: Targets::Service,
                    every: None,
                },
            ),
            percent("error_rate", "Failing", 0.0),
        ],
    },
    EventKind {
        id: "api_deployment",
        name: "API Gateway deployment",
        fields: &[
            API,
            percent("error_rate", "Failing", 0.0),
            optional_percent("canary", "Canary", "whole stage"),
        ],
    },
    EventKind {
        id: "stage_rollback",
        name: "Roll back an API stage",
        fields: &[API],
    },
    EventKind {
        id: "weight_change",
        name: "Weight change",
        fields: &[
            other("link", "Link", FieldKind::WeightedLink),
            FieldSpec {
                id: "weight",
                label: "Weight",
                unit: "",
                kind: FieldKind::Number {
                    min: 0.0,
                    max: 255.0,
                    scale: 1.0,
                    whole: false,
                    empty: None,
                },
                initial: Initial::Value(0.0),
            },
        ],
    },
    EventKind {
        id: "spot_price_change",
        name: "Spot price change",
        fields: &[
            other(
                "instance_type",
                "Type",
                FieldKind::InstanceType {
                    every: "Every type",
                },
            ),
            other(
                "az",
                "Zone",
                FieldKind::Zone {
                    every: Some("Every zone"),
                },
            ),
            FieldSpec {
                unit: "× On-Demand",
                ..factor("factor", "Price", X, Initial::Value(0.9))
            },
        ],
    },
];

/// Events the form shows but does not add (they come from imported scenarios).
const OTHER_EVENTS: [EventKind; 3] = [
    EventKind {
        id: "az_recovery",
        name: "AZ recovery",
        fields: &[ZONE],
    },
    EventKind {
        id: "suspend",
        name: "Suspend a process",
        fields: &[GROUP, PROCESS],
    },
    EventKind {
        id: "resume",
        name: "Resume a process",
        fields: &[GROUP, PROCESS],
    },
];

/// The event kind with this id, added from the form or not.
#[must_use]
pub fn event_kind(id: &str) -> Option<&'static EventKind> {
    EVENT_KINDS.iter().chain(&OTHER_EVENTS).find(|k| k.id == id)
}

/// Links that carry a weight (from a load balancer or Route 53), in design order.
#[must_use]
pub fn weighted_links(d: &Design) -> Vec<LinkId> {
    d.links
        .iter()
        .filter(|l| {
            d.component(l.from)
                .is_some_and(|c| Targets::WeightedFrom.admits(c))
        })
        .map(|l| l.id)
        .collect()
}

/// A new event of kind `id` aimed at the design's first fitting target, with
/// each field's first value; `None` when the design has nothing it can act on.
#[must_use]
pub fn new_event(id: &str, d: &Design) -> Option<Event> {
    let first = |kinds: Targets| d.components.iter().find(|c| kinds.admits(c)).map(|c| c.id);
    let zone = presets::zones(d)
        .first()
        .map_or_else(|| "us-east-1a".to_owned(), |z| z.0.clone());
    Some(match id {
        "instance_failure" => Event::InstanceFailure {
            target: first(Targets::Serving)?,
            count: 1,
            mode: FailureMode::Crash,
        },
        "az_outage" => Event::AzOutage {
            az: zone,
            duration_s: Some(600.0),
        },
        "region_outage" => Event::RegionOutage {
            region: presets::regions(d).into_iter().next(),
            duration_s: Some(300.0),
        },
        "spot_interruption" => Event::SpotInterruption {
            target: None,
            share: 0.5,
        },
        "spot_price_change" => Event::SpotPriceChange {
            instance_type: None,
            az: None,
            factor: 0.9,
        },
        "dependency_slowdown" => Event::DependencySlowdown {
            target: first(Targets::Serving)?,
            factor: 3.0,
            duration_s: Some(300.0),
        },
        "bad_deployment" => Event::BadDeployment {
            target: first(Targets::Serving)?,
            error_rate: 0.2,
            duration_s: Some(600.0),
        },
        "scheduled_action" => Event::ScheduledAction {
            target: first(Targets::Group)?,
            min: None,
            max: None,
            desired: Some(4),
        },
        "instance_refresh" => Event::InstanceRefresh {
            target: first(Targets::Group)?,
            min_healthy: 0.9,
            warmup_s: None,
        },
        "terminate_instances" => Event::TerminateInstances {
            target: first(Targets::Group)?,
            count: 1,
            decrement: false,
        },
        "ecs_deployment" => Event::EcsDeployment {
            target: first(Targets::Service)?,
            error_rate: 0.0,
        },
        "api_deployment" => Event::ApiDeployment {
            target: first(Targets::Api)?,
            error_rate: 0.0,
            canary: None,
        },
        "stage_rollback" => Event::StageRollback {
            target: first(Targets::Api)?,
        },
        "weight_change" => Event::WeightChange {
            link: *weighted_links(d).first()?,
            weight: 0.0,
        },
        _ => return None,
    })
}

impl Event {
    /// The event's kind.
    #[must_use]
    pub fn kind(&self) -> &'static EventKind {
        let id = match self {
            Event::InstanceFailure { .. } => "instance_failure",
            Event::AzOutage { .. } => "az_outage",
            Event::AzRecovery { .. } => "az_recovery",
            Event::RegionOutage { .. } => "region_outage",
            Event::SpotInterruption { .. } => "spot_interruption",
            Event::SpotPriceChange { .. } => "spot_price_change",
            Event::DependencySlowdown { .. } => "dependency_slowdown",
            Event::BadDeployment { .. } => "bad_deployment",
            Event::ScheduledAction { .. } => "scheduled_action",
            Event::Suspend { .. } => "suspend",
            Event::Resume { .. } => "resume",
            Event::WeightChange { .. } => "weight_change",
            Event::InstanceRefresh { .. } => "instance_refresh",
            Event::TerminateInstances { .. } => "terminate_instances",
            Event::EcsDeployment { .. } => "ecs_deployment",
            Event::ApiDeployment { .. } => "api_deployment",
            Event::StageRollback { .. } => "stage_rollback",
        };
        event_kind(id).unwrap_or(&EVENT_KINDS[0])
    }
}

/// The spec of field `id` of an event, [`AT`] included.
#[must_use]
pub fn event_field(event: &Event, id: &str) -> Option<&'static FieldSpec> {
    if id == AT.id {
        return Some(&AT);
    }
    event.kind().fields.iter().find(|f| f.id == id)
}
