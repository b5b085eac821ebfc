//! The end of a timed event: recovery, rollback, normal speed again.

use super::super::engine::Engine;
use crate::scenario::Event;

impl Engine {
    /// The end of a timed event (recovery, rollback).
    pub(crate) fn timeline_end(&mut self, idx: usize) {
        let Some(te) = self.scenario.timeline.get(idx).cloned() else {
            return;
        };
        match te.event {
            Event::AzOutage { az, .. } => self.az_recover(&az),
            Event::RegionOutage { region: None, .. } => {
                self.region.set_all(false);
                self.cx.tally.outage_ends(None, self.cx.now as f64 / 1e6);
                self.cx.log(None, "the region answers again".to_owned());
            }
            Event::RegionOutage {
                region: Some(name), ..
            } => {
                if let Some(r) = self.region.index(&name) {
                    self.region_up(r, &name);
                }
            }
            Event::DependencySlowdown { .. } => {
                if let Some(p) = self.target_pool(idx) {
                    self.pools[p].slowdown = 1.0;
                    let node = self.pools[p].node;
                    let text = format!(
                        "{} is back to normal speed",
                        self.nodes[node as usize].label
                    );
                    self.cx.log(Some(node), text);
                }
            }
            Event::BadDeployment { .. } => {
                let managed = self.target_pool(idx).and_then(|p| self.managed_of(p));
                if !managed.is_some_and(|k| self.managed_undeploy(k))
                    && let Some(p) = self.target_pool(idx)
                {
                    self.pools[p].error_rate = 0.0;
                    let node = self.pools[p].node;
                    let text = format!(
                        "the bad version of {} is rolled back",
                        self.nodes[node as usize].label
                    );
                    self.cx.log(Some(node), text);
                }
            }
            _ => {}
        }
    }
}
