//! Spot: prices per instance type and zone, interruptions with their
//! two-minute notice, and a Spot Fleet's allocation strategies
//! [EC2-SPOT-NOTICE], [EC2-SPOT-MAXPRICE], [EC2-FLEET-ALLOC].

use super::Ev;
use super::asg::SPOT_NOTICE_US;
use super::engine::Engine;
use super::model::*;

impl Engine {
    /// A Spot Fleet's choice of instance type and zone [EC2-FLEET-ALLOC]. On-Demand
    /// capacity takes the cheapest type by On-Demand price. For Spot:
    /// `lowest-price` takes the cheapest pool now; `diversified` spreads over all
    /// pools; the capacity-optimized strategies have no capacity data to read, so
    /// (assumption) they favour the pools the fleet uses least, `price-capacity-optimized`
    /// among the cheaper half of the pools, `…-prioritized` in list order.
    pub(crate) fn fleet_pick(&mut self, a: usize, alloc: Alloc, spot: bool, az: u8) -> (u8, u8) {
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
    pub(crate) fn move_spot_prices(&mut self) {
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
        self.cx.log(Some(node), text);
        self.cx
            .q
            .push(self.cx.now + SPOT_NOTICE_US, Ev::SpotTerminate { inst: i });
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
        self.cx.log(Some(node), text);
        self.insts[i as usize].replaced = true;
        self.set_crashed(i, true);
        self.terminated(i);
    }
}
