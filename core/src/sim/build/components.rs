//! Stage three: each reached component adds its part to the bench: a
//! traffic source, a DNS name, a load balancer, a managed service, a
//! messaging part, or a pool (in `pools`).

use super::super::ix::NodeIx;
use super::super::ix::PoolIx;
use std::collections::VecDeque;

use super::super::model::{NodeKind, Source};
use super::super::rng::{Purpose, Stream};
use super::super::time::SimTime;
use super::super::{SimError, queues, serverless};
use super::bench::{Bench, NO_NODE};
use super::limits::secs;
use super::parts;
use crate::catalog::{Kind, Role};
use crate::design::Component;

impl Bench<'_> {
    /// Adds every reached component's part, in document order.
    pub(super) fn add_components(&mut self) -> Result<(), SimError> {
        let d = self.d;
        for (i, c) in d.components.iter().enumerate() {
            let n = self.node_of[i];
            if n == NO_NODE {
                continue;
            }
            let Some(kind) = c.kind_of() else { continue };
            match kind {
                Kind::Users => self.add_users(c, n),
                Kind::Route53 => {
                    self.nodes[n.idx()].kind = NodeKind::Dns(self.dns_comps.len() as u16);
                    self.dns_comps.push(i);
                }
                k if k.role() == Role::Messaging => {
                    self.nodes[n.idx()].kind = queues::add(&mut self.mq, c, n, self.sc, self.seed);
                }
                k if k.role() == Role::LoadBalancer => {
                    let sticky = c.flag("stickiness");
                    self.any_sticky |= sticky;
                    self.nodes[n.idx()].kind = NodeKind::Lb(self.lbs.len() as u16);
                    self.lbs.push(parts::lb(c, k, n, sticky, self.seed, c.id.0));
                }
                k if k.role().is_managed() => self.add_managed(c, k, n),
                k => self.add_pool(c, k, n)?,
            }
        }
        Ok(())
    }

    /// A Users component: its rate, clients and weighted targets.
    fn add_users(&mut self, c: &Component, n: NodeIx) {
        let (sc, seed, id) = (self.sc, self.seed, c.id.0);
        let rate = c.number("rate").max(0.0);
        let mut targets = Vec::new();
        let mut acc = 0.0;
        for l in self.d.links_from(c.id) {
            if let Some(j) = self.index_of(l.to) {
                acc += l.number("weight").max(0.0);
                targets.push((self.node_of[j], acc));
            }
        }
        let clients = c.number("clients").clamp(1.0, 1_000_000.0) as u32;
        self.max_clients = self.max_clients.max(clients);
        let constant = sc.is_constant(c.id);
        self.nodes[n.idx()].kind = NodeKind::Users(self.sources.len() as u16);
        self.sources.push(Source {
            node: n,
            rate_per_us: rate / 1e6,
            timeout_us: secs(c.number("timeout_s")),
            retries: c.number("retries").clamp(0.0, 10.0) as u8,
            targets,
            rng: Stream::new(seed, id, Purpose::Arrivals),
            route_rng: Stream::new(seed, id, Purpose::Routing),
            mix_rng: Stream::new(seed, id, Purpose::Mix),
            clients,
            constant,
            window_end: if constant {
                SimTime::NEVER
            } else {
                SimTime::ZERO
            },
            bound: 0.0,
            gap_us: None,
            deadlines: VecDeque::new(),
            timer_armed: false,
        });
        if constant && let Some(s) = self.sources.last_mut() {
            s.set_bound(sc.factor(c.id, 0.0));
        }
    }

    /// A managed service (Lambda, API Gateway, DynamoDB, S3) as a pool.
    fn add_managed(&mut self, c: &Component, k: Kind, n: NodeIx) {
        let p = PoolIx::new(self.pools.len());
        // API caches, tables and buckets tell reads from writes.
        self.any_rds |= k != Kind::Lambda;
        // A Lambda authorizer's cache keeps each client's answer.
        self.any_sticky |= serverless::api_knows_clients(c);
        self.nodes[n.idx()].kind = NodeKind::Pool(p);
        let pool = serverless::managed_pool(
            c,
            n,
            p,
            self.seed,
            &mut self.sls,
            &mut self.insts,
            &mut self.next_name,
        );
        self.pools.push(pool);
    }
}
