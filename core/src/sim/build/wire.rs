//! Stage four: the links. Load balancers get their target groups, pools
//! their downstream calls, messaging its consumers; then Route 53 names and
//! CloudWatch alarms find the nodes they point at.

use super::super::ix::InstIx;
use super::super::ix::NodeIx;
use super::super::ix::PoolIx;
use super::super::model::route::{Down, Route};
use super::super::model::{NodeKind, PoolKind, TState, Target, Tg};
use super::super::rng::{Purpose, Stream};
use super::super::time::SimTime;
use super::super::{SimError, edge, queues};
use super::bench::{Bench, NO_NODE};
use crate::catalog::{self, Kind, LinkMeaning, Role};
use crate::design::{Component, Link};

impl Bench<'_> {
    /// Follows every link between two reached components.
    pub(super) fn wire(&mut self) -> Result<(), SimError> {
        let d = self.d;
        for (i, c) in d.components.iter().enumerate() {
            let n = self.node_of[i];
            if n == NO_NODE {
                continue;
            }
            for l in d.links_from(c.id) {
                let Some(j) = self.index_of(l.to) else {
                    continue;
                };
                let m = self.node_of[j];
                if m == NO_NODE {
                    continue; // not reached by requests (a role, a cluster, an alarm)
                }
                self.link(c, l, n, &d.components[j], m);
            }
            if let NodeKind::Pool(p) = self.nodes[n.idx()].kind {
                self.route(c, p)?;
            }
        }
        queues::finish(&mut self.mq);
        Ok(())
    }

    /// Gives pool `p` (component `c`) a [`Route`] when it routes by weight
    /// or a call has a probability below 1 or is made more than once; a pool
    /// that calls each downstream once keeps none and draws nothing.
    fn route(&mut self, c: &Component, p: PoolIx) -> Result<(), SimError> {
        let pool = &mut self.pools[p.idx()];
        let by_weight =
            c.has_param("routing") && c.text("routing") == "weight" && !pool.downstream.is_empty();
        if by_weight && pool.downstream.iter().all(|d| d.weight <= 0.0) {
            return Err(SimError::Invalid {
                reason: format!(
                    "\"{}\" routes to one downstream by weight, but every link's weight is 0",
                    c.label
                ),
            });
        }
        if by_weight || pool.downstream.iter().any(|d| !d.plain) {
            pool.route = Some(Box::new(Route {
                rng: Stream::new(self.seed, c.id.0, Purpose::Calls),
                by_weight,
            }));
        }
        Ok(())
    }

    /// Link `l` from component `c` (node `n`) to `to` (node `m`).
    fn link(&mut self, c: &Component, l: &Link, n: NodeIx, to: &Component, m: NodeIx) {
        let meaning = catalog::kind(&c.kind).and_then(|k| k.link_to(&to.kind));
        match (self.nodes[n.idx()].kind, self.nodes[m.idx()].kind) {
            (NodeKind::Lb(lb), NodeKind::Pool(p))
                if matches!(self.pools[p.idx()].kind, PoolKind::Managed(_)) =>
            {
                // A Lambda target group invokes the function [ALB-TG].
                self.lbs[lb as usize].function = Some(m);
            }
            (NodeKind::Lb(lb), NodeKind::Pool(p)) => {
                let cross_zone = catalog::target_group_cross_zone(c, l);
                self.register(lb, p, l, cross_zone);
            }
            // Replication to a read replica is not a request [RDS-RR].
            (NodeKind::Pool(_), _) if c.is(Kind::Rds) && to.is(Kind::Rds) => {}
            (NodeKind::Pool(p), _) => {
                // A messaging service answers a send at once (accepted or
                // throttled), so the sender sees its answer and waits no longer.
                let sync = !matches!(
                    meaning,
                    Some(LinkMeaning::AsyncHandOff | LinkMeaning::EventSource)
                ) || to.role() == Some(Role::Messaging);
                if self.destination(c, l, (p, m), meaning) {
                    // An invocation record, not a call the handler makes.
                } else if !matches!(meaning, Some(LinkMeaning::Control)) {
                    let (prob, count) = (l.number("probability"), l.number("count"));
                    let down = Down::new(m, sync, prob, count, l.number("weight"));
                    self.pools[p.idx()].downstream.push(down);
                }
            }
            (
                from @ (NodeKind::Sqs(_)
                | NodeKind::Sns(_)
                | NodeKind::Kinesis(_)
                | NodeKind::Bus(_)),
                to_kind,
            ) => {
                let to_id = self.nodes[m.idx()].kind_id;
                queues::link(&mut self.mq, c, from, m, to_kind, to_id, meaning);
            }
            (NodeKind::Lb(_), _) | (NodeKind::Users(_), _) | (NodeKind::Dns(_), _) => {}
        }
    }

    /// Registers pool `p` with load balancer `lb` through link `l`. Lone
    /// instances behind one load balancer form one target group; each Auto
    /// Scaling group is a target group of its own, crossing zones or not as
    /// its link says (lone instances: as the first link to them says).
    fn register(&mut self, lb: u16, p: PoolIx, l: &Link, cross_zone: bool) {
        let weight = l.number("weight");
        let path_share = if self.nodes[self.lbs[lb as usize].node.idx()].kind_id == Kind::Alb {
            (l.number("path_pct") / 100.0).clamp(0.0, 1.0)
        } else {
            0.0 // path rules are an ALB's [P-VANTAGE-ELB]
        };
        let lone = self.pools[p.idx()].kind == PoolKind::Ec2 && path_share == 0.0;
        let balancer = &mut self.lbs[lb as usize];
        balancer.by_path |= path_share > 0.0;
        let tgs = &mut balancer.tgs;
        match tgs
            .iter_mut()
            .find(|t| lone && t.pools.iter().all(|&q| q != p) && t.lone)
        {
            Some(tg) => tg.pools.push(p),
            None => tgs.push(Tg {
                link: l.id,
                pools: vec![p],
                weight,
                path_share,
                targets: Vec::new(),
                deep: Vec::new(),
                lone,
                cross_zone,
            }),
        }
        if l.text("hc_depth") == "deep"
            && let Some(tg) = tgs.iter_mut().find(|t| t.pools.contains(&p))
        {
            tg.deep.push(p);
        }
        self.pools[p.idx()].lbs.push(lb);
    }

    /// Checks each load balancer's targets and lists them as healthy, and
    /// prices an NLB's Elastic IPs, one per zone of its targets.
    pub(super) fn finish_lbs(&mut self) -> Result<(), SimError> {
        let zones: Vec<u32> = self.lbs.iter().map(|lb| self.zones_of(lb)).collect();
        for (lb, zones) in self.lbs.iter_mut().zip(zones) {
            if lb.elastic_ips {
                lb.ip_hour = f64::from(zones) * crate::cost::PUBLIC_IPV4_HOUR;
            }
            let label = &self.nodes[lb.node.idx()].label;
            if lb.function.is_some() && !lb.tgs.is_empty() {
                return Err(SimError::Invalid {
                    reason: format!(
                        "load balancer \"{label}\" mixes a Lambda function with other targets; the simulator models one Lambda target group alone"
                    ),
                });
            }
            if lb.tgs.is_empty() && lb.function.is_none() {
                return Err(SimError::Invalid {
                    reason: format!("load balancer \"{label}\" has no targets"),
                });
            }
            if lb.sticky {
                lb.sticky_table = vec![(InstIx::NIL, SimTime::ZERO); self.max_clients as usize];
            }
            for tg in &mut lb.tgs {
                for &i in tg
                    .pools
                    .iter()
                    .flat_map(|&p| self.pools[p.idx()].insts.iter())
                {
                    tg.targets.push(Target {
                        inst: i,
                        state: TState::Healthy,
                        fails: 0,
                        oks: 0,
                        pending: false,
                        ramp_from: SimTime::ZERO,
                    });
                }
            }
        }
        Ok(())
    }

    /// How many zones load balancer `lb` is enabled in: those its target
    /// groups' groups spread over (their first `azs` zones) and those its
    /// lone targets sit in; at least one. AWS enables the zones chosen when
    /// the load balancer is created [NLB-TG]; Skydraft takes the targets'
    /// zones for them (assumption).
    fn zones_of(&self, lb: &super::super::model::Lb) -> u32 {
        let mut mask: u64 = 0;
        for &p in lb.tgs.iter().flat_map(|tg| tg.pools.iter()) {
            if let Some(a) = self.asgs.iter().find(|a| a.pool == p) {
                mask |= (1u64 << a.azs.min(63)) - 1;
            } else {
                for &i in &self.pools[p.idx()].insts {
                    mask |= 1 << (self.insts[i.idx()].az & 63);
                }
            }
        }
        mask.count_ones().max(1)
    }

    /// Route 53 names with their records, CloudWatch alarms with what they
    /// watch, and the users' origins for latency routing.
    pub(super) fn add_dns_and_alarms(&mut self) -> Result<(), SimError> {
        let d = self.d;
        let node_kind = |id| self.node_of_id(id).map(|m| (m, self.nodes[m.idx()].kind));
        let mut dns_list = Vec::new();
        for &i in &self.dns_comps {
            let c = &d.components[i];
            let mut dns = edge::build::dns(d, c, self.node_of[i], &node_kind, self.seed)
                .map_err(|reason| SimError::Invalid { reason })?;
            dns.user_cache = self
                .sources
                .iter()
                .map(|s| vec![(0, SimTime::ZERO); s.clients as usize])
                .collect();
            dns_list.push(dns);
        }
        let pool_kind = |p: PoolIx| self.pools[p.idx()].kind;
        let dns_of = |m: NodeIx| match self.nodes[m.idx()].kind {
            NodeKind::Dns(k) => Some(k),
            _ => None,
        };
        let alarms: Vec<_> = d
            .components
            .iter()
            .filter(|c| c.is(Kind::CwAlarm))
            .filter_map(|c| edge::build::alarm(d, c, &node_kind, &pool_kind, &dns_of))
            .collect();
        self.edge.dns.names.extend(dns_list);
        self.edge.alarms.list.extend(alarms);
        self.sample_latency();
        // Clients matter once a Route 53 name caches answers per client.
        self.any_sticky |= !self.edge.dns.names.is_empty();
        self.edge.dns.origins = d
            .components
            .iter()
            .enumerate()
            .filter(|(i, c)| c.is(Kind::Users) && self.node_of[*i] != NO_NODE)
            .map(|(_, c)| edge::route53::records::Origin::parse(&c.text("origin")))
            .collect();
        Ok(())
    }

    /// A latency alarm whose statistic is not Average reads every request's
    /// time: its watched pools keep a histogram of them, and it marks each.
    fn sample_latency(&mut self) {
        use crate::sim::edge::alarm::{definition::Watch, stat::Stat};
        for al in &mut self.edge.alarms.list {
            if al.watch != Watch::Latency || al.stat == Stat::Average {
                continue;
            }
            for &m in &al.watched {
                if let NodeKind::Pool(p) = self.nodes[m.idx()].kind {
                    let pool = &mut self.pools[p.idx()];
                    let h = pool
                        .alarm_hist
                        .get_or_insert_with(|| Box::new(crate::run::DenseHistogram::new()));
                    al.lat_marks.push(h.mark());
                } else {
                    al.lat_marks.push(Vec::new());
                }
            }
        }
    }

    /// Whether link `l` (of `meaning`) from function `c` (pool `p`) to node `m` is one of
    /// its destinations (on success or on failure of an asynchronous
    /// invocation [LAM-ASYNC]); if so it is recorded as one.
    fn destination(
        &mut self,
        c: &Component,
        l: &Link,
        (p, m): (PoolIx, NodeIx),
        meaning: Option<LinkMeaning>,
    ) -> bool {
        if !c.is(Kind::Lambda)
            || !matches!(
                meaning,
                Some(LinkMeaning::AsyncHandOff | LinkMeaning::SyncCall)
            )
        {
            return false;
        }
        let when = l.text("destination");
        let Some(f) = self.sls.fns.iter_mut().find(|f| f.pool == p) else {
            return false;
        };
        match when.as_str() {
            "on_success" => f.on_success.push(m),
            "on_failure" => f.on_failure.push(m),
            _ => return false,
        }
        true
    }
}
