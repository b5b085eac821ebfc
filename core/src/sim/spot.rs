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
    /// One Spot pool per (instance type, zone).
    prices: Vec<Market>,
    /// The market's own random stream.
    market: Stream,
    /// From an interruption notice to the termination, µs [EC2-SPOT-NOTICE].
    notice_us: u64,
}

/// One Spot pool's price: where the calm walk is, and a capacity crunch
/// under way, if any.
#[derive(Debug)]
struct Market {
    /// The instance type.
    ty: String,
    /// The zone.
    az: u8,
    /// The price now, as a share of On-Demand.
    factor: f64,
    /// The calm walk's level, to which the price returns after a crunch.
    calm: f64,
    /// Steps of the crunch still to come (0: calm).
    crunch: u8,
}

/// The deepest Spot price: "savings of up to 90 %" [EC2-SPOT-USING].
pub(crate) const SPOT_FLOOR: f64 = 0.10;
/// The calm walk's ceiling (assumption): without a crunch the price stays
/// under 80 % of On-Demand, so only a crunch reaches the default max price.
const CALM_CEILING: f64 = 0.80;
/// Per 5-minute step, the pull of the log price back to its mean and the
/// spread of its steps (assumption: a mean-reverting walk around the start
/// factor whose usual range covers AWS's 44–62 % example [ASG-SPOT-EXAMPLE]
/// and which now and then reaches the 90 % discount [EC2-SPOT-USING]).
const REVERSION: f64 = 0.2;
const STEP_SIGMA: f64 = 0.35;
/// Chance per pool and 5-minute step that a capacity crunch begins
/// (assumption: about once in 12 hours per pool).
const CRUNCH_CHANCE: f64 = 1.0 / 144.0;
/// A price at or above this share of the max price signals an elevated
/// interruption risk: the rebalance recommendation [EC2-REBAL] (assumption).
pub(crate) const REBALANCE_SHARE: f64 = 0.9;

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

/// What the Spot price means for one instance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Signal {
    /// The price rose above the max price: the two-minute notice.
    Interrupt,
    /// The price is close to the max price: a rebalance recommendation.
    Recommend,
    /// A stopped or hibernated instance's price is back under the max price.
    Resume,
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
            .find(|s| s.ty == ty && s.az == az)
            .map_or(crate::cost::SPOT_START_FACTOR, |s| s.factor)
    }

    /// Sets the price factor of type `ty` in zone `az` (a scenario's price
    /// change: it ends any crunch and becomes the calm level).
    pub(crate) fn set(&mut self, ty: &str, az: u8, f: f64) {
        if let Some(s) = self.prices.iter_mut().find(|s| s.ty == ty && s.az == az) {
            s.factor = f;
            s.calm = f.clamp(SPOT_FLOOR, CALM_CEILING);
            s.crunch = 0;
        } else {
            self.prices.push(Market {
                ty: ty.to_owned(),
                az,
                factor: f,
                calm: f.clamp(SPOT_FLOOR, CALM_CEILING),
                crunch: 0,
            });
        }
    }

    /// Spot prices move every 5 minutes (assumption) [EC2-SPOT-USING]: a
    /// mean-reverting log walk between 10 % and 80 % of On-Demand, and now
    /// and then a capacity crunch: one step at 90–99 % of On-Demand (the
    /// rebalance recommendation's warning [EC2-REBAL]), then 1–3 steps at
    /// 105–155 %, above the default max price [EC2-SPOT-MAXPRICE], after
    /// which the price returns to its calm level. Every pool draws the same
    /// three numbers each step, so a run is the same for a seed.
    pub(crate) fn drift(&mut self) {
        let mean = libm::log(crate::cost::SPOT_START_FACTOR);
        for s in &mut self.prices {
            let (z, u, v) = (
                self.market.normal(),
                self.market.uniform(),
                self.market.uniform(),
            );
            let x = libm::log(s.calm);
            let x = x + REVERSION * (mean - x) + STEP_SIGMA * z;
            s.calm = libm::exp(x).clamp(SPOT_FLOOR, CALM_CEILING);
            s.factor = match s.crunch {
                0 if u < CRUNCH_CHANCE => {
                    s.crunch = 1 + (v * 3.0) as u8;
                    0.9 + 0.09 * v
                }
                0 => s.calm,
                _ => {
                    s.crunch -= 1;
                    1.05 + 0.5 * v
                }
            };
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

    /// What the price now means for instance `inst` of group `asg` (pool
    /// `pool`), if anything: a stopped instance resumes once the price is
    /// at or under the max price again; a live one gets its interruption
    /// notice above it [EC2-SPOT-MAXPRICE]; with Capacity Rebalancing, a
    /// price near the max price is a rebalance recommendation [EC2-REBAL].
    pub(crate) fn signal(&self, asg: &Asg, pool: &Pool, inst: &Inst) -> Option<Signal> {
        if !inst.spot || !inst.alive() {
            return None;
        }
        let f = self.factor(&pool.types[inst.ty as usize].name, inst.az);
        if inst.stopped {
            return (f <= asg.max_price).then_some(Signal::Resume);
        }
        if inst.notice {
            None
        } else if f > asg.max_price {
            Some(Signal::Interrupt)
        } else if asg.capacity_rebalance
            && !inst.replaced
            && inst.state == St::InService
            && f >= REBALANCE_SHARE * asg.max_price
        {
            Some(Signal::Recommend)
        } else {
            None
        }
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

/// The end of a Spot instance `i` after its notice, as `how` says (a
/// replaced instance is always terminated): logged, and what happens to it;
/// `None` when it is gone already. The caller then terminates or stops it.
pub(crate) fn interrupted(
    cx: &mut Cx,
    insts: &mut [Inst],
    i: InstIx,
    w: &Fleets<'_>,
    how: Interruption,
) -> Option<Interruption> {
    let inst = &mut insts[i.idx()];
    if !inst.alive() || inst.stopped {
        return None;
    }
    let how = if inst.replaced {
        Interruption::Terminate
    } else {
        how
    };
    let node = w.pools[inst.pool.idx()].node;
    let done = match how {
        Interruption::Terminate => "terminated",
        Interruption::Stop => "stopped until the price is back under the max price",
        Interruption::Hibernate => "hibernated until the price is back under the max price",
    };
    let text = format!(
        "i-{} in {} (Spot) was interrupted and {done}",
        inst.name, w.azs[inst.az as usize]
    );
    cx.log(Some(node), text);
    if how == Interruption::Terminate {
        inst.replaced = true;
    }
    Some(how)
}
