//! Edge, containers and data services: Route 53 records, CloudFront and
//! ElastiCache hit ratios, ECS services (on EC2 or Fargate), RDS replicas.
//!
//! Route 53 names are nodes of their own ([`route53::Route53`]); CloudFront,
//! ElastiCache and ECS services are pools with extra behaviour: a cache's
//! hits skip the calls behind it, and an ECS service on EC2 places each task
//! on a container instance with room for it ([`ecs::Ecs`]).
//!
//! Each service owns its state and is handed the context (`Cx`) and the
//! arrays it reads ([`view::View`]) or writes; what it asks of the rest of the run
//! it returns, and the engine carries it out.

pub(crate) mod alarm;
pub(crate) mod build;
pub(crate) mod cache;
pub(crate) mod ecs;
pub(crate) mod rds;
pub(crate) mod route53;
pub(crate) mod view;

/// The edge services' state in a run, one part per service. CloudFront and
/// ElastiCache keep theirs in their pools (`Pool::cache`).
#[derive(Debug, Default)]
pub(crate) struct EdgeState {
    /// Route 53 names and where their clients are.
    pub(crate) dns: route53::Route53,
    /// ECS clusters of container instances and the services on them.
    pub(crate) ecs: ecs::Ecs,
    /// RDS read replica components.
    pub(crate) rds: rds::Rds,
    /// CloudWatch alarms.
    pub(crate) alarms: alarm::Alarms,
    /// Whether any database has replicas (a fast path for everything else).
    pub(crate) has_rds: bool,
    /// Whether any pool is a cache-aside (ElastiCache), so a design without
    /// one draws nothing and looks nothing up on each downstream call.
    pub(crate) has_aside: bool,
    /// Whether any pool caches at all (CloudFront or ElastiCache).
    pub(crate) has_cache: bool,
}
