//! Stage three for the kinds that run as pools of workers: instances,
//! groups, tasks, databases, caches and servers outside AWS.

use super::super::SimError;
use super::super::edge::{cache, ecs, rds};
use super::super::ix::InstIx;
use super::super::ix::NodeIx;
use super::super::ix::PoolIx;
use super::super::model::{NodeKind, Pool, PoolKind, St, TASK_TYPE, TypeSpec};
use super::super::pool::PoolConfig;
use super::super::rng::Dist;
use super::super::time::SimTime;
use super::bench::Bench;
use super::limits::secs;
use super::params::{az_of, parse_schedule};
use super::parts;
use crate::catalog::Kind;
use crate::cost;
use crate::design::Component;

/// The hour price an instance type falls back to when the table lacks it.
const FALLBACK_HOUR: f64 = 0.096;

/// How a pool serves: workers per instance, mean service time (ms), price
/// per hour of its own type, and which behaviour runs it.
struct Serving {
    workers: f64,
    service_ms: f64,
    price: f64,
    kind: PoolKind,
}

impl Bench<'_> {
    /// Adds the pool of component `c` (kind `k`, node `n`) with its group,
    /// service or starting instances.
    pub(super) fn add_pool(&mut self, c: &Component, k: Kind, n: NodeIx) -> Result<(), SimError> {
        let p = PoolIx::new(self.pools.len());
        let type_names = type_names(c, k);
        let ty = type_names[0].clone();
        let s = self.serving(c, k, &ty);
        self.nodes[n.idx()].kind = NodeKind::Pool(p);
        let mut pool = Pool::new(PoolConfig {
            node: n,
            kind: s.kind,
            types: types(k, &type_names, &ty, s.price),
            workers: s.workers.clamp(1.0, 1_000_000.0) as u32,
            queue_cap: c.number("queue").clamp(0.0, 10_000_000.0) as u32,
            mean_us: s.service_ms.max(0.0) * 1000.0,
            dist: Dist::parse(&c.text("service_dist")),
            seed: self.seed,
            id: c.id.0,
            error_rate: (c.number("error_pct") / 100.0).clamp(0.0, 1.0),
            price_hour: s.price,
            // Multi-AZ failover typically 60–120 s [RDS-MAZ]; we take 90 s.
            failover_us: (k == Kind::Rds && c.flag("multi_az"))
                .then(|| secs(c.number("failover_s"))),
            cache: cache::spec(c, k, self.seed),
        });
        if let Some(spec) = &pool.cache {
            self.edge.has_cache = true;
            self.edge.has_aside |= spec.kind == cache::spec::CacheKind::Aside;
        }
        match k {
            Kind::Asg | Kind::SpotFleet => self.add_group(c, p, k == Kind::SpotFleet),
            Kind::Fargate => {
                let azs = c.number("azs").clamp(1.0, 6.0) as u8;
                self.asgs
                    .push(ecs::setup::service_asg(c, p, true, azs, self.seed));
            }
            Kind::EcsService => self.add_ecs_service(c, p)?,
            _ => self.add_fixed(c, k, p, &mut pool),
        }
        self.pools.push(pool);
        Ok(())
    }

    /// How component `c` of kind `k` (own instance type `ty`) serves.
    fn serving(&mut self, c: &Component, k: Kind, ty: &str) -> Serving {
        let scale = 2.0 / cost::instance_vcpus(ty);
        let (workers, service_ms, price, kind) = match k {
            Kind::Rds => {
                self.any_rds = true;
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
                cost::ec2_on_demand_hour(ty).unwrap_or(FALLBACK_HOUR),
                PoolKind::Asg(self.asgs.len() as u16),
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
                PoolKind::Asg(self.asgs.len() as u16),
            ),
            Kind::CloudFront | Kind::ElastiCache => {
                self.any_rds = true; // reads and writes differ at a cache
                cache::pool_settings(c, k)
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
                    cost::ec2_on_demand_hour(ty).unwrap_or(FALLBACK_HOUR) + eip,
                    PoolKind::Ec2,
                )
            }
        };
        Serving {
            workers,
            service_ms,
            price,
            kind,
        }
    }

    /// An Auto Scaling group (or, with `fleet`, a Spot Fleet) for pool `p`,
    /// with its scheduled actions.
    fn add_group(&mut self, c: &Component, p: PoolIx, fleet: bool) {
        let a = self.asgs.len() as u16;
        for (t, want) in parse_schedule(&c.text("schedule")) {
            self.scheduled.push((t, a, want));
        }
        self.asgs.push(parts::asg(c, p, fleet, self.seed, c.id.0));
    }

    /// An ECS service on the cluster it links to, for pool `p`.
    fn add_ecs_service(&mut self, c: &Component, p: PoolIx) -> Result<(), SimError> {
        let d = self.d;
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
        let cluster = ecs::setup::cluster(cl, p);
        let azs = cluster.hosts.iter().map(|h| h.az + 1).max().unwrap_or(1);
        self.edge.ecs.clusters.push(cluster);
        self.edge.ecs.services.push(ecs::setup::service(
            c,
            self.asgs.len() as u16,
            (self.edge.ecs.clusters.len() - 1) as u16,
        ));
        self.asgs
            .push(ecs::setup::service_asg(c, p, false, azs, self.seed));
        Ok(())
    }

    /// One instance (a lone server, a cache, a database and its replicas)
    /// in service from the start, in its zone.
    fn add_fixed(&mut self, c: &Component, k: Kind, p: PoolIx, pool: &mut Pool) {
        let az = az_of(self.d, c, &mut self.azs);
        self.start(p, az, pool);
        if k != Kind::Rds {
            return;
        }
        // Read replicas in the next zones, billed as single-AZ instances
        // [RDS-RR], [RDS-BILL].
        let n = c.number("read_replicas").clamp(0.0, 15.0) as usize;
        for r in 1..=n {
            self.start(p, ((usize::from(az) + r) % 3) as u8, pool);
        }
        if n > 0 {
            let class = c.text("instance_class");
            pool.types.push(TypeSpec {
                name: "replica".to_owned(),
                price: cost::rds_hour(&class, false),
                rel: 1.0,
            });
            for &i in &pool.insts[1..] {
                self.insts[i.idx()].ty = 1;
            }
            self.edge.has_rds = true;
        }
        if c.text("role") == "replica" {
            self.edge.rds.replicas.push(rds::replica::Replica {
                pool: p,
                // Assumption: the notes give no promotion time.
                promote_us: secs(c.number("promotion_s")),
                promoting: false,
                promoted: false,
                refused_logged: false,
            });
            self.edge.has_rds = true;
        }
    }

    /// An On-Demand instance of pool `p` in service from the start in zone `az`.
    fn start(&mut self, p: PoolIx, az: u8, pool: &mut Pool) {
        let idx = InstIx::new(self.insts.len());
        self.insts.push(super::super::asg::new_inst(
            p,
            self.next_name,
            az,
            St::InService,
            false,
            SimTime::ZERO,
        ));
        self.next_name += 1;
        pool.insts.push(idx);
        pool.capacity_change(SimTime::ZERO, true, pool.workers);
    }
}

/// The instance types a pool runs: a Spot Fleet's list (the valid ones, at
/// most 16), tasks, cache nodes, or the component's own type.
fn type_names(c: &Component, k: Kind) -> Vec<String> {
    match k {
        Kind::SpotFleet => {
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
        }
        Kind::EcsService | Kind::Fargate => vec![TASK_TYPE.to_owned()],
        Kind::CloudFront | Kind::ElastiCache => vec!["node".to_owned()],
        _ => vec![c.text("instance_type")],
    }
}

/// Each type's price and speed relative to the pool's own type `ty`. EC2
/// types are priced from the table, plus what the pool adds on top of its
/// own type's price (an Elastic IP); other pools bill `price` for each.
fn types(k: Kind, names: &[String], ty: &str, price: f64) -> Vec<TypeSpec> {
    names
        .iter()
        .map(|name| TypeSpec {
            name: name.clone(),
            price: if !matches!(k, Kind::Ec2 | Kind::Asg | Kind::SpotFleet) {
                price
            } else {
                cost::ec2_on_demand_hour(name).unwrap_or(FALLBACK_HOUR)
                    + (price - cost::ec2_on_demand_hour(ty).unwrap_or(FALLBACK_HOUR)).max(0.0)
            },
            rel: cost::instance_vcpus(ty) / cost::instance_vcpus(name),
        })
        .collect()
}
