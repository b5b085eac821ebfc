//! Assembling the bench: from a [`Design`] and a [`Scenario`] to an engine.

mod params;
mod parts;

use params::suspend_param;
use params::{az_of, check_scenario, parse_schedule};

use std::collections::VecDeque;

use super::engine::{Engine, UserAcc};
use super::model::*;
use super::queue::EventQueue;
use super::rng::{Dist, Purpose, Stream};
use super::slab::Slab;
use super::{Ev, SimError};
use crate::catalog::{self, Kind, LinkMeaning, Role};
use crate::cost;
use crate::design::Design;
use crate::run::ComponentSeries;
use crate::scenario::Scenario;

/// The most events a run may need.
pub const MAX_EVENTS: u64 = 2_000_000_000;
/// The most metric buckets a run may have.
pub const MAX_BUCKETS: u64 = 200_000;

const AZ_NAMES: [&str; 6] = [
    "us-east-1a",
    "us-east-1b",
    "us-east-1c",
    "us-east-1d",
    "us-east-1e",
    "us-east-1f",
];

fn secs(v: f64) -> u64 {
    (v.max(0.0) * 1e6) as u64
}

pub(crate) fn build(d: &Design, sc: &Scenario) -> Result<Engine, SimError> {
    check_scenario(sc)?;
    let errors: Vec<String> = crate::validate::validate(d)
        .into_iter()
        .filter(|x| x.severity == crate::validate::Severity::Error)
        .map(|x| format!("{} {}", x.message, x.fix))
        .collect();
    if !errors.is_empty() {
        return Err(SimError::Refused { errors });
    }
    let seed = sc.seed;
    // Nodes: every component reachable from a Users component, in document order.
    let mut reach = vec![false; d.components.len()];
    let mut todo: VecDeque<usize> = d
        .components
        .iter()
        .enumerate()
        .filter(|(_, c)| c.is(Kind::Users) && d.links_from(c.id).next().is_some())
        .map(|(i, _)| i)
        .collect();
    if todo.is_empty() {
        return Err(SimError::NoTraffic);
    }
    for &i in &todo {
        reach[i] = true;
    }
    let index_of = |id| d.components.iter().position(|c| c.id == id);
    while let Some(i) = todo.pop_front() {
        let c = &d.components[i];
        for l in d.links_from(c.id) {
            let Some(j) = index_of(l.to) else {
                return Err(SimError::Invalid {
                    reason: format!("link {} points at a missing component", l.id),
                });
            };
            let to = &d.components[j];
            let meaning = catalog::kind(&c.kind).and_then(|k| k.link_to(&to.kind));
            if !c.is(Kind::Users) && meaning.is_none() {
                return Err(SimError::Invalid {
                    reason: format!(
                        "\"{}\" ({}) cannot connect to \"{}\" ({})",
                        c.label, c.kind, to.label, to.kind
                    ),
                });
            }
            if matches!(meaning, Some(LinkMeaning::Control)) {
                // A watched alarm can invoke functions: they run in the model too.
                if to.is(Kind::CwAlarm) {
                    for fl in d.links_from(to.id) {
                        if let Some(k) = index_of(fl.to)
                            && d.components[k].is(Kind::Lambda)
                            && !reach[k]
                        {
                            reach[k] = true;
                            todo.push_back(k);
                        }
                    }
                }
                continue;
            }
            if !reach[j] {
                reach[j] = true;
                todo.push_back(j);
            }
        }
    }
    let mut azs: Vec<String> = AZ_NAMES.iter().map(|s| (*s).to_owned()).collect();
    let mut nodes = Vec::new();
    let mut node_of = vec![u16::MAX; d.components.len()];
    for (i, c) in d.components.iter().enumerate() {
        if !reach[i] {
            continue;
        }
        let runs = c.kind_of().filter(|k| {
            let r = k.role();
            matches!(
                r,
                Role::Source | Role::Dns | Role::LoadBalancer | Role::Messaging
            ) || r.is_pool()
                || r.is_managed()
        });
        let Some(kind) = runs else {
            return Err(SimError::Unsupported {
                label: c.label.clone(),
                kind: c.kind.clone(),
            });
        };
        node_of[i] = nodes.len() as u16;
        nodes.push(Node {
            id: c.id,
            kind_id: kind,
            label: c.label.clone(),
            kind: NodeKind::Users(0),
        });
    }
    let mut sources = Vec::new();
    let mut lbs = Vec::new();
    let mut pools: Vec<Pool> = Vec::new();
    let mut asgs = Vec::new();
    let mut insts = Vec::new();
    let mut next_name = 1u32;
    let mut estimated: f64 = 0.0;
    let mut any_sticky = false;
    let mut any_rds = false;
    let mut max_clients = 1u32;
    let mut scheduled: Vec<(u64, u16, u32)> = Vec::new();
    let mut sls = super::serverless::Serverless::default();
    let mut dns_comps: Vec<usize> = Vec::new();
    let mut edge = super::edge::EdgeState::default();
    let mut mq = super::queues::Messaging::default();
    for (i, c) in d.components.iter().enumerate() {
        let n = node_of[i];
        if n == u16::MAX {
            continue;
        }
        let id = c.id.0;
        let Some(kind) = c.kind_of() else { continue };
        match kind {
            Kind::Users => {
                let rate = c.number("rate").max(0.0);
                let mut targets = Vec::new();
                let mut acc = 0.0;
                for l in d.links_from(c.id) {
                    if let Some(j) = index_of(l.to) {
                        acc += l.number("weight").max(0.0);
                        targets.push((node_of[j], acc));
                    }
                }
                let bound = sc.max_factor(c.id, 0.0, sc.duration_s);
                estimated += rate * bound * sc.duration_s;
                let clients = c.number("clients").clamp(1.0, 1_000_000.0) as u32;
                max_clients = max_clients.max(clients);
                let constant = sc.is_constant(c.id);
                nodes[n as usize].kind = NodeKind::Users(sources.len() as u16);
                sources.push(Source {
                    node: n,
                    rate_per_us: rate / 1e6,
                    timeout_us: secs(c.number("timeout_s")),
                    retries: c.number("retries").clamp(0.0, 10.0) as u8,
                    targets,
                    rng: Stream::new(seed, id, Purpose::Arrivals),
                    route_rng: Stream::new(seed, id, Purpose::Routing),
                    mix_rng: Stream::new(seed, id, Purpose::Mix),
                    clients,
                    constant,
                    window_end: if constant { u64::MAX } else { 0 },
                    bound: if constant { sc.factor(c.id, 0.0) } else { 0.0 },
                    deadlines: VecDeque::new(),
                    timer_armed: false,
                });
            }
            Kind::Route53 => {
                nodes[n as usize].kind = NodeKind::Dns(dns_comps.len() as u16);
                dns_comps.push(i);
            }
            k if k.role() == Role::Messaging => {
                nodes[n as usize].kind = super::queues::add(&mut mq, c, n, sc, seed);
            }
            k if k.role() == Role::LoadBalancer => {
                let sticky = c.flag("stickiness");
                any_sticky |= sticky;
                nodes[n as usize].kind = NodeKind::Lb(lbs.len() as u16);
                lbs.push(parts::lb(c, k, n, sticky, seed, id));
            }
            k if k.role().is_managed() => {
                let p = pools.len() as u16;
                // API caches, tables and buckets tell reads from writes.
                any_rds |= k != Kind::Lambda;
                nodes[n as usize].kind = NodeKind::Pool(p);
                pools.push(super::serverless::managed_pool(
                    c,
                    n,
                    p,
                    seed,
                    &mut sls,
                    &mut insts,
                    &mut next_name,
                ));
            }
            k => {
                let p = pools.len() as u16;
                // A Spot Fleet's types come from its list; others have one type.
                let type_names: Vec<String> = if k == Kind::SpotFleet {
                    let list: Vec<String> = c
                        .text("instance_types")
                        .split(',')
                        .map(|s| s.trim().to_owned())
                        .filter(|s| cost::ec2_on_demand_hour(s).is_some())
                        .take(16)
                        .collect();
                    if list.is_empty() {
                        vec!["m5.large".to_owned()]
                    } else {
                        list
                    }
                } else if matches!(k, Kind::EcsService | Kind::Fargate) {
                    vec!["task".to_owned()]
                } else if matches!(k, Kind::CloudFront | Kind::ElastiCache) {
                    vec!["node".to_owned()]
                } else {
                    vec![c.text("instance_type")]
                };
                let ty = type_names[0].clone();
                let scale = 2.0 / cost::instance_vcpus(&ty);
                let (workers, service_ms, price, kind) = match k {
                    Kind::Rds => {
                        any_rds = true;
                        let class = c.text("instance_class");
                        let multi = c.flag("multi_az");
                        (
                            c.number("connections"),
                            c.number("service_ms"),
                            cost::rds_hour(&class, multi),
                            PoolKind::Rds,
                        )
                    }
                    Kind::Asg | Kind::SpotFleet => (
                        c.number("workers"),
                        c.number("service_ms") * scale,
                        cost::ec2_on_demand_hour(&ty).unwrap_or(0.096),
                        PoolKind::Asg(asgs.len() as u16),
                    ),
                    Kind::HttpBackend | Kind::OnPremIp => (
                        c.number("concurrency"),
                        c.number("latency_ms"),
                        0.0,
                        PoolKind::Ec2,
                    ),
                    // Tasks on EC2 cost nothing themselves: their cluster's
                    // instances are billed; Fargate bills each task.
                    Kind::EcsService | Kind::Fargate => (
                        c.number("workers"),
                        c.number("service_ms"),
                        if k == Kind::Fargate {
                            cost::fargate_task_hour(
                                c.number("task_cpu"),
                                c.number("task_memory_mb"),
                                c.flag("spot"),
                            )
                        } else {
                            0.0
                        },
                        PoolKind::Asg(asgs.len() as u16),
                    ),
                    Kind::CloudFront | Kind::ElastiCache => {
                        any_rds = true; // reads and writes differ at a cache
                        super::edge::cache::pool_settings(c, k)
                    }
                    _ => {
                        let eip = if c.flag("elastic_ip") {
                            cost::PUBLIC_IPV4_HOUR
                        } else {
                            0.0
                        };
                        (
                            c.number("workers"),
                            c.number("service_ms") * scale,
                            cost::ec2_on_demand_hour(&ty).unwrap_or(0.096) + eip,
                            PoolKind::Ec2,
                        )
                    }
                };
                let workers = workers.clamp(1.0, 1_000_000.0) as u32;
                let queue_cap = c.number("queue").clamp(0.0, 10_000_000.0) as u32;
                let failover_us = (k == Kind::Rds && c.flag("multi_az"))
                    // Multi-AZ failover typically 60–120 s [RDS-MAZ]; we take 90 s.
                    .then(|| secs(c.number("failover_s")));
                nodes[n as usize].kind = NodeKind::Pool(p);
                let mut pool = Pool {
                    node: n,
                    kind,
                    types: type_names
                        .iter()
                        .map(|name| TypeSpec {
                            name: name.clone(),
                            price: if !matches!(k, Kind::Ec2 | Kind::Asg | Kind::SpotFleet) {
                                price
                            } else {
                                cost::ec2_on_demand_hour(name).unwrap_or(0.096)
                                    + (price - cost::ec2_on_demand_hour(&ty).unwrap_or(0.096))
                                        .max(0.0)
                            },
                            rel: cost::instance_vcpus(&ty) / cost::instance_vcpus(name),
                        })
                        .collect(),
                    workers,
                    queue_cap,
                    mean_us: service_ms.max(0.0) * 1000.0,
                    dist: Dist::parse(&c.text("service_dist")),
                    rng: Stream::new(seed, id, Purpose::Service),
                    fault_rng: Stream::new(seed, id, Purpose::Faults),
                    downstream: Vec::new(),
                    insts: Vec::new(),
                    rr: 0,
                    lbs: Vec::new(),
                    slowdown: 1.0,
                    error_rate: (c.number("error_pct") / 100.0).clamp(0.0, 1.0),
                    price_hour: price,
                    busy: 0,
                    cpu: 0,
                    queued: 0,
                    capacity: 0,
                    sums: ChangeSums::default(),
                    bucket_mark: Areas::default(),
                    warm_mark: Areas::default(),
                    bucket: Counters::default(),
                    total: Counters::default(),
                    served: 0,
                    waited: 0,
                    wait_sum_us: 0.0,
                    time_sum_us: 0.0,
                    wait_hist: crate::run::DenseHistogram::new(),
                    time_hist: crate::run::DenseHistogram::new(),
                    cost_bucket: 0.0,
                    cost_total: 0.0,
                    failover_us,
                    cache: super::edge::cache::spec(c, k, seed),
                };
                let mut start = |az: u8, spot: bool, pool: &mut Pool| {
                    let idx = insts.len() as u32;
                    insts.push(super::asg::new_inst(
                        p,
                        next_name,
                        az,
                        St::InService,
                        spot,
                        0,
                    ));
                    next_name += 1;
                    pool.insts.push(idx);
                    pool.capacity_change(0, true, pool.workers);
                };
                if k == Kind::Asg || k == Kind::SpotFleet {
                    let fleet = k == Kind::SpotFleet;
                    let (min, max, desired) = if fleet {
                        let n = c.number("target_capacity").max(0.0) as u32;
                        if c.text("policy") == "none" {
                            (n, n, n)
                        } else {
                            // Scaled by Application Auto Scaling between its bounds.
                            let min = (c.number("min_capacity").max(0.0) as u32).min(n);
                            (min, (c.number("max_capacity").max(0.0) as u32).max(n), n)
                        }
                    } else {
                        let min = c.number("min").max(0.0) as u32;
                        let max = (c.number("max").max(0.0) as u32).max(min);
                        (
                            min,
                            max,
                            (c.number("desired").max(0.0) as u32).clamp(min, max),
                        )
                    };
                    let nazs = c.number("azs").clamp(1.0, 6.0) as u8;
                    let (spot_pct, od_base) = if fleet {
                        (100.0, c.number("on_demand").max(0.0) as u32)
                    } else {
                        (
                            c.number("spot_pct").clamp(0.0, 100.0),
                            c.number("on_demand_base").max(0.0) as u32,
                        )
                    };
                    for (t, want) in parse_schedule(&c.text("schedule")) {
                        scheduled.push((t, asgs.len() as u16, want));
                    }
                    asgs.push(parts::asg(
                        c,
                        p,
                        fleet,
                        (min, max, desired),
                        nazs,
                        (spot_pct, od_base),
                        seed,
                        id,
                    ));
                } else if k == Kind::Fargate {
                    let azs = c.number("azs").clamp(1.0, 6.0) as u8;
                    asgs.push(super::edge::ecs::service_asg(c, p, true, azs, seed));
                } else if k == Kind::EcsService {
                    let Some(cl) = d
                        .links_from(c.id)
                        .filter_map(|l| d.component(l.to))
                        .find(|x| x.is(Kind::EcsCluster))
                    else {
                        return Err(SimError::Invalid {
                            reason: format!(
                                "ECS service \"{}\" has no cluster to run on: link it to an ECS cluster",
                                c.label
                            ),
                        });
                    };
                    let cluster = super::edge::ecs::cluster(cl, p);
                    let azs = cluster.hosts.iter().map(|h| h.az + 1).max().unwrap_or(1);
                    edge.clusters.push(cluster);
                    edge.services.push(super::edge::ecs::service(
                        c,
                        asgs.len() as u16,
                        (edge.clusters.len() - 1) as u16,
                    ));
                    asgs.push(super::edge::ecs::service_asg(c, p, false, azs, seed));
                } else {
                    let az = az_of(d, c, &mut azs);
                    start(az, false, &mut pool);
                    if k == Kind::Rds {
                        // Read replicas in the next zones, billed as single-AZ
                        // instances [RDS-RR], [RDS-BILL].
                        let n = c.number("read_replicas").clamp(0.0, 15.0) as usize;
                        for r in 1..=n {
                            start(((usize::from(az) + r) % 3) as u8, false, &mut pool);
                        }
                        if n > 0 {
                            let class = c.text("instance_class");
                            pool.types.push(TypeSpec {
                                name: "replica".to_owned(),
                                price: cost::rds_hour(&class, false),
                                rel: 1.0,
                            });
                            for &i in &pool.insts[1..] {
                                insts[i as usize].ty = 1;
                            }
                            edge.has_rds = true;
                        }
                        if c.text("role") == "replica" {
                            edge.replicas.push(super::edge::rds::Replica {
                                pool: p,
                                // Assumption: the notes give no promotion time.
                                promote_us: secs(c.number("promotion_s")),
                                promoting: false,
                                promoted: false,
                                refused_logged: false,
                            });
                            edge.has_rds = true;
                        }
                    }
                }
                pools.push(pool);
            }
        }
    }
    // Edges out of load balancers and pools.
    for (i, c) in d.components.iter().enumerate() {
        let n = node_of[i];
        if n == u16::MAX {
            continue;
        }
        for l in d.links_from(c.id) {
            let Some(j) = index_of(l.to) else { continue };
            let m = node_of[j];
            if m == u16::MAX {
                continue; // not reached by requests (a role, a cluster, an alarm)
            }
            let to = &d.components[j];
            let meaning = catalog::kind(&c.kind).and_then(|k| k.link_to(&to.kind));
            match (nodes[n as usize].kind, nodes[m as usize].kind) {
                (NodeKind::Lb(lb), NodeKind::Pool(p))
                    if matches!(pools[p as usize].kind, PoolKind::Managed(_)) =>
                {
                    // A Lambda target group invokes the function [ALB-TG].
                    lbs[lb as usize].function = Some(m);
                }
                (NodeKind::Lb(lb), NodeKind::Pool(p)) => {
                    let weight = l.number("weight");
                    let lone = pools[p as usize].kind == PoolKind::Ec2;
                    let tgs = &mut lbs[lb as usize].tgs;
                    // Lone instances behind one load balancer form one target group;
                    // each Auto Scaling group is a target group of its own.
                    match tgs.iter_mut().find(|t| {
                        lone && t.pools.iter().all(|&q| q as usize != p as usize) && t.lone
                    }) {
                        Some(tg) => tg.pools.push(p),
                        None => tgs.push(Tg {
                            link: l.id,
                            pools: vec![p],
                            weight,
                            targets: Vec::new(),
                            lone,
                        }),
                    }
                    pools[p as usize].lbs.push(lb);
                }
                // Replication to a read replica is not a request [RDS-RR].
                (NodeKind::Pool(_), _) if c.is(Kind::Rds) && to.is(Kind::Rds) => {}
                (NodeKind::Pool(p), _) => {
                    // A messaging service answers a send at once (accepted or
                    // throttled), so the sender sees its answer and waits no longer.
                    let sync = !matches!(
                        meaning,
                        Some(LinkMeaning::AsyncHandOff | LinkMeaning::EventSource)
                    ) || to.role() == Some(Role::Messaging);
                    if !matches!(meaning, Some(LinkMeaning::Control)) {
                        pools[p as usize].downstream.push((m, sync));
                    }
                }
                (
                    from @ (NodeKind::Sqs(_)
                    | NodeKind::Sns(_)
                    | NodeKind::Kinesis(_)
                    | NodeKind::Bus(_)),
                    to_kind,
                ) => super::queues::link(
                    &mut mq,
                    c,
                    from,
                    m,
                    to_kind,
                    nodes[m as usize].kind_id,
                    meaning,
                ),
                (NodeKind::Lb(_), _) | (NodeKind::Users(_), _) | (NodeKind::Dns(_), _) => {}
            }
        }
    }
    super::queues::finish(&mut mq);
    for lb in &mut lbs {
        if lb.function.is_some() && !lb.tgs.is_empty() {
            let label = &nodes[lb.node as usize].label;
            return Err(SimError::Invalid {
                reason: format!(
                    "load balancer \"{label}\" mixes a Lambda function with other targets; the simulator models one Lambda target group alone"
                ),
            });
        }
        if lb.tgs.is_empty() && lb.function.is_none() {
            let label = &nodes[lb.node as usize].label;
            return Err(SimError::Invalid {
                reason: format!("load balancer \"{label}\" has no targets"),
            });
        }
        if lb.sticky {
            lb.sticky_table = vec![(NIL, 0); max_clients as usize];
        }
        for tg in &mut lb.tgs {
            for &i in tg
                .pools
                .iter()
                .flat_map(|&p| pools[p as usize].insts.iter())
            {
                tg.targets.push(Target {
                    inst: i,
                    state: TState::Healthy,
                    fails: 0,
                    oks: 0,
                    ramp_from: 0,
                });
            }
        }
    }
    let kind_of = |id| index_of(id).map(|j| node_of[j]).filter(|&m| m != u16::MAX);
    for &i in &dns_comps {
        let c = &d.components[i];
        let node_kind = |id| kind_of(id).map(|m| (m, nodes[m as usize].kind));
        let mut dns = super::edge::dns(d, c, node_of[i], &node_kind, seed)
            .map_err(|reason| SimError::Invalid { reason })?;
        dns.user_cache = sources
            .iter()
            .map(|s| vec![(0, 0); s.clients as usize])
            .collect();
        edge.dns.push(dns);
    }
    for c in d.components.iter().filter(|c| c.is(Kind::CwAlarm)) {
        let node_kind = |id| kind_of(id).map(|m| (m, nodes[m as usize].kind));
        let pool_kind = |p: u16| pools[p as usize].kind;
        let dns_of = |m: u16| match nodes[m as usize].kind {
            NodeKind::Dns(k) => Some(k),
            _ => None,
        };
        if let Some(a) = super::edge::alarm(d, c, &node_kind, &pool_kind, &dns_of) {
            edge.alarms.push(a);
        }
    }
    // Clients matter once a Route 53 name caches answers per client.
    any_sticky |= !edge.dns.is_empty();
    edge.origins = d
        .components
        .iter()
        .enumerate()
        .filter(|(i, c)| c.is(Kind::Users) && node_of[*i] != u16::MAX)
        .map(|(_, c)| super::edge::route53::Origin::parse(&c.text("origin")))
        .collect();
    let hops = 1.0 + pools.len() as f64;
    let est_events = (estimated * 2.0 * hops) as u64;
    if est_events > MAX_EVENTS {
        return Err(SimError::TooManyEvents {
            estimated: est_events,
        });
    }
    let end_us = secs(sc.duration_s);
    let bucket_us = secs(sc.bucket_s).max(1000);
    let series = nodes
        .iter()
        .map(|n| ComponentSeries {
            id: n.id,
            points: Vec::new(),
        })
        .collect();
    let n_nodes = nodes.len();
    let naz = azs.len();
    let mut e = Engine {
        now: 0,
        end_us,
        bucket_us,
        warm_us: secs(sc.warmup_s),
        q: EventQueue::default(),
        events: 0,
        scenario: sc.clone(),
        nodes,
        sources,
        lbs,
        pools,
        asgs,
        insts,
        reqs: Slab::default(),
        calls: Slab::default(),
        cur: UserAcc::new(),
        tot: UserAcc::new(),
        buckets: Vec::new(),
        series,
        log: Vec::new(),
        log_dropped: 0,
        azs,
        az_down: vec![false; naz],
        region: super::region::Regions::default(),
        spot: Vec::new(),
        market: Stream::new(seed, u32::MAX, Purpose::Market),
        next_name,
        any_sticky,
        any_rds,
        failed: None,
        minutes: 0,
        node_cost: vec![0.0; n_nodes],
        next_arrivals: Vec::new(),
        warm_done: false,
        sls,
        tally: super::tally::Tally::new(d.links.iter().filter_map(|l| {
            let (a, b) = (node_of[index_of(l.from)?], node_of[index_of(l.to)?]);
            (a != u16::MAX && b != u16::MAX).then_some((a, b, l.id))
        })),
        edge,
        mq,
    };
    e.region = super::region::Regions::new(d, &e.nodes);
    e.next_arrivals = vec![(u64::MAX, 0); e.sources.len()];
    for s in 0..e.sources.len() {
        e.next_arrival(s, 0);
    }
    for l in 0..e.lbs.len() {
        let t = e.lbs[l].hc_interval_us;
        e.schedule(t, Ev::HealthCheck { lb: l as u16 });
    }
    for k in 0..e.edge.alarms.len() {
        let t = e.edge.alarms[k].period_us;
        e.schedule(t, Ev::AlarmTick { alarm: k as u16 });
    }
    for k in 0..e.edge.dns.len() {
        if e.edge.dns[k].records.iter().any(|r| r.checked) {
            let t = e.edge.dns[k].interval_us;
            e.schedule(t, Ev::DnsCheck { dns: k as u16 });
        }
    }
    if !e.asgs.is_empty() {
        e.schedule(super::asg::ASG_TICK_US, Ev::AsgTick);
    }
    if !e.asgs.is_empty() || e.lbs.iter().any(|l| l.ramp.is_some()) {
        e.schedule(60_000_000, Ev::Minute);
    }
    if bucket_us < end_us {
        e.schedule(bucket_us, Ev::Bucket);
    }
    if !e.sls.parts.is_empty() && super::serverless::TICK_US < end_us {
        e.schedule(super::serverless::TICK_US, Ev::ServerlessTick);
    }
    if e.mq.any() && super::queues::TICK_US < end_us {
        e.schedule(super::queues::TICK_US, Ev::MqTick);
    }
    // Initial Spot prices: 40 % of On-Demand, ±10 % per type and zone, so pools
    // differ from the start (assumption) [ASG-SPOT-EXAMPLE].
    let mut names: Vec<String> = e
        .pools
        .iter()
        .flat_map(|p| p.types.iter().map(|t| t.name.clone()))
        .collect();
    names.sort();
    names.dedup();
    for name in names {
        for z in 0..e.azs.len() as u8 {
            let f = cost::SPOT_START_FACTOR * (1.0 + 0.1 * (2.0 * e.market.uniform() - 1.0));
            e.set_spot_factor(&name, z, f);
        }
    }
    for a in 0..e.asgs.len() {
        e.initial_fill(a);
    }
    if e.warm_us == 0 {
        e.warmup_mark();
    } else if e.warm_us < end_us {
        e.schedule(e.warm_us, Ev::Warmup);
    }
    for (t, asg, desired) in scheduled {
        if t < end_us {
            e.schedule(t, Ev::Scheduled { asg, desired });
        }
    }
    for (k, te) in sc.timeline.iter().enumerate() {
        let t = secs(te.at_s);
        if t < end_us && k < usize::from(u16::MAX) {
            e.schedule(t, Ev::Timeline { idx: k as u16 });
        }
    }
    Ok(e)
}
