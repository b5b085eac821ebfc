//! Edge, containers and data services: Route 53 records, CloudFront and
//! ElastiCache hit ratios, ECS services (on EC2 or Fargate), RDS replicas.
//!
//! Route 53 names are nodes of their own ([`Dns`]); CloudFront,
//! ElastiCache and ECS services are pools with extra behaviour: a cache's
//! hits skip the calls behind it, and an ECS service on EC2 places each task
//! on a container instance with room for it ([`Cluster`]).

pub(crate) mod alarm;
pub(crate) mod build;
pub(crate) mod cache;
pub(crate) mod ecs;
pub(crate) mod rds;
pub(crate) mod route53;

use alarm::definition::Alarm;
use ecs::setup::{Cluster, Service};
use rds::replica::Replica;
use route53::records::{Dns, Origin};

/// The edge services' state in a run.
#[derive(Debug, Default)]
pub(crate) struct EdgeState {
    /// Route 53 names.
    pub(crate) dns: Vec<Dns>,
    /// Continent of each Users source (by source index).
    pub(crate) origins: Vec<Origin>,
    /// ECS clusters of container instances.
    pub(crate) clusters: Vec<Cluster>,
    /// ECS services on EC2: (Auto Scaling group index, cluster, task needs).
    pub(crate) services: Vec<Service>,
    /// RDS replica components.
    pub(crate) replicas: Vec<Replica>,
    /// CloudWatch alarms.
    pub(crate) alarms: Vec<Alarm>,
    /// Whether any database has replicas (a fast path for everything else).
    pub(crate) has_rds: bool,
}
