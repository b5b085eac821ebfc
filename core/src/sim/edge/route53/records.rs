//! Route 53 names as data: records, routing policies, where clients are,
//! and the limits and health-check intervals the behaviour in `route53.rs`
//! uses.

use std::collections::VecDeque;

use crate::design::LinkId;
use crate::sim::ix::NodeIx;
use crate::sim::request::Ctx;
use crate::sim::rng::Stream;
use crate::sim::time::SimTime;

/// At most this many answers in one multivalue response [R53-MV].
pub(crate) const MULTIVALUE_MAX: u32 = 8;
/// At most this many records (links) on one name in the simulator.
pub(crate) const MAX_RECORDS: usize = 64;
/// Standard health-check interval, 30 s; fast 10 s [R53-HCV].
pub(crate) const HC_STANDARD_US: u64 = 30_000_000;
/// Fast health-check interval [R53-HCV].
pub(crate) const HC_FAST_US: u64 = 10_000_000;

/// The TTL an alias record answers with: its target's, 60 s for an ELB
/// [R53-ALIAS] (assumption: the same for the other alias targets).
pub(crate) const ALIAS_TTL_US: u64 = 60_000_000;
/// The resolver's extra lookup that follows a CNAME to its target's name.
/// Assumption: 20 ms; the reference gives no figure.
pub(crate) const CNAME_LOOKUP_US: u64 = 20_000;

/// A record's type: what it answers with [R53-ALIAS].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RecordType {
    /// IPv4 (`A`) or IPv6 (`AAAA`) addresses: the TTL setting applies.
    Address,
    /// Another name: one more lookup for the resolver.
    Cname,
    /// An AWS resource: its TTL, free queries.
    Alias,
}

impl RecordType {
    /// The component's `record_type` setting.
    pub(crate) fn parse(s: &str) -> RecordType {
        match s {
            "CNAME" => RecordType::Cname,
            "alias" => RecordType::Alias,
            _ => RecordType::Address,
        }
    }
}

/// A record's routing policy [R53-WEIGHT], [R53-MV].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RoutePolicy {
    Simple,
    Weighted,
    Latency,
    Geolocation,
    Failover,
    Multivalue,
}

impl RoutePolicy {
    pub(crate) fn parse(s: &str) -> RoutePolicy {
        match s {
            "weighted" => RoutePolicy::Weighted,
            "latency" => RoutePolicy::Latency,
            "geolocation" => RoutePolicy::Geolocation,
            "failover" => RoutePolicy::Failover,
            "multivalue" => RoutePolicy::Multivalue,
            _ => RoutePolicy::Simple,
        }
    }
}

/// Where users are, or where a target runs: a continent.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Origin {
    NorthAmerica,
    Europe,
    AsiaPacific,
    SouthAmerica,
}

impl Origin {
    /// The users' `origin` parameter.
    pub(crate) fn parse(s: &str) -> Origin {
        match s {
            "europe" => Origin::Europe,
            "asia-pacific" => Origin::AsiaPacific,
            "south-america" => Origin::SouthAmerica,
            _ => Origin::NorthAmerica,
        }
    }

    /// The continent of an AWS Region name (`eu-west-1` → Europe).
    pub(crate) fn of_region(name: &str) -> Option<Origin> {
        let n = name.trim().to_ascii_lowercase();
        if n.starts_with("us-") || n.starts_with("ca-") || n.starts_with("mx-") {
            Some(Origin::NorthAmerica)
        } else if n.starts_with("eu-") || n.starts_with("il-") || n.starts_with("me-") {
            Some(Origin::Europe)
        } else if n.starts_with("ap-") || n.starts_with("cn-") {
            Some(Origin::AsiaPacific)
        } else if n.starts_with("sa-") {
            Some(Origin::SouthAmerica)
        } else {
            None
        }
    }

    fn index(self) -> usize {
        self as usize
    }

    /// Round-trip time between two continents, ms. Assumption: typical
    /// public-internet figures; the reference notes have none. Only their
    /// order matters: latency routing answers with the lowest.
    pub(crate) fn rtt_ms(self, to: Origin) -> f64 {
        const RTT: [[f64; 4]; 4] = [
            [20.0, 80.0, 150.0, 120.0],
            [80.0, 20.0, 200.0, 190.0],
            [150.0, 200.0, 30.0, 300.0],
            [120.0, 190.0, 300.0, 30.0],
        ];
        RTT[self.index()][to.index()]
    }
}

/// A record's role in failover routing [R53-HEALTH].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    None,
    Primary,
    Secondary,
}

/// One answer of a name: a link to a target, with its routing settings and health.
#[derive(Debug, Clone)]
pub(crate) struct Record {
    pub(crate) link: LinkId,
    pub(crate) target: NodeIx,
    pub(crate) weight: f64,
    pub(crate) role: Role,
    /// A Route 53 health check watches it.
    pub(crate) checked: bool,
    /// Its address is private: checkers outside the VPC cannot reach it [R53-PRIVATE].
    pub(crate) private: bool,
    /// The endpoint is outside AWS (an HTTP backend, an on-premises
    /// address): its health check costs more [R53-HCV].
    pub(crate) outside_aws: bool,
    /// An alias to a load balancer (its own target health can be evaluated) [R53-ALIAS].
    pub(crate) alias_lb: Option<u16>,
    /// Continent of the Region frame the target sits in.
    pub(crate) place: Option<Origin>,
    pub(crate) healthy: bool,
    pub(crate) fails: u8,
    pub(crate) oks: u8,
    /// Set by an alarm action: the record is taken out of service.
    pub(crate) forced_down: bool,
}

/// A Route 53 record set (one DNS name).
#[derive(Debug)]
pub(crate) struct Dns {
    pub(crate) node: NodeIx,
    pub(crate) policy: RoutePolicy,
    /// A, AAAA, CNAME or alias.
    pub(crate) record_type: RecordType,
    /// How long a client keeps an answer: the setting, or the target's for an alias.
    pub(crate) ttl_us: u64,
    /// Time a fresh resolution takes beyond today's instant answer (a CNAME's extra lookup).
    pub(crate) lookup_us: u64,
    /// Requests waiting for a fresh resolution, with their answer, oldest
    /// first: every one waits `lookup_us`, so they finish in this order.
    pub(crate) pending: VecDeque<(Ctx, NodeIx)>,
    pub(crate) interval_us: u64,
    pub(crate) threshold: u8,
    pub(crate) evaluate_target_health: bool,
    pub(crate) records: Vec<Record>,
    pub(crate) rng: Stream,
    /// Cached answer per Users source and client: (answer set, expiry µs).
    pub(crate) user_cache: Vec<Vec<(u64, SimTime)>>,
    /// Cached answer per calling instance (index into the engine's instances).
    pub(crate) inst_cache: Vec<(u64, SimTime)>,
    /// Requests routed through the name in the current bucket.
    pub(crate) routed: u64,
    /// Requests that got no answer (no record fits) in the current bucket.
    pub(crate) unanswered: u64,
    /// DNS queries (cache misses) in the current bucket; billed per million.
    pub(crate) queries: u64,
    pub(crate) private_logged: bool,
}

impl Dns {
    /// The answer set (a bit per record) for a client at `origin`, given the
    /// records that pass their health evaluation (`ok`, a bit per record).
    pub(crate) fn answer(&mut self, ok: u64, origin: Origin) -> u64 {
        let n = self.records.len();
        let all: u64 = if n >= 64 { u64::MAX } else { (1u64 << n) - 1 };
        // When every record is unhealthy, Route 53 answers as if all were
        // healthy [R53-HEALTH]; a record an alarm took out stays out.
        let forced: u64 = self
            .records
            .iter()
            .enumerate()
            .filter(|(_, r)| r.forced_down)
            .fold(0, |m, (k, _)| m | (1 << k));
        let usable = if ok == 0 { all & !forced } else { ok };
        let fallback = all & !forced;
        match self.policy {
            RoutePolicy::Simple => all,
            RoutePolicy::Weighted => self.weighted(usable),
            RoutePolicy::Latency => self.nearest(usable, origin),
            RoutePolicy::Geolocation => self.geolocated(ok, fallback, origin),
            RoutePolicy::Failover => self.failover(ok, fallback),
            RoutePolicy::Multivalue => self.multivalue(usable),
        }
    }

    /// One record of `usable`, drawn by weight [R53-WEIGHT].
    fn weighted(&mut self, usable: u64) -> u64 {
        let n = self.records.len();
        let weight = |k: usize| self.records[k].weight.max(0.0);
        let mut total = 0.0;
        for k in 0..n {
            if usable & (1 << k) != 0 {
                total += weight(k);
            }
        }
        if total <= 0.0 {
            // All weights 0: equal chances [R53-WEIGHT].
            let c = usable.count_ones();
            if c == 0 {
                return 0;
            }
            return 1 << nth_bit(usable, self.rng.below(c as usize) as u32);
        }
        let x = self.rng.uniform() * total;
        let mut acc = 0.0;
        let mut last = 0;
        for k in 0..n {
            if usable & (1 << k) != 0 && weight(k) > 0.0 {
                acc += weight(k);
                last = k;
                if x < acc {
                    return 1 << k;
                }
            }
        }
        1 << last
    }

    /// The usable record with the lowest latency from `origin`.
    fn nearest(&self, usable: u64, origin: Origin) -> u64 {
        let n = self.records.len();
        let rtt = |k: usize| origin.rtt_ms(self.records[k].place.unwrap_or(Origin::NorthAmerica));
        let best = (0..n)
            .filter(|&k| usable & (1 << k) != 0)
            .min_by(|&a, &b| rtt(a).total_cmp(&rtt(b)));
        best.map_or(0, |k| 1 << k)
    }

    /// The record for the users' continent, else a default record (a target
    /// in no Region frame); otherwise no answer.
    fn geolocated(&self, ok: u64, fallback: u64, origin: Origin) -> u64 {
        let n = self.records.len();
        let pick = |want: Option<Origin>, m: u64| {
            (0..n).find(|&k| m & (1 << k) != 0 && self.records[k].place == want)
        };
        pick(Some(origin), ok)
            .or_else(|| pick(None, ok))
            .or_else(|| pick(Some(origin), fallback))
            .or_else(|| pick(None, fallback))
            .map_or(0, |k| 1 << k)
    }

    /// The primary while healthy, else the secondary; both down: the primary.
    fn failover(&self, ok: u64, fallback: u64) -> u64 {
        let n = self.records.len();
        let first = |m: u64, want: &dyn Fn(Role) -> bool| {
            (0..n).find(|&k| m & (1 << k) != 0 && want(self.records[k].role))
        };
        let primary = |r: Role| r != Role::Secondary;
        let secondary = |r: Role| r == Role::Secondary;
        first(ok, &primary)
            .or_else(|| first(ok, &secondary))
            .or_else(|| first(fallback, &primary))
            .or_else(|| first(fallback, &secondary))
            .map_or(0, |k| 1 << k)
    }

    /// Up to 8 usable records, chosen at random per response [R53-MV].
    fn multivalue(&mut self, usable: u64) -> u64 {
        let mut m = usable;
        while m.count_ones() > MULTIVALUE_MAX {
            let k = nth_bit(m, self.rng.below(m.count_ones() as usize) as u32);
            m &= !(1 << k);
        }
        m
    }
}

/// Index of the `k`-th set bit of `mask` (0-based).
pub(crate) fn nth_bit(mask: u64, k: u32) -> usize {
    let mut m = mask;
    for _ in 0..k {
        m &= m - 1;
    }
    m.trailing_zeros() as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nth_bit_walks_set_bits() {
        assert_eq!(nth_bit(0b1011, 0), 0);
        assert_eq!(nth_bit(0b1011, 1), 1);
        assert_eq!(nth_bit(0b1011, 2), 3);
    }

    #[test]
    fn regions_map_to_continents() {
        assert_eq!(Origin::of_region("eu-west-1"), Some(Origin::Europe));
        assert_eq!(Origin::of_region("us-east-1"), Some(Origin::NorthAmerica));
        assert_eq!(Origin::of_region("Production"), None);
        assert!(
            Origin::Europe.rtt_ms(Origin::Europe) < Origin::Europe.rtt_ms(Origin::NorthAmerica)
        );
    }
}
