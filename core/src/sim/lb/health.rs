//! Load-balancer health checks [ALB-HC] (§5.1): a round every interval; a
//! check that fails counts only once its timeout has passed, so a failed
//! target leaves rotation `UnhealthyThreshold` rounds after its failure plus
//! the timeout; a deep check also fails while the target's database is down.

use super::super::Ev;
use super::super::cx::Cx;
use super::super::ix::PoolIx;
use super::super::model::*;
use super::super::region::Regions;

/// What a health check reads besides the targets: instances, their pools
/// and nodes, the zone names and which zones and regions are down.
pub(crate) struct World<'a> {
    /// Every instance of the run.
    pub(crate) insts: &'a [Inst],
    /// Every pool (to find an instance's node and its database).
    pub(crate) pools: &'a [Pool],
    /// Every node (to find which calls go to a database).
    pub(crate) nodes: &'a [Node],
    /// Zone names, to name an instance.
    pub(crate) azs: &'a [String],
    /// Which zones are down.
    pub(crate) az_down: &'a [bool],
    /// Which regions are down.
    pub(crate) region: &'a Regions,
}

impl World<'_> {
    /// Whether instance `inst` answers a check (deep: with its database).
    fn passes(&self, inst: &Inst, deep: bool) -> bool {
        self.answers(inst)
            && !self.region.node_down(self.pools[inst.pool.idx()].node)
            && (!deep || self.databases_answer(inst.pool))
    }

    /// Whether instance `inst` is up to answer at all: in service, not
    /// crashed or hung, its zone up.
    fn answers(&self, inst: &Inst) -> bool {
        inst.state == St::InService
            && !inst.crashed
            && !inst.hung
            && !self.az_down[inst.az as usize]
    }

    /// Whether every database pool `p` calls has an instance in service
    /// (assumption: a deep check path runs one query on each database).
    fn databases_answer(&self, p: PoolIx) -> bool {
        self.pools[p.idx()].downstream.iter().all(|d| {
            let NodeKind::Pool(q) = self.nodes[d.node.idx()].kind else {
                return true;
            };
            let db = &self.pools[q.idx()];
            db.kind != PoolKind::Rds
                || (!self.region.node_down(db.node)
                    && db.insts.iter().any(|&i| self.answers(&self.insts[i.idx()])))
        })
    }

    /// An instance's name for the log: `i-3 in us-east-1a`.
    fn name(&self, inst: &Inst) -> String {
        format!("i-{} in {}", inst.name, self.azs[inst.az as usize])
    }
}

impl Lb {
    /// One round of health checks by this load balancer (number `l`): the
    /// next round is scheduled, each target not draining is checked against
    /// its instance, zone, region and (deep) database; a pass counts at once,
    /// a failure when the timeout has passed (a verdict event then).
    pub(crate) fn health_check(&mut self, l: usize, cx: &mut Cx, w: &World<'_>) {
        let interval = self.hc_interval_us;
        if cx.now + interval < cx.end {
            cx.q.push(cx.now + interval, Ev::HealthCheck { lb: l as u16 });
        }
        let now = cx.now;
        let node = self.node;
        self.targets_changed();
        let hthr = self.healthy_thr;
        let mut waiting = false;
        for tg in &mut self.tgs {
            for t in &mut tg.targets {
                if t.state == TState::Draining {
                    continue;
                }
                let inst = &w.insts[t.inst.idx()];
                if !w.passes(inst, tg.deep.contains(&inst.pool)) {
                    // The check waits out its timeout before it counts [ALB-HC].
                    waiting |= !t.pending;
                    t.pending = true;
                    continue;
                }
                t.fails = 0;
                t.oks = t.oks.saturating_add(1);
                match t.state {
                    // Assumption: a newly registered target needs one passed
                    // check (the docs say "an initial health check") [ALB-TG].
                    TState::Initial => {
                        t.state = TState::Healthy;
                        t.ramp_from = now;
                    }
                    TState::Unhealthy if t.oks >= hthr => {
                        t.state = TState::Healthy;
                        let text = format!(
                            "{} passed its health check {hthr} times; back in rotation",
                            w.name(inst)
                        );
                        cx.log(Some(node), text);
                    }
                    _ => {}
                }
            }
        }
        if waiting {
            cx.q.push(now + self.hc_timeout_us, Ev::HealthVerdict { lb: l as u16 });
        }
    }

    /// The checks that failed one timeout ago count now: a target failing
    /// `UnhealthyThreshold` in a row leaves rotation, and the log says so.
    pub(crate) fn health_verdict(&mut self, cx: &mut Cx, w: &World<'_>) {
        let node = self.node;
        let (uthr, interval, timeout) = (
            self.unhealthy_thr,
            self.hc_interval_us / 1_000_000,
            self.hc_timeout_us as f64 / 1e6,
        );
        self.targets_changed();
        for tg in &mut self.tgs {
            for t in tg.targets.iter_mut().filter(|t| t.pending) {
                t.pending = false;
                if t.state == TState::Draining {
                    continue;
                }
                t.oks = 0;
                t.fails = t.fails.saturating_add(1);
                if t.state != TState::Unhealthy && t.fails >= uthr {
                    t.state = TState::Unhealthy;
                    let inst = &w.insts[t.inst.idx()];
                    let why = if w.passes(inst, false) {
                        "its database does not answer the deep check"
                    } else {
                        "no answer"
                    };
                    let text = format!(
                        "{} failed its ELB health check ({uthr} × {interval} s, each failing after its {timeout} s timeout: {why}); no new requests go to it",
                        w.name(inst)
                    );
                    cx.log(Some(node), text);
                }
            }
        }
    }
}
