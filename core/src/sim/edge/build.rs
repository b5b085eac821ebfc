//! Building the edge services from their components: Route 53 names and
//! CloudWatch alarms.

use super::super::ix::PoolIx;
use super::alarm::definition as alarm;
use super::route53::records::{
    self as route53, Dns, Origin, Record, RecordType, Role, RoutePolicy,
};
use crate::catalog::Kind;
use crate::design::{Component, Design, GroupKind};
use crate::sim::ix::NodeIx;
use crate::sim::model::{NodeKind, PoolKind};
use crate::sim::rng::{Purpose, Stream};

/// The continent of the Region frame a component sits in.
pub(crate) fn region_of(d: &Design, c: &Component) -> Option<Origin> {
    d.groups
        .iter()
        .filter(|g| g.kind == GroupKind::Region && g.rect.contains(c.pos))
        .find_map(|g| Origin::of_region(&g.label))
}

/// Kinds whose address is private to the VPC: Route 53 checkers cannot reach them [R53-PRIVATE].
fn is_private(kind: Kind) -> bool {
    matches!(kind, Kind::Rds | Kind::ElastiCache)
}

/// The records of a Route 53 name: one per link to a node that runs.
fn records(
    d: &Design,
    c: &Component,
    node_of: &dyn Fn(crate::design::ComponentId) -> Option<(NodeIx, NodeKind)>,
) -> Vec<Record> {
    let mut records = Vec::new();
    for l in d.links_from(c.id) {
        let Some(to) = d.component(l.to) else {
            continue;
        };
        let Some((target, kind)) = node_of(l.to) else {
            continue;
        };
        let role = match l.text("failover").as_str() {
            "primary" => Role::Primary,
            "secondary" => Role::Secondary,
            _ => Role::None,
        };
        records.push(Record {
            link: l.id,
            target,
            // Weights 0–255 [R53-WEIGHT].
            weight: l.number("weight").clamp(0.0, 255.0),
            role,
            checked: l.flag("health_check"),
            private: to.kind_of().is_some_and(is_private),
            outside_aws: to
                .kind_of()
                .is_some_and(|k| matches!(k, Kind::HttpBackend | Kind::OnPremIp)),
            alias_lb: match kind {
                NodeKind::Lb(lb) => Some(lb),
                _ => None,
            },
            place: region_of(d, to),
            healthy: true,
            fails: 0,
            oks: 0,
            forced_down: false,
        });
    }
    records
}

/// A Route 53 name from its component and the nodes its links answer with.
pub(crate) fn dns(
    d: &Design,
    c: &Component,
    node: NodeIx,
    node_of: &dyn Fn(crate::design::ComponentId) -> Option<(NodeIx, NodeKind)>,
    seed: u64,
) -> Result<Dns, String> {
    let records = records(d, c, node_of);
    if records.len() > route53::MAX_RECORDS {
        return Err(format!(
            "Route 53 record \"{}\" has more than {} targets",
            c.label,
            route53::MAX_RECORDS
        ));
    }
    if records.is_empty() {
        return Err(format!(
            "Route 53 record \"{}\" answers with nothing: link it to a target",
            c.label
        ));
    }
    let record_type = RecordType::parse(&c.text("record_type"));
    Ok(Dns {
        node,
        policy: RoutePolicy::parse(&c.text("policy")),
        record_type,
        // An alias takes its target's TTL, not the setting [R53-ALIAS].
        ttl_us: match record_type {
            RecordType::Alias => route53::ALIAS_TTL_US,
            _ => (c.number("ttl_s").max(0.0) * 1e6) as u64,
        },
        lookup_us: match record_type {
            RecordType::Cname => route53::CNAME_LOOKUP_US,
            _ => 0,
        },
        pending: std::collections::VecDeque::new(),
        // 30 s standard, 10 s fast [R53-HCV].
        interval_us: if c.flag("hc_fast") {
            route53::HC_FAST_US
        } else {
            route53::HC_STANDARD_US
        },
        // Failure threshold default 3 [R53-HCV].
        threshold: c.number("failure_threshold").clamp(1.0, 10.0) as u8,
        evaluate_target_health: c.flag("evaluate_target_health"),
        records,
        rng: Stream::new(seed, c.id.0, Purpose::Routing),
        user_cache: Vec::new(),
        inst_cache: Vec::new(),
        routed: 0,
        unanswered: 0,
        queries: 0,
        private_logged: false,
    })
}

/// A CloudWatch alarm from its component: the nodes linked to it are watched,
/// the nodes it links to are its action's targets. `None` when it watches nothing.
pub(crate) fn alarm(
    d: &Design,
    c: &Component,
    node_of: &dyn Fn(crate::design::ComponentId) -> Option<(NodeIx, NodeKind)>,
    pool_kind: &dyn Fn(PoolIx) -> PoolKind,
    dns_of: &dyn Fn(NodeIx) -> Option<u16>,
) -> Option<alarm::Alarm> {
    use crate::sim::model::Areas;
    use alarm::{Action, Alarm, AlarmState, Cmp, NoData, Target, Watch};
    let watched: Vec<NodeIx> = d
        .links_to(c.id)
        .filter_map(|l| node_of(l.from).map(|(n, _)| n))
        .collect();
    if watched.is_empty() {
        return None;
    }
    let mut targets = Vec::new();
    for l in d.links_from(c.id) {
        let Some(to) = d.component(l.to) else {
            continue;
        };
        if to.is(Kind::Sns) {
            targets.push(Target::Topic(to.label.clone()));
            continue;
        }
        let Some((node, kind)) = node_of(l.to) else {
            continue;
        };
        match kind {
            NodeKind::Dns(k) => targets.push(Target::Dns(k)),
            NodeKind::Pool(_) if to.is(Kind::Lambda) => {
                targets.push(function_target(d, to, node, node_of, dns_of));
            }
            NodeKind::Pool(p) => match pool_kind(p) {
                PoolKind::Asg(g) => targets.push(Target::Group(g)),
                PoolKind::Ec2 => targets.push(Target::Instance(p)),
                _ => {}
            },
            _ => {}
        }
    }
    let n = c.number("eval_periods").clamp(1.0, 100.0) as usize;
    Some(Alarm {
        label: c.label.clone(),
        watch: Watch::parse(&c.text("metric")),
        cmp: Cmp::parse(&c.text("comparison")),
        threshold: c.number("threshold"),
        // 10 s or 30 s (high resolution) or multiples of 60 s [CW-ALARM].
        period_us: (c.number("period_s").clamp(10.0, 86_400.0) * 1e6) as u64,
        n,
        m: (c.number("datapoints").clamp(1.0, 100.0) as usize).min(n),
        missing: NoData::parse(&c.text("missing")),
        action: Action::parse(&c.text("action")),
        targets,
        state: AlarmState::Insufficient,
        history: Vec::new(),
        marks: vec![(Areas::default(), 0, 0, 0.0, 0); watched.len()],
        stat: super::alarm::stat::Stat::parse(&c.text("statistic")),
        lat_marks: Vec::new(),
        watched,
    })
}

/// An alarm's Lambda target: the Route 53 records it fails over and the RDS
/// read replicas it promotes, which are what the function links to.
fn function_target(
    d: &Design,
    function: &Component,
    node: NodeIx,
    node_of: &dyn Fn(crate::design::ComponentId) -> Option<(NodeIx, NodeKind)>,
    dns_of: &dyn Fn(NodeIx) -> Option<u16>,
) -> alarm::Target {
    let mut dns = Vec::new();
    let mut promote = Vec::new();
    for fl in d.links_from(function.id) {
        let Some(x) = d.component(fl.to) else {
            continue;
        };
        let Some((m, _)) = node_of(fl.to) else {
            continue;
        };
        if let Some(k) = dns_of(m) {
            dns.push(k);
        } else if x.is(Kind::Rds) && x.text("role") == "replica" {
            promote.push(m);
        }
    }
    alarm::Target::Function {
        node,
        delay_us: (function.number("duration_ms").max(0.0) * 1000.0) as u64,
        dns,
        promote,
    }
}
