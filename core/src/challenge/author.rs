//! A teacher's challenge from the current design: goals picked from a list,
//! their values taken from the last run, each over the whole run, its worst
//! buckets or after an event, some for extra credit; seeds and each AZ in
//! turn; hints after failed attempts; parts locked; the result is an
//! ordinary [`Challenge`] that travels in a link like any other.

use super::check::{ChallengeError, check_challenge};
use super::goal::{Aggregation, Goal, Metric, Op};
use super::measure::measure;
use super::record::{AzLoss, Challenge, FORMAT_VERSION, Hint, Locks, Variants};
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
    /// Goals for extra credit, with their values.
    pub bonus: Vec<Goal>,
    /// How many seeds every submission runs with: the scenario's seed and
    /// the ones after it (1 to [`MAX_SEEDS`]).
    pub seeds: u32,
    /// "Each AZ in turn": every seed once per zone lost ([`each_az_loss`]).
    pub each_az: bool,
    /// Hints, one per line (blank lines skipped).
    pub hints: String,
    /// Failed attempts before the hints show.
    pub hints_after: u32,
}

/// Most seeds a teacher's challenge runs.
pub const MAX_SEEDS: u32 = 8;
/// Most hints an authored challenge keeps.
pub const MAX_HINTS: usize = 10;
/// Longest hint an authored challenge keeps, in characters.
pub const MAX_HINT_CHARS: usize = 300;

/// The zone outage "each AZ in turn" injects for a design and scenario:
/// every zone the design has capacity in, at least the first two of the
/// Region, each lost a third of the way into the run until its end.
#[must_use]
pub fn each_az_loss(design: &Design, scenario: &Scenario) -> AzLoss {
    let mut azs: Vec<String> = crate::scenario::presets::zones(design)
        .into_iter()
        .map(|z| z.0)
        .collect();
    for z in crate::catalog::ZONES.iter().take(2) {
        if azs.len() < 2 && !azs.iter().any(|a| a == z) {
            azs.push((*z).to_owned());
        }
    }
    azs.truncate(crate::catalog::ZONES.len());
    AzLoss {
        azs,
        at_s: (scenario.duration_s / 3.0).max(scenario.warmup_s).round(),
        duration_s: None,
    }
}

/// The hints of a draft: one per non-blank line, shown after `after` failures.
fn hints_of(text: &str, after: u32) -> Vec<Hint> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(MAX_HINTS)
        .map(|l| Hint {
            goal: None,
            after_failures: after,
            text: l.chars().take(MAX_HINT_CHARS).collect(),
        })
        .collect()
}

/// The variants of a draft: its seed count from the scenario's seed on, and
/// each AZ in turn when asked.
fn variants_of(draft: &Draft) -> Variants {
    let n = draft.seeds.clamp(1, MAX_SEEDS);
    Variants {
        seeds: (0..u64::from(n))
            .map(|i| draft.scenario.seed.wrapping_add(i))
            .collect(),
        each_az: draft
            .each_az
            .then(|| each_az_loss(&draft.start, &draft.scenario)),
    }
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
        variants: variants_of(&draft),
        hints: hints_of(&draft.hints, draft.hints_after),
        start: draft.start,
        locked: Locks {
            components: draft.locked,
            traffic: draft.lock_traffic,
        },
        constraints: super::Constraints::default(),
        scenario: draft.scenario,
        goals: draft.goals,
        bonus: draft.bonus,
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
