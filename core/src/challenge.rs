//! Challenges: tasks the simulator judges.
//!
//! A [`Challenge`] is a versioned record: a brief, a starting design, the
//! parts the student may not change ([`Locks`]) and the limits on what they
//! build ([`Constraints`]), the scenario the challenge owns (the student's own
//! is ignored), the runs to pass ([`Variants`]: several seeds, and "each AZ in
//! turn" to survive the loss of any one zone), [`Goal`]s and bonus goals,
//! [`Hint`]s and a reference solution.
//!
//! [`judge`] runs every variant and gives a [`Verdict`]: for each goal pass or
//! fail, the value against the limit ("p99 187 ms ≤ 200 ms"), the margin, the
//! worst run (seed, zone lost, when) and a [`Reason`] read from that run. The
//! page runs the variants in its worker instead and calls
//! [`verdict_from_runs`]. Judging is deterministic: the same design and
//! challenge give the same verdict natively and as wasm.
//!
//! While a student edits, [`check_edit`] refuses any edit that moves,
//! changes or deletes a locked part. A teacher makes a challenge from the
//! current design with [`author`], goal values taken from the last run
//! ([`value_from_run`]).
//!
//! A challenge travels in a link with the student's design
//! (`#c=<challenge>&d=<design>`, see [`link`]); a verdict never does: whoever
//! opens the link judges it again.
//!
//! ```
//! use skydraft_core::challenge;
//! let c = challenge::get("cheapest-latency").ok_or("no such challenge")?;
//! let verdict = challenge::judge(&c, &c.start)?;
//! assert!(!verdict.passed);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod author;
mod builtin;
mod check;
mod goal;
mod judge;
mod kinds;
pub mod link;
mod locks;
pub(crate) mod measure;
mod reason;
mod record;
mod verdict;

pub use author::{
    Draft, MAX_BRIEF_CHARS, MAX_HINT_CHARS, MAX_HINTS, MAX_SEEDS, MAX_TITLE_CHARS, author,
    each_az_loss, goal_choices, value_from_run,
};
pub use builtin::{all, get, ids};
pub use check::{
    ChallengeError, MAX_GOALS, MAX_VARIANTS, Violation, check_challenge, check_design,
};
pub use goal::{Aggregation, Cause, EventRef, Goal, Metric, Op, Unit};
pub use judge::{judge, scenario_of, variants, verdict_from_runs};
pub use locks::{LockedEdit, check_edit, is_locked, locked_ids, locks_link};
pub use record::{AzLoss, Challenge, Constraints, FORMAT_VERSION, Hint, Locks, Variants};
pub use verdict::{GoalVerdict, Reason, Variant, Verdict, WorstRun};
