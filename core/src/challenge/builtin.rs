//! The built-in challenges, each with a starting design that fails, a
//! reference solution that passes every variant, hints and a teaching note.
//!
//! Runs are kept to a few simulated minutes so judging one takes a moment.

mod fleet;
mod scaling;
mod serverless;

use super::goal::{Aggregation, Cause, EventRef, Goal, Metric, Op};
use super::record::{Challenge, Constraints, FORMAT_VERSION, Hint, Locks, Variants};
use crate::design::{ComponentId, Design};
use crate::scenario::Scenario;

/// Every built-in challenge, in gallery order.
#[must_use]
pub fn all() -> Vec<Challenge> {
    vec![
        fleet::az_outage(),
        fleet::cross_zone(),
        fleet::stickiness(),
        scaling::warmup_cooldown(),
        fleet::lifecycle_drain(),
        scaling::scheduled_peak(),
        scaling::spot_mix(),
        serverless::lambda_cold(),
        serverless::throttle_queue(),
        serverless::dns_failover(),
        serverless::canary_rollback(),
        scaling::cheapest_latency(),
    ]
}

/// The built-in challenge with this id.
#[must_use]
pub fn get(id: &str) -> Option<Challenge> {
    all().into_iter().find(|c| c.id == id)
}

/// Ids of every built-in challenge, in gallery order.
#[must_use]
pub fn ids() -> Vec<String> {
    all().into_iter().map(|c| c.id).collect()
}

/// The parts of a challenge that differ from one to the next.
pub(super) struct Spec {
    pub id: &'static str,
    pub title: &'static str,
    pub brief: &'static [&'static str],
    pub start: Design,
    pub locked: Vec<ComponentId>,
    pub scenario: Scenario,
    pub goals: Vec<Goal>,
    pub reference: Design,
    pub note: &'static str,
}

impl Spec {
    /// The challenge, with fixed traffic, two seeds and no constraint.
    pub(super) fn finish(self) -> Challenge {
        Challenge {
            format: FORMAT_VERSION,
            id: self.id.to_owned(),
            title: self.title.to_owned(),
            brief: self.brief.iter().map(|p| (*p).to_owned()).collect(),
            start: self.start,
            locked: Locks {
                components: self.locked,
                traffic: true,
            },
            constraints: Constraints::default(),
            scenario: self.scenario,
            variants: Variants {
                seeds: vec![1, 2],
                each_az: None,
            },
            goals: self.goals,
            bonus: Vec::new(),
            hints: Vec::new(),
            reference: Some(self.reference),
            note: self.note.to_owned(),
        }
    }
}

/// A goal worth one point.
pub(super) fn goal(id: &str, metric: Metric, op: Op, value: f64, over: Aggregation) -> Goal {
    Goal {
        id: id.to_owned(),
        metric,
        op,
        value,
        over,
        points: 1,
    }
}

/// The error rate after the warm-up stays at or under `pct`.
pub(super) fn errors_at_most(pct: f64) -> Goal {
    goal(
        "errors",
        Metric::ErrorRate,
        Op::AtMost,
        pct,
        Aggregation::AfterWarmup,
    )
}

/// The p99 latency after the warm-up stays at or under `ms`.
pub(super) fn p99_at_most(ms: f64) -> Goal {
    goal(
        "p99",
        Metric::LatencyP99,
        Op::AtMost,
        ms,
        Aggregation::AfterWarmup,
    )
}

/// The error rate of one cause after the warm-up stays at or under `pct`.
pub(super) fn cause_at_most(id: &str, cause: Cause, pct: f64) -> Goal {
    goal(
        id,
        Metric::ErrorRateBy { cause },
        Op::AtMost,
        pct,
        Aggregation::AfterWarmup,
    )
}

/// Recovery within `s` seconds after the timeline's event `index`.
pub(super) fn recovers_within(s: f64, below_pct: f64, index: u32) -> Goal {
    goal(
        "recovery",
        Metric::RecoveryS { below_pct },
        Op::AtMost,
        s,
        Aggregation::AfterEvent {
            event: EventRef::Timeline { index },
        },
    )
}

/// A hint after `after` failures, for goal `goal`.
pub(super) fn hint(goal: Option<&str>, after: u32, text: &str) -> Hint {
    Hint {
        goal: goal.map(str::to_owned),
        after_failures: after,
        text: text.to_owned(),
    }
}

/// A scenario of `duration_s` with 10-second buckets and a warm-up.
pub(super) fn scenario(duration_s: f64, warmup_s: f64) -> Scenario {
    Scenario {
        duration_s,
        seed: 1,
        bucket_s: 10.0,
        warmup_s,
        ..Scenario::default()
    }
}
