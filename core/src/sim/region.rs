//! Regions: which components sit inside which Region frame, and which
//! regions are down.
//!
//! A component belongs to the first Region frame whose rectangle holds its
//! centre. Users (the clients) and Route 53 (a global service) belong to no
//! region. A region outage of one named frame stops the components inside
//! it; an outage without a name stops every region, frames or not.
//!
//! Checking a node is a bit test: nothing is allocated per event.

use super::ix::NodeIx;
use super::model::{Node, NodeKind};
use crate::catalog::Kind;
use crate::design::{Design, GroupKind};

/// Marks a node that lies in no Region frame.
const NONE: u8 = u8::MAX;
/// At most this many Region frames are told apart (one bit each).
const MAX_REGIONS: usize = 64;

/// The design's regions and their state during a run.
#[derive(Debug, Default)]
pub(crate) struct Regions {
    /// Region frame labels, trimmed, without repeats.
    names: Vec<String>,
    /// Region index of each node, or [`NONE`].
    of_node: Vec<u8>,
    /// One bit per named region that is down.
    down: u64,
    /// Every region is down (an outage without a name).
    all_down: bool,
}

impl Regions {
    /// The regions of a design's Region frames and the region of each node.
    pub(crate) fn new(d: &Design, nodes: &[Node]) -> Regions {
        let mut names: Vec<String> = Vec::new();
        let mut frames = Vec::new();
        for g in d.groups.iter().filter(|g| g.kind == GroupKind::Region) {
            let label = g.label.trim();
            let k = match names.iter().position(|n| n == label) {
                Some(k) => k,
                None if names.len() < MAX_REGIONS => {
                    names.push(label.to_owned());
                    names.len() - 1
                }
                None => continue,
            };
            frames.push((g.rect, k as u8));
        }
        let of_node = nodes
            .iter()
            .map(|n| {
                if matches!(n.kind, NodeKind::Users(_) | NodeKind::Dns(_))
                    || n.kind_id == Kind::CloudFront
                {
                    return NONE;
                }
                d.components
                    .iter()
                    .find(|c| c.id == n.id)
                    .and_then(|c| frames.iter().find(|(r, _)| r.contains(c.pos)))
                    .map_or(NONE, |&(_, k)| k)
            })
            .collect();
        Regions {
            names,
            of_node,
            down: 0,
            all_down: false,
        }
    }

    /// The index of the Region frame called `name`.
    pub(crate) fn index(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n == name.trim())
    }

    /// Whether node `n` is down: every region is, or its own is.
    #[inline]
    pub(crate) fn node_down(&self, n: NodeIx) -> bool {
        self.all_down || self.named_down(n)
    }

    /// Whether node `n` lies in a named region that is down.
    #[inline]
    pub(crate) fn named_down(&self, n: NodeIx) -> bool {
        if self.down == 0 {
            return false;
        }
        let r = self.of_node.get(n.idx()).copied().unwrap_or(NONE);
        r != NONE && self.down & (1u64 << r) != 0
    }

    /// Whether node `n` lies in region `r`.
    pub(crate) fn holds(&self, r: usize, n: NodeIx) -> bool {
        self.of_node.get(n.idx()).copied() == Some(r as u8)
    }

    /// Whether every region is down.
    pub(crate) fn all_down(&self) -> bool {
        self.all_down
    }

    /// Every region goes down or comes back.
    pub(crate) fn set_all(&mut self, down: bool) {
        self.all_down = down;
    }

    /// Region `r` goes down or comes back; returns whether that changed it.
    pub(crate) fn set(&mut self, r: usize, down: bool) -> bool {
        let bit = 1u64 << r;
        let was = self.down & bit != 0;
        if down {
            self.down |= bit;
        } else {
            self.down &= !bit;
        }
        was != down
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::design::{Component, ComponentId, Group, GroupId, Params, Point, Rect};
    use crate::sim::ix::PoolIx;

    fn design() -> (Design, Vec<Node>) {
        let mut d = Design::default();
        for (i, (label, x)) in [("us-east-1", 0.0), ("eu-west-1", 200.0)]
            .iter()
            .enumerate()
        {
            d.groups.push(Group {
                id: GroupId(i as u32 + 1),
                kind: GroupKind::Region,
                label: (*label).to_owned(),
                rect: Rect {
                    x: *x,
                    y: 0.0,
                    w: 100.0,
                    h: 100.0,
                },
            });
        }
        let mut nodes = Vec::new();
        for (i, (kind, x, nk)) in [
            (Kind::Ec2, 50.0, NodeKind::Pool(PoolIx::new(0))),
            (Kind::Ec2, 250.0, NodeKind::Pool(PoolIx::new(1))),
            (Kind::Ec2, 450.0, NodeKind::Pool(PoolIx::new(2))),
            (Kind::Route53, 50.0, NodeKind::Dns(0)),
        ]
        .into_iter()
        .enumerate()
        {
            let id = ComponentId(i as u32 + 1);
            d.components.push(Component {
                id,
                kind: kind.id().to_owned(),
                label: String::new(),
                pos: Point { x, y: 50.0 },
                params: Params::new(),
            });
            nodes.push(Node {
                id,
                kind_id: kind,
                label: String::new(),
                kind: nk,
            });
        }
        (d, nodes)
    }

    #[test]
    fn only_the_nodes_inside_a_failed_frame_are_down() {
        let (d, nodes) = design();
        let mut r = Regions::new(&d, &nodes);
        let us = r.index(" us-east-1 ").expect("frame");
        assert!(r.set(us, true));
        assert!(!r.set(us, true));
        assert!(r.node_down(NodeIx::new(0)));
        assert!(
            !r.node_down(NodeIx::new(1)),
            "the other region keeps running"
        );
        assert!(!r.node_down(NodeIx::new(2)), "outside every frame");
        assert!(!r.node_down(NodeIx::new(3)), "Route 53 is global");
        assert!(r.set(us, false));
        assert!(!r.node_down(NodeIx::new(0)));
        r.set_all(true);
        assert!((0..4).all(|n| r.node_down(NodeIx::new(n))));
        assert!(!r.named_down(NodeIx::new(2)));
        assert_eq!(r.index("ap-south-1"), None);
    }
}
