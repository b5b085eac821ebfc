//! Checks before a run: the challenge itself is sound, and a submitted design
//! keeps the locked parts and the constraints.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::goal::{Aggregation, EventRef, Metric};
use super::record::{Challenge, FORMAT_VERSION};
use crate::catalog::{Kind, Role};
use crate::design::{Component, ComponentId, Design};

/// Most runs one challenge may ask for (seeds × zones).
pub const MAX_VARIANTS: usize = 16;
/// Most goals (required and bonus together).
pub const MAX_GOALS: usize = 32;

/// Why a challenge cannot be judged. Each `Display` is a plain sentence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum ChallengeError {
    /// Written by a later build with a format this one does not read.
    UnknownFormat(u32),
    /// No required goal: nothing could fail.
    NoGoals,
    /// More goals than [`MAX_GOALS`].
    TooManyGoals(usize),
    /// More runs than [`MAX_VARIANTS`], or none.
    Variants(usize),
    /// A goal's value is not a finite number.
    BadValue {
        /// The goal.
        goal: String,
    },
    /// A goal names a timeline event the scenario does not have.
    NoSuchEvent {
        /// The goal.
        goal: String,
        /// The index it names.
        index: u32,
    },
    /// A goal measures after the zone outage, and no variant loses a zone.
    NoAzLoss {
        /// The goal.
        goal: String,
    },
    /// A recovery goal is not measured after an event.
    RecoveryWithoutEvent {
        /// The goal.
        goal: String,
    },
    /// A locked component is not in the starting design.
    LockedNotInStart(ComponentId),
}

impl fmt::Display for ChallengeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ChallengeError::UnknownFormat(v) => write!(
                f,
                "the challenge uses format {v}, which this version of Skydraft does not know"
            ),
            ChallengeError::NoGoals => f.write_str("the challenge has no goal"),
            ChallengeError::TooManyGoals(n) => {
                write!(f, "the challenge has {n} goals; at most {MAX_GOALS}")
            }
            ChallengeError::Variants(n) => write!(
                f,
                "the challenge asks for {n} runs; it needs between 1 and {MAX_VARIANTS}"
            ),
            ChallengeError::BadValue { goal } => {
                write!(f, "goal \"{goal}\" has no finite value")
            }
            ChallengeError::NoSuchEvent { goal, index } => write!(
                f,
                "goal \"{goal}\" is measured after event {index}, which the timeline does not have"
            ),
            ChallengeError::NoAzLoss { goal } => write!(
                f,
                "goal \"{goal}\" is measured after a zone outage, and no run loses a zone"
            ),
            ChallengeError::RecoveryWithoutEvent { goal } => write!(
                f,
                "goal \"{goal}\" measures a recovery, so it must be measured after an event"
            ),
            ChallengeError::LockedNotInStart(id) => {
                write!(f, "locked component {id} is not in the starting design")
            }
        }
    }
}

impl std::error::Error for ChallengeError {}

/// Checks that `c` can be judged.
///
/// # Errors
/// The first [`ChallengeError`] found.
pub fn check_challenge(c: &Challenge) -> Result<(), ChallengeError> {
    if c.format != FORMAT_VERSION {
        return Err(ChallengeError::UnknownFormat(c.format));
    }
    if c.goals.is_empty() {
        return Err(ChallengeError::NoGoals);
    }
    let goals = c.goals.len() + c.bonus.len();
    if goals > MAX_GOALS {
        return Err(ChallengeError::TooManyGoals(goals));
    }
    let runs = super::judge::variants(c).len();
    if runs == 0 || runs > MAX_VARIANTS {
        return Err(ChallengeError::Variants(runs));
    }
    for (g, _) in c.all_goals() {
        let goal = || g.id.chars().take(40).collect::<String>();
        if !g.value.is_finite() {
            return Err(ChallengeError::BadValue { goal: goal() });
        }
        match g.over {
            Aggregation::AfterEvent {
                event: EventRef::Timeline { index },
            } if index as usize >= c.scenario.timeline.len() => {
                return Err(ChallengeError::NoSuchEvent {
                    goal: goal(),
                    index,
                });
            }
            Aggregation::AfterEvent {
                event: EventRef::AzLoss,
            } if c.variants.each_az.is_none() => {
                return Err(ChallengeError::NoAzLoss { goal: goal() });
            }
            Aggregation::AfterEvent { .. } => {}
            _ if matches!(g.metric, Metric::RecoveryS { .. }) => {
                return Err(ChallengeError::RecoveryWithoutEvent { goal: goal() });
            }
            _ => {}
        }
    }
    if let Some(id) = c
        .locked
        .components
        .iter()
        .find(|id| c.start.component(**id).is_none())
    {
        return Err(ChallengeError::LockedNotInStart(*id));
    }
    Ok(())
}

/// Something a submitted design may not do. Each `Display` is a sentence for
/// the student.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub enum Violation {
    /// A locked component was removed.
    LockedRemoved {
        /// Its label in the starting design.
        label: String,
    },
    /// A locked component changed kind or a setting.
    LockedChanged {
        /// Its label in the starting design.
        label: String,
        /// The setting changed, or `kind`.
        what: String,
    },
    /// A link between two locked components was removed.
    LockedLinkRemoved {
        /// Label of the link's source.
        from: String,
        /// Label of the link's target.
        to: String,
    },
    /// The traffic is fixed and a Users component was added.
    TrafficAdded {
        /// Its label.
        label: String,
    },
    /// A component of a kind the constraints forbid or do not allow.
    KindNotAllowed {
        /// Its label.
        label: String,
        /// Its kind's id.
        kind: String,
    },
    /// More components than the constraints allow.
    TooManyComponents {
        /// Components in the design.
        count: usize,
        /// The most allowed.
        max: u32,
    },
    /// The design costs more per hour than the budget.
    OverBudget {
        /// What it costs, USD per hour.
        per_hour: f64,
        /// The budget, USD per hour.
        budget: f64,
    },
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Violation::LockedRemoved { label } => {
                write!(f, "\"{label}\" is locked and was removed")
            }
            Violation::LockedChanged { label, what } => {
                write!(f, "\"{label}\" is locked and its {what} was changed")
            }
            Violation::LockedLinkRemoved { from, to } => write!(
                f,
                "the link from \"{from}\" to \"{to}\" is locked and was removed"
            ),
            Violation::TrafficAdded { label } => {
                write!(f, "the traffic is fixed and \"{label}\" was added")
            }
            Violation::KindNotAllowed { label, kind } => {
                let name = crate::catalog::kind(kind).map_or(kind.as_str(), |k| k.name);
                write!(
                    f,
                    "\"{label}\" is a {name}, which this challenge does not allow"
                )
            }
            Violation::TooManyComponents { count, max } => write!(
                f,
                "the design has {count} components; this challenge allows {max}"
            ),
            Violation::OverBudget { per_hour, budget } => write!(
                f,
                "the design costs ${per_hour:.3}/h; the budget is ${budget:.3}/h"
            ),
        }
    }
}

/// Whether a component is drawn for layout only (frames, notes).
fn is_layout(c: &Component) -> bool {
    c.role() == Some(Role::Layout)
}

/// What `design` does that `c`'s locks and constraints forbid (the budget is
/// checked against a run, in [`super::judge`]).
#[must_use]
pub fn check_design(c: &Challenge, design: &Design) -> Vec<Violation> {
    let mut out = Vec::new();
    check_locks(c, design, &mut out);
    let counted: Vec<&Component> = design.components.iter().filter(|x| !is_layout(x)).collect();
    for x in &counted {
        let kind = x.kind_of();
        let allowed = kind.is_some_and(|k| {
            (c.constraints.allowed.is_empty() || c.constraints.allowed.contains(&k))
                && !c.constraints.forbidden.contains(&k)
        });
        if !allowed {
            out.push(Violation::KindNotAllowed {
                label: x.label.clone(),
                kind: x.kind.chars().take(40).collect(),
            });
        }
    }
    if let Some(max) = c.constraints.max_components
        && counted.len() > max as usize
    {
        out.push(Violation::TooManyComponents {
            count: counted.len(),
            max,
        });
    }
    out
}

fn check_locks(c: &Challenge, design: &Design, out: &mut Vec<Violation>) {
    let mut locked: Vec<ComponentId> = c.locked.components.clone();
    if c.locked.traffic {
        locked.extend(
            c.start
                .components
                .iter()
                .filter(|x| x.is(Kind::Users))
                .map(|x| x.id),
        );
        for x in design.components.iter().filter(|x| x.is(Kind::Users)) {
            if c.start.component(x.id).is_none_or(|s| !s.is(Kind::Users)) {
                out.push(Violation::TrafficAdded {
                    label: x.label.clone(),
                });
            }
        }
    }
    locked.sort_unstable();
    locked.dedup();
    for id in &locked {
        let Some(start) = c.start.component(*id) else {
            continue;
        };
        match design.component(*id) {
            None => out.push(Violation::LockedRemoved {
                label: start.label.clone(),
            }),
            Some(now) => {
                if let Some(what) = changed(start, now) {
                    out.push(Violation::LockedChanged {
                        label: start.label.clone(),
                        what,
                    });
                }
            }
        }
    }
    for l in &c.start.links {
        if locked.contains(&l.from)
            && locked.contains(&l.to)
            && !design
                .links
                .iter()
                .any(|n| n.from == l.from && n.to == l.to)
        {
            let label = |id| {
                c.start
                    .component(id)
                    .map(|x| x.label.clone())
                    .unwrap_or_default()
            };
            out.push(Violation::LockedLinkRemoved {
                from: label(l.from),
                to: label(l.to),
            });
        }
    }
}

/// The first difference between a locked component and its submitted
/// version: `kind`, or the label of a setting whose value differs.
fn changed(start: &Component, now: &Component) -> Option<String> {
    if start.kind != now.kind {
        return Some("kind".to_owned());
    }
    let spec = start.spec()?;
    spec.params
        .iter()
        .find(|p| start.param(p.id) != now.param(p.id))
        .map(|p| p.label.to_lowercase())
}
