//! What judging a design gives: pass or fail per goal, with the value, the
//! margin, the worst run and a reason taken from that run.

use serde::{Deserialize, Serialize};

use super::check::Violation;
use super::goal::{Metric, Op};
use crate::design::ComponentId;

/// The verdict on one design for one challenge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Verdict {
    /// The challenge's id.
    pub challenge: String,
    /// Whether every required goal held in every run, with no violation.
    pub passed: bool,
    /// Points of the required goals met, over [`Verdict::max_points`]
    /// (0 with any violation or when the design could not run).
    pub points: u32,
    /// Points of every required goal.
    pub max_points: u32,
    /// Points of the bonus goals met.
    pub bonus_points: u32,
    /// What the design does that the challenge does not allow.
    pub violations: Vec<Violation>,
    /// Why the design could not be run, when it could not.
    pub refused: Option<String>,
    /// The required goals, in the challenge's order.
    pub goals: Vec<GoalVerdict>,
    /// The bonus goals, in the challenge's order.
    pub bonus: Vec<GoalVerdict>,
    /// How many runs were judged.
    pub runs: u32,
}

impl Verdict {
    /// The score, 0..1: [`Verdict::points`] over [`Verdict::max_points`].
    #[must_use]
    pub fn score(&self) -> f64 {
        if self.max_points == 0 {
            0.0
        } else {
            f64::from(self.points) / f64::from(self.max_points)
        }
    }

    /// How many required goals held in every run.
    #[must_use]
    pub fn goals_met(&self) -> usize {
        self.goals.iter().filter(|g| g.passed).count()
    }

    /// The required goals met, in words: "1 of 2 goals met".
    #[must_use]
    pub fn met_line(&self) -> String {
        let n = self.goals.len();
        format!(
            "{} of {n} goal{} met",
            self.goals_met(),
            if n == 1 { "" } else { "s" }
        )
    }

    /// Whether it passed, in words: "Passed", "Not passed yet".
    #[must_use]
    pub fn outcome(&self) -> &'static str {
        if self.passed {
            "Passed"
        } else {
            "Not passed yet"
        }
    }

    /// The verdict in one line, for a small screen: "Passed · 2 of 2 goals
    /// met", "Not passed yet · 1 of 2 goals met".
    #[must_use]
    pub fn summary(&self) -> String {
        format!("{} · {}", self.outcome(), self.met_line())
    }

    /// Ids of the required goals that failed.
    #[must_use]
    pub fn failed_goals(&self) -> Vec<&str> {
        self.goals
            .iter()
            .filter(|g| !g.passed)
            .map(|g| g.id.as_str())
            .collect()
    }

    /// A 64-bit digest of the whole verdict (FNV-1a over its JSON form, as
    /// [`crate::run::Run::digest`]): equal exactly when every value and text
    /// is the same, which is how a native verdict is compared with wasm.
    #[must_use]
    pub fn digest(&self) -> u64 {
        let bytes = serde_json::to_vec(self).unwrap_or_default();
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        h
    }
}

/// The verdict on one goal over every run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoalVerdict {
    /// The goal's id.
    pub id: String,
    /// What was measured.
    pub metric: Metric,
    /// The comparison.
    pub op: Op,
    /// The goal's value.
    pub limit: f64,
    /// Whether it held in every run.
    pub passed: bool,
    /// The value in the worst run; `None` when beyond any number (a
    /// percentile among failed requests, no recovery before the end).
    pub value: Option<f64>,
    /// The value against the limit: "p99 187 ms ≤ 200 ms".
    pub text: String,
    /// The room left or the amount missed: "13 ms to spare", "40 ms over".
    pub margin: String,
    /// The run where the goal came out worst.
    pub worst: WorstRun,
    /// Why it failed, from the worst run (`None` when it passed).
    pub reason: Option<Reason>,
}

/// One run of a challenge: its seed and the zone lost, if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Variant {
    /// The run's seed.
    pub seed: u64,
    /// The Availability Zone lost in this run.
    #[serde(default)]
    pub az: Option<String>,
}

impl Variant {
    /// The run in words: "seed 2, us-east-1a lost".
    #[must_use]
    pub fn describe(&self) -> String {
        match &self.az {
            Some(az) => format!("seed {}, {az} lost", self.seed),
            None => format!("seed {}", self.seed),
        }
    }
}

/// The run where a goal came out worst, and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorstRun {
    /// The run.
    pub variant: Variant,
    /// The moment that decided the value, simulated seconds.
    pub at_s: Option<f64>,
}

/// Why a goal failed, in plain words, with the moment and the component so
/// the page can jump the replay there.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reason {
    /// When it started, simulated seconds.
    pub at_s: Option<f64>,
    /// The component that saturated, went unhealthy or throttled first.
    pub component: Option<ComponentId>,
    /// The reason: "Web tier saturated first, at 3:20 (97% of workers busy)".
    pub text: String,
}
