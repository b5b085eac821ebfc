//! A teacher's challenge from the current design: goals picked from a list,
//! their values taken from the last run, parts locked; the result is an
//! ordinary [`Challenge`] that travels in a link like any other.

use super::check::{ChallengeError, check_challenge};
use super::goal::{Aggregation, Goal, Metric, Op};
use super::measure::measure;
use super::record::{Challenge, FORMAT_VERSION, Locks, Variants};
use crate::design::{ComponentId, Design};
use crate::json::to_json;
use crate::run::Run;
use crate::scenario::Scenario;

/// Longest title an authored challenge keeps, in characters.
pub const MAX_TITLE_CHARS: usize = 80;
/// Longest brief an authored challenge keeps, in characters.
pub const MAX_BRIEF_CHARS: usize = 2000;

/// What a teacher fills in to make a challenge.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    /// The title.
    pub title: String,
    /// The brief, plain text; blank lines separate paragraphs.
    pub brief: String,
    /// The design the students start from (the current design).
    pub start: Design,
    /// The scenario every submission runs (the current scenario).
    pub scenario: Scenario,
    /// The goals picked, with their values.
    pub goals: Vec<Goal>,
    /// The components the students may not change.
    pub locked: Vec<ComponentId>,
    /// Whether the traffic is fixed.
    pub lock_traffic: bool,
}

/// The goals a teacher picks from, whole run after the warm-up, each with
/// a placeholder value until a run gives one ([`value_from_run`]).
#[must_use]
pub fn goal_choices() -> Vec<Goal> {
    let goal = |id: &str, metric, op| Goal {
        id: id.to_owned(),
        metric,
        op,
        value: 0.0,
        over: Aggregation::AfterWarmup,
        points: 1,
    };
    vec![
        goal("errors", Metric::ErrorRate, Op::AtMost),
        goal("p99", Metric::LatencyP99, Op::AtMost),
        goal("p95", Metric::LatencyP95, Op::AtMost),
        goal("p50", Metric::LatencyP50, Op::AtMost),
        goal("mean", Metric::LatencyMean, Op::AtMost),
        goal("cost", Metric::CostPerHour, Op::AtMost),
    ]
}

/// The value `goal` measures in `run` (made with `scenario`), as a limit
/// the run itself meets: `None` when the run gives no number for it.
#[must_use]
pub fn value_from_run(goal: &Goal, run: &Run, scenario: &Scenario) -> Option<f64> {
    let m = measure(goal, run, scenario.warmup_s, None);
    m.value.filter(|v| v.is_finite())
}

/// The challenge a draft makes. Its id is `custom-` and a digest of its
/// content, so the same draft always gives the same id (hint counts follow it).
///
/// # Errors
/// A [`ChallengeError`] when it could not be judged (no goal, a value that
/// is not a number, a lock on a component the design does not have).
pub fn author(draft: Draft) -> Result<Challenge, ChallengeError> {
    let title: String = draft.title.trim().chars().take(MAX_TITLE_CHARS).collect();
    let brief_text: String = draft.brief.chars().take(MAX_BRIEF_CHARS).collect();
    let brief = brief_text
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect();
    let mut c = Challenge {
        format: FORMAT_VERSION,
        id: String::new(),
        title: if title.is_empty() {
            "A challenge".to_owned()
        } else {
            title
        },
        brief,
        variants: Variants {
            seeds: vec![draft.scenario.seed],
            each_az: None,
        },
        start: draft.start,
        locked: Locks {
            components: draft.locked,
            traffic: draft.lock_traffic,
        },
        constraints: super::Constraints::default(),
        scenario: draft.scenario,
        goals: draft.goals,
        bonus: Vec::new(),
        hints: Vec::new(),
        reference: None,
        note: String::new(),
    };
    c.id = format!("custom-{:08x}", digest(&to_json(&c)) & 0xffff_ffff);
    check_challenge(&c)?;
    Ok(c)
}

/// FNV-1a over `text`.
fn digest(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}
