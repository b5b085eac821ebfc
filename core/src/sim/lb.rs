//! Load balancers: target groups, health checks, zones, algorithms, stickiness.
//!
//! The behaviour of [`Lb`] over explicit arrays: routing a request (target
//! group by weight, stickiness, the load-balancer node's zone, the algorithm,
//! slow start), the ramp limit, health checks, and (de)registering targets.

use super::cx::Cx;
use super::ix::InstIx;
use super::ix::PoolIx;
use super::model::*;
use super::time::SimTime;
use crate::scenario::RequestMix;

mod health;
pub(crate) use health::World;

/// A load balancer scaled for its traffic takes this many times its busiest
/// second of the first minute with traffic. Assumption (AWS documents no
/// headroom): six, so a launch spike of 4× passes and a jump of 10× is
/// refused in part for about four minutes.
pub(crate) const HEADROOM: f64 = 6.0;
/// The least capacity a load balancer scaled for its traffic has, req/s.
/// Assumption.
pub(crate) const FLOOR_RPS: f64 = 100.0;

/// Once a minute: a load balancer that follows its traffic is scaled for
/// the first minute it sees traffic; one busier than 80 % of its capacity
/// grows it, doubling every 5 minutes. Assumption: AWS documents no scaling
/// rate; "doubles about every 5 minutes" is folklore (UNCONFIRMED) [ALB-XZ],
/// §5.3.
pub(crate) fn scale(lbs: &mut [Lb], cx: &mut Cx) {
    for lb in lbs {
        let Some(r) = lb.ramp.as_mut() else { continue };
        let rate = f64::from(r.in_minute) / 60.0;
        let peak = r.peak_second.max(r.in_second);
        r.in_minute = 0;
        r.peak_second = 0;
        if r.follow {
            if peak > 0 {
                r.follow = false;
                r.capacity_rps = (HEADROOM * f64::from(peak)).max(FLOOR_RPS).max(r.floor_rps);
            }
        } else if rate > 0.8 * r.capacity_rps {
            let before = r.capacity_rps;
            r.capacity_rps *= libm::exp2(60.0 / 300.0);
            if before < rate {
                cx.log(Some(lb.node), format!(
                    "the load balancer is still scaling: {rate:.0} req/s against {before:.0} req/s of capacity; it refuses the excess"
                ));
            }
        }
    }
}

/// Registers instance `i` of pool `p` with every load balancer `on` (the
/// pool's), `healthy` at once or waiting for its first check.
pub(crate) fn register(lbs: &mut [Lb], on: &[u16], p: PoolIx, i: InstIx, healthy: bool) {
    for &l in on {
        let lb = &mut lbs[l as usize];
        lb.targets_changed();
        for tg in &mut lb.tgs {
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
                    pending: false,
                    ramp_from: SimTime::ZERO,
                });
            }
        }
    }
}

/// Starts draining instance `i` on every load balancer `on`; returns the
/// longest deregistration delay, or `None` when it was registered nowhere.
pub(crate) fn deregister(lbs: &mut [Lb], on: &[u16], i: InstIx) -> Option<u64> {
    let mut delay = None;
    for &l in on {
        let lb = &mut lbs[l as usize];
        let d = lb.dereg_us;
        lb.targets_changed();
        for tg in &mut lb.tgs {
            for t in tg.targets.iter_mut().filter(|t| t.inst == i) {
                t.state = TState::Draining;
                delay = Some(delay.unwrap_or(0).max(d));
            }
        }
    }
    delay
}

/// Removes instance `i` from every target group of the load balancers `on`.
pub(crate) fn unregister(lbs: &mut [Lb], on: &[u16], i: InstIx) {
    for &l in on {
        let lb = &mut lbs[l as usize];
        lb.targets_changed();
        for tg in &mut lb.tgs {
            tg.targets.retain(|t| t.inst != i);
        }
    }
}

/// Whether any of the load balancers `on` sees instance `i` as unhealthy.
pub(crate) fn unhealthy(lbs: &[Lb], on: &[u16], i: InstIx) -> bool {
    on.iter().any(|&l| {
        lbs[l as usize].tgs.iter().any(|tg| {
            tg.targets
                .iter()
                .any(|t| t.inst == i && t.state == TState::Unhealthy)
        })
    })
}

impl Lb {
    /// The ramp limit: a load balancer scaled for the traffic it has seen
    /// refuses (503) what exceeds its capacity in the current second.
    #[inline]
    pub(crate) fn over_capacity(&mut self, cx: &Cx) -> bool {
        let now = cx.now;
        let Some(r) = self.ramp.as_mut() else {
            return false;
        };
        if now >= r.second_start + 1_000_000 {
            r.second_start = now.second_start();
            r.peak_second = r.peak_second.max(r.in_second);
            r.in_second = 0;
        }
        r.in_second += 1;
        r.in_minute += 1;
        if f64::from(r.in_second) > r.capacity_rps {
            self.stats.requests += 1;
            self.stats.rejections += 1;
            return true;
        }
        false
    }

    /// Picks the instance (of `insts`) this load balancer sends a request of
    /// `client` carrying `mix` to, or `None` when it has no target at all.
    pub(crate) fn route(
        &mut self,
        cx: &Cx,
        mix: &RequestMix,
        insts: &[Inst],
        client: u32,
    ) -> Option<InstIx> {
        let now = cx.now;
        let kb = mix.request_kb + mix.response_kb;
        self.stats.requests += 1;
        self.bytes += kb * 1000.0;
        // Target group by weight.
        let tgi = if self.by_path {
            match self.path_tg() {
                Some(t) => t,
                None => {
                    // No rule matches and there is no default target group:
                    // the listener's default answer, a 404 [P-VANTAGE-ELB].
                    self.stats.rejections += 1;
                    return None;
                }
            }
        } else if self.tgs.len() == 1 {
            0
        } else if let Some(t) = self.weighted_tg() {
            t
        } else {
            self.stats.rejections += 1;
            return None;
        };
        if self.sticky
            && let Some(i) = self.sticky_target(tgi, client, now)
        {
            return Some(i);
        }
        // The load-balancer node (zone) the client reached: drawn when the
        // group's cross-zone is off (it limits the targets) or when crossing
        // zones is billed (NLB with cross-zone on [NLB-XZ]).
        let cross_zone = self.tgs[tgi].cross_zone;
        let billed = self.bill_inter_az && cross_zone;
        let node_zone = if cross_zone && !billed {
            None
        } else {
            self.draw_node_zone(tgi, insts)
        };
        let zone = if cross_zone { None } else { node_zone };
        if self.scratch_for != Some((tgi, zone)) {
            self.scratch_for = Some((tgi, zone));
            list_candidates(&mut self.scratch, &self.tgs[tgi], insts, zone);
        }
        if self.scratch.is_empty() {
            self.stats.rejections += 1;
            return None;
        }
        let pick = self.pick_candidate(insts, now);
        if self.sticky
            && let Some(e) = self.sticky_table.get_mut(client as usize)
        {
            *e = (pick, now + self.sticky_us);
        }
        if billed && node_zone.is_some_and(|z| insts[pick.idx()].az != z) {
            self.inter_az_bytes += kb * 1000.0;
        }
        Some(pick)
    }

    /// The target group of a request's path: a rule's group with the
    /// rule's share, else a default group (path share 0) by weight; `None`
    /// when no rule matches and no group is a default one.
    #[inline(never)] // off the common request path: keeps its callers lean
    fn path_tg(&mut self) -> Option<usize> {
        let mut x = self.rng.uniform();
        for (k, tg) in self.tgs.iter().enumerate() {
            if tg.path_share > 0.0 {
                if x < tg.path_share {
                    return Some(k);
                }
                x -= tg.path_share;
            }
        }
        self.weighted_tg()
    }

    /// Draws one of the load balancer's default target groups (no path
    /// share) by weight; `None` when no such group has any weight.
    #[inline(never)] // off the common request path: keeps its callers lean
    fn weighted_tg(&mut self) -> Option<usize> {
        let weight = |t: &Tg| {
            if t.path_share > 0.0 {
                0.0
            } else {
                t.weight.max(0.0)
            }
        };
        let total: f64 = self.tgs.iter().map(weight).sum();
        if total <= 0.0 {
            return None;
        }
        let mut x = self.rng.uniform() * total;
        let mut pick = 0;
        for (k, tg) in self.tgs.iter().enumerate() {
            let w = weight(tg);
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
    fn sticky_target(&self, tgi: usize, client: u32, now: SimTime) -> Option<InstIx> {
        let &(i, until) = self.sticky_table.get(client as usize)?;
        let healthy = |t: &Target| t.inst == i && t.state == TState::Healthy;
        (until > now && i != InstIx::NIL && self.tgs[tgi].targets.iter().any(healthy)).then_some(i)
    }

    /// Draws the load-balancer node (one per zone holding a target of group
    /// `tgi` that is not draining) a client reaches: its zone, or `None` when
    /// no zone holds such a target.
    #[inline]
    fn draw_node_zone(&mut self, tgi: usize, insts: &[Inst]) -> Option<u8> {
        let mut mask: u64 = 0;
        for t in &self.tgs[tgi].targets {
            if t.state != TState::Draining {
                mask |= 1 << (insts[t.inst.idx()].az & 63);
            }
        }
        let n = mask.count_ones() as usize;
        if n == 0 {
            return None;
        }
        let mut k = self.rng.below(n);
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

    /// The candidate (of the non-empty `scratch`) the load balancer's
    /// algorithm picks at `now`; each pick moves the round-robin start on.
    #[inline]
    fn pick_candidate(&mut self, insts: &[Inst], now: SimTime) -> InstIx {
        let n = self.scratch.len();
        let start = self.rr % n;
        self.rr = self.rr.wrapping_add(1);
        match self.algo {
            Algo::RoundRobin if self.slow_start_us > 0 => self.slow_start_pick(start, now),
            Algo::RoundRobin => self.scratch[start].0,
            Algo::FlowHash => self.scratch[self.rng.below(n)].0,
            Algo::LeastOutstanding => {
                let mut best = self.scratch[start].0;
                let mut best_n = insts[best.idx()].in_system();
                for k in 1..n {
                    let i = self.scratch[(start + k) % n].0;
                    let o = insts[i.idx()].in_system();
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
    fn slow_start_pick(&mut self, start: usize, now: SimTime) -> InstIx {
        let n = self.scratch.len();
        let mut pick = self.scratch[start].0;
        for k in 0..n {
            let (i, from) = self.scratch[(start + k) % n];
            let share = if from == SimTime::ZERO {
                1.0
            } else {
                (now.saturating_since(from)) as f64 / self.slow_start_us as f64
            };
            if share >= 1.0 || self.rng.uniform() < share {
                pick = i;
                break;
            }
        }
        pick
    }

    /// Healthy targets of this load balancer.
    pub(crate) fn healthy_targets(&self) -> u32 {
        self.tgs
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

/// Lists the targets a request may go to: the healthy ones in `zone`
/// (any zone when `None`), else the healthy ones anywhere, else every
/// registered target but the draining ones (fail open [ALB-HC]).
fn list_candidates(out: &mut Vec<(InstIx, SimTime)>, tg: &Tg, insts: &[Inst], zone: Option<u8>) {
    out.clear();
    let in_zone = |t: &Target| zone.is_none_or(|z| insts[t.inst.idx()].az == z);
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
