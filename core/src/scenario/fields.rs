//! The editable fields of traffic shapes and timeline events, described as
//! data like the catalog's parameters (id, label, unit, bounds, first value):
//! the page builds the scenario form from these tables and the scenario
//! commands check every value against them.

use crate::catalog::{Kind, Role, ValueError};
use crate::design::{Component, ComponentId, LinkId};

/// Longest run a scenario field accepts in seconds (30 days, the simulator's limit).
pub const MAX_TIME_S: f64 = 30.0 * 86_400.0;

/// Longest zone or region name a field accepts, in characters.
pub const MAX_NAME: usize = 64;

/// Which components a component field may name; the catalog answers for
/// each kind (its `EventTargets` and `Role`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Targets {
    /// What an instance failure, a slowdown or a bad deployment can aim at:
    /// kinds that serve requests with code or data that can break.
    Serving,
    /// What a scheduled action, a suspended process or a Spot interruption
    /// aims at: groups whose capacity is managed.
    Group,
    /// What an ECS deployment aims at: ECS services on EC2 or Fargate.
    Service,
    /// What an API Gateway deployment or stage rollback aims at: API stages.
    Api,
    /// Components whose outgoing links carry a weight: load balancers and
    /// Route 53.
    WeightedFrom,
    /// Traffic sources (Users), which traffic shapes apply to.
    Source,
}

impl Targets {
    /// Whether component `c` may be named.
    #[must_use]
    pub fn admits(self, c: &Component) -> bool {
        let Some(spec) = c.spec() else { return false };
        match self {
            Targets::Serving => spec.targets.serving,
            Targets::Group => spec.targets.group,
            Targets::Service => matches!(spec.kind, Kind::EcsService | Kind::Fargate),
            Targets::Api => spec.kind == Kind::ApiGateway,
            Targets::WeightedFrom => matches!(spec.role, Role::LoadBalancer | Role::Dns),
            Targets::Source => spec.role == Role::Source,
        }
    }
}

/// What an editable field holds, with its bounds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum FieldKind {
    /// A number between `min` and `max` inclusive, in the stored unit.
    Number {
        /// Smallest accepted value.
        min: f64,
        /// Largest accepted value.
        max: f64,
        /// The shown value is the stored one times this (100 for a share shown in %).
        scale: f64,
        /// Only whole numbers.
        whole: bool,
        /// What an empty field means ("to the end"), when it may be empty.
        empty: Option<&'static str>,
    },
    /// A component the catalog says may be named.
    Component {
        /// Which components qualify.
        kinds: Targets,
        /// The name of choosing none ("Every Spot group"), when that is allowed.
        every: Option<&'static str>,
    },
    /// A link that carries a weight (from a load balancer or Route 53).
    WeightedLink,
    /// An Availability Zone's name.
    Zone {
        /// The name of choosing none ("Every zone"), when that is allowed.
        every: Option<&'static str>,
    },
    /// An EC2 instance type the simulator prices ([`crate::catalog::INSTANCE_TYPES`]).
    InstanceType {
        /// The name of choosing none ("Every type").
        every: &'static str,
    },
    /// A Region frame's label, or none.
    Region {
        /// The name of choosing none ("Every region").
        every: &'static str,
    },
    /// One of fixed options, as (id, label).
    Choice(&'static [(&'static str, &'static str)]),
}

/// The value a field starts with when its shape is chosen.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Initial {
    /// This value.
    Value(f64),
    /// This share of the run's duration (at least a minute), rounded to a second.
    OfRun(f64),
    /// Picked from the design when the event is added (see [`super::new_event`]).
    FromDesign,
}

/// One editable field of a shape or an event.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FieldSpec {
    /// Stable id: the field's name in the document ("at_s").
    pub id: &'static str,
    /// Label shown in the form.
    pub label: &'static str,
    /// Unit shown beside the value ("s", "%", "×"), or "".
    pub unit: &'static str,
    /// Type and bounds.
    pub kind: FieldKind,
    /// Its first value.
    pub initial: Initial,
}

/// A field's value.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldValue {
    /// A number in the stored unit; `None` is an empty field.
    Number(Option<f64>),
    /// A component, or none.
    Component(Option<ComponentId>),
    /// A link.
    Link(LinkId),
    /// A zone, region or option id; `None` is none.
    Text(Option<String>),
}

const fn number(
    id: &'static str,
    label: &'static str,
    unit: &'static str,
    max: f64,
    initial: Initial,
) -> FieldSpec {
    FieldSpec {
        id,
        label,
        unit,
        kind: FieldKind::Number {
            min: 0.0,
            max,
            scale: 1.0,
            whole: false,
            empty: None,
        },
        initial,
    }
}

/// A time in seconds from 0 to [`MAX_TIME_S`].
pub(super) const fn time(id: &'static str, label: &'static str, initial: Initial) -> FieldSpec {
    number(id, label, "s", MAX_TIME_S, initial)
}

/// A factor of a rate or a time, from 0 to 1000.
pub(super) const fn factor(
    id: &'static str,
    label: &'static str,
    unit: &'static str,
    initial: Initial,
) -> FieldSpec {
    number(id, label, unit, 1000.0, initial)
}

/// A share from 0 to 1, shown in percent.
pub(super) const fn percent(id: &'static str, label: &'static str, initial: f64) -> FieldSpec {
    share(id, label, None, Initial::Value(initial))
}

/// A share from 0 to 1, shown in percent, that may be left empty: `empty`
/// says what an empty field means; it starts as the design suggests.
pub(super) const fn optional_percent(
    id: &'static str,
    label: &'static str,
    empty: &'static str,
) -> FieldSpec {
    share(id, label, Some(empty), Initial::FromDesign)
}

/// A share from 0 to 1 in percent, with what an empty field means, if it may be empty.
const fn share(
    id: &'static str,
    label: &'static str,
    empty: Option<&'static str>,
    initial: Initial,
) -> FieldSpec {
    FieldSpec {
        id,
        label,
        unit: "%",
        kind: FieldKind::Number {
            min: 0.0,
            max: 1.0,
            scale: 100.0,
            whole: false,
            empty,
        },
        initial,
    }
}

/// A whole number from `min` to `max`; `empty` when it may be left empty.
pub(super) const fn whole(
    id: &'static str,
    label: &'static str,
    min: f64,
    max: f64,
    empty: Option<&'static str>,
) -> FieldSpec {
    FieldSpec {
        id,
        label,
        unit: "",
        kind: FieldKind::Number {
            min,
            max,
            scale: 1.0,
            whole: true,
            empty,
        },
        initial: Initial::FromDesign,
    }
}

/// A field of another kind.
pub(super) const fn other(id: &'static str, label: &'static str, kind: FieldKind) -> FieldSpec {
    FieldSpec {
        id,
        label,
        unit: "",
        kind,
        initial: Initial::FromDesign,
    }
}

/// When an event happens: every event has it.
pub const AT: FieldSpec = time("at_s", "At", Initial::OfRun(1.0 / 3.0));

/// How long an outage, slowdown or deployment lasts; empty lasts to the end.
pub(super) const FOR: FieldSpec = FieldSpec {
    id: "duration_s",
    label: "For",
    unit: "s",
    kind: FieldKind::Number {
        min: 0.0,
        max: MAX_TIME_S,
        scale: 1.0,
        whole: false,
        empty: Some("to the end"),
    },
    initial: Initial::FromDesign,
};

impl Initial {
    /// The value in a run of `duration_s`, or `None` when the design picks it.
    #[must_use]
    pub fn value(self, duration_s: f64) -> Option<f64> {
        match self {
            Initial::Value(v) => Some(v),
            Initial::OfRun(share) => Some((duration_s.max(60.0) * share).round()),
            Initial::FromDesign => None,
        }
    }
}

impl FieldSpec {
    /// Whether `value` is acceptable for this field.
    ///
    /// # Errors
    /// A [`ValueError`] in the form's terms (a share is named in percent).
    pub fn check(&self, value: &FieldValue) -> Result<(), ValueError> {
        let wrong = |expected| ValueError::WrongType {
            param: self.label,
            expected,
        };
        match (self.kind, value) {
            (
                FieldKind::Number {
                    min,
                    max,
                    scale,
                    whole,
                    empty,
                },
                FieldValue::Number(v),
            ) => match v {
                None if empty.is_some() => Ok(()),
                None => Err(wrong("a number")),
                Some(v) if !(v.is_finite() && (min..=max).contains(v)) => {
                    Err(ValueError::OutOfRange {
                        param: self.label,
                        value: v * scale,
                        min: min * scale,
                        max: max * scale,
                    })
                }
                Some(v) if whole && v.fract() != 0.0 => Err(wrong("a whole number")),
                Some(_) => Ok(()),
            },
            (FieldKind::Component { every, .. }, FieldValue::Component(c)) => {
                if c.is_none() && every.is_none() {
                    Err(wrong("a component"))
                } else {
                    Ok(())
                }
            }
            (FieldKind::WeightedLink, FieldValue::Link(_)) => Ok(()),
            (FieldKind::Zone { .. }, FieldValue::Text(Some(t))) if !t.trim().is_empty() => {
                self.check_len(t)
            }
            (FieldKind::Zone { every: Some(_) }, FieldValue::Text(None)) => Ok(()),
            (FieldKind::Zone { .. }, _) => Err(wrong("a zone's name")),
            (FieldKind::InstanceType { .. }, FieldValue::Text(None)) => Ok(()),
            (FieldKind::InstanceType { .. }, FieldValue::Text(Some(t)))
                if crate::catalog::INSTANCE_TYPES.contains(&t.as_str()) =>
            {
                Ok(())
            }
            (FieldKind::InstanceType { .. }, _) => Err(wrong("an instance type of the list")),
            (FieldKind::Region { .. }, FieldValue::Text(t)) => {
                t.as_deref().map_or(Ok(()), |t| self.check_len(t))
            }
            (FieldKind::Choice(options), FieldValue::Text(Some(t)))
                if options.iter().any(|o| o.0 == t) =>
            {
                Ok(())
            }
            (FieldKind::Choice(_), _) => Err(wrong("one of the listed options")),
            (FieldKind::Number { .. }, _) => Err(wrong("a number")),
            (FieldKind::Component { .. }, _) => Err(wrong("a component")),
            (FieldKind::WeightedLink, _) => Err(wrong("a link")),
            (FieldKind::Region { .. }, _) => Err(wrong("a region's name")),
        }
    }

    fn check_len(&self, text: &str) -> Result<(), ValueError> {
        if text.chars().count() > MAX_NAME {
            Err(ValueError::TooLong {
                param: self.label,
                max_len: MAX_NAME,
            })
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod target_tests {
    use super::Targets;
    use crate::catalog::Kind;
    use crate::design::Component;

    fn admitted(t: Targets) -> Vec<&'static str> {
        Kind::ALL
            .iter()
            .filter(|k| t.admits(&Component::new(1, **k, &[])))
            .map(|k| k.id())
            .collect()
    }

    #[test]
    fn the_catalog_names_what_each_event_field_may_aim_at() {
        assert_eq!(
            admitted(Targets::Serving),
            [
                "ec2",
                "asg",
                "spot_fleet",
                "ecs_service",
                "fargate",
                "lambda",
                "http_backend",
                "onprem_ip",
                "dynamodb",
                "rds",
                "elasticache"
            ]
        );
        assert_eq!(
            admitted(Targets::Group),
            ["asg", "spot_fleet", "ecs_service"]
        );
        assert_eq!(admitted(Targets::Service), ["ecs_service", "fargate"]);
        assert_eq!(admitted(Targets::Api), ["apigw"]);
        assert_eq!(
            admitted(Targets::WeightedFrom),
            ["route53", "alb", "nlb", "clb"]
        );
        assert_eq!(admitted(Targets::Source), ["users"]);
    }
}
