//! What the canvas draws: component cards (in [`node`]), links (in
//! [`link`]), frames and notes. User text only ever becomes SVG text nodes,
//! never markup.

mod link;
mod node;
mod stroke;

use std::collections::HashMap;

use leptos::prelude::*;
use skydraft_core::design::{
    AnnotationId, AnnotationKind, ComponentId, Group, GroupId, GroupKind, Point, Rect,
};
use skydraft_core::run::Frame;

pub use link::LinkView;
pub use node::NodeView;
pub use stroke::StrokeView;

use crate::geom;
use crate::replay::Replay;
use crate::state::{Editor, Selection};

/// What is being dragged and by how much, shared by everything drawn.
///
/// Split in two so that a pointer move reaches only what moves: `carried`
/// changes when a drag starts or ends, `delta` on every move, and an item
/// reads `delta` only while it is carried.
#[derive(Clone, Copy)]
pub struct MoveOffset {
    /// What moves on screen while a drag is under way.
    pub carried: Memo<Option<Selection>>,
    /// The current offset of the drag.
    pub delta: Memo<Point>,
    /// Every component's position in the design, by id (rebuilt once per edit,
    /// so each item finds its own without searching the design).
    pub positions: Memo<HashMap<ComponentId, Point>>,
}

/// `p` shifted by `delta`.
pub(crate) fn shifted(p: Point, delta: Point) -> Point {
    Point {
        x: p.x + delta.x,
        y: p.y + delta.y,
    }
}

/// Shortens text to `max` characters with an ellipsis.
#[must_use]
pub fn ellipsize(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
        out.push('…');
        out
    }
}

/// Whether the replayed moment `f` has frame `g`'s zone or region down
/// (every frame is, when the region is).
fn is_down(f: &Frame, g: &Group) -> bool {
    f.region_down
        || (g.kind == GroupKind::AvailabilityZone
            && f.failed_azs.iter().any(|az| az == g.label.trim()))
        || (g.kind == GroupKind::Region && f.failed_regions.iter().any(|r| r == g.label.trim()))
}

/// A Region, AZ or VPC frame. Its title bar picks it up (with what it holds);
/// the inside stays free for selecting with a rectangle. During a replay, a
/// zone that is down (or every frame, when the region is) is shaded.
#[component]
pub fn FrameView(
    /// The frame drawn.
    id: GroupId,
    /// What is being dragged.
    offset: MoveOffset,
) -> impl IntoView {
    let editor = Editor::get();
    let g = Memo::new(move |_| {
        editor
            .design
            .with(|d| d.groups.iter().find(|g| g.id == id).cloned())
    });
    let carried = Memo::new(move |_| {
        offset
            .carried
            .with(|c| c.as_ref().is_some_and(|s| s.groups.contains(&id)))
    });
    let selected = Memo::new(move |_| editor.selection.with(|s| s.groups.contains(&id)));
    let rect = Memo::new(move |_| {
        let r = g.with(|g| g.as_ref().map(|g| g.rect)).unwrap_or_default();
        if carried.get() {
            let d = offset.delta.get();
            Rect {
                x: r.x + d.x,
                y: r.y + d.y,
                ..r
            }
        } else {
            r
        }
    });
    let class = move || match g.with(|g| g.as_ref().map(|g| g.kind)) {
        Some(GroupKind::AvailabilityZone) => "frame az",
        Some(GroupKind::Vpc) => "frame vpc",
        _ => "frame region",
    };
    let label = move || {
        g.with(|g| {
            g.as_ref()
                .map(|g| ellipsize(&g.label, 40))
                .unwrap_or_default()
        })
    };
    let replay = Replay::get();
    let outage = Memo::new(move |_| {
        replay.0.with(|f| {
            f.as_ref()
                .is_some_and(|f| g.with(|g| g.as_ref().is_some_and(|g| is_down(f, g))))
        })
    });
    let sid = id.to_string();
    let grip = sid.clone();
    view! {
        <g class=class class:selected=move || selected.get() class:outage=move || outage.get()
            data-group-id=sid data-outage=move || outage.get().then_some("true")>
            <rect class="frame-box" x=move || rect.get().x y=move || rect.get().y width=move || rect.get().w height=move || rect.get().h rx="14" />
            <rect class="frame-grip" data-group-grip=grip x=move || rect.get().x y=move || rect.get().y width=move || rect.get().w height="30" rx="14">
                <title>"Drag the title bar to move the frame and what it holds"</title>
            </rect>
            <text class="frame-label" x=move || rect.get().x + 14.0 y=move || rect.get().y + 21.0>{label}</text>
            {move || outage.get().then(|| {
                let r = rect.get();
                view! {
                    <g class="outage-tag" data-testid="outage" transform=format!("translate({:.1} {:.1})", r.x + r.w - 84.0, r.y + 7.0)>
                        <rect width="72" height="20" rx="10" />
                        <text x="36" y="14" text-anchor="middle">"outage"</text>
                    </g>
                }
            })}
        </g>
    }
}

/// What every annotation on the canvas (a note, an ink stroke) reads: the
/// annotation, whether it is selected, and its `transform` (moved along
/// while a drag carries it).
pub struct AnnotationShape {
    /// The annotation, while it exists.
    pub a: Memo<Option<skydraft_core::design::Annotation>>,
    /// Whether it is selected.
    pub selected: Signal<bool>,
    /// Its SVG `transform`.
    pub transform: Signal<String>,
}

/// The [`AnnotationShape`] of annotation `id`.
#[must_use]
pub fn annotation_shape(id: AnnotationId, offset: MoveOffset) -> AnnotationShape {
    let editor = Editor::get();
    let a = Memo::new(move |_| {
        editor
            .design
            .with(|d| d.annotations.iter().find(|a| a.id == id).cloned())
    });
    let selected = Signal::derive(move || editor.selection.with(|s| s.annotations.contains(&id)));
    let carried = Memo::new(move |_| {
        offset
            .carried
            .with(|c| c.as_ref().is_some_and(|s| s.annotations.contains(&id)))
    });
    let transform = Signal::derive(move || {
        let p = a.with(|a| a.as_ref().map(|a| a.pos)).unwrap_or_default();
        let p = if carried.get() {
            shifted(p, offset.delta.get())
        } else {
            p
        };
        format!("translate({:.1} {:.1})", p.x, p.y)
    });
    AnnotationShape {
        a,
        selected,
        transform,
    }
}

/// A text or sticky note.
#[component]
pub fn NoteView(
    /// The note drawn.
    id: AnnotationId,
    /// What is being dragged.
    offset: MoveOffset,
) -> impl IntoView {
    let AnnotationShape {
        a,
        selected,
        transform,
    } = annotation_shape(id, offset);
    let sticky = move || a.with(|a| a.as_ref().is_some_and(|a| a.kind == AnnotationKind::Sticky));
    let lines = move || {
        a.with(|a| {
            a.as_ref()
                .map(|a| {
                    a.text
                        .lines()
                        .take(geom::NOTE_LINES)
                        .map(|l| ellipsize(l, 26))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    };
    view! {
        <g class="note" class:sticky=sticky class:selected=selected data-note-id=id.to_string() transform=transform>
            <rect class="note-box" x="0" y="0" width=geom::NOTE_W height=move || geom::note_height(if sticky() { AnnotationKind::Sticky } else { AnnotationKind::Text }, lines().len()) rx="6" />
            <text x="12" y="22">
                {move || {
                    lines()
                        .into_iter()
                        .enumerate()
                        .map(|(i, l)| view! { <tspan x="12" dy=if i == 0 { "0" } else { "1.35em" }>{l}</tspan> })
                        .collect_view()
                }}
            </text>
        </g>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_shortened() {
        assert_eq!(ellipsize("abc", 5), "abc");
        assert_eq!(ellipsize("abcdefgh", 5), "abcd…");
    }
}
