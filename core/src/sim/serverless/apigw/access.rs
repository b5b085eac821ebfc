//! Who may call a stage and which deployment answers: the Lambda
//! authorizer's per-client cache, each client's usage plan, and the stage's
//! deployments with their canary and rollback.

use super::super::state::Serverless;
use super::super::tokens::TokenBucket;
use super::stage::{Authorizer, Plan};
use crate::sim::time::SimTime;

/// A simulated day, µs: the period of a usage plan's quota.
const DAY_US: u64 = 86_400_000_000;

impl Authorizer {
    /// The authorizer's time on a request of client `who` at `now`, µs: the
    /// invocation when that client's answer is not cached (every request of
    /// an unknown caller, or with the cache off), else nothing.
    pub(crate) fn check(&mut self, now: SimTime, who: Option<(u16, u32)>) -> f64 {
        if self.ttl_us > 0
            && let Some((src, client)) = who
        {
            let (s, c) = (usize::from(src), client as usize);
            if self.until.len() <= s {
                self.until.resize(s + 1, Vec::new());
            }
            let row = &mut self.until[s];
            if row.len() <= c {
                row.resize(c + 1, SimTime::ZERO);
            }
            if row[c] > now {
                return 0.0;
            }
            row[c] = now + self.ttl_us;
        }
        self.latency_us
    }
}

impl Plan {
    /// Whether the key of Users source `src` may make a request at `now`:
    /// its quota for the day and its throttle both allow it [APIGW-THR].
    pub(crate) fn admit(&mut self, now: SimTime, src: u16) -> bool {
        let s = usize::from(src);
        while self.keys.len() <= s {
            let bucket = TokenBucket::new(self.rate, self.burst, self.burst);
            self.keys.push((bucket, 0, 0));
        }
        let (bucket, day, used) = &mut self.keys[s];
        let today = now.as_us() / DAY_US;
        if *day != today {
            *day = today;
            *used = 0;
        }
        if self.quota.is_some_and(|q| *used >= q) || !bucket.take(now, 1.0) {
            return false;
        }
        *used += 1;
        true
    }
}

impl Serverless {
    /// A new deployment of stage `a`, failing `error_rate` of the requests
    /// it answers: the whole stage's, or a canary's share `canary` beside
    /// the live deployment. Returns the log line.
    pub(crate) fn api_deploy(&mut self, a: usize, error_rate: f64, canary: Option<f64>) -> String {
        let d = &mut self.apis[a].deploys;
        let error = error_rate.clamp(0.0, 1.0);
        let fails = format!("it fails {:.0} % of requests", error * 100.0);
        match canary {
            Some(share) if share < 1.0 => {
                let share = share.clamp(0.0, 1.0);
                d.canary = Some((share, error));
                format!(
                    "a canary deployment takes {:.0} % of the stage's requests; {fails}",
                    share * 100.0
                )
            }
            _ => {
                d.canary = None;
                d.history.push(error);
                format!("a new deployment answers every request of the stage; {fails}")
            }
        }
    }

    /// Stage `a` rolls back: a canary is removed, else the live deployment
    /// gives way to the one before. Returns the log line, or `None` when
    /// there is nothing to roll back to.
    pub(crate) fn api_rollback(&mut self, a: usize) -> Option<String> {
        let d = &mut self.apis[a].deploys;
        if d.canary.take().is_some() {
            return Some(
                "the canary deployment is removed; the live deployment answers every request"
                    .to_owned(),
            );
        }
        if d.history.len() < 2 {
            return None;
        }
        d.history.pop();
        let error = d.history.last().copied().unwrap_or(0.0);
        Some(format!(
            "the stage rolls back to its previous deployment, which fails {:.0} % of requests",
            error * 100.0
        ))
    }
}
