//! Route 53 records: routing policies, health checks from outside the VPC,
//! and answers cached by each client for the record's TTL.
//!
//! A record answers with one of its targets (the links out of it). A client
//! (a user of a Users component, or a calling instance) keeps the answer for
//! the TTL, so a change (a failover, a new weight) reaches a client only when
//! its cached answer expires: a failover takes detection plus up to one TTL
//! [R53-HCV], [R53-ALIAS].

pub(crate) mod records;

use super::super::ix::InstIx;
use crate::sim::ix::NodeIx;
use records::*;

use super::super::Ev;
use super::super::cx::Cx;
use super::super::model::*;
use super::super::request::Ctx;
use super::super::time::SimTime;
use super::view::{View, healthy_targets};
use crate::design::LinkId;
use crate::run::ComponentSeries;

/// Route 53 in a run: its names and where each Users source's clients are.
#[derive(Debug, Default)]
pub(crate) struct Route53 {
    /// Route 53 names (record sets), by index.
    pub(crate) names: Vec<Dns>,
    /// Continent of each Users source (by source index).
    pub(crate) origins: Vec<Origin>,
}

impl Route53 {
    /// A request reaches name `d`: the client's cached answer, or a fresh
    /// resolution cached for the TTL; returns the target the request goes
    /// to and how long the resolution took (µs: a CNAME's extra lookup on a
    /// fresh resolution, else 0), `None` when no record answers.
    pub(crate) fn call(
        &mut self,
        cx: &Cx,
        d: usize,
        ctx: &Ctx,
        view: &View<'_>,
    ) -> Option<(NodeIx, u64)> {
        let now = cx.now;
        let (origin, key) = client(&self.origins, ctx, view);
        let dns = &mut self.names[d];
        dns.routed += 1;
        let cached = match key {
            Client::User(s, c) => dns
                .user_cache
                .get(s)
                .and_then(|v| v.get(c as usize))
                .copied(),
            Client::Inst(i) => dns.inst_cache.get(i.idx()).copied(),
            Client::Anonymous => None,
        };
        let (mask, took_us) = match cached {
            Some((mask, exp)) if exp > now && mask != 0 => (mask, 0),
            _ => {
                let mask = resolve(dns, origin, view);
                dns.queries += 1;
                let exp = now + dns.ttl_us;
                remember(dns, key, (mask, exp));
                (mask, dns.lookup_us)
            }
        };
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
        Some((dns.records[bit].target, took_us))
    }

    /// A request waits `lookup_us` for name `d`'s fresh resolution to `target`;
    /// the caller schedules [`Route53::answered`] for then.
    pub(crate) fn wait(&mut self, d: usize, ctx: Ctx, target: NodeIx) {
        self.names[d].pending.push_back((ctx, target));
    }

    /// The oldest resolution of name `d` is done: its request and target.
    pub(crate) fn answered(&mut self, d: usize) -> Option<(Ctx, NodeIx)> {
        self.names[d].pending.pop_front()
    }

    /// One round of name `d`'s health checks [R53-HCV], [R53-HEALTH].
    pub(crate) fn check(&mut self, cx: &mut Cx, d: usize, view: &View<'_>) {
        let interval = self.names[d].interval_us;
        if cx.now + interval < cx.end {
            cx.q.push(cx.now + interval, Ev::DnsCheck { dns: d as u16 });
        }
        let dns = &mut self.names[d];
        let node = dns.node;
        let thr = dns.threshold;
        for r in 0..dns.records.len() {
            let rec = &dns.records[r];
            if !rec.checked {
                continue;
            }
            let target = rec.target;
            let private = rec.private;
            if private && !dns.private_logged {
                dns.private_logged = true;
                let text = format!(
                    "Route 53 health checkers run outside the VPC and cannot reach {}'s private address: its check always fails (use a CloudWatch alarm health check instead)",
                    view.nodes[target.idx()].label
                );
                cx.log(Some(node), text);
            }
            let ok = !private && endpoint_answers(target, view);
            let label = &view.nodes[target.idx()].label;
            let secs = interval / 1_000_000;
            let rec = &mut dns.records[r];
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
                cx.log(Some(node), text);
            }
        }
    }

    /// Closes a bucket of `width_s` seconds for every name: its point in
    /// `series`, and its cost (queries, health checks, the hosted zone) added
    /// to `node_cost`; returns the cost.
    pub(crate) fn close_bucket(
        &mut self,
        width_s: f64,
        series: &mut [ComponentSeries],
        node_cost: &mut [f64],
    ) -> f64 {
        let mut total = 0.0;
        for dns in &mut self.names {
            let policy = match dns.policy {
                RoutePolicy::Latency => "latency",
                RoutePolicy::Geolocation => "geolocation",
                _ => "simple",
            };
            let fast = dns.interval_us == HC_FAST_US;
            let checks: f64 = (dns.records.iter().filter(|r| r.checked))
                .map(|r| crate::cost::r53_health_check_month(r.outside_aws, fast))
                .sum();
            let per_hour = (crate::cost::R53_ZONE_MONTH + checks) / crate::cost::HOURS_PER_MONTH;
            // Alias queries to AWS resources are free [R53-ALIAS].
            let per_million = match dns.record_type {
                RecordType::Alias => 0.0,
                _ => crate::cost::r53_query_per_million(policy),
            };
            let c = dns.queries as f64 / 1e6 * per_million + per_hour * width_s / 3600.0;
            let qps = if width_s > 0.0 {
                dns.queries as f64 / width_s
            } else {
                0.0
            };
            let point = crate::run::ComponentPoint {
                requests: dns.routed,
                completions: dns.routed - dns.unanswered,
                rejections: dns.unanswered,
                cost_per_hour: per_hour + qps * 3600.0 / 1e6 * per_million,
                healthy_targets: dns.records.iter().filter(|r| r.healthy).count() as u32,
                ..crate::run::ComponentPoint::default()
            };
            dns.routed = 0;
            dns.unanswered = 0;
            dns.queries = 0;
            let node = dns.node.idx();
            series[node].points.push(point);
            node_cost[node] += c;
            total += c;
        }
        total
    }

    /// A timeline weight change on a record's link; `true` when one matched.
    pub(crate) fn weight(
        &mut self,
        cx: &mut Cx,
        link: LinkId,
        weight: f64,
        nodes: &[Node],
    ) -> bool {
        let mut hit = false;
        for dns in &mut self.names {
            let Some(rec) = dns.records.iter_mut().find(|r| r.link == link) else {
                continue;
            };
            hit = true;
            let w = weight.clamp(0.0, 255.0);
            rec.weight = w;
            let ttl = dns.ttl_us as f64 / 1e6;
            let text = format!(
                "Route 53 weight of the record for {} set to {w}; clients move as their cached answers expire (TTL {ttl} s)",
                nodes[rec.target.idx()].label
            );
            cx.log(Some(dns.node), text);
        }
        hit
    }

    /// Takes name `d`'s primary records out (or puts them back): a failover
    /// record then answers with its secondary. `by` names who did it.
    pub(crate) fn force(&mut self, cx: &mut Cx, d: usize, down: bool, by: &str) {
        let dns = &mut self.names[d];
        let has_secondary = dns.records.iter().any(|r| r.role == Role::Secondary);
        let mut changed = false;
        for r in &mut dns.records {
            let primary = r.role != Role::Secondary;
            if primary && has_secondary && r.forced_down != down {
                r.forced_down = down;
                changed = true;
            }
        }
        if changed {
            let ttl = dns.ttl_us / 1_000_000;
            let text = if down {
                format!(
                    "{by} points the record at its secondary; clients follow as their cached answers expire (TTL {ttl} s)"
                )
            } else {
                format!("{by} clears: the record answers with its primary again")
            };
            cx.log(Some(dns.node), text);
        }
    }
}

/// Who asks: where the client is and whose cache keeps the answer.
fn client(origins: &[Origin], ctx: &Ctx, view: &View<'_>) -> (Origin, Client) {
    if ctx.from_inst != InstIx::NIL {
        // The simulated application runs in us-east-1.
        return (Origin::NorthAmerica, Client::Inst(ctx.from_inst));
    }
    if ctx.req != NIL && view.reqs.valid(ctx.req, ctx.rgen) {
        let r = view.reqs.get(ctx.req);
        let s = r.src as usize;
        let origin = origins.get(s).copied().unwrap_or(Origin::NorthAmerica);
        return (origin, Client::User(s, r.client));
    }
    (Origin::NorthAmerica, Client::Anonymous)
}

/// Keeps a fresh answer (answer set, expiry) in the client's cache.
fn remember(dns: &mut Dns, key: Client, entry: (u64, SimTime)) {
    match key {
        Client::User(s, c) => {
            if let Some(slot) = dns
                .user_cache
                .get_mut(s)
                .and_then(|v| v.get_mut(c as usize))
            {
                *slot = entry;
            }
        }
        Client::Inst(i) => {
            let i = i.idx();
            if dns.inst_cache.len() <= i {
                dns.inst_cache.resize(i + 1, (0, SimTime::ZERO));
            }
            dns.inst_cache[i] = entry;
        }
        Client::Anonymous => {}
    }
}

/// Whether record `r` may be answered: its health check passes, or (an alias
/// with evaluate target health) its load balancer has a healthy target.
fn record_ok(dns: &Dns, r: usize, view: &View<'_>) -> bool {
    let rec = &dns.records[r];
    if rec.forced_down {
        return false;
    }
    if rec.checked {
        return rec.healthy;
    }
    match rec.alias_lb {
        Some(l) if dns.evaluate_target_health => {
            let lb = &view.lbs[l as usize];
            !view.region.node_down(lb.node) && healthy_targets(lb) > 0
        }
        _ => true,
    }
}

/// The answer set (a bit per record) for a client at `origin`.
fn resolve(dns: &mut Dns, origin: Origin, view: &View<'_>) -> u64 {
    let mut ok: u64 = 0;
    for r in 0..dns.records.len() {
        if record_ok(dns, r, view) {
            ok |= 1 << r;
        }
    }
    dns.answer(ok, origin)
}

/// Whether a request to the node would be answered now (what a health
/// checker's HTTP request sees; a load balancer fails open to its targets).
fn endpoint_answers(node: NodeIx, view: &View<'_>) -> bool {
    if view.region.node_down(node) {
        return false;
    }
    let serving = |i: InstIx| {
        let x = &view.insts[i.idx()];
        x.state == St::InService && !x.crashed && !x.hung && !view.az_down[x.az as usize]
    };
    match view.nodes[node.idx()].kind {
        NodeKind::Lb(l) => view.lbs[l as usize]
            .tgs
            .iter()
            .any(|tg| tg.targets.iter().any(|t| serving(t.inst))),
        NodeKind::Pool(p) => view.pools[p.idx()].insts.iter().any(|&i| serving(i)),
        // Messaging services are regional: they answer unless the region is down.
        NodeKind::Dns(_)
        | NodeKind::Sqs(_)
        | NodeKind::Sns(_)
        | NodeKind::Kinesis(_)
        | NodeKind::Bus(_) => true,
        NodeKind::Users(_) => false,
    }
}

/// Who caches an answer.
#[derive(Debug, Clone, Copy)]
enum Client {
    /// A user: (Users source, client number).
    User(usize, u32),
    /// A calling instance.
    Inst(InstIx),
    /// Nobody who keeps answers (a call with no live request).
    Anonymous,
}
