//! The catalog of component kinds: one data-driven table.
//!
//! Every kind a user can place on the canvas is one [`KindSpec`]: its id, name,
//! category, icon, parameters (with unit, default, bounds and the AWS fact
//! behind them) and the connections it accepts. The palette and the inspector
//! in the app are generated from this table, and the simulator reads parameter
//! values through it, so adding a kind is one entry here plus its behaviour.

use crate::design::kinds::{AnnotationKind, GroupKind};

mod kind;
mod kinds;
mod links;
mod rules;
mod value;

pub use kind::{EventTargets, Kind, Role, UnknownKind, kinds_where};
pub use kinds::{INSTANCE_TYPES, KINDS};
pub use links::{LINK_PARAMS, LinkParamSpec, link_param, link_params_for};
pub use rules::{LinkRefusal, check_link};
pub use value::ValueError;

/// Where a kind sits in the palette; also picks its colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    /// Users and clients that send traffic.
    Clients,
    /// DNS, CDN and API front doors.
    Edge,
    /// Load balancers.
    Networking,
    /// Instances, groups, containers and functions.
    Compute,
    /// Queues, topics, streams and event buses.
    Integration,
    /// Databases, caches and object storage.
    Data,
    /// Alarms, roles and secrets.
    Management,
    /// Regions, Availability Zones, VPCs.
    Grouping,
    /// Text and sticky notes.
    Annotation,
}

impl Category {
    /// Every category, in palette order.
    pub const ALL: [Category; 9] = [
        Category::Clients,
        Category::Edge,
        Category::Networking,
        Category::Compute,
        Category::Integration,
        Category::Data,
        Category::Management,
        Category::Grouping,
        Category::Annotation,
    ];

    /// The heading shown in the palette.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Category::Clients => "Clients",
            Category::Edge => "Edge & DNS",
            Category::Networking => "Load balancing",
            Category::Compute => "Compute",
            Category::Integration => "Application integration",
            Category::Data => "Data",
            Category::Management => "Management",
            Category::Grouping => "Groups",
            Category::Annotation => "Annotations",
        }
    }

    /// A stable id for CSS classes and tests.
    #[must_use]
    pub fn id(self) -> &'static str {
        match self {
            Category::Clients => "clients",
            Category::Edge => "edge",
            Category::Networking => "networking",
            Category::Compute => "compute",
            Category::Integration => "integration",
            Category::Data => "data",
            Category::Management => "management",
            Category::Grouping => "grouping",
            Category::Annotation => "annotation",
        }
    }
}

/// The type of a parameter's value, with its bounds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ParamType {
    /// A number between `min` and `max` inclusive, edited in steps of `step`.
    Number {
        /// Smallest accepted value.
        min: f64,
        /// Largest accepted value.
        max: f64,
        /// Granularity of the editor (1.0 for whole numbers).
        step: f64,
    },
    /// On or off.
    Bool,
    /// One of a fixed list of option ids.
    Choice(&'static [&'static str]),
    /// Free text (names, cron expressions, lists).
    Text {
        /// Longest accepted length in characters.
        max_len: usize,
    },
}

/// A default value in the static catalog.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DefaultValue {
    /// A number.
    Number(f64),
    /// A boolean.
    Bool(bool),
    /// A choice id or a text.
    Text(&'static str),
}

/// One parameter of a kind.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ParamSpec {
    /// Stable id, used in the document and the share link.
    pub id: &'static str,
    /// Label shown in the inspector.
    pub label: &'static str,
    /// Unit shown beside the value ("s", "ms", "MB", "req/s", "%"), or "".
    pub unit: &'static str,
    /// Type and bounds.
    pub ty: ParamType,
    /// Value used when the document does not set one.
    pub default: DefaultValue,
    /// Help text: what it does and the AWS fact behind the default.
    pub help: &'static str,
}

/// What a connection from one kind to another means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LinkMeaning {
    /// The caller waits for the answer and holds a worker while it waits.
    SyncCall,
    /// The caller hands a message over and moves on.
    AsyncHandOff,
    /// A DNS record answers with the target.
    DnsAnswer,
    /// The target is registered in the load balancer's target group.
    TargetGroup,
    /// The target polls or is invoked by the source (event source mapping).
    EventSource,
    /// The source watches or configures the target (alarm actions, roles).
    Control,
}

/// A connection a kind accepts as its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Accept {
    /// Kind id of the target.
    pub to: &'static str,
    /// What the link means.
    pub meaning: LinkMeaning,
}

/// How a palette entry lands on the canvas.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Placement {
    /// A component with parameters and links.
    Node,
    /// A grouping frame (Region, Availability Zone, VPC).
    Frame(GroupKind),
    /// A text or sticky-note annotation.
    Note(AnnotationKind),
}

impl Placement {
    /// Whether entries of this placement become [`crate::design::Component`]s.
    #[must_use]
    pub fn is_node(self) -> bool {
        matches!(self, Placement::Node)
    }
}

/// One kind of component.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KindSpec {
    /// Stable id (`"alb"`, `"asg"`), used in documents, links and tests.
    pub id: &'static str,
    /// The same kind as a type.
    pub kind: Kind,
    /// What the simulator makes of it.
    pub role: Role,
    /// Which timeline events may name it.
    pub targets: EventTargets,
    /// Display name ("Application Load Balancer").
    pub name: &'static str,
    /// Short name for the canvas ("ALB").
    pub short: &'static str,
    /// Palette category.
    pub category: Category,
    /// Component, frame or note.
    pub placement: Placement,
    /// Icon id in the app's icon set.
    pub icon: &'static str,
    /// One-line description for the palette tooltip.
    pub summary: &'static str,
    /// Parameters, in inspector order.
    pub params: &'static [ParamSpec],
    /// Outgoing connections this kind may make.
    pub accepts: &'static [Accept],
    /// Settings the kind does not expose, with the value the simulator uses
    /// for them (a Spot Fleet has no scaling policy of its own: its target
    /// CPU is fixed). Parameter reads fall back to these after `params`.
    pub fixed: &'static [FixedParam],
}

/// A setting a kind does not let the user change, and its value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FixedParam {
    /// The parameter id other kinds expose (`"queue"`, `"error_pct"`).
    pub id: &'static str,
    /// The value this kind always has.
    pub value: DefaultValue,
}

impl KindSpec {
    /// The parameter with this id, if the kind has it.
    #[must_use]
    pub fn param(&self, id: &str) -> Option<&'static ParamSpec> {
        self.params.iter().find(|p| p.id == id)
    }

    /// The value a parameter takes when the document does not set it: the
    /// parameter's default, else the kind's fixed value for it; `None` when
    /// the kind knows neither.
    #[must_use]
    pub fn default_of(&self, id: &str) -> Option<DefaultValue> {
        self.param(id)
            .map(|p| p.default)
            .or_else(|| self.fixed.iter().find(|f| f.id == id).map(|f| f.value))
    }

    /// What a link from this kind to `to` would mean, or `None` if it is not allowed.
    #[must_use]
    pub fn link_to(&self, to: &str) -> Option<LinkMeaning> {
        self.accepts.iter().find(|a| a.to == to).map(|a| a.meaning)
    }
}

/// Every kind, in palette order.
#[must_use]
pub fn kinds() -> &'static [KindSpec] {
    KINDS
}

/// The kind with this id.
#[must_use]
pub fn kind(id: &str) -> Option<&'static KindSpec> {
    KINDS.iter().find(|k| k.id == id)
}

/// The palette: every category that has kinds, with its kinds in order.
#[must_use]
pub fn palette() -> Vec<(Category, Vec<&'static KindSpec>)> {
    Category::ALL
        .iter()
        .map(|&c| {
            (
                c,
                KINDS.iter().filter(|k| k.category == c).collect::<Vec<_>>(),
            )
        })
        .filter(|(_, ks)| !ks.is_empty())
        .collect()
}

/// Whether kind `k`'s id, name, short name, summary or category contains
/// `query` (ASCII letters in any case: the catalog's words are ASCII, and the
/// case tables of every script would weigh on the page); every kind matches
/// an empty query. The palette's search box filters with this.
#[must_use]
pub fn matches(k: &KindSpec, query: &str) -> bool {
    let q = query.trim().to_ascii_lowercase();
    q.is_empty()
        || [k.id, k.name, k.short, k.summary, k.category.label()]
            .iter()
            .any(|s| s.to_ascii_lowercase().contains(&q))
}

/// Kinds that [`matches`] `query`, in palette order.
#[must_use]
pub fn search(query: &str) -> Vec<&'static KindSpec> {
    KINDS.iter().filter(|k| matches(k, query)).collect()
}

/// Kinds a component of kind `from` may link to, with what each link means:
/// what the canvas highlights while a connection is being dragged.
#[must_use]
pub fn targets_of(from: &str) -> Vec<(&'static KindSpec, LinkMeaning)> {
    kind(from)
        .map(|k| {
            k.accepts
                .iter()
                .filter_map(|a| kind(a.to).map(|t| (t, a.meaning)))
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique() {
        let mut ids: Vec<_> = kinds().iter().map(|k| k.id).collect();
        ids.sort_unstable();
        let n = ids.len();
        ids.dedup();
        assert_eq!(n, ids.len());
    }

    #[test]
    fn defaults_fit_their_types() {
        for k in kinds() {
            for p in k.params {
                match (p.ty, p.default) {
                    (ParamType::Number { min, max, .. }, DefaultValue::Number(v)) => {
                        assert!((min..=max).contains(&v), "{}.{}", k.id, p.id);
                    }
                    (ParamType::Bool, DefaultValue::Bool(_)) => {}
                    (ParamType::Choice(opts), DefaultValue::Text(v)) => {
                        assert!(opts.contains(&v), "{}.{}", k.id, p.id);
                    }
                    (ParamType::Text { max_len }, DefaultValue::Text(v)) => {
                        assert!(v.len() <= max_len, "{}.{}", k.id, p.id);
                    }
                    _ => panic!("{}.{}: default does not match type", k.id, p.id),
                }
            }
        }
    }

    #[test]
    fn links_point_at_known_components() {
        for k in kinds() {
            for a in k.accepts {
                let t = kind(a.to).unwrap_or_else(|| panic!("{} -> {}", k.id, a.to));
                assert!(t.placement.is_node(), "{} -> {}", k.id, a.to);
            }
            let mut to: Vec<_> = k.accepts.iter().map(|a| a.to).collect();
            to.sort_unstable();
            to.dedup();
            assert_eq!(to.len(), k.accepts.len(), "{} lists a target twice", k.id);
        }
    }

    #[test]
    fn every_kind_and_param_is_documented() {
        for k in kinds() {
            assert!(!k.name.is_empty() && !k.summary.is_empty() && !k.icon.is_empty());
            let mut ids: Vec<_> = k.params.iter().map(|p| p.id).collect();
            ids.sort_unstable();
            ids.dedup();
            assert_eq!(ids.len(), k.params.len(), "{}: duplicate param", k.id);
            for p in k.params {
                assert!(
                    !p.label.is_empty() && !p.help.is_empty(),
                    "{}.{}",
                    k.id,
                    p.id
                );
            }
        }
    }

    #[test]
    fn the_issue_kinds_are_all_present() {
        for id in [
            "users",
            "route53",
            "cloudfront",
            "apigw",
            "alb",
            "nlb",
            "clb",
            "ec2",
            "asg",
            "spot_fleet",
            "ecs_cluster",
            "ecs_service",
            "fargate",
            "lambda",
            "sqs",
            "sns",
            "kinesis",
            "eventbridge",
            "dynamodb",
            "rds",
            "elasticache",
            "s3",
            "cw_alarm",
            "http_backend",
            "onprem_ip",
            "iam_role",
            "secrets",
            "region",
            "az",
            "vpc",
            "text",
            "sticky",
        ] {
            assert!(kind(id).is_some(), "{id}");
        }
    }

    #[test]
    fn simulator_parameter_ids_are_stable() {
        let has = |k: &str, ps: &[&str]| {
            for p in ps {
                assert!(kind(k).and_then(|s| s.param(p)).is_some(), "{k}.{p}");
            }
        };
        has("users", &["rate", "origin", "timeout_s", "retries"]);
        has(
            "alb",
            &[
                "cross_zone",
                "algorithm",
                "hc_interval_s",
                "hc_timeout_s",
                "healthy_threshold",
                "unhealthy_threshold",
                "dereg_delay_s",
                "stickiness",
                "idle_timeout_s",
            ],
        );
        for k in ["ec2", "asg"] {
            has(
                k,
                &[
                    "instance_type",
                    "workers",
                    "queue",
                    "service_ms",
                    "service_dist",
                ],
            );
        }
        has(
            "asg",
            &[
                "min",
                "desired",
                "max",
                "azs",
                "boot_s",
                "policy",
                "target_cpu",
                "warmup_s",
                "health_check",
                "grace_s",
            ],
        );
        has(
            "rds",
            &["instance_class", "multi_az", "connections", "service_ms"],
        );
    }

    #[test]
    fn link_refusals_explain_the_rule() {
        assert_eq!(check_link("alb", "lambda"), Ok(LinkMeaning::TargetGroup));
        assert_eq!(check_link("route53", "alb"), Ok(LinkMeaning::DnsAnswer));
        assert_eq!(check_link("sqs", "lambda"), Ok(LinkMeaning::EventSource));
        let r = check_link("nlb", "lambda").unwrap_err();
        assert!(r.reason.contains("NLB targets are instances"), "{r}");
        let r = check_link("rds", "alb").unwrap_err();
        assert!(
            r.reason.contains("links end here") || r.reason.contains("can connect to"),
            "{r}"
        );
        let r = check_link("ec2", "users").unwrap_err();
        assert!(r.reason.contains("it can connect to: RDS"), "{r}");
        assert!(check_link("region", "alb").is_err());
    }

    #[test]
    fn palette_and_search_cover_the_table() {
        let n: usize = palette().iter().map(|(_, ks)| ks.len()).sum();
        assert_eq!(n, kinds().len());
        assert!(search("queue").iter().any(|k| k.id == "sqs"));
        assert!(search("LOAD BAL").iter().any(|k| k.id == "nlb"));
        let alb = kind("alb").unwrap();
        assert!(matches(alb, ""));
        assert!(matches(alb, "load"));
        assert!(matches(alb, " ALB "));
        assert!(!matches(alb, "database"));
        assert!(
            targets_of("alb")
                .iter()
                .any(|(k, m)| k.id == "lambda" && *m == LinkMeaning::TargetGroup)
        );
    }
}
