//! Load balancers: target groups, health checks, zones, algorithms, stickiness.

use super::Ev;
use super::engine::Engine;
use super::model::*;

impl Engine {
    /// The ramp limit: a load balancer scaled for the traffic it has seen
    /// refuses (503) what exceeds its capacity in the current second.
    #[inline]
    pub(crate) fn lb_over_capacity(&mut self, l: usize) -> bool {
        let now = self.cx.now;
        let lb = &mut self.lbs[l];
        let Some(r) = lb.ramp.as_mut() else {
            return false;
        };
        if now >= r.second_start + 1_000_000 {
            r.second_start = now - now % 1_000_000;
            r.in_second = 0;
        }
        r.in_second += 1;
        r.in_minute += 1;
        if f64::from(r.in_second) > r.capacity_rps {
            lb.stats.requests += 1;
            lb.stats.rejections += 1;
            return true;
        }
        false
    }

    /// Once a minute: a load balancer busier than 80 % of its capacity grows
    /// it, doubling every 5 minutes. Assumption: AWS documents no scaling rate;
    /// "doubles about every 5 minutes" is folklore (UNCONFIRMED) [ALB-XZ], §5.3.
    pub(crate) fn lb_scale(&mut self) {
        let mut notes = Vec::new();
        for lb in &mut self.lbs {
            let Some(r) = lb.ramp.as_mut() else { continue };
            let rate = f64::from(r.in_minute) / 60.0;
            r.in_minute = 0;
            if rate > 0.8 * r.capacity_rps {
                let before = r.capacity_rps;
                r.capacity_rps *= libm::exp2(60.0 / 300.0);
                if before < rate {
                    notes.push((lb.node, format!(
                        "the load balancer is still scaling: {rate:.0} req/s against {before:.0} req/s of capacity; it refuses the excess"
                    )));
                }
            }
        }
        for (node, text) in notes {
            self.cx.log(Some(node), text);
        }
    }

    /// Picks the instance a load balancer sends a request to, or `None` when it
    /// has no target at all.
    pub(crate) fn lb_route(&mut self, l: usize, client: u32) -> Option<u32> {
        let now = self.cx.now;
        let kb = self.scenario.mix.request_kb + self.scenario.mix.response_kb;
        let lb = &mut self.lbs[l];
        lb.stats.requests += 1;
        lb.bytes += kb * 1000.0;
        // Target group by weight.
        let tgi = if lb.tgs.len() == 1 {
            0
        } else if let Some(t) = Self::weighted_tg(lb) {
            t
        } else {
            lb.stats.rejections += 1;
            return None;
        };
        let insts = &self.insts;
        if lb.sticky
            && let Some(i) = Self::sticky_target(lb, tgi, client, now)
        {
            return Some(i);
        }
        // The load-balancer node (zone) the client reached: drawn when
        // cross-zone is off (it limits the targets) or when crossing zones is
        // billed (NLB with cross-zone on [NLB-XZ]).
        let node_zone = if lb.cross_zone && !lb.bill_inter_az {
            None
        } else {
            Self::draw_node_zone(lb, tgi, insts)
        };
        let zone = if lb.cross_zone { None } else { node_zone };
        if lb.scratch_for != Some((tgi, zone)) {
            lb.scratch_for = Some((tgi, zone));
            Self::list_candidates(&mut lb.scratch, &lb.tgs[tgi], insts, zone);
        }
        if lb.scratch.is_empty() {
            lb.stats.rejections += 1;
            return None;
        }
        let pick = Self::pick_candidate(lb, insts, now);
        if lb.sticky
            && let Some(e) = lb.sticky_table.get_mut(client as usize)
        {
            *e = (pick, now + lb.sticky_us);
        }
        if lb.bill_inter_az && node_zone.is_some_and(|z| insts[pick as usize].az != z) {
            lb.inter_az_bytes += kb * 1000.0;
        }
        Some(pick)
    }

    /// Draws one of the load balancer's target groups by weight; `None` when
    /// no group has any weight.
    #[inline(never)] // off the common request path: keeps its callers lean
    fn weighted_tg(lb: &mut Lb) -> Option<usize> {
        let total: f64 = lb.tgs.iter().map(|t| t.weight.max(0.0)).sum();
        if total <= 0.0 {
            return None;
        }
        let mut x = lb.rng.uniform() * total;
        let mut pick = 0;
        for (k, tg) in lb.tgs.iter().enumerate() {
            let w = tg.weight.max(0.0);
            if x < w {
                pick = k;
                break;
            }
            x -= w;
            pick = k;
        }
        Some(pick)
    }

    /// The instance `client` sticks to in target group `tgi`, while its
    /// stickiness lasts (at `now`) and the instance stays healthy there.
    #[inline(never)] // off the common request path: keeps its callers lean
    fn sticky_target(lb: &Lb, tgi: usize, client: u32, now: u64) -> Option<u32> {
        let &(i, until) = lb.sticky_table.get(client as usize)?;
        let healthy = |t: &Target| t.inst == i && t.state == TState::Healthy;
        (until > now && i != NIL && lb.tgs[tgi].targets.iter().any(healthy)).then_some(i)
    }

    /// Draws the load-balancer node (one per zone holding a target of group
    /// `tgi` that is not draining) a client reaches: its zone, or `None` when
    /// no zone holds such a target.
    #[inline]
    fn draw_node_zone(lb: &mut Lb, tgi: usize, insts: &[Inst]) -> Option<u8> {
        let mut mask: u64 = 0;
        for t in &lb.tgs[tgi].targets {
            if t.state != TState::Draining {
                mask |= 1 << (insts[t.inst as usize].az & 63);
            }
        }
        let n = mask.count_ones() as usize;
        if n == 0 {
            return None;
        }
        let mut k = lb.rng.below(n);
        let mut z = 0u8;
        for b in 0..64u8 {
            if mask & (1 << b) != 0 {
                if k == 0 {
                    z = b;
                    break;
                }
                k -= 1;
            }
        }
        Some(z)
    }

    /// The candidate (of the non-empty `lb.scratch`) the load balancer's
    /// algorithm picks at `now`; each pick moves the round-robin start on.
    #[inline]
    fn pick_candidate(lb: &mut Lb, insts: &[Inst], now: u64) -> u32 {
        let n = lb.scratch.len();
        let start = lb.rr % n;
        lb.rr = lb.rr.wrapping_add(1);
        match lb.algo {
            Algo::RoundRobin if lb.slow_start_us > 0 => Self::slow_start_pick(lb, start, now),
            Algo::RoundRobin => lb.scratch[start].0,
            Algo::FlowHash => lb.scratch[lb.rng.below(n)].0,
            Algo::LeastOutstanding => {
                let mut best = lb.scratch[start].0;
                let mut best_n = insts[best as usize].in_system();
                for k in 1..n {
                    let i = lb.scratch[(start + k) % n].0;
                    let o = insts[i as usize].in_system();
                    if o < best_n {
                        best = i;
                        best_n = o;
                    }
                }
                best
            }
        }
    }

    /// Round robin with slow start from candidate `start`: a new target's
    /// share grows linearly [ALB-TG], so a young one may be passed over.
    #[inline(never)] // off the common request path: keeps its callers lean
    fn slow_start_pick(lb: &mut Lb, start: usize, now: u64) -> u32 {
        let n = lb.scratch.len();
        let mut pick = lb.scratch[start].0;
        for k in 0..n {
            let (i, from) = lb.scratch[(start + k) % n];
            let share = if from == 0 {
                1.0
            } else {
                (now.saturating_sub(from)) as f64 / lb.slow_start_us as f64
            };
            if share >= 1.0 || lb.rng.uniform() < share {
                pick = i;
                break;
            }
        }
        pick
    }

    /// Lists the targets a request may go to: the healthy ones in `zone`
    /// (any zone when `None`), else the healthy ones anywhere, else every
    /// registered target but the draining ones (fail open [ALB-HC]).
    fn list_candidates(out: &mut Vec<(u32, u64)>, tg: &Tg, insts: &[Inst], zone: Option<u8>) {
        out.clear();
        let in_zone = |t: &Target| zone.is_none_or(|z| insts[t.inst as usize].az == z);
        out.extend(
            tg.targets
                .iter()
                .filter(|t| t.state == TState::Healthy && in_zone(t))
                .map(|t| (t.inst, t.ramp_from)),
        );
        if out.is_empty() {
            // No healthy target in this node's zone: other zones' healthy
            // targets, else fail open to every registered target [ALB-HC].
            out.extend(
                tg.targets
                    .iter()
                    .filter(|t| t.state == TState::Healthy)
                    .map(|t| (t.inst, t.ramp_from)),
            );
            if out.is_empty() {
                out.extend(
                    tg.targets
                        .iter()
                        .filter(|t| t.state != TState::Draining)
                        .map(|t| (t.inst, t.ramp_from)),
                );
            }
        }
    }

    /// One round of health checks by a load balancer.
    pub(crate) fn health_check(&mut self, l: usize) {
        let interval = self.lbs[l].hc_interval_us;
        if self.cx.now + interval < self.cx.end_us {
            self.cx
                .q
                .push(self.cx.now + interval, Ev::HealthCheck { lb: l as u16 });
        }
        let now = self.cx.now;
        let mut notes: Vec<(u16, String)> = Vec::new();
        let lb = &mut self.lbs[l];
        lb.targets_changed();
        let (hthr, uthr) = (lb.healthy_thr, lb.unhealthy_thr);
        for tg in &mut lb.tgs {
            for t in &mut tg.targets {
                if t.state == TState::Draining {
                    continue;
                }
                let inst = &self.insts[t.inst as usize];
                let ok = inst.state == St::InService
                    && !inst.crashed
                    && !inst.hung
                    && !self.az_down[inst.az as usize]
                    && !self.region.node_down(self.pools[inst.pool as usize].node);
                let name = || format!("i-{} in {}", inst.name, self.azs[inst.az as usize]);
                if ok {
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
                            notes.push((
                                inst.pool,
                                format!(
                                    "{} passed its health check {} times; back in rotation",
                                    name(),
                                    hthr
                                ),
                            ));
                        }
                        _ => {}
                    }
                } else {
                    t.oks = 0;
                    t.fails = t.fails.saturating_add(1);
                    if t.state != TState::Unhealthy && t.fails >= uthr {
                        t.state = TState::Unhealthy;
                        notes.push((
                            inst.pool,
                            format!(
                                "{} failed its ELB health check ({} × {} s); no new requests go to it",
                                name(),
                                uthr,
                                interval / 1_000_000
                            ),
                        ));
                    }
                }
            }
        }
        let node = self.lbs[l].node;
        for (pool, text) in notes {
            let _ = pool;
            self.cx.log(Some(node), text);
        }
    }

    /// Registers an instance with every load balancer of its pool.
    pub(crate) fn register(&mut self, i: u32, healthy: bool) {
        let p = self.insts[i as usize].pool;
        for k in 0..self.pools[p as usize].lbs.len() {
            let l = self.pools[p as usize].lbs[k] as usize;
            self.lbs[l].targets_changed();
            for tg in &mut self.lbs[l].tgs {
                if tg.pools.contains(&p) && !tg.targets.iter().any(|t| t.inst == i) {
                    let state = if healthy {
                        TState::Healthy
                    } else {
                        TState::Initial
                    };
                    tg.targets.push(Target {
                        inst: i,
                        state,
                        fails: 0,
                        oks: 0,
                        ramp_from: 0,
                    });
                }
            }
        }
    }

    /// Starts draining an instance on every load balancer; returns the longest
    /// deregistration delay, or `None` when it was registered nowhere.
    pub(crate) fn deregister(&mut self, i: u32) -> Option<u64> {
        let p = self.insts[i as usize].pool;
        let mut delay = None;
        for k in 0..self.pools[p as usize].lbs.len() {
            let l = self.pools[p as usize].lbs[k] as usize;
            let d = self.lbs[l].dereg_us;
            self.lbs[l].targets_changed();
            for tg in &mut self.lbs[l].tgs {
                for t in tg.targets.iter_mut().filter(|t| t.inst == i) {
                    t.state = TState::Draining;
                    delay = Some(delay.unwrap_or(0).max(d));
                }
            }
        }
        delay
    }

    /// Removes an instance from every target group.
    pub(crate) fn unregister(&mut self, i: u32) {
        let p = self.insts[i as usize].pool;
        for k in 0..self.pools[p as usize].lbs.len() {
            let l = self.pools[p as usize].lbs[k] as usize;
            self.lbs[l].targets_changed();
            for tg in &mut self.lbs[l].tgs {
                tg.targets.retain(|t| t.inst != i);
            }
        }
    }

    /// Whether any load balancer sees the instance as unhealthy.
    pub(crate) fn lb_unhealthy(&self, i: u32) -> bool {
        let p = self.insts[i as usize].pool as usize;
        self.pools[p].lbs.iter().any(|&l| {
            self.lbs[l as usize].tgs.iter().any(|tg| {
                tg.targets
                    .iter()
                    .any(|t| t.inst == i && t.state == TState::Unhealthy)
            })
        })
    }

    /// Healthy targets of a load balancer.
    pub(crate) fn healthy_targets(&self, l: usize) -> u32 {
        self.lbs[l]
            .tgs
            .iter()
            .map(|tg| {
                tg.targets
                    .iter()
                    .filter(|t| t.state == TState::Healthy)
                    .count() as u32
            })
            .sum()
    }
}
