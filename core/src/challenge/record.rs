//! The challenge record: what a teacher writes and a link carries.
//!
//! Every field after the first version carries `#[serde(default)]`, so a
//! challenge written by an older build keeps decoding.

use serde::{Deserialize, Serialize};

use super::goal::Goal;
use super::kinds;
use crate::catalog::Kind;
use crate::design::{ComponentId, Design};
use crate::scenario::Scenario;

/// Format version of [`Challenge`] records; bumped only when a field changes
/// meaning (added fields take defaults instead).
pub const FORMAT_VERSION: u32 = 1;

/// A task the simulator judges: a starting design, what may change, the
/// scenario it is run against, and the goals it must meet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Challenge {
    /// Format version ([`FORMAT_VERSION`]); kept so a link made by a later
    /// build that changed a meaning is refused rather than misread.
    pub format: u32,
    /// Stable id: a built-in challenge is named by it in links and on the
    /// command line.
    pub id: String,
    /// Title shown in the gallery.
    pub title: String,
    /// What the student is asked to do, as plain-text paragraphs.
    #[serde(default)]
    pub brief: Vec<String>,
    /// The design the student starts from.
    pub start: Design,
    /// Parts the student may not change.
    #[serde(default)]
    pub locked: Locks,
    /// Limits on what the student may build.
    #[serde(default)]
    pub constraints: Constraints,
    /// The scenario every submission is run against (the student's own
    /// scenario is ignored); ids in it name components of [`Challenge::start`].
    pub scenario: Scenario,
    /// The runs a submission must pass, all of them.
    #[serde(default)]
    pub variants: Variants,
    /// Goals every variant must meet.
    #[serde(default)]
    pub goals: Vec<Goal>,
    /// Goals for extra credit; they never decide pass or fail.
    #[serde(default)]
    pub bonus: Vec<Goal>,
    /// Hints shown after failed attempts.
    #[serde(default)]
    pub hints: Vec<Hint>,
    /// A design that passes every variant (absent when the teacher keeps it).
    #[serde(default)]
    pub reference: Option<Design>,
    /// What the challenge teaches, for after the attempt.
    #[serde(default)]
    pub note: String,
}

/// Parts of the starting design the student may not change.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Locks {
    /// Components that must stay, with their kind and settings, and the links
    /// between them.
    #[serde(default)]
    pub components: Vec<ComponentId>,
    /// Whether the traffic is fixed: every Users component stays as it is
    /// and none may be added.
    #[serde(default)]
    pub traffic: bool,
}

/// Limits on the submitted design.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Constraints {
    /// When not empty, the only kinds the design may hold (frames and notes
    /// are always allowed).
    #[serde(default, with = "kinds")]
    pub allowed: Vec<Kind>,
    /// Kinds the design may not hold.
    #[serde(default, with = "kinds")]
    pub forbidden: Vec<Kind>,
    /// Most components (frames and notes not counted).
    #[serde(default)]
    pub max_components: Option<u32>,
    /// Most the design may cost per hour in the first variant's run, USD.
    #[serde(default)]
    pub budget_per_hour: Option<f64>,
}

/// The runs a submission must pass: every seed, and with [`Variants::each_az`]
/// every seed once per zone lost.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Variants {
    /// Seeds of the runs; the scenario's own seed when empty.
    #[serde(default)]
    pub seeds: Vec<u64>,
    /// "Each AZ in turn": one run per zone with an outage of that zone.
    #[serde(default)]
    pub each_az: Option<AzLoss>,
}

impl Default for Variants {
    fn default() -> Self {
        Variants {
            seeds: vec![1],
            each_az: None,
        }
    }
}

/// The zone outage a variant injects into the challenge's timeline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AzLoss {
    /// The zones lost in turn, e.g. `us-east-1a`.
    pub azs: Vec<String>,
    /// When the zone fails, simulated seconds.
    pub at_s: f64,
    /// How long it stays down; `None` to the end of the run.
    #[serde(default)]
    pub duration_s: Option<f64>,
}

/// A hint shown once the student has failed often enough.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hint {
    /// The goal it helps with; `None` for any failure.
    #[serde(default)]
    pub goal: Option<String>,
    /// Failed attempts before it shows.
    pub after_failures: u32,
    /// The hint, plain text.
    pub text: String,
}

impl Challenge {
    /// The hints to show after `failures` failed attempts whose last verdict
    /// failed the goals named in `failed_goals`, in the challenge's order.
    #[must_use]
    pub fn hints_for(&self, failures: u32, failed_goals: &[&str]) -> Vec<&Hint> {
        self.hints
            .iter()
            .filter(|h| h.after_failures <= failures)
            .filter(|h| h.goal.as_deref().is_none_or(|g| failed_goals.contains(&g)))
            .collect()
    }

    /// Every goal, the required ones first, then the bonus goals.
    pub fn all_goals(&self) -> impl Iterator<Item = (&Goal, bool)> {
        self.goals
            .iter()
            .map(|g| (g, false))
            .chain(self.bonus.iter().map(|g| (g, true)))
    }
}
