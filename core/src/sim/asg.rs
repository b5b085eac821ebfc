//! Auto Scaling groups: launches, terminations, health, policies, rebalance, Spot.

use super::Ev;
use super::engine::Engine;
use super::model::*;
use crate::scenario::Process;

/// How often a group checks its instances' health, µs. Assumption: the
/// period is not documented [AS-HC] (UNCONFIRMED; the notes suggest 10–60 s).
pub(crate) const ASG_TICK_US: u64 = 10_000_000;
/// The two-minute Spot interruption notice [EC2-SPOT-NOTICE].
pub(crate) const SPOT_NOTICE_US: u64 = 120_000_000;
/// Target tracking's scale-out alarm: 3 of 3 one-minute datapoints [TT-ALARMS].
const TT_HIGH_POINTS: usize = 3;
/// Target tracking's scale-in alarm: 15 of 15 one-minute datapoints [TT-ALARMS].
const TT_LOW_POINTS: usize = 15;
/// The scale-in alarm's threshold as a share of the target. Assumption: commonly
/// observed slightly below target (UNCONFIRMED) [TT-ALARMS].
const TT_LOW_SHARE: f64 = 0.9;
/// Step and simple policies: alarms of 2 one-minute datapoints (the AWS example
/// uses 2 evaluation periods) [AS-STEP].
const STEP_POINTS: usize = 2;

impl Engine {
    pub(crate) fn suspended(&self, a: usize, p: Process) -> bool {
        self.asgs[a].suspended & p.bit() != 0
    }

    fn asg_node(&self, a: usize) -> u16 {
        self.pools[self.asgs[a].pool as usize].node
    }

    /// Launches one instance of a group in a zone (a Spot Fleet picks its own
    /// pool by its allocation strategy). `initial` instances exist in service
    /// when the run starts.
    pub(crate) fn launch(&mut self, a: usize, az: u8, why: &str) {
        self.launch_inst(a, az, false, why);
    }

    pub(crate) fn launch_inst(&mut self, a: usize, mut az: u8, initial: bool, why: &str) {
        let p = self.asgs[a].pool as usize;
        // Spot or On-Demand: the base first, then the Spot share above it.
        let (mut od, mut spot) = (0u32, 0u32);
        for &i in &self.pools[p].insts {
            let inst = &self.insts[i as usize];
            if matches!(inst.state, St::Pending | St::InService) && !inst.replaced {
                if inst.spot { spot += 1 } else { od += 1 }
            }
        }
        let asg = &self.asgs[a];
        let want_spot = wants_spot(od, spot, asg.od_base, asg.spot_pct);
        let mut ty = 0u8;
        if let Some(alloc) = self.asgs[a].fleet {
            (ty, az) = self.fleet_pick(a, alloc, want_spot, az);
        }
        if want_spot {
            let f = self.spot_factor(&self.pools[p].types[ty as usize].name, az);
            if f > self.asgs[a].max_price {
                if !self.asgs[a].spot_blocked_logged {
                    self.asgs[a].spot_blocked_logged = true;
                    let node = self.asg_node(a);
                    let text = format!(
                        "no Spot capacity at the max price in {} (price {:.0} % of On-Demand); launch waits",
                        self.azs[az as usize],
                        f * 100.0
                    );
                    self.log(Some(node), text);
                }
                return;
            }
        }
        let name = self.next_name;
        self.next_name += 1;
        let now = self.now;
        let i = self.insts.len() as u32;
        let mut inst = new_inst(p as u16, name, az, St::Pending, want_spot, now);
        inst.ty = ty;
        self.insts.push(inst);
        self.pools[p].insts.push(i);
        if initial {
            self.set_state(i, St::InService);
            self.register(i, true);
            return;
        }
        let asg = &self.asgs[a];
        let ready = now + asg.boot_us + asg.hook_launch_us;
        self.q.push(ready, Ev::Booted { inst: i });
        let node = self.asg_node(a);
        let kind = if want_spot { " (Spot)" } else { "" };
        let tname = if self.pools[p].types.len() > 1 {
            format!(" {}", self.pools[p].types[ty as usize].name)
        } else {
            String::new()
        };
        let text = format!(
            "launching i-{name}{kind}{tname} in {} ({why})",
            self.azs[az as usize]
        );
        self.log(Some(node), text);
    }

    /// Fills a group to its desired capacity at the start of the run.
    pub(crate) fn initial_fill(&mut self, a: usize) {
        let n = self.asgs[a].desired;
        let azs = u32::from(self.asgs[a].azs.max(1));
        for k in 0..n {
            self.launch_inst(a, (k % azs) as u8, true, "start");
        }
    }

    /// A Spot Fleet's choice of instance type and zone [EC2-FLEET-ALLOC]. On-Demand
    /// capacity takes the cheapest type by On-Demand price. For Spot:
    /// `lowest-price` takes the cheapest pool now; `diversified` spreads over all
    /// pools; the capacity-optimized strategies have no capacity data to read, so
    /// (assumption) they favour the pools the fleet uses least, `price-capacity-optimized`
    /// among the cheaper half of the pools, `…-prioritized` in list order.
    fn fleet_pick(&mut self, a: usize, alloc: Alloc, spot: bool, az: u8) -> (u8, u8) {
        let p = self.asgs[a].pool as usize;
        let ntypes = self.pools[p].types.len();
        if !spot {
            let cheapest = (0..ntypes)
                .min_by(|&x, &y| {
                    self.pools[p].types[x]
                        .price
                        .total_cmp(&self.pools[p].types[y].price)
                })
                .unwrap_or(0);
            return (cheapest as u8, az);
        }
        let azs: Vec<u8> = (0..self.asgs[a].azs)
            .filter(|&z| !self.az_down[z as usize])
            .collect();
        if azs.is_empty() {
            return (0, az);
        }
        let mut pools: Vec<(u8, u8, f64, u32)> = Vec::with_capacity(ntypes * azs.len());
        for t in 0..ntypes {
            for &z in &azs {
                let price = self.spot_factor(&self.pools[p].types[t].name, z)
                    * self.pools[p].types[t].price;
                let used = self.pools[p]
                    .insts
                    .iter()
                    .filter(|&&i| {
                        let x = &self.insts[i as usize];
                        x.spot && x.ty as usize == t && x.az == z && x.alive() && !x.replaced
                    })
                    .count() as u32;
                pools.push((t as u8, z, price, used));
            }
        }
        let by_price = |x: &(u8, u8, f64, u32), y: &(u8, u8, f64, u32)| x.2.total_cmp(&y.2);
        let pick = match alloc {
            Alloc::LowestPrice => pools.iter().min_by(|x, y| by_price(x, y)),
            Alloc::Diversified | Alloc::CapacityOptimized => pools
                .iter()
                .min_by(|x, y| x.3.cmp(&y.3).then(by_price(x, y))),
            Alloc::CapacityOptimizedPrioritized => pools.iter().min_by_key(|x| (x.3, x.0, x.1)),
            Alloc::PriceCapacityOptimized => {
                let mut sorted = pools.clone();
                sorted.sort_by(by_price);
                sorted.truncate(sorted.len().div_ceil(2));
                return sorted
                    .iter()
                    .min_by_key(|x| x.3)
                    .map_or((0, az), |x| (x.0, x.1));
            }
        };
        pick.map_or((0, az), |x| (x.0, x.1))
    }

    pub(crate) fn booted(&mut self, i: u32) {
        if self.insts[i as usize].state != St::Pending {
            return;
        }
        self.set_state(i, St::InService);
        self.insts[i as usize].in_service_us = self.now;
        let p = self.insts[i as usize].pool as usize;
        let add = match self.pools[p].kind {
            PoolKind::Asg(a) => !self.suspended(a as usize, Process::AddToLoadBalancer),
            _ => true,
        };
        if add {
            self.register(i, false);
        }
        let node = self.pools[p].node;
        let text = format!("{} is in service", self.inst_name(i));
        self.log(Some(node), text);
        // Queued work cannot exist yet; nothing else to start.
    }

    /// Begins taking an instance out: drain, then terminate.
    pub(crate) fn begin_terminate(&mut self, i: u32) {
        match self.insts[i as usize].state {
            St::Pending => self.begin_terminating(i),
            St::InService => match self.deregister(i) {
                Some(delay) => {
                    self.set_state(i, St::Draining);
                    let inst = &self.insts[i as usize];
                    if inst.in_system() == 0 || inst.crashed {
                        self.drain_done(i, 0);
                    } else {
                        self.q.push(self.now + delay, Ev::DrainDone { inst: i });
                    }
                }
                None => self.begin_terminating(i),
            },
            _ => {}
        }
    }

    pub(crate) fn drain_done(&mut self, i: u32, _gen: u32) {
        if self.insts[i as usize].state != St::Draining {
            return;
        }
        self.unregister(i);
        self.begin_terminating(i);
    }

    fn begin_terminating(&mut self, i: u32) {
        self.set_state(i, St::Terminating);
        let p = self.insts[i as usize].pool as usize;
        let hook = match self.pools[p].kind {
            PoolKind::Asg(a) => self.asgs[a as usize].hook_term_us,
            _ => 0,
        };
        self.q.push(self.now + hook, Ev::Terminated { inst: i });
    }

    /// The instance is gone: billing stops, its work fails, the group reacts.
    pub(crate) fn terminated(&mut self, i: u32) {
        if !self.insts[i as usize].alive() {
            return;
        }
        self.accrue_inst(i, true);
        self.drop_work(i);
        self.unregister(i);
        self.set_state(i, St::Terminated);
        let p = self.insts[i as usize].pool as usize;
        self.pools[p].insts.retain(|&x| x != i);
        if let PoolKind::Asg(a) = self.pools[p].kind {
            self.reconcile(a as usize);
        }
    }

    fn counts_by_az(&self, a: usize) -> Vec<u32> {
        let asg = &self.asgs[a];
        let mut c = vec![0u32; asg.azs as usize];
        for &i in &self.pools[asg.pool as usize].insts {
            let inst = &self.insts[i as usize];
            if matches!(inst.state, St::Pending | St::InService)
                && !inst.replaced
                && let Some(x) = c.get_mut(inst.az as usize)
            {
                *x += 1;
            }
        }
        c
    }

    /// Launches or terminates until the group has its desired capacity.
    pub(crate) fn reconcile(&mut self, a: usize) {
        let counts = self.counts_by_az(a);
        let live: u32 = counts.iter().sum();
        let desired = self.asgs[a].desired;
        if live < desired && !self.suspended(a, Process::Launch) {
            let mut counts = counts;
            for _ in live..desired {
                let Some(az) = (0..counts.len())
                    .filter(|&z| !self.az_down[z])
                    .min_by_key(|&z| counts[z])
                else {
                    break;
                };
                counts[az] += 1;
                self.launch(a, az as u8, &format!("desired {desired}"));
            }
        } else if live > desired && !self.suspended(a, Process::Terminate) {
            let p = self.asgs[a].pool as usize;
            let pending = self.pools[p]
                .insts
                .iter()
                .any(|&i| self.insts[i as usize].state == St::Pending);
            if pending {
                return; // launch first, then terminate (scale-in waits for launches)
            }
            let mut counts = counts;
            for _ in desired..live {
                let Some(az) = (0..counts.len()).max_by_key(|&z| (counts[z], usize::MAX - z))
                else {
                    break;
                };
                let candidates: Vec<u32> = self.pools[p]
                    .insts
                    .iter()
                    .copied()
                    .filter(|&i| {
                        let x = &self.insts[i as usize];
                        x.az as usize == az && x.state == St::InService && !x.replaced
                    })
                    .collect();
                if candidates.is_empty() {
                    break;
                }
                let k = self.asgs[a].rng.below(candidates.len());
                let i = candidates[k];
                counts[az] -= 1;
                let node = self.asg_node(a);
                let text = format!("terminating {} (desired {desired})", self.inst_name(i));
                self.log(Some(node), text);
                self.insts[i as usize].replaced = true;
                self.begin_terminate(i);
            }
        }
    }

    /// The group's periodic health check, replacement and rebalance.
    pub(crate) fn asg_tick(&mut self) {
        if self.now + ASG_TICK_US < self.end_us {
            self.q.push(self.now + ASG_TICK_US, Ev::AsgTick);
        }
        for a in 0..self.asgs.len() {
            let p = self.asgs[a].pool as usize;
            let node = self.asg_node(a);
            if !self.suspended(a, Process::HealthCheck) {
                let insts = self.pools[p].insts.clone();
                for i in insts {
                    let inst = &self.insts[i as usize];
                    if inst.state != St::InService || inst.unhealthy {
                        continue;
                    }
                    let asg = &self.asgs[a];
                    let elb_bad = asg.elb_hc
                        && self.now >= inst.in_service_us + asg.grace_us
                        && self.lb_unhealthy(i);
                    if inst.crashed || elb_bad {
                        self.insts[i as usize].unhealthy = true;
                        let why = if elb_bad && !self.insts[i as usize].crashed {
                            "ELB health check"
                        } else {
                            "EC2 status check"
                        };
                        let text = format!("{} is unhealthy ({why})", self.inst_name(i));
                        self.log(Some(node), text);
                    }
                }
            }
            if !self.suspended(a, Process::ReplaceUnhealthy) {
                // At most 10 % of desired at a time, at least one [AS-HC].
                let batch = (self.asgs[a].desired / 10).max(1) as usize;
                let victims: Vec<u32> = self.pools[p]
                    .insts
                    .iter()
                    .copied()
                    .filter(|&i| {
                        let x = &self.insts[i as usize];
                        x.unhealthy && !x.replaced && x.alive()
                    })
                    .take(batch)
                    .collect();
                for i in victims {
                    self.insts[i as usize].replaced = true;
                    let text = format!(
                        "{} terminated as unhealthy; launching a replacement",
                        self.inst_name(i)
                    );
                    self.log(Some(node), text);
                    self.begin_terminate(i);
                }
            }
            self.reconcile(a);
            self.rebalance(a);
        }
    }

    /// AZRebalance: launch in the emptiest zone first, then terminate elsewhere [AS-SUSP].
    fn rebalance(&mut self, a: usize) {
        // A Spot Fleet places by its allocation strategy, not by zone balance.
        if self.suspended(a, Process::AzRebalance)
            || self.suspended(a, Process::Launch)
            || self.asgs[a].fleet.is_some()
        {
            return;
        }
        let p = self.asgs[a].pool as usize;
        if self.pools[p]
            .insts
            .iter()
            .any(|&i| self.insts[i as usize].state == St::Pending)
        {
            return;
        }
        let counts = self.counts_by_az(a);
        let up: Vec<usize> = (0..counts.len()).filter(|&z| !self.az_down[z]).collect();
        let (Some(&lo), Some(&hi)) = (
            up.iter().min_by_key(|&&z| counts[z]),
            up.iter().max_by_key(|&&z| counts[z]),
        ) else {
            return;
        };
        let live: u32 = counts.iter().sum();
        // May exceed max by up to 10 % while rebalancing [AS-SUSP].
        let ceiling = (f64::from(self.asgs[a].max) * 1.1).ceil() as u32;
        if counts[hi] > counts[lo] + 1 && live < ceiling.max(self.asgs[a].max + 1) {
            self.launch(a, lo as u8, "rebalancing Availability Zones");
        }
    }

    /// A scheduled action from the group's schedule [AS-SCHED].
    pub(crate) fn scheduled(&mut self, a: usize, desired: u32) {
        let node = self.asg_node(a);
        if self.suspended(a, Process::ScheduledActions) {
            self.log(
                Some(node),
                "scheduled action skipped: ScheduledActions is suspended".to_owned(),
            );
            return;
        }
        let asg = &mut self.asgs[a];
        let d = desired.clamp(asg.min, asg.max);
        asg.desired = d;
        self.log(Some(node), format!("scheduled action: desired {d}"));
        self.reconcile(a);
    }

    /// Group metric over the last minute of in-service, warmed-up instances:
    /// mean CPU (percent) or requests per target [AS-TT].
    fn group_cpu(&mut self, a: usize) -> (f64, u32, u32) {
        let p = self.asgs[a].pool as usize;
        let workers = f64::from(self.pools[p].workers);
        let (mut sum, mut ready, mut warming) = (0.0, 0u32, 0u32);
        for &i in &self.pools[p].insts {
            let inst = &self.insts[i as usize];
            match inst.state {
                St::Pending => warming += 1,
                St::InService if !inst.crashed => {
                    if inst.in_service_us + self.asgs[a].warmup_us <= self.now
                        && inst.in_service_us + 60_000_000 <= self.now
                    {
                        ready += 1;
                        let by_requests = self.asgs[a].policy == Policy::TargetTracking
                            && self.asgs[a].metric == Metric::RequestsPerTarget;
                        sum += match if by_requests {
                            Metric::RequestsPerTarget
                        } else {
                            Metric::Cpu
                        } {
                            Metric::Cpu => {
                                100.0 * (inst.cpu_area - inst.cpu_mark) as f64 / (workers * 60e6)
                            }
                            Metric::RequestsPerTarget => {
                                (inst.received - inst.received_mark) as f64
                            }
                        };
                    } else {
                        warming += 1;
                    }
                }
                _ => {}
            }
        }
        let m = if ready == 0 {
            f64::NAN
        } else {
            sum / f64::from(ready)
        };
        (m, ready, warming)
    }

    /// Once a minute: datapoints, alarms and scaling policies; Spot prices.
    pub(crate) fn minute(&mut self) {
        self.minutes += 1;
        if self.now + 60_000_000 < self.end_us {
            self.q.push(self.now + 60_000_000, Ev::Minute);
        }
        let now = self.now;
        let mut points = Vec::with_capacity(self.asgs.len());
        for inst in &mut self.insts {
            inst.touch(now);
        }
        for a in 0..self.asgs.len() {
            points.push(self.group_cpu(a));
        }
        for inst in &mut self.insts {
            inst.cpu_mark = inst.cpu_area;
            inst.received_mark = inst.received;
        }
        for (a, (m, ready, warming)) in points.into_iter().enumerate() {
            self.asgs[a].history.push(m);
            if !self.suspended(a, Process::AlarmNotification) {
                self.evaluate(a, m, ready, warming);
            }
        }
        if self.minutes.is_multiple_of(5) {
            self.move_spot_prices();
        }
        self.lb_scale();
    }

    fn last_all(&self, a: usize, n: usize, f: impl Fn(f64) -> bool) -> bool {
        let h = &self.asgs[a].history;
        h.len() >= n && h[h.len() - n..].iter().all(|&x| !x.is_nan() && f(x))
    }

    fn set_desired(&mut self, a: usize, new: u32, why: String) {
        let asg = &mut self.asgs[a];
        let new = new.clamp(asg.min, asg.max);
        if new == asg.desired {
            return;
        }
        let old = asg.desired;
        asg.desired = new;
        let node = self.asg_node(a);
        self.log(Some(node), format!("{why}; desired {old} → {new}"));
        self.reconcile(a);
    }

    fn evaluate(&mut self, a: usize, m: f64, ready: u32, warming: u32) {
        let asg = &self.asgs[a];
        match asg.policy {
            Policy::None => {}
            Policy::TargetTracking => {
                let (target, what, unit) = match asg.metric {
                    Metric::Cpu => (asg.target, "CPU", " %"),
                    Metric::RequestsPerTarget => (asg.target_value, "requests per target", "/min"),
                };
                let high = self.last_all(a, TT_HIGH_POINTS, |x| x > target);
                let low = self.last_all(a, TT_LOW_POINTS, |x| x < TT_LOW_SHARE * target);
                let needed = (f64::from(ready) * m / target).ceil() as u32;
                if high && needed + warming > self.asgs[a].desired {
                    let why = format!(
                        "target tracking: {what} {m:.0}{unit} above the {target:.0}{unit} target for {TT_HIGH_POINTS} minutes"
                    );
                    self.set_desired(a, needed + warming, why);
                } else if low && warming == 0 && needed.max(1) < self.asgs[a].desired {
                    let why = format!(
                        "target tracking: {what} {m:.0}{unit} below {:.0}{unit} for {TT_LOW_POINTS} minutes",
                        TT_LOW_SHARE * target
                    );
                    self.set_desired(a, needed.max(1), why);
                }
            }
            Policy::Step | Policy::Simple => {
                let (out_thr, in_thr) = (asg.out_thr, asg.in_thr);
                let simple = asg.policy == Policy::Simple;
                if simple && self.now < asg.cooldown_until {
                    return;
                }
                let high = self.last_all(a, STEP_POINTS, |x| x >= out_thr);
                let low = self.last_all(a, STEP_POINTS, |x| x < in_thr);
                let desired = self.asgs[a].desired;
                let name = if simple {
                    "simple scaling"
                } else {
                    "step scaling"
                };
                if high && warming == 0 {
                    // Steps: [thr, thr+20) adds one, [thr+20, ∞) adds two (our default steps).
                    let unit = self.asgs[a].step_adjust;
                    let adj = if simple || m - out_thr < 20.0 {
                        unit
                    } else {
                        2 * unit
                    };
                    let why =
                        format!("{name}: CPU {m:.0} % ≥ {out_thr:.0} % for {STEP_POINTS} minutes");
                    self.set_desired(a, desired + adj, why);
                    self.mark_cooldown(a);
                } else if low && warming == 0 && desired > 0 {
                    let why =
                        format!("{name}: CPU {m:.0} % < {in_thr:.0} % for {STEP_POINTS} minutes");
                    self.set_desired(a, desired.saturating_sub(self.asgs[a].step_adjust), why);
                    self.mark_cooldown(a);
                }
            }
        }
    }

    /// Simple scaling waits for the activity and then the cooldown [AS-CD].
    fn mark_cooldown(&mut self, a: usize) {
        let asg = &mut self.asgs[a];
        asg.cooldown_until = self.now + asg.boot_us + asg.hook_launch_us + asg.cooldown_us;
    }

    // ---- Spot --------------------------------------------------------------

    pub(crate) fn spot_factor(&self, ty: &str, az: u8) -> f64 {
        self.spot
            .iter()
            .find(|s| s.0 == ty && s.1 == az)
            .map_or(crate::cost::SPOT_START_FACTOR, |s| s.2)
    }

    pub(crate) fn set_spot_factor(&mut self, ty: &str, az: u8, f: f64) {
        if let Some(s) = self.spot.iter_mut().find(|s| s.0 == ty && s.1 == az) {
            s.2 = f;
        } else {
            self.spot.push((ty.to_owned(), az, f));
        }
    }

    /// Spot prices drift every 5 minutes (assumption: ±5 % log-normal steps,
    /// kept between 25 % and 90 % of On-Demand) [EC2-SPOT-USING].
    fn move_spot_prices(&mut self) {
        for k in 0..self.spot.len() {
            let step = libm::exp(0.05 * self.market.normal());
            let s = &mut self.spot[k];
            s.2 = (s.2 * step).clamp(0.25, 0.9);
        }
        self.check_spot_prices();
    }

    /// Interrupts Spot instances whose price rose above their group's max price.
    pub(crate) fn check_spot_prices(&mut self) {
        for a in 0..self.asgs.len() {
            let p = self.asgs[a].pool as usize;
            let insts = self.pools[p].insts.clone();
            for i in insts {
                let inst = &self.insts[i as usize];
                if inst.spot && !inst.notice && inst.alive() {
                    let f = self.spot_factor(&self.pools[p].types[inst.ty as usize].name, inst.az);
                    if f > self.asgs[a].max_price {
                        self.spot_notice(i, "the Spot price rose above the max price");
                    }
                }
            }
        }
    }

    /// The two-minute interruption notice [EC2-SPOT-NOTICE].
    pub(crate) fn spot_notice(&mut self, i: u32, why: &str) {
        let inst = &mut self.insts[i as usize];
        if inst.notice || !inst.alive() {
            return;
        }
        inst.notice = true;
        let p = inst.pool as usize;
        let node = self.pools[p].node;
        let text = format!(
            "{} (Spot) got a two-minute interruption notice ({why})",
            self.inst_name(i)
        );
        self.log(Some(node), text);
        self.q
            .push(self.now + SPOT_NOTICE_US, Ev::SpotTerminate { inst: i });
        if let PoolKind::Asg(a) = self.pools[p].kind
            && self.asgs[a as usize].capacity_rebalance
        {
            // Capacity Rebalancing launches the replacement first [AS-CR].
            self.insts[i as usize].replaced = true;
            self.reconcile(a as usize);
        }
    }

    pub(crate) fn spot_terminate(&mut self, i: u32) {
        if !self.insts[i as usize].alive() {
            return;
        }
        let node = self.pools[self.insts[i as usize].pool as usize].node;
        let text = format!(
            "{} (Spot) was interrupted and terminated",
            self.inst_name(i)
        );
        self.log(Some(node), text);
        self.insts[i as usize].replaced = true;
        self.set_crashed(i, true);
        self.terminated(i);
    }
}

/// Whether the next launch is Spot: the On-Demand base first, then the Spot
/// share of what is above the base.
pub(crate) fn wants_spot(od: u32, spot: u32, od_base: u32, spot_pct: f64) -> bool {
    if od < od_base || spot_pct <= 0.0 {
        return false;
    }
    let above = od + spot + 1 - od_base;
    f64::from(spot) < spot_pct / 100.0 * f64::from(above) - 1e-9
}

pub(crate) fn new_inst(pool: u16, name: u32, az: u8, state: St, spot: bool, now: u64) -> Inst {
    Inst {
        pool,
        ty: 0,
        name,
        az,
        state,
        epoch: 0,
        spot,
        crashed: false,
        hung: false,
        unhealthy: false,
        notice: false,
        busy: 0,
        cpu: 0,
        queue: std::collections::VecDeque::new(),
        active: Vec::new(),
        launched_us: now,
        in_service_us: now,
        accrued_us: now,
        cpu_area: 0,
        cpu_mark: 0,
        received: 0,
        received_mark: 0,
        last_us: now,
        replaced: false,
    }
}
