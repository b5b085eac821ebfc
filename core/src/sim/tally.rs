//! What the canvas replays: requests carried by each link per bucket, and
//! the Availability Zone and region outages with their times.
//!
//! Counting a hop costs one table lookup (one binary search over the links,
//! sorted by their two ends, in a design of more than [`DENSE_NODES`] nodes)
//! and an increment: nothing is allocated per event.

use super::ix::NodeIx;
use crate::design::LinkId;
use crate::run::{LinkSeries, Outage};

/// Designs with up to this many nodes look links up in a square table
/// (at most 64 KB, of which a run touches a few lines).
const DENSE_NODES: usize = 128;

/// No link between two nodes, in the square table.
const NO_LINK: u32 = u32::MAX;

/// Per-link counters of the current bucket and the series closed so far.
#[derive(Debug, Default)]
pub(crate) struct Tally {
    /// `(from node << 16 | to node, link index)`, sorted by key.
    keys: Vec<(u32, u32)>,
    /// Link index by `from × side + to`, or [`NO_LINK`]; empty when the
    /// design is too large for it.
    table: Vec<u32>,
    /// Nodes per row of `table`.
    side: usize,
    /// Requests carried in the current bucket, by link index.
    current: Vec<u64>,
    /// One series per link, by link index.
    series: Vec<LinkSeries>,
    /// Outages in the order they started.
    outages: Vec<Outage>,
}

/// The key of the link from node `from` to node `to`: both 16-bit indices
/// in one word, so keys sort by `from`, then `to`.
#[inline]
fn key(from: NodeIx, to: NodeIx) -> u32 {
    ((from.idx() as u32) << 16) | to.idx() as u32
}

impl Tally {
    /// A tally of `links` given as `(from node, to node, link id)`.
    pub(crate) fn new(links: impl IntoIterator<Item = (NodeIx, NodeIx, LinkId)>) -> Tally {
        let mut t = Tally::default();
        for (from, to, id) in links {
            let k = t.series.len() as u32;
            t.keys.push((key(from, to), k));
            t.series.push(LinkSeries {
                id,
                requests: Vec::new(),
            });
        }
        t.keys.sort_unstable();
        t.current = vec![0; t.series.len()];
        let side = t
            .keys
            .iter()
            .map(|&(k, _)| (k >> 16).max(k & 0xffff) as usize + 1)
            .max();
        if let Some(side) = side.filter(|&n| n <= DENSE_NODES) {
            t.side = side;
            t.table = vec![NO_LINK; side * side];
            // In key order, so of two links between the same nodes the first counts.
            for &(k, link) in t.keys.iter().rev() {
                t.table[(k >> 16) as usize * side + (k & 0xffff) as usize] = link;
            }
        }
        t
    }

    /// A request went over the link from node `from` to node `to`.
    #[inline(always)] // on every hop: a call would cost more than its body
    pub(crate) fn carried(&mut self, from: NodeIx, to: NodeIx) {
        let link = if self.side > 0 {
            let (from, to) = (from.idx(), to.idx());
            if from >= self.side || to >= self.side {
                return;
            }
            self.table[from * self.side + to]
        } else {
            let key = key(from, to);
            match self.keys.binary_search_by_key(&key, |&(k, _)| k) {
                Ok(k) => self.keys[k].1,
                Err(_) => return,
            }
        };
        if let Some(c) = self.current.get_mut(link as usize) {
            *c += 1;
        }
    }

    /// Closes the current bucket of every link.
    pub(crate) fn close_bucket(&mut self) {
        for (s, c) in self.series.iter_mut().zip(&mut self.current) {
            s.requests.push(*c);
            *c = 0;
        }
    }

    /// An outage starts: of the zone `az`, or of every region when `None`.
    pub(crate) fn outage_starts(&mut self, az: Option<&str>, t_s: f64) {
        self.starts(az, None, t_s);
    }

    /// The open outage of `az` (or of every region) ends.
    pub(crate) fn outage_ends(&mut self, az: Option<&str>, t_s: f64) {
        self.ends(az, None, t_s);
    }

    /// An outage of the Region frame called `region` starts.
    pub(crate) fn region_outage_starts(&mut self, region: &str, t_s: f64) {
        self.starts(None, Some(region), t_s);
    }

    /// The open outage of the Region frame called `region` ends.
    pub(crate) fn region_outage_ends(&mut self, region: &str, t_s: f64) {
        self.ends(None, Some(region), t_s);
    }

    fn starts(&mut self, az: Option<&str>, region: Option<&str>, t_s: f64) {
        self.outages.push(Outage {
            az: az.map(str::to_owned),
            region: region.map(str::to_owned),
            start_s: t_s,
            end_s: None,
        });
    }

    fn ends(&mut self, az: Option<&str>, region: Option<&str>, t_s: f64) {
        if let Some(o) =
            self.outages.iter_mut().rev().find(|o| {
                o.end_s.is_none() && o.az.as_deref() == az && o.region.as_deref() == region
            })
        {
            o.end_s = Some(t_s);
        }
    }

    /// The link series and outages, for the run.
    pub(crate) fn finish(self) -> (Vec<LinkSeries>, Vec<Outage>) {
        (self.series, self.outages)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const N: fn(usize) -> NodeIx = NodeIx::new;

    #[test]
    fn counts_by_link_and_closes_buckets() {
        let mut t = Tally::new([(N(0), N(1), LinkId(7)), (N(1), N(2), LinkId(3))]);
        t.carried(N(1), N(2));
        t.carried(N(1), N(2));
        t.carried(N(0), N(1));
        t.carried(N(2), N(0)); // no such link: ignored
        t.close_bucket();
        t.carried(N(0), N(1));
        t.close_bucket();
        let (links, _) = t.finish();
        assert_eq!(links[0].id, LinkId(7));
        assert_eq!(links[0].requests, vec![1, 1]);
        assert_eq!(links[1].requests, vec![2, 0]);
    }

    #[test]
    fn large_designs_count_through_the_sorted_keys() {
        let far = N(DENSE_NODES + 5);
        let mut t = Tally::new([(N(0), far, LinkId(1)), (far, N(2), LinkId(2))]);
        assert!(t.table.is_empty());
        t.carried(N(0), far);
        t.carried(far, N(2));
        t.carried(far, N(2));
        t.carried(N(2), far);
        t.close_bucket();
        let (links, _) = t.finish();
        assert_eq!(links[0].requests, vec![1]);
        assert_eq!(links[1].requests, vec![2]);
    }

    #[test]
    fn outages_open_and_close_by_zone() {
        let mut t = Tally::new([]);
        t.outage_starts(Some("us-east-1a"), 10.0);
        t.outage_starts(None, 20.0);
        t.region_outage_starts("eu-west-1", 25.0);
        t.outage_ends(Some("us-east-1a"), 30.0);
        t.outage_ends(None, 40.0);
        let (_, o) = t.finish();
        assert_eq!(o[0].end_s, Some(30.0));
        assert_eq!(o[1].end_s, Some(40.0));
        assert_eq!(o[2].region.as_deref(), Some("eu-west-1"));
        assert_eq!(o[2].end_s, None, "a named region's outage is its own");
    }
}
