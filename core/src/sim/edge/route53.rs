//! Route 53 records: routing policies, health checks from outside the VPC,
//! and answers cached by each client for the record's TTL.
//!
//! A record answers with one of its targets (the links out of it). A client
//! (a user of a Users component, or a calling instance) keeps the answer for
//! the TTL, so a change (a failover, a new weight) reaches a client only when
//! its cached answer expires: a failover takes detection plus up to one TTL
//! [R53-HCV], [R53-ALIAS].

pub(crate) mod records;

use records::*;

use super::super::Ev;
use super::super::engine::Engine;
use super::super::model::*;
use super::super::request::Ctx;
use crate::design::LinkId;

impl Engine {
    /// A request reaches a Route 53 name: the client's cached answer, or a
    /// fresh resolution cached for the TTL; then the request goes to the target.
    #[inline(never)] // off the common request path: keeps its callers lean
    pub(crate) fn dns_call(&mut self, d: usize, ctx: Ctx) -> Option<u16> {
        let now = self.cx.now;
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
        let mut ok: u64 = 0;
        for r in 0..n {
            if self.record_ok(d, r) {
                ok |= 1 << r;
            }
        }
        self.edge.dns[d].answer(ok, origin)
    }

    /// One round of a name's health checks [R53-HCV], [R53-HEALTH].
    pub(crate) fn dns_check(&mut self, d: usize) {
        let interval = self.edge.dns[d].interval_us;
        if self.cx.now + interval < self.cx.end_us {
            self.cx
                .q
                .push(self.cx.now + interval, Ev::DnsCheck { dns: d as u16 });
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
                self.cx.log(Some(node), text);
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
                self.cx.log(Some(node), text);
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
            self.cx.log(Some(node), text);
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
