//! What the canvas replays: requests carried by each link per bucket, and
//! the Availability Zone and region outages with their times.
//!
//! Counting a hop costs one binary search over the links (sorted by their
//! two ends) and an increment: nothing is allocated per event.

use crate::design::LinkId;
use crate::run::{LinkSeries, Outage};

/// Per-link counters of the current bucket and the series closed so far.
#[derive(Debug, Default)]
pub(crate) struct Tally {
    /// `(from node << 16 | to node, link index)`, sorted by key.
    keys: Vec<(u32, u32)>,
    /// Requests carried in the current bucket, by link index.
    current: Vec<u64>,
    /// One series per link, by link index.
    series: Vec<LinkSeries>,
    /// Outages in the order they started.
    outages: Vec<Outage>,
}

impl Tally {
    /// A tally of `links` given as `(from node, to node, link id)`.
    pub(crate) fn new(links: impl IntoIterator<Item = (u16, u16, LinkId)>) -> Tally {
        let mut t = Tally::default();
        for (from, to, id) in links {
            let k = t.series.len() as u32;
            t.keys.push(((u32::from(from) << 16) | u32::from(to), k));
            t.series.push(LinkSeries {
                id,
                requests: Vec::new(),
            });
        }
        t.keys.sort_unstable();
        t.current = vec![0; t.series.len()];
        t
    }

    /// A request went over the link from node `from` to node `to`.
    #[inline]
    pub(crate) fn carried(&mut self, from: u16, to: u16) {
        let key = (u32::from(from) << 16) | u32::from(to);
        if let Ok(k) = self.keys.binary_search_by_key(&key, |&(k, _)| k) {
            self.current[self.keys[k].1 as usize] += 1;
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

    #[test]
    fn counts_by_link_and_closes_buckets() {
        let mut t = Tally::new([(0, 1, LinkId(7)), (1, 2, LinkId(3))]);
        t.carried(1, 2);
        t.carried(1, 2);
        t.carried(0, 1);
        t.carried(2, 0); // no such link: ignored
        t.close_bucket();
        t.carried(0, 1);
        t.close_bucket();
        let (links, _) = t.finish();
        assert_eq!(links[0].id, LinkId(7));
        assert_eq!(links[0].requests, vec![1, 1]);
        assert_eq!(links[1].requests, vec![2, 0]);
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
