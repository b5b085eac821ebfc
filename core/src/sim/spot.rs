//! Spot: prices per instance type and zone, interruptions with their
//! two-minute notice, and a Spot Fleet's allocation strategies
//! [EC2-SPOT-NOTICE], [EC2-SPOT-MAXPRICE], [EC2-FLEET-ALLOC].

use super::Ev;
use super::cx::Cx;
use super::ix::InstIx;
use super::model::*;
use super::rng::Stream;

/// The Spot market of a run: a price factor per instance type and zone, and
/// the random walk that moves them.
#[derive(Debug)]
pub(crate) struct Spot {
    /// Price factor (share of On-Demand) per (instance type, zone).
    prices: Vec<(String, u8, f64)>,
    /// The market's own random stream.
    market: Stream,
    /// From an interruption notice to the termination, µs [EC2-SPOT-NOTICE].
    notice_us: u64,
}

/// What Spot reads of the rest of the run: pools, groups, zones.
pub(crate) struct Fleets<'a> {
    /// Every pool.
    pub(crate) pools: &'a [Pool],
    /// Every Auto Scaling group and Spot Fleet.
    pub(crate) asgs: &'a [Asg],
    /// Zone names, to name an instance.
    pub(crate) azs: &'a [String],
    /// Which zones are down.
    pub(crate) az_down: &'a [bool],
}

/// What a Spot Fleet asks for when it launches one instance.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ask {
    /// The fleet's allocation strategy.
    pub(crate) alloc: Alloc,
    /// Whether the instance is to be Spot (else On-Demand).
    pub(crate) spot: bool,
    /// The zone the group would use, kept when nothing better is found.
    pub(crate) az: u8,
}

impl Spot {
    /// A market with no prices yet, drawing from `market`; interruption
    /// notices last `notice_us`.
    pub(crate) fn new(market: Stream, notice_us: u64) -> Spot {
        Spot {
            prices: Vec::new(),
            market,
            notice_us,
        }
    }

    /// Initial Spot prices: 40 % of On-Demand, ±10 % per type and zone, so
    /// pools differ from the start (assumption) [ASG-SPOT-EXAMPLE]; `names`
    /// sorted and without repeats, `zones` the run's zones.
    pub(crate) fn open(&mut self, names: &[String], zones: u8) {
        for name in names {
            for z in 0..zones {
                let f = crate::cost::SPOT_START_FACTOR
                    * (1.0 + 0.1 * (2.0 * self.market.uniform() - 1.0));
                self.set(name, z, f);
            }
        }
    }

    /// The price factor of type `ty` in zone `az`.
    pub(crate) fn factor(&self, ty: &str, az: u8) -> f64 {
        self.prices
            .iter()
            .find(|s| s.0 == ty && s.1 == az)
            .map_or(crate::cost::SPOT_START_FACTOR, |s| s.2)
    }

    /// Sets the price factor of type `ty` in zone `az`.
    pub(crate) fn set(&mut self, ty: &str, az: u8, f: f64) {
        if let Some(s) = self.prices.iter_mut().find(|s| s.0 == ty && s.1 == az) {
            s.2 = f;
        } else {
            self.prices.push((ty.to_owned(), az, f));
        }
    }

    /// Spot prices drift every 5 minutes (assumption: ±5 % log-normal steps,
    /// kept between 25 % and 90 % of On-Demand) [EC2-SPOT-USING].
    pub(crate) fn drift(&mut self) {
        for s in &mut self.prices {
            let step = libm::exp(0.05 * self.market.normal());
            s.2 = (s.2 * step).clamp(0.25, 0.9);
        }
    }

    /// A Spot Fleet's choice of instance type and zone [EC2-FLEET-ALLOC] for
    /// group `a`. On-Demand capacity takes the cheapest type by On-Demand
    /// price. For Spot: `lowest-price` takes the cheapest pool now;
    /// `diversified` spreads over all pools; the capacity-optimized strategies
    /// have no capacity data to read, so (assumption) they favour the pools
    /// the fleet uses least, `price-capacity-optimized` among the cheaper half
    /// of the pools, `…-prioritized` in list order.
    pub(crate) fn fleet_pick(
        &self,
        a: usize,
        w: &Fleets<'_>,
        insts: &[Inst],
        ask: Ask,
    ) -> (u8, u8) {
        let Ask { alloc, spot, az } = ask;
        let pool = &w.pools[w.asgs[a].pool.idx()];
        let ntypes = pool.types.len();
        if !spot {
            let cheapest = (0..ntypes)
                .min_by(|&x, &y| pool.types[x].price.total_cmp(&pool.types[y].price))
                .unwrap_or(0);
            return (cheapest as u8, az);
        }
        let azs: Vec<u8> = (0..w.asgs[a].azs)
            .filter(|&z| !w.az_down[z as usize])
            .collect();
        if azs.is_empty() {
            return (0, az);
        }
        let mut pools: Vec<(u8, u8, f64, u32)> = Vec::with_capacity(ntypes * azs.len());
        for t in 0..ntypes {
            for &z in &azs {
                let price = self.factor(&pool.types[t].name, z) * pool.types[t].price;
                let used = pool
                    .insts
                    .iter()
                    .filter(|&&i| {
                        let x = &insts[i.idx()];
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

    /// Why instance `inst` of group `asg` (pool `pool`) is to be interrupted
    /// now, if it is: a live Spot instance without a notice whose price rose
    /// above the group's max price [EC2-SPOT-MAXPRICE].
    pub(crate) fn interrupts(&self, asg: &Asg, pool: &Pool, inst: &Inst) -> Option<&'static str> {
        if inst.spot && !inst.notice && inst.alive() {
            let f = self.factor(&pool.types[inst.ty as usize].name, inst.az);
            if f > asg.max_price {
                return Some("the Spot price rose above the max price");
            }
        }
        None
    }

    /// The two-minute interruption notice [EC2-SPOT-NOTICE] to instance `i`
    /// (`why` says for what), with its termination scheduled. Returns the
    /// group to reconcile when it has Capacity Rebalancing, which launches the
    /// replacement first [AS-CR] (the instance is then marked replaced).
    pub(crate) fn notice(
        &self,
        cx: &mut Cx,
        insts: &mut [Inst],
        i: InstIx,
        w: &Fleets<'_>,
        why: &str,
    ) -> Option<usize> {
        let inst = &mut insts[i.idx()];
        if inst.notice || !inst.alive() {
            return None;
        }
        inst.notice = true;
        let pool = &w.pools[inst.pool.idx()];
        let text = format!(
            "i-{} in {} (Spot) got a two-minute interruption notice ({why})",
            inst.name, w.azs[inst.az as usize]
        );
        cx.log(Some(pool.node), text);
        cx.q.push(cx.now + self.notice_us, Ev::SpotTerminate { inst: i });
        if let PoolKind::Asg(a) = pool.kind
            && w.asgs[a as usize].capacity_rebalance
        {
            inst.replaced = true;
            return Some(a as usize);
        }
        None
    }
}

/// The end of a Spot instance `i` after its notice: logged and marked
/// replaced; `false` when it is gone already. The caller then crashes and
/// terminates it.
pub(crate) fn interrupted(cx: &mut Cx, insts: &mut [Inst], i: InstIx, w: &Fleets<'_>) -> bool {
    let inst = &mut insts[i.idx()];
    if !inst.alive() {
        return false;
    }
    let node = w.pools[inst.pool.idx()].node;
    let text = format!(
        "i-{} in {} (Spot) was interrupted and terminated",
        inst.name, w.azs[inst.az as usize]
    );
    cx.log(Some(node), text);
    inst.replaced = true;
    true
}
