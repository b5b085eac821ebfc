//! Locked parts while a student edits: which components a challenge locks,
//! and whether one edit leaves them as they were. The page asks this before
//! it takes an edit, so a locked component cannot be moved, edited or
//! deleted; [`super::check_design`] checks a whole submission at judging.

use std::fmt;

use super::record::Challenge;
use crate::catalog::Kind;
use crate::design::{ComponentId, Design};

/// An edit a challenge refuses. Each `Display` is a sentence for the student.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum LockedEdit {
    /// The edit moves, changes or removes a locked component.
    Component {
        /// Its label.
        label: String,
    },
    /// The edit removes a link between two locked components.
    Link {
        /// Label of the link's source.
        from: String,
        /// Label of the link's target.
        to: String,
    },
    /// The traffic is fixed and the edit adds a Users component.
    Traffic,
}

impl fmt::Display for LockedEdit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LockedEdit::Component { label } => write!(
                f,
                "\"{label}\" is locked by the challenge: it cannot be moved, changed or deleted"
            ),
            LockedEdit::Link { from, to } => write!(
                f,
                "the link from \"{from}\" to \"{to}\" is locked by the challenge"
            ),
            LockedEdit::Traffic => {
                f.write_str("the challenge fixes the traffic: no Users component may be added")
            }
        }
    }
}

impl std::error::Error for LockedEdit {}

/// The components `c` locks: the listed ones, and with fixed traffic every
/// Users component of the start.
#[must_use]
pub fn locked_ids(c: &Challenge) -> Vec<ComponentId> {
    let mut ids = c.locked.components.clone();
    if c.locked.traffic {
        ids.extend(
            c.start
                .components
                .iter()
                .filter(|x| x.is(Kind::Users))
                .map(|x| x.id),
        );
    }
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// Whether `c` locks component `id` (see [`locked_ids`]).
#[must_use]
pub fn is_locked(c: &Challenge, id: ComponentId) -> bool {
    locked_ids(c).contains(&id)
}

/// Whether `c` locks a link from `from` to `to`: both its ends are locked,
/// so it may not be removed ([`check_edit`]).
#[must_use]
pub fn locks_link(c: &Challenge, from: ComponentId, to: ComponentId) -> bool {
    let locked = locked_ids(c);
    locked.contains(&from) && locked.contains(&to)
}

/// Whether the edit from `before` to `after` leaves `c`'s locked parts as
/// they were (links may be added to a locked component, not removed).
///
/// # Errors
/// The first [`LockedEdit`] the edit makes.
pub fn check_edit(c: &Challenge, before: &Design, after: &Design) -> Result<(), LockedEdit> {
    let locked = locked_ids(c);
    for id in &locked {
        if let Some(was) = before.component(*id)
            && after.component(*id) != Some(was)
        {
            return Err(LockedEdit::Component {
                label: was.label.clone(),
            });
        }
    }
    let label = |id: ComponentId| {
        before
            .component(id)
            .map(|x| x.label.clone())
            .unwrap_or_default()
    };
    for l in &before.links {
        if locked.contains(&l.from)
            && locked.contains(&l.to)
            && !after.links.iter().any(|n| n.from == l.from && n.to == l.to)
        {
            return Err(LockedEdit::Link {
                from: label(l.from),
                to: label(l.to),
            });
        }
    }
    let users = |d: &Design| d.components.iter().filter(|x| x.is(Kind::Users)).count();
    if c.locked.traffic && users(after) > users(before) {
        return Err(LockedEdit::Traffic);
    }
    Ok(())
}
