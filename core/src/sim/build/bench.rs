//! The bench under construction: what the stages of a build fill in, from
//! the nodes (stage two) to the parts each component adds.

use super::super::SimError;
use super::super::edge::EdgeState;
use super::super::model::{Asg, Inst, Lb, Node, NodeKind, Pool, Source};
use super::super::queues::Messaging;
use super::super::serverless::Serverless;
use super::super::time::SimTime;
use crate::catalog::{Kind, Role};
use crate::design::{ComponentId, Design};
use crate::scenario::Scenario;
use crate::sim::ix::NodeIx;

/// Marks a component that has no node (requests never reach it).
pub(super) const NO_NODE: NodeIx = NodeIx::NONE;

/// Scheduled actions from groups' `schedule` settings: (time, group, desired).
pub(super) type Schedule = Vec<(SimTime, u16, u32)>;

/// Everything a build has made so far.
pub(super) struct Bench<'a> {
    pub(super) d: &'a Design,
    pub(super) sc: &'a Scenario,
    pub(super) seed: u64,
    /// Node of each component, [`NO_NODE`] when requests never reach it.
    pub(super) node_of: Vec<NodeIx>,
    pub(super) nodes: Vec<Node>,
    /// Zone names, the six of us-east-1 first, then those the design names.
    pub(super) azs: Vec<String>,
    pub(super) sources: Vec<Source>,
    pub(super) lbs: Vec<Lb>,
    pub(super) pools: Vec<Pool>,
    pub(super) asgs: Vec<Asg>,
    pub(super) insts: Vec<Inst>,
    /// The number the next instance is named with.
    pub(super) next_name: u32,
    pub(super) any_sticky: bool,
    pub(super) any_rds: bool,
    /// The most clients any Users component has.
    pub(super) max_clients: u32,
    /// Scheduled actions from groups' `schedule` settings.
    pub(super) scheduled: Schedule,
    pub(super) sls: Serverless,
    /// Component indices of Route 53 records, in node order.
    pub(super) dns_comps: Vec<usize>,
    pub(super) edge: EdgeState,
    pub(super) mq: Messaging,
}

impl<'a> Bench<'a> {
    /// Stage two: one node for every reached component, in document order.
    /// Refuses a reached component the simulator cannot run.
    pub(super) fn new(d: &'a Design, sc: &'a Scenario, reach: &[bool]) -> Result<Self, SimError> {
        let mut nodes = Vec::new();
        let mut node_of = vec![NO_NODE; d.components.len()];
        for (i, c) in d.components.iter().enumerate() {
            if !reach[i] {
                continue;
            }
            let Some(kind) = c.kind_of().filter(|k| runs(*k)) else {
                return Err(SimError::Unsupported {
                    label: c.label.clone(),
                    kind: c.kind.clone(),
                });
            };
            node_of[i] = NodeIx::new(nodes.len());
            nodes.push(Node {
                id: c.id,
                kind_id: kind,
                label: c.label.clone(),
                kind: NodeKind::Users(0),
            });
        }
        Ok(Bench {
            d,
            sc,
            seed: sc.seed,
            node_of,
            nodes,
            azs: crate::catalog::ZONES
                .iter()
                .map(|s| (*s).to_owned())
                .collect(),
            sources: Vec::new(),
            lbs: Vec::new(),
            pools: Vec::new(),
            asgs: Vec::new(),
            insts: Vec::new(),
            next_name: 1,
            any_sticky: false,
            any_rds: false,
            max_clients: 1,
            scheduled: Vec::new(),
            sls: Serverless::default(),
            dns_comps: Vec::new(),
            edge: EdgeState::default(),
            mq: Messaging::default(),
        })
    }

    /// The index of the component with this id.
    pub(super) fn index_of(&self, id: ComponentId) -> Option<usize> {
        self.d.components.iter().position(|c| c.id == id)
    }

    /// The node of the component with this id, if requests reach it.
    pub(super) fn node_of_id(&self, id: ComponentId) -> Option<NodeIx> {
        self.index_of(id)
            .map(|j| self.node_of[j])
            .filter(|&m| m != NO_NODE)
    }
}

/// Whether the simulator runs components of kind `k`.
fn runs(k: Kind) -> bool {
    let r = k.role();
    matches!(
        r,
        Role::Source | Role::Dns | Role::LoadBalancer | Role::Messaging
    ) || r.is_pool()
        || r.is_managed()
}
