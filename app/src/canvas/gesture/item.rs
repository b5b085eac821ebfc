//! What a press can pick up and move: a component, a note or a frame (by its
//! title bar), and how a click on one changes the selection.

use std::collections::BTreeSet;

use skydraft_core::design::{AnnotationId, ComponentId, Design, GroupId, Point};

use super::input::Hit;
use crate::state::Selection;

/// Something that can be picked up and moved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    /// A component card.
    Component(ComponentId),
    /// A note.
    Note(AnnotationId),
    /// A frame, picked up by its title bar.
    Frame(GroupId),
}

impl Item {
    /// The movable item a press hit, with the point snapping aligns (a
    /// component's centre, a note's or frame's top-left corner). `None` when
    /// the hit is not movable or the design no longer has it.
    #[must_use]
    pub fn under(hit: Hit, design: &Design) -> Option<(Item, Point)> {
        match hit {
            Hit::Component(id) => design.component(id).map(|c| (Item::Component(id), c.pos)),
            Hit::Note(id) => design
                .annotations
                .iter()
                .find(|a| a.id == id)
                .map(|a| (Item::Note(id), a.pos)),
            Hit::FrameGrip(id) => design.groups.iter().find(|g| g.id == id).map(|g| {
                let corner = Point {
                    x: g.rect.x,
                    y: g.rect.y,
                };
                (Item::Frame(id), corner)
            }),
            Hit::Handle(_) | Hit::Link(_) | Hit::Empty => None,
        }
    }

    /// Whether the selection holds this item.
    #[must_use]
    pub fn is_in(self, s: &Selection) -> bool {
        match self {
            Item::Component(id) => s.components.contains(&id),
            Item::Note(id) => s.annotations.contains(&id),
            Item::Frame(id) => s.groups.contains(&id),
        }
    }

    /// Adds this item to the selection, or removes it if it is there.
    pub fn toggle_in(self, s: &mut Selection) {
        fn flip<T: Ord>(set: &mut BTreeSet<T>, v: T) {
            if !set.remove(&v) {
                set.insert(v);
            }
        }
        match self {
            Item::Component(id) => flip(&mut s.components, id),
            Item::Note(id) => flip(&mut s.annotations, id),
            Item::Frame(id) => flip(&mut s.groups, id),
        }
    }

    /// A selection of this item alone.
    #[must_use]
    pub fn alone(self) -> Selection {
        let mut s = Selection::default();
        self.toggle_in(&mut s);
        s
    }

    /// The selection after a click on this item: with `toggle` (Shift, Ctrl
    /// or Cmd) the item flips in or out; otherwise an item already selected
    /// keeps the selection (so a group can be dragged), any other is selected
    /// alone. A selected link is always dropped.
    #[must_use]
    pub fn clicked(self, sel: &Selection, toggle: bool) -> Selection {
        let mut next = sel.clone();
        next.links.clear();
        if toggle {
            self.toggle_in(&mut next);
        } else if !self.is_in(&next) {
            next = self.alone();
        }
        next
    }
}
