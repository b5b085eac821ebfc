//! Route 53 records: routing policies, health checks from outside the VPC,
//! and answers cached by each client for the record's TTL.
//!
//! A record answers with one of its targets (the links out of it). A client
//! (a user of a Users component, or a calling instance) keeps the answer for
//! the TTL, so a change (a failover, a new weight) reaches a client only when
//! its cached answer expires: a failover takes detection plus up to one TTL
//! [R53-HCV], [R53-ALIAS].

use super::super::Ev;
use super::super::engine::Engine;
use super::super::model::*;
use super::super::request::Ctx;
use super::super::rng::Stream;
use crate::design::LinkId;

/// At most this many answers in one multivalue response [R53-MV].
pub(crate) const MULTIVALUE_MAX: u32 = 8;
/// At most this many records (links) on one name in the simulator.
pub(crate) const MAX_RECORDS: usize = 64;
/// Standard health-check interval, 30 s; fast 10 s [R53-HCV].
pub(crate) const HC_STANDARD_US: u64 = 30_000_000;
/// Fast health-check interval [R53-HCV].
pub(crate) const HC_FAST_US: u64 = 10_000_000;

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
    pub(crate) target: u16,
    pub(crate) weight: f64,
    pub(crate) role: Role,
    /// A Route 53 health check watches it.
    pub(crate) checked: bool,
    /// Its address is private: checkers outside the VPC cannot reach it [R53-PRIVATE].
    pub(crate) private: bool,
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
    pub(crate) node: u16,
    pub(crate) policy: RoutePolicy,
    pub(crate) ttl_us: u64,
    pub(crate) interval_us: u64,
    pub(crate) threshold: u8,
    pub(crate) evaluate_target_health: bool,
    pub(crate) records: Vec<Record>,
    pub(crate) rng: Stream,
    /// Cached answer per Users source and client: (answer set, expiry µs).
    pub(crate) user_cache: Vec<Vec<(u64, u64)>>,
    /// Cached answer per calling instance (index into the engine's instances).
    pub(crate) inst_cache: Vec<(u64, u64)>,
    /// Requests routed through the name in the current bucket.
    pub(crate) routed: u64,
    /// Requests that got no answer (no record fits) in the current bucket.
    pub(crate) unanswered: u64,
    /// DNS queries (cache misses) in the current bucket; billed per million.
    pub(crate) queries: u64,
    pub(crate) private_logged: bool,
}

impl Engine {
    /// A request reaches a Route 53 name: the client's cached answer, or a
    /// fresh resolution cached for the TTL; then the request goes to the target.
    #[inline(never)] // off the common request path: keeps its callers lean
    pub(crate) fn dns_call(&mut self, d: usize, ctx: Ctx) -> Option<u16> {
        let now = self.now;
        let (origin, key) = self.dns_client(&ctx);
        let dns = &mut self.edge.dns[d];
        dns.routed += 1;
        let cached = match key {
            Client::User(s, c) => dns
                .user_cache
                .get(s)
                .and_then(|v| v.get(c as usize))
                .copied(),
            Client::Inst(i) => dns.inst_cache.get(i as usize).copied(),
            Client::Anonymous => None,
        };
        let mask = match cached {
            Some((mask, exp)) if exp > now && mask != 0 => mask,
            _ => {
                let mask = self.dns_resolve(d, origin);
                let dns = &mut self.edge.dns[d];
                dns.queries += 1;
                let exp = now + dns.ttl_us;
                match key {
                    Client::User(s, c) => {
                        if let Some(slot) = dns
                            .user_cache
                            .get_mut(s)
                            .and_then(|v| v.get_mut(c as usize))
                        {
                            *slot = (mask, exp);
                        }
                    }
                    Client::Inst(i) => {
                        let i = i as usize;
                        if dns.inst_cache.len() <= i {
                            dns.inst_cache.resize(i + 1, (0, 0));
                        }
                        dns.inst_cache[i] = (mask, exp);
                    }
                    Client::Anonymous => {}
                }
                mask
            }
        };
        let dns = &mut self.edge.dns[d];
        if mask == 0 {
            dns.unanswered += 1;
            return None;
        }
        // A client with several addresses (simple, multivalue) picks one at random.
        let n = mask.count_ones();
        let k = if n == 1 {
            0
        } else {
            dns.rng.below(n as usize) as u32
        };
        let bit = nth_bit(mask, k);
        Some(dns.records[bit].target)
    }

    fn dns_client(&self, ctx: &Ctx) -> (Origin, Client) {
        if ctx.from_inst != NIL {
            // The simulated application runs in us-east-1.
            return (Origin::NorthAmerica, Client::Inst(ctx.from_inst));
        }
        if ctx.req != NIL && self.reqs.valid(ctx.req, ctx.rgen) {
            let r = self.reqs.get(ctx.req);
            let s = r.src as usize;
            let origin = self
                .edge
                .origins
                .get(s)
                .copied()
                .unwrap_or(Origin::NorthAmerica);
            return (origin, Client::User(s, r.client));
        }
        (Origin::NorthAmerica, Client::Anonymous)
    }

    /// Whether a record may be answered: its health check passes, or (an alias
    /// with evaluate target health) its load balancer has a healthy target.
    fn record_ok(&self, d: usize, r: usize) -> bool {
        let dns = &self.edge.dns[d];
        let rec = &dns.records[r];
        if rec.forced_down {
            return false;
        }
        if rec.checked {
            return rec.healthy;
        }
        match rec.alias_lb {
            Some(l) if dns.evaluate_target_health => {
                !self.region.node_down(self.lbs[l as usize].node)
                    && self.healthy_targets(l as usize) > 0
            }
            _ => true,
        }
    }

    /// The answer set (a bit per record) for a client at `origin`.
    fn dns_resolve(&mut self, d: usize, origin: Origin) -> u64 {
        let n = self.edge.dns[d].records.len();
        let all: u64 = if n >= 64 { u64::MAX } else { (1u64 << n) - 1 };
        let mut ok: u64 = 0;
        for r in 0..n {
            if self.record_ok(d, r) {
                ok |= 1 << r;
            }
        }
        let dns = &mut self.edge.dns[d];
        // When every record is unhealthy, Route 53 answers as if all were
        // healthy [R53-HEALTH]; a record an alarm took out stays out.
        let forced: u64 = dns
            .records
            .iter()
            .enumerate()
            .filter(|(_, r)| r.forced_down)
            .fold(0, |m, (k, _)| m | (1 << k));
        let usable = if ok == 0 { all & !forced } else { ok };
        match dns.policy {
            RoutePolicy::Simple => all,
            RoutePolicy::Weighted => {
                let weight = |k: usize| dns.records[k].weight.max(0.0);
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
                    return 1 << nth_bit(usable, dns.rng.below(c as usize) as u32);
                }
                let x = dns.rng.uniform() * total;
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
            RoutePolicy::Latency => {
                let best = (0..n).filter(|&k| usable & (1 << k) != 0).min_by(|&a, &b| {
                    let la = origin.rtt_ms(dns.records[a].place.unwrap_or(Origin::NorthAmerica));
                    let lb = origin.rtt_ms(dns.records[b].place.unwrap_or(Origin::NorthAmerica));
                    la.total_cmp(&lb)
                });
                best.map_or(0, |k| 1 << k)
            }
            RoutePolicy::Geolocation => {
                // The record for the users' continent, else a default record (a
                // target in no Region frame); otherwise no answer.
                let pick = |want: Option<Origin>, m: u64| {
                    (0..n).find(|&k| m & (1 << k) != 0 && dns.records[k].place == want)
                };
                pick(Some(origin), ok)
                    .or_else(|| pick(None, ok))
                    .or_else(|| pick(Some(origin), all & !forced))
                    .or_else(|| pick(None, all & !forced))
                    .map_or(0, |k| 1 << k)
            }
            RoutePolicy::Failover => {
                let role = |k: usize| dns.records[k].role;
                let first = |m: u64, want: &dyn Fn(Role) -> bool| {
                    (0..n).find(|&k| m & (1 << k) != 0 && want(role(k)))
                };
                let primary = |r: Role| r != Role::Secondary;
                let secondary = |r: Role| r == Role::Secondary;
                // Primary while healthy, else the secondary; both down: the primary.
                first(ok, &primary)
                    .or_else(|| first(ok, &secondary))
                    .or_else(|| first(all & !forced, &primary))
                    .or_else(|| first(all & !forced, &secondary))
                    .map_or(0, |k| 1 << k)
            }
            RoutePolicy::Multivalue => {
                // Up to 8 healthy records, chosen at random per response [R53-MV].
                let mut m = usable;
                while m.count_ones() > MULTIVALUE_MAX {
                    let k = nth_bit(m, dns.rng.below(m.count_ones() as usize) as u32);
                    m &= !(1 << k);
                }
                m
            }
        }
    }

    /// One round of a name's health checks [R53-HCV], [R53-HEALTH].
    pub(crate) fn dns_check(&mut self, d: usize) {
        let interval = self.edge.dns[d].interval_us;
        if self.now + interval < self.end_us {
            self.q
                .push(self.now + interval, Ev::DnsCheck { dns: d as u16 });
        }
        let node = self.edge.dns[d].node;
        let thr = self.edge.dns[d].threshold;
        for r in 0..self.edge.dns[d].records.len() {
            let rec = &self.edge.dns[d].records[r];
            if !rec.checked {
                continue;
            }
            let target = rec.target;
            let private = rec.private;
            if private && !self.edge.dns[d].private_logged {
                self.edge.dns[d].private_logged = true;
                let text = format!(
                    "Route 53 health checkers run outside the VPC and cannot reach {}'s private address: its check always fails (use a CloudWatch alarm health check instead)",
                    self.nodes[target as usize].label
                );
                self.log(Some(node), text);
            }
            let ok = !private && self.endpoint_answers(target);
            let label = self.nodes[target as usize].label.clone();
            let secs = interval / 1_000_000;
            let rec = &mut self.edge.dns[d].records[r];
            let text = if ok {
                rec.fails = 0;
                rec.oks = rec.oks.saturating_add(1);
                (!rec.healthy && rec.oks >= thr).then(|| {
                    rec.healthy = true;
                    format!("Route 53 health check of {label} passes again ({thr} × {secs} s); it is answered again")
                })
            } else {
                rec.oks = 0;
                rec.fails = rec.fails.saturating_add(1);
                (rec.healthy && rec.fails >= thr).then(|| {
                    rec.healthy = false;
                    format!("Route 53 health check of {label} failed {thr} times ({secs} s apart); it is no longer answered, clients follow as their cached answers expire")
                })
            };
            if let Some(text) = text {
                self.log(Some(node), text);
            }
        }
    }

    /// Whether a request to the node would be answered now (what a health
    /// checker's HTTP request sees; a load balancer fails open to its targets).
    fn endpoint_answers(&self, node: u16) -> bool {
        if self.region.node_down(node) {
            return false;
        }
        let serving = |i: u32| {
            let x = &self.insts[i as usize];
            x.state == St::InService && !x.crashed && !x.hung && !self.az_down[x.az as usize]
        };
        match self.nodes[node as usize].kind {
            NodeKind::Lb(l) => self.lbs[l as usize]
                .tgs
                .iter()
                .any(|tg| tg.targets.iter().any(|t| serving(t.inst))),
            NodeKind::Pool(p) => self.pools[p as usize].insts.iter().any(|&i| serving(i)),
            // Messaging services are regional: they answer unless the region is down.
            NodeKind::Dns(_)
            | NodeKind::Sqs(_)
            | NodeKind::Sns(_)
            | NodeKind::Kinesis(_)
            | NodeKind::Bus(_) => true,
            NodeKind::Users(_) => false,
        }
    }

    /// Closes a bucket of `width_s` seconds for every name: its point, and its
    /// cost (queries, health checks, the hosted zone); returns the cost.
    pub(crate) fn dns_close_bucket(&mut self, width_s: f64) -> f64 {
        let mut total = 0.0;
        for d in 0..self.edge.dns.len() {
            let dns = &mut self.edge.dns[d];
            let policy = match dns.policy {
                RoutePolicy::Latency => "latency",
                RoutePolicy::Geolocation => "geolocation",
                _ => "simple",
            };
            let checks = dns.records.iter().filter(|r| r.checked).count() as f64;
            let check_month = crate::cost::R53_HEALTH_CHECK_MONTH
                + if dns.interval_us == HC_FAST_US {
                    crate::cost::R53_FAST_CHECK_EXTRA_MONTH
                } else {
                    0.0
                };
            let per_hour =
                (crate::cost::R53_ZONE_MONTH + checks * check_month) / crate::cost::HOURS_PER_MONTH;
            let c = dns.queries as f64 / 1e6 * crate::cost::r53_query_per_million(policy)
                + per_hour * width_s / 3600.0;
            let qps = if width_s > 0.0 {
                dns.queries as f64 / width_s
            } else {
                0.0
            };
            let point = crate::run::ComponentPoint {
                requests: dns.routed,
                completions: dns.routed - dns.unanswered,
                rejections: dns.unanswered,
                cost_per_hour: per_hour
                    + qps * 3600.0 / 1e6 * crate::cost::r53_query_per_million(policy),
                healthy_targets: dns.records.iter().filter(|r| r.healthy).count() as u32,
                ..crate::run::ComponentPoint::default()
            };
            dns.routed = 0;
            dns.unanswered = 0;
            dns.queries = 0;
            let node = dns.node as usize;
            self.series[node].points.push(point);
            self.node_cost[node] += c;
            total += c;
        }
        total
    }

    /// A timeline weight change on a record's link; `true` when one matched.
    pub(crate) fn dns_weight(&mut self, link: LinkId, weight: f64) -> bool {
        let mut hit = false;
        for d in 0..self.edge.dns.len() {
            let Some(r) = self.edge.dns[d].records.iter().position(|r| r.link == link) else {
                continue;
            };
            hit = true;
            let w = weight.clamp(0.0, 255.0);
            self.edge.dns[d].records[r].weight = w;
            let node = self.edge.dns[d].node;
            let target = self.edge.dns[d].records[r].target;
            let ttl = self.edge.dns[d].ttl_us as f64 / 1e6;
            let text = format!(
                "Route 53 weight of the record for {} set to {w}; clients move as their cached answers expire (TTL {ttl} s)",
                self.nodes[target as usize].label
            );
            self.log(Some(node), text);
        }
        hit
    }
}

/// Who caches an answer.
#[derive(Debug, Clone, Copy)]
enum Client {
    User(usize, u32),
    Inst(u32),
    Anonymous,
}

/// Index of the `k`-th set bit of `mask` (0-based).
fn nth_bit(mask: u64, k: u32) -> usize {
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
