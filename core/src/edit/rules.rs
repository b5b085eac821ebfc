//! Rules an edit follows that the page also needs before it edits: what a
//! move carries, and whether two components may be linked. The page asks
//! these while a gesture is under way (to draw what moves, to colour a
//! link being dragged); `apply` follows the same functions, so the two can
//! never disagree.

use std::collections::BTreeSet;

use super::{EditError, Selection};
use crate::catalog::{self, LinkMeaning};
use crate::design::{Design, Point};

/// Everything a move of `sel` moves: the selection plus what lies inside each
/// selected frame (components and notes by position, frames wholly inside,
/// nested frames included). Ids the design does not have are left out; the
/// selection's links are not moved.
#[must_use]
pub fn carried(design: &Design, sel: &Selection) -> Selection {
    let mut comps: BTreeSet<_> = sel.components.iter().copied().collect();
    let mut notes: BTreeSet<_> = sel.annotations.iter().copied().collect();
    let mut groups = BTreeSet::new();
    for frame in design.groups.iter().filter(|g| sel.groups.contains(&g.id)) {
        let f = frame.rect;
        groups.insert(frame.id);
        comps.extend(
            design
                .components
                .iter()
                .filter(|c| f.contains(c.pos))
                .map(|c| c.id),
        );
        notes.extend(
            design
                .annotations
                .iter()
                .filter(|a| f.contains(a.pos))
                .map(|a| a.id),
        );
        groups.extend(
            design
                .groups
                .iter()
                .filter(|g| {
                    let r = g.rect;
                    f.contains(Point { x: r.x, y: r.y })
                        && f.contains(Point {
                            x: r.x + r.w,
                            y: r.y + r.h,
                        })
                })
                .map(|g| g.id),
        );
    }
    Selection {
        components: comps
            .into_iter()
            .filter(|id| design.component(*id).is_some())
            .collect(),
        links: BTreeSet::new(),
        groups,
        annotations: notes
            .into_iter()
            .filter(|id| design.annotations.iter().any(|a| a.id == *id))
            .collect(),
    }
}

/// What a link from `from` to `to` would mean, or why the design refuses it:
/// a missing end, a link to itself, a second link between the same two, or
/// a pair of kinds the catalog does not connect.
///
/// # Errors
/// [`EditError::NoComponent`], [`EditError::SelfLink`],
/// [`EditError::AlreadyLinked`] or [`EditError::IllegalLink`].
pub fn can_connect(
    design: &Design,
    from: crate::design::ComponentId,
    to: crate::design::ComponentId,
) -> Result<LinkMeaning, EditError> {
    let f = design.component(from).ok_or(EditError::NoComponent(from))?;
    let t = design.component(to).ok_or(EditError::NoComponent(to))?;
    if from == to {
        return Err(EditError::SelfLink);
    }
    if design.links.iter().any(|l| l.from == from && l.to == to) {
        return Err(EditError::AlreadyLinked);
    }
    Ok(catalog::check_link(&f.kind, &t.kind)?)
}
