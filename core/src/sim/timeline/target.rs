//! What a timeline event names, found once when the run is built: the pool,
//! group or zone behind a component id or zone name.

use super::super::ix::PoolIx;
use crate::design::ComponentId;
use crate::scenario::Event;
use crate::sim::model::{Node, NodeKind, Pool, PoolKind};

/// A timeline event's target, as indices into the engine's arrays.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Target {
    /// The pool of the component the event names, if it runs as one.
    pub(crate) pool: Option<PoolIx>,
    /// The group of that pool, if it is an Auto Scaling group or service.
    pub(crate) asg: Option<u16>,
    /// The zone the event names, if the run knows it.
    pub(crate) az: Option<u8>,
}

impl Target {
    /// The target of event `e` among `nodes`, `pools` and the zones `azs`.
    pub(super) fn resolve(e: &Event, nodes: &[Node], pools: &[Pool], azs: &[String]) -> Target {
        let component = match e {
            Event::InstanceFailure { target, .. }
            | Event::DependencySlowdown { target, .. }
            | Event::BadDeployment { target, .. }
            | Event::ScheduledAction { target, .. }
            | Event::Suspend { target, .. }
            | Event::Resume { target, .. }
            | Event::InstanceRefresh { target, .. }
            | Event::TerminateInstances { target, .. }
            | Event::EcsDeployment { target, .. }
            | Event::ApiDeployment { target, .. }
            | Event::StageRollback { target } => Some(*target),
            _ => None,
        };
        let pool = component.and_then(|id| pool_of(nodes, id));
        let asg = pool.and_then(|p| match pools[p.idx()].kind {
            PoolKind::Asg(a) => Some(a),
            _ => None,
        });
        let az = match e {
            Event::AzOutage { az, .. } => azs.iter().position(|z| z == az).map(|z| z as u8),
            _ => None,
        };
        Target { pool, asg, az }
    }
}

/// The pool of component `id`, if it runs as one.
fn pool_of(nodes: &[Node], id: ComponentId) -> Option<PoolIx> {
    nodes
        .iter()
        .find(|n| n.id == id)
        .and_then(|n| match n.kind {
            NodeKind::Pool(p) => Some(p),
            _ => None,
        })
}
